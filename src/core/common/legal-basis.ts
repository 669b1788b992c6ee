/** Every rulebook item names where it comes from. */
export interface LegalBasis {
  /** Regulation, e.g. "PP 94/2021" or "Pergub Banten 12/2024". */
  regulation: string;
  /** Article / section / attachment, e.g. "Pasal 11 ayat (2) huruf d". */
  article?: string;
  /** Free note, e.g. why a regional value differs. */
  note?: string;
}

/** Half-open validity window of a rulebook item: from inclusive, to inclusive or open-ended (null). */
export interface EffectivePeriod {
  effectiveFrom: string;
  effectiveTo: string | null;
}
