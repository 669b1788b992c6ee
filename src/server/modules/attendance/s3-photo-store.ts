import { createHash, createHmac } from 'node:crypto';
import type { PhotoStore } from './photo-store.ts';

export interface S3Config {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/**
 * AWS Signature Version 4 headers for one path-style request (`<endpoint>/<bucket>/<key>`), as S3-compatible
 * stores (MinIO, Ceph, Garage, cloud object storage) accept them. `now` is passed in for tests.
 */
export function signS3Request(
  cfg: S3Config,
  method: 'GET' | 'PUT' | 'DELETE',
  key: string,
  body: Uint8Array | null,
  now: Date,
): { url: string; headers: Record<string, string> } {
  const base = new URL(cfg.endpoint);
  const path = `${base.pathname.replace(/\/+$/, '')}/${encodeURIComponent(cfg.bucket)}/${key
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = sha256hex(body ?? '');
  const headers: Record<string, string> = {
    host: base.host,
    'x-amz-content-sha256': payloadHash,
    'x-amz-date': amzDate,
  };
  const signedHeaders = Object.keys(headers).sort().join(';');
  const canonical = [
    method,
    path,
    '',
    ...Object.keys(headers)
      .sort()
      .map((h) => `${h}:${headers[h]}`),
    '',
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${day}/${cfg.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonical)].join('\n');
  const kDate = hmac(`AWS4${cfg.secretAccessKey}`, day);
  const kSigning = hmac(hmac(hmac(kDate, cfg.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', kSigning).update(toSign).digest('hex');
  return {
    url: `${base.origin}${path}`,
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${cfg.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
  };
}

/**
 * Photos in an S3-compatible bucket under `photos/ab/<hash>` (PHOTO_STORE=s3); another `prefix` keeps other
 * content-addressed files apart in the same bucket (attachments: `attachments/ab/<hash>`).
 */
export function s3PhotoStore(
  cfg: S3Config,
  now: () => Date = () => new Date(),
  prefix = 'photos',
): PhotoStore {
  const keyOf = (hash: string) => {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid photo hash');
    return `${prefix}/${hash.slice(0, 2)}/${hash}`;
  };
  async function send(method: 'GET' | 'PUT' | 'DELETE', hash: string, body: Uint8Array | null) {
    const { url, headers } = signS3Request(cfg, method, keyOf(hash), body, now());
    return fetch(url, { method, headers, ...(body ? { body: Buffer.from(body) } : {}) });
  }
  return {
    async put(hash, bytes) {
      const res = await send('PUT', hash, bytes);
      if (!res.ok) throw new Error(`S3 PUT ${res.status}`);
    },
    async get(hash) {
      const res = await send('GET', hash, null);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`S3 GET ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
    async delete(hash) {
      const res = await send('DELETE', hash, null);
      if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${res.status}`);
    },
  };
}
