import type { TppContext } from './tpp-context.ts';
import { createTariffsSection } from './inputs-tariffs.ts';
import { createTariffFiles } from './inputs-tariffs-file.ts';
import { createBudgetsSection } from './inputs-budgets.ts';
import { createPaySection } from './inputs-pay.ts';
import { createPayImport } from './inputs-pay-import.ts';
import { createExclusionsSection } from './inputs-exclusions.ts';

export type { TariffResolver } from './inputs-tariffs.ts';
export type { BankAccount } from './inputs-pay.ts';
export type { ExclusionRecord } from './inputs-exclusions.ts';

/**
 * TPP inputs (issue 17 point 1; PP 12/2019 Pasal 58; regulations.md §5.1, §10): tariff tables per year from the
 * Perkada (JSON or XLSX, export), the pagu per OPD and year, each employee's gaji pokok history and bank account
 * (by hand or XLSX), and exclusion records. The runs read them through the five functions at the top level
 * (`tariffsFor`, `salariesOn`, `bankAccounts`, `exclusionsIn`, `budgetOf`), each on the caller's executor so a run
 * reads its inputs in its own transaction; the routes (inputs-routes.ts) use the sections.
 */
export function createInputsSection(ctx: TppContext) {
  const tariffs = createTariffsSection(ctx);
  const tariffFiles = createTariffFiles(ctx, tariffs);
  const budgets = createBudgetsSection(ctx);
  const pay = createPaySection(ctx);
  const payImport = createPayImport(ctx, pay);
  const exclusions = createExclusionsSection(ctx);
  return {
    tariffs: { ...tariffs, ...tariffFiles },
    budgets,
    pay: { ...pay, ...payImport },
    exclusions,
    tariffsFor: tariffs.tariffsFor,
    tariffsOfTable: tariffs.tariffsOfTable,
    tariffsOfSource: tariffs.tariffsOfSource,
    salariesOn: pay.salariesOn,
    bankAccounts: pay.bankAccounts,
    exclusionsIn: exclusions.exclusionsIn,
    budgetOf: budgets.budgetOf,
  };
}
export type TppInputsSection = ReturnType<typeof createInputsSection>;
