import type { Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden } from '../../errors.ts';
import type { NextHolder } from '../../db/schema.ts';
import type { Exec, PlacementOn, RelationSlot } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { tierOf } from '../../../core/org/relations.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import { validateTeam, type TeamMemberInput } from '../../../core/discipline/team.ts';
import { LEVEL_LABELS, type ReliefInput, type TeamInput } from '../../../shared/api/discipline-cases.ts';
import type { DisciplineContext } from './discipline-context.ts';
import type { CasesRepo } from './cases-repo.ts';
import { basisText, type CaseTools } from './cases-common.ts';
import { dd, type StepKit } from './cases-steps.ts';

/**
 * The examination team (SK, rank rule, the implicated superior) and the temporary relief from duties.
 * Source: Peraturan BKN 6/2022 Pasal 29; PP 94/2021 Pasal 27; regulations.md §1.6.
 */
export function createTeamSteps(ctx: DisciplineContext, repo: CasesRepo, tools: CaseTools, kit: StepKit) {
  const { relations } = ctx;
  const { step, audited } = kit;

  // ------------------------------------------------------------------------------------------------ team

  /** Who decides as the post of a chain slot on a date (holder / superior of record and Plt/Plh), never `except`. */
  async function decidersOf(slot: RelationSlot | undefined, date: LocalDate, except: string, exec: Exec) {
    if (!slot) return [];
    const ids =
      slot.basis === 'superior' && slot.definitiveId
        ? await relations.superiorDecidersOn(slot.definitiveId, date, exec)
        : slot.positionId
          ? await relations.postDecidersOn(slot.positionId, date, exec)
          : slot.official
            ? [slot.official.employeeId]
            : [];
    return ids.filter((x) => x !== except);
  }

  /** "Jabatan (Nama)" of a slot, for messages. */
  const slotText = (s: RelationSlot | undefined) =>
    s ? `${s.positionName ?? 'atasan'}${s.official ? ` (${s.official.name})` : ''}` : 'tidak ada';

  /**
   * The SK forming the examination team, recorded by BKD (discipline.manage in scope): core `validateTeam` on the
   * members' position tier and kelas jabatan on the SK date (atasan langsung, unsur pengawasan, unsur kepegawaian;
   * none of lower rank than the examinee); the ATASAN member is the examinee's direct superior (or Plt/Plh) on the
   * SK date, or — when the direct superior is implicated — the next superior in the chain, the direct superior
   * then sitting in no role. The members become parties to the case. → PEMANGGILAN.
   * Source: Peraturan BKN 6/2022 Pasal 29 (ayat (6) for the implicated superior); regulations.md §1.6.
   */
  async function formTeam(actor: Actor, id: string, body: TeamInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      if (!role.manager)
        throw forbidden(
          'Hanya BKD (kewenangan discipline.manage atas unit pegawai) yang mencatat SK tim pemeriksa',
        );
      ctx.requireAction(c, 'formTeam', 'Pembentukan tim pemeriksa');
      const rules = ctx.rulesOf(c);
      const today = await ctx.todayOfUnit(c.unitId, trx);
      const opened = await tools.openedOn(c, trx);
      if (body.skDate < opened)
        throw fieldError(
          'skDate',
          `Tanggal SK tim ${dd(body.skDate)} tidak boleh sebelum kasus dibuka (${dd(opened)})`,
        );
      if (body.skDate > today)
        throw fieldError(
          'skDate',
          `Tanggal SK tim ${dd(body.skDate)} tidak boleh setelah hari ini (${dd(today)})`,
        );
      const placementAt = async (employeeId: string, path: string) => {
        try {
          return await relations.placementOn(employeeId, body.skDate, trx);
        } catch (err) {
          if (err instanceof AppError && err.code !== 'INTERNAL') throw fieldError(path, err.message);
          throw err;
        }
      };
      const examinee = await placementAt(c.employeeId, 'skDate');
      const placements: PlacementOn[] = [];
      for (const [i, m] of body.members.entries()) {
        if (m.employeeId === c.employeeId)
          throw fieldError(
            `members[${i}].employeeId`,
            'Pegawai yang diperiksa tidak dapat menjadi anggota tim pemeriksa',
          );
        placements.push(await placementAt(m.employeeId, `members[${i}].employeeId`));
      }
      const kelas = await repo.kelasOf(
        trx,
        [examinee.positionId, ...placements.map((p) => p.positionId)].filter((x): x is string => !!x),
      );
      const members: TeamMemberInput[] = body.members.map((m, i) => ({
        employeeId: m.employeeId,
        role: m.role,
        tier: tierOf(placements[i]!.positionKind),
        kelasJabatan: placements[i]!.positionId ? (kelas.get(placements[i]!.positionId!) ?? null) : null,
      }));
      const issues = validateTeam(
        members,
        {
          tier: tierOf(examinee.positionKind),
          kelasJabatan: examinee.positionId ? (kelas.get(examinee.positionId) ?? null) : null,
        },
        rules.procedure.examination,
      );
      if (issues.length > 0) throw new AppError('VALIDATION', issues[0]!.message, issues);

      // The atasan langsung on the SK date, or the next superior when the direct one is implicated.
      const chain = await relations.chainOn(c.employeeId, body.skDate, trx);
      const direct = await decidersOf(chain[0], body.skDate, c.employeeId, trx);
      const atasanIndex = body.members.findIndex((m) => m.role === 'ATASAN');
      const atasanId = body.members[atasanIndex]?.employeeId;
      const basis = basisText(rules.procedure.examination.legalBasis);
      if (body.superiorImplicated) {
        const next = await decidersOf(chain[1], body.skDate, c.employeeId, trx);
        if (!atasanId || !next.includes(atasanId))
          throw fieldError(
            `members[${atasanIndex < 0 ? 0 : atasanIndex}].employeeId`,
            `Atasan langsung terlibat: unsur atasan dalam tim harus atasan berikutnya pegawai pada ${dd(body.skDate)}, yaitu ${slotText(chain[1])} (Peraturan BKN 6/2022 Pasal 29 ayat (6))`,
          );
        const implicated = body.members.findIndex((m) => direct.includes(m.employeeId));
        if (implicated >= 0)
          throw fieldError(
            `members[${implicated}].employeeId`,
            'Atasan langsung yang terlibat tidak dapat menjadi anggota tim pemeriksa (Peraturan BKN 6/2022 Pasal 29 ayat (6))',
          );
      } else if (!atasanId || !direct.includes(atasanId)) {
        throw fieldError(
          `members[${atasanIndex < 0 ? 0 : atasanIndex}].employeeId`,
          `Unsur atasan dalam tim harus atasan langsung pegawai pada ${dd(body.skDate)} (atau Plt/Plh-nya), yaitu ${slotText(chain[0])} (${basis}); bila atasan langsung terlibat, isi alasan agar atasan berikutnya yang duduk`,
        );
      }

      await trx
        .insertInto('disciplineTeamMembers')
        .values(
          body.members.map((m, i) => ({
            caseId: c.id,
            employeeId: m.employeeId,
            role: m.role,
            isChair: m.isChair ?? false,
            positionName: placements[i]!.positionName,
          })),
        )
        .execute();
      const holder: NextHolder = { employeeIds: body.members.map((m) => m.employeeId), roles: [] };
      await ctx.addEvent(trx, actor, c, {
        action: 'formTeam',
        from: c.state,
        to: 'PEMANGGILAN',
        data: {
          skNumber: body.skNumber,
          skDate: body.skDate,
          members: body.members.map((m) => ({
            employeeId: m.employeeId,
            role: m.role,
            isChair: m.isChair ?? false,
          })),
          superiorImplicated: body.superiorImplicated ?? null,
        },
        reason: body.superiorImplicated?.reason ?? null,
      });
      await ctx.setState(trx, c, 'PEMANGGILAN', { step: 'Terbitkan surat panggilan I', due: null, holder });
      await audited(trx, actor, c, 'discipline.case_team_formed', {
        skNumber: body.skNumber,
        skDate: body.skDate,
        members: body.members,
        superiorImplicated: body.superiorImplicated ?? null,
      });
      await tools.notifyHolder(
        trx,
        actor,
        c,
        holder,
        `Anda anggota tim pemeriksa kasus disiplin ${c.caseNumber}`,
        `SK tim ${body.skNumber} tanggal ${dd(body.skDate)}: terbitkan surat panggilan I.`,
      );
    });
  }

  // ------------------------------------------------------------------------------------------------ relief

  /**
   * Temporary relief from the duties of the position with a Plh, for an expected level the rulebook allows
   * (`examination.reliefLevels`, berat), by the direct superior (or the team's atasan): the Plh works in the
   * examinee's unit and is not the examinee. The employee keeps coming to work and keeps full pay.
   * Source: PP 94/2021 Pasal 27; regulations.md §1.6.
   */
  async function relieve(actor: Actor, id: string, body: ReliefInput): Promise<string> {
    return step(actor, id, async (trx, c, role) => {
      const atasanMember =
        !!actor.employeeId &&
        !!(await trx
          .selectFrom('disciplineTeamMembers')
          .select('employeeId')
          .where('caseId', '=', c.id)
          .where('employeeId', '=', actor.employeeId)
          .where('role', '=', 'ATASAN')
          .executeTakeFirst());
      if (!role.superior && !atasanMember)
        throw forbidden(
          'Hanya atasan langsung pegawai (atau Plt/Plh-nya) yang dapat membebaskan sementara dari tugas jabatan',
        );
      ctx.requireAction(c, 'relieve', 'Pembebasan sementara dari tugas jabatan');
      const rules = ctx.rulesOf(c);
      const levels = rules.procedure.examination.reliefLevels;
      if (!(levels as readonly string[]).includes(c.expectedLevel))
        throw fieldError(
          'from',
          `Pembebasan sementara dari tugas jabatan hanya untuk dugaan pelanggaran ${levels.map((l) => LEVEL_LABELS[l].toLowerCase()).join('/')}, bukan ${LEVEL_LABELS[c.expectedLevel as DisciplineLevel].toLowerCase()} (${basisText(rules.procedure.examination.legalBasis)})`,
        );
      if (c.relievedFrom)
        throw new AppError('CONFLICT', `Pegawai sudah dibebaskan sementara sejak ${dd(c.relievedFrom)}`);
      const opened = await tools.openedOn(c, trx);
      if (body.from < opened)
        throw fieldError(
          'from',
          `Tanggal mulai ${dd(body.from)} tidak boleh sebelum kasus dibuka (${dd(opened)})`,
        );
      if (body.plhEmployeeId === c.employeeId)
        throw fieldError(
          'plhEmployeeId',
          'Pegawai yang diperiksa tidak dapat menjadi Plh atas jabatannya sendiri',
        );
      const at = async (employeeId: string, path: string) => {
        try {
          return await relations.placementOn(employeeId, body.from, trx);
        } catch (err) {
          if (err instanceof AppError && err.code !== 'INTERNAL') throw fieldError(path, err.message);
          throw err;
        }
      };
      const examinee = await at(c.employeeId, 'from');
      const plh = await at(body.plhEmployeeId, 'plhEmployeeId');
      if (plh.unitId !== examinee.unitId)
        throw fieldError(
          'plhEmployeeId',
          `Plh harus pegawai pada unit kerja yang sama dengan pegawai yang dibebaskan (${examinee.unitName})`,
        );
      const plhName = (await repo.names(trx, [body.plhEmployeeId]))[0];
      await trx
        .updateTable('disciplineCases')
        .set({ relievedFrom: body.from, reliefPlhId: body.plhEmployeeId, updatedAt: ctx.clock.now() })
        .where('id', '=', c.id)
        .execute();
      const actingAs = role.superior ? await tools.actingAs(actor, c.employeeId, trx) : null;
      await ctx.addEvent(trx, actor, c, {
        action: 'relieve',
        actingAs,
        data: {
          from: body.from,
          plhEmployeeId: body.plhEmployeeId,
          plhName: plhName
            ? formatFullName({
                name: plhName.name,
                frontTitle: plhName.frontTitle ?? undefined,
                backTitle: plhName.backTitle ?? undefined,
              })
            : null,
          fullPay: true,
        },
        reason: body.reason,
      });
      await audited(trx, actor, c, 'discipline.case_relieved', {
        from: body.from,
        plhEmployeeId: body.plhEmployeeId,
        reason: body.reason,
      });
      await tools.notifyExaminee(
        trx,
        actor,
        c,
        'Pembebasan sementara dari tugas jabatan',
        `Sejak ${dd(body.from)} Anda dibebaskan sementara dari tugas jabatan sampai keputusan; Anda tetap masuk kerja dan menerima penghasilan penuh.`,
      );
    });
  }

  return { formTeam, relieve };
}
