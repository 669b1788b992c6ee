import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http.ts';
import {
  correctionKeys,
  permitKeys,
  type Correction,
  type CorrectionInput,
  type CorrectionPage,
  type RequestCancelVars,
  type RequestDecisionVars,
} from './permits.ts';

export function useMyCorrections(page = 1) {
  return useQuery({
    queryKey: correctionKeys.mine(page),
    queryFn: ({ signal }) => api.get<CorrectionPage>('/corrections/mine', { page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCorrectionInbox(page = 1) {
  return useQuery({
    queryKey: correctionKeys.inbox(page),
    queryFn: ({ signal }) => api.get<CorrectionPage>('/corrections/inbox', { page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

/** After any change the inbox count (shared with permits) is refreshed too. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: correctionKeys.all }),
      queryClient.invalidateQueries({ queryKey: permitKeys.inboxCount() }),
    ]);
}

export function useRequestCorrection() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CorrectionInput) => api.post<Correction>('/corrections', input),
    onSuccess: invalidate,
  });
}

export function useCancelCorrection() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, note }: RequestCancelVars) =>
      api.post<Correction>(`/corrections/${id}/cancel`, { note: note ?? '' }),
    onSuccess: invalidate,
  });
}

export function useCorrectionDecision() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, note }: RequestDecisionVars) =>
      api.post<Correction>(`/corrections/${id}/decision`, { decision, note }),
    onSuccess: invalidate,
  });
}
