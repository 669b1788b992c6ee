import { describe, expect, it } from 'vitest';
import { detectImageType, ImageFormatError, stripImageMetadata } from './image.ts';

const crc = () => Buffer.alloc(4); // the stripper never checks CRCs; it keeps chunks byte for byte
const pngChunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, crc()]);
};
const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = Buffer.concat([
  PNG_SIG,
  pngChunk('IHDR', Buffer.alloc(13, 1)),
  pngChunk('tEXt', Buffer.from('Author\0Budi')),
  pngChunk('eXIf', Buffer.from('GPS-RAHASIA')),
  pngChunk('IDAT', Buffer.from([1, 2, 3])),
  pngChunk('IEND', Buffer.alloc(0)),
]);

const riffChunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4);
  len.writeUInt32LE(data.length);
  return Buffer.concat([
    Buffer.from(type, 'latin1'),
    len,
    data,
    data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0),
  ]);
};
const webpBody = Buffer.concat([
  riffChunk('VP8X', Buffer.from([0x0c, 0, 0, 0, 9, 0, 0, 9, 0, 0])),
  riffChunk('VP8 ', Buffer.from([1, 2, 3, 4])),
  riffChunk('EXIF', Buffer.from('GPS-RAHASIA')),
  riffChunk('XMP ', Buffer.from('<x:xmpmeta/>')),
]);
const riffSize = Buffer.alloc(4);
riffSize.writeUInt32LE(webpBody.length + 4);
const webp = Buffer.concat([Buffer.from('RIFF'), riffSize, Buffer.from('WEBP'), webpBody]);

describe('image type and metadata', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['PNG', png, 'image/png'],
    ['WebP', webp, 'image/webp'],
    ['a PDF', Buffer.from('%PDF-1.7'), null],
    ['a GIF', Buffer.from('GIF89a'), null],
    ['nothing', Buffer.alloc(0), null],
  ])('recognises %s by its bytes', (_n, b, type) => expect(detectImageType(b)).toBe(type));

  it('drops PNG text and EXIF chunks and keeps the image chunks in order', () => {
    const out = Buffer.from(stripImageMetadata(png, 'image/png'));
    expect(out.includes(Buffer.from('GPS-RAHASIA'))).toBe(false);
    expect(out.includes(Buffer.from('Budi'))).toBe(false);
    const types = [];
    for (let i = 8; i < out.length;) {
      const len = out.readUInt32BE(i);
      types.push(out.toString('latin1', i + 4, i + 8));
      i += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
  });

  it('drops WebP EXIF/XMP chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const out = Buffer.from(stripImageMetadata(webp, 'image/webp'));
    expect(out.includes(Buffer.from('GPS-RAHASIA'))).toBe(false);
    expect(out.includes(Buffer.from('xmpmeta'))).toBe(false);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20]! & 0x0c).toBe(0);
    expect(detectImageType(out)).toBe('image/webp');
  });

  it('refuses a truncated JPEG or PNG instead of storing half a file', () => {
    expect(() =>
      stripImageMetadata(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x10, 0x00, 1, 2]), 'image/jpeg'),
    ).toThrow(ImageFormatError);
    expect(() => stripImageMetadata(png.subarray(0, 30), 'image/png')).toThrow(ImageFormatError);
  });
});
