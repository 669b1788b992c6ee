/** Indonesian strings of the pengawasan masa pemilu pages (key `electionWatch`; en-election-watch.ts has the same keys). Issue 18. */
export const idElectionWatch = {
  title: 'Pengawasan masa pemilu',
};
