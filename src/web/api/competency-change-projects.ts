import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AssessorsPut,
  AssignedChangeProjects,
  ChangeProject,
  ChangeProjectCreate,
  ChangeProjectList,
  ChangeProjectUpdate,
  MyChangeProjects,
} from '../../shared/api/competency-change-projects.ts';
import { api, apiUrl, request } from './http.ts';

const P = '/competency/change-projects';

/** Query keys of change projects (issue 19 point 5; contract src/shared/api/competency-change-projects.ts). */
export const changeProjectKeys = {
  all: ['competency', 'change-projects'] as const,
  mine: ['competency', 'change-projects', 'mine'] as const,
  assigned: ['competency', 'change-projects', 'assigned'] as const,
  one: (id: string) => ['competency', 'change-projects', 'one', id] as const,
  list: (unitId: string, year: number) => ['competency', 'change-projects', 'list', unitId, year] as const,
};

/** The caller's change projects and their leadership trainings without one. */
export function useMyChangeProjects() {
  return useQuery({
    queryKey: changeProjectKeys.mine,
    queryFn: ({ signal }) => api.get<MyChangeProjects>(`${P}/mine`, undefined, signal),
  });
}

/** The projects the caller assesses (and how many wait for their rating: the navigation badge). */
export function useAssignedChangeProjects(enabled = true) {
  return useQuery({
    queryKey: changeProjectKeys.assigned,
    queryFn: ({ signal }) => api.get<AssignedChangeProjects>(`${P}/assigned`, undefined, signal),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

/** One project (participant, chain, assessors, BKD). */
export function useChangeProject(id: string | null) {
  return useQuery({
    queryKey: changeProjectKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<ChangeProject>(`${P}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** An OPD's projects evaluated in a year and which delivered (BKD). */
export function useChangeProjectList(unitId: string | null, year: number) {
  return useQuery({
    queryKey: changeProjectKeys.list(unitId ?? '', year),
    queryFn: ({ signal }) => api.get<ChangeProjectList>(P, { unitId: unitId!, year }, signal),
    enabled: !!unitId,
  });
}

/** Register (or save as a draft) a new project, or change one (`id`). */
export function useSaveChangeProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ChangeProjectCreate | ChangeProjectUpdate }) =>
      id ? api.put<{ id: string }>(`${P}/${id}`, body) : api.post<{ id: string }>(P, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: changeProjectKeys.all }),
  });
}

/** BKD sets the assessors. */
export function useSetAssessors(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessorsPut) => api.put<ChangeProject>(`${P}/${id}/assessors`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: changeProjectKeys.all }),
  });
}

/** BKD closes the evaluation with the ratings in. */
export function useCloseChangeProject(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<ChangeProject>(`${P}/${id}/close`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: changeProjectKeys.all }),
  });
}

/** An assessor's rating of one goal with its evidence (PDF or image, optional). */
export function uploadGoalRating(
  projectId: string,
  goalId: string,
  input: { score: number; note: string; assessorId?: string; evidence: File | null },
): Promise<{ id: string }> {
  const { evidence, ...data } = input;
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  if (evidence) form.append('evidence', evidence, evidence.name);
  return request<{ id: string }>('PUT', `${P}/${projectId}/goals/${goalId}/rating`, { body: form });
}

export const changeProjectReportUrl = (id: string) => apiUrl(`${P}/${id}/report.pdf`);
export const changeProjectEvidenceUrl = (ratingId: string) => apiUrl(`${P}/evidence/${ratingId}`);
export const changeProjectExportUrl = (unitId: string, year: number, format: 'xlsx' | 'csv') =>
  apiUrl(`${P}/export.${format}`, { unitId, year });
