import { createHash } from 'node:crypto';
import { canonicalJson } from '../../lib/canonical-json.ts';

/** JSON with keys sorted at every level (src/server/lib/canonical-json.ts), as the chain hashes it. */
export { canonicalJson };

/** Hash of the entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
}

/** SHA-256 over the previous hash and the canonical entry: any change to an entry or its order breaks the chain. */
export function hashEntry(prevHash: string, e: HashedFields): string {
  const body = canonicalJson({ ...e, at: e.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}
