import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { renderPdf, type Block } from '../../documents/pdf.ts';
import { letterheadBlock, titleBlocks } from '../../documents/parts.ts';
import { addDays } from '../../../core/common/local-date.ts';
import { formatDateId, formatDdMmYyyy } from '../../../core/common/date-text.ts';
import {
  allRated,
  changeProjectResult,
  evaluationDateOf,
  isOnScale,
  leadershipProgramOf,
  reminderDue,
  type ChangeProjectRules,
} from '../../../core/performance/change-project.ts';
import {
  CHANGE_PROJECT_STATUS_LABELS,
  CHANGE_PROJECT_VERDICT_LABELS,
  ratingFieldsSchema,
  type AssessorsPut,
  type AssignedChangeProjects,
  type ChangeProject,
  type ChangeProjectCreate,
  type ChangeProjectList,
  type ChangeProjectScale,
  type ChangeProjectSummary,
  type ChangeProjectUpdate,
  type MyChangeProjects,
} from '../../../shared/api/competency-change-projects.ts';
import type { CompetencyContext } from './competency-context.ts';
import {
  createChangeProjectRepo,
  type AssessorRow,
  type GoalRow,
  type ProjectRow,
  type RatingRow,
} from './competency-change-project-repo.ts';

type Viewer = ChangeProject['viewer'];
interface Access {
  viewer: Viewer;
  /** The caller's assessor row on the project. */
  assessor: AssessorRow | null;
  /** competency.manage over the participant's unit (BKD). */
  manage: boolean;
}

const ENTITY = 'competency_change_project';
const basisText = (b: { regulation: string; article?: string | undefined }) =>
  [b.regulation, b.article].filter(Boolean).join(' ');
const conflict = (message: string, code: string, path = 'status') =>
  new AppError('CONFLICT', message, [{ path, message, code }]);
const invalid = (path: string, message: string, code?: string) =>
  new AppError('VALIDATION', message, [{ path, message, ...(code ? { code } : {}) }]);

/** Goals with stable ids: an edited goal keeps its id, a new one takes the next free `gN`. */
function withGoalIds(goals: ChangeProjectUpdate['goals'], before: readonly GoalRow[]): GoalRow[] {
  const known = new Set(before.map((g) => g.id));
  let n = before.reduce((m, g) => Math.max(m, Number(g.id.replace(/^g/, '')) || 0), 0);
  const used = new Set<string>();
  return goals.map((g) => {
    let id = g.id && known.has(g.id) && !used.has(g.id) ? g.id : '';
    if (!id) id = `g${++n}`;
    used.add(id);
    return { id, goal: g.goal, indicator: g.indicator, target: g.target };
  });
}

/**
 * Change projects of leadership training, judged a year later (issue 19 point 5): the participant of a PKN / PKA /
 * PKP registers the project on their training record; BKD assigns internal and external assessors; from the
 * evaluation date (training end + the rulebook's months) each assessor rates every goal with evidence; the verdict
 * (delivered, partly, not) follows when all have rated, or when BKD closes with the ratings in; reminders go to the
 * participant and the assessors before the date. Rules: src/core/performance/change-project.ts.
 */
export function createCompetencyChangeProjects(ctx: CompetencyContext) {
  const { audit, clock, files, notifications, documents } = ctx;
  const repo = createChangeProjectRepo(ctx.db);

  // A rating's evidence is seen by whoever sees that rating on the project (each view logged by the files service).
  files.registerOwner(
    'competency_change_project_rating',
    async (actor, ratingId) => {
      const projectId = await repo.ratingProject(ratingId);
      const p = projectId && (await repo.project(projectId));
      if (!p) throw notFound('Bukti penilaian');
      const a = await accessOf(actor, p);
      const rating = (await repo.ratings([p.id])).find((r) => r.id === ratingId);
      return !!rating && visibleRatings(p, a, [rating]).length > 0;
    },
    'Bukti penilaian proyek perubahan',
  );

  /**
   * The change-project part of the rulebook in force.
   * @throws CONFLICT NO_CHANGE_PROJECT_RULES when the rulebook has none
   */
  async function cpRules(exec: Exec = ctx.db): Promise<ChangeProjectRules> {
    const { competency } = await ctx.rules(exec);
    if (!competency.changeProject)
      throw conflict(
        'Rulebook yang berlaku belum mengatur proyek perubahan',
        'NO_CHANGE_PROJECT_RULES',
        'performance.competency.changeProject',
      );
    return competency.changeProject;
  }

  function scaleOf(r: ChangeProjectRules): ChangeProjectScale {
    return {
      min: r.scale.min,
      max: r.scale.max,
      labels: r.scale.labels,
      deliveredThreshold: r.deliveredThreshold,
      partlyThreshold: r.partlyThreshold,
      basis: basisText(r.legalBasis),
    };
  }

  const mineOf = (actor: Actor, assessors: readonly AssessorRow[]) =>
    assessors.find(
      (a) =>
        (a.employeeId !== null && a.employeeId === actor.employeeId) ||
        (a.userId !== null && a.userId === actor.userId),
    ) ?? null;

  /**
   * Why the caller may see a project: the participant, an assessor of it, an official of the participant's superior
   * chain or competency.read over their unit (ctx.viewerOf).
   * @throws FORBIDDEN for anyone else
   */
  async function accessOf(actor: Actor, p: ProjectRow, exec: Exec = ctx.db): Promise<Access> {
    const e = await ctx.employeeOr404(p.employeeId, exec);
    const manage = inScope(scopeOf(actor, 'competency.manage'), e.unitPath);
    if (p.employeeId === actor.employeeId) return { viewer: 'SELF', assessor: null, manage };
    const assessor = mineOf(actor, await repo.assessors([p.id], exec));
    try {
      const v = await ctx.viewerOf(actor, e);
      return { viewer: v, assessor, manage };
    } catch (err) {
      if (assessor) return { viewer: 'ASSESSOR', assessor, manage };
      if (err instanceof AppError && err.code === 'FORBIDDEN')
        throw forbidden('Proyek perubahan hanya dapat dilihat pesertanya, atasannya, penilainya, dan BKD');
      throw err;
    }
  }

  async function projectOr404(id: string, exec: Exec = ctx.db, lock = false): Promise<ProjectRow> {
    const p = await repo.project(id, exec, lock);
    if (!p) throw notFound('Proyek perubahan');
    return p;
  }

  /** The ratings the caller may see: all for BKD (competency.manage) and once judged; an assessor's own before. */
  function visibleRatings(p: ProjectRow, a: Access, ratings: readonly RatingRow[]): RatingRow[] {
    if (p.status === 'EVALUATED' || a.manage || a.viewer === 'BKD') return [...ratings];
    if (a.assessor) return ratings.filter((r) => r.assessorId === a.assessor!.id);
    return [];
  }

  /** Why ratings cannot be given on the project today, or null when they can. */
  function ratingBlock(p: ProjectRow, assessors: readonly AssessorRow[], today: string): AppError | null {
    if (p.status === 'DRAFT')
      return conflict('Proyek perubahan masih draf: peserta belum mendaftarkannya', 'NOT_REGISTERED');
    if (p.status === 'EVALUATED')
      return conflict('Proyek perubahan sudah dievaluasi; penilaian ditutup', 'ALREADY_EVALUATED');
    if (!assessors.some((a) => a.kind === 'INTERNAL') || !assessors.some((a) => a.kind === 'EXTERNAL'))
      return conflict(
        'Evaluasi belum dapat dimulai: BKD belum menugaskan paling sedikit satu penilai internal dan satu eksternal',
        'ASSESSORS_INCOMPLETE',
      );
    if (today < p.evaluationDate)
      return conflict(
        `Penilaian baru dapat diberikan mulai tanggal evaluasi ${formatDdMmYyyy(p.evaluationDate)} ` +
          `(satu tahun setelah pelatihan selesai ${formatDdMmYyyy(p.trainingEnd)})`,
        'NOT_YET_DUE',
        'evaluationDate',
      );
    return null;
  }

  const summary = (p: ProjectRow): ChangeProjectSummary => ({
    id: p.id,
    employeeId: p.employeeId,
    employeeName: p.employeeName,
    nip: p.nip,
    unitName: p.unitName,
    program: p.program,
    title: p.title,
    status: p.status,
    evaluationDate: p.evaluationDate,
    score: p.score,
    verdict: p.verdict,
    assessors: p.assessors,
  });

  function present(
    p: ProjectRow,
    a: Access,
    assessors: readonly AssessorRow[],
    ratings: readonly RatingRow[],
    rules: ChangeProjectRules,
  ): ChangeProject {
    const shown = visibleRatings(p, a, ratings);
    const result = changeProjectResult(
      p.goals.map((g) => g.id),
      shown,
      rules,
    );
    const nameOf = new Map(assessors.map((x) => [x.id, x.name]));
    const block = ratingBlock(p, assessors, ctx.today());
    return {
      ...summary(p),
      trainingRecord: {
        id: p.trainingRecordId,
        title: p.trainingTitle,
        startDate: p.trainingStart,
        endDate: p.trainingEnd,
      },
      programName: rules.programs.find((x) => x.code === p.program)?.name ?? p.program,
      problem: p.problem,
      goals: p.goals.map((g, i) => ({ ...g, ...result.goals[i]!, id: g.id })),
      milestones: p.milestones,
      impactInstitution: p.impactInstitution,
      impactPublic: p.impactPublic,
      evaluatedAt: p.evaluatedAt ? new Date(p.evaluatedAt).toISOString() : null,
      assessorList: assessors.map((x) => ({
        id: x.id,
        kind: x.kind,
        employeeId: x.employeeId,
        name: x.name,
        institution: x.institution,
        hasAccount: x.kind === 'INTERNAL' || x.userId !== null,
        rated: ratings.filter((r) => r.assessorId === x.id).length,
      })),
      ratings: shown.map((r) => ({
        id: r.id,
        assessorId: r.assessorId,
        assessorName: nameOf.get(r.assessorId) ?? '',
        goalId: r.goalId,
        score: r.score,
        note: r.note,
        hasEvidence: r.hasEvidence,
        ratedAt: new Date(r.ratedAt).toISOString(),
      })),
      viewer: a.viewer,
      canEdit: (a.viewer === 'SELF' || a.manage) && p.status !== 'EVALUATED' && ratings.length === 0,
      canManage: a.manage,
      myAssessorId: a.assessor?.id ?? null,
      ratingBlocked: block ? block.message : null,
      scale: scaleOf(rules),
    };
  }

  async function detail(actor: Actor, p: ProjectRow, a: Access, rules: ChangeProjectRules) {
    return present(p, a, await repo.assessors([p.id]), await repo.ratings([p.id]), rules);
  }

  /** GET /change-projects/{id}: the participant, their superior chain, BKD and the project's assessors. */
  async function get(actor: Actor, id: string): Promise<ChangeProject> {
    const p = await projectOr404(id);
    const a = await accessOf(actor, p);
    return detail(actor, p, a, await cpRules());
  }

  /** Notification check: resolves when the caller may see the project. */
  async function canOpen(actor: Actor, id: string): Promise<true> {
    await accessOf(actor, await projectOr404(id));
    return true;
  }

  /** The leadership records of an employee (with their program and evaluation date), checked against the rulebook. */
  function leadershipRecords(
    records: { id: string; title: string; catalogueTitle: string | null; endDate: string }[],
    rules: ChangeProjectRules,
  ) {
    return records.flatMap((r) => {
      const program = leadershipProgramOf([r.title, r.catalogueTitle], rules);
      return program
        ? [
            {
              id: r.id,
              title: r.title,
              endDate: r.endDate,
              program,
              evaluationDate: evaluationDateOf(r.endDate, rules),
            },
          ]
        : [];
    });
  }

  /** GET /change-projects/mine: the caller's projects and their leadership trainings without one yet. */
  async function mine(actor: Actor): Promise<MyChangeProjects> {
    if (!actor.employeeId) throw notFound('Data pegawai Anda');
    const { competency } = await ctx.rules();
    const rules = competency.changeProject;
    if (!rules) return { items: [], trainings: [], scale: null };
    const projects = await repo.projectsOf(actor.employeeId);
    const assessors = await repo.assessors(projects.map((p) => p.id));
    const ratings = await repo.ratings(projects.map((p) => p.id));
    const self: Access = { viewer: 'SELF', assessor: null, manage: false };
    return {
      items: projects.map((p) =>
        present(
          p,
          self,
          assessors.filter((x) => x.projectId === p.id),
          ratings.filter((x) => x.projectId === p.id),
          rules,
        ),
      ),
      trainings: leadershipRecords(await repo.recordsWithoutProject(actor.employeeId), rules),
      scale: scaleOf(rules),
    };
  }

  /**
   * GET /change-projects/assigned: the projects the caller assesses (internal: as an employee; external: through
   * their account) and how many wait for their rating (open for rating today and a goal they have not rated). The
   * count is the assessor's inbox (the navigation badge).
   */
  async function assigned(actor: Actor): Promise<AssignedChangeProjects> {
    const projects = await repo.assignedTo(actor.userId, actor.employeeId);
    const assessors = await repo.assessors(projects.map((p) => p.id));
    const ratings = await repo.ratings(projects.map((p) => p.id));
    const today = ctx.today();
    const items = projects.map((p) => {
      const own = assessors.filter((x) => x.projectId === p.id);
      const me = mineOf(actor, own);
      const rated = ratings.filter((r) => r.assessorId === me?.id).length;
      const awaiting = !ratingBlock(p, own, today) && rated < p.goals.length;
      return { ...summary(p), awaiting, ratedGoals: rated, goals: p.goals.length };
    });
    return { items, awaiting: items.filter((i) => i.awaiting).length };
  }

  /**
   * POST /change-projects: the participant registers a project on their own leadership training record, or BKD
   * (competency.manage over the employee's unit) for anyone. The record must be the employee's and a PKN / PKA / PKP
   * (rulebook programs); one project per record. Evaluation date = training end + the rulebook's months. Audited.
   */
  async function create(actor: Actor, body: ChangeProjectCreate & { register: boolean }) {
    return ctx.db.transaction().execute(async (trx) => {
      const employeeId = body.employeeId ?? actor.employeeId;
      if (!employeeId) throw notFound('Data pegawai Anda');
      const e = await ctx.employeeOr404(employeeId, trx);
      if (e.id !== actor.employeeId) requireUnit(actor, 'competency.manage', e.unitPath);
      const rules = await cpRules(trx);
      const rec = await repo.trainingRecord(body.trainingRecordId, trx);
      if (!rec || rec.employeeId !== e.id)
        throw invalid(
          'trainingRecordId',
          'Catatan pelatihan tidak ditemukan pada riwayat pelatihan pegawai ini',
          'UNKNOWN_TRAINING_RECORD',
        );
      const program = leadershipProgramOf([rec.title, rec.catalogueTitle], rules);
      if (!program)
        throw invalid(
          'trainingRecordId',
          `"${rec.title}" bukan pelatihan kepemimpinan (${rules.programs.map((x) => x.code).join('/')}); ` +
            'proyek perubahan hanya untuk pelatihan kepemimpinan',
          'NOT_LEADERSHIP_TRAINING',
        );
      if (await repo.projectOfRecord(rec.id, trx))
        throw conflict(
          'Pelatihan ini sudah memiliki proyek perubahan; ubah proyek yang ada',
          'DUPLICATE_CHANGE_PROJECT',
          'trainingRecordId',
        );
      const goals = withGoalIds(body.goals, []);
      const evaluationDate = evaluationDateOf(rec.endDate, rules);
      const status = body.register ? 'REGISTERED' : 'DRAFT';
      const at = clock.now();
      const row = {
        employeeId: e.id,
        unitId: e.unitId,
        trainingRecordId: rec.id,
        program,
        title: body.title,
        problem: body.problem,
        goals,
        milestones: body.milestones,
        impactInstitution: body.impactInstitution,
        impactPublic: body.impactPublic,
        status,
        evaluationDate,
      } as const;
      const id = await repo.insertProject(trx, { ...row, createdBy: actor.userId, at });
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_change_project.created',
        entityType: ENTITY,
        entityId: id,
        unitId: e.unitId,
        after: row,
      });
      return { id };
    });
  }

  /** Loads a project for a change by the participant or BKD (in the caller's transaction, row locked). */
  async function forEdit(actor: Actor, id: string, exec: Exec) {
    const p = await projectOr404(id, exec, true);
    const a = await accessOf(actor, p, exec);
    if (a.viewer !== 'SELF' && !a.manage)
      throw forbidden('Proyek perubahan hanya dapat diubah pesertanya dan BKD');
    if (p.status === 'EVALUATED')
      throw conflict('Proyek perubahan sudah dievaluasi dan tidak dapat diubah', 'ALREADY_EVALUATED');
    return { p, a };
  }

  /**
   * PUT /change-projects/{id}: the participant or BKD changes the text, goals and milestones (and may register a
   * draft) until the first rating; audited with before and after.
   */
  async function update(actor: Actor, id: string, body: ChangeProjectUpdate & { register: boolean }) {
    return ctx.db.transaction().execute(async (trx) => {
      const { p } = await forEdit(actor, id, trx);
      if ((await repo.ratings([p.id], trx)).length > 0)
        throw conflict(
          'Penilaian sudah masuk: tujuan dan isi proyek tidak dapat diubah lagi',
          'ALREADY_RATED',
        );
      const next = {
        title: body.title,
        problem: body.problem,
        goals: withGoalIds(body.goals, p.goals),
        milestones: body.milestones,
        impactInstitution: body.impactInstitution,
        impactPublic: body.impactPublic,
      };
      await repo.updateProject(trx, p.id, { ...next, register: body.register, at: clock.now() });
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_change_project.updated',
        entityType: ENTITY,
        entityId: p.id,
        unitId: p.unitId,
        before: {
          title: p.title,
          problem: p.problem,
          goals: p.goals,
          milestones: p.milestones,
          impactInstitution: p.impactInstitution,
          impactPublic: p.impactPublic,
          status: p.status,
        },
        after: { ...next, status: body.register && p.status === 'DRAFT' ? 'REGISTERED' : p.status },
      });
      return { id: p.id };
    });
  }

  /** POST /change-projects/{id}/register: a draft becomes registered (participant or BKD); audited. */
  async function register(actor: Actor, id: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const { p } = await forEdit(actor, id, trx);
      if (p.status !== 'DRAFT') throw conflict('Proyek perubahan sudah terdaftar', 'NOT_DRAFT');
      await repo.setStatus(trx, p.id, 'REGISTERED', clock.now());
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_change_project.registered',
        entityType: ENTITY,
        entityId: p.id,
        unitId: p.unitId,
        before: { status: p.status },
        after: { status: 'REGISTERED' },
      });
      return { id: p.id };
    });
  }

  /**
   * PUT /change-projects/{id}/assessors: BKD (competency.manage over the participant's unit) sets the assessors:
   * internal ones are employees other than the participant, external ones a name and an institution (optionally
   * an account to rate through). An assessor who already rated stays. New assessors are notified. Audited.
   */
  async function setAssessors(actor: Actor, id: string, body: AssessorsPut) {
    return ctx.db.transaction().execute(async (trx) => {
      const p = await projectOr404(id, trx, true);
      const e = await ctx.employeeOr404(p.employeeId, trx);
      requireUnit(actor, 'competency.manage', e.unitPath);
      if (p.status === 'EVALUATED')
        throw conflict('Proyek perubahan sudah dievaluasi; penilai tidak dapat diubah', 'ALREADY_EVALUATED');
      const wanted: Omit<AssessorRow, 'id' | 'projectId'>[] = [];
      for (const [i, x] of body.assessors.entries()) {
        if (x.kind === 'INTERNAL') {
          if (x.employeeId === p.employeeId)
            throw invalid(
              `assessors.${i}.employeeId`,
              'Peserta tidak dapat menjadi penilai proyek perubahannya sendiri',
              'ASSESSOR_IS_PARTICIPANT',
            );
          const who = await ctx.repo.employee(x.employeeId, trx);
          if (!who)
            throw invalid(`assessors.${i}.employeeId`, 'Pegawai penilai tidak ditemukan', 'UNKNOWN_EMPLOYEE');
          if (wanted.some((w) => w.employeeId === who.id))
            throw invalid(
              `assessors.${i}.employeeId`,
              `${who.name} tercantum lebih dari sekali`,
              'DUPLICATE_ASSESSOR',
            );
          wanted.push({
            kind: 'INTERNAL',
            employeeId: who.id,
            userId: null,
            name: who.name,
            institution: who.unitName,
          });
        } else {
          if (x.userId && !(await repo.userExists(x.userId, trx)))
            throw invalid(`assessors.${i}.userId`, 'Akun penilai tidak ditemukan', 'UNKNOWN_ACCOUNT');
          if (x.userId && wanted.some((w) => w.userId === x.userId))
            throw invalid(
              `assessors.${i}.userId`,
              'Akun penilai tercantum lebih dari sekali',
              'DUPLICATE_ASSESSOR',
            );
          wanted.push({
            kind: 'EXTERNAL',
            employeeId: null,
            userId: x.userId ?? null,
            name: x.name,
            institution: x.institution,
          });
        }
      }
      const before = await repo.assessors([p.id], trx);
      const ratings = await repo.ratings([p.id], trx);
      const same = (a: Omit<AssessorRow, 'id' | 'projectId'>, b: AssessorRow) =>
        a.kind === b.kind &&
        (a.kind === 'INTERNAL'
          ? a.employeeId === b.employeeId
          : a.name === b.name && a.institution === b.institution && a.userId === b.userId);
      const removed = before.filter((b) => !wanted.some((w) => same(w, b)));
      const rated = removed.find((r) => ratings.some((g) => g.assessorId === r.id));
      if (rated)
        throw conflict(
          `${rated.name} sudah memberi penilaian dan tidak dapat dilepas dari proyek ini`,
          'ASSESSOR_HAS_RATED',
          'assessors',
        );
      const added = wanted.filter((w) => !before.some((b) => same(w, b)));
      const at = clock.now();
      await repo.deleteAssessors(
        trx,
        removed.map((r) => r.id),
      );
      for (const w of added)
        await repo.insertAssessor(trx, { ...w, projectId: p.id, assignedBy: actor.userId, at });
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_change_project.assessors_set',
        entityType: ENTITY,
        entityId: p.id,
        unitId: p.unitId,
        before: before.map(({ kind, employeeId, userId, name, institution }) => ({
          kind,
          employeeId,
          userId,
          name,
          institution,
        })),
        after: wanted,
      });
      if (added.length > 0)
        await notifications.notify(trx, {
          employeeIds: added.flatMap((w) => (w.employeeId ? [w.employeeId] : [])),
          userIds: added.flatMap((w) => (w.userId ? [w.userId] : [])),
          kind: 'competency_change_project.assigned',
          title: 'Anda ditugaskan menilai proyek perubahan',
          body: `${p.employeeName}: "${p.title}". Penilaian dibuka ${formatDdMmYyyy(p.evaluationDate)}.`,
          link: '/kompetensi',
          entity: { type: ENTITY, id: p.id },
        });
      return detail(
        actor,
        (await repo.project(p.id, trx))!,
        await accessOf(actor, p, trx),
        await cpRules(trx),
      );
    });
  }

  /** The assessor row a rating is given as, after the caller's right to it is checked. */
  function raterOf(actor: Actor, a: Access, assessors: readonly AssessorRow[], assessorId?: string) {
    if (!assessorId || assessorId === a.assessor?.id) {
      if (!a.assessor) throw forbidden('Hanya penilai yang ditugaskan pada proyek ini yang dapat menilai');
      return a.assessor;
    }
    const x = assessors.find((s) => s.id === assessorId);
    if (!x) throw notFound('Penilai');
    if (!a.manage) throw forbidden('Hanya BKD yang dapat mencatat penilaian atas nama penilai eksternal');
    if (x.kind !== 'EXTERNAL' || x.userId) throw forbidden('Penilai ini menilai sendiri melalui akunnya');
    return x;
  }

  /** Every check of a rating, in order: who, the project's state and date, the goal, the score, a second rating. */
  async function checkRating(
    actor: Actor,
    id: string,
    goalId: string,
    input: { score: number; assessorId?: string | undefined },
    exec: Exec,
    lock: boolean,
  ) {
    const p = await projectOr404(id, exec, lock);
    const a = await accessOf(actor, p, exec);
    const assessors = await repo.assessors([p.id], exec);
    const rater = raterOf(actor, a, assessors, input.assessorId);
    const block = ratingBlock(p, assessors, ctx.today());
    if (block) throw block;
    if (!p.goals.some((g) => g.id === goalId)) throw notFound('Tujuan proyek perubahan');
    const rules = await cpRules(exec);
    if (!isOnScale(input.score, rules))
      throw invalid(
        'score',
        `Nilai harus bilangan bulat ${rules.scale.min}–${rules.scale.max}`,
        'OUT_OF_SCALE',
      );
    const ratings = await repo.ratings([p.id], exec);
    if (ratings.some((r) => r.assessorId === rater.id && r.goalId === goalId))
      throw conflict('Tujuan ini sudah dinilai oleh penilai tersebut', 'ALREADY_RATED', 'goalId');
    return { p, a, rater, rules, assessors, ratings };
  }

  /**
   * PUT /change-projects/{id}/goals/{goalId}/rating (multipart: `data` = {score, note, assessorId?}, optional
   * `evidence` PDF or image): an assessor rates one goal, from the evaluation date on (before: 409 NOT_YET_DUE);
   * BKD may record the rating of an external assessor without an account. The first rating opens the evaluation;
   * when every assessor has rated every goal the verdict is computed. Audited; the participant is told the result.
   */
  async function rate(actor: Actor, id: string, goalId: string, request: FastifyRequest) {
    const { fields, file } = await files.read(request, { fileField: 'evidence', fields: ['data'] });
    let raw: unknown;
    try {
      raw = JSON.parse(fields['data'] ?? '{}');
    } catch {
      throw invalid('data', 'Kolom data harus JSON');
    }
    const parsed = ratingFieldsSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError(
        'VALIDATION',
        'Data yang dikirim tidak valid',
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const input = parsed.data;
    // Checked before the file is looked at, so a refusal says why without storing anything.
    await checkRating(actor, id, goalId, input, ctx.db, false);
    const prepared = file
      ? await files.prepare(file, 'competency_change_project_evidence', 'evidence')
      : null;
    if (prepared) await files.put(prepared);
    return ctx.db.transaction().execute(async (trx) => {
      const { p, rater, rules, assessors, ratings } = await checkRating(actor, id, goalId, input, trx, true);
      const at = clock.now();
      const ratingId = await repo.insertRating(trx, {
        projectId: p.id,
        assessorId: rater.id,
        goalId,
        score: input.score,
        note: input.note,
        ratedBy: actor.userId,
        at,
      });
      if (!ratingId)
        throw conflict('Tujuan ini sudah dinilai oleh penilai tersebut', 'ALREADY_RATED', 'goalId');
      if (prepared)
        await files.record(trx, prepared, {
          kind: 'competency_change_project_rating',
          id: ratingId,
          uploadedBy: actor.userId,
        });
      if (p.status === 'REGISTERED') await repo.setStatus(trx, p.id, 'UNDER_EVALUATION', at);
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_change_project.rated',
        entityType: ENTITY,
        entityId: p.id,
        unitId: p.unitId,
        after: {
          goalId,
          assessorId: rater.id,
          assessor: rater.name,
          score: input.score,
          note: input.note,
          sha256: prepared?.sha256 ?? null,
        },
      });
      const all = [...ratings, { assessorId: rater.id, goalId, score: input.score }];
      const goalIds = p.goals.map((g) => g.id);
      if (
        allRated(
          goalIds,
          assessors.map((x) => x.id),
          all,
        )
      )
        await judge(actor, trx, p, goalIds, all, rules, 'ALL_RATED');
      return { id: ratingId };
    });
  }

  /** Stores the verdict from the ratings, audits it and tells the participant. */
  async function judge(
    actor: Actor,
    trx: Transaction<Database>,
    p: ProjectRow,
    goalIds: string[],
    ratings: { goalId: string; assessorId: string; score: number }[],
    rules: ChangeProjectRules,
    how: 'ALL_RATED' | 'CLOSED_BY_BKD',
  ) {
    const result = changeProjectResult(goalIds, ratings, rules);
    if (result.verdict === null || result.score === null)
      throw conflict(
        'Belum semua tujuan dinilai: ' +
          result.goals
            .filter((g) => g.average === null)
            .map((g) => p.goals.find((x) => x.id === g.goalId)?.goal ?? g.goalId)
            .join('; '),
        'GOALS_UNRATED',
        'goals',
      );
    const at = clock.now();
    await repo.setVerdict(trx, p.id, { score: result.score, verdict: result.verdict, at });
    await audit.record(trx, ctxOf(actor), {
      action: 'competency_change_project.evaluated',
      entityType: ENTITY,
      entityId: p.id,
      unitId: p.unitId,
      before: { status: p.status },
      after: { how, score: result.score, verdict: result.verdict, goals: result.goals },
    });
    await notifications.notify(trx, {
      employeeIds: [p.employeeId],
      kind: 'competency_change_project.evaluated',
      title: 'Proyek perubahan Anda sudah dievaluasi',
      body: `"${p.title}": ${CHANGE_PROJECT_VERDICT_LABELS[result.verdict]} (nilai ${result.score.toLocaleString('id-ID')}).`,
      link: '/kompetensi',
      entity: { type: ENTITY, id: p.id },
    });
  }

  /**
   * POST /change-projects/{id}/close: BKD (competency.manage) judges a project under evaluation with the ratings in
   * (every goal needs one; else 409 GOALS_UNRATED naming them). Audited.
   */
  async function close(actor: Actor, id: string): Promise<ChangeProject> {
    return ctx.db.transaction().execute(async (trx) => {
      const p = await projectOr404(id, trx, true);
      const e = await ctx.employeeOr404(p.employeeId, trx);
      requireUnit(actor, 'competency.manage', e.unitPath);
      if (p.status === 'EVALUATED') throw conflict('Proyek perubahan sudah dievaluasi', 'ALREADY_EVALUATED');
      if (p.status !== 'UNDER_EVALUATION')
        throw conflict('Evaluasi belum dimulai: belum ada penilaian yang masuk', 'NOT_UNDER_EVALUATION');
      const rules = await cpRules(trx);
      const ratings = await repo.ratings([p.id], trx);
      await judge(
        actor,
        trx,
        p,
        p.goals.map((g) => g.id),
        ratings,
        rules,
        'CLOSED_BY_BKD',
      );
      const after = (await repo.project(p.id, trx))!;
      return present(
        after,
        { viewer: 'BKD', assessor: null, manage: true },
        await repo.assessors([p.id], trx),
        ratings,
        rules,
      );
    });
  }

  /**
   * GET /change-projects?unitId=&year=: the projects of an OPD's subtree evaluated in the year and which delivered
   * (competency.read over the unit, BKD). The people shown are logged as viewed.
   */
  async function list(
    actor: Actor,
    q: { unitId: string; year: number; status?: string | undefined },
  ): Promise<ChangeProjectList> {
    const unit = await ctx.repo.unit(q.unitId);
    if (!unit) throw notFound('Unit');
    requireUnit(actor, 'competency.read', unit.path);
    const rows = await repo.projectsUnder(unit.path, q.year, q.status);
    await ctx.logViews(
      actor,
      rows.map((r) => r.employeeId),
      'proyek perubahan',
    );
    const items = rows.map(summary);
    const count = (v: string) => items.filter((i) => i.verdict === v).length;
    return {
      unitId: unit.id,
      unitName: unit.name,
      year: q.year,
      items,
      totals: {
        projects: items.length,
        evaluated: items.filter((i) => i.status === 'EVALUATED').length,
        delivered: count('DELIVERED'),
        partly: count('PARTLY'),
        notDelivered: count('NOT_DELIVERED'),
      },
    };
  }

  /** GET /change-projects/export.:format: the same list as a table (XLSX/CSV), logged the same way. */
  async function table(actor: Actor, q: { unitId: string; year: number; status?: string | undefined }) {
    const r = await list(actor, q);
    const columns = [
      { header: 'Nama', key: 'name', width: 32 },
      { header: 'NIP', key: 'nip', width: 20 },
      { header: 'Unit', key: 'unit', width: 28 },
      { header: 'Pelatihan', key: 'program', width: 10 },
      { header: 'Judul proyek perubahan', key: 'title', width: 44 },
      { header: 'Tanggal evaluasi', key: 'date', width: 14 },
      { header: 'Status', key: 'status', width: 18 },
      { header: 'Nilai', key: 'score', width: 8 },
      { header: 'Hasil', key: 'verdict', width: 18 },
    ];
    const rows: Record<string, unknown>[] = [
      ...r.items.map((i) => ({
        name: i.employeeName,
        nip: i.nip ?? '',
        unit: i.unitName,
        program: i.program,
        title: i.title,
        date: formatDdMmYyyy(i.evaluationDate),
        status: CHANGE_PROJECT_STATUS_LABELS[i.status],
        score: i.score ?? '',
        verdict: i.verdict ? CHANGE_PROJECT_VERDICT_LABELS[i.verdict] : '',
      })),
      { name: 'Jumlah proyek', score: r.totals.projects },
      { name: 'Sudah dievaluasi', score: r.totals.evaluated },
      { name: 'Tercapai', score: r.totals.delivered },
      { name: 'Sebagian tercapai', score: r.totals.partly },
      { name: 'Tidak tercapai', score: r.totals.notDelivered },
    ];
    return {
      fileBase: `proyek-perubahan-${q.year}`,
      title: `Proyek perubahan ${r.unitName} ${q.year}`,
      columns,
      rows,
    };
  }

  /**
   * GET /change-projects/{id}/report.pdf: the project's report through the document layer (letterhead of the
   * participant's unit): the project, its goals with their averages, milestones, assessors, ratings and verdict.
   * For the participant, their superior chain and BKD (not for assessors).
   */
  async function report(actor: Actor, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const p = await projectOr404(id);
    const a = await accessOf(actor, p);
    if (a.viewer === 'ASSESSOR' && !a.manage)
      throw forbidden('Laporan proyek perubahan untuk peserta, atasannya, dan BKD');
    const d = await detail(actor, p, a, await cpRules());
    const letterhead = await documents.letterheadFor(p.unitId);
    const fmt = (n: number | null) => (n === null ? '–' : n.toLocaleString('id-ID'));
    const blocks: Block[] = [
      letterheadBlock(letterhead),
      ...titleBlocks('Laporan Evaluasi Proyek Perubahan', null),
      { kind: 'field', label: 'Peserta', value: d.employeeName, labelWidth: 130 },
      { kind: 'field', label: 'NIP', value: d.nip ?? '–', labelWidth: 130 },
      { kind: 'field', label: 'Unit', value: d.unitName, labelWidth: 130 },
      {
        kind: 'field',
        label: 'Pelatihan',
        value: `${d.programName} (${d.trainingRecord.title}), selesai ${formatDateId(d.trainingRecord.endDate)}`,
        labelWidth: 130,
      },
      { kind: 'field', label: 'Judul', value: d.title, labelWidth: 130 },
      { kind: 'field', label: 'Tanggal evaluasi', value: formatDateId(d.evaluationDate), labelWidth: 130 },
      { kind: 'field', label: 'Status', value: CHANGE_PROJECT_STATUS_LABELS[d.status], labelWidth: 130 },
      {
        kind: 'field',
        label: 'Hasil',
        value: d.verdict
          ? `${CHANGE_PROJECT_VERDICT_LABELS[d.verdict]} (nilai ${fmt(d.score)} dari ${d.scale.max}; tercapai ≥ ${fmt(d.scale.deliveredThreshold)})`
          : 'Belum dievaluasi',
        labelWidth: 130,
      },
      { kind: 'space', height: 8 },
      { kind: 'text', text: 'A. Permasalahan', style: { face: 'bold' }, spaceAfter: 4, keepWithNext: true },
      { kind: 'text', text: d.problem, spaceAfter: 6 },
      {
        kind: 'text',
        text: 'B. Tujuan dan capaian',
        style: { face: 'bold' },
        spaceAfter: 4,
        keepWithNext: true,
      },
      {
        kind: 'table',
        columns: [
          { header: 'No', weight: 1, align: 'right' },
          { header: 'Tujuan', weight: 8 },
          { header: 'Indikator', weight: 6 },
          { header: 'Target', weight: 4 },
          { header: 'Rata-rata', weight: 3, align: 'right' },
        ],
      },
      ...d.goals.map((g, i): Block => ({
        kind: 'row',
        cells: [String(i + 1), g.goal, g.indicator, g.target, fmt(g.average)],
      })),
      { kind: 'tableEnd', spaceAfter: 6 },
      {
        kind: 'text',
        text: 'C. Tonggak capaian',
        style: { face: 'bold' },
        spaceAfter: 4,
        keepWithNext: true,
      },
      ...d.milestones.map((m): Block => ({
        kind: 'item',
        marker: '•',
        text: `${formatDdMmYyyy(m.dueDate)}: ${m.title}`,
      })),
      { kind: 'space', height: 6 },
      { kind: 'text', text: 'D. Manfaat', style: { face: 'bold' }, spaceAfter: 4, keepWithNext: true },
      { kind: 'field', label: 'Bagi instansi', value: d.impactInstitution, labelWidth: 130 },
      { kind: 'field', label: 'Bagi masyarakat', value: d.impactPublic, labelWidth: 130 },
      { kind: 'space', height: 6 },
      {
        kind: 'text',
        text: 'E. Penilai dan penilaian',
        style: { face: 'bold' },
        spaceAfter: 4,
        keepWithNext: true,
      },
      {
        kind: 'table',
        columns: [
          { header: 'Penilai', weight: 6 },
          { header: 'Instansi', weight: 5 },
          { header: 'Tujuan', weight: 2, align: 'right' },
          { header: 'Nilai', weight: 2, align: 'right' },
          { header: 'Catatan bukti', weight: 9 },
        ],
      },
      ...d.ratings.map((r): Block => {
        const who = d.assessorList.find((x) => x.id === r.assessorId);
        return {
          kind: 'row',
          cells: [
            `${r.assessorName} (${who?.kind === 'INTERNAL' ? 'internal' : 'eksternal'})`,
            who?.institution ?? '',
            String(d.goals.findIndex((g) => g.id === r.goalId) + 1),
            String(r.score),
            r.note + (r.hasEvidence ? ' [berkas bukti terlampir]' : ''),
          ],
        };
      }),
      { kind: 'tableEnd', spaceAfter: 6 },
      {
        kind: 'text',
        text: `Dasar: ${d.scale.basis}. Skala ${d.scale.min}–${d.scale.max}; tercapai bila rata-rata ≥ ${fmt(d.scale.deliveredThreshold)}, sebagian bila ≥ ${fmt(d.scale.partlyThreshold)}.`,
        style: { size: 8.5 },
      },
    ];
    const bytes = await renderPdf(
      { size: 'A4' },
      { title: `Proyek perubahan ${d.title}`, createdAt: clock.now() },
      blocks,
    );
    return { bytes, fileName: `proyek-perubahan-${p.id.slice(0, 8)}.pdf` };
  }

  /** GET /change-projects/evidence/{ratingId}: a rating's evidence file (as the rating; each view logged). */
  function evidence(actor: Actor, ratingId: string) {
    return files.view(actor, 'competency_change_project_rating', ratingId);
  }

  /**
   * The hourly tick: for every registered project whose evaluation date is near, the reminder due today (the
   * rulebook's lead days) to the participant and to the assessors (internal by their employee account, external by
   * their account when they have one). Idempotent: one notification per recipient, project and lead day.
   * @returns the projects reminded by this call
   */
  async function tick(): Promise<number> {
    const { competency } = await ctx.rules().catch(() => ({ competency: null }));
    const rules = competency?.changeProject;
    if (!rules) return 0;
    const today = ctx.today();
    const due = await repo.dueBetween(today, addDays(today, Math.max(...rules.reminderLeadDays)));
    let n = 0;
    for (const p of due) {
      const lead = reminderDue(p.evaluationDate, today, rules);
      if (lead === null) continue;
      const assessors = await repo.assessors([p.id]);
      const date = formatDdMmYyyy(p.evaluationDate);
      await ctx.db.transaction().execute(async (trx) => {
        await notifications.notify(trx, {
          employeeIds: [p.employeeId],
          kind: `competency_change_project.reminder_${lead}`,
          title: `Evaluasi proyek perubahan ${lead} hari lagi`,
          body: `"${p.title}" dievaluasi pada ${date}. Siapkan bukti capaian setiap tujuan.`,
          link: '/kompetensi',
          entity: { type: ENTITY, id: p.id },
        });
        await notifications.notify(trx, {
          employeeIds: assessors.flatMap((a) => (a.employeeId ? [a.employeeId] : [])),
          userIds: assessors.flatMap((a) => (a.userId ? [a.userId] : [])),
          kind: `competency_change_project.assessor_reminder_${lead}`,
          title: `Penilaian proyek perubahan dibuka ${lead} hari lagi`,
          body: `${p.employeeName}: "${p.title}", tanggal evaluasi ${date}.`,
          link: '/kompetensi',
          entity: { type: ENTITY, id: p.id },
        });
      });
      n++;
    }
    return n;
  }

  return {
    get,
    canOpen,
    mine,
    assigned,
    create,
    update,
    register,
    setAssessors,
    rate,
    close,
    list,
    table,
    report,
    evidence,
    tick,
  };
}
