/**
 * Pure rules of permit, assignment and correction requests: which kinds exist, what each request must carry
 * (from the rulebook's `attendance.permitRules`), which requests collide, which coordinates are absurd.
 * No I/O, no clock: "today" and the rulebook are inputs.
 * Source: regulations.md §4.3 (codes), §4.1 (sick 1 day vs cuti sakit), §3.3 (WFH/WFA, PermenPANRB 4/2025).
 */
import type { LocalDate } from '../common/local-date.ts';
import { diffDays } from '../common/local-date.ts';
import type { AttendanceRules } from '../attendance/attendance-rules.ts';
import type { PermitCode } from '../attendance/status-codes.ts';

/** Kinds an employee can request: permit / assignment codes plus the flexible-location days. Source: regulations.md §4.3, §3.3. */
export const PERMIT_KINDS = ['I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT', 'WFH', 'WFA'] as const;
export type PermitKind = (typeof PERMIT_KINDS)[number];

/** Flexible-location kinds: they set the day's work location and count toward the weekly cap. Source: PermenPANRB 4/2025. */
export const FLEXIBLE_KINDS = ['WFH', 'WFA'] as const;
export const isFlexibleKind = (k: string): k is 'WFH' | 'WFA' => k === 'WFH' || k === 'WFA';

/** States of a request. Source: regulations.md §4.3 (approved by the superior); issue 5 ("DIAJUKAN → DISETUJUI / DITOLAK / DIBATALKAN"). */
export const REQUEST_STATUSES = ['DIAJUKAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Requests that still hold their dates (a rejected or cancelled one frees them). Source: regulations.md §4.3. */
export const ACTIVE_STATUSES: readonly RequestStatus[] = ['DIAJUKAN', 'DISETUJUI'];

/** Why a correction is asked for. Source: regulations.md §4.3 (izin for "forgot to punch"), §3.2 (terminal failure). */
export const CORRECTION_CATEGORIES = [
  'LUPA_PRESENSI',
  'GANGGUAN_PERANGKAT',
  'GANGGUAN_JARINGAN',
  'LAINNYA',
] as const;
export type CorrectionCategory = (typeof CORRECTION_CATEGORIES)[number];

export type PermitPart = 'full' | 'late' | 'early';

/** The rule of one coded kind, as in the rulebook. */
export type PermitKindRule = NonNullable<AttendanceRules['permitRules']>['kinds'][number];

/** A request as far as these rules need it. */
export interface PermitRequestFacts {
  kind: PermitKind;
  part: PermitPart;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  letterNumber?: string | null;
  letterDate?: LocalDate | null;
  fileHash?: string | null;
  destination?: { name: string; lat: number; lon: number; radiusM: number } | null;
}

export interface RequestIssue {
  path: string;
  message: string;
}

/** Inclusive number of calendar days of a range. Source: regulations.md §4.1 (lengths in days). */
export const spanDays = (from: LocalDate, to: LocalDate) => diffDays(from, to) + 1;

/**
 * A coordinate that cannot be a real destination: outside ±90 / ±180, not finite, or exactly 0,0 (the default of a
 * broken GPS or an empty form). Source: WGS 84 ranges; Abdi decision (regulations.md §4.3: destination = geofence).
 */
export function isAbsurdCoordinate(lat: number, lon: number): boolean {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return true;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180) return true;
  return lat === 0 && lon === 0;
}

/**
 * What is wrong with a request of a coded kind under the rulebook (empty = acceptable as far as its own fields go):
 * kind configured, part allowed, a partial permit on one date, the longest span, letter number / date / upload,
 * destination with plausible coordinates, a required attachment. Flexible kinds (WFH/WFA) take no rule here.
 * Source: rulebook `attendance.permitRules` (regulations.md §4.3 [REG]); PP 11/2017 Pasal 320 (sick days).
 */
export function permitRequestIssues(req: PermitRequestFacts, rule: PermitKindRule | null): RequestIssue[] {
  const issues: RequestIssue[] = [];
  if (req.dateTo < req.dateFrom)
    issues.push({ path: 'dateTo', message: 'Tanggal akhir tidak boleh sebelum tanggal mulai' });
  if (req.part !== 'full' && req.dateTo !== req.dateFrom)
    issues.push({ path: 'dateTo', message: 'Izin terlambat / pulang cepat hanya untuk satu tanggal' });
  if (isFlexibleKind(req.kind)) {
    if (req.part !== 'full') issues.push({ path: 'part', message: 'WFH/WFA berlaku sehari penuh' });
    return issues;
  }
  if (!rule) {
    issues.push({
      path: 'kind',
      message: `Jenis ${req.kind} tidak dapat diajukan menurut rulebook yang berlaku`,
    });
    return issues;
  }
  if (!rule.parts.includes(req.part))
    issues.push({
      path: 'part',
      message: `${req.kind} tidak dapat diajukan untuk ${PART_LABEL[req.part]}; yang boleh: ${rule.parts.map((p) => PART_LABEL[p]).join(', ')}`,
    });
  if (
    rule.maxDays !== null &&
    req.dateTo >= req.dateFrom &&
    spanDays(req.dateFrom, req.dateTo) > rule.maxDays
  )
    issues.push({
      path: 'dateTo',
      message:
        req.kind === 'S'
          ? `Izin sakit paling lama ${rule.maxDays} hari; lebih lama harus mengajukan cuti sakit dengan surat keterangan dokter`
          : `${req.kind} paling lama ${rule.maxDays} hari per permohonan`,
    });
  if (rule.letterRequired) {
    if (!req.letterNumber?.trim())
      issues.push({ path: 'letterNumber', message: 'Nomor surat tugas wajib diisi' });
    if (!req.letterDate) issues.push({ path: 'letterDate', message: 'Tanggal surat tugas wajib diisi' });
    if (!req.fileHash) issues.push({ path: 'fileHash', message: 'Unggah surat tugas' });
  }
  if (rule.attachmentRequired && !req.fileHash)
    issues.push({ path: 'fileHash', message: 'Unggah dokumen pendukung' });
  if (rule.destinationRequired) {
    const d = req.destination;
    if (!d || !d.name.trim()) issues.push({ path: 'destination', message: 'Tujuan dinas wajib diisi' });
    else if (isAbsurdCoordinate(d.lat, d.lon))
      issues.push({ path: 'destination.lat', message: 'Koordinat tujuan tidak masuk akal' });
  }
  return issues;
}

const PART_LABEL: Record<PermitPart, string> = {
  full: 'sehari penuh',
  late: 'datang terlambat',
  early: 'pulang cepat',
};

/**
 * Whether two active requests of one employee collide: their dates overlap and either both are full-day coded
 * permits, both are flexible days, a flexible day meets a full-day permit, or both excuse the same part of a day.
 * A partial izin on a WFH day is allowed (the employee works from home but starts late). Source: issue 5 "bad
 * input: overlapping requests"; regulations.md §4.3.
 */
export function permitsCollide(
  a: { kind: string; part: string; dateFrom: LocalDate; dateTo: LocalDate },
  b: { kind: string; part: string; dateFrom: LocalDate; dateTo: LocalDate },
): boolean {
  if (a.dateFrom > b.dateTo || b.dateFrom > a.dateTo) return false;
  const fullA = a.part === 'full';
  const fullB = b.part === 'full';
  if (fullA && fullB) return true;
  if (!fullA && !fullB) return a.part === b.part;
  // one full, one partial: a full coded permit replaces the day; a flexible day does not
  const full = fullA ? a : b;
  return !isFlexibleKind(full.kind);
}

/** The code a coded kind is recorded with on the day (flexible kinds have none). Source: regulations.md §4.3. */
export const permitCodeOf = (k: PermitKind): PermitCode | null => (isFlexibleKind(k) ? null : k);
