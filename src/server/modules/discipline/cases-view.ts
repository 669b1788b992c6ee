import type { Actor } from '../../auth/authz.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  CASE_STATE_LABELS,
  canTake,
  isFinal,
  isUnderExamination,
  type CaseAction,
  type CaseState,
} from '../../../core/discipline/case-machine.ts';
import { appealWindow, secondSummons, summonsDeadline } from '../../../core/discipline/deadlines.ts';
import { findSanction, type DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import {
  CASE_ACTION_LABELS,
  CASE_EVENT_LABELS,
  CASE_SOURCE_LABELS,
  CASE_TRACK_LABELS,
  LEVEL_LABELS,
  TEAM_ROLE_LABELS,
  type CaseActionView,
  type CaseDeadline,
  type CaseSource,
  type CaseTrack,
  type CaseView,
  type ExamMode,
  type SummonsView,
  type TeamRole,
} from '../../../shared/api/discipline-cases.ts';
import type { CaseRole, CaseRow, DisciplineContext } from './discipline-context.ts';
import type { CasesRepo } from './cases-repo.ts';
import { refuseAppeal, refuseAppealDecision, refuseDelivery } from './sanctions-access.ts';
import { appealKindFor, type AppealRow, type SanctionRow } from './sanctions-shared.ts';
import {
  basisText,
  deadlineOut,
  isExaminer,
  seesConfidential,
  trackOf,
  type CaseTools,
} from './cases-common.ts';

type Named = { name: string; frontTitle: string | null; backTitle: string | null };
const fullName = (p: Named) =>
  formatFullName({
    name: p.name,
    frontTitle: p.frontTitle ?? undefined,
    backTitle: p.backTitle ?? undefined,
  });

/** What the procedure means for the employee (shown in the view). Source: regulations.md §2.1–2.3, §8. */
export function procedureNote(c: Pick<CaseRow, 'procedure' | 'track' | 'employeeType'>, trackNote?: string) {
  if (c.procedure === 'INTERNAL')
    return (
      'Pegawai non-ASN tidak tunduk pada PP 94/2021 maupun PP 49/2018: pelanggarannya dicatat dan diperiksa ' +
      'dengan langkah yang sama (telaah, panggilan, BAP, laporan), tetapi tidak diusulkan maupun dijatuhi hukuman ' +
      'disiplin ASN. Tindak lanjutnya menurut SK pengangkatan atau perjanjian kerjanya; kasus diakhiri dengan ' +
      'penghentian setelah tindak lanjut itu.' +
      (trackNote ? ` ${trackNote}` : '')
    );
  if (c.track === 'etika')
    return (
      'Pelanggaran kode etik netralitas (PP 42/2004 Pasal 15; SKB 5 lembaga 2022): sanksinya sanksi moral ' +
      'pernyataan secara tertutup atau terbuka, bukan hukuman disiplin PP 94/2021. Kasus diakhiri dengan alasan ' +
      '"kode etik selesai ditangani" setelah sanksi moral disampaikan.'
    );
  if (c.employeeType === 'PPPK' || c.employeeType === 'PPPK_PARUH_WAKTU')
    return (
      'PPPK: tata cara penjatuhan hukuman disiplin mengikuti PP 94/2021 (PP 49/2018 Pasal 52 ayat (3)); jenis ' +
      'hukumannya menurut katalog PPPK pada buku aturan.'
    );
  return 'PNS: diperiksa dan diputus menurut PP 94/2021 dan Peraturan BKN 6/2022.';
}

const RELIEF_NOTE =
  'Selama dibebaskan sementara dari tugas jabatan, pegawai tetap masuk kerja dan tetap menerima penghasilan ' +
  'penuh; tugas jabatannya dilaksanakan Plh sampai keputusan hukuman disiplin (PP 94/2021 Pasal 27).';

const CONFIDENTIALITY =
  'Dokumen dan catatan kasus disiplin bersifat rahasia: hanya para pihak dan pejabat yang berwenang di lingkupnya ' +
  'yang dapat melihatnya, dan setiap akses dicatat (Peraturan BKN 6/2022 Pasal 57).';

/**
 * The case view (GET /cases/:id and the answer of every step): the case, its people, the rules snapshot, the
 * next step with its due date and legal basis, the timeline (confidential steps for examiners only), the team,
 * the summonses with their limits, the BAP (team notes for examiners only), relief, sanction and appeals, and what
 * the caller may do now. Reading never writes.
 * Source: PP 94/2021 Pasal 26–31; Peraturan BKN 6/2022 Pasal 29, 57; regulations.md §1.6, §1.7.
 */
export function createCaseView(ctx: DisciplineContext, repo: CasesRepo, tools: CaseTools) {
  const { db } = ctx;

  async function view(actor: Actor, c: CaseRow, role: CaseRole): Promise<CaseView> {
    const row = await repo.caseWithPeople(db, c.id);
    const rules = ctx.rulesOf(c);
    const today = localDateAt(ctx.clock.now().getTime(), row.timeZone as IndonesianTimeZone);
    const state = c.state as CaseState;
    const confidential = seesConfidential(role);
    const [violations, events, team, summonses, exam, sanction, appeals] = await Promise.all([
      repo.violations(db, c.id),
      repo.events(db, c.id),
      repo.team(db, c.id),
      repo.summonses(db, c.id),
      repo.examination(db, c.id),
      repo.sanction(db, c.id),
      repo.appeals(db, c.id),
    ]);
    const catalogue = new Map(rules.procedure.violations.map((v) => [v.code, v]));

    // The summonses and their limits (I: the examination date bound; II: the letter's latest date).
    const calendar = summonses.length ? await ctx.calendarOfUnit(c.unitId, summonses[0]!.letterDate) : null;
    const summonsViews: SummonsView[] = summonses.map((s) => {
      const prev = summonses.find((x) => x.seq === 1);
      const limit =
        s.seq === 1
          ? summonsDeadline(s.letterDate, rules, calendar!)
          : secondSummons(prev?.examDate ?? s.letterDate, rules, calendar!);
      const within =
        s.seq === 1
          ? limit.bound === 'onOrAfter'
            ? s.examDate >= limit.date
            : s.examDate <= limit.date
          : s.letterDate <= limit.date;
      return {
        seq: s.seq as 1 | 2,
        letterNumber: s.letterNumber,
        letterDate: s.letterDate,
        examDate: s.examDate,
        examTime: s.examTime,
        examPlace: s.examPlace,
        limit: deadlineOut(limit, today, false),
        withinLimit: within,
        lateReason: s.lateReason,
        attended: s.attended,
      };
    });

    // The team SK from the step that formed it.
    const teamEvent = [...events].reverse().find((e) => e.action === 'formTeam');
    const teamData = (teamEvent?.data ?? {}) as {
      skNumber?: string;
      skDate?: string;
      superiorImplicated?: { reason: string } | null;
    };

    const holder = c.nextHolder ?? { employeeIds: [], roles: [] };
    const holderNames = await repo.names(db, holder.employeeIds);
    const relief = c.relievedFrom
      ? {
          from: c.relievedFrom,
          to: c.relievedTo,
          plh: c.reliefPlhId
            ? ((p) => (p ? { id: p.id, name: fullName(p) } : null))(
                (await repo.names(db, [c.reliefPlhId]))[0],
              )
            : null,
          note: RELIEF_NOTE,
        }
      : null;

    const reportedTo = exam?.reportedTo as
      | {
          kind: 'chain' | 'designatedJf' | 'ppk';
          name: string | null;
          positionName: string | null;
          deciderIds: string[];
          hierarchical: boolean;
          explanation: string;
        }
      | null
      | undefined;

    return {
      case: {
        id: c.id,
        caseNumber: c.caseNumber,
        source: c.source as CaseSource,
        sourceLabel: CASE_SOURCE_LABELS[c.source as CaseSource] ?? c.source,
        sourceRef: c.sourceRef,
        track: c.track as CaseTrack,
        trackLabel: CASE_TRACK_LABELS[c.track as CaseTrack] ?? c.track,
        procedure: c.procedure as 'PP94' | 'INTERNAL',
        procedureNote: procedureNote(c, trackOf(rules, c.employeeType)?.note),
        violationDate: c.violationDate,
        summary: c.summary,
        expectedLevel: c.expectedLevel as DisciplineLevel,
        examinerKind: c.examinerKind as 'ATASAN' | 'TIM' | null,
        state,
        stateLabel: CASE_STATE_LABELS[state] ?? c.state,
        stateSince: c.stateSince.toISOString(),
        final: isFinal(state),
        underExamination: isUnderExamination(state),
        endedReason: c.endedReason,
        openedAt: c.createdAt.toISOString(),
        openedByName: row.openedByName,
        openedAs: c.openedAs as 'PLT' | 'PLH' | null,
      },
      employee: {
        id: c.employeeId,
        name: fullName({ name: row.employeeName, frontTitle: row.frontTitle, backTitle: row.backTitle }),
        nip: row.nip,
        employeeType: c.employeeType,
        positionName: row.positionName,
        positionKind: c.positionKind,
      },
      unit: { id: c.unitId, name: row.unitName },
      rules: { regulationSet: c.regulationSet, rulebookVersion: c.rulebookVersion },
      violations: violations.map((v) => ({
        id: v.id,
        code: v.violationCode,
        name: catalogue.get(v.violationCode)?.name ?? null,
        article: v.article,
        occurredOn: v.occurredOn,
        description: v.description,
        level: v.level as DisciplineLevel | null,
        indicationId: v.indicationId,
      })),
      next:
        c.nextStep && !isFinal(state)
          ? {
              step: c.nextStep,
              due: dueOf(c, state, today, summonses, rules),
              holder: {
                employees: holderNames.map((p) => ({ id: p.id, name: fullName(p) })),
                roles: holder.roles,
              },
            }
          : null,
      timeline: events
        .filter((e) => confidential || !e.confidential)
        .map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          action: e.action,
          label: CASE_EVENT_LABELS[e.action] ?? e.action,
          fromState: e.fromState,
          toState: e.toState,
          actorName: e.actorName
            ? fullName({ name: e.actorName, frontTitle: e.frontTitle, backTitle: e.backTitle })
            : (e.actorUserName ?? null),
          actingAs: e.actingAs as 'PLT' | 'PLH' | 'PPK' | null,
          data: e.data,
          reason: e.reason,
          confidential: e.confidential,
        })),
      team:
        team.length > 0
          ? {
              skNumber: teamData.skNumber ?? null,
              skDate: teamData.skDate ?? null,
              superiorImplicatedReason: teamData.superiorImplicated?.reason ?? null,
              members: team.map((m) => ({
                employeeId: m.employeeId,
                name: fullName(m),
                nip: m.nip,
                role: m.role as TeamRole,
                roleLabel: TEAM_ROLE_LABELS[m.role as TeamRole] ?? m.role,
                isChair: m.isChair,
                positionName: m.positionName,
              })),
            }
          : null,
      summonses: summonsViews,
      examination: exam
        ? {
            examDate: exam.examDate,
            mode: exam.mode as ExamMode,
            place: exam.place,
            qa: exam.qa,
            examineeStatement: exam.examineeStatement,
            signedByExaminee: exam.signedByExaminee,
            refusalNote: exam.refusalNote,
            copyGivenOn: exam.copyGivenOn,
            teamNotes: confidential ? exam.teamNotes : null,
            // The examination report (LHP) goes to the competent official, never to the examinee (as its document).
            report:
              exam.reportSummary && !role.examinee
                ? {
                    summary: exam.reportSummary,
                    foundLevel: exam.foundLevel as DisciplineLevel,
                    proposedSanction: exam.proposedSanction,
                    proposedSanctionName: exam.proposedSanction
                      ? (findSanction(rules, exam.proposedSanction)?.name ?? null)
                      : null,
                    reportedTo: reportedTo
                      ? {
                          kind: reportedTo.kind,
                          name: reportedTo.name,
                          positionName: reportedTo.positionName,
                          deciderIds: reportedTo.deciderIds,
                          hierarchical: reportedTo.hierarchical,
                          explanation: reportedTo.explanation,
                        }
                      : null,
                    reportedAt: exam.reportedAt ? new Date(exam.reportedAt).toISOString() : null,
                  }
                : null,
          }
        : null,
      relief,
      sanction: sanction
        ? {
            id: sanction.id,
            sanctionCode: sanction.sanctionCode,
            appliedCode: sanction.appliedCode,
            level: sanction.level as DisciplineLevel,
            name: sanction.name,
            skNumber: sanction.skNumber,
            skDate: sanction.skDate,
            status: sanction.status,
            effectiveOn: sanction.effectiveOn,
            startsOn: sanction.startsOn,
            endsOn: sanction.endsOn,
          }
        : null,
      appeals: appeals.map((a) => ({
        id: a.id,
        kind: a.kind as 'KEBERATAN' | 'BANDING',
        filedOn: a.filedOn,
        status: a.status,
        outcome: a.outcome,
        responseDue: a.responseDue,
      })),
      myRole: { ...pickRole(role), examiner: confidential },
      actions: [
        ...actionsFor(
          actor,
          c,
          role,
          today,
          summonses,
          !!sanction,
          rules.procedure.examination.reliefLevels,
          team,
        ),
        ...(await sanctionActionsFor(actor, c, role, today, sanction, appeals, rules)),
      ],
      confidentiality: CONFIDENTIALITY,
    };
  }

  /** The due date of the next step with its explanation and legal basis (null when the step has none). */
  function dueOf(
    c: CaseRow,
    state: CaseState,
    today: LocalDate,
    summonses: { seq: number; examDate: LocalDate; attended: boolean | null }[],
    rules: ReturnType<DisciplineContext['rulesOf']>,
  ): CaseDeadline | null {
    if (!c.nextDue) return null;
    const d = rules.deadlines;
    const current = summonses.find((s) => s.seq === (state === 'PANGGILAN_II' ? 2 : 1));
    if ((state === 'PANGGILAN_I' || state === 'PANGGILAN_II') && current?.attended === null)
      return {
        date: c.nextDue,
        bound: 'onOrBefore',
        explanation:
          `Pemeriksaan dijadwalkan ${formatDdMmYyyy(c.nextDue)} sesuai surat panggilan ${state === 'PANGGILAN_II' ? 'II' : 'I'}: ` +
          'catat BAP atau ketidakhadiran pegawai pada tanggal itu.',
        legalBasis: (state === 'PANGGILAN_II' ? d.secondSummons : d.summons).legalBasis,
        overdue: today > c.nextDue,
      };
    if (state === 'PANGGILAN_I' && current?.attended === false)
      return {
        date: c.nextDue,
        bound: 'onOrBefore',
        explanation:
          `Pegawai tidak hadir pada pemeriksaan ${formatDdMmYyyy(current.examDate)}: surat panggilan II paling ` +
          `lambat ${formatDdMmYyyy(c.nextDue)} (${basisText(d.secondSummons.legalBasis)}).`,
        legalBasis: d.secondSummons.legalBasis,
        overdue: today > c.nextDue,
      };
    const byState: Partial<Record<CaseState, { basis: typeof d.delivery.legalBasis; exact?: boolean }>> = {
      PENYAMPAIAN: { basis: d.delivery.legalBasis },
      MENUNGGU_BERLAKU: { basis: d.effective.legalBasis, exact: true },
      UPAYA_ADMINISTRATIF: { basis: d.appeal.response.legalBasis },
    };
    const s = byState[state];
    return {
      date: c.nextDue,
      bound: s?.exact ? 'exact' : 'onOrBefore',
      explanation: `${c.nextStep ?? 'Langkah berikutnya'}: paling lambat ${formatDdMmYyyy(c.nextDue)}.`,
      legalBasis: s?.basis ?? rules.procedure.examination.legalBasis,
      overdue: !s?.exact && today > c.nextDue,
    };
  }

  /** What the caller may do now on the procedure's steps (and the decision), with the reason when not. */
  function actionsFor(
    actor: Actor,
    c: CaseRow,
    role: CaseRole,
    today: LocalDate,
    summonses: { seq: number; examDate: LocalDate; attended: boolean | null }[],
    hasSanction: boolean,
    reliefLevels: readonly string[],
    team: { employeeId: string; role: string }[],
  ): CaseActionView[] {
    const state = c.state as CaseState;
    const examiner = isExaminer(c, role);
    const atasanMember = team.some((m) => m.role === 'ATASAN' && m.employeeId === actor.employeeId);
    const current = summonses.find((s) => s.seq === (state === 'PANGGILAN_II' ? 2 : 1));
    const notExaminer =
      c.examinerKind === 'TIM'
        ? 'Hanya anggota tim pemeriksa yang dapat melakukannya'
        : 'Hanya atasan langsung pegawai (atau Plt/Plh-nya) yang dapat melakukannya';
    const holder = c.nextHolder ?? { employeeIds: [], roles: [] };
    const checks: Record<Exclude<CaseAction, 'deliver' | 'appeal' | 'decideAppeal'>, () => string | null> = {
      telaah: () =>
        role.superior || role.manager ? null : 'Hanya atasan langsung (atau Plt/Plh) atau BKD yang menelaah',
      formTeam: () => (role.manager ? null : 'Hanya BKD (kewenangan discipline.manage) yang mencatat SK tim'),
      summon: () => {
        if (!examiner) return notExaminer;
        if (state === 'PANGGILAN_I' && current?.attended !== false)
          return 'Panggilan II hanya setelah ketidakhadiran pada panggilan I dicatat';
        return null;
      },
      recordAbsence: () => {
        if (!examiner) return notExaminer;
        if (!current || current.attended !== null) return 'Ketidakhadiran pada panggilan ini sudah dicatat';
        if (today < current.examDate)
          return `Baru dapat dicatat pada atau setelah tanggal pemeriksaan ${formatDdMmYyyy(current.examDate)}`;
        return null;
      },
      examine: () => {
        if (!examiner) return notExaminer;
        if (current?.attended === false)
          return 'Pegawai tidak hadir pada panggilan I: terbitkan panggilan II';
        return null;
      },
      relieve: () => {
        if (!role.superior && !atasanMember)
          return 'Hanya atasan langsung pegawai yang dapat membebaskan sementara';
        if (!reliefLevels.includes(c.expectedLevel))
          return `Hanya untuk dugaan pelanggaran ${reliefLevels.map((l) => LEVEL_LABELS[l as DisciplineLevel] ?? l).join('/')}`;
        if (c.relievedFrom)
          return `Pegawai sudah dibebaskan sementara sejak ${formatDdMmYyyy(c.relievedFrom)}`;
        return null;
      },
      report: () => (examiner ? null : notExaminer),
      decide: () =>
        (actor.employeeId && holder.employeeIds.includes(actor.employeeId)) ||
        (role.manager && holder.roles.includes('discipline.manage'))
          ? null
          : 'Hanya pejabat yang berwenang menghukum (PyB) yang menetapkan keputusan',
      end: () => {
        if (hasSanction) return 'Keputusan hukuman disiplin sudah ditetapkan';
        return examiner || role.manager || role.pyb || (state === 'TELAAH' && role.superior)
          ? null
          : 'Hanya pemeriksa, pejabat yang berwenang menghukum atau BKD yang dapat menghentikan kasus';
      },
    };
    return (Object.keys(checks) as (keyof typeof checks)[]).map((action) => {
      const reason = !canTake(state, action)
        ? `Tidak tersedia pada tahap ${CASE_STATE_LABELS[state] ?? state}`
        : checks[action]();
      return { action, label: CASE_ACTION_LABELS[action], allowed: reason === null, reason };
    });
  }

  /**
   * The steps of the sanctions section (delivery, keberatan/banding, its outcome) by the rules their routes apply
   * (sanctions-access.ts), with the appeal window from the core on the unit calendar.
   */
  async function sanctionActionsFor(
    actor: Actor,
    c: CaseRow,
    role: CaseRole,
    today: LocalDate,
    sanction: SanctionRow | undefined,
    appeals: AppealRow[],
    rules: ReturnType<DisciplineContext['rulesOf']>,
  ): Promise<CaseActionView[]> {
    const state = c.state as CaseState;
    const appealClosed = async (): Promise<string | null> => {
      if (!sanction?.receivedOn) return 'Upaya administratif diajukan setelah keputusan hukuman diterima';
      if (appeals.some((a) => a.status === 'DIAJUKAN'))
        return 'Masih ada upaya administratif yang belum diputus';
      if (appeals.length) return 'Upaya administratif atas keputusan ini sudah diputus (final)';
      const applied = findSanction(rules, sanction.appliedCode);
      const kind = appealKindFor(
        applied ?? { level: sanction.level as DisciplineLevel, durationMonths: sanction.durationMonths },
      );
      const cal = await ctx.calendarOfUnit(c.unitId, today);
      const w = appealWindow(
        sanction.receivedOn,
        kind === 'BANDING' ? 'banding' : 'keberatan',
        rules,
        cal,
        today,
      );
      return today > w.filing.date
        ? `Batas waktu pengajuan upaya administratif sudah lewat (${formatDdMmYyyy(w.filing.date)})`
        : null;
    };
    const checks: Record<
      'deliver' | 'appeal' | 'decideAppeal',
      () => Promise<string | null> | string | null
    > = {
      deliver: () => refuseDelivery(actor, role, sanction),
      appeal: () => refuseAppeal(role) ?? appealClosed(),
      decideAppeal: () => refuseAppealDecision(role),
    };
    const out: CaseActionView[] = [];
    for (const action of Object.keys(checks) as (keyof typeof checks)[]) {
      const reason = !canTake(state, action)
        ? `Tidak tersedia pada tahap ${CASE_STATE_LABELS[state] ?? state}`
        : await checks[action]();
      out.push({ action, label: CASE_ACTION_LABELS[action], allowed: reason === null, reason });
    }
    return out;
  }

  return { view, tools };
}

function pickRole(r: CaseRole) {
  return {
    examinee: r.examinee,
    superior: r.superior,
    teamMember: r.teamMember,
    reader: r.reader,
    manager: r.manager,
  };
}
