import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AnomalyDevice,
  AnomalyKind,
  AnomalyList,
  AnomalyPunch,
  AnomalyUnit,
  Home,
  HomeAdmin,
  HomeAtasan,
  HomeLeaders,
  HomeOversight,
  HomePegawai,
} from '../../shared/api/dashboard.ts';
import { ANOMALY_KINDS } from '../../shared/api/dashboard.ts';
import { api, apiUrl } from './http.ts';

export type {
  AnomalyDevice,
  AnomalyKind,
  AnomalyList,
  AnomalyPunch,
  AnomalyUnit,
  Home,
  HomeAdmin,
  HomeAtasan,
  HomeLeaders,
  HomeOversight,
  HomePegawai,
};
export { ANOMALY_KINDS };

export const dashboardKeys = {
  all: ['dashboard'] as const,
  home: () => [...dashboardKeys.all, 'home'] as const,
  anomalies: (kind: AnomalyKind, page: number, pageSize: number) =>
    [...dashboardKeys.all, 'anomalies', kind, page, pageSize] as const,
};

/** The home page: every section of the signed-in user's roles, in one request, refreshed every minute. */
export function useHome() {
  return useQuery({
    queryKey: dashboardKeys.home(),
    queryFn: ({ signal }) => api.get<Home>('/dashboard/home', undefined, signal),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** One kind of attendance anomaly in the caller's scope, a page at a time. */
export function useAnomalies(kind: AnomalyKind, page: number, pageSize: number) {
  return useQuery({
    queryKey: dashboardKeys.anomalies(kind, page, pageSize),
    queryFn: ({ signal }) => api.get<AnomalyList>(`/dashboard/anomalies/${kind}`, { page, pageSize }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The request URL of an anomaly page (shown as the table's `data-for`). */
export const anomaliesUrl = (kind: AnomalyKind, page: number, pageSize: number) =>
  apiUrl(`/dashboard/anomalies/${kind}`, { page, pageSize });
