import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUrl } from './http.ts';
import type { QueryParams } from './http.ts';
import type {
  ActingInput,
  EmployeeDetail,
  EmployeeFilters,
  EmployeeInput,
  EmployeeListItem,
  Paged,
  PlacementInput,
} from './types.ts';

export const employeeKeys = {
  all: ['employees'] as const,
  lists: () => [...employeeKeys.all, 'list'] as const,
  list: (filters: EmployeeFilters) => [...employeeKeys.lists(), filters] as const,
  details: () => [...employeeKeys.all, 'detail'] as const,
  detail: (id: string) => [...employeeKeys.details(), id] as const,
};

/** Query parameters for the list and the export links (same filters, no paging for exports). */
export function employeeQuery(filters: EmployeeFilters, withPaging = true): QueryParams {
  return {
    q: filters.q,
    unitId: filters.unitId,
    includeSubunits: filters.unitId ? (filters.includeSubunits ?? true) : undefined,
    type: filters.type,
    status: filters.status,
    sort: filters.sort,
    page: withPaging ? filters.page : undefined,
    pageSize: withPaging ? filters.pageSize : undefined,
  };
}

export function employeeExportUrl(format: 'xlsx' | 'csv', filters: EmployeeFilters): string {
  return apiUrl(`/employees/export.${format}`, employeeQuery(filters, false));
}

export function useEmployees(filters: EmployeeFilters, enabled = true) {
  return useQuery({
    queryKey: employeeKeys.list(filters),
    queryFn: ({ signal }) => api.get<Paged<EmployeeListItem>>('/employees', employeeQuery(filters), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEmployee(id: string | undefined) {
  return useQuery({
    queryKey: employeeKeys.detail(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<EmployeeDetail>(`/employees/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: !!id,
  });
}

function useEmployeeMutation<V>(fn: (input: V) => Promise<EmployeeDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (employee) => {
      queryClient.setQueryData(employeeKeys.detail(employee.id), employee);
      void queryClient.invalidateQueries({ queryKey: employeeKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: ['units', 'tree'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

export function useCreateEmployee() {
  return useEmployeeMutation((input: EmployeeInput) => api.post<EmployeeDetail>('/employees', input));
}

export function useUpdateEmployee(id: string) {
  return useEmployeeMutation((input: Partial<EmployeeInput>) =>
    api.patch<EmployeeDetail>(`/employees/${encodeURIComponent(id)}`, input),
  );
}

/** Mutasi: a new placement. The server answers with the placement or the employee; refetch the detail. */
export function useAddPlacement(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlacementInput) =>
      api.post<unknown>(`/employees/${encodeURIComponent(id)}/placements`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: employeeKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['units', 'tree'] });
    },
  });
}

export function useAddActing(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ActingInput) =>
      api.post<unknown>(`/employees/${encodeURIComponent(id)}/acting`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: employeeKeys.detail(id) }),
  });
}
