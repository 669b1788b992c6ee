import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  absenceKindOf,
  ackableOn,
  ackDueAt,
  ackState,
  headMissedAttendance,
  isKeyDate,
  isWorkingDayOfList,
  neutralityConducts,
  periodDaysUntil,
  periodProblems,
  stagesOn,
  trackDecision,
  type CatalogueViolation,
  type WatchDay,
  type WatchStage,
} from './election-watch.ts';

const TK = new Set(['TK']);
const day = (d: Partial<WatchDay>): WatchDay => ({
  code: 'H',
  lateBand: null,
  earlyBand: null,
  missingCheckIn: false,
  ...d,
});

describe('absenceKindOf (issue 18 point 3; regulations.md §4.3, §5.3)', () => {
  it.each<[string, Partial<WatchDay>, ReturnType<typeof absenceKindOf>]>([
    ['present on time', {}, null],
    ['unexcused absence', { code: 'TK' }, 'TK'],
    ['late band', { lateBand: 'TL2' }, 'TERLAMBAT'],
    ['no check-in counts as late', { missingCheckIn: true }, 'TERLAMBAT'],
    ['early leave only', { earlyBand: 'PSW1' }, 'PULANG_CEPAT'],
    ['late and early: late first', { lateBand: 'TL1', earlyBand: 'PSW1' }, 'TERLAMBAT'],
    ['annual leave', { code: 'CT' }, 'CUTI'],
    ['maternity leave', { code: 'CM' }, 'CUTI'],
    ['permit', { code: 'I' }, 'IZIN'],
    ['sick', { code: 'S' }, 'IZIN'],
    ['official travel', { code: 'DL' }, 'DINAS'],
    ['training', { code: 'DIKLAT' }, 'DINAS'],
    ['holiday', { code: 'LIBUR' }, null],
    ['TK on a non-working day', { code: 'TK', nonWorkingDay: true }, null],
  ])('%s', (_, d, want) => expect(absenceKindOf(day(d), TK)).toBe(want));

  it('takes the TK codes from the rulebook, not a constant', () => {
    expect(absenceKindOf(day({ code: 'I' }), new Set(['TK', 'I']))).toBe('TK');
  });
});

describe('headMissedAttendance (issue 18 point 3: heads who miss their own attendance go to the Sekda)', () => {
  it.each<[string, Partial<WatchDay>, number, ReturnType<typeof headMissedAttendance>]>([
    ['present, attended apel', {}, 0, null],
    ['TK', { code: 'TK' }, 0, 'TK'],
    ['present without check-in', { missingCheckIn: true }, 0, 'TANPA_ABSEN_MASUK'],
    ['missed an apel', {}, 1, 'TIDAK_APEL'],
    ['on leave (not a miss)', { code: 'CT' }, 0, null],
    ['on official travel (not a miss)', { code: 'DL' }, 0, null],
    ['holiday', { code: 'LIBUR' }, 1, null],
  ])('%s', (_, d, missed, want) => expect(headMissedAttendance(day(d), TK, missed)).toBe(want));
});

describe('the acknowledgement (the Mukomuko circular; issue 18 point 3)', () => {
  it('is due at the period’s time on the next day, in the OPD’s zone', () => {
    expect(new Date(ackDueAt('2027-02-08', '10:00', 'Asia/Jakarta')).toISOString()).toBe(
      '2027-02-09T03:00:00.000Z',
    );
    expect(new Date(ackDueAt('2027-02-08', '10:00', 'Asia/Makassar')).toISOString()).toBe(
      '2027-02-09T02:00:00.000Z',
    );
    expect(new Date(ackDueAt('2027-02-28', '08:30', 'Asia/Jayapura')).toISOString()).toBe(
      '2027-02-28T23:30:00.000Z',
    );
  });

  const due = Date.parse('2027-02-09T03:00:00Z');
  it.each<[string, number | null, number, ReturnType<typeof ackState>]>([
    ['given before the due time', due - 1, due + 10, 'TEPAT_WAKTU'],
    ['given exactly at the due time', due, due + 10, 'TEPAT_WAKTU'],
    ['given after the due time', due + 1, due + 10, 'TERLAMBAT'],
    ['not given, not yet due', null, due - 1, 'BELUM_JATUH_TEMPO'],
    ['not given, due now', null, due, 'BELUM_JATUH_TEMPO'],
    ['not given, past due', null, due + 1, 'TIDAK_ADA'],
  ])('%s', (_, at, now, want) => expect(ackState(at, due, now)).toBe(want));

  it.each<[string, string, string | null]>([
    ['2027-02-08', '2027-02-09', null],
    ['2027-02-09', '2027-02-09', null],
    ['2027-02-10', '2027-02-09', 'Daftar hari yang belum tiba tidak dapat dikonfirmasi'],
    ['2027-01-31', '2027-02-09', 'Tanggal di luar masa pengawasan'],
    ['2027-02-21', '2027-03-01', 'Tanggal di luar masa pengawasan'],
  ])('acknowledging %s on %s', (date, today, want) =>
    expect(ackableOn({ startsOn: '2027-02-01', endsOn: '2027-02-20' }, date, today)).toBe(want),
  );
});

describe('periods and stages', () => {
  const stages: WatchStage[] = [
    {
      kind: 'MASA_TENANG',
      name: 'Masa tenang',
      startsOn: '2027-02-05',
      endsOn: '2027-02-07',
      keyDate: false,
    },
    {
      kind: 'PEMUNGUTAN_SUARA',
      name: 'Pemungutan',
      startsOn: '2027-02-08',
      endsOn: '2027-02-08',
      keyDate: true,
    },
  ];
  it.each<[string, string[], boolean]>([
    ['2027-02-04', [], false],
    ['2027-02-05', ['Masa tenang'], false],
    ['2027-02-07', ['Masa tenang'], false],
    ['2027-02-08', ['Pemungutan'], true],
    ['2027-02-09', [], false],
  ])('%s: stages %j, key date %s', (date, names, key) => {
    expect(stagesOn(stages, date).map((s) => s.name)).toEqual(names);
    expect(isKeyDate(stages, date)).toBe(key);
  });

  it('reports a reversed range and stages outside the period', () => {
    expect(periodProblems({ startsOn: '2027-02-01', endsOn: '2027-02-20', stages })).toEqual([]);
    expect(periodProblems({ startsOn: '2027-02-10', endsOn: '2027-02-01', stages: [] })[0]!.path).toBe(
      'endsOn',
    );
    expect(
      periodProblems({ startsOn: '2027-02-06', endsOn: '2027-02-20', stages }).map((p) => p.path),
    ).toEqual(['stages.0.startsOn']);
    expect(
      periodProblems({
        startsOn: '2027-02-01',
        endsOn: '2027-02-20',
        stages: [{ ...stages[0]!, startsOn: '2027-02-07', endsOn: '2027-02-05' }],
      }).map((p) => p.path),
    ).toEqual(['stages.0.endsOn']);
  });

  it('lists the days up to a day, never past the period', () => {
    const p = { startsOn: '2027-02-01', endsOn: '2027-02-03' };
    expect(periodDaysUntil(p, '2027-01-31')).toEqual([]);
    expect(periodDaysUntil(p, '2027-02-02')).toEqual(['2027-02-01', '2027-02-02']);
    expect(periodDaysUntil(p, '2027-03-01')).toEqual(['2027-02-01', '2027-02-02', '2027-02-03']);
  });

  it('needs a working day of at least one employee for a list', () => {
    expect(isWorkingDayOfList([])).toBe(false);
    expect(isWorkingDayOfList([day({ code: 'LIBUR' }), day({ code: 'H', nonWorkingDay: true })])).toBe(false);
    expect(isWorkingDayOfList([day({ code: 'LIBUR' }), day({ code: 'CT' })])).toBe(true);
  });

  it('property: the days listed are in the period, in order, and end at the earlier of the two ends', () => {
    const date = fc
      .integer({ min: 0, max: 400 })
      .map((n) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, date, date, (a, b, last) => {
        const [startsOn, endsOn] = a <= b ? [a, b] : [b, a];
        const days = periodDaysUntil({ startsOn, endsOn }, last);
        for (const d of days) expect(d >= startsOn && d <= endsOn && d <= last).toBe(true);
        for (let i = 1; i < days.length; i++) expect(days[i - 1]! < days[i]!).toBe(true);
        if (days.length > 0) expect(days.at(-1)).toBe(last < endsOn ? last : endsOn);
      }),
    );
  });
});

describe('neutrality tracks (regulations.md §8: SKB 5 lembaga 2022)', () => {
  const catalogue: CatalogueViolation[] = [
    { code: 'NETRALITAS_ETIKA', level: null, track: 'etika', sources: ['NETRALITAS', 'PENGADUAN'] },
    { code: 'PASAL_5_N_2', level: 'sedang', track: 'disiplin', sources: ['NETRALITAS'] },
    { code: 'PASAL_5_N_3_7', level: 'berat', track: 'disiplin', sources: ['NETRALITAS'] },
    { code: 'PASAL_4_F', level: null, track: 'disiplin', sources: ['INDIKASI'] },
  ];
  const [ethics, n2, n37] = catalogue as [CatalogueViolation, CatalogueViolation, CatalogueViolation];

  it('offers the conducts reported through NETRALITAS only', () => {
    expect(neutralityConducts(catalogue).map((v) => v.code)).toEqual([
      'NETRALITAS_ETIKA',
      'PASAL_5_N_2',
      'PASAL_5_N_3_7',
    ]);
  });

  it.each<[string, CatalogueViolation, Parameters<typeof trackDecision>[1], string[], string | null]>([
    [
      'ethics with a closed statement',
      ethics,
      { track: 'ETIKA', moralSanction: 'PERNYATAAN_TERTUTUP' },
      [],
      null,
    ],
    [
      'ethics with an open statement',
      ethics,
      { track: 'ETIKA', moralSanction: 'PERNYATAAN_TERBUKA' },
      [],
      null,
    ],
    ['ethics without a moral sanction', ethics, { track: 'ETIKA' }, ['moralSanction'], null],
    [
      'ethics for a discipline conduct',
      n2,
      { track: 'ETIKA', moralSanction: 'PERNYATAAN_TERBUKA' },
      ['track'],
      null,
    ],
    ['discipline: angka 2 is sedang', n2, { track: 'DISIPLIN' }, [], 'sedang'],
    ['discipline: angka 3–7 is berat', n37, { track: 'DISIPLIN' }, [], 'berat'],
    ['the catalogue level wins over the decider’s', n37, { track: 'DISIPLIN', level: 'ringan' }, [], 'berat'],
    ['discipline for an ethics conduct', ethics, { track: 'DISIPLIN', level: 'sedang' }, ['track'], 'sedang'],
    [
      'discipline with a moral sanction',
      n2,
      { track: 'DISIPLIN', moralSanction: 'PERNYATAAN_TERTUTUP' },
      ['moralSanction'],
      'sedang',
    ],
  ])('%s', (_, conduct, d, paths, level) => {
    const r = trackDecision(conduct, d);
    expect(r.problems.map((p) => p.path)).toEqual(paths);
    expect(r.level).toBe(level);
  });

  it('asks the level of a discipline conduct the catalogue does not grade', () => {
    const ungraded: CatalogueViolation = {
      code: 'X',
      level: null,
      track: 'disiplin',
      sources: ['NETRALITAS'],
    };
    expect(trackDecision(ungraded, { track: 'DISIPLIN' }).problems.map((p) => p.path)).toEqual(['level']);
    expect(trackDecision(ungraded, { track: 'DISIPLIN', level: 'sedang' })).toEqual({
      problems: [],
      level: 'sedang',
    });
  });
});
