/** Indonesian strings of the inspeksi (sidak) pages (key `inspections`; en-inspections.ts has the same keys). Issue 18. */
export const idInspections = {
  title: 'Sidak',
};
