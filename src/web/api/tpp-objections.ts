import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Objection,
  ObjectionLine,
  ObjectionList,
  ObjectionStatus,
} from '../../shared/api/tpp-objections.ts';
import { api, uploadWithProgress } from './http.ts';

export type { Objection, ObjectionLine, ObjectionList, ObjectionStatus };
export type ObjectionDecision = 'DITERIMA' | 'DITOLAK';

/*
 * The web client of the TPP objections (issue 17 point 4): the employee files an objection to one line of her
 * published TPP (multipart, optional evidence), follows it under "Keberatan saya"; the superior or BKD decides it
 * from the inbox (/tpp/keberatan) or a run's page. Types from src/shared/api/tpp-objections.ts (`import type` only).
 * The keys sit under the TPP root, so every TPP write refreshes them too, and every objection write refreshes
 * the TPP queries it moves (an upheld objection re-runs the employee's line; a pending one holds the approval).
 */

const O = '/tpp/objections';
/** The TPP queries' root (tppKeys.all of api/tpp.ts, repeated: the shell's badge loads this file, not tpp.ts). */
const TPP_ROOT = ['tpp'] as const;

export const objectionKeys = {
  all: [...TPP_ROOT, 'objections'] as const,
  ofRun: (runId: string) => [...TPP_ROOT, 'objections', 'run', runId] as const,
  mine: (month: string) => [...TPP_ROOT, 'objections', 'mine', month] as const,
  inbox: (q: { page: number; pageSize: number }) => [...TPP_ROOT, 'objections', 'inbox', q] as const,
  inboxCount: () => [...TPP_ROOT, 'objections', 'inbox-count'] as const,
  one: (id: string) => [...TPP_ROOT, 'objections', 'one', id] as const,
};

/** Every objection of a run (GET /tpp/runs/:id/objections; readers of the run and its head). */
export function useRunObjections(runId: string, enabled = true) {
  return useQuery({
    queryKey: objectionKeys.ofRun(runId),
    queryFn: ({ signal }) => api.get<ObjectionList>(`/tpp/runs/${runId}/objections`, undefined, signal),
    enabled: enabled && !!runId,
  });
}

/** The caller's own objections of a month, newest first (GET /tpp/objections/mine?month=). */
export function useMyObjections(month: string, enabled = true) {
  return useQuery({
    queryKey: objectionKeys.mine(month),
    queryFn: ({ signal }) => api.get<ObjectionList>(`${O}/mine`, { month }, signal),
    enabled: enabled && !!month,
    placeholderData: keepPreviousData,
  });
}

/** The pending objections the caller decides, oldest first (GET /tpp/objections/inbox). */
export function useObjectionInbox(q: { page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: objectionKeys.inbox(q),
    queryFn: ({ signal }) => api.get<ObjectionList>(`${O}/inbox`, { ...q }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** How many objections wait for the caller (the navigation's badge), refreshed every minute. */
export function useObjectionInboxCount(enabled = true) {
  return useQuery({
    queryKey: objectionKeys.inboxCount(),
    queryFn: ({ signal }) => api.get<{ count: number }>(`${O}/inbox/count`, undefined, signal),
    enabled,
    retry: false,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** One objection (GET /tpp/objections/:id). */
export function useObjection(id: string | null | undefined) {
  return useQuery({
    queryKey: objectionKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Objection>(`${O}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The multipart fields of a new objection: the line (kind, date + code, or sanctionType) and the reason. */
export function objectionFields(line: ObjectionLine, reason: string): Record<string, string> {
  const fields: Record<string, string> = { kind: line.kind };
  if (line.kind === 'DEDUCTION') {
    fields.date = line.date;
    fields.code = line.code;
  }
  if (line.kind === 'SANCTION') fields.sanctionType = line.sanctionType;
  fields.reason = reason.trim();
  return fields;
}

export interface ObjectionFileInput {
  runId: string;
  employeeId: string;
  line: ObjectionLine;
  reason: string;
  file: File | null;
}

/** Files an objection (POST /tpp/runs/:id/lines/:employeeId/objections, multipart) with upload progress. */
export function fileObjection(input: ObjectionFileInput, onProgress: (fraction: number) => void) {
  const form = new FormData();
  for (const [k, v] of Object.entries(objectionFields(input.line, input.reason))) form.append(k, v);
  if (input.file) form.append('file', input.file, input.file.name);
  return uploadWithProgress<Objection>(
    `/tpp/runs/${input.runId}/lines/${input.employeeId}/objections`,
    form,
    onProgress,
  );
}

/** Files an objection; then "TPP saya", the run (its blockers) and the objection lists are asked again. */
export function useFileObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, onProgress }: { input: ObjectionFileInput; onProgress: (f: number) => void }) =>
      fileObjection(input, onProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TPP_ROOT }),
  });
}

/**
 * Decides an objection (POST /tpp/objections/:id/decision); an upheld one may re-run the employee's line, so the
 * run, its lines, "TPP saya", the lists and the badge are all asked again.
 */
export function useDecideObjection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: ObjectionDecision; note: string }) =>
      api.post<Objection>(`${O}/${id}/decision`, { decision, note: note.trim() }),
    onSuccess: (o) => {
      queryClient.setQueryData(objectionKeys.one(o.id), o);
      return queryClient.invalidateQueries({ queryKey: TPP_ROOT });
    },
  });
}
