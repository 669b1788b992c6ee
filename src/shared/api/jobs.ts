import { z } from 'zod';

/** A background job (a large export): its state, progress (0–100) and, when done, the file to download. */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'expired'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().int().min(0).max(100),
  fileName: z.string(),
  fileBytes: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** Where to download the file once the job is done. */
  downloadUrl: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;

/** GET /api/jobs: the caller's recent jobs. */
export const jobListSchema = z.object({ items: z.array(jobSchema) });
