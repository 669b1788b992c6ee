/*
 * The home page's figures, computed from rows other modules read (the recap heatmap of a month, the stored
 * recaps of several months): pure functions, no I/O. None of these is a regulation: "compliance" is the share of
 * employee-working-days present on time (the recap's on-time days over its working days), and the gaps that make a
 * unit an outlier or a change sudden are display choices of the dashboard, named where they are defined.
 */

/** One sub-unit of a heatmap: per day, employees on a working day and of them on time. */
export interface HeatmapUnit {
  unitId: string;
  unitName: string;
  days: { date: string; working: number; onTime: number }[];
}

export interface UnitFigures {
  unitId: string;
  unitName: string;
  workingDays: number;
  onTimeDays: number;
  compliance: number | null;
}

/** `part / whole` rounded to three decimals, null when `whole` is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** A unit's month: employee-working-days and on-time days summed over its days. */
export function unitFigures(unit: HeatmapUnit): UnitFigures {
  let workingDays = 0;
  let onTimeDays = 0;
  for (const d of unit.days) {
    workingDays += d.working;
    onTimeDays += d.onTime;
  }
  return {
    unitId: unit.unitId,
    unitName: unit.unitName,
    workingDays,
    onTimeDays,
    compliance: ratio(onTimeDays, workingDays),
  };
}

/** Worst compliance first; units without working days last; ties by name (Indonesian collation). */
export function worstFirst<T extends { compliance: number | null; unitName: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    if (a.compliance === null || b.compliance === null) {
      if (a.compliance !== b.compliance) return a.compliance === null ? 1 : -1;
    } else if (a.compliance !== b.compliance) return a.compliance - b.compliance;
    return a.unitName.localeCompare(b.unitName, 'id');
  });
}

/** Per date, the compliance of all the units together (dates in order). */
export function dailyCompliance(units: HeatmapUnit[]): { date: string; compliance: number | null }[] {
  const byDate = new Map<string, { working: number; onTime: number }>();
  for (const u of units)
    for (const d of u.days) {
      const t = byDate.get(d.date) ?? { working: 0, onTime: 0 };
      t.working += d.working;
      t.onTime += d.onTime;
      byDate.set(d.date, t);
    }
  return [...byDate.entries()]
    .filter(([, t]) => t.working > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, t]) => ({ date, compliance: ratio(t.onTime, t.working) }));
}

/** The median of a non-empty list of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Units whose compliance lies at least `gap` below the median of the units that have working days (worst
 * first). Fewer than three such units have no meaningful median: none is an outlier then.
 */
export function outliers(units: UnitFigures[], gap: number): (UnitFigures & { median: number })[] {
  const judged = units.filter((u): u is UnitFigures & { compliance: number } => u.compliance !== null);
  if (judged.length < 3) return [];
  const m = median(judged.map((u) => u.compliance));
  return worstFirst(judged.filter((u) => u.compliance <= m - gap + 1e-9)).map((u) => ({
    ...u,
    median: Math.round(m * 1000) / 1000,
  }));
}

/**
 * Units whose compliance moved by at least `threshold` between two months, the largest move first (a drop
 * before a rise of the same size). A unit without working days in either month is not compared.
 */
export function unitChanges(
  before: UnitFigures[],
  after: UnitFigures[],
  threshold: number,
): { unitId: string; unitName: string; before: number; after: number; change: number }[] {
  const prev = new Map(before.map((u) => [u.unitId, u]));
  const out: { unitId: string; unitName: string; before: number; after: number; change: number }[] = [];
  for (const u of after) {
    const p = prev.get(u.unitId);
    if (!p || p.compliance === null || u.compliance === null) continue;
    const change = Math.round((u.compliance - p.compliance) * 1000) / 1000;
    if (Math.abs(change) + 1e-9 >= threshold)
      out.push({ unitId: u.unitId, unitName: u.unitName, before: p.compliance, after: u.compliance, change });
  }
  return out.sort(
    (a, b) =>
      Math.abs(b.change) - Math.abs(a.change) ||
      a.change - b.change ||
      a.unitName.localeCompare(b.unitName, 'id'),
  );
}
