import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Correction,
  CorrectionInput,
  CorrectionPage,
  Permit,
  PermitInput,
  PermitPage,
} from '../../shared/api/permits.ts';
import type {
  cancelSchema,
  CORRECTION_CATEGORIES,
  decisionSchema,
  inboxCountSchema,
  PERMIT_KINDS,
  permitRecordSchema,
  REQUEST_STATUSES,
  requestListQuerySchema,
  uploadedFileSchema,
} from '../../shared/api/permits.ts';
import { api, apiUrl, request } from './http.ts';

export type { Correction, CorrectionInput, CorrectionPage, Permit, PermitInput, PermitPage };
export type PermitKind = (typeof PERMIT_KINDS)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type CorrectionCategory = (typeof CORRECTION_CATEGORIES)[number];
/** The answer of POST /api/permits/files: the stored file's content hash, type and size. */
export type UploadedFile = z.output<typeof uploadedFileSchema>;
export type InboxCount = z.output<typeof inboxCountSchema>;
/** Admin OPD records an assignment for an employee (POST /api/permits/record). */
export type PermitRecordInput = z.input<typeof permitRecordSchema>;
/** The body of POST …/:id/decision (permits and corrections), with the request's id. */
export type RequestDecisionVars = { id: string } & z.input<typeof decisionSchema>;
/** The body of POST …/:id/cancel (permits and corrections), with the request's id. */
export type RequestCancelVars = { id: string } & z.input<typeof cancelSchema>;
/** The request lists' filters (GET /api/permits, GET /api/corrections), each optional. */
export type RequestFilters = Partial<z.output<typeof requestListQuerySchema>>;

export const permitKeys = {
  all: ['permits'] as const,
  mine: (page: number) => [...permitKeys.all, 'mine', page] as const,
  inbox: (page: number) => [...permitKeys.all, 'inbox', page] as const,
  inboxCount: () => [...permitKeys.all, 'inbox', 'count'] as const,
  list: (filters: RequestFilters) => [...permitKeys.all, 'list', filters] as const,
};
export const correctionKeys = {
  all: ['corrections'] as const,
  mine: (page: number) => [...correctionKeys.all, 'mine', page] as const,
  inbox: (page: number) => [...correctionKeys.all, 'inbox', page] as const,
};

/** Upload a letter of assignment or evidence (PDF / image); answers its content hash. */
export function uploadRequestFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file);
  return request<UploadedFile>('POST', '/permits/files', { body: form });
}

/** Where a request's letter / evidence can be opened (served only to those allowed; every view logged). */
export const permitFileUrl = (id: string) => apiUrl(`/permits/${id}/file`);
export const correctionEvidenceUrl = (id: string) => apiUrl(`/corrections/${id}/evidence`);
export const correctionExportUrl = () => apiUrl('/corrections/export.csv');
export const permitExportUrl = (filters: RequestFilters) =>
  apiUrl('/permits/export.csv', { ...filters, page: undefined, pageSize: undefined });

export function useMyPermits(page = 1) {
  return useQuery({
    queryKey: permitKeys.mine(page),
    queryFn: ({ signal }) => api.get<PermitPage>('/permits/mine', { page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePermitInbox(page = 1) {
  return useQuery({
    queryKey: permitKeys.inbox(page),
    queryFn: ({ signal }) => api.get<PermitPage>('/permits/inbox', { page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Pending permits + corrections waiting for the caller (nav badge). */
export function usePermitInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: permitKeys.inboxCount(),
    queryFn: ({ signal }) => api.get<InboxCount>('/permits/inbox/count', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function usePermitList(filters: RequestFilters, enabled = true) {
  return useQuery({
    queryKey: permitKeys.list(filters),
    queryFn: ({ signal }) => api.get<PermitPage>('/permits', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRequestPermit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PermitInput) => api.post<Permit>('/permits', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permitKeys.all }),
  });
}

/** Admin OPD records DL / TB / DIKLAT for an employee on a signed letter (approved at once). */
export function useRecordPermit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PermitRecordInput) => api.post<Permit>('/permits/record', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permitKeys.all }),
  });
}

export function useCancelPermit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: RequestCancelVars) =>
      api.post<Permit>(`/permits/${id}/cancel`, { note: note ?? '' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permitKeys.all }),
  });
}

export function usePermitDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: RequestDecisionVars) =>
      api.post<Permit>(`/permits/${id}/decision`, { decision, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: permitKeys.all }),
  });
}
