/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import regional4060Tpp from '../../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import regional4060Discipline from '../../../../rulebooks/regional-40-60/discipline.json' with { type: 'json' };
import { eachDay, monthRange } from '../../../core/common/local-date.ts';
import { disciplineRulesSchema } from '../../../core/discipline/discipline-rules.ts';
import { computeTpp, type TppSanction } from '../../../core/tpp/compute-tpp.ts';
import { tppRulesSchema } from '../../../core/tpp/tpp-rules.ts';
import type { DayStatusRow } from '../statuses/status-repo.ts';
import {
  buildDisciplineWorld,
  json,
  unchanged,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';

/*
 * Scenario tests of the discipline module (issue 16 point 10), through the API only (the hourly settle job is run
 * by hand where the clock moves, as app.ts runs it): (a) a TK case from the recap to an effective R2 and the list of
 * sanctions TPP takes; (b) a heavy case with an examination team, two summonses, relief with a Plh, a decision by
 * the PPK (recorded by BKD) to dismiss (B3), delivery by post and a banding administratif that annuls it.
 *
 * Every expected date is worked by hand on the national 2027 calendar of the rulebook (rulebooks/national/
 * calendar.json): holidays on working days Fri 1 Jan, Tue 5 Jan (Isra Mikraj), Mon 8 Mar (Nyepi), Wed 10 and
 * Thu 11 Mar (Idul Fitri), Fri 26 Mar (Good Friday), Thu 6 May (Ascension); no cuti bersama is set for 2027.
 * Deadlines as the national rulebook reads them (rulebooks/national/discipline.json `deadlines`):
 * - summons I: `minimumNotice`: the letter reaches the employee at least 7 HK before the examination, so the
 *   examination is on or after the 7th working day after the letter (PP 94/2021 Pasal 26 ayat (2); the PerBKN
 *   annex example letter 5 Oct 2022 → examination 17 Oct 2022);
 * - summons II: the letter at the latest 7 HK after the missed examination (Pasal 26 ayat (3));
 * - delivery: at the latest 14 HK after the SK is signed (Pasal 37 ayat (3)); posting: at the latest 3 HK after
 *   the missed delivery (PerBKN 6/2022 Pasal 49 ayat (8));
 * - effective: the 15th HK after receipt, counted from the day after receipt when handed over in person and from
 *   the day of receipt when sent by post (PP 94/2021 Pasal 38; PerBKN 6/2022 Pasal 50 ayat (1) and annex);
 * - keberatan: filed at the latest 14 HK after receipt (day after receipt = day 1), decided within 21 HK (PP 79/2021).
 */

/** The 2027 national holidays on working days (weekends are non-working anyway). */
const HOLIDAYS_2027 = ['2027-01-01', '2027-01-05', '2027-03-08', '2027-03-10', '2027-03-11', '2027-03-26'];

/** Every day of a month stored as the status worker would: weekends and holidays LIBUR, working days H, `over`. */
async function seedMonth(
  w: DisciplineWorld,
  who: DisciplineWho,
  month: string,
  over: Record<string, Partial<DayStatusRow>> = {},
) {
  const { from, to } = monthRange(month);
  const days = eachDay(from, to).map((d) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const off = dow === 0 || dow === 6 || HOLIDAYS_2027.includes(d);
    return { localDate: d, code: off ? 'LIBUR' : 'H', nonWorkingDay: off, ...over[d] };
  });
  await w.f.dayStatuses(w.e[who], days);
}

const TK = { code: 'TK' } as const;
/** The people of the Seksi Surveilans (the unit closed each month). */
const SEKSI: DisciplineWho[] = ['kasi', 'pegawai', 'rekan', 'honorer', 'pppk'];

/** Moves the clock to 09:00 WIB of a local date and signs everyone in again. */
const at = (w: DisciplineWorld, date: string) => w.setNow(`${date}T02:00:00Z`);

/** `GET /sanctions/active?month=` as a reader: the TppSanction list per employee. */
async function activeIn(w: DisciplineWorld, month: string): Promise<Record<string, TppSanction[]>> {
  const r = json(await w.c.adminOpd.get(`/api/discipline/sanctions/active?month=${month}`));
  expect(r.month).toBe(month);
  return Object.fromEntries(r.items.map((i: any) => [i.employeeId, i.sanctions]));
}

const stateOf = async (w: DisciplineWorld, id: string) =>
  (await w.t.db.selectFrom('disciplineCases').select('state').where('id', '=', id).executeTakeFirstOrThrow())
    .state;

describe('scenario (a): TK days in the recap → indication → case → effective R2 → the TPP list', () => {
  let w: DisciplineWorld;
  const ids = { r1: '', r2: '', caseId: '' };

  beforeAll(async () => {
    // Friday 5 February 2027, 09:00 WIB: January may be closed (the rulebook's closeFromDay 5).
    w = await buildDisciplineWorld({ now: '2027-02-05T02:00:00Z' });
    // Putri Pegawai (pelaksana, superior Kiki Kasi, a Pengawas): TK on Mon 11, Tue 12, Wed 13 January.
    await seedMonth(w, 'pegawai', '2027-01', {
      '2027-01-11': TK,
      '2027-01-12': TK,
      '2027-01-13': TK,
    });
    for (const who of SEKSI.filter((x) => x !== 'pegawai')) await seedMonth(w, who, '2027-01');
  }, 120_000);
  afterAll(() => w?.t.close());

  it('closing January stores "3 hari TK → usulan R1" (regulations.md §1.3: 3 days → R1)', async () => {
    json(await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.u.seksi.id, month: '2027-01' }));
    const rows = await w.t.db
      .selectFrom('disciplineIndications')
      .selectAll()
      .where('employeeId', '=', w.e.pegawai.id)
      .execute();
    expect(rows.map((r) => [r.source, r.step, r.sanctionCode, r.totalDays, r.status])).toEqual([
      ['cumulative', 1, 'R1', 3, 'BARU'],
    ]);
    ids.r1 = rows[0]!.id;
    const d = json(await w.c.kasi.get(`/api/discipline/indications/${ids.r1}`));
    expect(d).toMatchObject({
      headline: '3 hari TK → usulan R1 teguran lisan',
      level: 'ringan',
      reachedOn: '2027-01-13',
      actions: { open: true, dismiss: true },
    });
    expect(d.evidence.tkDays).toEqual(['2027-01-11', '2027-01-12', '2027-01-13']);
    // Nobody else in the unit reached a threshold.
    expect(
      await w.t.db
        .selectFrom('disciplineIndications')
        .select('id')
        .where('employeeId', '!=', w.e.pegawai.id)
        .execute(),
    ).toEqual([]);
  });

  it('closing February: 5 days in the year → R2 (4–6 days) supersedes the undecided R1', async () => {
    // Friday 5 March 2027: February may be closed. TK on Mon 15 and Tue 16 February: 3 + 2 = 5 days in 2027.
    // Step-wise within the year (regulations.md §1.3): the 4th day (Mon 15 Feb) enters the 4–6 band → R2 teguran
    // tertulis, reached on 15 Feb; the 5th day stays in it. R1 was never decided, so the R2 proposal replaces it
    // (a case for R1 and another for R2 would punish the same absences twice).
    await at(w, '2027-03-05');
    await seedMonth(w, 'pegawai', '2027-02', { '2027-02-15': TK, '2027-02-16': TK });
    for (const who of SEKSI.filter((x) => x !== 'pegawai')) await seedMonth(w, who, '2027-02');
    json(await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.u.seksi.id, month: '2027-02' }));
    const rows = await w.t.db
      .selectFrom('disciplineIndications')
      .selectAll()
      .where('employeeId', '=', w.e.pegawai.id)
      .orderBy('step')
      .execute();
    expect(rows.map((r) => [r.step, r.sanctionCode, r.totalDays, r.status])).toEqual([
      [1, 'R1', 3, 'DIGANTIKAN'],
      [2, 'R2', 5, 'BARU'],
    ]);
    ids.r2 = rows[1]!.id;
    const d = json(await w.c.kasi.get(`/api/discipline/indications/${ids.r2}`));
    expect(d).toMatchObject({
      headline: '5 hari TK → usulan R2 teguran tertulis',
      sanctionCode: 'R2',
      level: 'ringan',
      totalDays: 5,
      reachedOn: '2027-02-15',
      status: 'BARU',
    });
    expect(d.evidence.tkDays).toEqual(['2027-01-11', '2027-01-12', '2027-01-13', '2027-02-15', '2027-02-16']);
    // The superseded R1 can no longer be opened.
    await unchanged(w.t, () => w.c.kasi.post(`/api/discipline/indications/${ids.r1}/open`, {}), 409);
  });

  it('the superior opens the case from R2; the record flags her against transfer while examined', async () => {
    const d = json(
      await w.c.kasi.post(`/api/discipline/indications/${ids.r2}/open`, {
        summary: 'TK 5 hari kerja pada Januari–Februari 2027 tanpa alasan yang sah.',
      }),
      201,
    );
    expect(d.status).toBe('DIPROSES');
    ids.caseId = d.caseId;
    const v = json(await w.c.kasi.get(`/api/discipline/cases/${ids.caseId}`));
    expect(v.case).toMatchObject({
      source: 'INDIKASI',
      sourceRef: ids.r2,
      expectedLevel: 'ringan',
      violationDate: '2027-02-15',
      state: 'TELAAH',
    });
    expect(v.violations).toEqual([
      expect.objectContaining({
        code: 'PASAL_4_F',
        occurredOn: '2027-02-15',
        level: 'ringan',
        indicationId: ids.r2,
      }),
    ]);
    const rec = json(await w.c.pegawai.get(`/api/discipline/employees/${w.e.pegawai.id}/record`));
    expect(rec.flags).toMatchObject({ underExamination: true, transferBlocked: true, blocksKgb: false });
  });

  it('telaah by the superior, summons I at least 7 HK before the examination on the unit calendar', async () => {
    json(
      await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/telaah`, {
        examiner: 'ATASAN',
        expectedLevel: 'ringan',
        note: 'Dugaan pelanggaran ringan: diperiksa atasan langsung.',
      }),
    );
    // Letter Fri 5 Mar 2027. Working days after it: Tue 9 (1; Mon 8 is Nyepi), Fri 12 (2; Wed 10 and Thu 11 are
    // Idul Fitri), Mon 15 (3), Tue 16 (4), Wed 17 (5), Thu 18 (6), Fri 19 (7) → examination on or after Fri 19 Mar.
    const summons = (examDate: string) => ({
      letterNumber: '800/07/SURV/2027',
      letterDate: '2027-03-05',
      examDate,
      examTime: '09:00',
      examPlace: 'Ruang rapat Seksi Surveilans',
    });
    const early = await unchanged(
      w.t,
      () => w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/summons`, summons('2027-03-18')),
      400,
    );
    expect(early.error.details[0]).toMatchObject({
      path: 'examDate',
      limitDate: '2027-03-19',
      bound: 'onOrAfter',
    });
    expect(early.error.message).toContain('19/03/2027');
    const v = json(await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/summons`, summons('2027-03-19')));
    expect(v.case.state).toBe('PANGGILAN_I');
    expect(v.summonses[0]).toMatchObject({
      seq: 1,
      withinLimit: true,
      limit: { date: '2027-03-19', bound: 'onOrAfter', legalBasis: { regulation: 'PP 94/2021' } },
    });
    expect(v.next).toMatchObject({ due: { date: '2027-03-19' } });
    expect(v.next.holder.employees.map((e: any) => e.id)).toEqual([w.e.kasi.id]);
  });

  it('BAP and report R2: the competent official is the Pengawas one level above (national matrix)', async () => {
    await at(w, '2027-03-19');
    json(
      await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/examination`, {
        examDate: '2027-03-19',
        mode: 'TATAP_MUKA',
        place: 'Ruang rapat Seksi Surveilans',
        qa: [{ question: 'Mengapa Saudara tidak masuk kerja 5 hari?', answer: 'Saya mengurus keluarga.' }],
        examineeStatement: 'Saya tidak memberi kabar kepada atasan.',
        signedByExaminee: true,
        copyGivenOn: '2027-03-19',
      }),
    );
    const v = json(
      await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/report`, {
        summary: 'Terbukti tidak masuk kerja 5 hari tanpa alasan yang sah.',
        foundLevel: 'ringan',
        proposedSanction: 'R2',
      }),
    );
    expect(v.case.state).toBe('PENJATUHAN');
    // Pelaksana (tier 0) + 1 level (row SATU_TINGKAT_RINGAN) → the Pengawas above: Kiki Kasi, who also examined.
    expect(v.examination.report.reportedTo).toMatchObject({
      kind: 'chain',
      name: 'Kiki Kasi',
      positionName: 'Kepala Seksi Surveilans',
      hierarchical: false,
    });
    const pyb = json(
      await w.c.kasi.get(`/api/discipline/cases/${ids.caseId}/competent-official?sanctionCode=R2`),
    );
    expect(pyb).toMatchObject({
      kind: 'chain',
      name: 'Kiki Kasi',
      positionName: 'Kepala Seksi Surveilans',
      exact: true,
      callerMayDecide: true,
      legalBasis: { regulation: 'PP 94/2021' },
    });
    expect(pyb.deciders.map((d: any) => d.id)).toEqual([w.e.kasi.id]);
    // BKD may read and manage the case but holds no authority for a ringan sanction on a pelaksana (403 naming
    // the PyB); the Kepala Bidang above the PyB is no party to the case at all (404: nothing learnt of it).
    const body = {
      sanctionCode: 'R2',
      skNumber: '800.1.6/01/BKD/2027',
      skDate: '2027-03-19',
      considerations: 'Berdasarkan BAP, pegawai terbukti tidak masuk kerja.',
    };
    const refused = await unchanged(
      w.t,
      () => w.c.bkd.post(`/api/discipline/cases/${ids.caseId}/decision`, body),
      403,
    );
    expect(refused.error.message).toContain('Kepala Seksi Surveilans (Kiki Kasi)');
    await unchanged(w.t, () => w.c.kabid.post(`/api/discipline/cases/${ids.caseId}/decision`, body), 404);
  });

  it('the decision R2 and its delivery in person: effective the 15th HK after receipt', async () => {
    const d = json(
      await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/decision`, {
        sanctionCode: 'R2',
        skNumber: '800.1.6/02/SURV/2027',
        skDate: '2027-03-19',
        considerations: 'Berdasarkan BAP tanggal 19 Maret 2027, pegawai terbukti tidak masuk kerja 5 hari.',
      }),
    );
    // Delivery at the latest 14 HK after Fri 19 Mar: 22–25 Mar (4), (26 Good Friday), 29–31 Mar (7), 1–2 Apr (9),
    // 5–9 Apr (14) → Fri 9 Apr 2027.
    expect(d).toMatchObject({ state: 'PENYAMPAIAN' });
    expect(d.sanction).toMatchObject({
      sanctionCode: 'R2',
      appliedCode: 'R2',
      level: 'ringan',
      decidedAs: null,
      authority: { kind: 'chain', name: 'Kiki Kasi' },
      delivery: { due: { date: '2027-04-09' } },
      status: 'DITETAPKAN',
    });

    await at(w, '2027-03-22');
    const r = json(
      await w.c.kasi.post(`/api/discipline/cases/${ids.caseId}/delivery`, {
        method: 'langsung',
        receivedOn: '2027-03-22',
      }),
    );
    // Received in person Mon 22 Mar; day 1 is the working day after receipt: 23, 24, 25 Mar (3), (26 Good Friday),
    // 29, 30, 31 Mar (6), 1, 2 Apr (8), 5–9 Apr (13), Mon 12 Apr (14), Tue 13 Apr (15) → effective Tue 13 Apr 2027.
    expect(r.state).toBe('MENUNGGU_BERLAKU');
    expect(r.sanction).toMatchObject({
      effectiveOn: '2027-04-13',
      startsOn: '2027-04-13',
      endsOn: '2027-04-13', // a reprimand is served at once (regulations.md §1.7 MENJALANI)
      status: 'DISAMPAIKAN',
      blocksKgb: false,
      blocksPromotion: false,
      effective: { date: '2027-04-13', bound: 'exact' },
    });
    // Keberatan window: 14 HK from the day after receipt: 23–25 Mar (3), 29–31 Mar (6), 1–2 Apr (8), 5–9 Apr (13),
    // Mon 12 Apr (14).
    expect(r.sanction.appealWindow).toMatchObject({
      kind: 'KEBERATAN',
      deadline: { date: '2027-04-12' },
      open: true,
    });
    const rec = json(await w.c.kasi.get(`/api/discipline/employees/${w.e.pegawai.id}/record`));
    expect(rec.flags).toMatchObject({ underExamination: false, transferBlocked: false, blocksKgb: false });
    expect(rec.sanctions.map((s: any) => [s.sanctionCode, s.effectiveOn, s.status])).toEqual([
      ['R2', '2027-04-13', 'DISAMPAIKAN'],
    ]);
  });

  it('the TPP list has it from the month it takes effect, not before', async () => {
    expect((await activeIn(w, '2027-02'))[w.e.pegawai.id]).toBeUndefined();
    expect((await activeIn(w, '2027-03'))[w.e.pegawai.id]).toBeUndefined();
    expect((await activeIn(w, '2027-04'))[w.e.pegawai.id]).toEqual([{ type: 'R2', from: '2027-04-13' }]);
    // Later months keep it: the TPP rulebook says how many months its cut runs (computeTpp applies the window).
    expect((await activeIn(w, '2027-05'))[w.e.pegawai.id]).toEqual([{ type: 'R2', from: '2027-04-13' }]);
    // Another OPD's admin sees nothing of it.
    const other = json(await w.c.adminOther.get('/api/discipline/sanctions/active?month=2027-04'));
    expect(other.items).toEqual([]);
  });

  it('the list feeds computeTpp of a regional rulebook with an R2 cut (regional-40-60: 30 % × 2 months)', async () => {
    // rulebooks/regional-40-60/tpp.json: R2 → 30 % of the total for 2 months from the month it takes effect.
    // Tariff of kelas 7 set to Rp 10.000.000, score 1, no deductions: after deductions 10.000.000; cut 30 % =
    // 3.000.000 in April and May 2027, none in March (not listed) nor June (outside the 2 months).
    const rules = tppRulesSchema.parse(regional4060Tpp);
    rules.tariffs.rows = rules.tariffs.rows.map((row) =>
      row.kelas === 7 ? { ...row, amount: 10_000_000 } : row,
    );
    const context = { discipline: disciplineRulesSchema.parse(regional4060Discipline) };
    const cutIn = async (month: string) => {
      const b = computeTpp(
        {
          employee: { nip: w.e.pegawai.nip ?? 'x', employeeType: 'PNS', kelasJabatan: 7 },
          month,
          gajiPokok: 3_000_000,
          days: [],
          apelMisses: [],
          missingActivityReportDates: [],
          kinerjaScore: 1,
          activeSanctions: (await activeIn(w, month))[w.e.pegawai.id] ?? [],
          exclusions: [],
        },
        rules,
        context,
      );
      expect(b.afterDeductions).toBe(10_000_000);
      return b;
    };
    expect((await cutIn('2027-03')).sanctionCut).toBe(0);
    const april = await cutIn('2027-04');
    expect(april.sanctions).toEqual([
      expect.objectContaining({
        sanctionType: 'R2',
        imposedType: 'R2',
        cutFromMonth: '2027-04',
        cutToMonth: '2027-05',
        percent: 30,
        appliedAmount: 3_000_000,
      }),
    ]);
    expect(april.gross).toBe(7_000_000);
    expect((await cutIn('2027-05')).sanctionCut).toBe(3_000_000);
    expect((await cutIn('2027-06')).sanctionCut).toBe(0);
  });

  it('the clock: waiting until Tue 13 Apr, in force that day, served the day after', async () => {
    await at(w, '2027-04-12');
    await w.t.services.discipline.sanctions.settle();
    expect(await stateOf(w, ids.caseId)).toBe('MENUNGGU_BERLAKU');
    await at(w, '2027-04-13');
    await w.t.services.discipline.sanctions.settle();
    expect(await stateOf(w, ids.caseId)).toBe('BERLAKU');
    const rec = json(await w.c.pegawai.get(`/api/discipline/employees/${w.e.pegawai.id}/record`));
    expect(rec.sanctions[0]).toMatchObject({
      sanctionCode: 'R2',
      status: 'BERLAKU',
      skNumber: '800.1.6/02/SURV/2027',
    });
    await at(w, '2027-04-14');
    await w.t.services.discipline.sanctions.settle();
    expect(await stateOf(w, ids.caseId)).toBe('SELESAI');
    const done = json(await w.c.kasi.get(`/api/discipline/employees/${w.e.pegawai.id}/record`));
    expect(done.sanctions[0].status).toBe('SELESAI');
    expect(done.flags).toMatchObject({ blocksKgb: false, transferBlocked: false });
    // Served, but still on the TPP list of May: the regional cut runs two months.
    expect((await activeIn(w, '2027-05'))[w.e.pegawai.id]).toEqual([{ type: 'R2', from: '2027-04-13' }]);
  });
});

describe('scenario (b): a heavy neutrality case → team → two summonses → PPK dismissal (B3) → a banding annuls it', () => {
  let w: DisciplineWorld;
  let caseId = '';
  let appealId = '';
  const record = async () => json(await w.c.kasi.get(`/api/discipline/employees/${w.e.kasi.id}/record`));
  const view = async (who: DisciplineWho = 'bkd') =>
    json(await w.c[who].get(`/api/discipline/cases/${caseId}`));

  beforeAll(async () => {
    // Monday 1 March 2027, 09:00 WIB. The examinee: Kiki Kasi (Kepala Seksi, Pengawas kelas 9, superior Budi Kabid).
    w = await buildDisciplineWorld();
  }, 120_000);
  afterAll(() => w?.t.close());

  it('opened by hand from a Bawaslu recommendation: PP 94 Pasal 5 huruf n angka 3–7 is berat', async () => {
    const body = {
      employeeId: w.e.kasi.id,
      source: 'NETRALITAS',
      sourceRef: 'Rekomendasi Bawaslu Provinsi 123/PM.00.02/K.X/02/2027',
      violationCode: 'PASAL_5_N_3_7',
      violationDate: '2027-02-10',
      description:
        'Mengerahkan pegawai seksi menghadiri kegiatan kampanye calon kepala daerah pada jam kerja.',
      expectedLevel: 'sedang',
    };
    const wrong = await unchanged(w.t, () => w.c.kabid.post('/api/discipline/cases', body), 400);
    expect(wrong.error.details[0].path).toBe('expectedLevel');
    const v = json(await w.c.kabid.post('/api/discipline/cases', { ...body, expectedLevel: 'berat' }), 201);
    caseId = v.case.id;
    expect(v.case).toMatchObject({
      source: 'NETRALITAS',
      track: 'disiplin',
      expectedLevel: 'berat',
      state: 'TELAAH',
    });
    expect(v.violations[0]).toMatchObject({ code: 'PASAL_5_N_3_7', level: 'berat' });
    expect((await record()).flags).toMatchObject({ underExamination: true, transferBlocked: true });
  });

  it('telaah: berat requires a team; BKD records the SK with superior, Inspektorat and BKD, none lower in rank', async () => {
    const alone = await unchanged(
      w.t,
      () =>
        w.c.kabid.post(`/api/discipline/cases/${caseId}/telaah`, {
          examiner: 'ATASAN',
          expectedLevel: 'berat',
          note: 'Diperiksa sendiri.',
        }),
      400,
    );
    expect(alone.error.details[0].path).toBe('examiner');
    const t = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/telaah`, {
        examiner: 'TIM',
        expectedLevel: 'berat',
        note: 'Dugaan pelanggaran berat: dibentuk tim pemeriksa.',
      }),
    );
    expect(t.case.state).toBe('PEMBENTUKAN_TIM');
    expect(t.next.holder).toEqual({ employees: [], roles: ['discipline.manage'] });

    const team = (bkdMember: string) => ({
      skNumber: '800.1.6/15/BKD/2027',
      skDate: '2027-03-01',
      members: [
        { employeeId: w.e.kabid.id, role: 'ATASAN', isChair: true },
        { employeeId: w.e.insp.id, role: 'INSPEKTORAT' },
        { employeeId: bkdMember, role: 'BKD' },
      ],
    });
    // The superior cannot form the team; BKD's pelaksana (kelas 6) is lower than the examinee (kelas 9).
    await unchanged(w.t, () => w.c.kabid.post(`/api/discipline/cases/${caseId}/team`, team(w.e.bkd.id)), 403);
    const low = await unchanged(
      w.t,
      () => w.c.bkd.post(`/api/discipline/cases/${caseId}/team`, team(w.e.bkdStaf.id)),
      400,
    );
    expect(low.error.details[0].path).toBe('members[2].employeeId');
    expect(low.error.message).toContain('lebih rendah');
    const v = json(await w.c.bkd.post(`/api/discipline/cases/${caseId}/team`, team(w.e.bkd.id)));
    expect(v.case.state).toBe('PEMANGGILAN');
    expect(v.team.members.map((m: any) => [m.name, m.role, m.isChair])).toEqual(
      expect.arrayContaining([
        ['Budi Kabid', 'ATASAN', true],
        ['Indra Irban', 'INSPEKTORAT', false],
        ['Bagus Pembinaan BKD', 'BKD', false],
      ]),
    );
    expect(v.team.members).toHaveLength(3);
    expect(new Set(v.next.holder.employees.map((e: any) => e.id))).toEqual(
      new Set([w.e.kabid.id, w.e.insp.id, w.e.bkd.id]),
    );
  });

  it('summons I; relief from duties with a Plh (full pay); absence; summons II within 7 HK; BAP at summons II', async () => {
    // Letter Mon 1 Mar: 2, 3, 4, 5 (4), 9 (5; Nyepi 8), 12 (6; Idul Fitri 10–11), Mon 15 Mar (7) → exam ≥ 15 Mar.
    const s1 = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/summons`, {
        letterDate: '2027-03-01',
        examDate: '2027-03-15',
        examTime: '09:00',
        examPlace: 'Ruang rapat Inspektorat',
      }),
    );
    expect(s1.summonses[0]).toMatchObject({
      seq: 1,
      limit: { date: '2027-03-15', bound: 'onOrAfter' },
      withinLimit: true,
    });
    const r = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/relief`, {
        from: '2027-03-01',
        plhEmployeeId: w.e.rekan.id,
        reason: 'Dugaan pelanggaran berat: dibebaskan sementara selama pemeriksaan.',
      }),
    );
    expect(r.relief).toMatchObject({
      from: '2027-03-01',
      to: null,
      plh: { id: w.e.rekan.id, name: 'Rudi Rekan' },
    });
    expect(r.relief.note.toLowerCase()).toContain('penuh');

    await at(w, '2027-03-15');
    const a = json(
      await w.c.insp.post(`/api/discipline/cases/${caseId}/absence`, {
        note: 'Tidak hadir tanpa keterangan.',
      }),
    );
    // Summons II at the latest 7 HK after the missed Mon 15 Mar: 16, 17, 18, 19, 22, 23, Wed 24 Mar.
    expect(a.case.state).toBe('PANGGILAN_I');
    expect(a.next).toMatchObject({ step: 'Terbitkan surat panggilan II', due: { date: '2027-03-24' } });

    await at(w, '2027-03-16');
    const s2 = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/summons`, {
        letterDate: '2027-03-16',
        examDate: '2027-03-25',
        examTime: '09:00',
        examPlace: 'Ruang rapat Inspektorat',
      }),
    );
    expect(s2.case.state).toBe('PANGGILAN_II');
    expect(s2.summonses.map((s: any) => [s.seq, s.attended, s.limit.date, s.withinLimit])).toEqual([
      [1, false, '2027-03-15', true],
      [2, null, '2027-03-24', true],
    ]);

    await at(w, '2027-03-25');
    const bap = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/examination`, {
        examDate: '2027-03-25',
        mode: 'TATAP_MUKA',
        place: 'Ruang rapat Inspektorat',
        qa: [{ question: 'Apakah Saudara mengerahkan staf ke kegiatan kampanye?', answer: 'Ya.' }],
        signedByExaminee: false,
        refusalNote: 'Terperiksa menolak menandatangani BAP.',
        copyGivenOn: '2027-03-25',
        teamNotes: 'Catatan tim: bukti foto dan daftar hadir dari Bawaslu cocok.',
      }),
    );
    expect(bap.case.state).toBe('PEMERIKSAAN');
    expect(bap.examination).toMatchObject({
      signedByExaminee: false,
      teamNotes: expect.stringContaining('Bawaslu'),
    });
    // The examinee sees the BAP but neither the team's notes nor the confidential timeline step.
    const mine = await view('kasi');
    expect(mine.examination).toMatchObject({
      refusalNote: 'Terperiksa menolak menandatangani BAP.',
      teamNotes: null,
    });
    expect(mine.timeline.some((e: any) => e.action === 'teamNote')).toBe(false);
    expect((await view('bkd')).timeline.some((e: any) => e.action === 'teamNote')).toBe(true);
  });

  it('report: a berat sanction on a Pengawas is the PPK’s, recorded by BKD; the superior is refused', async () => {
    const v = json(
      await w.c.kabid.post(`/api/discipline/cases/${caseId}/report`, {
        summary: 'Terbukti mengerahkan pegawai pada kegiatan kampanye (PP 94/2021 Pasal 5 huruf n).',
        foundLevel: 'berat',
        proposedSanction: 'B3',
      }),
    );
    expect(v.case.state).toBe('PENJATUHAN');
    expect(v.examination.report.reportedTo).toMatchObject({ kind: 'ppk', hierarchical: true });
    expect(v.next.holder).toEqual({ employees: [], roles: ['discipline.manage'] });
    const asBkd = json(
      await w.c.bkd.get(`/api/discipline/cases/${caseId}/competent-official?sanctionCode=B3`),
    );
    expect(asBkd).toMatchObject({
      kind: 'ppk',
      callerMayDecide: true,
      sanction: { code: 'B3', level: 'berat' },
    });
    expect(asBkd.explanation).toContain('PPK');
    expect(
      json(await w.c.kabid.get(`/api/discipline/cases/${caseId}/competent-official?sanctionCode=B3`))
        .callerMayDecide,
    ).toBe(false);

    await at(w, '2027-03-29');
    const decision = {
      sanctionCode: 'B3',
      skNumber: '800.1.6/33/BKD/2027',
      skDate: '2027-03-29',
      considerations: 'Berdasarkan BAP dan rekomendasi Bawaslu, pegawai terbukti melanggar netralitas.',
    };
    const refused = await unchanged(
      w.t,
      () => w.c.kabid.post(`/api/discipline/cases/${caseId}/decision`, decision),
      403,
    );
    expect(refused.error.message).toContain('PPK');
    const d = json(await w.c.bkd.post(`/api/discipline/cases/${caseId}/decision`, decision));
    // Delivery at the latest 14 HK after Mon 29 Mar: 30, 31 Mar, 1, 2 Apr (4), 5–9 Apr (9), 12–16 Apr (14) → 16 Apr.
    expect(d).toMatchObject({ state: 'PENYAMPAIAN' });
    expect(d.sanction).toMatchObject({
      sanctionCode: 'B3',
      level: 'berat',
      durationMonths: null,
      decidedAs: 'PPK',
      authority: { kind: 'ppk' },
      delivery: { due: { date: '2027-04-16' } },
    });
    expect((await record()).flags).toMatchObject({ underExamination: false, transferBlocked: false });
    // The relief from duties lasts until the decision is set (PP 94/2021 Pasal 27; regulations.md §1.6).
    expect((await view()).relief).toMatchObject({ from: '2027-03-01', to: '2027-03-29' });
  });

  it('delivery by post: sent within 3 HK of the missed delivery; effective the 15th HK counting receipt', async () => {
    await at(w, '2027-04-06');
    // Summoned to receive it on Wed 31 Mar, did not come: posted at the latest 3 HK later: 1, 2, Mon 5 Apr.
    const late = await unchanged(
      w.t,
      () =>
        w.c.bkd.post(`/api/discipline/cases/${caseId}/delivery`, {
          method: 'pos',
          summonedOn: '2027-03-31',
          postedOn: '2027-04-06',
          receivedOn: '2027-04-06',
        }),
      400,
    );
    expect(late.error.details[0].path).toBe('lateReason');
    expect(late.error.message).toContain('dikirim ke alamat terakhir paling lambat 05/04/2027 (3 hari kerja');
    expect(late.error.message).not.toContain('..');
    const r = json(
      await w.c.bkd.post(`/api/discipline/cases/${caseId}/delivery`, {
        method: 'pos',
        summonedOn: '2027-03-31',
        postedOn: '2027-04-01',
        receivedOn: '2027-04-05',
      }),
    );
    // Received Mon 5 Apr at his address; the day of receipt is day 1: 5–9 Apr (5), 12–16 Apr (10), 19–23 Apr (15)
    // → Fri 23 Apr 2027; a dismissal (PDHTAPS) is final: no end date.
    expect(r.state).toBe('MENUNGGU_BERLAKU');
    expect(r.sanction).toMatchObject({
      effectiveOn: '2027-04-23',
      startsOn: '2027-04-23',
      endsOn: null,
      blocksKgb: true,
      blocksPromotion: true,
      delivery: { method: 'pos', summonedOn: '2027-03-31', postedOn: '2027-04-01', receivedOn: '2027-04-05' },
    });
    // A dismissal: banding administratif to BPASN (PP 79/2021), 14 HK from the day after receipt: 6–9 Apr (4),
    // 12–16 (9), 19–23 Apr (14) → Fri 23 Apr.
    expect(r.sanction.appealWindow).toMatchObject({
      kind: 'BANDING',
      deadline: { date: '2027-04-23' },
      open: true,
    });
    expect((await activeIn(w, '2027-03'))[w.e.kasi.id]).toBeUndefined();
    expect((await activeIn(w, '2027-04'))[w.e.kasi.id]).toEqual([{ type: 'B3', from: '2027-04-23' }]);
    expect((await record()).flags).toMatchObject({
      blocksKgb: true,
      blocksKgbUntil: null,
      blocksPromotion: true,
      blocksPromotionUntil: null,
      underAppeal: false,
      transferBlocked: false,
    });
  });

  it('the banding within the window suspends the dismissal: no TPP entry, no KGB flag, no transfer', async () => {
    await at(w, '2027-04-07');
    const url = `/api/discipline/cases/${caseId}/appeals`;
    const reason = 'Saya hadir pada kegiatan tersebut di luar jam kerja dan tidak mengerahkan staf.';
    // PP 79/2021 (regulations.md §1.9): against a dismissal the remedy is banding administratif to BPASN, not
    // keberatan.
    const keberatan = await unchanged(w.t, () => w.c.kasi.post(url, { kind: 'KEBERATAN', reason }), 400);
    expect(keberatan.error.details[0].path).toBe('kind');
    const r = json(await w.c.kasi.post(url, { kind: 'BANDING', reason }), 201);
    expect(r.state).toBe('UPAYA_ADMINISTRATIF');
    expect(r.sanction).toMatchObject({ status: 'DITUNDA_UPAYA', startsOn: null, endsOn: null });
    // The PPK responds at the latest 21 HK after Wed 7 Apr: 8, 9 (2), 12–16 (7), 19–23 (12), 26–30 Apr (17), 3, 4, 5 May
    // (20), (6 May Ascension), Fri 7 May (21).
    expect(r.sanction.appeals[0]).toMatchObject({
      kind: 'BANDING',
      filedOn: '2027-04-07',
      filingDeadline: '2027-04-23',
      status: 'DIAJUKAN',
      responseDue: { date: '2027-05-07' },
    });
    appealId = r.sanction.appeals[0].id;
    for (const m of ['2027-04', '2027-05']) expect((await activeIn(w, m))[w.e.kasi.id]).toBeUndefined();
    expect((await record()).flags).toMatchObject({
      blocksKgb: false,
      blocksPromotion: false,
      underAppeal: true,
      transferBlocked: true,
    });

    // Past the original effective date nothing takes effect while the banding is pending.
    await at(w, '2027-04-26');
    await w.t.services.discipline.sanctions.settle();
    expect(await stateOf(w, caseId)).toBe('UPAYA_ADMINISTRATIF');
    expect((await activeIn(w, '2027-04'))[w.e.kasi.id]).toBeUndefined();
  });

  it('the banding annuls it: the case ends, the effects stop (TPP list, KGB/promotion flags), transfer no longer blocked', async () => {
    const r = json(
      await w.c.bkd.post(`/api/discipline/appeals/${appealId}/decision`, {
        outcome: 'DIBATALKAN',
        decidedOn: '2027-04-26',
        decisionNumber: 'Kep. 800/41/2027',
        note: 'Bukti pengerahan pegawai tidak cukup.',
      }),
    );
    expect(r.state).toBe('DIHENTIKAN');
    expect(r.sanction).toMatchObject({
      status: 'DIBATALKAN',
      annulledOn: '2027-04-26',
      startsOn: null,
      blocksKgb: false,
      blocksPromotion: false,
    });
    for (const m of ['2027-04', '2027-05', '2027-06'])
      expect((await activeIn(w, m))[w.e.kasi.id]).toBeUndefined();
    const rec = await record();
    expect(rec.flags).toMatchObject({
      blocksKgb: false,
      blocksPromotion: false,
      underExamination: false,
      underAppeal: false,
      transferBlocked: false,
    });
    expect(rec.sanctions.map((s: any) => [s.sanctionCode, s.status])).toEqual([['B3', 'DIBATALKAN']]);
    const v = await view('kasi');
    expect(v.case).toMatchObject({ state: 'DIHENTIKAN', final: true });
    expect(v.appeals[0]).toMatchObject({ kind: 'BANDING', status: 'DIPUTUS', outcome: 'DIBATALKAN' });
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', caseId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'discipline.case_opened',
      'discipline.case_reviewed',
      'discipline.case_team_formed',
      'discipline.case_summoned',
      'discipline.case_relieved',
      'discipline.case_absence',
      'discipline.case_summoned',
      'discipline.case_examined',
      'discipline.case_reported',
      'discipline.sanction_decided',
      'discipline.sanction_delivered',
      'discipline.appeal_filed',
      'discipline.appeal_decided',
    ]);
  });
});
