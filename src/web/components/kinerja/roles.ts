import type { Role } from '../../../shared/api/access.ts';

/** Who reads kinerja in scope (server: kinerja.read): progress, staff of a unit, figures. */
export const KINERJA_READERS: readonly Role[] = [
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
];
/** Who manages kinerja (server: kinerja.manage): organisational performance, SKP import. */
export const KINERJA_MANAGERS: readonly Role[] = ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN'];
/** Who opens the staff page: superiors (incl. Plt/Plh, derived from the org chart) and readers. */
export const KINERJA_STAFF_VIEWERS: readonly Role[] = ['ATASAN', ...KINERJA_READERS];
/** Who verifies reports and decides SKP / evaluations: superiors (derived ATASAN role). */
export const KINERJA_VERIFIERS: readonly Role[] = ['ATASAN'];
