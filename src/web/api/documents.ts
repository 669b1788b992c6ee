import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Letterhead,
  LetterheadInput,
  LetterNumberScheme,
  LetterNumberSchemeInput,
  LetterType,
} from '../../shared/api/documents.ts';
import { api, request } from './http.ts';

// Types only from the contract: its values would bring zod into the page's chunk.
export type { Letterhead, LetterheadInput, LetterNumberScheme, LetterNumberSchemeInput, LetterType };

export const documentKeys = {
  all: ['documents'] as const,
  letterheads: () => [...documentKeys.all, 'letterheads'] as const,
  schemes: () => [...documentKeys.all, 'schemes'] as const,
};

/** The region's and the units' letterheads (kop surat) in the caller's scope (BKD, super admin). */
export function useLetterheads() {
  return useQuery({
    queryKey: documentKeys.letterheads(),
    queryFn: ({ signal }) => api.get<{ items: Letterhead[] }>('/documents/letterheads', undefined, signal),
  });
}

/** Set the text of the region's letterhead (unitId null) or a unit's. */
export function useSetLetterhead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LetterheadInput) => api.put<Letterhead>('/documents/letterheads', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.letterheads() }),
  });
}

/**
 * Upload the logo of the region's letterhead (unitId null) or a unit's. The server recognises PNG/JPEG from the
 * content and refuses anything else (415) or too large (413), storing nothing.
 */
export function useUploadLetterheadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, file }: { unitId: string | null; file: File }) => {
      const form = new FormData();
      form.append('unitId', unitId ?? '');
      form.append('logo', file);
      return request<Letterhead>('POST', '/documents/letterheads/logo', { body: form });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.letterheads() }),
  });
}

/** The letter-number schemes in the caller's scope, each with the number its next letter would get. */
export function useLetterNumberSchemes() {
  return useQuery({
    queryKey: documentKeys.schemes(),
    queryFn: ({ signal }) =>
      api.get<{ items: LetterNumberScheme[] }>('/documents/letter-number-schemes', undefined, signal),
  });
}

/** Set a unit's scheme for a letter type (added or changed; the year's counter goes on where it was). */
export function useSetLetterNumberScheme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LetterNumberSchemeInput) =>
      api.put<LetterNumberScheme>('/documents/letter-number-schemes', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.schemes() }),
  });
}
