import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../test/helpers/test-app.ts';
import { migrations } from '../db/migrations/index.ts';

/*
 * Migrations 202612070301/0302 move the files of before issue 14 into `attachments` and their views into
 * `attachment_views`, nothing lost: taken back to the old tables (down) and moved again (up), every permit letter,
 * correction evidence, leave attachment, waiting upload and view is where it was.
 */

const png = (tag: string) =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(tag),
  ]);
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n%%EOF\n`);

describe('moving request and leave files to attachments', () => {
  let t: TestApp;
  let pegawai: Client;
  let superior: Client;

  const upload = async (c: Client, content: Buffer, name: string) => {
    const mp = multipart({}, { field: 'file', name, content, type: 'application/octet-stream' });
    const res = await c.request({
      method: 'POST',
      url: '/api/permits/files',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().hash as string;
  };
  const attachments = async () =>
    (
      await t.db
        .selectFrom('attachments')
        .select([
          'ownerKind',
          'ownerId',
          'kind',
          'mime',
          'sizeBytes',
          'sha256',
          'fileName',
          'uploadedBy',
          'retentionClass',
        ])
        .execute()
    ).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const views = () =>
    t.db
      .selectFrom('requestFileViews')
      .select(['fileHash', 'entityType', 'entityId', 'viewerId'])
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const p = d.employees.find(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        !grantNips.has(e.nip) &&
        e.employeeType === 'PNS' &&
        e.activeFrom <= '2019-01-01' &&
        !d.employees.some((x) => x.superiorNip === e.nip),
    )!;
    pegawai = await login(t.app, p.nip!);
    superior = await login(t.app, p.superiorNip!);
  });
  afterAll(() => t.close());

  it('down to request_files / request_file_views and up again keeps every file and view', async () => {
    const permit = await pegawai.post('/api/permits', {
      kind: 'DIKLAT',
      dateFrom: '2026-07-06',
      dateTo: '2026-07-07',
      reason: 'Pelatihan',
      letterNumber: 'SPT/1',
      letterDate: '2026-07-01',
      fileHash: await upload(pegawai, pdf('spt'), 'spt.pdf'),
    });
    expect(permit.statusCode, permit.body).toBe(201);
    const correction = await pegawai.post('/api/corrections', {
      date: '2026-01-12',
      checkIn: '07:31',
      category: 'LUPA_PRESENSI',
      reason: 'Lupa presensi masuk',
      evidenceHash: await upload(pegawai, png('bukti'), 'bukti.png'),
    });
    expect(correction.statusCode, correction.body).toBe(201);
    await upload(pegawai, pdf('belum dipakai'), 'cadangan.pdf');
    const mp = multipart(
      {
        request: JSON.stringify({
          type: 'CS',
          from: '2026-02-03',
          to: '2026-02-04',
          reason: 'Demam',
          attachmentKind: 'SURAT_DOKTER',
        }),
      },
      { field: 'attachment', name: 'dokter.pdf', content: pdf('dokter'), type: 'application/pdf' },
    );
    const leave = await pegawai.request({ method: 'POST', url: '/api/leave/requests', ...mp });
    expect(leave.statusCode, leave.body).toBe(201);
    for (const url of [
      `/api/permits/${permit.json().id}/file`,
      `/api/corrections/${correction.json().id}/evidence`,
    ])
      expect((await superior.get(url)).statusCode).toBe(200);

    const before = { attachments: await attachments(), views: await views() };
    expect(before.attachments.map((a) => a.kind).sort()).toEqual([
      'correction_evidence',
      'leave_evidence',
      'permit_letter',
      'request_upload',
      'request_upload',
      'request_upload',
    ]);
    expect(before.views).toHaveLength(2);

    await migrations['202612070302_create-attachment-views']!.down!(t.db);
    await migrations['202612070301_move-request-and-leave-files-to-attachments']!.down!(t.db);
    const old = await sql<{ n: number }>`select count(*)::int as n from request_files`.execute(t.db);
    expect(old.rows[0]!.n).toBe(3);
    expect(await sql`select 1 from attachments`.execute(t.db).then((r) => r.rows.length)).toBe(0);

    await migrations['202612070301_move-request-and-leave-files-to-attachments']!.up(t.db);
    await migrations['202612070302_create-attachment-views']!.up(t.db);
    expect({ attachments: await attachments(), views: await views() }).toEqual(before);
    const linked = await t.db.selectFrom('attachmentViews').select('attachmentId').execute();
    expect(linked.every((v) => v.attachmentId !== null)).toBe(true);
  });
});
