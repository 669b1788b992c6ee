import { fieldError, forbidden, notFound } from '../../errors.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { cutiBersamaDates } from '../../../core/calendar/calendar.ts';
import { yearOf } from '../../../core/common/local-date.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { EmployeeType } from '../../../core/leave/leave-rules.ts';
import { computeAnnualLeaveBalance, type AnnualLeaveBalance } from '../../../core/leave/leave-balance.ts';
import type { LeaveBalance, LeaveOpeningInput } from '../../../shared/api/leave.ts';
import type { Emp, Exec, LeaveContext } from './leave-context.ts';

/**
 * The annual-leave balance (a section of the leave service, leave-service.ts): derived from the history of
 * approved leave, the cuti bersama days worked and an opening balance migrated from an old system; read by the
 * employee, their superior and leave.read / leave.balance in scope; the opening set by admin OPD / BKD, audited.
 * Source: PP 11/2017 Pasal 310–315, 333; regulations.md §4.1.
 */
export function createLeaveBalances(ctx: LeaveContext) {
  const { db, repo, audit, clock, statuses } = ctx.deps;
  const { rulesOn, todayIn, employeeOf, superiorIdsOf } = ctx;

  /** The rulebook for a year's balance: the one in force on 1 January, else today's. */
  const rulesForYear = (year: number, zone: string) =>
    rulesOn(`${year}-01-01`).catch(() => rulesOn(todayIn(zone)));

  /** `rules` must be loaded before a transaction (PGlite: no query outside an open transaction). */
  async function balanceOf(emp: Emp, year: number, rules: Rulebook, exec: Exec = db): Promise<LeaveBalance> {
    const [annual, hist, opening, worked] = await Promise.all([
      repo.annualByYear(exec, emp.id),
      repo.history(exec, emp.id),
      repo.opening(exec, emp.id, year),
      statuses?.dutyDates(emp.id, cutiBersamaDates(rules.calendar, year), exec) ?? [],
    ]);
    // PP 11/2017 Pasal 333 ayat (3): cuti bersama days the employee was on duty (their stored day a working day,
    // by the unit's work pattern or a roster shift) are added to that year's annual leave.
    const cutiBersamaWorkedDays: Record<number, number> = {};
    for (const d of worked) cutiBersamaWorkedDays[yearOf(d)] = (cutiBersamaWorkedDays[yearOf(d)] ?? 0) + 1;
    const b: AnnualLeaveBalance = computeAnnualLeaveBalance({
      employeeType: emp.employeeType as EmployeeType,
      serviceStartDate: emp.activeFrom,
      year,
      takenByYear: annual.approved,
      cutiBersamaWorkedDays,
      cutiBesarYears: hist.cutiBesarYears,
      ...(opening
        ? {
            opening: {
              year: opening.year,
              carriedFromPreviousYear: opening.carriedFromPreviousYear,
              carriedFromTwoYearsBefore: opening.carriedFromTwoYearsBefore,
              takenBefore: opening.takenBefore,
            },
          }
        : {}),
      rules: rules.leave,
    });
    return {
      employeeId: emp.id,
      year,
      isEligible: b.isEligible,
      eligibleFrom: b.eligibleFrom,
      entitlement: b.entitlement,
      carriedOver: b.carriedOver,
      carriedFromPreviousYear: b.carriedFromPreviousYear,
      carriedFromTwoYearsBefore: b.carriedFromTwoYearsBefore,
      available: b.available,
      taken: b.taken,
      pending: annual.pending[year] ?? 0,
      remaining: b.remaining,
      explanation: b.explanation,
      opening: opening
        ? {
            year: opening.year,
            carriedFromPreviousYear: opening.carriedFromPreviousYear,
            carriedFromTwoYearsBefore: opening.carriedFromTwoYearsBefore,
            takenBefore: opening.takenBefore,
            note: opening.note,
          }
        : null,
    };
  }

  /** GET /api/leave/balance: own, or leave.read / leave.balance in scope, or the superior. */
  async function balance(actor: Actor, q: { employeeId?: string | undefined; year?: number | undefined }) {
    const employeeId = q.employeeId ?? actor.employeeId;
    if (!employeeId) throw fieldError('employeeId', 'Sebutkan pegawai');
    const emp = await employeeOf(employeeId);
    const allowed =
      actor.employeeId === employeeId ||
      inScope(scopeOf(actor, 'leave.read'), emp.unitPath) ||
      inScope(scopeOf(actor, 'leave.balance'), emp.unitPath) ||
      (emp.superiorId !== null && (await superiorIdsOf(actor)).includes(emp.superiorId));
    if (!allowed) throw notFound('Pegawai');
    const year = q.year ?? Number(todayIn(emp.timeZone).slice(0, 4));
    return balanceOf(emp, year, await rulesForYear(year, emp.timeZone));
  }

  /** PUT /api/leave/opening-balances: admin OPD / BKD set the balance migrated from an old system, audited. */
  async function setOpening(actor: Actor, input: LeaveOpeningInput) {
    const emp = await employeeOf(input.employeeId);
    if (!inScope(scopeOf(actor, 'leave.balance'), emp.unitPath))
      throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    const now = clock.now();
    const rules = await rulesForYear(input.year, emp.timeZone);
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(trx, emp.id);
      const before = await repo.opening(trx, emp.id, input.year);
      await repo.upsertOpening(trx, {
        employeeId: emp.id,
        year: input.year,
        carriedFromPreviousYear: input.carriedFromPreviousYear,
        carriedFromTwoYearsBefore: input.carriedFromTwoYearsBefore,
        takenBefore: input.takenBefore,
        note: input.note ?? null,
        setBy: actor.userId,
        setAt: now,
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'leave.opening_balance_set',
        entityType: 'employee',
        entityId: emp.id,
        unitId: emp.unitId,
        before: before && before.year === input.year ? before : null,
        after: input,
      });
    });
    return balanceOf(emp, input.year, rules);
  }

  return { balanceOf, balance, setOpening };
}

export type LeaveBalances = ReturnType<typeof createLeaveBalances>;
