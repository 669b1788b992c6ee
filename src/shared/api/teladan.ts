import { z } from 'zod';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of Teladan (docs/modules.md): request and response schemas, used by the routes for validation
 * and the API documentation, and by the web client for its types (`import type`).
 */

/** GET /api/teladan: a page of items in the caller's scope, newest first. */
export const teladanListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  q: searchText.optional(),
});
export type TeladanListQuery = z.input<typeof teladanListQuerySchema>;

/** POST /api/teladan. */
export const teladanCreateSchema = z.object({
  unitId: id,
  date: localDate,
  title: text({ max: 200, min: 3, label: 'Judul' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type TeladanCreate = z.input<typeof teladanCreateSchema>;

export const teladanItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TeladanItem = z.output<typeof teladanItemSchema>;

/** POST /api/teladan: 201 with the new item's id. */
export const teladanCreatedSchema = z.object({ id: z.string() });

export const teladanListSchema = paged(teladanItemSchema);
export type TeladanList = z.output<typeof teladanListSchema>;
