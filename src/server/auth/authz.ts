import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { GrantableRole, Role } from '../../shared/api/access.ts';
import { AppError } from '../errors.ts';

/** An explicit grant: a role over the subtree rooted at a unit (null = the whole organisation). */
export interface Grant {
  role: GrantableRole;
  unitId: string | null;
  unitName: string | null;
  /** Materialised path of the unit (`/…/id/`), or null for the whole organisation. */
  unitPath: string | null;
}

/** The authenticated caller, as every service sees it. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  employeeId: string | null;
  nip: string | null;
  grants: Grant[];
  /** Derived from the org chart (direct subordinates or an active Plt/Plh assignment). */
  isAtasan: boolean;
  mustChangePassword: boolean;
  ip: string | null;
  userAgent: string | null;
}

/**
 * What each grantable role may do, inside its subtree. Pegawai (own record) and atasan (their staff) access
 * is granted by relationship, not by this table: see `canReadEmployee`.
 */
export const PERMISSIONS = {
  'org.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'org.write': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'employee.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'employee.write': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'import.run': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * Read the audit log of one's subtree. PIMPINAN too (issue 13 point 10): the Sekda and the heads of OPD are the
   * officials who answer for — and, as PyBM, sanction — the decisions taken under them (PP 94/2021, pejabat yang
   * berwenang menghukum; regulations.md §1.5), so they must be able to see who decided what, and when, in their
   * scope. Reading only: verifying the chain stays with BKD, Inspektorat and super admin (`audit.verify`).
   */
  'audit.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'audit.verify': ['BKD', 'INSPEKTORAT', 'SUPER_ADMIN'],
  'rulebook.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'rulebook.write': ['BKD', 'SUPER_ADMIN'],
  'account.manage': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'grant.manage': ['BKD', 'SUPER_ADMIN'],
  'attendance.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'attendance.photo': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'SUPER_ADMIN'],
  'attendance.review': ['ADMIN_OPD', 'SUPER_ADMIN'],
  'attendance.places': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'device.manage': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'kiosk.open': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'apel.manage': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'recap.close': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'recap.reopen': ['BKD', 'SUPER_ADMIN'],
  /** List / export leave requests in scope, open their letters and attachments (regulations.md §4.1). */
  'leave.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /** Set the opening annual-leave balance migrated from an old system (regulations.md §4.1). */
  'leave.balance': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /** Decide leave whose PyBMC is the personnel agency for the PPK (rulebook leave.approval = BKD) [REG]. */
  'leave.grant': ['BKD'],
  /** List / export permits and corrections in scope and open their letters and evidence (regulations.md §4.3). */
  'permit.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'SUPER_ADMIN'],
  /** Record DL / TB / DIKLAT on behalf of an employee on a signed letter of assignment (rulebook adminMayRecord). */
  'permit.record': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /** Set, clear, import and export shift rosters (jadwal shift) of employees in scope (regulations.md §3.3). */
  'roster.manage': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * e-Kinerja: read the SKP, daily reports, evaluations and monthly figures of employees in scope, with the
   * progress views and exports (PermenPANRB 6/2022; regulations.md §6). Deciding stays with the pejabat penilai and
   * the atasan pejabat penilai (by relationship, with Plt/Plh), never with these roles.
   */
  'kinerja.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /** e-Kinerja administration in scope: import SKP, set a unit's organisational performance, rebuild figures. */
  'kinerja.manage': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * Discipline (PP 94/2021): read the cases, indications, sanctions, salary stops and the registry of one's
   * subtree, and open a case by hand (inspection, complaint, neutrality). Documents are confidential (Peraturan BKN
   * 6/2022 Pasal 57): every view is logged. Examining and deciding stay with the direct superior, the team and the
   * competent official (PyB) by relationship and authority matrix, never with these roles alone.
   */
  'discipline.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /**
   * Discipline administration for the PPK: form examination teams, record the PPK's decisions and the outcomes of
   * keberatan/banding, verify salary stops, designate JF as PyB (BKD as unsur kepegawaian; regulations.md §1.5–1.9).
   */
  'discipline.manage': ['BKD', 'SUPER_ADMIN'],
  /** Record the stop and re-activation of salary decided by the KPA / finance official (regulations.md §1.8). */
  'discipline.salary': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * TPP (regulations.md §5): read the runs, lines, slips, nominative lists and dashboards of one's subtree (the head
   * of OPD and the Sekda answer for what their units are paid; the Inspektorat audits it).
   */
  'tpp.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /**
   * TPP of one's OPD: compute and re-run the month, check and publish it, keep the employees' gaji, bank accounts
   * and exclusion records (admin OPD as the OPD's personnel/finance desk).
   */
  'tpp.run': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * TPP for the region (BKD for the PPK): tariffs and pagu from the Perkada, the final approval and lock,
   * objections, simulations of a draft rulebook.
   */
  'tpp.manage': ['BKD', 'SUPER_ADMIN'],
  /**
   * TPP payment (issue 17 point 5, the OPD's finance desk / bendahara pengeluaran): the nominative list, the bank
   * transfer file and the runs of one's subtree. Paying only: no lifecycle step or re-run is gated by it.
   */
  'tpp.pay': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  /**
   * Inspections (sidak, issue 18 point 1): see the schedule, history and findings of one's subtree (the inspected
   * unit's admin OPD and head see an unannounced one only once it has started) and act on a follow-up assigned.
   */
  'inspections.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /** Inspections: plan one over units of one's subtree and sit on its team (BKD and the Inspektorat). */
  'inspections.write': ['BKD', 'INSPEKTORAT', 'SUPER_ADMIN'],
  /** Inspections: maintain the checklist findings are recorded against (BKD). */
  'inspections.checklist': ['BKD', 'SUPER_ADMIN'],
  /**
   * Public complaints (issue 18 point 2; docs/complaints.md). read: the complaints routed to a unit in scope (without
   * the reporter's identity); handle: the OPD's handler answers those routed to its units and sees who reported;
   * manage: BKD triages every complaint naming a unit in scope (routes, rejects, imports) and sees who reported.
   * The reported employee never sees the reporter, whatever their role.
   */
  'complaints.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  'complaints.handle': ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'],
  'complaints.manage': ['BKD', 'SUPER_ADMIN'],
  /**
   * Election-period watch (issue 18 point 3): read the periods, daily lists, reports, escalations and neutrality
   * reports in scope (the Sekda's PIMPINAN desk receives the escalations of heads of OPD). A head of OPD (or Plt/Plh)
   * reads and acknowledges their own OPD's lists by relation, without a grant.
   */
  'electionWatch.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /** Election-period watch: declare periods and handle neutrality reports in scope (BKD). */
  'electionWatch.write': ['BKD', 'SUPER_ADMIN'],
  /** ASN teladan: the periods and the ranking of the candidates in scope, the awards (issue 18 point 4). */
  'teladan.read': ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /** ASN teladan: define periods, criteria and committees, record public nominations (BKD; issue 18 point 4). */
  'teladan.manage': ['BKD', 'SUPER_ADMIN'],
  /**
   * Ruang Kendali, the leaders' command centre (issue 18 point 5; docs/command-centre.md): every figure of the
   * region in scope. A head of OPD (holder or Plt/Plh, by relation) reads the same page for their OPD without it.
   */
  'commandCentre.read': ['BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'],
  /**
   * Competency: read assessment results and training records of the employees in scope (personal data: besides BKD,
   * only the employee and their superior chain see them, each view of another person's results logged; issue 19).
   */
  'competency.read': ['BKD', 'SUPER_ADMIN'],
  /** Competency: keep the technical dictionary and position standards, record and import results (BKD; issue 19). */
  'competency.manage': ['BKD', 'SUPER_ADMIN'],
} as const satisfies Record<string, readonly GrantableRole[]>;
export type Permission = keyof typeof PERMISSIONS;

/** 'all' or the list of subtree paths the actor holds a permission over (possibly empty). */
export type UnitScope = 'all' | string[];

/** The subtrees in which the actor holds `permission`. */
export function scopeOf(actor: Actor, permission: Permission): UnitScope {
  const roles: readonly string[] = PERMISSIONS[permission];
  const paths: string[] = [];
  for (const g of actor.grants) {
    if (!roles.includes(g.role)) continue;
    if (g.unitPath === null) return 'all';
    paths.push(g.unitPath);
  }
  return paths;
}

/** True when `unitPath` lies inside the scope. */
export function inScope(scope: UnitScope, unitPath: string): boolean {
  return scope === 'all' || scope.some((p) => unitPath.startsWith(p));
}

/**
 * True when `unitPath` lies strictly below a root of the scope: the unit is inside, and it is not the root itself.
 * The head of a scope's root unit is appointed from above it (docs/security.md, authority over staff).
 */
export function strictlyInScope(scope: UnitScope, unitPath: string): boolean {
  return scope === 'all' || scope.some((p) => unitPath.startsWith(p) && unitPath !== p);
}

/** Require the permission somewhere (for routes with no single target). @throws FORBIDDEN */
export function requireAny(actor: Actor, permission: Permission): UnitScope {
  const scope = scopeOf(actor, permission);
  if (scope !== 'all' && scope.length === 0)
    throw new AppError('FORBIDDEN', 'Anda tidak berwenang untuk tindakan ini');
  return scope;
}

/** Require the permission over a unit. @throws FORBIDDEN */
export function requireUnit(actor: Actor, permission: Permission, unitPath: string): void {
  if (!inScope(scopeOf(actor, permission), unitPath)) {
    throw new AppError('FORBIDDEN', 'Unit ini berada di luar kewenangan Anda');
  }
}

/** SQL condition: `pathColumn` lies inside the scope (unscoped rows, e.g. a null unit, only for 'all'). */
export function unitScopeCondition<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: UnitScope,
  pathColumn: string,
  opts: { includeUnscoped?: boolean } = {},
): Expression<SqlBool> {
  if (scope === 'all') return sql<SqlBool>`true`;
  if (scope.length === 0) return sql<SqlBool>`false`;
  const conds = scope.map((p) => sql<SqlBool>`${sql.ref(pathColumn)} like ${`${p}%`}`);
  const any = conds.reduce((a, b) => sql<SqlBool>`(${a} or ${b})`);
  return opts.includeUnscoped ? sql<SqlBool>`(${any} or ${sql.ref(pathColumn)} is null)` : any;
}

/** Every role the actor has, for the UI's navigation. */
export function rolesOf(actor: Actor): Role[] {
  const roles = new Set<Role>();
  if (actor.employeeId) roles.add('PEGAWAI');
  if (actor.isAtasan) roles.add('ATASAN');
  for (const g of actor.grants) roles.add(g.role);
  return [...roles];
}
