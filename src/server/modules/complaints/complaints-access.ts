import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import type { ComplaintRow } from './complaints-repo.ts';

/*
 * Who may see and do what on a complaint (issue 18 point 2; docs/complaints.md "Identity protection").
 *  - BKD (complaints.manage over the unit named): every complaint, triage (route, reject), the reporter.
 *  - The OPD's handler (complaints.handle over the handling unit: ADMIN_OPD, BKD): the complaints routed to its
 *    units, the answer, the reporter.
 *  - Readers (complaints.read over the handling unit: also INSPEKTORAT, PIMPINAN): the routed complaints, never the
 *    reporter.
 *  - The reported employee (the employee BKD linked, or whose NIP the reporter wrote): never the reporter and no
 *    step on their own complaint, whatever role they hold.
 */

/** Is the actor the employee the complaint is about? */
export function isReported(
  actor: Actor,
  c: Pick<ComplaintRow, 'reportedEmployeeId' | 'reportedName'>,
): boolean {
  if (actor.employeeId && c.reportedEmployeeId === actor.employeeId) return true;
  const nip = actor.nip ? actor.nip.replace(/\D/g, '') : null;
  if (!nip || !c.reportedName) return false;
  return (c.reportedName.match(/\d[\d\s.]{15,}\d/g) ?? []).some((m) => m.replace(/\D/g, '') === nip);
}

/** BKD's triage scope over the unit the reporter named. */
export const manages = (actor: Actor, c: Pick<ComplaintRow, 'unitPath'>) =>
  inScope(scopeOf(actor, 'complaints.manage'), c.unitPath);

/** The OPD's handler over the unit the complaint was routed to. */
export const handles = (actor: Actor, c: Pick<ComplaintRow, 'handlingUnitPath'>) =>
  c.handlingUnitPath !== null && inScope(scopeOf(actor, 'complaints.handle'), c.handlingUnitPath);

/** May the actor read the complaint at all? */
export function mayRead(actor: Actor, c: ComplaintRow): boolean {
  // The one reported never reads it, whatever their role: its text can point at the reporter (PRODUCT: the
  // reported employee never sees who reported). They learn the allegation, if it stands, in a discipline case.
  if (isReported(actor, c)) return false;
  if (manages(actor, c)) return true;
  return c.handlingUnitPath !== null && inScope(scopeOf(actor, 'complaints.read'), c.handlingUnitPath);
}

/** May the actor see who reported (name, contact, photos)? Only a handling official who is not the one reported. */
export function seesReporter(actor: Actor, c: ComplaintRow): boolean {
  if (isReported(actor, c)) return false;
  return manages(actor, c) || handles(actor, c);
}
