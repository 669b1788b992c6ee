import type { Messages } from './id.ts';

/** English strings of the pengawasan masa pemilu pages (same keys as id-election-watch.ts). Issue 18. */
export const enElectionWatch: Messages['electionWatch'] = {
  title: 'Election-period watch',
};
