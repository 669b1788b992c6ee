import { idPages } from './id-pages.ts';
import { idShell } from './id-shell.ts';

/**
 * Indonesian UI strings (the default language): the first screen's sections (id-shell.ts, in the first bundle) and
 * the rest (id-pages.ts, a lazy chunk). This module is the type of every language (en.ts must have the same keys);
 * the app itself loads the two halves separately (i18n.ts).
 */
export const id = { ...idShell, ...idPages } as const;

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every language file must have. */
export type Messages = Widen<typeof id>;
