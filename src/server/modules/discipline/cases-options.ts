import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import { findSanction, type DisciplineRules } from '../../../core/discipline/discipline-rules.ts';
import type { CaseOptions } from '../../../shared/api/discipline-cases.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import { trackOf } from './cases-common.ts';

/**
 * GET /options: the violation catalogue and the sanctions of the employee's track from the rules in force today
 * (a new case) or the case's snapshot (a decision), so forms offer only what the rules allow. Reading writes nothing.
 * Source: PP 94/2021 Pasal 3–5, 8; PP 49/2018 Pasal 52; regulations.md §1.2, §2, §8 (catalogue and tracks are data).
 */
export function createCaseOptions(ctx: DisciplineContext) {
  const { db, relations } = ctx;

  function present(rules: DisciplineRules, employeeType: string): CaseOptions {
    const track = trackOf(rules, employeeType);
    return {
      employeeType,
      regulationSet: rules.regulationSet,
      procedure: track?.procedure ?? 'PP94',
      trackNote: track?.note ?? null,
      violations: rules.procedure.violations.map((v) => ({
        code: v.code,
        article: v.article,
        name: v.name,
        level: v.level,
        track: v.track,
        sources: v.sources,
        legalBasis: v.legalBasis,
      })),
      sanctions: (track?.sanctions ?? []).flatMap((code) => {
        const s = findSanction(rules, code);
        if (!s) return [];
        const sub = !s.active && s.interimSubstitute ? findSanction(rules, s.interimSubstitute) : null;
        return [
          {
            code: s.code,
            name: s.name,
            level: s.level,
            durationMonths: s.durationMonths,
            appliedAs: sub ? { code: sub.code, name: sub.name } : null,
            legalBasis: s.legalBasis,
          },
        ];
      }),
    };
  }

  return async function options(
    actor: Actor,
    q: { employeeId?: string | undefined; caseId?: string | undefined },
  ): Promise<CaseOptions> {
    if (q.caseId) {
      const { c } = await ctx.loadCase(actor, q.caseId);
      return present(ctx.rulesOf(c), c.employeeType);
    }
    const emp = await db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['e.id', 'e.employeeType', 'e.unitId', 'u.path'])
      .where('e.id', '=', q.employeeId!)
      .executeTakeFirst();
    if (!emp) throw notFound('Pegawai');
    const reader = DISCIPLINE_READERS.some((p) => inScope(scopeOf(actor, p), emp.path));
    const superior =
      !!actor.employeeId &&
      actor.employeeId !== emp.id &&
      (await relations.decidersToday(emp.id).catch(() => [] as string[])).includes(actor.employeeId);
    if (!reader && !superior) throw forbidden('Anda tidak berwenang membuka kasus disiplin pegawai ini');
    return present(await ctx.rulesOn(await ctx.todayOfUnit(emp.unitId)), emp.employeeType);
  };
}
