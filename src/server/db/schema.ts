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

export interface Database {
  units: UnitsTable;
  offices: OfficesTable;
  positions: PositionsTable;
  employees: EmployeesTable;
  placements: PlacementsTable;
  actingAssignments: ActingAssignmentsTable;
  users: UsersTable;
  roleGrants: RoleGrantsTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  importJobs: ImportJobsTable;
  rulebookVersions: RulebookVersionsTable;
}
