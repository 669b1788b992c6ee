import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type {
  InspectionsCreate,
  InspectionsList,
  InspectionsListQuery,
} from '../../../shared/api/inspections.ts';
import type { InspectionsRepo } from './inspections-repo.ts';

/** The last day of a YYYY-MM month. */
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * Inspections: the module's façade, the only part other modules may use (its type, wired in app.ts). Every write
 * checks the caller's role and scope first, inside the request's transaction, and leaves an audit entry.
 */
export function createInspectionsService(deps: {
  db: Db;
  repo: InspectionsRepo;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, audit, clock } = deps;
  return {
    /** A page of items in the caller's scope (403 without 'inspections.read' anywhere). */
    async list(
      actor: Actor,
      query: InspectionsListQuery & { page: number; pageSize: number },
    ): Promise<InspectionsList> {
      const paths = requireAny(actor, 'inspections.read');
      if (query.unitId) {
        const unitPath = await repo.unitPath(query.unitId);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, 'inspections.read', unitPath);
      }
      const { rows, total } = await repo.list(
        {
          paths,
          unitId: query.unitId,
          from: query.month ? `${query.month}-01` : undefined,
          to: query.month ? monthEnd(query.month) : undefined,
          q: query.q,
        },
        query.page,
        query.pageSize,
      );
      return {
        items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Records an item in a unit of the caller's scope ('inspections.write'); audited. */
    async create(actor: Actor, input: InspectionsCreate): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const unitPath = await repo.unitPath(input.unitId, trx);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, 'inspections.write', unitPath);
        const id = await repo.insert(trx, {
          unitId: input.unitId,
          date: input.date,
          title: input.title,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await audit.record(trx, ctxOf(actor), {
          action: 'inspections.created',
          entityType: 'inspections_item',
          entityId: id,
          unitId: input.unitId,
          after: { date: input.date, title: input.title },
        });
        return { id };
      });
    },
  };
}
export type InspectionsService = ReturnType<typeof createInspectionsService>;
