import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { toCsv, toXlsx } from '../../lib/table-export.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type {
  FinanceRecapExportQuery,
  FinanceRecapQuery,
  TreasurerSetBody,
} from '../../../shared/api/tpp-finance.ts';
import type { TppContext } from './tpp-context.ts';
import type { TppInputsSection } from './inputs-service.ts';
import type { TppRunsSection } from './runs-service.ts';
import { createRunsAccess } from './runs-access.ts';
import { createFinanceReads } from './finance-common.ts';
import { nominativePdf, nominativeXlsx } from './finance-nominative.ts';
import { bankFile } from './finance-bank.ts';
import { createFinanceRecap, RECAP_COLUMNS } from './finance-recap.ts';
import { createFinanceTreasurer } from './finance-treasurer.ts';

/**
 * TPP finance (issue 17 point 5): the daftar nominatif of a run (XLSX / PDF, finance-nominative.ts), the bank
 * transfer file (finance-bank.ts), the recap per OPD for BKD and the BPKAD (finance-recap.ts) and the OPD's
 * treasurer who signs the list (finance-treasurer.ts). Who: the run's readers (tpp.read, the head of the OPD) and
 * the finance desk (`tpp.pay`: admin OPD, BKD) read the list; only `tpp.pay` produces the bank file. The designated
 * treasurer of the run's unit (runs-access.ts `isTreasurer`: by designation, no grantable role) reads the list of a
 * published run, produces the bank file once approved and sees the recap rows of their runs. None of it changes a
 * run: the lifecycle and re-runs stay with tpp.run / tpp.manage / the head (runs-lifecycle.ts).
 */
export function createFinanceSection(ctx: TppContext, inputs: TppInputsSection, runs: TppRunsSection) {
  void runs;
  const access = createRunsAccess(ctx);
  const reads = createFinanceReads(ctx, inputs, access);
  const recaps = createFinanceRecap(ctx, inputs, access);
  const treasurer = createFinanceTreasurer(ctx, reads);

  const todayIn = (zone: string) => localDateAt(ctx.clock.now().getTime(), zone as IndonesianTimeZone);

  /** GET /runs/:id/nominative?format=: the nominative list of a run the caller may read. */
  async function nominative(actor: Actor, id: string, format: 'xlsx' | 'pdf') {
    const { run } = await reads.readable(actor, id);
    const d = await reads.financeRun(run);
    const printedOn = todayIn(d.unit.timeZone);
    const base = `nominatif-tpp-${run.month}-${(d.unit.code ?? d.unit.id).replace(/[^0-9A-Za-z.-]/g, '_')}${d.mark ? `-${d.mark.toLowerCase()}` : ''}`;
    if (format === 'xlsx')
      return {
        bytes: await nominativeXlsx(d, printedOn),
        name: `${base}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      };
    const bytes = await nominativePdf(d, {
      letterhead: await reads.letterheadOf(d.unit),
      printedOn,
      createdAt: ctx.clock.now(),
    });
    return { bytes, name: `${base}.pdf`, contentType: 'application/pdf' };
  }

  /**
   * POST /runs/:id/bank-file: the transfer CSV (tpp.pay over the run's unit; 403 for another reader, 404 for anyone
   * else), 409 before BKD's approval or while a paid employee has no account. Audited; refusals write nothing.
   */
  async function bank(actor: Actor, id: string) {
    return ctx.db.transaction().execute(async (trx) => {
      const { run, who, treasurer } = await reads.readable(actor, id, trx);
      access.refuseUnless(
        treasurer || ctx.holds(actor, ['tpp.pay'], run.unitPath),
        who,
        'Hanya bendahara/admin keuangan OPD ini atau BKD yang membuat berkas transfer bank',
      );
      const d = await reads.financeRun(run, trx);
      const f = bankFile(d);
      await ctx.audit.record(trx, ctxOf(actor), {
        action: 'tpp_run.bank_file',
        entityType: 'tpp_run',
        entityId: run.id,
        unitId: run.unitId,
        before: null,
        after: { month: run.month, status: run.status, version: run.version, rows: f.rows, sum: f.sum },
      });
      return f;
    });
  }

  async function recapExport(actor: Actor, q: FinanceRecapExportQuery) {
    const { format, ...rest } = q;
    const r = await recaps.recapRows(actor, rest);
    if (format === 'csv')
      return {
        bytes: Buffer.from(toCsv(RECAP_COLUMNS, r.rows)),
        name: `${r.fileBase}.csv`,
        contentType: 'text/csv; charset=utf-8',
      };
    return {
      bytes: await toXlsx(r.title, RECAP_COLUMNS, r.rows),
      name: `${r.fileBase}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  /** GET /finance/treasurer: the units whose designated treasurer the caller is (the web's finance entry). */
  async function myTreasurerUnits(actor: Actor) {
    return { units: await access.treasurerUnits(actor) };
  }

  return {
    nominative,
    bank,
    myTreasurerUnits,
    recap: (actor: Actor, q: FinanceRecapQuery) => recaps.recap(actor, q),
    recapExport,
    treasurer: treasurer.get,
    setTreasurer: (actor: Actor, unitId: string, body: TreasurerSetBody) =>
      treasurer.set(actor, unitId, body),
  };
}
export type TppFinanceSection = ReturnType<typeof createFinanceSection>;
