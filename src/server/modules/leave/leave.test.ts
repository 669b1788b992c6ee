import type { LightMyRequestResponse } from 'fastify';
import { extractText, getDocumentProxy } from 'unpdf';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type { DemoEmployee } from '../../db/seeds/demo-data.ts';

/*
 * Leave (cuti) through the real API on the demo province. Clock: Thursday 15 Jan 2026, 09:00 WIB.
 * The pegawai (PNS) works at UPTD Puskesmas Curug (OPD Dinas Kesehatan); the superior is the Kepala Puskesmas,
 * the PyBMC (national rulebook: OPD_HEAD) the Kepala Dinas Kesehatan.
 * 2026 calendar: Mon 16 Feb cuti bersama Imlek, Tue 17 Feb Imlek; 18–24 Mar Nyepi / Idul Fitri with cuti bersama.
 */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('leave (cuti)', () => {
  let t: TestApp;
  type Who =
    | 'pegawai'
    | 'colleague'
    | 'pppk'
    | 'cpns'
    | 'superior'
    | 'head'
    | 'kabid'
    | 'adminOpd'
    | 'adminOther'
    | 'bkd';
  const c = {} as Record<Who, Client>;
  const ids = {} as Record<Who, string>;
  let dinkesUnitId: string;

  const json = (res: LightMyRequestResponse) => res.json();
  const submit = (who: Who, body: Record<string, unknown>) => c[who].post('/api/leave/requests', body);
  const requestCount = async () =>
    Number(
      (
        await t.db
          .selectFrom('leaveRequests')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Superior (when on the route) then PyBMC approve. */
  async function approveAll(id: string, superior: Who | null, pybmc: Who) {
    if (superior) {
      const r = await c[superior].post(`/api/leave/requests/${id}/decision`, { decision: 'APPROVE' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const r = await c[pybmc].post(`/api/leave/requests/${id}/decision`, { decision: 'APPROVE' });
    expect(r.statusCode, r.body).toBe(200);
    return json(r);
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const hasStaff = (e: DemoEmployee) => d.employees.some((x) => e.nip && x.superiorNip === e.nip);
    const plain = d.employees.filter(
      (e) => e.unitCode === 'DINKES-PKM-CURUG' && e.nip && !grantNips.has(e.nip) && !hasStaff(e),
    );
    const pns = plain.filter((e) => e.employeeType === 'PNS' && e.activeFrom <= '2019-01-01');
    const head = d.employees.find((e) => e.positionCode === 'DINKES:KEPALA')!;
    const people: Record<Exclude<Who, 'adminOpd' | 'adminOther' | 'bkd'>, DemoEmployee> = {
      pegawai: pns[0]!,
      colleague: pns[1]!,
      pppk: plain.find((e) => e.employeeType === 'PPPK' && e.activeFrom <= '2024-01-01')!,
      cpns: d.employees.find((e) => e.employeeType === 'CPNS' && e.activeFrom >= '2025-06-01' && e.nip)!,
      superior: d.employees.find((e) => e.nip === pns[0]!.superiorNip)!,
      head,
      kabid: d.employees.find((e) => e.superiorNip === head.nip && e.positionCode.endsWith(':KEPALA'))!,
    };
    const nips: Record<Who, string> = {
      ...(Object.fromEntries(Object.entries(people).map(([k, e]) => [k, e.nip!])) as Record<string, string>),
      adminOpd: d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
      adminOther: d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'BAPENDA')!.nip!,
      bkd: d.roleGrants.find((g) => g.role === 'BKD')!.nip!,
    } as Record<Who, string>;
    for (const [who, nip] of Object.entries(nips) as [Who, string][]) {
      c[who] = await login(t.app, nip);
      ids[who] = c[who].me.user.employeeId!;
    }
    dinkesUnitId = (
      await t.db.selectFrom('units').select('id').where('code', '=', 'DINKES').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  describe('types and eligibility by employee type (regulations.md §4.1, §4.2)', () => {
    it('a PNS gets the six PNS types, a PPPK only CT, CS and CM', async () => {
      const pns = json(await c.pegawai.get('/api/leave/options'));
      expect(pns.types.map((x: { code: string }) => x.code)).toEqual(['CT', 'CB', 'CS', 'CM', 'CAP', 'CLTN']);
      const pppk = json(await c.pppk.get('/api/leave/options'));
      expect(pppk.types.map((x: { code: string }) => x.code)).toEqual(['CT', 'CS', 'CM']);
      const cs = pns.types.find((x: { code: string }) => x.code === 'CS');
      expect(cs.attachments.map((a: { whenLongerThanDays: number }) => a.whenLongerThanDays)).toEqual([
        1, 14,
      ]);
    });

    it.each<[string, Who, Record<string, string>, string[]]>([
      [
        'PNS annual leave within the balance',
        'pegawai',
        { type: 'CT', from: '2026-02-18', to: '2026-02-20' },
        [],
      ],
      [
        'PPPK has no cuti besar (PP 49/2018 Pasal 77)',
        'pppk',
        { type: 'CB', from: '2026-02-18', to: '2026-02-20' },
        ['NOT_ENTITLED'],
      ],
      ['PPPK has no CAP', 'pppk', { type: 'CAP', from: '2026-02-18', to: '2026-02-20' }, ['NOT_ENTITLED']],
      [
        'CPNS with under one year of service: no CT yet',
        'cpns',
        { type: 'CT', from: '2026-02-18', to: '2026-02-20' },
        ['SERVICE'],
      ],
      [
        'PNS cuti sakit 1 day: no attachment needed',
        'pegawai',
        { type: 'CS', from: '2026-02-18', to: '2026-02-18' },
        [],
      ],
      [
        "PNS cuti sakit 3 days without a doctor's note",
        'pegawai',
        { type: 'CS', from: '2026-02-18', to: '2026-02-20' },
        ['ATTACHMENT'],
      ],
      [
        "PNS cuti sakit 3 days with a doctor's note",
        'pegawai',
        { type: 'CS', from: '2026-02-18', to: '2026-02-20', attachmentKind: 'SURAT_DOKTER' },
        [],
      ],
      [
        "PNS cuti sakit 20 days with a private doctor's note only",
        'pegawai',
        { type: 'CS', from: '2026-04-01', to: '2026-04-20', attachmentKind: 'SURAT_DOKTER' },
        ['ATTACHMENT'],
      ],
      [
        "PNS cuti sakit 20 days with a government doctor's note",
        'pegawai',
        { type: 'CS', from: '2026-04-01', to: '2026-04-20', attachmentKind: 'SURAT_DOKTER_PEMERINTAH' },
        [],
      ],
      [
        'PPPK cuti sakit longer than 1 month',
        'pppk',
        { type: 'CS', from: '2026-04-01', to: '2026-05-05', attachmentKind: 'SURAT_DOKTER_PEMERINTAH' },
        ['MAX_DURATION'],
      ],
      [
        'PNS cuti sakit of 2 months is within 1 year',
        'pegawai',
        { type: 'CS', from: '2026-04-01', to: '2026-05-31', attachmentKind: 'SURAT_DOKTER_PEMERINTAH' },
        [],
      ],
      [
        'CAP longer than 1 month',
        'pegawai',
        { type: 'CAP', from: '2026-04-01', to: '2026-05-05' },
        ['MAX_DURATION'],
      ],
      [
        'CT over the 12 + carry balance',
        'pegawai',
        { type: 'CT', from: '2026-06-02', to: '2026-07-31' },
        ['BALANCE'],
      ],
      [
        'a weekend only: no working day',
        'pegawai',
        { type: 'CT', from: '2026-02-14', to: '2026-02-15' },
        ['NO_WORKING_DAY', 'MIN_DAYS'],
      ],
      [
        'CT across two years',
        'pegawai',
        { type: 'CT', from: '2026-12-30', to: '2027-01-04' },
        ['SPANS_YEARS'],
      ],
    ])('preview: %s', async (_n, who, q, expected) => {
      const res = await c[who].get(`/api/leave/preview?${new URLSearchParams(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res).problems.map((p: { code: string }) => p.code)).toEqual(expected);
    });

    it('counts working days on the unit calendar: cuti bersama and holidays do not reduce the balance', async () => {
      // Mon 16 Feb cuti bersama, Tue 17 Feb Imlek, Wed–Fri working: 3 HK of 5 calendar days.
      const p = json(await c.pegawai.get('/api/leave/preview?type=CT&from=2026-02-16&to=2026-02-20'));
      expect(p).toMatchObject({
        calendarDays: 5,
        workingDays: 3,
        cutiBersamaDays: 1,
        holidayDays: 1,
        problems: [],
      });
      // 16–24 Mar: Mon/Tue working, then Nyepi and Idul Fitri with four cuti bersama days: 2 HK.
      const q = json(await c.pegawai.get('/api/leave/preview?type=CT&from=2026-03-16&to=2026-03-24'));
      expect(q).toMatchObject({ calendarDays: 9, workingDays: 2, cutiBersamaDays: 4 });
    });
  });

  describe('annual balance with carry-over (12 → 18 → 24) and opening balances', () => {
    it.each<[string, { year: number; n1: number; n2: number; taken: number } | null, number, number]>([
      // [case, opening set (latest ≤ 2026 wins), 2026 available, 2026 remaining]
      [
        'opening 2024 with nothing carried; 2024, 2025 unused → 12 + 6 + 6',
        { year: 2024, n1: 0, n2: 0, taken: 0 },
        24,
        24,
      ],
      [
        'opening 2025 with nothing carried; 2025 unused → 12 + 6',
        { year: 2025, n1: 0, n2: 0, taken: 0 },
        18,
        18,
      ],
      [
        'opening 2026: N-1 4, N-2 2, 3 days taken in the old system',
        { year: 2026, n1: 4, n2: 2, taken: 3 },
        18,
        15,
      ],
    ])('%s', async (_n, opening, available, remaining) => {
      if (opening) {
        const res = await c.adminOpd.request({
          method: 'PUT',
          url: '/api/leave/opening-balances',
          payload: {
            employeeId: ids.colleague,
            year: opening.year,
            carriedFromPreviousYear: opening.n1,
            carriedFromTwoYearsBefore: opening.n2,
            takenBefore: opening.taken,
            note: 'Migrasi dari SIMPEG lama',
          },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const b = json(await c.colleague.get('/api/leave/balance?year=2026'));
      expect([b.available, b.remaining]).toEqual([available, remaining]);
    });

    it('approved CT of earlier years is derived from history: 10 HK taken in 2025 leaves 12 + 2 for 2026', async () => {
      await t.db
        .deleteFrom('leaveOpeningBalances')
        .where('employeeId', '=', ids.colleague)
        .where('year', '=', 2026)
        .execute();
      // 2025 has an opening with nothing carried, then 10 HK of CT (8–19 Sep 2025 = 10 working days).
      const r = await submit('colleague', {
        type: 'CT',
        from: '2025-09-08',
        to: '2025-09-19',
        reason: 'Urusan keluarga',
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(json(r).workingDays).toBe(10);
      await approveAll(json(r).id, 'superior', 'head');
      const b = json(await c.colleague.get('/api/leave/balance?year=2026'));
      expect([b.carriedFromPreviousYear, b.carriedFromTwoYearsBefore, b.available]).toEqual([2, 0, 14]);
      const b25 = json(await c.colleague.get('/api/leave/balance?year=2025'));
      expect([b25.available, b25.taken, b25.remaining]).toEqual([12, 10, 2]);
    });

    it.each<[string, Who, number, boolean, number]>([
      // [case, employee, year, eligible, available] — no opening set: history only (none in the system)
      ['PPPK (PP 49/2018 Pasal 77): 12 HK, accumulates like PNS up to 24', 'pppk', 2026, true, 24],
      ['CPNS who started in 2025: not yet one year of service in 2025', 'cpns', 2025, false, 0],
    ])('%s', async (_n, who, year, eligible, available) => {
      const b = json(await c[who].get(`/api/leave/balance?year=${year}`));
      expect([b.isEligible, b.available]).toEqual([eligible, available]);
    });

    it('adds the cuti bersama days the employee was on duty to that year (PP 11/2017 Pasal 333): a shift on 26/12/2025 gives 12 + 1, a cuti bersama day off adds nothing, and the day goes when the shift does', async () => {
      // The third plain PNS of the puskesmas (the first two are pegawai and colleague): no leave history here.
      const grantNips = new Set(t.demo.roleGrants.map((g) => g.nip));
      const someone = t.demo.employees.filter(
        (e) =>
          e.unitCode === 'DINKES-PKM-CURUG' &&
          e.nip &&
          !grantNips.has(e.nip) &&
          !t.demo.employees.some((x) => x.superiorNip === e.nip) &&
          e.employeeType === 'PNS' &&
          e.activeFrom <= '2019-01-01',
      )[2];
      const me = await login(t.app, someone!.nip!);
      const id = me.me.user.employeeId!;
      expect([ids.pegawai, ids.colleague]).not.toContain(id);
      const balance2025 = async () => json(await me.get('/api/leave/balance?year=2025'));
      const roster = (shiftCode: string | null) =>
        c.adminOpd.request({
          method: 'PUT',
          url: '/api/rosters',
          payload: { lines: [{ employeeId: id, date: '2025-12-26', shiftCode }] },
        });
      const settle = async () => {
        await t.services.statuses.processQueue();
        // Every day from Aug to Dec 2025 stored: the cuti bersama days 18/08 (a day off) and 26/12.
        await t.services.statuses.ensureRange(id, '2025-08-01', '2025-12-31');
      };

      await settle();
      const before = await balance2025();
      expect(before.entitlement).toBe(12);

      const on = await roster('PAGI');
      expect(on.statusCode, on.body).toBe(200);
      await settle();
      const worked = await balance2025();
      expect([worked.entitlement, worked.available]).toEqual([13, before.available + 1]);
      expect(worked.explanation).toContain(
        'Ditambah 1 hari cuti bersama yang tetap bekerja (cuti bersama tidak mengurangi hak cuti tahunan)',
      );

      const off = await roster(null);
      expect(off.statusCode, off.body).toBe(200);
      await settle();
      expect(await balance2025()).toEqual(before);
    });

    it('setting an opening balance is audited and limited to admin OPD / BKD in scope', async () => {
      const audit = await t.db
        .selectFrom('auditLog')
        .select(['action', 'entityId'])
        .where('action', '=', 'leave.opening_balance_set')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(3);
      expect(audit.every((a) => a.entityId === ids.colleague)).toBe(true);
      const payload = {
        employeeId: ids.colleague,
        year: 2026,
        carriedFromPreviousYear: 6,
        carriedFromTwoYearsBefore: 6,
        takenBefore: 0,
      };
      for (const who of ['adminOther', 'pegawai', 'superior'] as Who[]) {
        const res = await c[who].request({ method: 'PUT', url: '/api/leave/opening-balances', payload });
        expect(res.statusCode, `${who} ${res.body}`).toBe(403);
      }
    });

    it('the balance of another employee is hidden from colleagues and other OPDs, visible to the superior', async () => {
      expect((await c.pegawai.get(`/api/leave/balance?employeeId=${ids.colleague}`)).statusCode).toBe(404);
      expect((await c.adminOther.get(`/api/leave/balance?employeeId=${ids.colleague}`)).statusCode).toBe(404);
      expect((await c.superior.get(`/api/leave/balance?employeeId=${ids.colleague}`)).statusCode).toBe(200);
      expect((await c.adminOpd.get(`/api/leave/balance?employeeId=${ids.colleague}`)).statusCode).toBe(200);
    });
  });

  describe('the approval chain', () => {
    let ctId: string;

    it('submits: waits for the direct superior, not yet for the PyBMC; audited', async () => {
      const res = await submit('pegawai', {
        type: 'CT',
        from: '2026-02-16',
        to: '2026-02-20',
        reason: 'Mengunjungi orang tua',
        address: 'Jl. Veteran No. 5, Serang',
      });
      expect(res.statusCode, res.body).toBe(201);
      const r = json(res);
      ctId = r.id;
      expect(r).toMatchObject({
        status: 'DIAJUKAN',
        waitingFor: 'ATASAN',
        hasSuperiorStep: true,
        approverKind: 'OPD_HEAD',
        workingDays: 3,
        calendarDays: 5,
        canCancel: true,
      });
      const inbox = json(await c.superior.get('/api/leave/inbox'));
      expect(inbox.items.map((i: { id: string }) => i.id)).toContain(ctId);
      expect(json(await c.superior.get('/api/leave/inbox/count')).count).toBe(inbox.total);
      expect(json(await c.head.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id)).not.toContain(
        ctId,
      );
      const audit = await t.db.selectFrom('auditLog').select('action').where('entityId', '=', ctId).execute();
      expect(audit.map((a) => a.action)).toEqual(['leave.submitted']);
    });

    it('a colleague or another OPD cannot see or decide it; the PyBMC cannot skip the superior', async () => {
      expect((await c.colleague.get(`/api/leave/requests/${ctId}`)).statusCode).toBe(404);
      expect((await c.adminOther.get(`/api/leave/requests/${ctId}`)).statusCode).toBe(404);
      expect(
        (await c.colleague.post(`/api/leave/requests/${ctId}/decision`, { decision: 'APPROVE' })).statusCode,
      ).toBe(404);
      expect(
        (await c.colleague.post(`/api/leave/requests/${ctId}/cancel`, { reason: 'iseng' })).statusCode,
      ).toBe(404);
      const early = await c.head.post(`/api/leave/requests/${ctId}/decision`, { decision: 'APPROVE' });
      expect(early.statusCode).toBe(403);
      expect(json(early).error.message).toContain('atasan langsung');
      expect(
        (await c.pegawai.post(`/api/leave/requests/${ctId}/decision`, { decision: 'APPROVE' })).statusCode,
      ).toBe(403);
      expect(json(await c.pegawai.get(`/api/leave/requests/${ctId}`)).status).toBe('DIAJUKAN');
    });

    it('superior approves → PyBMC approves: final, letter number, days queued for the daily status', async () => {
      const step1 = await c.superior.post(`/api/leave/requests/${ctId}/decision`, {
        decision: 'APPROVE',
        note: 'Silakan',
      });
      expect(step1.statusCode, step1.body).toBe(200);
      expect(json(step1)).toMatchObject({ status: 'DISETUJUI_ATASAN', waitingFor: 'PYBMC' });
      expect(
        json(await c.superior.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id),
      ).not.toContain(ctId);
      expect(json(await c.head.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id)).toContain(
        ctId,
      );
      await t.db.deleteFrom('statusQueue').execute();

      const final = json(await c.head.post(`/api/leave/requests/${ctId}/decision`, { decision: 'APPROVE' }));
      expect(final).toMatchObject({ status: 'DISETUJUI', waitingFor: null });
      expect(final.letterNumber).toMatch(/^800\.1\.11\.4\/\d{4}\/CUTI\/DINKES\/2026$/);
      expect(
        final.decisions.map((d: { step: string; decision: string }) => `${d.step}:${d.decision}`),
      ).toEqual(['ATASAN:APPROVE', 'PYBMC:APPROVE']);
      const queued = await t.db
        .selectFrom('statusQueue')
        .select(['localDate', 'reason'])
        .where('employeeId', '=', ids.pegawai)
        .orderBy('localDate')
        .execute();
      expect(queued.map((q) => q.localDate)).toEqual([
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
      ]);
      expect(queued.every((q) => q.reason === 'leave')).toBe(true);
      const audit = await t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', ctId)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['leave.submitted', 'leave.approved', 'leave.approved']);
    });

    it('the balance counts the 3 working days (not the cuti bersama or the holiday)', async () => {
      const b = json(await c.pegawai.get('/api/leave/balance?year=2026'));
      expect(b).toMatchObject({ taken: 3, pending: 0 });
      expect(b.remaining).toBe(b.available - 3);
    });

    it('approvedAbsences gives the final-approved leave touching the range', async () => {
      const rows = await t.services.leave.approvedAbsences(
        [ids.pegawai, ids.colleague],
        '2026-02-20',
        '2026-02-28',
      );
      expect(rows).toEqual([{ employeeId: ids.pegawai, code: 'CT', from: '2026-02-16', to: '2026-02-20' }]);
      expect(await t.services.leave.approvedAbsences([ids.pegawai], '2026-02-21', '2026-02-28')).toEqual([]);
      // Through an open transaction (the status worker's), as the contract requires.
      const inTrx = await t.db
        .transaction()
        .execute((trx) => t.services.leave.approvedAbsences([ids.pegawai], '2026-02-01', '2026-02-28', trx));
      expect(inTrx).toHaveLength(1);
    });

    it('the leave letter (PDF) shows the unit, number, employee, type, dates, days, address and approvers', async () => {
      const res = await c.pegawai.get(`/api/leave/requests/${ctId}/letter.pdf`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
        mergePages: true,
      });
      const r = json(await c.pegawai.get(`/api/leave/requests/${ctId}`));
      for (const expected of [
        'DINAS KESEHATAN',
        'SURAT IZIN CUTI TAHUNAN',
        r.letterNumber,
        r.employeeName,
        r.nip,
        'Cuti tahunan',
        '16/02/2026 s.d. 20/02/2026',
        '3 hari kerja (5 hari kalender)',
        '16 Februari 2026 sampai dengan 20 Februari 2026',
        'Jl. Veteran No. 5, Serang',
        r.decisions[0].deciderName,
        r.decisions[0].deciderNip,
        r.decisions[1].deciderName,
        r.decisions[1].deciderNip,
        '15/01/2026 09:00 WIB',
      ])
        expect(text.replace(/\s+/g, ' ')).toContain(expected);
      // Others may not download it; a pending request has no letter.
      expect((await c.colleague.get(`/api/leave/requests/${ctId}/letter.pdf`)).statusCode).toBe(404);
    });

    it('PyBMC cancels an approved leave with a reason: the balance is freed and the days queued again', async () => {
      const granted = (who: Who) =>
        c[who].get('/api/leave/granted').then((r) => json(r).items.map((i: { id: string }) => i.id));
      expect(await granted('head')).toContain(ctId);
      expect(await granted('superior')).not.toContain(ctId);
      expect(
        (await c.superior.post(`/api/leave/requests/${ctId}/cancel`, { reason: 'bukan PyBMC' })).statusCode,
      ).toBe(403);
      const noReason = await c.head.post(`/api/leave/requests/${ctId}/cancel`, {});
      expect(noReason.statusCode).toBe(400);
      await t.db.deleteFrom('statusQueue').execute();
      const res = await c.head.post(`/api/leave/requests/${ctId}/cancel`, {
        reason: 'Kebutuhan dinas mendesak',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res)).toMatchObject({ status: 'DIBATALKAN', lastNote: 'Kebutuhan dinas mendesak' });
      expect(json(await c.pegawai.get('/api/leave/balance?year=2026')).taken).toBe(0);
      const mine = json(await c.pegawai.get('/api/leave/mine'));
      expect(mine.items.find((i: { id: string }) => i.id === ctId).lastNote).toBe('Kebutuhan dinas mendesak');
      expect(
        (
          await t.db
            .selectFrom('statusQueue')
            .select('localDate')
            .where('employeeId', '=', ids.pegawai)
            .execute()
        ).length,
      ).toBe(5);
      expect(await t.services.leave.approvedAbsences([ids.pegawai], '2026-02-01', '2026-02-28')).toEqual([]);
    });

    it('rejection needs a note, ends the request and shows the note to the employee', async () => {
      const r = json(
        await submit('pegawai', {
          type: 'CAP',
          from: '2026-03-02',
          to: '2026-03-03',
          reason: 'Pernikahan adik',
        }),
      );
      expect(
        (await c.superior.post(`/api/leave/requests/${r.id}/decision`, { decision: 'REJECT' })).statusCode,
      ).toBe(400);
      const res = await c.superior.post(`/api/leave/requests/${r.id}/decision`, {
        decision: 'REJECT',
        note: 'Jadwal pelayanan penuh',
      });
      expect(json(res)).toMatchObject({
        status: 'DITOLAK',
        waitingFor: null,
        lastNote: 'Jadwal pelayanan penuh',
      });
      const again = await c.head.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' });
      expect(again.statusCode).toBe(409);
      const audit = await t.db
        .selectFrom('auditLog')
        .select(['action', 'after'])
        .where('entityId', '=', r.id)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['leave.submitted', 'leave.rejected']);
      expect(audit[1]!.after).toMatchObject({ note: 'Jadwal pelayanan penuh' });
    });

    it('the employee cancels a pending request before it starts, not one that has started', async () => {
      const r = json(
        await submit('pegawai', {
          type: 'CT',
          from: '2026-03-09',
          to: '2026-03-10',
          reason: 'Keperluan pribadi',
        }),
      );
      const res = await c.pegawai.post(`/api/leave/requests/${r.id}/cancel`, {});
      expect(json(res)).toMatchObject({ status: 'DIBATALKAN', canCancel: false });
      // Sick leave that started on Monday, approved: only the PyBMC can cancel it now.
      const s = json(
        await submit('pegawai', { type: 'CS', from: '2026-01-14', to: '2026-01-14', reason: 'Demam' }),
      );
      await approveAll(s.id, 'superior', 'head');
      const late = await c.pegawai.post(`/api/leave/requests/${s.id}/cancel`, {});
      expect(late.statusCode).toBe(409);
      expect(json(late).error.message).toContain('pejabat pemberi cuti');
    });

    it('step 1 is skipped when the superior is the PyBMC (a kepala bidang under the kepala dinas)', async () => {
      const r = json(
        await submit('kabid', { type: 'CS', from: '2026-02-18', to: '2026-02-18', reason: 'Kontrol dokter' }),
      );
      expect(r).toMatchObject({ hasSuperiorStep: false, waitingFor: 'PYBMC' });
      const final = await approveAll(r.id, null, 'head');
      expect(final.status).toBe('DISETUJUI');
    });

    it('CLTN goes to BKD (rulebook approval.byType), seen in the BKD inbox only', async () => {
      const r = json(
        await submit('pegawai', {
          type: 'CLTN',
          from: '2026-06-01',
          to: '2026-12-31',
          reason: 'Mengikuti suami tugas',
        }),
      );
      expect(r).toMatchObject({ approverKind: 'BKD', waitingFor: 'ATASAN' });
      await c.superior.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' });
      expect(json(await c.head.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id)).not.toContain(
        r.id,
      );
      expect(
        (await c.head.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' })).statusCode,
      ).toBe(403);
      expect(json(await c.bkd.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id)).toContain(
        r.id,
      );
      const res = await c.bkd.post(`/api/leave/requests/${r.id}/decision`, {
        decision: 'REJECT',
        note: 'Berkas belum lengkap',
      });
      expect(json(res).status).toBe('DITOLAK');
    });
  });

  describe('bad input: a clear reason and nothing written', () => {
    it.each<[string, Who, Record<string, unknown>, number, string, string]>([
      [
        'longer than the balance',
        'pegawai',
        { type: 'CT', from: '2026-06-02', to: '2026-07-31' },
        400,
        'VALIDATION',
        'Sisa cuti tahunan',
      ],
      [
        'overlapping a pending leave',
        'pegawai',
        { type: 'CS', from: '2026-02-24', to: '2026-02-24' },
        409,
        'CONFLICT',
        'bertumpang tindih',
      ],
      [
        'a closed month',
        'pegawai',
        { type: 'CT', from: '2026-04-06', to: '2026-04-07' },
        409,
        'MONTH_CLOSED',
        '2026-04',
      ],
      [
        "missing doctor's note",
        'pegawai',
        { type: 'CS', from: '2026-05-04', to: '2026-05-06' },
        400,
        'VALIDATION',
        'surat keterangan dokter',
      ],
      [
        'wrong employee type for the type',
        'pppk',
        { type: 'CB', from: '2026-05-04', to: '2026-05-06' },
        400,
        'VALIDATION',
        'tidak berhak',
      ],
      [
        'from after to',
        'pegawai',
        { type: 'CT', from: '2026-05-06', to: '2026-05-04' },
        400,
        'VALIDATION',
        'sebelum tanggal mulai',
      ],
      [
        'no working day in the range',
        'pegawai',
        { type: 'CT', from: '2026-05-09', to: '2026-05-10' },
        400,
        'VALIDATION',
        'tidak memuat hari kerja',
      ],
      [
        'a type that is not requested (cuti bersama)',
        'pegawai',
        { type: 'CBER', from: '2026-05-04', to: '2026-05-04' },
        400,
        'VALIDATION',
        '',
      ],
    ])('%s', async (_n, who, body, status, code, message) => {
      // Setup for the overlap and closed-month cases (idempotent).
      if (code === 'CONFLICT' && (await c.pegawai.get('/api/leave/mine')).body.indexOf('2026-02-23') < 0) {
        const mp = multipart(
          {
            request: JSON.stringify({
              type: 'CS',
              from: '2026-02-23',
              to: '2026-02-25',
              reason: 'Tifus',
              attachmentKind: 'SURAT_DOKTER',
            }),
          },
          { field: 'attachment', name: 'surat-dokter.pdf', content: PDF, type: 'application/pdf' },
        );
        const r = await c.pegawai.request({
          method: 'POST',
          url: '/api/leave/requests',
          payload: mp.payload,
          headers: mp.headers,
        });
        expect(r.statusCode, r.body).toBe(201);
      }
      if (code === 'MONTH_CLOSED')
        await sql`insert into month_closings (unit_id, month) values (${dinkesUnitId}, '2026-04') on conflict do nothing`.execute(
          t.db,
        );
      const before = await requestCount();
      const res = await submit(who, { reason: 'Alasan pengujian', ...body });
      expect(res.statusCode, res.body).toBe(status);
      expect(json(res).error.code).toBe(code);
      expect(json(res).error.message).toContain(message);
      expect(await requestCount()).toBe(before);
    });

    it('nobody decides their own request, not even as the superior of others', async () => {
      const r = json(
        await submit('superior', { type: 'CS', from: '2026-02-19', to: '2026-02-19', reason: 'Sakit gigi' }),
      );
      const res = await c.superior.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' });
      expect(res.statusCode).toBe(403);
      expect(json(res).error.message).toContain('sendiri');
      expect(
        json(await c.superior.get('/api/leave/inbox')).items.map((i: { id: string }) => i.id),
      ).not.toContain(r.id);
      expect(json(await c.superior.get(`/api/leave/requests/${r.id}`)).status).toBe('DIAJUKAN');
    });

    it('approval is refused in a closed month (nothing changes)', async () => {
      const r = json(
        await submit('colleague', { type: 'CS', from: '2026-05-04', to: '2026-05-04', reason: 'Sakit' }),
      );
      await c.superior.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' });
      await sql`insert into month_closings (unit_id, month) values (${dinkesUnitId}, '2026-05')`.execute(
        t.db,
      );
      const res = await c.head.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE' });
      expect(res.statusCode).toBe(409);
      expect(json(res).error.code).toBe('MONTH_CLOSED');
      expect(json(await c.colleague.get(`/api/leave/requests/${r.id}`)).status).toBe('DISETUJUI_ATASAN');
      await sql`delete from month_closings where month = '2026-05'`.execute(t.db);
    });

    it('an attachment must be PDF, JPEG or PNG', async () => {
      const mp = multipart(
        {
          request: JSON.stringify({
            type: 'CS',
            from: '2026-06-02',
            to: '2026-06-03',
            reason: 'Sakit',
            attachmentKind: 'SURAT_DOKTER',
          }),
        },
        { field: 'attachment', name: 'x.txt', content: 'bukan surat', type: 'text/plain' },
      );
      const res = await c.pegawai.request({
        method: 'POST',
        url: '/api/leave/requests',
        payload: mp.payload,
        headers: mp.headers,
      });
      expect(res.statusCode).toBe(415);
    });
  });

  describe('attachments, lists and exports in scope', () => {
    it("the doctor's note is served to the employee and the deciders only", async () => {
      const mine = json(await c.pegawai.get('/api/leave/mine'));
      const cs = mine.items.find(
        (i: { type: string; from: string }) => i.type === 'CS' && i.from === '2026-02-23',
      );
      expect(cs.attachment).toMatchObject({
        kind: 'SURAT_DOKTER',
        mime: 'application/pdf',
        name: 'surat-dokter.pdf',
      });
      const own = await c.pegawai.get(`/api/leave/requests/${cs.id}/attachment`);
      expect(own.statusCode).toBe(200);
      expect(Buffer.from(own.rawPayload).equals(PDF)).toBe(true);
      expect((await c.superior.get(`/api/leave/requests/${cs.id}/attachment`)).statusCode).toBe(200);
      expect((await c.head.get(`/api/leave/requests/${cs.id}/attachment`)).statusCode).toBe(200);
      expect((await c.adminOpd.get(`/api/leave/requests/${cs.id}/attachment`)).statusCode).toBe(200);
      expect((await c.colleague.get(`/api/leave/requests/${cs.id}/attachment`)).statusCode).toBe(404);
      expect((await c.adminOther.get(`/api/leave/requests/${cs.id}/attachment`)).statusCode).toBe(404);
    });

    it('admin OPD lists its OPD with search, filters and paging; another OPD sees none of it', async () => {
      const all = json(await c.adminOpd.get('/api/leave/requests?pageSize=5'));
      expect(all.total).toBeGreaterThanOrEqual(8);
      expect(all.items).toHaveLength(5);
      const pegawaiNip = json(await c.pegawai.get('/api/leave/mine')).items[0].nip as string;
      const byNip = json(await c.adminOpd.get(`/api/leave/requests?q=${pegawaiNip}&pageSize=100`));
      expect(byNip.items.length).toBeGreaterThan(0);
      expect(byNip.items.every((i: { nip: string }) => i.nip === pegawaiNip)).toBe(true);
      const rejected = json(await c.adminOpd.get('/api/leave/requests?status=DITOLAK&pageSize=100'));
      expect(rejected.items.every((i: { status: string }) => i.status === 'DITOLAK')).toBe(true);
      expect(rejected.total).toBeGreaterThanOrEqual(2);
      const feb = json(
        await c.adminOpd.get('/api/leave/requests?from=2026-02-01&to=2026-02-28&type=CS&pageSize=100'),
      );
      expect(
        feb.items.every((i: { type: string; to: string }) => i.type === 'CS' && i.to >= '2026-02-01'),
      ).toBe(true);

      const other = json(await c.adminOther.get('/api/leave/requests?pageSize=100'));
      expect(other.items.some((i: { employeeId: string }) => i.employeeId === ids.pegawai)).toBe(false);
      expect((await c.adminOther.get(`/api/leave/requests?unitId=${dinkesUnitId}`)).statusCode).toBe(403);
      expect((await c.pegawai.get('/api/leave/requests')).statusCode).toBe(403);
    });

    it('CSV export with the same filters', async () => {
      const res = await c.adminOpd.get('/api/leave/requests/export.csv?status=DITOLAK');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('NIP,Nama,Unit,Jenis cuti,Mulai,Selesai,Hari kerja,Status,Nomor surat,Catatan');
      expect(lines.slice(1).every((l) => l.includes('DITOLAK'))).toBe(true);
      expect(res.body).toContain('Jadwal pelayanan penuh');
      expect((await c.adminOther.get('/api/leave/requests/export.csv')).body).not.toContain(
        'Jadwal pelayanan penuh',
      );
    });
  });
});
