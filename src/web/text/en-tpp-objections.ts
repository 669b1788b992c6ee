import type { Messages } from './id.ts';

/** English strings of the TPP objections pages (same keys as id-tpp-objections.ts). */
export const enTppObjections: Messages['tppObjections'] = {
  title: 'objections',
};
