/**
 * The election-period watch (pengawasan masa Pilkada / Pemilu): pure rules of the daily absence list, the head of
 * OPD's acknowledgement, the escalations and the neutrality cases. No I/O, clock or environment: the service passes
 * the stored day statuses, the period as BKD declared it and the instant it judges by.
 * Source: issue 18 point 3; regulations.md §8 (SKB 5 lembaga 2022; PP 94/2021 Pasal 5 huruf n; PP 42/2004
 * Pasal 15), §5.4 (apel as scheduled attendance events), §4.3 (status codes); the Mukomuko circular (the head of OPD
 * confirms the daily attendance check during the Pilkada).
 */
import { addDays, eachDay, minDate, type LocalDate } from '../common/local-date.ts';
import { fromZoned, parseHhmm, type IndonesianTimeZone } from '../common/zoned-time.ts';
import { LEAVE_CODES } from '../attendance/status-codes.ts';

/** The kinds of watch period. Source: issue 18 point 3 (Pilkada / Pemilu). */
export const WATCH_KINDS = ['PILKADA', 'PEMILU'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/** The stages of an election a period is made of. Source: issue 18 point 3 (campaign, quiet period, voting day). */
export const STAGE_KINDS = [
  'KAMPANYE',
  'MASA_TENANG',
  'PEMUNGUTAN_SUARA',
  'REKAPITULASI',
  'LAINNYA',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/** A stage of the period: a dated range; `keyDate` marks the days whose absences are highlighted (voting day …). */
export interface WatchStage {
  kind: StageKind;
  name: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  keyDate: boolean;
}

/**
 * The stages a date falls in, in the order declared. Source: issue 18 point 3 (stages with dated ranges).
 */
export function stagesOn<S extends WatchStage>(stages: readonly S[], date: LocalDate): S[] {
  return stages.filter((s) => s.startsOn <= date && date <= s.endsOn);
}

/**
 * Whether a date is a key date of the period (inside a stage marked `keyDate`, e.g. voting day): its absences are
 * highlighted. Source: issue 18 point 3 ("absences on key dates are highlighted").
 */
export function isKeyDate(stages: readonly WatchStage[], date: LocalDate): boolean {
  return stagesOn(stages, date).some((s) => s.keyDate);
}

/**
 * The problems with a declared period, as field messages (empty = valid): the period's range in order, each stage
 * inside it and in order. Source: issue 18 point 3 and "Bad input" (a clear reason, nothing stored).
 */
export function periodProblems(p: {
  startsOn: LocalDate;
  endsOn: LocalDate;
  stages: readonly WatchStage[];
}): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (p.endsOn < p.startsOn)
    out.push({ path: 'endsOn', message: 'Tanggal akhir masa pengawasan tidak boleh sebelum tanggal mulai' });
  p.stages.forEach((s, i) => {
    if (s.endsOn < s.startsOn)
      out.push({
        path: `stages.${i}.endsOn`,
        message: `Tahapan "${s.name}": tanggal akhir sebelum tanggal mulai`,
      });
    else if (s.startsOn < p.startsOn || s.endsOn > p.endsOn)
      out.push({
        path: `stages.${i}.startsOn`,
        message: `Tahapan "${s.name}" harus berada di dalam masa pengawasan`,
      });
  });
  return out;
}

/** The days of the period up to `lastDay` (inclusive), in order; none before it starts. */
export function periodDaysUntil(
  p: { startsOn: LocalDate; endsOn: LocalDate },
  lastDay: LocalDate,
): LocalDate[] {
  const to = minDate(p.endsOn, lastDay);
  return to < p.startsOn ? [] : eachDay(p.startsOn, to);
}

/** The categories of the daily absence list. Source: issue 18 point 3; regulations.md §4.3, §5.3. */
export const ABSENCE_KINDS = ['TK', 'TERLAMBAT', 'PULANG_CEPAT', 'CUTI', 'IZIN', 'DINAS'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

/** The part of a stored day status the list reads. */
export interface WatchDay {
  code: string;
  lateBand: string | null;
  earlyBand: string | null;
  missingCheckIn: boolean;
  nonWorkingDay?: boolean | undefined;
}

const LEAVE = new Set<string>(LEAVE_CODES);
const SICK_OR_PERMIT = new Set(['I', 'S']);

/**
 * What the day puts on the daily absence list (null: present on time, or not a working day): TK (a code among the
 * rulebook's `absence.tkCodes`), late (a late band or a missing check-in), early leave, leave (cuti), permit or sick
 * (izin), official travel or assignment (dinas). Source: issue 18 point 3 ("who was absent/TK, late, on
 * leave/permit"); regulations.md §4.3 (codes), §5.3 (TL/PSW bands).
 */
export function absenceKindOf(day: WatchDay, tkCodes: ReadonlySet<string>): AbsenceKind | null {
  if (day.nonWorkingDay || day.code === 'LIBUR') return null;
  if (tkCodes.has(day.code)) return 'TK';
  if (LEAVE.has(day.code)) return 'CUTI';
  if (SICK_OR_PERMIT.has(day.code)) return 'IZIN';
  if (day.code !== 'H') return 'DINAS';
  if (day.lateBand || day.missingCheckIn) return 'TERLAMBAT';
  if (day.earlyBand) return 'PULANG_CEPAT';
  return null;
}

/**
 * Whether the day counts as a working day of the OPD's list: at least one of its staff had a working day
 * (a stored status that is not `LIBUR` nor flagged non-working). Weekends and holidays need no acknowledgement.
 * Source: issue 18 point 3 (a daily list per working day); regulations.md §3 (working days per the schedule).
 */
export function isWorkingDayOfList(days: readonly WatchDay[]): boolean {
  return days.some((d) => !d.nonWorkingDay && d.code !== 'LIBUR');
}

/**
 * Whether a head of OPD missed their own attendance on a day of the period: absent without a valid reason (TK), or
 * present without a check-in, or absent from an apel they were expected at. Leave, permits and official travel are
 * not a miss. Source: issue 18 point 3 ("heads of OPD who miss their own attendance are escalated to the Sekda");
 * the Sekda's instruction to hold apel pagi and sore during the Pilkada.
 */
export function headMissedAttendance(
  day: WatchDay,
  tkCodes: ReadonlySet<string>,
  missedApel: number,
): 'TK' | 'TANPA_ABSEN_MASUK' | 'TIDAK_APEL' | null {
  if (day.nonWorkingDay || day.code === 'LIBUR') return null;
  if (tkCodes.has(day.code)) return 'TK';
  if (day.code === 'H' && day.missingCheckIn) return 'TANPA_ABSEN_MASUK';
  if (missedApel > 0) return 'TIDAK_APEL';
  return null;
}

/**
 * The instant the acknowledgement of a day's list is due: `dueTime` (HH:mm, declared with the period) on the next
 * day, in the OPD's zone (the list is complete once the day is over). Source: issue 18 point 3 (a required daily
 * acknowledgement; on time / late); the period's own due time is BKD's data, never a constant.
 */
export function ackDueAt(date: LocalDate, dueTime: string, zone: IndonesianTimeZone): number {
  return fromZoned(addDays(date, 1), parseHhmm(dueTime), zone);
}

/** The state of a day's acknowledgement. Source: issue 18 point 3 (acknowledgements on time / late / missing). */
export const ACK_STATES = ['TEPAT_WAKTU', 'TERLAMBAT', 'BELUM_JATUH_TEMPO', 'TIDAK_ADA'] as const;
export type AckState = (typeof ACK_STATES)[number];

/**
 * A day's acknowledgement state at `nowMs`: given on or before the due instant (on time), after it (late), not given
 * and not yet due (pending), not given and past due (missing: escalated). Source: issue 18 point 3.
 */
export function ackState(acknowledgedAtMs: number | null, dueAtMs: number, nowMs: number): AckState {
  if (acknowledgedAtMs !== null) return acknowledgedAtMs <= dueAtMs ? 'TEPAT_WAKTU' : 'TERLAMBAT';
  return nowMs <= dueAtMs ? 'BELUM_JATUH_TEMPO' : 'TIDAK_ADA';
}

/**
 * Whether a day's list may be acknowledged at `today` (the OPD's local date): a day of the period that has begun
 * (the head confirms a check of the day, possibly during it); never a future day. Source: issue 18 point 3.
 */
export function ackableOn(p: { startsOn: LocalDate; endsOn: LocalDate }, date: LocalDate, today: LocalDate) {
  if (date < p.startsOn || date > p.endsOn) return 'Tanggal di luar masa pengawasan' as const;
  if (date > today) return 'Daftar hari yang belum tiba tidak dapat dikonfirmasi' as const;
  return null;
}

/** The sources of a neutrality report. Source: regulations.md §8 (Bawaslu recommendation, complaints). */
export const NEUTRALITY_SOURCES = ['BAWASLU', 'PENGADUAN', 'LAINNYA'] as const;
export type NeutralitySource = (typeof NEUTRALITY_SOURCES)[number];

/** The two tracks of the SKB 5 lembaga 2022. Source: regulations.md §8. */
export const NEUTRALITY_TRACKS = ['ETIKA', 'DISIPLIN'] as const;
export type NeutralityTrack = (typeof NEUTRALITY_TRACKS)[number];

/** The moral sanctions of PP 42/2004 Pasal 15 (ethics track). Source: regulations.md §8. */
export const MORAL_SANCTIONS = ['PERNYATAAN_TERTUTUP', 'PERNYATAAN_TERBUKA'] as const;
export type MoralSanction = (typeof MORAL_SANCTIONS)[number];

/** A violation of the rulebook's catalogue (discipline section) as the neutrality track rule reads it. */
export interface CatalogueViolation {
  code: string;
  level: 'ringan' | 'sedang' | 'berat' | null;
  track: 'disiplin' | 'etika';
  sources: readonly string[];
}

/**
 * The neutrality conducts of the catalogue: violations reported through `NETRALITAS` (the conduct → level table of
 * §8 lives in the rulebook's discipline section, `procedure.violations`). Source: regulations.md §8.
 */
export function neutralityConducts<V extends CatalogueViolation>(catalogue: readonly V[]): V[] {
  return catalogue.filter((v) => v.sources.includes('NETRALITAS'));
}

/**
 * Checks a track decision against the conduct: the ethics track takes a moral sanction (PP 42/2004 Pasal 15) and a
 * conduct of the ethics class; the discipline track a conduct of the discipline class (PP 94/2021 Pasal 5 huruf n),
 * whose level the catalogue sets (sedang for angka 2, berat for angka 3–7) or, when it sets none, the decider gives.
 * Returns field problems (empty = valid) and the level for a discipline case. Source: regulations.md §8 (SKB 2022).
 */
export function trackDecision(
  conduct: CatalogueViolation,
  d: {
    track: NeutralityTrack;
    moralSanction?: MoralSanction | null | undefined;
    level?: string | null | undefined;
  },
): { problems: { path: string; message: string }[]; level: 'ringan' | 'sedang' | 'berat' | null } {
  const problems: { path: string; message: string }[] = [];
  if (d.track === 'ETIKA') {
    if (conduct.track !== 'etika')
      problems.push({
        path: 'track',
        message:
          'Perbuatan ini pelanggaran disiplin (PP 94/2021 Pasal 5 huruf n), bukan pelanggaran kode etik',
      });
    if (!d.moralSanction)
      problems.push({
        path: 'moralSanction',
        message: 'Pilih sanksi moral: pernyataan secara tertutup atau terbuka (PP 42/2004 Pasal 15)',
      });
    return { problems, level: null };
  }
  if (conduct.track !== 'disiplin')
    problems.push({
      path: 'track',
      message:
        'Perbuatan ini pelanggaran kode etik (PP 42/2004); jalur disiplin memerlukan perbuatan Pasal 5 huruf n',
    });
  const level =
    conduct.level ?? (d.level === 'ringan' || d.level === 'sedang' || d.level === 'berat' ? d.level : null);
  if (!level && problems.length === 0)
    problems.push({ path: 'level', message: 'Tentukan tingkat hukuman disiplin yang diperkirakan' });
  if (d.moralSanction)
    problems.push({ path: 'moralSanction', message: 'Sanksi moral hanya untuk jalur kode etik' });
  return { problems, level };
}
