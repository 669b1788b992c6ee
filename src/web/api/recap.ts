import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  adjustmentListSchema,
  closeMonthBodySchema,
  closeMonthResultSchema,
  closingItemSchema,
  closingStatusSchema,
  closingWaiverSchema,
  codeDistributionSchema,
  earlyWarningSchema,
  employeeMonthSchema,
  heatmapSchema,
  noDataDaySchema,
  queueMissingBodySchema,
  queueMissingResultSchema,
  recapAdjustmentSchema,
  recapClosingSchema,
  recapDaySchema,
  recapExportFormatSchema,
  recapRowSchema,
  reopenMonthBodySchema,
  reopenMonthResultSchema,
  trendSchema,
  unitRecapSchema,
  warningListSchema,
} from '../../shared/api/recap.ts';
import { api, apiUrl } from './http.ts';

/* The answers of /api/recap/… as the server's schemas give them (src/shared/api/recap.ts). */

/** One employee-month of the stored recap: a count per figure of RECAP_FIGURES (src/core/recap/recap-figures.ts). */
export type RecapRow = z.output<typeof recapRowSchema>;
export type Closing = z.output<typeof recapClosingSchema>;
export type Adjustment = z.output<typeof recapAdjustmentSchema>;
/** A day of the month; `provisional`: not stored yet, classified for this answer as the worker will store it. */
export type RecapDay = z.output<typeof recapDaySchema>;
/** A day on which Abdi is not the employee's record (before the unit's go-live, outside service): never TK. */
export type NoDataDay = z.output<typeof noDataDaySchema>;
export type EmployeeMonth = z.output<typeof employeeMonthSchema>;
export type UnitRecap = z.output<typeof unitRecapSchema>;
export type ClosingStatus = z.output<typeof closingStatusSchema>;
export type ClosingItemKind = ClosingItem['kind'];
/** One thing keeping a month from being complete (server: src/core/recap/closing-check.ts). */
export type ClosingItem = z.output<typeof closingItemSchema>;
/** A reason recorded for an item left open when closing. */
export type ClosingWaiver = z.input<typeof closingWaiverSchema>;
export type EarlyWarning = z.output<typeof earlyWarningSchema>;
export type Heatmap = z.output<typeof heatmapSchema>;
export type Trend = z.output<typeof trendSchema>;
export type ExportFormat = z.output<typeof recapExportFormatSchema>;

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
    mutationFn: (body: z.input<typeof queueMissingBodySchema>) =>
      api.post<z.output<typeof queueMissingResultSchema>>('/recap/closing/queue-missing', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

export function useWarnings(unitId: string | null, month: string, enabled = true) {
  return useQuery({
    queryKey: recapKeys.warnings(unitId, month),
    queryFn: ({ signal }) =>
      api.get<z.output<typeof warningListSchema>>(
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
      api.get<z.output<typeof adjustmentListSchema>>(
        '/recap/adjustments',
        { unitId: unitId ?? undefined, month },
        signal,
      ),
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
      api.get<z.output<typeof codeDistributionSchema>>(
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
    mutationFn: (body: z.input<typeof closeMonthBodySchema>) =>
      api.post<z.output<typeof closeMonthResultSchema>>('/recap/closing/close', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

export function useReopenMonth() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof reopenMonthBodySchema>) =>
      api.post<z.output<typeof reopenMonthResultSchema>>('/recap/closing/reopen', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recapKeys.all }),
  });
}

/** Download address of a unit's recap (the browser sends the session cookie; the server checks scope). */
export const unitExportUrl = (unitId: string, month: string, format: ExportFormat) =>
  apiUrl('/recap/export', { unitId, month, format });

/** Download address of one employee's month (own month when employeeId is null). */
export const employeeExportUrl = (employeeId: string | null, month: string, format: ExportFormat) =>
  apiUrl('/recap/employee/export', { employeeId: employeeId ?? undefined, month, format });
