import { randomUUID } from 'node:crypto';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { OutOfServiceError } from '../../relations/relations-types.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { parseDateCell } from '../../lib/table-cells.ts';
import { normalizeNip } from '../../../core/people/nip.ts';
import type { CompetencyGroup } from '../../../core/performance/competency-rules.ts';
import {
  assessmentJpm,
  competencyGaps,
  type AssessmentJpm,
  type RequiredLevel,
} from '../../../core/performance/competency.ts';
import {
  ASSESSMENT_METHOD_LABELS,
  ASSESSMENT_METHODS,
  type AssessmentCreate,
  type AssessmentItem,
  type AssessmentList,
  type AssessmentListQuery,
  type AssessmentMethod,
  type CompetencyImportReport,
  type CompetencyProfile,
  type JpmItem,
  type StaffList,
} from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';
import type { createCompetencyRecords } from './competency-records.ts';
import type { AssessmentRow, EmployeeBasics } from './competency-repo.ts';
import { levelCell, runImport, type ImportKind, type RowProblem } from './competency-import.ts';
import { unknownCodes } from './competency-standards.ts';

type Names = Map<string, { name: string; group: CompetencyGroup }>;

const jpmItem = (j: AssessmentJpm | null): JpmItem | null =>
  j && {
    percent: Math.round(j.percent * 100) / 100,
    code: j.code,
    label: j.label,
    requiredTotal: j.requiredTotal,
    assessedTotal: j.assessedTotal,
    reasons: j.reasons,
  };

/** A position without a standard: the reason shown instead of a JPM (issue 19, bad input). */
const noStandardText = (name: string | null) =>
  name
    ? `Jabatan ${name} belum memiliki standar kompetensi: JPM tidak dapat dihitung`
    : 'Pegawai tidak memiliki jabatan pada tanggal itu: JPM tidak dapat dihitung';

/**
 * Assessment results (issue 19 point 2): record one or import many, per employee and date; the JPM of each for
 * selection and mapping against the position held on its date or a target position; gaps; who may see them.
 */
export function createCompetencyAssessments(
  ctx: CompetencyContext,
  records: Pick<ReturnType<typeof createCompetencyRecords>, 'developmentOf'>,
) {
  const { repo, audit, clock, relations } = ctx;

  /** Standards of positions, looked up once per request. */
  function standards(exec: Exec, names: Names) {
    const cache = new Map<string, Promise<RequiredLevel[]>>();
    return async (id: string | null, kind: string | null, c: Parameters<typeof ctx.standardOf>[1]) => {
      if (!id) return [];
      if (!cache.has(id)) cache.set(id, ctx.standardOf({ id, kind: kind ?? '' }, c, names, exec));
      return cache.get(id)!;
    };
  }

  async function present(rows: AssessmentRow[], exec: Exec = ctx.db): Promise<AssessmentItem[]> {
    const { performance, competency } = await ctx.rules(exec);
    const names = await ctx.catalogue(competency, exec);
    const std = standards(exec, names);
    const out: AssessmentItem[] = [];
    for (const r of rows) {
      const levels = await std(r.positionId, r.positionKind, competency);
      const assessed = new Map(r.levels.map((l) => [l.code, l.level]));
      const selection = assessmentJpm(levels, assessed, performance, 'selection');
      out.push({
        id: r.id,
        employeeId: r.employeeId,
        employeeName: r.employeeName,
        nip: r.nip,
        unitName: r.unitName,
        assessedOn: r.assessedOn,
        method: r.method as AssessmentMethod,
        methodLabel: ASSESSMENT_METHOD_LABELS[r.method as AssessmentMethod] ?? r.method,
        assessor: r.assessor,
        notes: r.notes,
        recommendation: r.recommendation,
        positionName: r.positionName,
        levels: r.levels.map((l) => ({ ...l, name: names.get(l.code)?.name ?? l.code })),
        selection: jpmItem(selection),
        mapping: jpmItem(assessmentJpm(levels, assessed, performance, 'mapping')),
        noStandard: selection ? null : noStandardText(r.positionName),
      });
    }
    return out;
  }

  /** Another result of the same method and date already stored (409, nothing written). */
  const duplicate = (name: string, method: string) =>
    new AppError(
      'CONFLICT',
      `Hasil ${ASSESSMENT_METHOD_LABELS[method as AssessmentMethod]} ${name} pada tanggal itu sudah tercatat`,
      [{ path: 'assessedOn', message: 'Sudah tercatat', code: 'DUPLICATE_ASSESSMENT' }],
    );

  /**
   * The checks of one result before it is stored: the employee in service on the date (400 OUT_OF_SERVICE), every
   * code in the dictionary (400 UNKNOWN_COMPETENCY), no result of the same method on the same date (409).
   * Returns the placement on the date.
   */
  async function checkResult(
    e: EmployeeBasics,
    input: { assessedOn: string; method: string; levels: { code: string }[] },
    names: Names,
    exec: Exec,
  ) {
    const placement = await relations.placementOn(e.id, input.assessedOn, exec);
    const unknown = input.levels.map((l) => l.code).filter((c) => !names.has(c));
    if (unknown.length) throw unknownCodes(unknown, 'levels');
    if (await repo.assessmentExists(e.id, input.assessedOn, input.method, exec))
      throw duplicate(e.name, input.method);
    return placement;
  }

  /**
   * POST /assessments: one result (competency.manage over the employee's unit, checked first, in the writing
   * transaction); audited.
   */
  async function record(actor: Actor, input: AssessmentCreate): Promise<{ id: string }> {
    return ctx.db.transaction().execute(async (trx) => {
      const e = await repo.employee(input.employeeId, trx);
      if (!e) throw notFound('Pegawai');
      requireUnit(actor, 'competency.manage', e.unitPath);
      const { competency } = await ctx.rules(trx);
      const names = await ctx.catalogue(competency, trx);
      const levels = input.levels.map((l) => ({ code: l.code!, level: l.level! }));
      const placement = await checkResult(e, { ...input, levels }, names, trx);
      const id = await repo.insertAssessment(trx, {
        employeeId: e.id,
        assessedOn: input.assessedOn,
        method: input.method,
        assessor: input.assessor,
        unitId: placement.unitId,
        positionId: placement.positionId,
        levels,
        notes: input.notes ?? null,
        recommendation: input.recommendation ?? null,
        importId: null,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      // A concurrent identical call stored it first (unique employee, date, method): this one is refused.
      if (!id) throw duplicate(e.name, input.method);
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_assessment.recorded',
        entityType: 'competency_assessment',
        entityId: id,
        unitId: placement.unitId,
        after: { employeeId: e.id, assessedOn: input.assessedOn, method: input.method, levels },
      });
      return { id };
    });
  }

  /**
   * POST /assessments/import: one row per competency (`nip, tanggal, metode, asesor, kode_kompetensi, level`, optional
   * `catatan`, `rekomendasi`); the rows of one NIP, date and method make one result, refused as a whole when one of
   * them is bad.
   */
  async function importFile(
    actor: Actor,
    file: { name: string; buf: Buffer },
    opts: { dryRun: boolean; validOnly: boolean },
  ): Promise<CompetencyImportReport> {
    const scope = requireAny(actor, 'competency.manage');
    type Item = {
      e: EmployeeBasics;
      assessedOn: string;
      method: string;
      assessor: string;
      notes: string | null;
      recommendation: string | null;
      levels: { code: string; level: number }[];
      unitId: string;
      positionId: string | null;
    };
    const importId = randomUUID();
    const kind: ImportKind<Item> = {
      required: ['nip', 'tanggal', 'metode', 'asesor', 'kode_kompetensi', 'level'],
      aliases: {
        nip_baru: 'nip',
        tanggal_asesmen: 'tanggal',
        kode: 'kode_kompetensi',
        kompetensi: 'kode_kompetensi',
        level_capaian: 'level',
        lembaga: 'asesor',
        catatan_asesor: 'catatan',
      },
      async check(rows, exec) {
        const { competency } = await ctx.rules(exec);
        const names = await ctx.catalogue(competency, exec);
        const people = await repo.employeesByNip(
          rows.map((r) => normalizeNip(r.cells['nip'] ?? '') ?? ''),
          exec,
        );
        const errors: RowProblem[] = [];
        const groups = new Map<string, { lines: number[]; item: Item; bad: boolean }>();
        for (const r of rows) {
          const bad = (column: string | null, message: string) =>
            errors.push({ line: r.line, column, message });
          const nip = normalizeNip(r.cells['nip'] ?? '') ?? '';
          const e = people.get(nip);
          if (!e) bad('nip', `Pegawai dengan NIP ${r.cells['nip'] || '(kosong)'} tidak ditemukan`);
          else if (!inScope(scope, e.unitPath)) bad('nip', `Pegawai ${e.name} di luar lingkup Anda`);
          const date = parseDateCell(r.cells['tanggal'] ?? '');
          if (!date) bad('tanggal', `Tanggal "${r.cells['tanggal'] ?? ''}" tidak valid (dd/MM/yyyy)`);
          const method = (r.cells['metode'] ?? '').trim().toUpperCase().replace(/\s+/g, '_');
          if (!(ASSESSMENT_METHODS as readonly string[]).includes(method))
            bad(
              'metode',
              `Metode "${r.cells['metode'] ?? ''}" tidak dikenal (${ASSESSMENT_METHODS.join(', ')})`,
            );
          const assessor = (r.cells['asesor'] ?? '').trim();
          if (assessor.length < 3) bad('asesor', 'Asesor / lembaga wajib diisi');
          const code = (r.cells['kode_kompetensi'] ?? '').trim().toUpperCase();
          if (!names.has(code))
            bad('kode_kompetensi', `Kode kompetensi ${code || '(kosong)'} tidak ada di kamus`);
          const level = levelCell(r.cells['level']);
          if (typeof level === 'string') bad('level', level);
          if (!e || !date) continue;
          const key = `${e.id}|${date}|${method}`;
          let g = groups.get(key);
          if (!g) {
            g = {
              lines: [],
              bad: false,
              item: {
                e,
                assessedOn: date,
                method,
                assessor,
                notes: (r.cells['catatan'] ?? '').trim() || null,
                recommendation: (r.cells['rekomendasi'] ?? '').trim() || null,
                levels: [],
                unitId: e.unitId,
                positionId: e.positionId,
              },
            };
            groups.set(key, g);
            if ((ASSESSMENT_METHODS as readonly string[]).includes(method))
              try {
                const placement = await checkResult(e, { assessedOn: date, method, levels: [] }, names, exec);
                g.item.unitId = placement.unitId;
                g.item.positionId = placement.positionId;
              } catch (err) {
                if (!(err instanceof AppError)) throw err;
                bad(err instanceof OutOfServiceError ? 'tanggal' : null, err.message);
              }
          }
          g.lines.push(r.line);
          if (g.item.levels.some((l) => l.code === code))
            bad('kode_kompetensi', `Kompetensi ${code} sudah ada untuk asesmen yang sama di baris lain`);
          else if (typeof level === 'number') g.item.levels.push({ code, level });
        }
        return { groups: [...groups.values()], errors };
      },
      async write(trx, items) {
        for (const i of items) {
          const id = await repo.insertAssessment(trx, {
            employeeId: i.e.id,
            assessedOn: i.assessedOn,
            method: i.method,
            assessor: i.assessor,
            unitId: i.unitId,
            positionId: i.positionId,
            levels: i.levels,
            notes: i.notes,
            recommendation: i.recommendation,
            importId,
            createdBy: actor.userId,
            createdAt: clock.now(),
          });
          // Stored meanwhile by a concurrent call: the whole import is refused and rolled back.
          if (!id) throw duplicate(i.e.name, i.method);
        }
        await audit.record(trx, ctxOf(actor), {
          action: 'competency_assessment.imported',
          entityType: 'import',
          entityId: importId,
          after: { fileName: file.name, assessments: items.length },
        });
      },
    };
    return runImport(ctx, kind, file, opts, async () => {
      requireAny(actor, 'competency.manage');
    });
  }

  /** GET /assessments: results in the caller's 'competency.read' scope (BKD), each page's people logged as viewed. */
  async function list(
    actor: Actor,
    q: AssessmentListQuery & { page: number; pageSize: number },
  ): Promise<AssessmentList> {
    const scope = requireAny(actor, 'competency.read');
    let unitPath: string | undefined;
    if (q.unitId) {
      const p = await repo.unitPath(q.unitId);
      if (!p) throw notFound('Unit');
      if (!inScope(scope, p)) throw forbidden();
      unitPath = p;
    }
    const { rows, total } = await repo.assessmentsIn(scope, { unitPath, q: q.q }, q.page, q.pageSize);
    const items = await present(rows);
    await ctx.logViews(
      actor,
      rows.map((r) => r.employeeId),
      'daftar hasil asesmen',
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * An employee's competencies: the current position's standard, the results over time with their JPM, the gaps
   * of the latest result, and the JPM against a target position when asked (400 NO_STANDARD when it has none).
   */
  async function profileOf(
    actor: Actor,
    e: EmployeeBasics,
    targetPositionId?: string,
  ): Promise<CompetencyProfile> {
    const viewer = await ctx.viewerOf(actor, e);
    const { performance, competency } = await ctx.rules();
    const names = await ctx.catalogue(competency);
    const rows = await repo.assessmentsOf(e.id);
    const latest = rows[0];
    const assessed = new Map((latest?.levels ?? []).map((l) => [l.code, l.level]));
    const trainings = await repo.trainings();
    const gapsOf = (levels: RequiredLevel[]) =>
      latest ? ctx.presentGaps(competencyGaps(levels, assessed), names, trainings) : [];
    let standard: CompetencyProfile['standard'] = null;
    let gaps: CompetencyProfile['gaps'] = [];
    if (e.positionId) {
      const p = await repo.position(e.positionId);
      if (p) {
        const levels = await ctx.standardOf(p, competency, names);
        standard = ctx.presentStandard(p, levels, names);
        gaps = gapsOf(levels);
      }
    }
    let target: CompetencyProfile['target'] = null;
    if (targetPositionId) {
      const p = await repo.position(targetPositionId);
      if (!p) throw notFound('Jabatan sasaran');
      const levels = await ctx.standardOf(p, competency, names);
      const std = ctx.presentStandard(p, levels, names);
      if (!std.hasStandard)
        throw new AppError('VALIDATION', noStandardText(p.name), [
          { path: 'targetPositionId', message: noStandardText(p.name), code: 'NO_STANDARD' },
        ]);
      target = {
        standard: std,
        selection: latest ? jpmItem(assessmentJpm(levels, assessed, performance, 'selection')) : null,
        mapping: latest ? jpmItem(assessmentJpm(levels, assessed, performance, 'mapping')) : null,
        gaps: gapsOf(levels),
      };
    }
    const assessments = await present(rows);
    await ctx.logViews(actor, [e.id], 'profil kompetensi');
    return {
      employee: { id: e.id, name: e.name, nip: e.nip, unitName: e.unitName, positionName: e.positionName },
      viewer,
      standard,
      assessments,
      gaps,
      development: await records.developmentOf(e.id),
      target,
    };
  }

  /** GET /employees/{id}. */
  async function profile(actor: Actor, employeeId: string, targetPositionId?: string) {
    return profileOf(actor, await ctx.employeeOr404(employeeId), targetPositionId);
  }

  /** GET /me: the caller's own (404 without an employee record). */
  async function mine(actor: Actor, targetPositionId?: string) {
    if (!actor.employeeId) throw notFound('Data pegawai Anda');
    return profileOf(actor, await ctx.employeeOr404(actor.employeeId), targetPositionId);
  }

  /** GET /staff: the caller's direct subordinates today with their latest result (logged as viewed). */
  async function staff(actor: Actor): Promise<StaffList> {
    if (!actor.employeeId) return { items: [] };
    const date = await relations.todayOf(actor.employeeId);
    const subs = await relations.subordinatesOn(actor.employeeId, date);
    const latest = new Map(
      (await repo.latestOf(subs.map((s) => s.employeeId))).map((r) => [r.employeeId, r]),
    );
    const { performance, competency } = await ctx.rules();
    const names = await ctx.catalogue(competency);
    const items: StaffList['items'] = [];
    for (const s of subs) {
      const e = await repo.employee(s.employeeId);
      const r = latest.get(s.employeeId);
      const levels = e?.positionId
        ? await ctx.standardOf({ id: e.positionId, kind: e.positionKind ?? '' }, competency, names)
        : [];
      const assessed = new Map((r?.levels ?? []).map((l) => [l.code, l.level]));
      items.push({
        employeeId: s.employeeId,
        name: e?.name ?? s.name,
        nip: s.nip,
        latestOn: r?.assessedOn ?? null,
        mapping: r ? jpmItem(assessmentJpm(levels, assessed, performance, 'mapping')) : null,
        gaps: r ? competencyGaps(levels, assessed).length : 0,
      });
    }
    await ctx.logViews(
      actor,
      items.filter((i) => i.latestOn).map((i) => i.employeeId),
      'daftar staf',
    );
    return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  return { record, importFile, list, profile, mine, staff };
}
