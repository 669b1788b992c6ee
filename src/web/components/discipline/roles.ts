import type { Role } from '../../../shared/api/access.ts';

/** Who reads discipline cases in scope (server: discipline.read): the registry, the dashboard. */
export const DISCIPLINE_READERS: readonly Role[] = [
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
];
/** Who manages discipline (server: discipline.manage): team SK, PPK decisions, appeal outcomes, JF designations. */
export const DISCIPLINE_MANAGERS: readonly Role[] = ['BKD', 'SUPER_ADMIN'];
/** Who handles salary stops as KPA / finance or verifies them (server: discipline.salary). */
export const DISCIPLINE_SALARY: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/**
 * Who has a discipline inbox beyond their own cases: superiors (incl. Plt/Plh, derived from the org chart: they
 * open cases from indications and examine) and the readers (BKD, Inspektorat, heads watching the steps).
 */
export const DISCIPLINE_INBOX_VIEWERS: readonly Role[] = ['ATASAN', ...DISCIPLINE_READERS];
/** Who opens indications and the cases list: superiors and readers (the server limits each to their cases). */
export const DISCIPLINE_CASE_VIEWERS: readonly Role[] = DISCIPLINE_INBOX_VIEWERS;
