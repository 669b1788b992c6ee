import { formatFullName } from '../../../core/people/names.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { dayFlag, isOverdue, verifyDueDate } from '../../../core/performance/daily-reports.ts';
import type { DailyReport, ReportStatus } from '../../../shared/api/kinerja-reports.ts';
import type { ReportRow } from './reports-repo.ts';

/** The local date of an instant in a unit's zone. */
export const localDateIn = (at: Date, zone: string) => toZoned(at.getTime(), zone as IndonesianTimeZone).date;

/**
 * The date a report was (re)submitted on, in its unit's zone: its last change while SUBMITTED (creation or
 * correction), from which the verification deadline runs.
 */
export const submittedOn = (r: Pick<ReportRow, 'updatedAt' | 'timeZone'>) =>
  localDateIn(r.updatedAt, r.timeZone);

/** The full name with titles of a row that has them. */
export const nameOf = (p: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: p.frontTitle ?? undefined,
    name: p.name,
    backTitle: p.backTitle ?? undefined,
  });

/** A stored report as the API shows it. */
export function toReport(
  r: ReportRow,
  ctx: { now: Date; verifyWithinDays: number; flagDayCodes: readonly string[]; dayCode: string | null },
): DailyReport {
  const status = r.status as ReportStatus;
  const sub = submittedOn(r);
  return {
    id: r.id,
    clientId: r.clientId,
    employeeId: r.employeeId,
    employeeName: nameOf(r),
    nip: r.nip,
    unitId: r.unitId,
    unitName: r.unitName,
    skpId: r.skpId,
    rhkId: r.rhkId,
    rhkText: r.rhkText,
    rhkKind: r.rhkKind,
    reportDate: r.reportDate,
    activity: r.activity,
    output: r.output,
    quantity: r.quantity === null ? null : Number(r.quantity),
    satuan: r.satuan,
    minutes: r.minutes,
    latitude: r.latitude,
    longitude: r.longitude,
    accuracyM: r.accuracyM,
    recordedAt: r.recordedAt ? new Date(r.recordedAt).toISOString() : null,
    hasEvidence: Boolean(r.hasEvidence),
    status,
    verifierId: r.verifierId,
    verifierName: r.verifierName,
    verifiedAs: (r.verifiedAs as 'PLT' | 'PLH' | null) ?? null,
    verifiedAt: r.verifiedAt ? new Date(r.verifiedAt).toISOString() : null,
    verifyNote: r.verifyNote,
    revision: r.revision,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    verifyDueDate: verifyDueDate(sub, ctx.verifyWithinDays),
    overdue: isOverdue(status, sub, localDateIn(ctx.now, r.timeZone), ctx.verifyWithinDays),
    dayFlag: dayFlag(ctx.dayCode, ctx.flagDayCodes),
  };
}
