/**
 * An employee's placements within a month, as the TPP proration reads them: one segment per unit and position
 * held, clipped to the month and to the employee's service, with the days placed and the days of the period in
 * the unit of the rulebook's `tpp.proration.method`.
 * Source: regulations.md §5.5 (`base = tariff(kelas) × prorate(status days)`), §10 (proration is configurable);
 * issue 17 point 1 (a mid-month transfer or status change is prorated as the rulebook says).
 */
import { eachDay, maxDate, minDate, monthRange, type LocalDate } from '../common/local-date.ts';

/** A stored placement (`placements` row): unit and position from `validFrom` to `validTo` (both included). */
export interface PlacementPeriod {
  validFrom: LocalDate;
  validTo: LocalDate | null;
  unitId: string;
  positionId: string | null;
}

export interface PlacementSegmentsInput {
  /** `YYYY-MM`. */
  month: string;
  /** The employee's service (`employees.active_from` / `active_to`). */
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
  placements: readonly PlacementPeriod[];
  /** The employee row's unit and position: where a day no placement covers is placed (no history recorded). */
  current: { unitId: string; positionId: string | null };
  /**
   * Whether a day counts toward the proration in the unit: always for `calendarDays`; the unit calendar's
   * working days for `workingDays`.
   */
  counts: (unitId: string, date: LocalDate) => boolean;
}

/** One run of consecutive days in the same unit and position. */
export interface PlacementSegmentDays {
  from: LocalDate;
  to: LocalDate;
  unitId: string;
  positionId: string | null;
  /** Days of `from`..`to` that count. */
  daysPlaced: number;
  /** Days of the whole month that count in the segment's unit. */
  daysInPeriod: number;
}

/**
 * The placement segments of an employee in a month. Each day of the month within the service is placed where the
 * placement in force on it says (the one starting latest when several hold the day, as the relations read
 * `placedOnSql` does), else in the employee row's unit and position; consecutive days with the same unit and
 * position make one segment. Days outside the service belong to no segment, so `daysPlaced` is prorated for a
 * start or end of service within the month as for a transfer. Acting assignments (Plt/Plh) are not placements:
 * they do not change the kelas jabatan (the employee keeps their own position's).
 *
 * @returns segments in date order; empty when the employee is not in service in the month
 */
export function placementSegments(input: PlacementSegmentsInput): PlacementSegmentDays[] {
  const { from: monthFrom, to: monthTo } = monthRange(input.month);
  const from = maxDate(monthFrom, input.activeFrom);
  const to = input.activeTo === null ? monthTo : minDate(monthTo, input.activeTo);
  if (from > to) return [];
  const month = eachDay(monthFrom, monthTo);
  const periodDays = new Map<string, number>();
  const inPeriod = (unitId: string) => {
    let n = periodDays.get(unitId);
    if (n === undefined) periodDays.set(unitId, (n = month.filter((d) => input.counts(unitId, d)).length));
    return n;
  };
  const placedOn = (date: LocalDate) => {
    let best: PlacementPeriod | null = null;
    for (const p of input.placements)
      if (p.validFrom <= date && (p.validTo === null || p.validTo >= date))
        if (best === null || p.validFrom > best.validFrom) best = p;
    return best ?? input.current;
  };
  const out: PlacementSegmentDays[] = [];
  let last: PlacementSegmentDays | null = null;
  for (const date of eachDay(from, to)) {
    const p = placedOn(date);
    if (!last || last.unitId !== p.unitId || last.positionId !== p.positionId) {
      last = {
        from: date,
        to: date,
        unitId: p.unitId,
        positionId: p.positionId,
        daysPlaced: 0,
        daysInPeriod: inPeriod(p.unitId),
      };
      out.push(last);
    }
    last.to = date;
    if (input.counts(p.unitId, date)) last.daysPlaced++;
  }
  return out;
}
