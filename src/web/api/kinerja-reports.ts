import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BulkVerifyInput,
  BulkVerifyResult,
  DailyReport,
  inboxQuerySchema,
  MyReports,
  ReportCorrection,
  ReportDay,
  ReportInbox,
  ReportInput,
  ReportOptions,
  ReportStatus,
  ReportUpload,
  SupervisionPage,
  supervisionQuerySchema,
  SupervisionRow,
  VerifyInput,
} from '../../shared/api/kinerja-reports.ts';
import { kvGet, kvSet } from '../lib/attendance-db.ts';
import { useEffect } from 'react';
import { onReportSent, updateQueuedReport, useReportSync, type QueuedReport } from '../lib/report-queue.ts';
import { useMe } from './auth.ts';
import { api, apiUrl, isApiError, request, type QueryParams } from './http.ts';

export type {
  DailyReport,
  MyReports,
  ReportDay,
  ReportInbox,
  ReportInput,
  ReportOptions,
  ReportStatus,
  SupervisionPage,
  SupervisionRow,
};
export type InboxQuery = Partial<z.input<typeof inboxQuerySchema>>;
export type SupervisionQuery = Partial<z.input<typeof supervisionQuerySchema>>;

export const reportKeys = {
  all: ['kinerja', 'reports'] as const,
  options: (date: string | undefined) => [...reportKeys.all, 'options', date ?? 'today'] as const,
  mine: (month: string) => [...reportKeys.all, 'mine', month] as const,
  inbox: (q: InboxQuery) => [...reportKeys.all, 'inbox', q] as const,
  inboxCount: () => [...reportKeys.all, 'inbox', 'count'] as const,
  supervision: (q: SupervisionQuery) => ['kinerja', 'supervision', q] as const,
};

/** Upload a photo or file as evidence; answers the staged attachment's id for the report. */
export function uploadReportEvidence(file: Blob, name: string): Promise<ReportUpload> {
  const form = new FormData();
  form.append('file', file, name);
  return request<ReportUpload>('POST', '/kinerja/reports/files', { body: form });
}

export const reportEvidenceUrl = (id: string) => apiUrl(`/kinerja/reports/${id}/evidence`);
export const supervisionExportUrl = (format: 'xlsx' | 'csv', q: SupervisionQuery) =>
  apiUrl(`/kinerja/supervision/export.${format}`, { ...q, page: undefined, pageSize: undefined });

/**
 * Sends one queued report (report-queue.ts): the evidence first (once; its id is kept on the item), then the
 * report with its clientId. The server stores a clientId once and answers a repeat with the stored report.
 */
export async function sendQueuedReport(item: QueuedReport): Promise<DailyReport> {
  let attachmentId = item.attachmentId;
  if (item.file && !attachmentId) {
    attachmentId = (await uploadReportEvidence(item.file, item.fileName ?? 'bukti')).attachmentId;
    await updateQueuedReport({ ...item, attachmentId });
  }
  return api.post<DailyReport>('/kinerja/reports', { ...item.body, attachmentId: attachmentId ?? null });
}

/** The phone's own calendar date (YYYY-MM-DD), for a cached answer read on a later day. */
function deviceToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The report options with where they came from: `fromCache` when read from the phone's copy (offline). */
export type ReportOptionsAnswer = ReportOptions & { fromCache?: boolean };

const optionsCacheKey = (employeeId: string) => `kinerja-options:${employeeId}`;

/**
 * Today's report options (RHK, rules, window). Online it keeps a copy on the phone (IndexedDB, like the punch
 * screen's /attendance/today); offline it answers from that copy, so /kinerja/lapor opens on a cold start without a
 * connection. A copy from an earlier day moves its window to the phone's date (the server checks it on sending).
 */
export async function fetchReportOptions(
  employeeId: string | null,
  date: string | undefined,
  signal?: AbortSignal,
): Promise<ReportOptionsAnswer> {
  try {
    const options = await api.get<ReportOptions>(
      '/kinerja/reports/options',
      date ? { date } : undefined,
      signal,
    );
    if (employeeId && !date) void kvSet(optionsCacheKey(employeeId), options).catch(() => undefined);
    return options;
  } catch (error) {
    if (employeeId && !date && isApiError(error) && error.code === 'NETWORK') {
      const cached = await kvGet<ReportOptions>(optionsCacheKey(employeeId)).catch(() => undefined);
      if (cached) {
        const today = deviceToday();
        if (today <= cached.today) return { ...cached, fromCache: true };
        const shift = Math.round((Date.parse(today) - Date.parse(cached.today)) / 86_400_000);
        return {
          ...cached,
          today,
          date: today,
          earliestDate: addDays(cached.earliestDate, shift),
          minutesUsed: 0,
          fromCache: true,
        };
      }
    }
    throw error;
  }
}

/**
 * Sends the reports written offline whenever the phone is online (report-queue.ts), and refreshes e-Kinerja's data
 * after each one is stored, so "today's reports" and the minutes shown follow. Used by the shell on every page and
 * by Kinerja Saya itself (which must not depend on the shell's chunk having arrived before the connection dropped).
 */
export function useReportQueueSending(employeeId: string | null): void {
  const queryClient = useQueryClient();
  useReportSync(employeeId, sendQueuedReport);
  useEffect(
    () => onReportSent(() => void queryClient.invalidateQueries({ queryKey: ['kinerja'] })),
    [queryClient],
  );
}

export function useReportOptions(date?: string, enabled = true) {
  const me = useMe();
  const employeeId = me.data?.user.employeeId ?? null;
  return useQuery({
    queryKey: reportKeys.options(date),
    queryFn: ({ signal }) => fetchReportOptions(employeeId, date, signal),
    enabled,
    // The form works offline from the last answer.
    staleTime: 60_000,
    gcTime: 24 * 60 * 60_000,
    networkMode: 'offlineFirst',
  });
}

export function useMyReports(month: string) {
  return useQuery({
    queryKey: reportKeys.mine(month),
    queryFn: ({ signal }) => api.get<MyReports>('/kinerja/reports/mine', { month }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReportInbox(q: InboxQuery, enabled = true) {
  return useQuery({
    queryKey: reportKeys.inbox(q),
    queryFn: ({ signal }) => api.get<ReportInbox>('/kinerja/reports/inbox', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Reports waiting for the caller's verification (nav badge): the inbox's total. */
export function useReportInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.inboxCount(),
    queryFn: async ({ signal }) =>
      (await api.get<ReportInbox>('/kinerja/reports/inbox', { pageSize: 10 }, signal)).counts,
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function useSupervision(q: SupervisionQuery, enabled = true) {
  return useQuery({
    queryKey: reportKeys.supervision(q),
    queryFn: ({ signal }) =>
      api.get<SupervisionPage>('/kinerja/supervision', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useKinerjaMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['kinerja'] }),
  });
}

export const useCorrectReport = () =>
  useKinerjaMutation(({ id, ...input }: ReportCorrection & { id: string }) =>
    api.put<DailyReport>(`/kinerja/reports/${id}`, input),
  );

export const useDeleteReport = () => useKinerjaMutation((id: string) => api.delete(`/kinerja/reports/${id}`));

export const useVerifyReport = () =>
  useKinerjaMutation(({ id, ...input }: VerifyInput & { id: string }) =>
    api.post<DailyReport>(`/kinerja/reports/${id}/verify`, input),
  );

export const useBulkVerify = () =>
  useKinerjaMutation((input: BulkVerifyInput) =>
    api.post<BulkVerifyResult>('/kinerja/reports/verify', input),
  );
