/**
 * The capture section of a rulebook: how a punch is judged when it arrives (geofence accuracy, photo, device,
 * interval, offline window, rotating QR) and, for every reason a punch can raise, whether it is rejected or
 * sent to review. Regions differ in how strict they are, so all of it is data.
 * Source: PRODUCT.md principle 5 ("doubtful punches go to review instead of being silently accepted or
 * rejected"); regulations.md §3.3 (PermenPANRB 4/2025: geo-tagged presensi with work location), §10; market.md
 * §3 items 2–4, 9 and §4 items 3, 6 [INF for the numbers: no regulation fixes them].
 */
import { z } from 'zod';
import { effectivePeriodSchema, legalBasisSchema } from '../common/legal-basis.ts';
import type { RuleIssue } from '../common/rule-issue.ts';

/** Every reason a punch can be doubted or refused for. */
export const PUNCH_REASONS = [
  'NO_LOCATION',
  'OUTSIDE_GEOFENCE',
  'LOCATION_UNCERTAIN',
  'ACCURACY_TOO_POOR',
  'MOCK_LOCATION',
  'NO_DEVICE',
  'UNREGISTERED_DEVICE',
  'DEVICE_PENDING',
  'SIGNATURE_INVALID',
  'SHARED_DEVICE',
  'PHOTO_MISSING',
  'TOO_SOON',
  'MONTH_CLOSED',
  'OFFLINE_TOO_OLD',
  'OFFLINE_IN_FUTURE',
  'OFFLINE_MONTH_CLOSED',
  'CLOCK_MISMATCH',
  'QR_INVALID',
  'QR_EXPIRED',
  'QR_REPLAYED',
  'APEL_CLOSED',
] as const;
export type PunchReason = (typeof PUNCH_REASONS)[number];

/** What a reason does to the punch: refuse it, or keep it and send it to the reviewer. */
export const REASON_ACTIONS = ['REJECT', 'FLAG'] as const;
export type ReasonAction = (typeof REASON_ACTIONS)[number];

export const captureRulesSchema = z.object({
  ...effectivePeriodSchema.shape,
  description: z.string().optional(),
  legalBasis: legalBasisSchema,
  geofence: z.object({
    /** A fix less precise than this (metres, the phone's 68% radius) cannot place anyone. */
    maxAccuracyM: z.number().positive().max(5000),
    /** Places allowed besides the unit's offices and the day's dinas luar destination. */
    allowWorkFromHome: z.boolean(),
    allowWorkFromAnywhere: z.boolean(),
  }),
  photo: z.object({
    /** A photo is required with every phone punch (not with terminal logs or kiosk QR scans). */
    required: z.boolean(),
    maxBytes: z.number().int().min(10_000).max(10_000_000),
    types: z.array(z.enum(['image/jpeg', 'image/png', 'image/webp'])).min(1),
  }),
  /** A second punch sooner than this after the previous one (minutes) is a double tap, not a new punch. */
  minIntervalMinutes: z.number().int().min(0).max(240),
  offline: z.object({
    /** An offline punch older than this when it reaches the server goes to review. */
    maxAgeHours: z
      .number()
      .positive()
      .max(24 * 31),
    /** Tolerance for a capture time after the server's clock (clock skew), minutes. */
    futureToleranceMinutes: z.number().int().min(0).max(120),
    /** Device clock vs the monotonic estimate since the last server contact: beyond this, flag it. */
    clockMismatchMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  qr: z.object({
    /** The kiosk code changes every N seconds. */
    rotateSeconds: z.number().int().min(10).max(300),
    /** How many earlier windows are still accepted (scan latency). */
    graceWindows: z.number().int().min(0).max(4),
  }),
  /** Per reason: reject or flag for review. Every reason must be listed. */
  reasons: z.record(z.enum(PUNCH_REASONS), z.enum(REASON_ACTIONS)),
});
export type CaptureRules = z.infer<typeof captureRulesSchema>;

/**
 * Semantic checks beyond the schema: every reason has an action, and the reasons that can never be let
 * through (forged signature, replayed or invalid QR) are rejections.
 * Source: PRODUCT.md principle 5; regulations.md §10.
 */
export function validateCaptureRules(rules: CaptureRules, path = 'capture'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const reason of PUNCH_REASONS) {
    if (!rules.reasons[reason])
      issues.push({
        path: `${path}.reasons.${reason}`,
        message: `Tindakan untuk alasan ${reason} belum ditetapkan`,
      });
  }
  for (const hard of ['SIGNATURE_INVALID', 'QR_INVALID', 'QR_REPLAYED'] as const) {
    if (rules.reasons[hard] === 'FLAG')
      issues.push({
        path: `${path}.reasons.${hard}`,
        message: `${hard} harus ditolak: bukti yang dipalsukan atau diulang tidak boleh diteruskan ke peninjauan`,
      });
  }
  return issues;
}
