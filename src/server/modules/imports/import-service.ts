import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../../auth/authz.ts';
import { addDays } from '../../../core/common/local-date.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';
import type { ImportJob } from '../../../shared/api/imports.ts';
import { EMPLOYEE_COLUMNS, UNIT_COLUMNS } from './import-columns.ts';
import type { EmployeeRow, ImportLookups, UnitRow, RowError } from './import-validate.ts';
import { toCsv, toXlsx } from '../../lib/table-export.ts';
import { inWorker, type WorkerPool } from '../../lib/worker-pool.ts';
import type { ValidatedFile } from './import-task.ts';

const TASKS = new URL('./import-task.ts', import.meta.url);

type Kind = 'units' | 'employees';
export type Progress = (phase: 'validate' | 'commit', done: number, total: number) => void;

type Deps = {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  org: unknown;
  clock: Clock;
  config: Pick<Config, 'importMaxBytes' | 'importLimits'>;
  /** Parsing and validation run in worker threads, off the event loop. */
  workers: WorkerPool;
};

/**
 * Imports of units and employees from CSV/XLSX: validate every row and keep the report; then, on the user's
 * choice, write all rows (only when none is bad) or only the valid rows — in one transaction, idempotent on
 * unit code and NIP (a row equal to what is stored is skipped).
 */
export function createImportService({ db, audit, clock, config, workers }: Deps) {
  const today = () => toZoned(clock.now().getTime(), 'Asia/Jakarta').date;

  async function lookups(actor: Actor): Promise<ImportLookups> {
    const scope = scopeOf(actor, 'import.run');
    const units = await db
      .selectFrom('units as u')
      .leftJoin('units as p', 'p.id', 'u.parentId')
      .select(['u.id', 'u.code', 'u.path', 'u.timeZone', 'p.code as parentCode'])
      .execute();
    const positions = await db
      .selectFrom('positions as p')
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .select(['p.id', 'p.code', 'u.code as unitCode'])
      .execute();
    const emps = await db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('employees as s', 's.id', 'e.superiorId')
      .select(['e.id', 'e.nip', 'e.internalId', 's.nip as superiorNip', 'u.path'])
      .where((eb) => eb.or([eb('e.nip', 'is not', null), eb('e.internalId', 'is not', null)]))
      .execute();
    return {
      units: new Map(
        units.map((u) => [
          u.code,
          {
            id: u.id,
            path: u.path,
            timeZone: u.timeZone,
            writable: inScope(scope, u.path),
            parentCode: u.parentCode,
          },
        ]),
      ),
      positions: new Map(positions.map((p) => [p.code, { id: p.id, unitCode: p.unitCode }])),
      employees: new Map(
        emps
          .filter((e) => e.nip)
          .map((e) => [e.nip!, { id: e.id, superiorNip: e.superiorNip, writable: inScope(scope, e.path) }]),
      ),
      nonAsn: new Map(
        emps.filter((e) => !e.nip).map((e) => [e.internalId!, { writable: inScope(scope, e.path) }]),
      ),
      importerNip: actor.nip,
    };
  }

  function present(row: Awaited<ReturnType<typeof loadJob>>, createdByName: string | null): ImportJob {
    return {
      id: row.id,
      kind: row.kind as Kind,
      fileName: row.fileName,
      status: row.status as ImportJob['status'],
      totalRows: row.totalRows,
      validRows: row.validRows,
      errors: row.errors,
      createdAt: row.createdAt.toISOString(),
      createdBy: createdByName,
      result: row.result ?? null,
    };
  }

  async function loadJob(id: string) {
    const job = await db.selectFrom('importJobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job) throw notFound('Impor');
    return job;
  }

  /**
   * Parse and validate a file; store the report and the valid rows for the later decision. The file is read as
   * a stream within the import limits and validated in a worker thread, so a large upload does not hold up
   * other requests; nothing is stored when it is refused. Source: issue 12 points 3 and 5; docs/import.md.
   * @throws UNSUPPORTED_FILE, FILE_TOO_LARGE (the limit named in message and details), IMPORT_INVALID
   */
  async function validate(
    actor: Actor,
    kind: Kind,
    fileName: string,
    buf: Buffer,
    onProgress?: Progress,
  ): Promise<ImportJob> {
    requireAny(actor, 'import.run');
    const lk = await lookups(actor);
    const bytes = new Uint8Array(buf);
    const checked = await inWorker(workers, () =>
      workers.run<ValidatedFile>({
        module: TASKS,
        fn: 'validateFileTask',
        input: { kind, fileName, bytes, limits: config.importLimits, lookups: lk },
        transfer: [bytes.buffer],
        onProgress: (done, total) => onProgress?.('validate', done, total),
      }),
    );
    const result = checked;
    const totalRows = checked.totalRows;
    onProgress?.('validate', totalRows, totalRows);
    const job = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('importJobs')
        .values({
          kind,
          fileName,
          status: 'validated',
          totalRows,
          validRows: result.valid.length,
          errors: JSON.stringify(result.errors),
          payload: JSON.stringify(result.valid),
          result: null,
          scopeUnitId: null,
          createdBy: actor.userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit.record(trx, ctxOf(actor), {
        action: 'import.validated',
        entityType: 'import',
        entityId: row.id,
        after: {
          kind,
          fileName,
          totalRows,
          validRows: result.valid.length,
          errorCount: result.errors.length,
        },
      });
      return row;
    });
    return present(job, actor.displayName);
  }

  async function upsertUnits(
    trx: Transaction<Database>,
    actor: Actor,
    rows: UnitRow[],
    onProgress?: Progress,
  ) {
    const existing = new Map((await trx.selectFrom('units').selectAll().execute()).map((u) => [u.code, u]));
    let inserted = 0;
    let updated = 0;
    let skipped = 0;
    const pending = [...rows];
    let done = 0;
    // Parents first: keep passing over the rows until every row whose parent now exists is written.
    while (pending.length > 0) {
      const before = pending.length;
      for (let i = 0; i < pending.length; i++) {
        const r = pending[i]!;
        const parent = r.parentCode ? existing.get(r.parentCode) : undefined;
        if (r.parentCode && !parent) continue;
        pending.splice(i--, 1);
        const cur = existing.get(r.code);
        const timeZone = r.timeZone ?? cur?.timeZone ?? parent?.timeZone ?? 'Asia/Jakarta';
        if (cur) {
          const same =
            cur.name === r.name &&
            cur.kind === r.kind &&
            cur.timeZone === timeZone &&
            (cur.address ?? null) === r.address;
          if (same) skipped++;
          else {
            await trx
              .updateTable('units')
              .set({ name: r.name, kind: r.kind, timeZone, address: r.address, updatedAt: clock.now() })
              .where('id', '=', cur.id)
              .execute();
            await audit.record(trx, ctxOf(actor), {
              action: 'unit.updated',
              entityType: 'unit',
              entityId: cur.id,
              unitId: cur.id,
              before: cur,
              after: { ...r, timeZone },
            });
            existing.set(r.code, { ...cur, name: r.name, kind: r.kind, timeZone, address: r.address });
            updated++;
          }
        } else {
          const id = randomUUID();
          const row = {
            id,
            code: r.code,
            name: r.name,
            kind: r.kind,
            parentId: parent?.id ?? null,
            timeZone,
            address: r.address,
            path: `${parent?.path ?? '/'}${id}/`,
          };
          const saved = await trx.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
          await audit.record(trx, ctxOf(actor), {
            action: 'unit.created',
            entityType: 'unit',
            entityId: id,
            unitId: id,
            after: row,
          });
          existing.set(r.code, saved);
          inserted++;
        }
        onProgress?.('commit', ++done, rows.length);
      }
      if (pending.length === before) break;
    }
    return { inserted, updated, skipped: skipped + pending.length };
  }

  async function upsertEmployees(
    trx: Transaction<Database>,
    actor: Actor,
    rows: EmployeeRow[],
    onProgress?: Progress,
  ) {
    const units = new Map(
      (await trx.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    const positions = new Map(
      (await trx.selectFrom('positions').select(['id', 'code']).execute()).map((p) => [p.code, p.id]),
    );
    const t = today();
    const ids = new Map<string, string>();
    let inserted = 0;
    let updated = 0;
    let skipped = 0;
    const isNew = new Set<string>();
    const changed = new Set<string>();
    // Pass 1: personal data (insert or update); superiors come in pass 2, when every NIP in the file has an id.
    for (const [i, r] of rows.entries()) {
      const key = r.nip ?? `internal:${r.internalId}`;
      const cur = r.nip
        ? await trx.selectFrom('employees').selectAll().where('nip', '=', r.nip).executeTakeFirst()
        : await trx
            .selectFrom('employees')
            .selectAll()
            .where('internalId', '=', r.internalId)
            .executeTakeFirst();
      const personal = {
        nip: r.nip,
        internalId: r.internalId,
        frontTitle: r.frontTitle,
        name: r.name,
        backTitle: r.backTitle,
        gender: r.gender,
        birthDate: r.birthDate,
        employeeType: r.employeeType,
        golongan: r.golongan,
        education: r.education,
        email: r.email,
        phone: r.phone,
      };
      if (cur) {
        ids.set(key, cur.id);
        const diff = Object.entries(personal).filter(([k, v]) => (cur as Record<string, unknown>)[k] !== v);
        if (diff.length > 0) {
          await trx
            .updateTable('employees')
            .set({ ...personal, updatedAt: clock.now() })
            .where('id', '=', cur.id)
            .execute();
          await audit.record(trx, ctxOf(actor), {
            action: 'employee.updated',
            entityType: 'employee',
            entityId: cur.id,
            unitId: cur.unitId,
            before: Object.fromEntries(diff.map(([k]) => [k, (cur as Record<string, unknown>)[k]])),
            after: Object.fromEntries(diff),
          });
          changed.add(key);
        }
      } else {
        const id = randomUUID();
        ids.set(key, id);
        isNew.add(key);
        await trx
          .insertInto('employees')
          .values({
            id,
            ...personal,
            unitId: units.get(r.unitCode)!,
            positionId: r.positionCode ? positions.get(r.positionCode)! : null,
            superiorId: null,
            activeFrom: r.activeFrom,
            activeTo: null,
          })
          .execute();
      }
      onProgress?.('commit', i + 1, rows.length * 2);
    }
    // Pass 2: placement and superior.
    for (const [i, r] of rows.entries()) {
      const key = r.nip ?? `internal:${r.internalId}`;
      const id = ids.get(key)!;
      let superiorId: string | null = null;
      if (r.superiorNip) {
        superiorId =
          ids.get(r.superiorNip) ??
          (await trx.selectFrom('employees').select('id').where('nip', '=', r.superiorNip).executeTakeFirst())
            ?.id ??
          null;
      }
      const unitId = units.get(r.unitCode)!;
      const positionId = r.positionCode ? positions.get(r.positionCode)! : null;
      if (isNew.has(key)) {
        await trx.updateTable('employees').set({ superiorId }).where('id', '=', id).execute();
        await trx
          .insertInto('placements')
          .values({
            employeeId: id,
            unitId,
            positionId,
            superiorId,
            validFrom: r.activeFrom,
            validTo: null,
            decree: null,
          })
          .execute();
        const after = { ...r, superiorId };
        await audit.record(trx, ctxOf(actor), {
          action: 'employee.created',
          entityType: 'employee',
          entityId: id,
          unitId,
          after,
        });
        inserted++;
      } else {
        const cur = await trx
          .selectFrom('employees')
          .select(['unitId', 'positionId', 'superiorId'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        if (cur.unitId !== unitId || cur.positionId !== positionId || cur.superiorId !== superiorId) {
          const open = await trx
            .selectFrom('placements')
            .selectAll()
            .where('employeeId', '=', id)
            .where('validTo', 'is', null)
            .executeTakeFirst();
          const from = open && open.validFrom >= t ? open.validFrom : t;
          if (open && open.validFrom >= t) {
            await trx
              .updateTable('placements')
              .set({ unitId, positionId, superiorId })
              .where('id', '=', open.id)
              .execute();
          } else {
            if (open)
              await trx
                .updateTable('placements')
                .set({ validTo: addDays(t, -1) })
                .where('id', '=', open.id)
                .execute();
            await trx
              .insertInto('placements')
              .values({
                employeeId: id,
                unitId,
                positionId,
                superiorId,
                validFrom: from,
                validTo: null,
                decree: 'Impor data',
              })
              .execute();
          }
          await trx
            .updateTable('employees')
            .set({ unitId, positionId, superiorId, updatedAt: clock.now() })
            .where('id', '=', id)
            .execute();
          await audit.record(trx, ctxOf(actor), {
            action: 'employee.placed',
            entityType: 'employee',
            entityId: id,
            unitId,
            before: cur,
            after: { unitId, positionId, superiorId, validFrom: from },
          });
          changed.add(key);
        }
        if (changed.has(key)) updated++;
        else skipped++;
      }
      onProgress?.('commit', rows.length + i + 1, rows.length * 2);
    }
    return { inserted, updated, skipped };
  }

  /**
   * Write a validated import. `all` refuses a file with any bad row (nothing is written); `validOnly` writes the
   * valid rows and leaves the bad ones out. One transaction: either every chosen row is written or none is.
   */
  async function commit(
    actor: Actor,
    jobId: string,
    mode: 'all' | 'validOnly',
    onProgress?: Progress,
  ): Promise<ImportJob> {
    requireAny(actor, 'import.run');
    const job = await loadJob(jobId);
    if (job.createdBy !== actor.userId)
      throw new AppError('FORBIDDEN', 'Impor ini dibuat oleh pengguna lain');
    if (job.status !== 'validated') throw new AppError('CONFLICT', 'Impor ini sudah diproses');
    if (mode === 'all' && job.errors.length > 0) {
      throw new AppError(
        'IMPORT_INVALID',
        `Berkas memiliki ${job.errors.length} baris bermasalah; perbaiki berkas atau pilih "impor baris valid saja"`,
        job.errors,
      );
    }
    // Re-validate against the current database, so a row that became invalid since the upload is not written.
    const lk = await lookups(actor);
    const rows = job.payload as (UnitRow | EmployeeRow)[];
    const raw = rows.map((r) => ({ line: r.line, cells: toCells(job.kind as Kind, r) }));
    const headers =
      job.kind === 'units' ? UNIT_COLUMNS.map((c) => c.name) : EMPLOYEE_COLUMNS.map((c) => c.name);
    const recheck = await inWorker(workers, () =>
      workers.run<{ valid: (UnitRow | EmployeeRow)[]; errors: RowError[] }>({
        module: TASKS,
        fn: 'recheckTask',
        input: { kind: job.kind as Kind, headers, raw, lookups: lk },
      }),
    );
    if (recheck.errors.length > 0 && mode === 'all') {
      throw new AppError(
        'IMPORT_INVALID',
        'Data berubah sejak berkas diperiksa; unggah ulang berkas',
        recheck.errors,
      );
    }
    const saved = await db.transaction().execute(async (trx) => {
      // Concurrency (issue 12): the job row is locked before anything is written, so of N identical commits one
      // writes; the others wait for it, find the job no longer 'validated' and answer 409 (no row written twice).
      const open = await trx
        .selectFrom('importJobs')
        .select('id')
        .where('id', '=', jobId)
        .where('status', '=', 'validated')
        .forUpdate()
        .executeTakeFirst();
      if (!open) throw new AppError('CONFLICT', 'Impor ini sudah diproses');
      const result =
        job.kind === 'units'
          ? await upsertUnits(trx, actor, recheck.valid as UnitRow[], onProgress)
          : await upsertEmployees(trx, actor, recheck.valid as EmployeeRow[], onProgress);
      const row = await trx
        .updateTable('importJobs')
        .set({ status: 'committed', result: JSON.stringify(result), committedAt: clock.now() })
        .where('id', '=', jobId)
        .where('status', '=', 'validated')
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('CONFLICT', 'Impor ini sudah diproses');
      await audit.record(trx, ctxOf(actor), {
        action: 'import.committed',
        entityType: 'import',
        entityId: jobId,
        after: { mode, ...result },
      });
      return row;
    });
    return present(saved, actor.displayName);
  }

  async function list(actor: Actor, page: number, pageSize: number) {
    requireAny(actor, 'import.run');
    const base = db
      .selectFrom('importJobs as j')
      .leftJoin('users as u', 'u.id', 'j.createdBy')
      .where('j.createdBy', '=', actor.userId);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('j')
      .select('u.displayName')
      .orderBy('j.createdAt', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map((r) => present(r, r.displayName)), total: total.n, page, pageSize };
  }

  async function get(actor: Actor, id: string) {
    requireAny(actor, 'import.run');
    const job = await loadJob(id);
    if (job.createdBy !== actor.userId)
      throw new AppError('FORBIDDEN', 'Impor ini dibuat oleh pengguna lain');
    return present(job, actor.displayName);
  }

  /** An empty file with the documented columns and one example row. */
  async function template(kind: Kind, format: 'csv' | 'xlsx') {
    const spec = kind === 'units' ? UNIT_COLUMNS : EMPLOYEE_COLUMNS;
    const columns = spec.map((c) => ({
      header: c.name,
      key: c.name,
      width: Math.max(14, c.example.length + 4),
    }));
    const example = Object.fromEntries(spec.map((c) => [c.name, c.example]));
    return format === 'csv'
      ? Buffer.from(toCsv(columns, [example]))
      : toXlsx(kind === 'units' ? 'Unit' : 'Pegawai', columns, [example]);
  }

  async function countMine(actor: Actor): Promise<number> {
    const row = await db
      .selectFrom('importJobs')
      .where('createdBy', '=', actor.userId)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  }

  return {
    validate,
    commit,
    list,
    get,
    template,
    countMine,
    /** The column layout and the largest file accepted (IMPORT_MAX_BYTES), for the import page. */
    columns: { units: UNIT_COLUMNS, employees: EMPLOYEE_COLUMNS, maxBytes: config.importMaxBytes },
  };
}

function toCells(kind: Kind, r: UnitRow | EmployeeRow): Record<string, string> {
  const s = (v: string | null | undefined) => v ?? '';
  if (kind === 'units') {
    const u = r as UnitRow;
    return {
      kode: u.code,
      nama: u.name,
      jenis: u.kind,
      kode_induk: s(u.parentCode),
      zona_waktu: s(u.timeZone),
      alamat: s(u.address),
    };
  }
  const e = r as EmployeeRow;
  return {
    nip: s(e.nip),
    id_internal: s(e.internalId),
    nama: e.name,
    gelar_depan: s(e.frontTitle),
    gelar_belakang: s(e.backTitle),
    jenis_kelamin: e.gender,
    tanggal_lahir: s(e.birthDate),
    jenis_pegawai: e.employeeType,
    golongan: s(e.golongan),
    pendidikan: s(e.education),
    kode_unit: e.unitCode,
    kode_jabatan: s(e.positionCode),
    nip_atasan: s(e.superiorNip),
    tmt: e.activeFrom,
    email: s(e.email),
    telepon: s(e.phone),
  };
}

export type ImportService = ReturnType<typeof createImportService>;
