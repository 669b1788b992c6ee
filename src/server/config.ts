import { z } from 'zod';
import { parseRetentionDays, type RetentionClass } from './files/kinds.ts';

/**
 * The only reader of `process.env`. Every variable is documented in README.md (Environment variables).
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection string; when absent the embedded PGlite in DATA_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL harus diawali postgres:// atau postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * Load demo data when the database has no units. `auto`: on for PGlite, off for PostgreSQL, and always off in
   * production (a production server refuses to start while any demo account is active, see main.ts).
   */
  DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  /**
   * With the demo data, also the last three months of deterministic history (punches, leave, permits,
   * corrections, reviews, closed months) up to today; `false` = the bare province with no activity (tests).
   */
  DEMO_HISTORY: z.enum(['true', 'false']).default('true'),
  /** Tests only: a server clock that POST /api/test/clock moves forward (refused with NODE_ENV=production). */
  TEST_CLOCK: z.enum(['true', 'false']).default('false'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  /**
   * Consecutive failures of one account over all sources that lock it for everyone (src/core/access/
   * login-throttle.ts; never below LOGIN_MAX_FAILURES). At most 100: NIST SP 800-63B §5.2.2.
   */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(100),
  /** Minimum length of a chosen password (NIST SP 800-63B §5.1.1.2: at least 8). */
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(10),
  /** Who may read the API document (/docs, /docs/json): everyone, a signed-in user, or nobody. */
  API_DOCS: z.enum(['public', 'login', 'off']).default('login'),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Bounded imports (CSV/XLSX/terminal logs): read as streams and refused, with the limit named, when over. */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(100_000),
  IMPORT_MAX_COLUMNS: z.coerce.number().int().min(1).max(16_384).default(64),
  IMPORT_MAX_CELL_CHARS: z.coerce.number().int().min(16).max(1_000_000).default(2000),
  IMPORT_MAX_ENTRY_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(4 * 1024 ** 3)
    .default(128 * 1024 * 1024),
  IMPORT_MAX_UNZIPPED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(8 * 1024 ** 3)
    .default(256 * 1024 * 1024),
  /**
   * Attachments (leave evidence, letters of assignment, correction evidence; src/server/files): the largest file
   * accepted (the multipart reader stops at it: 413 naming the limit), and the retention days per class
   * (`personnel=1825,attendance=1825,staging=2`; the classes named override those defaults).
   */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  ATTACHMENT_RETENTION_DAYS: z
    .string()
    .optional()
    .superRefine((v, ctx) => {
      for (const message of parseRetentionDays(v).problems) ctx.addIssue({ code: 'custom', message });
    }),
  /**
   * Public complaints (docs/complaints.md): submissions and tracking look-ups per address and minute, the largest
   * photo and how many per complaint, the form's spam check (least and most seconds between opening and sending,
   * and the key that signs its token; a random key per process when unset), and the days the OPD has to answer.
   */
  COMPLAINT_SUBMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(5),
  COMPLAINT_TRACK_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  COMPLAINT_PHOTO_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  COMPLAINT_MAX_PHOTOS: z.coerce.number().int().min(0).max(10).default(3),
  COMPLAINT_FORM_MIN_SECONDS: z.coerce.number().int().min(0).max(600).default(5),
  COMPLAINT_FORM_MAX_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(4 * 3600),
  COMPLAINT_FORM_SECRET: z.string().min(32, 'COMPLAINT_FORM_SECRET paling sedikit 32 karakter').optional(),
  COMPLAINT_SLA_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** Background work (exports, import parsing) in worker threads: how many at once, heap of each, file lifetime. */
  JOB_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  JOB_WORKER_MEMORY_MB: z.coerce.number().int().min(64).max(16_384).default(512),
  JOB_FILE_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The bearer token a Prometheus scraper sends to GET /metrics (docs/operations.md); unset = metrics off (404).
   * A bearer token's characters (RFC 6750 b64token), at least 16 of them, so it cannot be guessed.
   */
  METRICS_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9\-._~+/]{16,256}=*$/,
      'METRICS_TOKEN harus 16–256 karakter A–Z, a–z, 0–9, - . _ ~ + / (boleh diakhiri =)',
    )
    .optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  WEB_DIST_DIR: z.string().default('./dist'),
  RULEBOOK_DIR: z.string().default('./rulebooks'),
  /** The region whose rulebook this installation applies (rulebook meta.region). */
  RULEBOOK_REGION: z.string().min(1).default('nasional'),
  /** Punch photos: local folder (default DATA_DIR/photos) or an S3-compatible store. */
  PHOTO_STORE: z.enum(['local', 's3']).default('local'),
  PHOTO_DIR: z.string().min(1).optional(),
  PHOTO_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  S3_ENDPOINT: z.url('S3_ENDPOINT harus berupa URL').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /**
   * Web Push to the installed PWA (optional, off unless all three are set): the VAPID key pair (base64url, as
   * `npx web-push generate-vapid-keys` prints it) and a contact the push services may write to (RFC 8292).
   */
  /** Backups (issue 20 point 3): where `npm run backup` writes when no --out is given. Default DATA_DIR/backups. */
  BACKUP_DIR: z.string().min(1).optional(),
  WEB_PUSH_PUBLIC_KEY: z
    .string()
    .refine(
      (v) => base64urlBytes(v) === 65,
      'WEB_PUSH_PUBLIC_KEY harus kunci publik P-256 (65 bita, base64url)',
    )
    .optional(),
  WEB_PUSH_PRIVATE_KEY: z
    .string()
    .refine(
      (v) => base64urlBytes(v) === 32,
      'WEB_PUSH_PRIVATE_KEY harus kunci privat P-256 (32 bita, base64url)',
    )
    .optional(),
  WEB_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'WEB_PUSH_SUBJECT harus mailto:alamat atau https://…')
    .optional(),
  /** Local hour (in each unit's zone) of the daily digest of waiting items for superiors; `off` to turn it off. */
  NOTIFICATION_DIGEST_HOUR: z.union([z.literal('off'), z.coerce.number().int().min(0).max(23)]).default(7),
  /**
   * Several processes (issue 20 point 1; docs/operations.md "Several processes"): server processes `npm start`
   * runs on one PostgreSQL (1–64; 1 = today's single process; PGlite allows only 1), and, for tests only, the
   * interval of every periodic background job in seconds instead of its own (refused with NODE_ENV=production).
   */
  SERVER_PROCESSES: z
    .string()
    .default('1')
    .superRefine((v, ctx) => {
      if (!/^\s*\d+\s*$/.test(v) || Number(v) < 1 || Number(v) > 64)
        ctx.addIssue({
          code: 'custom',
          message: `jumlah proses server harus bilangan bulat 1–64 (diberikan "${v}"); 1 = satu proses seperti biasa`,
        });
    })
    .transform(Number),
  TEST_JOB_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
});

/** Bytes of a base64url string, or -1 when it is not one. */
function base64urlBytes(v: string): number {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(v) ? Buffer.from(v, 'base64url').length : -1;
}

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  dataDir: string;
  demoData: boolean;
  /** Load the demo's three months of history with the demo data. */
  demoHistory: boolean;
  /** TEST_CLOCK: the offset clock and POST /api/test/clock (browser tests; never in production). */
  testClock: boolean;
  sessionTtlHours: number;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  loginAccountMaxFailures: number;
  passwordMinLength: number;
  apiDocs: 'public' | 'login' | 'off';
  importMaxBytes: number;
  importLimits: {
    maxRows: number;
    maxColumns: number;
    maxCellChars: number;
    maxEntryBytes: number;
    maxUnzippedBytes: number;
  };
  /** Largest attachment (ATTACHMENT_MAX_BYTES). */
  attachmentMaxBytes: number;
  /** Days an attachment's bytes are kept, per retention class (ATTACHMENT_RETENTION_DAYS). */
  attachmentRetentionDays: Readonly<Record<RetentionClass, number>>;
  /** Public complaints (COMPLAINT_*; docs/complaints.md). */
  complaints: {
    submitPerMinute: number;
    trackPerMinute: number;
    photoMaxBytes: number;
    maxPhotos: number;
    formMinSeconds: number;
    formMaxSeconds: number;
    formSecret: string | null;
    slaDays: number;
  };
  jobWorkers: number;
  jobWorkerMemoryMb: number;
  jobFileTtlHours: number;
  jobDir: string;
  logLevel: string;
  /** METRICS_TOKEN: the bearer token of GET /metrics, or null when metrics are off. */
  metricsToken: string | null;
  trustProxy: boolean;
  webDistDir: string;
  rulebookDir: string;
  rulebookRegion: string;
  photoStore: 'local' | 's3';
  photoDir: string;
  photoRetentionDays: number;
  s3: {
    endpoint: string;
    region: string;
    bucket: string;
    accessKeyId: string;
    secretAccessKey: string;
  } | null;
  /** VAPID keys and contact for Web Push; null = push off (in-app notifications only). */
  webPush: { publicKey: string; privateKey: string; subject: string } | null;
  /** Local hour of the daily digest for superiors, or null when it is off. */
  notificationDigestHour: number | null;
  /** SERVER_PROCESSES: worker processes `npm start` runs (1 = a single process, no cluster). */
  serverProcesses: number;
  /** TEST_JOB_INTERVAL_SECONDS in ms: every periodic job's interval in tests, or null (each job's own). */
  testJobIntervalMs: number | null;
  /** BACKUP_DIR: the default folder of `npm run backup` (issue 20 point 3). */
  backupDir: string;
}>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Konfigurasi tidak valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Parse and validate the environment. @throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.TEST_CLOCK === 'true' && e.NODE_ENV === 'production')
    throw new ConfigError([
      'TEST_CLOCK: jam uji (TEST_CLOCK=true) tidak boleh dipakai bila NODE_ENV=production',
    ]);
  if (e.TEST_JOB_INTERVAL_SECONDS !== undefined && e.NODE_ENV === 'production')
    throw new ConfigError([
      'TEST_JOB_INTERVAL_SECONDS: interval uji pekerjaan berkala tidak boleh dipakai bila NODE_ENV=production',
    ]);
  if (e.SERVER_PROCESSES > 1 && !e.DATABASE_URL)
    throw new ConfigError([
      `SERVER_PROCESSES: ${e.SERVER_PROCESSES} proses memerlukan PostgreSQL (DATABASE_URL); PGlite adalah satu ` +
        'basis data di dalam satu proses, jadi tanpa DATABASE_URL hanya SERVER_PROCESSES=1 yang dapat dipakai',
    ]);
  let s3: Config['s3'] = null;
  if (e.PHOTO_STORE === 's3') {
    const missing = (
      ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
    ).filter((k) => !e[k]);
    if (missing.length > 0)
      throw new ConfigError(missing.map((k) => `${k}: wajib diisi bila PHOTO_STORE=s3`));
    s3 = {
      endpoint: e.S3_ENDPOINT!,
      region: e.S3_REGION,
      bucket: e.S3_BUCKET!,
      accessKeyId: e.S3_ACCESS_KEY_ID!,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    };
  }
  const pushVars = (['WEB_PUSH_PUBLIC_KEY', 'WEB_PUSH_PRIVATE_KEY', 'WEB_PUSH_SUBJECT'] as const).filter(
    (k) => e[k],
  );
  if (pushVars.length > 0 && pushVars.length < 3)
    throw new ConfigError(
      (['WEB_PUSH_PUBLIC_KEY', 'WEB_PUSH_PRIVATE_KEY', 'WEB_PUSH_SUBJECT'] as const)
        .filter((k) => !e[k])
        .map((k) => `${k}: wajib diisi bila Web Push dipakai (ketiga variabel WEB_PUSH_* bersama-sama)`),
    );
  const webPush =
    pushVars.length === 3
      ? {
          publicKey: e.WEB_PUSH_PUBLIC_KEY!,
          privateKey: e.WEB_PUSH_PRIVATE_KEY!,
          subject: e.WEB_PUSH_SUBJECT!,
        }
      : null;
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir: e.DATA_DIR,
    demoData:
      e.DEMO_DATA === 'auto' ? !e.DATABASE_URL && e.NODE_ENV !== 'production' : e.DEMO_DATA === 'true',
    demoHistory: e.DEMO_HISTORY === 'true',
    testClock: e.TEST_CLOCK === 'true',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? e.NODE_ENV === 'production' : e.COOKIE_SECURE === 'true',
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    loginAccountMaxFailures: e.LOGIN_ACCOUNT_MAX_FAILURES,
    passwordMinLength: e.PASSWORD_MIN_LENGTH,
    apiDocs: e.API_DOCS,
    importMaxBytes: e.IMPORT_MAX_BYTES,
    importLimits: Object.freeze({
      maxRows: e.IMPORT_MAX_ROWS,
      maxColumns: e.IMPORT_MAX_COLUMNS,
      maxCellChars: e.IMPORT_MAX_CELL_CHARS,
      maxEntryBytes: e.IMPORT_MAX_ENTRY_BYTES,
      maxUnzippedBytes: e.IMPORT_MAX_UNZIPPED_BYTES,
    }),
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    attachmentRetentionDays: Object.freeze(parseRetentionDays(e.ATTACHMENT_RETENTION_DAYS).days),
    complaints: Object.freeze({
      submitPerMinute: e.COMPLAINT_SUBMIT_PER_MINUTE,
      trackPerMinute: e.COMPLAINT_TRACK_PER_MINUTE,
      photoMaxBytes: e.COMPLAINT_PHOTO_MAX_BYTES,
      maxPhotos: e.COMPLAINT_MAX_PHOTOS,
      formMinSeconds: e.COMPLAINT_FORM_MIN_SECONDS,
      formMaxSeconds: e.COMPLAINT_FORM_MAX_SECONDS,
      formSecret: e.COMPLAINT_FORM_SECRET ?? null,
      slaDays: e.COMPLAINT_SLA_DAYS,
    }),
    jobWorkers: e.JOB_WORKERS,
    jobWorkerMemoryMb: e.JOB_WORKER_MEMORY_MB,
    jobFileTtlHours: e.JOB_FILE_TTL_HOURS,
    jobDir: `${e.DATA_DIR.replace(/\/+$/, '')}/jobs`,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: e.TRUST_PROXY === 'true',
    webDistDir: e.WEB_DIST_DIR,
    rulebookDir: e.RULEBOOK_DIR,
    rulebookRegion: e.RULEBOOK_REGION,
    photoStore: e.PHOTO_STORE,
    photoDir: e.PHOTO_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/photos`,
    photoRetentionDays: e.PHOTO_RETENTION_DAYS,
    s3,
    webPush,
    notificationDigestHour: e.NOTIFICATION_DIGEST_HOUR === 'off' ? null : e.NOTIFICATION_DIGEST_HOUR,
    serverProcesses: e.SERVER_PROCESSES,
    testJobIntervalMs: e.TEST_JOB_INTERVAL_SECONDS === undefined ? null : e.TEST_JOB_INTERVAL_SECONDS * 1000,
    backupDir: e.BACKUP_DIR ?? `${e.DATA_DIR.replace(/\/+$/, '')}/backups`,
  });
}
