import { sql } from 'kysely';
import { requireAny, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import type {
  SimulationDetail,
  SimulationEmployee,
  SimulationEmployeeList,
  SimulationEmployeesQuery,
  SimulationSummary,
} from '../../../shared/api/tpp-simulation.ts';
import type { TppContext } from './tpp-context.ts';
import { idIn, userNames } from './inputs-common.ts';
import { isUuid } from './runs-access.ts';
import type { StoredRulebook, StoredTotals } from './runs-compute.ts';
import { reportWorkbook } from './simulation-xlsx.ts';

/** What a simulation stores beside a run's totals (`tpp_runs.totals.simulation`), the same on each of its runs. */
export interface SimulationMeta {
  id: string;
  rulebookVersionId: string | null;
  rulebookStatus: 'draft' | 'active';
  tariffs: string;
  tariffSource: string;
  skipped: { unitId: string; unitName: string; reason: string }[];
}
type SimTotals = StoredTotals & { simulation: SimulationMeta };

export const ESTIMATE_NOTE =
  'Perkiraan setahun = TPP bruto bulan yang disimulasikan × 12 (bukan proyeksi: bulan lain dapat berbeda)';

const pct = (part: number, whole: number | null | undefined) =>
  whole ? Math.round((part / whole) * 1000) / 10 : null;
const diff = (after: number, before: number | null) => (before === null ? null : after - before);

/**
 * The results of a simulation (issue 17 point 6), computed on reading from its stored lines and the month's runs
 * (kind RUN, any status: "what was paid" is the run of that month, labelled with its status): per OPD the simulated
 * cost against the pagu (with the month × 12 estimate, labelled as such), per employee the net before and after,
 * the employees who gain or lose most, the totals side by side; the same as XLSX. BKD only (tpp.manage over every
 * OPD of the simulation); anyone else gets 404.
 */
export function createSimulationResults(ctx: TppContext) {
  const { db } = ctx;

  /** The simulation's runs (kind SIMULASI), optionally locked for a delete. */
  async function rowsOf(exec: Exec, id: string, forUpdate = false) {
    if (!isUuid(id)) return [];
    let q = exec
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(['r.id', 'r.unitId', 'r.unitPath', 'r.month', 'r.label', 'r.rulebook', 'r.totals'])
      .select(['r.createdAt', 'r.createdBy', 'u.name as unitName', 'u.code as unitCode'])
      .where('r.kind', '=', 'SIMULASI')
      .where(sql<boolean>`r.totals -> 'simulation' ->> 'id' = ${id}`)
      .orderBy('u.code');
    if (forUpdate) q = q.forUpdate();
    return q.execute();
  }
  type Row = Awaited<ReturnType<typeof rowsOf>>[number];

  async function rowsFor(actor: Actor, id: string): Promise<Row[]> {
    requireAny(actor, 'tpp.manage');
    const rows = await rowsOf(db, id);
    if (rows.length === 0 || rows.some((r) => !ctx.holds(actor, ['tpp.manage'], r.unitPath)))
      throw notFound('Simulasi TPP');
    return rows;
  }

  function summaryOf(rows: Row[], names: Map<string, string>, net: { before: number | null; after: number }) {
    const head = rows[0]!;
    const book = head.rulebook as unknown as StoredRulebook;
    const meta = (head.totals as unknown as SimTotals).simulation;
    return {
      id: meta.id,
      label: head.label ?? '',
      month: head.month,
      rulebook: {
        versionId: meta.rulebookVersionId,
        id: book.id,
        name: book.name,
        version: book.version,
        status: meta.rulebookStatus,
      },
      tariffSource: meta.tariffSource,
      units: rows.length,
      employees: rows.reduce((s, r) => s + (r.totals as unknown as SimTotals).employees, 0),
      net: { ...net, difference: diff(net.after, net.before) },
      createdAt: head.createdAt.toISOString(),
      createdByName: names.get(head.createdBy) ?? null,
    } satisfies SimulationSummary;
  }

  /** GET /simulations: every simulation over the caller's tpp.manage scope, newest first (totals from the runs). */
  async function list(actor: Actor): Promise<{ items: SimulationSummary[] }> {
    requireAny(actor, 'tpp.manage');
    const rows = await db
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(['r.id', 'r.unitId', 'r.unitPath', 'r.month', 'r.label', 'r.rulebook', 'r.totals'])
      .select(['r.createdAt', 'r.createdBy', 'u.name as unitName', 'u.code as unitCode'])
      .where('r.kind', '=', 'SIMULASI')
      .orderBy('r.createdAt', 'desc')
      .orderBy('u.code')
      .execute();
    const groups = new Map<string, Row[]>();
    for (const r of rows) {
      const key = (r.totals as unknown as SimTotals).simulation.id;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const names = await userNames(
      db,
      rows.map((r) => r.createdBy),
    );
    const items: SimulationSummary[] = [];
    for (const g of groups.values()) {
      if (g.some((r) => !ctx.holds(actor, ['tpp.manage'], r.unitPath))) continue;
      const after = g.reduce((s, r) => s + (r.totals as unknown as SimTotals).amounts.net, 0);
      const before = await paidOf(g);
      items.push(summaryOf(g, names, { before: before.net, after }));
    }
    return { items };
  }

  /** The net and gross of the month's runs over the simulated units (null when no run covers any of them). */
  async function paidOf(rows: Row[]) {
    const runs = await paidRuns(rows);
    if (runs.length === 0) return { net: null, gross: null };
    const t = runs.reduce(
      (s, r) => {
        const a = (r.totals as unknown as StoredTotals).amounts;
        return { net: s.net + a.net, gross: s.gross + a.gross };
      },
      { net: 0, gross: 0 },
    );
    return t;
  }

  /** The month's runs (kind RUN) covering a simulated unit or a part of it. */
  async function paidRuns(rows: Row[]) {
    if (rows.length === 0) return [];
    return db
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(['r.id', 'r.unitPath', 'r.status', 'r.totals', 'u.name as unitName'])
      .where('r.kind', '=', 'RUN')
      .where('r.month', '=', rows[0]!.month)
      .where((eb) =>
        eb.or(
          rows.map(
            (s) =>
              sql<boolean>`(r.unit_path like ${s.unitPath} || '%' or ${s.unitPath} like r.unit_path || '%')`,
          ),
        ),
      )
      .execute();
  }

  /** Every simulated employee with the month's run line(s) of the same employee (net and gross summed). */
  async function employeesOf(rows: Row[]) {
    const runIds = rows.map((r) => r.id);
    const lines = await db
      .selectFrom('tppRunLines')
      .select(['runId', 'employeeId', 'nip', 'name', 'kelas', 'gross', 'net', 'deductions', 'sanctionCut'])
      .where(idIn('runId', runIds))
      .orderBy('name')
      .execute();
    const paid = await paidRuns(rows);
    const paidLines = paid.length
      ? await db
          .selectFrom('tppRunLines')
          .select(['runId', 'employeeId', 'gross', 'net', 'deductions', 'sanctionCut'])
          .where(
            idIn(
              'runId',
              paid.map((p) => p.id),
            ),
          )
          .execute()
      : [];
    const before = new Map<string, { net: number; gross: number; cuts: number }>();
    for (const l of paidLines) {
      const b = before.get(l.employeeId) ?? { net: 0, gross: 0, cuts: 0 };
      b.net += Number(l.net);
      b.gross += Number(l.gross);
      b.cuts += Number(l.deductions) + Number(l.sanctionCut);
      before.set(l.employeeId, b);
    }
    const unitOf = new Map(rows.map((r) => [r.id, r]));
    const employees = lines.map((l) => {
      const b = before.get(l.employeeId) ?? null;
      const after = Number(l.net);
      return {
        employeeId: l.employeeId,
        nip: l.nip,
        name: l.name,
        unitName: unitOf.get(l.runId)!.unitName,
        runId: l.runId,
        kelas: l.kelas,
        before: b?.net ?? null,
        after,
        difference: diff(after, b?.net ?? null),
        grossBefore: b?.gross ?? null,
        grossAfter: Number(l.gross),
        cutsBefore: b?.cuts ?? null,
        cutsAfter: Number(l.deductions) + Number(l.sanctionCut),
      };
    });
    return { employees, paid };
  }

  const publicEmployee = (e: Awaited<ReturnType<typeof employeesOf>>['employees'][number]) =>
    ({
      employeeId: e.employeeId,
      nip: e.nip,
      name: e.name,
      unitName: e.unitName,
      kelas: e.kelas,
      before: e.before,
      after: e.after,
      difference: e.difference,
      grossBefore: e.grossBefore,
      grossAfter: e.grossAfter,
    }) satisfies SimulationEmployee;

  async function compute(actor: Actor, id: string, top: number) {
    const rows = await rowsFor(actor, id);
    const { employees, paid } = await employeesOf(rows);
    const names = await userNames(db, [rows[0]!.createdBy]);
    const sum = (xs: (number | null)[]) =>
      xs.some((x) => x !== null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null;
    const perUnit = rows.map((r) => {
      const t = r.totals as unknown as SimTotals;
      const mine = employees.filter((e) => e.runId === r.id);
      const paidGross = sum(mine.map((e) => e.grossBefore));
      const paidNet = sum(mine.map((e) => e.before));
      const annualEstimate = t.amounts.gross * 12;
      return {
        unitId: r.unitId,
        unitCode: r.unitCode,
        unitName: r.unitName,
        employees: t.employees,
        gross: t.amounts.gross,
        net: t.amounts.net,
        paidGross,
        paidNet,
        difference: diff(t.amounts.net, paidNet),
        paidRuns: paid
          .filter((p) => p.unitPath.startsWith(r.unitPath) || r.unitPath.startsWith(p.unitPath))
          .map((p) => ({
            runId: p.id,
            unitName: p.unitName,
            status: p.status,
            statusLabel: RUN_STATUS_LABELS[p.status as RunStatus] ?? p.status,
          })),
        budget: t.budget,
        annualEstimate,
        paidAnnualEstimate: paidGross === null ? null : paidGross * 12,
        budgetPercent: pct(annualEstimate, t.budget?.amount),
      };
    });
    const pair = (after: number, before: number | null) => ({
      after,
      before,
      difference: diff(after, before),
    });
    const grossAfter = perUnit.reduce((s, u) => s + u.gross, 0);
    const grossBefore = sum(employees.map((e) => e.grossBefore));
    const netAfter = perUnit.reduce((s, u) => s + u.net, 0);
    const netBefore = sum(employees.map((e) => e.before));
    const budgets = perUnit.filter((u) => u.budget);
    const changed = employees.filter((e) => e.difference !== null);
    const byDiff = [...changed].sort((a, b) => b.difference! - a.difference! || a.name.localeCompare(b.name));
    const detail: SimulationDetail = {
      ...summaryOf(rows, names, { before: netBefore, after: netAfter }),
      totals: {
        gross: pair(grossAfter, grossBefore),
        net: pair(netAfter, netBefore),
        deductions: pair(
          employees.reduce((s, e) => s + e.cutsAfter, 0),
          sum(employees.map((e) => e.cutsBefore)),
        ),
        annualEstimate: pair(grossAfter * 12, grossBefore === null ? null : grossBefore * 12),
        budget: budgets.length ? budgets.reduce((s, u) => s + u.budget!.amount, 0) : null,
        gainers: changed.filter((e) => e.difference! > 0).length,
        losers: changed.filter((e) => e.difference! < 0).length,
        unchanged: changed.filter((e) => e.difference === 0).length,
        withoutRun: employees.length - changed.length,
      },
      perUnit,
      gainers: byDiff
        .filter((e) => e.difference! > 0)
        .slice(0, top)
        .map(publicEmployee),
      losers: byDiff
        .filter((e) => e.difference! < 0)
        .reverse()
        .slice(0, top)
        .map(publicEmployee),
      skipped: (rows[0]!.totals as unknown as SimTotals).simulation.skipped,
      estimateNote: ESTIMATE_NOTE,
    };
    return { detail, employees };
  }

  /** GET /simulations/:id: the results (top `top` gainers and losers). */
  async function detail(actor: Actor, id: string, top = 10): Promise<SimulationDetail> {
    return (await compute(actor, id, top)).detail;
  }

  /** GET /simulations/:id/employees: every simulated employee's change, searchable and filtered by direction. */
  async function employees(
    actor: Actor,
    id: string,
    q: SimulationEmployeesQuery,
  ): Promise<SimulationEmployeeList> {
    const { employees: all } = await compute(actor, id, 0);
    const needle = q.q?.toLowerCase();
    const items = all.filter(
      (e) =>
        (!needle || e.name.toLowerCase().includes(needle) || (e.nip ?? '').includes(needle)) &&
        (q.change === 'all' ||
          (q.change === 'up' && (e.difference ?? 0) > 0) ||
          (q.change === 'down' && (e.difference ?? 0) < 0) ||
          (q.change === 'same' && e.difference === 0)),
    );
    return {
      items: items.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map(publicEmployee),
      total: items.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** GET /simulations/:id/export.xlsx: summary, per OPD, per employee, gainers and losers. */
  async function exportXlsx(actor: Actor, id: string): Promise<{ fileName: string; buf: Buffer }> {
    const { detail: d, employees: all } = await compute(actor, id, 50);
    const month = formatMonthId(d.month);
    const empColumns = [
      { header: 'NIP', key: 'nip', width: 22 },
      { header: 'Nama', key: 'name', width: 30 },
      { header: 'Unit', key: 'unitName', width: 28 },
      { header: 'Kelas', key: 'kelas', width: 8 },
      { header: 'Neto dibayar', key: 'before' },
      { header: 'Neto simulasi', key: 'after' },
      { header: 'Selisih', key: 'difference' },
    ];
    const empMoney = ['before', 'after', 'difference'];
    const buf = await reportWorkbook([
      {
        name: 'Ringkasan',
        title: `Simulasi TPP "${d.label}" — ${month}; ${d.rulebook.name} versi ${d.rulebook.version} (${d.rulebook.status}); ${d.tariffSource}. Tidak diumumkan dan tidak dibayarkan.`,
        columns: [
          { header: 'Uraian', key: 'what', width: 40 },
          { header: 'Dibayar (TPP bulan itu)', key: 'before', width: 22 },
          { header: 'Simulasi', key: 'after', width: 22 },
          { header: 'Selisih', key: 'difference', width: 22 },
        ],
        money: ['before', 'after', 'difference'],
        rows: [
          { what: 'TPP bruto sebulan', ...d.totals.gross },
          { what: 'TPP neto sebulan', ...d.totals.net },
          { what: 'Potongan (kehadiran dan hukuman)', ...d.totals.deductions },
          { what: 'Perkiraan setahun (bruto × 12)', ...d.totals.annualEstimate },
          { what: 'Pagu tahun itu', after: d.totals.budget },
          { what: ESTIMATE_NOTE },
        ],
      },
      {
        name: 'Per OPD',
        title: `Biaya per OPD terhadap pagu — ${month}. ${ESTIMATE_NOTE}`,
        columns: [
          { header: 'OPD', key: 'unitName', width: 30 },
          { header: 'Pegawai', key: 'employees', width: 10 },
          { header: 'Bruto dibayar', key: 'paidGross' },
          { header: 'Bruto simulasi', key: 'gross' },
          { header: 'Neto dibayar', key: 'paidNet' },
          { header: 'Neto simulasi', key: 'net' },
          { header: 'Selisih neto', key: 'difference' },
          { header: 'Perkiraan setahun', key: 'annualEstimate', width: 20 },
          { header: 'Pagu', key: 'budget', width: 20 },
          { header: '% pagu', key: 'budgetPercent', width: 10 },
        ],
        money: ['paidGross', 'gross', 'paidNet', 'net', 'difference', 'annualEstimate', 'budget'],
        rows: d.perUnit.map((u) => ({ ...u, budget: u.budget?.amount ?? null })),
      },
      {
        name: 'Per pegawai',
        title: `Perubahan TPP neto per pegawai — ${month}`,
        columns: empColumns,
        money: empMoney,
        rows: all,
      },
      {
        name: 'Naik terbesar',
        title: 'Pegawai dengan kenaikan terbesar',
        columns: empColumns,
        money: empMoney,
        rows: d.gainers,
      },
      {
        name: 'Turun terbesar',
        title: 'Pegawai dengan penurunan terbesar',
        columns: empColumns,
        money: empMoney,
        rows: d.losers,
      },
    ]);
    return { fileName: `simulasi-tpp-${d.month}.xlsx`, buf };
  }

  return { rowsOf, list, detail, employees, exportXlsx };
}
