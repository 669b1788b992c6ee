import { scopeOf, unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { RUN_STATUS_LABELS, type RunStatus } from '../../../core/tpp/run-machine.ts';
import { TPP_DEDUCTION_CAUSES } from '../../../core/tpp/tpp-month.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import type { TableColumn } from '../../lib/table-export.ts';
import type { FinanceRecap, FinanceRecapQuery, FinanceRecapRow } from '../../../shared/api/tpp-finance.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { StoredTotals } from './runs-compute.ts';
import { TPP_READERS } from './tpp-context.ts';
import type { RunsAccess } from './runs-access.ts';

/*
 * The recap per OPD for BKD and the BPKAD (issue 17 point 5): for a month, one row per OPD run in the caller's
 * scope (readers: tpp.read / tpp.pay; the designated treasurer: the published runs of their units), with its employees, paid and excluded, base, deductions by cause, sanction
 * cuts, BPJS both shares, tax, corrections, net, the OPD's pagu of the year and the TPP bruto of its runs of the
 * year up to this month (the share of the pagu used so far). Reading never writes.
 */

const SUMMED = [
  'employees',
  'paid',
  'excluded',
  'base',
  'deductions',
  'sanctionCut',
  'gross',
  'bpjsEmployer',
  'bpjsEmployee',
  'tax',
  'correction',
  'net',
] as const;

/** The recap's file columns (XLSX / CSV). */
export const RECAP_COLUMNS: TableColumn[] = [
  { header: 'Kode OPD', key: 'unitCode', width: 12 },
  { header: 'OPD', key: 'unitName', width: 34 },
  { header: 'Status', key: 'statusLabel', width: 18 },
  { header: 'Pegawai', key: 'employees', width: 9 },
  { header: 'Dibayar', key: 'paid', width: 9 },
  { header: 'Tidak dibayar', key: 'excluded', width: 11 },
  { header: 'TPP dasar', key: 'base', width: 16 },
  ...TPP_DEDUCTION_CAUSES.filter((c) => c !== 'SANKSI').map((c) => ({
    header: `Potongan ${c}`,
    key: `cause${c}`,
    width: 14,
  })),
  { header: 'Potongan (jumlah)', key: 'deductions', width: 16 },
  { header: 'Potongan hukdis', key: 'sanctionCut', width: 15 },
  { header: 'TPP bruto', key: 'gross', width: 16 },
  { header: 'BPJS 4% (pemda)', key: 'bpjsEmployer', width: 15 },
  { header: 'BPJS 1% (pegawai)', key: 'bpjsEmployee', width: 15 },
  { header: 'PPh', key: 'tax', width: 14 },
  { header: 'Koreksi', key: 'correction', width: 14 },
  { header: 'TPP bersih', key: 'net', width: 16 },
  { header: 'Pagu tahun', key: 'budget', width: 18 },
  { header: 'Realisasi s.d. bulan ini', key: 'usedToDate', width: 18 },
  { header: 'Realisasi %', key: 'usedPercent', width: 11 },
];

export function createFinanceRecap(ctx: TppContext, inputs: TppInputsSection, access: RunsAccess) {
  const { db } = ctx;

  /** The readers' scope: the union of the reading permissions' scopes. */
  const scopeCond = (actor: Actor) => {
    const scopes = TPP_READERS.map((p) => scopeOf(actor, p));
    const merged = scopes.includes('all') ? 'all' : [...new Set(scopes.flat() as string[])];
    return merged;
  };

  /** GET /finance/recap: the month's OPD runs in scope (empty for anyone without a reading role). */
  async function recap(actor: Actor, q: FinanceRecapQuery): Promise<FinanceRecap> {
    const scope = scopeCond(actor);
    let query = db
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .where('r.kind', '=', 'RUN')
      .where('r.month', '=', q.month)
      .where((eb) =>
        eb.or([unitScopeCondition(eb, scope, 'r.unitPath'), access.treasurerRunsCondition(actor, 'r')]),
      );
    if (q.unitId) {
      const unit = await ctx.unitOr404(q.unitId);
      query = query.where('r.unitPath', 'like', `${unit.path}%`);
    }
    const runs = await query
      .select(['r.id', 'r.unitId', 'r.status', 'r.totals', 'u.code', 'u.name'])
      .orderBy('r.unitPath')
      .execute();
    const year = Number(q.month.slice(0, 4));
    const used = runs.length
      ? await db
          .selectFrom('tppRuns')
          .select(['unitId', 'totals'])
          .where('kind', '=', 'RUN')
          .where('unitId', 'in', [...new Set(runs.map((r) => r.unitId))])
          .where('month', '>=', `${year}-01`)
          .where('month', '<=', q.month)
          .execute()
      : [];
    const usedBy = new Map<string, number>();
    for (const u of used)
      usedBy.set(u.unitId, (usedBy.get(u.unitId) ?? 0) + (u.totals as unknown as StoredTotals).amounts.gross);
    const rows: FinanceRecapRow[] = [];
    for (const r of runs) {
      const t = r.totals as unknown as StoredTotals;
      const budget = await inputs.budgetOf(db, r.unitId, year);
      const usedToDate = usedBy.get(r.unitId) ?? 0;
      rows.push({
        runId: r.id,
        unitId: r.unitId,
        unitCode: r.code,
        unitName: r.name,
        status: r.status as RunStatus,
        statusLabel: RUN_STATUS_LABELS[r.status as RunStatus],
        employees: t.employees,
        paid: t.paid,
        excluded: t.excluded,
        base: t.amounts.base,
        deductions: t.amounts.deductions,
        byCause: Object.fromEntries(
          TPP_DEDUCTION_CAUSES.map((c) => [c, t.byCause[c] ?? 0]),
        ) as FinanceRecapRow['byCause'],
        sanctionCut: t.amounts.sanctionCut,
        gross: t.amounts.gross,
        bpjsEmployer: t.amounts.bpjsEmployer,
        bpjsEmployee: t.amounts.bpjsEmployee,
        tax: t.amounts.tax,
        correction: t.amounts.correction,
        net: t.amounts.net,
        budget: budget?.amount ?? null,
        usedToDate,
        usedPercent:
          budget && budget.amount > 0 ? Math.round((usedToDate * 1000) / budget.amount) / 10 : null,
      });
    }
    const totals = Object.fromEntries(
      SUMMED.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)]),
    ) as FinanceRecap['totals'];
    return { month: q.month, rows, totals };
  }

  /** The recap as file rows (with a totals row). */
  async function recapRows(actor: Actor, q: FinanceRecapQuery) {
    const r = await recap(actor, q);
    const flat = (x: Partial<FinanceRecapRow> & FinanceRecap['totals']) => ({
      ...x,
      ...Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [`cause${c}`, x.byCause ? x.byCause[c] : null])),
    });
    const rows: Record<string, unknown>[] = r.rows.map(flat);
    rows.push({ ...flat(r.totals), unitName: 'JUMLAH' });
    return {
      rows,
      title: `Rekap TPP per OPD ${formatMonthId(q.month)}`,
      fileBase: `rekap-tpp-opd-${q.month}`,
    };
  }

  return { recap, recapRows };
}
