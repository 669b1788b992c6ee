import { randomUUID } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import {
  factories,
  type EmployeeRef,
  type PositionRef,
  type UnitRef,
} from '../../../../test/factories/index.ts';
import { eachDay, isoWeekday, monthRange } from '../../../core/common/local-date.ts';
import { createTppContext } from './tpp-context.ts';
import { createRunInputs } from './runs-inputs.ts';

/**
 * The test world of the gathering's tests (runs-inputs.test.ts, where the scenario is described), not a test
 * itself: February 2026 of a small province, built through the org, kiosk and recap services (the month is
 * closed, so the kinerja figures are frozen), the rest written as the modules' own tests write it.
 */
export const MONTH = '2026-02';
const HOLIDAYS = new Set(['2026-02-16', '2026-02-17']);

export interface GatherWorld {
  t: TestApp;
  u: Record<'root' | 'dinkes' | 'p2p' | 'uptd' | 'bapenda', UnitRef>;
  p: Record<'kadis' | 'staf' | 'pengawas' | 'jf' | 'bapenda' | 'uptd', PositionRef>;
  e: Record<'kadis' | 'ani' | 'budi' | 'citra' | 'dedi' | 'eko', EmployeeRef>;
  apel: Record<string, string>;
  correction: Record<'open' | 'paid' | 'later', string>;
}

/** Every day of the month: weekends and holidays LIBUR (non-working), weekdays H at the office, then `codes`. */
function monthDays(codes: Record<string, { code: string; workLocation?: string }> = {}, unitId?: string) {
  const { from, to } = monthRange(MONTH);
  return eachDay(from, to).map((localDate) => {
    const off = isoWeekday(localDate) >= 6 || HOLIDAYS.has(localDate);
    const over = codes[localDate];
    return {
      localDate,
      code: off ? 'LIBUR' : (over?.code ?? 'H'),
      workLocation: off ? null : over ? (over.workLocation ?? null) : 'WFO',
      nonWorkingDay: off,
      ...(unitId ? { unitId } : {}),
    };
  });
}

/** Builds the world on a fresh database and closes February 2026 (close it with `w.t.close()`). */
export async function buildGatherWorld(): Promise<GatherWorld> {
  const apel: Record<string, string> = {};
  const correction: GatherWorld['correction'] = { open: '', paid: '', later: '' };
  const t = await createTestApp({
    demo: false,
    now: '2026-03-10T03:00:00Z',
    env: { LOGIN_RATE_PER_MINUTE: '1000' },
  });
  const f = factories(t);
  await f.rulebooks();
  const admin = await f.admin();
  const root = await f.unit({ code: 'PEMPROV', kind: 'INSTANSI' });
  const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
  const u: GatherWorld['u'] = {
    root,
    dinkes,
    p2p: await f.unit({ code: 'P2P', name: 'Bidang P2P', kind: 'BIDANG', parent: dinkes }),
    uptd: await f.unit({ code: 'UPTD-LAB', kind: 'UPTD', parent: dinkes, attendanceStart: '2026-02-16' }),
    bapenda: await f.unit({ code: 'BAPENDA', name: 'Bapenda', kind: 'OPD', parent: root }),
  };
  const p: GatherWorld['p'] = {
    kadis: await f.position({
      unit: dinkes,
      kind: 'JPT_PRATAMA',
      kelasJabatan: 14,
      name: 'Kepala Dinas',
      isHead: true,
    }),
    staf: await f.position({ unit: dinkes, kind: 'PELAKSANA', kelasJabatan: 7, name: 'Pengelola Program' }),
    pengawas: await f.position({ unit: dinkes, kind: 'PENGAWAS', kelasJabatan: 9, name: 'Kepala Subbagian' }),
    jf: await f.position({ unit: u.p2p, kind: 'JF_AHLI_PERTAMA', kelasJabatan: 8, name: 'Epidemiolog' }),
    bapenda: await f.position({
      unit: u.bapenda,
      kind: 'PELAKSANA',
      kelasJabatan: 6,
      name: 'Pengelola Pajak',
    }),
    uptd: await f.position({ unit: u.uptd, kind: 'PELAKSANA', kelasJabatan: 5, name: 'Analis Lab' }),
  };
  const kadis = await f.employee({ unit: dinkes, position: p.kadis, name: 'Kadis' });
  const e: GatherWorld['e'] = {
    kadis,
    ani: await f.employee({
      unit: dinkes,
      position: p.staf,
      superior: kadis,
      name: 'Ani Lestari',
      golongan: 'III/b',
    }),
    budi: await f.employee({ unit: u.p2p, position: p.jf, superior: kadis, name: 'Budi' }),
    citra: await f.employee({ unit: dinkes, position: p.staf, superior: kadis, name: 'Citra' }),
    dedi: await f.employee({ unit: u.uptd, position: p.uptd, name: 'Dedi', activeFrom: '2026-02-10' }),
    eko: await f.employee({ unit: u.bapenda, position: p.bapenda, name: 'Eko' }),
  };
  const s = t.services;
  await s.org.updateEmployee(admin.actor, e.ani.id, { frontTitle: 'dr.', backTitle: 'M.Kes.' });
  // Budi moves to BAPENDA on 12 Feb; citra is promoted in DINKES on 16 Feb (org service: placement history).
  await s.org.addPlacement(admin.actor, e.budi.id, {
    unitId: u.bapenda.id,
    positionId: p.bapenda.id,
    superiorId: null,
    validFrom: '2026-02-12',
  });
  await s.org.addPlacement(admin.actor, e.citra.id, {
    unitId: dinkes.id,
    positionId: p.pengawas.id,
    superiorId: kadis.id,
    validFrom: '2026-02-16',
  });

  // Stored days (as the status service stores them).
  await f.dayStatuses(e.kadis, monthDays());
  await f.dayStatuses(
    e.ani,
    monthDays({
      '2026-02-04': { code: 'TK' },
      '2026-02-05': { code: 'CT' },
      '2026-02-10': { code: 'H', workLocation: 'WFH' },
    }),
  );
  await f.dayStatuses(e.budi, [
    ...monthDays({}, u.p2p.id).filter((d) => d.localDate < '2026-02-12'),
    ...monthDays({}, u.bapenda.id).filter((d) => d.localDate >= '2026-02-12'),
  ]);
  await f.dayStatuses(e.citra, monthDays());
  // Stale days before the go-live and before his service: still stored, never read.
  await f.dayStatuses(e.dedi, monthDays());
  await f.dayStatuses(e.eko, monthDays());

  // Apel sessions through the kiosk service; scans as the attendance service stores them.
  const session = async (key: string, unit: UnitRef, localDate: string, kind: string) => {
    const row = await s.kiosk.addSession(admin.actor, {
      unitId: unit.id,
      kind,
      title: kind,
      localDate,
      startTime: '07:30',
      windowMinutes: 30,
    });
    apel[key] = row.id;
  };
  for (const d of ['02', '03', '04', '05', '10'])
    await session(`dinkes${d}`, dinkes, `2026-02-${d}`, 'APEL_PAGI');
  await session('dinkes09', dinkes, '2026-02-09', 'UPACARA_SENIN');
  await session('p2p11', u.p2p, '2026-02-11', 'APEL_SORE');
  await session('bapenda03', u.bapenda, '2026-02-03', 'APEL_PAGI');
  await session('bapenda18', u.bapenda, '2026-02-18', 'APEL_PAGI');
  let seq = 0;
  const scan = (emp: EmployeeRef, key: string, verdict = 'ACCEPTED') => {
    const date = `2026-02-${key.slice(-2)}`;
    return t.db
      .insertInto('punches')
      .values({
        employeeId: emp.id,
        unitId: emp.unitId,
        kind: 'IN',
        source: 'QR',
        occurredAt: new Date(`${date}T00:20:00Z`),
        receivedAt: new Date(`${date}T00:20:00Z`),
        localDate: date,
        idempotencyKey: `tpp-gather-${++seq}`,
        bodyHash: 'x',
        verdict,
        apelSessionId: apel[key]!,
      })
      .execute();
  };
  await scan(e.ani, 'dinkes02');
  await scan(e.ani, 'dinkes03', 'REJECTED');
  await scan(e.ani, 'bapenda03');
  for (const who of [e.kadis, e.citra])
    for (const key of ['dinkes02', 'dinkes03', 'dinkes04', 'dinkes05', 'dinkes09', 'dinkes10'])
      await scan(who, key);

  // SKP, evaluations and daily reports (written as the kinerja tests write them).
  const skpOf = async (emp: EmployeeRef, predikat: string) => {
    const skp = await t.db
      .insertInto('skp')
      .values({
        employeeId: emp.id,
        unitId: emp.unitId,
        year: 2026,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        approach: 'KUANTITATIF',
        status: 'APPROVED',
        penilaiId: emp === kadis ? null : kadis.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rhk = await t.db
      .insertInto('skpRhk')
      .values({ skpId: skp.id, kind: 'UTAMA', seq: 1, text: 'Melayani masyarakat' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('evaluations')
      .values({
        skpId: skp.id,
        employeeId: emp.id,
        unitId: emp.unitId,
        kind: 'PERIODIK',
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        label: 'Triwulan I',
        status: 'APPROVED',
        predikat,
        approvedAt: new Date('2026-03-05T10:00:00Z'),
      })
      .execute();
    return { skpId: skp.id, rhkId: rhk.id };
  };
  await skpOf(kadis, 'BAIK');
  const aniSkp = await skpOf(e.ani, 'BUTUH_PERBAIKAN');
  const reportOn = (date: string, status: string) =>
    t.db
      .insertInto('dailyReports')
      .values({
        employeeId: e.ani.id,
        unitId: e.ani.unitId,
        ...aniSkp,
        reportDate: date,
        activity: `Kegiatan ${date}`,
        minutes: 300,
        clientId: randomUUID(),
        status,
        verifierId: status === 'SUBMITTED' ? null : kadis.id,
        verifiedAt: status === 'SUBMITTED' ? null : new Date(`${date}T10:00:00Z`),
      })
      .execute();
  for (const d of monthDays()) {
    if (d.code !== 'H' || ['2026-02-04', '2026-02-06'].includes(d.localDate)) continue;
    const status =
      d.localDate === '2026-02-12' ? 'SUBMITTED' : d.localDate === '2026-02-13' ? 'RETURNED' : 'ACCEPTED';
    await reportOn(d.localDate, status);
  }

  // Pay facts, exclusion, salary stop, sanction, corrections (tables of the TPP and discipline modules).
  const by = admin.userId;
  await t.db
    .insertInto('employeeSalaries')
    .values([
      { employeeId: e.ani.id, validFrom: '2026-01-01', gajiPokok: 4_000_000, recordedBy: by },
      { employeeId: e.ani.id, validFrom: '2026-03-01', gajiPokok: 4_200_000, recordedBy: by },
      { employeeId: e.budi.id, validFrom: '2025-01-01', gajiPokok: 3_500_000, recordedBy: by },
    ])
    .execute();
  await t.db
    .insertInto('employeeBankAccounts')
    .values({
      employeeId: e.ani.id,
      bankName: 'Bank Jateng',
      accountNumber: '1234567890',
      accountHolder: 'Ani Lestari',
      npwp: '01.234.567.8-901.000',
      updatedBy: by,
    })
    .execute();
  await t.db
    .insertInto('tppExclusionRecords')
    .values({
      employeeId: e.budi.id,
      code: 'CLTN',
      validFrom: '2026-02-15',
      validTo: null,
      reason: 'Cuti di luar tanggungan negara',
      reference: 'SK BKD 800/12/2026',
      recordedBy: by,
    })
    .execute();
  await t.db
    .insertInto('disciplineSalaryStops')
    .values({
      employeeId: e.budi.id,
      unitPath: u.p2p.path,
      streakFrom: '2026-01-05',
      streakTo: '2026-01-16',
      streakDays: 10,
      fromMonth: '2026-02',
      status: 'DIHENTIKAN',
      notifiedBy: by,
    })
    .execute();
  const rules = (await s.rulebooks.rulesOn(t.config.rulebookRegion, '2026-02-01')).discipline;
  const kase = await t.db
    .insertInto('disciplineCases')
    .values({
      caseNumber: 'HD/2026/0001',
      employeeId: e.ani.id,
      unitId: dinkes.id,
      unitPath: dinkes.path,
      employeeType: 'PNS',
      positionKind: 'PELAKSANA',
      source: 'INSPEKSI',
      sourceRef: null,
      violationDate: '2026-01-20',
      summary: 'Pelanggaran untuk uji',
      expectedLevel: 'ringan',
      examinerKind: 'ATASAN',
      state: 'BERLAKU',
      rules: JSON.stringify(rules),
      regulationSet: rules.regulationSet,
      rulebookVersion: null,
      openedBy: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('disciplineSanctions')
    .values({
      caseId: kase.id,
      employeeId: e.ani.id,
      sanctionCode: 'R2',
      appliedCode: 'R2',
      level: 'ringan',
      name: 'Teguran tertulis',
      durationMonths: null,
      decidedByUser: by,
      authority: JSON.stringify({}),
      skNumber: 'SK/HD/1',
      skDate: '2026-02-10',
      considerations: 'Uji',
      deliveryDue: '2026-02-20',
      receivedOn: '2026-02-13',
      effectiveOn: '2026-02-20',
      startsOn: '2026-02-20',
      status: 'BERLAKU',
    })
    .execute();
  const run = await t.db
    .insertInto('tppRuns')
    .values({
      unitId: dinkes.id,
      unitPath: dinkes.path,
      month: '2026-01',
      status: 'DIKUNCI',
      rulebook: '{}',
      rules: '{}',
      inputsHash: 'x',
      resultHash: 'y',
      totals: '{}',
      createdBy: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const corr = (month: string, amount: number, applied: boolean) =>
    t.db
      .insertInto('tppCorrections')
      .values({
        employeeId: e.ani.id,
        originRunId: run.id,
        originMonth: month,
        amount,
        reason: `Koreksi ${month}`,
        createdBy: by,
        appliedRunId: applied ? run.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  correction.open = (await corr('2026-01', 250_000, false)).id;
  correction.paid = (await corr('2026-01', -10_000, true)).id;
  correction.later = (await corr('2026-03', 5_000, false)).id;

  // The month is closed through the recap service: the recap is frozen and the kinerja figures with it.
  await s.recap.close(admin.actor, root.id, MONTH);
  return { t, u, p, e, apel, correction };
}

/** A gather on a context of the installation's rulebook, or of another region (its TPP proration). */
export function inputsOf(t: TestApp, region?: string) {
  const s = t.services;
  const ctx = createTppContext({
    db: t.db,
    clock: t.clock,
    config: region ? { ...t.config, rulebookRegion: region } : t.config,
    audit: s.audit,
    relations: s.relations,
    rulebooks: s.rulebooks,
    files: s.files,
    documents: s.documents,
    notifications: s.notifications,
    jobs: s.jobs,
    recap: () => s.recap,
    statuses: () => s.statuses,
    kinerja: () => s.kinerja,
    discipline: () => s.discipline,
  });
  return createRunInputs(ctx, s.tpp.inputs);
}

/**
 * A day status as the status service stores it in `status_adjustments.old_status` / `new_status` (JSON text), for
 * tests that record a day changed after its month was closed.
 */
export function storedStatusJson(unitId: string, code: string, extra: object = {}): string {
  return JSON.stringify({
    unitId,
    code,
    lateBand: null,
    earlyBand: null,
    lateMinutes: 0,
    earlyMinutes: 0,
    missingCheckIn: false,
    missingCheckOut: false,
    workLocation: code === 'H' ? 'WFO' : null,
    nonWorkingDay: false,
    rulebookId: 'national',
    reasons: [],
    ...extra,
  });
}
