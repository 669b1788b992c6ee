import { useQuery } from '@tanstack/react-query';
import type { Job } from '../../shared/api/jobs.ts';
import { request, type QueryParams } from './http.ts';

export type { Job };

/** Start an export job (POST …/export-jobs with the export's query); the server answers 202 with the job. */
export function startExportJob(path: string, query: QueryParams): Promise<Job> {
  return request<Job>('POST', path, { query });
}

const finished = (j: Job | undefined) => !!j && j.state !== 'queued' && j.state !== 'running';

/** A job, polled every second until it is done, failed or expired. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: ({ signal }) => request<Job>('GET', `/jobs/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: !!id,
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
}
