import { sql } from 'kysely';
import { inScope, requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { DISCIPLINE_LEVELS, type DisciplineLevel } from '../../../core/discipline/discipline-rules.ts';
import type {
  Designation,
  DesignationBody,
  DesignationList,
  DesignationListFilter,
  EndDesignationBody,
} from '../../../shared/api/discipline-sanctions.ts';
import { DISCIPLINE_READERS, type DisciplineContext } from './discipline-context.ts';
import { nameOf } from './sanctions-shared.ts';

/** Position kinds the PPK may designate as PyB (regulations.md §1.5: JF Ahli Madya, JF Ahli Muda). */
const DESIGNABLE_KINDS = ['JF_AHLI_MADYA', 'JF_AHLI_MUDA'];

/**
 * PPK designations of a JF as pejabat yang berwenang menghukum over a unit without a structural official of the
 * level (issue 16 point 3; regulations.md §1.5), recorded by BKD (discipline.manage in scope) with the decree and
 * its validity. The PyB resolver (pyb.ts) uses a designation valid on the date, covering the level.
 */
export function createDesignationsPart(ctx: DisciplineContext) {
  const { db } = ctx;

  function query(exec: Exec) {
    return exec
      .selectFrom('disciplinePybDesignations as d')
      .innerJoin('employees as e', 'e.id', 'd.employeeId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .innerJoin('units as u', 'u.id', 'd.unitId')
      .select([
        'd.id',
        'd.employeeId',
        'd.levels',
        'd.decreeNumber',
        'd.validFrom',
        'd.validTo',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'p.name as positionName',
        'p.kind as positionKind',
        'u.id as unitId',
        'u.name as unitName',
        'u.path as unitPath',
        'u.timeZone',
      ]);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];

  const present = (r: Row, today: LocalDate): Designation => ({
    id: r.id,
    employee: {
      id: r.employeeId,
      name: nameOf(r),
      nip: r.nip,
      positionName: r.positionName,
      positionKind: r.positionKind,
    },
    unit: { id: r.unitId, name: r.unitName },
    levels: (r.levels as unknown as DisciplineLevel[]) ?? [],
    decreeNumber: r.decreeNumber,
    validFrom: r.validFrom,
    validTo: r.validTo,
    active: r.validFrom <= today && (r.validTo === null || r.validTo >= today),
  });

  /** GET /designations: in the reader's scope (discipline.read / discipline.manage). */
  async function list(actor: Actor, q: DesignationListFilter): Promise<DesignationList> {
    const scopes = DISCIPLINE_READERS.map((p) => scopeOf(actor, p));
    if (scopes.every((s) => s !== 'all' && s.length === 0)) requireAny(actor, 'discipline.read');
    let rows = await query(db).orderBy('u.name').orderBy('d.validFrom', 'desc').execute();
    rows = rows.filter((r) => scopes.some((s) => inScope(s, r.unitPath)));
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      rows = rows.filter((r) => r.unitPath.startsWith(u.path));
    }
    const out: Designation[] = [];
    for (const r of rows) {
      const d = present(r, await ctx.todayOfUnit(r.unitId));
      if (q.active === undefined || d.active === q.active) out.push(d);
    }
    return { items: out };
  }

  /** POST /designations: the designee must be a JF Ahli Madya / Ahli Muda working in the unit. */
  async function create(actor: Actor, body: DesignationBody): Promise<Designation> {
    return db.transaction().execute(async (trx) => {
      const unit = await trx
        .selectFrom('units')
        .select(['id', 'path', 'name'])
        .where('id', '=', body.unitId)
        .executeTakeFirst();
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      requireUnit(actor, 'discipline.manage', unit.path);
      const e = await trx
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .select([
          'e.id',
          'e.name',
          'e.activeTo',
          'u.path as unitPath',
          'p.kind as positionKind',
          'p.name as positionName',
        ])
        .where('e.id', '=', body.employeeId)
        .executeTakeFirst();
      if (!e) throw fieldError('employeeId', 'Pegawai tidak ditemukan');
      if (!e.positionKind || !DESIGNABLE_KINDS.includes(e.positionKind))
        throw fieldError(
          'employeeId',
          `Yang dapat ditunjuk sebagai pejabat yang berwenang menghukum hanya pejabat fungsional Ahli Madya atau Ahli Muda; ${e.name} menduduki ${e.positionName ?? 'jabatan lain'} (regulations.md §1.5)`,
        );
      if (!e.unitPath.startsWith(unit.path))
        throw fieldError('unitId', `${e.name} tidak bertugas pada ${unit.name} atau unit di bawahnya`);
      const today = await ctx.todayOfUnit(unit.id, trx);
      const rules = await ctx.rulesOn(body.validFrom, trx);
      const allowed = DISCIPLINE_LEVELS.filter((l) =>
        rules.procedure.authority.some((r) => 'designatedJf' in r.official && r.levels.includes(l)),
      );
      const bad = body.levels.filter((l) => !allowed.includes(l));
      if (bad.length)
        throw fieldError(
          'levels',
          allowed.length
            ? `Matriks kewenangan hanya mengizinkan JF yang ditunjuk menjatuhkan hukuman tingkat ${allowed.join(', ')}`
            : 'Matriks kewenangan tidak mengenal penunjukan JF sebagai pejabat yang berwenang menghukum',
        );
      // One designation of the JF in the unit at a time, so two identical requests cannot both pass the overlap check.
      await sql`select pg_advisory_xact_lock(hashtext(${`discipline-pyb-designation:${e.id}:${unit.id}`}))`.execute(
        trx,
      );
      const overlapping = await trx
        .selectFrom('disciplinePybDesignations')
        .select(['id', 'validFrom', 'validTo'])
        .where('employeeId', '=', e.id)
        .where('unitId', '=', unit.id)
        .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', body.validFrom)]))
        .where(body.validTo ? sql<boolean>`valid_from <= ${body.validTo}` : sql<boolean>`true`)
        .executeTakeFirst();
      if (overlapping)
        throw new AppError(
          'CONFLICT',
          `Penunjukan ${e.name} pada unit ini sudah ada untuk masa ${formatDdMmYyyy(overlapping.validFrom)}–${overlapping.validTo ? formatDdMmYyyy(overlapping.validTo) : 'seterusnya'}`,
        );
      const row = await trx
        .insertInto('disciplinePybDesignations')
        .values({
          employeeId: e.id,
          unitId: unit.id,
          levels: JSON.stringify(body.levels),
          decreeNumber: body.decreeNumber,
          validFrom: body.validFrom,
          validTo: body.validTo ?? null,
          createdBy: actor.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.pyb_designated',
        entityType: 'discipline_pyb_designation',
        entityId: row.id,
        unitId: unit.id,
        after: {
          employeeId: e.id,
          levels: body.levels,
          decreeNumber: body.decreeNumber,
          validFrom: body.validFrom,
          validTo: body.validTo ?? null,
        },
      });
      const r = await query(trx).where('d.id', '=', row.id).executeTakeFirstOrThrow();
      return present(r, today);
    });
  }

  /** POST /designations/:id/end: ends a designation on a date (not before it started). */
  async function end(actor: Actor, id: string, body: EndDesignationBody): Promise<Designation> {
    return db.transaction().execute(async (trx) => {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('Penunjukan');
      // Row lock: two ends of one designation run one after the other (the second sees it ended).
      await sql`select id from discipline_pyb_designations where id = ${id} for update`.execute(trx);
      const r = await query(trx).where('d.id', '=', id).executeTakeFirst();
      if (!r) throw notFound('Penunjukan');
      const readable = DISCIPLINE_READERS.some((p) => inScope(scopeOf(actor, p), r.unitPath));
      if (!readable) throw notFound('Penunjukan');
      requireUnit(actor, 'discipline.manage', r.unitPath);
      if (body.validTo < r.validFrom)
        throw fieldError(
          'validTo',
          `Tanggal akhir tidak boleh sebelum tanggal mulai (${formatDdMmYyyy(r.validFrom)})`,
        );
      if (r.validTo !== null && r.validTo <= body.validTo)
        throw new AppError('CONFLICT', `Penunjukan ini sudah berakhir ${formatDdMmYyyy(r.validTo)}`);
      await trx
        .updateTable('disciplinePybDesignations')
        .set({ validTo: body.validTo })
        .where('id', '=', id)
        .execute();
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'discipline.pyb_designation_ended',
        entityType: 'discipline_pyb_designation',
        entityId: id,
        unitId: r.unitId,
        before: { validTo: r.validTo },
        after: { validTo: body.validTo, reason: body.reason },
      });
      return present({ ...r, validTo: body.validTo }, await ctx.todayOfUnit(r.unitId, trx));
    });
  }

  return { list, create, end };
}
