import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from './http.ts';

/** One employee-month of the stored recap (server: recapRowSchema in modules/recap/recap-routes.ts). */
export interface RecapRow {
  employeeId: string;
  month: string;
  unitId: string;
  unitName: string;
  nip: string | null;
  name: string;
  positionName: string | null;
  recordedDays: number;
  workingDays: number;
  codeCounts: Record<string, number>;
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
  apelPercent: number | null;
  adjustmentCount: number;
  adjustmentDelta: Record<string, number>;
  computedAt: string;
}

export interface Closing {
  unitId: string;
  unitName: string;
  closedAt: string;
  closedByName: string | null;
  contentHash: string | null;
}

export interface Adjustment {
  id: string;
  employeeId: string;
  employeeName: string;
  nip: string | null;
  localDate: string;
  monthClosed: string;
  carriedToMonth: string;
  oldCode: string | null;
  newCode: string | null;
  reason: string | null;
  createdAt: string;
}

export interface RecapDay {
  localDate: string;
  code: string;
  lateBand: string | null;
  earlyBand: string | null;
  lateMinutes: number;
  earlyMinutes: number;
  missingCheckIn: boolean;
  missingCheckOut: boolean;
  workLocation: string | null;
  nonWorkingDay: boolean;
  reasons: string[];
  /** Not stored yet: classified for this answer, as the worker will store it. */
  provisional: boolean;
}

/** A day on which Abdi is not the employee's record (before the unit's go-live, outside service): never TK. */
export interface NoDataDay {
  localDate: string;
  reason: string;
}

export interface EmployeeMonth {
  employee: {
    id: string;
    nip: string | null;
    name: string;
    positionName: string | null;
    unitId: string;
    unitName: string;
    timeZone: string;
  };
  month: string;
  closing: Closing | null;
  recap: RecapRow | null;
  /** The figures were computed for this answer (some day not stored yet). */
  recapProvisional: boolean;
  days: RecapDay[];
  noData: NoDataDay[];
  adjustments: Adjustment[];
}

export interface UnitRecap {
  mode: 'unit' | 'staff';
  unit: { id: string; name: string; code: string } | null;
  closing: Closing | null;
  items: RecapRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ClosingStatus {
  unitId: string;
  month: string;
  opensOn: string;
  canCloseNow: boolean;
  closing: Closing | null;
  intact: boolean | null;
  pending: { flaggedPunches: number; queuedDays: number; requests: number };
  /** Employee-days of the month (ended days with data) without a stored status: the recap would be incomplete. */
  missingDays: number;
  /** Nothing missing or pending: the month can be closed without any reason. */
  complete: boolean;
  counts: Record<ClosingItemKind, number>;
  total: number;
  /** What is missing or pending, item by item (the first 200). */
  items: ClosingItem[];
  /** What the rulebook lets the closer leave open with a reason per item (null: nothing). */
  waivable: { kinds: ClosingItemKind[]; minReasonChars: number } | null;
  history: {
    id: string;
    closedAt: string;
    closedByName: string | null;
    contentHash: string;
    rowCount: number;
    reopenedAt: string | null;
    reopenedByName: string | null;
    reopenReason: string | null;
    waivers: { kind: string; ref: string; label: string; reason: string }[];
  }[];
}

export type ClosingItemKind =
  'missingDays' | 'queuedDays' | 'flaggedPunch' | 'pendingLeave' | 'pendingPermit' | 'pendingCorrection';

/** One thing keeping a month from being complete (server: src/core/recap/closing-check.ts). */
export interface ClosingItem {
  kind: ClosingItemKind;
  ref: string;
  employeeId: string;
  employeeName: string;
  dates: string[];
  count: number;
  label: string;
  waivable: boolean;
}

/** A reason recorded for an item left open when closing. */
export interface ClosingWaiver {
  kind: ClosingItemKind;
  ref: string;
  reason: string;
}

export interface EarlyWarning {
  employeeId: string;
  nip: string | null;
  name: string;
  unitName: string;
  employeeType: string;
  totalDays: number;
  tkDays: number;
  minutesAsDays: number;
  remainderMinutes: number;
  cumulativeStep: number | null;
  next: { atDays: number; inDays: number; level: string; sanction: string } | null;
  consecutive: { atDays: number; currentDays: number; inDays: number } | null;
  reasons: string[];
}

export interface Heatmap {
  unitId: string;
  month: string;
  rows: {
    unitId: string;
    unitName: string;
    days: { date: string; share: number | null; working: number; onTime: number }[];
  }[];
}

export interface Trend {
  unitId: string;
  points: {
    month: string;
    employees: number;
    workingDays: number;
    onTimeDays: number;
    compliance: number | null;
    tkDays: number;
    lateMinutes: number;
    earlyMinutes: number;
  }[];
}

export type ExportFormat = 'xlsx' | 'pdf' | 'csv';

export const recapKeys = {
  all: ['recap'] as const,
  employee: (employeeId: string | null, month: string) =>
    [...recapKeys.all, 'employee', employeeId, month] as const,
  unit: (f: UnitRecapFilters) => [...recapKeys.all, 'unit', f] as const,
  closing: (unitId: string, month: string) => [...recapKeys.all, 'closing', unitId, month] as const,
  warnings: (unitId: string | null, month: string) => [...recapKeys.all, 'warnings', unitId, month] as const,
  adjustments: (unitId: string, month: string) => [...recapKeys.all, 'adjustments', unitId, month] as const,
  chart: (kind: string, unitId: string | null, month: string) =>
    [...recapKeys.all, 'chart', kind, unitId, month] as const,
};

export interface UnitRecapFilters {
  month: string;
  unitId: string | null;
  q: string;
  page: number;
  pageSize: number;
}

/** The current month `YYYY-MM` in the browser's clock (the server checks everything else). */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** The last `count` months ending with `month`, newest first. */
export function recentMonths(month: string, count = 13): string[] {
  const out: string[] = [];
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7));
  for (let i = 0; i < count; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

export function useEmployeeMonth(employeeId: string | null, month: string) {
  return useQuery({
    queryKey: recapKeys.employee(employeeId, month),
    queryFn: ({ signal }) =>
      api.get<EmployeeMonth>('/recap/employee', { employeeId: employeeId ?? undefined, month }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUnitRecap(filters: UnitRecapFilters) {
  return useQuery({
    queryKey: recapKeys.unit(filters),
    queryFn: ({ signal }) =>
      api.get<UnitRecap>(
        '/recap/units',
        {
          month: filters.month,
          unitId: filters.unitId ?? undefined,
          q: filters.q,
          page: filters.page,
          pageSize: filters.pageSize,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useClosingStatus(unitId: string | null, month: string) {
  return useQuery({
    queryKey: recapKeys.closing(unitId ?? '', month),
    queryFn: ({ signal }) =>
      api.get<ClosingStatus>('/recap/closing', { unitId: unitId ?? undefined, month }, signal),
    enabled: unitId !== null,
    // While days wait for the status worker, the list shrinks as it stores them.
    refetchInterval: (q) =>
      q.state.data && !q.state.data.closing && q.state.data.pending.queuedDays > 0 ? 10_000 : false,
  });
}

/** Queue a unit-month's days not yet stored for the status worker (the way out of "belum tersimpan"). */
export function useQueueMissingDays() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; month: string }) =>
      api.post<{ unitId: string; month: string; employees: number; days: number }>(
        '/recap/closing/queue-missing',
        body,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

export function useWarnings(unitId: string | null, month: string, enabled = true) {
  return useQuery({
    queryKey: recapKeys.warnings(unitId, month),
    queryFn: ({ signal }) =>
      api.get<{ month: string; marginDays: number; items: EarlyWarning[] }>(
        '/recap/warnings',
        { unitId: unitId ?? undefined, month },
        signal,
      ),
    enabled,
  });
}

export function useAdjustments(unitId: string | null, month: string) {
  return useQuery({
    queryKey: recapKeys.adjustments(unitId ?? '', month),
    queryFn: ({ signal }) =>
      api.get<{ items: Adjustment[] }>('/recap/adjustments', { unitId: unitId ?? undefined, month }, signal),
    enabled: unitId !== null,
  });
}

export function useHeatmap(unitId: string | null, month: string, enabled = true) {
  return useQuery({
    queryKey: recapKeys.chart('heatmap', unitId, month),
    queryFn: ({ signal }) =>
      api.get<Heatmap>('/recap/charts/heatmap', { unitId: unitId ?? undefined, month }, signal),
    enabled,
  });
}

export function useTrend(unitId: string | null, month: string, enabled = true) {
  return useQuery({
    queryKey: recapKeys.chart('trend', unitId, month),
    queryFn: ({ signal }) =>
      api.get<Trend>('/recap/charts/trend', { unitId: unitId ?? undefined, month, months: 6 }, signal),
    enabled,
  });
}

export function useCodeDistribution(unitId: string | null, month: string, enabled = true) {
  return useQuery({
    queryKey: recapKeys.chart('codes', unitId, month),
    queryFn: ({ signal }) =>
      api.get<{ unitId: string; month: string; items: { code: string; days: number }[] }>(
        '/recap/charts/codes',
        { unitId: unitId ?? undefined, month },
        signal,
      ),
    enabled,
  });
}

export function useCloseMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; month: string; waivers?: ClosingWaiver[] }) =>
      api.post<Closing & { rows: number }>('/recap/closing/close', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

export function useReopenMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { unitId: string; month: string; reason: string }) =>
      api.post<{ unitId: string; month: string; reopenedAt: string; reason: string }>(
        '/recap/closing/reopen',
        body,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

/** Download address of a unit's recap (the browser sends the session cookie; the server checks scope). */
export const unitExportUrl = (unitId: string, month: string, format: ExportFormat) =>
  apiUrl('/recap/export', { unitId, month, format });

/** Download address of one employee's month (own month when employeeId is null). */
export const employeeExportUrl = (employeeId: string | null, month: string, format: ExportFormat) =>
  apiUrl('/recap/employee/export', { employeeId: employeeId ?? undefined, month, format });
