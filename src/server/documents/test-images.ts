import { crc32, deflateSync } from 'node:zlib';

/** Test fixtures: small images made in code (no binary files in the repository). */

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG of `size`×`size` pixels, optionally with a tEXt chunk (metadata to be stripped). */
export function testPng(opts: { size?: number; text?: string; corruptData?: boolean } = {}): Buffer {
  const size = opts.size ?? 8;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) row.set([(x * 31) & 255, (y * 31) & 255, 128], 1 + x * 3);
    rows.push(row);
  }
  const idat = opts.corruptData ? Buffer.from('not a zlib stream at all') : deflateSync(Buffer.concat(rows));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(opts.text ? [chunk('tEXt', Buffer.from(`Comment\0${opts.text}`, 'latin1'))] : []),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
