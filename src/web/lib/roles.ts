import type { Me, Role } from '../../shared/api/access.ts';

export const ORG_VIEWERS: readonly Role[] = [
  'ATASAN',
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
];
export const ORG_EDITORS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who manages sign-in accounts (server: account.manage) and who grants roles (grant.manage). */
export const ACCOUNT_MANAGERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
export const GRANT_MANAGERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];
export const IMPORTERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who reads the audit log in scope (server: audit.read) and who verifies its hash chain (audit.verify). */
export const AUDIT_VIEWERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'];
export const AUDIT_VERIFIERS: readonly Role[] = ['BKD', 'INSPEKTORAT', 'SUPER_ADMIN'];

/** Whether the signed-in user holds any of the roles (in any unit). */
export function hasAnyRole(me: Me | null | undefined, roles: readonly Role[]): boolean {
  if (!me) return false;
  return me.user.roles.some((grant) => roles.includes(grant.role));
}

/** Distinct role names, in the order of ROLES importance. */
export function roleNames(me: Me): Role[] {
  return [...new Set(me.user.roles.map((grant) => grant.role))];
}

/** Who decides flagged punches: the direct superior (incl. Plt/Plh) and admin OPD. */
export const PUNCH_REVIEWERS: readonly Role[] = ['ATASAN', 'ADMIN_OPD'];
/** Who manages attendance capture: devices, places, apel, kiosks, terminal logs. */
export const ATTENDANCE_ADMINS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who sets opening annual-leave balances from the old system (server: leave.balance). */
export const LEAVE_BALANCE_MANAGERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who lists leave requests in scope (server: leave.read). */
export const LEAVE_READERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'];
/** Who may have leave to decide: superiors (incl. Plt/Plh, heads of OPD = PyBMC) and BKD; plus leave readers. */
export const LEAVE_APPROVAL_VIEWERS: readonly Role[] = ['ATASAN', ...LEAVE_READERS];
/** Who lists and exports permits and corrections in scope (server: permit.read). */
export const PERMIT_READERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'SUPER_ADMIN'];
/** Who records DL / TB / DIKLAT on behalf of an employee (server: permit.record). */
export const PERMIT_RECORDERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who opens the approvals page: superiors (incl. Plt/Plh) decide; permit readers see the scoped list. */
export const PERMIT_APPROVAL_VIEWERS: readonly Role[] = ['ATASAN', ...PERMIT_READERS];
/** Who reads unit recaps in scope (server: attendance.read); superiors see their staff's recap. */
export const RECAP_UNIT_READERS: readonly Role[] = [
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
];
/** Who opens /rekap/unit: unit readers and superiors. */
export const RECAP_VIEWERS: readonly Role[] = ['ATASAN', ...RECAP_UNIT_READERS];
/** Who closes a unit's month (server: recap.close) and who reopens it (recap.reopen). */
export const RECAP_CLOSERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
export const RECAP_REOPENERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];
/** Who opens the attendance anomalies (/pengawasan; server: attendance.read): unit readers, the Inspektorat first. */
export const ANOMALY_VIEWERS: readonly Role[] = RECAP_UNIT_READERS;
/** Who configures letterheads and letter-number schemes (/pengaturan/dokumen; server: src/server/documents). */
export const DOCUMENT_CONFIGURERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];

/**
 * Who opens the oversight pages (issue 18: inspections, complaints, election watch, teladan): admin OPD, BKD, the
 * Inspektorat, the leaders. Each module narrows its own actions; the server limits each to the caller's units.
 */
export const OVERSIGHT_READERS: readonly Role[] = [
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
];
/**
 * Who opens Ruang Kendali (server: commandCentre.read, or the head of an OPD by relation — an ATASAN; an atasan who
 * heads no OPD is refused by the server).
 */
export const COMMAND_CENTRE_VIEWERS: readonly Role[] = [
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
  'ATASAN',
];
