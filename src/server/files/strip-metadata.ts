import { ImageFormatError, stripImage, type Stripped } from '../lib/image.ts';

/**
 * Metadata removed from an attachment before it is stored: images through the one stripper (src/server/lib/image.ts)
 * in its tolerant mode — a truncated last segment keeps its image data and loses its metadata —, PDF as sent.
 * Source: issue 14 point 3 (image metadata stripped); UU 27/2022 Pasal 16 ayat (2).
 */

export { stripJpeg, stripPng, stripWebp, type Stripped } from '../lib/image.ts';
/** A broken image (segments that break off before the end): refused, never stored. */
export const BrokenImageError = ImageFormatError;

/** The file without its metadata (PDF and other kinds unchanged). @throws BrokenImageError on a broken image */
export function stripMetadata(bytes: Uint8Array, mime: string): Stripped {
  if (mime === 'image/jpeg' || mime === 'image/png' || mime === 'image/webp')
    return stripImage(bytes, mime, 'keep');
  return { bytes, removed: [] };
}
