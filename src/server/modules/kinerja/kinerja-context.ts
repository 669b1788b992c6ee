import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/database.ts';
import { inScope, scopeOf, type Actor, type Permission } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { Exec, RelationSlot, RelationsService } from '../../relations/relations-service.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import type { DocumentService } from '../../documents/document-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type { PerformanceRules } from '../../../core/performance/performance-rules.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { NotificationService } from '../notifications/notification-service.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { JobService } from '../jobs/job-service.ts';
import type { RecapService } from '../recap/recap-service.ts';

/** What the e-Kinerja module is built from (wired once in app.ts). */
export interface KinerjaDeps {
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
  /** Built after this module: looked up when needed (month closings freeze the figures). */
  recap: () => RecapService;
}

/** The pejabat penilai (or the atasan pejabat penilai) of an employee on a date, and who may act as them. */
export interface Assessor {
  /** The post and who fills it (holder, or Plt/Plh when the post is vacant or its holder absent). */
  slot: RelationSlot;
  /** Everyone who may decide as this official on the date: the holder and whoever acts in the post. */
  deciderIds: string[];
}

/** Who reads an employee's kinerja besides themselves and their assessors. */
const READERS: Permission[] = ['kinerja.read', 'kinerja.manage'];

/**
 * The parts every e-Kinerja section shares: the rules in force, who the pejabat penilai and the atasan pejabat
 * penilai are on a date (with Plt/Plh, from src/server/relations), and the read check. Source: PermenPANRB
 * 6/2022 (pegawai, pejabat penilai, atasan pejabat penilai); regulations.md §6.2.
 */
export function createKinerjaContext(deps: KinerjaDeps) {
  const { db, clock, config, relations, rulebooks } = deps;

  /** The whole rulebook of the installation's region in force on a date. */
  const rulebookOn = (date: LocalDate, exec: Exec = db): Promise<Rulebook> =>
    rulebooks.rulesOn(config.rulebookRegion, date, exec);
  /** The performance section in force on a date. */
  const rulesOn = async (date: LocalDate, exec: Exec = db): Promise<PerformanceRules> =>
    (await rulebookOn(date, exec)).performance;

  /** Who may decide as the official of a slot on the date (never `except`). */
  async function decidersOf(slot: RelationSlot, date: LocalDate, except: string, exec: Exec) {
    const ids =
      slot.basis === 'superior' && slot.definitiveId
        ? await relations.superiorDecidersOn(slot.definitiveId, date, exec)
        : slot.positionId
          ? await relations.postDecidersOn(slot.positionId, date, exec)
          : [];
    return ids.filter((id) => id !== except);
  }

  /**
   * The pejabat penilai of the employee on the date: their direct superior (or whoever acts in the superior's
   * post). Null when nobody is above them in Abdi. @throws NOT_FOUND; OutOfServiceError (400)
   */
  async function penilaiOn(employeeId: string, date: LocalDate, exec: Exec = db): Promise<Assessor | null> {
    const slot = await relations.superiorOn(employeeId, date, exec);
    if (!slot) return null;
    const deciderIds = await decidersOf(slot, date, employeeId, exec);
    return deciderIds.length ? { slot, deciderIds } : null;
  }

  /**
   * The atasan pejabat penilai: the official above the pejabat penilai on the date. Null when there is none in
   * Abdi (e.g. the penilai is the Sekda). @throws NOT_FOUND; OutOfServiceError (400)
   */
  async function atasanPenilaiOn(
    employeeId: string,
    date: LocalDate,
    exec: Exec = db,
  ): Promise<Assessor | null> {
    const chain = await relations.chainOn(employeeId, date, exec);
    const slot = chain[1];
    if (!slot) return null;
    const deciderIds = await decidersOf(slot, date, employeeId, exec);
    return deciderIds.length ? { slot, deciderIds } : null;
  }

  /** How the actor fills the assessor's post: null as its holder, PLT/PLH when acting. */
  async function actingKind(actor: Actor, a: Assessor, exec: Exec): Promise<'PLT' | 'PLH' | null> {
    if (a.slot.definitiveId === actor.employeeId) return null;
    if (a.slot.official?.employeeId === actor.employeeId) return a.slot.official.acting;
    const post = await relations.actingPostAt(actor.employeeId!, [a.slot.positionId], clock.now(), exec);
    return post?.kind ?? null;
  }

  /**
   * Requires the actor to be the employee's pejabat penilai on the date (or their Plt/Plh); never the employee
   * themselves. @returns how they act (null = as holder) and the assessor @throws FORBIDDEN
   */
  async function requirePenilai(actor: Actor, employeeId: string, date: LocalDate, exec: Exec = db) {
    if (!actor.employeeId || actor.employeeId === employeeId)
      throw forbidden('Anda tidak dapat menilai atau memverifikasi kinerja Anda sendiri');
    const a = await penilaiOn(employeeId, date, exec);
    if (!a || !a.deciderIds.includes(actor.employeeId))
      throw forbidden('Anda bukan pejabat penilai pegawai ini (atau Plt/Plh-nya) pada tanggal tersebut');
    return { as: await actingKind(actor, a, exec), assessor: a };
  }

  /** Like `requirePenilai`, for the atasan pejabat penilai. @throws FORBIDDEN */
  async function requireAtasanPenilai(actor: Actor, employeeId: string, date: LocalDate, exec: Exec = db) {
    if (!actor.employeeId || actor.employeeId === employeeId)
      throw forbidden('Anda tidak dapat memutus penilaian kinerja Anda sendiri');
    const a = await atasanPenilaiOn(employeeId, date, exec);
    if (!a || !a.deciderIds.includes(actor.employeeId))
      throw forbidden('Anda bukan atasan pejabat penilai pegawai ini (atau Plt/Plh-nya)');
    return { as: await actingKind(actor, a, exec), assessor: a };
  }

  /** The unit path of an employee's current unit. @throws NOT_FOUND */
  async function employeeUnitPath(employeeId: string, exec: Exec = db): Promise<string> {
    const row = await exec
      .selectFrom('employees')
      .innerJoin('units', 'units.id', 'employees.unitId')
      .select('units.path')
      .where('employees.id', '=', employeeId)
      .executeTakeFirst();
    if (!row) throw notFound('Pegawai');
    return row.path;
  }

  /**
   * May the actor read this employee's kinerja (SKP, reports, evaluations, figures) for a date? The employee,
   * their pejabat penilai and atasan pejabat penilai on that date (with Plt/Plh), and holders of kinerja.read /
   * kinerja.manage over the unit (`unitPath`: the unit of the record, else the employee's current unit).
   */
  async function canRead(
    actor: Actor,
    employeeId: string,
    date: LocalDate,
    unitPath?: string,
    exec: Exec = db,
  ): Promise<boolean> {
    if (actor.employeeId === employeeId) return true;
    const path = unitPath ?? (await employeeUnitPath(employeeId, exec));
    if (READERS.some((p) => inScope(scopeOf(actor, p), path))) return true;
    if (!actor.employeeId) return false;
    try {
      const [p, a] = await Promise.all([
        penilaiOn(employeeId, date, exec),
        atasanPenilaiOn(employeeId, date, exec),
      ]);
      return !!(p?.deciderIds.includes(actor.employeeId) || a?.deciderIds.includes(actor.employeeId));
    } catch (err) {
      // A date outside the employee's service: nobody is their assessor then.
      if (err instanceof Error && 'code' in err && (err as { code: string }).code === 'VALIDATION')
        return false;
      throw err;
    }
  }

  /** `canRead` or FORBIDDEN (the message names what was refused). */
  async function requireRead(
    actor: Actor,
    employeeId: string,
    date: LocalDate,
    what: string,
    unitPath?: string,
  ) {
    if (!(await canRead(actor, employeeId, date, unitPath)))
      throw forbidden(`Anda tidak berwenang melihat ${what} pegawai ini`);
  }

  return {
    ...deps,
    rulebookOn,
    rulesOn,
    penilaiOn,
    atasanPenilaiOn,
    requirePenilai,
    requireAtasanPenilai,
    employeeUnitPath,
    canRead,
    requireRead,
  };
}
export type KinerjaContext = ReturnType<typeof createKinerjaContext>;
