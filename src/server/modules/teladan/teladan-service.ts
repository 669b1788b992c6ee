import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { TeladanCreate, TeladanList, TeladanListQuery } from '../../../shared/api/teladan.ts';
import type { TeladanRepo } from './teladan-repo.ts';

/** The last day of a YYYY-MM month. */
const monthEnd = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/**
 * Teladan: the module's façade, the only part other modules may use (its type, wired in app.ts). Every write
 * checks the caller's role and scope first, inside the request's transaction, and leaves an audit entry.
 */
export function createTeladanService(deps: { db: Db; repo: TeladanRepo; audit: AuditService; clock: Clock }) {
  const { db, repo, audit, clock } = deps;
  return {
    /** A page of items in the caller's scope (403 without 'teladan.read' anywhere). */
    async list(
      actor: Actor,
      query: TeladanListQuery & { page: number; pageSize: number },
    ): Promise<TeladanList> {
      const paths = requireAny(actor, 'teladan.read');
      if (query.unitId) {
        const unitPath = await repo.unitPath(query.unitId);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, 'teladan.read', unitPath);
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

    /** Records an item in a unit of the caller's scope ('teladan.write'); audited. */
    async create(actor: Actor, input: TeladanCreate): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const unitPath = await repo.unitPath(input.unitId, trx);
        if (!unitPath) throw notFound('Unit');
        requireUnit(actor, 'teladan.write', unitPath);
        const id = await repo.insert(trx, {
          unitId: input.unitId,
          date: input.date,
          title: input.title,
          note: input.note ?? null,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await audit.record(trx, ctxOf(actor), {
          action: 'teladan.created',
          entityType: 'teladan_item',
          entityId: id,
          unitId: input.unitId,
          after: { date: input.date, title: input.title },
        });
        return { id };
      });
    },
  };
}
export type TeladanService = ReturnType<typeof createTeladanService>;
