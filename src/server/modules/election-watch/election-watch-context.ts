import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { dayStatusesOfMonth } from '../../lib/month-rows.ts';
import type { Exec, RelationsService } from '../../relations/relations-service.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RecapService } from '../recap/recap-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import { expectedApelSessions } from '../../../core/recap/apel-expected.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  absenceKindOf,
  isKeyDate,
  isWorkingDayOfList,
  stagesOn,
  type AbsenceKind,
} from '../../../core/oversight/election-watch.ts';
import type { ElectionWatchRepo, PeriodRow, StaffRow, StageRow, UnitRow } from './election-watch-repo.ts';

/** What the election-period watch is built from (wired once in src/server/app.ts). */
export interface ElectionWatchDeps {
  db: Db;
  repo: ElectionWatchRepo;
  audit: AuditService;
  clock: Clock;
  config: Config;
  relations: RelationsService;
  rulebooks: RulebookService;
  notifications: NotificationService;
  documents: DocumentService;
  statuses: () => Pick<StatusService, 'monthRows'>;
  recap: () => Pick<RecapService, 'apelSessionsOfMonth' | 'apelAttendedOf'>;
  discipline: () => Pick<DisciplineService, 'cases'>;
}

/** Roles that read the watch in their scope (BKD, Inspektorat, the Sekda's PIMPINAN desk, admin OPD). */
export const READ = 'electionWatch.read' as const;
/** Roles that declare periods and handle neutrality reports (BKD). */
export const WRITE = 'electionWatch.write' as const;

/** One employee's line of a day's list. */
export interface DayLine {
  staff: StaffRow;
  name: string;
  day: (DayStatus & { unitId: string }) | null;
  kind: AbsenceKind | null;
  missedApel: string[];
  expectedApel: number;
  isHead: boolean;
}

/** An OPD's computed day (from stored statuses and apel records: computing stores nothing). */
export interface ComputedDay {
  date: LocalDate;
  workingDay: boolean;
  keyDate: boolean;
  stages: string[];
  lines: DayLine[];
  headIds: string[];
  tkCodes: ReadonlySet<string>;
}

export const fullName = (p: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    name: p.name,
    frontTitle: p.frontTitle ?? undefined,
    backTitle: p.backTitle ?? undefined,
  });

/**
 * The parts every section of the watch shares: the period with its stages and OPDs, who heads an OPD (holder or
 * Plt/Plh, through relations), the caller's access to an OPD, and the computation of an OPD's days from the daily
 * statuses, the recap's apel records and the rulebook's TK codes, through their services.
 * Source: issue 18 point 3; regulations.md §5.4 (apel), §8; docs/election-watch.md.
 */
export function createElectionWatchContext(deps: ElectionWatchDeps) {
  const { db, repo, clock, config, relations, rulebooks } = deps;

  async function periodOrThrow(id: string, exec: Exec = db) {
    const p = await repo.period(id, exec);
    if (!p) throw notFound('Masa pengawasan');
    return p;
  }

  /** The paths a period covers (null = the whole region). */
  async function coveredPaths(p: PeriodRow, exec: Exec = db): Promise<string[] | null> {
    return p.wholeRegion ? null : (await repo.periodUnits(p.id, exec)).map((u) => u.path);
  }

  /** The covered OPD with this id, or 404 (an OPD the period does not cover has no list in it). */
  async function coveredOpd(p: PeriodRow, unitId: string, exec: Exec = db): Promise<UnitRow> {
    const opd = (await repo.opdsCovered(p.id, p.wholeRegion, exec)).find((o) => o.id === unitId);
    if (!opd) throw notFound('OPD dalam masa pengawasan ini');
    return opd;
  }

  const todayIn = (zone: string): LocalDate =>
    toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  /** Who fills the OPD's head post on a date (holders and Plt/Plh in force). */
  async function headIdsOn(opd: UnitRow, date: LocalDate, exec: Exec = db): Promise<string[]> {
    const post = await repo.headPost(opd.id, exec);
    return post ? relations.postDecidersOn(post, date, exec) : [];
  }

  /**
   * The caller as head of the OPD today (the holder of its head post, or the Plt/Plh acting in it), with the acting
   * kind; null when they are not. Source: issue 18 point 3; relations (head of the OPD with Plt/Plh in force).
   */
  async function asHead(
    actor: Actor,
    opd: UnitRow,
    exec: Exec = db,
  ): Promise<{ employeeId: string; acting: 'PLT' | 'PLH' | null } | null> {
    if (!actor.employeeId) return null;
    const post = await repo.headPost(opd.id, exec);
    if (!post) return null;
    const posts = await relations.postsOn(actor.employeeId, todayIn(opd.timeZone), exec);
    if (!posts.includes(post)) return null;
    const acting = await relations.actingPostAt(actor.employeeId, [post], clock.now(), exec);
    return { employeeId: actor.employeeId, acting: acting?.kind ?? null };
  }

  /**
   * Of these OPDs, the ones whose head post the caller fills today (holder or Plt/Plh), in one pass: for lists that
   * mark the caller's OPDs. Writes check `asHead` on the OPD's own today.
   */
  async function headedOpdIds(actor: Actor, opds: readonly UnitRow[], exec: Exec = db): Promise<Set<string>> {
    if (!actor.employeeId || opds.length === 0) return new Set();
    let posts: string[];
    try {
      posts = await relations.postsToday(actor.employeeId, exec);
    } catch (err) {
      if (err instanceof AppError) return new Set();
      throw err;
    }
    if (posts.length === 0) return new Set();
    const heads = await repo.headPosts(
      opds.map((o) => o.id),
      exec,
    );
    return new Set(opds.filter((o) => posts.includes(heads.get(o.id) ?? '')).map((o) => o.id));
  }

  /** May the caller read the OPD's lists (electionWatch.read over it, or its head)? 403 otherwise. */
  async function requireOpdReader(actor: Actor, opd: UnitRow, exec: Exec = db) {
    if (inScope(scopeOf(actor, READ), opd.path)) return;
    if (await asHead(actor, opd, exec)) return;
    throw forbidden(
      'OPD ini di luar kewenangan Anda: hanya kepala OPD (atau Plt/Plh-nya) dan pengawas yang berwenang',
    );
  }

  /** The TK codes of the rulebook in force on a date (discipline section). */
  async function tkCodesOn(date: LocalDate, exec: Exec = db): Promise<ReadonlySet<string>> {
    try {
      return new Set<string>(
        (await rulebooks.rulesOn(config.rulebookRegion, date, exec)).discipline.absence.tkCodes,
      );
    } catch (err) {
      if (err instanceof AppError && err.code !== 'INTERNAL')
        throw new AppError(
          'CONFLICT',
          `Tidak ada buku aturan yang berlaku pada ${date}: daftar harian tidak dapat disusun`,
        );
      throw err;
    }
  }

  /**
   * An OPD's days of a period: each employee's stored status, what it puts on the absence list, the apel sessions
   * they were expected at and missed, and whether the day is a working day and a key date. Reads only.
   */
  async function computeDays(
    p: PeriodRow,
    stages: StageRow[],
    opd: UnitRow,
    dates: LocalDate[],
    exec: Exec = db,
  ): Promise<ComputedDay[]> {
    if (dates.length === 0) return [];
    const covered = await coveredPaths(p, exec);
    const staffAll = await repo.staff(opd.path, covered, dates[0]!, dates[dates.length - 1]!, exec);
    const ids = [...new Set(staffAll.map((s) => s.id))];
    const months = [...new Set(dates.map((d) => d.slice(0, 7)))];
    const statusOf = new Map<string, DayStatus & { unitId: string }>();
    const sessionsByMonth = new Map<string, Awaited<ReturnType<RecapService['apelSessionsOfMonth']>>>();
    const attendedByMonth = new Map<string, Map<string, Set<string>>>();
    for (const month of months) {
      for (const m of await deps.statuses().monthRows(
        ids.map((id) => [id, `${month}-01`] as [string, string]),
        exec,
        false,
      ))
        for (const d of dayStatusesOfMonth(m)) statusOf.set(`${m.employeeId}|${d.date}`, d);
      sessionsByMonth.set(month, await deps.recap().apelSessionsOfMonth(month, opd.path, exec));
      attendedByMonth.set(month, await deps.recap().apelAttendedOf(ids, month, exec));
    }
    const out: ComputedDay[] = [];
    for (const date of dates) {
      const tkCodes = await tkCodesOn(date, exec);
      const headIds = await headIdsOn(opd, date, exec);
      const month = date.slice(0, 7);
      const sessions = (sessionsByMonth.get(month) ?? []).filter((s) => s.localDate === date);
      const attended = attendedByMonth.get(month) ?? new Map<string, Set<string>>();
      const lines: DayLine[] = [];
      for (const s of staffAll) {
        if (s.activeFrom > date || (s.activeTo && s.activeTo < date)) continue;
        if (s.placedFrom > date || (s.placedTo && s.placedTo < date)) continue;
        const day = statusOf.get(`${s.id}|${date}`) ?? null;
        const expected = day ? expectedApelSessions(day, s.unitPath, sessions, tkCodes) : [];
        const got = attended.get(s.id);
        lines.push({
          staff: s,
          name: fullName(s),
          day,
          kind: day ? absenceKindOf(day, tkCodes) : null,
          missedApel: expected.filter((x) => !got?.has(x.id)).map((x) => x.kind),
          expectedApel: expected.length,
          isHead: headIds.includes(s.id),
        });
      }
      out.push({
        date,
        workingDay: isWorkingDayOfList(lines.flatMap((l) => (l.day ? [l.day] : []))),
        keyDate: isKeyDate(stages, date),
        stages: stagesOn(stages, date).map((s) => s.name),
        lines,
        headIds,
        tkCodes,
      });
    }
    return out;
  }

  return {
    ...deps,
    periodOrThrow,
    coveredPaths,
    coveredOpd,
    todayIn,
    headIdsOn,
    asHead,
    headedOpdIds,
    requireOpdReader,
    tkCodesOn,
    computeDays,
  };
}
export type ElectionWatchContext = ReturnType<typeof createElectionWatchContext>;
