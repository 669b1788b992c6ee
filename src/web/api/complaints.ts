import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ComplaintAnswer,
  ComplaintDetail,
  ComplaintForm,
  ComplaintImportResult,
  ComplaintInboxCount,
  ComplaintOpenCase,
  ComplaintReject,
  ComplaintRoute,
  ComplaintsList,
  ComplaintsListQuery,
  ComplaintSubmit,
  ComplaintSubmitted,
  ComplaintTrack,
} from '../../shared/api/complaints.ts';
import { api, apiUrl, uploadWithProgress, type QueryParams } from './http.ts';

export const complaintsKeys = {
  all: ['complaints'] as const,
  list: (query: ComplaintsListQuery) => ['complaints', 'list', query] as const,
  detail: (id: string) => ['complaints', 'detail', id] as const,
  inbox: ['complaints', 'inbox'] as const,
  form: ['public-complaints', 'form'] as const,
  track: (code: string) => ['public-complaints', 'track', code] as const,
};

// ---------------------------------------------------------------------------------------------------- public

/** The public form: units (id, name) and the signed token (fetched once per opening of the page). */
export function useComplaintForm() {
  return useQuery({
    queryKey: complaintsKeys.form,
    queryFn: ({ signal }) => api.get<ComplaintForm>('/public/complaints/form', undefined, signal),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitComplaint() {
  return useMutation({
    mutationFn: (body: ComplaintSubmit) => api.post<ComplaintSubmitted>('/public/complaints', body),
  });
}

/** Adds one photo to a complaint by its tracking code. */
export function uploadComplaintPhoto(
  code: string,
  file: File,
  onProgress: (f: number) => void = () => undefined,
) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<{ photoCount: number }>(
    `/public/complaints/${encodeURIComponent(code)}/photos`,
    form,
    onProgress,
  );
}

export function useTrackComplaint(code: string | null) {
  return useQuery({
    queryKey: complaintsKeys.track(code ?? ''),
    queryFn: ({ signal }) =>
      api.get<ComplaintTrack>(`/public/complaints/${encodeURIComponent(code!)}`, undefined, signal),
    enabled: !!code,
    retry: false,
  });
}

// ---------------------------------------------------------------------------------------------------- officials

export function useComplaintsList(query: ComplaintsListQuery) {
  return useQuery({
    queryKey: complaintsKeys.list(query),
    queryFn: ({ signal }) => api.get<ComplaintsList>('/complaints', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export const complaintsExportUrl = (format: 'xlsx' | 'csv', query: ComplaintsListQuery) =>
  apiUrl(`/complaints/export.${format}`, query as QueryParams);

export const complaintPhotoUrl = (id: string, photoId: string) =>
  apiUrl(`/complaints/${id}/photos/${photoId}`);

export function useComplaint(id: string | null) {
  return useQuery({
    queryKey: complaintsKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ComplaintDetail>(`/complaints/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useComplaintInboxCount(enabled = true) {
  return useQuery({
    queryKey: complaintsKeys.inbox,
    queryFn: ({ signal }) => api.get<ComplaintInboxCount>('/complaints/inbox-count', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

function useStep<B>(step: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) =>
      api.post<ComplaintDetail>(`/complaints/${id}/${step}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complaintsKeys.all }),
  });
}

export const useRouteComplaint = () => useStep<ComplaintRoute>('route');
export const useRejectComplaint = () => useStep<ComplaintReject>('reject');
export const useAnswerComplaint = () => useStep<ComplaintAnswer>('answer');
export const useOpenComplaintCase = () => useStep<ComplaintOpenCase>('discipline-case');

export function importComplaints(
  file: File,
  mode: 'all' | 'valid',
  onProgress: (f: number) => void = () => undefined,
) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<ComplaintImportResult>(`/complaints/import?mode=${mode}`, form, onProgress);
}
