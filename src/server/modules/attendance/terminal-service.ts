import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import { addDays } from '../../../core/common/local-date.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, type Actor } from '../../auth/authz.ts';
import { createTerminalRepo, type TerminalPunchRow, type TerminalRepo } from './terminal-repo.ts';
import { parseLogOffThread, parseUsersOffThread } from './terminal-parse.ts';
import type { WorkerPool } from '../../lib/worker-pool.ts';
import {
  terminalIdempotencyKey,
  terminalInstant,
  type TerminalLogEntry,
} from '../../../core/attendance/terminal-log.ts';
import { judgePunch } from '../../../core/attendance/judge-punch.ts';
import type { CaptureRules } from '../../../core/attendance/capture-rules.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { INDONESIAN_TIME_ZONES, toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { TerminalImportResult } from '../../../shared/api/attendance.ts';

export type TerminalProgress = (phase: 'check' | 'write', done: number, total: number) => void;

export interface TerminalImportInput {
  fileName: string;
  buf: Buffer;
  /** Device serial for lines that do not carry one. */
  serial?: string | null | undefined;
  /** The unit whose time zone the terminal keeps; default: each employee's unit zone. */
  unitId?: string | null | undefined;
  dryRun?: boolean | undefined;
}

export interface TerminalUserQuery {
  unitId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

export interface TerminalUser {
  id: string;
  terminalSerial: string | null;
  terminalUserId: string;
  employeeId: string;
  employeeName: string;
  nip: string | null;
  internalId: string | null;
  unitId: string;
  unitName: string;
  createdAt: string;
}

export interface TerminalUserImportResult {
  totalLines: number;
  created: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

type Deps = {
  db: Db;
  repo?: TerminalRepo;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  config: Pick<Config, 'importMaxBytes' | 'rulebookRegion' | 'importLimits'>;
  /** Parsing runs in a worker thread when given (off the event loop). */
  workers?: WorkerPool;
  /** The rulebook in force on a date (its `capture` section judges the punches). */
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  /** The stored day statuses that imported punches change. */
  statuses?: Pick<StatusService, 'markDirty'>;
};

const zoneOf = (tz: string): IndonesianTimeZone =>
  (INDONESIAN_TIME_ZONES as readonly string[]).includes(tz) ? (tz as IndonesianTimeZone) : 'Asia/Jakarta';

const INSERT_CHUNK = 500;

/**
 * Terminal logs: fingerprint/face terminal files become punches (source TERMINAL) of the employees their user
 * ids are mapped to, judged by the capture rules in force (a closed month rejects them), idempotent per line;
 * and the mapping of terminal user ids to employees. Every import and every mapping change is audited.
 */
export function createTerminalService({
  db,
  audit,
  clock,
  config,
  rulebooks,
  statuses,
  workers,
  ...deps
}: Deps) {
  const repo = deps.repo ?? createTerminalRepo(db);

  /**
   * Import a terminal log. Lines of employees outside the actor's `import.run` scope are reported like unknown
   * ids and never written; broken lines are reported with their reason while the good lines are imported.
   * A dry run writes nothing (no punches, no audit entry) but reports the same counts.
   * @throws VALIDATION when no line can be read (nothing is written); FILE_TOO_LARGE over IMPORT_MAX_BYTES
   */
  async function importLog(
    actor: Actor,
    input: TerminalImportInput,
    onProgress?: TerminalProgress,
  ): Promise<TerminalImportResult> {
    const scope = requireAny(actor, 'import.run');
    if (input.buf.length > config.importMaxBytes)
      throw new AppError('FILE_TOO_LARGE', 'Berkas terlalu besar');
    // The unit whose time zone reads the log must be the importer's own, like every line's employee.
    let forcedZone: IndonesianTimeZone | null = null;
    if (input.unitId) {
      const unit = await repo.findUnit(input.unitId);
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      if (!inScope(scope, unit.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      forcedZone = zoneOf(unit.timeZone);
    }
    const serial = input.serial?.trim() || null;
    const parsed = await parseLogOffThread(workers, {
      bytes: input.buf,
      serial,
      limits: config.importLimits,
    });
    if (parsed.totalLines === 0)
      throw new AppError('VALIDATION', 'Berkas tidak berisi baris presensi', [
        { path: 'file', message: 'Berkas kosong' },
      ]);
    if (parsed.entries.length === 0)
      throw new AppError(
        'VALIDATION',
        `Tidak ada baris yang dapat dibaca (${parsed.errors.length} baris rusak); tidak ada data yang ditulis`,
        parsed.errors,
      );

    const ids = [...new Set(parsed.entries.map((e) => e.terminalUserId))];
    const mappings = await repo.mappingsFor(ids);
    const mappingOf = new Map(mappings.map((m) => [`${m.terminalSerial ?? ''}|${m.terminalUserId}`, m]));

    const unknown = new Map<string, number[]>();
    type Candidate = { entry: TerminalLogEntry; row: TerminalPunchRow; unitPath: string; month: string };
    const candidates: Candidate[] = [];
    const now = clock.now();
    const total = parsed.entries.length;
    for (const [i, e] of parsed.entries.entries()) {
      if (i > 0 && i % 1000 === 0) onProgress?.('check', i, total);
      const m =
        (e.serial ? mappingOf.get(`${e.serial}|${e.terminalUserId}`) : undefined) ??
        mappingOf.get(`|${e.terminalUserId}`);
      if (!m || !inScope(scope, m.unitPath)) {
        const lines = unknown.get(e.terminalUserId) ?? [];
        lines.push(e.line);
        unknown.set(e.terminalUserId, lines);
        continue;
      }
      const employeeZone = zoneOf(m.timeZone);
      const occurredAt = terminalInstant(e, forcedZone ?? employeeZone);
      const localDate = toZoned(occurredAt, employeeZone).date;
      const idempotencyKey = terminalIdempotencyKey(e, e.serial);
      candidates.push({
        entry: e,
        unitPath: m.unitPath,
        month: localDate.slice(0, 7),
        row: {
          employeeId: m.employeeId,
          unitId: m.unitId,
          kind: e.kind,
          occurredAt: new Date(occurredAt),
          receivedAt: now,
          localDate,
          idempotencyKey,
          bodyHash: createHash('sha256')
            .update(`${idempotencyKey}|${e.status}|${e.verifyMode ?? ''}|${e.workcode ?? ''}`)
            .digest('hex'),
          terminalSerial: e.serial,
          verdict: 'ACCEPTED',
          reasons: '[]',
        },
      });
    }

    // A closing of the employee's unit or of any unit above it closes the month for the punch.
    const closings = await repo.closedMonths([...new Set(candidates.map((c) => c.month))]);
    const closed = new Map<string, string[]>();
    for (const c of closings) closed.set(c.month, [...(closed.get(c.month) ?? []), c.unitId]);
    const captureOn = new Map<LocalDate, Promise<CaptureRules>>();
    const rules = (date: LocalDate) => {
      let r = captureOn.get(date);
      if (!r) {
        r = rulebooks.rulesOn(config.rulebookRegion, date).then((rb) => rb.capture);
        captureOn.set(date, r);
      }
      return r;
    };
    const seen = new Set<string>();
    const fresh: Candidate[] = [];
    let duplicates = 0;
    for (const c of candidates) {
      const key = `${c.row.employeeId}|${c.row.idempotencyKey}`;
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      const monthClosed = (closed.get(c.month) ?? []).some((unitId) => c.unitPath.includes(`/${unitId}/`));
      const judged = judgePunch(
        {
          source: 'TERMINAL',
          receivedAt: now.getTime(),
          terminalTime: c.row.occurredAt.getTime(),
          location: null,
          places: [],
          photo: false,
          previousPunchAt: null,
          monthClosed,
        },
        await rules(c.row.localDate),
      );
      c.row.verdict = judged.verdict;
      c.row.reasons = JSON.stringify(judged.reasons);
      fresh.push(c);
    }
    onProgress?.('check', total, total);

    const unknownIds = [...unknown.entries()].map(([terminalUserId, lines]) => ({ terminalUserId, lines }));
    const report = (imported: number, dups: number): TerminalImportResult => ({
      totalLines: parsed.totalLines,
      imported,
      duplicates: dups,
      unknownIds,
      errors: parsed.errors,
    });

    if (input.dryRun) {
      const stored = await repo.existingKeys(fresh.map((c) => c.row));
      const already = fresh.filter((c) => stored.has(`${c.row.employeeId}|${c.row.idempotencyKey}`)).length;
      return report(fresh.length - already, duplicates + already);
    }

    const result = await db.transaction().execute(async (trx) => {
      let imported = 0;
      let rejected = 0;
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
        const inserted = await repo.insertPunches(
          trx,
          fresh.slice(i, i + INSERT_CHUNK).map((c) => c.row),
        );
        imported += inserted.length;
        rejected += inserted.filter((r) => r.verdict === 'REJECTED').length;
        onProgress?.('write', Math.min(i + INSERT_CHUNK, fresh.length), fresh.length);
      }
      const result = report(imported, duplicates + fresh.length - imported);
      await audit.record(trx, ctxOf(actor), {
        action: 'attendance.terminal_imported',
        entityType: 'terminal_import',
        entityId: serial,
        unitId: input.unitId ?? null,
        after: {
          fileName: input.fileName,
          format: parsed.format,
          serial,
          timeZoneUnitId: input.unitId ?? null,
          totalLines: result.totalLines,
          imported,
          rejected,
          duplicates: result.duplicates,
          unknownIds: unknownIds.length,
          unknownLines: unknownIds.reduce((n, u) => n + u.lines.length, 0),
          errorLines: parsed.errors.length,
        },
      });
      return result;
    });
    // The days the new punches fall on (and the day before, for night shifts) get their status recomputed.
    if (statuses) {
      const days = new Map<string, Set<string>>();
      for (const c of fresh) {
        const set = days.get(c.row.employeeId) ?? new Set<string>();
        set.add(addDays(c.row.localDate, -1)).add(c.row.localDate);
        days.set(c.row.employeeId, set);
      }
      for (const [employeeId, dates] of days) await statuses.markDirty(employeeId, [...dates], 'terminal');
    }
    return result;
  }

  type MappingRow = NonNullable<Awaited<ReturnType<TerminalRepo['findMapping']>>>;
  const present = (r: MappingRow): TerminalUser => ({
    id: r.id,
    terminalSerial: r.terminalSerial,
    terminalUserId: r.terminalUserId,
    employeeId: r.employeeId,
    employeeName: formatFullName({
      frontTitle: r.frontTitle ?? undefined,
      name: r.employeeName,
      backTitle: r.backTitle ?? undefined,
    }),
    nip: r.nip,
    internalId: r.internalId,
    unitId: r.unitId,
    unitName: r.unitName,
    createdAt: r.createdAt.toISOString(),
  });

  /** Mappings of employees in the actor's scope, optionally under a unit and matching a search text. */
  async function listUsers(actor: Actor, q: TerminalUserQuery) {
    const scope = requireAny(actor, 'import.run');
    let unitPath: string | undefined;
    if (q.unitId) {
      const unit = await repo.findUnit(q.unitId);
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      unitPath = unit.path;
    }
    const filter = { q: q.q, unitPath };
    const [count, rows] = await Promise.all([
      repo.countMappings(scope, filter),
      repo.listMappings(scope, filter, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    return { items: rows.map(present), total: count.n, page: q.page, pageSize: q.pageSize };
  }

  const keyText = (serial: string | null, id: string) =>
    serial ? `ID ${id} pada mesin ${serial}` : `ID ${id} (semua mesin)`;

  /** Map a terminal user id (on one terminal, or on every terminal when the serial is null) to an employee. */
  async function createUser(
    actor: Actor,
    input: { terminalSerial: string | null; terminalUserId: string; employeeId: string },
  ): Promise<TerminalUser> {
    const scope = requireAny(actor, 'import.run');
    const serial = input.terminalSerial?.trim() || null;
    const employee = await repo.findEmployee(input.employeeId);
    if (!employee) throw fieldError('employeeId', 'Pegawai tidak ditemukan');
    if (!inScope(scope, employee.unitPath)) throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    const conflict = () =>
      new AppError('CONFLICT', `${keyText(serial, input.terminalUserId)} sudah dipetakan ke pegawai`, [
        { path: 'terminalUserId', message: 'ID pengguna mesin sudah dipakai' },
      ]);
    if (await repo.findMappingByKey(serial, input.terminalUserId)) throw conflict();
    let id: string;
    try {
      id = await db.transaction().execute(async (trx) => {
        const [row] = await repo.insertMappings(trx, [
          {
            terminalSerial: serial,
            terminalUserId: input.terminalUserId,
            employeeId: employee.id,
            createdBy: actor.userId,
          },
        ]);
        await audit.record(trx, ctxOf(actor), {
          action: 'terminal_user.created',
          entityType: 'terminal_user',
          entityId: row!.id,
          unitId: employee.unitId,
          after: {
            terminalSerial: serial,
            terminalUserId: input.terminalUserId,
            employeeId: employee.id,
            nip: employee.nip,
            name: employee.name,
          },
        });
        return row!.id;
      });
    } catch (err) {
      // Two requests for the same key at once: the unique index decides.
      if ((err as { code?: string }).code === '23505') throw conflict();
      throw err;
    }
    return present((await repo.findMapping(id))!);
  }

  async function deleteUser(actor: Actor, id: string): Promise<void> {
    const scope = requireAny(actor, 'import.run');
    const row = await repo.findMapping(id);
    if (!row) throw notFound('Pemetaan ID mesin');
    if (!inScope(scope, row.unitPath)) throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    await db.transaction().execute(async (trx) => {
      // Deleted once: a concurrent delete of the same mapping finds nothing left.
      const deleted = await repo.deleteMapping(trx, id);
      if (!deleted.numDeletedRows) throw new AppError('CONFLICT', 'Pemetaan ID mesin ini sudah dihapus');
      await audit.record(trx, ctxOf(actor), {
        action: 'terminal_user.deleted',
        entityType: 'terminal_user',
        entityId: id,
        unitId: row.unitId,
        before: {
          terminalSerial: row.terminalSerial,
          terminalUserId: row.terminalUserId,
          employeeId: row.employeeId,
          nip: row.nip,
          name: row.employeeName,
        },
      });
    });
  }

  /**
   * Bulk mapping from a CSV `terminal_user_id,nip[,serial]`: rows already mapped to the same employee are left
   * as they are; a key mapped to someone else, an unknown NIP or an employee outside the scope is an error on
   * its line; the other rows are written, with one audit entry listing them.
   * @throws VALIDATION when every row is wrong (nothing is written)
   */
  async function importUsers(actor: Actor, fileName: string, buf: Buffer): Promise<TerminalUserImportResult> {
    const scope = requireAny(actor, 'import.run');
    if (buf.length > config.importMaxBytes) throw new AppError('FILE_TOO_LARGE', 'Berkas terlalu besar');
    const parsed = await parseUsersOffThread(workers, { bytes: buf, limits: config.importLimits });
    const errors = [...parsed.errors];
    const employees = await repo.employeesByKey([...new Set(parsed.rows.map((r) => r.employeeKey))]);
    const byKey = new Map<string, (typeof employees)[number]>();
    for (const e of employees) {
      if (e.nip) byKey.set(e.nip, e);
      if (e.internalId) byKey.set(e.internalId, e);
    }
    const existing = new Map(
      (await repo.allMappingKeys()).map((m) => [
        `${m.terminalSerial ?? ''}|${m.terminalUserId}`,
        m.employeeId,
      ]),
    );
    const toCreate: { terminalSerial: string | null; terminalUserId: string; employeeId: string }[] = [];
    let unchanged = 0;
    for (const r of parsed.rows) {
      const employee = byKey.get(r.employeeKey);
      if (!employee) {
        errors.push({
          line: r.line,
          message: `Pegawai dengan NIP/nomor induk ${r.employeeKey} tidak ditemukan`,
        });
        continue;
      }
      if (!inScope(scope, employee.unitPath)) {
        errors.push({ line: r.line, message: `Pegawai ${r.employeeKey} berada di luar kewenangan Anda` });
        continue;
      }
      const key = `${r.serial ?? ''}|${r.terminalUserId}`;
      const holder = existing.get(key);
      if (holder === employee.id) unchanged++;
      else if (holder)
        errors.push({
          line: r.line,
          message: `${keyText(r.serial, r.terminalUserId)} sudah dipetakan ke pegawai lain`,
        });
      else {
        existing.set(key, employee.id);
        toCreate.push({
          terminalSerial: r.serial,
          terminalUserId: r.terminalUserId,
          employeeId: employee.id,
        });
      }
    }
    errors.sort((a, b) => a.line - b.line);
    if (toCreate.length === 0 && unchanged === 0 && errors.length > 0)
      throw new AppError(
        'VALIDATION',
        `Tidak ada baris yang dapat ditulis (${errors.length} baris bermasalah); tidak ada data yang ditulis`,
        errors,
      );
    if (toCreate.length > 0) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < toCreate.length; i += INSERT_CHUNK)
          await repo.insertMappings(
            trx,
            toCreate.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, createdBy: actor.userId })),
          );
        await audit.record(trx, ctxOf(actor), {
          action: 'terminal_user.imported',
          entityType: 'terminal_user',
          after: {
            fileName,
            totalLines: parsed.totalLines,
            created: toCreate.length,
            unchanged,
            errorLines: errors.length,
            mappings: toCreate,
          },
        });
      });
    }
    return { totalLines: parsed.totalLines, created: toCreate.length, unchanged, errors };
  }

  return { importLog, listUsers, createUser, deleteUser, importUsers };
}

export type TerminalService = ReturnType<typeof createTerminalService>;
