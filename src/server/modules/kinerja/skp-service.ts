import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { sql } from 'kysely';
import type { Actor } from '../../auth/authz.ts';
import { scopeOf, unitScopeCondition } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { BERAKHLAK, BERAKHLAK_LABELS } from '../../../core/performance/performance-rules.ts';
import {
  cascadeIssues,
  completenessIssues,
  decideRefusal,
  editRefusal,
  isEditable,
  needsCascade,
  periodIssues,
  planNewPeriod,
  skpEligibility,
  submitRefusal,
  yearPeriod,
  type SkpIssue,
  type SkpStatus,
} from '../../../core/performance/skp.ts';
import type {
  Skp,
  SkpCreated,
  SkpCreateInput,
  SkpDecisionInput,
  SkpEligibility,
  SkpListQuery,
  SkpMatriks,
  SkpPage,
  SkpPerson,
  SkpRhkInput,
  SkpSummary,
  SkpUpdateInput,
  SuperiorRhk,
} from '../../../shared/api/kinerja-skp.ts';
import {
  SKP_NOTIFICATION_KINDS,
  skpCreateSchema,
  skpDecisionSchema,
  skpListQuerySchema,
  skpUpdateSchema,
} from '../../../shared/api/kinerja-skp.ts';
import type { z } from 'zod';
import type { KinerjaContext } from './kinerja-context.ts';
import { createSkpRepo, fullName, SKP_COL, type SkpRow } from './skp-repo.ts';
import { renderSkpDocument } from './skp-document.ts';
import { createSkpFeedback } from './skp-feedback.ts';

type Trx = Transaction<Database>;
type CreateInput = z.output<typeof skpCreateSchema>;
type UpdateInput = z.output<typeof skpUpdateSchema>;
type DecisionInput = z.output<typeof skpDecisionSchema>;
type ListQuery = z.output<typeof skpListQuerySchema>;

const READERS = ['kinerja.read', 'kinerja.manage'] as const;

/** A refusal of bad content: 400 with every problem as a field detail. */
function invalid(issues: SkpIssue[]): AppError {
  return new AppError('VALIDATION', issues[0]!.message, issues);
}

/** A date clamped into a period. */
const clamp = (d: LocalDate, start: LocalDate, end: LocalDate) => (d < start ? start : d > end ? end : d);

/**
 * e-Kinerja, section SKP (issue 15 points 1 and 4): eligibility, the SKP with its RHK, indicators and cascade,
 * perilaku kerja and lampiran; the workflow draft → submitted → approved / returned by the pejabat penilai (or
 * Plt/Plh); a new SKP on a change of position mid-year (the older one cut, both kept); copying last year's; the
 * matriks peran hasil, the cascade picker and the inbox; the SKP document (PDF); continuous feedback and evidence.
 * Source: PermenPANRB 6/2022; BKN e-Kinerja; regulations.md §6.2, §6.4.
 */
export function createSkpSection(ctx: KinerjaContext) {
  const { db, clock, audit, relations, notifications } = ctx;
  const repo = createSkpRepo(db);

  const todayOf = (employeeId: string, exec: Exec = db) => relations.todayOf(employeeId, exec);
  /** The date an SKP's relations are taken on: today inside its period, else the nearest end. */
  async function refDate(
    row: { employeeId: string; periodStart: LocalDate; periodEnd: LocalDate },
    exec: Exec = db,
  ) {
    return clamp(await todayOf(row.employeeId, exec), row.periodStart, row.periodEnd);
  }

  /** Who the pejabat penilai of an employee is on a date (the post's holder, else whoever fills it). */
  async function penilaiIdsOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    try {
      const a = await ctx.penilaiOn(employeeId, date, exec);
      if (!a) return null;
      const main = a.slot.definitiveId ?? a.slot.official?.employeeId ?? a.deciderIds[0] ?? null;
      const all = [
        ...new Set(
          [a.slot.definitiveId, a.slot.official?.employeeId, ...a.deciderIds].filter((x): x is string => !!x),
        ),
      ];
      return { main, all, deciderIds: a.deciderIds };
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') return null;
      throw err;
    }
  }

  async function atasanPenilaiIdOn(employeeId: string, date: LocalDate, exec: Exec = db) {
    try {
      const a = await ctx.atasanPenilaiOn(employeeId, date, exec);
      return a ? (a.slot.definitiveId ?? a.slot.official?.employeeId ?? null) : null;
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') return null;
      throw err;
    }
  }

  /** May the actor read this SKP? The employee, readers in scope, the assessors then, and the penilai of record. */
  async function mayRead(actor: Actor, row: SkpRow, exec: Exec = db) {
    if (actor.employeeId && (actor.employeeId === row.penilaiId || actor.employeeId === row.atasanPenilaiId))
      return true;
    return ctx.canRead(actor, row.employeeId, await refDate(row, exec), row.unitPath, exec);
  }

  async function load(actor: Actor, id: string, exec: Exec = db): Promise<SkpRow> {
    const row = await repo.byId(id, exec);
    if (!row) throw notFound('SKP');
    if (!(await mayRead(actor, row, exec))) throw forbidden('Anda tidak berwenang melihat SKP pegawai ini');
    return row;
  }

  /** Whether the actor may decide this SKP now (pejabat penilai or Plt/Plh). */
  async function isDecider(actor: Actor, row: SkpRow) {
    if (!actor.employeeId || actor.employeeId === row.employeeId) return false;
    const p = await penilaiIdsOn(row.employeeId, await refDate(row));
    return !!p?.deciderIds.includes(actor.employeeId);
  }

  function perilakuOf(stored: { value: string; ekspektasi: string }[]) {
    const by = new Map(stored.map((p) => [p.value, p.ekspektasi]));
    return BERAKHLAK.map((value) => ({
      value,
      label: BERAKHLAK_LABELS[value],
      ekspektasiKhusus: by.get(value) || null,
    }));
  }
  const perilakuToStore = (list: { value: string; ekspektasiKhusus?: string | null }[]) =>
    list.filter((p) => p.ekspektasiKhusus).map((p) => ({ value: p.value, ekspektasi: p.ekspektasiKhusus! }));
  const lampiranOf = (l: Record<string, string[]> | null) => ({
    dukunganSumberDaya: l?.dukunganSumberDaya ?? [],
    skemaPertanggungjawaban: l?.skemaPertanggungjawaban ?? [],
    konsekuensi: l?.konsekuensi ?? [],
  });

  /** The full SKP as the contract answers it. */
  async function present(actor: Actor, row: SkpRow, exec: Exec = db): Promise<Skp> {
    let penilaiId = row.penilaiId;
    let atasanId = row.atasanPenilaiId;
    if (!penilaiId && (row.status === 'DRAFT' || row.status === 'RETURNED')) {
      const d = await refDate(row, exec);
      penilaiId = (await penilaiIdsOn(row.employeeId, d, exec))?.main ?? null;
      atasanId = await atasanPenilaiIdOn(row.employeeId, d, exec);
    }
    const [rhk, people] = await Promise.all([
      repo.rhkOf([row.id], exec),
      repo.people([row.employeeId, penilaiId, atasanId, row.decidedBy], exec),
    ]);
    const employee = people.get(row.employeeId)!;
    const status = row.status as SkpStatus;
    const own = actor.employeeId === row.employeeId;
    return {
      id: row.id,
      employee: { ...employee, positionName: row.positionName, unitName: row.unitName },
      employeeType: row.employeeType,
      unitId: row.unitId,
      unitName: row.unitName,
      positionId: row.positionId,
      positionKind: row.positionKind,
      needsCascade: needsCascade(row.positionKind),
      year: row.year,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      approach: row.approach as Skp['approach'],
      status,
      penilai: penilaiId ? (people.get(penilaiId) ?? null) : null,
      atasanPenilai: atasanId ? (people.get(atasanId) ?? null) : null,
      returnNote: row.returnNote,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedByName: row.decidedBy ? (people.get(row.decidedBy)?.name ?? null) : null,
      decidedAs: (row.decidedAs as 'PLT' | 'PLH' | null) ?? null,
      copiedFrom: row.copiedFrom,
      rhk: rhk.map(({ skpId: _s, ...r }) => r),
      perilaku: perilakuOf(row.perilaku ?? []),
      lampiran: lampiranOf(row.lampiran),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      canEdit: own && isEditable(status),
      canSubmit: own && isEditable(status),
      canDecide: status === 'SUBMITTED' && (await isDecider(actor, row)),
    };
  }

  // ---------------------------------------------------------------- validation of content

  /**
   * Problems of the RHK list for an SKP of this employee and period: targets (the contract checked their form),
   * the cascade against the pejabat penilai's SKP of an overlapping period, ids of existing RHK.
   */
  async function contentIssues(
    rhk: SkpRhkInput[],
    opts: { employeeId: string; cascade: boolean; start: LocalDate; end: LocalDate; ownRhkIds: Set<string> },
    exec: Exec,
  ): Promise<SkpIssue[]> {
    const issues: SkpIssue[] = [];
    const date = clamp(await todayOf(opts.employeeId, exec), opts.start, opts.end);
    const penilai = await penilaiIdsOn(opts.employeeId, date, exec);
    const linked = rhk.map((r) => r.intervenesRhkId).filter((x): x is string => !!x);
    const found = new Map((await repo.superiorRhk(linked, exec)).map((r) => [r.id, r]));
    rhk.forEach((r, i) => {
      const path = `rhk.${i}`;
      if (r.id && !opts.ownRhkIds.has(r.id))
        issues.push({ path: `${path}.id`, message: `RHK ke-${i + 1} bukan bagian dari SKP ini` });
      if (r.intervenesRhkId && opts.ownRhkIds.has(r.intervenesRhkId))
        issues.push({
          path: `${path}.intervenesRhkId`,
          message: 'RHK tidak dapat mengintervensi RHK di SKP sendiri',
        });
      else if (opts.cascade && !r.intervenesRhkId && !penilai)
        issues.push({
          path: `${path}.intervenesRhkId`,
          message:
            'Pejabat penilai Anda belum tercatat di Abdi; RHK atasan belum dapat dipilih (hubungi admin OPD)',
        });
      else {
        const f = r.intervenesRhkId ? found.get(r.intervenesRhkId) : undefined;
        issues.push(
          ...cascadeIssues(r, {
            cascade: opts.cascade,
            period: { start: opts.start, end: opts.end },
            penilaiIds: penilai?.all ?? [],
            found: f && {
              id: f.id,
              skpEmployeeId: f.skpEmployeeId,
              skpStatus: f.skpStatus as SkpStatus,
              periodStart: f.periodStart,
              periodEnd: f.periodEnd,
            },
            path,
          }),
        );
      }
    });
    return issues;
  }

  /** Write the RHK and indicators of an SKP (replacing what was there), in the caller's transaction. */
  async function writeRhk(trx: Trx, skpId: string, rhk: SkpRhkInput[]) {
    const existing = await trx
      .selectFrom('skpRhk')
      .select(['id', 'text', 'seq'])
      .where('skpId', '=', skpId)
      .execute();
    const keep = new Set(rhk.map((r) => r.id).filter((x): x is string => !!x));
    const removed = existing.filter((e) => !keep.has(e.id));
    if (removed.length) {
      const ids = removed.map((r) => r.id);
      const [linked, reports, fb, ev] = await Promise.all([
        trx.selectFrom('skpRhk').select('intervenesRhkId').where('intervenesRhkId', 'in', ids).execute(),
        trx.selectFrom('dailyReports').select('rhkId').where('rhkId', 'in', ids).execute(),
        trx.selectFrom('kinerjaFeedback').select('rhkId').where('rhkId', 'in', ids).execute(),
        trx.selectFrom('rhkEvidence').select('rhkId').where('rhkId', 'in', ids).execute(),
      ]);
      const used = new Set([
        ...linked.map((r) => r.intervenesRhkId),
        ...reports.map((r) => r.rhkId),
        ...fb.map((r) => r.rhkId),
        ...ev.map((r) => r.rhkId),
      ]);
      const blocked = removed.find((r) => used.has(r.id));
      if (blocked)
        throw new AppError(
          'CONFLICT',
          `RHK "${blocked.text.slice(0, 80)}" tidak dapat dihapus: sudah diintervensi RHK bawahan atau sudah memiliki laporan, umpan balik atau eviden`,
          { rhkId: blocked.id },
        );
      await trx.deleteFrom('skpRhk').where('id', 'in', ids).execute();
    }
    // Move kept rows out of the way of the new order (unique (skp_id, seq)).
    await trx
      .updateTable('skpRhk')
      .set({ seq: sql`seq + 100000` })
      .where('skpId', '=', skpId)
      .execute();
    let seq = 0;
    for (const kind of ['UTAMA', 'TAMBAHAN'] as const) {
      for (const r of rhk.filter((x) => x.kind === kind)) {
        seq++;
        const values = {
          kind: r.kind,
          seq,
          text: r.text,
          intervenesRhkId: r.intervenesRhkId ?? null,
          penugasanDari: r.penugasanDari ?? null,
        };
        let rhkId: string;
        if (r.id) {
          await trx.updateTable('skpRhk').set(values).where('id', '=', r.id).execute();
          await trx.deleteFrom('skpIndicators').where('rhkId', '=', r.id).execute();
          rhkId = r.id;
        } else {
          rhkId = (
            await trx
              .insertInto('skpRhk')
              .values({ ...values, skpId })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id;
        }
        if (r.indicators.length)
          await trx
            .insertInto('skpIndicators')
            .values(
              r.indicators.map((ind, j) => ({
                rhkId,
                seq: j + 1,
                text: ind.text,
                aspect: ind.aspect,
                targetMin: ind.targetMin,
                targetMax: ind.targetMax ?? null,
                satuan: ind.satuan,
              })),
            )
            .execute();
      }
    }
  }

  // ---------------------------------------------------------------- eligibility

  async function eligibility(
    actor: Actor,
    q: { employeeId?: string; date?: LocalDate },
  ): Promise<SkpEligibility> {
    const employeeId = q.employeeId ?? actor.employeeId;
    if (!employeeId) throw forbidden('Akun ini tidak terhubung dengan data pegawai');
    const date = q.date ?? (await todayOf(employeeId));
    if (!(await ctx.canRead(actor, employeeId, date)))
      throw forbidden('Anda tidak berwenang melihat SKP pegawai ini');
    const e = await db
      .selectFrom('employees as e')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select([
        'e.id',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.employeeType',
        'p.kind',
        'p.name as positionName',
      ])
      .where('e.id', '=', employeeId)
      .executeTakeFirst();
    if (!e) throw notFound('Pegawai');
    const rules = await ctx.rulesOn(date);
    const el = skpEligibility(e.employeeType, rules.skp.employeeTypes);
    const p = await penilaiIdsOn(employeeId, date);
    const people = await repo.people([p?.main]);
    return {
      employeeId,
      employeeName: fullName(e),
      employeeType: e.employeeType,
      eligible: el.eligible,
      reason: el.reason,
      positionKind: e.kind ?? null,
      positionName: e.positionName ?? null,
      needsCascade: needsCascade(e.kind),
      penilai: p?.main ? (people.get(p.main) ?? null) : null,
      placementStart: await repo.placementStart(employeeId, date),
    };
  }

  // ---------------------------------------------------------------- create, copy, update

  async function create(actor: Actor, input: CreateInput): Promise<SkpCreated> {
    const employeeId = actor.employeeId;
    if (!employeeId)
      throw forbidden('Akun ini tidak terhubung dengan data pegawai; SKP disusun oleh pegawai sendiri');
    const yp = yearPeriod(input.year);
    const requested = { start: input.periodStart ?? yp.start, end: input.periodEnd ?? yp.end };
    const pIssues = periodIssues(input.year, requested.start, requested.end);
    if (pIssues.length) throw invalid(pIssues);
    const emp = await db
      .selectFrom('employees as e')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select(['e.employeeType', 'e.unitId', 'e.positionId', 'p.kind'])
      .where('e.id', '=', employeeId)
      .executeTakeFirst();
    if (!emp) throw notFound('Pegawai');
    const rules = await ctx.rulesOn(requested.start);
    const el = skpEligibility(emp.employeeType, rules.skp.employeeTypes);
    if (!el.eligible) throw forbidden(el.reason!);
    const cascade = needsCascade(emp.kind);

    // The source of a copy: one of the caller's own SKPs.
    let source: { row: SkpRow; rhk: Awaited<ReturnType<typeof repo.rhkOf>> } | null = null;
    if (input.copyFrom) {
      const row = await repo.byId(input.copyFrom);
      if (!row) throw notFound('SKP sumber');
      if (row.employeeId !== employeeId) throw forbidden('Hanya SKP Anda sendiri yang dapat disalin');
      source = { row, rhk: await repo.rhkOf([row.id]) };
    }

    const today = await todayOf(employeeId);
    const placement = await repo.placementStart(employeeId, today);
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('skp'), hashtext(${employeeId}))`.execute(trx);
      const existing = await repo.ofEmployee(employeeId, input.year, trx);
      const plan = planNewPeriod(input.year, requested, existing, placement);
      if ('refusal' in plan) throw new AppError('CONFLICT', plan.refusal);

      let rhk: SkpRhkInput[];
      let clearedLinks = 0;
      let perilaku: { value: string; ekspektasi: string }[];
      let lampiran: Record<string, string[]>;
      let approach: string = input.approach;
      if (source) {
        rhk = source.rhk.map((r) => {
          if (r.intervenesRhkId) clearedLinks++;
          return {
            kind: r.kind,
            text: r.text,
            intervenesRhkId: null,
            penugasanDari: r.penugasanDari,
            indicators: r.indicators.map((i) => ({
              text: i.text,
              aspect: i.aspect,
              targetMin: i.targetMin,
              targetMax: i.targetMax,
              satuan: i.satuan,
            })),
          };
        });
        perilaku = source.row.perilaku ?? [];
        lampiran = lampiranOf(source.row.lampiran);
        approach = source.row.approach;
      } else {
        const issues = await contentIssues(
          input.rhk,
          { employeeId, cascade, start: plan.start, end: plan.end, ownRhkIds: new Set() },
          trx,
        );
        if (issues.length) throw invalid(issues);
        rhk = input.rhk.map((r) => ({ ...r, id: undefined }));
        perilaku = perilakuToStore(input.perilaku);
        lampiran = input.lampiran;
      }

      let periodCut: SkpCreated['periodCut'] = null;
      if (plan.cut) {
        const older = existing.find((e) => e.id === plan.cut!.id)!;
        await trx
          .updateTable('skp')
          .set({ periodEnd: plan.cut.newEnd, updatedAt: clock.now() })
          .where('id', '=', plan.cut.id)
          .execute();
        await audit.record(trx, ctxOf(actor), {
          action: 'skp.period_cut',
          entityType: 'skp',
          entityId: plan.cut.id,
          unitId: emp.unitId,
          before: { periodEnd: older.periodEnd },
          after: { periodEnd: plan.cut.newEnd, reason: 'Pindah jabatan di tengah tahun' },
        });
        periodCut = { skpId: plan.cut.id, periodEnd: plan.cut.newEnd };
      }

      const { id } = await trx
        .insertInto('skp')
        .values({
          employeeId,
          unitId: emp.unitId,
          positionId: emp.positionId,
          year: input.year,
          periodStart: plan.start,
          periodEnd: plan.end,
          approach,
          status: 'DRAFT',
          copiedFrom: source?.row.id ?? null,
          perilaku: JSON.stringify(perilaku),
          lampiran: JSON.stringify(lampiran),
          createdBy: actor.userId,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeRhk(trx, id, rhk);
      await audit.record(trx, ctxOf(actor), {
        action: source ? 'skp.copied' : 'skp.created',
        entityType: 'skp',
        entityId: id,
        unitId: emp.unitId,
        after: {
          year: input.year,
          periodStart: plan.start,
          periodEnd: plan.end,
          copiedFrom: source?.row.id ?? null,
          rhkCount: rhk.length,
          clearedLinks,
        },
      });
      const notices: string[] = [];
      if (periodCut)
        notices.push(
          `Anda pindah jabatan di tengah tahun: SKP ini mulai ${plan.start}; SKP sebelumnya berakhir ${periodCut.periodEnd}. Keduanya tetap tersimpan.`,
        );
      if (clearedLinks)
        notices.push(
          `${clearedLinks} tautan ke RHK atasan dikosongkan karena berasal dari periode lain; pilih lagi RHK atasan yang diintervensi sebelum mengajukan.`,
        );
      const row = (await repo.byId(id, trx))!;
      return { skp: await present(actor, row, trx), notices, clearedLinks, periodCut };
    });
  }

  async function update(actor: Actor, id: string, input: UpdateInput): Promise<Skp> {
    const row0 = await load(actor, id);
    if (actor.employeeId !== row0.employeeId)
      throw forbidden('Hanya pegawai pemilik SKP yang dapat mengubahnya');
    const refusal = editRefusal(row0.status as SkpStatus);
    if (refusal) throw new AppError('CONFLICT', refusal);
    const start = input.periodStart ?? row0.periodStart;
    const end = input.periodEnd ?? row0.periodEnd;
    const pIssues = periodIssues(row0.year, start, end);
    if (pIssues.length) throw invalid(pIssues);
    await db.transaction().execute(async (trx) => {
      const row = (await repo.byId(id, trx, true))!;
      const again = editRefusal(row.status as SkpStatus);
      if (again) throw new AppError('CONFLICT', again);
      const others = (await repo.ofEmployee(row.employeeId, row.year, trx)).filter((s) => s.id !== id);
      const clash = others.find((o) => o.periodStart <= end && start <= o.periodEnd);
      if (clash)
        throw fieldError(
          'periodStart',
          `Periode bertumpuk dengan SKP lain (${clash.periodStart} s.d. ${clash.periodEnd})`,
        );
      const own = await trx.selectFrom('skpRhk').select('id').where('skpId', '=', id).execute();
      const issues = await contentIssues(
        input.rhk,
        {
          employeeId: row.employeeId,
          cascade: needsCascade(row.positionKind),
          start,
          end,
          ownRhkIds: new Set(own.map((r) => r.id)),
        },
        trx,
      );
      if (issues.length) throw invalid(issues);
      await trx
        .updateTable('skp')
        .set({
          periodStart: start,
          periodEnd: end,
          approach: input.approach,
          perilaku: JSON.stringify(perilakuToStore(input.perilaku)),
          lampiran: JSON.stringify(input.lampiran),
          updatedAt: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      await writeRhk(trx, id, input.rhk);
    });
    return get(actor, id);
  }

  // ---------------------------------------------------------------- workflow

  async function submit(actor: Actor, id: string): Promise<Skp> {
    const row0 = await load(actor, id);
    if (actor.employeeId !== row0.employeeId)
      throw forbidden('Hanya pegawai pemilik SKP yang dapat mengajukannya');
    const date = await refDate(row0);
    await db.transaction().execute(async (trx) => {
      const row = (await repo.byId(id, trx, true))!;
      const refusal = submitRefusal(row.status as SkpStatus);
      if (refusal) throw new AppError('CONFLICT', refusal);
      const cascade = needsCascade(row.positionKind);
      const rhk = await repo.rhkOf([id], trx);
      const issues = completenessIssues(rhk, cascade);
      issues.push(
        ...(await contentIssues(
          rhk.map((r) => ({ ...r, id: r.id })),
          {
            employeeId: row.employeeId,
            cascade,
            start: row.periodStart,
            end: row.periodEnd,
            ownRhkIds: new Set(rhk.map((r) => r.id)),
          },
          trx,
        )),
      );
      if (issues.length) throw invalid(issues);
      const penilai = await penilaiIdsOn(row.employeeId, date, trx);
      if (!penilai?.main)
        throw new AppError(
          'CONFLICT',
          'Pejabat penilai Anda belum tercatat di Abdi; SKP belum dapat diajukan (hubungi admin OPD)',
        );
      const atasan = await atasanPenilaiIdOn(row.employeeId, date, trx);
      const now = clock.now();
      await trx
        .updateTable('skp')
        .set({
          status: 'SUBMITTED',
          penilaiId: penilai.main,
          atasanPenilaiId: atasan,
          submittedAt: now,
          updatedAt: now,
        })
        .where('id', '=', id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'skp.submitted',
        entityType: 'skp',
        entityId: id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: 'SUBMITTED', penilaiId: penilai.main },
      });
      await notifications.notify(trx, {
        employeeIds: penilai.deciderIds,
        exceptEmployeeIds: [row.employeeId],
        kind: SKP_NOTIFICATION_KINDS.waiting,
        title: 'SKP menunggu persetujuan',
        body: `${fullName({ name: row.employeeName, frontTitle: row.frontTitle, backTitle: row.backTitle })} mengajukan SKP ${row.year} (${formatDdMmYyyy(row.periodStart)} s.d. ${formatDdMmYyyy(row.periodEnd)}).`,
        link: '/kinerja/verifikasi?tab=skp',
        entity: { type: 'skp', id },
        subjectEmployeeId: row.employeeId,
        once: false,
      });
    });
    return get(actor, id);
  }

  async function decide(actor: Actor, id: string, input: DecisionInput): Promise<Skp> {
    const row0 = await repo.byId(id);
    if (!row0) throw notFound('SKP');
    const date = await refDate(row0);
    // Relationship first (403 without revealing the state), then the state (409).
    const { as } = await ctx.requirePenilai(actor, row0.employeeId, date);
    await db.transaction().execute(async (trx) => {
      const row = (await repo.byId(id, trx, true))!;
      const refusal = decideRefusal(row.status as SkpStatus);
      if (refusal) throw new AppError('CONFLICT', refusal);
      const now = clock.now();
      const approve = input.decision === 'APPROVE';
      let perilaku = row.perilaku ?? [];
      if (input.perilaku) {
        const set = new Map(perilaku.map((p) => [p.value, p.ekspektasi]));
        for (const p of input.perilaku) {
          if (p.ekspektasiKhusus) set.set(p.value, p.ekspektasiKhusus);
          else set.delete(p.value);
        }
        perilaku = [...set].map(([value, ekspektasi]) => ({ value, ekspektasi }));
      }
      await trx
        .updateTable('skp')
        .set({
          status: approve ? 'APPROVED' : 'RETURNED',
          returnNote: approve ? null : input.note,
          decidedAt: now,
          decidedBy: actor.employeeId,
          decidedAs: as,
          perilaku: JSON.stringify(perilaku),
          updatedAt: now,
        })
        .where('id', '=', id)
        .where('status', '=', 'SUBMITTED')
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: approve ? 'skp.approved' : 'skp.returned',
        entityType: 'skp',
        entityId: id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: approve ? 'APPROVED' : 'RETURNED', note: input.note || null, decidedAs: as },
      });
      await notifications.notify(trx, {
        employeeIds: [row.employeeId],
        kind: SKP_NOTIFICATION_KINDS.decided,
        title: approve ? 'SKP disetujui' : 'SKP dikembalikan',
        body: approve
          ? `SKP ${row.year} Anda disetujui${as ? ` oleh ${as === 'PLT' ? 'Plt.' : 'Plh.'} pejabat penilai` : ''}.${input.note ? ` Catatan: ${input.note}` : ''}`
          : `SKP ${row.year} Anda dikembalikan untuk diperbaiki. Catatan: ${input.note}`,
        link: '/kinerja/skp',
        entity: { type: 'skp', id },
        subjectEmployeeId: row.employeeId,
        once: false,
      });
    });
    return get(actor, id);
  }

  // ---------------------------------------------------------------- reads

  async function get(actor: Actor, id: string): Promise<Skp> {
    return present(actor, await load(actor, id));
  }

  const toSummary = (
    r: Awaited<ReturnType<ReturnType<typeof repo.summarySelect>['execute']>>[number],
  ): SkpSummary => ({
    id: r.id,
    employeeId: r.employeeId,
    employeeName: fullName({ name: r.employeeName, frontTitle: r.frontTitle, backTitle: r.backTitle }),
    nip: r.nip,
    unitId: r.unitId,
    unitName: r.unitName,
    positionName: r.positionName,
    year: r.year,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    approach: r.approach as SkpSummary['approach'],
    status: r.status as SkpStatus,
    rhkCount: Number(r.rhkCount ?? 0),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  });

  async function mine(actor: Actor, q: { year?: number }) {
    if (!actor.employeeId) return { items: [] };
    let query = repo.summarySelect(db).where('skp.employeeId', '=', actor.employeeId);
    if (q.year !== undefined) query = query.where(SKP_COL.year, '=', q.year);
    const rows = await query.orderBy('skp.periodStart', 'desc').execute();
    return { items: rows.map(toSummary) };
  }

  /** The employees the actor supervises today (direct staff, by Plt/Plh too). */
  async function staffOf(actor: Actor): Promise<string[]> {
    if (!actor.employeeId) return [];
    try {
      const subs = await relations.subordinatesOn(actor.employeeId, await todayOf(actor.employeeId));
      return subs.map((s) => s.employeeId);
    } catch (err) {
      if (err instanceof AppError) return [];
      throw err;
    }
  }

  async function list(actor: Actor, q: ListQuery): Promise<SkpPage> {
    const scopes = READERS.map((p) => scopeOf(actor, p));
    const scope = scopes.includes('all') ? 'all' : [...new Set(scopes.flatMap((s) => s as string[]))];
    const staff = await staffOf(actor);
    const me = actor.employeeId;
    let query = repo
      .summarySelect(db)
      .where((eb) =>
        eb.or([
          unitScopeCondition(eb, scope, 'u.path'),
          ...(staff.length ? [eb('skp.employeeId', 'in', staff)] : []),
          ...(me ? [eb('skp.penilaiId', '=', me), eb('skp.employeeId', '=', me)] : []),
        ]),
      );
    if (q.unitId) {
      const unit = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!unit) throw notFound('Unit');
      query = query.where('u.path', 'like', `${unit.path}%`);
    }
    if (q.year !== undefined) query = query.where(SKP_COL.year, '=', q.year);
    if (q.status) query = query.where(SKP_COL.status, '=', q.status);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
    }
    const total = Number(
      (
        await query
          .clearSelect()
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    const rows = await query
      .orderBy(SKP_COL.year, 'desc')
      .orderBy('e.name')
      .orderBy('skp.periodStart')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: rows.map(toSummary), total, page: q.page, pageSize: q.pageSize };
  }

  /** SUBMITTED SKPs the actor decides (as penilai of record or over their staff, Plt/Plh included). */
  async function inboxQuery(actor: Actor) {
    const me = actor.employeeId;
    if (!me) return null;
    const staff = await staffOf(actor);
    const candidates = await db
      .selectFrom('skp')
      .select(['id', 'employeeId', 'periodStart', 'periodEnd', 'penilaiId'])
      .where('status', '=', 'SUBMITTED')
      .where((eb) =>
        eb.or([eb('penilaiId', '=', me), ...(staff.length ? [eb('employeeId', 'in', staff)] : [])]),
      )
      .execute();
    const ids: string[] = [];
    for (const c of candidates) {
      const p = await penilaiIdsOn(c.employeeId, await refDate(c));
      if (p?.deciderIds.includes(me) && c.employeeId !== me) ids.push(c.id);
    }
    return ids;
  }

  async function inbox(actor: Actor, q: { page: number; pageSize: number; q?: string }): Promise<SkpPage> {
    const ids = await inboxQuery(actor);
    if (!ids?.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    let query = repo.summarySelect(db).where(SKP_COL.id, 'in', ids);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
    }
    const rows = await query.orderBy('skp.submittedAt').execute();
    const page = rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return { items: page.map(toSummary), total: rows.length, page: q.page, pageSize: q.pageSize };
  }

  async function inboxCount(actor: Actor) {
    return { count: (await inboxQuery(actor))?.length ?? 0 };
  }

  async function superiorRhk(actor: Actor, q: { date?: LocalDate }): Promise<SuperiorRhk> {
    const me = actor.employeeId;
    if (!me) throw forbidden('Akun ini tidak terhubung dengan data pegawai');
    const date = q.date ?? (await todayOf(me));
    const p = await penilaiIdsOn(me, date);
    if (!p)
      return { date, penilai: null, items: [], emptyReason: 'Pejabat penilai Anda belum tercatat di Abdi' };
    const people = await repo.people([p.main]);
    const rows = await db
      .selectFrom('skpRhk as r')
      .innerJoin('skp as s', 's.id', 'r.skpId')
      .select(['r.id', 'r.skpId', 'r.kind', 'r.seq', 'r.text', 's.periodStart', 's.periodEnd', 's.status'])
      .where('s.employeeId', 'in', p.all)
      .where('s.status', 'in', ['SUBMITTED', 'APPROVED'])
      .where('s.periodStart', '<=', date)
      .where('s.periodEnd', '>=', date)
      .orderBy('s.periodStart')
      .orderBy(sql`case when r.kind = 'UTAMA' then 0 else 1 end`)
      .orderBy('r.seq')
      .execute();
    return {
      date,
      penilai: p.main ? (people.get(p.main) ?? null) : null,
      items: rows.map((r) => ({
        id: r.id,
        skpId: r.skpId,
        kind: r.kind as 'UTAMA' | 'TAMBAHAN',
        seq: r.seq,
        text: r.text,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        skpStatus: r.status as SkpStatus,
      })),
      emptyReason: rows.length
        ? null
        : 'SKP pejabat penilai untuk tanggal ini belum diajukan atau disetujui; RHK atasan belum dapat dipilih',
    };
  }

  async function matriks(actor: Actor, skpId: string): Promise<SkpMatriks> {
    const row = await load(actor, skpId);
    const [rhk, people] = await Promise.all([repo.rhkOf([skpId]), repo.people([row.employeeId])]);
    const staff = rhk.length
      ? await db
          .selectFrom('skpRhk as r')
          .innerJoin('skp as s', 's.id', 'r.skpId')
          .innerJoin('employees as e', 'e.id', 's.employeeId')
          .leftJoin('positions as p', 'p.id', 's.positionId')
          .select([
            'r.id as rhkId',
            'r.text as rhkText',
            'r.intervenesRhkId',
            's.id as skpId',
            's.status',
            'e.id as employeeId',
            'e.name',
            'e.frontTitle',
            'e.backTitle',
            'e.nip',
            'p.name as positionName',
          ])
          .where(
            'r.intervenesRhkId',
            'in',
            rhk.map((r) => r.id),
          )
          .orderBy('e.name')
          .orderBy('r.seq')
          .execute()
      : [];
    return {
      skpId,
      owner: { ...people.get(row.employeeId)!, positionName: row.positionName, unitName: row.unitName },
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      rows: rhk.map((r) => ({
        rhk: { id: r.id, kind: r.kind, seq: r.seq, text: r.text },
        staff: staff
          .filter((s) => s.intervenesRhkId === r.id)
          .map((s) => ({
            employeeId: s.employeeId,
            employeeName: fullName({ name: s.name, frontTitle: s.frontTitle, backTitle: s.backTitle }),
            nip: s.nip,
            positionName: s.positionName,
            skpId: s.skpId,
            skpStatus: s.status as SkpStatus,
            rhkId: s.rhkId,
            rhkText: s.rhkText,
          })),
      })),
    };
  }

  /** The SKP document as PDF (A4 landscape): letterhead, identity tables, RHK, perilaku, lampiran, signatures. */
  async function pdf(actor: Actor, id: string): Promise<{ bytes: Uint8Array; fileName: string }> {
    const row = await load(actor, id);
    const skp = await present(actor, row);
    const letterhead = await ctx.documents.letterheadFor(row.unitId);
    let penilaiPosition: string | null = skp.penilai?.positionName ?? null;
    if (row.decidedAs && row.decidedBy && row.penilaiId) {
      // The decider acted for the penilai's post: the signature is "Plt./Plh. <post>" with the decider's name.
      const post = await db
        .selectFrom('employees as e')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .select('p.name')
        .where('e.id', '=', row.penilaiId)
        .executeTakeFirst();
      penilaiPosition = post?.name ?? penilaiPosition;
    }
    const decider = row.decidedBy ? (await repo.people([row.decidedBy])).get(row.decidedBy) : undefined;
    const bytes = await renderSkpDocument({
      skp,
      letterhead,
      signer:
        row.status === 'APPROVED' && decider
          ? {
              name: decider.name,
              nip: decider.nip,
              position: row.decidedAs ? penilaiPosition : decider.positionName,
              acting: (row.decidedAs as 'PLT' | 'PLH' | null) ?? null,
            }
          : skp.penilai
            ? {
                name: skp.penilai.name,
                nip: skp.penilai.nip,
                position: skp.penilai.positionName,
                acting: null,
              }
            : null,
      issuedOn: clock.now(),
    });
    const nip = skp.employee.nip ?? row.employeeId.slice(0, 8);
    return { bytes, fileName: `SKP-${row.year}-${nip}-${row.periodStart}.pdf` };
  }

  const feedback = createSkpFeedback(ctx, { repo, mayRead, load, refDate });

  return {
    eligibility,
    create: (actor: Actor, input: SkpCreateInput) => create(actor, skpCreateSchema.parse(input)),
    update: (actor: Actor, id: string, input: SkpUpdateInput) =>
      update(actor, id, skpUpdateSchema.parse(input)),
    submit,
    decide: (actor: Actor, id: string, input: SkpDecisionInput) =>
      decide(actor, id, skpDecisionSchema.parse(input)),
    /** Resolves when the actor may read the SKP (notification access too); 403/404 otherwise. */
    get,
    mine,
    list: (actor: Actor, q: SkpListQuery) => list(actor, skpListQuerySchema.parse(q)),
    inbox,
    inboxCount,
    superiorRhk,
    matriks,
    pdf,
    ...feedback,
  };
}
export type SkpSection = ReturnType<typeof createSkpSection>;
export type { SkpPerson };
