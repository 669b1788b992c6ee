import { inScope, scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';

/*
 * Who may do what with an employee's indications and salary stops (issue 16 points 1 and 6): readers by role and
 * scope, the employee's direct superior today or their Plt/Plh (relations.decidersToday), never the employee.
 * Shared by the indications and salary-stops sections.
 */

/**
 * How the actor stands toward an employee's discipline record: reader (discipline.read/manage over the unit),
 * manager (discipline.manage), the employee's direct superior today or their Plt/Plh (`decider`), the employee.
 */
export async function standingOfActor(
  ctx: DisciplineContext,
  actor: Actor,
  target: { employeeId: string; unitPath: string },
  exec: Exec,
  extraReaders: readonly ('discipline.salary' | 'discipline.read' | 'discipline.manage')[] = [],
) {
  const reader = [...DISCIPLINE_READERS, ...extraReaders].some((p) =>
    inScope(scopeOf(actor, p), target.unitPath),
  );
  const manager = inScope(scopeOf(actor, 'discipline.manage'), target.unitPath);
  const me = actor.employeeId;
  const self = me !== null && me === target.employeeId;
  let decider = false;
  if (me && !self) {
    try {
      decider = (await ctx.relations.decidersToday(target.employeeId, exec)).includes(me);
    } catch (err) {
      if (!(err instanceof AppError)) throw err; // left service: nobody is their superior today
    }
  }
  return { reader, manager, self, decider };
}

/** How a decider acts for the employee's superior of record: null as the superior, PLT/PLH when acting. */
export async function actingAs(
  ctx: DisciplineContext,
  actor: Actor,
  employeeId: string,
  exec: Exec,
): Promise<'PLT' | 'PLH' | null> {
  const me = actor.employeeId;
  if (!me) return null;
  const today = await ctx.relations.todayOf(employeeId, exec);
  const slot = await ctx.relations.superiorOn(employeeId, today, exec).catch(() => null);
  if (!slot || slot.definitiveId === me) return null;
  if (slot.official?.employeeId === me) return slot.official.acting;
  const post = await ctx.relations.actingPostAt(me, [slot.positionId], ctx.clock.now(), exec);
  return post?.kind ?? null;
}

/** The actor and the superiors of record they act for today (Plt/Plh): staff are those whose superior is one. */
export async function staffSuperiorsOf(ctx: DisciplineContext, actor: Actor): Promise<string[]> {
  if (!actor.employeeId) return [];
  return [actor.employeeId, ...(await ctx.relations.actingForToday(actor.employeeId))];
}

/** Scope union of several permissions ('all' wins). */
export function scopeUnion(actor: Actor, permissions: readonly Parameters<typeof scopeOf>[1][]): UnitScope {
  const paths: string[] = [];
  for (const p of permissions) {
    const s = scopeOf(actor, p);
    if (s === 'all') return 'all';
    paths.push(...s);
  }
  return paths;
}
