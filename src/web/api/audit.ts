import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { auditPageSchema, auditQuerySchema } from '../../shared/api/audit.ts';
import { api, apiUrl } from './http.ts';
import type { AuditVerify } from './types.ts';

/** A page of the audit log with the names of the ids its entries hold. */
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The audit list's filters: unit, period, action (or a kind of action, `permit.`), person, record kind, text. */
export type AuditQuery = Partial<z.output<typeof auditQuerySchema>>;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditQuery) => [...auditKeys.all, 'list', filters] as const,
};

export function useAuditLog(filters: AuditQuery) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => api.get<AuditPage>('/audit', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The CSV export of the filtered entries (labels, names, changes), downloaded by the browser. */
export function auditExportUrl(filters: AuditQuery): string {
  const { page: _page, pageSize: _size, ...rest } = filters;
  return apiUrl('/audit/export.csv', { ...rest });
}

/** Verification walks the whole hash chain, so it runs on demand, not as a cached query. */
export function useVerifyAudit() {
  return useMutation({
    mutationFn: () => api.get<AuditVerify>('/audit/verify'),
  });
}
