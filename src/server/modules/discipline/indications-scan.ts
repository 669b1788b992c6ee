import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { AuditContext } from '../audit/audit-service.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { monthRange } from '../../../core/common/local-date.ts';
import {
  indicateDiscipline,
  type DisciplineIndication,
  type ImposedSanction,
} from '../../../core/discipline/indicate.ts';
import type { DisciplineAccumulation } from '../../../core/discipline/accumulate.ts';
import {
  findLadder,
  type DisciplineEmployeeType,
  type DisciplineLevel,
  type DisciplineRules,
} from '../../../core/discipline/discipline-rules.ts';
import type { DayStatus } from '../../../core/attendance/day-status.ts';
import type { LegalBasis } from '../../../core/common/legal-basis.ts';
import type { IndicationScanResult, IndicationSource } from '../../../shared/api/discipline-indications.ts';

/** The violation an attendance indication is examined as (the catalogue's code; PP 94/2021 Pasal 4 huruf f). */
export const ATTENDANCE_VIOLATION = 'PASAL_4_F';

/** Who writes the indications found when a month is closed (no person: the closing's listener). */
export const CLOSING_CTX: AuditContext = {
  actorId: null,
  actorName: 'Sistem (penutupan bulan)',
  ip: null,
  userAgent: null,
};

/** The evidence as stored (`discipline_indications.evidence`): the contract's fields plus the sanction and headline. */
export interface StoredEvidence {
  /** Every day that counted (TK days and days with minutes), in date order. */
  days: { date: string; code: string; lateMinutes: number; earlyMinutes: number }[];
  excused: { date: string; code: string; label: string }[];
  /** The consecutive run (consecutive indications). */
  streak: { from: string; to: string; days: number } | null;
  span: { from: string; to: string } | null;
  tkCount: number;
  lateMinutes: number;
  earlyMinutes: number;
  minutesPerDay: number;
  minutesAsDays: number;
  headline: string;
  sanction: {
    code: string;
    name: string;
    level: DisciplineLevel;
    durationMonths: number | null;
    appliedAs: { code: string; name: string; durationMonths: number | null } | null;
    legalBasis: LegalBasis;
  };
}

/** "3 hari TK → usulan R1 teguran lisan", "10 hari TK berturut-turut → penghentian gaji, usulan B3 …". */
export function headlineOf(
  source: IndicationSource,
  totalDays: number,
  acc: { tkDays: number; minutesAsDays: number },
  sanction: { code: string; name: string },
  salaryStop: boolean,
  runDays: number | null,
): string {
  const proposal = `usulan ${sanction.code} ${sanction.name}`;
  if (source === 'consecutive')
    return `${runDays ?? totalDays} hari TK berturut-turut → ${salaryStop ? 'penghentian gaji, ' : ''}${proposal}`;
  const days =
    acc.minutesAsDays > 0
      ? `${totalDays} hari (TK ${acc.tkDays} + ${acc.minutesAsDays} dari keterlambatan/pulang cepat)`
      : `${totalDays} hari TK`;
  return `${days} → ${proposal}`;
}

/**
 * Storing what the rules core indicates for a unit subtree (issue 16 point 1; regulations.md §1.3, §1.4, §1.8,
 * §1.11), part of the indications section: the accumulation and indication of each employee from the recap's
 * `disciplineStanding` (with the attendance sanctions already decided this year), the evidence of each new
 * indication, the lower steps superseded and the superiors told.
 */
export function createIndicationScan(ctx: DisciplineContext) {
  const { audit, notifications } = ctx;

  /**
   * The attendance sanctions already decided in `year` for the employees of the subtree (cases with a PASAL_4_F
   * violation, sanction not annulled), as ladder steps for step-wise escalation (PerBKN 6/2022 annex).
   */
  async function imposedIn(exec: Exec, unitPath: string, year: number, rules: DisciplineRules) {
    const rows = await exec
      .selectFrom('disciplineSanctions as s')
      .innerJoin('disciplineCases as c', 'c.id', 's.caseId')
      .innerJoin('employees as e', 'e.id', 'c.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['c.employeeId', 'c.employeeType', 's.sanctionCode', 's.level'])
      .where((eb) => eb.or([eb('u.path', 'like', `${unitPath}%`), eb('c.unitPath', 'like', `${unitPath}%`)]))
      .where('s.status', '<>', 'DIBATALKAN')
      .where(sql<boolean>`extract(year from c.violation_date) = ${year}`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('disciplineCaseViolations as v')
            .select('v.id')
            .whereRef('v.caseId', '=', 'c.id')
            .where('v.violationCode', '=', ATTENDANCE_VIOLATION),
        ),
      )
      .execute();
    const map = new Map<string, ImposedSanction[]>();
    for (const r of rows) {
      const ladder = findLadder(rules, r.employeeType as DisciplineEmployeeType);
      const ix = ladder?.steps.findIndex((s) => s.sanction === r.sanctionCode) ?? -1;
      if (ix < 0) continue;
      const list = map.get(r.employeeId) ?? [];
      list.push({ level: r.level as DisciplineLevel, step: ix + 1 });
      map.set(r.employeeId, list);
    }
    return map;
  }

  /** The run of TK working days around `reachedOn` (non-working and absent dates neither count nor break it). */
  function runAround(days: readonly DayStatus[], reachedOn: string, rules: DisciplineRules) {
    const tk = new Set<string>(rules.absence.tkCodes);
    const off = new Set<string>(rules.absence.nonWorkingCodes);
    const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const kind = (d: DayStatus) => (d.nonWorkingDay || off.has(d.code) ? 'N' : tk.has(d.code) ? 'T' : 'O');
    const at = sorted.findIndex((d) => d.date === reachedOn);
    const tkDates: string[] = [];
    for (let j = at; j >= 0; j--) {
      const k = kind(sorted[j]!);
      if (k === 'O') break;
      if (k === 'T') tkDates.unshift(sorted[j]!.date);
    }
    for (let j = at + 1; j < sorted.length; j++) {
      const k = kind(sorted[j]!);
      if (k === 'O') break;
      if (k === 'T') tkDates.push(sorted[j]!.date);
    }
    if (tkDates.length === 0) return null;
    return { from: tkDates[0]!, to: tkDates[tkDates.length - 1]!, days: tkDates.length, tkDates };
  }

  /** Days with a valid reason recorded (codes neither TK, nor non-working, nor H) in `from`..`to`. */
  async function excusedIn(
    exec: Exec,
    employeeId: string,
    from: string,
    to: string,
    rules: DisciplineRules,
    labels: ReadonlyMap<string, string>,
  ) {
    const skip = [...new Set(['H', ...rules.absence.tkCodes, ...rules.absence.nonWorkingCodes])];
    const rows = await sql<{ date: string; code: string }>`
      select ds.local_date::text as date, ds.code
      from day_statuses ds
        join units u on u.id = ds.unit_id
        join employees e on e.id = ds.employee_id
      where ds.employee_id = ${employeeId}
        and ds.month between ${`${from.slice(0, 7)}-01`}::date and ${to}::date
        and ds.local_date between ${from}::date and ${to}::date
        and not ds.non_working_day
        and ds.local_date >= u.attendance_start
        and ds.local_date >= e.active_from and (e.active_to is null or ds.local_date <= e.active_to)
        and ds.code not in (${sql.join(skip)})
      order by ds.local_date`.execute(exec);
    return rows.rows.map((r) => ({ date: r.date, code: r.code, label: labels.get(r.code) ?? r.code }));
  }

  interface Found {
    source: IndicationSource;
    step: number;
    indication: DisciplineIndication;
    totalDays: number;
    reachedOn: string | null;
    evidence: StoredEvidence;
    reasons: string[];
  }

  /** The indications of one employee's standing: the cumulative step and the consecutive run, each when new. */
  async function foundOf(
    exec: Exec,
    s: {
      employeeId: string;
      employeeType: string;
      accumulation: DisciplineAccumulation;
      indication: DisciplineIndication;
      days: DayStatus[];
    },
    rules: DisciplineRules,
    imposed: readonly ImposedSanction[],
    labels: ReadonlyMap<string, string>,
  ): Promise<Found[]> {
    const type = s.employeeType as DisciplineEmployeeType;
    const acc = s.accumulation;
    const codeOn = new Map(s.days.map((d) => [d.date, d.code as string]));
    const out: Found[] = [];
    const sanctionOf = (ind: DisciplineIndication) => ({
      code: ind.sanction!.code,
      name: ind.sanction!.name,
      level: ind.sanction!.level,
      durationMonths: ind.sanction!.durationMonths,
      appliedAs: ind.sanction!.appliedAs,
      legalBasis: ind.legalBasis!,
    });

    // The cumulative step: the core read without the consecutive run.
    const cum = indicateDiscipline({ ...acc, consecutiveReachedOn: null }, rules, type, imposed);
    if (cum.source === 'cumulative' && cum.step !== null && cum.sanction) {
      const counted = acc.breakdown;
      const days = counted.map((c) => ({
        date: c.date,
        code: c.isTk ? (codeOn.get(c.date) ?? 'TK') : (codeOn.get(c.date) ?? 'H'),
        lateMinutes: c.lateMinutes,
        earlyMinutes: c.earlyMinutes,
      }));
      const span = days.length ? { from: days[0]!.date, to: days[days.length - 1]!.date } : null;
      const sanction = sanctionOf(cum);
      out.push({
        source: 'cumulative',
        step: cum.step,
        indication: cum,
        totalDays: acc.totalDays,
        reachedOn: cum.reachedOn,
        reasons: cum.reasons,
        evidence: {
          days,
          excused: span ? await excusedIn(exec, s.employeeId, span.from, span.to, rules, labels) : [],
          streak: null,
          span,
          tkCount: acc.tkDays,
          lateMinutes: acc.lateMinutes,
          earlyMinutes: acc.earlyMinutes,
          minutesPerDay: acc.minutesPerDay,
          minutesAsDays: acc.minutesAsDays,
          headline: headlineOf('cumulative', acc.totalDays, acc, sanction, false, null),
          sanction,
        },
      });
    }

    // The consecutive run: the core read with the run only (no cumulative days).
    if (acc.consecutiveReachedOn !== null) {
      const con = indicateDiscipline({ ...acc, totalDays: 0, breakdown: [] }, rules, type, imposed);
      const ladder = findLadder(rules, type);
      if (con.source === 'consecutive' && con.sanction && ladder) {
        const run = runAround(s.days, acc.consecutiveReachedOn, rules);
        const streak = run ? { from: run.from, to: run.to, days: run.days } : null;
        const days = (run?.tkDates ?? []).map((date) => ({
          date,
          code: codeOn.get(date) ?? 'TK',
          lateMinutes: 0,
          earlyMinutes: 0,
        }));
        const sanction = sanctionOf(con);
        out.push({
          source: 'consecutive',
          step: con.step ?? ladder.steps.length + 1,
          indication: con,
          totalDays: streak?.days ?? acc.consecutiveThreshold ?? 0,
          reachedOn: con.reachedOn,
          // The full reading (both counts) explains the run and the salary stop.
          reasons: s.indication.reasons,
          evidence: {
            days,
            excused: streak ? await excusedIn(exec, s.employeeId, streak.from, streak.to, rules, labels) : [],
            streak,
            span: streak ? { from: streak.from, to: streak.to } : null,
            tkCount: days.length,
            lateMinutes: 0,
            earlyMinutes: 0,
            minutesPerDay: acc.minutesPerDay,
            minutesAsDays: 0,
            headline: headlineOf(
              'consecutive',
              streak?.days ?? 0,
              acc,
              sanction,
              con.salaryStop,
              acc.consecutiveThreshold,
            ),
            sanction,
          },
        });
      }
    }
    return out;
  }

  /**
   * Stores what the core indicates for the unit subtree in the year of `month` up to its end (the recap's
   * `disciplineStanding`, with the attendance sanctions already decided this year): one row per employee, year,
   * source and step (`on conflict do nothing`: a rescan stores nothing twice, a dismissed indication stays
   * dismissed); a new higher step marks the lower BARU rows DIGANTIKAN (audited); the direct superior(s) hear of
   * each new indication once. Runs in the caller's transaction.
   */
  async function scan(
    trx: Transaction<Database>,
    unit: { id: string; path: string },
    month: string,
    who: AuditContext,
  ): Promise<IndicationScanResult> {
    const monthEnd = monthRange(month).to;
    const year = Number(month.slice(0, 4));
    const rulebook = await ctx.rulebookOn(monthEnd, trx);
    const rules = rulebook.discipline;
    const labels = new Map(rulebook.attendance.absenceCodes.map((c) => [c.code as string, c.label]));
    const imposed = await imposedIn(trx, unit.path, year, rules);
    const standings = await ctx.recap().disciplineStanding(unit, month, trx, imposed);
    const result = {
      unitId: unit.id,
      month,
      employeesIndicated: standings.length,
      created: 0,
      superseded: 0,
      unchanged: 0,
    };
    for (const s of standings) {
      for (const f of await foundOf(trx, s, rules, imposed.get(s.employeeId) ?? [], labels)) {
        const higher = await trx
          .selectFrom('disciplineIndications')
          .select('id')
          .where('employeeId', '=', s.employeeId)
          .where('year', '=', year)
          .where('source', '=', f.source)
          .where('step', '>=', f.step)
          .executeTakeFirst();
        if (higher) {
          result.unchanged++;
          continue;
        }
        const row = await trx
          .insertInto('disciplineIndications')
          .values({
            employeeId: s.employeeId,
            unitId: s.unitId,
            unitPath: s.unitPath,
            year,
            source: f.source,
            step: f.step,
            level: f.indication.level!,
            sanctionCode: f.indication.sanction!.code,
            totalDays: f.totalDays,
            reachedOn: f.reachedOn,
            salaryStop: f.source === 'consecutive' && f.indication.salaryStop,
            salaryStopFromMonth: f.source === 'consecutive' ? f.indication.salaryStopFromMonth : null,
            evidence: JSON.stringify(f.evidence),
            reasons: JSON.stringify(f.reasons),
            regulationSet: rules.regulationSet,
          })
          .onConflict((oc) => oc.columns(['employeeId', 'year', 'source', 'step']).doNothing())
          .returning('id')
          .executeTakeFirst();
        if (!row) {
          result.unchanged++;
          continue;
        }
        result.created++;
        await audit.record(trx, who, {
          action: 'discipline.indication_found',
          entityType: 'discipline_indication',
          entityId: row.id,
          unitId: s.unitId,
          after: {
            employeeId: s.employeeId,
            year,
            source: f.source,
            step: f.step,
            sanction: f.indication.sanction!.code,
            totalDays: f.totalDays,
          },
        });
        const lower = await trx
          .updateTable('disciplineIndications')
          .set({ status: 'DIGANTIKAN' })
          .where('employeeId', '=', s.employeeId)
          .where('year', '=', year)
          .where('source', '=', f.source)
          .where('step', '<', f.step)
          .where('status', '=', 'BARU')
          .returning(['id', 'step'])
          .execute();
        for (const l of lower) {
          result.superseded++;
          await audit.record(trx, who, {
            action: 'discipline.indication_superseded',
            entityType: 'discipline_indication',
            entityId: l.id,
            unitId: s.unitId,
            before: { status: 'BARU', step: l.step },
            after: { status: 'DIGANTIKAN', by: row.id, reason: 'digantikan indikasi tingkat lebih tinggi' },
          });
        }
        const deciders = await ctx.relations.decidersToday(s.employeeId, trx).catch(() => [] as string[]);
        if (deciders.length)
          await notifications.notify(trx, {
            employeeIds: deciders,
            exceptEmployeeIds: [s.employeeId],
            kind: 'discipline_indication',
            title: `Indikasi disiplin: ${s.name}`,
            body: `${f.evidence.headline}. Buka kasus atau abaikan dengan alasan.`,
            link: `/disiplin/indikasi/${row.id}`,
            entity: { type: 'discipline_indication', id: row.id },
            subjectEmployeeId: s.employeeId,
          });
      }
    }
    return result;
  }

  return { scan };
}
