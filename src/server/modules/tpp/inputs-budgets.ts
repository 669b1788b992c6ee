import { ctxOf } from '../../auth/auth-service.ts';
import { unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { fieldError, forbidden } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { TppContext } from './tpp-context.ts';
import { likeOf, readerScope, userNames } from './inputs-common.ts';
import type { Budget, BudgetList, BudgetListParams, BudgetSet } from '../../../shared/api/tpp-inputs.ts';

/**
 * The pagu (budget ceiling) of TPP per OPD and year with its DPA reference (issue 17 point 1; regulations.md §5.1,
 * PP 12/2019 Pasal 58: TPP within the region's fiscal capacity). BKD (tpp.manage over the OPD) sets or replaces it;
 * TPP readers see the pagu of the OPDs in their scope; runs and dashboards compare the paid TPP with it.
 */
export function createBudgetsSection(ctx: TppContext) {
  const { db, audit } = ctx;

  const base = (exec: Exec) =>
    exec
      .selectFrom('tppBudgets as b')
      .innerJoin('units as u', 'u.id', 'b.unitId')
      .select([
        'b.unitId',
        'u.code as unitCode',
        'u.name as unitName',
        'u.path',
        'b.year',
        'b.amount',
        'b.reference',
        'b.updatedBy',
        'b.updatedAt',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  async function present(exec: Exec, rows: Row[]): Promise<Budget[]> {
    const names = await userNames(
      exec,
      rows.map((r) => r.updatedBy),
    );
    return rows.map((r) => ({
      unitId: r.unitId,
      unitCode: r.unitCode,
      unitName: r.unitName,
      year: r.year,
      amount: Number(r.amount),
      reference: r.reference,
      updatedByName: names.get(r.updatedBy) ?? null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  /** GET /budgets: the pagu of the OPDs in the reader's scope, with the sum over every page. */
  async function list(actor: Actor, q: BudgetListParams): Promise<BudgetList> {
    const scope = readerScope(actor);
    if (scope !== 'all' && scope.length === 0) throw forbidden('Anda tidak berwenang melihat pagu TPP');
    let unitPath: string | null = null;
    if (q.unitId) unitPath = (await ctx.unitOr404(q.unitId)).path;
    const filtered = () => {
      let query = base(db).where((eb) => unitScopeCondition(eb, scope, 'u.path'));
      if (q.year) query = query.where('b.year', '=', q.year);
      if (unitPath) query = query.where('u.path', 'like', `${unitPath}%`);
      if (q.q) {
        const like = likeOf(q.q);
        query = query.where((eb) => eb.or([eb('u.name', 'ilike', like), eb('u.code', 'ilike', like)]));
      }
      return query;
    };
    const [rows, sums] = await Promise.all([
      filtered()
        .orderBy('b.year', 'desc')
        .orderBy('u.name')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => [
          eb.fn.countAll<string>().as('n'),
          eb.fn.coalesce(eb.fn.sum<string>('x.amount'), eb.lit(0)).as('total'),
        ])
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: await present(db, rows),
      total: Number(sums.n),
      totalAmount: Number(sums.total),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** PUT /budgets: set or replace the pagu of an OPD for a year (BKD over the OPD), audited with what it was. */
  async function set(actor: Actor, input: BudgetSet): Promise<Budget> {
    return db.transaction().execute(async (trx) => {
      const unit = await ctx.unitOr404(input.unitId, trx);
      ctx.requireOn(actor, ['tpp.manage'], unit.path, 'Hanya BKD yang menetapkan pagu TPP OPD');
      const kind = await trx
        .selectFrom('units')
        .select('kind')
        .where('id', '=', unit.id)
        .executeTakeFirstOrThrow();
      if (kind.kind !== 'OPD')
        throw fieldError(
          'unitId',
          `Pagu TPP ditetapkan per OPD; ${unit.name} berjenis ${kind.kind}, bukan OPD`,
        );
      const before = await base(trx)
        .where('b.unitId', '=', unit.id)
        .where('b.year', '=', input.year)
        .forUpdate('b')
        .executeTakeFirst();
      const values = {
        amount: input.amount,
        reference: input.reference,
        updatedBy: actor.userId,
        updatedAt: ctx.clock.now(),
      };
      await trx
        .insertInto('tppBudgets')
        .values({ unitId: unit.id, year: input.year, ...values })
        .onConflict((oc) => oc.columns(['unitId', 'year']).doUpdateSet(values))
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_budget.set',
        entityType: 'tpp_budget',
        entityId: `${unit.id}/${input.year}`,
        unitId: unit.id,
        before: before
          ? { year: before.year, amount: Number(before.amount), reference: before.reference }
          : null,
        after: { year: input.year, amount: input.amount, reference: input.reference },
      });
      const row = await base(trx)
        .where('b.unitId', '=', unit.id)
        .where('b.year', '=', input.year)
        .executeTakeFirstOrThrow();
      return (await present(trx, [row]))[0]!;
    });
  }

  /** The pagu of a unit for a year (for the runs and dashboards), or null when none is set. */
  async function budgetOf(
    exec: Exec,
    unitId: string,
    year: number,
  ): Promise<{ amount: number; reference: string | null } | null> {
    const row = await exec
      .selectFrom('tppBudgets')
      .select(['amount', 'reference'])
      .where('unitId', '=', unitId)
      .where('year', '=', year)
      .executeTakeFirst();
    return row ? { amount: Number(row.amount), reference: row.reference } : null;
  }

  return { list, set, budgetOf };
}
export type BudgetsSection = ReturnType<typeof createBudgetsSection>;
