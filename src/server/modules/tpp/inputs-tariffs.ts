import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { TppContext } from './tpp-context.ts';
import { likeOf, readsSomewhere, userNames } from './inputs-common.ts';
import {
  pickTariff,
  rulebookTariff,
  TPP_CRITERIA,
  TPP_CRITERION_LABELS,
  validateTariffTable,
  type PositionInUse,
  type TariffAmount,
  type TariffIssue,
  type TariffRow as CoreTariffRow,
  type TariffRowInput as CoreTariffRowInput,
  type TppCriterion,
} from '../../../core/tpp/tariff-table.ts';
import type { TppRules } from '../../../core/tpp/tpp-rules.ts';
import { POSITION_KINDS } from '../../../shared/api/org.ts';
import {
  TARIFF_TABLE_STATUS_LABELS,
  type TariffRow,
  type TariffTable,
  type TariffTableCreate,
  type TariffTableList,
  type TariffTableListParams,
  type TariffTableStatus,
} from '../../../shared/api/tpp-inputs.ts';

/**
 * The tariffs a run reads for a year: the year's active table (per criterion the most specific row, summed), or
 * the rulebook's rows (criterion PRESTASI_KERJA) when BKD has stored none. `amountFor` is null when the kelas has
 * no tariff for the post (the run refuses, naming the kelas).
 */
export interface TariffResolver {
  source: { kind: 'table'; tableId: string; perkadaRef: string } | { kind: 'rulebook' };
  amountFor(
    kelas: number,
    positionGroup: string | null,
    unitId: string,
    unitPath: string,
    rules: TppRules,
  ): TariffAmount | null;
}

/** A table's header as stored, before it is presented. */
interface TableHeader {
  year: number;
  perkadaRef: string;
  perkadaDate: string | null;
  note: string | null;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
const criterionOrder = (c: string) => TPP_CRITERIA.indexOf(c as TppCriterion);

/**
 * Tariff tables per year (issue 17 point 1; PP 12/2019 Pasal 58; regulations.md §5.1, §10): BKD (tpp.manage over the
 * whole region) stores a table with its Perkada reference, entered as JSON or imported from XLSX
 * (inputs-tariffs-import.ts); a new table for a year replaces the active one (DIGANTI, kept for the runs that used
 * it). Officials who read TPP anywhere read every table (region-wide public rules).
 */
export function createTariffsSection(ctx: TppContext) {
  const { db, audit } = ctx;

  function requireReader(actor: Actor) {
    if (!readsSomewhere(actor)) throw forbidden('Anda tidak berwenang melihat tabel besaran TPP');
  }

  /** tpp.manage over every top-level unit: the tariffs are the region's, not one OPD's. */
  async function requireManager(actor: Actor, exec: Exec = db) {
    const scope = scopeOf(actor, 'tpp.manage');
    const roots = await exec.selectFrom('units').select('path').where('parentId', 'is', null).execute();
    if ((scope !== 'all' && scope.length === 0) || roots.some((r) => !inScope(scope, r.path)))
      throw forbidden('Hanya BKD (untuk seluruh pemerintah daerah) yang menetapkan tabel besaran TPP');
  }

  /** The posts of the region: every position with its kelas, kind and unit. */
  async function positionsInUse(exec: Exec): Promise<PositionInUse[]> {
    const rows = await exec
      .selectFrom('positions as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select(['p.kelasJabatan', 'p.kind', 'p.name', 'u.path', 'u.name as unitName'])
      .orderBy('u.path')
      .orderBy('p.code')
      .execute();
    return rows.map((r) => ({
      kelas: r.kelasJabatan,
      positionGroup: r.kind,
      unitPath: r.path,
      name: r.name,
      unitName: r.unitName,
    }));
  }

  /** Units by code (or by id), for the rows that name one. */
  async function unitsByRef(exec: Exec, refs: string[]) {
    const list = [...new Set(refs.filter(Boolean))];
    const out = new Map<string, { id: string; path: string; code: string; name: string }>();
    if (list.length === 0) return out;
    const ids = list.filter(isUuid);
    const rows = await exec
      .selectFrom('units')
      .select(['id', 'path', 'code', 'name'])
      .where((eb) =>
        eb.or([
          eb(
            eb.fn('upper', ['code']),
            'in',
            list.map((r) => r.toUpperCase()),
          ),
          ...(ids.length ? [eb('id', 'in', ids)] : []),
        ]),
      )
      .execute();
    for (const u of rows) {
      out.set(u.code.toUpperCase(), u);
      out.set(u.id, u);
    }
    return out;
  }

  /**
   * Check rows as entered against the region as it is now (units, positions in use). `unitRef` per row: a code or
   * an id, or null. @returns the core's issues and the valid rows (with their units' paths)
   */
  async function check(
    exec: Exec,
    rows: (Omit<CoreTariffRowInput, 'unit'> & { unitRef: string | null })[],
    rowName?: (i: number) => string,
  ): Promise<{ issues: TariffIssue[]; rows: CoreTariffRow[] }> {
    const units = await unitsByRef(
      exec,
      rows.map((r) => r.unitRef ?? ''),
    );
    const input: CoreTariffRowInput[] = rows.map(({ unitRef, ...r }) => {
      const u = unitRef ? (units.get(unitRef) ?? units.get(unitRef.toUpperCase())) : undefined;
      return { ...r, unit: unitRef ? { ref: unitRef, id: u?.id ?? null, path: u?.path ?? null } : null };
    });
    return validateTariffTable(input, {
      positionGroups: POSITION_KINDS,
      inUse: await positionsInUse(exec),
      ...(rowName ? { rowName } : {}),
    });
  }

  /** Rows of tables as presented (unit code and name), ordered by kelas, criterion, group and unit. */
  async function rowsOf(exec: Exec, tableIds: string[]): Promise<Map<string, TariffRow[]>> {
    const out = new Map<string, TariffRow[]>(tableIds.map((i) => [i, []]));
    if (tableIds.length === 0) return out;
    const rows = await exec
      .selectFrom('tppTariffs as t')
      .leftJoin('units as u', 'u.id', 't.unitId')
      .select([
        't.tableId',
        't.kelas',
        't.criterion',
        't.positionGroup',
        't.unitId',
        'u.code as unitCode',
        'u.name as unitName',
        't.amount',
      ])
      .where('t.tableId', 'in', tableIds)
      .execute();
    rows.sort(
      (a, b) =>
        a.kelas - b.kelas ||
        criterionOrder(a.criterion) - criterionOrder(b.criterion) ||
        (a.positionGroup ?? '').localeCompare(b.positionGroup ?? '') ||
        (a.unitCode ?? '').localeCompare(b.unitCode ?? ''),
    );
    for (const r of rows)
      out.get(r.tableId)!.push({
        kelas: r.kelas,
        criterion: r.criterion as TppCriterion,
        criterionLabel: TPP_CRITERION_LABELS[r.criterion as TppCriterion] ?? r.criterion,
        positionGroup: r.positionGroup,
        unitId: r.unitId,
        unitCode: r.unitCode,
        unitName: r.unitName,
        amount: Number(r.amount),
      });
    return out;
  }

  /** Valid core rows as presented (before they are stored: a dry run's rows). */
  async function presentRows(exec: Exec, rows: CoreTariffRow[]): Promise<TariffRow[]> {
    const ids = [...new Set(rows.map((r) => r.unitId).filter((x): x is string => !!x))];
    const units = new Map(
      ids.length
        ? (
            await exec.selectFrom('units').select(['id', 'code', 'name']).where('id', 'in', ids).execute()
          ).map((u) => [u.id, u])
        : [],
    );
    return rows.map((r) => ({
      kelas: r.kelas,
      criterion: r.criterion,
      criterionLabel: TPP_CRITERION_LABELS[r.criterion],
      positionGroup: r.positionGroup,
      unitId: r.unitId,
      unitCode: r.unitId ? (units.get(r.unitId)?.code ?? null) : null,
      unitName: r.unitId ? (units.get(r.unitId)?.name ?? null) : null,
      amount: r.amount,
    }));
  }

  const tables = (exec: Exec) =>
    exec
      .selectFrom('tppTariffTables')
      .select(['id', 'year', 'perkadaRef', 'perkadaDate', 'note', 'status', 'createdBy', 'createdAt']);
  type TableRow = Awaited<ReturnType<ReturnType<typeof tables>['executeTakeFirstOrThrow']>>;

  async function present(exec: Exec, list: TableRow[]): Promise<TariffTable[]> {
    const rows = await rowsOf(
      exec,
      list.map((t) => t.id),
    );
    const names = await userNames(
      exec,
      list.map((t) => t.createdBy),
    );
    return list.map((t) => ({
      id: t.id,
      year: t.year,
      perkadaRef: t.perkadaRef,
      perkadaDate: t.perkadaDate,
      note: t.note,
      status: t.status as TariffTableStatus,
      statusLabel: TARIFF_TABLE_STATUS_LABELS[t.status as TariffTableStatus] ?? t.status,
      createdByName: names.get(t.createdBy) ?? null,
      createdAt: t.createdAt.toISOString(),
      rows: rows.get(t.id) ?? [],
    }));
  }

  async function tableOr404(exec: Exec, id: string): Promise<TableRow> {
    if (!isUuid(id)) throw notFound('Tabel besaran TPP');
    const t = await tables(exec).where('id', '=', id).executeTakeFirst();
    if (!t) throw notFound('Tabel besaran TPP');
    return t;
  }

  /** The year's active table (the one a new table replaces). */
  const activeOf = (exec: Exec, year: number) =>
    exec
      .selectFrom('tppTariffTables')
      .select(['id', 'perkadaRef'])
      .where('year', '=', year)
      .where('status', '=', 'AKTIF')
      .executeTakeFirst();

  /**
   * Store a checked table for its year, replacing the active one (DIGANTI), in the caller's transaction; one
   * writer per year at a time. Audited: the new table (with what it replaces and where it came from) and the old
   * one's replacement. @returns the new table's id
   */
  async function store(
    trx: Transaction<Database>,
    actor: Actor,
    header: TableHeader,
    rows: CoreTariffRow[],
    source: { kind: 'JSON' } | { kind: 'XLSX'; fileName: string },
  ): Promise<string> {
    const old = await activeOf(trx, header.year);
    if (old) {
      await trx.updateTable('tppTariffTables').set({ status: 'DIGANTI' }).where('id', '=', old.id).execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'tpp_tariff.table_replaced',
        entityType: 'tpp_tariff_table',
        entityId: old.id,
        before: { status: 'AKTIF', year: header.year, perkadaRef: old.perkadaRef },
        after: { status: 'DIGANTI', replacedByPerkadaRef: header.perkadaRef },
      });
    }
    const table = await trx
      .insertInto('tppTariffTables')
      .values({ ...header, status: 'AKTIF', createdBy: actor.userId, createdAt: ctx.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < rows.length; i += 1000)
      await trx
        .insertInto('tppTariffs')
        .values(
          rows.slice(i, i + 1000).map((r) => ({
            tableId: table.id,
            kelas: r.kelas,
            criterion: r.criterion,
            positionGroup: r.positionGroup,
            unitId: r.unitId,
            amount: r.amount,
          })),
        )
        .execute();
    await audit.record(trx, ctxOf(actor), {
      action: 'tpp_tariff.table_created',
      entityType: 'tpp_tariff_table',
      entityId: table.id,
      after: {
        ...header,
        status: 'AKTIF',
        rows: rows.length,
        kelas: [...new Set(rows.map((r) => r.kelas))].sort((a, b) => a - b),
        replaces: old?.id ?? null,
        source: source.kind,
        ...(source.kind === 'XLSX' ? { fileName: source.fileName } : {}),
      },
    });
    return table.id;
  }

  /** Serialises the writers of one year's table (the active table is read, then replaced). */
  const lockYear = (trx: Transaction<Database>, year: number) =>
    sql`select pg_advisory_xact_lock(hashtext('tpp_tariff_table'), ${year})`.execute(trx);

  // ------------------------------------------------------------------------------------------ routes

  /** GET /tariff-tables */
  async function list(actor: Actor, q: TariffTableListParams): Promise<TariffTableList> {
    requireReader(actor);
    const filtered = () => {
      let query = tables(db);
      if (q.year) query = query.where('year', '=', q.year);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.q) query = query.where('perkadaRef', 'ilike', likeOf(q.q));
      return query;
    };
    const [rows, count] = await Promise.all([
      filtered()
        .orderBy('year', 'desc')
        .orderBy('status') // AKTIF before DIGANTI
        .orderBy('createdAt', 'desc')
        .orderBy('id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: await present(db, rows), total: Number(count.n), page: q.page, pageSize: q.pageSize };
  }

  /** GET /tariff-tables/:id */
  async function get(actor: Actor, id: string, exec: Exec = db): Promise<TariffTable> {
    requireReader(actor);
    return (await present(exec, [await tableOr404(exec, id)]))[0]!;
  }

  /** POST /tariff-tables: a table entered as JSON; every bad row named in the 400's details, nothing written. */
  async function create(actor: Actor, input: TariffTableCreate): Promise<TariffTable> {
    return db.transaction().execute(async (trx) => {
      await requireManager(actor, trx);
      await lockYear(trx, input.year);
      const c = await check(
        trx,
        input.rows.map(({ unitId, ...r }) => ({ ...r, unitRef: unitId })),
        (i) => `rows[${i}]`,
      );
      if (c.issues.length) {
        const field = (f: TariffIssue['field']) => (f === 'unit' ? 'unitId' : f);
        throw new AppError(
          'VALIDATION',
          `Tabel besaran TPP tidak dapat disimpan: ${c.issues.length} masalah`,
          c.issues.map((i) => ({
            path: i.row === null ? 'rows' : [`rows.${i.row}`, field(i.field)].filter(Boolean).join('.'),
            message: i.message,
          })),
        );
      }
      const { rows: _rows, ...header } = input;
      const id = await store(trx, actor, header, c.rows, { kind: 'JSON' });
      return get(actor, id, trx);
    });
  }

  // ------------------------------------------------------------------------------------------ for the runs

  /** A resolver over one stored table (a run reproducing the table it used). */
  async function tariffsOfTable(exec: Exec, tableId: string): Promise<TariffResolver> {
    const t = await exec
      .selectFrom('tppTariffTables')
      .select(['id', 'perkadaRef'])
      .where('id', '=', tableId)
      .executeTakeFirst();
    if (!t) throw notFound('Tabel besaran TPP');
    const rows = await exec
      .selectFrom('tppTariffs as t')
      .leftJoin('units as u', 'u.id', 't.unitId')
      .select(['t.kelas', 't.criterion', 't.positionGroup', 't.unitId', 'u.path as unitPath', 't.amount'])
      .where('t.tableId', '=', t.id)
      .execute();
    const byKelas = new Map<number, CoreTariffRow[]>();
    for (const r of rows)
      byKelas.set(r.kelas, [
        ...(byKelas.get(r.kelas) ?? []),
        { ...r, criterion: r.criterion as TppCriterion, amount: Number(r.amount) },
      ]);
    const memo = new Map<string, TariffAmount | null>();
    return {
      source: { kind: 'table', tableId: t.id, perkadaRef: t.perkadaRef },
      amountFor(kelas, positionGroup, _unitId, unitPath) {
        const key = `${kelas}|${positionGroup ?? ''}|${unitPath}`;
        if (!memo.has(key))
          memo.set(key, pickTariff(byKelas.get(kelas) ?? [], { kelas, positionGroup, unitPath }));
        return memo.get(key)!;
      },
    };
  }

  /** The rulebook's tariff rows (a year without a Perkada table). */
  const rulebookTariffs: TariffResolver = {
    source: { kind: 'rulebook' },
    amountFor: (kelas, _group, _unitId, _unitPath, rules) => rulebookTariff(rules, kelas),
  };

  /**
   * The tariffs of a year for a run: the year's active table, else the rulebook's rows (regulations.md §5.1, §10).
   */
  async function tariffsFor(exec: Exec, year: number): Promise<TariffResolver> {
    const active = await activeOf(exec, year);
    return active ? tariffsOfTable(exec, active.id) : rulebookTariffs;
  }

  /**
   * The tariffs a stored run was computed with (`RunRules.tariffSource`): its table (even when replaced since) or
   * the rulebook's rows. A line computed again for that run (an upheld objection, a correction) uses these.
   */
  async function tariffsOfSource(exec: Exec, source: TariffResolver['source']): Promise<TariffResolver> {
    return source.kind === 'table' ? tariffsOfTable(exec, source.tableId) : rulebookTariffs;
  }

  return {
    list,
    get,
    create,
    tariffsFor,
    tariffsOfTable,
    tariffsOfSource,
    // for the import and export (inputs-tariffs-file.ts)
    check,
    store,
    lockYear,
    activeOf,
    presentRows,
    requireManager,
    requireReader,
    tableOr404,
    present,
  };
}
export type TariffsSection = ReturnType<typeof createTariffsSection>;
