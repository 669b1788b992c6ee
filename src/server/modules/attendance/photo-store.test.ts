import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localPhotoStore, type PhotoStore } from './photo-store.ts';
import { s3PhotoStore, signS3Request } from './s3-photo-store.ts';

const bytes = new TextEncoder().encode('foto presensi');
const hash = createHash('sha256').update(bytes).digest('hex');

/** The same contract for both stores: put is idempotent, get returns the bytes or null, delete removes. */
async function contract(store: PhotoStore) {
  expect(await store.get(hash)).toBeNull();
  await store.put(hash, bytes);
  await store.put(hash, bytes);
  expect(Buffer.from((await store.get(hash))!)).toEqual(Buffer.from(bytes));
  await store.delete(hash);
  expect(await store.get(hash)).toBeNull();
  await store.delete(hash);
  await expect(store.put('../../etc/passwd', bytes)).rejects.toThrow(/invalid photo hash/);
}

describe('local photo store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-photo-store-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps photos by content hash in a fanned-out folder', async () => {
    const store = localPhotoStore(dir);
    await contract(store);
    await store.put(hash, bytes);
    expect(await readdir(path.join(dir, hash.slice(0, 2), hash.slice(2, 4)))).toEqual([hash]);
  });

  it('makes a folder again when it was removed after this process made it', async () => {
    const store = localPhotoStore(dir);
    await store.put(hash, bytes);
    await rm(path.join(dir, hash.slice(0, 2)), { recursive: true });
    await store.put(hash, bytes);
    expect(Buffer.from((await store.get(hash))!)).toEqual(Buffer.from(bytes));
  });
});

describe('S3-compatible photo store', () => {
  const cfg = {
    region: 'ap-southeast-3',
    bucket: 'presensi',
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'rahasia',
  };
  const objects = new Map<string, Buffer>();
  const seen: { method: string; url: string; authorization: string }[] = [];
  let server: http.Server;
  let endpoint: string;

  beforeAll(async () => {
    // A minimal S3 stand-in on loopback that checks each request's SigV4 signature independently.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const auth = String(req.headers.authorization ?? '');
        seen.push({ method: req.method!, url: req.url!, authorization: auth });
        const m =
          /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
            auth,
          );
        const payloadHash = createHash('sha256').update(body).digest('hex');
        if (
          !m ||
          m[1] !== cfg.accessKeyId ||
          m[3] !== cfg.region ||
          req.headers['x-amz-content-sha256'] !== payloadHash
        ) {
          res.writeHead(403).end();
          return;
        }
        const signed = m[4]!.split(';');
        const canonical = [
          req.method,
          req.url,
          '',
          ...signed.map((h) => `${h}:${req.headers[h]}`),
          '',
          m[4],
          payloadHash,
        ].join('\n');
        const amzDate = String(req.headers['x-amz-date']);
        const scope = `${m[2]}/${cfg.region}/s3/aws4_request`;
        const toSign = [
          'AWS4-HMAC-SHA256',
          amzDate,
          scope,
          createHash('sha256').update(canonical).digest('hex'),
        ].join('\n');
        const k = (key: Buffer | string, d: string) => createHmac('sha256', key).update(d).digest();
        const signingKey = k(k(k(k(`AWS4${cfg.secretAccessKey}`, m[2]!), cfg.region), 's3'), 'aws4_request');
        if (createHmac('sha256', signingKey).update(toSign).digest('hex') !== m[5]) {
          res.writeHead(403).end();
          return;
        }
        const key = req.url!;
        if (req.method === 'PUT') {
          objects.set(key, body);
          res.writeHead(200).end();
        } else if (req.method === 'GET') {
          const o = objects.get(key);
          if (o) res.writeHead(200).end(o);
          else res.writeHead(404).end();
        } else if (req.method === 'DELETE') {
          objects.delete(key);
          res.writeHead(204).end();
        } else res.writeHead(405).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('stores, reads and deletes with signed path-style requests', async () => {
    await contract(s3PhotoStore({ ...cfg, endpoint }));
    expect(seen.every((r) => r.url.startsWith(`/presensi/photos/${hash.slice(0, 2)}/`))).toBe(true);
    expect(new Set(seen.map((r) => r.method))).toEqual(new Set(['GET', 'PUT', 'DELETE']));
  });

  it('is refused by the store with a wrong secret (the signature really covers the request)', async () => {
    const wrong = s3PhotoStore({ ...cfg, endpoint, secretAccessKey: 'salah' });
    await expect(wrong.put(hash, bytes)).rejects.toThrow(/S3 PUT 403/);
  });

  it('signs the date, host, payload hash and path into the authorization header', () => {
    const { url, headers } = signS3Request(
      { ...cfg, endpoint: 'https://s3.example.go.id' },
      'PUT',
      'photos/ab/x',
      bytes,
      new Date('2026-01-15T02:00:00Z'),
    );
    expect(url).toBe('https://s3.example.go.id/presensi/photos/ab/x');
    expect(headers['x-amz-date']).toBe('20260115T020000Z');
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260115\/ap-southeast-3\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });
});
