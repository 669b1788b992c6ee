import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type EmployeeRef, type UnitRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { fileUpload, pdf } from '../../../../test/helpers/evidence.ts';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { testPng } from '../../../server/documents/test-images.ts';
import type {
  Finding,
  FollowUpList,
  InspectionDetail,
  InspectionList,
} from '../../../shared/api/inspections.ts';

/*
 * Inspections (sidak) through the API on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 * Clock: Thu 15 Jan 2026 02:00Z = 09:00 WIB (national rulebook, work from 07:30).
 *
 *   PROV ─┬─ OPD-A: hadir (punched 07:10 → PRESENT), bolos (nothing → NOT_YET_IN), izin (S approved → PERMIT),
 *         │         the admin OPD of A
 *         ├─ OPD-B: the admin OPD of B
 *         └─ INSP: the BKD officer (whole organisation), inspektur 1 and 2 (INSPEKTORAT, whole organisation),
 *                  inspektur A (INSPEKTORAT over OPD-A only)
 */
describe('inspections (sidak) API', () => {
  let t: TestApp;
  let opdA: UnitRef;
  let opdB: UnitRef;
  const e: Record<string, EmployeeRef> = {};
  const c: Record<string, Client> = {};
  const uid: Record<string, string> = {};
  let unannounced: string;

  const uuid = () => crypto.randomUUID();
  const detail = async (client: Client, id: string) => {
    const res = await client.get(`/api/inspections/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<InspectionDetail>();
  };
  const row = (d: InspectionDetail, who: string) => d.roster.find((r) => r.employeeId === e[who]!.id)!;
  const count = async (table: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

  beforeAll(async () => {
    t = await createTestApp({
      demo: false,
      now: '2026-01-15T02:00:00Z',
      env: { ATTACHMENT_MAX_BYTES: '200000' },
    });
    const f = factories(t);
    await f.rulebooks();
    const root = await f.unit({ code: 'PROV' });
    opdA = await f.unit({ code: 'OPD-A', kind: 'OPD', parent: root });
    opdB = await f.unit({ code: 'OPD-B', kind: 'OPD', parent: root });
    const insp = await f.unit({ code: 'INSP', kind: 'OPD', parent: root });
    for (const k of ['hadir', 'bolos', 'izin']) e[k] = await f.employee({ unit: opdA, name: `Pegawai ${k}` });
    await f.punches(e.hadir!, [{ at: '2026-01-15 07:10:00', kind: 'IN' }]);
    const admin = await f.admin();
    await sql`insert into permits (employee_id, kind, date_from, date_to, reason, status, requested_by)
      values (${e.izin!.id}, 'S', '2026-01-15', '2026-01-15', 'Sakit', 'DISETUJUI', ${admin.userId})`.execute(
      t.db,
    );
    const accounts: [string, UnitRef, 'ADMIN_OPD' | 'BKD' | 'INSPEKTORAT', UnitRef | null][] = [
      ['adminA', opdA, 'ADMIN_OPD', opdA],
      ['adminB', opdB, 'ADMIN_OPD', opdB],
      ['bkd', insp, 'BKD', null],
      ['insp1', insp, 'INSPEKTORAT', null],
      ['insp2', insp, 'INSPEKTORAT', null],
      ['inspA', insp, 'INSPEKTORAT', opdA],
    ];
    for (const [key, unit, role, scope] of accounts) {
      e[key] = await f.employee({ unit, name: `Akun ${key}` });
      const acc = await f.account(e[key]);
      await f.grant(acc, role, scope);
      uid[key] = acc.userId;
      c[key] = await login(t.app, acc.username);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('BKD plans an unannounced inspection; the inspected unit cannot see it before it starts', async () => {
    const res = await c.bkd!.post('/api/inspections', {
      title: 'Sidak kehadiran OPD A',
      kind: 'UNANNOUNCED',
      date: '2026-01-15',
      unitIds: [opdA.id],
      teamUserIds: [uid.insp1, uid.inspA],
      complaintId: '11111111-2222-4333-8444-555555555555',
    });
    expect(res.statusCode, res.body).toBe(201);
    unannounced = res.json<{ id: string }>().id;
    const listRes = await c.bkd!.get('/api/inspections');
    expect(listRes.statusCode, listRes.body).toBe(200);
    const asBkd = listRes.json<InspectionList>();
    expect(asBkd.items.map((i) => [i.title, i.status, i.complaintId])).toEqual([
      ['Sidak kehadiran OPD A', 'PLANNED', '11111111-2222-4333-8444-555555555555'],
    ]);
    expect(asBkd.items[0]!.team.map((m) => m.userId).sort()).toEqual([uid.bkd, uid.insp1, uid.inspA].sort());
    expect((await c.adminA!.get('/api/inspections')).json<InspectionList>().total).toBe(0);
    expect((await c.adminA!.get(`/api/inspections/${unannounced}`)).statusCode).toBe(404);
    // An inspector with the scope sees it (schedule), but is not on the team.
    expect((await c.insp2!.get('/api/inspections')).json<InspectionList>().items[0]!.canRecord).toBe(false);
  });

  it('refuses a plan by an admin OPD, a team member without authority over the unit, and stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const body = { title: 'Sidak B', kind: 'ANNOUNCED', date: '2026-01-16', unitIds: [opdB.id] };
    const byAdmin = await c.adminA!.post('/api/inspections', body);
    expect(byAdmin.statusCode).toBe(403);
    const badTeam = await c.bkd!.post('/api/inspections', { ...body, teamUserIds: [uid.inspA] });
    expect(badTeam.statusCode).toBe(400);
    expect(badTeam.json().error.details[0].path).toBe('teamUserIds.0');
    expect(badTeam.json().error.message).toMatch(/tidak berwenang melakukan sidak atas Unit OPD-B|OPD-B/);
    const inspAOutside = await c.inspA!.post('/api/inspections', body);
    expect(inspAOutside.statusCode).toBe(403);
    const badDate = await c.bkd!.post('/api/inspections', { ...body, date: '15/01/2026' });
    expect(badDate.statusCode).toBe(400);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('only the team starts it; the roster carries each status from Abdi right now', async () => {
    const before = await dbFingerprint(t.db);
    expect((await c.insp2!.post(`/api/inspections/${unannounced}/start`)).statusCode).toBe(403);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const res = await c.insp1!.post(`/api/inspections/${unannounced}/start`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<InspectionDetail>();
    expect(d.status).toBe('IN_PROGRESS');
    expect(row(d, 'hadir').status).toBe('PRESENT');
    expect(row(d, 'bolos').status).toBe('NOT_YET_IN');
    expect(row(d, 'izin').status).toBe('PERMIT');
    // Now started, the inspected unit's admin sees it.
    expect((await c.adminA!.get('/api/inspections')).json<InspectionList>().total).toBe(1);
    expect((await c.adminB!.get(`/api/inspections/${unannounced}`)).statusCode).toBe(404);
  });

  it('marks presence idempotently and derives the discrepancies', async () => {
    const markHadir = { id: uuid(), employeeId: e.hadir!.id, found: false, note: 'Tidak ada di meja' };
    const first = await c.insp1!.post(`/api/inspections/${unannounced}/marks`, markHadir);
    expect(first.statusCode, first.body).toBe(201);
    const again = await c.insp1!.post(`/api/inspections/${unannounced}/marks`, markHadir);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: markHadir.id, duplicate: true });
    await c.inspA!.post(`/api/inspections/${unannounced}/marks`, {
      id: uuid(),
      employeeId: e.bolos!.id,
      found: false,
    });
    await c.insp1!.post(`/api/inspections/${unannounced}/marks`, {
      id: uuid(),
      employeeId: e.izin!.id,
      found: true,
    });
    expect(await count('inspection_marks')).toBe(3);
    expect((await detail(c.insp1!, unannounced)).roster.map((r) => r.markCount).sort()).toEqual([0, 1, 1, 1]);
    const d = await detail(c.insp1!, unannounced);
    expect(row(d, 'hadir').discrepancy).toBe('CHECKED_IN_NOT_FOUND');
    expect(row(d, 'bolos').discrepancy).toBe('ABSENT_NO_RECORD');
    expect(row(d, 'izin').discrepancy).toBe('AWAY_BUT_FOUND');
    expect(d.discrepancies).toMatchObject({
      CHECKED_IN_NOT_FOUND: 1,
      ABSENT_NO_RECORD: 1,
      AWAY_BUT_FOUND: 1,
      FOUND_WITHOUT_CHECK_IN: 0,
      marked: 3,
    });
  });

  it('refuses marks and findings from outside the team or scope, or for a unit not inspected; stores nothing', async () => {
    const before = await dbFingerprint(t.db);
    const notTeam = await c.insp2!.post(`/api/inspections/${unannounced}/marks`, {
      id: uuid(),
      employeeId: e.hadir!.id,
      found: true,
    });
    expect(notTeam.statusCode).toBe(403);
    const finding = { id: uuid(), note: 'Pelayanan tutup' };
    const outside = await c.inspA!.post(`/api/inspections/${unannounced}/findings`, {
      ...finding,
      unitId: opdB.id,
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toMatch(/di luar kewenangan/);
    const notInspected = await c.insp1!.post(`/api/inspections/${unannounced}/findings`, {
      ...finding,
      unitId: opdB.id,
    });
    expect(notInspected.statusCode).toBe(400);
    expect(notInspected.json().error.details[0].path).toBe('unitId');
    const stranger = await c.insp1!.post(`/api/inspections/${unannounced}/marks`, {
      id: uuid(),
      employeeId: e.adminB!.id,
      found: true,
    });
    expect(stranger.statusCode).toBe(400);
    const byAdmin = await c.adminA!.post(`/api/inspections/${unannounced}/findings`, {
      ...finding,
      unitId: opdA.id,
    });
    expect(byAdmin.statusCode).toBe(403);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  let findingId: string;
  it('records a finding against the checklist once, with a photo; refuses a PDF and an oversized photo', async () => {
    const checklist = (await c.insp1!.get('/api/inspections/checklist')).json<{
      items: { id: string; category: string }[];
    }>();
    const item = checklist.items.find((i) => i.category === 'ATTENDANCE')!;
    findingId = uuid();
    const body = {
      id: findingId,
      unitId: opdA.id,
      checklistItemId: item.id,
      employeeId: e.hadir!.id,
      note: 'Presensi tercatat 07:10 tetapi pegawai tidak ada di tempat',
    };
    expect((await c.insp1!.post(`/api/inspections/${unannounced}/findings`, body)).statusCode).toBe(201);
    expect((await c.insp1!.post(`/api/inspections/${unannounced}/findings`, body)).statusCode).toBe(200);
    expect(await count('inspection_findings')).toBe(1);
    const url = `/api/inspections/${unannounced}/findings/${findingId}/photos`;
    const photo = testPng({ text: 'temuan' });
    const up = await c.insp1!.request(fileUpload(url, 'foto.png', photo, 'image/png'));
    expect(up.statusCode, up.body).toBe(201);
    expect((await c.insp1!.request(fileUpload(url, 'foto.png', photo, 'image/png'))).statusCode).toBe(200);
    const before = await dbFingerprint(t.db);
    const asPdf = await c.insp1!.request(fileUpload(url, 'foto.png', pdf('x'), 'image/png'));
    expect(asPdf.statusCode).toBe(415);
    expect(asPdf.json().error.message).toMatch(/JPEG, PNG atau WebP/);
    const big = await c.insp1!.request(fileUpload(url, 'besar.png', Buffer.alloc(300_000, 1), 'image/png'));
    expect(big.statusCode).toBe(413);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const d = await detail(c.adminA!, unannounced);
    expect(d.findings[0]!.photos).toHaveLength(1);
    const view = await c.adminA!.get(`${url}/${d.findings[0]!.photos[0]!.id}`);
    expect(view.statusCode).toBe(200);
    expect(view.headers['content-type']).toBe('image/png');
    expect((await c.adminB!.get(`${url}/${d.findings[0]!.photos[0]!.id}`)).statusCode).toBe(404);
  });

  it('follows a finding up to closure through the assignee’s inbox, and opens a discipline case', async () => {
    const before = await dbFingerprint(t.db);
    const toB = await c.insp1!.post(`/api/inspections/findings/${findingId}/follow-up`, {
      assigneeUserId: uid.adminB,
      dueDate: '2026-01-20',
    });
    expect(toB.statusCode).toBe(400);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
    const assigned = await c.insp1!.post(`/api/inspections/findings/${findingId}/follow-up`, {
      assigneeUserId: uid.adminA,
      dueDate: '2026-01-20',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await c.adminA!.get('/api/inspections/follow-ups/count')).json()).toEqual({
      count: 1,
      overdue: 0,
    });
    const inbox = (await c.adminA!.get('/api/inspections/follow-ups')).json<FollowUpList>();
    expect(inbox.items.map((i) => [i.id, i.can.report])).toEqual([[findingId, true]]);
    const notes = await sql<{
      kind: string;
    }>`select kind from notifications where user_id = ${uid.adminA}::uuid`.execute(t.db);
    expect(notes.rows.map((n) => n.kind)).toContain('inspection_follow_up.waiting');
    const note = await sql<{ id: string }>`
      select id from notifications where user_id = ${uid.adminA}::uuid and kind = 'inspection_follow_up.waiting'`.execute(
      t.db,
    );
    const openedNote = await c.adminA!.post(`/api/notifications/${note.rows[0]!.id}/open`);
    expect(openedNote.statusCode, openedNote.body).toBe(200);
    expect(openedNote.json().link).toBe(`/sidak/tindak-lanjut?temuan=${findingId}`);
    expect((await c.adminB!.get(`/api/inspections/findings/${findingId}`)).statusCode).toBe(404);
    expect(
      (
        await c.insp1!.post(`/api/inspections/findings/${findingId}/follow-up/report`, {
          actionTaken: 'Sudah dibina',
        })
      ).statusCode,
    ).toBe(403);
    const reported = await c.adminA!.post(`/api/inspections/findings/${findingId}/follow-up/report`, {
      actionTaken: 'Pegawai dipanggil dan dibina oleh Kasubag Umum',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const closed = await c.insp1!.post(`/api/inspections/findings/${findingId}/follow-up/close`, {
      accept: true,
      note: 'Pembinaan cukup',
    });
    expect(closed.json<Finding>().followUp.status).toBe('CLOSED');
    expect((await c.adminA!.get('/api/inspections/follow-ups/count')).json().count).toBe(0);
    const opened = await c.insp1!.post(`/api/inspections/findings/${findingId}/discipline-case`, {
      violationCode: 'PASAL_4_F',
      expectedLevel: 'ringan',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const kase = await sql<{ source: string; employeeId: string }>`
      select source, employee_id as "employeeId" from discipline_cases where id = ${opened.json().caseId}::uuid`.execute(
      t.db,
    );
    expect(kase.rows).toEqual([{ source: 'INSPEKSI', employeeId: e.hadir!.id }]);
    const again = await c.insp1!.post(`/api/inspections/findings/${findingId}/discipline-case`, {
      violationCode: 'PASAL_4_F',
      expectedLevel: 'ringan',
    });
    expect(again.statusCode).toBe(409);
  });

  it('finishes the inspection and renders its report as PDF; the unit history lists it', async () => {
    const done = await c.insp1!.post(`/api/inspections/${unannounced}/finish`, {
      summary: 'Dua ketidaksesuaian berat.',
    });
    expect(done.statusCode, done.body).toBe(200);
    const res = await c.adminA!.get(`/api/inspections/${unannounced}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const history = (await c.adminA!.get(`/api/inspections?unitId=${opdA.id}`)).json<InspectionList>();
    expect(history.items.map((i) => [i.status, i.findings])).toEqual([['DONE', 1]]);
    expect((await c.adminA!.get(`/api/inspections?unitId=${opdB.id}`)).statusCode).toBe(403);
    const csv = await c.adminA!.get(`/api/inspections/export.csv?unitId=${opdA.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Sidak kehadiran OPD A');
    expect(csv.body).toContain('15/01/2026');
    expect((await c.adminB!.get('/api/inspections/export.csv')).body).not.toContain('Sidak kehadiran OPD A');
    const late = await c.insp1!.post(`/api/inspections/${unannounced}/marks`, {
      id: uuid(),
      employeeId: e.bolos!.id,
      found: true,
    });
    expect(late.statusCode).toBe(409);
  });

  it('GET requests store nothing', async () => {
    const before = await dbFingerprint(t.db);
    await c.adminA!.get('/api/inspections');
    await c.insp1!.get(`/api/inspections/${unannounced}`);
    await c.adminA!.get('/api/inspections/follow-ups?mine=0');
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });
});
