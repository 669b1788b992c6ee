import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/** An EC P-256 public key as JWK (what WebCrypto exports). */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the key's identity, the same wherever it is registered. */
export function jwkThumbprint(jwk: PublicJwk): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Whether the JWK is a usable P-256 public key (a point on the curve). */
export function isValidPublicJwk(jwk: PublicJwk): boolean {
  try {
    createPublicKey({ key: { ...jwk }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}

/** Parsed public keys by their x|y (a check-in should not rebuild the key from JWK every time). */
const keyCache = new Map<string, KeyObject>();
const KEY_CACHE_MAX = 50_000;

function keyObjectOf(jwk: PublicJwk): KeyObject {
  const id = `${jwk.x}|${jwk.y}`;
  let key = keyCache.get(id);
  if (!key) {
    key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    if (keyCache.size >= KEY_CACHE_MAX) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

/**
 * Verify a WebCrypto ECDSA P-256 / SHA-256 signature (IEEE P1363 r||s, base64url) over the UTF-8 text.
 * False for any malformed key or signature, never a throw.
 */
export function verifyDeviceSignature(jwk: PublicJwk, text: string, signatureB64url: string): boolean {
  try {
    const key = keyObjectOf(jwk);
    const sig = Buffer.from(signatureB64url, 'base64url');
    if (sig.length !== 64) return false;
    return verify('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    return false;
  }
}
