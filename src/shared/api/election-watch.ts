import { z } from 'zod';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of ElectionWatch (docs/modules.md): request and response schemas, used by the routes for validation
 * and the API documentation, and by the web client for its types (`import type`).
 */

/** GET /api/election-watch: a page of items in the caller's scope, newest first. */
export const electionWatchListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  q: searchText.optional(),
});
export type ElectionWatchListQuery = z.input<typeof electionWatchListQuerySchema>;

/** POST /api/election-watch. */
export const electionWatchCreateSchema = z.object({
  unitId: id,
  date: localDate,
  title: text({ max: 200, min: 3, label: 'Judul' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type ElectionWatchCreate = z.input<typeof electionWatchCreateSchema>;

export const electionWatchItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ElectionWatchItem = z.output<typeof electionWatchItemSchema>;

/** POST /api/election-watch: 201 with the new item's id. */
export const electionWatchCreatedSchema = z.object({ id: z.string() });

export const electionWatchListSchema = paged(electionWatchItemSchema);
export type ElectionWatchList = z.output<typeof electionWatchListSchema>;
