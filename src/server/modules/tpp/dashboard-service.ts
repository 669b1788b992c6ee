import { unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { forbidden } from '../../errors.ts';
import { formatMonthId } from '../../../core/common/date-text.ts';
import { PUBLISHED_STATUSES } from '../../../core/tpp/run-machine.ts';
import { TPP_DEDUCTION_CAUSES, type TppDeductionCause } from '../../../core/tpp/tpp-month.ts';
import {
  DASHBOARD_BASIS_LABELS,
  type Dashboard,
  type DashboardQuery,
} from '../../../shared/api/tpp-simulation.ts';
import { TPP_READERS, type TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';
import { readerScope } from './inputs-common.ts';
import type { StoredTotals } from './runs-compute.ts';
import { reportWorkbook } from './simulation-xlsx.ts';

type ByCause = Record<TppDeductionCause, number>;
const zeroCauses = (): ByCause => Object.fromEntries(TPP_DEDUCTION_CAUSES.map((c) => [c, 0])) as ByCause;
const CAUSE_LABELS: Record<TppDeductionCause, string> = {
  TL: 'Terlambat (TL)',
  PSW: 'Pulang sebelum waktunya (PSW)',
  TK: 'Tanpa keterangan (TK)',
  APEL: 'Tidak apel',
  LKH: 'Laporan kinerja harian',
  LAINNYA: 'Lainnya',
  SANKSI: 'Hukuman disiplin',
};

/** `YYYY-MM` shifted by `n` months. */
function shiftMonth(month: string, n: number): string {
  const idx = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/**
 * TPP dashboards (issue 17 point 7), from the stored run totals (kind RUN only; simulations never count): TPP
 * against the pagu by OPD (the run's unit) and month for a year, deductions by cause (TL, PSW, TK, apel, LKH,
 * other, sanctions), and the OPDs whose deductions rise (the month against the average of the previous 3 months
 * that have a run). Basis: `approved` = runs approved by BKD or locked (what is paid), `published` = every run
 * published to employees or later (labelled). Readers in scope (tpp.read / tpp.run / tpp.manage): an admin OPD sees
 * its OPD only; asking for a unit outside the scope is 403. Reads only.
 */
export function createDashboardSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void inputs;
  void runs;
  const { db } = ctx;

  async function get(actor: Actor, q: DashboardQuery): Promise<Dashboard> {
    const scope = readerScope(actor);
    if (scope !== 'all' && scope.length === 0) throw forbidden('Anda tidak berwenang melihat dasbor TPP');
    let unitPath: string | null = null;
    if (q.unitId) {
      const unit = await ctx.unitOr404(q.unitId);
      ctx.requireOn(actor, TPP_READERS, unit.path, 'Unit ini di luar kewenangan Anda');
      unitPath = unit.path;
    }
    const statuses = q.basis === 'approved' ? ['DISETUJUI', 'DIKUNCI'] : [...PUBLISHED_STATUSES];
    const months = Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`);
    const from = shiftMonth(months[0]!, -3);
    let runQuery = db
      .selectFrom('tppRuns as r')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .select(['r.unitId', 'r.month', 'r.totals', 'u.name as unitName', 'u.code as unitCode'])
      .where('r.kind', '=', 'RUN')
      .where('r.status', 'in', statuses)
      .where('r.month', '>=', from)
      .where('r.month', '<=', months[11]!)
      .where((eb) => unitScopeCondition(eb, scope, 'r.unitPath'));
    if (unitPath) runQuery = runQuery.where('r.unitPath', 'like', `${unitPath}%`);
    const rows = await runQuery.execute();
    let budgetQuery = db
      .selectFrom('tppBudgets as b')
      .innerJoin('units as u', 'u.id', 'b.unitId')
      .select(['b.unitId', 'b.amount', 'b.reference', 'u.name as unitName', 'u.code as unitCode'])
      .where('b.year', '=', q.year)
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'));
    if (unitPath) budgetQuery = budgetQuery.where('u.path', 'like', `${unitPath}%`);
    const budgets = await budgetQuery.execute();

    const units = new Map<string, Dashboard['units'][number]>();
    const unitOf = (id: string, code: string, name: string) => {
      let u = units.get(id);
      if (!u) {
        u = {
          unitId: id,
          unitCode: code,
          unitName: name,
          budget: null,
          gross: months.map(() => 0),
          net: months.map(() => 0),
          deductions: months.map(() => 0),
          grossTotal: 0,
          netTotal: 0,
          budgetPercent: null,
        };
        units.set(id, u);
      }
      return u;
    };
    for (const b of budgets)
      unitOf(b.unitId, b.unitCode, b.unitName).budget = { amount: Number(b.amount), reference: b.reference };
    const byMonth = months.map((month) => ({ month, gross: 0, net: 0, runs: 0, byCause: zeroCauses() }));
    const byCause = zeroCauses();
    /** Deductions (all causes) per unit and month, including the 3 months before the year (rising OPDs). */
    const cuts = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const t = r.totals as unknown as StoredTotals;
      const total = TPP_DEDUCTION_CAUSES.reduce((s, c) => s + (t.byCause[c] ?? 0), 0);
      const perUnit = cuts.get(r.unitId) ?? new Map<string, number>();
      perUnit.set(r.month, (perUnit.get(r.month) ?? 0) + total);
      cuts.set(r.unitId, perUnit);
      const i = months.indexOf(r.month);
      if (i < 0) continue;
      const u = unitOf(r.unitId, r.unitCode, r.unitName);
      u.gross[i]! += t.amounts.gross;
      u.net[i]! += t.amounts.net;
      u.deductions[i]! += total;
      const m = byMonth[i]!;
      m.gross += t.amounts.gross;
      m.net += t.amounts.net;
      m.runs++;
      for (const c of TPP_DEDUCTION_CAUSES) {
        m.byCause[c] += t.byCause[c] ?? 0;
        byCause[c] += t.byCause[c] ?? 0;
      }
    }
    const list = [...units.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    for (const u of list) {
      u.grossTotal = u.gross.reduce((s, x) => s + x, 0);
      u.netTotal = u.net.reduce((s, x) => s + x, 0);
      u.budgetPercent = u.budget?.amount ? Math.round((u.grossTotal / u.budget.amount) * 1000) / 10 : null;
    }
    const lastWithRun = [...byMonth].reverse().find((m) => m.runs > 0)?.month ?? null;
    const judged = q.month ?? lastWithRun;
    const rising: Dashboard['rising']['items'] = [];
    if (judged)
      for (const [unitId, perMonth] of cuts) {
        const current = perMonth.get(judged);
        if (current === undefined) continue;
        const prev = [1, 2, 3]
          .map((k) => perMonth.get(shiftMonth(judged, -k)))
          .filter((x) => x !== undefined);
        if (prev.length === 0) continue;
        const previousAverage = Math.round(prev.reduce((s, x) => s + x, 0) / prev.length);
        if (current <= previousAverage) continue;
        rising.push({
          unitId,
          unitName:
            list.find((u) => u.unitId === unitId)?.unitName ??
            rows.find((r) => r.unitId === unitId)!.unitName,
          current,
          previousAverage,
          increase: current - previousAverage,
          increasePercent: previousAverage
            ? Math.round(((current - previousAverage) / previousAverage) * 1000) / 10
            : null,
        });
      }
    rising.sort((a, b) => b.increase - a.increase || a.unitName.localeCompare(b.unitName));
    return {
      year: q.year,
      basis: q.basis,
      basisLabel: DASHBOARD_BASIS_LABELS[q.basis],
      months,
      units: list,
      byMonth,
      byCause,
      totals: {
        gross: byMonth.reduce((s, m) => s + m.gross, 0),
        net: byMonth.reduce((s, m) => s + m.net, 0),
        budget: list.reduce((s, u) => s + (u.budget?.amount ?? 0), 0),
        runs: byMonth.reduce((s, m) => s + m.runs, 0),
      },
      rising: { month: judged, items: rising },
    };
  }

  /** GET /dashboard/export.xlsx: the same figures, one sheet per table. */
  async function exportXlsx(actor: Actor, q: DashboardQuery): Promise<{ fileName: string; buf: Buffer }> {
    const d = await get(actor, q);
    const monthCols = d.months.map((m, i) => ({ header: formatMonthId(m), key: `m${i}`, width: 16 }));
    const buf = await reportWorkbook([
      {
        name: 'TPP vs pagu',
        title: `TPP bruto per OPD dan bulan, tahun ${d.year} — ${d.basisLabel}`,
        columns: [
          { header: 'OPD', key: 'unitName', width: 30 },
          ...monthCols,
          { header: 'Jumlah', key: 'grossTotal', width: 18 },
          { header: 'Pagu', key: 'budget', width: 18 },
          { header: '% pagu', key: 'budgetPercent', width: 10 },
        ],
        money: [...monthCols.map((c) => c.key), 'grossTotal', 'budget'],
        rows: d.units.map((u) => ({
          ...u,
          ...Object.fromEntries(u.gross.map((g, i) => [`m${i}`, g])),
          budget: u.budget?.amount ?? null,
        })),
      },
      {
        name: 'Potongan per sebab',
        title: `Potongan TPP per sebab dan bulan, tahun ${d.year} — ${d.basisLabel}`,
        columns: [
          { header: 'Bulan', key: 'month', width: 18 },
          ...TPP_DEDUCTION_CAUSES.map((c) => ({ header: CAUSE_LABELS[c], key: c, width: 18 })),
        ],
        money: [...TPP_DEDUCTION_CAUSES],
        rows: [
          ...d.byMonth.map((m) => ({ month: formatMonthId(m.month), ...m.byCause })),
          { month: 'Jumlah', ...d.byCause },
        ],
      },
      {
        name: 'Potongan naik',
        title: d.rising.month
          ? `OPD yang potongannya naik: ${formatMonthId(d.rising.month)} dibanding rata-rata 3 bulan sebelumnya`
          : 'OPD yang potongannya naik: belum ada data',
        columns: [
          { header: 'OPD', key: 'unitName', width: 30 },
          { header: 'Bulan ini', key: 'current', width: 18 },
          { header: 'Rata-rata 3 bulan', key: 'previousAverage', width: 18 },
          { header: 'Kenaikan', key: 'increase', width: 18 },
          { header: 'Kenaikan %', key: 'increasePercent', width: 12 },
        ],
        money: ['current', 'previousAverage', 'increase'],
        rows: d.rising.items,
      },
    ]);
    return { fileName: `dasbor-tpp-${d.year}.xlsx`, buf };
  }

  return { get, exportXlsx };
}
export type TppDashboardSection = ReturnType<typeof createDashboardSection>;
