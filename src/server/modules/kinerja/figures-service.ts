import { sql, type Transaction } from 'kysely';
import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import type { Database } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import {
  computeKinerjaFigure,
  formatScore,
  type KinerjaFigureDay,
  type KinerjaFigureResult,
  type KinerjaFigureRules,
} from '../../../core/performance/kinerja-figure.ts';
import type { Predikat } from '../../../core/performance/performance-rules.ts';
import type {
  FigureAdjustment,
  FigureDetail,
  FigureRow,
  FiguresBuildResult,
  FiguresList,
} from '../../../shared/api/kinerja-figures.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import {
  createFiguresRepo,
  monthBounds,
  type ApprovedEvaluation,
  type FigureEmployee,
  type FigureScope,
  type StoredFigure,
} from './figures-repo.ts';
import { createFiguresProgress } from './figures-progress.ts';
import { createFiguresTpp } from './figures-tpp.ts';

/** A figure computed for an employee-month, with the month's report counts and the evaluation read. */
interface Computed {
  employee: FigureEmployee;
  result: KinerjaFigureResult;
  reportsAccepted: number;
  reportsPending: number;
  reportsReturned: number;
  evaluation: ApprovedEvaluation | null;
  /** Accepted minutes per day (index = day − 1). */
  minutesPerDay: number[];
}

const scoreText = (s: number | null) => (s === null ? null : s.toFixed(4));
const scoreWords = (s: string | number | null) => (s === null ? 'tanpa angka' : formatScore(Number(s)));

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * e-Kinerja, section figures: the monthly kinerja figure each employee brings to TPP (issue 15 point 6;
 * regulations.md §5.2, §5.4, §5.5), computed by the pure `computeKinerjaFigure` from set-based reads; LIVE for a
 * month not frozen (reading never writes), stored in `kinerja_monthly` by the build and frozen when the unit's
 * attendance recap month is closed; later changes to a frozen month become `kinerja_adjustments` (carried to the
 * next open month), never a rewrite. Also the progress views (point 8) and the home page part.
 */
export function createFiguresSection(ctx: KinerjaContext) {
  const { db, clock, audit } = ctx;
  const repo = createFiguresRepo();

  /** The rules and rulebook in force at the end of the month. */
  async function monthRules(month: string, exec: Exec = db) {
    const { to } = monthBounds(month);
    const rulebook = await ctx.rulebookOn(to, exec);
    return { rulebook, rules: rulebook.performance };
  }

  /** Figures of the employees for the month, from three set-based reads (reports, day codes, evaluations). */
  async function compute(
    exec: Exec,
    scope: FigureScope,
    employees: FigureEmployee[],
    month: string,
    rules: KinerjaFigureRules,
  ): Promise<Computed[]> {
    if (employees.length === 0) return [];
    const reports = await repo.reportDays(exec, scope, month);
    const codes = await repo.dayCodes(exec, scope, month);
    const evaluations = await repo.approvedEvaluations(exec, scope, month);
    const { days: n } = monthBounds(month);
    const dates = Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
    return employees.map((employee) => {
      const empCodes = codes.get(employee.id);
      const perDay = new Array<number>(n).fill(0);
      const hasAccepted = new Array<boolean>(n).fill(false);
      let reportsAccepted = 0;
      let reportsPending = 0;
      let reportsReturned = 0;
      for (const r of reports.get(employee.id) ?? []) {
        if (r.day >= 1) {
          perDay[r.day - 1] = r.minutesAccepted;
          hasAccepted[r.day - 1] = r.accepted > 0;
        }
        reportsAccepted += r.accepted;
        reportsPending += r.pending;
        reportsReturned += r.returned;
      }
      const days: KinerjaFigureDay[] = dates.map((date, i) => ({
        date,
        code: empCodes?.[i] ?? null,
        minutesAccepted: perDay[i]!,
        hasAcceptedReport: hasAccepted[i]!,
      }));
      const evaluation = evaluations.get(employee.id) ?? null;
      const result = computeKinerjaFigure(rules, days, (evaluation?.predikat ?? null) as Predikat | null);
      return {
        employee,
        result,
        reportsAccepted,
        reportsPending,
        reportsReturned,
        evaluation,
        minutesPerDay: perDay,
      };
    });
  }

  const isClosed = (paths: string[], unitPath: string) => paths.some((p) => unitPath.startsWith(p));

  /** The answer row of a live computation. */
  function liveRow(c: Computed, month: string, rulebookId: string, adjustmentCount: number): FigureRow {
    const r = c.result;
    return {
      employeeId: c.employee.id,
      nip: c.employee.nip,
      name: c.employee.name,
      positionName: c.employee.positionName,
      unitId: c.employee.unitId,
      unitName: c.employee.unitName,
      month,
      method: r.method,
      score: r.score,
      status: r.status,
      requiredDays: r.requiredDays,
      daysMeetingMinimum: r.daysMeetingMinimum,
      minutesRequired: r.minutesRequired,
      minutesAccepted: r.minutesAccepted,
      reportsAccepted: c.reportsAccepted,
      reportsPending: c.reportsPending,
      reportsReturned: c.reportsReturned,
      evaluationId: c.evaluation?.id ?? null,
      predikat: (c.evaluation?.predikat ?? null) as Predikat | null,
      rulebookId,
      live: true,
      computedAt: null,
      frozenAt: null,
      adjustmentCount,
    };
  }

  /** The answer row of a frozen stored figure. */
  function frozenRow(s: StoredFigure, e: FigureEmployee, month: string, adjustmentCount: number): FigureRow {
    const score = s.score === null ? null : Number(s.score);
    const explanation = Array.isArray(s.explanation) ? (s.explanation as unknown[]) : [];
    const met = explanation.find(
      (x): x is { daysMeetingMinimum: number; status?: 'FINAL' | 'PENDING' } =>
        typeof x === 'object' && x !== null,
    );
    return {
      employeeId: e.id,
      nip: e.nip,
      name: e.name,
      positionName: e.positionName,
      unitId: s.unitId,
      unitName: e.unitName,
      month,
      method: s.method as FigureRow['method'],
      score,
      status: met?.status ?? 'FINAL',
      requiredDays: s.requiredDays,
      daysMeetingMinimum: met?.daysMeetingMinimum ?? 0,
      minutesRequired: s.minutesRequired,
      minutesAccepted: s.minutesAccepted,
      reportsAccepted: s.reportsAccepted,
      reportsPending: s.reportsPending,
      reportsReturned: s.reportsReturned,
      evaluationId: s.evaluationId,
      predikat: s.predikat as Predikat | null,
      rulebookId: s.rulebookId,
      live: false,
      computedAt: s.computedAt.toISOString(),
      frozenAt: s.frozenAt?.toISOString() ?? null,
      adjustmentCount,
    };
  }

  /** Rows for the employees: the stored row where the month is frozen for them, else computed now. */
  async function rowsFor(exec: Exec, employees: FigureEmployee[], month: string) {
    const { rulebook, rules } = await monthRules(month, exec);
    const scope: FigureScope = { employeeIds: employees.map((e) => e.id) };
    const computed = await compute(exec, scope, employees, month, rules);
    const stored = await repo.stored(exec, scope, month);
    const closed = await repo.closedPaths(exec, month);
    const adj = await repo.adjustmentState(exec, scope, month);
    const rows = computed.map((c) => {
      const s = stored.get(c.employee.id);
      const n = adj.get(c.employee.id)?.count ?? 0;
      return s?.frozenAt && isClosed(closed, c.employee.unitPath)
        ? frozenRow(s, c.employee, month, n)
        : liveRow(c, month, rulebook.meta.id, n);
    });
    return { rows, computed, rulebook, rules, stored };
  }

  /** The unit a reader of the scope looks at: the one asked for, else the top of their scope. */
  async function readerUnit(
    actor: Actor,
    unitId: string | undefined,
    permission: 'kinerja.read' | 'kinerja.manage',
  ) {
    const scopes = [
      scopeOf(actor, permission),
      ...(permission === 'kinerja.read' ? [scopeOf(actor, 'kinerja.manage')] : []),
    ];
    const allowed = (path: string) => scopes.some((s) => inScope(s, path));
    if (unitId) {
      const u = await db
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (!u) throw notFound('Unit');
      if (!allowed(u.path)) throw forbidden('Unit ini berada di luar kewenangan Anda');
      return u;
    }
    if (scopes.some((s) => s === 'all')) {
      const root = await db
        .selectFrom('units')
        .select(['id', 'name', 'path'])
        .where('parentId', 'is', null)
        .orderBy('name')
        .executeTakeFirst();
      if (!root) throw notFound('Unit');
      return root;
    }
    const first = scopes.flatMap((s) => (s === 'all' ? [] : s)).sort((a, b) => a.length - b.length)[0];
    if (!first) return null;
    const id = first.split('/').filter(Boolean).pop()!;
    return (
      (await db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', id).executeTakeFirst()) ??
      null
    );
  }

  /** The staff of a penilai (direct subordinates, with Plt/Plh) on the month's reference day. */
  async function staffOf(actor: Actor, month: string): Promise<string[]> {
    if (!actor.employeeId) return [];
    try {
      const today = await ctx.relations.todayOf(actor.employeeId);
      const { to } = monthBounds(month);
      const day = to < today ? to : today;
      return (await ctx.relations.subordinatesOn(actor.employeeId, day)).map((s) => s.employeeId);
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
  }

  /**
   * GET /api/kinerja/figures: readers (kinerja.read / kinerja.manage) see a unit subtree of their scope; a penilai
   * sees their staff; anyone else is refused. Reading never writes.
   */
  async function list(
    actor: Actor,
    q: { month: string; unitId?: string; q?: string; page: number; pageSize: number },
  ): Promise<FiguresList> {
    const { rules, rulebook } = await monthRules(q.month);
    const unit = await readerUnit(actor, q.unitId, 'kinerja.read');
    let scope: FigureScope;
    if (unit) scope = { unitPath: unit.path };
    else {
      const staff = await staffOf(actor, q.month);
      if (staff.length === 0) throw forbidden('Anda tidak berwenang melihat angka kinerja pegawai lain');
      scope = { employeeIds: staff };
    }
    const { rows: employees, total } = await repo.employees(db, scope, q.month, rules.skp.employeeTypes, {
      q: q.q,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const { rows } = await rowsFor(db, employees, q.month);
    return {
      month: q.month,
      items: rows,
      total,
      page: q.page,
      pageSize: q.pageSize,
      rulebookId: rulebook.meta.id,
      method: rules.kinerjaFigure.method,
      adjustments: await repo.adjustments(db, scope, q.month),
    };
  }

  /** The figure of one employee-month with its explanation. @throws FORBIDDEN, NOT_FOUND */
  async function detail(actor: Actor, employeeId: string, month: string): Promise<FigureDetail> {
    const { to } = monthBounds(month);
    await ctx.requireRead(actor, employeeId, to, 'angka kinerja');
    const { rules } = await monthRules(month);
    const emp = await repo.employees(db, { employeeIds: [employeeId] }, month, rules.skp.employeeTypes);
    const employee = emp.rows[0];
    if (!employee) {
      const exists = await db
        .selectFrom('employees')
        .select('id')
        .where('id', '=', employeeId)
        .executeTakeFirst();
      if (!exists) throw notFound('Pegawai');
      throw new AppError(
        'NOT_FOUND',
        `Pegawai ini tidak memiliki angka kinerja bulan ${month} (di luar masa kerja atau jenis pegawai tanpa SKP)`,
      );
    }
    const { rows, computed, rulebook, stored } = await rowsFor(db, [employee], month);
    const row = rows[0]!;
    const c = computed[0]!;
    const s = stored.get(employeeId);
    const storedLines =
      !row.live && s && Array.isArray(s.explanation)
        ? (s.explanation as unknown[]).filter((x): x is string => typeof x === 'string')
        : null;
    const reports = await repo.reportsOf(db, employeeId, month);
    const codes = await repo.dayCodes(db, { employeeIds: [employeeId] }, month);
    const empCodes = codes.get(employeeId);
    const kf = rules.kinerjaFigure;
    const ev = c.evaluation;
    const basis = [kf.legalBasis.regulation, kf.legalBasis.article].filter(Boolean).join(' ');
    const explanation = [
      row.rulebookId === rulebook.meta.id
        ? `Rulebook ${rulebook.meta.name} (${rulebook.meta.id}, versi ${rulebook.meta.version}): metode ${row.method}`
        : `Rulebook ${row.rulebookId}: metode ${row.method}`,
      ...(storedLines ?? c.result.explanation),
    ];
    if (!row.live)
      explanation.push(
        `Dibekukan saat bulan ditutup (${row.frozenAt}); perubahan sesudahnya dicatat sebagai penyesuaian`,
      );
    return {
      figure: row,
      explanation,
      days: c.result.days.map((d, i) => ({
        date: d.date,
        code: empCodes?.[i] ?? null,
        required: d.required,
        minutesAccepted: c.minutesPerDay[i] ?? 0,
        minutesCounted: d.minutesCounted,
        meetsMinimum: d.meetsMinimum,
        note: d.note,
      })),
      reports: reports.map((r) => ({
        id: r.id,
        date: r.reportDate,
        minutes: r.minutes,
        status: r.status as 'SUBMITTED' | 'ACCEPTED' | 'RETURNED',
        activity: r.activity,
        verifiedAt: r.verifiedAt ? r.verifiedAt.toISOString() : null,
        accepted: r.status === 'ACCEPTED',
      })),
      evaluation: ev
        ? {
            id: ev.id,
            kind: ev.kind,
            label: ev.label,
            periodStart: ev.periodStart,
            periodEnd: ev.periodEnd,
            status: ev.status,
            predikat: ev.predikat as Predikat | null,
            approvedAt: ev.approvedAt ? ev.approvedAt.toISOString() : null,
            tppScore: ev.predikat ? rules.tppKinerjaScore.byPredikat[ev.predikat as Predikat] : null,
          }
        : null,
      rulebook: {
        id: rulebook.meta.id,
        name: rulebook.meta.name,
        version: rulebook.meta.version,
        method: kf.method,
        minMinutesPerDay: rules.dailyReports.minMinutesPerDay,
        effectiveMinutesPerDay: kf.effectiveMinutesPerDay ?? null,
        evaluationWeightPercent: kf.evaluationWeightPercent ?? null,
        reportsMethod: kf.reportsMethod ?? null,
        whenNoEvaluation: kf.whenNoEvaluation,
        legalBasis: basis,
      },
      adjustments: (await repo.adjustments(db, { employeeIds: [employeeId] }, month)).filter(
        (a) => a.monthClosed === month || a.carriedToMonth === month,
      ),
    };
  }

  /** GET /api/kinerja/figures/mine: the caller's own figure. */
  async function mine(actor: Actor, month: string): Promise<FigureDetail> {
    if (!actor.employeeId) throw forbidden('Akun ini tidak terhubung dengan data pegawai');
    return detail(actor, actor.employeeId, month);
  }

  // ---------------------------------------------------------------- storing, freezing, adjustments

  /**
   * Store the month's figures of the scope's employees in one statement each: new and not-frozen rows are
   * upserted (frozen when `freezeAt`), a frozen row is never rewritten — when its figure changed since (against
   * the latest adjustment, so a rebuild does not repeat one) a `kinerja_adjustments` row is written, carried to
   * the next month not closed for the unit.
   */
  async function storeMonth(
    trx: Transaction<Database>,
    unitPath: string,
    month: string,
    freezeAt: Date | null,
  ) {
    // One build of a month at a time (a build and a closing, or two builds): each compares against the frozen
    // rows and adjustments the other may be writing.
    await sql`select pg_advisory_xact_lock(hashtext('kinerja_monthly'), hashtext(${month}))`.execute(trx);
    const started = performance.now();
    const now = clock.now();
    const { rulebook, rules } = await monthRules(month, trx);
    const scope: FigureScope = { unitPath };
    const { rows: employees } = await repo.employees(trx, scope, month, rules.skp.employeeTypes);
    const computed = await compute(trx, scope, employees, month, rules);
    // Only frozen rows matter here (the others are rewritten), and not their explanation.
    const stored = await repo.frozen(trx, scope, month);
    const closed = await repo.closedPaths(trx, month);
    const adj = await repo.adjustmentState(trx, scope, month);
    const upserts: Computed[] = [];
    const frozenNow: boolean[] = [];
    const adjustments: { c: Computed; old: string | null; reason: string }[] = [];
    let frozenKept = 0;
    for (const c of computed) {
      const s = stored.get(c.employee.id);
      if (s?.frozenAt) {
        frozenKept++;
        const current = adj.get(c.employee.id)?.latest ?? s.score;
        const next = scoreText(c.result.score);
        const same = current === null || next === null ? current === next : Number(current) === Number(next);
        if (!same) adjustments.push({ c, old: current, reason: reasonOf(s, c, current, next) });
        continue;
      }
      upserts.push(c);
      frozenNow.push(freezeAt !== null || isClosed(closed, c.employee.unitPath));
    }
    if (upserts.length > 0) {
      // Each column as one text split by PostgreSQL (escaping 50,000 array elements per column costs more).
      const col = (f: (c: Computed, i: number) => string | number | boolean) => upserts.map(f).join(',');
      const cols = {
        e: col((c) => c.employee.id),
        u: col((c) => c.employee.unitId),
        method: col((c) => c.result.method),
        score: col((c) => scoreText(c.result.score) ?? ''),
        req: col((c) => c.result.requiredDays),
        mreq: col((c) => c.result.minutesRequired),
        macc: col((c) => c.result.minutesAccepted),
        ra: col((c) => c.reportsAccepted),
        rp: col((c) => c.reportsPending),
        rr: col((c) => c.reportsReturned),
        ev: col((c) => c.evaluation?.id ?? ''),
        pr: col((c) => c.evaluation?.predikat ?? ''),
        // JSON text never holds a raw U+001E (JSON.stringify escapes control characters).
        ex: upserts
          .map((c) =>
            JSON.stringify([
              ...c.result.explanation,
              {
                daysMeetingMinimum: c.result.daysMeetingMinimum,
                minutesCounted: c.result.minutesCounted,
                status: c.result.status,
              },
            ]),
          )
          .join('\x1e'),
        fz: col((_, i) => (frozenNow[i] ? 't' : 'f')),
      };
      const arr = (s: string, type: string) => sql`string_to_array(${s}::text, ',')::${sql.raw(type)}[]`;
      await sql`
        insert into kinerja_monthly (employee_id, month, unit_id, method, score, required_days, minutes_required,
          minutes_accepted, reports_accepted, reports_pending, reports_returned, evaluation_id, predikat,
          explanation, rulebook_id, computed_at, frozen_at)
        select k.e, ${month}, k.u, k.method, nullif(k.score, '')::numeric, k.req, k.mreq, k.macc, k.ra, k.rp, k.rr,
          nullif(k.ev, '')::uuid, nullif(k.pr, ''), k.ex, ${rulebook.meta.id}, ${now}::timestamptz,
          case when k.fz then ${freezeAt ?? now}::timestamptz end
        from unnest(${arr(cols.e, 'uuid')}, ${arr(cols.u, 'uuid')}, ${arr(cols.method, 'text')},
          ${arr(cols.score, 'text')}, ${arr(cols.req, 'int4')}, ${arr(cols.mreq, 'int4')}, ${arr(cols.macc, 'int4')},
          ${arr(cols.ra, 'int4')}, ${arr(cols.rp, 'int4')}, ${arr(cols.rr, 'int4')}, ${arr(cols.ev, 'text')},
          ${arr(cols.pr, 'text')}, string_to_array(${cols.ex}::text, chr(30))::jsonb[], ${arr(cols.fz, 'boolean')})
          as k(e, u, method, score, req, mreq, macc, ra, rp, rr, ev, pr, ex, fz)
        on conflict (employee_id, month) do update set
          unit_id = excluded.unit_id, method = excluded.method, score = excluded.score,
          required_days = excluded.required_days, minutes_required = excluded.minutes_required,
          minutes_accepted = excluded.minutes_accepted, reports_accepted = excluded.reports_accepted,
          reports_pending = excluded.reports_pending, reports_returned = excluded.reports_returned,
          evaluation_id = excluded.evaluation_id, predikat = excluded.predikat, explanation = excluded.explanation,
          rulebook_id = excluded.rulebook_id, computed_at = excluded.computed_at, frozen_at = excluded.frozen_at
        where kinerja_monthly.frozen_at is null`.execute(trx);
    }
    if (adjustments.length > 0) {
      const carried = new Map<string, string>();
      const carriedTo = async (path: string) => {
        if (!carried.has(path)) {
          const closedAfter = await repo.closedMonthsAfter(trx, path, month);
          let m = nextMonth(month);
          while (closedAfter.has(m)) m = nextMonth(m);
          carried.set(path, m);
        }
        return carried.get(path)!;
      };
      const values = [];
      for (const a of adjustments)
        values.push({
          employeeId: a.c.employee.id,
          unitId: a.c.employee.unitId,
          monthClosed: month,
          carriedToMonth: await carriedTo(a.c.employee.unitPath),
          oldScore: a.old,
          newScore: scoreText(a.c.result.score),
          reason: a.reason,
          createdAt: now,
        });
      for (let i = 0; i < values.length; i += 5000)
        await trx
          .insertInto('kinerjaAdjustments')
          .values(values.slice(i, i + 5000))
          .execute();
    }
    return {
      stored: upserts.length,
      frozen: frozenKept,
      adjustments: adjustments.length,
      durationMs: Math.round(performance.now() - started),
    };
  }

  /** Why a frozen figure changed, in words. */
  function reasonOf(
    s: Omit<StoredFigure, 'explanation'>,
    c: Computed,
    current: string | null,
    next: string | null,
  ): string {
    const parts: string[] = [];
    if ((s.predikat ?? null) !== (c.evaluation?.predikat ?? null))
      parts.push(`predikat ${s.predikat ?? 'belum ada'} → ${c.evaluation?.predikat ?? 'belum ada'}`);
    if (s.reportsAccepted !== c.reportsAccepted)
      parts.push(`laporan diterima ${s.reportsAccepted} → ${c.reportsAccepted}`);
    if (s.minutesAccepted !== c.result.minutesAccepted)
      parts.push(`menit diterima ${s.minutesAccepted} → ${c.result.minutesAccepted}`);
    if (s.requiredDays !== c.result.requiredDays)
      parts.push(`hari wajib ${s.requiredDays} → ${c.result.requiredDays}`);
    return (
      `Angka kinerja berubah setelah bulan ditutup: ${scoreWords(current)} → ${scoreWords(next)}` +
      (parts.length ? ` (${parts.join('; ')})` : '')
    );
  }

  /**
   * POST /api/kinerja/figures/build: store the month's figures of a unit subtree (kinerja.manage in scope, checked
   * before writing), audited; frozen rows are kept and their changes written as adjustments.
   */
  async function build(actor: Actor, body: { month: string; unitId?: string }): Promise<FiguresBuildResult> {
    const unit = await readerUnit(actor, body.unitId, 'kinerja.manage');
    if (!unit) throw forbidden('Anda tidak berwenang menyusun angka kinerja');
    return db.transaction().execute(async (trx) => {
      const r = await storeMonth(trx, unit.path, body.month, null);
      await audit.record(trx, ctxOf(actor), {
        action: 'kinerja_figures.built',
        entityType: 'kinerja_monthly',
        entityId: `${unit.id}:${body.month}`,
        unitId: unit.id,
        after: { month: body.month, stored: r.stored, frozen: r.frozen, adjustments: r.adjustments },
      });
      return { month: body.month, unitId: unit.id, ...r };
    });
  }

  /**
   * The recap's month closing (called inside its transaction): compute and store the month's figures of the
   * unit's employees with `frozen_at`; figures already frozen (a re-closing after a reopening) stay and their
   * changes become adjustments. Reopening needs nothing here: a read treats a row as frozen only while the month
   * is closed for the unit, so a reopened month is computed live again.
   */
  async function freezeClosedMonth(
    trx: Transaction<Database>,
    e: { unitPath: string; month: string; closedAt: Date },
  ) {
    return storeMonth(trx, e.unitPath, e.month, e.closedAt);
  }

  const progress = createFiguresProgress(ctx, { readerUnit, staffOf });
  /** For the TPP run: `forTpp` (the stored figure) and `missingReportDates` (figures-tpp.ts). */
  const tpp = createFiguresTpp(ctx, repo);

  return {
    ...tpp,
    list,
    detail,
    mine,
    build,
    freezeClosedMonth,
    storeMonth,
    progress: progress.progress,
    home: progress.home,
    /** Resolves when the actor may read the item; NOT_FOUND otherwise. */
    async get(actor: Actor, id: string): Promise<unknown> {
      const [employeeId, month] = id.split(':');
      if (!employeeId || !month) throw notFound(`Data ${id}`);
      return detail(actor, employeeId, month);
    },
  };
}
export type FiguresSection = ReturnType<typeof createFiguresSection>;
export type { FigureAdjustment };
