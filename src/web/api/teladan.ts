import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AwardList,
  CommitteeInput,
  DecisionInput,
  FigureList,
  NominationCreate,
  NominationList,
  PeriodCreate,
  PeriodList,
  PeriodListQuery,
  PublicNominationCreate,
  RankingQuery,
  TeladanPeriod,
  TeladanRanking,
} from '../../shared/api/teladan.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

const ROOT = ['teladan'] as const;
export const teladanKeys = {
  all: ROOT,
  figures: () => [...ROOT, 'figures'] as const,
  periods: (query: PeriodListQuery) => [...ROOT, 'periods', query] as const,
  period: (id: string) => [...ROOT, 'period', id] as const,
  ranking: (id: string, query: RankingQuery) => [...ROOT, 'ranking', id, query] as const,
  nominations: (id: string, page: number) => [...ROOT, 'nominations', id, page] as const,
  awards: (employeeId: string | null) => [...ROOT, 'awards', employeeId] as const,
};

/** The figures a criterion may name (GET /teladan/figures). */
export function useTeladanFigures() {
  return useQuery({
    queryKey: teladanKeys.figures(),
    queryFn: ({ signal }) => api.get<FigureList>('/teladan/figures', undefined, signal),
    staleTime: Infinity,
  });
}

/** A page of award periods (types from the contract, src/shared/api/teladan.ts). */
export function useTeladanPeriods(query: PeriodListQuery) {
  return useQuery({
    queryKey: teladanKeys.periods(query),
    queryFn: ({ signal }) => api.get<PeriodList>('/teladan/periods', query as QueryParams, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTeladanPeriod(id: string | null) {
  return useQuery({
    queryKey: teladanKeys.period(id ?? ''),
    queryFn: ({ signal }) => api.get<TeladanPeriod>(`/teladan/periods/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The ranking of a period: computed on the server while a draft, the stored one afterwards. */
export function useTeladanRanking(id: string | null, query: RankingQuery) {
  return useQuery({
    queryKey: teladanKeys.ranking(id ?? '', query),
    queryFn: ({ signal }) =>
      api.get<TeladanRanking>(`/teladan/periods/${id}/ranking`, query as QueryParams, signal),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

/** The ranking with the same filters as a download (xlsx or csv). */
export const teladanRankingExportUrl = (
  id: string,
  format: 'xlsx' | 'csv',
  query: Omit<RankingQuery, 'page' | 'pageSize'>,
) => apiUrl(`/teladan/periods/${id}/ranking/export.${format}`, query as QueryParams);

export function useTeladanNominations(id: string | null, page: number) {
  return useQuery({
    queryKey: teladanKeys.nominations(id ?? '', page),
    queryFn: ({ signal }) =>
      api.get<NominationList>(`/teladan/periods/${id}/nominations`, { page, pageSize: 20 }, signal),
    enabled: !!id,
  });
}

/** Awards of an employee (null: the caller's own). */
export function useTeladanAwards(employeeId: string | null, enabled = true) {
  return useQuery({
    queryKey: teladanKeys.awards(employeeId),
    queryFn: ({ signal }) =>
      api.get<AwardList>('/teladan/awards', employeeId ? { employeeId } : undefined, signal),
    enabled,
  });
}

/** The certificate's URL (a GET the browser downloads with the session cookie). */
export const certificateUrl = (awardId: string) => `/api/teladan/awards/${awardId}/certificate`;

function useTeladanMutation<B, R>(fn: (body: B) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

export const useCreatePeriod = () =>
  useTeladanMutation((body: PeriodCreate) => api.post<{ id: string }>('/teladan/periods', body));
export const useSetCommittee = (id: string) =>
  useTeladanMutation((body: CommitteeInput) =>
    api.post<TeladanPeriod>(`/teladan/periods/${id}/committee`, body),
  );
export const useNominate = (id: string) =>
  useTeladanMutation((body: NominationCreate) =>
    api.post<{ id: string }>(`/teladan/periods/${id}/nominations`, body),
  );
export const usePublicNomination = (id: string) =>
  useTeladanMutation((body: PublicNominationCreate) =>
    api.post<{ id: string }>(`/teladan/periods/${id}/public-nominations`, body),
  );
export const useStartReview = (id: string) =>
  useTeladanMutation(() =>
    api.post<{ ranked: number; excluded: number }>(`/teladan/periods/${id}/review`, {}),
  );
export const useDecide = (id: string) =>
  useTeladanMutation((body: DecisionInput) =>
    api.post<{ ok: true }>(`/teladan/periods/${id}/decisions`, body),
  );
export const usePublish = (id: string) =>
  useTeladanMutation(() => api.post<{ awards: number }>(`/teladan/periods/${id}/publish`, {}));
