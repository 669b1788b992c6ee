/**
 * Failed-attempt throttling of sign-in and of the current password in change-password: counted per account AND
 * per source (client address), with a lock that doubles, plus a much higher ceiling per account over all sources.
 * Pure: times are epoch milliseconds passed in, the caller stores the counters (atomically, see auth-service).
 *
 * The policy (README, security notes):
 * - Per account and source: after `sourceMaxFailures` (LOGIN_MAX_FAILURES, 5) consecutive failures from one
 *   source, that source is refused for this account for `baseLockMs` (LOGIN_LOCK_MINUTES, 15 min); every further
 *   failure from it after the lock ends doubles the lock (30 min, 1 h, 2 h, …), capped at `maxLockMs` (24 h).
 *   Another source is not affected, so a guesser at one address cannot lock the owner out at another.
 * - Per account over all sources: `accountMaxFailures` (LOGIN_ACCOUNT_MAX_FAILURES, 100) consecutive failures
 *   lock the account for everyone for `baseLockMs`, doubling the same way. Source: NIST SP 800-63B §5.2.2 (rate
 *   limiting): at most 100 consecutive failed attempts on one account. Reaching it takes at least
 *   accountMax / sourceMax (20) different sources.
 * - A success resets the account count and its own source's count (not other sources'). Counts are forgotten
 *   `forgetAfterMs` (24 h) after the later of the last failure and the end of the lock. An administrator's
 *   unlock (or a password reset) clears all of them.
 * - An attempt refused because of a lock is not evaluated and not counted (it is audited).
 * - The attempt is counted BEFORE the password is verified (reserved); a success then resets the counts. So N
 *   concurrent attempts count N, and an attempt that comes after the limit is refused even with the right
 *   password.
 */

export interface ThrottlePolicy {
  sourceMaxFailures: number;
  accountMaxFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  forgetAfterMs: number;
}

/** Longest lock and how long a quiet counter is remembered. */
export const MAX_LOCK_MS = 24 * 3_600_000;
export const FORGET_AFTER_MS = 24 * 3_600_000;

/** A stored counter (one per account and source, and one per account). */
export interface FailureCounter {
  failures: number;
  lockedUntil: number | null;
  lastFailedAt: number | null;
}

export type LockScope = 'source' | 'account';

export type Reservation =
  | { kind: 'refused'; scope: LockScope; lockedUntil: number }
  | {
      kind: 'reserved';
      /** The counters with this attempt counted as a failure (to store now). */
      source: FailureCounter;
      account: FailureCounter;
      /** The end of the account-wide lock this attempt engages (stored now), or null. */
      accountLock: number | null;
      /** The lock this attempt engages if it fails, the longer of the two (what the caller is told). */
      engaged: { scope: LockScope; lockedUntil: number } | null;
    };

/** The lock after the `failures`-th consecutive failure: none below `max`, then base × 2^(failures − max). */
export function lockAfter(
  failures: number,
  max: number,
  policy: Pick<ThrottlePolicy, 'baseLockMs' | 'maxLockMs'>,
) {
  if (failures < max) return null;
  const doublings = Math.min(failures - max, 40);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/** The failures still remembered at `now` (0 when the counter has been quiet for `forgetAfterMs`). */
function remembered(c: FailureCounter | undefined, now: number, forgetAfterMs: number): number {
  if (!c || c.failures <= 0 || c.lastFailedAt === null) return 0;
  const quietSince = Math.max(c.lastFailedAt, c.lockedUntil ?? 0);
  return now - quietSince >= forgetAfterMs ? 0 : c.failures;
}

function counted(
  c: FailureCounter | undefined,
  now: number,
  max: number,
  policy: ThrottlePolicy,
): { next: FailureCounter; lock: number | null } {
  const failures = remembered(c, now, policy.forgetAfterMs) + 1;
  const lockMs = lockAfter(failures, max, policy);
  const lock = lockMs === null ? null : now + lockMs;
  return { next: { failures, lockedUntil: lock ?? c?.lockedUntil ?? null, lastFailedAt: now }, lock };
}

/**
 * Reserve one attempt of `account` from one source at `now`: refused while a lock is in force (the account's
 * first), otherwise counted as a failure in both counters, with the lock it engages should it fail.
 */
export function reserveAttempt(
  source: FailureCounter | undefined,
  account: FailureCounter,
  now: number,
  policy: ThrottlePolicy,
): Reservation {
  if (account.lockedUntil !== null && account.lockedUntil > now)
    return { kind: 'refused', scope: 'account', lockedUntil: account.lockedUntil };
  if (source?.lockedUntil != null && source.lockedUntil > now)
    return { kind: 'refused', scope: 'source', lockedUntil: source.lockedUntil };
  const s = counted(source, now, policy.sourceMaxFailures, policy);
  const a = counted(account, now, policy.accountMaxFailures, policy);
  const engaged =
    a.lock !== null && (s.lock === null || a.lock >= s.lock)
      ? { scope: 'account' as const, lockedUntil: a.lock }
      : s.lock !== null
        ? { scope: 'source' as const, lockedUntil: s.lock }
        : null;
  return { kind: 'reserved', source: s.next, account: a.next, accountLock: a.lock, engaged };
}

/**
 * The source of a request for counting: an IPv4 address as it is, an IPv6 address by its /64 prefix (one
 * subscriber usually holds a whole /64, so per-address counting would give them 2^64 sources), an IPv4-mapped
 * IPv6 address as IPv4, `unknown` when there is none.
 */
export function loginSource(ip: string | null | undefined): string {
  const raw = (ip ?? '').trim().toLowerCase().replace(/%.*$/, '');
  if (!raw) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(raw);
  if (mapped) return mapped[1]!;
  if (!raw.includes(':')) return raw;
  const groups = expandIpv6(raw);
  if (!groups) return raw;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (without leading zeros), or null when it is not one. */
function expandIpv6(addr: string): string[] | null {
  let text = addr;
  // An embedded IPv4 tail (::ffff:1.2.3.4 handled above; 64:ff9b::1.2.3.4 here) as two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => parseInt(g, 16).toString(16));
}
