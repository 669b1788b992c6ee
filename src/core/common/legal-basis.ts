import { z } from 'zod';

/**
 * Where a rulebook item comes from. Every threshold, band, percentage and deadline carries one
 * (PRODUCT.md principle 1: regulation is data).
 */
export const legalBasisSchema = z.object({
  /** Regulation, e.g. "PP 94/2021" or "Pergub Kalbar 2/2024". */
  regulation: z.string().min(1),
  /** Article / section / attachment, e.g. "Pasal 11 ayat (2) huruf d". */
  article: z.string().optional(),
  /** Free note, e.g. why a regional value differs. */
  note: z.string().optional(),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal harus berformat YYYY-MM-DD');

/** Validity window of a rulebook item: `effectiveFrom` inclusive, `effectiveTo` inclusive or open (null). */
export const effectivePeriodSchema = z.object({
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable(),
});
export type EffectivePeriod = z.infer<typeof effectivePeriodSchema>;

/** A `YYYY-MM-DD` string schema shared by rulebook sections. */
export const localDateSchema = isoDate;

/** A `HH:mm` string schema shared by rulebook sections. */
export const hhmmSchema = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm');
