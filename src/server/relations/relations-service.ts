import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { LocalDate } from '../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../core/common/zoned-time.ts';
import type { LeaveApprover } from '../../core/leave/leave-rules.ts';
import {
  employeeLocalDate,
  isInService,
  officialOfPost,
  opdUnitIdOf,
  pickAtLevel,
  targetTier,
  tierOf,
  unitsUpward,
  type LevelQuery,
  type PostOfficial,
} from '../../core/org/relations.ts';
import {
  createRelationsRepo,
  type ActingRow,
  type Exec,
  type HeadPostRow,
  type PlacedRow,
} from './relations-repo.ts';
import { createDeciderRelations } from './decider-relations.ts';
import {
  OutOfServiceError,
  type EmployeeRelations,
  type LeaveGrantor,
  type Official,
  type OfficialAtLevel,
  type Person,
  type PlacementOn,
  type RelationSlot,
  type Subordinate,
} from './relations-types.ts';

export { actingInForceSql } from './relations-repo.ts';
export type { Exec } from './relations-repo.ts';
export * from './relations-types.ts';

/** Posts followed up a chain at most (a loop in the data stops it sooner). */
const MAX_CHAIN = 30;

const person = (r: { employeeId: string; fullName: string; nip: string | null }): Person => ({
  employeeId: r.employeeId,
  name: r.fullName,
  nip: r.nip,
});

/** The parent's part of a materialised path (`/a/b/c/` → `/a/b/`); '' above the root. */
const parentPath = (path: string) => path.replace(/[^/]+\/$/, '');

/**
 * Org relations on a date — one owner for "who is whose superior", used by every module: an employee's unit and
 * position, the direct superior and the chain above with Plt/Plh in force replacing an absent (Plh) or departed
 * (Plt) head, the leave-granting official, the head of the OPD, the subordinates, and the official of a level above
 * (discipline). Dates are the employee's local date in their unit's zone (`todayOf`, `localDateOf`). Also the
 * relation modules decide by (`actingForOn`, `postsOn`, the deciders): the superior of record plus whoever acts in
 * the superior's post. Every method takes the caller's open transaction as `exec` where it has one.
 * Source: regulations.md §0.1 (atasan langsung incl. Plt/Plh, PyBMC), §1.5 (PyBM by level; vacancy moves authority
 * up), §1.6; docs/security.md §2; issue 14 point 1.
 */
export function createRelationsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const repo = createRelationsRepo(db);

  /** Loads for one date with memo: a relations answer asks for the same superior or post many times. */
  function dayOf(exec: Exec, date: LocalDate) {
    const placed = new Map<string, PlacedRow | null>();
    const acting = new Map<string, ActingRow[]>();
    const holders = new Map<string, string[]>();
    const heads = new Map<string, HeadPostRow[]>();
    async function placedMany(ids: readonly string[]) {
      const missing = [...new Set(ids)].filter((id) => !placed.has(id));
      if (missing.length > 0) {
        for (const id of missing) placed.set(id, null);
        for (const r of await repo.placedOn(exec, missing, date)) placed.set(r.employeeId, r);
      }
      return ids.map((id) => placed.get(id) ?? null);
    }
    return {
      date,
      exec,
      placedMany,
      async placed(id: string) {
        return (await placedMany([id]))[0] ?? null;
      },
      async acting(positionId: string) {
        if (!acting.has(positionId))
          acting.set(positionId, await repo.actingInPosts(exec, [positionId], date));
        return acting.get(positionId)!;
      },
      /** Holders in service on the date. */
      async holders(positionId: string) {
        if (!holders.has(positionId))
          holders.set(
            positionId,
            (await repo.holdersOn(exec, [positionId], date, true)).map((h) => h.employeeId),
          );
        return holders.get(positionId)!;
      },
      async heads(unitIds: readonly string[]) {
        const missing = unitIds.filter((id) => !heads.has(id));
        if (missing.length > 0) {
          for (const id of missing) heads.set(id, []);
          for (const h of await repo.headPosts(exec, missing)) heads.get(h.unitId)!.push(h);
        }
        return unitIds.flatMap((id) => heads.get(id) ?? []);
      },
    };
  }
  type Day = ReturnType<typeof dayOf>;

  // ---------------------------------------------------------------- dates

  /**
   * The employee's local date at an instant: in the zone of the unit they are placed in then (a WITA unit at 23:30
   * WIB is already the next day). Source: Keppres 41/1987; `core/org/relations.employeeLocalDate`.
   * @throws NOT_FOUND for an unknown employee
   */
  async function localDateOf(employeeId: string, at: Date | number, exec: Exec = db): Promise<LocalDate> {
    const z = await repo.zonesOf(exec, employeeId);
    if (!z) throw notFound('Pegawai');
    return employeeLocalDate(
      typeof at === 'number' ? at : at.getTime(),
      z.placements.map((p) => ({ ...p, timeZone: p.timeZone as IndonesianTimeZone })),
      z.timeZone as IndonesianTimeZone,
    );
  }

  /** The employee's today (their unit's zone, by the server clock). @throws NOT_FOUND for an unknown employee */
  const todayOf = (employeeId: string, exec: Exec = db) => localDateOf(employeeId, clock.now(), exec);

  // ---------------------------------------------------------------- relations on a date

  /** The employee on the date, or the typed refusal: unknown (404) or outside their service (400). */
  async function placedOrThrow(day: Day, employeeId: string): Promise<PlacedRow> {
    const e = await day.placed(employeeId);
    if (!e) throw notFound('Pegawai');
    if (!isInService(e, day.date)) throw new OutOfServiceError(e, day.date);
    return e;
  }

  async function officialOf(day: Day, off: PostOfficial | null): Promise<Official | null> {
    if (!off) return null;
    const p = await day.placed(off.employeeId);
    return p ? { ...person(p), acting: off.acting } : null;
  }

  function slotOf(
    post: {
      positionId: string | null;
      positionName: string | null;
      positionKind: string | null;
      unitId: string | null;
      unitName: string | null;
      unitPath: string | null;
    },
    definitiveId: string | null,
    official: Official | null,
    basis: RelationSlot['basis'],
  ): RelationSlot {
    return { ...post, tier: tierOf(post.positionKind), definitiveId, official, basis };
  }

  /**
   * The post above a unit from the unit tree: the head post of the unit or the first unit above that has one,
   * skipping `skip` posts and those `exceptId` holds; filled by its Plh/Plt in force, else its holder in service.
   */
  async function structuralSlot(
    day: Day,
    unitPath: string,
    skip: ReadonlySet<string>,
    exceptId: string,
  ): Promise<RelationSlot | null> {
    const units = unitsUpward(unitPath);
    const heads = await day.heads(units);
    for (const unitId of units) {
      for (const post of heads.filter((h) => h.unitId === unitId && !skip.has(h.positionId))) {
        const holders = await day.holders(post.positionId);
        if (holders.includes(exceptId)) continue;
        const off = officialOfPost(
          { holderIds: holders, acting: await day.acting(post.positionId) },
          day.date,
          exceptId,
        );
        return slotOf(
          {
            positionId: post.positionId,
            positionName: post.positionName,
            positionKind: post.positionKind,
            unitId: post.unitId,
            unitName: post.unitName,
            unitPath: post.unitPath,
          },
          holders[0] ?? null,
          await officialOf(day, off),
          'structure',
        );
      }
    }
    return null;
  }

  /**
   * The direct superior's post of `e` on the day: the superior of record on the placement and their post, filled by
   * a Plh/Plt in force in it (never `exceptId`), else by the superior while in service (else vacant); without a
   * superior of record, the head post above from the unit tree.
   */
  async function superiorSlot(
    day: Day,
    e: PlacedRow,
    exceptId: string,
    skip: ReadonlySet<string> = new Set(),
  ): Promise<RelationSlot | null> {
    const s = e.superiorId && e.superiorId !== e.employeeId ? await day.placed(e.superiorId) : null;
    if (s) {
      const acting = s.positionId ? await day.acting(s.positionId) : [];
      const holderIds = isInService(s, day.date) ? [s.employeeId] : [];
      const off = officialOfPost({ holderIds, acting }, day.date, exceptId);
      return slotOf(
        {
          positionId: s.positionId,
          positionName: s.positionName,
          positionKind: s.positionKind,
          unitId: s.unitId,
          unitName: s.unitName,
          unitPath: s.unitPath,
        },
        s.employeeId,
        await officialOf(day, off),
        'superior',
      );
    }
    return structuralSlot(
      day,
      e.unitPath,
      new Set([...skip, ...(e.positionId ? [e.positionId] : [])]),
      exceptId,
    );
  }

  /**
   * The posts above `e`, nearest first: each next one is the superior post of the definitive holder (or, for a
   * vacant post, of its acting official; with nobody, the head post above its unit). A loop in the data stops it.
   */
  async function chainFrom(day: Day, e: PlacedRow): Promise<RelationSlot[]> {
    const chain: RelationSlot[] = [];
    const posts = new Set<string>(e.positionId ? [e.positionId] : []);
    const bases = new Set<string>([e.employeeId]);
    let slot = await superiorSlot(day, e, e.employeeId);
    while (slot && chain.length < MAX_CHAIN) {
      if (slot.positionId && posts.has(slot.positionId)) break;
      chain.push(slot);
      if (slot.positionId) posts.add(slot.positionId);
      const base = slot.definitiveId ?? slot.official?.employeeId ?? null;
      if (base) {
        if (bases.has(base)) break;
        bases.add(base);
        const b = await day.placed(base);
        slot = b ? await superiorSlot(day, b, e.employeeId, posts) : null;
      } else {
        const above = slot.unitPath ? parentPath(slot.unitPath) : '';
        slot = above ? await structuralSlot(day, above, posts, e.employeeId) : null;
      }
    }
    return chain;
  }

  function placementOf(e: PlacedRow): PlacementOn {
    return {
      unitId: e.unitId,
      unitName: e.unitName,
      unitPath: e.unitPath,
      unitKind: e.unitKind,
      timeZone: e.timeZone as IndonesianTimeZone,
      positionId: e.positionId,
      positionName: e.positionName,
      positionKind: e.positionKind,
      isHead: e.isHead === true,
      superiorOfRecordId: e.superiorId,
    };
  }

  /** The head post of the OPD of `e`, with its holders in service and acting officials on the day. */
  async function opdHeadPost(day: Day, e: PlacedRow) {
    const opdUnitId = opdUnitIdOf(e.unitPath);
    const [post] = await day.heads([opdUnitId]);
    if (!post) return { opdUnitId, post: null, holders: [] as string[], acting: [] as ActingRow[] };
    return {
      opdUnitId,
      post,
      holders: await day.holders(post.positionId),
      acting: await day.acting(post.positionId),
    };
  }

  async function opdHeadSlot(day: Day, e: PlacedRow): Promise<RelationSlot | null> {
    const h = await opdHeadPost(day, e);
    if (!h.post) return null;
    const off = officialOfPost({ holderIds: h.holders, acting: h.acting }, day.date);
    return slotOf(h.post, h.holders[0] ?? null, await officialOf(day, off), 'structure');
  }

  async function leaveGrantorFor(day: Day, e: PlacedRow, approver: LeaveApprover): Promise<LeaveGrantor> {
    const h = await opdHeadPost(day, e);
    if (approver === 'BKD') return { kind: 'BKD', opdUnitId: h.opdUnitId, reason: 'rulebook' };
    if (!h.post) return { kind: 'BKD', opdUnitId: h.opdUnitId, reason: 'no-head-post' };
    if (e.positionId === h.post.positionId)
      return { kind: 'BKD', opdUnitId: h.opdUnitId, reason: 'own-head' };
    const deciderIds = [...new Set([...h.holders, ...h.acting.map((a) => a.employeeId)])].filter(
      (id) => id !== e.employeeId,
    );
    if (deciderIds.length === 0) return { kind: 'BKD', opdUnitId: h.opdUnitId, reason: 'vacant' };
    const off = officialOfPost({ holderIds: h.holders, acting: h.acting }, day.date, e.employeeId);
    return {
      kind: 'OPD_HEAD',
      opdUnitId: h.opdUnitId,
      post: slotOf(h.post, h.holders[0] ?? null, await officialOf(day, off), 'structure'),
      deciderIds,
    };
  }

  async function subordinatesFor(day: Day, x: PlacedRow): Promise<Subordinate[]> {
    const acted = await repo.actingPostsOf(day.exec, x.employeeId, day.date);
    const heldFor = (
      await repo.holdersOn(
        day.exec,
        acted.map((a) => a.positionId),
        day.date,
        false,
      )
    ).map((h) => h.employeeId);
    const candidates = new Set(await repo.staffOn(day.exec, [x.employeeId, ...heldFor], day.date));
    // Without a superior of record, staff look up the unit tree: those under a head post this person fills.
    const headPaths = [
      ...(x.isHead ? [x.unitPath] : []),
      ...(
        await repo.postsByIds(
          day.exec,
          acted.map((a) => a.positionId),
        )
      )
        .filter((p) => p.isHead)
        .map((p) => p.unitPath),
    ];
    for (const id of await repo.unsupervisedIn(day.exec, headPaths, day.date)) candidates.add(id);
    candidates.delete(x.employeeId);
    const rows = (await day.placedMany([...candidates])).filter((r): r is PlacedRow => r !== null);
    const out: Subordinate[] = [];
    for (const r of rows) {
      const slot = await superiorSlot(day, r, r.employeeId);
      if (slot?.official?.employeeId !== x.employeeId) continue;
      out.push({
        ...person(r),
        via: slot.official.acting ?? (slot.basis === 'structure' ? 'structure' : 'superior'),
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name, 'id'));
  }

  /**
   * Everything about an employee on a date: unit and position, the direct superior and the chain above (Plt/Plh in
   * force replacing an absent or departed head), the leave-granting official (the national default route; see
   * `leaveGrantorOn` for a leave type's), the head of the OPD and the direct subordinates.
   * @throws NOT_FOUND for an unknown employee; OutOfServiceError (400) for a date outside their service
   */
  async function on(employeeId: string, date: LocalDate, exec: Exec = db): Promise<EmployeeRelations> {
    const day = dayOf(exec, date);
    const e = await placedOrThrow(day, employeeId);
    const chain = await chainFrom(day, e);
    return {
      employee: person(e),
      date,
      placement: placementOf(e),
      superior: chain[0] ?? null,
      chain,
      leaveGrantor: await leaveGrantorFor(day, e, 'OPD_HEAD'),
      opdHead: await opdHeadSlot(day, e),
      subordinates: await subordinatesFor(day, e),
    };
  }

  /** Unit and position on a date. @throws NOT_FOUND; OutOfServiceError (400) */
  async function placementOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    return placementOf(await placedOrThrow(dayOf(exec, date), employeeId));
  }

  /** The direct superior's post on a date and who fills it (null: nobody above). @throws NOT_FOUND; OutOfServiceError */
  async function superiorOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    const day = dayOf(exec, date);
    return superiorSlot(day, await placedOrThrow(day, employeeId), employeeId);
  }

  /** Every post above on a date, nearest first. @throws NOT_FOUND; OutOfServiceError */
  async function chainOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    const day = dayOf(exec, date);
    return chainFrom(day, await placedOrThrow(day, employeeId));
  }

  /** Direct subordinates on a date (whose direct superior on that date is this person). @throws NOT_FOUND; OutOfServiceError */
  async function subordinatesOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    const day = dayOf(exec, date);
    return subordinatesFor(day, await placedOrThrow(day, employeeId));
  }

  /** The head post of the employee's OPD on a date. @throws NOT_FOUND; OutOfServiceError */
  async function opdHeadOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    const day = dayOf(exec, date);
    return opdHeadSlot(day, await placedOrThrow(day, employeeId));
  }

  /**
   * The leave-granting official (PyBMC) for the rulebook's approver kind: the head of the employee's OPD (holder or
   * Plt/Plh), or BKD for the PPK when the rulebook says so, the OPD has no head post, nobody holds or acts in it, or
   * the employee is that head [INF]. Source: PP 11/2017 jo. PP 17/2020; Peraturan BKN 24/2017; regulations.md §0.1,
   * §4.1; `core/leave/leave-rules.approverFor`.
   * @throws NOT_FOUND; OutOfServiceError
   */
  async function leaveGrantorOn(
    employeeId: string,
    date: LocalDate,
    approver: LeaveApprover = 'OPD_HEAD',
    exec: Exec = db,
  ) {
    const day = dayOf(exec, date);
    return leaveGrantorFor(day, await placedOrThrow(day, employeeId), approver);
  }

  /**
   * The official of a level above the employee on a date, for discipline: a tier (`'ADMINISTRATOR'`…) or a number
   * of structural levels above their own ("1 level below: ringan; 2 levels below: sedang"). A vacant post of that
   * level (nobody holds or acts in it) moves the authority to the next higher official (`exact: false`); null when
   * nobody in the chain is high enough (the PPK).
   * Source: PP 94/2021 via regulations.md §1.5 (PyBM matrix; "if the competent post is vacant, authority moves to
   * the next higher official"); `core/org/relations.pickAtLevel`.
   * @throws NOT_FOUND; OutOfServiceError
   */
  async function officialAtLevel(
    employeeId: string,
    date: LocalDate,
    level: LevelQuery,
    exec: Exec = db,
  ): Promise<OfficialAtLevel | null> {
    const day = dayOf(exec, date);
    const e = await placedOrThrow(day, employeeId);
    const chain = await chainFrom(day, e);
    const tier = targetTier(level, tierOf(e.positionKind));
    const found = pickAtLevel(
      chain.map((s) => ({ tier: s.tier, hasOfficial: s.official !== null })),
      tier,
    );
    return found ? { slot: chain[found.index]!, tier, exact: found.exact } : null;
  }

  const deciders = createDeciderRelations({ db, clock, repo, todayOf });

  /**
   * The post among `positionIds` that the employee filled as Plt/Plh at the instant `at` (on their own date then),
   * with its kind and name, or null when they filled none of them as acting official. For signature blocks: a
   * decision taken as Plt/Plh is signed "Plt. <the post>" (Perka ANRI / tata naskah dinas).
   */
  async function actingPostAt(
    employeeId: string,
    positionIds: readonly (string | null)[],
    at: Date,
    exec: Exec = db,
  ): Promise<{ kind: 'PLT' | 'PLH'; positionId: string; positionName: string } | null> {
    const wanted = new Set(positionIds.filter((p): p is string => !!p));
    if (wanted.size === 0) return null;
    const date = await localDateOf(employeeId, at, exec);
    const post = (await repo.actingPostsOf(exec, employeeId, date))
      .filter((p) => wanted.has(p.positionId))
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'PLH' ? -1 : 1))[0];
    if (!post) return null;
    const named = await exec
      .selectFrom('positions')
      .select('name')
      .where('id', '=', post.positionId)
      .executeTakeFirst();
    return { kind: post.kind, positionId: post.positionId, positionName: named?.name ?? '' };
  }

  return {
    actingPostAt,
    localDateOf,
    todayOf,
    on,
    placementOn,
    superiorOn,
    chainOn,
    subordinatesOn,
    opdHeadOn,
    leaveGrantorOn,
    officialAtLevel,
    ...deciders,
  };
}

export type RelationsService = ReturnType<typeof createRelationsService>;
