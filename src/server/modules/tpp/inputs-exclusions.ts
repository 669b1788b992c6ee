import { sql } from 'kysely';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { TppContext } from './tpp-context.ts';
import {
  employeeFor,
  fullName,
  idIn,
  likeOf,
  readerScope,
  readsSomewhere,
  todayOf,
  userNames,
} from './inputs-common.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import type { LegalBasis } from '../../../core/common/legal-basis.ts';
import type {
  Exclusion,
  ExclusionCodes,
  ExclusionCreate,
  ExclusionList,
  ExclusionListParams,
} from '../../../shared/api/tpp-inputs.ts';

/** An exclusion record as the run reads it. */
export interface ExclusionRecord {
  code: string;
  reason: string;
  reference: string | null;
  validFrom: LocalDate;
  validTo: LocalDate | null;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const basisText = (b: LegalBasis) => [b.regulation, b.article].filter(Boolean).join(' ');
const period = (from: LocalDate, to: LocalDate | null) =>
  to ? `${formatDdMmYyyy(from)} s.d. ${formatDdMmYyyy(to)}` : `sejak ${formatDdMmYyyy(from)}`;

/**
 * Exclusion records (issue 17 point 2; regulations.md §5.1 "TPP not paid" list: CLTN, cuti besar, non-active, uang
 * tunggu, MPP, seconded outside the Pemda, imprisoned, TPG recipients …): an employee is excluded from TPP in a
 * period for a code of the rulebook's `tpp.exclusions` in force at its start, with the reason and the decree.
 * Recorded and ended by tpp.run over the employee's unit (admin OPD of her OPD, BKD); listed for TPP readers in
 * scope; read by the runs for a month (`exclusionsIn`).
 */
export function createExclusionsSection(ctx: TppContext) {
  const { db, audit, clock } = ctx;

  const base = (exec: Exec) =>
    exec
      .selectFrom('tppExclusionRecords as x')
      .innerJoin('employees as e', 'e.id', 'x.employeeId')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .selectAll('x')
      .select(['e.nip', 'e.name', 'e.frontTitle', 'e.backTitle', 'e.unitId', 'u.name as unitName', 'u.path']);
  type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

  /** The codes of the rulebook in force on a date, with their descriptions. */
  async function codesOn(date: LocalDate, exec: Exec) {
    const rules = await ctx.rulebookOn(date, exec);
    return rules.tpp.exclusions;
  }

  async function present(actor: Actor, exec: Exec, rows: Row[]): Promise<Exclusion[]> {
    const names = await userNames(exec, [...rows.map((r) => r.recordedBy), ...rows.map((r) => r.endedBy)]);
    const descriptions = new Map<string, string | null>();
    for (const r of rows) {
      const key = `${r.validFrom}|${r.code}`;
      if (descriptions.has(key)) continue;
      const codes = await codesOn(r.validFrom, exec).catch(() => []);
      descriptions.set(key, codes.find((c) => c.code === r.code)?.description ?? null);
    }
    const run = scopeOf(actor, 'tpp.run');
    return rows.map((r) => ({
      id: r.id,
      employeeId: r.employeeId,
      nip: r.nip,
      name: fullName(r),
      unitId: r.unitId,
      unitName: r.unitName,
      code: r.code,
      codeDescription: descriptions.get(`${r.validFrom}|${r.code}`) ?? null,
      validFrom: r.validFrom,
      validTo: r.validTo,
      reason: r.reason,
      reference: r.reference,
      recordedByName: names.get(r.recordedBy) ?? null,
      recordedAt: r.recordedAt.toISOString(),
      endedByName: r.endedBy ? (names.get(r.endedBy) ?? null) : null,
      canEdit: inScope(run, r.path) && r.validTo === null,
    }));
  }

  /** GET /exclusions/codes: the codes an exclusion may be recorded with on a date (default today). */
  async function codes(actor: Actor, date?: LocalDate): Promise<ExclusionCodes> {
    if (!readsSomewhere(actor)) throw forbidden('Anda tidak berwenang melihat kode pengecualian TPP');
    const on = date ?? todayOf(ctx);
    return {
      date: on,
      codes: (await codesOn(on, db)).map((c) => ({
        code: c.code,
        description: c.description,
        legalBasis: basisText(c.legalBasis),
      })),
    };
  }

  /** GET /exclusions: the records of employees in the reader's scope, filtered by unit, month, code, name/NIP. */
  async function list(actor: Actor, q: ExclusionListParams): Promise<ExclusionList> {
    const scope = readerScope(actor);
    if (scope !== 'all' && scope.length === 0)
      throw forbidden('Anda tidak berwenang melihat pengecualian TPP');
    const unitPath = q.unitId ? (await ctx.unitOr404(q.unitId)).path : null;
    const filtered = () => {
      let query = base(db).where((eb) => unitScopeCondition(eb, scope, 'u.path'));
      if (unitPath) query = query.where('u.path', 'like', `${unitPath}%`);
      if (q.employeeId) query = query.where('x.employeeId', '=', q.employeeId);
      if (q.code) query = query.where('x.code', '=', q.code.toUpperCase());
      if (q.month) {
        const { from, to } = monthRange(q.month);
        query = query
          .where('x.validFrom', '<=', to)
          .where((eb) => eb.or([eb('x.validTo', 'is', null), eb('x.validTo', '>=', from)]));
      }
      if (q.q) {
        const like = likeOf(q.q);
        query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
      }
      return query;
    };
    const [rows, count] = await Promise.all([
      filtered()
        .orderBy('x.validFrom', 'desc')
        .orderBy('e.name')
        .orderBy('x.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: await present(actor, db, rows),
      total: Number(count.n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function one(actor: Actor, exec: Exec, id: string): Promise<Exclusion> {
    return (
      await present(actor, exec, [await base(exec).where('x.id', '=', id).executeTakeFirstOrThrow()])
    )[0]!;
  }

  /**
   * POST /exclusions (tpp.run over the employee's unit): refused for an unknown code (the valid ones listed), an
   * end before the start, and a period overlapping another record of the same code.
   */
  async function record(actor: Actor, input: ExclusionCreate): Promise<Exclusion> {
    return db.transaction().execute(async (trx) => {
      const { employee } = await employeeFor(ctx, actor, input.employeeId, trx, { write: true });
      const code = input.code.toUpperCase();
      const known = await codesOn(input.validFrom, trx);
      if (!known.some((c) => c.code === code))
        throw fieldError(
          'code',
          known.length
            ? `Kode pengecualian ${input.code} tidak dikenal pada ${formatDdMmYyyy(input.validFrom)}; kode yang berlaku: ${known.map((c) => `${c.code} (${c.description})`).join(', ')}`
            : `Buku aturan yang berlaku pada ${formatDdMmYyyy(input.validFrom)} tidak memuat kode pengecualian TPP`,
        );
      if (input.validTo !== null && input.validTo < input.validFrom)
        throw fieldError(
          'validTo',
          `Tanggal akhir ${formatDdMmYyyy(input.validTo)} tidak boleh sebelum tanggal mulai ${formatDdMmYyyy(input.validFrom)}`,
        );
      await sql`select id from employees where id = ${employee.id} for update`.execute(trx);
      const clash = await trx
        .selectFrom('tppExclusionRecords')
        .select(['id', 'validFrom', 'validTo'])
        .where('employeeId', '=', employee.id)
        .where('code', '=', code)
        .where((eb) =>
          eb.and([
            ...(input.validTo ? [eb('validFrom', '<=', input.validTo)] : []),
            eb.or([eb('validTo', 'is', null), eb('validTo', '>=', input.validFrom)]),
          ]),
        )
        .executeTakeFirst();
      if (clash)
        throw new AppError(
          'CONFLICT',
          `${employee.name} sudah dikecualikan dengan kode ${code} ${period(clash.validFrom, clash.validTo)}; akhiri atau ubah catatan itu lebih dulu`,
          { exclusionId: clash.id },
        );
      const row = await trx
        .insertInto('tppExclusionRecords')
        .values({
          employeeId: employee.id,
          code,
          validFrom: input.validFrom,
          validTo: input.validTo,
          reason: input.reason,
          reference: input.reference,
          recordedBy: actor.userId,
          recordedAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_exclusion.recorded',
        entityType: 'tpp_exclusion',
        entityId: row.id,
        unitId: employee.unitId,
        after: {
          employeeId: employee.id,
          code,
          validFrom: input.validFrom,
          validTo: input.validTo,
          reason: input.reason,
          reference: input.reference,
        },
      });
      return one(actor, trx, row.id);
    });
  }

  /** POST /exclusions/:id/end (tpp.run over the employee's unit): the last day of an open record. */
  async function end(actor: Actor, id: string, input: { validTo: LocalDate }): Promise<Exclusion> {
    return db.transaction().execute(async (trx) => {
      if (!isUuid(id)) throw notFound('Pengecualian TPP');
      const row = await trx
        .selectFrom('tppExclusionRecords')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound('Pengecualian TPP');
      const { employee } = await employeeFor(ctx, actor, row.employeeId, trx, { write: true }).catch(
        (err) => {
          throw err instanceof AppError && err.code === 'NOT_FOUND' ? notFound('Pengecualian TPP') : err;
        },
      );
      if (row.validTo !== null)
        throw new AppError(
          'CONFLICT',
          `Pengecualian ${row.code} ini sudah berakhir pada ${formatDdMmYyyy(row.validTo)}`,
        );
      if (input.validTo < row.validFrom)
        throw fieldError(
          'validTo',
          `Tanggal akhir ${formatDdMmYyyy(input.validTo)} tidak boleh sebelum tanggal mulai ${formatDdMmYyyy(row.validFrom)}`,
        );
      await trx
        .updateTable('tppExclusionRecords')
        .set({ validTo: input.validTo, endedBy: actor.userId })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_exclusion.ended',
        entityType: 'tpp_exclusion',
        entityId: row.id,
        unitId: employee.unitId,
        before: { employeeId: row.employeeId, code: row.code, validTo: null },
        after: { employeeId: row.employeeId, code: row.code, validTo: input.validTo },
      });
      return one(actor, trx, row.id);
    });
  }

  /** The records overlapping a month (`YYYY-MM`) per employee, oldest first (for the runs). */
  async function exclusionsIn(
    exec: Exec,
    employeeIds: readonly string[],
    month: string,
  ): Promise<Map<string, ExclusionRecord[]>> {
    const out = new Map<string, ExclusionRecord[]>();
    if (employeeIds.length === 0) return out;
    const { from, to } = monthRange(month);
    const rows = await exec
      .selectFrom('tppExclusionRecords')
      .select(['employeeId', 'code', 'reason', 'reference', 'validFrom', 'validTo'])
      .where(idIn('employee_id', employeeIds))
      .where('validFrom', '<=', to)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', from)]))
      .orderBy('employeeId')
      .orderBy('validFrom')
      .orderBy('code')
      .execute();
    for (const { employeeId, ...r } of rows) out.set(employeeId, [...(out.get(employeeId) ?? []), r]);
    return out;
  }

  return { codes, list, record, end, exclusionsIn };
}
export type ExclusionsSection = ReturnType<typeof createExclusionsSection>;
