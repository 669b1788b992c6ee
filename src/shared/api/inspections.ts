import { z } from 'zod';
import { id, localDate, pageQuerySchema, paged, searchText, text, yearMonth } from './common.ts';

/**
 * The HTTP contract of Inspections (docs/modules.md): request and response schemas, used by the routes for validation
 * and the API documentation, and by the web client for its types (`import type`).
 */

/** GET /api/inspections: a page of items in the caller's scope, newest first. */
export const inspectionsListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  month: yearMonth.optional(),
  q: searchText.optional(),
});
export type InspectionsListQuery = z.input<typeof inspectionsListQuerySchema>;

/** POST /api/inspections. */
export const inspectionsCreateSchema = z.object({
  unitId: id,
  date: localDate,
  title: text({ max: 200, min: 3, label: 'Judul' }),
  note: text({ max: 2000, multiline: true, label: 'Catatan' }).optional(),
});
export type InspectionsCreate = z.input<typeof inspectionsCreateSchema>;

export const inspectionsItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type InspectionsItem = z.output<typeof inspectionsItemSchema>;

/** POST /api/inspections: 201 with the new item's id. */
export const inspectionsCreatedSchema = z.object({ id: z.string() });

export const inspectionsListSchema = paged(inspectionsItemSchema);
export type InspectionsList = z.output<typeof inspectionsListSchema>;
