import type { LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import {
  buildDisciplineWorld,
  json,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';
import { seedCase, seedSanction, seedSummons, type SeededCase } from './documents-test-seed.ts';
import { ageBucket, percent } from './registry-service.ts';

/*
 * The discipline inbox and registry (issue 16 points 2, 9) on the shared discipline world (Monday 1 March 2027,
 * 09:00 WIB), with cases, sanctions, indications, salary stops and an appeal written straight into the tables.
 * Active ASN: Dinas Kesehatan 9 (kadis, kabid, sekdin, jf, kasi, pegawai, rekan, pppk, adminOpd; the honorer is
 * non-ASN), BKD 3, Inspektorat 2, Bapenda 3: 17 in the province. The figures below are counted by hand:
 *
 *   case  employee  opened      state        level   sanction (SK date, status)           due
 *   1     pegawai   2027-01-20  BERLAKU      ringan  R2 2027-02-10, in force today (1 day)  –
 *   2     pppk      2026-12-01  BERLAKU      sedang  PPPK_SEDANG 2027-01-15, in force       –   (+ appeal, due 27/02)
 *   3     rekan     2027-01-05  DIHENTIKAN   ringan  R1 2027-01-10, annulled 20/02           –
 *   4     kasi      2026-10-01  SELESAI      ringan  R1 2026-11-01 (last year)               –
 *   5     other     2027-01-10  SELESAI      ringan  R1 2027-02-01, served 20/02            –   (Bapenda)
 *   6     jf        2027-02-25  TELAAH       sedang  –                                      26/02 (overdue), BKD holds
 *   7     honorer   2026-11-01  PANGGILAN_I  ringan  –                                      05/03, kasi holds
 *   8     adminOpd  2026-12-20  PEMERIKSAAN  berat   –                                      –, kadis holds
 *
 * Dinas Kesehatan 2027: sanctioned pegawai + pppk = 2 of 9 → 22,22 %; with a case opened in 2027 (ASN) pegawai,
 * rekan, jf = 3 → 33,33 %. Bapenda: 1 of 3 → 33,33 %. Province: 3 of 17 → 17,65 %; 4 of 17 → 23,53 %.
 * Open cases by age (days since opened): 6 → 0–30; 1 (40), 2 (90), 8 (71) → 31–90; 7 (120) → > 90.
 */

describe('discipline inbox and registry', () => {
  let w: DisciplineWorld;
  const cases: Record<number, SeededCase> = {};
  let appealId = '';
  const stops: Record<string, string> = {};
  const indications: Record<string, string> = {};

  const get = (who: DisciplineWho, url: string) => w.c[who].get(url);
  async function readsOnly(send: () => Promise<LightMyRequestResponse>, status = 200) {
    const before = await dbFingerprint(w.t.db);
    const res = await send();
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    expect(changedTables(before, await dbFingerprint(w.t.db)).filter((x) => x !== 'sessions')).toEqual([]);
    return res;
  }
  const at = (date: string) => `${date}T02:00:00Z`;

  beforeAll(async () => {
    w = await buildDisciplineWorld();
    const bkdHolds = { employeeIds: [], roles: ['discipline.manage'] };
    cases[1] = await seedCase(w, {
      employee: 'pegawai',
      state: 'BERLAKU',
      createdAt: at('2027-01-20'),
      nextStep: null,
      holder: null,
    });
    await seedSanction(w, cases[1].id, {
      employee: 'pegawai',
      code: 'R2',
      level: 'ringan',
      name: 'teguran tertulis',
      skNumber: 'SK/1',
      skDate: '2027-02-10',
      decidedBy: 'kasi',
      receivedOn: '2027-02-11',
      effectiveOn: '2027-03-01',
      startsOn: '2027-03-01',
      endsOn: '2027-03-01',
      status: 'BERLAKU',
    });
    cases[2] = await seedCase(w, {
      employee: 'pppk',
      state: 'UPAYA_ADMINISTRATIF',
      expectedLevel: 'sedang',
      createdAt: at('2026-12-01'),
      nextStep: null,
      holder: null,
    });
    const s2 = await seedSanction(w, cases[2].id, {
      employee: 'pppk',
      code: 'PPPK_SEDANG',
      level: 'sedang',
      name: 'hukuman disiplin sedang bagi PPPK',
      skNumber: 'SK/2',
      skDate: '2027-01-15',
      decidedBy: 'kadis',
      receivedOn: '2027-01-18',
      effectiveOn: '2027-02-01',
      startsOn: '2027-02-01',
      endsOn: '2027-07-31',
      status: 'BERLAKU',
    });
    cases[3] = await seedCase(w, {
      employee: 'rekan',
      state: 'DIHENTIKAN',
      createdAt: at('2027-01-05'),
      nextStep: null,
      holder: null,
    });
    await seedSanction(w, cases[3].id, {
      employee: 'rekan',
      code: 'R1',
      level: 'ringan',
      name: 'teguran lisan',
      skNumber: 'SK/3',
      skDate: '2027-01-10',
      decidedBy: 'kasi',
      status: 'DIBATALKAN',
      annulledOn: '2027-02-20',
    });
    cases[4] = await seedCase(w, {
      employee: 'kasi',
      state: 'SELESAI',
      createdAt: at('2026-10-01'),
      violationDate: '2026-09-15',
      openedBy: 'kabid',
      nextStep: null,
      holder: null,
    });
    await seedSanction(w, cases[4].id, {
      employee: 'kasi',
      code: 'R1',
      level: 'ringan',
      name: 'teguran lisan',
      skNumber: 'SK/4',
      skDate: '2026-11-01',
      decidedBy: 'kabid',
      effectiveOn: '2026-11-25',
      startsOn: '2026-11-25',
      endsOn: '2026-11-25',
      status: 'SELESAI',
    });
    cases[5] = await seedCase(w, {
      employee: 'other',
      state: 'SELESAI',
      createdAt: at('2027-01-10'),
      openedBy: 'kaban',
      nextStep: null,
      holder: null,
    });
    await seedSanction(w, cases[5].id, {
      employee: 'other',
      code: 'R1',
      level: 'ringan',
      name: 'teguran lisan',
      skNumber: 'SK/5',
      skDate: '2027-02-01',
      decidedBy: 'kaban',
      effectiveOn: '2027-02-20',
      startsOn: '2027-02-20',
      endsOn: '2027-02-20',
      status: 'SELESAI',
    });
    cases[6] = await seedCase(w, {
      employee: 'jf',
      state: 'TELAAH',
      expectedLevel: 'sedang',
      createdAt: at('2027-02-25'),
      openedBy: 'kabid',
      nextStep: 'Terbitkan keputusan pembentukan tim pemeriksa',
      nextDue: '2027-02-26',
      holder: bkdHolds,
    });
    cases[7] = await seedCase(w, {
      employee: 'honorer',
      state: 'PANGGILAN_I',
      createdAt: at('2026-11-01'),
      violationDate: '2026-10-20',
      nextStep: 'Periksa pegawai (BAP)',
      nextDue: '2027-03-05',
      holder: { employeeIds: [w.e.kasi.id], roles: [] },
    });
    await seedSummons(w, cases[7].id, {
      seq: 1,
      letterNumber: 'S/7',
      letterDate: '2027-02-26',
      examDate: '2027-03-05',
      examTime: '10:00',
    });
    cases[8] = await seedCase(w, {
      employee: 'adminOpd',
      state: 'PEMERIKSAAN',
      expectedLevel: 'berat',
      createdAt: at('2026-12-20'),
      openedBy: 'kadis',
      nextStep: 'Laporkan hasil pemeriksaan',
      holder: { employeeIds: [w.e.kadis.id], roles: [] },
    });

    const db = w.t.db;
    appealId = (
      await db
        .insertInto('disciplineAppeals')
        .values({
          sanctionId: s2,
          caseId: cases[2].id,
          kind: 'KEBERATAN',
          filedOn: '2027-01-25',
          filingDeadline: '2027-02-05',
          responseDue: '2027-02-27',
          reason: 'Saya keberatan atas hukuman ini.',
          filedBy: w.c.pppk.me.user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const indication = async (
      who: DisciplineWho,
      unitPath: string,
      unitId: string,
      o: { year: number; status: string; source?: string; step?: number },
    ) =>
      (
        await db
          .insertInto('disciplineIndications')
          .values({
            employeeId: w.e[who].id,
            unitId,
            unitPath,
            year: o.year,
            source: o.source ?? 'cumulative',
            step: o.step ?? 1,
            level: 'ringan',
            sanctionCode: 'R1',
            totalDays: 3,
            reachedOn: `${o.year}-02-10`,
            evidence: JSON.stringify({ days: [] }),
            regulationSet: 'PP94-2021',
            status: o.status,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    indications.pegawai = await indication('pegawai', cases[1].unitPath, cases[1].unitId, {
      year: 2027,
      status: 'BARU',
      step: 2,
    });
    await indication('pegawai', cases[1].unitPath, cases[1].unitId, {
      year: 2027,
      status: 'DIGANTIKAN',
      step: 1,
    });
    await indication('rekan', cases[3].unitPath, cases[3].unitId, { year: 2026, status: 'DIPROSES' });
    indications.other = await indication('other', cases[5].unitPath, cases[5].unitId, {
      year: 2027,
      status: 'BARU',
      source: 'consecutive',
    });
    const stop = async (who: DisciplineWho, unitPath: string, status: string) =>
      (
        await db
          .insertInto('disciplineSalaryStops')
          .values({
            employeeId: w.e[who].id,
            unitPath,
            streakFrom: '2027-02-01',
            streakTo: '2027-02-12',
            streakDays: 10,
            fromMonth: '2027-03',
            status,
            notifiedBy: w.c.kasi.me.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    stops.reported = await stop('rekan', cases[3].unitPath, 'DILAPORKAN');
    stops.verified = await stop('pegawai', cases[1].unitPath, 'DIVERIFIKASI');
  }, 180_000);
  afterAll(() => w?.t.close());

  it('counts ages and shares as the registry defines them', () => {
    expect([0, 30, 31, 90, 91, 400].map(ageBucket)).toEqual(['0-30', '0-30', '31-90', '31-90', '>90', '>90']);
    expect(percent(1, 4)).toBe(25);
    expect(percent(2, 9)).toBe(22.22);
    expect(percent(3, 17)).toBe(17.65);
    expect(percent(0, 0)).toBeNull();
  });

  it('gives BKD the province per OPD: states, levels, ages, overdue steps, sanctions in force, indisipliner share', async () => {
    const r = json(await readsOnly(() => get('bkd', '/api/discipline/registry?year=2027')));
    expect(r.year).toBe(2027);
    expect(r.today).toBe('2027-03-01');
    expect(r.rows.map((x: { unitName: string }) => x.unitName)).toEqual([
      'Badan Kepegawaian Daerah',
      'Badan Pendapatan Daerah',
      'Dinas Kesehatan',
      'Inspektorat',
    ]);
    const row = (name: string) => r.rows.find((x: { unitName: string }) => x.unitName === name);
    expect(row('Dinas Kesehatan')).toMatchObject({
      casesOpened: 3,
      casesOpen: 5,
      byLevel: { ringan: 2, sedang: 1, berat: 0 },
      overdueSteps: 1,
      sanctionsInForce: { ringan: 1, sedang: 1, berat: 0 },
      activeEmployees: 9,
      sanctionedEmployees: 2,
      sanctionedPercent: 22.22,
      employeesWithCase: 3,
      casePercent: 33.33,
      tkIndications: 1,
    });
    expect(row('Dinas Kesehatan').byState).toMatchObject({
      BERLAKU: 1,
      DIHENTIKAN: 1,
      TELAAH: 1,
      SELESAI: 0,
    });
    expect(row('Badan Pendapatan Daerah')).toMatchObject({
      casesOpened: 1,
      casesOpen: 0,
      activeEmployees: 3,
      sanctionedEmployees: 1,
      sanctionedPercent: 33.33,
      tkIndications: 1,
    });
    expect(row('Badan Kepegawaian Daerah')).toMatchObject({
      activeEmployees: 3,
      sanctionedPercent: 0,
      casesOpened: 0,
    });
    expect(r.total).toMatchObject({
      unitName: 'Pemerintah Provinsi Uji',
      casesOpened: 4,
      casesOpen: 5,
      activeEmployees: 17,
      sanctionedEmployees: 3,
      sanctionedPercent: 17.65,
      employeesWithCase: 4,
      casePercent: 23.53,
      overdueSteps: 1,
      tkIndications: 2,
      sanctionsInForce: { ringan: 1, sedang: 1, berat: 0 },
    });
    expect(r.ageBuckets.map((b: { count: number }) => b.count)).toEqual([1, 3, 1]);
    expect(r.overdue).toEqual([
      expect.objectContaining({
        caseId: cases[6]!.id,
        employeeName: 'Joko Epidemiolog',
        due: '2027-02-26',
        daysOverdue: 3,
        stateLabel: 'Telaah',
      }),
    ]);
    // Last year: the kasi's sanction counts, this year's do not.
    const last = json(await get('insp', '/api/discipline/registry?year=2026'));
    expect(last.total).toMatchObject({ sanctionedEmployees: 1, casesOpened: 4 });
  });

  it('splits an OPD admin’s registry by the OPD’s sub-units, and refuses another OPD or a plain employee', async () => {
    const r = json(await readsOnly(() => get('adminOpd', '/api/discipline/registry')));
    expect(r.unit).toEqual({ id: w.u.dinkes.id, name: 'Dinas Kesehatan' });
    const by = Object.fromEntries(
      r.rows.map((x: { unitName: string; activeEmployees: number; casesOpen: number }) => [
        x.unitName,
        [x.activeEmployees, x.casesOpen],
      ]),
    );
    expect(by).toEqual({
      'Bidang P2P': [6, 4],
      Sekretariat: [1, 0],
      'Dinas Kesehatan (unit induk)': [2, 1],
    });
    expect(r.total).toMatchObject({ activeEmployees: 9, sanctionedPercent: 22.22 });
    const bidang = json(await get('adminOpd', `/api/discipline/registry?unitId=${w.u.bidang.id}`));
    expect(bidang.total.activeEmployees).toBe(6);
    await readsOnly(() => get('adminOpd', `/api/discipline/registry?unitId=${w.u.bapenda.id}`), 403);
    await readsOnly(() => get('adminOther', `/api/discipline/registry?unitId=${w.u.dinkes.id}`), 403);
    await readsOnly(() => get('pegawai', '/api/discipline/registry'), 403);
    await readsOnly(() => get('kasi', '/api/discipline/registry'), 403);
    await readsOnly(
      () => get('bkd', '/api/discipline/registry?unitId=00000000-0000-4000-8000-000000000000'),
      404,
    );
    await readsOnly(() => get('bkd', '/api/discipline/registry?year=abc'), 400);
  });

  it('puts in each inbox what waits for that person, with the count and the overdue flag', async () => {
    const kasi = json(await readsOnly(() => get('kasi', '/api/discipline/inbox')));
    expect(
      kasi.items.map((i: { type: string; id: string; reason: string }) => [i.type, i.id, i.reason]),
    ).toEqual([
      ['case', cases[7]!.id, 'HOLDER'],
      ['indication', indications.pegawai, 'SUPERIOR'],
    ]);
    expect(kasi.items[0]).toMatchObject({
      due: '2027-03-05',
      overdue: false,
      link: `/disiplin/kasus/${cases[7]!.id}`,
    });
    expect(kasi.items[1].link).toBe(`/disiplin/indikasi/${indications.pegawai}`);
    expect([kasi.count, kasi.overdue]).toEqual([2, 0]);

    const bkd = json(await get('bkd', '/api/discipline/inbox'));
    const keys = bkd.items.map((i: { type: string; id: string }) => `${i.type}:${i.id}`);
    expect(keys.slice(0, 2).sort()).toEqual([`appeal:${appealId}`, `case:${cases[6]!.id}`].sort()); // overdue first
    expect(new Set(keys)).toEqual(
      new Set([
        `appeal:${appealId}`,
        `case:${cases[6]!.id}`,
        `indication:${indications.pegawai}`,
        `indication:${indications.other}`,
        `salary_stop:${stops.reported}`,
        `salary_stop:${stops.verified}`,
      ]),
    );
    expect([bkd.count, bkd.overdue]).toEqual([6, 2]);
    expect(bkd.items.find((i: { type: string }) => i.type === 'appeal')).toMatchObject({
      caseId: cases[2]!.id,
      due: '2027-02-27',
      overdue: true,
    });

    // Admin OPD: the KPA step of the verified salary stop; their own case is not theirs to handle, only `mine`.
    const admin = json(await get('adminOpd', '/api/discipline/inbox'));
    expect(admin.items.map((i: { type: string; id: string }) => `${i.type}:${i.id}`)).toEqual([
      `salary_stop:${stops.verified}`,
    ]);
    expect(admin.mine.map((m: { id: string; state: string }) => [m.id, m.state])).toEqual([
      [cases[8]!.id, 'PEMERIKSAAN'],
    ]);
    const kadis = json(await get('kadis', '/api/discipline/inbox'));
    expect(kadis.items.map((i: { id: string; reason: string }) => [i.id, i.reason])).toEqual([
      [cases[8]!.id, 'HOLDER'],
    ]);

    // The employee: nothing to handle; their own cases and salary stop, what concerns them next.
    const honorer = json(await get('honorer', '/api/discipline/inbox'));
    expect(honorer.count).toBe(0);
    expect(honorer.mine).toEqual([
      expect.objectContaining({
        id: cases[7]!.id,
        state: 'PANGGILAN_I',
        due: '2027-03-05',
        step: 'Hadir pada pemeriksaan 05/03/2027 pukul 10:00 di Ruang rapat Seksi Surveilans',
      }),
    ]);
    const pegawai = json(await get('pegawai', '/api/discipline/inbox'));
    expect(pegawai.items).toEqual([]);
    expect(pegawai.mine.map((m: { type: string; id: string }) => `${m.type}:${m.id}`)).toEqual([
      `case:${cases[1]!.id}`,
      `salary_stop:${stops.verified}`,
    ]);
  });

  it('sums the home page’s section from the inbox and the registry', async () => {
    const s = await w.t.services.discipline.registry.summaryFor(w.admin.actor);
    expect(s).toMatchObject({ openInScope: 5, sanctionedPercent: 17.65, mineOpen: 0, targetPercent: 1 });
    expect(s.waiting).toBeGreaterThanOrEqual(6);
    expect(s.overdue).toBe(2);
  });

  it('exports the per-OPD registry (XLSX) and the cases list with its filters (CSV), writing nothing', async () => {
    const x = await readsOnly(() => get('bkd', '/api/discipline/registry/export?format=xlsx&year=2027'));
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('% indisipliner');
    const rows = new Map<string, unknown[]>();
    ws.eachRow((r, n) => {
      if (n > 1) rows.set(String(r.getCell(1).value), (r.values as unknown[]).slice(1));
    });
    const col = (name: string) => header.indexOf(name);
    const dinkes = rows.get('Dinas Kesehatan')!;
    expect([
      dinkes[col('ASN aktif')],
      dinkes[col('Pegawai dihukum 2027')],
      dinkes[col('% indisipliner')],
    ]).toEqual([9, 2, 22.22]);
    const total = rows.get('Jumlah — Pemerintah Provinsi Uji')!;
    expect(total[col('% indisipliner')]).toBe(17.65);

    const csv = async (who: DisciplineWho, query: string) => {
      const res = await readsOnly(() => get(who, `/api/discipline/cases/export?format=csv${query}`));
      expect(res.headers['content-type']).toContain('text/csv');
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      return lines.slice(1).map((l) => l.split(','));
    };
    expect((await csv('bkd', '')).length).toBe(8);
    const admin = await csv('adminOpd', '');
    expect(admin.length).toBe(7); // not Bapenda's case
    const telaah = await csv('bkd', '&state=TELAAH');
    expect(telaah.map((r) => r[0])).toEqual([cases[6]!.caseNumber]);
    expect(telaah[0]).toContain('26/02/2027');
    expect(telaah[0]).toContain('Ya'); // overdue
    expect((await csv('bkd', '&q=putri')).map((r) => r[0])).toEqual([cases[1]!.caseNumber]);
    expect((await csv('bkd', '&level=berat')).map((r) => r[0])).toEqual([cases[8]!.caseNumber]);
    expect((await csv('bkd', `&unitId=${w.u.bapenda.id}`)).map((r) => r[0])).toEqual([cases[5]!.caseNumber]);
    expect((await csv('bkd', '&from=2026-09-01&to=2026-12-31')).map((r) => r[0]).sort()).toEqual(
      [cases[4]!.caseNumber, cases[7]!.caseNumber].sort(),
    );
    await readsOnly(
      () => get('adminOpd', `/api/discipline/cases/export?format=csv&unitId=${w.u.bapenda.id}`),
      403,
    );
    await readsOnly(() => get('kasi', '/api/discipline/cases/export?format=xlsx'), 403);
    await readsOnly(() => get('bkd', '/api/discipline/cases/export?format=pdf'), 400);
    await readsOnly(
      () => get('bkd', '/api/discipline/cases/export?format=csv&from=2027-03-01&to=2027-01-01'),
      400,
    );
  });
});
