import { z } from 'zod';
import { localDate, text } from './common.ts';

/**
 * The HTTP contract of the rulebooks (`/api/rulebooks/…`): the versions of a region's rules, the one in force on a
 * date, a version's content, checking a document and saving and activating a draft (BKD). The routes
 * (src/server/modules/rulebooks/rulebook-routes.ts) validate and serialise with these schemas.
 * Source: docs/architecture.md ("rulebooks/": one JSON per section); regulations.md (each rule's legal basis).
 */

/** A version's life: a draft, the one in force (active), or replaced (retired). */
export const RULEBOOK_STATUSES = ['draft', 'active', 'retired'] as const;
export type RulebookStatus = (typeof RULEBOOK_STATUSES)[number];
/** Where a version came from: the repository's rulebooks/ folder or the API. */
export const RULEBOOK_SOURCES = ['repo', 'api'] as const;

/** One version of a region's rulebook, without its content. */
export const rulebookSummarySchema = z.object({
  id: z.string().uuid(),
  rulebookId: z.string(),
  region: z.string(),
  name: z.string(),
  version: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(RULEBOOK_STATUSES),
  source: z.enum(RULEBOOK_SOURCES),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type RulebookSummary = z.output<typeof rulebookSummarySchema>;

/** GET /api/rulebooks. */
export const rulebookListSchema = z.array(rulebookSummarySchema);

/** GET /api/rulebooks/resolve. */
export const rulebookResolveQuerySchema = z.object({
  region: text({ min: 1, max: 60, label: 'Wilayah' }),
  date: localDate,
});

/** GET /api/rulebooks/{id} and POST /api/rulebooks/{id}/activate. */
export const rulebookParamsSchema = z.object({ id: z.string().uuid() });

/** GET /api/rulebooks/{id}: the version with its content (the sections as stored). */
export const rulebookDetailSchema = rulebookSummarySchema.extend({
  content: z.record(z.string(), z.unknown()),
});
export type RulebookDetail = z.output<typeof rulebookDetailSchema>;

/** POST /api/rulebooks/validate and POST /api/rulebooks: a rulebook document (checked by the service). */
export const rulebookDocumentSchema = z.record(z.string(), z.unknown());

/** POST /api/rulebooks/validate: what is wrong with the document, field by field. */
export const rulebookValidationSchema = z.object({
  ok: z.boolean(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
