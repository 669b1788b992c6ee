import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { login, type Client, type TestApp } from './test-app.ts';

/*
 * The teladan cases of test/security/concurrency.test.ts (not a test itself): for every decision route of the module,
 * N identical calls fired at once give one success and N−1 clear answers, and one effect in the database; the
 * module's other state-changing routes are listed in `teladanNotDecisions` with the reason they need no case.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB. Each case defines its own period (BKD) over Bidang Kehutanan
 * of DLHK (DLHK-HUT, no other case of the file uses it): the candidates are its PNS, the nominating superior is
 * their superior of record in the unit, the committee chair works in the DLHK secretariat (DLHK-SEK).
 * Every step of the module locks the period row first (`select … for update`) and checks its state inside that
 * transaction; nominations rely on their unique indexes (`on conflict do nothing` → 409).
 */

const UNIT = 'DLHK-HUT';
const CHAIR_UNIT = 'DLHK-SEK';

export interface TeladanConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client; superAdmin: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(
    rs: LightMyRequestResponse[],
    said: RegExp,
    alsoAllowed?: { status: number; code: string; said: RegExp }[],
  ): LightMyRequestResponse;
}

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const teladanNotDecisions: Record<string, string> = {
  'POST /api/teladan/periods':
    'a creation: each call defines a new period (its own row and audit entry) by design',
  'POST /api/teladan/periods/{id}/committee':
    'replaces the committee with the members sent, under the period row lock: N identical calls leave the same committee (last writer wins, each audited)',
  'POST /api/teladan/periods/{id}/decisions':
    "an upsert keyed (period, candidate) under the period row lock: the committee may revise a candidate's decision until publication, so N identical calls leave one decision row with the same content (each call audited)",
};

interface World {
  unitId: string;
  /** Staff of the unit (PNS) whose superior of record is `superior`. */
  staff: string[];
  superior: Client;
  chair: Client;
  chairEmployeeId: string;
}

/** The people of the cases, found in the demo data and signed in once. */
function worldOf(deps: TeladanConcurrencyDeps) {
  let w: Promise<World> | undefined;
  return () =>
    (w ??= (async () => {
      const { t } = deps.get();
      const d = t.demo;
      const granted = new Set(d.roleGrants.map((g) => g.nip));
      const pns = d.employees.filter((e) => e.nip && e.employeeType === 'PNS' && !granted.has(e.nip));
      const boss = pns.find(
        (s) => s.unitCode === UNIT && pns.some((e) => e.unitCode === UNIT && e.superiorNip === s.nip),
      )!;
      const staff = pns.filter((e) => e.unitCode === UNIT && e.superiorNip === boss.nip);
      const chairPerson = pns.find((e) => e.unitCode === CHAIR_UNIT)!;
      const superior = await login(t.app, boss.nip!);
      const chair = await login(t.app, chairPerson.nip!);
      const ids = await t.db
        .selectFrom('employees')
        .select('id')
        .where(
          'nip',
          'in',
          staff.map((e) => e.nip!),
        )
        .orderBy('nip')
        .execute();
      const unit = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', UNIT)
        .executeTakeFirstOrThrow();
      return {
        unitId: unit.id,
        staff: ids.map((r) => r.id),
        superior,
        chair,
        chairEmployeeId: chair.me.user.employeeId as string,
      };
    })());
}

const ok = (r: LightMyRequestResponse, status = 200) => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as { id: string };
};

/** The concurrency cases of the module's decision routes. */
export function teladanCases(deps: TeladanConcurrencyDeps): Record<string, () => Promise<void>> {
  const world = worldOf(deps);
  let seq = 0;

  /** A new draft period (BKD) over the unit, December 2025, ranked by nominations only; with the committee if asked. */
  async function period(committee: boolean): Promise<{ id: string; w: World }> {
    const { bkd } = deps.get();
    const w = await world();
    const { id } = ok(
      await bkd.post('/api/teladan/periods', {
        name: `ASN Teladan uji bersamaan ${++seq}`,
        year: 2025,
        fromMonth: '2025-12',
        toMonth: '2025-12',
        unitIds: [w.unitId],
        employeeTypes: ['PNS'],
        legalBasis: 'Keputusan Kepala BKD Nomor 800/99/2025',
        criteria: [
          {
            key: 'usulan',
            label: 'Usulan',
            figure: 'nominations.total',
            kind: 'scored',
            direction: 'higher',
            weight: 1,
          },
        ],
        winnersPerOpd: 1,
        winnersRegion: 0,
      }),
      201,
    );
    if (committee)
      ok(
        await bkd.post(`/api/teladan/periods/${id}/committee`, {
          members: [{ employeeId: w.chairEmployeeId, role: 'KETUA' }],
        }),
      );
    return { id, w };
  }

  async function audits(action: string, entityId: string): Promise<number> {
    const { t } = deps.get();
    const r = await t.db
      .selectFrom('auditLog')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('entityId', '=', entityId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async function nominationIds(periodId: string): Promise<string[]> {
    const { t } = deps.get();
    return (
      await t.db.selectFrom('teladanNominations').select('id').where('periodId', '=', periodId).execute()
    ).map((r) => r.id);
  }

  async function snapshots(periodId: string): Promise<string[]> {
    const { t } = deps.get();
    return (
      await t.db
        .selectFrom('teladanSnapshots')
        .select('stage')
        .where('periodId', '=', periodId)
        .orderBy('stage')
        .execute()
    ).map((r) => r.stage);
  }

  async function statusOf(periodId: string): Promise<string> {
    const { t } = deps.get();
    return (
      await t.db
        .selectFrom('teladanPeriods')
        .select('status')
        .where('id', '=', periodId)
        .executeTakeFirstOrThrow()
    ).status;
  }

  return {
    'POST /api/teladan/periods/{id}/nominations': async () => {
      const { id, w } = await period(false);
      const body = { employeeId: w.staff[0]!, reason: 'Selalu hadir tepat waktu dan membantu rekan.' };
      const rs = await deps.fire(() => w.superior.post(`/api/teladan/periods/${id}/nominations`, body));
      const won = deps.expectOneWinner(rs, /Anda sudah mengusulkan pegawai ini pada periode ini/);
      expect(won.statusCode).toBe(201);
      const rows = await nominationIds(id);
      expect(rows).toEqual([won.json().id]);
      expect(await audits('teladan_nomination.recorded', rows[0]!)).toBe(1);
    },

    'POST /api/teladan/periods/{id}/public-nominations': async () => {
      const { bkd } = deps.get();
      const { id, w } = await period(false);
      const body = {
        employeeId: w.staff[0]!,
        reason: 'Pelayanan perizinan yang cepat dan ramah.',
        source: 'SP4N-LAPOR!',
        reference: 'LAPOR-2026-0115-77',
      };
      const rs = await deps.fire(() => bkd.post(`/api/teladan/periods/${id}/public-nominations`, body));
      const won = deps.expectOneWinner(rs, /Usulan dengan saluran dan nomor rujukan ini sudah dicatat/);
      expect(won.statusCode).toBe(201);
      const rows = await nominationIds(id);
      expect(rows).toEqual([won.json().id]);
      expect(await audits('teladan_nomination.recorded', rows[0]!)).toBe(1);
    },

    'POST /api/teladan/periods/{id}/review': async () => {
      const { bkd } = deps.get();
      const { id } = await period(true);
      const rs = await deps.fire(() => bkd.post(`/api/teladan/periods/${id}/review`, {}));
      deps.expectOneWinner(rs, /Penilaian periode ini sudah dimulai/);
      expect(await statusOf(id)).toBe('REVIEW');
      expect(await snapshots(id)).toEqual(['REVIEW']);
      expect(await audits('teladan_period.review_started', id)).toBe(1);
    },

    'POST /api/teladan/periods/{id}/publish': async () => {
      const { t, bkd } = deps.get();
      const { id, w } = await period(true);
      ok(await bkd.post(`/api/teladan/periods/${id}/review`, {}));
      ok(
        await w.chair.post(`/api/teladan/periods/${id}/decisions`, {
          employeeId: w.staff[0]!,
          decision: 'WINNER',
          category: 'OPD',
          note: 'Usulan terbanyak di bidangnya.',
        }),
      );
      const rs = await deps.fire(() => w.chair.post(`/api/teladan/periods/${id}/publish`, {}));
      const won = deps.expectOneWinner(rs, /Pemenang periode ini sudah diumumkan/);
      expect(won.json()).toEqual({ awards: 1 });
      expect(await statusOf(id)).toBe('PUBLISHED');
      expect(await snapshots(id)).toEqual(['PUBLISHED', 'REVIEW']);
      expect(await audits('teladan_period.published', id)).toBe(1);
      const awards = await t.db
        .selectFrom('teladanAwards')
        .select(['employeeId', 'letterNumber'])
        .where('periodId', '=', id)
        .execute();
      expect(awards).toEqual([{ employeeId: w.staff[0]!, letterNumber: '1/TELADAN/2025' }]);
      const notified = await t.db
        .selectFrom('notifications')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('kind', '=', 'teladan_award.published')
        .where('subjectEmployeeId', '=', w.staff[0]!)
        .executeTakeFirstOrThrow();
      expect(Number(notified.n)).toBe(1);
    },
  };
}
