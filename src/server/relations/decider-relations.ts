import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import type { LocalDate } from '../../core/common/local-date.ts';
import { localDateAt } from '../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../core/common/zoned-time.ts';
import type { Exec, RelationsRepo } from './relations-repo.ts';

/**
 * The relation modules decide by (docs/security.md §2): a superior of record decides for their staff, and so does
 * whoever acts (Plt/Plh) in the superior's post on the day; the holders of a post and whoever acts in it decide as
 * that post (the PyBMC). Each on the day of the person concerned, in their unit's zone. Part of the relations
 * service (`createRelationsService`), which every module is given.
 * Source: regulations.md §0.1 (atasan langsung incl. Plt/Plh, PyBMC); docs/security.md §2.
 */
export function createDeciderRelations(deps: {
  db: Db;
  clock: Clock;
  repo: RelationsRepo;
  todayOf: (employeeId: string, exec?: Exec) => Promise<LocalDate>;
}) {
  const { db, clock, repo, todayOf } = deps;

  /**
   * The employees whose post `employeeId` holds as Plt/Plh on `date`: the holders of those posts on that date
   * (also one who has left: their staff still name them as superior). With the actor's own id, the superiors of
   * record whose staff the actor decides for (docs/security.md §2).
   */
  async function actingForOn(employeeId: string, date: LocalDate, exec: Exec = db): Promise<string[]> {
    const posts = await repo.actingPostsOf(exec, employeeId, date);
    if (posts.length === 0) return [];
    const holders = await repo.holdersOn(
      exec,
      posts.map((p) => p.positionId),
      date,
      false,
    );
    return [...new Set(holders.map((h) => h.employeeId))].filter((id) => id !== employeeId);
  }

  /** `actingForOn` on the employee's own today. */
  const actingForToday = async (employeeId: string, exec: Exec = db) =>
    actingForOn(employeeId, await todayOf(employeeId, exec), exec);

  /** The posts the employee fills on `date`: their own and those they act in (Plt/Plh). */
  async function postsOn(employeeId: string, date: LocalDate, exec: Exec = db): Promise<string[]> {
    const [[own], acted] = await Promise.all([
      repo.placedOn(exec, [employeeId], date),
      repo.actingPostsOf(exec, employeeId, date),
    ]);
    return [...new Set([...(own?.positionId ? [own.positionId] : []), ...acted.map((a) => a.positionId)])];
  }

  /** `postsOn` on the employee's own today. */
  const postsToday = async (employeeId: string, exec: Exec = db) =>
    postsOn(employeeId, await todayOf(employeeId, exec), exec);

  /**
   * Who decides for the staff of the superior of record `superiorId` on `date`: that superior, and whoever acts
   * (Plt/Plh) in the superior's post on that date. Employee ids.
   */
  async function superiorDecidersOn(superiorId: string, date: LocalDate, exec: Exec = db) {
    const [s] = await repo.placedOn(exec, [superiorId], date);
    if (!s) return [];
    const acting = s.positionId ? await repo.actingInPosts(exec, [s.positionId], date) : [];
    return [...new Set([superiorId, ...acting.map((a) => a.employeeId)])];
  }

  /** `superiorDecidersOn` on the superior's own today. */
  const superiorDecidersToday = async (superiorId: string, exec: Exec = db) =>
    superiorDecidersOn(superiorId, await todayOf(superiorId, exec), exec);

  /** The holders of a post (also one who has left) and whoever acts in it on `date`. Employee ids. */
  async function postDecidersOn(positionId: string, date: LocalDate, exec: Exec = db) {
    const [holders, acting] = await Promise.all([
      repo.holdersOn(exec, [positionId], date, false),
      repo.actingInPosts(exec, [positionId], date),
    ]);
    return [...new Set([...holders.map((h) => h.employeeId), ...acting.map((a) => a.employeeId)])];
  }

  /** `postDecidersOn` on the today of the post's unit. */
  async function postDecidersToday(positionId: string, exec: Exec = db) {
    const zone = await repo.zoneOfPosition(exec, positionId);
    if (!zone) return [];
    return postDecidersOn(positionId, localDateAt(clock.now().getTime(), zone as IndonesianTimeZone), exec);
  }

  /**
   * Who decides an employee's permits, corrections and flagged punches on the employee's today: their superior of
   * record and whoever acts in that superior's post (never the employee). Employee ids.
   */
  async function decidersToday(employeeId: string, exec: Exec = db): Promise<string[]> {
    const date = await todayOf(employeeId, exec);
    const [e] = await repo.placedOn(exec, [employeeId], date);
    if (!e?.superiorId || e.superiorId === employeeId) return [];
    return (await superiorDecidersOn(e.superiorId, date, exec)).filter((id) => id !== employeeId);
  }

  return {
    actingForOn,
    actingForToday,
    postsOn,
    postsToday,
    superiorDecidersOn,
    superiorDecidersToday,
    postDecidersOn,
    postDecidersToday,
    decidersToday,
  };
}
