import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AckCreate,
  ConductList,
  DayList,
  EscalationList,
  Neutrality,
  NeutralityCreate,
  NeutralityDecision,
  NeutralityList,
  NeutralityListQuery,
  Period,
  PeriodCreate,
  PeriodList,
  Report,
} from '../../shared/api/election-watch.ts';
import { api, type QueryParams } from './http.ts';

export const electionWatchKeys = {
  all: ['election-watch'] as const,
  periods: (q: string) => ['election-watch', 'periods', q] as const,
  headed: () => ['election-watch', 'headed'] as const,
  period: (id: string) => ['election-watch', 'period', id] as const,
  day: (id: string, unitId: string, date: string) => ['election-watch', 'day', id, unitId, date] as const,
  report: (id: string, unitId: string) => ['election-watch', 'report', id, unitId] as const,
  escalations: (id: string, unitId: string | null) => ['election-watch', 'escalations', id, unitId] as const,
  neutrality: (q: NeutralityListQuery) => ['election-watch', 'neutrality', q] as const,
  conducts: (date: string) => ['election-watch', 'conducts', date] as const,
};

/** Watch periods in the caller's read scope (types from src/shared/api/election-watch.ts). */
export function usePeriods(q: string, enabled = true) {
  return useQuery({
    queryKey: electionWatchKeys.periods(q),
    queryFn: ({ signal }) =>
      api.get<PeriodList>('/election-watch/periods', { q: q || undefined, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Periods covering an OPD the caller heads (holder or Plt/Plh). */
export function useHeadedPeriods() {
  return useQuery({
    queryKey: electionWatchKeys.headed(),
    queryFn: ({ signal }) => api.get<PeriodList>('/election-watch/periods/headed', undefined, signal),
  });
}

export function usePeriod(id: string | null) {
  return useQuery({
    queryKey: electionWatchKeys.period(id ?? ''),
    queryFn: ({ signal }) => api.get<Period>(`/election-watch/periods/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useDayList(id: string, unitId: string | null, date: string) {
  return useQuery({
    queryKey: electionWatchKeys.day(id, unitId ?? '', date),
    queryFn: ({ signal }) =>
      api.get<DayList>(`/election-watch/periods/${id}/days`, { unitId: unitId!, date }, signal),
    enabled: !!unitId && !!date,
  });
}

export function useReport(id: string, unitId: string | null) {
  return useQuery({
    queryKey: electionWatchKeys.report(id, unitId ?? ''),
    queryFn: ({ signal }) =>
      api.get<Report>(`/election-watch/periods/${id}/report`, { unitId: unitId! }, signal),
    enabled: !!unitId,
  });
}

export function useEscalations(id: string, unitId: string | null) {
  return useQuery({
    queryKey: electionWatchKeys.escalations(id, unitId),
    queryFn: ({ signal }) =>
      api.get<EscalationList>(
        `/election-watch/periods/${id}/escalations`,
        { unitId: unitId ?? undefined, pageSize: 100 },
        signal,
      ),
  });
}

export function useDeclarePeriod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PeriodCreate) => api.post<{ id: string }>('/election-watch/periods', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: electionWatchKeys.all }),
  });
}

export function useAcknowledge(periodId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AckCreate) =>
      api.post<{ id: string }>(`/election-watch/periods/${periodId}/acknowledgements`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: electionWatchKeys.all }),
  });
}

export function useNeutralityList(q: NeutralityListQuery) {
  return useQuery({
    queryKey: electionWatchKeys.neutrality(q),
    queryFn: ({ signal }) => api.get<NeutralityList>('/election-watch/neutrality', q as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useConducts(date: string) {
  return useQuery({
    queryKey: electionWatchKeys.conducts(date),
    queryFn: ({ signal }) => api.get<ConductList>('/election-watch/neutrality/conducts', { date }, signal),
    enabled: !!date,
  });
}

export function useRecordNeutrality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NeutralityCreate) => api.post<{ id: string }>('/election-watch/neutrality', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: electionWatchKeys.all }),
  });
}

export function useDecideNeutrality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: NeutralityDecision }) =>
      api.post<Neutrality>(`/election-watch/neutrality/${id}/decision`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: electionWatchKeys.all }),
  });
}
