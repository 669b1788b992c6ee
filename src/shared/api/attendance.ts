import { z } from 'zod';
import { captureRulesSchema, PUNCH_REASONS } from '../../core/attendance/capture-rules.ts';
import {
  dateRange,
  id,
  localDate,
  pageQuerySchema,
  paged,
  searchText,
  text,
  TABLE_EXPORT_FORMATS,
} from './common.ts';

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
  label: text({ min: 1, max: 100, label: 'Nama perangkat' }),
  platform: text({ max: 200, label: 'Platform' }).optional(),
  /** Why the phone changes (required when the employee already has an active device). */
  reason: text({ max: 500, label: 'Alasan', multiline: true }).optional(),
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
  note: text({ max: 500, label: 'Catatan', multiline: true }).default(''),
});

export const deviceListQuerySchema = pageQuerySchema.extend({
  status: z.enum(DEVICE_STATUSES).optional(),
  unitId: id.optional(),
  q: searchText.optional(),
});

/** An instant as epoch milliseconds between 2000 and 2100 (a phone's clock may be wrong, not absurd). */
const epochMs = z.number().int().min(946_684_800_000).max(4_102_444_800_000);

/** The location evidence of a punch, as the browser's Geolocation API reports it. */
export const punchLocationSchema = z.object({
  lat,
  lon,
  accuracyM: z.number().min(0).max(100_000),
  provider: text({ max: 50, label: 'Penyedia lokasi' }).optional(),
  mocked: z.boolean().default(false),
});

/**
 * The punch body, sent as the `punch` field (JSON) of a multipart request with an optional `photo` file.
 * `signature` is the device's ECDSA P-256/SHA-256 signature (base64url, IEEE P1363 r||s as WebCrypto makes
 * it) over `canonicalPunchPayload(...)`.
 */
export const punchBodySchema = z.object({
  idempotencyKey: text({ min: 8, max: 100, label: 'Kunci idempotensi' }),
  kind: z.enum(PUNCH_KINDS),
  deviceId: id.optional(),
  signature: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]*$/, 'Tanda tangan harus base64url')
    .optional(),
  location: punchLocationSchema.nullable(),
  /** SHA-256 hex of the photo bytes as captured (must match the uploaded file). */
  photoHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  network: z
    .object({ type: text({ max: 30 }).optional(), effectiveType: text({ max: 30 }).optional() })
    .optional(),
  appVersion: text({ max: 50, label: 'Versi aplikasi' }).optional(),
  /** Kiosk QR code scanned (the whole text of the code). */
  qrCode: text({ max: 500, label: 'Kode QR' }).optional(),
  /** Present for punches captured offline and synced later. */
  offline: z
    .object({
      /** The phone's clock at capture (epoch ms). */
      deviceTime: epochMs,
      /** Server time (epoch ms) at the last contact, and ms elapsed since on the monotonic clock. */
      lastServerTime: epochMs.nullable(),
      elapsedSinceServerMs: z
        .number()
        .int()
        .min(0)
        .max(366 * 86_400_000)
        .nullable(),
    })
    .optional(),
});
export type PunchBody = z.infer<typeof punchBodySchema>;

export { canonicalPunchPayload } from './punch-payload.ts';

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

/** The punch history: a range of at most 400 days (an export of a year and a bit). */
export const punchListQuerySchema = pageQuerySchema
  .extend({
    employeeId: id.optional(),
    unitId: id.optional(),
    from: localDate.optional(),
    to: localDate.optional(),
    verdict: z.enum(PUNCH_VERDICTS).optional(),
    q: searchText.optional(),
  })
  .superRefine(dateRange('from', 'to', 400, { toOptional: true }));

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
  /** The rulebook's capture section in force today: the phone predicts the verdict with the server's own judge. */
  capture: captureRulesSchema,
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
  note: text({ min: 3, max: 1000, label: 'Catatan keputusan', multiline: true }),
});

export const workLocationInputSchema = z
  .object({
    employeeId: id,
    kind: z.enum(['WFH', 'WFA']),
    label: text({ min: 1, max: 200, label: 'Nama lokasi' }),
    lat,
    lon,
    radiusM: z.number().int().min(10).max(5000),
    validFrom: localDate,
    validTo: localDate.nullable().default(null),
  })
  .superRefine(dateRange('validFrom', 'validTo', 3 * 366, { toOptional: true }));

export const fieldAssignmentInputSchema = z
  .object({
    employeeId: id,
    dateFrom: localDate,
    dateTo: localDate,
    letterNumber: text({ min: 1, max: 100, label: 'Nomor surat tugas' }),
    destination: text({ min: 1, max: 200, label: 'Tujuan' }),
    lat,
    lon,
    radiusM: z.number().int().min(10).max(10_000),
  })
  .superRefine(dateRange('dateFrom', 'dateTo', 366));

export const apelScheduleInputSchema = z.object({
  unitId: id,
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
  unitId: id,
  apelSessionId: id.optional(),
  label: text({ min: 1, max: 100, label: 'Nama kios' }).default('Kios presensi'),
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
  terminalSerial: text({ max: 100, label: 'Nomor seri mesin' }).nullable().default(null),
  terminalUserId: text({ min: 1, max: 50, label: 'ID pengguna mesin' }),
  employeeId: id,
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

/*
 * The routes' own request and answer schemas (src/server/modules/attendance/attendance-routes.ts and
 * terminal-routes.ts).
 */

/** GET /api/attendance/punches and GET /api/attendance/reviews. */
export const punchPageSchema = paged(punchSchema);

/** POST /api/attendance/punches/export-jobs: the list's filters and the file's format. */
export const punchExportJobQuerySchema = punchListQuerySchema.extend({
  format: z.enum(TABLE_EXPORT_FORMATS),
});

/** GET /api/attendance/reviews/count. */
export const reviewCountSchema = z.object({ count: z.number() });

/** GET /api/attendance/devices/mine. */
export const deviceListSchema = z.array(deviceSchema);
/** GET /api/attendance/devices. */
export const devicePageSchema = paged(deviceSchema);

/** GET /api/attendance/work-locations and GET /api/attendance/field-assignments: one employee's places. */
export const employeePlacesQuerySchema = z.object({ employeeId: z.string().uuid() });

/** GET /api/attendance/apel-schedules: of one unit, or of the caller's scope. */
export const apelScheduleQuerySchema = z.object({ unitId: z.string().uuid().optional() });

/** GET /api/attendance/apel-sessions. */
export const apelSessionQuerySchema = z.object({ unitId: z.string().uuid(), date: localDate });
export const apelSessionListSchema = z.array(apelSessionSchema);

/** POST /api/attendance/apel-sessions: an apel or ceremony held once (e.g. a national day's upacara). */
export const apelSessionInputSchema = z.object({
  unitId: id,
  kind: z.enum(APEL_KINDS),
  title: text({ min: 1, max: 200, label: 'Judul' }),
  localDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm'),
  windowMinutes: z.number().int().min(5).max(240),
});

/** GET /api/attendance/terminal-users. */
export const terminalUserQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  q: searchText.optional(),
});
export const terminalUserPageSchema = paged(terminalUserSchema);

/** POST /api/attendance/terminal-imports: the multipart fields besides the file. */
export const terminalImportFieldsSchema = z.object({
  serial: text({ max: 100, label: 'Nomor seri mesin' }).optional(),
  unitId: z
    .string()
    .trim()
    .uuid('unitId harus berupa UUID unit')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  dryRun: z
    .enum(['true', 'false', '1', '0', ''], { error: 'dryRun harus "true" atau "false"' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});
