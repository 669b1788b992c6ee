import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Evidence,
  Feedback,
  FeedbackInput,
  Skp,
  SkpCreated,
  SkpCreateInput,
  SkpDecisionInput,
  SkpEligibility,
  SkpListQuery,
  SkpMatriks,
  SkpPage,
  SkpRhkInput,
  SkpSummary,
  SkpUpdateInput,
  SuperiorRhk,
} from '../../shared/api/kinerja-skp.ts';
import { api, apiUrl, request, type QueryParams } from './http.ts';

export type {
  Evidence,
  Feedback,
  Skp,
  SkpEligibility,
  SkpMatriks,
  SkpPage,
  SkpRhkInput,
  SkpSummary,
  SkpUpdateInput,
  SuperiorRhk,
};
export type { SkpStatus, RhkKind, IndicatorAspect } from '../../shared/api/kinerja-skp.ts';

/** The seven BerAKHLAK values in the contract's order (labels from i18n). */
export const BERAKHLAK_VALUES = [
  'BERORIENTASI_PELAYANAN',
  'AKUNTABEL',
  'KOMPETEN',
  'HARMONIS',
  'LOYAL',
  'ADAPTIF',
  'KOLABORATIF',
] as const;

export const skpKeys = {
  all: ['kinerja', 'skp'] as const,
  eligibility: () => [...skpKeys.all, 'eligibility'] as const,
  mine: (year?: number) => [...skpKeys.all, 'mine', year ?? 'all'] as const,
  detail: (id: string) => [...skpKeys.all, 'detail', id] as const,
  list: (q: SkpListQuery) => [...skpKeys.all, 'list', q] as const,
  inbox: (page: number) => [...skpKeys.all, 'inbox', page] as const,
  inboxCount: () => [...skpKeys.all, 'inbox', 'count'] as const,
  superiorRhk: (date?: string) => [...skpKeys.all, 'superior-rhk', date ?? 'today'] as const,
  matriks: (skpId: string) => [...skpKeys.all, 'matriks', skpId] as const,
  feedback: (skpId: string) => [...skpKeys.all, 'feedback', skpId] as const,
  evidence: (skpId: string) => [...skpKeys.all, 'evidence', skpId] as const,
};

/** Where an evidence file downloads (GET /kinerja/evidence/:id/file). */
export const evidenceFileUrl = (id: string) => apiUrl(`/kinerja/evidence/${id}/file`);

/** Continuous feedback on an SKP (every RHK and report), newest as the server orders them. */
export function useFeedbackList(skpId: string | null) {
  return useQuery({
    queryKey: skpKeys.feedback(skpId ?? ''),
    queryFn: ({ signal }) => api.get<{ items: Feedback[] }>('/kinerja/feedback', { skpId: skpId! }, signal),
    enabled: !!skpId,
  });
}

/** Evidence (eviden) attached to an SKP's RHK. */
export function useEvidenceList(skpId: string | null) {
  return useQuery({
    queryKey: skpKeys.evidence(skpId ?? ''),
    queryFn: ({ signal }) => api.get<{ items: Evidence[] }>('/kinerja/evidence', { skpId: skpId! }, signal),
    enabled: !!skpId,
  });
}

export interface EvidenceUpload {
  skpId: string;
  rhkId: string;
  periodStart: string;
  periodEnd: string;
  description: string;
  link?: string;
  file: File | null;
}

export const skpPdfUrl = (id: string) => apiUrl(`/kinerja/skp/${id}/pdf`);

export function useSkpEligibility(enabled = true) {
  return useQuery({
    queryKey: skpKeys.eligibility(),
    queryFn: ({ signal }) => api.get<SkpEligibility>('/kinerja/skp/eligibility', undefined, signal),
    enabled,
  });
}

export function useMySkps(enabled = true) {
  return useQuery({
    queryKey: skpKeys.mine(),
    queryFn: ({ signal }) => api.get<{ items: SkpSummary[] }>('/kinerja/skp/mine', undefined, signal),
    enabled,
  });
}

export function useSkp(id: string | null | undefined) {
  return useQuery({
    queryKey: skpKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Skp>(`/kinerja/skp/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSkpList(q: SkpListQuery, enabled = true) {
  return useQuery({
    queryKey: skpKeys.list(q),
    queryFn: ({ signal }) => api.get<SkpPage>('/kinerja/skp', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSkpInbox(page = 1, enabled = true) {
  return useQuery({
    queryKey: skpKeys.inbox(page),
    queryFn: ({ signal }) => api.get<SkpPage>('/kinerja/skp/inbox', { page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSkpInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: skpKeys.inboxCount(),
    queryFn: ({ signal }) => api.get<{ count: number }>('/kinerja/skp/inbox/count', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function useSuperiorRhk(enabled = true) {
  return useQuery({
    queryKey: skpKeys.superiorRhk(),
    queryFn: ({ signal }) => api.get<SuperiorRhk>('/kinerja/skp/superior-rhk', undefined, signal),
    enabled,
  });
}

export function useSkpMatriks(skpId: string | null) {
  return useQuery({
    queryKey: skpKeys.matriks(skpId ?? ''),
    queryFn: ({ signal }) => api.get<SkpMatriks>('/kinerja/skp/matriks', { skpId: skpId! }, signal),
    enabled: !!skpId,
  });
}

function useSkpMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['kinerja'] }),
  });
}

export const useCreateSkp = () =>
  useSkpMutation((input: SkpCreateInput) => api.post<SkpCreated>('/kinerja/skp', input));
export const useUpdateSkp = () =>
  useSkpMutation(({ id, ...input }: SkpUpdateInput & { id: string }) =>
    api.put<Skp>(`/kinerja/skp/${id}`, input),
  );
export const useSubmitSkp = () =>
  useSkpMutation((id: string) => api.post<Skp>(`/kinerja/skp/${id}/submit`, {}));
export const useDecideSkp = () =>
  useSkpMutation(({ id, ...input }: SkpDecisionInput & { id: string }) =>
    api.post<Skp>(`/kinerja/skp/${id}/decision`, input),
  );
export const useAddFeedback = () =>
  useSkpMutation((input: FeedbackInput) => api.post<Feedback>('/kinerja/feedback', input));

/** POST /kinerja/evidence as multipart: the text fields, then the file in `file`. */
export const useUploadEvidence = () =>
  useSkpMutation(({ file, ...fields }: EvidenceUpload) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') form.append(k, String(v));
    if (file) form.append('file', file, file.name);
    return request<Evidence>('POST', '/kinerja/evidence', { body: form });
  });
