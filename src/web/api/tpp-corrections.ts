import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Correction,
  CorrectionList,
  CorrectionListQuery,
  CorrectionPreview,
  CorrectionPreviewItem,
  CorrectionRecordResult,
  CorrectionStatus,
} from '../../shared/api/tpp-corrections.ts';
import { api } from './http.ts';

export type {
  Correction,
  CorrectionList,
  CorrectionPreview,
  CorrectionPreviewItem,
  CorrectionRecordResult,
  CorrectionStatus,
};

/*
 * The web client of the corrections of locked TPP runs (issue 17 point 4): the preview of a locked run computed
 * again from fresh inputs, recording its non-zero differences (kekurangan / kelebihan bayar, paid by the next run),
 * and the recorded corrections. Types from src/shared/api/tpp-corrections.ts (`import type` only). The keys sit
 * under the TPP root, so every TPP write (a computation pays open corrections, a lock settles them) refreshes them.
 */

/** The TPP queries' root (tppKeys.all of api/tpp.ts). */
const TPP_ROOT = ['tpp'] as const;

export type CorrectionListParams = Partial<
  Pick<CorrectionListQuery, 'unitId' | 'month' | 'status' | 'runId'>
> & {
  page?: number;
  pageSize?: number;
};

export const correctionKeys = {
  all: [...TPP_ROOT, 'corrections'] as const,
  preview: (runId: string) => [...TPP_ROOT, 'corrections', 'preview', runId] as const,
  list: (q: CorrectionListParams) => [...TPP_ROOT, 'corrections', 'list', q] as const,
};

/**
 * A locked run's lines computed again (GET /tpp/runs/:id/corrections/preview; tpp.run over the run's unit). Heavy
 * (the whole unit is gathered again), so it is asked only when `enabled` and never retried on a refusal.
 */
export function useCorrectionPreview(runId: string, enabled = true) {
  return useQuery({
    queryKey: correctionKeys.preview(runId),
    queryFn: ({ signal }) =>
      api.get<CorrectionPreview>(`/tpp/runs/${runId}/corrections/preview`, undefined, signal),
    enabled: enabled && !!runId,
    retry: false,
    staleTime: 30_000,
  });
}

/** Recorded corrections (GET /tpp/corrections?unitId&month&status&runId&page&pageSize; readers in scope). */
export function useCorrections(q: CorrectionListParams, enabled = true) {
  return useQuery({
    queryKey: correctionKeys.list(q),
    queryFn: ({ signal }) => api.get<CorrectionList>('/tpp/corrections', { ...q }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * Records a locked run's non-zero corrections (POST /tpp/runs/:id/corrections; idempotent: a second call records
 * nothing); then the preview, the lists and the runs that will pay them are asked again.
 */
export function useRecordCorrections(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { employeeId?: string } = {}) =>
      api.post<CorrectionRecordResult>(`/tpp/runs/${runId}/corrections`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TPP_ROOT }),
  });
}
