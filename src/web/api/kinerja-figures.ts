import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  FigureDetail,
  FiguresList,
  FiguresListQuery,
  Progress,
  ProgressQuery,
  ProgressRow,
} from '../../shared/api/kinerja-figures.ts';
import { api, type QueryParams } from './http.ts';

export type { FigureDetail, FiguresList, Progress, ProgressRow };

export const figureKeys = {
  all: ['kinerja', 'figures'] as const,
  mine: (month: string) => [...figureKeys.all, 'mine', month] as const,
  detail: (employeeId: string, month: string) => [...figureKeys.all, 'detail', employeeId, month] as const,
  list: (q: FiguresListQuery) => [...figureKeys.all, 'list', q] as const,
  progress: (q: ProgressQuery) => ['kinerja', 'progress', q] as const,
};

/** The caller's monthly kinerja figure with its days, reports and explanation (GET /kinerja/figures/mine). */
export function useMyFigure(month: string, enabled = true) {
  return useQuery({
    queryKey: figureKeys.mine(month),
    queryFn: ({ signal }) => api.get<FigureDetail>('/kinerja/figures/mine', { month }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useFigureDetail(employeeId: string | null, month: string) {
  return useQuery({
    queryKey: figureKeys.detail(employeeId ?? '', month),
    queryFn: ({ signal }) =>
      api.get<FigureDetail>(`/kinerja/figures/${employeeId}/${month}`, undefined, signal),
    enabled: !!employeeId,
  });
}

export function useFigures(q: FiguresListQuery, enabled = true) {
  return useQuery({
    queryKey: figureKeys.list(q),
    queryFn: ({ signal }) => api.get<FiguresList>('/kinerja/figures', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Progress of SKP approval, report verification and predikat against the curve (admin OPD / BKD). */
export function useProgress(q: ProgressQuery, enabled = true) {
  return useQuery({
    queryKey: figureKeys.progress(q),
    queryFn: ({ signal }) => api.get<Progress>('/kinerja/progress', { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}
