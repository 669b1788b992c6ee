import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { TppSanction } from '../../../core/tpp/compute-tpp.ts';
import type { EmployeeType } from '../../../core/leave/leave-rules.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { createRuleViews } from '../../../core/attendance/rule-views.ts';
import { isMonth } from '../../../core/recap/recap-rules.ts';
import { fieldError } from '../../errors.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import { assembleEmployee, type GatheredBatch, type HeldSession } from './runs-inputs-assemble.ts';
import {
  employeesOf,
  employeesWithDaysIn,
  openCorrections,
  placementsIn,
  positionsById,
  unitsById,
  type UnitRow,
} from './runs-inputs-reads.ts';

/** One placement of the employee within the month (a mid-month transfer or promotion gives two). */
export interface PlacementSegment {
  from: LocalDate;
  to: LocalDate;
  unitId: string;
  unitPath: string;
  positionId: string | null;
  positionName: string | null;
  /** `positions.kind` (JPT_PRATAMA, PELAKSANA, JF_…), matched against `tpp.components.byPositionGroup`. */
  positionGroup: string | null;
  kelasJabatan: number | null;
  /** Days of the segment and of the month, in the unit of `tpp.proration.method` (calendar or working days). */
  daysPlaced: number;
  daysInPeriod: number;
}

/** Everything a TPP run needs of one employee for one month, read from the modules that own it. */
export interface EmployeeMonthInput {
  employeeId: string;
  nip: string | null;
  name: string;
  golongan: string | null;
  employeeType: EmployeeType;
  /** The unit the employee belongs to in the run (last placement of the month inside the run's subtree). */
  unitId: string;
  positionName: string | null;
  /** Placements of the month inside the run's subtree (what this run pays), in date order. */
  segments: PlacementSegment[];
  /**
   * Placements of the month outside the run's subtree (a transfer to or from another OPD): paid by that unit's
   * run; their days are not in `days`. Absent when there are none.
   */
  segmentsOutside?: PlacementSegment[];
  /** Gaji pokok in force at the month's end (0 when none is recorded: a note says so). */
  gajiPokok: number;
  bank: { bankName: string; accountNumber: string; accountHolder: string; npwp: string | null } | null;
  /**
   * The month's day statuses on the days of `segments`, in date order; days with no data (before the unit's
   * go-live, outside the service) are left out.
   */
  days: DayStatus[];
  /** Apel / upacara sessions the employee was expected at and did not attend (kinds as in the rulebook). */
  apelMisses: { date: LocalDate; kind: string }[];
  /** Working days without an accepted daily activity report (LKH). */
  missingActivityReportDates: LocalDate[];
  kinerja: {
    score: number | null;
    predikat: string | null;
    method: string | null;
    status: 'FINAL' | 'PENDING' | 'NONE';
    frozen: boolean;
  };
  sanctions: TppSanction[];
  salaryStopped: boolean;
  /** Exclusion records touching the month (the period tells whether the whole month is covered). */
  exclusions: {
    code: string;
    reason: string;
    reference: string | null;
    validFrom?: LocalDate;
    validTo?: LocalDate | null;
  }[];
  /** Corrections of locked months not yet paid (kekurangan > 0, kelebihan < 0). */
  corrections: { id: string; amount: number; reason: string; originMonth: string }[];
  notes: string[];
}

/** Employees per batch of reads (each read is one statement per batch, never one per employee). */
export const GATHER_BATCH = 2_000;

/**
 * The inputs of a run, gathered in bulk for the employees of a unit's subtree in a month. Everything is read
 * through the caller's `exec` (the run's transaction; on PGlite a read beside it would wait) and nothing is
 * written. Source: regulations.md §5.1–§5.5, §1.10; issue 17 point 2.
 */
export function createRunInputs(ctx: TppContext, inputs: TppInputsSection) {
  const views = createRuleViews();

  /**
   * Every employee with a stored day in a unit of the subtree in the month (the recap's employees of a unit
   * month), in employee id order, batch by batch (`GATHER_BATCH`): identity (full name with titles), placement
   * segments (kelas, position group and unit from the position history; days counted as the rulebook's
   * `tpp.proration.method` says: calendar days, or the working days of the segment unit's calendar — weekends,
   * holidays and cuti bersama of the rulebook in force at the month's end; a personal roster does not change
   * them), the stored day statuses of the segments inside the subtree without "no data" days, missed apel
   * (sessions held — a scheduled session nobody opened has no row and is not counted — by the day's unit or an
   * ancestor, on days the employee was expected, without an accepted scan), working days without an accepted
   * daily report, the stored monthly kinerja figure (the latest adjustment's new score when it was changed after
   * the closing), the open adjustments of the closed month's days laid over the stored days, sanctions in force, salary stop, gaji pokok at the month's
   * end, bank account, exclusion records, corrections of earlier months not yet paid, and notes.
   * Whether the month is closed is the caller's check.
   *
   * @param exec the run's transaction
   * @param unit the run's unit (its subtree is gathered)
   * @param month `YYYY-MM`
   * @param only when given, only these employees of the subtree (re-running one line after an objection)
   */
  async function gather(
    exec: Exec,
    unit: { id: string; path: string },
    month: string,
    only?: readonly string[],
  ): Promise<EmployeeMonthInput[]> {
    const out: EmployeeMonthInput[] = [];
    for await (const batch of gatherBatches(exec, unit, month, only)) out.push(...batch);
    return out;
  }

  /**
   * `gather` batch by batch (`GATHER_BATCH` employees, in employee id order): a run computes and stores a batch
   * before the next is read, so a province's inputs are never all in memory at once.
   */
  async function* gatherBatches(
    exec: Exec,
    unit: { id: string; path: string },
    month: string,
    only?: readonly string[],
  ): AsyncGenerator<EmployeeMonthInput[]> {
    if (!isMonth(month)) throw fieldError('month', 'Bulan harus berformat YYYY-MM');
    const { to } = monthRange(month);
    const inSubtree = await employeesWithDaysIn(exec, unit.path, month);
    const ids = only ? inSubtree.filter((id) => only.includes(id)) : inSubtree;
    if (ids.length === 0) return;
    const rulebook = await ctx.rulebookOn(to, exec);
    const method = rulebook.tpp.proration.method;
    const tkCodes = new Set<string>(rulebook.discipline.absence.tkCodes);
    const sessionsOn = new Map<string, HeldSession[]>();
    for (const s of await ctx.recap().apelSessionsOfMonth(month, unit.path, exec)) {
      const list = sessionsOn.get(s.localDate) ?? [];
      sessionsOn.set(s.localDate, list);
      list.push(s);
    }
    const units = new Map<string, UnitRow>();
    const calendarOf = (unitId: string) => {
      const u = units.get(unitId);
      return u ? views.calendarOf(rulebook, u.code, u.timeZone as IndonesianTimeZone) : null;
    };
    const counts =
      method === 'calendarDays'
        ? () => true
        : (unitId: string, date: LocalDate) => calendarOf(unitId)?.isWorkingDay(date) ?? false;

    for (let i = 0; i < ids.length; i += GATHER_BATCH) {
      const out: EmployeeMonthInput[] = [];
      const batch = ids.slice(i, i + GATHER_BATCH);
      const employees = new Map((await employeesOf(exec, batch)).map((e) => [e.id, e]));
      const monthRows = new Map(
        (
          await ctx.statuses().monthRows(
            batch.map((id) => [id, `${month}-01`]),
            exec,
            false,
          )
        ).map((m) => [m.employeeId, m]),
      );
      const placements = await placementsIn(exec, batch, month);
      const unitIds = new Set<string>();
      const positionIds = new Set<string>();
      for (const e of employees.values()) {
        unitIds.add(e.unitId);
        if (e.positionId) positionIds.add(e.positionId);
      }
      for (const m of monthRows.values()) for (const u of m.units) unitIds.add(u);
      for (const list of placements.values())
        for (const p of list) {
          unitIds.add(p.unitId);
          if (p.positionId) positionIds.add(p.positionId);
        }
      const missingUnits = [...unitIds].filter((u) => !units.has(u));
      for (const [id, u] of await unitsById(exec, missingUnits)) units.set(id, u);
      const figures = ctx.kinerja().figures;
      const discipline = ctx.discipline();
      const batchData: GatheredBatch = {
        month,
        unitPath: unit.path,
        employees,
        monthRows,
        placements,
        positions: await positionsById(exec, positionIds),
        units,
        counts,
        tkCodes,
        sessionsOn,
        attended: sessionsOn.size > 0 ? await ctx.recap().apelAttendedOf(batch, month, exec) : new Map(),
        kinerja: await figures.forTpp(exec, batch, month),
        missingReports: await figures.missingReportDates(exec, batch, month),
        sanctions: await discipline.sanctions.activeInMonth(batch, month, exec),
        stopped: await discipline.salaryStops.stoppedInMonth(batch, month, exec),
        salaries: await inputs.salariesOn(exec, batch, to),
        banks: await inputs.bankAccounts(exec, batch),
        exclusions: await inputs.exclusionsIn(exec, batch, month),
        corrections: await openCorrections(exec, batch, month),
        dayAdjustments: groupBy(await ctx.statuses().adjustmentsOfMonth(batch, month, exec)),
      };
      for (const id of batch) {
        const input = assembleEmployee(id, batchData);
        if (input) out.push(input);
      }
      yield out;
    }
  }
  return { gather, gatherBatches };
}
export type RunInputs = ReturnType<typeof createRunInputs>;

/** Rows per employee, in their order. */
function groupBy<T extends { employeeId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.employeeId) ?? [];
    out.set(r.employeeId, list);
    list.push(r);
  }
  return out;
}
