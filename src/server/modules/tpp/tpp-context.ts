import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { inScope, scopeOf, type Actor, type Permission } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { Exec, RelationsService } from '../../relations/relations-service.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { RecapService } from '../recap/recap-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import type { KinerjaService } from '../kinerja/kinerja-service.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';

export interface TppDeps {
  db: Db;
  clock: Clock;
  config: Config;
  audit: AuditService;
  relations: RelationsService;
  rulebooks: RulebookService;
  files: AttachmentService;
  documents: DocumentService;
  notifications: NotificationService;
  jobs: JobService;
  /** The month must be closed before it is run; its statuses are the disiplin component's days. */
  recap: () => RecapService;
  statuses: () => StatusService;
  /** The monthly kinerja figure (frozen at the month's closing) and the days without a daily report. */
  kinerja: () => KinerjaService;
  /** Sanctions in force in the month (their TPP cuts) and salary stops. */
  discipline: () => DisciplineService;
}

/** Who reads a unit's TPP (runs, lines, nominative list) besides the employee (own slip) and the superior (staff). */
export const TPP_READERS: Permission[] = ['tpp.read', 'tpp.run', 'tpp.manage', 'tpp.pay'];

/**
 * The TPP module's shared context: its dependencies, the rulebook in force on a date, the unit and scope checks.
 * Sections (inputs-*, runs-*) are built on it; other modules reach TPP only through the façade (tpp-service.ts).
 */
export function createTppContext(deps: TppDeps) {
  const { db, config, rulebooks } = deps;

  /** The installation's rulebook in force on a date (its tpp, discipline and performance sections). */
  function rulebookOn(date: string, exec: Exec = db): Promise<Rulebook> {
    return rulebooks.rulesOn(config.rulebookRegion, date, exec);
  }

  /** A unit by id (404 when unknown): its path, name, code and time zone. */
  async function unitOr404(unitId: string, exec: Exec = db) {
    if (!/^[0-9a-f-]{36}$/i.test(unitId)) throw notFound('Unit');
    const u = await exec
      .selectFrom('units')
      .select(['id', 'path', 'name', 'code', 'timeZone', 'parentId'])
      .where('id', '=', unitId)
      .executeTakeFirst();
    if (!u) throw notFound('Unit');
    return u;
  }

  /** Whether the actor holds one of `perms` over the unit path. */
  function holds(actor: Actor, perms: readonly Permission[], unitPath: string): boolean {
    return perms.some((p) => inScope(scopeOf(actor, p), unitPath));
  }

  /** 403 unless the actor holds one of `perms` over the unit path (checked before anything is written). */
  function requireOn(actor: Actor, perms: readonly Permission[], unitPath: string, what: string): void {
    if (!holds(actor, perms, unitPath)) throw forbidden(what);
  }

  return { ...deps, rulebookOn, unitOr404, holds, requireOn };
}
export type TppContext = ReturnType<typeof createTppContext>;
