import type { Messages } from './id.ts';

/** English strings of the treasurer's TPP pages (same keys as id-tpp-treasurer.ts). */
export const enTppTreasurer: Messages['tppTreasurer'] = {
  runsSubtitle:
    'TPP runs of the units whose treasurer (bendahara pengeluaran) you are, once published to employees.',
  readOnly:
    'You see this run as the treasurer: download the nominative list and, once BKD has approved it, the bank ' +
    'transfer file. Computing, approving and objections stay with admin OPD, the head of the OPD and BKD.',
};
