import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import nationalCalendar from '../../../rulebooks/national/calendar.json' with { type: 'json' };
import nationalSchedule from '../../../rulebooks/national/schedule.json' with { type: 'json' };
import regionalCalendar from '../../../rulebooks/regional-40-60/calendar.json' with { type: 'json' };
import nationalMeta from '../../../rulebooks/national/rulebook.json' with { type: 'json' };
import nationalAttendance from '../../../rulebooks/national/attendance.json' with { type: 'json' };
import nationalDiscipline from '../../../rulebooks/national/discipline.json' with { type: 'json' };
import nationalTpp from '../../../rulebooks/national/tpp.json' with { type: 'json' };
import nationalPerformance from '../../../rulebooks/national/performance.json' with { type: 'json' };
import nationalLeave from '../../../rulebooks/national/leave.json' with { type: 'json' };
import nationalCapture from '../../../rulebooks/national/capture.json' with { type: 'json' };
import r6040Meta from '../../../rulebooks/regional-60-40/rulebook.json' with { type: 'json' };
import r6040Attendance from '../../../rulebooks/regional-60-40/attendance.json' with { type: 'json' };
import r6040Tpp from '../../../rulebooks/regional-60-40/tpp.json' with { type: 'json' };
import r4060Meta from '../../../rulebooks/regional-40-60/rulebook.json' with { type: 'json' };
import r4060Calendar from '../../../rulebooks/regional-40-60/calendar.json' with { type: 'json' };
import r4060Schedule from '../../../rulebooks/regional-40-60/schedule.json' with { type: 'json' };
import r4060Attendance from '../../../rulebooks/regional-40-60/attendance.json' with { type: 'json' };
import r4060Discipline from '../../../rulebooks/regional-40-60/discipline.json' with { type: 'json' };
import r4060Tpp from '../../../rulebooks/regional-40-60/tpp.json' with { type: 'json' };
import { addDays, fromEpochDay, toEpochDay } from '../common/local-date.ts';
import type { Rulebook, RulebookMeta, RulebookMetaInput } from './rulebook.ts';
import { assembleRulebook, parseRulebook, resolveRulebook, validateRulebookVersions } from './rulebook.ts';

function meta(over: Partial<RulebookMeta>): { meta: RulebookMeta } {
  return {
    meta: {
      id: 'x',
      name: 'X',
      region: 'contoh',
      version: '1',
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
      legalBasis: [{ regulation: 'X' }],
      mergeSections: [],
      ...over,
    },
  };
}

describe('validateRulebookVersions', () => {
  it.each<[string, { meta: RulebookMeta }[], string | null]>([
    [
      'contiguous versions are fine',
      [
        meta({ id: 'a', version: '1', effectiveTo: '2024-12-31', effectiveFrom: '2024-01-01' }),
        meta({ id: 'b', version: '2', effectiveFrom: '2025-01-01' }),
      ],
      null,
    ],
    [
      'a gap between versions',
      [
        meta({ id: 'a', version: '1', effectiveFrom: '2024-01-01', effectiveTo: '2024-11-30' }),
        meta({ id: 'b', version: '2', effectiveFrom: '2025-01-01' }),
      ],
      'Ada kekosongan aturan: versi 1 berakhir 2024-11-30, versi 2 baru mulai 2025-01-01',
    ],
    [
      'overlap with a bounded version',
      [
        meta({ id: 'a', version: '1', effectiveFrom: '2024-01-01', effectiveTo: '2025-03-31' }),
        meta({ id: 'b', version: '2', effectiveFrom: '2025-01-01' }),
      ],
      'Versi 2 mulai 2025-01-01, tumpang tindih dengan versi 1 yang berlaku s.d. 2025-03-31',
    ],
    [
      'overlap with an open-ended version',
      [
        meta({ id: 'a', version: '1', effectiveFrom: '2024-01-01' }),
        meta({ id: 'b', version: '2', effectiveFrom: '2025-01-01' }),
      ],
      'Versi 2 (2025-01-01) tumpang tindih dengan versi 1 yang berlaku tanpa batas akhir',
    ],
    [
      'duplicate ids',
      [meta({ id: 'a', region: 'r1' }), meta({ id: 'a', region: 'r2' })],
      'Id rulebook a dipakai lebih dari sekali',
    ],
    [
      'different regions never conflict',
      [meta({ id: 'a', region: 'r1' }), meta({ id: 'b', region: 'r2', effectiveFrom: '2030-01-01' })],
      null,
    ],
  ])('%s', (_name, versions, message) => {
    const issues = validateRulebookVersions(versions);
    if (message === null) expect(issues).toEqual([]);
    else expect(issues.map((i) => i.message)).toContain(message);
  });

  it('names the later version in the path', () => {
    const issues = validateRulebookVersions([
      meta({ id: 'v1', effectiveFrom: '2024-01-01', effectiveTo: '2024-06-30' }),
      meta({ id: 'v2', effectiveFrom: '2024-08-01' }),
    ]);
    expect(issues[0]?.path).toBe('rulebooks[v2].meta.effectiveFrom');
  });
});

describe('resolveRulebook', () => {
  const versions = [
    meta({ id: 'a', version: '1', effectiveFrom: '2024-01-01', effectiveTo: '2024-12-31' }),
    meta({ id: 'b', version: '2', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' }),
    meta({ id: 'c', version: '3', effectiveFrom: '2025-07-01' }),
    meta({ id: 'n', region: 'nasional', effectiveFrom: '2025-01-01' }),
  ];

  it.each([
    ['first day of version 1', '2024-01-01', 'a'],
    ['last day of version 1', '2024-12-31', 'a'],
    ['first day of version 2', '2025-01-01', 'b'],
    ['open-ended version 3', '2031-05-05', 'c'],
  ])('%s → %s', (_name, date, id) => {
    const r = resolveRulebook(versions, 'contoh', date);
    expect(r.ok && r.rulebook.meta.id).toBe(id);
  });

  it.each([
    [
      'before the first version',
      'contoh',
      '2023-12-31',
      'Tidak ada rulebook wilayah contoh yang berlaku pada 2023-12-31',
    ],
    ['an unknown region', 'lain', '2025-01-01', 'Tidak ada rulebook untuk wilayah lain'],
  ])('error: %s', (_name, region, date, error) => {
    expect(resolveRulebook(versions, region, date)).toEqual({ ok: false, error });
  });

  it('error when overlapping versions both cover the date', () => {
    const r = resolveRulebook([meta({ id: 'a' }), meta({ id: 'b' })], 'contoh', '2025-02-01');
    expect(r.ok).toBe(false);
  });

  it('property: picks the version covering the date, for any contiguous chain', () => {
    const start = toEpochDay('2020-01-01');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 800 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 6000 }),
        (lengths, offset) => {
          const chain: { meta: RulebookMeta }[] = [];
          let from = fromEpochDay(start);
          lengths.forEach((len, i) => {
            const last = i === lengths.length - 1;
            chain.push(
              meta({ id: `v${i}`, effectiveFrom: from, effectiveTo: last ? null : addDays(from, len - 1) }),
            );
            from = addDays(from, len);
          });
          expect(validateRulebookVersions(chain)).toEqual([]);
          const date = fromEpochDay(start + offset);
          const r = resolveRulebook(chain, 'contoh', date);
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect(r.rulebook.meta.effectiveFrom <= date).toBe(true);
            expect(r.rulebook.meta.effectiveTo === null || date <= r.rulebook.meta.effectiveTo).toBe(true);
          }
        },
      ),
    );
  });
});

describe('parseRulebook and assembleRulebook', () => {
  it('zod issues carry JSON paths and Indonesian messages', () => {
    const r = parseRulebook({
      meta: { id: 'Bad Id' },
      calendar: {
        ...nationalCalendar,
        years: [{ year: 2025, legalBasis: [], holidays: [{ date: '25-1-1' }] }],
      },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path);
    expect(paths).toContain('meta.id');
    expect(paths).toContain('calendar.years[0].holidays[0].date');
    expect(paths).toContain('calendar.years[0].legalBasis');
    expect(paths).toContain('tpp');
    expect(r.issues.find((i) => i.path === 'calendar.years[0].holidays[0].date')?.message).toBe(
      'Tanggal harus berformat YYYY-MM-DD',
    );
    expect(r.issues.find((i) => i.path === 'tpp')?.message).toMatch(/Input tidak valid/);
  });

  it('a section missing without a base rulebook is reported', () => {
    const r = assembleRulebook(meta({}).meta, { calendar: nationalCalendar, schedule: nationalSchedule });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues.map((i) => i.path)).toEqual([
        'attendance',
        'discipline',
        'tpp',
        'performance',
        'leave',
        'capture',
      ]);
  });

  // A base whose calendar and schedule are the national ones; the other sections are irrelevant here.
  const base = {
    ...meta({ id: 'national' }),
    calendar: nationalCalendar,
    schedule: nationalSchedule,
    attendance: {},
    discipline: {},
    tpp: {},
    performance: {},
    leave: {},
    capture: {},
  } as unknown as Rulebook;
  const calendarIssues = (r: ReturnType<typeof assembleRulebook>) => {
    if (r.ok) return [];
    // The placeholder sections fail parsing, which proves assembly reached the parser.
    expect(r.issues.some((i) => i.path.startsWith('tpp'))).toBe(true);
    return r.issues.filter((i) => i.path.startsWith('calendar'));
  };

  it('mergeSections: a regional calendar that only lists regional keys inherits the national years', () => {
    const r = assembleRulebook(
      { ...meta({ id: 'r' }).meta, extends: 'national', mergeSections: ['calendar'] },
      { calendar: regionalCalendar },
      base,
    );
    expect(calendarIssues(r)).toEqual([]);
  });

  it('without mergeSections the same partial calendar replaces the national one and fails', () => {
    const r = assembleRulebook(
      { ...meta({ id: 'r' }).meta, extends: 'national' },
      { calendar: regionalCalendar },
      base,
    );
    expect(calendarIssues(r).map((i) => i.path)).toEqual(
      expect.arrayContaining(['calendar.legalBasis', 'calendar.years', 'calendar.workPatterns']),
    );
  });
});

describe('the rulebook files assemble and pass every cross-section check', () => {
  const files = {
    national: {
      meta: nationalMeta,
      sections: {
        calendar: nationalCalendar,
        schedule: nationalSchedule,
        attendance: nationalAttendance,
        discipline: nationalDiscipline,
        tpp: nationalTpp,
        performance: nationalPerformance,
        leave: nationalLeave,
        capture: nationalCapture,
      },
    },
    'regional-60-40': {
      meta: r6040Meta,
      sections: { attendance: r6040Attendance, tpp: r6040Tpp },
    },
    'regional-40-60': {
      meta: r4060Meta,
      sections: {
        calendar: r4060Calendar,
        schedule: r4060Schedule,
        attendance: r4060Attendance,
        discipline: r4060Discipline,
        tpp: r4060Tpp,
      },
    },
  };
  const assembled = (id: keyof typeof files, patch?: (s: Record<string, unknown>) => void) => {
    const nationalResult = assembleRulebook(
      files.national.meta as RulebookMetaInput,
      files.national.sections,
    );
    if (!nationalResult.ok) throw new Error(JSON.stringify(nationalResult.issues));
    const { meta, sections } = files[id];
    const copy = structuredClone(sections) as Record<string, unknown>;
    patch?.(copy);
    // JSON imports widen string enums (mergeSections); the meta is validated by assembleRulebook itself.
    return assembleRulebook(
      meta as RulebookMetaInput,
      copy,
      id === 'national' ? undefined : nationalResult.rulebook,
    );
  };

  it.each(['national', 'regional-60-40', 'regional-40-60'] as const)('%s has no issues', (id) => {
    const r = assembled(id);
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('a text with a control character (a holiday name) is reported with its path', () => {
    const r = assembled('national', (s) => {
      const calendar = s.calendar as { years: { holidays: { name: string }[] }[] };
      calendar.years[0]!.holidays[0]!.name = 'Tahun Baru\u001f2026';
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual({
        path: 'calendar.years[0].holidays[0].name',
        message: 'Teks tidak boleh berisi karakter kendali',
      });
  });

  it('§1.3 / §0 HK: a cuti-bersama code missing from the discipline non-working codes is reported', () => {
    // regional-60-40 records cuti bersama as CBER; a discipline section with only LIBUR would let it break TK runs.
    const r = assembled('regional-60-40', (s) => {
      const discipline = structuredClone(nationalDiscipline) as { absence: { nonWorkingCodes: string[] } };
      discipline.absence.nonWorkingCodes = ['LIBUR'];
      s.discipline = discipline;
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['attendance.cutiBersama.code']);
    expect(r.issues[0]?.message).toMatch(
      /^Cuti bersama dicatat dengan kode CBER, tetapi CBER tidak ada di discipline\.absence\.nonWorkingCodes \(LIBUR\)/,
    );
  });

  it('§1.10: a TPP cut on a code outside the discipline catalogue is reported', () => {
    const r = assembled('regional-40-60', (s) => {
      const tpp = structuredClone(r4060Tpp) as { sanctionCuts: { cuts: { sanctionType: string }[] } };
      const b3 = tpp.sanctionCuts.cuts.find((c) => c.sanctionType === 'B3');
      if (b3) b3.sanctionType = 'B3_BANDING';
      s.tpp = tpp;
    });
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^Jenis hukuman B3_BANDING tidak ada di katalog hukuman disiplin/),
    ]);
  });

  it.each<[string, (s: Record<string, unknown>) => void, string, RegExp]>([
    [
      'a section that starts after the rulebook',
      (s) => (s.attendance = { ...r6040Attendance, effectiveFrom: '2025-06-01' }),
      'attendance.effectiveFrom',
      /^Bagian attendance baru berlaku 2025-06-01, sesudah rulebook mulai berlaku 2025-01-01/,
    ],
    [
      'a section that ends while the rulebook is still in force',
      (s) => (s.tpp = { ...r6040Tpp, effectiveTo: '2025-12-31' }),
      'tpp.effectiveTo',
      /^Bagian tpp berakhir 2025-12-31, sebelum rulebook berakhir \(tanpa batas akhir\)/,
    ],
  ])('section periods vs meta: %s', (_name, patch, path, message) => {
    const r = assembled('regional-60-40', patch);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual([path]);
    expect(r.issues[0]?.message).toMatch(message);
  });

  it('§5.2: regional-40-60 texts and data agree on 40% kinerja / 60% disiplin (Jatim pattern)', () => {
    const r = assembled('regional-40-60');
    if (!r.ok) throw new Error('invalid');
    expect(r.rulebook.tpp.components.weights).toEqual({ kinerja: 40, disiplin: 60 });
    const texts = [
      ...r.rulebook.meta.legalBasis.map((b) => b.note ?? ''),
      r.rulebook.attendance.description ?? '',
      r.rulebook.tpp.legalBasis.note ?? '',
    ].join(' ');
    expect(texts).toContain('40% kinerja / 60% disiplin');
    expect(texts).not.toContain('40% disiplin');
    expect(r.rulebook.attendance.description).not.toContain('Toba');
  });
});
