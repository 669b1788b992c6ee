import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import type { RulebookService } from '../rulebooks/rulebook-service.ts';
import type { StatusService } from '../statuses/status-service.ts';
import { parseTableFile } from '../../lib/table-file.ts';
import { DEFAULT_IMPORT_LIMITS, readTableInWorker } from '../../lib/table-reader.ts';
import type { WorkerPool } from '../../lib/worker-pool.ts';
import type { Rulebook } from '../../../core/rulebook/rulebook.ts';
import type { RosterEntry } from '../../../core/schedule/resolve-schedule.ts';
import { buildCalendar } from '../../../core/calendar/calendar.ts';
import { parseHhmm, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  addDays,
  diffDays,
  eachDay,
  isLocalDate,
  isoWeekday,
  monthRange,
} from '../../../core/common/local-date.ts';
import { formatFullName } from '../../../core/people/names.ts';
import {
  MAX_ROSTER_CLEAR_DAYS,
  MAX_ROSTER_LINES,
  ROSTER_DAY_OFF,
  type RosterChangeResult,
  type RosterImportIssue,
  type RosterImportResult,
  type MyRoster,
  type RosterMonth,
  type rosterClearSchema,
  type rosterQuerySchema,
  type rosterSetSchema,
} from '../../../shared/api/rosters.ts';
import type { z } from 'zod';
import type { Exec, RosterRepo } from './roster-repo.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';

type Deps = {
  db: Db;
  repo: RosterRepo;
  audit: AuditService;
  clock: Clock;
  config: Pick<Config, 'rulebookRegion'> & Partial<Pick<Config, 'importLimits'>>;
  rulebooks: Pick<RulebookService, 'rulesOn'>;
  /** The CSV/XLSX import is read in a worker thread when given (off the event loop). */
  workers?: WorkerPool;
  /** Days whose stored status a roster change affects (queued after commit). */
  statuses?: Pick<StatusService, 'markDirty'>;
};

/** A requested cell: a shift code, null = day off, undefined = back to the regular schedule (line removed). */
interface Change {
  employeeId: string;
  date: string;
  shiftCode: string | null | undefined;
  /** Where the cell came from, for error messages (`lines.3.shiftCode`, a CSV line). */
  path: string;
}

type Employee = Awaited<ReturnType<RosterRepo['employeesByIds']>>[number];

const nameOf = (r: { frontTitle: string | null; name: string; backTitle: string | null }) =>
  formatFullName({
    frontTitle: r.frontTitle ?? undefined,
    name: r.name,
    backTitle: r.backTitle ?? undefined,
  });

const monthOf = (date: string) => date.slice(0, 7);
/** A stored cell as the CSV and audit show it. */
const cellText = (code: string | null | undefined) =>
  code === undefined ? '(reguler)' : code === null ? ROSTER_DAY_OFF : code;

/** `dd/MM/yyyy` (also d/M/yyyy) or `yyyy-MM-dd` → a valid LocalDate, else null. */
export function parseRosterDate(text: string): string | null {
  const s = text.trim();
  let iso: string | null = null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  return iso && isLocalDate(iso) ? iso : null;
}

/** Header names accepted for the three CSV columns. */
const IMPORT_ALIASES: Record<string, string> = {
  nip: 'nip',
  tanggal: 'tanggal',
  tgl: 'tanggal',
  date: 'tanggal',
  shift: 'shift',
  kode_shift: 'shift',
  jadwal: 'shift',
};
const MAX_IMPORT_ROWS = MAX_ROSTER_LINES;

/**
 * Shift rosters (jadwal shift): which shift each employee works on each date, or a scheduled day off. Set by
 * admin OPD / BKD for employees of their units (cells, ranges, CSV), validated against the shifts of the rulebook
 * in force on each date and refused in a closed month. Every change is audited in its transaction, and the days
 * (plus the next day, where an overnight shift's check-out falls) are queued for their daily status.
 * Source: regulations.md §3.3 (shift rosters), §10 (per-unit shift schedules); PermenPANRB 4/2025.
 */
export function createRosterService(deps: Deps) {
  const { db, repo, audit, config, rulebooks, statuses } = deps;

  /** Rulebooks of the dates (read on the plain connection, before any transaction). */
  async function rulesFor(dates: Iterable<string>) {
    const out = new Map<string, Rulebook | null>();
    for (const d of dates)
      if (!out.has(d)) out.set(d, await rulebooks.rulesOn(config.rulebookRegion, d).catch(() => null));
    return out;
  }

  const shiftCodesOf = (rules: Rulebook | null) => new Set(rules?.schedule.shifts.map((s) => s.code) ?? []);

  /**
   * Problems of each change on its own (date valid, employee in service on the date when a shift or day off is
   * set, shift known on the date); keyed by change. Putting a day back to the regular schedule is always allowed.
   */
  async function checkShifts(changes: Change[], employees: Map<string, Employee>) {
    const issues: Array<{ change: Change; field: 'date' | 'shiftCode'; message: string }> = [];
    const rules = await rulesFor(changes.filter((c) => isLocalDate(c.date)).map((c) => c.date));
    for (const c of changes) {
      if (!isLocalDate(c.date)) {
        issues.push({ change: c, field: 'date', message: `Tanggal ${c.date} tidak valid` });
        continue;
      }
      if (c.shiftCode === undefined) continue;
      const emp = employees.get(c.employeeId);
      if (emp && (c.date < emp.activeFrom || (emp.activeTo !== null && c.date > emp.activeTo))) {
        issues.push({
          change: c,
          field: 'date',
          message:
            `${nameOf(emp)} tidak aktif pada ${formatDdMmYyyy(c.date)} (masa kerja ${formatDdMmYyyy(emp.activeFrom)}` +
            ` s.d. ${emp.activeTo ? formatDdMmYyyy(emp.activeTo) : 'sekarang'}); jadwal shift tidak dapat diisi`,
        });
        continue;
      }
      if (typeof c.shiftCode !== 'string') continue;
      const r = rules.get(c.date) ?? null;
      if (!r)
        issues.push({
          change: c,
          field: 'shiftCode',
          message: `Tidak ada aturan (rulebook) yang berlaku pada ${formatDdMmYyyy(c.date)}`,
        });
      else if (!shiftCodesOf(r).has(c.shiftCode))
        issues.push({
          change: c,
          field: 'shiftCode',
          message: `Kode shift ${c.shiftCode} tidak ada dalam aturan yang berlaku pada ${formatDdMmYyyy(c.date)} (tersedia: ${[...shiftCodesOf(r)].join(', ') || '—'})`,
        });
    }
    return issues;
  }

  /** The employees of the changes, every one in the actor's roster.manage scope. @throws FORBIDDEN, VALIDATION */
  async function employeesInScope(actor: Actor, ids: string[]) {
    const scope = requireAny(actor, 'roster.manage');
    const rows = await repo.employeesByIds([...new Set(ids)]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing) throw fieldError('employeeId', `Pegawai ${missing} tidak ditemukan`);
    const outside = rows.find((r) => !inScope(scope, r.unitPath));
    if (outside)
      throw new AppError('FORBIDDEN', `Pegawai ${nameOf(outside)} berada di luar unit kewenangan Anda`);
    return byId;
  }

  /**
   * Write the changes in one transaction: refuse any date in a month closed for the employee's unit (MONTH_CLOSED),
   * skip cells already so, upsert / delete the rest, one audit entry per employee with the cells before and
   * after; after commit queue the changed days and the day after each for the daily statuses.
   */
  async function apply(
    actor: Actor,
    changes: Change[],
    employees: Map<string, Employee>,
    action: 'roster.set' | 'roster.cleared' | 'roster.imported',
  ): Promise<RosterChangeResult> {
    // Callers refuse a repeated cell; the map keeps one change per cell regardless.
    const byCell = new Map<string, Change>();
    for (const c of changes) byCell.set(`${c.employeeId}|${c.date}`, c);
    const byEmployee = new Map<string, Change[]>();
    for (const c of byCell.values())
      byEmployee.set(c.employeeId, [...(byEmployee.get(c.employeeId) ?? []), c]);

    const changedDays = new Map<string, string[]>();
    let changed = 0;
    await db.transaction().execute(async (trx) => {
      for (const [employeeId, cells] of byEmployee) {
        const emp = employees.get(employeeId)!;
        const dates = cells.map((c) => c.date).sort();
        const existing = new Map(
          (await repo.lines([employeeId], dates[0]!, dates.at(-1)!, trx)).map((l) => [
            l.localDate,
            l.shiftCode,
          ]),
        );
        const diff = cells.filter((c) =>
          c.shiftCode === undefined
            ? existing.has(c.date)
            : !existing.has(c.date) || existing.get(c.date) !== c.shiftCode,
        );
        if (diff.length === 0) continue;
        const closed = await repo.closedMonths(
          emp.unitPath,
          [...new Set(diff.map((c) => monthOf(c.date)))],
          trx,
        );
        if (closed.length > 0)
          throw new AppError(
            'MONTH_CLOSED',
            `Bulan ${closed.join(', ')} sudah ditutup untuk unit ${emp.unitName}; jadwal shift ${nameOf(emp)} pada bulan itu tidak dapat diubah`,
            { months: closed, employeeId },
          );
        const sets = diff.filter((c) => c.shiftCode !== undefined);
        const clears = diff.filter((c) => c.shiftCode === undefined).map((c) => c.date);
        await repo.upsert(
          trx,
          sets.map((c) => ({ employeeId, localDate: c.date, shiftCode: c.shiftCode as string | null })),
          actor.userId,
        );
        await repo.remove(trx, employeeId, clears);
        const sorted = [...diff].sort((a, b) => (a.date < b.date ? -1 : 1));
        await audit.record(trx, ctxOf(actor), {
          action,
          entityType: 'shift_roster',
          entityId: employeeId,
          unitId: emp.unitId,
          before: Object.fromEntries(sorted.map((c) => [c.date, cellText(existing.get(c.date))])),
          after: Object.fromEntries(sorted.map((c) => [c.date, cellText(c.shiftCode)])),
        });
        changed += diff.length;
        changedDays.set(
          employeeId,
          sorted.map((c) => c.date),
        );
      }
    });
    if (statuses)
      for (const [employeeId, dates] of changedDays)
        // The day after too: an overnight shift's check-out punch falls on the next date.
        await statuses.markDirty(
          employeeId,
          [...new Set(dates.flatMap((d) => [d, addDays(d, 1)]))],
          'roster',
        );
    return { changed, unchanged: byCell.size - changed, employees: changedDays.size };
  }

  /** PUT /api/rosters: set cells (shift or day off) and put others back to the regular schedule, all or nothing. */
  async function set(actor: Actor, body: z.output<typeof rosterSetSchema>): Promise<RosterChangeResult> {
    requireAny(actor, 'roster.manage');
    const changes: Change[] = [
      ...body.lines.map((l, i) => ({ ...l, path: `lines.${i}` })),
      ...body.clear.map((c, i) => ({ ...c, shiftCode: undefined, path: `clear.${i}` })),
    ];
    const seen = new Map<string, string>();
    for (const c of changes) {
      const key = `${c.employeeId}|${c.date}`;
      const first = seen.get(key);
      if (first)
        throw fieldError(`${c.path}.date`, `Sel ${c.date} pegawai yang sama dikirim dua kali (${first})`);
      seen.set(key, c.path);
    }
    const employees = await employeesInScope(
      actor,
      changes.map((c) => c.employeeId),
    );
    const issues = await checkShifts(changes, employees);
    if (issues.length > 0)
      throw new AppError(
        'VALIDATION',
        issues[0]!.message,
        issues.map((i) => ({ path: `${i.change.path}.${i.field}`, message: i.message })),
      );
    return apply(actor, changes, employees, 'roster.set');
  }

  /** POST /api/rosters/clear: remove every roster line of the employees in from..to. */
  async function clear(actor: Actor, body: z.output<typeof rosterClearSchema>): Promise<RosterChangeResult> {
    requireAny(actor, 'roster.manage');
    if (!isLocalDate(body.from)) throw fieldError('from', 'Tanggal awal tidak valid');
    if (!isLocalDate(body.to)) throw fieldError('to', 'Tanggal akhir tidak valid');
    if (diffDays(body.from, body.to) >= MAX_ROSTER_CLEAR_DAYS)
      throw fieldError('to', `Rentang paling panjang ${MAX_ROSTER_CLEAR_DAYS} hari`);
    const employees = await employeesInScope(actor, body.employeeIds);
    const lines = await repo.lines([...employees.keys()], body.from, body.to);
    const changes: Change[] = lines.map((l) => ({
      employeeId: l.employeeId,
      date: l.localDate,
      shiftCode: undefined,
      path: 'employeeIds',
    }));
    if (changes.length === 0) return { changed: 0, unchanged: 0, employees: 0 };
    return apply(actor, changes, employees, 'roster.cleared');
  }

  /** The unit, in the actor's scope. */
  async function unitInScope(actor: Actor, unitId: string) {
    requireAny(actor, 'roster.manage');
    const unit = await repo.unit(unitId);
    if (!unit) throw notFound('Unit');
    requireUnit(actor, 'roster.manage', unit.path);
    return unit;
  }

  /** GET /api/rosters: a unit subtree's employees × the days of a month, one page of employees. */
  async function month(actor: Actor, q: z.output<typeof rosterQuerySchema>): Promise<RosterMonth> {
    const unit = await unitInScope(actor, q.unitId);
    const { from, to } = monthRange(q.month);
    const zone = unit.timeZone as IndonesianTimeZone;
    const [{ rows, total }, closed, rulesByDate] = await Promise.all([
      repo.pageOfEmployees({ unitPath: unit.path, from, to, q: q.q }, q.pageSize, (q.page - 1) * q.pageSize),
      repo.closedMonths(unit.path, [q.month]),
      rulesFor([from, to]),
    ]);
    const lines = await repo.lines(
      rows.map((r) => r.id),
      from,
      to,
    );
    const byEmployee = new Map<string, Record<string, string | null>>();
    for (const l of lines) {
      const rec = byEmployee.get(l.employeeId) ?? {};
      rec[l.localDate] = l.shiftCode;
      byEmployee.set(l.employeeId, rec);
    }
    // The shifts of the rulebooks in force at the start and the end of the month (usually one version).
    const shifts = new Map<string, RosterMonth['shifts'][number]>();
    for (const r of rulesByDate.values())
      for (const s of r?.schedule.shifts ?? [])
        if (!shifts.has(s.code))
          shifts.set(s.code, {
            code: s.code,
            name: s.name,
            start: s.start,
            end: s.end,
            overnight: parseHhmm(s.end) <= parseHhmm(s.start),
          });
    const first = rulesByDate.get(from) ?? rulesByDate.get(to) ?? null;
    let calendar: ReturnType<typeof buildCalendar> | null = null;
    try {
      if (first) calendar = buildCalendar(first.calendar, { unitCode: unit.code, zone });
    } catch {
      // No calendar for the year: the grid still works, without day types.
    }
    const dayInfo = (date: string) => {
      try {
        return { dayType: calendar?.dayType(date) ?? null, holiday: calendar?.holidayName(date) ?? null };
      } catch {
        return { dayType: null, holiday: null };
      }
    };
    return {
      unitId: unit.id,
      unitName: unit.name,
      timeZone: unit.timeZone,
      month: q.month,
      closed: closed.length > 0,
      days: eachDay(from, to).map((date) => ({ date, weekday: isoWeekday(date), ...dayInfo(date) })),
      shifts: [...shifts.values()],
      items: rows.map((r) => ({
        employeeId: r.id,
        nip: r.nip,
        name: nameOf(r),
        unitName: r.unitName,
        lines: byEmployee.get(r.id) ?? {},
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The month's roster lines of a unit subtree as CSV rows (`nip,nama,tanggal,shift`, importable as is). */
  async function exportRows(actor: Actor, q: z.output<typeof rosterQuerySchema>) {
    const unit = await unitInScope(actor, q.unitId);
    const { from, to } = monthRange(q.month);
    const emps = await repo.allEmployees({ unitPath: unit.path, from, to, q: q.q });
    const lineMap = new Map<string, Array<{ localDate: string; shiftCode: string | null }>>();
    const ids = emps.map((e) => e.id);
    for (let i = 0; i < ids.length; i += 1_000)
      for (const l of await repo.lines(ids.slice(i, i + 1_000), from, to))
        lineMap.set(l.employeeId, [...(lineMap.get(l.employeeId) ?? []), l]);
    const out: Array<Record<string, unknown>> = [];
    for (const e of emps)
      for (const l of lineMap.get(e.id) ?? [])
        out.push({
          nip: e.nip ?? '',
          nama: nameOf(e),
          tanggal: formatDdMmYyyy(l.localDate),
          shift: cellText(l.shiftCode),
        });
    return { unit, rows: out };
  }

  /**
   * POST /api/rosters/import: a CSV `nip,tanggal,shift` (tanggal dd/MM/yyyy or yyyy-MM-dd; shift LIBUR or empty
   * = day off). Every bad row is reported with its line and reason (IMPORT_INVALID, 422) and nothing is written
   * unless every row is valid.
   */
  async function importCsv(
    actor: Actor,
    file: { fileName: string; bytes: Buffer },
  ): Promise<RosterImportResult> {
    const scope = requireAny(actor, 'roster.manage');
    const limits = { ...DEFAULT_IMPORT_LIMITS, ...deps.config.importLimits };
    const { headers, rows } = deps.workers
      ? await readTableInWorker(deps.workers, file.fileName, file.bytes, IMPORT_ALIASES, limits)
      : await parseTableFile(file.fileName, file.bytes, IMPORT_ALIASES, limits);
    const missing = ['nip', 'tanggal', 'shift'].filter((h) => !headers.includes(h));
    if (missing.length > 0)
      throw new AppError(
        'IMPORT_INVALID',
        `Kolom ${missing.join(', ')} tidak ada; kepala berkas harus nip,tanggal,shift`,
        [
          { line: 1, field: missing[0]!, message: `Kolom ${missing.join(', ')} tidak ada` },
        ] satisfies RosterImportIssue[],
      );
    if (rows.length === 0) throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data', []);
    if (rows.length > MAX_IMPORT_ROWS)
      throw new AppError('IMPORT_INVALID', `Paling banyak ${MAX_IMPORT_ROWS} baris per berkas`, []);

    const issues: RosterImportIssue[] = [];
    const nips = [...new Set(rows.map((r) => (r.cells.nip ?? '').replace(/\s/g, '')).filter(Boolean))];
    const emps = await repo.employeesByNips(nips);
    const byNip = new Map(emps.filter((e) => e.nip).map((e) => [e.nip!, e]));
    const changes: Array<Change & { line: number }> = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const nip = (r.cells.nip ?? '').replace(/\s/g, '');
      const dateText = r.cells.tanggal ?? '';
      const shiftText = (r.cells.shift ?? '').trim().toUpperCase();
      const bad = (field: string | null, message: string) => issues.push({ line: r.line, field, message });
      let ok = true;
      const emp = nip ? byNip.get(nip) : undefined;
      if (!nip) {
        bad('nip', 'NIP kosong');
        ok = false;
      } else if (!emp) {
        bad('nip', `NIP ${nip} tidak ditemukan`);
        ok = false;
      } else if (!inScope(scope, emp.unitPath)) {
        bad('nip', `Pegawai NIP ${nip} berada di luar unit kewenangan Anda`);
        ok = false;
      }
      const date = parseRosterDate(dateText);
      if (!date) {
        bad(
          'tanggal',
          dateText
            ? `Tanggal "${dateText}" tidak valid (gunakan dd/MM/yyyy atau yyyy-MM-dd)`
            : 'Tanggal kosong',
        );
        ok = false;
      }
      if (shiftText.length > 40) {
        bad('shift', 'Kode shift terlalu panjang');
        ok = false;
      }
      if (!ok || !emp || !date) continue;
      const key = `${emp.id}|${date}`;
      const prev = seen.get(key);
      if (prev !== undefined) {
        bad('tanggal', `NIP ${nip} tanggal ${formatDdMmYyyy(date)} sudah ada di baris ${prev}`);
        continue;
      }
      seen.set(key, r.line);
      changes.push({
        employeeId: emp.id,
        date,
        shiftCode: shiftText === '' || shiftText === ROSTER_DAY_OFF ? null : shiftText,
        path: `baris ${r.line}`,
        line: r.line,
      });
    }
    const employees = new Map(emps.map((e) => [e.id, e]));
    for (const i of await checkShifts(changes, employees))
      issues.push({
        line: (i.change as Change & { line: number }).line,
        field: i.field === 'date' ? 'tanggal' : 'shift',
        message: i.message,
      });
    // Closed months, per employee unit and month (checked again inside the write transaction).
    const closedCache = new Map<string, string[]>();
    for (const c of changes) {
      const emp = emps.find((e) => e.id === c.employeeId)!;
      const key = `${emp.unitPath}|${monthOf(c.date)}`;
      let closed = closedCache.get(key);
      if (!closed) closedCache.set(key, (closed = await repo.closedMonths(emp.unitPath, [monthOf(c.date)])));
      if (closed.length > 0)
        issues.push({
          line: c.line,
          field: 'tanggal',
          message: `Bulan ${monthOf(c.date)} sudah ditutup untuk unit ${emp.unitName}`,
        });
    }
    if (issues.length > 0) {
      issues.sort((a, b) => a.line - b.line);
      throw new AppError(
        'IMPORT_INVALID',
        `Berkas memiliki ${new Set(issues.map((i) => i.line)).size} baris bermasalah; tidak ada yang disimpan. Perbaiki lalu unggah ulang.`,
        issues,
      );
    }
    const result = await apply(actor, changes, employees, 'roster.imported');
    return { ...result, rows: rows.length };
  }

  /**
   * Roster lines of the employees touching from..to, for the daily statuses (`resolveDaySchedule({ roster })`),
   * read through `exec` when given (the open recompute transaction). Each entry also carries its `employeeId`
   * (employees without a NIP have `nip: ''`; group by `employeeId` to avoid mixing them).
   * Source: regulations.md §3.3 (shift rosters decide the day's schedule).
   */
  async function rosterLines(
    employeeIds: string[],
    from: string,
    to: string,
    exec?: Exec,
  ): Promise<Array<RosterEntry & { employeeId: string }>> {
    const out: Array<RosterEntry & { employeeId: string }> = [];
    const ids = [...new Set(employeeIds)];
    for (let i = 0; i < ids.length; i += 5_000)
      for (const l of await repo.lines(ids.slice(i, i + 5_000), from, to, exec ?? db))
        out.push({ employeeId: l.employeeId, nip: l.nip ?? '', date: l.localDate, shiftCode: l.shiftCode });
    return out;
  }

  /**
   * The caller's own roster in from..to (at most 62 days): each rostered date with its shift and hours from the
   * rulebook in force that day, or a day off. Dates without a line follow the regular schedule.
   */
  async function mine(actor: Actor, q: { from: string; to: string }): Promise<MyRoster> {
    if (!actor.employeeId) throw forbidden('Hanya pegawai yang memiliki jadwal shift');
    if (diffDays(q.from, q.to) > 62) throw fieldError('to', 'Rentang paling lama 62 hari');
    const emp = await db
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .select(['u.timeZone'])
      .where('e.id', '=', actor.employeeId)
      .executeTakeFirst();
    if (!emp) throw notFound('Pegawai');
    const lines = await repo.lines([actor.employeeId], q.from, q.to, db);
    const rules = await rulesFor(lines.map((l) => l.localDate));
    return {
      timeZone: emp.timeZone,
      items: lines
        .map((l) => {
          const s = l.shiftCode
            ? rules.get(l.localDate)?.schedule.shifts.find((x) => x.code === l.shiftCode)
            : undefined;
          return {
            date: l.localDate,
            shift: s
              ? {
                  code: s.code,
                  name: s.name,
                  start: s.start,
                  end: s.end,
                  overnight: parseHhmm(s.end) <= parseHhmm(s.start),
                }
              : l.shiftCode
                ? { code: l.shiftCode, name: l.shiftCode, start: '', end: '', overnight: false }
                : null,
          };
        })
        .sort((a, b) => a.date.localeCompare(b.date)),
    };
  }

  return { set, clear, month, exportRows, importCsv, rosterLines, mine };
}

export type RosterService = ReturnType<typeof createRosterService>;
