import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers/test-db.ts';
import type { DatabaseHandle } from '../db/database.ts';
import * as byMonth from '../db/migrations/202612010600_day-statuses-by-month.ts';
import { createStatusRepo } from '../modules/statuses/status-repo.ts';
import {
  compactUnits,
  dayIndex,
  dayStatusesOfMonth,
  emptyMonth,
  PACKED_COLUMNS,
  packDays,
  packReasons,
  putDay,
  sameMonth,
  unpackMonth,
  type DayStatusRow,
  type MonthRow,
  type StoredMonthRow,
} from './month-rows.ts';

const UNITS = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];
const EMP = '00000000-0000-4000-8000-0000000000aa';

const dayArb = (month: string, days: number) =>
  fc
    .record({
      day: fc.integer({ min: 1, max: days }),
      unitId: fc.constantFrom(...UNITS),
      code: fc.constantFrom('H', 'TK', 'LIBUR', 'CT', 'DL'),
      lateBand: fc.constantFrom(null, 'TL1', 'TL4'),
      earlyBand: fc.constantFrom(null, 'PSW2'),
      lateMinutes: fc.integer({ min: 0, max: 600 }),
      earlyMinutes: fc.integer({ min: 0, max: 600 }),
      missingCheckIn: fc.boolean(),
      missingCheckOut: fc.boolean(),
      workLocation: fc.constantFrom(null, 'WFO', 'WFH', 'WFA'),
      nonWorkingDay: fc.boolean(),
      reasons: fc.array(
        fc.constantFrom('Masuk 07:25 WIB (jadwal 07:30)', 'Hari libur: Sabtu', 'Cuti tahunan'),
        {
          maxLength: 3,
        },
      ),
      rulebookId: fc.constantFrom('national', 'prov-x-2026'),
    })
    .map(({ day, ...r }): DayStatusRow => ({
      ...r,
      employeeId: EMP,
      localDate: `${month}-${String(day).padStart(2, '0')}`,
    }));

/** Pack a month row the way the repository sends it (one text per column). */
function pack(m: MonthRow): StoredMonthRow {
  const out: Record<string, unknown> = {
    employeeId: m.employeeId,
    month: m.month,
    units: m.units,
    reasons: packReasons(m.reasons),
  };
  for (const [, key] of PACKED_COLUMNS) out[key] = packDays(m[key]);
  return out as StoredMonthRow;
}

describe('month rows (packed day columns)', () => {
  it('property: days put into a month, packed and unpacked come back as put (last write of a date wins)', () => {
    fc.assert(
      fc.property(fc.array(dayArb('2026-02', 28), { maxLength: 40 }), (rows) => {
        const m = emptyMonth(EMP, '2026-02-01');
        for (const r of rows) putDay(m, r, 1_767_225_600_000);
        const last = new Map(rows.map((r) => [r.localDate, r]));
        const expected = [...last.values()].sort((a, b) => a.localDate.localeCompare(b.localDate));
        const back = unpackMonth(pack(m));
        expect(dayStatusesOfMonth(back)).toEqual(
          expected.map(({ employeeId: _e, localDate, rulebookId: _r, ...day }) => ({
            date: localDate,
            ...day,
          })),
        );
        expect(back.rulebookId.filter((x) => x !== null)).toEqual(expected.map((r) => r.rulebookId));
      }),
    );
  });

  it('putDay says whether the day changed and stamps only changed days', () => {
    const m = emptyMonth(EMP, '2026-01-01');
    const day: DayStatusRow = {
      employeeId: EMP,
      localDate: '2026-01-05',
      unitId: UNITS[0]!,
      code: 'H',
      lateBand: null,
      earlyBand: null,
      lateMinutes: 0,
      earlyMinutes: 0,
      missingCheckIn: false,
      missingCheckOut: false,
      workLocation: 'WFO',
      nonWorkingDay: false,
      reasons: ['Masuk 07:25 WIB (jadwal 07:30)'],
      rulebookId: 'national',
    };
    expect(putDay(m, day, 1000)).toBe(true);
    expect(m.code).toHaveLength(31);
    expect(putDay(m, { ...day, reasons: ['Masuk 07:25 WIB (jadwal 07:30)'] }, 2000)).toBe(false);
    expect(m.computedMs[4]).toBe(1000);
    expect(putDay(m, { ...day, lateBand: 'TL1', lateMinutes: 5 }, 3000)).toBe(true);
    expect(m.computedMs[4]).toBe(3000);
    expect(putDay(m, { ...day, lateBand: 'TL1', lateMinutes: 5, unitId: UNITS[1]! }, 4000)).toBe(true);
    expect(m.units).toEqual(UNITS);
  });

  it('dayIndex and sameMonth read a date in place as slicing it would', () => {
    for (const d of ['2026-01-01', '2026-01-09', '2026-01-10', '2026-02-28', '2024-02-29', '2026-12-31'])
      expect(dayIndex(d)).toBe(Number(d.slice(8, 10)) - 1);
    expect(sameMonth('2026-01-01', '2026-01-31')).toBe(true);
    expect(sameMonth('2026-01-31', '2026-02-01')).toBe(false);
    expect(sameMonth('2026-01-15', '2025-01-15')).toBe(false);
    expect(sameMonth('2026-10-01', '2026-11-01')).toBe(false);
  });

  it('compactUnits drops units no day points at, and keeps a single used unit as it is', () => {
    const one = emptyMonth(EMP, '2026-01-01');
    one.units = [UNITS[0]!];
    one.unitIx[3] = 1;
    compactUnits(one);
    expect(one.units).toEqual([UNITS[0]]);
    expect(one.unitIx[3]).toBe(1);
    // The second unit only is still used: it becomes the first.
    const two = emptyMonth(EMP, '2026-01-01');
    two.units = [...UNITS];
    two.unitIx[3] = 2;
    two.unitIx[4] = 2;
    compactUnits(two);
    expect(two.units).toEqual([UNITS[1]]);
    expect(two.unitIx.filter((x) => x !== null)).toEqual([1, 1]);
    // A single unit no day points at any more is dropped.
    const none = emptyMonth(EMP, '2026-01-01');
    none.units = [UNITS[0]!];
    compactUnits(none);
    expect(none.units).toEqual([]);
  });
});

describe('status_months on the database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it('two transactions writing days of the same new month both land (the later one merges into the row)', async () => {
    const repo = createStatusRepo(handle.db);
    const emp = '00000000-0000-4000-8000-0000000000bb';
    const day = (d: string, code: string): DayStatusRow => ({
      employeeId: emp,
      localDate: d,
      unitId: UNITS[0]!,
      code,
      lateBand: null,
      earlyBand: null,
      lateMinutes: 0,
      earlyMinutes: 0,
      missingCheckIn: false,
      missingCheckOut: false,
      workLocation: null,
      nonWorkingDay: false,
      reasons: [],
      rulebookId: 'national',
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstWrote!: () => void;
    const wrote = new Promise<void>((r) => (firstWrote = r));
    const first = handle.db.transaction().execute(async (trx) => {
      await repo.writeDays(trx, [day('2026-03-02', 'H')], new Date());
      firstWrote();
      await held; // the row is inserted but not committed yet
    });
    await wrote;
    // On PostgreSQL this waits on the first insert, finds the row taken, reads it and merges; PGlite runs them in turn.
    const second = handle.db
      .transaction()
      .execute((trx) => repo.writeDays(trx, [day('2026-03-03', 'TK')], new Date()));
    setTimeout(release, 100);
    await Promise.all([first, second]);
    const days = await sql<{ d: string; code: string }>`select local_date::text as d, code from day_statuses
      where employee_id = ${emp} order by local_date`.execute(handle.db);
    expect(days.rows).toEqual([
      { d: '2026-03-02', code: 'H' },
      { d: '2026-03-03', code: 'TK' },
    ]);
  });

  it('the day_statuses view gives back every column of the rows stored before', async () => {
    const db = handle.db;
    const schemaless = db as unknown as Kysely<unknown>;
    // Back to one row per day, with rows as an older installation has them.
    await byMonth.down(schemaless);
    const rows = [
      [
        '2026-01-05',
        UNITS[0],
        'H',
        null,
        null,
        0,
        0,
        false,
        false,
        'WFO',
        false,
        ['Masuk 07:25 WIB (jadwal 07:30)'],
      ],
      ['2026-01-06', UNITS[0], 'H', 'TL2', 'PSW1', 35, 12, true, false, 'WFH', false, ['a', 'b; c']],
      ['2026-01-10', UNITS[1], 'LIBUR', null, null, 0, 0, false, true, null, true, []],
      ['2026-02-28', UNITS[1], 'TK', null, null, 0, 0, true, true, null, false, ['Tanpa keterangan']],
    ] as const;
    for (const [date, unit, code, lb, eb, lm, em, mi, mo, wl, nw, reasons] of rows)
      await sql`insert into day_statuses (employee_id, local_date, unit_id, code, late_band, early_band,
          late_minutes, early_minutes, missing_check_in, missing_check_out, work_location, non_working_day,
          reasons, rulebook_id, computed_at)
        values (${EMP}, ${date}, ${unit}, ${code}, ${lb}, ${eb}, ${lm}, ${em}, ${mi}, ${mo}, ${wl}, ${nw},
          ${JSON.stringify(reasons)}::jsonb, 'national', '2026-02-10T03:00:00.123Z')`.execute(db);
    await byMonth.up(schemaless);
    const back = await sql<Record<string, unknown>>`
      select local_date::text as d, unit_id, code, late_band, early_band, late_minutes, early_minutes,
        missing_check_in, missing_check_out, work_location, non_working_day, reasons, rulebook_id, computed_at
      from day_statuses where employee_id = ${EMP} order by local_date`.execute(db);
    expect(back.rows).toEqual(
      rows.map(
        ([d, unitId, code, lateBand, earlyBand, lateMinutes, earlyMinutes, mi, mo, wl, nw, reasons]) => ({
          d,
          unitId,
          code,
          lateBand,
          earlyBand,
          lateMinutes,
          earlyMinutes,
          missingCheckIn: mi,
          missingCheckOut: mo,
          workLocation: wl,
          nonWorkingDay: nw,
          reasons,
          rulebookId: 'national',
          computedAt: new Date('2026-02-10T03:00:00.123Z'),
        }),
      ),
    );
    const months = await sql<{ month: string; units: string[] }>`
      select month::text as month, units from status_months where employee_id = ${EMP} order by month`.execute(
      db,
    );
    expect(months.rows).toEqual([
      { month: '2026-01-01', units: expect.arrayContaining(UNITS) },
      { month: '2026-02-01', units: [UNITS[1]] },
    ]);
  });
});
