import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  leaveCancelSchema,
  leaveDecideSchema,
  LeaveBalance,
  LeaveInboxCount,
  LeaveInput,
  LeaveList,
  LeaveListQuery,
  LeaveOpeningInput,
  LeaveOptions,
  LeavePage,
  LeavePreview,
  LeaveRequest,
  LeaveStatus,
  LeaveTypeCode,
} from '../../shared/api/leave.ts';
import { api, apiUrl, type QueryParams } from './http.ts';

export type {
  LeaveBalance,
  LeaveInboxCount,
  LeaveInput,
  LeaveList,
  LeaveOpeningInput,
  LeaveOptions,
  LeavePage,
  LeavePreview,
  LeaveRequest,
  LeaveStatus,
  LeaveTypeCode,
};
/** The body of POST /api/leave/requests/:id/decision, with the request's id. */
export type LeaveDecisionVars = { id: string } & z.input<typeof leaveDecideSchema>;
/** The body of POST /api/leave/requests/:id/cancel, with the request's id. */
export type LeaveCancelVars = { id: string } & z.input<typeof leaveCancelSchema>;

export const leaveKeys = {
  all: ['leave'] as const,
  options: () => [...leaveKeys.all, 'options'] as const,
  preview: (q: object) => [...leaveKeys.all, 'preview', q] as const,
  mine: () => [...leaveKeys.all, 'mine'] as const,
  inbox: () => [...leaveKeys.all, 'inbox'] as const,
  inboxCount: () => [...leaveKeys.all, 'inbox', 'count'] as const,
  list: (q: object) => [...leaveKeys.all, 'list', q] as const,
  balance: (employeeId: string | null, year: number) =>
    [...leaveKeys.all, 'balance', employeeId, year] as const,
};

export function useLeaveOptions() {
  return useQuery({
    queryKey: leaveKeys.options(),
    queryFn: ({ signal }) => api.get<LeaveOptions>('/leave/options', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** The days counted and the problems of a request being typed (only once type and both dates are set). */
export function useLeavePreview(q: {
  type: LeaveTypeCode | null;
  from: string;
  to: string;
  variant?: string | undefined;
  attachmentKind?: string | undefined;
}) {
  const ready = !!q.type && !!q.from && !!q.to && q.from <= q.to;
  return useQuery({
    queryKey: leaveKeys.preview(q),
    queryFn: ({ signal }) => api.get<LeavePreview>('/leave/preview', q as QueryParams, signal),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useLeaveBalance(employeeId: string | null, year: number) {
  return useQuery({
    queryKey: leaveKeys.balance(employeeId, year),
    queryFn: ({ signal }) =>
      api.get<LeaveBalance>('/leave/balance', { employeeId: employeeId ?? undefined, year }, signal),
  });
}

export function useMyLeave() {
  return useQuery({
    queryKey: leaveKeys.mine(),
    queryFn: ({ signal }) => api.get<LeaveList>('/leave/mine', undefined, signal),
  });
}

export function useLeaveInbox() {
  return useQuery({
    queryKey: leaveKeys.inbox(),
    queryFn: ({ signal }) => api.get<LeaveList>('/leave/inbox', undefined, signal),
  });
}

/** Approved leave the caller granted as PyBMC and that has not ended (they may cancel it). */
export function useLeaveGranted() {
  return useQuery({
    queryKey: [...leaveKeys.all, 'granted'] as const,
    queryFn: ({ signal }) => api.get<LeaveList>('/leave/granted', undefined, signal),
  });
}

/** Waiting decisions of the caller, for the navigation badge. */
export function useLeaveInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: leaveKeys.inboxCount(),
    queryFn: ({ signal }) => api.get<LeaveInboxCount>('/leave/inbox/count', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function useLeaveList(q: Partial<LeaveListQuery>, enabled = true) {
  return useQuery({
    queryKey: leaveKeys.list(q),
    queryFn: ({ signal }) => api.get<LeavePage>('/leave/requests', q as QueryParams, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const leaveExportUrl = (q: Partial<LeaveListQuery>) =>
  apiUrl('/leave/requests/export.csv', { ...q, page: undefined, pageSize: undefined } as QueryParams);
export const leaveLetterUrl = (id: string) => apiUrl(`/leave/requests/${id}/letter.pdf`);
export const leaveAttachmentUrl = (id: string) => apiUrl(`/leave/requests/${id}/attachment`);

/** Submit a request; with a file it goes as multipart (`request` JSON + `attachment`). */
export function useSubmitLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, file }: { input: LeaveInput; file: File | null }) => {
      if (!file) return api.post<LeaveRequest>('/leave/requests', input);
      const form = new FormData();
      form.append('request', JSON.stringify(input));
      form.append('attachment', file, file.name);
      return api.post<LeaveRequest>('/leave/requests', form);
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: leaveKeys.all }),
  });
}

export function useDecideLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: LeaveDecisionVars) =>
      api.post<LeaveRequest>(`/leave/requests/${id}/decision`, { decision, note }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: leaveKeys.all }),
  });
}

export function useCancelLeave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: LeaveCancelVars) =>
      api.post<LeaveRequest>(`/leave/requests/${id}/cancel`, { reason }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: leaveKeys.all }),
  });
}

/** Set an employee's opening annual-leave balance from the old system (admin OPD / BKD; audited). */
export function useSetLeaveOpening() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: LeaveOpeningInput) => api.put<LeaveBalance>('/leave/opening-balances', input),
    onSuccess: () => void qc.invalidateQueries({ queryKey: leaveKeys.all }),
  });
}
