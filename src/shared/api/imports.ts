import { z } from 'zod';

export const IMPORT_KINDS = ['units', 'employees'] as const;

export const importRowErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});

export const importJobSchema = z.object({
  id: z.string().uuid(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  status: z.enum(['validated', 'committed', 'rejected']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(importRowErrorSchema),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  result: z
    .object({ inserted: z.number().int(), updated: z.number().int(), skipped: z.number().int() })
    .nullable(),
});
export type ImportJob = z.infer<typeof importJobSchema>;

export const importCommitBodySchema = z.object({ mode: z.enum(['all', 'validOnly']) });
