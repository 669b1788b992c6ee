import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AbsenceBody,
  CaseListQuery,
  CaseOptions,
  CasePage,
  CaseView,
  EndBody,
  ExaminationBody,
  OpenCaseBody,
  ReliefBody,
  ReportBody,
  SummonsBody,
  TeamBody,
  TelaahBody,
} from '../../shared/api/discipline-cases.ts';
import type {
  CaseDocumentKind,
  CaseDocuments,
  CasesExportQuery,
  DisciplineInbox,
  DocumentView,
  Registry,
  RegistryQuery,
  UploadedDocument,
} from '../../shared/api/discipline-documents.ts';
import type {
  DismissIndicationInput,
  IndicationDetail,
  IndicationScanInput,
  IndicationScanResult,
  IndicationList,
  IndicationListQuery,
  OpenFromIndicationInput,
  SalaryStop,
  SalaryStopList,
  SalaryStopListQuery,
  SalaryStopReactivateInput,
  SalaryStopReactivationInput,
  SalaryStopSettlementInput,
  SalaryStopStopInput,
  SalaryStopUpload,
  SalaryStopVerifyInput,
} from '../../shared/api/discipline-indications.ts';
import type {
  ActiveSanctions,
  AppealBody,
  AppealDecisionBody,
  CompetentOfficial,
  DecisionBody,
  DeliveryBody,
  Designation,
  DesignationBody,
  DesignationList,
  DisciplineRecord,
  EndDesignationBody,
  SanctionStepResult,
} from '../../shared/api/discipline-sanctions.ts';
import { api, apiUrl, uploadWithProgress, type QueryParams } from './http.ts';

export type {
  CaseActionView,
  CaseDeadline,
  CaseOptions,
  CaseEvent,
  CaseListItem,
  CasePage,
  CaseSource,
  CaseState,
  CaseView,
  DisciplineLevel,
  ExaminerKind,
  ManualCaseSource,
  SummonsView,
  TeamRole,
} from '../../shared/api/discipline-cases.ts';
export type {
  CaseDocumentKind,
  CaseDocuments,
  DisciplineInbox,
  DocumentView,
  GeneratedDocument,
  GeneratedDocumentKind,
  InboxItem,
  MineItem,
  OverdueStep,
  Registry,
  RegistryRow,
  UploadedDocument,
} from '../../shared/api/discipline-documents.ts';
export type {
  IndicationDetail,
  IndicationList,
  IndicationStatus,
  IndicationSummary,
  SalaryStop,
  SalaryStopList,
  SalaryStopStatus,
  SettlementKind,
} from '../../shared/api/discipline-indications.ts';
export type {
  AppealKind,
  AppealOutcome,
  AppealView,
  CompetentOfficial,
  DeliveryMethod,
  Designation,
  DisciplineRecord,
  SanctionView,
} from '../../shared/api/discipline-sanctions.ts';

/**
 * The web client of the discipline module (issue 16): TanStack Query hooks for every route under /api/discipline.
 * Types come from the contracts (`src/shared/api/discipline-*.ts`, `import type` only: zod stays out of the page
 * bundles); the enum lists the pages need are repeated below as plain constants.
 */

/** The levels (PP 94/2021 Pasal 8), in order. */
export const LEVELS = ['ringan', 'sedang', 'berat'] as const;
/** Where a case comes from (discipline-cases.ts CASE_SOURCES). */
export const SOURCES = ['INDIKASI', 'INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'] as const;
/** The sources a case can be opened by hand from. */
export const MANUAL_SOURCES = ['INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'] as const;
export const TEAM_ROLES = ['ATASAN', 'INSPEKTORAT', 'BKD', 'LAINNYA'] as const;
export const EXAM_MODES = ['TATAP_MUKA', 'VIRTUAL'] as const;
export const END_REASONS = ['TIDAK_TERBUKTI', 'BERHENTI', 'MENINGGAL', 'ETIKA_SELESAI', 'LAINNYA'] as const;
export const APPEAL_KINDS = ['KEBERATAN', 'BANDING'] as const;
export const APPEAL_OUTCOMES = ['DIKUATKAN', 'DIUBAH', 'DIBATALKAN'] as const;
export const DELIVERY_METHODS = ['langsung', 'pos'] as const;
export const INDICATION_STATUSES = ['BARU', 'DIPROSES', 'DIABAIKAN', 'DIGANTIKAN'] as const;
export const INDICATION_SOURCES = ['cumulative', 'consecutive'] as const;
export const SALARY_STOP_STATUSES = [
  'DILAPORKAN',
  'DIVERIFIKASI',
  'DIHENTIKAN',
  'PENGAKTIFAN_DIAJUKAN',
  'DIAKTIFKAN',
  'DIBATALKAN',
] as const;
export const SETTLEMENT_KINDS = ['BAYAR_KEMBALI', 'SETOR_KEMBALI'] as const;
/** Kinds a signed scan or evidence can be filed under (discipline-documents.ts CASE_DOCUMENT_KINDS). */
export const DOCUMENT_KINDS = [
  'PANGGILAN_I',
  'PANGGILAN_II',
  'SK_TIM',
  'BAP',
  'LHP',
  'SK_HUKDIS',
  'BA_PENYAMPAIAN',
  'UPAYA_ADMINISTRATIF',
  'LAINNYA',
] as const satisfies readonly CaseDocumentKind[];

export type TableFormat = 'xlsx' | 'csv';

const ROOT = ['disiplin'] as const;
export const disciplineKeys = {
  all: ROOT,
  inbox: () => [...ROOT, 'inbox'] as const,
  indications: (q: IndicationListQuery) => [...ROOT, 'indications', 'list', q] as const,
  indication: (id: string) => [...ROOT, 'indications', 'detail', id] as const,
  cases: (q: CaseListQuery) => [...ROOT, 'cases', 'list', q] as const,
  case: (id: string) => [...ROOT, 'cases', 'detail', id] as const,
  documents: (caseId: string) => [...ROOT, 'cases', 'documents', caseId] as const,
  documentViews: (caseId: string) => [...ROOT, 'cases', 'document-views', caseId] as const,
  competent: (caseId: string, code: string) => [...ROOT, 'cases', 'competent', caseId, code] as const,
  options: (q: { employeeId?: string; caseId?: string }) => [...ROOT, 'options', q] as const,
  record: (employeeId: string) => [...ROOT, 'record', employeeId] as const,
  registry: (q: RegistryQuery) => [...ROOT, 'registry', q] as const,
  activeSanctions: (month: string, unitId?: string) => [...ROOT, 'sanctions', month, unitId ?? ''] as const,
  salaryStops: (q: SalaryStopListQuery) => [...ROOT, 'salary-stops', 'list', q] as const,
  salaryStop: (id: string) => [...ROOT, 'salary-stops', 'detail', id] as const,
  designations: (q: { unitId?: string; active?: boolean }) => [...ROOT, 'designations', q] as const,
};

const D = '/discipline';

/** After any write: everything of the module may have moved (the case, the inbox, lists, the record). */
function useDisciplineMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ROOT }),
  });
}

// ---------------------------------------------------------------------------------------------------- inbox

/**
 * What waits for the caller (GET /discipline/inbox): the items with their due dates, the badge count, and the
 * employee's own cases. `poll` refreshes it every minute (the shell's badge).
 */
export function useDisciplineInbox(enabled = true, opts: { poll?: boolean } = {}) {
  return useQuery({
    queryKey: disciplineKeys.inbox(),
    queryFn: ({ signal }) => api.get<DisciplineInbox>(`${D}/inbox`, undefined, signal),
    enabled,
    retry: false,
    staleTime: 30_000,
    ...(opts.poll ? { refetchInterval: 60_000 } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------- indications

export function useIndications(q: IndicationListQuery, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.indications(q),
    queryFn: ({ signal }) => api.get<IndicationList>(`${D}/indications`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useIndication(id: string | undefined) {
  return useQuery({
    queryKey: disciplineKeys.indication(id ?? ''),
    queryFn: ({ signal }) => api.get<IndicationDetail>(`${D}/indications/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Opens a case from an indication (201 with the indication, its `caseId` set). */
export const useOpenFromIndication = () =>
  useDisciplineMutation(({ id, ...body }: OpenFromIndicationInput & { id: string }) =>
    api.post<IndicationDetail>(`${D}/indications/${id}/open`, body),
  );

/** Stores what the rules core indicates for a unit subtree up to a month (a rescan stores nothing twice). */
export const useScanIndications = () =>
  useDisciplineMutation((body: IndicationScanInput) =>
    api.post<IndicationScanResult>(`${D}/indications/scan`, body),
  );

export const useDismissIndication = () =>
  useDisciplineMutation(({ id, ...body }: DismissIndicationInput & { id: string }) =>
    api.post<IndicationDetail>(`${D}/indications/${id}/dismiss`, body),
  );

// ---------------------------------------------------------------------------------------------------- cases

export function useCases(q: CaseListQuery, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.cases(q),
    queryFn: ({ signal }) => api.get<CasePage>(`${D}/cases`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: disciplineKeys.case(id ?? ''),
    queryFn: ({ signal }) => api.get<CaseView>(`${D}/cases/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The cases list as a file, with the list's filters (GET /discipline/cases/export). */
export const casesExportUrl = (format: TableFormat, q: Omit<CasesExportQuery, 'format'>) =>
  apiUrl(`${D}/cases/export`, { ...q, format } as QueryParams);

export const useOpenCase = () =>
  useDisciplineMutation((body: OpenCaseBody) => api.post<CaseView>(`${D}/cases`, body));

/** The procedure's steps up to the report (discipline-cases.ts): each answers with the whole case view. */
export interface CaseStepBodies {
  telaah: TelaahBody;
  team: TeamBody;
  summons: SummonsBody;
  absence: AbsenceBody;
  examination: ExaminationBody;
  relief: ReliefBody;
  report: ReportBody;
  end: EndBody;
}
export type CaseStep = keyof CaseStepBodies;

export function useCaseStep<S extends CaseStep>(caseId: string, step: S) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CaseStepBodies[S]) => api.post<CaseView>(`${D}/cases/${caseId}/${step}`, body),
    onSuccess: (view) => {
      queryClient.setQueryData(disciplineKeys.case(caseId), view);
      return queryClient.invalidateQueries({ queryKey: ROOT });
    },
  });
}

/** The steps of the sanctions section answer with the sanction; the case is fetched again. */
export interface SanctionStepBodies {
  decision: DecisionBody;
  delivery: DeliveryBody;
  appeals: AppealBody;
}
export function useSanctionStep<S extends keyof SanctionStepBodies>(caseId: string, step: S) {
  return useDisciplineMutation((body: SanctionStepBodies[S]) =>
    api.post<SanctionStepResult>(`${D}/cases/${caseId}/${step}`, body),
  );
}

export const useDecideAppeal = () =>
  useDisciplineMutation(({ id, ...body }: AppealDecisionBody & { id: string }) =>
    api.post<SanctionStepResult>(`${D}/appeals/${id}/decision`, body),
  );

/**
 * What may be chosen for an employee (a new case: `employeeId`) or a case (its rules snapshot: `caseId`): the
 * violation catalogue with the sources each may come from and its fixed level, and the sanctions of the employee's
 * track with their interim form (GET /discipline/options). Disabled until one of the two is known.
 */
export function useCaseOptions(q: { employeeId?: string | null; caseId?: string | null }) {
  const key = q.caseId ? { caseId: q.caseId } : q.employeeId ? { employeeId: q.employeeId } : null;
  return useQuery({
    queryKey: disciplineKeys.options(key ?? {}),
    queryFn: ({ signal }) => api.get<CaseOptions>(`${D}/options`, { ...key } as QueryParams, signal),
    enabled: !!key,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Who may decide a sanction on the case's examinee, and why (GET /cases/:id/competent-official). */
export function useCompetentOfficial(caseId: string, sanctionCode: string | null) {
  return useQuery({
    queryKey: disciplineKeys.competent(caseId, sanctionCode ?? ''),
    queryFn: ({ signal }) =>
      api.get<CompetentOfficial>(
        `${D}/cases/${caseId}/competent-official`,
        { sanctionCode: sanctionCode! },
        signal,
      ),
    enabled: !!sanctionCode,
    retry: false,
  });
}

// ---------------------------------------------------------------------------------------------------- documents

/** The case's documents; `pollMs` asks again at that interval (while a printed document waits for its number). */
export function useCaseDocuments(caseId: string, enabled = true, pollMs?: number) {
  return useQuery({
    queryKey: disciplineKeys.documents(caseId),
    queryFn: ({ signal }) => api.get<CaseDocuments>(`${D}/cases/${caseId}/documents`, undefined, signal),
    enabled,
    ...(pollMs ? { refetchInterval: pollMs } : {}),
  });
}

export function useDocumentViews(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: disciplineKeys.documentViews(caseId),
    queryFn: ({ signal }) =>
      api.get<{ items: DocumentView[] }>(`${D}/cases/${caseId}/document-views`, undefined, signal),
    enabled,
  });
}

/** Uploads a signed scan or evidence with the case, reporting the progress (0..1). */
export function uploadCaseDocument(
  caseId: string,
  input: { kind: CaseDocumentKind; title: string; file: File },
  onProgress: (fraction: number) => void,
): Promise<UploadedDocument> {
  const form = new FormData();
  form.append('kind', input.kind);
  form.append('title', input.title);
  form.append('file', input.file, input.file.name);
  return uploadWithProgress<UploadedDocument>(`${D}/cases/${caseId}/documents`, form, onProgress);
}

// ---------------------------------------------------------------------------------------------------- record, sanctions

/** An employee's riwayat hukuman disiplin with the KGB / promotion / transfer flags. */
export function useDisciplineRecord(employeeId: string | null | undefined) {
  return useQuery({
    queryKey: disciplineKeys.record(employeeId ?? ''),
    queryFn: ({ signal }) =>
      api.get<DisciplineRecord>(`${D}/employees/${employeeId}/record`, undefined, signal),
    enabled: !!employeeId,
  });
}

/** Sanctions active in a month (the list TPP takes). */
export function useActiveSanctions(month: string, unitId?: string, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.activeSanctions(month, unitId),
    queryFn: ({ signal }) => api.get<ActiveSanctions>(`${D}/sanctions/active`, { month, unitId }, signal),
    enabled,
  });
}

/** The SIASN-shaped riwayat hukdis of a year (docs/discipline-siasn.md). */
export const siasnExportUrl = (format: TableFormat, q: { year: number; unitId?: string }) =>
  apiUrl(`${D}/sanctions/siasn-export`, { ...q, format });

// ---------------------------------------------------------------------------------------------------- registry

export function useRegistry(q: RegistryQuery, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.registry(q),
    queryFn: ({ signal }) => api.get<Registry>(`${D}/registry`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const registryExportUrl = (format: TableFormat, q: RegistryQuery) =>
  apiUrl(`${D}/registry/export`, { ...q, format } as QueryParams);

// ---------------------------------------------------------------------------------------------------- salary stops

export function useSalaryStops(q: SalaryStopListQuery, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.salaryStops(q),
    queryFn: ({ signal }) => api.get<SalaryStopList>(`${D}/salary-stops`, { ...q } as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useSalaryStop(id: string | undefined) {
  return useQuery({
    queryKey: disciplineKeys.salaryStop(id ?? ''),
    queryFn: ({ signal }) => api.get<SalaryStop>(`${D}/salary-stops/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The superior reports the salary stop of a consecutive-TK indication to BKD and the finance official. */
export const useReportSalaryStop = () =>
  useDisciplineMutation((indicationId: string) =>
    api.post<SalaryStop>(`${D}/salary-stops`, { indicationId }),
  );

interface SalaryStopSteps {
  verify: SalaryStopVerifyInput;
  stop: SalaryStopStopInput;
  reactivation: SalaryStopReactivationInput;
  reactivate: SalaryStopReactivateInput;
  settlements: SalaryStopSettlementInput;
}
export function useSalaryStopStep<S extends keyof SalaryStopSteps>(id: string, step: S) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SalaryStopSteps[S]) => api.post<SalaryStop>(`${D}/salary-stops/${id}/${step}`, body),
    onSuccess: (stop) => {
      queryClient.setQueryData(disciplineKeys.salaryStop(id), stop);
      return queryClient.invalidateQueries({ queryKey: ROOT });
    },
  });
}

/** Stages a statement for a re-activation request (PDF or image), with progress; cite it by `attachmentId`. */
export function uploadSalaryStopFile(file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return uploadWithProgress<SalaryStopUpload>(`${D}/salary-stops/files`, form, onProgress);
}

export const salaryStopFileUrl = (id: string, fileId: string) =>
  apiUrl(`${D}/salary-stops/${id}/files/${fileId}`);

// ---------------------------------------------------------------------------------------------------- designations

export function useDesignations(q: { unitId?: string; active?: boolean }, enabled = true) {
  return useQuery({
    queryKey: disciplineKeys.designations(q),
    queryFn: ({ signal }) =>
      api.get<DesignationList>(
        `${D}/designations`,
        { unitId: q.unitId, active: q.active === undefined ? undefined : String(q.active) },
        signal,
      ),
    enabled,
  });
}

export const useCreateDesignation = () =>
  useDisciplineMutation((body: DesignationBody) => api.post<Designation>(`${D}/designations`, body));

export const useEndDesignation = () =>
  useDisciplineMutation(({ id, ...body }: EndDesignationBody & { id: string }) =>
    api.post<Designation>(`${D}/designations/${id}/end`, body),
  );
