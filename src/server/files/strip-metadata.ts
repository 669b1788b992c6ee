/**
 * Image metadata removed before an attachment is stored, by rewriting the file's own segments (no re-encoding,
 * so the picture is byte-for-byte the picture): EXIF (with GPS position, time, camera serial), XMP, ICC and maker
 * notes, comments and text chunks. Pure: bytes in, bytes out. PDF is stored as sent.
 * Source: issue 14 point 3 (image metadata stripped); UU 27/2022 Pasal 16 ayat (2) (personal data processed
 * only as far as its purpose needs).
 *
 * A file whose last segment or chunk runs past its end (a truncated upload) keeps that tail when it is image
 * data and loses it when it is metadata; any other broken structure is refused (`BrokenImageError`), so nothing
 * unparsed could carry metadata through.
 */

export class BrokenImageError extends Error {}

export interface Stripped {
  bytes: Uint8Array;
  /** What was removed, in order ("APP1", "COM", "tEXt" …): empty when the file had no metadata. */
  removed: string[];
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * JPEG: keep SOI, APP0 (JFIF), the tables, frame and scan headers and the entropy-coded data up to EOI; drop
 * APP1–APP15 (EXIF, XMP, ICC, Photoshop IRB, maker notes) and COM.
 */
export function stripJpeg(b: Uint8Array): Stripped {
  if (!(b[0] === 0xff && b[1] === 0xd8)) throw new BrokenImageError('Berkas bukan JPEG');
  const out: Uint8Array[] = [b.subarray(0, 2)];
  const removed: string[] = [];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new BrokenImageError('JPEG rusak: penanda segmen tidak ditemukan');
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
    if (len !== -1 && len < 2) throw new BrokenImageError('JPEG rusak: panjang segmen tidak sah');
    const end = len === -1 ? b.length + 1 : i + 2 + len;
    if (end > b.length) {
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
export function stripPng(b: Uint8Array): Stripped {
  const out: Uint8Array[] = [b.subarray(0, 8)];
  const removed: string[] = [];
  let i = 8;
  while (i < b.length) {
    const type = i + 8 <= b.length ? ascii(b, i + 4, 4) : '';
    const len =
      i + 4 <= b.length ? ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0 : 0;
    const end = type ? i + 12 + len : b.length + 1;
    if (end > b.length) {
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
export function stripWebp(b: Uint8Array): Stripped {
  const chunks: Uint8Array[] = [];
  const removed: string[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = ascii(b, i, 4);
    const len = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24)) >>> 0;
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

/** The file without its metadata (PDF unchanged). @throws BrokenImageError on a JPEG whose segments break off */
export function stripMetadata(bytes: Uint8Array, mime: string): Stripped {
  if (mime === 'image/jpeg') return stripJpeg(bytes);
  if (mime === 'image/png') return stripPng(bytes);
  if (mime === 'image/webp') return stripWebp(bytes);
  return { bytes, removed: [] };
}
