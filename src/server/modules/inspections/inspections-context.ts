import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { visibleToInspected } from '../../../core/oversight/inspections.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { TodayService } from '../today/today-service.ts';
import type { DisciplineService } from '../discipline/discipline-service.ts';
import type { InspectionRow, InspectionUnitRow, InspectionsRepo, TeamRow } from './inspections-repo.ts';

/** What the inspections module is built from (wired in app.ts; other modules only through their service types). */
export interface InspectionsDeps {
  db: Db;
  repo: InspectionsRepo;
  audit: AuditService;
  clock: Clock;
  files: AttachmentService;
  documents: Pick<DocumentService, 'letterheadFor'>;
  notifications: Pick<NotificationService, 'notify'>;
  /** Kehadiran hari ini: each employee's status right now (read when the roster is taken). */
  today: () => Pick<TodayService, 'list'>;
  /** Discipline cases: a finding opens one (source INSPEKSI). */
  discipline: () => { cases: Pick<DisciplineService['cases'], 'open'> };
}

/** An inspection with its units, team and what the caller is to it. */
export interface Loaded {
  insp: InspectionRow;
  units: InspectionUnitRow[];
  team: TeamRow[];
  role: {
    /** On the team (the planner is always): works it. */
    team: boolean;
    /** Holds inspections.write over every unit: may see it, even unannounced, and close follow-ups. */
    inspector: boolean;
    /** Of an inspected unit (inspections.read) and the inspection is visible to it. */
    reader: boolean;
  };
}

/** Shared helpers of the sections: loading with access, the unit's local date. */
export function createInspectionsContext(deps: InspectionsDeps) {
  const { db, repo, clock } = deps;

  function roleOf(actor: Actor, insp: InspectionRow, units: InspectionUnitRow[], team: TeamRow[]) {
    const write = scopeOf(actor, 'inspections.write');
    const read = scopeOf(actor, 'inspections.read');
    return {
      team: team.some((t) => t.userId === actor.userId),
      inspector: units.length > 0 && units.every((u) => inScope(write, u.path)),
      reader: visibleToInspected(insp) && units.some((u) => inScope(read, u.path)),
    };
  }

  /**
   * The inspection as the caller may see it: 404 when it does not exist or is not visible to them (an unannounced
   * one before it starts is not revealed to the inspected unit).
   */
  async function load(actor: Actor, id: string, exec: Db = db, forUpdate = false): Promise<Loaded> {
    const insp = await repo.get(id, exec, forUpdate);
    if (!insp) throw notFound('Sidak');
    const [units, team] = await Promise.all([repo.unitsOf([id], exec), repo.teamOf([id], exec)]);
    const role = roleOf(actor, insp, units, team);
    if (!role.team && !role.inspector && !role.reader) throw notFound('Sidak');
    return { insp, units, team, role };
  }

  /** Only the team works an inspection, and only while it is in progress; each unit must still be in their scope. */
  function requireWorking(actor: Actor, l: Loaded) {
    if (!l.role.team) throw forbidden('Hanya anggota tim sidak ini yang dapat mencatat');
    if (l.insp.status !== 'IN_PROGRESS')
      throw new AppError(
        'CONFLICT',
        l.insp.status === 'PLANNED'
          ? 'Sidak belum dimulai; mulai sidak lebih dulu'
          : 'Sidak sudah selesai atau dibatalkan; tidak dapat dicatat lagi',
      );
  }

  /** The local date now in a unit's zone. */
  function todayIn(zone: string): string {
    return toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;
  }

  return { load, roleOf, requireWorking, todayIn };
}
export type InspectionsContext = ReturnType<typeof createInspectionsContext>;
