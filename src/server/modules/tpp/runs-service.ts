import type { Actor } from '../../auth/authz.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatHhmm, toZoned, ZONE_LABEL, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { RunLinesQuery, RunListQuery, StaffTppQuery } from '../../../shared/api/tpp-runs.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import { createRunInputs } from './runs-inputs.ts';
import { createRunsAccess } from './runs-access.ts';
import { createRunsCompute, type RunSources } from './runs-compute.ts';
import { createRunsLifecycle, type RunStepInput } from './runs-lifecycle.ts';
import { createRunsView } from './runs-view.ts';
import { renderTppSlip } from './runs-slip.ts';
import type { TppCorrectionsSection } from './corrections-service.ts';

/**
 * TPP runs (issue 17 points 2–4): the monthly run of a unit from its closed recap (runs-compute.ts, the engine in
 * runs-engine.ts and core/tpp/tpp-month.ts), its reproduction (`verify`), the lifecycle to the locked list
 * (runs-lifecycle.ts), the views and the employee's slip (runs-view.ts, runs-slip.ts).
 *
 * `sources` replaces what a run reads from the inputs section and the gathering (tests give fixed inputs); by
 * default the inputs section's `tariffsFor` / `budgetOf` and `createRunInputs(ctx, inputs).gather`.
 *
 * `corrections`: when given, computing a run of month M first records, in the run's transaction, the corrections
 * of earlier locked months whose days or kinerja figure changed after their line was computed
 * (`fromLaterAdjustments`, as `RunSources.beforeGather`), so that this run pays them; the simulation and the
 * re-run of one line never write them.
 */
export function createRunsSection(
  ctx: TppContext,
  inputs: TppInputsSection,
  sources: Partial<RunSources> = {},
  corrections?: Pick<TppCorrectionsSection, 'fromLaterAdjustments'>,
) {
  const gathering = createRunInputs(ctx, inputs);
  const resolved: RunSources = {
    gather: sources.gather ?? ((exec, unit, month, only) => gathering.gather(exec, unit, month, only)),
    // Given inputs (tests) come whole through `gather`.
    ...(sources.gather
      ? {}
      : {
          gatherBatches:
            sources.gatherBatches ?? ((exec, unit, month) => gathering.gatherBatches(exec, unit, month)),
        }),
    beforeGather:
      sources.beforeGather ??
      (corrections &&
        ((trx, actor, unit, month) => corrections.fromLaterAdjustments(trx, actor, unit, month))),
    tariffsFor: sources.tariffsFor ?? ((exec, year) => inputs.tariffsFor(exec, year)),
    tariffsOfSource: sources.tariffsOfSource ?? ((exec, source) => inputs.tariffsOfSource(exec, source)),
    budgetOf: sources.budgetOf ?? ((exec, unitId, year) => inputs.budgetOf(exec, unitId, year)),
  };
  const access = createRunsAccess(ctx);
  const engine = createRunsCompute(ctx, access, resolved);
  const lifecycle = createRunsLifecycle(ctx, access);
  const view = createRunsView(ctx, access);

  /** The run as the caller sees it after a change (the whole run for a reader or the head). */
  async function after(actor: Actor, id: string) {
    const { run } = await access.readableRun(actor, id);
    return view.present(actor, run);
  }

  /** GET /runs/:id/lines/:employeeId/slip.pdf: the slip of a line the caller may see. */
  async function slip(actor: Actor, id: string, employeeId: string) {
    const { run, detail } = await view.lineOf(actor, id, employeeId);
    const unit = await ctx.unitOr404(run.unitId);
    const now = ctx.clock.now();
    const zone = unit.timeZone as IndonesianTimeZone;
    const z = toZoned(now.getTime(), zone);
    const letterhead = await ctx.documents.letterheadFor(run.unitId).catch(() => ({
      regionName: '',
      agencyName: unit.name,
      address: null,
      contact: null,
      logoBase64: null,
    }));
    const bytes = await renderTppSlip(detail, {
      letterhead,
      printedAt: `${formatDdMmYyyy(z.date)} ${formatHhmm(z.minute)} ${ZONE_LABEL[zone]}`,
      printedOn: now,
      resultHash: run.resultHash,
    });
    const name = `rincian-tpp-${run.month}-${detail.employee.nip ?? detail.employee.id}.pdf`;
    return { bytes, name };
  }

  return {
    /** POST /runs: compute (or re-compute a draft / checked run of) a unit's closed month. */
    compute: async (actor: Actor, input: { unitId: string; month: string }) =>
      after(actor, (await engine.compute(actor, input)).id),
    verify: engine.verify,
    /** For the simulation section: a unit's month computed under other rules, stored nowhere. */
    linesFor: engine.linesFor,
    /** For the objections section: one employee's line computed again (an upheld objection). */
    rerunEmployee: engine.rerunEmployee,
    list: (actor: Actor, q: RunListQuery) => view.list(actor, q),
    detail: view.detail,
    lines: (actor: Actor, id: string, q: RunLinesQuery) => view.lines(actor, id, q),
    line: view.line,
    slip,
    mine: view.mine,
    staff: (actor: Actor, q: StaffTppQuery) => view.staff(actor, q),
    check: async (actor: Actor, id: string, input: RunStepInput) =>
      after(actor, (await lifecycle.step(actor, id, 'check', input)).id),
    publish: async (actor: Actor, id: string, input: RunStepInput) =>
      after(actor, (await lifecycle.step(actor, id, 'publish', input)).id),
    approveOpd: async (actor: Actor, id: string, input: RunStepInput) =>
      after(actor, (await lifecycle.step(actor, id, 'approveOpd', input)).id),
    approve: async (actor: Actor, id: string, input: RunStepInput) =>
      after(actor, (await lifecycle.step(actor, id, 'approve', input)).id),
    lock: async (actor: Actor, id: string, input: RunStepInput) =>
      after(actor, (await lifecycle.step(actor, id, 'lock', input)).id),
    /** For the notification service: resolves when the caller may open a run's notice. */
    canOpen: view.canOpen,
  };
}
export type TppRunsSection = ReturnType<typeof createRunsSection>;
