/**
 * Punch photos: recognise the image type from its bytes (never from the name or the browser's word), and strip
 * metadata (EXIF with GPS and camera serials, XMP, comments, ICC-free text chunks) without re-encoding, so the
 * stored picture is the picture and nothing else (UU 27/2022: keep only the personal data we need).
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

/**
 * JPEG: keep SOI, APP0 (JFIF), DQT/SOF/DHT/DRI/SOS and the entropy-coded data; drop APP1–APP15 (EXIF, XMP,
 * ICC, maker notes) and COM segments.
 */
function stripJpeg(b: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [b.subarray(0, 2)];
  let i = 2;
  while (i < b.length) {
    if (b[i] !== 0xff) throw new ImageFormatError('JPEG rusak: penanda segmen tidak ditemukan');
    const marker = b[i + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    if (marker === 0xd9) {
      out.push(b.subarray(i, i + 2));
      break;
    }
    if (i + 4 > b.length) throw new ImageFormatError('JPEG terpotong');
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    const end = i + 2 + len;
    if (len < 2 || end > b.length) throw new ImageFormatError('JPEG terpotong');
    if (marker === 0xda) {
      // Start of scan: the rest is image data (up to and including EOI).
      out.push(b.subarray(i));
      break;
    }
    const metadata = (marker >= 0xe1 && marker <= 0xef) || marker === 0xfe;
    if (!metadata) out.push(b.subarray(i, end));
    i = end;
  }
  return concat(out);
}

/** PNG: drop text, time and EXIF chunks (tEXt, zTXt, iTXt, tIME, eXIf); keep everything that draws the image. */
function stripPng(b: Uint8Array): Uint8Array {
  const drop = new Set(['tEXt', 'zTXt', 'iTXt', 'tIME', 'eXIf']);
  const out: Uint8Array[] = [b.subarray(0, 8)];
  let i = 8;
  while (i < b.length) {
    if (i + 12 > b.length) throw new ImageFormatError('PNG terpotong');
    const len = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    const type = ascii(b, i + 4, 4);
    const end = i + 12 + len;
    if (end > b.length) throw new ImageFormatError('PNG terpotong');
    if (!drop.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') break;
  }
  return concat(out);
}

/** WebP: drop EXIF and XMP chunks and clear their flags in VP8X; fix the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= b.length) {
    const type = ascii(b, i, 4);
    const len = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24)) >>> 0;
    const end = i + 8 + len + (len % 2);
    if (i + 8 + len > b.length) throw new ImageFormatError('WebP terpotong');
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = b.slice(i, Math.min(end, b.length));
      if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      chunks.push(chunk);
    }
    i = end;
  }
  const body = concat(chunks);
  const header = b.slice(0, 12);
  const size = body.length + 4;
  header[4] = size & 0xff;
  header[5] = (size >> 8) & 0xff;
  header[6] = (size >> 16) & 0xff;
  header[7] = (size >>> 24) & 0xff;
  return concat([header, body]);
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

/** The image without its metadata. @throws ImageFormatError on a broken file */
export function stripImageMetadata(b: Uint8Array, type: ImageType): Uint8Array {
  if (type === 'image/jpeg') return stripJpeg(b);
  if (type === 'image/png') return stripPng(b);
  return stripWebp(b);
}
