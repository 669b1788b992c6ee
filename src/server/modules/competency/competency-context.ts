import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec, RelationsService } from '../../relations/relations-service.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { KinerjaService } from '../kinerja/kinerja-service.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { CompetencyGroup, CompetencyRules } from '../../../core/performance/competency-rules.ts';
import type { PerformanceRules } from '../../../core/performance/performance-rules.ts';
import {
  positionStandard,
  type CompetencyGap,
  type RequiredLevel,
} from '../../../core/performance/competency.ts';
import { trainingForGap } from '../../../core/performance/training-needs.ts';
import type { CompetencyProfile, PositionStandard } from '../../../shared/api/competency.ts';
import type { TrainingRow } from './competency-repo.ts';
import type { CompetencyRepo, EmployeeBasics, PositionInfo } from './competency-repo.ts';

export interface CompetencyDeps {
  db: Db;
  repo: CompetencyRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion' | 'importLimits' | 'importMaxBytes'>;
  relations: Pick<RelationsService, 'placementOn' | 'chainOn' | 'subordinatesOn' | 'todayOf'>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  files: Pick<AttachmentService, 'registerOwner' | 'read' | 'prepare' | 'put' | 'record' | 'view'>;
  /** The talent 9-box's performance axis: each employee's latest approved annual predikat (e-Kinerja's façade). */
  kinerja: () => { evaluations: Pick<KinerjaService['evaluations'], 'latestAnnual'> };
  /** The candidate lists' discipline status (the discipline façade). */
  discipline: () => { sanctions: Pick<DisciplineService['sanctions'], 'statusOf'> };
  /** Reminders and assignments of change projects (the one notification service). */
  notifications: Pick<NotificationService, 'notify'>;
  /** The letterhead of a change project's report. */
  documents: Pick<DocumentService, 'letterheadFor'>;
}

/** Who may see an employee's results and why. */
export type Viewer = 'SELF' | 'CHAIN' | 'BKD';

/** What the sections of the competency service share: rules, names, standards and who may see results. */
export function createCompetencyContext(deps: CompetencyDeps) {
  const { repo, clock, config, relations, rulebooks, audit } = deps;

  /** The region's date today (for the rulebook in force). */
  const today = () => localDateAt(clock.now().getTime(), 'Asia/Jakarta');

  /**
   * The performance section and its competency part in force today.
   * @throws CONFLICT when the rulebook has no competency part (nothing to assess against)
   */
  async function rules(
    exec: Exec = deps.db,
  ): Promise<{ performance: PerformanceRules; competency: CompetencyRules }> {
    const performance = (await rulebooks.rulesOn(config.rulebookRegion, today(), exec)).performance;
    if (!performance.competency)
      throw new AppError('CONFLICT', 'Rulebook yang berlaku belum memuat kamus dan standar kompetensi', [
        { path: 'performance.competency', message: 'Belum diatur', code: 'NO_COMPETENCY_RULES' },
      ]);
    return { performance, competency: performance.competency };
  }

  /** Code → name and group of every competency (rulebook dictionary and BKD's technical ones). */
  async function catalogue(c: CompetencyRules, exec: Exec = deps.db) {
    const map = new Map<string, { name: string; group: CompetencyGroup }>();
    for (const d of c.dictionary) map.set(d.code, { name: d.name, group: d.group });
    for (const t of await repo.technicals(exec)) map.set(t.code, { name: t.name, group: 'TEKNIS' });
    return map;
  }

  /** The standard (required levels) of a position, with names. */
  async function standardOf(
    p: Pick<PositionInfo, 'id' | 'kind'>,
    c: CompetencyRules,
    names: Map<string, { name: string; group: CompetencyGroup }>,
    exec: Exec = deps.db,
  ): Promise<RequiredLevel[]> {
    const overrides = (await repo.positionLevels([p.id], exec)).map((o) => ({
      ...o,
      group: names.get(o.code)?.group ?? 'TEKNIS',
    }));
    return positionStandard(p.kind, overrides, c);
  }

  /** The contract shape of a position's standard. */
  function presentStandard(
    p: PositionInfo,
    levels: RequiredLevel[],
    names: Map<string, { name: string }>,
  ): PositionStandard {
    return {
      positionId: p.id,
      positionName: p.name,
      positionKind: p.kind,
      unitName: p.unitName,
      hasStandard: levels.some((l) => l.group !== 'TEKNIS'),
      levels: levels.map((l) => ({ ...l, name: names.get(l.code)?.name ?? l.code })),
    };
  }

  /** Gaps in the contract's shape, each with the catalogue training that closes it. */
  function presentGaps(
    gaps: CompetencyGap[],
    names: Map<string, { name: string }>,
    trainings: TrainingRow[],
  ): CompetencyProfile['gaps'] {
    return gaps.map((g) => {
      const t = trainingForGap(g.code, trainings);
      const full = t && trainings.find((x) => x.id === t.id)!;
      return {
        ...g,
        name: names.get(g.code)?.name ?? g.code,
        training: full
          ? { id: full.id, title: full.title, kind: full.kind, jp: full.jp, cost: full.cost }
          : null,
      };
    });
  }

  async function employeeOr404(id: string, exec: Exec = deps.db): Promise<EmployeeBasics> {
    const e = await repo.employee(id, exec);
    if (!e) throw notFound('Pegawai');
    return e;
  }

  /**
   * Why the caller may see an employee's assessment results: the employee themself, an official of their superior
   * chain today (definitive or Plt/Plh), or 'competency.read' over the employee's unit (BKD).
   * @throws NOT_FOUND for an unknown employee; FORBIDDEN for anyone else
   */
  async function viewerOf(actor: Actor, e: EmployeeBasics): Promise<Viewer> {
    if (actor.employeeId === e.id) return 'SELF';
    if (actor.employeeId) {
      const date = await relations.todayOf(e.id);
      const chain = await relations.chainOn(e.id, date).catch(() => []);
      if (
        chain.some((s) => s.official?.employeeId === actor.employeeId || s.definitiveId === actor.employeeId)
      )
        return 'CHAIN';
    }
    if (inScope(scopeOf(actor, 'competency.read'), e.unitPath)) return 'BKD';
    throw forbidden('Hasil asesmen kompetensi hanya dapat dilihat pegawai, atasannya, dan BKD');
  }

  /**
   * Logs that the caller saw the results of other people (personal data; issue 19): one audit entry naming them.
   * Nothing is logged when the caller sees only their own.
   */
  async function logViews(actor: Actor, employeeIds: readonly string[], what: string): Promise<void> {
    const others = [...new Set(employeeIds)].filter((id) => id !== actor.employeeId);
    if (others.length === 0) return;
    await audit.recordStandalone(ctxOf(actor), {
      action: 'competency_assessment.viewed',
      entityType: 'employee',
      entityId: others.length === 1 ? others[0]! : null,
      after: { what, employeeIds: others },
    });
  }

  return {
    ...deps,
    today,
    rules,
    catalogue,
    standardOf,
    presentStandard,
    presentGaps,
    employeeOr404,
    viewerOf,
    logViews,
  };
}
export type CompetencyContext = ReturnType<typeof createCompetencyContext>;
