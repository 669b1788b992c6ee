import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The typeface of every document: Arimo (SIL Open Font License), embedded in the PDF as a subset. Why Arimo:
 * - it is metric-compatible with Arial, the typeface the regions' tata naskah dinas prescribe for letters (Arial
 *   11–12), so a letter breaks its lines where the same letter typed in Arial would;
 * - it covers Latin, Latin Extended A/B and Additional (ā, ī, ū, Ṭ, Ḥ, ʿ, ’ …), so names such as "Sitti Nurhāliza",
 *   "Mu'ammar" and "Ṭāhir" print exactly instead of the "?" of the standard WinAnsi fonts;
 * - it ships as plain TrueType files in an npm package (`@expo-google-fonts/arimo`, the Google Fonts build,
 *   maintained in expo/google-fonts), which pdfkit embeds as they are (pdfkit reads TTF/OTF/WOFF, not WOFF2; the
 *   `@fontsource/*` packages ship WOFF2/WOFF split per unicode range, one font per subset, unusable as one face).
 * The files are read once per process (per worker thread) and handed to each document as bytes.
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  italic: '@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf',
} as const;
export type FontFace = keyof typeof FILES;

const cache = new Map<FontFace, Buffer>();

/** The TrueType bytes of a face of the documents' typeface. */
export function fontBytes(face: FontFace): Buffer {
  let bytes = cache.get(face);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FILES[face]));
    cache.set(face, bytes);
  }
  return bytes;
}

export const FONT_FACES = Object.keys(FILES) as FontFace[];
