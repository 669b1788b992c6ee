import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl, uploadWithProgress } from './http.ts';
import type { ImportJob, ImportKind, Paged } from './types.ts';

export const importKeys = {
  all: ['imports'] as const,
  list: (page: number) => [...importKeys.all, 'list', page] as const,
};

/** Used until the server's own limit (IMPORT_MAX_BYTES, from /imports/columns) has loaded. */
export const DEFAULT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The largest import file the server accepts. */
export function useImportMaxBytes(): number {
  const q = useQuery({
    queryKey: [...importKeys.all, 'columns'],
    queryFn: ({ signal }) => api.get<{ maxBytes: number }>('/imports/columns', undefined, signal),
    staleTime: Infinity,
  });
  return q.data?.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
}

export function importTemplateUrl(kind: ImportKind, format: 'csv' | 'xlsx'): string {
  return apiUrl(`/imports/template/${kind}.${format}`);
}

export function useImports(page: number) {
  return useQuery({
    queryKey: importKeys.list(page),
    queryFn: ({ signal }) => api.get<Paged<ImportJob>>('/imports', { page }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUploadImport(onProgress: (fraction: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file, file.name);
      return uploadWithProgress<ImportJob>('/imports', form, onProgress);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.all }),
  });
}

export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, mode }: { id: string; mode: 'all' | 'validOnly' }) =>
      api.post<ImportJob>(`/imports/${encodeURIComponent(id)}/commit`, { mode }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: importKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['units'] });
      void queryClient.invalidateQueries({ queryKey: ['employees'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}
