import type { z } from 'zod';
import type { auditEntrySchema, auditVerifySchema } from '../../shared/api/audit.ts';
import type { importJobSchema, IMPORT_KINDS } from '../../shared/api/imports.ts';
import type {
  actingInputSchema,
  actingSchema,
  EMPLOYEE_TYPES,
  employeeDetailSchema,
  employeeInputSchema,
  employeeListItemSchema,
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

export type EmployeeStatusFilter = 'active' | 'inactive' | 'all';
export type EmployeeSort = 'name' | 'nip' | 'unit';

export interface EmployeeFilters {
  q?: string;
  unitId?: string;
  includeSubunits?: boolean;
  type?: EmployeeType;
  status?: EmployeeStatusFilter;
  page?: number;
  pageSize?: number;
  sort?: EmployeeSort;
}

export interface AuditFilters {
  q?: string;
  entityType?: string;
  unitId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface DashboardSummary {
  units: number;
  employees: number;
  byType: Partial<Record<EmployeeType, number>>;
  byUnit: { unitId: string; unitName: string; count: number }[];
  subordinates: number;
  auditToday: number;
  imports: number;
}
