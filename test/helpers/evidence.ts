import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { canonicalPunchPayload, type PunchBody } from '../../src/shared/api/attendance.ts';
import { multipart } from './test-app.ts';

/*
 * The small real files and phones tests hand to the API: images and a PDF that pass the type checks by their
 * magic bytes, and a phone's WebCrypto-style key pair that signs punches.
 */

/** A structurally valid small JPEG (SOI, JFIF, quantisation table, scan, EOI); `tag` makes its bytes unique. */
export function jpeg(tag = ''): Buffer {
  const seg = (marker: number, payload: Buffer) =>
    Buffer.concat([
      Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
      payload,
    ]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from(tag, 'latin1'),
    Buffer.from([0xff, 0xd9]),
  ]);
}

/** A PNG signature and IHDR chunk (enough for the upload's type check); `tag` makes its bytes unique. */
export const png = (tag = '') =>
  Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(tag),
  ]);

/** A minimal PDF; `tag` makes its bytes unique. */
export const pdf = (tag = '') =>
  Buffer.from(`%PDF-1.4\n1 0 obj <<>> endobj\n% ${tag}\ntrailer <<>>\n%%EOF\n`);

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A phone's key pair as WebCrypto makes it: the private key signs, the public JWK is registered. */
export function newPhone(): { key: KeyObject; jwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string } } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return { key: privateKey, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } };
}

/** A punch body signed by a phone (ECDSA P-256, IEEE P1363, base64url) over its canonical payload. */
export const signedPunch = (key: KeyObject, body: PunchBody): PunchBody => ({
  ...body,
  signature: sign('sha256', Buffer.from(canonicalPunchPayload(body)), {
    key,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url'),
});

/** The multipart request of an upload (`POST /api/permits/files` and the like). */
export function fileUpload(url: string, name: string, content: Buffer, type: string, field = 'file') {
  const mp = multipart({}, { field, name, content, type });
  return { method: 'POST' as const, url, payload: mp.payload, headers: mp.headers };
}
