/**
 * Images as stored by Abdi (punch photos, attachments, letterhead logos): recognise the type from the bytes (never
 * from the name or the browser's word), and strip metadata (EXIF with GPS position, time and camera serial, XMP,
 * ICC and maker notes, comments, text chunks) by rewriting the file's own segments, without re-encoding, so the
 * stored picture is the picture and nothing else. The one implementation; src/server/files uses it for uploads.
 * Source: UU 27/2022 Pasal 16 ayat (2) (personal data processed only as far as its purpose needs); issue 14 point 3.
 */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type by magic bytes, or null when the bytes are not a JPEG, PNG or WebP. */
export function detectImageType(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (
    b.length >= 8 &&
    b[0] === 0x89 &&
    b[1] === 0x50 &&
    b[2] === 0x4e &&
    b[3] === 0x47 &&
    b[4] === 0x0d &&
    b[5] === 0x0a &&
    b[6] === 0x1a &&
    b[7] === 0x0a
  )
    return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

function ascii(b: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...b.subarray(at, at + n));
}

export class ImageFormatError extends Error {}

/** The result of stripping: the bytes, and what was removed in order ("APP1", "COM", "tEXt" …). */
export interface Stripped {
  bytes: Uint8Array;
  /** Empty when the file had no metadata (the bytes are then the input itself). */
  removed: string[];
}

/**
 * What to do with a last segment or chunk that runs past the end of the file (a truncated upload): `refuse` it
 * (punch photos: the camera's frame is whole or wrong), or `keep` it when it is image data and drop it when it is
 * metadata (attachments: a scan cut short is still evidence). Any other broken structure is always refused, so
 * nothing unparsed could carry metadata through.
 */
export type Truncated = 'refuse' | 'keep';

/**
 * JPEG: keep SOI, APP0 (JFIF), the tables, frame and scan headers and the entropy-coded data up to EOI; drop
 * APP1–APP15 (EXIF, XMP, ICC, Photoshop IRB, maker notes) and COM.
 */
export function stripJpeg(b: Uint8Array, truncated: Truncated = 'keep'): Stripped {
  if (!(b[0] === 0xff && b[1] === 0xd8)) throw new ImageFormatError('Berkas bukan JPEG');
  const out: Uint8Array[] = [b.subarray(0, 2)];
  const removed: string[] = [];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new ImageFormatError('JPEG rusak: penanda segmen tidak ditemukan');
    if (i + 1 >= b.length) break;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd9) {
      out.push(b.subarray(i, i + 2));
      break;
    }
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    const name = marker === 0xfe ? 'COM' : `APP${marker - 0xe0}`;
    const len = i + 4 <= b.length ? (b[i + 2]! << 8) | b[i + 3]! : -1;
    if (len !== -1 && len < 2) throw new ImageFormatError('JPEG rusak: panjang segmen tidak sah');
    const end = len === -1 ? b.length + 1 : i + 2 + len;
    if (end > b.length) {
      if (truncated === 'refuse') throw new ImageFormatError('JPEG terpotong');
      // A truncated last segment: image data stays, metadata goes.
      if (metadata) removed.push(name);
      else out.push(b.subarray(i));
      break;
    }
    if (marker === 0xda) {
      // Start of scan: the rest is image data (up to and including EOI).
      out.push(b.subarray(i));
      break;
    }
    if (metadata) removed.push(name);
    else out.push(b.subarray(i, end));
    i = end;
  }
  return { bytes: removed.length ? concat(out) : b, removed };
}

/** PNG chunks that hold text or metadata, never pixels: dropped. */
const PNG_METADATA = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** PNG: drop tEXt, zTXt, iTXt, eXIf and tIME chunks; keep every chunk that draws the image. */
export function stripPng(b: Uint8Array, truncated: Truncated = 'keep'): Stripped {
  const out: Uint8Array[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let i = 8;
  while (i < b.length) {
    const type = i + 8 <= b.length ? ascii(b, i + 4, 4) : '';
    const len =
      i + 4 <= b.length ? ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0 : 0;
    const end = type ? i + 12 + len : b.length + 1;
    if (end > b.length) {
      if (truncated === 'refuse') throw new ImageFormatError('PNG terpotong');
      // A truncated last chunk: image data stays, metadata goes.
      if (PNG_METADATA.has(type)) removed.push(type);
      else out.push(b.subarray(i));
      break;
    }
    if (PNG_METADATA.has(type)) removed.push(type);
    else out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return { bytes: removed.length ? concat(out) : b, removed };
}

/** WebP: drop the EXIF and XMP chunks, clear their flags in VP8X and fix the RIFF size. */
export function stripWebp(b: Uint8Array, truncated: Truncated = 'keep'): Stripped {
  const chunks: Uint8Array[] = [];
  const removed: string[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = ascii(b, i, 4);
    const len = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24)) >>> 0;
    if (truncated === 'refuse' && i + 8 + len > b.length) throw new ImageFormatError('WebP terpotong');
    const end = Math.min(i + 8 + len + (len % 2), b.length);
    if (type === 'EXIF' || type === 'XMP ') removed.push(type.trim());
    else {
      const chunk = b.slice(i, end);
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      chunks.push(chunk);
    }
    i = end;
  }
  if (i < b.length) chunks.push(b.slice(i));
  if (removed.length === 0) return { bytes: b, removed };
  const body = concat(chunks);
  const header = b.slice(0, 12);
  const size = body.length + 4;
  header[4] = size & 0xff;
  header[5] = (size >> 8) & 0xff;
  header[6] = (size >> 16) & 0xff;
  header[7] = (size >>> 24) & 0xff;
  return { bytes: concat([header, body]), removed };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An image without its metadata, whatever else it is. @throws ImageFormatError on a broken file */
export function stripImage(b: Uint8Array, type: ImageType, truncated: Truncated): Stripped {
  if (type === 'image/jpeg') return stripJpeg(b, truncated);
  if (type === 'image/png') return stripPng(b, truncated);
  return stripWebp(b, truncated);
}

/** A punch photo without its metadata; a truncated file is refused. @throws ImageFormatError on a broken file */
export function stripImageMetadata(b: Uint8Array, type: ImageType): Uint8Array {
  return stripImage(b, type, 'refuse').bytes;
}
