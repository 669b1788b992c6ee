import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { inScope, scopeOf, type Actor, type UnitScope } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { RelationsService } from '../../relations/relations-service.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import { checkCriteria, type Criterion } from '../../../core/oversight/teladan-criteria.ts';
import type { FigureSources } from './teladan-figures.ts';
import type { Exec, PeriodRow, TeladanRepo } from './teladan-repo.ts';

export interface TeladanDeps extends FigureSources {
  db: Db;
  repo: TeladanRepo;
  audit: AuditService;
  clock: Clock;
  relations: Pick<RelationsService, 'superiorOn' | 'todayOf'>;
  documents: Pick<DocumentService, 'letterheadFor'>;
  notifications: Pick<NotificationService, 'notify'>;
}

/** What the sections of the teladan service share. */
export function createTeladanContext(deps: TeladanDeps) {
  const { repo } = deps;

  /** A period or 404. */
  async function periodOr404(id: string, exec: Exec = deps.db, lock = false): Promise<PeriodRow> {
    const p = await repo.period(id, exec, lock);
    if (!p) throw notFound('Periode penghargaan');
    return p;
  }

  /** The stored criteria (checked when stored; a failure here means the row was edited by hand). */
  function criteriaOf(p: PeriodRow): Criterion[] {
    const r = checkCriteria(p.criteria);
    if (!r.ok) throw new AppError('INTERNAL', 'Kriteria tersimpan periode ini tidak valid');
    return r.criteria;
  }

  /** The subtrees of a period ('all' = the region). */
  async function periodPaths(p: PeriodRow, exec: Exec = deps.db): Promise<'all' | string[]> {
    if (p.unitIds.length === 0) return 'all';
    return (await repo.units(p.unitIds, exec)).map((u) => u.path);
  }

  /** The caller's committee role in a period, or null. */
  async function committeeRole(actor: Actor, periodId: string, exec: Exec = deps.db) {
    if (!actor.employeeId) return null;
    const m = (await repo.committee([periodId], exec)).find((x) => x.employeeId === actor.employeeId);
    return m?.role ?? null;
  }

  /**
   * What the caller may see of a period's candidates: a committee member sees all; else the 'teladan.read' scope
   * when it overlaps the period's units.
   * @throws FORBIDDEN when neither
   */
  async function candidateView(actor: Actor, p: PeriodRow, exec: Exec = deps.db): Promise<UnitScope> {
    if (await committeeRole(actor, p.id, exec)) return 'all';
    const scope = scopeOf(actor, 'teladan.read');
    if (scope === 'all') return scope;
    const paths = await periodPaths(p, exec);
    const overlaps = scope.some(
      (s) => paths === 'all' || paths.some((q) => s.startsWith(q) || q.startsWith(s)),
    );
    if (!overlaps)
      throw forbidden(
        'Hanya tim penilai dan pejabat yang berwenang atas unit periode ini yang dapat melihat calonnya',
      );
    return scope;
  }

  /**
   * Whether the caller manages teladan over all of these subtrees ('all' = the region: a 'teladan.manage' grant on
   * a root unit, e.g. BKD of the province).
   */
  function manages(actor: Actor, paths: 'all' | string[]): boolean {
    const scope = scopeOf(actor, 'teladan.manage');
    if (scope === 'all') return true;
    if (paths === 'all') return scope.some((p) => p.split('/').filter(Boolean).length === 1);
    return paths.length > 0 && paths.every((p) => inScope(scope, p));
  }

  /** 403 unless `manages`. */
  function requireManager(actor: Actor, paths: 'all' | string[], what = 'tindakan ini') {
    if (!manages(actor, paths)) throw forbidden(`Hanya BKD yang berwenang atas ${what}`);
  }

  return {
    ...deps,
    periodOr404,
    manages,
    requireManager,
    criteriaOf,
    periodPaths,
    committeeRole,
    candidateView,
  };
}
export type TeladanContext = ReturnType<typeof createTeladanContext>;
