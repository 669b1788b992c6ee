import type { DayStatus } from '../../../core/attendance/day-status.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { EmployeeType } from '../../../core/leave/leave-rules.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { formatScore } from '../../../core/performance/kinerja-figure.ts';
import { apelRuleKind, expectedApelSessions } from '../../../core/recap/apel-expected.ts';
import { isNoDataDay } from '../../../core/recap/no-data.ts';
import type { TppSanction } from '../../../core/tpp/compute-tpp.ts';
import { placementSegments, type PlacementPeriod } from '../../../core/tpp/placement-segments.ts';
import type { DayCode, EarlyBand, LateBand, WorkLocation } from '../../../core/attendance/status-codes.ts';
import { dayStatusesOfMonth, readMadeUp, type MonthRow } from '../../lib/month-rows.ts';
import type { KinerjaService } from '../kinerja/kinerja-service.ts';
import type { BankAccount, ExclusionRecord } from './inputs-service.ts';
import type { EmployeeIdentityRow, OpenCorrection, PositionRow, UnitRow } from './runs-inputs-reads.ts';
import type { EmployeeMonthInput, PlacementSegment } from './runs-inputs.ts';

type KinerjaFigure =
  Awaited<ReturnType<KinerjaService['figures']['forTpp']>> extends Map<string, infer F> ? F : never;

/** An open adjustment of a day of the closed month (status façade `adjustmentsOfMonth`). */
export interface DayAdjustment {
  employeeId: string;
  unitId: string;
  localDate: LocalDate;
  oldCode: string | null;
  newCode: string | null;
  /** The day's status as it counts now (the status service's `statusOf`), null when it became "no data". */
  newStatus: Record<string, unknown> | null;
  reason: string;
}

type StoredDay = DayStatus & { unitId: string };

/** A day's status from an adjustment's `newStatus` (the stored form of the status service). */
function dayOfAdjustment(a: DayAdjustment): StoredDay | null {
  const n = a.newStatus;
  if (!n || typeof n.code !== 'string') return null;
  const madeUp = readMadeUp(typeof n.madeUpLate === 'string' ? n.madeUpLate : null);
  return {
    date: a.localDate,
    unitId: typeof n.unitId === 'string' ? n.unitId : a.unitId,
    code: n.code as DayCode,
    lateBand: (n.lateBand ?? null) as LateBand | null,
    earlyBand: (n.earlyBand ?? null) as EarlyBand | null,
    lateMinutes: Number(n.lateMinutes ?? 0),
    earlyMinutes: Number(n.earlyMinutes ?? 0),
    missingCheckIn: n.missingCheckIn === true,
    missingCheckOut: n.missingCheckOut === true,
    workLocation: (n.workLocation ?? null) as WorkLocation | null,
    nonWorkingDay: n.nonWorkingDay === true,
    ...(madeUp ? { madeUpLate: madeUp } : {}),
    reasons: Array.isArray(n.reasons) ? n.reasons.map(String) : [],
  };
}

/**
 * The closed month's stored days with the open adjustments laid over them: an adjusted day counts as it does now
 * (its new status; gone when it became "no data"), and a note says it was changed after the closing and why.
 * Source: PRODUCT.md principle 3 (a closed month is frozen; later changes are adjustments), issue 17 (gap
 * "status adjustments are not read").
 */
export function overlayAdjustments(
  stored: StoredDay[],
  adjustments: readonly DayAdjustment[],
  notes: string[],
): StoredDay[] {
  if (adjustments.length === 0) return stored;
  const byDate = new Map(stored.map((d) => [d.date, d]));
  for (const a of adjustments) {
    const day = dayOfAdjustment(a);
    if (day) byDate.set(a.localDate, day);
    else byDate.delete(a.localDate);
    notes.push(
      `Status ${formatDdMmYyyy(a.localDate)} diubah setelah bulan ditutup ` +
        `(${a.oldCode ?? 'tanpa data'} → ${a.newCode ?? 'tanpa data'}): ${a.reason}`,
    );
  }
  return [...byDate.values()].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** An apel session held in the month (recap façade `apelSessionsOfMonth`). */
export interface HeldSession {
  id: string;
  localDate: LocalDate;
  kind: string;
  path: string;
}

/** What one batch of employees read, keyed by employee id (units, positions by their own id). */
export interface GatheredBatch {
  month: string;
  /** The run's unit path: segments inside it are this run's. */
  unitPath: string;
  employees: Map<string, EmployeeIdentityRow>;
  monthRows: Map<string, MonthRow>;
  placements: Map<string, PlacementPeriod[]>;
  positions: Map<string, PositionRow>;
  units: Map<string, UnitRow>;
  /** Whether a day counts toward proration in a unit (`tpp.proration.method`). */
  counts: (unitId: string, date: LocalDate) => boolean;
  tkCodes: ReadonlySet<string>;
  sessionsOn: Map<LocalDate, HeldSession[]>;
  attended: Map<string, Set<string>>;
  kinerja: Map<string, KinerjaFigure>;
  missingReports: Map<string, LocalDate[]>;
  sanctions: Map<string, TppSanction[]>;
  stopped: Set<string>;
  salaries: Map<string, number>;
  banks: Map<string, BankAccount>;
  exclusions: Map<string, ExclusionRecord[]>;
  corrections: Map<string, OpenCorrection[]>;
  /** Open adjustments of the month's days (closed month), per employee in date order. */
  dayAdjustments: Map<string, DayAdjustment[]>;
}

const dmy = formatDdMmYyyy;

/**
 * One employee's month from the batch's reads: placement segments (inside and outside the run's subtree), the
 * days of the inside segments without "no data" days, missed apel on those days, missing LKH dates among them, the
 * kinerja figure, sanctions, salary stop, gaji, bank, exclusions, open corrections, and notes (Bahasa Indonesia)
 * on what is missing or unusual. Null when the employee row is gone.
 */
export function assembleEmployee(id: string, b: GatheredBatch): EmployeeMonthInput | null {
  const e = b.employees.get(id);
  if (!e) return null;
  const notes: string[] = [];
  const segments = placementSegments({
    month: b.month,
    activeFrom: e.activeFrom,
    activeTo: e.activeTo,
    placements: b.placements.get(id) ?? [],
    current: { unitId: e.unitId, positionId: e.positionId },
    counts: b.counts,
  }).map((s): PlacementSegment => {
    const p = s.positionId ? b.positions.get(s.positionId) : undefined;
    return {
      from: s.from,
      to: s.to,
      unitId: s.unitId,
      unitPath: b.units.get(s.unitId)?.path ?? '',
      positionId: s.positionId,
      positionName: p?.name ?? null,
      positionGroup: p?.kind ?? null,
      kelasJabatan: p?.kelasJabatan ?? null,
      daysPlaced: s.daysPlaced,
      daysInPeriod: s.daysInPeriod,
    };
  });
  const inside = segments.filter((s) => s.unitPath.startsWith(b.unitPath));
  const outside = segments.filter((s) => !s.unitPath.startsWith(b.unitPath));
  for (const s of inside)
    if (s.kelasJabatan === null)
      notes.push(`Tanpa jabatan (kelas jabatan tidak diketahui) ${dmy(s.from)}–${dmy(s.to)}`);
  for (const s of outside)
    notes.push(`Ditempatkan di luar unit ini ${dmy(s.from)}–${dmy(s.to)}: dibayar oleh unit tersebut`);
  if (inside.length === 0)
    notes.push('Tidak ada penempatan di unit ini pada bulan ini menurut riwayat jabatan');

  // Days of the inside segments, without "no data" days (regulations.md §1.3; src/core/recap/no-data.ts).
  const row = b.monthRows.get(id);
  const stored = overlayAdjustments(
    row ? dayStatusesOfMonth(row) : [],
    b.dayAdjustments.get(id) ?? [],
    notes,
  );
  const inSegment = (date: LocalDate) => inside.some((s) => s.from <= date && date <= s.to);
  const kept = stored.filter((d) => {
    const u = b.units.get(d.unitId);
    if (!u || !inSegment(d.date)) return false;
    return !isNoDataDay(d.date, {
      attendanceStart: u.attendanceStart,
      activeFrom: e.activeFrom,
      activeTo: e.activeTo,
    });
  });

  // Missed apel: sessions held that the employee was expected at (the recap's definition) and did not attend.
  const attended = b.attended.get(id);
  const apelMisses: EmployeeMonthInput['apelMisses'] = [];
  for (const d of kept) {
    const held = b.sessionsOn.get(d.date);
    if (!held) continue;
    const path = b.units.get(d.unitId)?.path ?? '';
    for (const s of expectedApelSessions(d, path, held, b.tkCodes))
      if (!attended?.has(s.id)) apelMisses.push({ date: d.date, kind: apelRuleKind(s.kind) });
  }

  const keptDates = new Set(kept.map((d) => d.date));
  const missingActivityReportDates = (b.missingReports.get(id) ?? []).filter((d) => keptDates.has(d));

  // The frozen figure, or the latest adjustment's new score when it was changed after the closing (a report
  // verified or an evaluation approved late): the figure in force for the month. Source: PRODUCT.md principle 3.
  const k = b.kinerja.get(id);
  const adjusted = k !== undefined && k.adjustmentCount > 0 && k.adjustedScore !== null;
  const kinerja: EmployeeMonthInput['kinerja'] = k
    ? {
        score: adjusted ? k.adjustedScore : k.score,
        predikat: k.predikat,
        method: k.method,
        status: adjusted ? 'FINAL' : k.status,
        frozen: k.frozen,
      }
    : { score: null, predikat: null, method: null, status: 'NONE', frozen: false };
  if (!k) notes.push('Angka kinerja bulan ini belum tersimpan');
  else {
    if (k.status === 'PENDING' && !adjusted) notes.push('Angka kinerja masih menunggu penilaian (PENDING)');
    if (!k.frozen) notes.push('Angka kinerja belum dibekukan oleh penutupan bulan');
    if (k.adjustmentCount > 0)
      notes.push(
        `Angka kinerja disesuaikan ${k.adjustmentCount} kali setelah bulan ditutup: ` +
          (adjusted
            ? `dipakai angka terakhir ${formatScore(k.adjustedScore!)} (saat penutupan: ${
                k.score === null ? 'tanpa angka' : formatScore(k.score)
              })`
            : 'penyesuaian terakhir tanpa angka; dipakai angka saat penutupan'),
      );
  }

  const gaji = b.salaries.get(id);
  if (gaji === undefined) notes.push('Gaji pokok belum tercatat (dianggap Rp0 untuk batas BPJS)');
  const bank = b.banks.get(id) ?? null;
  if (!bank) notes.push('Rekening bank belum tercatat');

  const last = inside[inside.length - 1];
  const lastDayUnit = [...stored].reverse().find((d) => b.units.get(d.unitId)?.path.startsWith(b.unitPath));
  return {
    employeeId: id,
    nip: e.nip,
    name: formatFullName({
      frontTitle: e.frontTitle ?? undefined,
      name: e.name,
      backTitle: e.backTitle ?? undefined,
    }),
    golongan: e.golongan,
    employeeType: e.employeeType as EmployeeType,
    unitId: last?.unitId ?? lastDayUnit?.unitId ?? e.unitId,
    positionName: last?.positionName ?? null,
    segments: inside,
    ...(outside.length > 0 ? { segmentsOutside: outside } : {}),
    gajiPokok: gaji ?? 0,
    bank,
    days: kept.map(({ unitId: _unit, ...d }): DayStatus => d),
    apelMisses,
    missingActivityReportDates,
    kinerja,
    sanctions: b.sanctions.get(id) ?? [],
    salaryStopped: b.stopped.has(id),
    exclusions: (b.exclusions.get(id) ?? []).map((x) => ({
      code: x.code,
      reason: x.reason,
      reference: x.reference,
      validFrom: x.validFrom,
      validTo: x.validTo,
    })),
    corrections: b.corrections.get(id) ?? [],
    notes,
  };
}
