import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  MyRoster,
  RosterChangeResult,
  RosterClearInput,
  RosterImportIssue,
  RosterImportResult,
  RosterMonth,
  rosterQuerySchema,
  RosterSetInput,
} from '../../shared/api/rosters.ts';
import { ROSTER_DAY_OFF } from '../../shared/api/roster-codes.ts';
import { api, apiUrl, isApiError, uploadWithProgress } from './http.ts';

export type {
  MyRoster,
  RosterChangeResult,
  RosterImportIssue,
  RosterImportResult,
  RosterMonth,
  RosterSetInput,
};
export { ROSTER_DAY_OFF };

type RosterQuery = z.output<typeof rosterQuerySchema>;
/** The roster grid's filters (GET /api/rosters): a unit and a month, the rest optional. */
export type RosterFilters = Pick<RosterQuery, 'unitId' | 'month'> &
  Partial<Omit<RosterQuery, 'unitId' | 'month'>>;

export const rosterKeys = {
  all: ['rosters'] as const,
  month: (f: RosterFilters) => [...rosterKeys.all, 'month', f] as const,
};

/** The signed-in employee's own roster lines in from..to (shift with hours, or a day off). */
export function useMyRoster(range: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...rosterKeys.all, 'mine', range] as const,
    queryFn: ({ signal }) => api.get<MyRoster>('/rosters/mine', { ...range }, signal),
    enabled: range !== null,
    staleTime: 5 * 60_000,
  });
}

/** A unit's roster for a month (employees × days), one page of employees. */
export function useRosterMonth(filters: RosterFilters | null) {
  return useQuery({
    queryKey: rosterKeys.month(filters ?? { unitId: '', month: '' }),
    queryFn: ({ signal }) => api.get<RosterMonth>('/rosters', { ...filters }, signal),
    enabled: filters !== null,
    placeholderData: keepPreviousData,
  });
}

/** Save changed cells (shifts, days off, cells back to the regular schedule) in one request. */
export function useSaveRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RosterSetInput) => api.put<RosterChangeResult>('/rosters', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKeys.all }),
  });
}

/** Remove the roster lines of employees over a date range. */
export function useClearRoster() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RosterClearInput) => api.post<RosterChangeResult>('/rosters/clear', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKeys.all }),
  });
}

/** Upload a roster CSV (`nip,tanggal,shift`); all rows are written or none. */
export function importRosterCsv(file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file);
  return uploadWithProgress<RosterImportResult>('/rosters/import', form, onProgress);
}

/** The bad rows of a refused import (IMPORT_INVALID details), or null for another error. */
export function importIssues(error: unknown): RosterImportIssue[] | null {
  if (!isApiError(error) || error.code !== 'IMPORT_INVALID' || !Array.isArray(error.details)) return null;
  return (error.details as RosterImportIssue[]).filter((d) => typeof d?.line === 'number');
}

/** The month as CSV (the browser sends the session cookie with a plain link). */
export const rosterExportUrl = (f: RosterFilters) =>
  apiUrl('/rosters/export.csv', { unitId: f.unitId, month: f.month, q: f.q });
