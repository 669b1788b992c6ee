import { z } from 'zod';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of Complaints (docs/modules.md): request and response schemas, used by the routes for validation
 * and the API documentation, and by the web client for its types (`import type`).
 */

/** GET /api/complaints: a page of items in the caller's scope, newest first. */
export const complaintsListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  q: searchText.optional(),
});
export type ComplaintsListQuery = z.input<typeof complaintsListQuerySchema>;

/** POST /api/complaints. */
export const complaintsCreateSchema = z.object({
  unitId: id,
  date: localDate,
  title: text({ max: 200, min: 3, label: 'Judul' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type ComplaintsCreate = z.input<typeof complaintsCreateSchema>;

export const complaintsItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplaintsItem = z.output<typeof complaintsItemSchema>;

/** POST /api/complaints: 201 with the new item's id. */
export const complaintsCreatedSchema = z.object({ id: z.string() });

export const complaintsListSchema = paged(complaintsItemSchema);
export type ComplaintsList = z.output<typeof complaintsListSchema>;
