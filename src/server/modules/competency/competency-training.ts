import { ctxOf } from '../../auth/auth-service.ts';
import { requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { competencyGaps } from '../../../core/performance/competency.ts';
import { trainingNeeds, type TrainingKind } from '../../../core/performance/training-needs.ts';
import {
  TRAINING_KIND_LABELS,
  type TrainingBody,
  type TrainingBudgetPut,
  type TrainingItem,
  type TrainingList,
  type TrainingNeedsReport,
} from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';
import type { TrainingRow } from './competency-repo.ts';
import { unknownCodes } from './competency-standards.ts';

const present = (t: TrainingRow): TrainingItem => ({
  ...t,
  kind: t.kind as TrainingKind,
  kindLabel: TRAINING_KIND_LABELS[t.kind as TrainingKind] ?? t.kind,
});

/**
 * Gaps → training needs (issue 19 point 3): the catalogue BKD maintains, an OPD's yearly budget, and the OPD's annual
 * training-needs list from its employees' latest results (analisis kebutuhan diklat) with its cost against the budget.
 */
export function createCompetencyTraining(ctx: CompetencyContext) {
  const { repo, audit, clock } = ctx;

  /** GET /trainings (signed in). */
  async function list(): Promise<TrainingList> {
    return { items: (await repo.trainings()).map(present) };
  }

  /** POST /trainings and PUT /trainings/{id} (competency.manage; every code in the dictionary); audited. */
  async function save(actor: Actor, body: TrainingBody, id?: string): Promise<TrainingItem> {
    return ctx.db.transaction().execute(async (trx) => {
      requireAny(actor, 'competency.manage');
      const before = id ? await repo.training(id, trx) : null;
      if (id && !before) throw notFound('Pelatihan');
      const { competency } = await ctx.rules(trx);
      const names = await ctx.catalogue(competency, trx);
      const codes = body.codes.map((c) => c!);
      const unknown = codes.filter((c) => !names.has(c));
      if (unknown.length) throw unknownCodes(unknown, 'codes');
      const row = {
        title: body.title,
        kind: body.kind,
        codes,
        jp: body.jp,
        cost: body.cost,
        provider: body.provider ?? null,
        active: body.active ?? true,
      };
      const saved = await repo.saveTraining(
        trx,
        { ...row, ...(id ? { id } : {}) },
        actor.userId,
        clock.now(),
      );
      await audit.record(trx, ctxOf(actor), {
        action: id ? 'competency_training.updated' : 'competency_training.created',
        entityType: 'competency_training',
        entityId: saved,
        before,
        after: row,
      });
      return present({ id: saved, ...row });
    });
  }

  /** PUT /training-budgets: an OPD's budget for a year (competency.manage over the unit); audited. */
  async function setBudget(actor: Actor, body: TrainingBudgetPut): Promise<{ amount: number }> {
    return ctx.db.transaction().execute(async (trx) => {
      const unit = await repo.unit(body.unitId, trx);
      if (!unit) throw notFound('Unit');
      requireUnit(actor, 'competency.manage', unit.path);
      const before = await repo.budget(unit.id, body.year, trx);
      const b = { unitId: unit.id, year: body.year, amount: body.amount, reference: body.reference ?? null };
      await repo.setBudget(trx, b, actor.userId, clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_training.budget_set',
        entityType: 'unit',
        entityId: unit.id,
        unitId: unit.id,
        before: before === null ? null : { year: body.year, amount: before },
        after: b,
      });
      return { amount: body.amount };
    });
  }

  /**
   * GET /training-needs: for every employee now in the unit's subtree, the gaps of their latest result against their
   * current position's standard and the catalogue training closing each; per training the participants and cost; the
   * total against the unit's budget of the year. competency.read over the unit; the people shown are logged.
   */
  async function needs(actor: Actor, unitId: string, year: number): Promise<TrainingNeedsReport> {
    const unit = await repo.unit(unitId);
    if (!unit) throw notFound('Unit');
    requireUnit(actor, 'competency.read', unit.path);
    const { competency } = await ctx.rules();
    const names = await ctx.catalogue(competency);
    const people = await repo.employeesUnder(unit.path, ctx.today());
    const latest = new Map((await repo.latestOf(people.map((p) => p.id))).map((r) => [r.employeeId, r]));
    const rows: { employeeId: string; gaps: { code: string }[] }[] = [];
    for (const p of people) {
      const r = latest.get(p.id);
      if (!r || !p.positionId) continue;
      const standard = await ctx.standardOf(
        { id: p.positionId, kind: p.positionKind ?? '' },
        competency,
        names,
      );
      rows.push({
        employeeId: p.id,
        gaps: competencyGaps(standard, new Map(r.levels.map((l) => [l.code, l.level]))),
      });
    }
    const trainings = await repo.trainings();
    const result = trainingNeeds(rows, trainings, await repo.budget(unit.id, year));
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    await ctx.logViews(
      actor,
      rows.map((r) => r.employeeId),
      'kebutuhan diklat',
    );
    return {
      unitId: unit.id,
      unitName: unit.name,
      year,
      employees: people.length,
      assessed: rows.length,
      needs: result.needs.map((n) => ({
        trainingId: n.trainingId,
        title: n.title,
        codes: n.codes,
        participants: n.employeeIds.map((id) => ({ employeeId: id, name: nameOf.get(id) ?? id })),
        unitCost: n.unitCost,
        cost: n.cost,
      })),
      uncovered: result.uncovered.map((u) => ({
        code: u.code,
        name: names.get(u.code)?.name ?? u.code,
        participants: u.employeeIds.length,
      })),
      total: result.total,
      budget: result.budget,
      remaining: result.remaining,
      overBudget: result.overBudget,
    };
  }

  /**
   * GET /training-needs/export.:format: the OPD's list for planning as a table: one line per training (the
   * competencies it closes, participants, unit cost, cost), the gaps no catalogue training closes, then the total,
   * the budget and what remains. The same access as the list, and logged the same way (it shows the same people).
   */
  async function needsTable(actor: Actor, unitId: string, year: number) {
    const r = await needs(actor, unitId, year);
    const columns = [
      { header: 'Pelatihan', key: 'title', width: 36 },
      { header: 'Kompetensi yang ditutup', key: 'codes', width: 24 },
      { header: 'Jumlah peserta', key: 'count', width: 12 },
      { header: 'Peserta', key: 'names', width: 48 },
      { header: 'Biaya per peserta (Rp)', key: 'unitCost', width: 18 },
      { header: 'Biaya (Rp)', key: 'cost', width: 18 },
    ];
    const rows: Record<string, unknown>[] = [
      ...r.needs.map((n) => ({
        title: n.title,
        codes: n.codes.join(', '),
        count: n.participants.length,
        names: n.participants.map((x) => x.name).join('; '),
        unitCost: n.unitCost,
        cost: n.cost,
      })),
      ...r.uncovered.map((u) => ({
        title: `Belum ada pelatihan di katalog: ${u.name}`,
        codes: u.code,
        count: u.participants,
      })),
      { title: 'Jumlah biaya', cost: r.total },
      { title: `Anggaran ${r.year}`, cost: r.budget ?? '' },
      { title: 'Sisa anggaran', cost: r.remaining ?? '' },
    ];
    return { fileBase: `kebutuhan-diklat-${year}`, title: `Kebutuhan diklat ${r.unitName}`, columns, rows };
  }

  return { list, save, setBudget, needs, needsTable };
}
