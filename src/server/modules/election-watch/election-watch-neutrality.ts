import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, requireUnit, scopeOf, type Actor } from '../../auth/authz.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { addDays } from '../../../core/common/local-date.ts';
import {
  neutralityConducts,
  trackDecision,
  type CatalogueViolation,
} from '../../../core/oversight/election-watch.ts';
import {
  MORAL_SANCTION_LABELS,
  NEUTRALITY_SOURCE_LABELS,
  NEUTRALITY_TRACK_LABELS,
  type ConductList,
  type Neutrality,
  type NeutralityCreate,
  type NeutralityDecision,
  type NeutralityList,
  type NeutralityListQuery,
} from '../../../shared/api/election-watch.ts';
import type { NeutralityRow } from './election-watch-repo.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { fullName, READ, WRITE, type ElectionWatchContext } from './election-watch-context.ts';

/**
 * Neutrality reports (Bawaslu recommendation, complaint, other) handled on the two tracks of the SKB 5 lembaga 2022:
 * ETIKA — the moral sanction of PP 42/2004 Pasal 15 (pernyataan secara tertutup / terbuka), recorded and decided
 * here; DISIPLIN — a discipline case opened through the discipline module (source NETRALITAS) with the level the
 * rulebook's conduct table sets (PP 94/2021 Pasal 5 huruf n: angka 2 sedang, angka 3–7 berat).
 * Source: regulations.md §8; issue 18 point 3.
 */
export function createNeutralitySection(ctx: ElectionWatchContext) {
  const { db, repo, audit, clock, config, rulebooks } = ctx;

  /** The neutrality conducts of the rulebook in force on a date (its discipline catalogue). */
  async function conductsOn(
    date: string,
  ): Promise<(CatalogueViolation & { article: string; name: string })[]> {
    const rules = (await rulebooks.rulesOn(config.rulebookRegion, date)).discipline;
    return neutralityConducts(rules.procedure.violations);
  }

  async function conducts(actor: Actor, date: string): Promise<ConductList> {
    requireAny(actor, READ);
    return (await conductsOn(date)).map((v) => ({
      code: v.code,
      article: v.article,
      name: v.name,
      level: v.level,
      track: v.track === 'etika' ? ('ETIKA' as const) : ('DISIPLIN' as const),
    }));
  }

  const present = (r: NeutralityRow, names: Map<string, string>): Neutrality => ({
    id: r.id,
    periodId: r.periodId,
    employeeId: r.employeeId,
    employeeName: fullName({ name: r.employeeName, frontTitle: r.frontTitle, backTitle: r.backTitle }),
    nip: r.nip,
    unitId: r.unitId,
    unitName: r.unitName,
    source: r.source,
    sourceLabel: NEUTRALITY_SOURCE_LABELS[r.source],
    referenceNo: r.referenceNo,
    referenceDate: r.referenceDate,
    conductCode: r.conductCode,
    conductName: names.get(r.conductCode) ?? r.conductCode,
    conductDate: r.conductDate,
    description: r.description,
    track: r.track,
    trackLabel: r.track ? NEUTRALITY_TRACK_LABELS[r.track] : null,
    moralSanction: r.moralSanction,
    moralSanctionLabel: r.moralSanction ? MORAL_SANCTION_LABELS[r.moralSanction] : null,
    decisionNote: r.decisionNote,
    disciplineCaseId: r.disciplineCaseId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  });

  async function namesFor(rows: NeutralityRow[]) {
    const names = new Map<string, string>();
    for (const date of new Set(rows.map((r) => r.conductDate)))
      try {
        for (const v of await conductsOn(date)) names.set(v.code, v.name);
      } catch {
        // No rulebook on that date: the code is shown as it is.
      }
    return names;
  }

  /** BKD records a report against an employee of its scope ('electionWatch.write'); audited. */
  async function record(actor: Actor, input: NeutralityCreate): Promise<{ id: string }> {
    return db.transaction().execute(async (trx) => {
      const emp = await repo.employee(input.employeeId, trx);
      if (!emp) throw notFound('Pegawai');
      requireUnit(actor, WRITE, emp.unitPath);
      if (input.periodId) await ctx.periodOrThrow(input.periodId, trx);
      const today = ctx.todayIn('Asia/Jakarta');
      if (input.conductDate > addDays(today, 1))
        throw fieldError('conductDate', 'Tanggal perbuatan tidak boleh setelah hari ini');
      if (input.referenceDate < input.conductDate)
        throw fieldError('referenceDate', 'Tanggal rujukan tidak boleh sebelum tanggal perbuatan');
      const conduct = (await conductsOn(input.conductDate)).find((v) => v.code === input.conductCode);
      if (!conduct)
        throw fieldError(
          'conductCode',
          `Perbuatan ${input.conductCode} tidak ada dalam katalog netralitas buku aturan yang berlaku pada ${formatDdMmYyyy(input.conductDate)}`,
        );
      const id = await repo.insertNeutrality(trx, {
        periodId: input.periodId ?? null,
        employeeId: emp.id,
        unitId: emp.unitId,
        source: input.source,
        referenceNo: input.referenceNo,
        referenceDate: input.referenceDate,
        conductCode: input.conductCode,
        conductDate: input.conductDate,
        description: input.description,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      await audit.record(trx, ctxOf(actor), {
        action: 'election_watch.neutrality_recorded',
        entityType: 'election_watch_neutrality',
        entityId: id,
        unitId: emp.unitId,
        after: { source: input.source, referenceNo: input.referenceNo, conductCode: input.conductCode },
      });
      return { id };
    });
  }

  async function list(
    actor: Actor,
    q: NeutralityListQuery & { page: number; pageSize: number },
  ): Promise<NeutralityList> {
    const paths = requireAny(actor, READ);
    let unitPath: string | undefined;
    if (q.unitId) {
      const [u] = await repo.units([q.unitId]);
      if (!u) throw notFound('Unit');
      requireUnit(actor, READ, u.path);
      unitPath = u.path;
    }
    const { rows, total } = await repo.listNeutrality(
      { paths, unitPath, periodId: q.periodId, q: q.q },
      q.page,
      q.pageSize,
    );
    const names = await namesFor(rows);
    return { items: rows.map((r) => present(r, names)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<Neutrality> {
    const r = await repo.neutrality(id);
    if (!r || !inScope(scopeOf(actor, READ), r.unitPath)) throw notFound('Laporan netralitas');
    return present(r, await namesFor([r]));
  }

  /**
   * Decides the track: ETIKA records the moral sanction here; DISIPLIN opens a discipline case (source NETRALITAS)
   * through the discipline service, which checks its own authority, then links it. Refused before anything is stored
   * when the caller lacks 'electionWatch.write' over the employee, the report is decided, or the track does not fit
   * the conduct. The report is claimed first in a transaction holding its row, so of identical decisions at once one
   * wins and the others find it decided (409); the discipline service runs outside that transaction (it writes
   * through its own), and a refusal there puts the report back undecided. Audited once, when the decision is whole.
   */
  async function decide(actor: Actor, id: string, d: NeutralityDecision): Promise<Neutrality> {
    const check = async (trx: Exec) => {
      const r = await repo.neutrality(id, trx, true);
      if (!r || !inScope(scopeOf(actor, READ), r.unitPath)) throw notFound('Laporan netralitas');
      requireUnit(actor, WRITE, r.unitPath);
      if (r.track) throw new AppError('CONFLICT', 'Jalur laporan ini sudah diputuskan');
      const conduct = (await conductsOn(r.conductDate)).find((v) => v.code === r.conductCode);
      if (!conduct)
        throw fieldError('track', 'Perbuatan laporan ini tidak lagi ada dalam katalog buku aturan');
      const t = trackDecision(conduct, d);
      if (t.problems.length > 0) throw new AppError('VALIDATION', t.problems[0]!.message, t.problems);
      return { r, level: t.level };
    };
    const decision = (disciplineCaseId: string | null, decidedAt: Date) => ({
      track: d.track,
      moralSanction: d.track === 'ETIKA' ? (d.moralSanction ?? null) : null,
      note: d.note,
      disciplineCaseId,
      decidedBy: actor.userId,
      decidedAt,
    });
    const audited = (trx: Parameters<typeof audit.record>[0], r: NeutralityRow, caseId: string | null) =>
      audit.record(trx, ctxOf(actor), {
        action: 'election_watch.neutrality_decided',
        entityType: 'election_watch_neutrality',
        entityId: id,
        unitId: r.unitId,
        before: { track: null },
        after: {
          track: d.track,
          moralSanction: d.moralSanction ?? null,
          disciplineCaseId: caseId,
          note: d.note,
        },
      });
    const claimed = await db.transaction().execute(async (trx) => {
      const { r, level } = await check(trx);
      const at = clock.now();
      await repo.decideNeutrality(trx, id, decision(null, at));
      if (d.track === 'ETIKA') await audited(trx, r, null);
      return { r, level, at };
    });
    if (d.track === 'DISIPLIN') {
      const { r } = claimed;
      let caseId: string;
      try {
        const opened = await ctx.discipline().cases.open(actor, {
          employeeId: r.employeeId,
          source: 'NETRALITAS',
          sourceRef: `${NEUTRALITY_SOURCE_LABELS[r.source]} ${r.referenceNo} (${formatDdMmYyyy(r.referenceDate)})`,
          violationCode: r.conductCode,
          violationDate: r.conductDate,
          description: r.description,
          expectedLevel: claimed.level!,
        });
        caseId = opened.case.id;
      } catch (err) {
        await repo.undecideNeutrality(db, id);
        throw err;
      }
      await db.transaction().execute(async (trx) => {
        await repo.decideNeutrality(trx, id, decision(caseId, claimed.at));
        await audited(trx, r, caseId);
      });
    }
    return get(actor, id);
  }

  return { conducts, record, list, get, decide };
}
