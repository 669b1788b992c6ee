import { useQuery } from '@tanstack/react-query';
import type {
  CandidateList,
  NineBox,
  Succession,
  TalentPool,
  TalentPositions,
} from '../../shared/api/competency-talent.ts';
import { api, apiUrl } from './http.ts';

const T = '/competency/talent';

/** The 9-box of an OPD (BKD) or, without a unit, of the caller's direct staff (types: src/shared/api/competency-talent.ts). */
export function useNineBox(unitId: string | null, family: string | null, enabled = true) {
  return useQuery({
    queryKey: ['competency', 'talent', 'nine-box', unitId, family] as const,
    queryFn: ({ signal }) =>
      api.get<NineBox>(
        `${T}/nine-box`,
        { ...(unitId ? { unitId } : {}), ...(family ? { family } : {}) },
        signal,
      ),
    enabled,
  });
}

/** The 9-box as a download (xlsx or csv). */
export const nineBoxExportUrl = (unitId: string, family: string | null, format: 'xlsx' | 'csv') =>
  apiUrl(`${T}/nine-box/export.${format}`, { unitId, ...(family ? { family } : {}) });

/** The talent pool per position family (BKD). */
export function useTalentPool(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['competency', 'talent', 'pool', unitId] as const,
    queryFn: ({ signal }) => api.get<TalentPool>(`${T}/pool`, unitId ? { unitId } : undefined, signal),
    enabled,
  });
}

/** Positions in scope with their holder (BKD). */
export function useTalentPositions(query: { unitId?: string; vacant?: boolean; key?: boolean; q?: string }) {
  return useQuery({
    queryKey: ['competency', 'talent', 'positions', query] as const,
    queryFn: ({ signal }) =>
      api.get<TalentPositions>(
        `${T}/positions`,
        {
          ...(query.unitId ? { unitId: query.unitId } : {}),
          ...(query.vacant !== undefined ? { vacant: String(query.vacant) } : {}),
          ...(query.key !== undefined ? { key: String(query.key) } : {}),
          ...(query.q ? { q: query.q } : {}),
        },
        signal,
      ),
  });
}

/** The ranked candidates for a position (BKD). */
export function useCandidates(positionId: string | null) {
  return useQuery({
    queryKey: ['competency', 'talent', 'candidates', positionId] as const,
    queryFn: ({ signal }) => api.get<CandidateList>(`${T}/candidates`, { positionId: positionId! }, signal),
    enabled: !!positionId,
    retry: false,
  });
}

/** The candidate list as a download (xlsx or csv). */
export const candidatesExportUrl = (positionId: string, format: 'xlsx' | 'csv') =>
  apiUrl(`${T}/candidates/export.${format}`, { positionId });

/** Succession per key position (BKD). */
export function useSuccession(unitId: string | null) {
  return useQuery({
    queryKey: ['competency', 'talent', 'succession', unitId] as const,
    queryFn: ({ signal }) => api.get<Succession>(`${T}/succession`, { unitId: unitId! }, signal),
    enabled: !!unitId,
  });
}
