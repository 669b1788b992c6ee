/**
 * The life of a decided sanction: its serving period, how it fits with sanctions already running (a heavier one
 * replaces, a lighter one waits), its status on a date, the sanctions TPP must see in a month, and what it blocks.
 * Pure: the caller loads the stored sanctions and passes today's local date.
 * Source: PP 94/2021 Pasal 8, 38, 42; Peraturan BKN 6/2022 Pasal 50, 55 ayat (1) and annex (concurrent sanctions);
 * PP 79/2021; regulations.md §1.2, §1.7, §1.9, §1.10.
 */
import type { LocalDate } from '../common/local-date.ts';
import { addDays, daysInMonth, monthRange } from '../common/local-date.ts';
import type { TppSanction } from '../tpp/compute-tpp.ts';
import type { DisciplineLevel } from './discipline-rules.ts';

/**
 * The last day of a period of `months` calendar months starting on `start`: the day before the same day of the
 * month `months` later; when that month has no such day (31 Jan + 1 month), the last day of that month (28/29 Feb).
 */
function endOfMonths(start: LocalDate, months: number): LocalDate {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const d = Number(start.slice(8, 10));
  const idx = y * 12 + (m - 1) + months;
  const ty = Math.floor(idx / 12);
  const tm = (idx % 12) + 1;
  const dim = daysInMonth(ty, tm);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > dim) return `${ty}-${pad(tm)}-${pad(dim)}`;
  return addDays(`${ty}-${pad(tm)}-${pad(d)}`, -1);
}

/**
 * The serving period of a sanction that starts on `startsOn`: `durationMonths` calendar months (the last day is the
 * day before the same date `n` months later; 31 Jan + 1 month ends on 28/29 Feb). Without a duration: a ringan
 * reprimand (and a sedang type without a fixed duration, e.g. the PPPK sedang set by the PPK) is served at once
 * (`endsOn` = `startsOn`); a berat one (PDHTAPS, termination of a PPPK contract) is final (`endsOn` null).
 * Source: PP 94/2021 Pasal 8 (durations), regulations.md §1.2, §1.7 (MENJALANI: ringan at once; 6/9/12 months;
 * PDHTAPS final).
 */
export function servingPeriod(
  startsOn: LocalDate,
  durationMonths: number | null,
  level: DisciplineLevel,
): { endsOn: LocalDate | null } {
  if (durationMonths !== null && durationMonths > 0) return { endsOn: endOfMonths(startsOn, durationMonths) };
  return { endsOn: level === 'berat' ? null : startsOn };
}

/** A sanction of the same employee already in force or waiting to start. */
export interface RunningSanction {
  id: string;
  /** Severity (`sanctionTypes[].rank` of the form applied): higher is heavier. */
  rank: number;
  startsOn: LocalDate;
  /** Null for a final sanction. A one-off reprimand has `endsOn` = `startsOn`. */
  endsOn: LocalDate | null;
}

/**
 * Where a new sanction fits among those running (PerBKN 6/2022 annex, regulations.md §1.7 "Concurrent sanctions"):
 * - running sanctions that overlap the incoming's effective date (not ended before it) are considered; a one-off
 *   reprimand (`endsOn` = `startsOn`, served at once) never blocks and is never replaced;
 * - when none of them is at least as heavy (rank ≥), the incoming starts on its effective date and each lighter
 *   one is deemed finished the day before (`replaces`);
 * - otherwise it waits: it starts the day after the last of the at-least-as-heavy ones ends (the heaviest, or the
 *   one queued after it; `waitsFor`), and lighter ones still running then end the day before it starts. A lighter
 *   sanction queued but not yet started gets an end before its start: it is never served.
 * `endsOn` is the serving period from the start (`servingPeriod`).
 * Source: Peraturan BKN 6/2022 annex (concurrent sanctions); regulations.md §1.7.
 *
 * @throws when a final sanction (no end, e.g. PDHTAPS) is running and the incoming is not heavier: nothing can
 *   follow it; the caller refuses such a decision before scheduling
 */
export function scheduleSanction(
  running: readonly RunningSanction[],
  incoming: {
    rank: number;
    effectiveOn: LocalDate;
    durationMonths: number | null;
    level: DisciplineLevel;
  },
): {
  startsOn: LocalDate;
  endsOn: LocalDate | null;
  replaces: { id: string; endsOn: LocalDate }[];
  waitsFor: string | null;
} {
  const overlapping = running.filter(
    (r) => r.endsOn !== r.startsOn && (r.endsOn === null || r.endsOn >= incoming.effectiveOn),
  );
  const blockers = overlapping.filter((r) => r.rank >= incoming.rank);
  let startsOn = incoming.effectiveOn;
  let waitsFor: string | null = null;
  if (blockers.length > 0) {
    const last = blockers.reduce((a, b) => {
      if (a.endsOn === null || b.endsOn === null) return a.endsOn === null ? a : b;
      if (a.endsOn !== b.endsOn) return a.endsOn > b.endsOn ? a : b;
      return a.rank >= b.rank ? a : b;
    });
    if (last.endsOn === null) {
      throw new Error(`Sanction ${last.id} is final; no lighter sanction can follow it`);
    }
    waitsFor = last.id;
    startsOn = addDays(last.endsOn, 1);
  }
  const dayBefore = addDays(startsOn, -1);
  const replaces = overlapping
    .filter((r) => r.rank < incoming.rank && (r.endsOn === null || r.endsOn >= startsOn))
    .map((r) => ({ id: r.id, endsOn: dayBefore }));
  const { endsOn } = servingPeriod(startsOn, incoming.durationMonths, incoming.level);
  return { startsOn, endsOn, replaces, waitsFor };
}

/** A sanction as stored (discipline_sanctions), the fields the rules read. */
export interface StoredSanction {
  /** The type decided (e.g. `S1`). */
  sanctionCode: string;
  /** The form applied: the type itself, or its interim substitute (e.g. `KGB_TUNDA_1TH`). */
  appliedCode: string;
  startsOn: LocalDate | null;
  endsOn: LocalDate | null;
  annulledOn: LocalDate | null;
  status: string;
}

/**
 * The most months a TPP sanction cut can run (`tpp.sanctionCuts.cuts[].months` allows at most 120), plus one for a
 * rulebook whose cut starts the month after the sanction takes effect (`startsIn: 'nextMonth'`).
 */
const MAX_CUT_SPAN_MONTHS = 120 + 1;

function monthIndex(dateOrMonth: string): number {
  return Number(dateOrMonth.slice(0, 4)) * 12 + Number(dateOrMonth.slice(5, 7)) - 1;
}

/**
 * The sanctions TPP must see for `month` (`YYYY-MM`), as `TppSanction` (`type` = the form applied, `from` = the
 * first day served, `to` = the annulment date, or the last day served when a heavier sanction replaced it).
 *
 * Choice: TPP cuts run for the rulebook's `months` counted from the month of `from` (or the month after), whatever
 * the serving period; a reprimand is served in a day but a regional rulebook may cut TPP for 1–6 months. So the
 * list holds every sanction that has started by the end of the month and either is in force on some day of it
 * (`endsOn` null or on/after the first day) or started at most 121 months before (the longest cut the TPP rulebook
 * schema allows, plus a next-month start); `computeTpp` then applies each cut only within its own window. Left out:
 * sanctions not yet started, annulled before the month, annulled without a date, or replaced before they started.
 * `to` is set only when a sanction ended early, because `computeTpp` stops the cut at `to`'s month.
 * Source: regulations.md §1.10 (TPP cut per sanction type and months), §1.7 (serving periods, concurrent
 * sanctions), §1.9 (an annulled sanction stops its effects); src/core/tpp/compute-tpp.ts (sanction cuts).
 */
export function sanctionsInMonth(list: readonly StoredSanction[], month: string): TppSanction[] {
  const { from: first, to: last } = monthRange(month);
  const out: TppSanction[] = [];
  for (const s of list) {
    if (s.startsOn === null || s.startsOn > last) continue;
    if (s.status === 'DIBATALKAN' && s.annulledOn === null) continue;
    const to = s.annulledOn ?? (s.status === 'DIGANTI' ? s.endsOn : null);
    if (to !== null && (to < first || to < s.startsOn)) continue;
    const inForce = s.endsOn === null || s.endsOn >= first;
    const cutMayRun = monthIndex(month) - monthIndex(s.startsOn) <= MAX_CUT_SPAN_MONTHS;
    if (!inForce && !cutMayRun) continue;
    out.push(
      to === null ? { type: s.appliedCode, from: s.startsOn } : { type: s.appliedCode, from: s.startsOn, to },
    );
  }
  return out;
}

/** Statuses of a sanction (discipline_sanctions.status). */
export const SANCTION_STATUSES = [
  'DITETAPKAN',
  'DISAMPAIKAN',
  'DITUNDA_UPAYA',
  'MENUNGGU',
  'BERLAKU',
  'SELESAI',
  'DIGANTI',
  'DIBATALKAN',
] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];

/** Indonesian labels of the sanction statuses. */
export const SANCTION_STATUS_LABELS: Readonly<Record<SanctionStatus, string>> = {
  DITETAPKAN: 'Ditetapkan, belum disampaikan',
  DISAMPAIKAN: 'Disampaikan, menunggu berlaku',
  DITUNDA_UPAYA: 'Ditunda karena upaya administratif',
  MENUNGGU: 'Menunggu hukuman lain selesai',
  BERLAKU: 'Sedang dijalani',
  SELESAI: 'Selesai dijalani',
  DIGANTI: 'Diganti hukuman yang lebih berat',
  DIBATALKAN: 'Dibatalkan',
};

/**
 * The status of a sanction on `today`, derived from the stored status and its dates (the stored status is only
 * updated on events; dates move on by themselves):
 * - annulled (stored DIBATALKAN, or `annulledOn` on/before today) → DIBATALKAN;
 * - stored DITETAPKAN (not yet delivered) or DITUNDA_UPAYA (an upaya administratif is pending: it does not take
 *   effect) → as stored;
 * - no effective date yet, or the effective date after today → DISAMPAIKAN (delivered, waiting to take effect);
 * - effective but not started (waiting for a heavier running sanction to end) → MENUNGGU;
 * - started and its last day before today → DIGANTI when a heavier one replaced it, else SELESAI (replaced before
 *   it started: DIGANTI at once);
 * - otherwise → BERLAKU (a reprimand is BERLAKU on its one day, SELESAI after).
 * Source: PP 94/2021 Pasal 38 (effective date); PP 79/2021 (no effect while an appeal is pending); PerBKN 6/2022
 * annex (concurrent sanctions); regulations.md §1.7, §1.9.
 */
export function sanctionStatusOn(
  s: StoredSanction & { effectiveOn: LocalDate | null },
  today: LocalDate,
): SanctionStatus {
  if (s.status === 'DIBATALKAN' || (s.annulledOn !== null && s.annulledOn <= today)) return 'DIBATALKAN';
  if (s.status === 'DITETAPKAN' || s.status === 'DITUNDA_UPAYA') return s.status;
  if (s.effectiveOn === null || s.effectiveOn > today) return 'DISAMPAIKAN';
  if (s.status === 'DIGANTI' && s.startsOn !== null && s.endsOn !== null && s.endsOn < s.startsOn)
    return 'DIGANTI';
  if (s.startsOn === null || s.startsOn > today) return 'MENUNGGU';
  if (s.endsOn !== null && s.endsOn < today) return s.status === 'DIGANTI' ? 'DIGANTI' : 'SELESAI';
  return 'BERLAKU';
}

/**
 * What serving a sanction blocks: sedang and berat block the periodic salary increase (KGB) and promotion for the
 * serving period; ringan blocks nothing.
 * Source: Peraturan BKN 6/2022 Pasal 55 ayat (1); regulations.md §1.7 (MENJALANI).
 */
export function sanctionBlocks(level: DisciplineLevel): { blocksKgb: boolean; blocksPromotion: boolean } {
  const blocks = level !== 'ringan';
  return { blocksKgb: blocks, blocksPromotion: blocks };
}
