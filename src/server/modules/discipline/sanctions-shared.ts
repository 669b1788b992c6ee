import type { Selectable, Transaction } from 'kysely';
import type { Database, DisciplineAppealsTable, DisciplineSanctionsTable } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { AppError, fieldError } from '../../errors.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { LegalBasis } from '../../../core/common/legal-basis.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { IsWorkingDay } from '../../../core/calendar/working-days.ts';
import {
  findSanction,
  type DeliveryMethod,
  type DisciplineLevel,
  type DisciplineRules,
  type SanctionType,
} from '../../../core/discipline/discipline-rules.ts';
import type { DisciplineTrack } from '../../../core/discipline/procedure-rules.ts';
import {
  appealWindow,
  deliveryDeadline,
  effectiveDate,
  type DeadlineResult,
} from '../../../core/discipline/deadlines.ts';
import {
  scheduleSanction,
  sanctionStatusOn,
  SANCTION_STATUS_LABELS,
  type RunningSanction,
} from '../../../core/discipline/sanctions.ts';
import {
  APPEAL_KIND_LABELS,
  APPEAL_OUTCOME_LABELS,
  type AppealKind,
  type AppealOutcome,
  type AppealView,
  type SanctionDeadline,
  type SanctionView,
} from '../../../shared/api/discipline-sanctions.ts';
import type { CaseRow, DisciplineContext } from './discipline-context.ts';

// The parts the sanctions section's files share: the catalogue and track lookups, the deadlines as the contract
// shows them, the sanction view, and the schedule of an employee's sanctions (concurrency).

export type SanctionRow = Selectable<DisciplineSanctionsTable>;
export type AppealRow = Selectable<DisciplineAppealsTable>;

/** The authority stored with a decision (discipline_sanctions.authority). */
export interface StoredAuthority {
  kind: 'chain' | 'designatedJf' | 'ppk';
  rowId: string;
  name: string | null;
  positionName: string | null;
  positionId: string | null;
  holderId: string | null;
  deciderIds: string[];
  designationId: string | null;
  exact: boolean;
  explanation: string;
  legalBasis: LegalBasis;
  date: LocalDate;
}

/** The sanction type of the case's catalogue. @throws VALIDATION for an unknown code */
export function sanctionTypeOf(rules: DisciplineRules, code: string, path = 'sanctionCode'): SanctionType {
  const t = findSanction(rules, code);
  if (!t) throw fieldError(path, `Jenis hukuman ${code} tidak ada dalam katalog aturan kasus ini`);
  return t;
}

/** The form applied: the type itself, or its interim substitute while it is not active (regulations.md §1.2). */
export function appliedTypeOf(rules: DisciplineRules, t: SanctionType): SanctionType {
  if (t.active || !t.interimSubstitute) return t;
  return findSanction(rules, t.interimSubstitute) ?? t;
}

/** The track of an employee type (PP94 with its sanctions, or INTERNAL for non-ASN). */
export function trackOf(rules: DisciplineRules, employeeType: string): DisciplineTrack | null {
  return (
    rules.procedure.tracks.find((t) => (t.employeeTypes as readonly string[]).includes(employeeType)) ?? null
  );
}

/**
 * Requires a sanction code the employee's track allows: non-ASN (INTERNAL) get no PP 94 sanction; PPPK and PPPK
 * paruh waktu only their ladder's sanctions. Source: PP 49/2018 Pasal 52–53; regulations.md §2.
 * @throws VALIDATION (path `path`) with the rulebook's note
 */
export function requireInTrack(rules: DisciplineRules, c: CaseRow, t: SanctionType, path = 'sanctionCode') {
  const track = trackOf(rules, c.employeeType);
  if (!track || track.procedure === 'INTERNAL' || c.procedure === 'INTERNAL')
    throw fieldError(
      path,
      track?.note ??
        'Pegawai ini tidak tunduk pada hukuman disiplin PP 94/2021; tindak lanjut menurut perjanjian kerjanya',
    );
  if (!track.sanctions.includes(t.code)) {
    const basis = track.legalBasis.article
      ? `${track.legalBasis.regulation} ${track.legalBasis.article}`
      : track.legalBasis.regulation;
    throw fieldError(
      path,
      `Hukuman "${t.name}" (${t.code}) tidak termasuk jenis hukuman bagi pegawai ${c.employeeType} (${basis}); yang dapat dijatuhkan: ${track.sanctions.join(', ')}`,
    );
  }
}

/** Dismissal / termination: a berat sanction without duration (B3, PPPK_PHK): appealed by banding (PP 79/2021). */
export const isDismissal = (t: Pick<SanctionType, 'level' | 'durationMonths'>) =>
  t.level === 'berat' && t.durationMonths === null;

/** The kind of upaya administratif open against a sanction (regulations.md §1.9). */
export const appealKindFor = (t: Pick<SanctionType, 'level' | 'durationMonths'>): AppealKind =>
  isDismissal(t) ? 'BANDING' : 'KEBERATAN';

/** Indonesian words for levels. */
export const LEVEL_WORD: Record<DisciplineLevel, string> = {
  ringan: 'ringan',
  sedang: 'sedang',
  berat: 'berat',
};

/** A core deadline as the contract shows it; `waiting` = the step is still open (for the overdue warning). */
export function deadlineOut(d: DeadlineResult, today: LocalDate, waiting: boolean): SanctionDeadline {
  return {
    date: d.date,
    bound: d.bound,
    explanation: d.explanation,
    legalBasis: d.legalBasis,
    overdue: waiting && d.bound === 'onOrBefore' && d.date < today,
  };
}

/** A person's full name from a row with title columns. */
export const nameOf = (r: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    name: r.name,
    frontTitle: r.frontTitle ?? undefined,
    backTitle: r.backTitle ?? undefined,
  });

/** The shared helpers of the sanctions section, built on the module's context. */
export function createSanctionsShared(ctx: DisciplineContext) {
  const { db } = ctx;

  /** The unit's calendars, one per unit and year asked, for the length of one request. */
  function calendars(exec: Exec) {
    const cache = new Map<string, Promise<IsWorkingDay>>();
    return (unitId: string, around: LocalDate) => {
      const key = `${unitId}|${around.slice(0, 4)}`;
      let cal = cache.get(key);
      if (!cal) {
        cal = ctx.calendarOfUnit(unitId, around, exec);
        cache.set(key, cal);
      }
      return cal;
    };
  }

  /** The sanction of a case (null before the decision). */
  const sanctionOfCase = (caseId: string, exec: Exec = db) =>
    exec.selectFrom('disciplineSanctions').selectAll().where('caseId', '=', caseId).executeTakeFirst();

  /** Sanctions with what the view needs, by a condition on the sanction (`s`). */
  function sanctionQuery(exec: Exec) {
    return exec
      .selectFrom('disciplineSanctions as s')
      .innerJoin('disciplineCases as c', 'c.id', 's.caseId')
      .leftJoin('employees as d', 'd.id', 's.decidedByEmployee')
      .selectAll('s')
      .select([
        'c.caseNumber',
        'c.unitId as caseUnitId',
        'c.rules as caseRules',
        'c.employeeType as caseEmployeeType',
        'd.name as deciderName',
        'd.frontTitle as deciderFront',
        'd.backTitle as deciderBack',
      ]);
  }
  type FullRow = Awaited<ReturnType<ReturnType<typeof sanctionQuery>['execute']>>[number];

  /** The appeals of sanctions, oldest first. */
  async function appealsOf(sanctionIds: string[], exec: Exec): Promise<AppealRow[]> {
    if (sanctionIds.length === 0) return [];
    return exec
      .selectFrom('disciplineAppeals')
      .selectAll()
      .where('sanctionId', 'in', sanctionIds)
      .orderBy('createdAt')
      .execute();
  }

  /**
   * Sanction rows → the contract's views: names, the deadlines recomputed on the unit's calendar with their legal
   * basis (delivery, effective date, the appeal window), the status today (`sanctionStatusOn`), the appeals.
   */
  async function present(rows: FullRow[], today: LocalDate, exec: Exec = db): Promise<SanctionView[]> {
    const calOf = calendars(exec);
    const appeals = await appealsOf(
      rows.map((r) => r.id),
      exec,
    );
    const out: SanctionView[] = [];
    for (const r of rows) {
      const rules = r.caseRules as unknown as DisciplineRules;
      const cal = await calOf(r.caseUnitId, r.skDate);
      const decided = findSanction(rules, r.sanctionCode);
      const applied = findSanction(rules, r.appliedCode);
      const auth = r.authority as unknown as StoredAuthority;
      const mine = appeals.filter((a) => a.sanctionId === r.id);
      const status = sanctionStatusOn(r, today);
      const delivered = r.receivedOn !== null;
      let effective: SanctionDeadline | null = null;
      if (r.effectiveOn && r.receivedOn) {
        const computed = effectiveDate(
          r.receivedOn,
          rules,
          await calOf(r.caseUnitId, r.receivedOn),
          (r.deliveryMethod ?? 'langsung') as DeliveryMethod,
        );
        const confirmed = mine.find((a) => a.decidedOn && a.outcome !== 'DIBATALKAN');
        effective =
          computed.date === r.effectiveOn || !confirmed
            ? deadlineOut(computed, today, false)
            : {
                date: r.effectiveOn,
                bound: 'exact',
                explanation: `Berlaku ${formatDdMmYyyy(r.effectiveOn)} menurut putusan upaya administratif nomor ${confirmed.decisionNumber ?? '-'} tanggal ${formatDdMmYyyy(confirmed.decidedOn!)} (PP 79/2021).`,
                legalBasis: { regulation: 'PP 79/2021' },
                overdue: false,
              };
      }
      let window: SanctionView['appealWindow'] = null;
      if (r.receivedOn && applied && status !== 'DIBATALKAN') {
        const kind = appealKindFor(applied);
        const w = appealWindow(
          r.receivedOn,
          kind === 'BANDING' ? 'banding' : 'keberatan',
          rules,
          await calOf(r.caseUnitId, r.receivedOn),
        );
        const used = mine.length > 0;
        window = {
          kind,
          deadline: deadlineOut(w.filing, today, false),
          open: !used && today <= w.filing.date,
        };
      }
      const appealViews: AppealView[] = [];
      for (const a of mine) {
        const w = appealWindow(
          r.receivedOn ?? a.filedOn,
          a.kind === 'BANDING' ? 'banding' : 'keberatan',
          rules,
          await calOf(r.caseUnitId, a.filedOn),
          a.filedOn,
        );
        appealViews.push({
          id: a.id,
          sanctionId: a.sanctionId,
          caseId: a.caseId,
          kind: a.kind as AppealKind,
          kindLabel: APPEAL_KIND_LABELS[a.kind as AppealKind],
          filedOn: a.filedOn,
          filingDeadline: a.filingDeadline,
          responseDue: w.answer
            ? { ...deadlineOut(w.answer, today, a.status === 'DIAJUKAN'), date: a.responseDue }
            : {
                date: a.responseDue,
                bound: 'onOrBefore',
                explanation: '',
                legalBasis: { regulation: 'PP 79/2021' },
                overdue: a.status === 'DIAJUKAN' && a.responseDue < today,
              },
          reason: a.reason,
          status: a.status as AppealView['status'],
          outcome: (a.outcome as AppealOutcome | null) ?? null,
          outcomeLabel: a.outcome ? APPEAL_OUTCOME_LABELS[a.outcome as AppealOutcome] : null,
          newSanctionCode: a.newSanctionCode,
          decidedOn: a.decidedOn,
          decisionNumber: a.decisionNumber,
          decisionNote: a.decisionNote,
        });
      }
      out.push({
        id: r.id,
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        sanctionCode: r.sanctionCode,
        appliedCode: r.appliedCode,
        name: decided?.name ?? r.name,
        appliedName: applied?.name ?? r.name,
        level: r.level as DisciplineLevel,
        durationMonths: r.durationMonths,
        skNumber: r.skNumber,
        skDate: r.skDate,
        considerations: r.considerations,
        decidedBy: r.decidedByEmployee
          ? {
              id: r.decidedByEmployee,
              name: nameOf({
                name: r.deciderName ?? '',
                frontTitle: r.deciderFront,
                backTitle: r.deciderBack,
              }),
            }
          : null,
        decidedAs: (r.decidedAs as SanctionView['decidedAs']) ?? null,
        authority: {
          kind: auth.kind,
          name: auth.name,
          positionName: auth.positionName,
          explanation: auth.explanation,
          legalBasis: auth.legalBasis,
        },
        delivery: {
          due: deadlineOut(deliveryDeadline(r.skDate, rules, cal), today, !delivered),
          method: (r.deliveryMethod as DeliveryMethod | null) ?? null,
          summonedOn: r.deliverySummonedOn,
          postedOn: r.postedOn,
          receivedOn: r.receivedOn,
        },
        effective,
        effectiveOn: r.effectiveOn,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        status,
        statusLabel: SANCTION_STATUS_LABELS[status],
        blocksKgb: r.blocksKgb,
        blocksPromotion: r.blocksPromotion,
        replacedBy: r.replacedBy,
        annulledOn: r.annulledOn,
        appealWindow: window,
        appeals: appealViews,
      });
    }
    return out;
  }

  /** The view of one sanction by id. */
  async function viewOf(sanctionId: string, today: LocalDate, exec: Exec = db): Promise<SanctionView> {
    const rows = await sanctionQuery(exec).where('s.id', '=', sanctionId).execute();
    const [v] = await present(rows, today, exec);
    if (!v) throw new AppError('NOT_FOUND', 'Hukuman disiplin tidak ditemukan');
    return v;
  }

  /** The views of an employee's sanctions, newest SK first. */
  async function viewsOfEmployee(employeeId: string, today: LocalDate, exec: Exec = db) {
    const rows = await sanctionQuery(exec)
      .where('s.employeeId', '=', employeeId)
      .orderBy('s.skDate', 'desc')
      .orderBy('s.createdAt', 'desc')
      .execute();
    return present(rows, today, exec);
  }

  /**
   * Schedules every delivered sanction of an employee again, in order of effective date (then decision): each
   * one with `scheduleSanction` against those before it (a heavier one replaces the lighter ones running, which are
   * marked DIGANTI with their new end; a lighter one waits: MENUNGGU). Sanctions annulled, not yet delivered or
   * under a pending upaya administratif take no part (no effect). Writes only the rows whose schedule changed and
   * returns them (for the timeline of their cases).
   * Source: Peraturan BKN 6/2022 annex (concurrent sanctions); PP 79/2021; regulations.md §1.7, §1.9.
   * @throws CONFLICT when a final sanction (dismissal) runs and a lighter one would follow it
   */
  async function reschedule(
    trx: Transaction<Database>,
    employeeId: string,
  ): Promise<
    { id: string; caseId: string; status: string; endsOn: LocalDate | null; replacedBy: string | null }[]
  > {
    const rows = await trx
      .selectFrom('disciplineSanctions as s')
      .innerJoin('disciplineCases as c', 'c.id', 's.caseId')
      .selectAll('s')
      .select(['c.rules as caseRules'])
      .where('s.employeeId', '=', employeeId)
      .where('s.effectiveOn', 'is not', null)
      .where('s.status', 'not in', ['DIBATALKAN', 'DITUNDA_UPAYA', 'DITETAPKAN'])
      .orderBy('s.effectiveOn')
      .orderBy('s.createdAt')
      .execute();
    const running: RunningSanction[] = [];
    const next = new Map<
      string,
      { startsOn: LocalDate | null; endsOn: LocalDate | null; status: string; replacedBy: string | null }
    >();
    for (const r of rows) {
      const rules = r.caseRules as unknown as DisciplineRules;
      const rank = findSanction(rules, r.appliedCode)?.rank ?? 0;
      let s: ReturnType<typeof scheduleSanction>;
      try {
        s = scheduleSanction(running, {
          rank,
          effectiveOn: r.effectiveOn!,
          durationMonths: r.durationMonths,
          level: r.level as DisciplineLevel,
        });
      } catch {
        throw new AppError(
          'CONFLICT',
          'Pegawai sedang menjalani hukuman pemberhentian; hukuman yang lebih ringan tidak dapat dijalankan sesudahnya',
        );
      }
      for (const rep of s.replaces) {
        const prev = next.get(rep.id)!;
        next.set(rep.id, { ...prev, endsOn: rep.endsOn, status: 'DIGANTI', replacedBy: r.id });
        const run = running.find((x) => x.id === rep.id);
        if (run) run.endsOn = rep.endsOn;
      }
      next.set(r.id, {
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        status: s.waitsFor ? 'MENUNGGU' : 'DISAMPAIKAN',
        replacedBy: null,
      });
      running.push({ id: r.id, rank, startsOn: s.startsOn, endsOn: s.endsOn });
    }
    const changed: Awaited<ReturnType<typeof reschedule>> = [];
    for (const r of rows) {
      const n = next.get(r.id)!;
      if (
        n.startsOn === r.startsOn &&
        n.endsOn === r.endsOn &&
        n.status === r.status &&
        n.replacedBy === r.replacedBy
      )
        continue;
      await trx
        .updateTable('disciplineSanctions')
        .set({ ...n, updatedAt: ctx.clock.now() })
        .where('id', '=', r.id)
        .execute();
      changed.push({
        id: r.id,
        caseId: r.caseId,
        status: n.status,
        endsOn: n.endsOn,
        replacedBy: n.replacedBy,
      });
    }
    return changed;
  }

  /**
   * Records on the timeline of other cases of the employee that a new schedule replaced or moved their sanction
   * (the case that caused it records its own step).
   */
  async function noteRescheduled(
    trx: Transaction<Database>,
    actor: Parameters<DisciplineContext['addEvent']>[1],
    changed: Awaited<ReturnType<typeof reschedule>>,
    exceptCaseId: string,
  ) {
    for (const ch of changed) {
      if (ch.caseId === exceptCaseId) continue;
      await ctx.addEvent(
        trx,
        actor,
        { id: ch.caseId },
        {
          action: 'reschedule',
          data: { sanctionId: ch.id, status: ch.status, endsOn: ch.endsOn, replacedBy: ch.replacedBy },
          reason:
            ch.status === 'DIGANTI'
              ? `Hukuman diganti hukuman yang lebih berat; berakhir ${ch.endsOn ? formatDdMmYyyy(ch.endsOn) : '-'}`
              : 'Jadwal menjalani hukuman disesuaikan dengan hukuman lain pegawai',
        },
      );
    }
  }

  return {
    calendars,
    sanctionOfCase,
    sanctionQuery,
    present,
    viewOf,
    viewsOfEmployee,
    reschedule,
    noteRescheduled,
  };
}
export type SanctionsShared = ReturnType<typeof createSanctionsShared>;
