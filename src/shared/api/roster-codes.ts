/**
 * The word in the roster CSV (and the UI) for a scheduled day off. In its own module without zod, so the web can
 * use it without loading the schema library (re-exported by rosters.ts).
 */
export const ROSTER_DAY_OFF = 'LIBUR';
