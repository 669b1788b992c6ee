import type { Messages } from './id.ts';

/** English strings of the inspeksi (sidak) pages (same keys as id-inspections.ts). Issue 18. */
export const enInspections: Messages['inspections'] = {
  title: 'Inspections',
};
