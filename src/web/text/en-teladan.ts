import type { Messages } from './id.ts';

/** English strings of the ASN teladan pages (same keys as id-teladan.ts). Issue 18. */
export const enTeladan: Messages['teladan'] = {
  title: 'Exemplary ASN',
};
