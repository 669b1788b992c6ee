import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { POSITION_KIND_LABELS, type PositionKind } from '../../../core/people/employee-types.ts';
import {
  DISCIPLINE_LEVELS,
  findLadder,
  levelRank,
  type DisciplineLevel,
  type DisciplineRules,
  type SanctionType,
} from '../../../core/discipline/discipline-rules.ts';
import { deliveryDeadline } from '../../../core/discipline/deadlines.ts';
import { CASE_STATE_LABELS, type CaseState } from '../../../core/discipline/case-machine.ts';
import type {
  CompetentOfficial,
  DecisionBody,
  SanctionStepResult,
} from '../../../shared/api/discipline-sanctions.ts';
import type { CaseRole, CaseRow, DisciplineContext } from './discipline-context.ts';
import type { CompetentOfficial as Pyb, PybResolver } from './pyb.ts';
import {
  appliedTypeOf,
  LEVEL_WORD,
  nameOf,
  requireInTrack,
  sanctionTypeOf,
  type SanctionsShared,
  type StoredAuthority,
} from './sanctions-shared.ts';

/** States before the BAP: a decision there comes before the examination the regulation requires. */
const BEFORE_BAP: readonly CaseState[] = [
  'TELAAH',
  'PEMBENTUKAN_TIM',
  'PEMANGGILAN',
  'PANGGILAN_I',
  'PANGGILAN_II',
];

/** The examinee's position in words ("pelaksana", "pejabat fungsional ahli pertama"). */
function examineeWords(kind: string | null): string {
  if (!kind || kind === 'PELAKSANA') return 'pelaksana';
  const label = POSITION_KIND_LABELS[kind as PositionKind];
  return label ? `pemangku ${label.charAt(0).toLowerCase()}${label.slice(1)}` : kind;
}

/** "Kepala Seksi Surveilans (Kiki Kasi)" or the PPK. */
function officialWords(p: Pyb): string {
  if (p.kind === 'ppk') return 'Pejabat Pembina Kepegawaian (PPK), yang keputusannya dicatat oleh BKD';
  const post = p.positionName ?? 'pejabat yang ditunjuk';
  return p.name ? `${post} (${p.name})` : post;
}

/**
 * The decision of a case (issue 16 point 2, decision; point 3): the competent official (PyB) sets one sanction, the
 * heaviest, never a second one for the same violation, in the employee's track, after the BAP (or two missed
 * summonses).
 * Source: PP 94/2021 Pasal 18–26, 33–37; PP 49/2018 Pasal 52–53; regulations.md §1.5–1.7, §2.
 */
export function createDecisionPart(ctx: DisciplineContext, shared: SanctionsShared, pyb: PybResolver) {
  const { db, relations, clock } = ctx;

  /**
   * Whether the actor may decide as the PyB and as what: the holder or Plt/Plh of the PyB's post (or the designated
   * JF); for the PPK, a discipline.manage holder in scope recording the PPK's decision (`PPK`). Never the examinee.
   */
  async function deciderRole(
    actor: Actor,
    c: CaseRow,
    role: CaseRole,
    p: Pyb,
    exec: Exec,
  ): Promise<{ may: boolean; as: 'PLT' | 'PLH' | 'PPK' | null }> {
    if (actor.employeeId === c.employeeId) return { may: false, as: null };
    if (p.kind === 'ppk') return { may: role.manager, as: 'PPK' };
    if (!actor.employeeId || !p.deciderIds.includes(actor.employeeId)) return { may: false, as: null };
    if (p.kind === 'designatedJf' || actor.employeeId === p.holderId) return { may: true, as: null };
    const post = await relations.actingPostAt(actor.employeeId, [p.positionId], clock.now(), exec);
    return { may: true, as: post?.kind ?? null };
  }

  /**
   * 403 naming who is competent and why. When the actor is the PyB of a lighter level, the refusal says the
   * sanction is above their authority ("Hukuman sedang bagi pelaksana ditetapkan oleh …").
   */
  async function refusal(
    actor: Actor,
    c: CaseRow,
    role: CaseRole,
    t: SanctionType,
    p: Pyb,
    rules: DisciplineRules,
    exec: Exec,
  ): Promise<AppError> {
    if (actor.employeeId === c.employeeId)
      return forbidden('Anda tidak dapat menjatuhkan hukuman disiplin kepada diri sendiri');
    const track = rules.procedure.tracks.find((x) =>
      (x.employeeTypes as readonly string[]).includes(c.employeeType),
    );
    let lighterPyb = false;
    for (const lvl of DISCIPLINE_LEVELS) {
      if (levelRank(lvl) >= levelRank(t.level)) break;
      const code =
        track?.sanctions.find((s) => rules.sanctionTypes.find((x) => x.code === s)?.level === lvl) ?? null;
      if (!code) continue;
      try {
        const lower = await pyb.competentOfficial(c, lvl, code, exec);
        if ((await deciderRole(actor, c, role, lower, exec)).may) lighterPyb = true;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
      }
    }
    const who = officialWords(p);
    return forbidden(
      lighterPyb
        ? `Hukuman ${LEVEL_WORD[t.level]} bagi ${examineeWords(c.positionKind)} ditetapkan oleh ${who}, di atas kewenangan Anda. ${p.explanation}`
        : `Anda tidak berwenang menjatuhkan hukuman "${t.name}" kepada pegawai ini; yang berwenang: ${who}. ${p.explanation}`,
    );
  }

  /** GET /cases/:id/competent-official: who may decide a sanction on the case, and why. */
  async function competentOfficial(
    actor: Actor,
    caseId: string,
    sanctionCode: string,
  ): Promise<CompetentOfficial> {
    const { c, role } = await ctx.loadCase(actor, caseId);
    const rules = ctx.rulesOf(c);
    const t = sanctionTypeOf(rules, sanctionCode);
    const p = await pyb.competentOfficial(c, t.level, t.code);
    const people = p.deciderIds.length
      ? await db
          .selectFrom('employees')
          .select(['id', 'name', 'frontTitle', 'backTitle'])
          .where('id', 'in', p.deciderIds)
          .execute()
      : [];
    return {
      kind: p.kind,
      name: p.name,
      positionName: p.positionName,
      deciders: people.map((e) => ({ id: e.id, name: nameOf(e) })),
      exact: p.exact,
      explanation: p.explanation,
      legalBasis: p.legalBasis,
      callerMayDecide: (await deciderRole(actor, c, role, p, db)).may,
      sanction: { code: t.code, name: t.name, level: t.level },
    };
  }

  /** 409 unless the case has its BAP, or came to PENJATUHAN through two missed summonses (PP 94/2021 Pasal 26). */
  async function requireExamined(c: CaseRow, exec: Exec) {
    const bapMessage =
      'Hukuman belum dapat dijatuhkan: pemeriksaan terhadap pegawai (BAP) belum dicatat. Penjatuhan tanpa pemeriksaan hanya bila pegawai tidak memenuhi panggilan kedua (PP 94/2021 Pasal 26 ayat (4))';
    if (BEFORE_BAP.includes(c.state as CaseState)) throw new AppError('CONFLICT', bapMessage);
    ctx.requireAction(c, 'decide', 'Penetapan hukuman');
    const exam = await exec
      .selectFrom('disciplineExaminations')
      .select(['examDate', 'reportedAt'])
      .where('caseId', '=', c.id)
      .executeTakeFirst();
    const missedSecond = await exec
      .selectFrom('disciplineSummons')
      .select(['examDate'])
      .where('caseId', '=', c.id)
      .where('seq', '=', 2)
      .where('attended', '=', false)
      .executeTakeFirst();
    if (!exam && !missedSecond) throw new AppError('CONFLICT', bapMessage);
    return { exam, missedSecond };
  }

  /**
   * One sanction per case, the heaviest: not lighter than a violation of the case with a fixed level; never twice
   * for one violation: refused when a violation's indication led to a sanction in another case, or (attendance,
   * PASAL_4_F) a sanction for the same or a higher ladder step of the same year exists. Source: PP 94/2021 Pasal 35
   * ayat (3); regulations.md §1.3, §1.6.
   */
  async function requireHeaviestOnce(c: CaseRow, t: SanctionType, rules: DisciplineRules, exec: Exec) {
    const violations = await exec
      .selectFrom('disciplineCaseViolations as v')
      .leftJoin('disciplineIndications as i', 'i.id', 'v.indicationId')
      .select([
        'v.violationCode',
        'v.article',
        'v.level',
        'v.occurredOn',
        'v.indicationId',
        'i.caseId as indicationCaseId',
        'i.year',
        'i.source',
        'i.step',
      ])
      .where('v.caseId', '=', c.id)
      .execute();
    const heaviest = violations
      .filter((v) => v.level !== null)
      .sort((a, b) => levelRank(b.level as DisciplineLevel) - levelRank(a.level as DisciplineLevel))[0];
    if (heaviest && levelRank(t.level) < levelRank(heaviest.level as DisciplineLevel))
      throw new AppError(
        'CONFLICT',
        `Satu kasus dijatuhi satu hukuman, yang terberat: pelanggaran ${heaviest.article} tingkat ${heaviest.level}, sedangkan "${t.name}" tingkat ${t.level} (regulations.md §1.6)`,
      );
    const others = await exec
      .selectFrom('disciplineSanctions as s')
      .innerJoin('disciplineCases as c2', 'c2.id', 's.caseId')
      .select([
        's.id',
        's.caseId',
        's.sanctionCode',
        's.appliedCode',
        's.skNumber',
        's.skDate',
        'c2.caseNumber',
      ])
      .where('s.employeeId', '=', c.employeeId)
      .where('s.caseId', '!=', c.id)
      .where('s.status', '!=', 'DIBATALKAN')
      .execute();
    if (others.length === 0) return;
    const twice = (o: (typeof others)[number], why: string) =>
      new AppError(
        'CONFLICT',
        `Pelanggaran yang sama tidak dapat dihukum dua kali: ${why} sudah dijatuhi hukuman dalam kasus ${o.caseNumber} (SK ${o.skNumber} tanggal ${formatDdMmYyyy(o.skDate)}) (PP 94/2021 Pasal 35 ayat (3))`,
      );
    for (const v of violations) {
      const o = v.indicationCaseId ? others.find((x) => x.caseId === v.indicationCaseId) : undefined;
      if (o) throw twice(o, `pelanggaran ${v.article}`);
    }
    // Attendance: the ladder step of this case and of the other sanctions of the same year.
    const attendance = violations.filter((v) => v.violationCode === 'PASAL_4_F');
    if (attendance.length === 0) return;
    const ladder = findLadder(rules, c.employeeType as Parameters<typeof findLadder>[1]);
    const stepOfCode = (code: string) =>
      ladder ? ladder.steps.findIndex((s) => s.sanction === code) + 1 : 0;
    const years = new Set(attendance.map((v) => v.year ?? Number(v.occurredOn.slice(0, 4))));
    const mySteps = attendance.filter((v) => v.source !== 'consecutive').map((v) => v.step ?? 0);
    const myStep = Math.max(stepOfCode(t.code), ...mySteps);
    const otherViolations = await exec
      .selectFrom('disciplineCaseViolations as v')
      .leftJoin('disciplineIndications as i', 'i.id', 'v.indicationId')
      .select(['v.caseId', 'v.occurredOn', 'i.year', 'i.source', 'i.step'])
      .where(
        'v.caseId',
        'in',
        others.map((o) => o.caseId),
      )
      .where('v.violationCode', '=', 'PASAL_4_F')
      .execute();
    for (const o of others) {
      const ov = otherViolations.filter((v) => v.caseId === o.caseId);
      const sameYear = ov.filter((v) => years.has(v.year ?? Number(v.occurredOn.slice(0, 4))));
      if (sameYear.length === 0) continue;
      const theirStep = Math.max(
        stepOfCode(o.sanctionCode),
        stepOfCode(o.appliedCode),
        ...sameYear.filter((v) => v.source !== 'consecutive').map((v) => v.step ?? 0),
      );
      if (theirStep >= myStep)
        throw twice(
          o,
          `ketidakhadiran tahun ${[...years].join(', ')} sampai tingkat yang sama atau lebih tinggi`,
        );
    }
  }

  /** The examination / report / missed second summons date the SK may not precede. */
  async function notBefore(c: CaseRow, examined: Awaited<ReturnType<typeof requireExamined>>, exec: Exec) {
    const dates: { date: LocalDate; what: string }[] = [];
    if (examined.exam) {
      dates.push({ date: examined.exam.examDate, what: 'tanggal pemeriksaan' });
      if (examined.exam.reportedAt) {
        const u = await exec
          .selectFrom('units')
          .select('timeZone')
          .where('id', '=', c.unitId)
          .executeTakeFirstOrThrow();
        dates.push({
          date: localDateAt(new Date(examined.exam.reportedAt).getTime(), u.timeZone as IndonesianTimeZone),
          what: 'tanggal laporan hasil pemeriksaan',
        });
      }
    }
    if (examined.missedSecond)
      dates.push({ date: examined.missedSecond.examDate, what: 'tanggal panggilan kedua' });
    return dates.sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null;
  }

  /**
   * POST /cases/:id/decision: the SK hukuman disiplin by the PyB (or BKD for the PPK) → PENYAMPAIAN, delivery due
   * in the rulebook's period, the decider holds the next step; the employee is told.
   */
  async function decide(actor: Actor, caseId: string, body: DecisionBody): Promise<SanctionStepResult> {
    return db.transaction().execute(async (trx) => {
      const { c, role } = await ctx.loadCase(actor, caseId, trx, true);
      const rules = ctx.rulesOf(c);
      const t = sanctionTypeOf(rules, body.sanctionCode);
      // Who decides (before anything else is told about the case's procedure).
      const p = await pyb.competentOfficial(c, t.level, t.code, trx);
      const decider = await deciderRole(actor, c, role, p, trx);
      if (!decider.may) throw await refusal(actor, c, role, t, p, rules, trx);
      const examined = await requireExamined(c, trx);
      requireInTrack(rules, c, t);
      const today = await ctx.todayOfUnit(c.unitId, trx);
      if (body.skDate > today)
        throw fieldError('skDate', `Tanggal SK tidak boleh setelah hari ini (${formatDdMmYyyy(today)})`);
      const floor = await notBefore(c, examined, trx);
      if (floor && body.skDate < floor.date)
        throw fieldError(
          'skDate',
          `Tanggal SK tidak boleh sebelum ${floor.what} (${formatDdMmYyyy(floor.date)})`,
        );
      await requireHeaviestOnce(c, t, rules, trx);
      const existing = await shared.sanctionOfCase(c.id, trx);
      if (existing) throw new AppError('CONFLICT', 'Kasus ini sudah memiliki keputusan hukuman disiplin');

      const applied = appliedTypeOf(rules, t);
      const cal = await ctx.calendarOfUnit(c.unitId, body.skDate, trx);
      const due = deliveryDeadline(body.skDate, rules, cal);
      const authority: StoredAuthority = {
        kind: p.kind,
        rowId: p.rowId,
        name: p.name,
        positionName: p.positionName,
        positionId: p.positionId,
        holderId: p.holderId,
        deciderIds: p.deciderIds,
        designationId: p.designationId,
        exact: p.exact,
        explanation: p.explanation,
        legalBasis: p.legalBasis,
        date: p.date,
      };
      const row = await trx
        .insertInto('disciplineSanctions')
        .values({
          caseId: c.id,
          employeeId: c.employeeId,
          sanctionCode: t.code,
          appliedCode: applied.code,
          level: t.level,
          name: t.name,
          durationMonths: applied.durationMonths,
          decidedByUser: actor.userId,
          decidedByEmployee: actor.employeeId,
          decidedAs: decider.as,
          authority: JSON.stringify(authority),
          skNumber: body.skNumber,
          skDate: body.skDate,
          considerations: body.considerations,
          deliveryDue: due.date,
          status: 'DITETAPKAN',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // A temporary relief from duties lasts until the decision is set (PP 94/2021 Pasal 27; regulations.md §1.6).
      if (c.relievedFrom && !c.relievedTo)
        await trx
          .updateTable('disciplineCases')
          .set({ relievedTo: body.skDate })
          .where('id', '=', c.id)
          .execute();
      await ctx.addEvent(trx, actor, c, {
        action: 'decide',
        from: c.state,
        to: 'PENYAMPAIAN',
        actingAs: decider.as,
        data: {
          sanctionId: row.id,
          sanctionCode: t.code,
          appliedCode: applied.code,
          skNumber: body.skNumber,
          skDate: body.skDate,
          authority: { kind: p.kind, explanation: p.explanation },
          deliveryDue: due.date,
        },
        reason: body.considerations,
      });
      const holderIds = p.kind === 'ppk' ? (actor.employeeId ? [actor.employeeId] : []) : p.deciderIds;
      await ctx.setState(trx, c, 'PENYAMPAIAN', {
        step: 'Sampaikan keputusan hukuman disiplin kepada pegawai',
        due: due.date,
        holder: { employeeIds: holderIds, roles: p.kind === 'ppk' ? ['discipline.manage'] : [] },
      });
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.sanction_decided',
        entityType: 'discipline_case',
        entityId: c.id,
        unitId: c.unitId,
        after: {
          sanctionId: row.id,
          sanctionCode: t.code,
          appliedCode: applied.code,
          level: t.level,
          skNumber: body.skNumber,
          skDate: body.skDate,
          decidedAs: decider.as,
          authority,
          deliveryDue: due.date,
        },
      });
      const substitute = applied.code !== t.code ? ` (dijalankan sebagai ${applied.name})` : '';
      await ctx.notifications.notify(trx, {
        employeeIds: [c.employeeId],
        kind: 'discipline_sanction_decided',
        title: `Keputusan hukuman disiplin kasus ${c.caseNumber}`,
        body: `Anda dijatuhi hukuman disiplin ${t.level}: ${t.name}${substitute}, SK ${body.skNumber} tanggal ${formatDdMmYyyy(body.skDate)}. Keputusan akan disampaikan kepada Anda paling lambat ${formatDdMmYyyy(due.date)}.`,
        link: `/disiplin/kasus/${c.id}`,
        entity: { type: 'discipline_case', id: c.id },
        subjectEmployeeId: c.employeeId,
        exceptUserIds: [actor.userId],
      });
      return {
        caseId: c.id,
        state: 'PENYAMPAIAN',
        stateLabel: CASE_STATE_LABELS.PENYAMPAIAN,
        sanction: await shared.viewOf(row.id, today, trx),
      };
    });
  }

  return { decide, competentOfficial, deciderRole };
}
