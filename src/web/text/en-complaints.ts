import type { Messages } from './id.ts';

/** English strings of the pengaduan masyarakat pages (same keys as id-complaints.ts). Issue 18. */
export const enComplaints: Messages['complaints'] = {
  title: 'Public complaints',
};
