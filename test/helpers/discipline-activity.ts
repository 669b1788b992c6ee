import { sql } from 'kysely';
import { fileUpload, pdf } from './evidence.ts';
import { multipart, type Client, type TestApp } from './test-app.ts';

/*
 * Discipline records of one employee made through the API as the officials would (issue 16), for the scope world
 * (test/security/scope-harness.ts, `buildScopeWorld({ discipline: true })`) and the concurrency cases
 * (test/helpers/discipline-concurrency.ts). Not a test itself. Clock 2026-01-15 (the test app's default): every
 * step is dated today (a summons for today needs, and records, a reason for the 7-working-day limit).
 *
 * A ringan case is examined by the direct superior and decided by them (R2: the PyB one level above a pelaksana);
 * a berat case is examined by a team (the superior, an Inspektorat and a BKD employee, SK recorded by BKD) and
 * decided by BKD for the PPK (B1). Indications are written straight to the table as a recap scan would.
 */

export type DriveState =
  | 'TELAAH'
  | 'PEMBENTUKAN_TIM'
  | 'PEMANGGILAN'
  | 'PANGGILAN_I'
  | 'PEMERIKSAAN'
  | 'PENJATUHAN'
  | 'PENYAMPAIAN'
  | 'MENUNGGU_BERLAKU'
  | 'UPAYA_ADMINISTRATIF';

const ORDER: DriveState[] = [
  'TELAAH',
  'PEMBENTUKAN_TIM',
  'PEMANGGILAN',
  'PANGGILAN_I',
  'PEMERIKSAAN',
  'PENJATUHAN',
  'PENYAMPAIAN',
  'MENUNGGU_BERLAKU',
  'UPAYA_ADMINISTRATIF',
];

/** Who acts on the employee's cases. */
export interface DisciplineParties {
  t: TestApp;
  employeeId: string;
  /** The employee's direct superior today (examiner of ringan cases, PyB of R2, ATASAN in a team). */
  superiorId: string;
  examinee: Client;
  superior: Client;
  /** A discipline.manage holder over the employee's unit with an employee record (BKD: team SK, PPK decisions). */
  manager: Client;
  /** Team members besides the superior (employees with a structural rank not below the examinee's). */
  team: { inspektoratId: string; bkdId: string };
}

export const TODAY = '2026-01-15';

async function ok(res: { statusCode: number; body: string }, what: string, status?: number) {
  if (status ? res.statusCode !== status : res.statusCode >= 300)
    throw new Error(`${what}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A distinct violation date per case of the employee (a violation is examined once: same code and date → 409). */
let dateSeq = 0;
const violationDate = () =>
  new Date(Date.UTC(2025, 0, 1) + (dateSeq++ % 370) * 86_400_000).toISOString().slice(0, 10);

/** The request bodies of the procedure (today's dates). */
export const disciplineBodies = {
  open: (employeeId: string, level: 'ringan' | 'berat', date = violationDate()) => ({
    employeeId,
    source: 'INSPEKSI',
    sourceRef: 'LHP Inspeksi 700/12/2026',
    violationCode: 'PASAL_3',
    violationDate: date,
    description: 'Tidak melaksanakan tugas yang diberikan atasan dengan penuh tanggung jawab.',
    expectedLevel: level,
  }),
  telaah: (level: 'ringan' | 'berat') => ({
    examiner: level === 'berat' ? 'TIM' : 'ATASAN',
    expectedLevel: level,
    note: level === 'berat' ? 'Dugaan berat: diperiksa tim.' : 'Cukup diperiksa atasan langsung.',
  }),
  team: (p: Pick<DisciplineParties, 'superiorId' | 'team'>) => ({
    skNumber: '800/77/BKD/2026',
    skDate: TODAY,
    members: [
      { employeeId: p.superiorId, role: 'ATASAN', isChair: true },
      { employeeId: p.team.inspektoratId, role: 'INSPEKTORAT' },
      { employeeId: p.team.bkdId, role: 'BKD' },
    ],
  }),
  summons: () => ({
    letterDate: TODAY,
    examDate: TODAY,
    examTime: '09:00',
    examPlace: 'Ruang rapat kepala unit',
    lateReason: 'Pegawai bersedia diperiksa pada hari yang sama.',
  }),
  examination: () => ({
    examDate: TODAY,
    mode: 'TATAP_MUKA',
    place: 'Ruang rapat kepala unit',
    qa: [{ question: 'Apakah Saudara mengetahui tugas tersebut?', answer: 'Ya, saya mengetahuinya.' }],
    examineeStatement: 'Saya lalai.',
    signedByExaminee: true,
    copyGivenOn: TODAY,
    teamNotes: 'Catatan pemeriksa: terperiksa kooperatif.',
  }),
  report: (level: 'ringan' | 'berat') => ({
    summary: 'Terbukti melanggar kewajiban.',
    foundLevel: level,
    proposedSanction: level === 'berat' ? 'B1' : 'R2',
  }),
  decision: (sanctionCode: string) => ({
    sanctionCode,
    skNumber: `800.1.6/${sanctionCode}/${++dateSeq}/2026`,
    skDate: TODAY,
    considerations: 'Berdasarkan hasil pemeriksaan, pegawai terbukti melanggar.',
  }),
  delivery: () => ({ method: 'langsung', receivedOn: TODAY }),
  appeal: () => ({ kind: 'KEBERATAN', reason: 'Saya keberatan karena tugas itu sudah saya kerjakan.' }),
  appealDecision: () => ({
    outcome: 'DIKUATKAN',
    decidedOn: TODAY,
    decisionNumber: `800/KEB/${++dateSeq}/2026`,
    note: 'Keberatan tidak beralasan.',
  }),
};

/**
 * Drives a new case of the employee through the API up to `until` (ringan: examined and decided by the superior;
 * berat: a team, decided by BKD for the PPK). Returns the case id.
 */
export async function driveCase(
  p: DisciplineParties,
  until: DriveState,
  level: 'ringan' | 'berat' = 'ringan',
): Promise<string> {
  const reach = (s: DriveState) => ORDER.indexOf(until) >= ORDER.indexOf(s);
  const b = disciplineBodies;
  const opened = await ok(
    await p.superior.post('/api/discipline/cases', b.open(p.employeeId, level)),
    'open case',
    201,
  );
  const id = opened.case.id as string;
  const step = async (who: Client, path: string, body: object, what: string) =>
    ok(await who.post(`/api/discipline/cases/${id}/${path}`, body), what);
  if (!reach('PEMBENTUKAN_TIM') && until === 'TELAAH') return id;
  await step(p.superior, 'telaah', b.telaah(level), 'telaah');
  if (level === 'berat') {
    if (until === 'PEMBENTUKAN_TIM') return id;
    await step(p.manager, 'team', b.team(p), 'team');
  } else if (until === 'PEMBENTUKAN_TIM') throw new Error('a ringan case has no team');
  if (until === 'PEMANGGILAN') return id;
  await step(p.superior, 'summons', b.summons(), 'summons');
  if (until === 'PANGGILAN_I') return id;
  await step(p.superior, 'examination', b.examination(), 'examination');
  if (until === 'PEMERIKSAAN') return id;
  await step(p.superior, 'report', b.report(level), 'report');
  if (until === 'PENJATUHAN') return id;
  await step(
    level === 'berat' ? p.manager : p.superior,
    'decision',
    b.decision(level === 'berat' ? 'B1' : 'R2'),
    'decision',
  );
  if (until === 'PENYAMPAIAN') return id;
  await step(p.superior, 'delivery', b.delivery(), 'delivery');
  if (until === 'MENUNGGU_BERLAKU') return id;
  await ok(await p.examinee.post(`/api/discipline/cases/${id}/appeals`, b.appeal()), 'appeal', 201);
  return id;
}

/** The pending appeal of a case in UPAYA_ADMINISTRATIF. */
export async function pendingAppealOf(t: TestApp, caseId: string): Promise<string> {
  return (
    await t.db
      .selectFrom('disciplineAppeals')
      .select('id')
      .where('caseId', '=', caseId)
      .where('status', '=', 'DIAJUKAN')
      .executeTakeFirstOrThrow()
  ).id;
}

let indicationStep = 0;

/**
 * An indication row of 2025 as a recap scan stores it (BARU): cumulative 3 TK days → R1, or (`consecutive`) ten TK
 * working days in a row in November → salary stop from December. A new step number above the ladder's each time
 * (the table's key is employee, year, source, step), so a scan of 2025 never supersedes it.
 */
export async function insertIndication(
  t: TestApp,
  e: { employeeId: string },
  kind: 'cumulative' | 'consecutive' = 'cumulative',
): Promise<string> {
  const emp = await t.db
    .selectFrom('employees as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .select(['e.unitId', 'u.path'])
    .where('e.id', '=', e.employeeId)
    .executeTakeFirstOrThrow();
  const rules = (await t.services.rulebooks.rulesOn(t.config.rulebookRegion, '2025-06-30')).discipline;
  const consecutive = kind === 'consecutive';
  const days = consecutive
    ? [
        '2025-11-03',
        '2025-11-04',
        '2025-11-05',
        '2025-11-06',
        '2025-11-07',
        '2025-11-10',
        '2025-11-11',
        '2025-11-12',
        '2025-11-13',
        '2025-11-14',
      ]
    : ['2025-10-01', '2025-10-02', '2025-10-03'];
  const sanction = consecutive
    ? { code: 'B3', name: 'Pemberhentian dengan hormat tidak atas permintaan sendiri', level: 'berat' }
    : { code: 'R1', name: 'Teguran lisan', level: 'ringan' };
  const headline = consecutive
    ? `10 hari TK berturut-turut → penghentian gaji, usulan ${sanction.code} ${sanction.name}`
    : `3 hari TK → usulan ${sanction.code} ${sanction.name}`;
  const evidence = {
    days: days.map((date) => ({ date, code: 'TK', lateMinutes: 0, earlyMinutes: 0 })),
    excused: [],
    streak: consecutive ? { from: days[0], to: days.at(-1), days: days.length } : null,
    span: { from: days[0], to: days.at(-1) },
    tkCount: days.length,
    lateMinutes: 0,
    earlyMinutes: 0,
    minutesPerDay: 450,
    minutesAsDays: 0,
    headline,
    sanction: {
      ...sanction,
      durationMonths: null,
      appliedAs: null,
      legalBasis: { regulation: 'PP 94/2021', article: consecutive ? 'Pasal 11' : 'Pasal 9' },
    },
  };
  const row = await t.db
    .insertInto('disciplineIndications')
    .values({
      employeeId: e.employeeId,
      unitId: emp.unitId,
      unitPath: emp.path,
      year: 2025,
      source: kind,
      step: 100 + ++indicationStep,
      level: sanction.level,
      sanctionCode: sanction.code,
      totalDays: days.length,
      reachedOn: days.at(-1)!,
      salaryStop: consecutive,
      salaryStopFromMonth: consecutive ? '2025-12' : null,
      evidence: JSON.stringify(evidence),
      reasons: JSON.stringify(['Indikasi adalah usulan, bukan keputusan hukuman disiplin.']),
      regulationSet: rules.regulationSet,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A statement (PDF) staged by `who` for a re-activation request; returns its attachment id. */
export async function stagedStatement(who: Client, tag: string): Promise<string> {
  return (
    await ok(
      await who.request(
        fileUpload('/api/discipline/salary-stops/files', 'pernyataan.pdf', pdf(tag), 'application/pdf'),
      ),
      'statement upload',
      201,
    )
  ).attachmentId as string;
}

/**
 * A salary stop of the employee of `indicationId` (a consecutive indication) through the API, up to `until`:
 * reported by the superior, verified by BKD (`manager`), stopped by `finance` (discipline.salary), and the
 * re-activation requested by the superior with both statements. Returns the stop's id.
 */
export async function driveSalaryStop(
  who: { superior: Client; manager: Client; finance: Client },
  indicationId: string,
  until: 'DILAPORKAN' | 'DIVERIFIKASI' | 'DIHENTIKAN' | 'PENGAKTIFAN_DIAJUKAN',
): Promise<string> {
  const s = await ok(
    await who.superior.post('/api/discipline/salary-stops', { indicationId }),
    'report salary stop',
    201,
  );
  const id = s.id as string;
  if (until === 'DILAPORKAN') return id;
  await ok(
    await who.manager.post(`/api/discipline/salary-stops/${id}/verify`, {
      confirmedDays: 10,
      note: 'Data presensi sesuai.',
    }),
    'verify',
  );
  if (until === 'DIVERIFIKASI') return id;
  await ok(
    await who.finance.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/1/KPA/2026' }),
    'stop',
  );
  if (until === 'DIHENTIKAN') return id;
  await ok(
    await who.superior.post(`/api/discipline/salary-stops/${id}/reactivation`, {
      employeeStatementId: await stagedStatement(who.superior, `pegawai ${id}`),
      superiorStatementId: await stagedStatement(who.superior, `atasan ${id}`),
      recapMonths: ['2025-12'],
      note: 'Pegawai sudah masuk kerja kembali.',
    }),
    'reactivation',
  );
  return id;
}

/** A signed scan uploaded to a case (multipart), as `who`; returns the document's id. */
export async function uploadCaseDocument(who: Client, caseId: string, kind: string, tag: string) {
  const mp = multipart(
    { kind, title: `Pindaian ${kind}` },
    { field: 'file', name: 'pindaian.pdf', content: pdf(tag), type: 'application/pdf' },
  );
  return (
    await ok(
      await who.request({
        method: 'POST',
        url: `/api/discipline/cases/${caseId}/documents`,
        payload: mp.payload,
        headers: mp.headers,
      }),
      'document upload',
      201,
    )
  ).id as string;
}

/** The cases of an employee in one of `states`, oldest first (for pools of records a table entry uses up). */
export async function casesIn(
  t: TestApp,
  employeeId: string,
  states: readonly string[],
  extra = sql<boolean>`true`,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select c.id::text as id from discipline_cases c
    where c.employee_id = ${employeeId} and c.state in (${sql.join(states)}) and ${extra}
    order by c.created_at, c.id`.execute(t.db);
  return rows.map((r) => r.id);
}
