import type { ParseKeys } from 'i18next';

/**
 * A key of the UI strings, checked by the compiler against the Indonesian strings (id.ts, via i18next.d.ts): a
 * label kept in data (a navigation item, a column) is typed with it, so a misspelt key fails `npm run typecheck`.
 */
export type MessageKey = ParseKeys;
