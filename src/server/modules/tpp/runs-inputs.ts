import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { TppSanction } from '../../../core/tpp/compute-tpp.ts';
import type { EmployeeType } from '../../../core/leave/leave-rules.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';

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
  segments: PlacementSegment[];
  /** Gaji pokok in force at the month's end (0 when none is recorded: a note says so). */
  gajiPokok: number;
  bank: { bankName: string; accountNumber: string; accountHolder: string; npwp: string | null } | null;
  /** The month's day statuses; days with no data (before go-live or service) are left out. */
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
  exclusions: { code: string; reason: string; reference: string | null }[];
  /** Corrections of locked months not yet paid (kekurangan > 0, kelebihan < 0). */
  corrections: { id: string; amount: number; reason: string; originMonth: string }[];
  notes: string[];
}

/**
 * The inputs of a run, gathered in bulk for the employees of a unit's subtree in a month (filled in by the
 * gathering helper).
 */
export function createRunInputs(ctx: TppContext, inputs: TppInputsSection) {
  async function gather(
    exec: Exec,
    unit: { id: string; path: string },
    month: string,
  ): Promise<EmployeeMonthInput[]> {
    void ctx;
    void inputs;
    void exec;
    void unit;
    void month;
    throw new Error('not implemented yet');
  }
  return { gather };
}
export type RunInputs = ReturnType<typeof createRunInputs>;
