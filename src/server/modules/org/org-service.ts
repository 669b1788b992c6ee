import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import {
  inScope,
  requireAny,
  requireUnit,
  scopeOf,
  strictlyInScope,
  type Actor,
  type UnitScope,
} from '../../auth/authz.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { EmployeeFilter, Exec, OrgRepo, Relations } from './org-repo.ts';
import type {
  actingInputSchema,
  employeeInputSchema,
  employeeListQuerySchema,
  officeInputSchema,
  placementInputSchema,
  unitInputSchema,
  UnitTreeNode,
} from '../../../shared/api/org.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';
import { addDays } from '../../../core/common/local-date.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { afterCommit } from '../../db/unit-of-work.ts';
import { validateEmployeeIdentity } from '../../../core/people/validate-employee.ts';
import { normalizeNip } from '../../../core/people/nip.ts';
import { isValidPolygon } from '../../../core/geo/geo.ts';
import { OutOfServiceError, type RelationsService } from '../../relations/relations-service.ts';

/** An office row as the API shows it (the polygon as {lat, lon} corners). */
function toOffice(o: {
  id: string;
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
  polygon: [number, number][] | null;
}) {
  return {
    id: o.id,
    name: o.name,
    lat: o.lat,
    lon: o.lon,
    radiusM: o.radiusM,
    polygon: o.polygon ? o.polygon.map(([lat, lon]) => ({ lat, lon })) : null,
  };
}

type UnitInput = z.infer<typeof unitInputSchema>;
type OfficeInput = z.infer<typeof officeInputSchema>;
type EmployeeInput = z.infer<typeof employeeInputSchema>;
type EmployeeListQuery = z.infer<typeof employeeListQuerySchema>;
type PlacementInput = z.infer<typeof placementInputSchema>;
type ActingInput = z.infer<typeof actingInputSchema>;

/** The personal fields a PATCH may change; unit, position and superior change only through a placement (mutasi). */
export type EmployeePatch = Partial<
  Omit<EmployeeInput, 'unitId' | 'positionId' | 'superiorId' | 'activeFrom'>
>;

type Deps = {
  db: Db;
  repo: OrgRepo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  /** What a go-live change needs from the recap and the statuses (wired in app.ts). */
  goLive?: GoLivePorts;
  /** Superiors and Plt/Plh on a date, and an employee's own today (src/server/relations). */
  relations: Pick<RelationsService, 'actingForToday' | 'superiorOn' | 'todayOf'>;
};

/** The recap's closed months and the statuses' re-queue, as a go-live change uses them (src/server/app.ts). */
export interface GoLivePorts {
  /** Months (YYYY-MM) in `fromMonth`..`toMonth` closed for the unit (its own closing or an ancestor's). */
  closedMonths(
    unitPath: string,
    fromMonth: string,
    toMonth: string,
    exec: Exec,
  ): Promise<{ month: string; unitName: string }[]>;
  /** Re-queue the days `from`..`to` of each unit's employees (after the commit). */
  markChanged(changes: { unitId: string; from: string; to: string }[]): Promise<number>;
}

/** Organisation tree, offices, positions and people, with placement history and acting officials. */
export function createOrgService({ db, repo, audit, clock, goLive, relations }: Deps) {
  const today = () => toZoned(clock.now().getTime(), 'Asia/Jakarta').date;
  const todayIn = (zone: string) => toZoned(clock.now().getTime(), zone as IndonesianTimeZone).date;

  async function relationsOf(actor: Actor): Promise<Relations> {
    return {
      selfId: actor.employeeId,
      actingForIds: actor.employeeId ? await relations.actingForToday(actor.employeeId) : [],
    };
  }

  /** Units the actor may see: their org.read scope, or (without a grant) their own unit. */
  async function readableUnitScope(actor: Actor): Promise<UnitScope> {
    const scope = scopeOf(actor, 'org.read');
    if (scope === 'all' || scope.length > 0 || !actor.employeeId) return scope;
    const self = await repo.findEmployee(actor.employeeId);
    return self ? [self.unitPath] : [];
  }

  async function unitTree(actor: Actor): Promise<UnitTreeNode[]> {
    const scope = await readableUnitScope(actor);
    const [units, counts] = await Promise.all([repo.listUnits(), repo.unitCounts()]);
    const countBy = new Map(counts.map((c) => [c.unitId, c.n]));
    const nodes = new Map<string, UnitTreeNode & { parentId: string | null }>();
    for (const u of units) {
      if (!inScope(scope, u.path)) continue;
      nodes.set(u.id, {
        id: u.id,
        code: u.code,
        name: u.name,
        kind: u.kind as UnitTreeNode['kind'],
        timeZone: u.timeZone as UnitTreeNode['timeZone'],
        employeeCount: countBy.get(u.id) ?? 0,
        children: [],
        parentId: u.parentId,
      });
    }
    const roots: UnitTreeNode[] = [];
    for (const n of nodes.values()) {
      const parent = n.parentId ? nodes.get(n.parentId) : undefined;
      if (parent) parent.children.push(n);
      else roots.push(n);
    }
    const strip = (n: UnitTreeNode & { parentId?: string | null }): UnitTreeNode => ({
      id: n.id,
      code: n.code,
      name: n.name,
      kind: n.kind,
      timeZone: n.timeZone,
      employeeCount: n.employeeCount,
      children: n.children.map(strip),
    });
    return roots.map(strip);
  }

  async function loadUnit(id: string) {
    const unit = await repo.findUnit(id);
    if (!unit) throw notFound('Unit');
    return unit;
  }

  function presentUnit(
    u: Awaited<ReturnType<typeof loadUnit>>,
    offices: Awaited<ReturnType<OrgRepo['officesOf']>>,
  ) {
    return {
      id: u.id,
      code: u.code,
      name: u.name,
      kind: u.kind as UnitInput['kind'],
      parentId: u.parentId,
      timeZone: u.timeZone as UnitInput['timeZone'],
      address: u.address,
      attendanceStart: u.attendanceStart,
      offices: offices.map(toOffice),
    };
  }

  /** A go-live date may not be in the unit's future. @throws VALIDATION */
  function requirePastGoLive(date: string, zone: string) {
    const now = todayIn(zone);
    if (date > now)
      throw fieldError(
        'attendanceStart',
        `Tanggal mulai tercatat di Abdi tidak boleh di masa depan (hari ini ${formatDdMmYyyy(now)})`,
      );
  }

  /**
   * Set the go-live date of a unit (and, with `subunits`, of every unit below it) inside `trx`, audited; after the
   * commit the days between each changed unit's old and new date are re-queued (the statuses worker removes the
   * days that became "no data" and stores those that have data now, with their recaps). Each unit has its own
   * date (src/core/recap/no-data.ts: a sub-unit does not inherit its parent's). Refused when the date is in the
   * future, or when the days it changes lie in a month already closed for a changed unit (its own closing or an
   * ancestor's): a closed month is frozen, so BKD reopens it first. Scope: the caller's org.write over the unit
   * (checked by the caller, `updateUnit`), which covers its sub-units. Source: issue 13 point 1.
   */
  async function setGoLive(
    trx: Transaction<Database>,
    actor: Actor,
    unit: { id: string; name: string; path: string; timeZone: string },
    date: string,
    subunits: boolean,
  ) {
    requirePastGoLive(date, unit.timeZone);
    const targets = subunits ? await repo.subtreeUnits(unit.path, trx) : [await repo.findUnit(unit.id, trx)];
    const changed = targets
      .filter((u): u is NonNullable<typeof u> => u !== undefined && u.attendanceStart !== date)
      .map((u) => ({
        id: u.id,
        name: u.name,
        path: u.path,
        from: u.attendanceStart,
        to: date,
        // The days whose "no data" state changes: the old date up to the day before the new one, or back.
        lo: u.attendanceStart < date ? u.attendanceStart : date,
        hi: addDays(u.attendanceStart < date ? date : u.attendanceStart, -1),
      }));
    if (changed.length === 0) return [];
    for (const c of changed) {
      const closed = goLive ? await goLive.closedMonths(c.path, c.lo.slice(0, 7), c.hi.slice(0, 7), trx) : [];
      const first = closed[0];
      if (first)
        throw new AppError(
          'CONFLICT',
          `Tanggal mulai ${formatDdMmYyyy(date)} tidak dapat dipakai untuk ${c.name}: hari ${formatDdMmYyyy(c.lo)}–` +
            `${formatDdMmYyyy(c.hi)} akan berubah, padahal bulan ${first.month} sudah ditutup (${first.unitName}). ` +
            'Minta BKD membuka kembali bulan itu lebih dulu.',
          [
            {
              path: 'attendanceStart',
              message: `Bulan ${first.month} sudah ditutup untuk ${first.unitName}`,
            },
          ],
        );
    }
    await trx
      .updateTable('units')
      .set({ attendanceStart: date, updatedAt: clock.now() })
      .where(
        'id',
        'in',
        changed.map((c) => c.id),
      )
      .execute();
    await audit.record(trx, ctxOf(actor), {
      action: 'unit.attendance_start_set',
      entityType: 'unit',
      entityId: unit.id,
      unitId: unit.id,
      before: { units: changed.map((c) => ({ id: c.id, name: c.name, attendanceStart: c.from })) },
      after: { attendanceStart: date, subunits, units: changed.map((c) => c.id) },
    });
    const ranges = changed.map((c) => ({ unitId: c.id, from: c.lo, to: c.hi }));
    if (goLive) await afterCommit(() => goLive.markChanged(ranges));
    return changed;
  }

  async function getUnit(actor: Actor, id: string) {
    const unit = await loadUnit(id);
    if (!inScope(await readableUnitScope(actor), unit.path))
      throw forbidden('Unit ini berada di luar kewenangan Anda');
    return presentUnit(unit, await repo.officesOf(id));
  }

  /** Create a unit under a parent in the actor's scope (a root unit needs a whole-organisation grant). */
  async function createUnit(actor: Actor, input: UnitInput) {
    const id = randomUUID();
    let path = `/${id}/`;
    if (input.parentId) {
      const parent = await repo.findUnit(input.parentId);
      if (!parent) throw fieldError('parentId', 'Unit induk tidak ditemukan');
      requireUnit(actor, 'org.write', parent.path);
      path = `${parent.path}${id}/`;
    } else if (scopeOf(actor, 'org.write') !== 'all') {
      throw forbidden('Hanya super admin yang dapat membuat unit tingkat teratas');
    }
    if (await repo.findUnitByCode(input.code))
      throw new AppError('CONFLICT', `Kode unit ${input.code} sudah dipakai`, [
        { path: 'code', message: 'Kode unit sudah dipakai' },
      ]);
    // A new unit goes live today in its zone unless an earlier date is given (never a future one).
    const attendanceStart = input.attendanceStart ?? todayIn(input.timeZone);
    requirePastGoLive(attendanceStart, input.timeZone);
    const row = {
      id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
      timeZone: input.timeZone,
      address: input.address ?? null,
      attendanceStart,
      path,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('units').values(row).execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'unit.created',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        after: row,
      });
    });
    return getUnit(actor, id);
  }

  /**
   * Update a unit; moving it under another parent rewrites the paths of its whole subtree. A go-live date given
   * (`attendanceStart`, optionally for the sub-units too) is set by `setGoLive`, in the same transaction.
   */
  async function updateUnit(actor: Actor, id: string, input: UnitInput) {
    const unit = await loadUnit(id);
    requireUnit(actor, 'org.write', unit.path);
    let newPath = unit.path;
    if (input.parentId !== unit.parentId) {
      if (!input.parentId) throw fieldError('parentId', 'Unit induk wajib diisi');
      const parent = await repo.findUnit(input.parentId);
      if (!parent) throw fieldError('parentId', 'Unit induk tidak ditemukan');
      if (parent.path.startsWith(unit.path))
        throw fieldError('parentId', 'Unit tidak dapat dipindahkan ke bawah unit turunannya sendiri');
      requireUnit(actor, 'org.write', parent.path);
      newPath = `${parent.path}${id}/`;
    }
    if (input.code !== unit.code && (await repo.findUnitByCode(input.code))) {
      throw new AppError('CONFLICT', `Kode unit ${input.code} sudah dipakai`, [
        { path: 'code', message: 'Kode unit sudah dipakai' },
      ]);
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('units')
        .set({
          code: input.code,
          name: input.name,
          kind: input.kind,
          parentId: input.parentId,
          timeZone: input.timeZone,
          address: input.address ?? null,
          updatedAt: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      if (newPath !== unit.path) {
        const subtree = await trx
          .selectFrom('units')
          .select(['id', 'path'])
          .where('path', 'like', `${unit.path}%`)
          .execute();
        for (const s of subtree) {
          await trx
            .updateTable('units')
            .set({ path: newPath + s.path.slice(unit.path.length) })
            .where('id', '=', s.id)
            .execute();
        }
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'unit.updated',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        before: unit,
        after: input,
      });
      if (input.attendanceStart !== undefined)
        await setGoLive(
          trx,
          actor,
          { ...unit, path: newPath, timeZone: input.timeZone },
          input.attendanceStart,
          input.attendanceStartSubunits ?? false,
        );
    });
    return getUnit(actor, id);
  }

  async function addOffice(actor: Actor, unitId: string, input: OfficeInput) {
    const unit = await loadUnit(unitId);
    requireUnit(actor, 'org.write', unit.path);
    if (input.polygon && !isValidPolygon(input.polygon))
      throw fieldError('polygon', 'Poligon tidak valid: titik-titiknya segaris atau bertumpuk');
    const office = await db.transaction().execute(async (trx) => {
      const { polygon, ...circle } = input;
      const row = await trx
        .insertInto('offices')
        .values({
          unitId,
          ...circle,
          polygon: polygon ? JSON.stringify(polygon.map((p) => [p.lat, p.lon])) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'office.created',
        entityType: 'office',
        entityId: row.id,
        unitId,
        after: input,
      });
      return row;
    });
    return toOffice(office);
  }

  async function deleteOffice(actor: Actor, unitId: string, officeId: string) {
    const unit = await loadUnit(unitId);
    requireUnit(actor, 'org.write', unit.path);
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .deleteFrom('offices')
        .where('id', '=', officeId)
        .where('unitId', '=', unitId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound('Kantor');
      await audit.record(trx, ctxOf(actor), {
        action: 'office.deleted',
        entityType: 'office',
        entityId: officeId,
        unitId,
        before: row,
      });
    });
  }

  async function listPositions(actor: Actor, unitId: string) {
    const unit = await loadUnit(unitId);
    if (!inScope(await readableUnitScope(actor), unit.path))
      throw forbidden('Unit ini berada di luar kewenangan Anda');
    return (await repo.positionsOf(unitId)).map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      kind: p.kind as never,
      kelasJabatan: p.kelasJabatan,
      unitId: p.unitId,
      isHead: p.isHead,
    }));
  }

  async function employeeFilter(q: EmployeeListQuery): Promise<EmployeeFilter> {
    const unit = q.unitId ? await loadUnit(q.unitId) : undefined;
    return {
      q: q.q,
      unitPath: unit && q.includeSubunits ? unit.path : undefined,
      unitId: unit && !q.includeSubunits ? unit.id : undefined,
      type: q.type,
      status: q.status,
      today: today(),
    };
  }

  /** Employees the actor may read: their scope, themselves, and the staff they supervise (incl. as Plt/Plh). */
  async function listEmployees(actor: Actor, q: EmployeeListQuery) {
    const scope = scopeOf(actor, 'employee.read');
    const rel = await relationsOf(actor);
    const filter = await employeeFilter(q);
    const [total, rows] = await Promise.all([
      repo.countEmployees(scope, rel, filter),
      repo.listEmployees(scope, rel, filter, q.sort, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    const t = today();
    return {
      items: rows.map((r) => ({
        id: r.id,
        nip: r.nip,
        fullName: r.fullName,
        employeeType: r.employeeType as EmployeeInput['employeeType'],
        golongan: r.golongan,
        unitId: r.unitId,
        unitName: r.unitName,
        positionName: r.positionName,
        active: r.activeTo === null || r.activeTo >= t,
      })),
      total: total.n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** All rows of a filtered list (for exports), capped; `offset` reads it in pages. */
  async function exportEmployees(actor: Actor, q: EmployeeListQuery, cap = 100_000, offset = 0) {
    const scope = scopeOf(actor, 'employee.read');
    const rel = await relationsOf(actor);
    const filter = await employeeFilter(q);
    return repo.listEmployees(scope, rel, filter, q.sort, cap, offset);
  }

  async function canRead(actor: Actor, e: { id: string; unitPath: string; superiorId: string | null }) {
    if (actor.employeeId === e.id || (actor.employeeId && e.superiorId === actor.employeeId)) return true;
    if (inScope(scopeOf(actor, 'employee.read'), e.unitPath)) return true;
    const rel = await relationsOf(actor);
    return e.superiorId !== null && rel.actingForIds.includes(e.superiorId);
  }

  async function getEmployee(actor: Actor, id: string) {
    const e = await repo.findEmployee(id);
    if (!e) throw notFound('Pegawai');
    if (!(await canRead(actor, e))) throw forbidden('Data pegawai ini berada di luar kewenangan Anda');
    // "Active" and the subordinates as of the employee's own today (their unit's zone).
    const t = await relations.todayOf(id);
    const [placements, acting, subs] = await Promise.all([
      repo.placementsOf(id),
      repo.actingOf(id),
      repo.countSubordinates(id, t),
    ]);
    return {
      id: e.id,
      nip: e.nip,
      fullName: e.fullName,
      frontTitle: e.frontTitle,
      name: e.name,
      backTitle: e.backTitle,
      gender: e.gender as 'L' | 'P',
      birthDate: e.birthDate,
      employeeType: e.employeeType as EmployeeInput['employeeType'],
      golongan: e.golongan,
      education: e.education,
      internalId: e.internalId,
      unitId: e.unitId,
      unitName: e.unitName,
      positionId: e.positionId,
      positionName: e.positionName,
      superiorId: e.superiorId,
      superiorName: e.superiorName,
      activeFrom: e.activeFrom,
      activeTo: e.activeTo,
      active: e.activeTo === null || e.activeTo >= t,
      email: e.email,
      phone: e.phone,
      placements: placements.map((p) => ({
        id: p.id,
        unitId: p.unitId,
        unitName: p.unitName,
        positionId: p.positionId,
        positionName: p.positionName,
        superiorId: p.superiorId,
        superiorName: p.superiorName,
        validFrom: p.validFrom,
        validTo: p.validTo,
        decree: p.decree,
      })),
      acting: acting.map((a) => ({
        id: a.id,
        kind: a.kind as 'PLT' | 'PLH',
        positionId: a.positionId,
        positionName: a.positionName,
        unitName: a.unitName,
        validFrom: a.validFrom,
        validTo: a.validTo,
        reason: a.reason,
      })),
      subordinateCount: subs.n,
    };
  }

  /** Refuse a superior that is the employee or one of the employee's own (indirect) subordinates. */
  async function assertNoLoop(employeeId: string | null, superiorId: string | null) {
    if (!superiorId) return;
    if (superiorId === employeeId)
      throw new AppError('SUPERIOR_LOOP', 'Pegawai tidak dapat menjadi atasan dirinya sendiri', [
        { path: 'superiorId', message: 'Pegawai tidak dapat menjadi atasan dirinya sendiri' },
      ]);
    const seen = new Set<string>();
    let cur: string | null = superiorId;
    while (cur) {
      if (cur === employeeId) {
        throw new AppError(
          'SUPERIOR_LOOP',
          'Atasan yang dipilih adalah bawahan (langsung atau tidak langsung) dari pegawai ini, sehingga rantai atasan menjadi berputar',
          [{ path: 'superiorId', message: 'Rantai atasan berputar' }],
        );
      }
      if (seen.has(cur)) break;
      seen.add(cur);
      const row = await repo.superiorIdOf(cur);
      if (!row) throw fieldError('superiorId', 'Atasan tidak ditemukan');
      cur = row.superiorId;
    }
  }

  /**
   * The unit, position and superior of a placement (a new employee or a mutasi), each checked before anything is
   * written: the unit inside the caller's `employee.write` scope, the position one of that unit's, and the
   * superior — who gains authority over the employee (reads their record, decides their requests) — inside the
   * caller's scope too and never the caller (docs/security.md, authority over staff). A superior that stays as it
   * was (`keptSuperiorId`) is not a new grant of authority and is not checked again.
   */
  async function checkPlacementRefs(
    actor: Actor,
    ref: {
      unitId: string;
      positionId?: string | null | undefined;
      superiorId?: string | null | undefined;
      keptSuperiorId?: string | null;
    },
  ) {
    const unit = await repo.findUnit(ref.unitId);
    if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
    requireUnit(actor, 'employee.write', unit.path);
    if (ref.positionId) {
      const pos = await repo.findPosition(ref.positionId);
      if (!pos) throw fieldError('positionId', 'Jabatan tidak ditemukan');
      if (pos.unitId !== unit.id)
        throw fieldError('positionId', `Jabatan ${pos.name} bukan jabatan pada unit ${unit.name}`);
    }
    if (ref.superiorId && ref.superiorId !== ref.keptSuperiorId) {
      const superior = await repo.findEmployee(ref.superiorId);
      if (!superior) throw fieldError('superiorId', 'Atasan tidak ditemukan');
      if (superior.id === actor.employeeId)
        throw forbidden(
          'Anda tidak dapat menjadikan diri sendiri atasan pegawai; penetapan ini dilakukan oleh BKD',
        );
      if (!inScope(scopeOf(actor, 'employee.write'), superior.unitPath))
        throw forbidden(
          `Atasan yang dipilih (${superior.fullName}, ${superior.unitName}) berada di luar kewenangan Anda; atasan dari unit lain ditetapkan oleh BKD`,
        );
    }
    return unit;
  }

  /**
   * A Plt/Plh assignment gives its holder authority over the staff of the position. Refused before anything is
   * written when the holder is the caller (nobody empowers themselves), the holder is outside the caller's
   * scope (no outsiders), the position is the head of the caller's scope root (appointed from above), or the
   * position is one of the posts above the caller (their own superiors): those need BKD (docs/security.md).
   */
  async function checkActing(actor: Actor, holder: { id: string; unitPath: string }, positionId: string) {
    const pos = await repo.findPosition(positionId);
    if (!pos) throw fieldError('positionId', 'Jabatan tidak ditemukan');
    const posUnit = await loadUnit(pos.unitId);
    const scope = scopeOf(actor, 'employee.write');
    requireUnit(actor, 'employee.write', posUnit.path);
    if (!inScope(scope, holder.unitPath))
      throw forbidden(
        'Pegawai ini berada di luar kewenangan Anda; Plt/Plh dari unit lain ditetapkan oleh BKD',
      );
    if (holder.id === actor.employeeId)
      throw forbidden(
        'Anda tidak dapat menunjuk diri sendiri sebagai Plt/Plh; penunjukan ini dilakukan oleh BKD',
      );
    if (pos.isHead && !strictlyInScope(scope, posUnit.path))
      throw forbidden(
        `Plt/Plh ${pos.name} ditetapkan oleh pejabat di atas unit ini (BKD), bukan oleh admin unit itu sendiri`,
      );
    if (actor.employeeId && (await repo.superiorChainPositions(actor.employeeId)).includes(pos.id))
      throw forbidden(`${pos.name} adalah jabatan atasan Anda sendiri; Plt/Plh-nya ditetapkan oleh BKD`);
    return pos;
  }

  function identityProblems(input: Parameters<typeof validateEmployeeIdentity>[0]) {
    const problems = validateEmployeeIdentity(input);
    if (problems.length > 0) throw new AppError('VALIDATION', problems[0]!.message, problems);
  }

  /** Refuse a NIP or an internal number another employee already has (409 on the field). */
  async function assertUniqueIdentity(
    nip: string | null,
    internalId: string | null | undefined,
    except: { nip: string | null; internalId: string | null } | null,
  ) {
    if (nip && nip !== except?.nip && (await repo.findEmployeeByNip(nip)))
      throw new AppError('CONFLICT', `NIP ${nip} sudah terdaftar`, [
        { path: 'nip', message: 'NIP sudah terdaftar' },
      ]);
    if (internalId && internalId !== except?.internalId && (await repo.findEmployeeByInternalId(internalId)))
      throw new AppError('CONFLICT', `Nomor induk internal ${internalId} sudah terdaftar`, [
        { path: 'internalId', message: 'Nomor induk internal sudah terdaftar' },
      ]);
  }

  async function createEmployee(actor: Actor, input: EmployeeInput) {
    requireAny(actor, 'employee.write');
    const nip = input.nip ? normalizeNip(input.nip) : null;
    identityProblems({ ...input, nip });
    const unit = await checkPlacementRefs(actor, input);
    await assertUniqueIdentity(nip, input.internalId, null);
    const id = randomUUID();
    const row = {
      id,
      nip,
      internalId: input.internalId ?? null,
      frontTitle: input.frontTitle ?? null,
      name: input.name,
      backTitle: input.backTitle ?? null,
      gender: input.gender,
      birthDate: input.birthDate ?? null,
      employeeType: input.employeeType,
      golongan: input.golongan ?? null,
      education: input.education ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      unitId: input.unitId,
      positionId: input.positionId ?? null,
      superiorId: input.superiorId ?? null,
      activeFrom: input.activeFrom,
      activeTo: input.activeTo ?? null,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('employees').values(row).execute();
      await trx
        .insertInto('placements')
        .values({
          employeeId: id,
          unitId: row.unitId,
          positionId: row.positionId,
          superiorId: row.superiorId,
          validFrom: row.activeFrom,
          validTo: null,
          decree: null,
        })
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'employee.created',
        entityType: 'employee',
        entityId: id,
        unitId: unit.id,
        after: row,
      });
    });
    return getEmployee(actor, id);
  }

  async function updateEmployee(actor: Actor, id: string, patch: EmployeePatch) {
    const before = await repo.findEmployee(id);
    if (!before) throw notFound('Pegawai');
    requireUnit(actor, 'employee.write', before.unitPath);
    const nip = patch.nip === undefined ? before.nip : patch.nip ? normalizeNip(patch.nip) : null;
    const merged = {
      nip,
      internalId: patch.internalId === undefined ? before.internalId : patch.internalId,
      gender: patch.gender ?? (before.gender as 'L' | 'P'),
      birthDate: patch.birthDate === undefined ? before.birthDate : patch.birthDate,
      employeeType: patch.employeeType ?? (before.employeeType as EmployeeInput['employeeType']),
      golongan: patch.golongan === undefined ? before.golongan : patch.golongan,
      education: patch.education === undefined ? before.education : patch.education,
      activeFrom: before.activeFrom,
      activeTo: patch.activeTo === undefined ? before.activeTo : patch.activeTo,
    };
    identityProblems(merged);
    await assertUniqueIdentity(nip, patch.internalId, before);
    const set = Object.fromEntries(Object.entries({ ...patch, nip }).filter(([, v]) => v !== undefined));
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('employees')
        .set({ ...set, updatedAt: clock.now() })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'employee.updated',
        entityType: 'employee',
        entityId: id,
        unitId: before.unitId,
        before,
        after: set,
      });
    });
    return getEmployee(actor, id);
  }

  /**
   * A placement (mutasi/rotasi): the open placement ends the day before `validFrom`, a new one starts. When it is
   * already in force the current placement on the employee is updated; future ones are applied by
   * `syncCurrentPlacements` on their date.
   */
  async function addPlacement(actor: Actor, id: string, input: PlacementInput) {
    const e = await repo.findEmployee(id);
    if (!e) throw notFound('Pegawai');
    requireUnit(actor, 'employee.write', e.unitPath);
    const unit = await checkPlacementRefs(actor, { ...input, keptSuperiorId: e.superiorId });
    await assertNoLoop(id, input.superiorId);
    const history = await repo.placementsOf(id);
    const latest = history[0];
    if (latest && input.validFrom <= latest.validFrom) {
      throw fieldError('validFrom', `Tanggal mulai harus setelah penempatan terakhir (${latest.validFrom})`);
    }
    // In force now when it starts on or before today in the unit the employee moves to (its own zone).
    const startsNow = input.validFrom <= todayIn(unit.timeZone);
    await db.transaction().execute(async (trx) => {
      if (latest && latest.validTo === null) {
        await trx
          .updateTable('placements')
          .set({ validTo: addDays(input.validFrom, -1) })
          .where('id', '=', latest.id)
          .execute();
      }
      await trx
        .insertInto('placements')
        .values({
          employeeId: id,
          unitId: input.unitId,
          positionId: input.positionId,
          superiorId: input.superiorId,
          validFrom: input.validFrom,
          validTo: null,
          decree: input.decree ?? null,
        })
        .execute();
      if (startsNow) {
        await trx
          .updateTable('employees')
          .set({
            unitId: input.unitId,
            positionId: input.positionId,
            superiorId: input.superiorId,
            updatedAt: clock.now(),
          })
          .where('id', '=', id)
          .execute();
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'employee.placed',
        entityType: 'employee',
        entityId: id,
        unitId: unit.id,
        before: latest
          ? {
              unitId: latest.unitId,
              positionId: latest.positionId,
              superiorId: latest.superiorId,
              validFrom: latest.validFrom,
            }
          : null,
        after: input,
      });
    });
    return getEmployee(actor, id);
  }

  /** Assign an employee as Plt/Plh of a position for a period (checked by `checkActing` before writing). */
  async function addActing(actor: Actor, id: string, input: ActingInput) {
    const e = await repo.findEmployee(id);
    if (!e) throw notFound('Pegawai');
    const pos = await checkActing(actor, e, input.positionId);
    if (input.validTo && input.validTo < input.validFrom)
      throw fieldError('validTo', 'Tanggal akhir tidak boleh sebelum tanggal mulai');
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('actingAssignments')
        .values({
          employeeId: id,
          positionId: input.positionId,
          kind: input.kind,
          validFrom: input.validFrom,
          validTo: input.validTo,
          reason: input.reason ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'employee.acting_assigned',
        entityType: 'employee',
        entityId: id,
        unitId: pos.unitId,
        after: { ...input, id: row.id },
      });
    });
    return getEmployee(actor, id);
  }

  /**
   * Where an employee was on a date and who their superior was: the placement in force, and who filled the
   * superior's post on that date — the Plh/Plt in force in it, else the superior of that placement while in
   * service (src/server/relations). Outside the employee's service: no placement, no superior.
   */
  async function whereOn(actor: Actor, id: string, date: string) {
    await getEmployee(actor, id);
    const p = await repo.placementAt(id, date);
    if (!p) return { date, placement: null, superior: null };
    const slot = await relations.superiorOn(id, date).catch((err: unknown) => {
      if (err instanceof OutOfServiceError) return null;
      throw err;
    });
    const official = slot?.official;
    const superior = official
      ? {
          id: official.employeeId,
          name: official.name,
          acting: official.acting,
          definitiveId: slot.definitiveId,
        }
      : null;
    return {
      date,
      placement: {
        unitId: p.unitId,
        unitName: p.unitName,
        timeZone: p.timeZone,
        positionId: p.positionId,
        positionName: p.positionName,
        validFrom: p.validFrom,
        validTo: p.validTo,
      },
      superior,
    };
  }

  async function dashboard(actor: Actor) {
    const scope = scopeOf(actor, 'employee.read');
    const rel = await relationsOf(actor);
    const t = today();
    const [byType, byUnit, tree, subs] = await Promise.all([
      repo.countByType(scope, rel, t),
      repo.countByTopUnit(scope, rel, t),
      unitTree(actor),
      actor.employeeId ? repo.countSubordinates(actor.employeeId, t) : Promise.resolve({ n: 0 }),
    ]);
    const countNodes = (ns: UnitTreeNode[]): number => ns.reduce((a, n) => a + 1 + countNodes(n.children), 0);
    const types = { PNS: 0, CPNS: 0, PPPK: 0, PPPK_PARUH_WAKTU: 0, NON_ASN: 0 } as Record<string, number>;
    for (const r of byType) types[r.employeeType] = r.n;
    return {
      units: countNodes(tree),
      employees: byType.reduce((a, r) => a + r.n, 0),
      byType: types,
      byUnit: byUnit.map((u) => ({ unitId: u.unitId, unitName: u.unitName, count: u.n })),
      subordinates: subs.n,
    };
  }

  return {
    relationsOf,
    unitTree,
    getUnit,
    createUnit,
    updateUnit,
    addOffice,
    deleteOffice,
    listPositions,
    listEmployees,
    exportEmployees,
    getEmployee,
    createEmployee,
    updateEmployee,
    addPlacement,
    addActing,
    whereOn,
    dashboard,
    syncCurrentPlacements: () => repo.syncCurrentPlacements(today()),
    assertNoLoop,
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
