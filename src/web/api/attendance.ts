import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  APEL_KINDS,
  allowedPlaceSchema,
  apelScheduleInputSchema,
  apelSessionSchema,
  attendanceTodaySchema,
  deviceListQuerySchema,
  deviceRegisterSchema,
  deviceSchema,
  DEVICE_STATUSES,
  fieldAssignmentInputSchema,
  kioskCodeSchema,
  kioskOpenSchema,
  PLACE_KINDS,
  PUNCH_VERDICTS,
  punchListQuerySchema,
  punchResultSchema,
  punchSchema,
  reviewCountSchema,
  terminalImportResultSchema,
  terminalUserInputSchema,
  workLocationInputSchema,
} from '../../shared/api/attendance.ts';
import type { PunchBody } from '../../shared/api/attendance.ts';
import { kvGet, kvSet } from '../lib/attendance-db.ts';
import { recordServerTime } from '../lib/server-clock.ts';
import { api, apiUrl, ApiError, errorFromBody, isApiError, request, uploadWithProgress } from './http.ts';
import type { Paged } from './types.ts';

export type { PunchBody };
export type Punch = z.infer<typeof punchSchema>;
export type PunchResult = z.infer<typeof punchResultSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];
export type PunchVerdict = (typeof PUNCH_VERDICTS)[number];
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type ApelKind = (typeof APEL_KINDS)[number];
export type AllowedPlace = z.infer<typeof allowedPlaceSchema>;
export type ApelSession = z.infer<typeof apelSessionSchema>;
export type ApelScheduleInput = z.input<typeof apelScheduleInputSchema>;
export type KioskCode = z.infer<typeof kioskCodeSchema>;
export type KioskOpenInput = z.input<typeof kioskOpenSchema>;
export type TerminalImportResult = z.infer<typeof terminalImportResultSchema>;
export type TerminalUserInput = z.input<typeof terminalUserInputSchema>;
export type WorkLocationInput = z.input<typeof workLocationInputSchema>;
export type FieldAssignmentInput = z.input<typeof fieldAssignmentInputSchema>;

/** /attendance/today, plus whether it came from this phone's cache (offline) and when it was fetched. */
export type AttendanceToday = z.infer<typeof attendanceTodaySchema> & {
  fromCache?: boolean;
  fetchedAt?: number;
};

/** Stored places and schedules as the server lists them (the input plus ids and names). */
export type WorkLocation = WorkLocationInput & { id: string; employeeName?: string };
export type FieldAssignment = FieldAssignmentInput & { id: string; employeeName?: string };
export type ApelSchedule = ApelScheduleInput & { id: string; unitName?: string };
export type TerminalUser = TerminalUserInput & {
  id: string;
  employeeName?: string;
  nip?: string | null;
  unitName?: string;
};
export interface KioskOpened {
  id: string;
  token: string;
  label: string;
  unitName: string;
  expiresAt: string | number;
}

/** The punch history's filters (GET /api/attendance/punches), each optional. */
export type PunchFilters = Partial<z.output<typeof punchListQuerySchema>>;

/** The device list's filters (GET /api/attendance/devices), each optional. */
export type DeviceFilters = Partial<z.output<typeof deviceListQuerySchema>>;

export const attendanceKeys = {
  all: ['attendance'] as const,
  today: (employeeId: string) => [...attendanceKeys.all, 'today', employeeId] as const,
  punches: (filters: PunchFilters) => [...attendanceKeys.all, 'punches', filters] as const,
  myDevices: () => [...attendanceKeys.all, 'devices', 'mine'] as const,
  devices: (filters: DeviceFilters) => [...attendanceKeys.all, 'devices', 'list', filters] as const,
  reviews: (page: number) => [...attendanceKeys.all, 'reviews', page] as const,
  reviewCount: () => [...attendanceKeys.all, 'reviews', 'count'] as const,
  workLocations: (employeeId: string) => [...attendanceKeys.all, 'work-locations', employeeId] as const,
  fieldAssignments: (employeeId: string) => [...attendanceKeys.all, 'field-assignments', employeeId] as const,
  apelSchedules: (unitId: string) => [...attendanceKeys.all, 'apel-schedules', unitId] as const,
  apelSessions: (unitId: string, date: string) =>
    [...attendanceKeys.all, 'apel-sessions', unitId, date] as const,
  terminalUsers: () => [...attendanceKeys.all, 'terminal-users'] as const,
};

const todayCacheKey = (employeeId: string) => `today:${employeeId}`;

/**
 * Today's places, rules, device, punches and status. Online it records the server's clock (for offline
 * punches) and keeps a copy on the phone; offline it answers from that copy (`fromCache`).
 */
export async function fetchToday(employeeId: string, signal?: AbortSignal): Promise<AttendanceToday> {
  try {
    const today = await api.get<AttendanceToday>('/attendance/today', undefined, signal);
    recordServerTime(today.serverTime);
    const fetchedAt = Date.now();
    void kvSet(todayCacheKey(employeeId), { ...today, fetchedAt }).catch(() => undefined);
    return { ...today, fetchedAt, fromCache: false };
  } catch (error) {
    if (isApiError(error) && error.code === 'NETWORK') {
      const cached = await kvGet<AttendanceToday>(todayCacheKey(employeeId)).catch(() => undefined);
      if (cached) return { ...cached, fromCache: true };
    }
    throw error;
  }
}

export function useAttendanceToday(employeeId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.today(employeeId ?? ''),
    queryFn: ({ signal }) => fetchToday(employeeId ?? '', signal),
    enabled: !!employeeId,
    staleTime: 30_000,
    refetchInterval: 60_000,
    retry: false,
  });
}

export function usePunches(filters: PunchFilters, enabled = true) {
  return useQuery({
    queryKey: attendanceKeys.punches(filters),
    queryFn: ({ signal }) => api.get<Paged<Punch>>('/attendance/punches', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Sends one punch (multipart: `punch` JSON + optional `photo`). Does not raise the app-wide "session
 * expired" redirect: the offline queue reports that on the item instead.
 */
export function sendPunch(body: PunchBody, photo: Blob | null): Promise<PunchResult> {
  const form = new FormData();
  form.append('punch', JSON.stringify(body));
  if (photo) {
    const ext = photo.type === 'image/png' ? 'png' : photo.type === 'image/webp' ? 'webp' : 'jpg';
    form.append('photo', photo, `presensi.${ext}`);
  }
  return request<PunchResult>('POST', '/attendance/punches', { body: form, quietAuth: true });
}

/** Whether a failed send should be tried again later (network, server or session trouble) or given up. */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return true;
  if (error.status === 0 || error.status >= 500) return true;
  return [401, 403, 408, 423, 425, 429].includes(error.status);
}

export function isAuthError(error: unknown): boolean {
  return isApiError(error) && (error.status === 401 || error.code === 'CSRF');
}

// --- devices -----------------------------------------------------------------------------------------------

export function useMyDevices(enabled = true) {
  return useQuery({
    queryKey: attendanceKeys.myDevices(),
    queryFn: ({ signal }) => api.get<Device[]>('/attendance/devices/mine', undefined, signal),
    enabled,
  });
}

export type DeviceRegisterInput = z.input<typeof deviceRegisterSchema>;

export function registerDevice(input: DeviceRegisterInput): Promise<Device> {
  return api.post<Device>('/attendance/devices', input);
}

export function useDevices(filters: DeviceFilters) {
  return useQuery({
    queryKey: attendanceKeys.devices(filters),
    queryFn: ({ signal }) => api.get<Paged<Device>>('/attendance/devices', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Phones waiting for admin OPD's decision (new registrations and changes of phone), for the navigation badge. */
export function usePendingDeviceCount(enabled: boolean) {
  return useQuery({
    queryKey: [...attendanceKeys.all, 'devices', 'pending-count'] as const,
    queryFn: async ({ signal }) =>
      (await api.get<Paged<Device>>('/attendance/devices', { status: 'PENDING', pageSize: 1 }, signal)).total,
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function useDeviceDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      note,
    }: {
      id: string;
      decision: 'APPROVE' | 'REJECT' | 'REVOKE';
      note: string;
    }) => api.post<Device>(`/attendance/devices/${encodeURIComponent(id)}/decision`, { decision, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...attendanceKeys.all, 'devices'] }),
  });
}

// --- review ------------------------------------------------------------------------------------------------

export function useReviews(page: number) {
  return useQuery({
    queryKey: attendanceKeys.reviews(page),
    queryFn: ({ signal }) => api.get<Paged<Punch>>('/attendance/reviews', { page, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useReviewCount(enabled: boolean) {
  return useQuery({
    queryKey: attendanceKeys.reviewCount(),
    queryFn: ({ signal }) =>
      api.get<z.output<typeof reviewCountSchema>>('/attendance/reviews/count', undefined, signal),
    enabled,
    refetchInterval: 60_000,
    staleTime: 30_000,
    retry: false,
  });
}

export function useReviewDecision() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'ACCEPTED' | 'REJECTED'; note: string }) =>
      api.post<Punch>(`/attendance/punches/${encodeURIComponent(id)}/review`, { decision, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...attendanceKeys.all, 'reviews'] }),
  });
}

export function punchPhotoUrl(punchId: string): string {
  return apiUrl(`/attendance/punches/${encodeURIComponent(punchId)}/photo`);
}

// --- places ------------------------------------------------------------------------------------------------

export function useWorkLocations(employeeId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.workLocations(employeeId ?? ''),
    queryFn: ({ signal }) => api.get<WorkLocation[]>('/attendance/work-locations', { employeeId }, signal),
    enabled: !!employeeId,
  });
}

export function useCreateWorkLocation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WorkLocationInput) => api.post<WorkLocation>('/attendance/work-locations', input),
    onSuccess: (_data, input) =>
      queryClient.invalidateQueries({ queryKey: attendanceKeys.workLocations(input.employeeId) }),
  });
}

export function useDeleteWorkLocation(employeeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/attendance/work-locations/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.workLocations(employeeId) }),
  });
}

export function useFieldAssignments(employeeId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.fieldAssignments(employeeId ?? ''),
    queryFn: ({ signal }) =>
      api.get<FieldAssignment[]>('/attendance/field-assignments', { employeeId }, signal),
    enabled: !!employeeId,
  });
}

export function useCreateFieldAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FieldAssignmentInput) =>
      api.post<FieldAssignment>('/attendance/field-assignments', input),
    onSuccess: (_data, input) =>
      queryClient.invalidateQueries({ queryKey: attendanceKeys.fieldAssignments(input.employeeId) }),
  });
}

// --- apel and kiosk ----------------------------------------------------------------------------------------

export function useApelSchedules(unitId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.apelSchedules(unitId ?? ''),
    queryFn: ({ signal }) => api.get<ApelSchedule[]>('/attendance/apel-schedules', { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useCreateApelSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApelScheduleInput) => api.post<ApelSchedule>('/attendance/apel-schedules', input),
    onSuccess: (_data, input) => {
      void queryClient.invalidateQueries({ queryKey: attendanceKeys.apelSchedules(input.unitId) });
      void queryClient.invalidateQueries({
        queryKey: [...attendanceKeys.all, 'apel-sessions', input.unitId],
      });
    },
  });
}

export function useApelSessions(unitId: string | null, date: string) {
  return useQuery({
    queryKey: attendanceKeys.apelSessions(unitId ?? '', date),
    queryFn: ({ signal }) => api.get<ApelSession[]>('/attendance/apel-sessions', { unitId, date }, signal),
    enabled: !!unitId && !!date,
  });
}

export function useOpenKiosk() {
  return useMutation({
    mutationFn: (input: KioskOpenInput) => api.post<KioskOpened>('/attendance/kiosks', input),
  });
}

/**
 * The kiosk's current code. No login: the kiosk token is the credential. Also returns the server's clock
 * offset from the response's Date header (second precision), to count down against the server's time.
 */
export async function fetchKioskCode(
  id: string,
  token: string,
  signal?: AbortSignal,
): Promise<{ code: KioskCode; offsetMs: number | null }> {
  let response: Response;
  const sentAt = Date.now();
  try {
    response = await fetch(apiUrl(`/attendance/kiosks/${encodeURIComponent(id)}/code`), {
      headers: { accept: 'application/json', 'x-kiosk-token': token },
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK', '', undefined, 0);
  }
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  if (!response.ok) throw errorFromBody(response.status, body);
  const date = response.headers.get('date');
  const serverMs = date ? Date.parse(date) : Number.NaN;
  // The Date header is truncated to the second: assume the middle of that second, at the middle of the trip.
  const offsetMs = Number.isNaN(serverMs) ? null : serverMs + 500 - (sentAt + Date.now()) / 2;
  return { code: body as KioskCode, offsetMs };
}

// --- terminal logs -----------------------------------------------------------------------------------------

export function uploadTerminalLog(
  file: File,
  options: { serial?: string; dryRun?: boolean },
  onProgress: (fraction: number) => void,
): Promise<TerminalImportResult> {
  const form = new FormData();
  if (options.serial) form.append('serial', options.serial);
  if (options.dryRun) form.append('dryRun', 'true');
  // The file last: multipart parsers read fields that come before the file.
  form.append('file', file, file.name);
  return uploadWithProgress<TerminalImportResult>('/attendance/terminal-imports', form, onProgress);
}

export function useTerminalUsers() {
  return useQuery({
    queryKey: attendanceKeys.terminalUsers(),
    queryFn: ({ signal }) =>
      api.get<TerminalUser[] | Paged<TerminalUser>>('/attendance/terminal-users', { pageSize: 200 }, signal),
  });
}

export function useDeleteTerminalUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/attendance/terminal-users/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.terminalUsers() }),
  });
}

export function useCreateTerminalUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TerminalUserInput) => api.post<TerminalUser>('/attendance/terminal-users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.terminalUsers() }),
  });
}

/** A list answer that is either an array or a page of items. */
export function itemsOf<T>(data: T[] | Paged<T> | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}
