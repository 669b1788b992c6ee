import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * Table types as Kysely sees them (camelCase through CamelCasePlugin). Kept by hand next to the migrations;
 * the db-schema test compares them with the migrated database's columns so the two cannot drift.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type LocalDate = ColumnType<string, string, string>;

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  timeZone: string;
  address: string | null;
  /** Materialised path of ids, `/root-id/child-id/…/own-id/`, for subtree scope checks. */
  path: string;
  /** Go-live: the first day Abdi is the unit's attendance record; days before it are no data, never TK. */
  attendanceStart: ColumnType<string, string | undefined, string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface OfficesTable {
  id: Generated<string>;
  unitId: string;
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
  /** Corners `[[lat, lon], …]` when the office is a polygon; null for a circle. */
  polygon: JSONColumnType<[number, number][], string, string> | null;
  createdAt: Generated<Date>;
}

export interface PositionsTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: string;
  kelasJabatan: number;
  unitId: string;
  isHead: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface EmployeesTable {
  id: Generated<string>;
  nip: string | null;
  internalId: string | null;
  frontTitle: string | null;
  name: string;
  backTitle: string | null;
  gender: string;
  birthDate: LocalDate | null;
  employeeType: string;
  golongan: string | null;
  education: string | null;
  email: string | null;
  phone: string | null;
  /** Current placement (denormalised from `placements` for fast lists; the service keeps it in sync). */
  unitId: string;
  positionId: string | null;
  superiorId: string | null;
  activeFrom: LocalDate;
  activeTo: LocalDate | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface PlacementsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  positionId: string | null;
  superiorId: string | null;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  decree: string | null;
  createdAt: Generated<Date>;
}

export interface ActingAssignmentsTable {
  id: Generated<string>;
  employeeId: string;
  positionId: string;
  kind: string;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  reason: string | null;
  createdAt: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  employeeId: string | null;
  displayName: string;
  passwordHash: string;
  mustChangePassword: Generated<boolean>;
  isDemo: Generated<boolean>;
  failedAttempts: Generated<number>;
  lockedUntil: Timestamp | null;
  locale: Generated<string>;
  active: Generated<boolean>;
  passwordChangedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

/** Failed attempts per account and source (migration 202612051300; src/core/access/login-throttle.ts). */
export interface LoginThrottlesTable {
  userId: string;
  /** IPv4 address or IPv6 /64 prefix (`loginSource`); `*` for the account over all sources. */
  source: string;
  failures: number;
  lockedUntil: Timestamp | null;
  lastFailedAt: Timestamp;
}

export interface RoleGrantsTable {
  id: Generated<string>;
  userId: string;
  role: string;
  unitId: string | null;
  grantedBy: string | null;
  createdAt: Generated<Date>;
}

export interface SessionsTable {
  /** SHA-256 of the session token; the token itself only lives in the cookie. */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  lastSeenAt: Timestamp;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  before: JSONColumnType<object | null, string | null, string | null>;
  after: JSONColumnType<object | null, string | null, string | null>;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
  hash: string;
}

/** The audit chain's head checkpoint: one row (id 1), moved by the audit_log insert trigger only. */
export interface AuditHeadTable {
  id: number;
  lastId: number;
  lastHash: string;
  entryCount: number;
  updatedAt: Date;
}

/** Background jobs (large exports), migration 202612051200. */
export interface JobsTable {
  id: Generated<string>;
  ownerId: string;
  kind: string;
  params: JSONColumnType<Record<string, unknown>, string, string>;
  state: 'queued' | 'running' | 'done' | 'failed' | 'expired';
  progress: Generated<number>;
  fileName: string;
  contentType: string;
  filePath: string | null;
  fileBytes: number | null;
  error: JSONColumnType<{ code: string; message: string } | null, string | null, string | null> | null;
  createdAt: Generated<Date>;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  expiresAt: Timestamp | null;
  /** The server process rendering the job (issue 20), and until when it is known alive. */
  owner: string | null;
  leaseUntil: Timestamp | null;
}

export interface ImportJobsTable {
  id: Generated<string>;
  kind: string;
  fileName: string;
  status: string;
  totalRows: number;
  validRows: number;
  errors: JSONColumnType<{ line: number; column: string | null; message: string }[], string, string>;
  payload: JSONColumnType<unknown[], string, string>;
  result: JSONColumnType<
    { inserted: number; updated: number; skipped: number } | null,
    string | null,
    string | null
  > | null;
  scopeUnitId: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  committedAt: Timestamp | null;
}

export interface RulebookVersionsTable {
  id: Generated<string>;
  rulebookId: string;
  region: string;
  name: string;
  version: string;
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
  status: string;
  source: string;
  content: JSONColumnType<Record<string, unknown>, string, string>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  activatedBy: string | null;
  activatedAt: Timestamp | null;
}

type Json<T extends object> = JSONColumnType<T, string, string>;

export interface DevicesTable {
  id: Generated<string>;
  employeeId: string;
  publicKey: Json<Record<string, unknown>>;
  keyThumbprint: string;
  label: string;
  platform: string | null;
  status: string;
  requestReason: string | null;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  lastUsedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

export interface PhotosTable {
  hash: string;
  mime: string;
  sizeBytes: number;
  employeeId: string;
  createdAt: Generated<Date>;
  purgedAt: Timestamp | null;
}

export interface PhotoViewsTable {
  id: Generated<number>;
  photoHash: string;
  viewerId: string;
  viewedAt: Generated<Date>;
  ip: string | null;
  userAgent: string | null;
}

export interface WorkLocationsTable {
  id: Generated<string>;
  employeeId: string;
  kind: string;
  label: string;
  lat: number;
  lon: number;
  radiusM: number;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface FieldAssignmentsTable {
  id: Generated<string>;
  employeeId: string;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  letterNumber: string;
  destination: string;
  lat: number;
  lon: number;
  radiusM: number;
  status: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface MonthClosingsTable {
  unitId: string;
  month: string;
  closedBy: string | null;
  closedAt: Generated<Date>;
  contentHash: string | null;
}

export interface ApelSchedulesTable {
  id: Generated<string>;
  unitId: string;
  kind: string;
  weekdays: number[];
  startTime: string;
  windowMinutes: number;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ApelSessionsTable {
  id: Generated<string>;
  unitId: string;
  scheduleId: string | null;
  kind: string;
  title: string;
  localDate: LocalDate;
  opensAt: Timestamp;
  closesAt: Timestamp;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface KioskSessionsTable {
  id: Generated<string>;
  unitId: string;
  apelSessionId: string | null;
  label: string;
  secret: string;
  tokenHash: string;
  openedBy: string;
  openedAt: Generated<Date>;
  expiresAt: Timestamp;
  closedAt: Timestamp | null;
}

export interface PunchesTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  kind: string;
  source: string;
  occurredAt: Timestamp;
  receivedAt: Timestamp;
  localDate: LocalDate;
  idempotencyKey: string;
  bodyHash: string;
  lat: number | null;
  lon: number | null;
  accuracyM: number | null;
  provider: string | null;
  mockLocation: boolean | null;
  deviceId: string | null;
  photoHash: string | null;
  network: Json<Record<string, unknown>> | null;
  appVersion: string | null;
  placeKind: string | null;
  placeId: string | null;
  placeLabel: string | null;
  distanceM: number | null;
  offline: Json<Record<string, unknown>> | null;
  kioskSessionId: string | null;
  qrWindow: number | null;
  apelSessionId: string | null;
  terminalSerial: string | null;
  verdict: string;
  reasons: ColumnType<{ code: string; message: string }[], string | undefined, string>;
}

export interface PunchReviewsTable {
  punchId: string;
  decision: string;
  note: string;
  decidedBy: string;
  decidedAt: Generated<Date>;
}

/** Flagged punches waiting for a review, kept by triggers (migration 202612060201). */
export interface ReviewQueueTable {
  punchId: string;
}

export interface TerminalUsersTable {
  id: Generated<string>;
  terminalSerial: string | null;
  terminalUserId: string;
  employeeId: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface DayStatusesTable {
  employeeId: string;
  localDate: LocalDate;
  unitId: string;
  code: string;
  lateBand: string | null;
  earlyBand: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  missingCheckIn: boolean;
  missingCheckOut: boolean;
  workLocation: string | null;
  nonWorkingDay: boolean;
  reasons: ColumnType<string[], string | undefined, string>;
  rulebookId: string;
  computedAt: Timestamp;
  /** First day of the month (the view unnests `status_months`; filter on it to read only those months). */
  month: LocalDate;
  /** The distinct units of the employee's days in that month. */
  monthUnits: string[];
}

/**
 * One employee-month of daily statuses (migration 202612010600): `units` plus one packed text per day column,
 * read and written through src/server/lib/month-rows.ts.
 */
export interface StatusMonthsTable {
  employeeId: string;
  month: LocalDate;
  units: string[];
  unitIx: string;
  code: string;
  lateBand: string;
  earlyBand: string;
  lateMinutes: string;
  earlyMinutes: string;
  missingCheckIn: string;
  missingCheckOut: string;
  workLocation: string;
  nonWorkingDay: string;
  reasons: string;
  rulebookId: string;
  computedMs: string;
  /** Per day `BAND:MINUTES` of a lateness made up the same day, '' none (migration 202612120100). */
  madeUpLate: Generated<string>;
  computedAt: Timestamp;
}

/**
 * One row per attachment (src/server/files): the owning record (null = an upload waiting to be cited, owned by its
 * uploader), what it is for, its content and where its bytes are (the store, by SHA-256). Migration 202612070300.
 */
export interface AttachmentsTable {
  id: Generated<string>;
  ownerKind: string | null;
  ownerId: string | null;
  kind: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  fileName: string | null;
  uploadedBy: string | null;
  createdAt: Generated<Date>;
  retentionClass: string;
  /** Set when the retention job deleted the bytes; the row stays as the record that there was a file. */
  purgedAt: Timestamp | null;
}

/** Every view of an attachment: who, when, from where (UU 27/2022 access log). Migration 202612070302. */
export interface AttachmentViewsTable {
  id: Generated<number>;
  attachmentId: string | null;
  ownerKind: string;
  ownerId: string;
  sha256: string;
  viewerId: string;
  viewedAt: Generated<Date>;
  ip: string | null;
  userAgent: string | null;
}

export interface PermitsTable {
  id: Generated<string>;
  employeeId: string;
  kind: string;
  part: Generated<string>;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  reason: string;
  letterNumber: string | null;
  letterDate: LocalDate | null;
  fileHash: string | null;
  destination: string | null;
  lat: number | null;
  lon: number | null;
  radiusM: number | null;
  workLocation: string | null;
  status: string;
  requestedBy: string;
  recordedByAdmin: Generated<boolean>;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  cancelledBy: string | null;
  cancelledAt: Timestamp | null;
  cancelNote: string | null;
  fieldAssignmentId: string | null;
  /** Working days past the rulebook's window when filed (null = on time; migration 202612060120). */
  lateDays: Generated<number | null>;
  lateWindowDays: Generated<number | null>;
  createdAt: Generated<Date>;
}

export interface CorrectionsTable {
  id: Generated<string>;
  employeeId: string;
  localDate: LocalDate;
  timeZone: string;
  checkInAt: Timestamp | null;
  checkOutAt: Timestamp | null;
  category: string;
  reason: string;
  evidenceHash: string;
  status: string;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  cancelledBy: string | null;
  cancelledAt: Timestamp | null;
  cancelNote: string | null;
  createdAt: Generated<Date>;
  /** Working days past the rulebook's window when filed (null = on time; migration 202612060121). */
  lateDays: Generated<number | null>;
  lateWindowDays: Generated<number | null>;
}

/** A view over `attachmentViews` (permit letters and correction evidence), under its name before issue 14. */
export interface RequestFileViewsTable {
  id: Generated<number>;
  fileHash: string;
  entityType: string;
  entityId: string;
  viewerId: string;
  viewedAt: Generated<Date>;
  ip: string | null;
  userAgent: string | null;
}

export interface LeaveRequestsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  type: string;
  variant: string | null;
  dateFrom: LocalDate;
  dateTo: LocalDate;
  workingDays: number;
  calendarDays: number;
  reason: string;
  address: string | null;
  status: string;
  superiorId: string | null;
  approverKind: string;
  approverPositionId: string | null;
  approverUnitId: string | null;
  attachmentHash: string | null;
  attachmentKind: string | null;
  attachmentMime: string | null;
  attachmentName: string | null;
  attachmentSize: number | null;
  letterNumber: string | null;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface LeaveDecisionsTable {
  id: Generated<number>;
  requestId: string;
  step: string;
  decision: string;
  note: string | null;
  decidedBy: string;
  deciderEmployeeId: string | null;
  deciderName: string;
  deciderNip: string | null;
  deciderPosition: string | null;
  decidedAt: Generated<Date>;
}

export interface LeaveOpeningBalancesTable {
  employeeId: string;
  year: number;
  carriedFromPreviousYear: number;
  carriedFromTwoYearsBefore: number;
  takenBefore: number;
  note: string | null;
  setBy: string;
  setAt: Generated<Date>;
}

export interface StatusQueueTable {
  employeeId: string;
  localDate: LocalDate;
  reason: string;
  queuedAt: Generated<Date>;
}

/** Dates whose every employee-day was queued once the date ended. */
export interface StatusFillsTable {
  localDate: LocalDate;
  queuedDays: number;
  queuedAt: Generated<Date>;
}

export interface StatusAdjustmentsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  localDate: LocalDate;
  monthClosed: string;
  carriedToMonth: string;
  oldCode: string | null;
  /** Null: the day became "no data" (migration 202612060111). */
  newCode: string | null;
  oldStatus: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  newStatus: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  reason: string;
  createdAt: Generated<Date>;
}

export interface MonthlyRecapsTable {
  employeeId: string;
  month: string;
  unitId: string;
  recordedDays: number;
  workingDays: number;
  codeCounts: ColumnType<Record<string, number>, string | undefined, string>;
  lateMinutes: number;
  earlyMinutes: number;
  tl1: number;
  tl2: number;
  tl3: number;
  tl4: number;
  psw1: number;
  psw2: number;
  psw3: number;
  psw4: number;
  missingIn: number;
  missingOut: number;
  onTimeDays: number;
  tkDays: number;
  minutesPerDay: number;
  tkEquivalentDays: number;
  wfoDays: number;
  wfhDays: number;
  wfaDays: number;
  apelTarget: number;
  apelAttended: number;
  adjustmentCount: number;
  adjustmentDelta: ColumnType<Record<string, number>, string | undefined, string>;
  computedAt: Generated<Date>;
}

export interface RecapClosingsTable {
  id: Generated<string>;
  unitId: string;
  month: string;
  closedBy: string | null;
  closedAt: Timestamp;
  contentHash: string;
  rowCount: number;
  snapshot: ColumnType<unknown[], string, string>;
  reopenedBy: string | null;
  reopenedAt: Timestamp | null;
  reopenReason: string | null;
  /** Items left open with the closer's reason (migration 202612060110). */
  waivers: ColumnType<unknown[], string | undefined, string>;
}

/** A roster line: the shift of an employee on a date; `shiftCode` null = scheduled day off (libur). */
export interface ShiftRostersTable {
  employeeId: string;
  localDate: LocalDate;
  shiftCode: string | null;
  createdBy: string | null;
  updatedAt: Generated<Date>;
}

/** In-app notifications, one per recipient account (migration 202612060400; modules/notifications). */
export interface NotificationsTable {
  id: Generated<string>;
  userId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  entityType: string;
  entityId: string;
  subjectEmployeeId: string | null;
  /** `kind|entityType|entityId` when the notification is sent once per recipient; null when it may recur. */
  dedupeKey: string | null;
  createdAt: Generated<Date>;
  readAt: Timestamp | null;
}

/** A device's Web Push subscription (migration 202612060401). */
export interface PushSubscriptionsTable {
  id: Generated<string>;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
  createdAt: Generated<Date>;
  lastSentAt: Timestamp | null;
}

/** A scheduled notification run claimed by one server process (migration 202612060402: the daily digest). */
export interface NotificationRunsTable {
  kind: string;
  runKey: string;
  claimedBy: string;
  claimedAt: Timestamp;
  finishedAt: Timestamp | null;
  sent: Generated<number>;
}

/** Letterheads (kop surat) set by BKD: the region's row (`unitId` null) and one per unit. Migration 202612071400. */
export interface LetterheadsTable {
  id: Generated<string>;
  unitId: string | null;
  regionName: string | null;
  agencyName: string | null;
  address: string | null;
  contact: string | null;
  logo: Uint8Array | null;
  logoType: string | null;
  logoSha256: string | null;
  updatedBy: string | null;
  updatedAt: Generated<Date>;
}

/** Letter-number schemes per unit and letter type. Migration 202612071401. */
export interface LetterNumberSchemesTable {
  id: Generated<string>;
  unitId: string;
  letterType: string;
  pattern: string;
  classificationCode: Generated<string>;
  unitCode: string;
  counterDigits: Generated<number>;
  updatedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** The last number issued per scheme and year. Migration 202612071402. */
export interface LetterNumberCountersTable {
  schemeId: string;
  year: number;
  lastNumber: number;
}

/** numeric columns come back as strings (exact decimals); written from a number or a string. */
type Numeric = ColumnType<string, number | string, number | string>;
type NumericOrNull = ColumnType<string | null, number | string | null, number | string | null>;
type JsonValue<T> = ColumnType<T, string | undefined, string>;

/** SKP per employee and period (migration 202612081500; PermenPANRB 6/2022). */
export interface SkpTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  positionId: string | null;
  year: number;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  approach: string;
  status: Generated<string>;
  penilaiId: string | null;
  atasanPenilaiId: string | null;
  returnNote: string | null;
  submittedAt: Timestamp | null;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
  decidedAs: string | null;
  copiedFrom: string | null;
  /** [{ value: BerAKHLAK code, ekspektasi: string }] */
  perilaku: JsonValue<{ value: string; ekspektasi: string }[]>;
  /** { dukunganSumberDaya: string[], skemaPertanggungjawaban: string[], konsekuensi: string[] } */
  lampiran: JsonValue<Record<string, string[]>>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** An RHK of an SKP and the superior's RHK it intervenes (migration 202612081501). */
export interface SkpRhkTable {
  id: Generated<string>;
  skpId: string;
  kind: string;
  seq: number;
  text: string;
  intervenesRhkId: string | null;
  penugasanDari: string | null;
}

/** An indicator of an RHK with its target (migration 202612081502). */
export interface SkpIndicatorsTable {
  id: Generated<string>;
  rhkId: string;
  seq: number;
  text: string;
  aspect: string;
  targetMin: Numeric;
  targetMax: NumericOrNull;
  satuan: string;
}

/** A daily activity report and its verification (migration 202612081503). */
export interface DailyReportsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  skpId: string;
  rhkId: string;
  reportDate: LocalDate;
  activity: string;
  output: string | null;
  quantity: NumericOrNull;
  satuan: string | null;
  minutes: number;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  clientId: string;
  recordedAt: Timestamp | null;
  status: Generated<string>;
  verifierId: string | null;
  verifiedAs: string | null;
  verifiedAt: Timestamp | null;
  verifyNote: string | null;
  revision: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** Continuous feedback on an RHK or a report (migration 202612081504). */
export interface KinerjaFeedbackTable {
  id: Generated<string>;
  employeeId: string;
  skpId: string;
  rhkId: string | null;
  reportId: string | null;
  authorId: string;
  authorAs: string | null;
  text: string;
  createdAt: Generated<Date>;
}

/** Evidence of an RHK's realisation for a period (migration 202612081505). */
export interface RhkEvidenceTable {
  id: Generated<string>;
  employeeId: string;
  skpId: string;
  rhkId: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  description: string;
  link: string | null;
  createdAt: Generated<Date>;
}

/** A unit's organisational performance for a period (migration 202612081506). */
export interface UnitPerformanceTable {
  id: Generated<string>;
  unitId: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  rating: string;
  note: string | null;
  setBy: string | null;
  setAt: Generated<Date>;
}

/** A periodic or annual evaluation of an SKP (migration 202612081507). */
export interface EvaluationsTable {
  id: Generated<string>;
  skpId: string;
  employeeId: string;
  unitId: string;
  kind: string;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  label: string;
  status: Generated<string>;
  /** [{ indicatorId, realisasi: number | null, note: string | null }] */
  realisation: JsonValue<{ indicatorId: string; realisasi: number | null; note: string | null }[]>;
  hasilKerjaRating: string | null;
  perilakuRating: string | null;
  /** [{ value: BerAKHLAK code, note: string }] */
  perilakuNotes: JsonValue<{ value: string; note: string }[]>;
  ratingNote: string | null;
  predikat: string | null;
  penilaiId: string | null;
  penilaiAs: string | null;
  atasanPenilaiId: string | null;
  atasanAs: string | null;
  orgPerformance: string | null;
  curveCheck: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  returnNote: string | null;
  finalisedAt: Timestamp | null;
  approvedAt: Timestamp | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** Behaviour feedback from a peer or subordinate (migration 202612081508). */
export interface EvaluationPeerFeedbackTable {
  id: Generated<string>;
  evaluationId: string;
  authorId: string;
  relation: string;
  ratings: JsonValue<Record<string, string>>;
  note: string | null;
  createdAt: Generated<Date>;
}

/** An objection to a predikat (migration 202612081509). */
export interface EvaluationObjectionsTable {
  id: Generated<string>;
  evaluationId: string;
  filedBy: string;
  reason: string;
  filedAt: Generated<Date>;
  status: Generated<string>;
  decidedBy: string | null;
  decidedAs: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  predikatBefore: string;
  predikatAfter: string | null;
}

/** The monthly kinerja figure of an employee for TPP (migration 202612081510). */
export interface KinerjaMonthlyTable {
  employeeId: string;
  month: string;
  unitId: string;
  method: string;
  score: NumericOrNull;
  requiredDays: Generated<number>;
  minutesRequired: Generated<number>;
  minutesAccepted: Generated<number>;
  reportsAccepted: Generated<number>;
  reportsPending: Generated<number>;
  reportsReturned: Generated<number>;
  evaluationId: string | null;
  predikat: string | null;
  explanation: JsonValue<unknown[]>;
  rulebookId: string;
  computedAt: Timestamp;
  frozenAt: Timestamp | null;
}

/** A change to a frozen monthly kinerja figure (migration 202612081511). */
export interface KinerjaAdjustmentsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  monthClosed: string;
  carriedToMonth: string;
  oldScore: NumericOrNull;
  newScore: NumericOrNull;
  reason: string;
  createdAt: Generated<Date>;
}

// ---------------------------------------------------------------- discipline (issue 16, migrations 2026120916xx)

/** Evidence of an indication: the days that count and the valid reasons already recorded. */
export interface IndicationEvidence {
  days: { date: string; code: string; lateMinutes: number; earlyMinutes: number }[];
  excused: { date: string; code: string }[];
  streak: { from: string; to: string; days: number } | null;
}

/** Who holds the next step of a case (for inboxes): employees by id and/or a role over the case's unit. */
export interface NextHolder {
  employeeIds: string[];
  roles: string[];
}

export interface DisciplineCasesTable {
  id: Generated<string>;
  caseNumber: string;
  employeeId: string;
  unitId: string;
  unitPath: string;
  employeeType: string;
  positionKind: string | null;
  source: string;
  sourceRef: string | null;
  track: Generated<string>;
  procedure: Generated<string>;
  violationDate: LocalDate;
  summary: string;
  expectedLevel: string;
  examinerKind: string | null;
  state: string;
  stateSince: Generated<Date>;
  rules: Json<Record<string, unknown>>;
  regulationSet: string;
  rulebookVersion: string | null;
  nextStep: string | null;
  nextDue: LocalDate | null;
  nextHolder: JSONColumnType<NextHolder, string, string> | null;
  relievedFrom: LocalDate | null;
  relievedTo: LocalDate | null;
  reliefPlhId: string | null;
  endedReason: string | null;
  openedBy: string;
  openedByEmployee: string | null;
  openedAs: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface DisciplineIndicationsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  unitPath: string;
  year: number;
  source: string;
  step: number;
  level: string;
  sanctionCode: string;
  totalDays: number;
  reachedOn: LocalDate | null;
  salaryStop: Generated<boolean>;
  salaryStopFromMonth: string | null;
  evidence: JSONColumnType<IndicationEvidence, string, string>;
  reasons: JSONColumnType<string[], string | undefined, string>;
  regulationSet: string;
  status: Generated<string>;
  caseId: string | null;
  decidedBy: string | null;
  decidedByEmployee: string | null;
  decidedAs: string | null;
  decidedAt: Timestamp | null;
  dismissReason: string | null;
  foundAt: Generated<Date>;
}

export interface DisciplineCaseViolationsTable {
  id: Generated<string>;
  caseId: string;
  indicationId: string | null;
  violationCode: string;
  article: string;
  occurredOn: LocalDate;
  description: string;
  level: string | null;
  createdAt: Generated<Date>;
}

export interface DisciplineCaseEventsTable {
  id: Generated<string>;
  caseId: string;
  at: Generated<Date>;
  action: string;
  fromState: string | null;
  toState: string | null;
  actorUserId: string | null;
  actorEmployeeId: string | null;
  actingAs: string | null;
  data: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  reason: string | null;
  confidential: Generated<boolean>;
}

export interface DisciplineTeamMembersTable {
  caseId: string;
  employeeId: string;
  role: string;
  isChair: Generated<boolean>;
  positionName: string | null;
  addedAt: Generated<Date>;
}

export interface DisciplineSummonsTable {
  id: Generated<string>;
  caseId: string;
  seq: number;
  letterNumber: string;
  letterDate: LocalDate;
  examDate: LocalDate;
  examTime: string | null;
  examPlace: string;
  limitDate: LocalDate;
  lateReason: string | null;
  attended: boolean | null;
  recordedAt: Generated<Date>;
}

export interface DisciplineExaminationsTable {
  caseId: string;
  examDate: LocalDate;
  mode: string;
  place: string;
  qa: JSONColumnType<{ question: string; answer: string }[], string | undefined, string>;
  examineeStatement: string | null;
  signedByExaminee: boolean;
  refusalNote: string | null;
  copyGivenOn: LocalDate | null;
  teamNotes: string | null;
  reportSummary: string | null;
  foundLevel: string | null;
  proposedSanction: string | null;
  reportedTo: JSONColumnType<Record<string, unknown>, string, string> | null;
  reportedAt: Timestamp | null;
  recordedBy: string;
  recordedAt: Generated<Date>;
}

export interface DisciplineSanctionsTable {
  id: Generated<string>;
  caseId: string;
  employeeId: string;
  sanctionCode: string;
  appliedCode: string;
  level: string;
  name: string;
  durationMonths: number | null;
  decidedByUser: string;
  decidedByEmployee: string | null;
  decidedAs: string | null;
  authority: Json<Record<string, unknown>>;
  skNumber: string;
  skDate: LocalDate;
  considerations: string;
  deliveryDue: LocalDate;
  deliverySummonedOn: LocalDate | null;
  deliveryMethod: string | null;
  postedOn: LocalDate | null;
  receivedOn: LocalDate | null;
  deliveredBy: string | null;
  effectiveOn: LocalDate | null;
  startsOn: LocalDate | null;
  endsOn: LocalDate | null;
  status: Generated<string>;
  blocksKgb: Generated<boolean>;
  blocksPromotion: Generated<boolean>;
  replacedBy: string | null;
  annulledOn: LocalDate | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface DisciplineAppealsTable {
  id: Generated<string>;
  sanctionId: string;
  caseId: string;
  kind: string;
  filedOn: LocalDate;
  filingDeadline: LocalDate;
  responseDue: LocalDate;
  reason: string;
  filedBy: string;
  status: Generated<string>;
  outcome: string | null;
  newSanctionCode: string | null;
  decidedOn: LocalDate | null;
  decisionNumber: string | null;
  decisionNote: string | null;
  decidedBy: string | null;
  createdAt: Generated<Date>;
}

/** A settlement case of the salary-stop annex (regulations.md §1.8). */
export interface SalarySettlement {
  kind: 'BAYAR_KEMBALI' | 'SETOR_KEMBALI';
  months: string[];
  note: string;
  recordedAt: string;
  recordedBy: string;
}

export interface DisciplineSalaryStopsTable {
  id: Generated<string>;
  employeeId: string;
  unitPath: string;
  indicationId: string | null;
  caseId: string | null;
  streakFrom: LocalDate;
  streakTo: LocalDate;
  streakDays: number;
  fromMonth: string;
  status: Generated<string>;
  notifiedBy: string;
  notifiedAt: Generated<Date>;
  verifiedBy: string | null;
  verifiedAt: Timestamp | null;
  verificationNote: string | null;
  confirmedDays: number | null;
  stoppedBy: string | null;
  stopDecisionNumber: string | null;
  stoppedAt: Timestamp | null;
  reactivation: JSONColumnType<Record<string, unknown>, string, string> | null;
  reactivatedFromMonth: string | null;
  settlements: JSONColumnType<SalarySettlement[], string | undefined, string>;
  updatedAt: Generated<Date>;
}

export interface DisciplineDocumentsTable {
  id: Generated<string>;
  caseId: string;
  kind: string;
  letterNumber: string | null;
  letterDate: LocalDate | null;
  attachmentId: string | null;
  title: string;
  createdBy: string;
  createdAt: Generated<Date>;
}

export interface DisciplinePybDesignationsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  levels: JSONColumnType<string[], string, string>;
  decreeNumber: string;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  createdBy: string;
  createdAt: Generated<Date>;
}

/** A TPP tariff table of a year with its Perkada reference (migration 202612101500). */
export interface TppTariffTablesTable {
  id: Generated<string>;
  year: number;
  perkadaRef: string;
  perkadaDate: LocalDate | null;
  note: string | null;
  status: Generated<string>;
  createdBy: string;
  createdAt: Generated<Date>;
}

/** One tariff: kelas × criterion, optionally only for a position group or a unit. */
export interface TppTariffsTable {
  id: Generated<string>;
  tableId: string;
  kelas: number;
  criterion: string;
  positionGroup: string | null;
  unitId: string | null;
  amount: number;
}

/** The TPP pagu of an OPD and year (migration 202612101501). */
export interface TppBudgetsTable {
  unitId: string;
  year: number;
  amount: number;
  reference: string | null;
  updatedBy: string;
  updatedAt: Generated<Date>;
}

/** Gaji pokok history (migration 202612101502). */
export interface EmployeeSalariesTable {
  id: Generated<string>;
  employeeId: string;
  validFrom: LocalDate;
  gajiPokok: number;
  reference: string | null;
  recordedBy: string;
  recordedAt: Generated<Date>;
}

/** The account TPP is transferred to, with NPWP. */
export interface EmployeeBankAccountsTable {
  employeeId: string;
  bankName: string;
  accountNumber: string;
  accountHolder: string;
  npwp: string | null;
  updatedBy: string;
  updatedAt: Generated<Date>;
}

/** A period in which an employee is excluded from TPP (migration 202612101503). */
export interface TppExclusionRecordsTable {
  id: Generated<string>;
  employeeId: string;
  code: string;
  validFrom: LocalDate;
  validTo: LocalDate | null;
  reason: string;
  reference: string | null;
  recordedBy: string;
  recordedAt: Generated<Date>;
  endedBy: string | null;
}

/** A monthly TPP run or a simulation (migration 202612101504). */
export interface TppRunsTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  month: string;
  kind: Generated<string>;
  status: string;
  rulebook: JSONColumnType<Record<string, unknown>, string, string>;
  rules: JSONColumnType<Record<string, unknown>, string, string>;
  tariffTableId: string | null;
  inputsHash: string;
  resultHash: string;
  totals: JSONColumnType<Record<string, unknown>, string, string>;
  objectionUntil: LocalDate | null;
  label: string | null;
  version: Generated<number>;
  createdBy: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  lockedAt: Timestamp | null;
}

/** One employee's line of a run (migration 202612101505). */
export interface TppRunLinesTable {
  runId: string;
  employeeId: string;
  unitId: string;
  nip: string | null;
  name: string;
  golongan: string | null;
  positionName: string | null;
  employeeType: string;
  kelas: number | null;
  base: number;
  kinerja: number;
  disiplin: number;
  deductions: number;
  sanctionCut: number;
  gross: number;
  bpjsEmployer: number;
  bpjsEmployee: number;
  tax: Generated<number>;
  correction: Generated<number>;
  net: number;
  excluded: Generated<boolean>;
  exclusionCode: string | null;
  /** The result's JSON text, exactly as its `resultHash` was taken over (read with `readLineResult`). */
  breakdown: string;
  /** The input snapshot as the exact JSON text hashed into `inputsHash` (runs-engine.ts `readLineInputs`). */
  inputs: string;
  inputsHash: string;
  /** SHA-256 of the line's result (`lineResultHash`); '' for lines stored before it was kept. */
  resultHash: Generated<string>;
  version: Generated<number>;
  updatedAt: Generated<Date>;
}

/** A step of a run's lifecycle (migration 202612101506). */
export interface TppRunEventsTable {
  id: Generated<string>;
  runId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorUserId: string | null;
  note: string | null;
  data: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  at: Generated<Date>;
}

/** An employee's objection to a line of their TPP (migration 202612101507). */
export interface TppObjectionsTable {
  id: Generated<string>;
  runId: string;
  employeeId: string;
  line: JSONColumnType<Record<string, unknown>, string, string>;
  reason: string;
  evidenceFileId: string | null;
  status: Generated<string>;
  filedBy: string;
  filedAt: Generated<Date>;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  decisionNote: string | null;
  rerunAt: Timestamp | null;
}

/** The treasurer (bendahara pengeluaran) of an OPD who signs the nominative list (migration 202612111110). */
export interface TppTreasurersTable {
  unitId: string;
  employeeId: string;
  decree: string | null;
  updatedBy: string;
  updatedAt: Generated<Date>;
}

/** A correction after locking, paid in the next run (migration 202612101508). */
export interface TppCorrectionsTable {
  id: Generated<string>;
  employeeId: string;
  originRunId: string;
  originMonth: string;
  amount: number;
  reason: string;
  createdBy: string;
  createdAt: Generated<Date>;
  appliedRunId: string | null;
}

/** Table `complaint_events` (issue 18, oversight and recognition). */
export interface ComplaintEventsTable {
  id: Generated<string>;
  complaintId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  note: string | null;
  actorId: string | null;
  actorName: string | null;
  at: Timestamp;
}

/** Table `complaint_photos` (issue 18, oversight and recognition). */
export interface ComplaintPhotosTable {
  id: Generated<string>;
  complaintId: string;
  position: number;
  createdAt: Timestamp;
}

/** Table `complaints` (issue 18, oversight and recognition). */
export interface ComplaintsTable {
  id: Generated<string>;
  number: string;
  trackingHash: string | null;
  channel: string;
  laporId: string | null;
  category: string;
  unitId: string;
  handlingUnitId: string | null;
  reportedEmployeeId: string | null;
  reportedName: string | null;
  title: string;
  description: string;
  incidentDate: LocalDate | null;
  latitude: number | null;
  longitude: number | null;
  reporterName: string | null;
  reporterContact: string | null;
  status: string;
  routedAt: Timestamp | null;
  dueOn: LocalDate | null;
  answer: string | null;
  answeredAt: Timestamp | null;
  answeredBy: string | null;
  disciplineCaseId: string | null;
  receivedAt: Timestamp;
  updatedAt: Timestamp;
}

/** Table `election_watch_acks` (issue 18, oversight and recognition). */
export interface ElectionWatchAcksTable {
  id: Generated<string>;
  periodId: string;
  unitId: string;
  localDate: LocalDate;
  employeeId: string;
  userId: string;
  acting: string | null;
  note: string | null;
  acknowledgedAt: Timestamp;
  dueAt: Timestamp;
}

/** Table `election_watch_escalations` (issue 18, oversight and recognition). */
export interface ElectionWatchEscalationsTable {
  id: Generated<string>;
  periodId: string;
  unitId: string;
  localDate: LocalDate;
  kind: string;
  employeeId: string | null;
  subjectKey: string;
  reason: string;
  recipients: number;
  createdAt: Timestamp;
}

/** Table `election_watch_neutrality` (issue 18, oversight and recognition). */
export interface ElectionWatchNeutralityTable {
  id: Generated<string>;
  periodId: string | null;
  employeeId: string;
  unitId: string;
  source: string;
  referenceNo: string;
  referenceDate: LocalDate;
  conductCode: string;
  conductDate: LocalDate;
  description: string;
  track: string | null;
  moralSanction: string | null;
  decisionNote: string | null;
  disciplineCaseId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
}

/** Table `election_watch_period_units` (issue 18, oversight and recognition). */
export interface ElectionWatchPeriodUnitsTable {
  periodId: string;
  unitId: string;
}

/** Table `election_watch_periods` (issue 18, oversight and recognition). */
export interface ElectionWatchPeriodsTable {
  id: Generated<string>;
  name: string;
  kind: string;
  legalBasis: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  ackDueTime: string;
  wholeRegion: boolean;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** Table `election_watch_stages` (issue 18, oversight and recognition). */
export interface ElectionWatchStagesTable {
  id: Generated<string>;
  periodId: string;
  kind: string;
  name: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  keyDate: boolean;
  position: number;
}

/** Table `inspection_checklist_items` (issue 18, oversight and recognition). */
export interface InspectionChecklistItemsTable {
  id: Generated<string>;
  category: string;
  label: string;
  active: Generated<boolean>;
  createdAt: Generated<Date>;
}

/** Table `inspection_findings` (issue 18, oversight and recognition). */
export interface InspectionFindingsTable {
  id: string;
  inspectionId: string;
  unitId: string;
  checklistItemId: string | null;
  category: string;
  employeeId: string | null;
  note: string;
  recordedBy: string;
  recordedAt: Timestamp;
  receivedAt: Timestamp;
  followUpStatus: Generated<string>;
  assigneeUserId: string | null;
  dueDate: LocalDate | null;
  actionTaken: string | null;
  actionAt: Timestamp | null;
  closedBy: string | null;
  closedAt: Timestamp | null;
  closeNote: string | null;
  disciplineCaseId: string | null;
}

/** Table `inspection_marks` (issue 18, oversight and recognition). */
export interface InspectionMarksTable {
  id: string;
  inspectionId: string;
  employeeId: string;
  found: boolean;
  note: string | null;
  markedBy: string;
  markedAt: Timestamp;
  receivedAt: Timestamp;
}

/** Table `inspection_photos` (issue 18, oversight and recognition). */
export interface InspectionPhotosTable {
  id: Generated<string>;
  findingId: string;
  sha256: string;
  createdAt: Timestamp;
}

/** Table `inspection_roster` (issue 18, oversight and recognition). */
export interface InspectionRosterTable {
  inspectionId: string;
  employeeId: string;
  unitId: string;
  status: string;
  code: string | null;
  checkInAt: Timestamp | null;
  reason: string | null;
}

/** Table `inspection_team` (issue 18, oversight and recognition). */
export interface InspectionTeamTable {
  inspectionId: string;
  userId: string;
}

/** Table `inspection_units` (issue 18, oversight and recognition). */
export interface InspectionUnitsTable {
  inspectionId: string;
  unitId: string;
}

/** Table `inspections` (issue 18, oversight and recognition). */
export interface InspectionsTable {
  id: Generated<string>;
  title: string;
  kind: string;
  date: LocalDate;
  status: Generated<string>;
  complaintId: string | null;
  note: string | null;
  createdBy: string;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  rosterAt: Timestamp | null;
  finishedAt: Timestamp | null;
  summary: string | null;
}

/** Table `teladan_awards` (issue 18, oversight and recognition). */
export interface TeladanAwardsTable {
  id: Generated<string>;
  periodId: string;
  employeeId: string;
  category: string;
  opdId: string;
  score: string;
  regionRank: number;
  opdRank: number;
  letterNumber: string | null;
  publishedAt: Timestamp;
}

/** Table `teladan_committee` (issue 18, oversight and recognition). */
export interface TeladanCommitteeTable {
  periodId: string;
  employeeId: string;
  role: string;
}

/** Table `teladan_decisions` (issue 18, oversight and recognition). */
export interface TeladanDecisionsTable {
  periodId: string;
  employeeId: string;
  decision: string;
  category: string | null;
  note: string | null;
  decidedBy: string;
  decidedAt: Timestamp;
}

/** Table `teladan_nominations` (issue 18, oversight and recognition). */
export interface TeladanNominationsTable {
  id: Generated<string>;
  periodId: string;
  employeeId: string;
  kind: string;
  reason: string;
  nominatorEmployeeId: string | null;
  source: string | null;
  reference: string | null;
  recordedBy: string;
  createdAt: Timestamp;
}

/** Table `teladan_periods` (issue 18, oversight and recognition). */
export interface TeladanPeriodsTable {
  id: Generated<string>;
  name: string;
  year: number;
  fromMonth: string;
  toMonth: string;
  unitIds: Generated<string[]>;
  employeeTypes: string[];
  legalBasis: string;
  criteria: JSONColumnType<Record<string, unknown>, string, string>;
  winnersPerOpd: number;
  winnersRegion: number;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: Timestamp;
  reviewStartedAt: Timestamp | null;
  publishedAt: Timestamp | null;
  publishedBy: string | null;
}

/** Table `teladan_snapshots` (issue 18, oversight and recognition). */
export interface TeladanSnapshotsTable {
  periodId: string;
  stage: string;
  ranking: JSONColumnType<Record<string, unknown>, string, string>;
  takenBy: string;
  takenAt: Timestamp;
}

/** Table `competency_technicals` (issue 19 point 1): BKD's dictionary of technical competencies. */
export interface CompetencyTechnicalsTable {
  code: string;
  name: string;
  family: string;
  definition: string | null;
  levels: JSONColumnType<string[], string, string>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** Table `competency_position_levels` (issue 19 point 1): a position's required level per competency. */
export interface CompetencyPositionLevelsTable {
  positionId: string;
  code: string;
  level: number;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** Table `competency_assessments` (issue 19 point 2): assessment-centre and potential-test results. */
export interface CompetencyAssessmentsTable {
  id: Generated<string>;
  employeeId: string;
  assessedOn: LocalDate;
  method: string;
  assessor: string;
  unitId: string;
  positionId: string | null;
  levels: JSONColumnType<{ code: string; level: number }[], string, string>;
  notes: string | null;
  recommendation: string | null;
  importId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** Table `competency_trainings` (issue 19 point 3): the training catalogue BKD maintains. */
export interface CompetencyTrainingsTable {
  id: Generated<string>;
  title: string;
  kind: string;
  codes: string[];
  jp: number;
  cost: number;
  provider: string | null;
  active: Generated<boolean>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** Table `competency_training_budgets` (issue 19 point 3): an OPD's yearly training budget. */
export interface CompetencyTrainingBudgetsTable {
  unitId: string;
  year: number;
  amount: number;
  reference: string | null;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

/** Table `competency_training_records` (issue 19 point 4): training an employee took; certificate as attachment. */
export interface CompetencyTrainingRecordsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  title: string;
  provider: string;
  startDate: LocalDate;
  endDate: LocalDate;
  jp: number;
  cost: number;
  trainingId: string | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** Table `competency_change_projects` (issue 19 point 5): a leadership training's proyek perubahan. */
export interface CompetencyChangeProjectsTable {
  id: Generated<string>;
  employeeId: string;
  unitId: string;
  trainingRecordId: string;
  program: string;
  title: string;
  problem: string;
  goals: JSONColumnType<{ id: string; goal: string; indicator: string; target: string }[]>;
  milestones: JSONColumnType<{ title: string; dueDate: string }[]>;
  impactInstitution: string;
  impactPublic: string;
  status: Generated<string>;
  evaluationDate: LocalDate;
  score: number | null;
  verdict: string | null;
  evaluatedAt: Timestamp | null;
  registeredAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Table `competency_change_project_assessors` (issue 19 point 5): internal (employee) or external assessors. */
export interface CompetencyChangeProjectAssessorsTable {
  id: Generated<string>;
  projectId: string;
  kind: string;
  employeeId: string | null;
  userId: string | null;
  name: string;
  institution: string;
  assignedBy: string | null;
  assignedAt: Timestamp;
}

/** Table `competency_change_project_ratings` (issue 19 point 5): one assessor's score of one goal, with evidence. */
export interface CompetencyChangeProjectRatingsTable {
  id: Generated<string>;
  projectId: string;
  assessorId: string;
  goalId: string;
  score: number;
  note: string;
  ratedBy: string | null;
  ratedAt: Timestamp;
}

export interface Database {
  units: UnitsTable;
  offices: OfficesTable;
  positions: PositionsTable;
  employees: EmployeesTable;
  placements: PlacementsTable;
  actingAssignments: ActingAssignmentsTable;
  users: UsersTable;
  loginThrottles: LoginThrottlesTable;
  roleGrants: RoleGrantsTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  importJobs: ImportJobsTable;
  rulebookVersions: RulebookVersionsTable;
  devices: DevicesTable;
  photos: PhotosTable;
  photoViews: PhotoViewsTable;
  workLocations: WorkLocationsTable;
  fieldAssignments: FieldAssignmentsTable;
  monthClosings: MonthClosingsTable;
  apelSchedules: ApelSchedulesTable;
  apelSessions: ApelSessionsTable;
  kioskSessions: KioskSessionsTable;
  punches: PunchesTable;
  punchReviews: PunchReviewsTable;
  reviewQueue: ReviewQueueTable;
  terminalUsers: TerminalUsersTable;
  /** A view over `statusMonths`: one row per stored employee-day. */
  dayStatuses: DayStatusesTable;
  statusMonths: StatusMonthsTable;
  statusQueue: StatusQueueTable;
  leaveRequests: LeaveRequestsTable;
  leaveDecisions: LeaveDecisionsTable;
  leaveOpeningBalances: LeaveOpeningBalancesTable;
  statusAdjustments: StatusAdjustmentsTable;
  statusFills: StatusFillsTable;
  attachments: AttachmentsTable;
  attachmentViews: AttachmentViewsTable;
  permits: PermitsTable;
  corrections: CorrectionsTable;
  requestFileViews: RequestFileViewsTable;
  monthlyRecaps: MonthlyRecapsTable;
  recapClosings: RecapClosingsTable;
  shiftRosters: ShiftRostersTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
  pushSubscriptions: PushSubscriptionsTable;
  notificationRuns: NotificationRunsTable;
  letterheads: LetterheadsTable;
  letterNumberSchemes: LetterNumberSchemesTable;
  letterNumberCounters: LetterNumberCountersTable;
  skp: SkpTable;
  skpRhk: SkpRhkTable;
  skpIndicators: SkpIndicatorsTable;
  dailyReports: DailyReportsTable;
  kinerjaFeedback: KinerjaFeedbackTable;
  rhkEvidence: RhkEvidenceTable;
  unitPerformance: UnitPerformanceTable;
  evaluations: EvaluationsTable;
  evaluationPeerFeedback: EvaluationPeerFeedbackTable;
  evaluationObjections: EvaluationObjectionsTable;
  kinerjaMonthly: KinerjaMonthlyTable;
  kinerjaAdjustments: KinerjaAdjustmentsTable;
  disciplineCases: DisciplineCasesTable;
  disciplineIndications: DisciplineIndicationsTable;
  disciplineCaseViolations: DisciplineCaseViolationsTable;
  disciplineCaseEvents: DisciplineCaseEventsTable;
  disciplineTeamMembers: DisciplineTeamMembersTable;
  disciplineSummons: DisciplineSummonsTable;
  disciplineExaminations: DisciplineExaminationsTable;
  disciplineSanctions: DisciplineSanctionsTable;
  disciplineAppeals: DisciplineAppealsTable;
  disciplineSalaryStops: DisciplineSalaryStopsTable;
  disciplineDocuments: DisciplineDocumentsTable;
  disciplinePybDesignations: DisciplinePybDesignationsTable;
  tppTariffTables: TppTariffTablesTable;
  tppTariffs: TppTariffsTable;
  tppBudgets: TppBudgetsTable;
  employeeSalaries: EmployeeSalariesTable;
  employeeBankAccounts: EmployeeBankAccountsTable;
  tppExclusionRecords: TppExclusionRecordsTable;
  tppRuns: TppRunsTable;
  tppRunLines: TppRunLinesTable;
  tppRunEvents: TppRunEventsTable;
  tppObjections: TppObjectionsTable;
  tppCorrections: TppCorrectionsTable;
  tppTreasurers: TppTreasurersTable;
  // Oversight and recognition (issue 18): inspections, complaints, election-period watch, ASN teladan.
  complaintEvents: ComplaintEventsTable;
  complaintPhotos: ComplaintPhotosTable;
  complaints: ComplaintsTable;
  electionWatchAcks: ElectionWatchAcksTable;
  electionWatchEscalations: ElectionWatchEscalationsTable;
  electionWatchNeutrality: ElectionWatchNeutralityTable;
  electionWatchPeriodUnits: ElectionWatchPeriodUnitsTable;
  electionWatchPeriods: ElectionWatchPeriodsTable;
  electionWatchStages: ElectionWatchStagesTable;
  inspectionChecklistItems: InspectionChecklistItemsTable;
  inspectionFindings: InspectionFindingsTable;
  inspectionMarks: InspectionMarksTable;
  inspectionPhotos: InspectionPhotosTable;
  inspectionRoster: InspectionRosterTable;
  inspectionTeam: InspectionTeamTable;
  inspectionUnits: InspectionUnitsTable;
  inspections: InspectionsTable;
  teladanAwards: TeladanAwardsTable;
  teladanCommittee: TeladanCommitteeTable;
  teladanDecisions: TeladanDecisionsTable;
  teladanNominations: TeladanNominationsTable;
  teladanPeriods: TeladanPeriodsTable;
  teladanSnapshots: TeladanSnapshotsTable;
  competencyTechnicals: CompetencyTechnicalsTable;
  competencyPositionLevels: CompetencyPositionLevelsTable;
  competencyAssessments: CompetencyAssessmentsTable;
  competencyTrainings: CompetencyTrainingsTable;
  competencyTrainingBudgets: CompetencyTrainingBudgetsTable;
  competencyTrainingRecords: CompetencyTrainingRecordsTable;
  competencyChangeProjects: CompetencyChangeProjectsTable;
  competencyChangeProjectAssessors: CompetencyChangeProjectAssessorsTable;
  competencyChangeProjectRatings: CompetencyChangeProjectRatingsTable;
}
