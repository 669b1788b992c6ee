import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BankAccountSetInput,
  Budget,
  BudgetList,
  BudgetListQuery,
  BudgetSetInput,
  EmployeePay,
  Exclusion,
  ExclusionCodes,
  ExclusionCreateInput,
  ExclusionList,
  ExclusionListQuery,
  PayImportReport,
  PayList,
  PayListQuery,
  SalaryAddInput,
  TariffImportReport,
  TariffTable,
  TariffTableList,
  TariffTableListQuery,
  TppImportRowError,
} from '../../shared/api/tpp-inputs.ts';
import type {
  MyTpp,
  RunAction,
  RunDetail,
  RunLineDetail,
  RunStatus,
  RunStepBody,
  RunVerification,
  runLineListSchema,
  runListSchema,
  staffTppListSchema,
} from '../../shared/api/tpp-runs.ts';
import { api, apiUrl, isApiError, uploadWithProgress, type QueryParams } from './http.ts';

export type {
  Budget,
  BudgetList,
  EmployeePay,
  Exclusion,
  ExclusionCodes,
  ExclusionList,
  PayImportReport,
  PayList,
  TariffImportReport,
  TariffRow,
  TariffTable,
  TariffTableList,
  TppImportRowError,
} from '../../shared/api/tpp-inputs.ts';
export type {
  MyTpp,
  RunAction,
  RunDetail,
  RunLineDetail,
  RunLineRow,
  RunStatus,
  RunSummary,
  RunVerification,
  TppAmounts,
} from '../../shared/api/tpp-runs.ts';

export type RunList = z.output<typeof runListSchema>;
export type RunLineList = z.output<typeof runLineListSchema>;
export type StaffTppList = z.output<typeof staffTppListSchema>;

/**
 * The web client of the TPP module (issue 17): TanStack Query hooks for the routes under /api/tpp the pages use.
 * Types come from the contracts (src/shared/api/tpp-inputs.ts, tpp-runs.ts; `import type` only, zod stays out of
 * the page bundles); the enum lists the pages need are repeated below as plain constants.
 */

/** Run statuses in lifecycle order (core/tpp/run-machine.ts RUN_STATUSES). */
export const RUN_STATUSES = [
  'DRAFT',
  'DIPERIKSA',
  'DIUMUMKAN',
  'DISETUJUI_OPD',
  'DISETUJUI',
  'DIKUNCI',
] as const satisfies readonly RunStatus[];
/** Lifecycle steps (core/tpp/run-machine.ts RUN_ACTIONS). */
export const RUN_ACTIONS = [
  'compute',
  'check',
  'publish',
  'approveOpd',
  'approve',
  'lock',
] as const satisfies readonly RunAction[];
/** Deduction causes of a run's totals (core/tpp/tpp-month.ts TPP_DEDUCTION_CAUSES). */
export const DEDUCTION_CAUSES = ['TL', 'PSW', 'TK', 'APEL', 'LKH', 'LAINNYA', 'SANKSI'] as const;
export type DeductionCause = (typeof DEDUCTION_CAUSES)[number];
/** Statuses in which the employees see the run (published or later). */
export const PUBLISHED_STATUSES: readonly RunStatus[] = [
  'DIUMUMKAN',
  'DISETUJUI_OPD',
  'DISETUJUI',
  'DIKUNCI',
];

export type RunListQuery = {
  unitId?: string | undefined;
  month?: string | undefined;
  status?: RunStatus | undefined;
  page?: number;
  pageSize?: number;
};
export type RunLinesQuery = { q?: string | undefined; page?: number; pageSize?: number };

const ROOT = ['tpp'] as const;
export const tppKeys = {
  all: ROOT,
  mine: (month: string) => [...ROOT, 'mine', month] as const,
  staff: (q: QueryParams) => [...ROOT, 'staff', q] as const,
  runs: (q: RunListQuery) => [...ROOT, 'runs', 'list', q] as const,
  run: (id: string) => [...ROOT, 'runs', 'detail', id] as const,
  lines: (id: string, q: RunLinesQuery) => [...ROOT, 'runs', 'lines', id, q] as const,
  line: (id: string, employeeId: string) => [...ROOT, 'runs', 'line', id, employeeId] as const,
  verification: (id: string) => [...ROOT, 'runs', 'verification', id] as const,
  tariffTables: (q: TariffTableListQuery) => [...ROOT, 'tariffs', 'list', q] as const,
  tariffTable: (id: string) => [...ROOT, 'tariffs', 'detail', id] as const,
  budgets: (q: BudgetListQuery) => [...ROOT, 'budgets', q] as const,
  pay: (q: PayListQuery) => [...ROOT, 'pay', 'list', q] as const,
  employeePay: (id: string) => [...ROOT, 'pay', 'employee', id] as const,
  exclusions: (q: ExclusionListQuery) => [...ROOT, 'exclusions', 'list', q] as const,
  exclusionCodes: (date: string) => [...ROOT, 'exclusions', 'codes', date] as const,
};

const T = '/tpp';

/** After any write: runs, lines and inputs may all have moved. */
function useTppMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

// ---------------------------------------------------------------------------------------------------- my TPP

/** The caller's published lines of a month (GET /tpp/mine?month=): empty items when nothing is published. */
export function useMyTpp(month: string, enabled = true) {
  return useQuery({
    queryKey: tppKeys.mine(month),
    queryFn: ({ signal }) => api.get<MyTpp>(`${T}/mine`, { month }, signal),
    enabled: enabled && !!month,
    placeholderData: keepPreviousData,
  });
}

/**
 * The caller's TPP of several months at once (the newest published one is the page's default month): one request
 * per month, fetched in parallel, cached under the same keys as {@link useMyTpp}.
 */
export function useMyTppMonths(months: readonly string[], enabled = true) {
  return useQueries({
    queries: months.map((month) => ({
      queryKey: tppKeys.mine(month),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<MyTpp>(`${T}/mine`, { month }, signal),
      enabled,
    })),
  });
}

/** The caller's direct staff's published lines of a month (GET /tpp/staff). */
export function useStaffTpp(
  q: { month: string; q?: string; page?: number; pageSize?: number },
  enabled = true,
) {
  return useQuery({
    queryKey: tppKeys.staff({ ...q }),
    queryFn: ({ signal }) => api.get<StaffTppList>(`${T}/staff`, { ...q } as QueryParams, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

// ---------------------------------------------------------------------------------------------------- runs

export function useRuns(q: RunListQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.runs(q),
    queryFn: ({ signal }) => api.get<RunList>(`${T}/runs`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRun(id: string | undefined) {
  return useQuery({
    queryKey: tppKeys.run(id ?? ''),
    queryFn: ({ signal }) => api.get<RunDetail>(`${T}/runs/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useRunLines(id: string, q: RunLinesQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.lines(id, q),
    queryFn: ({ signal }) => api.get<RunLineList>(`${T}/runs/${id}/lines`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled: enabled && !!id,
  });
}

export function useRunLine(id: string, employeeId: string | null | undefined) {
  return useQuery({
    queryKey: tppKeys.line(id, employeeId ?? ''),
    queryFn: ({ signal }) => api.get<RunLineDetail>(`${T}/runs/${id}/lines/${employeeId}`, undefined, signal),
    enabled: !!id && !!employeeId,
  });
}

/** Recomputes from the stored inputs and compares (GET /runs/:id/verification); fetched only when asked. */
export function useRunVerification(id: string, enabled: boolean) {
  return useQuery({
    queryKey: tppKeys.verification(id),
    queryFn: ({ signal }) => api.get<RunVerification>(`${T}/runs/${id}/verification`, undefined, signal),
    enabled,
    staleTime: 0,
    retry: false,
  });
}

/** The slip of one line as PDF (opened by a plain link: the browser sends the session cookie). */
export const slipUrl = (runId: string, employeeId: string) =>
  apiUrl(`${T}/runs/${runId}/lines/${employeeId}/slip.pdf`);

/** Computes (or recomputes a draft of) a unit's month (POST /runs). */
export const useComputeRun = () =>
  useTppMutation((body: { unitId: string; month: string }) => api.post<RunDetail>(`${T}/runs`, body));

/** The route of each lifecycle step after computing. */
export const STEP_PATHS: Record<Exclude<RunAction, 'compute'>, string> = {
  check: 'check',
  publish: 'publish',
  approveOpd: 'approve-opd',
  approve: 'approve',
  lock: 'lock',
};

/** A lifecycle step of a run (POST /runs/:id/<step>), answering with the run; the caches are refreshed. */
export function useRunStep(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: Exclude<RunAction, 'compute'>; body: RunStepBody }) =>
      api.post<RunDetail>(`${T}/runs/${runId}/${STEP_PATHS[action]}`, body),
    onSuccess: (run) => {
      queryClient.setQueryData(tppKeys.run(runId), run);
      return queryClient.invalidateQueries({ queryKey: ROOT });
    },
  });
}

// ---------------------------------------------------------------------------------------------------- tariffs

export function useTariffTables(q: TariffTableListQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.tariffTables(q),
    queryFn: ({ signal }) => api.get<TariffTableList>(`${T}/tariff-tables`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTariffTable(id: string | null | undefined) {
  return useQuery({
    queryKey: tppKeys.tariffTable(id ?? ''),
    queryFn: ({ signal }) => api.get<TariffTable>(`${T}/tariff-tables/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export const tariffExportUrl = (id: string) => apiUrl(`${T}/tariff-tables/${id}/export`);

export interface TariffImportInput {
  file: File;
  year: number;
  perkadaRef: string;
  perkadaDate: string;
  note: string;
  dryRun: boolean;
}

/** Uploads a tariff table (dry run: the report only; commit: stored when every row is right). */
export function importTariffTable(
  input: TariffImportInput,
  onProgress: (fraction: number) => void,
): Promise<TariffImportReport> {
  const form = new FormData();
  form.append('year', String(input.year));
  form.append('perkadaRef', input.perkadaRef);
  form.append('perkadaDate', input.perkadaDate);
  form.append('note', input.note);
  form.append('dryRun', input.dryRun ? 'true' : 'false');
  form.append('file', input.file, input.file.name);
  return uploadWithProgress<TariffImportReport>(`${T}/tariff-tables/import`, form, onProgress);
}

/** The bad rows of a refused import (422 IMPORT_INVALID details), or null for another error. */
export function tppImportErrors(error: unknown): TppImportRowError[] | null {
  if (!isApiError(error) || error.code !== 'IMPORT_INVALID' || !Array.isArray(error.details)) return null;
  return (error.details as TppImportRowError[]).filter((d) => typeof d?.message === 'string');
}

// ---------------------------------------------------------------------------------------------------- budgets

export function useBudgets(q: BudgetListQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.budgets(q),
    queryFn: ({ signal }) => api.get<BudgetList>(`${T}/budgets`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useSetBudget = () =>
  useTppMutation((body: BudgetSetInput) => api.put<Budget>(`${T}/budgets`, body));

// ---------------------------------------------------------------------------------------------------- pay data

export function usePayList(q: PayListQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.pay(q),
    queryFn: ({ signal }) => api.get<PayList>(`${T}/pay`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmployeePay(employeeId: string | null | undefined) {
  return useQuery({
    queryKey: tppKeys.employeePay(employeeId ?? ''),
    queryFn: ({ signal }) => api.get<EmployeePay>(`${T}/employees/${employeeId}/pay`, undefined, signal),
    enabled: !!employeeId,
  });
}

export const useAddSalary = () =>
  useTppMutation(({ employeeId, ...body }: SalaryAddInput & { employeeId: string }) =>
    api.post<EmployeePay>(`${T}/employees/${employeeId}/salaries`, body),
  );

export const useSetBankAccount = () =>
  useTppMutation(({ employeeId, ...body }: BankAccountSetInput & { employeeId: string }) =>
    api.put<EmployeePay>(`${T}/employees/${employeeId}/bank-account`, body),
  );

/** Uploads gaji pokok and bank accounts (dry run: the report only; commit: every row or none). */
export function importPay(
  input: { file: File; dryRun: boolean },
  onProgress: (fraction: number) => void,
): Promise<PayImportReport> {
  const form = new FormData();
  form.append('dryRun', input.dryRun ? 'true' : 'false');
  form.append('file', input.file, input.file.name);
  return uploadWithProgress<PayImportReport>(`${T}/pay/import`, form, onProgress);
}

// ---------------------------------------------------------------------------------------------------- exclusions

export function useExclusions(q: ExclusionListQuery, enabled = true) {
  return useQuery({
    queryKey: tppKeys.exclusions(q),
    queryFn: ({ signal }) => api.get<ExclusionList>(`${T}/exclusions`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The rulebook's exclusion codes in force on a date ('' = today). */
export function useExclusionCodes(date: string, enabled = true) {
  return useQuery({
    queryKey: tppKeys.exclusionCodes(date),
    queryFn: ({ signal }) =>
      api.get<ExclusionCodes>(`${T}/exclusions/codes`, date ? { date } : undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export const useRecordExclusion = () =>
  useTppMutation((body: ExclusionCreateInput) => api.post<Exclusion>(`${T}/exclusions`, body));

export const useEndExclusion = () =>
  useTppMutation(({ id, validTo }: { id: string; validTo: string }) =>
    api.post<Exclusion>(`${T}/exclusions/${id}/end`, { validTo }),
  );
