import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessmentList,
  AssessmentListQuery,
  CompetencyAnalyticsReport,
  CompetencyAnalyticsSummary,
  CompetencyDictionary,
  CompetencyImportReport,
  CompetencyProfile,
  StaffList,
  TrainingBody,
  TrainingItem,
  TrainingList,
  TrainingNeedsReport,
} from '../../shared/api/competency.ts';
import { api, apiUrl, request, uploadWithProgress, type QueryParams } from './http.ts';

const C = '/competency';

export const competencyKeys = {
  all: ['competency'] as const,
  dictionary: ['competency', 'dictionary'] as const,
  mine: (target: string | null) => ['competency', 'me', target] as const,
  employee: (id: string) => ['competency', 'employee', id] as const,
  staff: ['competency', 'staff'] as const,
  assessments: (q: AssessmentListQuery) => ['competency', 'assessments', q] as const,
};

/** The competency dictionary (types from the contract, src/shared/api/competency.ts). */
export function useCompetencyDictionary() {
  return useQuery({
    queryKey: competencyKeys.dictionary,
    queryFn: ({ signal }) => api.get<CompetencyDictionary>(`${C}/dictionary`, undefined, signal),
  });
}

/** The caller's own competencies, optionally with the JPM against a target position. */
export function useMyCompetency(targetPositionId: string | null, enabled = true) {
  return useQuery({
    queryKey: competencyKeys.mine(targetPositionId),
    queryFn: ({ signal }) =>
      api.get<CompetencyProfile>(`${C}/me`, targetPositionId ? { targetPositionId } : undefined, signal),
    enabled,
  });
}

/** An employee's competencies (the employee, their superior chain or BKD; the server logs the view). */
export function useEmployeeCompetency(employeeId: string | null) {
  return useQuery({
    queryKey: competencyKeys.employee(employeeId ?? ''),
    queryFn: ({ signal }) => api.get<CompetencyProfile>(`${C}/employees/${employeeId}`, undefined, signal),
    enabled: !!employeeId,
  });
}

/** The caller's direct staff with their latest result. */
export function useCompetencyStaff(enabled: boolean) {
  return useQuery({
    queryKey: competencyKeys.staff,
    queryFn: ({ signal }) => api.get<StaffList>(`${C}/staff`, undefined, signal),
    enabled,
  });
}

/** Results in the caller's scope (BKD). */
export function useAssessments(query: AssessmentListQuery, enabled: boolean) {
  return useQuery({
    queryKey: competencyKeys.assessments(query),
    queryFn: ({ signal }) => api.get<AssessmentList>(`${C}/assessments`, query as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Upload an import file: a dry run, a commit, or a commit of the good rows only. */
export function uploadCompetencyImport(
  kind: 'standards' | 'assessments' | 'training-records',
  file: File,
  opts: { dryRun: boolean; validOnly?: boolean },
): Promise<CompetencyImportReport> {
  const form = new FormData();
  form.append('dryRun', opts.dryRun ? 'true' : 'false');
  form.append('validOnly', opts.validOnly ? 'true' : 'false');
  form.append('file', file);
  const path = `${C}/${kind}/import`;
  return request<CompetencyImportReport>('POST', path, { body: form });
}

/** The training catalogue. */
export function useTrainings() {
  return useQuery({
    queryKey: ['competency', 'trainings'] as const,
    queryFn: ({ signal }) => api.get<TrainingList>(`${C}/trainings`, undefined, signal),
  });
}

/** Add a catalogue entry (BKD). */
export function useCreateTraining() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingBody) => api.post<TrainingItem>(`${C}/trainings`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: competencyKeys.all }),
  });
}

/** An OPD's training needs of a year as a download for planning (xlsx or csv). */
export const trainingNeedsExportUrl = (unitId: string, year: number, format: 'xlsx' | 'csv') =>
  apiUrl(`${C}/training-needs/export.${format}`, { unitId, year });

/** An OPD's training needs for a year (BKD). */
export function useTrainingNeeds(unitId: string | null, year: number) {
  return useQuery({
    queryKey: ['competency', 'training-needs', unitId, year] as const,
    queryFn: ({ signal }) =>
      api.get<TrainingNeedsReport>(`${C}/training-needs`, { unitId: unitId!, year }, signal),
    enabled: !!unitId,
  });
}

/** Records a training taken with its certificate (PDF or image), reporting the upload's progress (0..1). */
export function uploadTrainingRecord(
  input: {
    employeeId?: string;
    title: string;
    provider: string;
    startDate: string;
    endDate: string;
    jp: number;
    cost: number;
    certificate: File;
  },
  onProgress: (fraction: number) => void,
): Promise<{ id: string }> {
  const { certificate, ...data } = input;
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  form.append('certificate', certificate, certificate.name);
  return uploadWithProgress<{ id: string }>(`${C}/training-records`, form, onProgress);
}

/** The certificate of a record that has none yet (an imported one): PDF or image. */
export function attachTrainingCertificate(recordId: string, certificate: File): Promise<{ id: string }> {
  const form = new FormData();
  form.append('certificate', certificate, certificate.name);
  return request<{ id: string }>('PUT', `${C}/training-records/${recordId}/certificate`, { body: form });
}

/** The certificate of a training record (opened in a new tab). */
export const trainingCertificateUrl = (recordId: string) =>
  apiUrl(`${C}/training-records/${recordId}/certificate`);

/** Analytics across OPDs for a year, optionally under one unit (BKD). */
export function useCompetencyAnalytics(unitId: string | null, year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['competency', 'analytics', unitId, year] as const,
    queryFn: ({ signal }) =>
      api.get<CompetencyAnalyticsReport>(`${C}/analytics`, unitId ? { unitId, year } : { year }, signal),
  });
}

/** The scope's totals only (the home page's card): one aggregate on the server. */
export function useCompetencyAnalyticsSummary(year: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['competency', 'analytics-summary', year] as const,
    queryFn: ({ signal }) => api.get<CompetencyAnalyticsSummary>(`${C}/analytics/summary`, { year }, signal),
  });
}

export const competencyAnalyticsExportUrl = (unitId: string | null, year: number, format: 'xlsx' | 'csv') =>
  apiUrl(`${C}/analytics/export.${format}`, unitId ? { unitId, year } : { year });
