import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, type Actor } from '../../auth/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import {
  INSPECTION_KIND_LABELS,
  INSPECTION_STATUS_LABELS,
  type Checklist,
  type ChecklistCategory,
} from '../../../shared/api/inspections.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';

/** Rows of a schedule export at most (a region plans hundreds of inspections a year). */
const EXPORT_CAP = 5_000;
import { createInspectionsContext, type InspectionsDeps } from './inspections-context.ts';
import { renderInspectionReport } from './inspections-document.ts';
import { createFieldworkSection } from './inspections-fieldwork.ts';
import { createFollowUpSection } from './inspections-follow-ups.ts';
import { createPlanSection } from './inspections-plan.ts';

/**
 * Inspections (sidak, issue 18 point 1; docs/inspections.md): the module's façade, the only part other modules may
 * use (its type, wired in app.ts). Sections: planning and running (inspections-plan.ts), the work on the day with
 * idempotent marks, findings and photos (inspections-fieldwork.ts), follow-ups and discipline cases
 * (inspections-follow-ups.ts); here the checklist BKD maintains and the report PDF. Every write checks role and
 * scope first inside its transaction and leaves an audit entry.
 */
export function createInspectionsService(deps: InspectionsDeps) {
  const { db, repo, audit, clock, documents, files } = deps;
  const ctx = createInspectionsContext(deps);
  const plan = createPlanSection(deps, ctx);
  const fieldwork = createFieldworkSection(deps, ctx);
  const followUps = createFollowUpSection(deps, ctx);
  files.registerOwner(
    'inspection_photo',
    (actor, id) => fieldwork.canViewPhoto(actor, id),
    'Foto temuan sidak',
  );

  /** GET /api/inspections/checklist: every item (the page offers the active ones). */
  async function checklist(actor: Actor): Promise<Checklist> {
    requireAny(actor, 'inspections.read');
    const rows = await repo.checklist();
    return { items: rows.map((r) => ({ ...r, category: r.category as ChecklistCategory })) };
  }

  /** POST /api/inspections/checklist: BKD adds an item (409 when it exists). */
  async function addChecklistItem(actor: Actor, body: { category: ChecklistCategory; label: string }) {
    return db.transaction().execute(async (trx) => {
      requireAny(actor, 'inspections.checklist');
      const id = await repo.insertChecklistItem(trx, body.category, body.label, clock.now());
      if (!id) throw new AppError('CONFLICT', 'Butir ini sudah ada dalam daftar periksa');
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_checklist.created',
        entityType: 'inspection_checklist_item',
        entityId: id,
        after: body,
      });
      return { id };
    });
  }

  /** PATCH /api/inspections/checklist/:id: BKD retires or restores an item (findings keep theirs). */
  async function setChecklistActive(actor: Actor, id: string, active: boolean) {
    await db.transaction().execute(async (trx) => {
      requireAny(actor, 'inspections.checklist');
      const c = await repo.checklistItem(id, trx);
      if (!c) throw notFound('Butir daftar periksa');
      await repo.setChecklistActive(trx, id, active);
      await audit.record(trx, ctxOf(actor), {
        action: 'inspection_checklist.updated',
        entityType: 'inspection_checklist_item',
        entityId: id,
        before: { active: c.active },
        after: { active },
      });
    });
    return checklist(actor);
  }

  /** GET /api/inspections/export.:format: the schedule as the list shows it (same scope and filters), as rows. */
  async function exportRows(
    actor: Actor,
    q: Omit<Parameters<typeof plan.list>[1], 'page' | 'pageSize'>,
  ): Promise<Record<string, unknown>[]> {
    const { items } = await plan.list(actor, { ...q, page: 1, pageSize: EXPORT_CAP });
    return items.map((i) => ({
      date: formatDdMmYyyy(i.date),
      title: i.title,
      kind: INSPECTION_KIND_LABELS[i.kind],
      status: INSPECTION_STATUS_LABELS[i.status],
      units: i.units.map((u) => u.name).join('; '),
      team: i.team.map((m) => m.name).join('; '),
      findings: i.findings,
      openFollowUps: i.openFollowUps,
      complaintId: i.complaintId ?? '',
    }));
  }

  /** GET /api/inspections/:id/pdf: the report, for whoever may see the inspection. */
  async function pdf(actor: Actor, id: string) {
    const d = await plan.get(actor, id);
    const letterhead = await documents.letterheadFor(d.units[0]!.id);
    const bytes = await renderInspectionReport(d, letterhead, clock.now());
    return { bytes, fileName: `laporan-sidak-${d.date}.pdf` };
  }

  return {
    ...plan,
    checklist,
    addChecklistItem,
    setChecklistActive,
    pdf,
    exportRows,
    fieldwork,
    followUps,
    /** For the notification service: resolves when the actor may (still) open the item. */
    canOpen: followUps.canOpen,
  };
}
export type InspectionsService = ReturnType<typeof createInspectionsService>;
