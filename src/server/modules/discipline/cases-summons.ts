import type { Actor } from '../../auth/authz.ts';
import { AppError, fieldError } from '../../errors.ts';
import { secondSummons, summonsDeadline } from '../../../core/discipline/deadlines.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import { type AbsenceInput, type SummonsInput } from '../../../shared/api/discipline-cases.ts';
import type { DisciplineContext } from './discipline-context.ts';
import type { CasesRepo } from './cases-repo.ts';
import { basisText, representativeSanction, type CaseTools } from './cases-common.ts';
import { dd, ROMAN, limitError, type StepKit } from './cases-steps.ts';

/**
 * Summons I and II with their limits, and the absences recorded on the examination dates.
 * Source: PP 94/2021 Pasal 26 ayat (2)–(4); regulations.md §1.7.
 */
export function createSummonsSteps(ctx: DisciplineContext, repo: CasesRepo, tools: CaseTools, kit: StepKit) {
  const { step, requireExaminer, examinersHolder, decisionHolder, audited, officialFor } = kit;

  // ------------------------------------------------------------------------------------------------ summons

  /**
   * A summons: I from PEMANGGILAN, II from PANGGILAN_I after an absence was recorded; by the examiner. The letter
   * is not dated before the case was opened nor after today; summons I: the examination date against the core's
   * `summonsDeadline` (mode from the rules), summons II: the letter against `secondSummons(missed date)`. Outside
   * the limit only with a recorded reason. Next due = the examination date; the examinee is notified.
   * Source: PP 94/2021 Pasal 26 ayat (2)–(3); regulations.md §1.7.
   */
  async function summon(actor: Actor, id: string, body: SummonsInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      requireExaminer(c, role);
      ctx.requireAction(c, 'summon', 'Surat panggilan');
      const seq: 1 | 2 = c.state === 'PEMANGGILAN' ? 1 : 2;
      const first = seq === 2 ? await repo.summons(trx, c.id, 1) : undefined;
      if (seq === 2 && first?.attended !== false)
        throw new AppError(
          'CONFLICT',
          'Surat panggilan II hanya dapat diterbitkan setelah ketidakhadiran pada panggilan I dicatat',
        );
      const rules = ctx.rulesOf(c);
      const today = await ctx.todayOfUnit(c.unitId, trx);
      const opened = await tools.openedOn(c, trx);
      if (body.letterDate < opened)
        throw fieldError(
          'letterDate',
          `Tanggal surat panggilan ${dd(body.letterDate)} tidak boleh sebelum kasus dibuka (${dd(opened)})`,
        );
      if (body.letterDate > today)
        throw fieldError(
          'letterDate',
          `Tanggal surat panggilan ${dd(body.letterDate)} tidak boleh setelah hari ini (${dd(today)})`,
        );
      if (body.examDate < body.letterDate)
        throw fieldError(
          'examDate',
          `Tanggal pemeriksaan ${dd(body.examDate)} tidak boleh sebelum tanggal surat panggilan (${dd(body.letterDate)})`,
        );
      if (first && body.letterDate < first.examDate)
        throw fieldError(
          'letterDate',
          `Surat panggilan II tidak boleh bertanggal sebelum pemeriksaan yang tidak dihadiri (${dd(first.examDate)})`,
        );
      const cal = await ctx.calendarOfUnit(c.unitId, body.letterDate, trx);
      const limit = first
        ? secondSummons(first.examDate, rules, cal)
        : summonsDeadline(body.letterDate, rules, cal);
      const within = first
        ? body.letterDate <= limit.date
        : limit.bound === 'onOrAfter'
          ? body.examDate >= limit.date
          : body.examDate <= limit.date;
      const basis = basisText(limit.legalBasis);
      if (!within && !body.lateReason) {
        const message = first
          ? `Surat panggilan II tanggal ${dd(body.letterDate)} melewati batas: paling lambat ${dd(limit.date)}, 7 hari kerja sejak pemeriksaan yang tidak dihadiri ${dd(first.examDate)} (${basis}). Isi alasan bila tetap diterbitkan.`
          : limit.bound === 'onOrAfter'
            ? `Tanggal pemeriksaan ${dd(body.examDate)} di luar batas: surat panggilan tanggal ${dd(body.letterDate)} harus diterima paling lambat ${limit.count} hari kerja sebelum pemeriksaan, jadi pemeriksaan paling cepat ${dd(limit.date)} (${basis}). Isi alasan bila tetap dilakukan.`
            : `Tanggal pemeriksaan ${dd(body.examDate)} melewati batas: paling lambat ${dd(limit.date)}, ${limit.count} hari kerja sejak surat panggilan ${dd(body.letterDate)} (${basis}). Isi alasan bila tetap dilakukan.`;
        throw limitError(first ? 'letterDate' : 'examDate', message, {
          limitDate: limit.date,
          bound: limit.bound,
          legalBasis: limit.legalBasis,
        });
      }
      const letterNumber = body.letterNumber ?? `${c.caseNumber}/PGL-${ROMAN[seq]}`;
      await trx
        .insertInto('disciplineSummons')
        .values({
          caseId: c.id,
          seq,
          letterNumber,
          letterDate: body.letterDate,
          examDate: body.examDate,
          examTime: body.examTime ?? null,
          examPlace: body.examPlace,
          limitDate: limit.date,
          lateReason: within ? null : (body.lateReason ?? null),
          attended: null,
        })
        .execute();
      const to = seq === 1 ? 'PANGGILAN_I' : 'PANGGILAN_II';
      const actingAs =
        role.superior && c.examinerKind !== 'TIM' ? await tools.actingAs(actor, c.employeeId, trx) : null;
      await ctx.addEvent(trx, actor, c, {
        action: 'summon',
        from: c.state,
        to,
        actingAs,
        data: {
          seq,
          letterNumber,
          letterDate: body.letterDate,
          examDate: body.examDate,
          examTime: body.examTime ?? null,
          examPlace: body.examPlace,
          limitDate: limit.date,
          withinLimit: within,
        },
        reason: within ? null : (body.lateReason ?? null),
      });
      await ctx.setState(trx, c, to, {
        step: `Pemeriksaan ${dd(body.examDate)} (panggilan ${ROMAN[seq]}): catat BAP atau ketidakhadiran`,
        due: body.examDate,
        holder: await examinersHolder(c, trx),
      });
      await audited(trx, actor, c, 'discipline.case_summoned', {
        seq,
        letterNumber,
        letterDate: body.letterDate,
        examDate: body.examDate,
        limitDate: limit.date,
        withinLimit: within,
        lateReason: within ? null : (body.lateReason ?? null),
      });
      await tools.notifyExaminee(
        trx,
        actor,
        c,
        `Surat panggilan ${ROMAN[seq]} pemeriksaan disiplin`,
        `Anda dipanggil untuk diperiksa pada ${dd(body.examDate)}${body.examTime ? ` pukul ${body.examTime}` : ''} di ${body.examPlace} (surat ${letterNumber}).`,
      );
    });
  }

  // ------------------------------------------------------------------------------------------------ absence

  /**
   * The examinee did not come on the summons' examination date (recorded on or after that date). After summons I
   * the case waits for summons II (due: the core's `secondSummons`); after summons II the competent official
   * decides on the available evidence (PENJATUHAN).
   * Source: PP 94/2021 Pasal 26 ayat (3)–(4); regulations.md §1.7.
   */
  async function recordAbsence(actor: Actor, id: string, body: AbsenceInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      requireExaminer(c, role);
      ctx.requireAction(c, 'recordAbsence', 'Pencatatan ketidakhadiran');
      const seq = c.state === 'PANGGILAN_II' ? 2 : 1;
      const s = await repo.summons(trx, c.id, seq);
      if (!s) throw new AppError('CONFLICT', `Surat panggilan ${ROMAN[seq]} belum diterbitkan`);
      if (s.attended !== null)
        throw new AppError(
          'CONFLICT',
          `Ketidakhadiran pada panggilan ${ROMAN[seq]} sudah dicatat${seq === 1 ? ': terbitkan surat panggilan II' : ''}`,
        );
      const today = await ctx.todayOfUnit(c.unitId, trx);
      if (today < s.examDate)
        throw fieldError(
          'note',
          `Ketidakhadiran baru dapat dicatat pada atau setelah tanggal pemeriksaan ${dd(s.examDate)}`,
        );
      const rules = ctx.rulesOf(c);
      await trx.updateTable('disciplineSummons').set({ attended: false }).where('id', '=', s.id).execute();
      if (seq === 1) {
        const cal = await ctx.calendarOfUnit(c.unitId, s.examDate, trx);
        const d = secondSummons(s.examDate, rules, cal);
        await ctx.addEvent(trx, actor, c, {
          action: 'recordAbsence',
          from: c.state,
          to: c.state,
          data: { seq, examDate: s.examDate, secondSummonsBy: d.date },
          reason: body.note,
        });
        const holder = await examinersHolder(c, trx);
        await ctx.setState(trx, c, 'PANGGILAN_I', {
          step: 'Terbitkan surat panggilan II',
          due: d.date,
          holder,
        });
        await audited(trx, actor, c, 'discipline.case_absence', {
          seq,
          examDate: s.examDate,
          note: body.note,
        });
        await tools.notifyExaminee(
          trx,
          actor,
          c,
          'Anda tercatat tidak hadir pada panggilan I',
          `Anda tidak hadir pada pemeriksaan ${dd(s.examDate)}; panggilan II akan diterbitkan paling lambat ${dd(d.date)}.`,
        );
        return;
      }
      const level = c.expectedLevel as DisciplineLevel;
      const official = await officialFor(
        c,
        level,
        representativeSanction(rules, c.employeeType, level)?.code ?? null,
        trx,
      );
      const internal = c.procedure === 'INTERNAL' || c.track === 'etika';
      const holder = internal ? await examinersHolder(c, trx) : decisionHolder(official);
      const stepName = internal
        ? 'Tindak lanjut tanpa hukuman disiplin ASN, lalu hentikan kasus'
        : `Keputusan hukuman disiplin berdasarkan bukti yang ada (${basisText(rules.deadlines.secondSummons.legalBasis).replace('ayat (3)', 'ayat (4)')})`;
      await ctx.addEvent(trx, actor, c, {
        action: 'recordAbsence',
        from: c.state,
        to: 'PENJATUHAN',
        data: {
          seq,
          examDate: s.examDate,
          competentOfficial: official
            ? {
                kind: official.kind,
                name: official.name,
                positionName: official.positionName,
                explanation: official.explanation,
              }
            : null,
        },
        reason: body.note,
      });
      await ctx.setState(trx, c, 'PENJATUHAN', { step: stepName, due: null, holder });
      await audited(trx, actor, c, 'discipline.case_absence', {
        seq,
        examDate: s.examDate,
        note: body.note,
        holder,
      });
      await tools.notifyHolder(
        trx,
        actor,
        c,
        holder,
        `Kasus disiplin ${c.caseNumber} menunggu keputusan`,
        'Pegawai tidak hadir pada panggilan II: keputusan diambil berdasarkan bukti yang ada.',
      );
      await tools.notifyExaminee(
        trx,
        actor,
        c,
        'Anda tercatat tidak hadir pada panggilan II',
        `Anda tidak hadir pada pemeriksaan ${dd(s.examDate)}; keputusan akan diambil berdasarkan bukti yang ada.`,
      );
    });
  }

  return { summon, recordAbsence };
}
