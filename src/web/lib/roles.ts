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
export const AUDIT_VIEWERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'SUPER_ADMIN'];
export const AUDIT_VERIFIERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];

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
