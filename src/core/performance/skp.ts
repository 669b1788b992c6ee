/**
 * Pure rules of the SKP (Sasaran Kinerja Pegawai): who draws one up, the workflow states and their transitions,
 * the period inside the year, the cascade (RHK of a JA/JF intervenes an RHK of the pejabat penilai), targets of
 * indicators, and the split of a year's SKP when the employee changes position mid-year.
 * Source: PermenPANRB 6/2022 (SKP, RHK, indikator, perilaku kerja, lampiran); regulations.md §6.2, §6.4.
 * No I/O, no clock.
 */
import { addDays, type LocalDate } from '../common/local-date.ts';
import type { EmployeeType } from '../people/employee-types.ts';

/** Workflow states of an SKP. Source: BKN e-Kinerja flow (draft → diajukan → disetujui / dikembalikan); §6.4. */
export const SKP_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type SkpStatus = (typeof SKP_STATUSES)[number];
export const SKP_STATUS_LABELS: Record<SkpStatus, string> = {
  DRAFT: 'Draf',
  SUBMITTED: 'Diajukan',
  APPROVED: 'Disetujui',
  RETURNED: 'Dikembalikan',
};

/** The approach of an SKP. Source: PermenPANRB 6/2022 (pendekatan kuantitatif / kualitatif); §6.2. */
export const SKP_APPROACHES = ['KUANTITATIF', 'KUALITATIF'] as const;
export type SkpApproach = (typeof SKP_APPROACHES)[number];
export const SKP_APPROACH_LABELS: Record<SkpApproach, string> = {
  KUANTITATIF: 'Kuantitatif',
  KUALITATIF: 'Kualitatif',
};

/** RHK utama and tambahan. Source: PermenPANRB 6/2022; §6.2. */
export const RHK_KINDS = ['UTAMA', 'TAMBAHAN'] as const;
export type RhkKind = (typeof RHK_KINDS)[number];
export const RHK_KIND_LABELS: Record<RhkKind, string> = { UTAMA: 'Utama', TAMBAHAN: 'Tambahan' };

/** Aspects of an indicator's target. Source: PermenPANRB 6/2022 (kuantitas, kualitas, waktu, biaya); §6.2. */
export const INDICATOR_ASPECTS = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
export type IndicatorAspect = (typeof INDICATOR_ASPECTS)[number];
export const INDICATOR_ASPECT_LABELS: Record<IndicatorAspect, string> = {
  KUANTITAS: 'Kuantitas',
  KUALITAS: 'Kualitas',
  WAKTU: 'Waktu',
  BIAYA: 'Biaya',
};

/** A problem found in an SKP: a JSON-like path of the input and an Indonesian reason. */
export interface SkpIssue {
  path: string;
  message: string;
}

/**
 * Whether an employee type draws up an SKP: the types the rulebook lists (`skp.employeeTypes`; PNS, CPNS, PPPK
 * nationally). Others get a reason to show. Source: PermenPANRB 6/2022 (SKP for PNS and PPPK); §6.2.
 */
export function skpEligibility(
  employeeType: EmployeeType | string,
  employeeTypes: readonly string[],
): { eligible: boolean; reason: string | null } {
  if (employeeTypes.includes(employeeType)) return { eligible: true, reason: null };
  return {
    eligible: false,
    reason:
      employeeType === 'PPPK_PARUH_WAKTU' || employeeType === 'NON_ASN'
        ? 'Pegawai non-ASN / PPPK paruh waktu tidak menyusun SKP'
        : `Jenis pegawai ${employeeType} tidak menyusun SKP menurut aturan yang berlaku`,
  };
}

const STRUCTURAL = new Set(['JPT_MADYA', 'JPT_PRATAMA', 'ADMINISTRATOR', 'PENGAWAS']);

/**
 * True when every RHK must name the superior's RHK it intervenes: JA (pelaksana) and JF, i.e. every position that
 * is not structural (a missing position counts as pelaksana). A JPT/structural head may instead take the RHK from
 * an assignment (`penugasan_dari`, e.g. the OPD's Perjanjian Kinerja). Source: PermenPANRB 6/2022 (cascading,
 * intervensi RHK atasan); regulations.md §6.2, §6.4.
 */
export function needsCascade(positionKind: string | null | undefined): boolean {
  return !positionKind || !STRUCTURAL.has(positionKind);
}

/** Only a draft or a returned SKP may be changed. Source: BKN e-Kinerja flow; §6.4. */
export function isEditable(status: SkpStatus): boolean {
  return status === 'DRAFT' || status === 'RETURNED';
}

/** Why an SKP in this state cannot be edited (null when it can). Source: BKN e-Kinerja flow; §6.4. */
export function editRefusal(status: SkpStatus): string | null {
  if (isEditable(status)) return null;
  return status === 'APPROVED'
    ? 'SKP sudah disetujui dan tidak dapat diubah lagi'
    : 'SKP sedang diajukan kepada pejabat penilai dan tidak dapat diubah sampai dikembalikan';
}

/** Why an SKP in this state cannot be submitted (null when it can). Source: BKN e-Kinerja flow; §6.4. */
export function submitRefusal(status: SkpStatus): string | null {
  if (isEditable(status)) return null;
  return status === 'APPROVED' ? 'SKP sudah disetujui' : 'SKP sudah diajukan dan menunggu keputusan';
}

/** Why an SKP in this state cannot be approved or returned (null when it can). Source: BKN e-Kinerja flow; §6.4. */
export function decideRefusal(status: SkpStatus): string | null {
  if (status === 'SUBMITTED') return null;
  return status === 'APPROVED'
    ? 'SKP sudah disetujui; tidak ada yang perlu diputuskan'
    : `SKP belum diajukan (status ${SKP_STATUS_LABELS[status]}); hanya SKP yang diajukan dapat disetujui atau dikembalikan`;
}

/** The default period of a year's SKP: 1 January – 31 December. Source: PermenPANRB 6/2022 (periode tahunan). */
export function yearPeriod(year: number): { start: LocalDate; end: LocalDate } {
  return { start: `${year}-01-01`, end: `${year}-12-31` };
}

/** Problems of a period: both ends inside the year, end not before start. Source: PermenPANRB 6/2022; §6.2. */
export function periodIssues(year: number, start: LocalDate, end: LocalDate): SkpIssue[] {
  const out: SkpIssue[] = [];
  const y = String(year);
  if (start.slice(0, 4) !== y)
    out.push({ path: 'periodStart', message: `Tanggal mulai periode harus di dalam tahun ${year}` });
  if (end.slice(0, 4) !== y)
    out.push({ path: 'periodEnd', message: `Tanggal akhir periode harus di dalam tahun ${year}` });
  if (end < start)
    out.push({ path: 'periodEnd', message: 'Tanggal akhir periode tidak boleh sebelum tanggal mulai' });
  return out;
}

/** True when two closed date ranges share at least one day. */
export function periodsOverlap(
  a: { start: LocalDate; end: LocalDate },
  b: { start: LocalDate; end: LocalDate },
): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** An indicator's target as entered (numbers may be anything a client sent). */
export interface TargetInput {
  targetMin: unknown;
  targetMax?: unknown;
}

/**
 * Problems of a target: the minimum a finite number ≥ 0, the optional maximum a finite number not below the
 * minimum. Source: PermenPANRB 6/2022 (target kuantitatif per indikator); §6.2.
 */
export function targetIssues(t: TargetInput, path = ''): SkpIssue[] {
  const p = (k: string) => (path ? `${path}.${k}` : k);
  const out: SkpIssue[] = [];
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!isNum(t.targetMin)) out.push({ path: p('targetMin'), message: 'Target harus berupa angka' });
  else if (t.targetMin < 0) out.push({ path: p('targetMin'), message: 'Target tidak boleh negatif' });
  if (t.targetMax !== undefined && t.targetMax !== null) {
    if (!isNum(t.targetMax))
      out.push({ path: p('targetMax'), message: 'Target maksimum harus berupa angka' });
    else if (t.targetMax < 0)
      out.push({ path: p('targetMax'), message: 'Target maksimum tidak boleh negatif' });
    else if (isNum(t.targetMin) && t.targetMax < t.targetMin)
      out.push({
        path: p('targetMax'),
        message: 'Target maksimum tidak boleh lebih kecil dari target minimum',
      });
  }
  return out;
}

/** An RHK as the cascade check needs it. */
export interface CascadeRhk {
  intervenesRhkId?: string | null;
  penugasanDari?: string | null;
}

/** A superior's RHK that may be intervened, with the SKP it belongs to. */
export interface SuperiorRhk {
  id: string;
  skpEmployeeId: string;
  skpStatus: SkpStatus;
  periodStart: LocalDate;
  periodEnd: LocalDate;
}

/**
 * Problems of the cascade of one RHK. A JA/JF RHK must intervene an RHK of the SKP of its pejabat penilai whose
 * period overlaps this SKP's period and which is submitted or approved; a structural RHK may name one too, or
 * give the assignment it comes from. `penilaiIds` are who hold / act in the superior post; `found` is the named
 * RHK (undefined when it does not exist). Source: PermenPANRB 6/2022 (intervensi RHK atasan); §6.2, §6.4.
 */
export function cascadeIssues(
  rhk: CascadeRhk,
  opts: {
    cascade: boolean;
    period: { start: LocalDate; end: LocalDate };
    penilaiIds: readonly string[];
    found: SuperiorRhk | undefined;
    path: string;
  },
): SkpIssue[] {
  const at = `${opts.path}.intervenesRhkId`;
  if (!rhk.intervenesRhkId) {
    if (opts.cascade)
      return [
        {
          path: at,
          message:
            'RHK jabatan pelaksana/fungsional wajib mengintervensi salah satu RHK pejabat penilai (pilih RHK atasan)',
        },
      ];
    return [];
  }
  const f = opts.found;
  if (!f) return [{ path: at, message: 'RHK atasan yang dipilih tidak ditemukan' }];
  if (!opts.penilaiIds.includes(f.skpEmployeeId))
    return [{ path: at, message: 'RHK yang dipilih bukan RHK pejabat penilai Anda' }];
  if (!periodsOverlap(opts.period, { start: f.periodStart, end: f.periodEnd }))
    return [{ path: at, message: 'RHK atasan yang dipilih berasal dari SKP periode lain' }];
  if (f.skpStatus !== 'SUBMITTED' && f.skpStatus !== 'APPROVED')
    return [
      {
        path: at,
        message: 'SKP pejabat penilai belum diajukan atau disetujui; RHK-nya belum dapat diintervensi',
      },
    ];
  return [];
}

/** An RHK as the completeness check needs it. */
export interface CompletenessRhk extends CascadeRhk {
  kind: RhkKind;
  indicators: readonly unknown[];
}

/**
 * What must be complete before an SKP is submitted: at least one RHK utama, each RHK with at least one indicator,
 * and (JA/JF) each RHK intervening a superior's RHK. Source: PermenPANRB 6/2022; §6.2.
 */
export function completenessIssues(rhk: readonly CompletenessRhk[], cascade: boolean): SkpIssue[] {
  const out: SkpIssue[] = [];
  if (!rhk.some((r) => r.kind === 'UTAMA'))
    out.push({ path: 'rhk', message: 'SKP harus memuat paling sedikit satu RHK utama' });
  rhk.forEach((r, i) => {
    if (r.indicators.length === 0)
      out.push({ path: `rhk.${i}.indicators`, message: `RHK ke-${i + 1} belum memiliki indikator` });
    if (cascade && !r.intervenesRhkId)
      out.push({
        path: `rhk.${i}.intervenesRhkId`,
        message: `RHK ke-${i + 1} belum mengintervensi RHK pejabat penilai`,
      });
  });
  return out;
}

/** An SKP already stored for the year (its period). */
export interface ExistingPeriod {
  id: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
}

/**
 * The period of a new SKP of a year and the older SKP it cuts when the employee's current placement began after
 * that SKP started (a change of position mid-year): the new SKP starts on the placement date and the older one
 * ends the day before; both are kept. Without such a change the new SKP takes the requested period and nothing is
 * cut. Returns a refusal when the new period would collide with an existing one. Source: PermenPANRB 6/2022 (SKP
 * baru saat pindah jabatan, periode penilaian terpisah); regulations.md §6.2.
 */
export function planNewPeriod(
  year: number,
  requested: { start: LocalDate; end: LocalDate },
  existing: readonly ExistingPeriod[],
  placementStart: LocalDate | null,
): { start: LocalDate; end: LocalDate; cut: { id: string; newEnd: LocalDate } | null } | { refusal: string } {
  const yp = yearPeriod(year);
  // The SKP in force when the placement began (the latest one starting before it, still running then).
  const older =
    placementStart && placementStart > yp.start && placementStart <= yp.end
      ? [...existing]
          .filter((e) => e.periodStart < placementStart && e.periodEnd >= placementStart)
          .sort((a, b) => (a.periodStart < b.periodStart ? 1 : -1))[0]
      : undefined;
  if (older && placementStart) {
    const start = placementStart > requested.start ? placementStart : requested.start;
    const end = requested.end < start ? yp.end : requested.end;
    const clash = existing.find(
      (e) => e.id !== older.id && periodsOverlap({ start, end }, { start: e.periodStart, end: e.periodEnd }),
    );
    if (clash)
      return {
        refusal: `Periode ${start} s.d. ${end} bertumpuk dengan SKP lain (${clash.periodStart} s.d. ${clash.periodEnd})`,
      };
    return { start, end, cut: { id: older.id, newEnd: addDays(start, -1) } };
  }
  const clash = existing.find((e) => periodsOverlap(requested, { start: e.periodStart, end: e.periodEnd }));
  if (clash)
    return {
      refusal: `Sudah ada SKP tahun ${year} untuk periode ${clash.periodStart} s.d. ${clash.periodEnd}; SKP baru hanya dibuat saat pindah jabatan di tengah tahun`,
    };
  return { start: requested.start, end: requested.end, cut: null };
}
