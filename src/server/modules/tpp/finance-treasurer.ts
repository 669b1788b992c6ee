import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { fieldError, notFound } from '../../errors.ts';
import type { Treasurer, TreasurerSetBody } from '../../../shared/api/tpp-finance.ts';
import { TPP_READERS, type TppContext } from './tpp-context.ts';
import type { FinanceReads } from './finance-common.ts';

/*
 * The treasurer (bendahara pengeluaran) of an OPD who signs the nominative list (issue 17 point 5): an employee of
 * the unit's subtree, with the decree that appointed them, one record per unit (a sub-unit without one uses its
 * nearest ancestor's). Read by the unit's readers; set by tpp.run over the unit (admin OPD, BKD), audited. An
 * upsert under the unit's row lock: last writer wins.
 */
export function createFinanceTreasurer(ctx: TppContext, reads: FinanceReads) {
  const { db, audit } = ctx;

  async function present(actor: Actor, unit: { id: string; name: string; path: string }, exec = db) {
    const t = await reads.treasurerOf(unit.path, exec);
    return {
      unitId: unit.id,
      unitName: unit.name,
      treasurer: t ? { ...t, inherited: t.unitId !== unit.id } : null,
      canSet: ctx.holds(actor, ['tpp.run'], unit.path),
    } satisfies Treasurer;
  }

  /** GET /treasurers/:unitId (readers of the unit; 404 for anyone else). */
  async function get(actor: Actor, unitId: string): Promise<Treasurer> {
    const unit = await ctx.unitOr404(unitId);
    if (!ctx.holds(actor, TPP_READERS, unit.path)) throw notFound('Unit');
    return present(actor, unit);
  }

  /** PUT /treasurers/:unitId: sets the unit's treasurer (tpp.run over the unit), checked before writing. */
  async function set(actor: Actor, unitId: string, body: TreasurerSetBody): Promise<Treasurer> {
    return db.transaction().execute(async (trx) => {
      const unit = await ctx.unitOr404(unitId, trx);
      if (!ctx.holds(actor, TPP_READERS, unit.path)) throw notFound('Unit');
      ctx.requireOn(
        actor,
        ['tpp.run'],
        unit.path,
        'Hanya admin OPD unit ini atau BKD yang menetapkan bendahara',
      );
      await trx.selectFrom('units').select('id').where('id', '=', unit.id).forUpdate().execute();
      const e = await trx
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .select(['e.id', 'u.path'])
        .where('e.id', '=', body.employeeId)
        .executeTakeFirst();
      if (!e || !e.path.startsWith(unit.path))
        throw fieldError('employeeId', `Bendahara harus pegawai ${unit.name} atau unit di bawahnya`);
      const before = await trx
        .selectFrom('tppTreasurers')
        .select(['employeeId', 'decree'])
        .where('unitId', '=', unit.id)
        .executeTakeFirst();
      const decree = body.decree?.trim() || null;
      await trx
        .insertInto('tppTreasurers')
        .values({ unitId: unit.id, employeeId: e.id, decree, updatedBy: actor.userId })
        .onConflict((oc) =>
          oc.column('unitId').doUpdateSet({
            employeeId: e.id,
            decree,
            updatedBy: actor.userId,
            updatedAt: ctx.clock.now(),
          }),
        )
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_treasurer.set',
        entityType: 'tpp_treasurer',
        entityId: unit.id,
        unitId: unit.id,
        before: before ?? null,
        after: { employeeId: e.id, decree },
      });
      return present(actor, unit, trx);
    });
  }

  return { get, set };
}
