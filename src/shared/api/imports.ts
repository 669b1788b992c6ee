import { z } from 'zod';
import { paged } from './common.ts';

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

/** The `kind` field of an upload (POST /api/imports, multipart). */
export const importKindSchema = z.enum(IMPORT_KINDS);

/** GET /api/imports: the caller's imports. */
export const importJobPageSchema = paged(importJobSchema);

/** GET /api/imports/{id} and POST /api/imports/{id}/commit. */
export const importIdParamsSchema = z.object({ id: z.string().uuid() });

/** GET /api/imports/template/{file}: the empty files to fill in. */
export const IMPORT_TEMPLATES = ['units.csv', 'units.xlsx', 'employees.csv', 'employees.xlsx'] as const;
export const importTemplateParamsSchema = z.object({ file: z.enum(IMPORT_TEMPLATES) });
