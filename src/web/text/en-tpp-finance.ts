import type { Messages } from './id.ts';

/** English strings of the TPP finance pages (same keys as id-tpp-finance.ts). */
export const enTppFinance: Messages['tppFinance'] = {
  title: 'finance',
};
