import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BrokenImageError, stripJpeg, stripMetadata, stripPng, stripWebp } from './strip-metadata.ts';

/*
 * Metadata stripping as a pure function over hand-built files: each image is built twice, clean and with
 * metadata, and stripping the second must give exactly the first (so the picture is untouched).
 */

const seg = (marker: number, payload: Buffer) =>
  Buffer.concat([
    Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
    payload,
  ]);

/** An EXIF APP1 segment with a GPS IFD (latitude -6.12, longitude 106.15: Serang) and a camera serial. */
function exifWithGps(): Buffer {
  const tiff = Buffer.alloc(64);
  tiff.write('MM\0\x2a\0\0\0\x08', 0, 'latin1'); // big-endian TIFF header, IFD0 at 8
  tiff.writeUInt16BE(1, 8); // one entry: GPSInfo IFD pointer
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  tiff.writeUInt16BE(1, 26); // GPS IFD: GPSLatitudeRef 'S'
  tiff.writeUInt16BE(0x0001, 28);
  tiff.writeUInt16BE(2, 30);
  tiff.writeUInt32BE(2, 32);
  tiff.write('S\0', 36, 'latin1');
  return seg(
    0xe1,
    Buffer.concat([
      Buffer.from('Exif\0\0', 'latin1'),
      tiff,
      Buffer.from('GPS -6.12 106.15 SN:CAM-123', 'latin1'),
    ]),
  );
}

/** SOI, JFIF, a quantisation table, a 1×1 frame, a Huffman table, the scan and EOI; `extra` before DQT. */
function jpeg(extra: Buffer[] = [], tail: Buffer[] = []): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    ...extra,
    seg(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
    seg(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    ...tail,
    seg(0xc4, Buffer.concat([Buffer.from([0]), Buffer.from([0, 1, ...Array(14).fill(0)]), Buffer.from([0])])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x00, 0x3f, 0xff, 0x00, 0x12]), // entropy-coded data (with a stuffed 0xFF00)
    Buffer.from([0xff, 0xd9]),
  ]);
}

const chunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const PNG_SIG = Buffer.from('89504e470d0a1a0a', 'hex');
/** A real 2×1 RGB PNG (red, green) with `meta` chunks after IHDR and `late` before IEND. */
function png(meta: Buffer[] = [], late: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0]);
  return Buffer.concat([
    PNG_SIG,
    chunk('IHDR', ihdr),
    ...meta,
    chunk('IDAT', deflateSync(raw)),
    ...late,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Walk a PNG's chunks, checking every CRC; returns the types and the inflated pixel rows. */
function decodePng(b: Uint8Array) {
  const buf = Buffer.from(b);
  expect(buf.subarray(0, 8).equals(PNG_SIG)).toBe(true);
  const types: string[] = [];
  const idat: Buffer[] = [];
  for (let i = 8; i < buf.length;) {
    const len = buf.readUInt32BE(i);
    const type = buf.toString('latin1', i + 4, i + 8);
    expect(buf.readUInt32BE(i + 8 + len)).toBe(crc32(buf.subarray(i + 4, i + 8 + len)));
    types.push(type);
    if (type === 'IDAT') idat.push(buf.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  return { types, pixels: [...inflateSync(Buffer.concat(idat))] };
}

/** JPEG segments up to SOS: their markers, and whether SOI opens it, SOS follows and EOI closes it. */
function jpegMarkers(b: Uint8Array) {
  const markers: number[] = [];
  let i = 2;
  while (i < b.length && b[i + 1] !== 0xda) {
    expect(b[i]).toBe(0xff);
    markers.push(b[i + 1]!);
    i += 2 + ((b[i + 2]! << 8) | b[i + 3]!);
  }
  return {
    markers,
    soi: b[0] === 0xff && b[1] === 0xd8,
    sos: b[i] === 0xff && b[i + 1] === 0xda,
    eoi: b.at(-2) === 0xff && b.at(-1) === 0xd9,
  };
}

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('JPEG: EXIF (with GPS), XMP, ICC and comments are removed, the picture stays byte for byte', () => {
  const clean = jpeg();
  it.each([
    ['EXIF with a GPS position', [exifWithGps()], [], ['APP1']],
    [
      'EXIF, XMP, ICC and a comment',
      [exifWithGps(), seg(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>', 'latin1'))],
      [seg(0xe2, Buffer.from('ICC_PROFILE\0', 'latin1')), seg(0xfe, Buffer.from('Budi, Serang'))],
      ['APP1', 'APP1', 'APP2', 'COM'],
    ],
    [
      'Photoshop IRB (APP13) and a maker note (APP15)',
      [seg(0xed, Buffer.from('Photoshop 3.0\0'))],
      [seg(0xef, Buffer.from('maker'))],
      ['APP13', 'APP15'],
    ],
  ])('%s', (_n, extra, tail, removed) => {
    const dirty = jpeg(extra, tail);
    const out = stripJpeg(dirty);
    expect(out.removed).toEqual(removed);
    expect(Buffer.from(out.bytes).equals(clean)).toBe(true);
    expect(text(out.bytes)).not.toMatch(/Exif|GPS|xmpmeta|ICC_PROFILE|Budi|Photoshop/);
    const m = jpegMarkers(out.bytes);
    expect(m).toMatchObject({ soi: true, sos: true, eoi: true });
    expect(m.markers).toEqual([0xe0, 0xdb, 0xc0, 0xc4]);
  });

  it('a JPEG without metadata is returned as it is', () => {
    const out = stripMetadata(clean, 'image/jpeg');
    expect(out.removed).toEqual([]);
    expect(Buffer.from(out.bytes).equals(clean)).toBe(true);
  });

  it('a broken segment structure before the scan is refused, never passed through', () => {
    const broken = Buffer.concat([
      clean.subarray(0, 20),
      Buffer.from('garbage Exif GPS'),
      clean.subarray(20),
    ]);
    expect(() => stripJpeg(broken)).toThrow(BrokenImageError);
  });

  it('a truncated last segment: EXIF is dropped, image data kept', () => {
    const exif = exifWithGps();
    const cut = Buffer.concat([clean.subarray(0, 20), exif.subarray(0, 30)]);
    const out = stripJpeg(cut);
    expect(out.removed).toEqual(['APP1']);
    expect(text(out.bytes)).not.toContain('Exif');
  });
});

describe('PNG: text, time and EXIF chunks are removed; the image still decodes to the same pixels', () => {
  const clean = png();
  it.each([
    ['tEXt (author, GPS comment)', [chunk('tEXt', Buffer.from('Author\0Budi GPS -6.12,106.15'))], []],
    [
      'zTXt, iTXt, eXIf and tIME',
      [
        chunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync('rahasia')])),
        chunk('iTXt', Buffer.from('XML:com.adobe.xmp\0\0\0\0\0<x/>')),
      ],
      [chunk('eXIf', Buffer.from('MM\0\x2aGPS')), chunk('tIME', Buffer.from([7, 234, 1, 15, 9, 0, 0]))],
    ],
  ])('%s', (_n, meta, late) => {
    const out = stripPng(png(meta, late));
    expect(Buffer.from(out.bytes).equals(clean)).toBe(true);
    expect(out.removed.length).toBe(meta.length + late.length);
    const decoded = decodePng(out.bytes);
    expect(decoded.types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(decoded.pixels).toEqual([0, 255, 0, 0, 0, 255, 0]);
    expect(text(out.bytes)).not.toMatch(/Budi|GPS|XML|rahasia/);
  });

  it('a truncated last chunk: image data kept as sent, a text chunk dropped', () => {
    const head = png().subarray(0, 33); // signature + IHDR
    const cutData = Buffer.concat([head, Buffer.from([0, 0, 0, 13]), Buffer.from('bukti-1')]);
    expect(Buffer.from(stripPng(cutData).bytes).equals(cutData)).toBe(true);
    const cutText = Buffer.concat([head, chunk('tEXt', Buffer.from('Author\0Budi')).subarray(0, 14)]);
    const out = stripPng(cutText);
    expect(out.removed).toEqual(['tEXt']);
    expect(Buffer.from(out.bytes).equals(head)).toBe(true);
  });
});

describe('WebP: EXIF and XMP chunks removed, their VP8X flags cleared, the RIFF size fixed', () => {
  const riff = (chunks: Buffer[]) => {
    const body = Buffer.concat([Buffer.from('WEBP'), ...chunks]);
    const head = Buffer.from('RIFF\0\0\0\0');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body]);
  };
  const wchunk = (type: string, data: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'latin1');
    h.writeUInt32LE(data.length, 4);
    return Buffer.concat([h, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
  };
  it('keeps VP8X and VP8L, drops EXIF and XMP', () => {
    const vp8x = (flags: number) => wchunk('VP8X', Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
    const vp8l = wchunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0]));
    const dirty = riff([
      vp8x(0x0c),
      vp8l,
      wchunk('EXIF', Buffer.from('MM\0*GPS')),
      wchunk('XMP ', Buffer.from('<x/>')),
    ]);
    const out = stripWebp(dirty);
    expect(out.removed).toEqual(['EXIF', 'XMP']);
    expect(Buffer.from(out.bytes).equals(riff([vp8x(0), vp8l]))).toBe(true);
  });
});

describe('PDF', () => {
  it('is stored as sent', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(stripMetadata(pdf, 'application/pdf')).toEqual({ bytes: pdf, removed: [] });
  });
});
