import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Client, TestApp } from './test-app.ts';

/*
 * The inspections cases of test/security/concurrency.test.ts (not a test itself): for every decision route of the module,
 * N identical calls fired at once give one success and N−1 clear answers, and one effect in the database; the
 * module's other state-changing routes are listed in `inspectionsNotDecisions` with the reason they need no case.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB. The BKD officer plans each inspection (so is on its team)
 * of its own unit, outside Dinkes (ESDM, DLHK, PUPR: no other case of the file inspects them), and is the
 * assignee of the follow-ups (BKD reads every unit).
 */

export interface InspectionsConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client; superAdmin: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(
    rs: LightMyRequestResponse[],
    said: RegExp,
    alsoAllowed?: { status: number; code: string; said: RegExp }[],
  ): LightMyRequestResponse;
}

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const inspectionsNotDecisions: Record<string, string> = {
  'POST /api/inspections': 'plans an inspection: a creation, a new row per call (nothing pending is decided)',
  'POST /api/inspections/checklist':
    'adds a checklist item; category and label are unique (`on conflict do nothing`): a repeat is refused with 409 and stores nothing',
  'PATCH /api/inspections/checklist/{id}':
    'retires or restores an item to the value sent: N identical calls leave the same state, each edit audited',
  'POST /api/inspections/{id}/marks':
    "a presence mark carries the phone's own id (offline queue): stored once (`on conflict (id) do nothing`), a repeat answers duplicate: true",
  'POST /api/inspections/{id}/findings':
    "a finding carries the phone's own id (offline queue): stored once (`on conflict (id) do nothing`), a repeat answers duplicate: true",
  'POST /api/inspections/{id}/findings/{findingId}/photos':
    "a photo is stored once per finding and content (unique on finding and SHA-256, under the finding's row lock): a repeat answers duplicate: true",
  'POST /api/inspections/findings/{findingId}/follow-up':
    "sets who must act and by when to the values sent, under the finding's row lock: the last writer wins, each (re)assignment audited and told to the assignee; a closed follow-up is refused (409)",
};

const count = async (t: TestApp, action: string, entityId: string) =>
  Number(
    (
      await t.db
        .selectFrom('auditLog')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('entityId', '=', entityId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as Record<string, unknown>;
};

/** An announced inspection of the unit today, planned by BKD; started when `start` (its roster taken). */
async function inspection(t: TestApp, bkd: Client, unitCode: string, start: boolean) {
  const unit = await t.db
    .selectFrom('units')
    .select('id')
    .where('code', '=', unitCode)
    .executeTakeFirstOrThrow();
  const { id } = (await ok(
    bkd.post('/api/inspections', {
      title: `Sidak bersamaan ${unitCode}`,
      kind: 'ANNOUNCED',
      date: '2026-01-15',
      unitIds: [unit.id],
    }),
    201,
  )) as { id: string };
  let employeeId: string | null = null;
  if (start) {
    const d = (await ok(bkd.post(`/api/inspections/${id}/start`))) as { roster: { employeeId: string }[] };
    expect(d.roster.length).toBeGreaterThan(0);
    employeeId = d.roster[0]!.employeeId;
  }
  return { id, unitId: unit.id, employeeId };
}

/** A finding about an employee in a started inspection of the unit; with `assigned` its follow-up is BKD's. */
async function finding(t: TestApp, bkd: Client, unitCode: string, assigned: boolean) {
  const insp = await inspection(t, bkd, unitCode, true);
  const findingId = crypto.randomUUID();
  await ok(
    bkd.post(`/api/inspections/${insp.id}/findings`, {
      id: findingId,
      unitId: insp.unitId,
      employeeId: insp.employeeId,
      note: 'Pegawai tidak berada di tempat saat sidak',
    }),
    201,
  );
  if (assigned)
    await ok(
      bkd.post(`/api/inspections/findings/${findingId}/follow-up`, {
        assigneeUserId: bkd.me.user.id,
        dueDate: '2026-01-20',
      }),
    );
  return { ...insp, findingId };
}

const statusOf = async (t: TestApp, id: string) =>
  (await t.db.selectFrom('inspections').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

const followUpOf = async (t: TestApp, id: string) =>
  await t.db
    .selectFrom('inspectionFindings')
    .select(['followUpStatus', 'disciplineCaseId'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The concurrency cases of the module's decision routes. */
export function inspectionsCases(deps: InspectionsConcurrencyDeps): Record<string, () => Promise<void>> {
  return {
    // Starting again while in progress refreshes the roster by design (documented replay): every call answers 200,
    // the inspection is started once (one `inspection.started`), each repeat audited as a refresh, one roster row
    // per employee.
    'POST /api/inspections/{id}/start': async () => {
      const { t, bkd } = deps.get();
      const { id } = await inspection(t, bkd, 'ESDM-MINERBA', false);
      const rs = await deps.fire(() => bkd.post(`/api/inspections/${id}/start`));
      expect(rs.map((r) => r.statusCode)).toEqual(rs.map(() => 200));
      expect(await count(t, 'inspection.started', id)).toBe(1);
      expect(await count(t, 'inspection.roster_refreshed', id)).toBe(rs.length - 1);
      expect(await statusOf(t, id)).toBe('IN_PROGRESS');
      const roster = await t.db
        .selectFrom('inspectionRoster')
        .select('employeeId')
        .where('inspectionId', '=', id)
        .execute();
      const ids = roster.map((r) => r.employeeId);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
    },
    'POST /api/inspections/{id}/finish': async () => {
      const { t, bkd } = deps.get();
      const { id } = await inspection(t, bkd, 'ESDM-EBTKE', true);
      const rs = await deps.fire(() =>
        bkd.post(`/api/inspections/${id}/finish`, { summary: 'Sidak selesai tanpa temuan berat.' }),
      );
      deps.expectOneWinner(rs, /Sidak sudah selesai atau dibatalkan/);
      expect(await count(t, 'inspection.finished', id)).toBe(1);
      expect(await statusOf(t, id)).toBe('DONE');
    },
    'POST /api/inspections/{id}/cancel': async () => {
      const { t, bkd } = deps.get();
      const { id } = await inspection(t, bkd, 'DLHK-PPKL', false);
      const rs = await deps.fire(() => bkd.post(`/api/inspections/${id}/cancel`));
      deps.expectOneWinner(rs, /Hanya sidak yang belum dimulai yang dapat dibatalkan/);
      expect(await count(t, 'inspection.cancelled', id)).toBe(1);
      expect(await statusOf(t, id)).toBe('CANCELLED');
    },
    'POST /api/inspections/findings/{findingId}/follow-up/report': async () => {
      const { t, bkd } = deps.get();
      const { findingId } = await finding(t, bkd, 'DLHK-HUT', true);
      const rs = await deps.fire(() =>
        bkd.post(`/api/inspections/findings/${findingId}/follow-up/report`, {
          actionTaken: 'Pegawai dipanggil dan dibina',
        }),
      );
      deps.expectOneWinner(rs, /sudah dilaporkan dan menunggu penilaian tim sidak/);
      expect(await count(t, 'inspection_finding.reported', findingId)).toBe(1);
      expect((await followUpOf(t, findingId)).followUpStatus).toBe('REPORTED');
    },
    'POST /api/inspections/findings/{findingId}/follow-up/close': async () => {
      const { t, bkd } = deps.get();
      const { findingId } = await finding(t, bkd, 'PUPR-TR', true);
      await ok(
        bkd.post(`/api/inspections/findings/${findingId}/follow-up/report`, {
          actionTaken: 'Pegawai dipanggil dan dibina',
        }),
      );
      const rs = await deps.fire(() =>
        bkd.post(`/api/inspections/findings/${findingId}/follow-up/close`, {
          accept: true,
          note: 'Pembinaan cukup',
        }),
      );
      deps.expectOneWinner(rs, /sudah diterima dan ditutup/);
      expect(await count(t, 'inspection_finding.closed', findingId)).toBe(1);
      expect((await followUpOf(t, findingId)).followUpStatus).toBe('CLOSED');
    },
    'POST /api/inspections/findings/{findingId}/discipline-case': async () => {
      const { t, bkd } = deps.get();
      const { findingId, employeeId } = await finding(t, bkd, 'PUPR-SDA', false);
      const rs = await deps.fire(() =>
        bkd.post(`/api/inspections/findings/${findingId}/discipline-case`, {
          violationCode: 'PASAL_4_F',
          expectedLevel: 'ringan',
        }),
      );
      const won = deps.expectOneWinner(rs, /Temuan ini sudah membuka kasus disiplin/);
      const caseId = (won.json() as { caseId: string }).caseId;
      expect(await count(t, 'inspection_finding.case_opened', findingId)).toBe(1);
      expect((await followUpOf(t, findingId)).disciplineCaseId).toBe(caseId);
      const cases = await t.db
        .selectFrom('disciplineCases')
        .select('id')
        .where('employeeId', '=', employeeId!)
        .where('source', '=', 'INSPEKSI')
        .execute();
      expect(cases.map((c) => c.id)).toEqual([caseId]);
    },
  };
}
