/**
 * Competency analytics across OPDs (issue 19 point 7): how the people of each OPD match their posts (the mapping JPM
 * bands of their latest result), where their gaps are (per competency: how many fall short and by how much on
 * average), and how many reached the year's development hours. Pure: the service gives each person's figures.
 * Sources: regulations.md §7.2 (JPM bands for mapping, PermenPANRB 38/2017), PP 11/2017 jo. PP 17/2020 Pasal 203
 * ayat (4) (the yearly development hours, as the rulebook's target).
 */

/** One person's figures, computed by the service from their latest result and this year's records. */
export interface AnalyticsPerson {
  groupId: string;
  groupName: string;
  /** The mapping band code of the latest result against the current post; null: not assessed or no standard. */
  band: string | null;
  /** The mapping JPM percent (the histogram), null as `band`. */
  percent: number | null;
  /** True when the person has a result but their post has no standard (no JPM can be computed). */
  noStandard: boolean;
  /** The gaps of the latest result against the post's standard (empty when not assessed). */
  gaps: readonly { code: string; gap: number }[];
  assessed: boolean;
  /** Lesson hours of the records that ended in the year. */
  jp: number;
}

export interface AnalyticsGroup {
  groupId: string;
  groupName: string;
  employees: number;
  assessed: number;
  noStandard: number;
  /** Band code → people (every band of the label set, 0 when nobody). */
  bands: Record<string, number>;
  /** Competency code → people short of the required level and their mean shortfall (levels). */
  gaps: Record<string, { people: number; meanGap: number }>;
  jpMet: number;
  jpTotal: number;
  /** Mean JP per person of the group (one decimal). */
  jpMean: number;
  /** Share of the group that reached the target, percent with one decimal (0 for an empty group). */
  coveragePercent: number;
}

export interface CompetencyAnalytics {
  groups: AnalyticsGroup[];
  total: Omit<AnalyticsGroup, 'groupId' | 'groupName'>;
  /** Mapping JPM in bins of `binWidth` percent: bin i counts percents in [i·w, (i+1)·w), the last bin includes 100. */
  histogram: { from: number; to: number; people: number }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The share (percent, one decimal) of `employees` who reached the year's development hours; 0 for nobody. */
export function jpCoveragePercent(jpMet: number, employees: number): number {
  return employees ? round1((jpMet / employees) * 100) : 0;
}

/**
 * Aggregates people per group (an OPD) and over all. Groups are ordered by name (then id); a competency appears in
 * `gaps` only when somebody falls short of it.
 *
 * @param bandCodes the codes of the mapping label set, in the rulebook's order (every one is reported, 0 or not)
 * @param jpTarget the yearly development target (rulebook `competency.development.minJpPerYear`)
 * @param binWidth the histogram's bin width in percent (a divisor of 100)
 */
export function competencyAnalytics(
  people: readonly AnalyticsPerson[],
  bandCodes: readonly string[],
  jpTarget: number,
  binWidth = 10,
): CompetencyAnalytics {
  if (!(binWidth > 0) || 100 % binWidth !== 0) throw new Error(`bin width ${binWidth} does not divide 100`);
  const byGroup = new Map<string, AnalyticsPerson[]>();
  for (const p of people) {
    const list = byGroup.get(p.groupId);
    if (list) list.push(p);
    else byGroup.set(p.groupId, [p]);
  }
  const groups = [...byGroup.values()]
    .map((list) => ({ groupId: list[0]!.groupId, groupName: list[0]!.groupName, ...aggregate(list) }))
    .sort((a, b) => a.groupName.localeCompare(b.groupName, 'id') || a.groupId.localeCompare(b.groupId));
  const bins = 100 / binWidth;
  const histogram = Array.from({ length: bins }, (_, i) => ({
    from: i * binWidth,
    to: (i + 1) * binWidth,
    people: 0,
  }));
  for (const p of people)
    if (p.percent !== null) histogram[Math.min(bins - 1, Math.floor(p.percent / binWidth))]!.people++;
  return { groups, total: aggregate(people), histogram };

  function aggregate(list: readonly AnalyticsPerson[]): Omit<AnalyticsGroup, 'groupId' | 'groupName'> {
    const bands = Object.fromEntries(bandCodes.map((c) => [c, 0])) as Record<string, number>;
    const sums = new Map<string, { people: number; total: number }>();
    let assessed = 0;
    let noStandard = 0;
    let jpMet = 0;
    let jpTotal = 0;
    for (const p of list) {
      if (p.assessed) assessed++;
      if (p.noStandard) noStandard++;
      if (p.band !== null) bands[p.band] = (bands[p.band] ?? 0) + 1;
      for (const g of p.gaps) {
        if (g.gap <= 0) continue;
        const s = sums.get(g.code) ?? { people: 0, total: 0 };
        s.people++;
        s.total += g.gap;
        sums.set(g.code, s);
      }
      jpTotal += p.jp;
      if (p.jp >= jpTarget) jpMet++;
    }
    const gaps = Object.fromEntries(
      [...sums.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, s]) => [
          code,
          { people: s.people, meanGap: Math.round((s.total / s.people) * 100) / 100 },
        ]),
    );
    return {
      employees: list.length,
      assessed,
      noStandard,
      bands,
      gaps,
      jpMet,
      jpTotal,
      jpMean: list.length ? round1(jpTotal / list.length) : 0,
      coveragePercent: jpCoveragePercent(jpMet, list.length),
    };
  }
}
