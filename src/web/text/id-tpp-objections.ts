/** Indonesian strings of the TPP objections pages (key `tppObjections`; en-tpp-objections.ts has the same keys). */
export const idTppObjections = {
  title: 'objections',
} as const;
