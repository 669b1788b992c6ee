import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../db/seeds/demo-data.ts';

/*
 * The attachment service through the real API (leave and permits moved onto it), on the demo province. Clock:
 * Thursday 15 Jan 2026, 09:00 WIB. ATTACHMENT_MAX_BYTES is 4 KB here, so a 5 KB file is over it.
 */

const MAX = 4096;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const seg = (marker: number, payload: Buffer) =>
  Buffer.concat([
    Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
    payload,
  ]);
/** A phone photo: JFIF, an EXIF segment with a GPS position and the camera's serial, tables, scan, EOI. */
const photoWithGps = (tag: string) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(
      0xe1,
      Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08GPSLatitude -6.1200 GPSLongitude 106.1500 SN:CAM-77', 'latin1'),
    ),
    seg(0xfe, Buffer.from('Diambil di rumah Budi')),
    seg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from(tag, 'latin1'),
    Buffer.from([0xff, 0xd9]),
  ]);
const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${tag}\ntrailer <<>>\n%%EOF\n`);
/** An executable with a PDF's name and declared type. */
const renamedExe = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
  Buffer.alloc(120, 0x41),
]);
const renamedElf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

describe('attachments (one service for leave and permits)', () => {
  let t: TestApp;
  let pegawai: Client;
  let colleague: Client;
  let superior: Client;
  let adminOpd: Client;
  let adminOther: Client;
  const denied: Record<string, unknown>[] = [];

  const storeDir = () => path.join(t.config.photoDir, 'attachments');
  async function storedFiles(): Promise<string[]> {
    try {
      const all = await readdir(storeDir(), { recursive: true, withFileTypes: true });
      return all.filter((e) => e.isFile()).map((e) => e.name);
    } catch {
      return [];
    }
  }
  const count = async (table: 'attachments' | 'attachmentViews' | 'leaveRequests') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    attachments: await count('attachments'),
    views: await count('attachmentViews'),
    leave: await count('leaveRequests'),
    files: (await storedFiles()).sort(),
  });

  const uploadFile = (c: Client, content: Buffer, name: string, type: string) => {
    const mp = multipart({}, { field: 'file', name, content, type });
    return c.request({ method: 'POST', url: '/api/permits/files', payload: mp.payload, headers: mp.headers });
  };
  let week = 0;
  /** A cuti sakit (two days of a fresh week in Feb–Jun 2026) with an attachment. */
  function submitLeave(c: Client, content: Buffer, name: string, type: string) {
    const from = new Date(Date.UTC(2026, 1, 3 + 7 * week++)); // Tuesdays from 3 Feb
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const mp = multipart(
      {
        request: JSON.stringify({
          type: 'CS',
          from: day(from),
          to: day(new Date(from.getTime() + 86_400_000)),
          reason: 'Demam',
          attachmentKind: 'SURAT_DOKTER',
        }),
      },
      { field: 'attachment', name, content, type },
    );
    return c.request({
      method: 'POST',
      url: '/api/leave/requests',
      payload: mp.payload,
      headers: mp.headers,
    });
  }
  /** Sessions end when the clock moves on: sign in again. */
  const nipOf = async (c: Client) =>
    (
      await t.db
        .selectFrom('employees')
        .select('nip')
        .where('id', '=', c.me.user.employeeId!)
        .executeTakeFirstOrThrow()
    ).nip!;
  const errorOf = (res: LightMyRequestResponse) =>
    res.json() as {
      error: { code: string; message: string; details?: Record<string, unknown> };
      requestId: string;
    };

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000', ATTACHMENT_MAX_BYTES: String(MAX) } });
    await t.services.rulebooks.syncRepoRulebooks();
    t.services.files.setLogger({ warn: (obj) => void denied.push(obj as Record<string, unknown>) });
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const hasStaff = (e: DemoEmployee) => d.employees.some((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        !grantNips.has(e.nip) &&
        !hasStaff(e) &&
        e.employeeType === 'PNS' &&
        e.activeFrom <= '2019-01-01',
    );
    pegawai = await login(t.app, plain[0]!.nip!);
    colleague = await login(t.app, plain[1]!.nip!);
    superior = await login(t.app, d.employees.find((e) => e.nip === plain[0]!.superiorNip)!.nip!);
    adminOpd = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
    );
    adminOther = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA')!.nip!,
    );
  });
  afterAll(() => t.close());

  describe('the type is judged from the content, not the name or the declared type', () => {
    it.each([
      ['a Windows program named surat.pdf', renamedExe, 'program Windows'],
      ['a Linux program named surat.pdf', renamedElf, 'program Linux'],
    ])('%s is refused (415) on both routes, and nothing is stored', async (_n, content, words) => {
      const before = await snapshot();
      const up = await uploadFile(pegawai, content, 'surat.pdf', 'application/pdf');
      expect(up.statusCode).toBe(415);
      expect(errorOf(up).error).toMatchObject({
        code: 'UNSUPPORTED_FILE',
        details: { fileName: 'surat.pdf', declaredType: 'application/pdf' },
      });
      expect(errorOf(up).error.message).toContain(words);
      const leave = await submitLeave(pegawai, content, 'surat-dokter.pdf', 'application/pdf');
      expect(leave.statusCode).toBe(415);
      expect(errorOf(leave).error.message).toContain(words);
      expect(errorOf(leave).error.message).toContain('PDF, JPEG atau PNG');
      expect(await snapshot()).toEqual(before);
    });

    it('a WebP is a letter of assignment but not leave evidence (allowed kinds per use)', async () => {
      const webp = Buffer.concat([
        Buffer.from('RIFF\x1a\0\0\0WEBPVP8L', 'latin1'),
        Buffer.from([13, 0, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      ]);
      expect((await uploadFile(pegawai, webp, 'spt.webp', 'image/webp')).statusCode).toBe(201);
      const before = await snapshot();
      const leave = await submitLeave(pegawai, webp, 'surat.webp', 'image/webp');
      expect(leave.statusCode).toBe(415);
      expect(errorOf(leave).error.message).toContain('isi berkas "surat.webp" adalah WebP');
      expect(await snapshot()).toEqual(before);
    });
  });

  it('image metadata (EXIF with GPS, comments) is stripped before storage; the image keeps SOI, its scan and EOI', async () => {
    const photo = photoWithGps('scan-1');
    const res = await submitLeave(pegawai, photo, 'surat-dokter.jpg', 'image/jpeg');
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const served = await pegawai.get(`/api/leave/requests/${id}/attachment`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const bytes = served.rawPayload;
    const text = bytes.toString('latin1');
    expect(text).not.toMatch(/Exif|GPS|CAM-77|Budi/);
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    expect(bytes.indexOf(Buffer.from([0xff, 0xda]))).toBeGreaterThan(0);
    expect(bytes.length).toBeLessThan(photo.length);
    // The row and the store hold the stripped bytes: the hash, size and file are theirs.
    const row = await t.db
      .selectFrom('attachments')
      .selectAll()
      .where('ownerKind', '=', 'leave_request')
      .where('ownerId', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'leave_evidence',
      mime: 'image/jpeg',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
      fileName: 'surat-dokter.jpg',
      uploadedBy: pegawai.me.user.id,
      retentionClass: 'personnel',
      purgedAt: null,
    });
    expect(await storedFiles()).toContain(sha256(bytes));
    expect(await storedFiles()).not.toContain(sha256(photo));
  });

  it('a view by someone without access is refused and logged (server log), and writes nothing; allowed views are logged', async () => {
    const up = await uploadFile(pegawai, pdf('spt-9'), 'spt.pdf', 'application/pdf');
    const permit = await pegawai.post('/api/permits', {
      kind: 'DIKLAT',
      dateFrom: '2026-07-06',
      dateTo: '2026-07-07',
      reason: 'Pelatihan',
      letterNumber: 'SPT/9',
      letterDate: '2026-07-01',
      fileHash: up.json().hash,
    });
    expect(permit.statusCode, permit.body).toBe(201);
    const leave = await submitLeave(pegawai, pdf('dokter-9'), 'dokter.pdf', 'application/pdf');
    expect(leave.statusCode, leave.body).toBe(201);
    const permitUrl = `/api/permits/${permit.json().id}/file`;
    const leaveUrl = `/api/leave/requests/${leave.json().id}/attachment`;

    denied.length = 0;
    const before = await snapshot();
    expect((await colleague.get(permitUrl)).statusCode).toBe(403);
    expect((await adminOther.get(permitUrl)).statusCode).toBe(403);
    expect((await colleague.get(leaveUrl)).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    expect(denied).toEqual([
      expect.objectContaining({
        event: 'attachment_view_denied',
        ownerKind: 'permit',
        ownerId: permit.json().id,
        viewerId: colleague.me.user.id,
        reason: 'FORBIDDEN',
      }),
      expect.objectContaining({ ownerKind: 'permit', viewerId: adminOther.me.user.id, reason: 'FORBIDDEN' }),
      expect.objectContaining({
        ownerKind: 'leave_request',
        ownerId: leave.json().id,
        viewerId: colleague.me.user.id,
        reason: 'NOT_FOUND',
      }),
    ]);

    for (const c of [pegawai, superior, adminOpd]) {
      expect((await c.get(permitUrl)).statusCode).toBe(200);
      expect((await c.get(leaveUrl)).statusCode).toBe(200);
    }
    const views = await t.db
      .selectFrom('attachmentViews')
      .select(['ownerKind', 'viewerId'])
      .where('ownerId', 'in', [permit.json().id, leave.json().id])
      .orderBy('id')
      .execute();
    expect(views).toHaveLength(6);
    expect(new Set(views.map((v) => v.viewerId))).toEqual(
      new Set([pegawai, superior, adminOpd].map((c) => c.me.user.id)),
    );
    expect(denied).toHaveLength(3);
  });

  it('a file over ATTACHMENT_MAX_BYTES is refused with 413 in the error shape, naming the limit; nothing stored', async () => {
    const big = Buffer.concat([pdf('besar'), Buffer.alloc(MAX + 1000, 0x20)]);
    const before = await snapshot();
    for (const res of [
      await uploadFile(pegawai, big, 'besar.pdf', 'application/pdf'),
      await submitLeave(pegawai, big, 'besar.pdf', 'application/pdf'),
    ]) {
      expect(res.statusCode).toBe(413);
      const body = errorOf(res);
      expect(body).toEqual({
        error: {
          code: 'FILE_TOO_LARGE',
          message: expect.stringContaining('ATTACHMENT_MAX_BYTES'),
          details: { limit: 'ATTACHMENT_MAX_BYTES', max: MAX },
        },
        requestId: expect.any(String),
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the same file twice is stored once (by its SHA-256), whoever uploads it and for whatever use', async () => {
    const content = pdf('sama');
    const hash = sha256(content);
    const a = await uploadFile(pegawai, content, 'a.pdf', 'application/pdf');
    const b = await uploadFile(pegawai, content, 'b.pdf', 'application/pdf');
    const c = await uploadFile(colleague, content, 'c.pdf', 'application/pdf');
    const leave = await submitLeave(superior, content, 'surat.pdf', 'application/pdf');
    expect([a.statusCode, b.statusCode, c.statusCode, leave.statusCode]).toEqual([201, 201, 201, 201]);
    expect([a, b, c].map((r) => r.json().hash)).toEqual([hash, hash, hash]);
    expect((await storedFiles()).filter((f) => f === hash)).toHaveLength(1);
    // One waiting row per uploader, one owned row for the leave request.
    const rows = await t.db
      .selectFrom('attachments')
      .select(['ownerKind', 'uploadedBy'])
      .where('sha256', '=', hash)
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('retention by kind: waiting uploads go after 2 days, the bytes stay while a kept attachment cites them; then they go too', async () => {
    const content = pdf('retensi');
    const hash = sha256(content);
    await uploadFile(pegawai, content, 'spt.pdf', 'application/pdf');
    const permit = await pegawai.post('/api/permits', {
      kind: 'DIKLAT',
      dateFrom: '2026-08-03',
      dateTo: '2026-08-04',
      reason: 'Pelatihan',
      letterNumber: 'SPT/R',
      letterDate: '2026-07-27',
      fileHash: hash,
    });
    expect(permit.statusCode, permit.body).toBe(201);
    const url = `/api/permits/${permit.json().id}/file`;
    const rowsOf = () =>
      t.db
        .selectFrom('attachments')
        .select(['kind', 'purgedAt'])
        .where('sha256', '=', hash)
        .orderBy('kind')
        .execute();

    t.clock.advance(3 * 86_400_000);
    pegawai = await login(t.app, await nipOf(pegawai));
    expect(await t.services.files.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect((await rowsOf()).map((r) => [r.kind, r.purgedAt !== null])).toEqual([
      ['permit_letter', false],
      ['request_upload', true],
    ]);
    expect(await storedFiles()).toContain(hash);
    expect((await pegawai.get(url)).statusCode).toBe(200);
    // A waiting upload whose retention ended can no longer be cited.
    const late = await pegawai.post('/api/permits', {
      kind: 'DIKLAT',
      dateFrom: '2026-08-10',
      dateTo: '2026-08-11',
      reason: 'Pelatihan',
      letterNumber: 'SPT/R2',
      letterDate: '2026-07-27',
      fileHash: hash,
    });
    expect(late.statusCode).toBe(400);

    t.clock.advance(1826 * 86_400_000);
    pegawai = await login(t.app, await nipOf(pegawai));
    expect(await t.services.files.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect((await rowsOf()).every((r) => r.purgedAt !== null)).toBe(true);
    expect(await storedFiles()).not.toContain(hash);
    const gone = await pegawai.get(url);
    expect(gone.statusCode).toBe(404);
    expect(errorOf(gone).error.message).toContain('dihapus sesuai masa retensi');
    const entry = await t.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'attachment.purged')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({ retentionDays: { personnel: 1825, attendance: 1825, staging: 2 } });
  });
});
