import type { Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden } from '../../errors.ts';
import { summonsDeadline } from '../../../core/discipline/deadlines.ts';
import { findSanction } from '../../../core/discipline/discipline-rules.ts';
import {
  END_REASON_LABELS,
  LEVEL_LABELS,
  type EndInput,
  type ExaminationInput,
  type ReportInput,
} from '../../../shared/api/discipline-cases.ts';
import type { DisciplineContext } from './discipline-context.ts';
import type { CasesRepo } from './cases-repo.ts';
import { basisText, isExaminer, trackOf, type CaseTools } from './cases-common.ts';
import { dd, ROMAN, limitError, createStepKit } from './cases-steps.ts';
import { createOpenSteps } from './cases-open.ts';
import { createTeamSteps } from './cases-team.ts';
import { createSummonsSteps } from './cases-summons.ts';

/**
 * The procedure of a case from opening by hand to the report to the competent official, or its end without
 * sanction: every step in one transaction (row lock, role check, state check, validation, writes, timeline, next
 * step with its due date from the core deadlines on the unit's calendar, audit, notifications). A refused or
 * invalid request writes nothing.
 * Source: PP 94/2021 Pasal 26–35; Peraturan BKN 6/2022 Pasal 29; PP 49/2018 Pasal 52; regulations.md §1.5–1.7, §2, §8.
 */
export function createCaseProcedure(ctx: DisciplineContext, repo: CasesRepo, tools: CaseTools) {
  const kit = createStepKit(ctx, tools);
  const { step, requireExaminer, examinersHolder, decisionHolder, audited, officialFor } = kit;
  const opening = createOpenSteps(ctx, repo, tools, kit);
  const team = createTeamSteps(ctx, repo, tools, kit);
  const summons = createSummonsSteps(ctx, repo, tools, kit);

  // ------------------------------------------------------------------------------------------------ examination

  /**
   * The BAP: from PANGGILAN_I/II (the employee came), by the examiners; the examination date not before the
   * summons letter nor after today, and within the summons I limit unless a reason is recorded; a refusal to sign
   * is noted (it does not invalidate the BAP); the day the copy was given to the employee is kept. Team notes are
   * confidential to the examiners. → PEMERIKSAAN.
   * Source: PP 94/2021 Pasal 26–31; regulations.md §1.6, §1.7.
   */
  async function examine(actor: Actor, id: string, body: ExaminationInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      requireExaminer(c, role);
      ctx.requireAction(c, 'examine', 'Pemeriksaan');
      const seq = c.state === 'PANGGILAN_II' ? 2 : 1;
      const s = await repo.summons(trx, c.id, seq);
      if (!s) throw new AppError('CONFLICT', `Surat panggilan ${ROMAN[seq]} belum diterbitkan`);
      if (s.attended === false)
        throw new AppError(
          'CONFLICT',
          `Pegawai tercatat tidak hadir pada panggilan ${ROMAN[seq]}${seq === 1 ? ': terbitkan surat panggilan II' : ''}`,
        );
      const today = await ctx.todayOfUnit(c.unitId, trx);
      if (body.examDate < s.letterDate)
        throw fieldError(
          'examDate',
          `Tanggal pemeriksaan ${dd(body.examDate)} tidak boleh sebelum tanggal surat panggilan ${ROMAN[seq]} (${dd(s.letterDate)})`,
        );
      if (body.examDate > today)
        throw fieldError(
          'examDate',
          `Pemeriksaan tanggal ${dd(body.examDate)} belum dapat dicatat sebelum hari itu (hari ini ${dd(today)})`,
        );
      if (body.copyGivenOn && body.copyGivenOn > today)
        throw fieldError(
          'copyGivenOn',
          `Tanggal salinan BAP diberikan tidak boleh setelah hari ini (${dd(today)})`,
        );
      const rules = ctx.rulesOf(c);
      let lateReason: string | null = null;
      if (seq === 1) {
        const cal = await ctx.calendarOfUnit(c.unitId, s.letterDate, trx);
        const limit = summonsDeadline(s.letterDate, rules, cal);
        const within =
          limit.bound === 'onOrAfter' ? body.examDate >= limit.date : body.examDate <= limit.date;
        const coveredBySummons = !!s.lateReason && body.examDate === s.examDate;
        if (!within && !coveredBySummons) {
          if (!body.lateReason) {
            const basis = basisText(limit.legalBasis);
            throw limitError(
              'examDate',
              limit.bound === 'onOrAfter'
                ? `Tanggal pemeriksaan ${dd(body.examDate)} di luar batas panggilan I: pemeriksaan paling cepat ${dd(limit.date)}, ${limit.count} hari kerja setelah surat ${dd(s.letterDate)} (${basis}). Isi alasan bila tetap dilakukan.`
                : `Tanggal pemeriksaan ${dd(body.examDate)} melewati batas panggilan I: paling lambat ${dd(limit.date)}, ${limit.count} hari kerja sejak surat ${dd(s.letterDate)} (${basis}). Isi alasan bila tetap dilakukan.`,
              { limitDate: limit.date, bound: limit.bound, legalBasis: limit.legalBasis },
            );
          }
          lateReason = body.lateReason;
        }
      }
      await trx
        .insertInto('disciplineExaminations')
        .values({
          caseId: c.id,
          examDate: body.examDate,
          mode: body.mode,
          place: body.place,
          qa: JSON.stringify(body.qa),
          examineeStatement: body.examineeStatement ?? null,
          signedByExaminee: body.signedByExaminee,
          refusalNote: body.signedByExaminee ? null : (body.refusalNote ?? null),
          copyGivenOn: body.copyGivenOn ?? null,
          teamNotes: body.teamNotes ?? null,
          recordedBy: actor.userId,
        })
        .execute();
      await trx.updateTable('disciplineSummons').set({ attended: true }).where('id', '=', s.id).execute();
      await ctx.addEvent(trx, actor, c, {
        action: 'examine',
        from: c.state,
        to: 'PEMERIKSAAN',
        data: {
          examDate: body.examDate,
          mode: body.mode,
          place: body.place,
          questions: body.qa.length,
          signedByExaminee: body.signedByExaminee,
          refusalNote: body.signedByExaminee ? null : (body.refusalNote ?? null),
          copyGivenOn: body.copyGivenOn ?? null,
          withinLimit: lateReason === null,
        },
        reason: lateReason,
      });
      if (body.teamNotes)
        await ctx.addEvent(trx, actor, c, {
          action: 'teamNote',
          data: {},
          reason: body.teamNotes,
          confidential: true,
        });
      await ctx.setState(trx, c, 'PEMERIKSAAN', {
        step: 'Laporan hasil pemeriksaan (LHP) kepada pejabat yang berwenang menghukum',
        due: null,
        holder: await examinersHolder(c, trx),
      });
      await audited(trx, actor, c, 'discipline.case_examined', {
        examDate: body.examDate,
        mode: body.mode,
        signedByExaminee: body.signedByExaminee,
        copyGivenOn: body.copyGivenOn ?? null,
        lateReason,
      });
      await tools.notifyExaminee(
        trx,
        actor,
        c,
        'Berita acara pemeriksaan (BAP) Anda dicatat',
        body.copyGivenOn
          ? `Pemeriksaan ${dd(body.examDate)}; salinan BAP diberikan kepada Anda pada ${dd(body.copyGivenOn)}.`
          : `Pemeriksaan ${dd(body.examDate)}; Anda berhak menerima salinan BAP.`,
      );
    });
  }

  // ------------------------------------------------------------------------------------------------ report

  /**
   * The examination report (LHP): from PEMERIKSAAN, by the examiners; the sanction proposed belongs to the
   * employee's track and to the level found. The competent official is named by the authority matrix (pyb.ts);
   * when it is not the examiner the report goes hierarchically to them (kept in `reported_to`). The non-ASN
   * (INTERNAL) procedure and the ethics track propose no sanction. → PENJATUHAN with the PyB (or BKD for the PPK)
   * holding the decision.
   * Source: PP 94/2021 Pasal 8, 18–25, 31; regulations.md §1.5, §1.6 ("reports the BAP hierarchically"), §2.
   */
  async function report(actor: Actor, id: string, body: ReportInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      requireExaminer(c, role);
      ctx.requireAction(c, 'report', 'Laporan hasil pemeriksaan');
      const exam = await repo.examination(trx, c.id);
      if (!exam) throw new AppError('CONFLICT', 'BAP belum dicatat');
      const rules = ctx.rulesOf(c);
      const internal = c.procedure === 'INTERNAL' || c.track === 'etika';
      if (internal && body.proposedSanction !== null)
        throw fieldError(
          'proposedSanction',
          c.procedure === 'INTERNAL'
            ? 'Pegawai non-ASN tidak dijatuhi hukuman disiplin ASN: kosongkan usulan hukuman; tindak lanjut menurut SK pengangkatan atau perjanjian kerjanya'
            : 'Pelanggaran kode etik dikenai sanksi moral, bukan hukuman disiplin PP 94/2021: kosongkan usulan hukuman',
        );
      if (!internal) {
        if (!body.proposedSanction)
          throw fieldError('proposedSanction', 'Usulan jenis hukuman disiplin wajib diisi');
        const s = findSanction(rules, body.proposedSanction);
        if (!s)
          throw fieldError(
            'proposedSanction',
            `Jenis hukuman ${body.proposedSanction} tidak ada dalam katalog aturan kasus ini`,
          );
        const track = trackOf(rules, c.employeeType);
        if (track && !track.sanctions.includes(s.code))
          throw fieldError(
            'proposedSanction',
            `Hukuman ${s.code} (${s.name}) tidak berlaku bagi pegawai berjenis ${c.employeeType} (${basisText(track.legalBasis)})`,
          );
        if (s.level !== body.foundLevel)
          throw fieldError(
            'proposedSanction',
            `Hukuman ${s.code} (${s.name}) bertingkat ${LEVEL_LABELS[s.level].toLowerCase()}, bukan ${LEVEL_LABELS[body.foundLevel].toLowerCase()} sesuai hasil pemeriksaan`,
          );
      }
      const official = await officialFor(c, body.foundLevel, body.proposedSanction, trx);
      const hierarchical = official
        ? !(actor.employeeId && official.deciderIds.includes(actor.employeeId))
        : false;
      const reportedTo = official
        ? {
            kind: official.kind,
            deciderIds: official.deciderIds,
            name: official.name,
            positionName: official.positionName,
            positionId: official.positionId,
            exact: official.exact,
            explanation: official.explanation,
            legalBasis: official.legalBasis,
            rowId: official.rowId,
            designationId: official.designationId,
            date: official.date,
            hierarchical,
          }
        : null;
      await trx
        .updateTable('disciplineExaminations')
        .set({
          reportSummary: body.summary,
          foundLevel: body.foundLevel,
          proposedSanction: body.proposedSanction,
          reportedTo: reportedTo ? JSON.stringify(reportedTo) : null,
          reportedAt: ctx.clock.now(),
        })
        .where('caseId', '=', c.id)
        .execute();
      const holder = internal ? await examinersHolder(c, trx) : decisionHolder(official);
      const stepName = internal
        ? c.procedure === 'INTERNAL'
          ? 'Tindak lanjut menurut SK pengangkatan/perjanjian kerja, lalu hentikan kasus'
          : 'Sampaikan sanksi moral kode etik, lalu hentikan kasus'
        : official && official.kind !== 'ppk' && official.deciderIds.length > 0
          ? `Keputusan hukuman disiplin oleh ${official.positionName ?? 'pejabat yang berwenang menghukum'}`
          : 'Keputusan hukuman disiplin oleh PPK (dicatat BKD)';
      await ctx.addEvent(trx, actor, c, {
        action: 'report',
        from: c.state,
        to: 'PENJATUHAN',
        data: {
          foundLevel: body.foundLevel,
          proposedSanction: body.proposedSanction,
          reportedTo: reportedTo
            ? {
                kind: reportedTo.kind,
                name: reportedTo.name,
                positionName: reportedTo.positionName,
                hierarchical,
              }
            : null,
        },
      });
      await ctx.setState(trx, c, 'PENJATUHAN', { step: stepName, due: null, holder });
      await audited(trx, actor, c, 'discipline.case_reported', {
        foundLevel: body.foundLevel,
        proposedSanction: body.proposedSanction,
        reportedTo,
      });
      await tools.notifyHolder(
        trx,
        actor,
        c,
        holder,
        `Laporan hasil pemeriksaan kasus disiplin ${c.caseNumber}`,
        internal
          ? stepName
          : `Hasil pemeriksaan: pelanggaran ${LEVEL_LABELS[body.foundLevel].toLowerCase()}, usulan hukuman ${body.proposedSanction}. ${official?.explanation ?? ''}`.trim(),
      );
    });
  }

  // ------------------------------------------------------------------------------------------------ end

  /**
   * Ends a case without sanction before a decision (not proven, left service, died, ethics track closed, other):
   * by the examiner, the PyB or BKD. Linked indications stay linked (their status stays DIPROSES).
   * Source: regulations.md §1.7 (side state DIHENTIKAN); issue 16 point 2.
   */
  async function end(actor: Actor, id: string, body: EndInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      const may = isExaminer(c, role) || role.manager || role.pyb || (c.state === 'TELAAH' && role.superior);
      if (!may)
        throw forbidden(
          'Hanya pemeriksa, pejabat yang berwenang menghukum atau BKD yang dapat menghentikan kasus',
        );
      ctx.requireAction(c, 'end', 'Penghentian kasus');
      if (await repo.sanction(trx, c.id))
        throw new AppError(
          'CONFLICT',
          'Keputusan hukuman disiplin sudah ditetapkan: kasus tidak dapat dihentikan',
        );
      if (body.reason === 'ETIKA_SELESAI' && c.track !== 'etika')
        throw fieldError(
          'reason',
          'Alasan "kode etik selesai ditangani" hanya untuk kasus pelanggaran kode etik',
        );
      const today = await ctx.todayOfUnit(c.unitId, trx);
      await trx
        .updateTable('disciplineCases')
        .set({
          endedReason: body.reason,
          relievedTo: c.relievedFrom && !c.relievedTo ? today : c.relievedTo,
        })
        .where('id', '=', c.id)
        .execute();
      const actingAs = role.superior && !role.manager ? await tools.actingAs(actor, c.employeeId, trx) : null;
      await ctx.addEvent(trx, actor, c, {
        action: 'end',
        from: c.state,
        to: 'DIHENTIKAN',
        actingAs,
        data: { reason: body.reason },
        reason: body.note,
      });
      await ctx.setState(trx, c, 'DIHENTIKAN', null);
      await audited(
        trx,
        actor,
        c,
        'discipline.case_ended',
        { reason: body.reason, note: body.note },
        { state: c.state },
      );
      await tools.notifyExaminee(
        trx,
        actor,
        c,
        `Kasus disiplin ${c.caseNumber} dihentikan`,
        `${END_REASON_LABELS[body.reason]}: ${body.note}`,
      );
    });
  }

  return { ...opening, ...team, ...summons, examine, report, end };
}
export type CaseProcedure = ReturnType<typeof createCaseProcedure>;
