import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, eachDay, isoWeekday, monthRange } from '../common/local-date.ts';
import { placementSegments, type PlacementPeriod } from './placement-segments.ts';

/** Calendar days, or weekdays (a unit calendar without holidays) for `workingDays`. */
const calendarDays = () => true;
const weekdays = (_unit: string, d: string) => isoWeekday(d) <= 5;
const current = { unitId: 'U-NOW', positionId: 'P-NOW' };

describe('placementSegments (table)', () => {
  const transfer: PlacementPeriod[] = [
    { validFrom: '2015-01-02', validTo: '2026-02-11', unitId: 'A', positionId: 'PA' },
    { validFrom: '2026-02-12', validTo: null, unitId: 'B', positionId: 'PB' },
  ];
  it.each([
    {
      name: 'a whole month in one placement',
      input: { activeFrom: '2015-01-02', activeTo: null, placements: transfer.slice(0, 1) },
      counts: calendarDays,
      month: '2026-01',
      want: [['2026-01-01', '2026-01-31', 'A', 'PA', 31, 31]],
    },
    {
      name: 'a mid-month transfer, calendar days',
      input: { activeFrom: '2015-01-02', activeTo: null, placements: transfer },
      counts: calendarDays,
      month: '2026-02',
      want: [
        ['2026-02-01', '2026-02-11', 'A', 'PA', 11, 28],
        ['2026-02-12', '2026-02-28', 'B', 'PB', 17, 28],
      ],
    },
    {
      name: 'a mid-month transfer, working days (weekdays of February 2026: 20)',
      input: { activeFrom: '2015-01-02', activeTo: null, placements: transfer },
      counts: weekdays,
      month: '2026-02',
      want: [
        ['2026-02-01', '2026-02-11', 'A', 'PA', 8, 20],
        ['2026-02-12', '2026-02-28', 'B', 'PB', 12, 20],
      ],
    },
    {
      name: 'service starting and ending within the month',
      input: { activeFrom: '2026-02-10', activeTo: '2026-02-20', placements: transfer },
      counts: calendarDays,
      month: '2026-02',
      want: [
        ['2026-02-10', '2026-02-11', 'A', 'PA', 2, 28],
        ['2026-02-12', '2026-02-20', 'B', 'PB', 9, 28],
      ],
    },
    {
      name: 'days no placement covers fall back to the employee row',
      input: {
        activeFrom: '2015-01-02',
        activeTo: null,
        placements: [{ validFrom: '2026-03-10', validTo: null, unitId: 'A', positionId: null }],
      },
      counts: calendarDays,
      month: '2026-03',
      want: [
        ['2026-03-01', '2026-03-09', 'U-NOW', 'P-NOW', 9, 31],
        ['2026-03-10', '2026-03-31', 'A', null, 22, 31],
      ],
    },
    {
      name: 'overlapping placements: the one starting latest holds the day',
      input: {
        activeFrom: '2015-01-02',
        activeTo: null,
        placements: [
          { validFrom: '2020-01-01', validTo: null, unitId: 'A', positionId: 'PA' },
          { validFrom: '2026-04-15', validTo: '2026-04-20', unitId: 'A', positionId: 'PX' },
        ],
      },
      counts: calendarDays,
      month: '2026-04',
      want: [
        ['2026-04-01', '2026-04-14', 'A', 'PA', 14, 30],
        ['2026-04-15', '2026-04-20', 'A', 'PX', 6, 30],
        ['2026-04-21', '2026-04-30', 'A', 'PA', 10, 30],
      ],
    },
    {
      name: 'not in service in the month',
      input: { activeFrom: '2026-03-01', activeTo: null, placements: transfer },
      counts: calendarDays,
      month: '2026-02',
      want: [],
    },
  ])('$name', ({ input, counts, month, want }) => {
    const got = placementSegments({ ...input, month, current, counts });
    expect(got.map((s) => [s.from, s.to, s.unitId, s.positionId, s.daysPlaced, s.daysInPeriod])).toEqual(
      want,
    );
  });

  it('counts the period in each segment unit’s own calendar', () => {
    // Unit B works six days a week: its month has more working days than A's.
    const counts = (unit: string, d: string) => isoWeekday(d) <= (unit === 'B' ? 6 : 5);
    const got = placementSegments({
      month: '2026-02',
      activeFrom: '2015-01-02',
      activeTo: null,
      placements: transfer,
      current,
      counts,
    });
    expect(got.map((s) => [s.daysPlaced, s.daysInPeriod])).toEqual([
      [8, 20],
      [15, 24],
    ]);
  });
});

describe('placementSegments (properties)', () => {
  const UNITS = ['A', 'B', 'C'];
  const date = (base: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(base, n));
  const placement = fc
    .record({
      from: date('2025-12-01', 120),
      length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
      unit: fc.constantFrom(...UNITS),
      position: fc.option(fc.constantFrom('P1', 'P2'), { nil: null }),
    })
    .map((p): PlacementPeriod => ({
      validFrom: p.from,
      validTo: p.length === null ? null : addDays(p.from, p.length),
      unitId: p.unit,
      positionId: p.position,
    }));
  const input = fc.record({
    month: fc.constantFrom('2026-01', '2026-02', '2026-03'),
    activeFrom: date('2025-12-15', 90),
    serviceDays: fc.option(fc.integer({ min: 0, max: 80 }), { nil: null }),
    placements: fc.array(placement, { maxLength: 5 }),
    working: fc.boolean(),
  });

  it('covers exactly the service days of the month, each once, in order, placed as the history says', () => {
    fc.assert(
      fc.property(input, (x) => {
        const activeTo = x.serviceDays === null ? null : addDays(x.activeFrom, x.serviceDays);
        const counts = x.working ? weekdays : calendarDays;
        const segs = placementSegments({
          month: x.month,
          activeFrom: x.activeFrom,
          activeTo,
          placements: x.placements,
          current,
          counts,
        });
        const { from, to } = monthRange(x.month);
        const serviceDays = eachDay(from, to).filter(
          (d) => d >= x.activeFrom && (activeTo === null || d <= activeTo),
        );
        const covered = segs.flatMap((s) => eachDay(s.from, s.to));
        expect(covered).toEqual(serviceDays);
        for (const [i, s] of segs.entries()) {
          const days = eachDay(s.from, s.to);
          expect(s.daysPlaced).toBe(days.filter((d) => counts(s.unitId, d)).length);
          expect(s.daysInPeriod).toBe(eachDay(from, to).filter((d) => counts(s.unitId, d)).length);
          expect(s.daysPlaced).toBeLessThanOrEqual(s.daysInPeriod);
          const prev = segs[i - 1];
          if (prev) expect(prev.unitId !== s.unitId || prev.positionId !== s.positionId).toBe(true);
          for (const d of days) {
            // Brute force: the placement in force starting latest, else the employee row.
            const holding = x.placements
              .filter((p) => p.validFrom <= d && (p.validTo === null || p.validTo >= d))
              .reduce<PlacementPeriod | null>(
                (a, p) => (a === null || p.validFrom > a.validFrom ? p : a),
                null,
              );
            const want = holding ?? current;
            expect([s.unitId, s.positionId]).toEqual([want.unitId, want.positionId]);
          }
        }
        if (!x.working) expect(segs.reduce((n, s) => n + s.daysPlaced, 0)).toBe(serviceDays.length);
      }),
      { numRuns: 300 },
    );
  });
});
