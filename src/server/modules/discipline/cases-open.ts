import { sql } from 'kysely';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { NextHolder } from '../../db/schema.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { levelRank, type DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import { examinerFor } from '../../../core/discipline/team.ts';
import {
  CASE_SOURCE_LABELS,
  LEVEL_LABELS,
  type OpenCaseInput,
  type TelaahInput,
} from '../../../shared/api/discipline-cases.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import type { CasesRepo } from './cases-repo.ts';
import type { CaseTools } from './cases-common.ts';
import { dd, type StepKit } from './cases-steps.ts';

/**
 * Opening a case by hand and its telaah (who examines, the expected level).
 * Source: PP 94/2021 Pasal 3–5, 26–27; regulations.md §1.6, §1.11, §8; issue 16 point 1.
 */
export function createOpenSteps(ctx: DisciplineContext, repo: CasesRepo, tools: CaseTools, kit: StepKit) {
  const { db } = ctx;
  const { step, examinersHolder, audited } = kit;

  // ------------------------------------------------------------------------------------------------ open

  /**
   * Opens a case by hand (inspection report, public complaint, neutrality recommendation, another violation of
   * Pasal 3–5): by the employee's direct superior today (or Plt/Plh) or a discipline.read holder over the employee's
   * unit, never by the employee. The violation comes from the rulebook's catalogue for the source; its date is not
   * in the future nor outside the employee's service; a violation with a fixed level sets the expected level.
   * Source: PP 94/2021 Pasal 3–5, 26 ayat (1); regulations.md §1.1, §1.11, §8; issue 16 point 1.
   * @returns the new case's id
   */
  async function open(actor: Actor, body: OpenCaseInput): Promise<string> {
    return db.transaction().execute(async (trx) => {
      const emp = await repo.employee(trx, body.employeeId);
      if (!emp) throw notFound('Pegawai');
      if (actor.employeeId === emp.id)
        throw forbidden('Anda tidak dapat membuka kasus disiplin atas diri sendiri');
      const superiors = await tools.superiorsToday(emp.id, trx);
      const isSuperior = !!actor.employeeId && superiors.includes(actor.employeeId);
      const reader = DISCIPLINE_READERS.some((p) => inScope(scopeOf(actor, p), emp.unitPath));
      if (!isSuperior && !reader)
        throw forbidden(
          'Kasus hanya dapat dibuka oleh atasan langsung pegawai (atau Plt/Plh-nya) atau pejabat yang berwenang atas unit pegawai',
        );
      const name = formatFullName({
        name: emp.name,
        frontTitle: emp.frontTitle ?? undefined,
        backTitle: emp.backTitle ?? undefined,
      });
      const today = await ctx.todayOfUnit(emp.unitId, trx);
      if (body.violationDate > today)
        throw fieldError(
          'violationDate',
          `Tanggal pelanggaran ${dd(body.violationDate)} tidak boleh setelah hari ini (${dd(today)})`,
        );
      if (body.violationDate < emp.activeFrom)
        throw fieldError(
          'violationDate',
          `Tanggal pelanggaran ${dd(body.violationDate)} sebelum masa kerja ${name} (mulai ${dd(emp.activeFrom)})`,
        );
      if (emp.activeTo && body.violationDate > emp.activeTo)
        throw fieldError(
          'violationDate',
          `Tanggal pelanggaran ${dd(body.violationDate)} setelah masa kerja ${name} berakhir (${dd(emp.activeTo)})`,
        );
      let rules;
      try {
        rules = await ctx.rulesOn(body.violationDate, trx);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
        rules = null;
      }
      if (!rules || body.violationDate < rules.effectiveFrom)
        throw fieldError(
          'violationDate',
          `Buku aturan belum memuat aturan disiplin yang berlaku pada ${dd(body.violationDate)}`,
        );
      const v = rules.procedure.violations.find((x) => x.code === body.violationCode);
      if (!v)
        throw fieldError(
          'violationCode',
          `Pelanggaran ${body.violationCode} tidak ada dalam katalog pelanggaran aturan ${rules.regulationSet}`,
        );
      if (!(v.sources as readonly string[]).includes(body.source))
        throw fieldError(
          'violationCode',
          `${v.name} (${v.article}) tidak dapat dibuka dari sumber "${CASE_SOURCE_LABELS[body.source]}"`,
        );
      if (v.level !== null && v.level !== body.expectedLevel)
        throw fieldError(
          'expectedLevel',
          `${v.article} bertingkat ${LEVEL_LABELS[v.level]}: dugaan tingkat hukuman harus ${LEVEL_LABELS[v.level]}, bukan ${LEVEL_LABELS[body.expectedLevel]}`,
        );
      // One opening at a time per employee, so two identical requests cannot both pass the duplicate check.
      await sql`select pg_advisory_xact_lock(hashtext(${`discipline-case-open:${emp.id}`}))`.execute(trx);
      const dup = await repo.openDuplicate(trx, emp.id, v.code, body.violationDate);
      if (dup)
        throw new AppError(
          'CONFLICT',
          `Pelanggaran ini (${v.article}, ${dd(body.violationDate)}) sudah diperiksa dalam kasus ${dup.caseNumber}`,
        );
      const openedAs = isSuperior ? await tools.actingAs(actor, emp.id, trx) : null;
      const { id } = await ctx.openCase(trx, actor, {
        employeeId: emp.id,
        source: body.source,
        sourceRef: body.sourceRef ?? null,
        violationDate: body.violationDate,
        summary: body.description,
        expectedLevel: body.expectedLevel,
        track: v.track,
        openedAs,
        violations: [
          {
            indicationId: null,
            violationCode: v.code,
            article: v.article,
            occurredOn: body.violationDate,
            description: body.description,
            level: v.level,
          },
        ],
      });
      return id;
    });
  }

  // ------------------------------------------------------------------------------------------------ telaah

  /**
   * The telaah: the examiner of the case (direct superior today or Plt/Plh; BKD may too) chooses who examines
   * (core `examinerFor`: ringan → atasan, berat → team, sedang as the rulebook says) and the expected level.
   * ATASAN → PEMANGGILAN (the superior summons); TIM → PEMBENTUKAN_TIM (BKD records the SK).
   * Source: PP 94/2021 Pasal 26–27; regulations.md §1.6, §1.7.
   */
  async function telaah(actor: Actor, id: string, body: TelaahInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      if (!role.superior && !role.manager)
        throw forbidden(
          'Hanya atasan langsung pegawai (atau Plt/Plh-nya) atau BKD yang dapat menelaah kasus ini',
        );
      ctx.requireAction(c, 'telaah', 'Telaah');
      const rules = ctx.rulesOf(c);
      const violations = await repo.violations(trx, c.id);
      const fixed = violations
        .map((v) => v.level as DisciplineLevel | null)
        .filter((l): l is DisciplineLevel => l !== null)
        .sort((a, b) => levelRank(b) - levelRank(a))[0];
      if (fixed && fixed !== body.expectedLevel)
        throw fieldError(
          'expectedLevel',
          `Pelanggaran dalam kasus ini bertingkat ${LEVEL_LABELS[fixed]}: dugaan tingkat hukuman harus ${LEVEL_LABELS[fixed]}`,
        );
      const choice = examinerFor(body.expectedLevel, rules.procedure.examination, body.examiner);
      if (!choice.ok) throw fieldError('examiner', choice.message);
      const actingAs = role.superior ? await tools.actingAs(actor, c.employeeId, trx) : null;
      await trx
        .updateTable('disciplineCases')
        .set({ expectedLevel: body.expectedLevel, examinerKind: choice.examiner })
        .where('id', '=', c.id)
        .execute();
      const updated = { ...c, examinerKind: choice.examiner, expectedLevel: body.expectedLevel };
      const to = choice.examiner === 'TIM' ? 'PEMBENTUKAN_TIM' : 'PEMANGGILAN';
      const holder: NextHolder =
        choice.examiner === 'TIM'
          ? { employeeIds: [], roles: ['discipline.manage'] }
          : await examinersHolder(updated, trx);
      const stepName =
        choice.examiner === 'TIM' ? 'Bentuk tim pemeriksa (catat SK tim)' : 'Terbitkan surat panggilan I';
      await ctx.addEvent(trx, actor, c, {
        action: 'telaah',
        from: c.state,
        to,
        actingAs,
        data: {
          examiner: choice.examiner,
          expectedLevel: body.expectedLevel,
          previousLevel: c.expectedLevel,
        },
        reason: body.note,
      });
      await ctx.setState(trx, c, to, { step: stepName, due: null, holder });
      await audited(
        trx,
        actor,
        c,
        'discipline.case_reviewed',
        { examiner: choice.examiner, expectedLevel: body.expectedLevel, note: body.note, actingAs },
        { expectedLevel: c.expectedLevel },
      );
      await tools.notifyHolder(
        trx,
        actor,
        c,
        holder,
        `Kasus disiplin ${c.caseNumber}: ${stepName.toLowerCase()}`,
        `Dugaan pelanggaran ${LEVEL_LABELS[body.expectedLevel].toLowerCase()}, diperiksa ${choice.examiner === 'TIM' ? 'tim pemeriksa' : 'atasan langsung'}.`,
      );
    });
  }

  return { open, telaah };
}
