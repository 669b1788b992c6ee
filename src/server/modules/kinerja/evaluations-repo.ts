import { sql } from 'kysely';
import type { Exec } from '../../relations/relations-service.ts';
import { unitScopeCondition, type UnitScope } from '../../auth/authz.ts';
import { fromZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { addDays, type LocalDate } from '../../../core/common/local-date.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { Predikat } from '../../../core/performance/performance-rules.ts';
import type { EvaluationKind } from '../../../core/performance/evaluation.ts';

/*
 * The queries of e-Kinerja's evaluation section (evaluations-service.ts): evaluations with their employee, unit
 * and SKP; the SKP's RHK and indicators; accepted daily reports, feedback and evidence of a period (read directly
 * from the other sections' tables); peer feedback, objections, unit performance and the counts of the curve.
 */

/** The full name with titles (null titles are absent). */
export const nameOf = (p: { name: string; frontTitle: string | null; backTitle: string | null }) =>
  formatFullName({
    name: p.name,
    frontTitle: p.frontTitle ?? undefined,
    backTitle: p.backTitle ?? undefined,
  });

const num = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/** An evaluation with what every answer about it needs. */
export function evaluationView(exec: Exec) {
  return exec
    .selectFrom('evaluations as ev')
    .innerJoin('employees as e', 'e.id', 'ev.employeeId')
    .innerJoin('units as u', 'u.id', 'ev.unitId')
    .innerJoin('skp as s', 's.id', 'ev.skpId')
    .leftJoin('positions as pos', 'pos.id', 's.positionId')
    .leftJoin('employees as pe', 'pe.id', 'ev.penilaiId')
    .leftJoin('evaluationObjections as ob', 'ob.evaluationId', 'ev.id')
    .selectAll('ev')
    .select([
      'e.name as empName',
      'e.frontTitle as empFront',
      'e.backTitle as empBack',
      'e.nip as nip',
      'e.employeeType as employeeType',
      'e.golongan as golongan',
      'u.name as unitName',
      'u.path as unitPath',
      'u.timeZone as timeZone',
      's.periodStart as skpStart',
      's.periodEnd as skpEnd',
      's.status as skpStatus',
      's.positionId as positionId',
      'pos.name as positionName',
      'pe.name as penilaiName',
      'pe.frontTitle as penilaiFront',
      'pe.backTitle as penilaiBack',
      'ob.status as objectionStatus',
    ]);
}

type ViewRow = NonNullable<Awaited<ReturnType<ReturnType<typeof evaluationView>['executeTakeFirst']>>>;

export interface EvaluationRow extends ViewRow {
  employeeName: string;
  penilaiFullName: string | null;
}

const shape = (r: ViewRow): EvaluationRow => ({
  ...r,
  employeeName: nameOf({ name: r.empName, frontTitle: r.empFront, backTitle: r.empBack }),
  penilaiFullName: r.penilaiName
    ? nameOf({ name: r.penilaiName, frontTitle: r.penilaiFront, backTitle: r.penilaiBack })
    : null,
});

export interface IndicatorRow {
  id: string;
  rhkId: string;
  seq: number;
  text: string;
  aspect: 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA';
  targetMin: number;
  targetMax: number | null;
  satuan: string;
}

export function createEvaluationsRepo() {
  async function byId(exec: Exec, id: string): Promise<EvaluationRow | null> {
    const r = await evaluationView(exec).where('ev.id', '=', id).executeTakeFirst();
    return r ? shape(r) : null;
  }

  /** Locks the evaluation's row for a decision (FOR UPDATE) and reads it again. */
  async function lock(exec: Exec, id: string): Promise<EvaluationRow | null> {
    await exec.selectFrom('evaluations').select('id').where('id', '=', id).forUpdate().execute();
    return byId(exec, id);
  }

  async function skp(exec: Exec, skpId: string) {
    return exec
      .selectFrom('skp as s')
      .innerJoin('units as u', 'u.id', 's.unitId')
      .select([
        's.id',
        's.employeeId',
        's.unitId',
        's.periodStart',
        's.periodEnd',
        's.status',
        'u.path as unitPath',
      ])
      .where('s.id', '=', skpId)
      .executeTakeFirst();
  }

  async function ofSkp(exec: Exec, skpId: string) {
    return exec
      .selectFrom('evaluations')
      .select(['id', 'kind', 'periodStart', 'status', 'predikat'])
      .where('skpId', '=', skpId)
      .execute();
  }

  async function rhkOf(exec: Exec, skpId: string) {
    const rhk = await exec
      .selectFrom('skpRhk')
      .select(['id', 'kind', 'seq', 'text'])
      .where('skpId', '=', skpId)
      .orderBy(sql`case when kind = 'UTAMA' then 0 else 1 end`)
      .orderBy('seq')
      .execute();
    const ind = rhk.length
      ? await exec
          .selectFrom('skpIndicators')
          .selectAll()
          .where(
            'rhkId',
            'in',
            rhk.map((r) => r.id),
          )
          .orderBy('seq')
          .execute()
      : [];
    const indicators: IndicatorRow[] = ind.map((i) => ({
      id: i.id,
      rhkId: i.rhkId,
      seq: i.seq,
      text: i.text,
      aspect: i.aspect as IndicatorRow['aspect'],
      targetMin: Number(i.targetMin),
      targetMax: num(i.targetMax),
      satuan: i.satuan,
    }));
    return rhk.map((r) => ({
      ...r,
      kind: r.kind as 'UTAMA' | 'TAMBAHAN',
      indicators: indicators.filter((i) => i.rhkId === r.id),
    }));
  }

  /** Accepted daily reports of the SKP in the period, per RHK: count, minutes and the sum of quantities. */
  async function acceptedReports(exec: Exec, skpId: string, start: LocalDate, end: LocalDate) {
    const rows = await exec
      .selectFrom('dailyReports')
      .select([
        'rhkId',
        sql<string>`count(*)`.as('n'),
        sql<string>`coalesce(sum(minutes), 0)`.as('minutes'),
        sql<string | null>`sum(quantity)`.as('quantity'),
      ])
      .where('skpId', '=', skpId)
      .where('status', '=', 'ACCEPTED')
      .where('reportDate', '>=', start)
      .where('reportDate', '<=', end)
      .groupBy('rhkId')
      .execute();
    return new Map(
      rows.map((r) => [
        r.rhkId,
        { count: Number(r.n), minutes: Number(r.minutes), quantity: num(r.quantity) },
      ]),
    );
  }

  /** Feedback on the SKP given within the period (employee's local dates). */
  async function feedback(exec: Exec, skpId: string, start: LocalDate, end: LocalDate, zone: string) {
    const z = zone as IndonesianTimeZone;
    const from = new Date(fromZoned(start, 0, z));
    const to = new Date(fromZoned(addDays(end, 1), 0, z));
    const rows = await exec
      .selectFrom('kinerjaFeedback as f')
      .innerJoin('employees as a', 'a.id', 'f.authorId')
      .select([
        'f.id',
        'f.rhkId',
        'f.reportId',
        'f.authorAs',
        'f.text',
        'f.createdAt',
        'a.name',
        'a.frontTitle',
        'a.backTitle',
      ])
      .where('f.skpId', '=', skpId)
      .where('f.createdAt', '>=', from)
      .where('f.createdAt', '<', to)
      .orderBy('f.createdAt')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      rhkId: r.rhkId,
      reportId: r.reportId,
      authorName: nameOf(r),
      authorAs: r.authorAs as 'PLT' | 'PLH' | null,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  /** Evidence attached to the SKP's RHK for a period overlapping this one. */
  async function evidence(exec: Exec, skpId: string, start: LocalDate, end: LocalDate) {
    const rows = await exec
      .selectFrom('rhkEvidence')
      .selectAll()
      .where('skpId', '=', skpId)
      .where('periodStart', '<=', end)
      .where('periodEnd', '>=', start)
      .orderBy('createdAt')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      rhkId: r.rhkId,
      description: r.description,
      link: r.link,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async function peerFeedback(exec: Exec, evaluationId: string) {
    const rows = await exec
      .selectFrom('evaluationPeerFeedback as p')
      .innerJoin('employees as a', 'a.id', 'p.authorId')
      .select([
        'p.authorId',
        'p.relation',
        'p.ratings',
        'p.note',
        'p.createdAt',
        'a.name',
        'a.frontTitle',
        'a.backTitle',
      ])
      .where('p.evaluationId', '=', evaluationId)
      .orderBy('p.createdAt')
      .execute();
    return rows.map((r) => ({ ...r, authorName: nameOf(r) }));
  }

  async function objectionOf(exec: Exec, evaluationId: string) {
    return exec
      .selectFrom('evaluationObjections as o')
      .leftJoin('employees as d', 'd.id', 'o.decidedBy')
      .selectAll('o')
      .select(['d.name as dName', 'd.frontTitle as dFront', 'd.backTitle as dBack'])
      .where('o.evaluationId', '=', evaluationId)
      .executeTakeFirst();
  }

  async function objectionById(exec: Exec, id: string) {
    return exec.selectFrom('evaluationObjections').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A person's name, NIP and current position. */
  async function person(exec: Exec, employeeId: string) {
    const r = await exec
      .selectFrom('employees as e')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select(['e.id', 'e.name', 'e.frontTitle', 'e.backTitle', 'e.nip', 'p.name as positionName'])
      .where('e.id', '=', employeeId)
      .executeTakeFirst();
    return r ? { employeeId: r.id, name: nameOf(r), nip: r.nip, positionName: r.positionName } : null;
  }

  async function unit(exec: Exec, id: string) {
    return exec
      .selectFrom('units')
      .select(['id', 'name', 'path', 'address', 'timeZone'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /**
   * The organisational performance in force for a unit over a period: a row of the unit or of its nearest
   * parent whose period covers the whole range (the narrowest first).
   */
  async function orgPerformanceFor(exec: Exec, unitPath: string, start: LocalDate, end: LocalDate) {
    const ids = unitPath.split('/').filter(Boolean);
    if (ids.length === 0) return null;
    const rows = await exec
      .selectFrom('unitPerformance as up')
      .innerJoin('units as u', 'u.id', 'up.unitId')
      .select(['up.id', 'up.unitId', 'up.periodStart', 'up.periodEnd', 'up.rating', 'u.path', 'u.name'])
      .where('up.unitId', 'in', ids)
      .where('up.periodStart', '<=', start)
      .where('up.periodEnd', '>=', end)
      .execute();
    rows.sort(
      (a, b) =>
        b.path.length - a.path.length ||
        a.periodEnd.localeCompare(b.periodEnd) ||
        b.periodStart.localeCompare(a.periodStart),
    );
    return rows[0] ?? null;
  }

  /**
   * The latest APPROVED annual (TAHUNAN) evaluation with a predikat of each employee (for the talent 9-box of the
   * competency module): predikat, label and period end.
   */
  async function latestAnnual(
    exec: Exec,
    employeeIds: readonly string[],
  ): Promise<Map<string, { predikat: Predikat; label: string; periodEnd: LocalDate }>> {
    if (employeeIds.length === 0) return new Map();
    const rows = await exec
      .selectFrom('evaluations as ev')
      .select(['ev.employeeId', 'ev.predikat', 'ev.label', 'ev.periodEnd'])
      .distinctOn('ev.employeeId')
      // One array parameter, whatever the number of people (a province's scope passes the 65,535-parameter limit).
      .where(sql<boolean>`ev.employee_id = any(${[...new Set(employeeIds)]}::uuid[])`)
      .where('ev.kind', '=', 'TAHUNAN')
      .where('ev.status', '=', 'APPROVED')
      .where('ev.predikat', 'is not', null)
      .orderBy('ev.employeeId')
      .orderBy('ev.periodEnd', 'desc')
      .execute();
    return new Map(
      rows.map((r) => [
        r.employeeId,
        { predikat: r.predikat as Predikat, label: r.label, periodEnd: r.periodEnd as LocalDate },
      ]),
    );
  }

  /**
   * FINAL and APPROVED evaluations per predikat in a unit's subtree of one kind whose period ends in the range,
   * one per employee (their latest).
   */
  async function predikatCounts(
    exec: Exec,
    unitPath: string,
    kind: EvaluationKind,
    start: LocalDate,
    end: LocalDate,
  ): Promise<Partial<Record<Predikat, number>>> {
    const rows = await exec
      .selectFrom((eb) =>
        eb
          .selectFrom('evaluations as ev')
          .innerJoin('units as u', 'u.id', 'ev.unitId')
          .select(['ev.employeeId', 'ev.predikat'])
          .distinctOn('ev.employeeId')
          .where('u.path', 'like', `${unitPath}%`)
          .where('ev.kind', '=', kind)
          .where('ev.status', 'in', ['FINAL', 'APPROVED'])
          .where('ev.predikat', 'is not', null)
          .where('ev.periodEnd', '>=', start)
          .where('ev.periodEnd', '<=', end)
          .orderBy('ev.employeeId')
          .orderBy('ev.periodEnd', 'desc')
          .as('x'),
      )
      .select(['x.predikat', sql<string>`count(*)`.as('n')])
      .groupBy('x.predikat')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.predikat!, Number(r.n)]));
  }

  /** One page of evaluations: in the scope, or the caller's own, or those they assess. */
  async function page(
    exec: Exec,
    f: {
      scope: UnitScope;
      employeeId: string | null;
      unitPath?: string;
      year?: number;
      periodStart?: string;
      status?: string;
      kind?: string;
      q?: string;
      page: number;
      pageSize: number;
    },
  ) {
    let q = evaluationView(exec).where((eb) => {
      const ors = [unitScopeCondition(eb, f.scope, 'u.path')];
      if (f.employeeId)
        ors.push(
          eb('ev.employeeId', '=', f.employeeId),
          eb('ev.penilaiId', '=', f.employeeId),
          eb('ev.atasanPenilaiId', '=', f.employeeId),
        );
      return eb.or(ors);
    });
    if (f.unitPath) q = q.where('u.path', 'like', `${f.unitPath}%`);
    if (f.year) q = q.where('s.year', '=', f.year);
    if (f.periodStart) q = q.where('ev.periodStart', '=', f.periodStart);
    if (f.status) q = q.where('ev.status', '=', f.status);
    if (f.kind) q = q.where('ev.kind', '=', f.kind);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
    }
    const total = await exec
      .selectFrom(q.as('x'))
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .orderBy('ev.periodStart', 'desc')
      .orderBy('e.name')
      .orderBy('ev.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { rows: rows.map(shape), total: Number(total.n) };
  }

  /** Evaluations of these statuses for these employees, or assessed by this person (inbox candidates). */
  async function candidates(exec: Exec, status: string, employeeIds: string[], assessorId: string) {
    const rows = await evaluationView(exec)
      .where('ev.status', '=', status)
      .where((eb) =>
        eb.or([
          ...(employeeIds.length ? [eb('ev.employeeId', 'in', employeeIds)] : []),
          eb(status === 'DRAFT' ? 'ev.penilaiId' : 'ev.atasanPenilaiId', '=', assessorId),
        ]),
      )
      .orderBy('ev.periodEnd')
      .orderBy('e.name')
      .limit(500)
      .execute();
    return rows.map(shape);
  }

  async function pendingObjections(exec: Exec, employeeIds: string[], assessorId: string) {
    const rows = await evaluationView(exec)
      .where('ob.status', '=', 'DIAJUKAN')
      .where((eb) =>
        eb.or([
          ...(employeeIds.length ? [eb('ev.employeeId', 'in', employeeIds)] : []),
          eb('ev.atasanPenilaiId', '=', assessorId),
        ]),
      )
      .limit(500)
      .execute();
    return rows.map(shape);
  }

  return {
    byId,
    lock,
    skp,
    ofSkp,
    rhkOf,
    acceptedReports,
    feedback,
    evidence,
    peerFeedback,
    objectionOf,
    objectionById,
    person,
    unit,
    orgPerformanceFor,
    predikatCounts,
    latestAnnual,
    page,
    candidates,
    pendingObjections,
  };
}
export type EvaluationsRepo = ReturnType<typeof createEvaluationsRepo>;
