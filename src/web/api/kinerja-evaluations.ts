import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CurveCheck,
  EvaluationCreateInput,
  EvaluationDetail,
  EvaluationFinaliseResult,
  EvaluationInbox,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationPeriods,
  EvaluationUpdateInput,
  ObjectionDecideInput,
  PeerFeedbackInput,
  PeerRequests,
  UnitPerformance,
  UnitPerformanceInput,
  UnitPerformancePage,
} from '../../shared/api/kinerja-evaluations.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

export type {
  CurveCheck,
  EvaluationDetail,
  EvaluationInbox,
  EvaluationPage,
  EvaluationPeriods,
  EvaluationUpdateInput,
  PeerRequests,
  UnitPerformance,
};
export type {
  EvaluationStatus,
  EvaluationSummary,
  Predikat,
  Rating,
} from '../../shared/api/kinerja-evaluations.ts';

/** The official scale of ratings and the predikat, in order (the contract's enums; labels come from i18n). */
export const RATING_VALUES = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'] as const;

export const evaluationKeys = {
  all: ['kinerja', 'evaluations'] as const,
  periods: (skpId: string) => [...evaluationKeys.all, 'periods', skpId] as const,
  list: (q: Partial<EvaluationListQuery>) => [...evaluationKeys.all, 'list', q] as const,
  inbox: () => [...evaluationKeys.all, 'inbox'] as const,
  peer: () => [...evaluationKeys.all, 'peer'] as const,
  detail: (id: string) => [...evaluationKeys.all, 'detail', id] as const,
  curve: (q: { unitId: string; periodStart: string; periodEnd: string }) =>
    [...evaluationKeys.all, 'curve', q] as const,
  unitPerformance: (q: { unitId?: string; year?: number }) =>
    [...evaluationKeys.all, 'unit-performance', q] as const,
};

/** Where an evaluation's document opens (GET …/:id/pdf). */
export const evaluationPdfUrl = (id: string) => apiUrl(`/kinerja/evaluations/${id}/pdf`);

export function useEvaluationPeriods(skpId: string | null) {
  return useQuery({
    queryKey: evaluationKeys.periods(skpId ?? ''),
    queryFn: ({ signal }) =>
      api.get<EvaluationPeriods>('/kinerja/evaluations/periods', { skpId: skpId! }, signal),
    enabled: !!skpId,
  });
}

export function useEvaluationList(q: Partial<EvaluationListQuery>, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.list(q),
    queryFn: ({ signal }) => api.get<EvaluationPage>('/kinerja/evaluations', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEvaluationInbox(enabled = true, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: evaluationKeys.inbox(),
    queryFn: ({ signal }) => api.get<EvaluationInbox>('/kinerja/evaluations/inbox', undefined, signal),
    enabled,
    retry: false,
    ...(opts.refetchInterval ? { refetchInterval: opts.refetchInterval, staleTime: 30_000 } : {}),
  });
}

/** Drafts of colleagues and of my direct superior waiting for my behaviour feedback (GET /evaluations/peer). */
export function usePeerRequests(enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.peer(),
    queryFn: ({ signal }) => api.get<PeerRequests>('/kinerja/evaluations/peer', undefined, signal),
    enabled,
    retry: false,
  });
}

export function useEvaluation(id: string | undefined) {
  return useQuery({
    queryKey: evaluationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<EvaluationDetail>(`/kinerja/evaluations/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCurveCheck(q: { unitId: string; periodStart: string; periodEnd: string } | null) {
  return useQuery({
    queryKey: evaluationKeys.curve(q ?? { unitId: '', periodStart: '', periodEnd: '' }),
    queryFn: ({ signal }) =>
      api.get<CurveCheck>('/kinerja/evaluations/curve', { ...q! } as QueryParams, signal),
    enabled: !!q,
  });
}

function useEvaluationMutation<V>(fn: (vars: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['kinerja'] }),
  });
}

export const useCreateEvaluation = () =>
  useEvaluationMutation((input: EvaluationCreateInput) =>
    api.post<EvaluationDetail>('/kinerja/evaluations', input),
  );

export const useUpdateEvaluation = () =>
  useEvaluationMutation(({ id, ...input }: EvaluationUpdateInput & { id: string }) =>
    api.put<EvaluationDetail>(`/kinerja/evaluations/${id}`, input),
  );

export const useFinaliseEvaluation = () =>
  useEvaluationMutation((id: string) =>
    api.post<EvaluationFinaliseResult>(`/kinerja/evaluations/${id}/finalise`, {}),
  );

export const useApproveEvaluation = () =>
  useEvaluationMutation((id: string) => api.post<EvaluationDetail>(`/kinerja/evaluations/${id}/approve`, {}));

export const useReturnEvaluation = () =>
  useEvaluationMutation(({ id, note }: { id: string; note: string }) =>
    api.post<EvaluationDetail>(`/kinerja/evaluations/${id}/return`, { note }),
  );

export const usePeerFeedback = () =>
  useEvaluationMutation(({ id, ...input }: PeerFeedbackInput & { id: string }) =>
    api.post<EvaluationDetail>(`/kinerja/evaluations/${id}/peer-feedback`, input),
  );

export const useFileObjection = () =>
  useEvaluationMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<EvaluationDetail>(`/kinerja/evaluations/${id}/objection`, { reason }),
  );

export const useDecideObjection = () =>
  useEvaluationMutation(({ id, ...input }: ObjectionDecideInput & { id: string }) =>
    api.post<EvaluationDetail>(`/kinerja/objections/${id}/decide`, input),
  );

export function useUnitPerformance(q: { unitId?: string; year?: number }, enabled = true) {
  return useQuery({
    queryKey: evaluationKeys.unitPerformance(q),
    queryFn: ({ signal }) =>
      api.get<UnitPerformancePage>('/kinerja/unit-performance', { ...q, pageSize: 100 }, signal),
    enabled,
  });
}

export const useSetUnitPerformance = () =>
  useEvaluationMutation((input: UnitPerformanceInput) =>
    api.put<UnitPerformance>('/kinerja/unit-performance', input),
  );
