import { useQuery } from '@tanstack/react-query';
import { api } from './http.ts';
import type { DashboardSummary } from './types.ts';

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summary: () => [...dashboardKeys.all, 'summary'] as const,
};

export function useDashboard() {
  return useQuery({
    queryKey: dashboardKeys.summary(),
    queryFn: ({ signal }) => api.get<DashboardSummary>('/dashboard', undefined, signal),
  });
}
