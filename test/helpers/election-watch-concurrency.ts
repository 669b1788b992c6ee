import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { login, type Client, type TestApp } from './test-app.ts';

/*
 * The election-watch cases of test/security/concurrency.test.ts (not a test itself): for every decision route of the module,
 * N identical calls fired at once give one success and N−1 clear answers, and one effect in the database; the
 * module's other state-changing routes are listed in `electionWatchNotDecisions` with the reason they need no case.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB. The acknowledgement case uses DLHK (its head), the neutrality
 * case a staff member of Dinas PUPR; no other case of the file uses them.
 */

export interface ElectionWatchConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client; superAdmin: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(
    rs: LightMyRequestResponse[],
    said: RegExp,
    alsoAllowed?: { status: number; code: string; said: RegExp }[],
  ): LightMyRequestResponse;
}

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const electionWatchNotDecisions: Record<string, string> = {
  'POST /api/election-watch/periods':
    'a creation: each declaration stores a new period (with its stages and units) and its own audit entry; no pending state is decided',
  'POST /api/election-watch/neutrality':
    'a creation: each call records a new neutrality report (a new row, audited); the decision on it is the case of /decision',
};

const ok = (r: LightMyRequestResponse, status: number) => {
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as { id: string };
};

async function unitId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

async function audits(t: TestApp, action: string, entityId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from audit_log where action = ${action} and entity_id = ${entityId}`.execute(
    t.db,
  );
  return r.rows[0]!.n;
}

/** The concurrency cases of the module's decision routes. */
export function electionWatchCases(deps: ElectionWatchConcurrencyDeps): Record<string, () => Promise<void>> {
  return {
    'POST /api/election-watch/periods/{id}/acknowledgements': async () => {
      const { t, bkd } = deps.get();
      const opd = await unitId(t, 'DLHK');
      const head = t.demo.employees.find(
        (e) => e.unitCode === 'DLHK' && e.positionCode === 'DLHK:KEPALA' && e.nip,
      )!;
      const kadis = await login(t.app, head.nip!);
      const period = ok(
        await bkd.post('/api/election-watch/periods', {
          name: 'Pengawasan uji bersamaan DLHK',
          kind: 'PILKADA',
          legalBasis: 'SE Uji Konkurensi 1/2026',
          startsOn: '2026-01-12',
          endsOn: '2026-01-23',
          unitIds: [opd],
        }),
        201,
      );
      const url = `/api/election-watch/periods/${period.id}/acknowledgements`;
      const body = { unitId: opd, date: '2026-01-14', note: 'Sudah diperiksa.' };
      const rs = await deps.fire(() => kadis.post(url, body));
      const won = deps.expectOneWinner(rs, /^Daftar hari ini sudah dikonfirmasi untuk OPD ini$/);
      const ackId = (won.json() as { id: string }).id;
      const acks = await sql<{ id: string }>`
        select id from election_watch_acks where period_id = ${period.id}::uuid`.execute(t.db);
      expect(acks.rows.map((a) => a.id)).toEqual([ackId]);
      expect(await audits(t, 'election_watch.acknowledged', ackId)).toBe(1);
    },

    'POST /api/election-watch/neutrality/{id}/decision': async () => {
      const { t, bkd } = deps.get();
      const staff = t.demo.employees.find(
        (e) => e.unitCode.startsWith('PUPR') && !e.positionCode.endsWith(':KEPALA') && e.nip,
      )!;
      const employee = await t.db
        .selectFrom('employees')
        .select('id')
        .where('nip', '=', staff.nip)
        .executeTakeFirstOrThrow();
      const conducts = (await bkd.get('/api/election-watch/neutrality/conducts?date=2026-01-10')).json() as {
        code: string;
        track: string;
      }[];
      const conduct = conducts.find((c) => c.track === 'DISIPLIN')!;
      expect(conduct).toBeDefined();
      const report = ok(
        await bkd.post('/api/election-watch/neutrality', {
          employeeId: employee.id,
          source: 'BAWASLU',
          referenceNo: 'REK-BAWASLU/UJI/01/2026',
          referenceDate: '2026-01-12',
          conductCode: conduct.code,
          conductDate: '2026-01-10',
          description: 'Menggunakan kendaraan dinas untuk mengangkut peserta kampanye pasangan calon.',
        }),
        201,
      );
      const body = { track: 'DISIPLIN', note: 'Diteruskan ke pemeriksaan disiplin.' };
      const rs = await deps.fire(() =>
        bkd.post(`/api/election-watch/neutrality/${report.id}/decision`, body),
      );
      const won = deps.expectOneWinner(rs, /^Jalur laporan ini sudah diputuskan/);
      const decided = won.json() as { track: string; disciplineCaseId: string };
      expect(decided.track).toBe('DISIPLIN');
      expect(await audits(t, 'election_watch.neutrality_decided', report.id)).toBe(1);
      // One discipline case opened from the report, the one linked to it.
      const cases = await sql<{ id: string }>`
        select id from discipline_cases where employee_id = ${employee.id}::uuid and source = 'NETRALITAS'`.execute(
        t.db,
      );
      expect(cases.rows.map((c) => c.id)).toEqual([decided.disciplineCaseId]);
    },
  };
}
