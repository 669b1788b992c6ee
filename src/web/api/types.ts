import type { z } from 'zod';
import type { auditEntrySchema, auditQuerySchema, auditVerifySchema } from '../../shared/api/audit.ts';
import type { importJobSchema, IMPORT_KINDS } from '../../shared/api/imports.ts';
import type {
  actingInputSchema,
  actingSchema,
  EMPLOYEE_TYPES,
  employeeDetailSchema,
  employeeInputSchema,
  employeeListItemSchema,
  employeeListQuerySchema,
  officeInputSchema,
  officeSchema,
  placementInputSchema,
  placementSchema,
  positionSchema,
  TIME_ZONES,
  UNIT_KINDS,
  unitInputSchema,
  unitSchema,
} from '../../shared/api/org.ts';

export type { Me, Role } from '../../shared/api/access.ts';
export type { DashboardSummary } from '../../shared/api/dashboard.ts';
export type { UnitTreeNode } from '../../shared/api/org.ts';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type EmployeeType = (typeof EMPLOYEE_TYPES)[number];
export type UnitKind = (typeof UNIT_KINDS)[number];
export type TimeZone = (typeof TIME_ZONES)[number];
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type Unit = z.infer<typeof unitSchema>;
export type UnitInput = z.input<typeof unitInputSchema>;
/** A corner of an office's polygon geofence. */
export interface LatLonPoint {
  lat: number;
  lon: number;
}
/** An office; `polygon` (when set) is a geofence drawn around the building instead of the circle. */
export type Office = z.infer<typeof officeSchema>;
export type OfficeInput = z.input<typeof officeInputSchema>;
export type Position = z.infer<typeof positionSchema>;
export type EmployeeListItem = z.infer<typeof employeeListItemSchema>;
export type EmployeeDetail = z.infer<typeof employeeDetailSchema>;
export type EmployeeInput = z.input<typeof employeeInputSchema>;
export type Placement = z.infer<typeof placementSchema>;
export type PlacementInput = z.input<typeof placementInputSchema>;
export type Acting = z.infer<typeof actingSchema>;
export type ActingInput = z.input<typeof actingInputSchema>;
export type ImportJob = z.infer<typeof importJobSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditVerify = z.infer<typeof auditVerifySchema>;

type EmployeeListQuery = z.output<typeof employeeListQuerySchema>;
export type EmployeeStatusFilter = EmployeeListQuery['status'];
export type EmployeeSort = EmployeeListQuery['sort'];

/** The employee list's filters (GET /api/employees, src/shared/api/org.ts), each optional. */
export type EmployeeFilters = Partial<EmployeeListQuery>;

/** The audit list's filters without the action and the person (GET /api/audit, src/shared/api/audit.ts). */
export type AuditFilters = Omit<Partial<z.output<typeof auditQuerySchema>>, 'action' | 'personId'>;
