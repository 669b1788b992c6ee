import { z } from 'zod';
import { PUNCH_REASONS } from '../../core/attendance/capture-rules.ts';
import { localDate, pageQuerySchema } from './common.ts';

/**
 * The HTTP contract of attendance capture: devices, punches with evidence and verdicts, places (geofences),
 * photos, kiosk QR and apel, terminal-log imports and the review queue. Used by the server routes and the
 * web app alike.
 */

export const PUNCH_KINDS = ['IN', 'OUT'] as const;
export const PUNCH_SOURCES = ['ONLINE', 'OFFLINE', 'QR', 'TERMINAL'] as const;
export const PUNCH_VERDICTS = ['ACCEPTED', 'FLAGGED', 'REJECTED'] as const;
export const PLACE_KINDS = ['OFFICE', 'DINAS_LUAR', 'WFH', 'WFA'] as const;
export const DEVICE_STATUSES = ['ACTIVE', 'PENDING', 'REJECTED', 'REVOKED'] as const;
export const APEL_KINDS = ['APEL_PAGI', 'APEL_SORE', 'UPACARA_SENIN', 'UPACARA_HARI_BESAR'] as const;

const lat = z.number().min(-90, 'Lintang harus antara -90 dan 90').max(90, 'Lintang harus antara -90 dan 90');
const lon = z
  .number()
  .min(-180, 'Bujur harus antara -180 dan 180')
  .max(180, 'Bujur harus antara -180 dan 180');

/** A WebCrypto ECDSA P-256 public key as JWK (what `crypto.subtle.exportKey('jwk', publicKey)` gives). */
export const publicJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Kunci publik tidak valid'),
  y: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Kunci publik tidak valid'),
});

export const deviceRegisterSchema = z.object({
  publicKey: publicJwkSchema,
  label: z.string().trim().min(1).max(100),
  platform: z.string().trim().max(200).optional(),
  /** Why the phone changes (required when the employee already has an active device). */
  reason: z.string().trim().max(500).optional(),
});

export const deviceSchema = z.object({
  id: z.string().uuid(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  label: z.string(),
  platform: z.string().nullable(),
  status: z.enum(DEVICE_STATUSES),
  requestReason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  keyThumbprint: z.string(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Device = z.infer<typeof deviceSchema>;

export const deviceDecisionSchema = z.object({
  decision: z.enum(['APPROVE', 'REJECT', 'REVOKE']),
  note: z.string().trim().max(500).default(''),
});

export const deviceListQuerySchema = pageQuerySchema.extend({
  status: z.enum(DEVICE_STATUSES).optional(),
  unitId: z.string().uuid().optional(),
  q: z.string().trim().max(100).optional(),
});

/** The location evidence of a punch, as the browser's Geolocation API reports it. */
export const punchLocationSchema = z.object({
  lat,
  lon,
  accuracyM: z.number().min(0).max(100_000),
  provider: z.string().max(50).optional(),
  mocked: z.boolean().default(false),
});

/**
 * The punch body, sent as the `punch` field (JSON) of a multipart request with an optional `photo` file.
 * `signature` is the device's ECDSA P-256/SHA-256 signature (base64url, IEEE P1363 r||s as WebCrypto makes
 * it) over `canonicalPunchPayload(...)`.
 */
export const punchBodySchema = z.object({
  idempotencyKey: z.string().trim().min(8).max(100),
  kind: z.enum(PUNCH_KINDS),
  deviceId: z.string().uuid().optional(),
  signature: z.string().max(200).optional(),
  location: punchLocationSchema.nullable(),
  /** SHA-256 hex of the photo bytes as captured (must match the uploaded file). */
  photoHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  network: z
    .object({ type: z.string().max(30).optional(), effectiveType: z.string().max(30).optional() })
    .optional(),
  appVersion: z.string().max(50).optional(),
  /** Kiosk QR code scanned (the whole text of the code). */
  qrCode: z.string().max(500).optional(),
  /** Present for punches captured offline and synced later. */
  offline: z
    .object({
      /** The phone's clock at capture (epoch ms). */
      deviceTime: z.number().int(),
      /** Server time (epoch ms) at the last contact, and ms elapsed since on the monotonic clock. */
      lastServerTime: z.number().int().nullable(),
      elapsedSinceServerMs: z.number().int().min(0).nullable(),
    })
    .optional(),
});
export type PunchBody = z.infer<typeof punchBodySchema>;

/**
 * The exact text a device signs: fields joined by `|` in this order, missing values as empty strings.
 * Changing any signed field (time, place, photo, kind, key) breaks the signature.
 */
export function canonicalPunchPayload(b: PunchBody): string {
  const loc = b.location;
  return [
    'abdi-punch-v1',
    b.idempotencyKey,
    b.kind,
    b.deviceId ?? '',
    loc ? `${loc.lat},${loc.lon},${loc.accuracyM},${loc.mocked ? 1 : 0}` : '',
    b.photoHash ?? '',
    b.qrCode ?? '',
    b.offline
      ? `${b.offline.deviceTime},${b.offline.lastServerTime ?? ''},${b.offline.elapsedSinceServerMs ?? ''}`
      : '',
  ].join('|');
}

export const punchReasonSchema = z.object({
  code: z.enum(PUNCH_REASONS),
  action: z.enum(['REJECT', 'FLAG']),
  message: z.string(),
});

export const punchSchema = z.object({
  id: z.string().uuid(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  kind: z.enum([...PUNCH_KINDS, 'ANY']),
  source: z.enum(PUNCH_SOURCES),
  occurredAt: z.string(),
  receivedAt: z.string(),
  localDate: z.string(),
  timeZone: z.string(),
  verdict: z.enum(PUNCH_VERDICTS),
  /** The verdict after review (equals `verdict` when nobody reviewed it). */
  effectiveVerdict: z.enum(PUNCH_VERDICTS),
  reasons: z.array(punchReasonSchema),
  location: z
    .object({ lat: z.number(), lon: z.number(), accuracyM: z.number().nullable(), mocked: z.boolean() })
    .nullable(),
  place: z
    .object({ kind: z.enum(PLACE_KINDS), label: z.string(), distanceM: z.number().nullable() })
    .nullable(),
  hasPhoto: z.boolean(),
  deviceLabel: z.string().nullable(),
  terminalSerial: z.string().nullable(),
  review: z
    .object({
      decision: z.enum(['ACCEPTED', 'REJECTED']),
      note: z.string(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
});
export type Punch = z.infer<typeof punchSchema>;

/** The answer to a punch: the stored punch (also when it was rejected), and whether it was a replay. */
export const punchResultSchema = z.object({ punch: punchSchema, replayed: z.boolean() });

export const punchListQuerySchema = pageQuerySchema.extend({
  employeeId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  from: localDate.optional(),
  to: localDate.optional(),
  verdict: z.enum(PUNCH_VERDICTS).optional(),
  q: z.string().trim().max(100).optional(),
});

export const fenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('circle'),
    center: z.object({ lat, lon }),
    radiusM: z.number().positive().max(50_000),
  }),
  z.object({ kind: z.literal('polygon'), points: z.array(z.object({ lat, lon })).min(3).max(200) }),
]);

export const allowedPlaceSchema = z.object({
  id: z.string(),
  kind: z.enum(PLACE_KINDS),
  label: z.string(),
  fence: fenceSchema,
});

/** What the Presensi page needs for today: the server's clock, places, the rules to show, today's punches. */
export const attendanceTodaySchema = z.object({
  serverTime: z.number().int(),
  timeZone: z.string(),
  localDate: z.string(),
  employeeId: z.string().uuid(),
  places: z.array(allowedPlaceSchema),
  rules: z.object({
    photoRequired: z.boolean(),
    photoMaxBytes: z.number().int(),
    photoTypes: z.array(z.string()),
    maxAccuracyM: z.number(),
    offlineMaxAgeHours: z.number(),
  }),
  device: deviceSchema.nullable(),
  punches: z.array(punchSchema),
  /** Today's status from the rules core, as far as it can be told now. */
  status: z
    .object({
      code: z.string(),
      label: z.string(),
      reason: z.string(),
      lateMinutes: z.number(),
      earlyMinutes: z.number(),
    })
    .nullable(),
  schedule: z.object({ start: z.string(), end: z.string() }).nullable(),
});
export type AttendanceToday = z.infer<typeof attendanceTodaySchema>;

export const reviewBodySchema = z.object({
  decision: z.enum(['ACCEPTED', 'REJECTED']),
  note: z.string().trim().min(3, 'Catatan keputusan wajib diisi (minimal 3 karakter)').max(1000),
});

export const workLocationInputSchema = z.object({
  employeeId: z.string().uuid(),
  kind: z.enum(['WFH', 'WFA']),
  label: z.string().trim().min(1).max(200),
  lat,
  lon,
  radiusM: z.number().int().min(10).max(5000),
  validFrom: localDate,
  validTo: localDate.nullable().default(null),
});

export const fieldAssignmentInputSchema = z.object({
  employeeId: z.string().uuid(),
  dateFrom: localDate,
  dateTo: localDate,
  letterNumber: z.string().trim().min(1, 'Nomor surat tugas wajib diisi').max(100),
  destination: z.string().trim().min(1).max(200),
  lat,
  lon,
  radiusM: z.number().int().min(10).max(10_000),
});

export const apelScheduleInputSchema = z.object({
  unitId: z.string().uuid(),
  kind: z.enum(APEL_KINDS),
  weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm'),
  windowMinutes: z.number().int().min(5).max(240),
  validFrom: localDate,
  validTo: localDate.nullable().default(null),
});

export const apelSessionSchema = z.object({
  id: z.string().uuid(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  kind: z.enum(APEL_KINDS),
  title: z.string(),
  localDate: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  attended: z.number().int(),
  expected: z.number().int(),
});

export const kioskOpenSchema = z.object({
  unitId: z.string().uuid(),
  apelSessionId: z.string().uuid().optional(),
  label: z.string().trim().min(1).max(100).default('Kios presensi'),
  hours: z.number().int().min(1).max(24).default(12),
});

export const kioskCodeSchema = z.object({
  code: z.string(),
  window: z.number().int(),
  expiresAt: z.number().int(),
  rotateSeconds: z.number().int(),
});

export const terminalImportResultSchema = z.object({
  totalLines: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  unknownIds: z.array(z.object({ terminalUserId: z.string(), lines: z.array(z.number().int()) })),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type TerminalImportResult = z.infer<typeof terminalImportResultSchema>;

export const terminalUserInputSchema = z.object({
  terminalSerial: z.string().trim().max(100).nullable().default(null),
  terminalUserId: z.string().trim().min(1).max(50),
  employeeId: z.string().uuid(),
});

export const terminalUserSchema = z.object({
  id: z.string().uuid(),
  terminalSerial: z.string().nullable(),
  terminalUserId: z.string(),
  employeeId: z.string().uuid(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  internalId: z.string().nullable(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  createdAt: z.string(),
});
export type TerminalUser = z.infer<typeof terminalUserSchema>;

export const terminalUserImportResultSchema = z.object({
  totalLines: z.number().int(),
  created: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
