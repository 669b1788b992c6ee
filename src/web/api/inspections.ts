import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Assignable,
  Checklist,
  Finding,
  FindingCaseBody,
  FollowUpAssignBody,
  FollowUpCloseBody,
  FollowUpCount,
  FollowUpList,
  FollowUpListQuery,
  FollowUpReportBody,
  InspectionDetail,
  InspectionList,
  InspectionListQuery,
  InspectionPlanBody,
  Stored,
} from '../../shared/api/inspections.ts';
import { api, apiUrl, isApiError, request, type QueryParams } from './http.ts';
import { cacheGet, cacheSet, type QueuedSidakItem, type SidakSender } from './inspections-queue.ts';

/** Inspections (sidak): TanStack Query hooks; types from the contract (src/shared/api/inspections.ts). */
export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (q: InspectionListQuery) => ['inspections', 'list', q] as const,
  detail: (id: string) => ['inspections', 'detail', id] as const,
  checklist: () => ['inspections', 'checklist'] as const,
  inspectors: () => ['inspections', 'inspectors'] as const,
  assignable: (unitId: string) => ['inspections', 'assignable', unitId] as const,
  followUps: (q: FollowUpListQuery) => ['inspections', 'follow-ups', q] as const,
  followUpCount: () => ['inspections', 'follow-ups', 'count'] as const,
};

export function useInspectionList(q: InspectionListQuery) {
  return useQuery({
    queryKey: inspectionKeys.list(q),
    queryFn: ({ signal }) => api.get<InspectionList>('/inspections', q as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

/** A copy on the phone: online answers are kept; offline (no answer) the kept copy is served, marked `fromCache`. */
async function cached<T extends object>(
  key: string,
  fetcher: () => Promise<T>,
): Promise<T & { fromCache?: boolean }> {
  try {
    const value = (await fetcher()) as T & { fromCache?: boolean };
    void cacheSet(key, value).catch(() => undefined);
    return value;
  } catch (error) {
    if (isApiError(error) && error.code === 'NETWORK') {
      const kept = await cacheGet<T>(key).catch(() => undefined);
      if (kept) return { ...kept, fromCache: true };
    }
    throw error;
  }
}

/** One inspection with its roster and findings; cached on the phone for working offline. */
export function useInspection(id: string) {
  return useQuery({
    queryKey: inspectionKeys.detail(id),
    queryFn: ({ signal }) =>
      cached(`inspection:${id}`, () => api.get<InspectionDetail>(`/inspections/${id}`, undefined, signal)),
    networkMode: 'always',
    retry: (n, e) => n < 2 && !(isApiError(e) && e.status > 0 && e.status < 500),
  });
}

export function useChecklist() {
  return useQuery({
    queryKey: inspectionKeys.checklist(),
    queryFn: ({ signal }) =>
      cached('checklist', () => api.get<Checklist>('/inspections/checklist', undefined, signal)),
    networkMode: 'always',
    staleTime: 5 * 60_000,
  });
}

export function useInspectors(enabled: boolean) {
  return useQuery({
    queryKey: inspectionKeys.inspectors(),
    queryFn: ({ signal }) => api.get<Assignable>('/inspections/inspectors', undefined, signal),
    enabled,
  });
}

export function useAssignable(unitId: string | null) {
  return useQuery({
    queryKey: inspectionKeys.assignable(unitId ?? ''),
    queryFn: ({ signal }) => api.get<Assignable>('/inspections/assignable', { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useFollowUps(q: FollowUpListQuery) {
  return useQuery({
    queryKey: inspectionKeys.followUps(q),
    queryFn: ({ signal }) => api.get<FollowUpList>('/inspections/follow-ups', q as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

/** What waits for the user (the nav badge): asked every minute. */
export function useFollowUpCount(enabled = true) {
  return useQuery({
    queryKey: inspectionKeys.followUpCount(),
    queryFn: ({ signal }) => api.get<FollowUpCount>('/inspections/follow-ups/count', undefined, signal),
    enabled,
    retry: false,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

function useInspectionMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => qc.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}

export const usePlanInspection = () =>
  useInspectionMutation((body: InspectionPlanBody) => api.post<{ id: string }>('/inspections', body));
export const useStartInspection = () =>
  useInspectionMutation((id: string) => api.post<InspectionDetail>(`/inspections/${id}/start`));
export const useFinishInspection = () =>
  useInspectionMutation((v: { id: string; summary: string }) =>
    api.post<InspectionDetail>(`/inspections/${v.id}/finish`, { summary: v.summary }),
  );
export const useCancelInspection = () =>
  useInspectionMutation((id: string) => api.post<InspectionDetail>(`/inspections/${id}/cancel`));
export const useAssignFollowUp = () =>
  useInspectionMutation((v: { findingId: string; body: FollowUpAssignBody }) =>
    api.post<Finding>(`/inspections/findings/${v.findingId}/follow-up`, v.body),
  );
export const useReportFollowUp = () =>
  useInspectionMutation((v: { findingId: string; body: FollowUpReportBody }) =>
    api.post<Finding>(`/inspections/findings/${v.findingId}/follow-up/report`, v.body),
  );
export const useCloseFollowUp = () =>
  useInspectionMutation((v: { findingId: string; body: FollowUpCloseBody }) =>
    api.post<Finding>(`/inspections/findings/${v.findingId}/follow-up/close`, v.body),
  );
export const useOpenFindingCase = () =>
  useInspectionMutation((v: { findingId: string; body: FindingCaseBody }) =>
    api.post<{ caseId: string }>(`/inspections/findings/${v.findingId}/discipline-case`, v.body),
  );

export const inspectionExportUrl = (format: 'xlsx' | 'csv', q: InspectionListQuery) =>
  apiUrl(`/inspections/export.${format}`, { ...q, page: undefined, pageSize: undefined } as QueryParams);
export const inspectionPdfUrl = (id: string) => apiUrl(`/inspections/${id}/pdf`);
export const findingPhotoUrl = (id: string, findingId: string, photoId: string) =>
  apiUrl(`/inspections/${id}/findings/${findingId}/photos/${photoId}`);

/**
 * Sends one queued item (inspections-queue.ts): a mark, or a finding then its photo (the finding's success is kept
 * on the item, so a retry sends only the photo). The server stores each id once.
 */
export const sendSidakItem: SidakSender = async (item: QueuedSidakItem, update) => {
  if (item.kind === 'mark') {
    await api.post<Stored>(`/inspections/${item.inspectionId}/marks`, item.body);
    return;
  }
  if (!item.findingStored) {
    await api.post<Stored>(`/inspections/${item.inspectionId}/findings`, item.body);
    await update({ ...item, findingStored: true });
  }
  if (item.file) {
    const form = new FormData();
    form.append('file', item.file, item.fileName ?? 'foto.jpg');
    await request<Stored>('POST', `/inspections/${item.inspectionId}/findings/${item.body.id}/photos`, {
      body: form,
    });
  }
};
