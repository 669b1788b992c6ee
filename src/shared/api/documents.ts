import { z } from 'zod';
import { id, text } from './common.ts';
import { LETTER_NUMBER_PATTERN_MAX } from '../../core/documents/letter-number.ts';

/*
 * The contract of the document layer's configuration (issue 14 point 4): letterheads (kop surat) and letter-number
 * schemes, set by BKD (and the super admin).
 */

/** The letter types Abdi issues with a number, and their names. A new module's letter adds its type here. */
export const LETTER_TYPES = {
  CUTI: 'Surat izin cuti',
  /** Discipline letters (surat panggilan, berita acara, laporan hasil pemeriksaan): issue 16 point 4. */
  HUKDIS_SURAT: 'Surat dan berita acara pemeriksaan disiplin',
  /** Discipline decisions (keputusan pembentukan tim pemeriksa, keputusan hukuman disiplin): issue 16 point 4. */
  HUKDIS_KEPUTUSAN: 'Keputusan disiplin (tim pemeriksa, hukuman disiplin)',
} as const;
export type LetterType = keyof typeof LETTER_TYPES;
export const letterTypeSchema = z.enum(Object.keys(LETTER_TYPES) as [LetterType, ...LetterType[]]);

/** Largest logo accepted (PNG or JPEG). */
export const LOGO_MAX_BYTES = 512 * 1024;

const optionalLine = (max: number, label: string) =>
  text({ max, label })
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

export const letterheadInputSchema = z.object({
  unitId: id.nullable().describe('Unit kerja; null = kop wilayah (nama pemerintah daerah dan logo daerah)'),
  regionName: optionalLine(120, 'Nama pemerintah daerah').describe(
    'Baris pertama kop, mis. "Pemerintah Provinsi Banten" (kosong: dari kop wilayah, lalu nama unit induk)',
  ),
  agencyName: optionalLine(160, 'Nama instansi').describe('Nama perangkat daerah/unit (kosong: nama unit)'),
  address: optionalLine(240, 'Alamat').describe('Alamat (kosong: alamat unit)'),
  contact: optionalLine(240, 'Kontak').describe('Telepon, surel, laman'),
});
export type LetterheadInput = z.infer<typeof letterheadInputSchema>;

export const letterheadSchema = z.object({
  id,
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  regionName: z.string().nullable(),
  agencyName: z.string().nullable(),
  address: z.string().nullable(),
  contact: z.string().nullable(),
  logo: z.object({ type: z.enum(['image/png', 'image/jpeg']), sha256: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type Letterhead = z.infer<typeof letterheadSchema>;
export const letterheadListSchema = z.object({ items: z.array(letterheadSchema) });

export const letterNumberSchemeInputSchema = z.object({
  unitId: id.describe(
    'Unit kerja pemilik penomoran (berlaku juga untuk sub-unitnya yang tidak punya skema sendiri)',
  ),
  letterType: letterTypeSchema,
  pattern: text({ min: 1, max: LETTER_NUMBER_PATTERN_MAX, label: 'Pola nomor surat' }).describe(
    'Pola, mis. "{kode}/{nomor}/{unit}/{tahun}"; wajib memuat {nomor} dan {tahun}; {bulan} = bulan Romawi',
  ),
  classificationCode: text({ max: 40, label: 'Kode klasifikasi' }).default('').describe('Nilai {kode}'),
  unitCode: text({ max: 40, label: 'Kode unit' })
    .nullable()
    .optional()
    .describe('Nilai {unit} (kosong: kode unit organisasi)'),
  counterDigits: z
    .number()
    .int()
    .min(0)
    .max(6)
    .default(0)
    .describe('Jumlah digit nomor urut (0 = tanpa nol di depan)'),
});
export type LetterNumberSchemeInput = z.input<typeof letterNumberSchemeInputSchema>;

export const letterNumberSchemeSchema = z.object({
  id,
  unitId: id,
  unitName: z.string(),
  letterType: letterTypeSchema,
  pattern: z.string(),
  classificationCode: z.string(),
  unitCode: z.string(),
  counterDigits: z.number().int(),
  /** The number the next letter of this year would get (nothing is taken by showing it). */
  nextNumber: z.string(),
  updatedAt: z.string(),
});
export type LetterNumberScheme = z.infer<typeof letterNumberSchemeSchema>;
export const letterNumberSchemeListSchema = z.object({ items: z.array(letterNumberSchemeSchema) });

/** GET /api/documents/letterheads/logo: the region's logo (no unitId) or a unit's. */
export const letterheadLogoQuerySchema = z.object({ unitId: id.optional() });
