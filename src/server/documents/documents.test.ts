import type { LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../test/helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../../../test/helpers/db-fingerprint.ts';
import type { DemoEmployee } from '../db/seeds/demo-data.ts';
import { testPng } from './test-images.ts';

/*
 * The document layer's shared parts through the real API on the demo province (clock Thursday 15 Jan 2026 09:00
 * WIB): BKD sets letterheads and letter-number schemes; everyone else is refused and nothing is stored; numbers
 * are taken per scheme (unit × letter type) and year inside the issuing transaction; the leave letter carries
 * both, and the names in it print exactly (read back from the PDF).
 */

type Who = 'superAdmin' | 'bkd' | 'adminOpd' | 'inspektorat' | 'pimpinan' | 'pegawai' | 'superior' | 'head';

describe('documents: letterheads and letter numbers', () => {
  let t: TestApp;
  const c = {} as Record<Who, Client>;
  const unit = {} as Record<'root' | 'dinkes' | 'curug' | 'bapenda', string>;
  let pegawai: DemoEmployee;

  const put = (who: Who, url: string, payload: object) => c[who].request({ method: 'PUT', url, payload });
  const uploadLogo = (who: Who, unitId: string | null, content: Buffer, name = 'logo.png') => {
    const mp = multipart(unitId ? { unitId } : {}, { field: 'logo', name, content, type: 'image/png' });
    return c[who].request({
      method: 'POST',
      url: '/api/documents/letterheads/logo',
      payload: mp.payload,
      headers: mp.headers,
    });
  };
  const scheme = (unitId: string, pattern: string, extra: object = {}) => ({
    unitId,
    letterType: 'CUTI',
    pattern,
    classificationCode: '800.1.11.4',
    counterDigits: 4,
    ...extra,
  });
  const issue = (unitId: string, date: string) =>
    t.db
      .transaction()
      .execute((trx) => t.services.documents.issueNumber(trx, { unitId, letterType: 'CUTI', date }));
  /** What a refused request must leave unchanged (sessions are touched by every signed-in request). */
  async function unchangedBy(send: () => Promise<LightMyRequestResponse>) {
    const before = await dbFingerprint(t.db);
    const res = await send();
    const changed = changedTables(before, await dbFingerprint(t.db)).filter((x) => x !== 'sessions');
    return { res, changed };
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grant = (role: string, unitCode: string) =>
      d.roleGrants.find((g) => g.role === role && g.unitCode === unitCode)!.nip!;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const hasStaff = (e: DemoEmployee) => d.employees.some((x) => e.nip && x.superiorNip === e.nip);
    pegawai = d.employees.find(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        e.employeeType === 'PNS' &&
        e.activeFrom <= '2019-01-01' &&
        !grantNips.has(e.nip) &&
        !hasStaff(e),
    )!;
    const nips: Record<Exclude<Who, 'superAdmin'>, string> = {
      bkd: d.roleGrants.find((g) => g.role === 'BKD')!.nip!,
      adminOpd: grant('ADMIN_OPD', 'DINKES'),
      inspektorat: d.roleGrants.find((g) => g.role === 'INSPEKTORAT')!.nip!,
      pimpinan: grant('PIMPINAN', 'DINKES'),
      pegawai: pegawai.nip!,
      superior: pegawai.superiorNip!,
      head: d.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!.nip!,
    };
    c.superAdmin = await login(t.app, 'admin');
    for (const [who, nip] of Object.entries(nips) as [Who, string][]) c[who] = await login(t.app, nip);
    const units = await t.db.selectFrom('units').select(['id', 'code', 'parentId']).execute();
    const byCode = (code: string) => units.find((u) => u.code === code)!.id;
    unit.root = units.find((u) => u.parentId === null)!.id;
    unit.dinkes = byCode('DINKES');
    unit.curug = byCode('DINKES-PKM-CURUG');
    unit.bapenda = byCode('BAPENDA');
  }, 180_000);
  afterAll(() => t?.close());

  describe('letterheads (kop surat)', () => {
    it('BKD sets the region’s and a unit’s letterhead and logo; a unit’s letters carry them, audited', async () => {
      const region = await put('bkd', '/api/documents/letterheads', {
        unitId: null,
        regionName: 'Pemerintah Provinsi Banten',
      });
      expect(region.statusCode, region.body).toBe(200);
      const own = await put('bkd', '/api/documents/letterheads', {
        unitId: unit.dinkes,
        agencyName: 'Dinas Kesehatan Provinsi Banten',
        address: 'Jl. Ṭāhir No. 5, Serang',
        contact: 'Telepon (0254) 200000',
      });
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json()).toMatchObject({
        unitId: unit.dinkes,
        agencyName: 'Dinas Kesehatan Provinsi Banten',
      });

      // The logo: metadata (a text chunk with a location) stripped before it is stored.
      const logo = await uploadLogo('bkd', null, testPng({ text: 'GPS -6.12 106.15' }));
      expect(logo.statusCode, logo.body).toBe(200);
      expect(logo.json().logo.type).toBe('image/png');
      const stored = await t.db
        .selectFrom('letterheads')
        .select('logo')
        .where('unitId', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Buffer.from(stored.logo!).includes('GPS')).toBe(false);
      expect(Buffer.from(stored.logo!).subarray(1, 4).toString()).toBe('PNG');

      // BKD's page shows the stored logo (the stripped bytes); another role may not read it; no logo is a 404.
      const shown = await c.bkd.get('/api/documents/letterheads/logo');
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(shown.rawPayload, Buffer.from(stored.logo!))).toBe(0);
      expect((await c.adminOpd.get('/api/documents/letterheads/logo')).statusCode).toBe(403);
      expect((await c.bkd.get(`/api/documents/letterheads/logo?unitId=${unit.bapenda}`)).statusCode).toBe(
        404,
      );

      const dinkes = await t.services.documents.letterheadFor(unit.dinkes);
      expect(dinkes).toMatchObject({
        regionName: 'Pemerintah Provinsi Banten',
        agencyName: 'Dinas Kesehatan Provinsi Banten',
        address: 'Jl. Ṭāhir No. 5, Serang',
        contact: 'Telepon (0254) 200000',
      });
      expect(dinkes.logoBase64).toBe(Buffer.from(stored.logo!).toString('base64'));
      // A unit without its own row: its own name and address, the region's name and logo.
      const curug = await t.services.documents.letterheadFor(unit.curug);
      const curugRow = await t.db
        .selectFrom('units')
        .select(['name', 'address'])
        .where('id', '=', unit.curug)
        .executeTakeFirstOrThrow();
      expect(curug).toMatchObject({
        regionName: 'Pemerintah Provinsi Banten',
        agencyName: curugRow.name,
        address: curugRow.address,
        contact: null,
      });
      expect(curug.logoBase64).toBe(dinkes.logoBase64);

      const audit = await t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityType', '=', 'letterhead')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'document.letterhead_set',
        'document.letterhead_set',
        'document.letterhead_logo_set',
      ]);
      const list = await c.bkd.get('/api/documents/letterheads');
      expect(list.json().items.map((i: { unitId: string | null }) => i.unitId)).toEqual([null, unit.dinkes]);
    });

    it.each<[Who]>([['pegawai'], ['adminOpd'], ['inspektorat'], ['pimpinan'], ['head']])(
      '%s may not set a letterhead, its logo or a scheme (403), and nothing is stored',
      async (who) => {
        for (const send of [
          () => put(who, '/api/documents/letterheads', { unitId: unit.dinkes, agencyName: 'Dinas Palsu' }),
          () => put(who, '/api/documents/letterheads', { unitId: null, regionName: 'Wilayah Palsu' }),
          () => uploadLogo(who, unit.dinkes, testPng()),
          () =>
            put(who, '/api/documents/letter-number-schemes', scheme(unit.dinkes, '{nomor}/PALSU/{tahun}')),
        ]) {
          const { res, changed } = await unchangedBy(send);
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
          expect(changed).toEqual([]);
        }
        expect((await c[who].get('/api/documents/letterheads')).statusCode).toBe(403);
        expect((await c[who].get('/api/documents/letter-number-schemes')).statusCode).toBe(403);
      },
    );

    it('the super admin may set them too', async () => {
      const res = await put('superAdmin', '/api/documents/letterheads', {
        unitId: unit.bapenda,
        contact: 'bapenda@bantenprov.go.id',
      });
      expect(res.statusCode, res.body).toBe(200);
    });

    it.each<[string, Buffer, string, number]>([
      [
        'a renamed executable',
        Buffer.from('MZ\x90\x00\x03\x00\x00\x00 this program cannot be run'),
        'logo.png',
        415,
      ],
      ['a WebP (PDFs cannot draw it)', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 '), 'logo.webp', 415],
      [
        'a JPEG header over garbage',
        Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3, 4]),
        'logo.jpg',
        415,
      ],
      ['a PNG whose image data is corrupt', testPng({ corruptData: true }), 'logo.png', 415],
      ['a PNG over 512 KB', Buffer.concat([testPng(), Buffer.alloc(600 * 1024)]), 'logo.png', 413],
    ])('refuses %s as a logo by its content, and stores nothing', async (_what, content, name, status) => {
      const { res, changed } = await unchangedBy(() => uploadLogo('bkd', unit.dinkes, content, name));
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.message).toContain('tidak ada yang disimpan');
      expect(changed).toEqual([]);
    });
  });

  describe('letter-number schemes', () => {
    it.each<[string, string, string]>([
      ['no counter field', '{kode}/CUTI/{unit}/{tahun}', '{nomor}'],
      ['no year', '{kode}/{nomor}/{unit}', '{tahun}'],
      ['an unknown field', '{kode}/{nomer}/{tahun}', '{nomer}'],
    ])('refuses a pattern with %s (400, naming it), and stores nothing', async (_what, pattern, named) => {
      const { res, changed } = await unchangedBy(() =>
        put('bkd', '/api/documents/letter-number-schemes', scheme(unit.dinkes, pattern)),
      );
      expect(res.statusCode, res.body).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe('VALIDATION');
      expect(body.error.message).toContain(named);
      expect(body.error.details[0].path).toBe('pattern');
      expect(changed).toEqual([]);
    });

    it('numbers per unit, letter type and year, in sequence; a sub-unit uses its OPD’s scheme unless it has its own', async () => {
      const set = await put(
        'bkd',
        '/api/documents/letter-number-schemes',
        scheme(unit.dinkes, '{kode}/{nomor}/CUTI/{unit}/{bulan}/{tahun}'),
      );
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json()).toMatchObject({
        unitCode: 'DINKES',
        nextNumber: '800.1.11.4/0001/CUTI/DINKES/I/2026',
      });
      expect(
        (
          await put(
            'bkd',
            '/api/documents/letter-number-schemes',
            scheme(unit.bapenda, 'B-{nomor}/{unit}/{tahun}'),
          )
        ).statusCode,
      ).toBe(200);

      expect(await issue(unit.dinkes, '2026-01-15')).toBe('800.1.11.4/0001/CUTI/DINKES/I/2026');
      expect(await issue(unit.dinkes, '2026-03-02')).toBe('800.1.11.4/0002/CUTI/DINKES/III/2026');
      // Puskesmas Curug has no scheme of its own: its letters are numbered by Dinkes's.
      expect(await issue(unit.curug, '2026-03-03')).toBe('800.1.11.4/0003/CUTI/DINKES/III/2026');
      expect(await issue(unit.bapenda, '2026-03-03')).toBe('B-0001/BAPENDA/2026');
      // A new year starts again at 1; the old year goes on where it was.
      expect(await issue(unit.dinkes, '2027-01-04')).toBe('800.1.11.4/0001/CUTI/DINKES/I/2027');
      expect(await issue(unit.dinkes, '2026-12-31')).toBe('800.1.11.4/0004/CUTI/DINKES/XII/2026');
      // Its own scheme: its own counter.
      expect(
        (
          await put(
            'bkd',
            '/api/documents/letter-number-schemes',
            scheme(unit.curug, '{nomor}/{unit}/{tahun}', { unitCode: 'PKM-CRG', counterDigits: 0 }),
          )
        ).statusCode,
      ).toBe(200);
      expect(await issue(unit.curug, '2026-03-04')).toBe('1/PKM-CRG/2026');
      // No scheme anywhere above the unit: null (the caller keeps its own numbering).
      const other = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'INSP')
        .executeTakeFirstOrThrow();
      expect(await issue(other.id, '2026-03-04')).toBeNull();
      const list = (await c.bkd.get('/api/documents/letter-number-schemes')).json();
      expect(list.items.find((s: { unitId: string }) => s.unitId === unit.dinkes).nextNumber).toBe(
        '800.1.11.4/0005/CUTI/DINKES/I/2026',
      );
    });

    it('a letter that is rolled back gives its number back (no gap)', async () => {
      await expect(
        t.db.transaction().execute(async (trx) => {
          const n = await t.services.documents.issueNumber(trx, {
            unitId: unit.bapenda,
            letterType: 'CUTI',
            date: '2026-03-05',
          });
          expect(n).toBe('B-0002/BAPENDA/2026');
          throw new Error('the letter failed after its number was taken');
        }),
      ).rejects.toThrow('the letter failed');
      expect(await issue(unit.bapenda, '2026-03-05')).toBe('B-0002/BAPENDA/2026');
    });

    it('issuers at the same time get different numbers, none skipped (no duplicate)', async () => {
      const numbers = await Promise.all(Array.from({ length: 8 }, () => issue(unit.bapenda, '2026-03-06')));
      expect([...numbers].sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `B-${String(i + 3).padStart(4, '0')}/BAPENDA/2026`),
      );
    });
  });

  describe('the leave letter through the layer', () => {
    it('takes its number from the scheme, carries the letterhead, and prints the names exactly', async () => {
      await t.db
        .updateTable('employees')
        .set({ name: 'Sitti Nurhāliza', frontTitle: null, backTitle: null })
        .where('nip', '=', pegawai.nip)
        .execute();
      const expected = (await c.bkd.get('/api/documents/letter-number-schemes'))
        .json()
        .items.find((s: { unitId: string }) => s.unitId === unit.dinkes).nextNumber;
      const sent = await c.pegawai.post('/api/leave/requests', {
        type: 'CT',
        from: '2026-02-18',
        to: '2026-02-19',
        reason: "Menjenguk Mu'ammar dan Ṭāhir",
        address: 'Jl. Ṣāliḥ No. 2',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const id = sent.json().id as string;
      for (const who of ['superior', 'head'] as const) {
        const r = await c[who].post(`/api/leave/requests/${id}/decision`, { decision: 'APPROVE' });
        expect(r.statusCode, r.body).toBe(200);
      }
      const approved = (await c.pegawai.get(`/api/leave/requests/${id}`)).json();
      expect(approved.letterNumber).toBe(expected);

      const pdf = await c.pegawai.get(`/api/leave/requests/${id}/letter.pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      const flat = text.replace(/\s+/g, ' ');
      for (const s of [
        'PEMERINTAH PROVINSI BANTEN',
        'DINAS KESEHATAN PROVINSI BANTEN',
        'Jl. Ṭāhir No. 5, Serang',
        `Nomor: ${expected}`,
        'Sitti Nurhāliza',
        "Menjenguk Mu'ammar dan Ṭāhir",
        'Jl. Ṣāliḥ No. 2',
        'Halaman 1 dari 1',
      ])
        expect(flat).toContain(s);
      expect(flat).not.toContain('?');
    });

    it('a step decided by a Plh of the deciding post is signed "Plh. <that post>"', async () => {
      const superior = await t.db
        .selectFrom('employees as e')
        .innerJoin('positions as p', 'p.id', 'e.positionId')
        .select(['e.id', 'e.positionId', 'p.name as positionName'])
        .where('e.nip', '=', pegawai.superiorNip!)
        .executeTakeFirstOrThrow();
      const plhNip = t.demo.employees.find(
        (e) =>
          e.unitCode === pegawai.unitCode && e.nip && e.nip !== pegawai.nip && e.nip !== pegawai.superiorNip,
      )!.nip!;
      const plh = await t.db
        .selectFrom('employees')
        .select('id')
        .where('nip', '=', plhNip)
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('actingAssignments')
        .values({
          employeeId: plh.id,
          positionId: superior.positionId!,
          kind: 'PLH',
          validFrom: '2026-01-01',
          validTo: null,
          reason: 'Kepala berhalangan',
        })
        .execute();
      const sent = await c.pegawai.post('/api/leave/requests', {
        type: 'CT',
        from: '2026-03-11',
        to: '2026-03-12',
        reason: 'Keperluan keluarga',
        address: 'Serang',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const id = sent.json().id as string;
      const byPlh = await (
        await login(t.app, plhNip)
      ).post(`/api/leave/requests/${id}/decision`, {
        decision: 'APPROVE',
      });
      expect(byPlh.statusCode, byPlh.body).toBe(200);
      const byHead = await c.head.post(`/api/leave/requests/${id}/decision`, { decision: 'APPROVE' });
      expect(byHead.statusCode, byHead.body).toBe(200);
      const pdf = await c.pegawai.get(`/api/leave/requests/${id}/letter.pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
        mergePages: true,
      });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(`Plh. ${superior.positionName}`);
      // The head decided in their own post: no prefix before it.
      expect(flat).not.toMatch(/Pl[th]\. Kepala Dinas Kesehatan/);
    });
  });
});
