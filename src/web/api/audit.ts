import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from './http.ts';
import type { AuditEntry, AuditFilters, AuditVerify, Paged } from './types.ts';

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => api.get<Paged<AuditEntry>>('/audit', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Verification walks the whole hash chain, so it runs on demand, not as a cached query. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: () => api.get<AuditVerify>('/audit/verify'),
  });
}
