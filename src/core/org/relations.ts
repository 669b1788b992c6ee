/**
 * Org relations on a date, the pure part: the employee's local date in their unit's zone, service spans, which
 * acting official (Plt/Plh) is in force on a post, who fills a post on a date, the structural tiers of positions and
 * the official of a given tier above an employee. The server's relations service (`src/server/relations/`) loads
 * the rows and calls these; every module asks that service rather than repeating the rules.
 */
import type { LocalDate } from '../common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../common/zoned-time.ts';

/** An employee's span of service: first day and last day (null = still in service). */
export interface ServiceSpan {
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
}

/**
 * True when `date` lies inside the employee's service (both ends included). A date outside it has no unit, no
 * superior and no subordinates: relations are not answered for it.
 * Source: regulations.md §0.1 (TMT CPNS/PPPK to the end of service); issue 13 ("outside an employee's service").
 */
export function isInService(span: ServiceSpan, date: LocalDate): boolean {
  return span.activeFrom <= date && (span.activeTo === null || span.activeTo >= date);
}

/**
 * The local date of an instant in a zone: 23:30 WIB is already the next day in WITA (00:30) and WIT (01:30).
 * Source: Keppres 41/1987 (WIB UTC+7, WITA UTC+8, WIT UTC+9; no daylight saving).
 */
export function localDateAt(epochMs: number, zone: IndonesianTimeZone): LocalDate {
  return toZoned(epochMs, zone).date;
}

/** A placement with the zone of its unit (a transfer can change the zone). */
export interface ZonedPlacement {
  validFrom: LocalDate;
  validTo: LocalDate | null;
  timeZone: IndonesianTimeZone;
}

/**
 * The employee's local date at an instant: the date in the zone of the unit they are placed in at that moment.
 * Each placement is asked for the instant's date in its own unit's zone; the placement whose period holds that date
 * is the one in force. At a transfer between zones both the old (its last day) and the new (its first day) may hold
 * the instant; the newer placement wins, as the employee has already moved. No placement holds it (a gap, no
 * history, or the hour at a westward transfer, e.g. WITA → WIB, that neither unit's day holds): the date in
 * `fallbackZone`, the zone of the employee's current unit.
 * Source: Keppres 41/1987 (each unit keeps its own zone's clock); issue 14 point 1 ("the employee's local date in
 * their unit's zone").
 */
export function employeeLocalDate(
  epochMs: number,
  placements: readonly ZonedPlacement[],
  fallbackZone: IndonesianTimeZone,
): LocalDate {
  let best: { validFrom: LocalDate; date: LocalDate } | null = null;
  for (const p of placements) {
    const date = localDateAt(epochMs, p.timeZone);
    if (p.validFrom > date || (p.validTo !== null && p.validTo < date)) continue;
    if (!best || p.validFrom > best.validFrom) best = { validFrom: p.validFrom, date };
  }
  return best ? best.date : localDateAt(epochMs, fallbackZone);
}

/** Plt (pelaksana tugas: a vacant post) or Plh (pelaksana harian: the holder is absent for a while). */
export type ActingKind = 'PLT' | 'PLH';

/** An acting assignment: who acts in which post, and for which days. */
export interface ActingAssignment {
  employeeId: string;
  positionId: string;
  kind: ActingKind;
  validFrom: LocalDate;
  validTo: LocalDate | null;
}

/**
 * The acting assignments in force on `date`, the one to act first: a Plh (day-to-day stand-in for an absent
 * holder) before a Plt, and of one kind the latest appointed. `exceptId` (the person asking about their own
 * superior) never acts for themselves. An assignment is in force from its first to its last day, both included.
 * Source: regulations.md §1.6 (a Plh is appointed for a relieved official), §0.1 (atasan langsung incl. Plt/Plh);
 * SE BKN 1/SE/I/2021 on Plt/Plh [INF]; existing rule of `org-service.whereOn` (Plh wins over Plt on one day).
 */
export function actingInForce<T extends ActingAssignment>(
  assignments: readonly T[],
  date: LocalDate,
  exceptId?: string | null,
): T[] {
  return assignments
    .filter(
      (a) => a.employeeId !== exceptId && a.validFrom <= date && (a.validTo === null || a.validTo >= date),
    )
    .sort(
      (a, b) =>
        (a.kind === 'PLH' ? 0 : 1) - (b.kind === 'PLH' ? 0 : 1) || b.validFrom.localeCompare(a.validFrom),
    );
}

/** Who fills a post on a date: the person, and whether as Plt/Plh (null = the definitive holder). */
export interface PostOfficial {
  employeeId: string;
  acting: ActingKind | null;
}

/**
 * Who fills a post on `date`: an acting official in force (Plh first, then Plt) replaces the holder — absent (Plh)
 * or gone (Plt of a vacant post) — else the definitive holder in service; null when the post is vacant and nobody
 * acts in it. `exceptId` is never the answer (an employee is not their own superior).
 * Source: regulations.md §0.1 (atasan langsung incl. Plt/Plh), §1.5 ("if the competent post is vacant, authority
 * moves to the next higher official" — the caller moves up on null).
 */
export function officialOfPost(
  post: { holderIds: readonly string[]; acting: readonly ActingAssignment[] },
  date: LocalDate,
  exceptId?: string | null,
): PostOfficial | null {
  const acting = actingInForce(post.acting, date, exceptId)[0];
  if (acting) return { employeeId: acting.employeeId, acting: acting.kind };
  const holder = post.holderIds.find((id) => id !== exceptId);
  return holder ? { employeeId: holder, acting: null } : null;
}

/**
 * The structural tiers of the PyBM matrix, lowest first: Pengawas (ex-eselon IV), Administrator (ex-eselon III),
 * JPT Pratama (ex-eselon II), JPT Madya (ex-eselon I).
 * Source: UU 20/2023 (jabatan manajerial); PP 94/2021 via regulations.md §1.5 (who may impose which sanction).
 */
export const OFFICIAL_LEVELS = ['PENGAWAS', 'ADMINISTRATOR', 'JPT_PRATAMA', 'JPT_MADYA'] as const;
export type OfficialLevel = (typeof OFFICIAL_LEVELS)[number];

/**
 * The tier of a position kind: 1 Pengawas … 4 JPT Madya; pelaksana, functional positions (JF) and a missing
 * position are 0 — regulations.md §1.5 names JF separately ("JF in its unit") and counts levels along the
 * structural ladder [INF].
 * Source: regulations.md §1.5; UU 20/2023.
 */
export function tierOf(positionKind: string | null | undefined): number {
  const i = OFFICIAL_LEVELS.indexOf(positionKind as OfficialLevel);
  return i < 0 ? 0 : i + 1;
}

/** An official of a tier (`'ADMINISTRATOR'`…) or a number of structural levels above the employee's own. */
export type LevelQuery = OfficialLevel | { levelsAbove: number };

/**
 * The tier an official must have for `level`: the named tier, or the employee's own tier plus `levelsAbove`
 * ("1 level below: ringan; 2 levels below: sedang").
 * Source: regulations.md §1.5 (PyBM by relative level).
 */
export function targetTier(level: LevelQuery, employeeTier: number): number {
  return typeof level === 'string' ? tierOf(level) : employeeTier + level.levelsAbove;
}

/** One step of the chain above an employee as `pickAtLevel` needs it. */
export interface ChainStep {
  tier: number;
  /** Null when the post is vacant and nobody acts in it. */
  hasOfficial: boolean;
}

/**
 * Where in the chain above an employee (nearest first) the official of tier `tier` is: the first post of that tier
 * or higher that someone fills. A post of the tier that is vacant (nobody holds or acts in it), or a chain without
 * such a post (delayering), moves the authority to the next higher official; `exact` says whether the post found
 * has the tier asked. Null when nobody in the chain is high enough (the PPK, outside the organisation's staff).
 * Source: regulations.md §1.5 ("If the competent post is vacant, authority moves to the next higher official").
 */
export function pickAtLevel(
  chain: readonly ChainStep[],
  tier: number,
): { index: number; exact: boolean } | null {
  for (let i = 0; i < chain.length; i++) {
    const s = chain[i]!;
    if (s.tier >= tier && s.hasOfficial) return { index: i, exact: s.tier === tier };
  }
  return null;
}

/**
 * The OPD of a unit from its materialised path (`/root/opd/…/unit/`): the top unit under the region (second id),
 * or the root itself when the unit is the root.
 * Source: regulations.md §0.1 (OPD / UPTD under an OPD); the leave route's existing rule (PyBMC = head of the OPD).
 */
export function opdUnitIdOf(unitPath: string): string {
  const ids = unitPath.split('/').filter(Boolean);
  const id = ids[1] ?? ids[0];
  if (!id) throw new Error(`Empty unit path: ${unitPath}`);
  return id;
}

/**
 * The units from a unit up to the root, nearest first, from its materialised path.
 * Source: the unit tree's materialised path (docs/architecture.md, "Scope model").
 */
export function unitsUpward(unitPath: string): string[] {
  return unitPath.split('/').filter(Boolean).reverse();
}
