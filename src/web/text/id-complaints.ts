/** Indonesian strings of the pengaduan masyarakat pages (key `complaints`; en-complaints.ts has the same keys). Issue 18. */
export const idComplaints = {
  title: 'Pengaduan masyarakat',
};
