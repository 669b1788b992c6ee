import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';
import type { AbsenceSource, CorrectionSource } from '../statuses/status-service.ts';

/*
 * Permits and assignments through the real API on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB.
 * The pegawai works at Puskesmas Curug (Dinkes); the superior is their direct superior; admin OPD of Dinkes
 * and of Bapenda (another OPD). Holidays: 16 Jan 2026 (Isra Mi'raj), 16–17 Feb 2026.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const letterPdf = (n: number) => Buffer.concat([PDF, Buffer.from(`% surat ${n}\n`)]);

describe('permits and assignments', () => {
  let t: TestApp;
  let pegawai: Client;
  let colleague: Client;
  let superior: Client;
  let adminOpd: Client;
  let adminOther: Client;
  let people: Record<'pegawai' | 'colleague' | 'superior', DemoEmployee>;
  let ids: Record<'pegawai' | 'colleague' | 'superior', string>;
  let fileSeq = 0;

  async function upload(c: Client, content: Buffer = letterPdf(++fileSeq), type = 'application/pdf') {
    const mp = multipart({}, { field: 'file', name: 'surat.pdf', content, type });
    const res = await c.request({
      method: 'POST',
      url: '/api/permits/files',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().hash as string;
  }

  const ask = (c: Client, body: Record<string, unknown>) =>
    c.post('/api/permits', { reason: 'Keperluan keluarga', ...body });
  const decide = (c: Client, id: string, decision: 'APPROVE' | 'REJECT', note = '') =>
    c.post(`/api/permits/${id}/decision`, { decision, note });
  const queued = async (employeeId: string, reason: string) =>
    (
      await t.db
        .selectFrom('statusQueue')
        .select('localDate')
        .where('employeeId', '=', employeeId)
        .where('reason', '=', reason)
        .orderBy('localDate')
        .execute()
    ).map((r) => r.localDate);
  const auditOf = (entityId: string) =>
    t.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', entityId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const subsOf = (e: DemoEmployee) => d.employees.filter((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip) && subsOf(e).length === 0,
    );
    const p = plain[0]!;
    people = {
      pegawai: p,
      colleague: plain.find((e) => e !== p)!,
      superior: d.employees.find((e) => e.nip === p.superiorNip)!,
    };
    const idOf = async (nip: string) =>
      (await t.db.selectFrom('employees').select('id').where('nip', '=', nip).executeTakeFirstOrThrow()).id;
    ids = {
      pegawai: await idOf(people.pegawai.nip!),
      colleague: await idOf(people.colleague.nip!),
      superior: await idOf(people.superior.nip!),
    };
    pegawai = await login(t.app, people.pegawai.nip!);
    colleague = await login(t.app, people.colleague.nip!);
    superior = await login(t.app, people.superior.nip!);
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

  it('plugs into the status service as its absence and correction sources (type-checked contract)', async () => {
    const absences: AbsenceSource = t.services.permits.approvedAbsences;
    const corrections: CorrectionSource = t.services.corrections.approvedCorrectionPunches;
    expect(await absences([], '2026-01-01', '2026-01-31')).toEqual([]);
    expect(await corrections([ids.pegawai], 0, Date.now())).toEqual([]);
  });

  describe('izin and sakit', () => {
    it('izin terlambat: requested, in the superior inbox, approved, an absence with part late, day queued', async () => {
      const res = await ask(pegawai, {
        kind: 'I',
        part: 'late',
        dateFrom: '2026-01-20',
        dateTo: '2026-01-20',
      });
      expect(res.statusCode, res.body).toBe(201);
      const p = res.json();
      expect(p).toMatchObject({ kind: 'I', part: 'late', status: 'DIAJUKAN', employeeId: ids.pegawai });

      const count = await superior.get('/api/permits/inbox/count');
      expect(count.json()).toMatchObject({ permits: 1, total: 1 });
      const inbox = await superior.get('/api/permits/inbox');
      expect(inbox.json().items.map((x: { id: string }) => x.id)).toEqual([p.id]);
      // The employee's own inbox is empty (nobody reports to them).
      expect((await pegawai.get('/api/permits/inbox/count')).json().total).toBe(0);

      const ok = await decide(superior, p.id, 'APPROVE', 'Silakan');
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ status: 'DISETUJUI', decisionNote: 'Silakan' });
      expect((await superior.get('/api/permits/inbox/count')).json().total).toBe(0);

      const absences = await t.services.permits.approvedAbsences([ids.pegawai], '2026-01-01', '2026-01-31');
      expect(absences).toEqual([
        {
          employeeId: ids.pegawai,
          code: 'I',
          from: '2026-01-20',
          to: '2026-01-20',
          part: 'late',
          note: 'Keperluan keluarga',
        },
      ]);
      expect(await queued(ids.pegawai, 'permit')).toContain('2026-01-20');
      expect((await auditOf(p.id)).map((a) => a.action)).toEqual(['permit.requested', 'permit.approved']);
    });

    it('izin pulang cepat and izin a whole day; a partial izin spans one date only', async () => {
      const early = await ask(pegawai, {
        kind: 'I',
        part: 'early',
        dateFrom: '2026-01-21',
        dateTo: '2026-01-21',
      });
      expect(early.statusCode, early.body).toBe(201);
      const full = await ask(pegawai, { kind: 'I', dateFrom: '2026-01-22', dateTo: '2026-01-22' });
      expect(full.statusCode, full.body).toBe(201);
      expect(full.json().part).toBe('full');
      const twoDaysLate = await ask(pegawai, {
        kind: 'I',
        part: 'late',
        dateFrom: '2026-01-26',
        dateTo: '2026-01-27',
      });
      expect(twoDaysLate.statusCode).toBe(400);
      expect(twoDaysLate.json().error.message).toContain('satu tanggal');
      for (const id of [early.json().id, full.json().id])
        expect((await decide(superior, id, 'APPROVE')).statusCode).toBe(200);
      const abs = await t.services.permits.approvedAbsences([ids.pegawai], '2026-01-21', '2026-01-22');
      expect(abs.map((a) => `${a.code}:${a.part}:${a.from}`).sort()).toEqual([
        'I:early:2026-01-21',
        'I:full:2026-01-22',
      ]);
    });

    it('sakit: one day like the rulebook says; two days must be cuti sakit; the reason of a rejection is shown', async () => {
      const one = await ask(pegawai, {
        kind: 'S',
        dateFrom: '2026-01-13',
        dateTo: '2026-01-13',
        reason: 'Demam',
      });
      expect(one.statusCode, one.body).toBe(201);
      const two = await ask(pegawai, {
        kind: 'S',
        dateFrom: '2026-01-27',
        dateTo: '2026-01-28',
        reason: 'Demam',
      });
      expect(two.statusCode).toBe(400);
      expect(two.json().error.message).toContain('cuti sakit');
      const partial = await ask(pegawai, {
        kind: 'S',
        part: 'late',
        dateFrom: '2026-01-29',
        dateTo: '2026-01-29',
      });
      expect(partial.statusCode).toBe(400);

      const noNote = await decide(superior, one.json().id, 'REJECT');
      expect(noNote.statusCode).toBe(400);
      expect(
        (await t.db
          .selectFrom('permits')
          .select('status')
          .where('id', '=', one.json().id)
          .executeTakeFirst())!.status,
      ).toBe('DIAJUKAN');
      const no = await decide(superior, one.json().id, 'REJECT', 'Sudah hadir di kantor hari itu');
      expect(no.json()).toMatchObject({ status: 'DITOLAK' });
      const mine = await pegawai.get('/api/permits/mine');
      expect(mine.json().items.find((x: { id: string }) => x.id === one.json().id)).toMatchObject({
        status: 'DITOLAK',
        decisionNote: 'Sudah hadir di kantor hari itu',
        decidedByName: expect.any(String),
      });
      // A rejected request is no absence and queued nothing.
      expect(await t.services.permits.approvedAbsences([ids.pegawai], '2026-01-13', '2026-01-13')).toEqual(
        [],
      );
    });
  });

  describe('assignments', () => {
    const destination = { name: 'Kemenkes RI, Jakarta', lat: -6.2297, lon: 106.8295, radiusM: 300 };
    const dl = async (over: Record<string, unknown> = {}) => ({
      kind: 'DL',
      dateFrom: '2026-02-02',
      dateTo: '2026-02-04',
      reason: 'Rapat koordinasi',
      letterNumber: '800/123/DINKES/2026',
      letterDate: '2026-01-14',
      fileHash: await upload(pegawai),
      destination,
      ...over,
    });

    it.each([
      ['no letter number', { letterNumber: null }, 'letterNumber'],
      ['no letter date', { letterDate: null }, 'letterDate'],
      ['no letter upload', { fileHash: null }, 'fileHash'],
      ['no destination', { destination: null }, 'destination'],
      ['coordinates 0,0', { destination: { ...destination, lat: 0, lon: 0 } }, 'destination.lat'],
      ['latitude 123', { destination: { ...destination, lat: 123 } }, 'destination.lat'],
      ['longitude -500', { destination: { ...destination, lon: -500 } }, 'destination.lon'],
    ])('dinas luar with %s is refused and nothing is stored', async (_name, over, path) => {
      const before = await t.db
        .selectFrom('permits')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      const res = await ask(pegawai, await dl(over));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
      const after = await t.db
        .selectFrom('permits')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('a letter uploaded by someone else cannot be cited', async () => {
      const res = await ask(pegawai, await dl({ fileHash: await upload(colleague) }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('fileHash');
    });

    it('dinas luar approved: its destination becomes a field assignment (geofence); cancelling cancels it', async () => {
      const res = await ask(pegawai, await dl());
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      expect(res.json()).toMatchObject({ status: 'DIAJUKAN', hasFile: true, destination });
      expect(
        await t.db.selectFrom('fieldAssignments').selectAll().where('employeeId', '=', ids.pegawai).execute(),
      ).toEqual([]);

      expect((await decide(superior, id, 'APPROVE')).statusCode).toBe(200);
      const fa = await t.db
        .selectFrom('fieldAssignments')
        .selectAll()
        .where('employeeId', '=', ids.pegawai)
        .execute();
      expect(fa).toHaveLength(1);
      expect(fa[0]).toMatchObject({
        dateFrom: '2026-02-02',
        dateTo: '2026-02-04',
        letterNumber: '800/123/DINKES/2026',
        destination: 'Kemenkes RI, Jakarta',
        lat: -6.2297,
        lon: 106.8295,
        radiusM: 300,
        status: 'APPROVED',
      });
      const abs = await t.services.permits.approvedAbsences([ids.pegawai], '2026-02-03', '2026-02-03');
      expect(abs).toMatchObject([{ code: 'DL', from: '2026-02-02', to: '2026-02-04', part: 'full' }]);
      expect(await queued(ids.pegawai, 'permit')).toEqual(
        expect.arrayContaining(['2026-02-02', '2026-02-03', '2026-02-04']),
      );

      // Somebody else cannot cancel it.
      expect((await colleague.post(`/api/permits/${id}/cancel`, {})).statusCode).toBe(403);
      const cancel = await pegawai.post(`/api/permits/${id}/cancel`, { note: 'Rapat ditunda' });
      expect(cancel.statusCode, cancel.body).toBe(200);
      expect(cancel.json()).toMatchObject({ status: 'DIBATALKAN', cancelNote: 'Rapat ditunda' });
      const after = await t.db
        .selectFrom('fieldAssignments')
        .select('status')
        .where('id', '=', fa[0]!.id)
        .executeTakeFirstOrThrow();
      expect(after.status).toBe('CANCELLED');
      expect(await t.services.permits.approvedAbsences([ids.pegawai], '2026-02-03', '2026-02-03')).toEqual(
        [],
      );
      expect((await auditOf(id)).map((a) => a.action)).toEqual([
        'permit.requested',
        'permit.approved',
        'permit.cancelled',
      ]);
    });

    it('an approved dinas luar for today is a punch place on the Presensi page', async () => {
      const before = (await pegawai.get('/api/attendance/today')).json().places as { label: string }[];
      expect(before.some((p) => p.label.includes('Gedung Sate'))).toBe(false);
      const res = await ask(
        pegawai,
        await dl({
          dateFrom: '2026-01-15',
          dateTo: '2026-01-15',
          destination: { name: 'Gedung Sate, Bandung', lat: -6.9025, lon: 107.6188, radiusM: 250 },
        }),
      );
      expect(res.statusCode, res.body).toBe(201);
      await decide(superior, res.json().id, 'APPROVE');
      const places = (await pegawai.get('/api/attendance/today')).json().places as {
        label: string;
        fence: unknown;
      }[];
      expect(places.find((p) => p.label.includes('Gedung Sate'))).toMatchObject({
        fence: { kind: 'circle', center: { lat: -6.9025, lon: 107.6188 }, radiusM: 250 },
      });
      await pegawai.post(`/api/permits/${res.json().id}/cancel`, {});
      const after = (await pegawai.get('/api/attendance/today')).json().places as { label: string }[];
      expect(after.some((p) => p.label.includes('Gedung Sate'))).toBe(false);
    });

    it.each([
      ['TGL', 'Tugas luar', '2026-02-09', '2026-02-09'],
      ['TB', 'Tugas belajar', '2026-08-03', '2026-08-31'],
      ['DIKLAT', 'Diklat', '2026-02-10', '2026-02-12'],
    ])('%s (%s) needs its letter and is approved by the superior', async (kind, _label, from, to) => {
      const bare = await ask(pegawai, { kind, dateFrom: from, dateTo: to });
      expect(bare.statusCode).toBe(400);
      const res = await ask(pegawai, {
        kind,
        dateFrom: from,
        dateTo: to,
        letterNumber: `SPT/${kind}/01`,
        letterDate: '2026-01-10',
        fileHash: await upload(pegawai),
      });
      expect(res.statusCode, res.body).toBe(201);
      expect((await decide(superior, res.json().id, 'APPROVE')).json().status).toBe('DISETUJUI');
      const abs = await t.services.permits.approvedAbsences([ids.pegawai], from, from);
      expect(abs.map((a) => a.code)).toContain(kind);
    });

    it('admin OPD records a dinas luar on a letter (approved at once, geofence created); not izin; not another OPD', async () => {
      const body = {
        employeeId: ids.colleague,
        kind: 'DL',
        dateFrom: '2026-02-23',
        dateTo: '2026-02-23',
        reason: 'Pendampingan akreditasi',
        letterNumber: '800/999/DINKES/2026',
        letterDate: '2026-02-20',
        fileHash: await upload(adminOpd),
        destination: { name: 'RSUD Serang', lat: -6.12, lon: 106.15, radiusM: 200 },
      };
      const other = await adminOther.post('/api/permits/record', {
        ...body,
        fileHash: await upload(adminOther),
      });
      expect(other.statusCode).toBe(403);
      const izin = await adminOpd.post('/api/permits/record', { ...body, kind: 'I', dateTo: '2026-02-23' });
      expect(izin.statusCode).toBe(400);
      expect(await colleague.post('/api/permits/record', body).then((r) => r.statusCode)).toBe(403);

      const res = await adminOpd.post('/api/permits/record', body);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        status: 'DISETUJUI',
        recordedByAdmin: true,
        employeeId: ids.colleague,
      });
      const fa = await t.db
        .selectFrom('fieldAssignments')
        .selectAll()
        .where('employeeId', '=', ids.colleague)
        .execute();
      expect(fa).toMatchObject([{ destination: 'RSUD Serang', status: 'APPROVED', dateFrom: '2026-02-23' }]);
      expect(await queued(ids.colleague, 'permit')).toContain('2026-02-23');
      expect((await auditOf(res.json().id)).map((a) => a.action)).toEqual(['permit.recorded']);
      // Admin of another OPD cannot cancel it; the recording admin can (its geofence goes with it).
      expect((await adminOther.post(`/api/permits/${res.json().id}/cancel`, {})).statusCode).toBe(403);
      const cancel = await adminOpd.post(`/api/permits/${res.json().id}/cancel`, { note: 'Surat dicabut' });
      expect(cancel.json()).toMatchObject({ status: 'DIBATALKAN' });
      const after = await t.db
        .selectFrom('fieldAssignments')
        .select('status')
        .where('id', '=', fa[0]!.id)
        .executeTakeFirstOrThrow();
      expect(after.status).toBe('CANCELLED');
    });
  });

  describe('WFH/WFA within the weekly cap (PermenPANRB 4/2025: 2 days per week)', () => {
    // Each case runs in its own ISO week; `before` are requests made first (all must pass).
    const cases: {
      name: string;
      before: [string, string, string][];
      request: [string, string, string];
      ok: boolean;
    }[] = [
      { name: 'two days in a week', before: [], request: ['WFH', '2026-03-30', '2026-03-31'], ok: true },
      { name: 'three days at once', before: [], request: ['WFH', '2026-04-06', '2026-04-08'], ok: false },
      {
        name: 'a third day after two (WFH + WFA mixed)',
        before: [
          ['WFH', '2026-04-13', '2026-04-13'],
          ['WFA', '2026-04-14', '2026-04-14'],
        ],
        request: ['WFA', '2026-04-16', '2026-04-16'],
        ok: false,
      },
      {
        name: 'Friday–Monday spans two weeks (one day each)',
        before: [['WFH', '2026-04-20', '2026-04-20']],
        request: ['WFH', '2026-04-24', '2026-04-27'],
        ok: true,
      },
      {
        name: 'weekend days do not count (Mon + Fri–Sun = 2 working days)',
        before: [['WFA', '2026-05-04', '2026-05-04']],
        request: ['WFA', '2026-05-08', '2026-05-10'],
        ok: true,
      },
      {
        name: 'holidays in the range do not count (16–17 Feb 2026: Mon–Thu = 2 working days)',
        before: [],
        request: ['WFH', '2026-02-16', '2026-02-19'],
        ok: true,
      },
    ];
    it.each(cases)('$name → ok=$ok', async ({ before, request, ok }) => {
      for (const [kind, from, to] of before) {
        const r = await ask(pegawai, { kind, dateFrom: from, dateTo: to });
        expect(r.statusCode, r.body).toBe(201);
      }
      const res = await ask(pegawai, { kind: request[0], dateFrom: request[1], dateTo: request[2] });
      expect(res.statusCode, res.body).toBe(ok ? 201 : 400);
      if (!ok) {
        expect(res.json().error.message).toContain('Melebihi batas kerja fleksibel');
        expect(res.json().error.message).toContain('maksimum 2 hari');
      }
    });

    it('a range of only weekend days is refused; a rejected WFH frees its day', async () => {
      const weekend = await ask(pegawai, { kind: 'WFH', dateFrom: '2026-05-16', dateTo: '2026-05-17' });
      expect(weekend.statusCode).toBe(400);
      expect(weekend.json().error.message).toContain('Tidak ada hari kerja');

      const a = await ask(pegawai, { kind: 'WFH', dateFrom: '2026-05-18', dateTo: '2026-05-19' });
      expect(a.statusCode).toBe(201);
      expect(
        (await ask(pegawai, { kind: 'WFA', dateFrom: '2026-05-20', dateTo: '2026-05-20' })).statusCode,
      ).toBe(400);
      await decide(superior, a.json().id, 'REJECT', 'Ada rapat di kantor');
      expect(
        (await ask(pegawai, { kind: 'WFA', dateFrom: '2026-05-20', dateTo: '2026-05-20' })).statusCode,
      ).toBe(201);
    });

    it('an approved WFH day is a flexible day (work location), not an absence', async () => {
      const r = await ask(pegawai, { kind: 'WFH', dateFrom: '2026-05-26', dateTo: '2026-05-26' });
      await decide(superior, r.json().id, 'APPROVE');
      expect(await t.services.permits.approvedAbsences([ids.pegawai], '2026-05-26', '2026-05-26')).toEqual(
        [],
      );
      expect(
        await t.services.permits.approvedFlexibleDays([ids.pegawai], '2026-05-25', '2026-05-29'),
      ).toEqual([{ employeeId: ids.pegawai, date: '2026-05-26', location: 'WFH' }]);
    });
  });

  describe('bad input', () => {
    it('an overlapping request of the same kind is refused (409); a partial izin on a WFH day is allowed', async () => {
      const first = await ask(pegawai, { kind: 'I', dateFrom: '2026-06-01', dateTo: '2026-06-02' });
      expect(first.statusCode).toBe(201);
      const again = await ask(pegawai, { kind: 'I', dateFrom: '2026-06-02', dateTo: '2026-06-02' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('bertumpang tindih'),
      });
      const sick = await ask(pegawai, { kind: 'S', dateFrom: '2026-06-01', dateTo: '2026-06-01' });
      expect(sick.statusCode).toBe(409);
      const wfh = await ask(pegawai, { kind: 'WFH', dateFrom: '2026-06-08', dateTo: '2026-06-08' });
      expect(wfh.statusCode).toBe(201);
      const late = await ask(pegawai, {
        kind: 'I',
        part: 'late',
        dateFrom: '2026-06-08',
        dateTo: '2026-06-08',
      });
      expect(late.statusCode, late.body).toBe(201);
      const late2 = await ask(pegawai, {
        kind: 'I',
        part: 'late',
        dateFrom: '2026-06-08',
        dateTo: '2026-06-08',
      });
      expect(late2.statusCode).toBe(409);
    });

    it('a date in a closed month is refused with MONTH_CLOSED (an ancestor unit closed it), also for decisions', async () => {
      const pending = await ask(pegawai, { kind: 'I', dateFrom: '2025-12-10', dateTo: '2025-12-10' });
      expect(pending.statusCode, pending.body).toBe(201);
      const dinkes = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES')
        .executeTakeFirstOrThrow();
      await t.db.insertInto('monthClosings').values({ unitId: dinkes.id, month: '2025-12' }).execute();
      const res = await ask(pegawai, { kind: 'I', dateFrom: '2025-12-31', dateTo: '2026-01-02' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'MONTH_CLOSED',
        message: expect.stringContaining('2025-12'),
      });
      const dec = await decide(superior, pending.json().id, 'APPROVE');
      expect(dec.statusCode).toBe(409);
      expect(dec.json().error.code).toBe('MONTH_CLOSED');
      const row = await t.db
        .selectFrom('permits')
        .select('status')
        .where('id', '=', pending.json().id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('DIAJUKAN');
      await t.db.deleteFrom('monthClosings').where('unitId', '=', dinkes.id).execute();
    });

    it('nobody decides their own request; a colleague cannot read or decide; a decided one cannot be decided again', async () => {
      const own = await ask(superior, { kind: 'I', dateFrom: '2026-06-15', dateTo: '2026-06-15' });
      expect(own.statusCode, own.body).toBe(201);
      const self = await decide(superior, own.json().id, 'APPROVE');
      expect(self.statusCode).toBe(403);
      expect(self.json().error.message).toContain('sendiri');
      // Not in their own inbox either.
      expect(
        (await superior.get('/api/permits/inbox')).json().items.map((x: { id: string }) => x.id),
      ).not.toContain(own.json().id);

      const p = await ask(pegawai, { kind: 'I', dateFrom: '2026-06-16', dateTo: '2026-06-16' });
      expect((await colleague.get(`/api/permits/${p.json().id}`)).statusCode).toBe(403);
      expect((await decide(colleague, p.json().id, 'APPROVE')).statusCode).toBe(403);
      expect((await decide(adminOpd, p.json().id, 'APPROVE')).statusCode).toBe(403);
      expect((await superior.get(`/api/permits/${p.json().id}`)).statusCode).toBe(200);
      expect((await adminOpd.get(`/api/permits/${p.json().id}`)).statusCode).toBe(200);
      expect((await adminOther.get(`/api/permits/${p.json().id}`)).statusCode).toBe(403);
      expect((await decide(superior, p.json().id, 'APPROVE')).statusCode).toBe(200);
      expect((await decide(superior, p.json().id, 'REJECT', 'terlambat')).statusCode).toBe(409);
    });
  });

  describe('acting superior (Plt/Plh)', () => {
    it("a Plt of the superior's position decides, and only while the assignment runs", async () => {
      const pos = await t.db
        .selectFrom('employees')
        .select('positionId')
        .where('id', '=', ids.superior)
        .executeTakeFirstOrThrow();
      const p = await ask(pegawai, { kind: 'I', dateFrom: '2026-06-22', dateTo: '2026-06-22' });
      expect((await decide(colleague, p.json().id, 'APPROVE')).statusCode).toBe(403);
      const acting = await t.db
        .insertInto('actingAssignments')
        .values({
          employeeId: ids.colleague,
          positionId: pos.positionId!,
          kind: 'PLH',
          validFrom: '2026-01-14',
          validTo: '2026-01-16',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(
        (await colleague.get('/api/permits/inbox')).json().items.map((x: { id: string }) => x.id),
      ).toContain(p.json().id);
      // The Plh's own request is not in their inbox, and they cannot decide it.
      const own = await ask(colleague, { kind: 'I', dateFrom: '2026-06-23', dateTo: '2026-06-23' });
      expect(
        (await colleague.get('/api/permits/inbox')).json().items.map((x: { id: string }) => x.id),
      ).not.toContain(own.json().id);
      expect((await decide(colleague, own.json().id, 'APPROVE')).statusCode).toBe(403);
      const ok = await decide(colleague, p.json().id, 'APPROVE', 'Sebagai Plh');
      expect(ok.statusCode, ok.body).toBe(200);
      await t.db.deleteFrom('actingAssignments').where('id', '=', acting.id).execute();
      expect((await colleague.post(`/api/permits/${own.json().id}/cancel`, {})).statusCode).toBe(200);
    });
  });

  describe('lists, files and export', () => {
    it('the letter is served to the employee, the superior and admin OPD (views logged), not to others', async () => {
      const content = letterPdf(9001);
      const hash = await upload(pegawai, content);
      const res = await ask(pegawai, {
        kind: 'DIKLAT',
        dateFrom: '2026-07-06',
        dateTo: '2026-07-07',
        letterNumber: 'SPT/DIKLAT/77',
        letterDate: '2026-07-01',
        fileHash: hash,
      });
      expect(res.statusCode, res.body).toBe(201);
      const url = `/api/permits/${res.json().id}/file`;
      for (const c of [pegawai, superior, adminOpd]) {
        const f = await c.get(url);
        expect(f.statusCode).toBe(200);
        expect(f.headers['content-type']).toBe('application/pdf');
        expect(f.rawPayload.equals(content)).toBe(true);
      }
      for (const c of [colleague, adminOther]) expect((await c.get(url)).statusCode).toBe(403);
      const views = await t.db
        .selectFrom('requestFileViews')
        .selectAll()
        .where('entityId', '=', res.json().id)
        .execute();
      expect(views).toHaveLength(3);
      // Not a PDF or image: refused.
      const mp = multipart(
        {},
        { field: 'file', name: 'x.exe', content: Buffer.from('MZ\x90\x00binary'), type: 'application/pdf' },
      );
      const bad = await pegawai.request({
        method: 'POST',
        url: '/api/permits/files',
        payload: mp.payload,
        headers: mp.headers,
      });
      expect(bad.statusCode).toBe(415);
    });

    it('scoped list: admin OPD sees Dinkes permits (search by NIP, filters), another OPD sees none and cannot pick Dinkes', async () => {
      const list = await adminOpd.get(`/api/permits?q=${people.pegawai.nip}&status=DISETUJUI&pageSize=100`);
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThan(3);
      expect(
        list
          .json()
          .items.every(
            (x: { employeeId: string; status: string }) =>
              x.employeeId === ids.pegawai && x.status === 'DISETUJUI',
          ),
      ).toBe(true);
      const dl = await adminOpd.get('/api/permits?kind=DL&from=2026-02-01&to=2026-02-28');
      expect(dl.json().items.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(['DL']));
      expect(dl.json().items.every((x: { kind: string }) => x.kind === 'DL')).toBe(true);

      const other = await adminOther.get('/api/permits?pageSize=200');
      expect(other.statusCode).toBe(200);
      expect(other.json().items.some((x: { employeeId: string }) => x.employeeId === ids.pegawai)).toBe(
        false,
      );
      const dinkes = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES')
        .executeTakeFirstOrThrow();
      expect((await adminOther.get(`/api/permits?unitId=${dinkes.id}`)).statusCode).toBe(403);
      expect((await pegawai.get('/api/permits')).statusCode).toBe(403);
      const page2 = await adminOpd.get(`/api/permits?q=${people.pegawai.nip}&pageSize=2&page=2`);
      expect(page2.json()).toMatchObject({ page: 2, pageSize: 2 });
      expect(page2.json().items).toHaveLength(2);
    });

    it('CSV export carries the scoped rows only', async () => {
      const csv = await adminOpd.get('/api/permits/export.csv?status=DISETUJUI');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'NIP,Nama,Unit,Jenis,Bagian,Dari,Sampai,Alasan,Nomor surat,Tujuan,Status,Diputuskan oleh,Catatan',
      );
      expect(
        lines.some(
          (l) =>
            l.includes(people.pegawai.nip!) && l.includes(',DIKLAT,') === false && l.includes('DISETUJUI'),
        ),
      ).toBe(true);
      expect(lines.slice(1).every((l) => l.includes('DISETUJUI'))).toBe(true);
      const other = await adminOther.get('/api/permits/export.csv');
      expect(other.body).not.toContain(people.pegawai.nip!);
    });
  });

  it('late requests (rulebook attendance.requestWindows): an izin past its window is shown to the superior as late', async () => {
    // National: izin within 3 working days of its first date. Mon 5 Jan asked Thu 15 Jan: 8 working days.
    const late = await ask(colleague, { kind: 'I', dateFrom: '2026-01-05', dateTo: '2026-01-05' });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().late).toEqual({ days: 5, windowDays: 3 });
    const inbox = (await superior.get('/api/permits/inbox')).json();
    expect(inbox.items.find((x: { id: string }) => x.id === late.json().id).late).toEqual({
      days: 5,
      windowDays: 3,
    });
    // Within the window, or ahead: not late.
    const soon = await ask(colleague, { kind: 'I', dateFrom: '2026-01-13', dateTo: '2026-01-13' });
    expect(soon.json().late).toBeNull();
    const ahead = await ask(colleague, { kind: 'I', dateFrom: '2026-07-13', dateTo: '2026-07-13' });
    expect(ahead.json().late).toBeNull();
  });
});
