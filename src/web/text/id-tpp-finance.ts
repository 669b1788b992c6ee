/** Indonesian strings of the TPP finance pages (key `tppFinance`; en-tpp-finance.ts has the same keys). */
export const idTppFinance = {
  title: 'finance',
} as const;
