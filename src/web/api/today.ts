import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  TodayItem,
  TodayList,
  TodayQuery,
  TodayStatus,
  TodaySummary,
  TodayUnitRow,
  TodayUnits,
} from '../../shared/api/today.ts';
import { TODAY_STATUSES } from '../../shared/api/today.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

export type { TodayItem, TodayList, TodayQuery, TodayStatus, TodaySummary, TodayUnitRow, TodayUnits };
export { TODAY_STATUSES };

/**
 * How often the open page asks again. The server answers 304 (via the browser's own revalidation with the ETag)
 * while nothing changed, so a quiet poll costs a few hundred bytes; a punch shows within this interval.
 */
export const TODAY_POLL_MS = 15_000;

export const todayKeys = {
  all: ['today'] as const,
  list: (q: object) => [...todayKeys.all, 'list', q] as const,
  units: (parentId: string | null) => [...todayKeys.all, 'units', parentId] as const,
};

/** The list of the caller's scope or of a unit, polled while the page is visible. */
export function useToday(q: TodayQuery) {
  return useQuery({
    queryKey: todayKeys.list(q),
    queryFn: ({ signal }) => api.get<TodayList>('/today', q as QueryParams, signal),
    placeholderData: keepPreviousData,
    refetchInterval: TODAY_POLL_MS,
  });
}

/** The per-unit summary under a parent (the top of the caller's scope when null); only when `enabled`. */
export function useTodayUnits(parentId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: todayKeys.units(parentId),
    queryFn: ({ signal }) => api.get<TodayUnits>('/today/units', parentId ? { parentId } : undefined, signal),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: TODAY_POLL_MS,
  });
}

/** The download address of the current list (same filters, every page). */
export function todayExportUrl(format: 'csv' | 'xlsx', q: Omit<TodayQuery, 'page' | 'pageSize'>): string {
  return apiUrl(`/today/export.${format}`, q as QueryParams);
}
