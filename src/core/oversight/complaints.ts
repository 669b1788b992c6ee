import { addDays, type LocalDate } from '../common/local-date.ts';

/*
 * Rules of public complaints (issue 18 point 2): the tracking code a citizen follows a case with, the form's
 * spam check, the service level of the OPD's answer, and which step may follow which. Pure: the randomness, the
 * clock and the configured numbers come in as arguments.
 */

/** The categories a citizen can report. Source: issue 18 point 2 (conduct or absence, a unit's service, neutrality). */
export const COMPLAINT_CATEGORIES = ['PERILAKU', 'KEHADIRAN', 'LAYANAN', 'NETRALITAS'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/**
 * DITERIMA: received, BKD has not routed it yet; DITERUSKAN: routed to the responsible OPD, waiting for its answer;
 * DIJAWAB: the OPD answered (shown to the complainant); DITOLAK: BKD closed it without routing (not a complaint
 * about an ASN or a unit, spam), with a reason shown to the complainant. Source: issue 18 point 2.
 */
export const COMPLAINT_STATUSES = ['DITERIMA', 'DITERUSKAN', 'DIJAWAB', 'DITOLAK'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The channels a complaint arrives through: this app's public page, SP4N-LAPOR!, another channel. */
export const COMPLAINT_CHANNELS = ['WEB', 'LAPOR', 'LAINNYA'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/**
 * The steps an official takes and the statuses they start from. BKD routes a received complaint (and may re-route
 * one not yet answered), or rejects a received one; the OPD answers a routed one. Source: issue 18 point 2.
 */
export const COMPLAINT_STEPS = {
  route: ['DITERIMA', 'DITERUSKAN'],
  reject: ['DITERIMA'],
  answer: ['DITERUSKAN'],
} as const satisfies Record<string, readonly ComplaintStatus[]>;
export type ComplaintStep = keyof typeof COMPLAINT_STEPS;

/** May `step` be taken on a complaint in `status`? Source: issue 18 point 2 (BKD routes; the OPD answers). */
export function stepAllowed(step: ComplaintStep, status: ComplaintStatus): boolean {
  return (COMPLAINT_STEPS[step] as readonly ComplaintStatus[]).includes(status);
}

/**
 * Crockford's base-32 alphabet (no I, L, O, U): easy to read aloud and to type on a phone; what a person confuses
 * (O/0, I/L/1) is read as the digit when the code is typed back. Source: issue 18 point 2 (a tracking code).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a tracking code: 12 × 5 bits = 60 bits of randomness (unguessable at any request rate). */
export const TRACKING_CODE_CHARS = 12;

/**
 * The tracking code made from random bytes (at least 12; one character per byte, 5 bits each), grouped by four:
 * "7KQ2-M9XD-4FHT". Source: issue 18 point 2 (a tracking code to follow the case).
 */
export function trackingCodeOf(random: Uint8Array): string {
  if (random.length < TRACKING_CODE_CHARS) throw new Error('need 12 random bytes');
  let s = '';
  for (let i = 0; i < TRACKING_CODE_CHARS; i++) s += ALPHABET[random[i]! & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/**
 * A tracking code as typed (any case, spaces or dashes, O for 0, I/L for 1) in its canonical form, or null when it
 * cannot be one. Source: issue 18 point 2; Crockford base-32 decoding rules.
 */
export function normaliseTrackingCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== TRACKING_CODE_CHARS || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Why a public form submission is refused as spam, or null when it passes. */
export type SpamVerdict = null | 'HONEYPOT' | 'TOO_FAST' | 'EXPIRED' | 'BAD_TOKEN';

/**
 * The spam check of the public form, without third-party services: the hidden field people never see must be
 * empty, and the form must have been open at least `minSeconds` (a bot posts at once) and at most `maxSeconds`
 * (an old token is not reused for ever). `issuedAtMs` is null when the form token's signature did not verify.
 * Source: issue 18 point 2 (spam protection without third-party services).
 */
export function spamVerdict(o: {
  honeypot: string | null | undefined;
  issuedAtMs: number | null;
  nowMs: number;
  minSeconds: number;
  maxSeconds: number;
}): SpamVerdict {
  if (o.honeypot && o.honeypot.trim() !== '') return 'HONEYPOT';
  if (o.issuedAtMs === null) return 'BAD_TOKEN';
  const age = (o.nowMs - o.issuedAtMs) / 1000;
  if (age < o.minSeconds) return 'TOO_FAST';
  if (age > o.maxSeconds) return 'EXPIRED';
  return null;
}

/**
 * The date the OPD must answer by: the day it was routed plus the configured service level in calendar days
 * (COMPLAINT_SLA_DAYS). Source: issue 18 point 2 (the OPD answers within a service level set in configuration).
 */
export function answerDueOn(routedOn: LocalDate, slaDays: number): LocalDate {
  return addDays(routedOn, slaDays);
}

/**
 * Is the complaint overdue: routed, not answered, and today is after its due date. Source: issue 18 point 2
 * (overdue is visible).
 */
export function isOverdue(status: ComplaintStatus, dueOn: LocalDate | null, today: LocalDate): boolean {
  return status === 'DITERUSKAN' && dueOn !== null && today > dueOn;
}
