import { createCaseOptions } from './cases-options.ts';
import { scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { CASE_STATE_LABELS, isFinal, type CaseState } from '../../../core/discipline/case-machine.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import {
  CASE_SOURCE_LABELS,
  type AbsenceInput,
  type CaseListInput,
  type CasePage,
  type CaseSource,
  type CaseTrack,
  type CaseView,
  type EndInput,
  type ExaminationInput,
  type OpenCaseInput,
  type ReliefInput,
  type ReportInput,
  type SummonsInput,
  type TeamInput,
  type TelaahInput,
} from '../../../shared/api/discipline-cases.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { createCasesRepo } from './cases-repo.ts';
import { createCaseTools } from './cases-common.ts';
import { createCaseView } from './cases-view.ts';
import { createCaseProcedure } from './cases-procedure.ts';

/** The union of two scopes. */
function unionScope(a: UnitScope, b: UnitScope): UnitScope {
  return a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])];
}

/**
 * The cases section of the discipline module (issue 16 points 1, 2): the list and the view of the cases the caller
 * may read (the parties: examinee, direct superior or Plt/Plh, team members, the competent official; and
 * discipline.read/manage in scope), opening a case by hand, and the procedure from the telaah to the report to the
 * competent official, or ending a case without sanction. The answer of every step is the case view.
 * Source: PP 94/2021 Pasal 26–35; Peraturan BKN 6/2022 Pasal 29, 57; regulations.md §1.5–1.7, §2, §8.
 */
export function createCasesSection(ctx: DisciplineContext) {
  const { db, relations } = ctx;
  const repo = createCasesRepo();
  const tools = createCaseTools(ctx);
  const presenter = createCaseView(ctx, repo, tools);
  const procedure = createCaseProcedure(ctx, repo, tools);

  /** The view of a case the caller may read (404 otherwise). Reading never writes. */
  async function get(actor: Actor, id: string): Promise<CaseView> {
    const { c, role } = await ctx.loadCase(actor, id);
    return presenter.view(actor, c, role);
  }

  /**
   * GET /cases: the cases the caller may read, newest first, searchable by name, NIP or case number and
   * filterable by unit subtree, state, level, source and violation date.
   */
  async function list(actor: Actor, q: CaseListInput): Promise<CasePage> {
    const scope = unionScope(scopeOf(actor, 'discipline.read'), scopeOf(actor, 'discipline.manage'));
    let superiorIds: string[] = [];
    if (actor.employeeId) {
      let acting: string[] = [];
      try {
        acting = await relations.actingForToday(actor.employeeId);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
      superiorIds = [actor.employeeId, ...acting];
    }
    let unitPath: string | null = null;
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      unitPath = u.path;
    }
    const { total, rows } = await repo.list(
      db,
      { scope, employeeId: actor.employeeId, superiorIds },
      {
        q: q.q || undefined,
        unitPath,
        state: q.state,
        level: q.level,
        source: q.source,
        from: q.from,
        to: q.to,
      },
      q.page,
      q.pageSize,
    );
    const now = ctx.clock.now().getTime();
    return {
      items: rows.map((r) => {
        const state = r.state as CaseState;
        const today = localDateAt(now, r.timeZone as IndonesianTimeZone);
        return {
          id: r.id,
          caseNumber: r.caseNumber,
          employee: {
            id: r.employeeId,
            name: formatFullName({
              name: r.name,
              frontTitle: r.frontTitle ?? undefined,
              backTitle: r.backTitle ?? undefined,
            }),
            nip: r.nip,
          },
          unit: { id: r.unitId, name: r.unitName },
          source: r.source as CaseSource,
          sourceLabel: CASE_SOURCE_LABELS[r.source as CaseSource] ?? r.source,
          track: r.track as CaseTrack,
          procedure: r.procedure as 'PP94' | 'INTERNAL',
          violationDate: r.violationDate,
          expectedLevel: r.expectedLevel as DisciplineLevel,
          state,
          stateLabel: CASE_STATE_LABELS[state] ?? r.state,
          nextStep: isFinal(state) ? null : r.nextStep,
          nextDue: isFinal(state) ? null : r.nextDue,
          overdue: !isFinal(state) && state !== 'MENUNGGU_BERLAKU' && !!r.nextDue && today > r.nextDue,
          openedAt: r.createdAt.toISOString(),
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Runs a step, then answers with the case view as the caller now sees it. */
  const then = async (actor: Actor, run: Promise<string>) => get(actor, await run);

  return {
    list,
    get,
    options: createCaseOptions(ctx),
    open: (actor: Actor, body: OpenCaseInput) => then(actor, procedure.open(actor, body)),
    telaah: (actor: Actor, id: string, body: TelaahInput) => then(actor, procedure.telaah(actor, id, body)),
    formTeam: (actor: Actor, id: string, body: TeamInput) => then(actor, procedure.formTeam(actor, id, body)),
    summon: (actor: Actor, id: string, body: SummonsInput) => then(actor, procedure.summon(actor, id, body)),
    recordAbsence: (actor: Actor, id: string, body: AbsenceInput) =>
      then(actor, procedure.recordAbsence(actor, id, body)),
    examine: (actor: Actor, id: string, body: ExaminationInput) =>
      then(actor, procedure.examine(actor, id, body)),
    relieve: (actor: Actor, id: string, body: ReliefInput) => then(actor, procedure.relieve(actor, id, body)),
    report: (actor: Actor, id: string, body: ReportInput) => then(actor, procedure.report(actor, id, body)),
    end: (actor: Actor, id: string, body: EndInput) => then(actor, procedure.end(actor, id, body)),
  };
}
export type CasesSection = ReturnType<typeof createCasesSection>;
