import { formatFullName } from '../../../core/people/names.ts';
import { DISCREPANCY_LABELS, discrepancyOf, followUpOverdue } from '../../../core/oversight/inspections.ts';
import type { TodayStatus } from '../../../core/attendance/today-status.ts';
import {
  ROSTER_STATUS_LABELS,
  type ChecklistCategory,
  type Finding,
  type RosterRow,
} from '../../../shared/api/inspections.ts';
import type { FindingRow, RosterDbRow } from './inspections-repo.ts';

/** A roster row with its discrepancy (core rule). */
export function presentRoster(r: RosterDbRow): RosterRow {
  const status = r.status as TodayStatus;
  const d = discrepancyOf(status, r.found);
  return {
    employeeId: r.employeeId,
    nip: r.nip,
    name: formatFullName({
      name: r.name,
      ...(r.frontTitle ? { frontTitle: r.frontTitle } : {}),
      ...(r.backTitle ? { backTitle: r.backTitle } : {}),
    }),
    unitId: r.unitId,
    unitName: r.unitName,
    status,
    statusLabel: ROSTER_STATUS_LABELS[status] ?? r.status,
    code: r.code,
    checkInAt: r.checkInAt?.toISOString() ?? null,
    reason: r.reason,
    found: r.found,
    markNote: r.markNote,
    markedAt: r.markedAt?.toISOString() ?? null,
    markCount: r.markCount,
    discrepancy: d,
    discrepancyLabel: d ? DISCREPANCY_LABELS[d] : null,
  };
}

/** A finding with its follow-up (overdue judged on the unit's local `today`) and what the caller may do. */
export function presentFinding(f: FindingRow, today: string, can: Finding['can']): Finding {
  return {
    id: f.id,
    inspectionId: f.inspectionId,
    inspectionTitle: f.inspectionTitle,
    inspectionDate: f.inspectionDate,
    unitId: f.unitId,
    unitName: f.unitName,
    checklistItemId: f.checklistItemId,
    checklistLabel: f.checklistLabel,
    category: f.category as ChecklistCategory,
    employeeId: f.employeeId,
    employeeName: f.employeeName,
    note: f.note,
    recordedByName: f.recordedByName,
    recordedAt: f.recordedAt.toISOString(),
    photos: f.photoIds.map((id) => ({ id })),
    followUp: {
      status: f.followUpStatus,
      assigneeUserId: f.assigneeUserId,
      assigneeName: f.assigneeName,
      dueDate: f.dueDate,
      actionTaken: f.actionTaken,
      actionAt: f.actionAt?.toISOString() ?? null,
      closedAt: f.closedAt?.toISOString() ?? null,
      closeNote: f.closeNote,
      overdue: followUpOverdue({ status: f.followUpStatus, dueDate: f.dueDate }, today),
    },
    disciplineCaseId: f.disciplineCaseId,
    can,
  };
}
