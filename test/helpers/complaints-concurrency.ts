import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createComplaintsRepo } from '../../src/server/modules/complaints/complaints-repo.ts';
import type { Client, TestApp } from './test-app.ts';

/*
 * The complaints cases of test/security/concurrency.test.ts (not a test itself): for every decision route of the module,
 * N identical calls fired at once give one success and N−1 clear answers, and one effect in the database; the
 * module's other state-changing routes are listed in `complaintsNotDecisions` with the reason they need no case.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB. Every complaint names Bidang P2P of the demo Dinkes (no
 * other case uses the unit): BKD routes, rejects and opens a discipline case; the admin OPD of Dinkes answers.
 */

const UNIT = 'DINKES-P2P';

export interface ComplaintsConcurrencyDeps {
  get(): { t: TestApp; adminOpd: Client; bkd: Client; superAdmin: Client };
  fire(call: () => Promise<LightMyRequestResponse>): Promise<LightMyRequestResponse[]>;
  expectOneWinner(
    rs: LightMyRequestResponse[],
    said: RegExp,
    alsoAllowed?: { status: number; code: string; said: RegExp }[],
  ): LightMyRequestResponse;
}

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const complaintsNotDecisions: Record<string, string> = {
  'POST /api/public/complaints':
    "a citizen's new complaint: a new row with its own tracking code per call (rate-limited per address), nothing pending is decided",
  'POST /api/public/complaints/{code}/photos':
    "adds one photo per call (a new row) under the complaint's row lock, which re-checks the status and COMPLAINT_MAX_PHOTOS: the limit holds, nothing is decided",
  'POST /api/complaints/import':
    'stores SP4N-LAPOR! rows keyed by their LAPOR! id (unique, `on conflict do nothing`): a row sent twice is stored once, the repeat counts it skipped',
};

const unitOf = (t: TestApp) =>
  t.db.selectFrom('units').select(['id', 'path']).where('code', '=', UNIT).executeTakeFirstOrThrow();

/** A received complaint about the unit (setup only: the public form's wait and token are tested in the module). */
async function received(t: TestApp, title: string): Promise<string> {
  const unit = await unitOf(t);
  const now = t.clock.now();
  return createComplaintsRepo(t.db).insert(t.db, {
    trackingHash: null,
    channel: 'LAINNYA',
    laporId: null,
    category: 'KEHADIRAN',
    unitId: unit.id,
    reportedName: null,
    title,
    description: 'Pegawai tidak berada di loket layanan selama jam layanan menurut warga.',
    incidentDate: null,
    latitude: null,
    longitude: null,
    reporterName: 'Warga Uji',
    reporterContact: '0812-0000-2222',
    receivedAt: now,
    now,
  });
}

async function routed(t: TestApp, bkd: Client, title: string): Promise<string> {
  const id = await received(t, title);
  const r = await bkd.post(`/api/complaints/${id}/route`, { handlingUnitId: (await unitOf(t)).id });
  expect(r.statusCode, r.body).toBe(200);
  return id;
}

const countOf = async (t: TestApp, table: 'auditLog' | 'complaintEvents', where: Record<string, string>) => {
  let q = t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n'));
  for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** One audit entry and one timeline event of the step, and the complaint in `status`. */
async function expectOneEffect(t: TestApp, id: string, action: string, event: string, status: string) {
  expect(await countOf(t, 'auditLog', { action, entityId: id })).toBe(1);
  expect(await countOf(t, 'complaintEvents', { complaintId: id, action: event })).toBe(1);
  const row = await t.db
    .selectFrom('complaints')
    .select('status')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe(status);
}

/** The concurrency cases of the module's decision routes. */
export function complaintsCases(deps: ComplaintsConcurrencyDeps): Record<string, () => Promise<void>> {
  return {
    'POST /api/complaints/{id}/route': async () => {
      const { t, bkd } = deps.get();
      const id = await received(t, 'Uji meneruskan bersamaan');
      const body = { handlingUnitId: (await unitOf(t)).id, note: 'Diteruskan ke bidang.' };
      const rs = await deps.fire(() => bkd.post(`/api/complaints/${id}/route`, body));
      deps.expectOneWinner(rs, /sudah diteruskan ke /);
      await expectOneEffect(t, id, 'complaint.routed', 'routed', 'DITERUSKAN');
      expect(await countOf(t, 'complaintEvents', { complaintId: id, action: 'rerouted' })).toBe(0);
    },
    'POST /api/complaints/{id}/reject': async () => {
      const { t, bkd } = deps.get();
      const id = await received(t, 'Uji menolak bersamaan');
      const body = { reason: 'Bukan kewenangan pemerintah provinsi; silakan ke instansi terkait.' };
      const rs = await deps.fire(() => bkd.post(`/api/complaints/${id}/reject`, body));
      deps.expectOneWinner(rs, /Pengaduan berstatus "[^"]+"; langkah ini hanya untuk status/);
      await expectOneEffect(t, id, 'complaint.rejected', 'rejected', 'DITOLAK');
    },
    'POST /api/complaints/{id}/answer': async () => {
      const { t, adminOpd, bkd } = deps.get();
      const id = await routed(t, bkd, 'Uji menjawab bersamaan');
      const body = { answer: 'Pegawai telah dibina dan loket kini dijaga sepanjang jam layanan.' };
      const rs = await deps.fire(() => adminOpd.post(`/api/complaints/${id}/answer`, body));
      deps.expectOneWinner(rs, /Pengaduan berstatus "[^"]+"; langkah ini hanya untuk status/);
      await expectOneEffect(t, id, 'complaint.answered', 'answered', 'DIJAWAB');
    },
    'POST /api/complaints/{id}/discipline-case': async () => {
      const { t, bkd } = deps.get();
      const id = await routed(t, bkd, 'Uji kasus disiplin bersamaan');
      const unit = await unitOf(t);
      const employee = await t.db
        .selectFrom('employees')
        .select('id')
        .where('unitId', '=', unit.id)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const body = {
        employeeId: employee.id,
        violationCode: 'PASAL_4_F',
        violationDate: '2026-01-14',
        description: 'Meninggalkan loket pada jam layanan tanpa izin menurut pengaduan masyarakat.',
        expectedLevel: 'ringan',
      };
      const rs = await deps.fire(() => bkd.post(`/api/complaints/${id}/discipline-case`, body));
      const won = deps.expectOneWinner(rs, /Pengaduan ini sudah membuka kasus disiplin/);
      const caseId = won.json<{ disciplineCaseId: string }>().disciplineCaseId;
      expect(await countOf(t, 'auditLog', { action: 'complaint.case_opened', entityId: id })).toBe(1);
      expect(await countOf(t, 'complaintEvents', { complaintId: id, action: 'case_opened' })).toBe(1);
      const row = await t.db
        .selectFrom('complaints')
        .select(['disciplineCaseId', 'number'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.disciplineCaseId).toBe(caseId);
      const cases = await t.db
        .selectFrom('disciplineCases')
        .select('id')
        .where('employeeId', '=', employee.id)
        .where('sourceRef', 'like', `Pengaduan ADU-%${row.number}`)
        .execute();
      expect(cases.map((c) => c.id)).toEqual([caseId]);
    },
  };
}
