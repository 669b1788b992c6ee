import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FinanceRecap,
  MyTreasurerUnits,
  Treasurer,
  TreasurerSetBody,
} from '../../shared/api/tpp-finance.ts';
import { api, apiUrl } from './http.ts';

export type { FinanceRecap, FinanceRecapRow, Treasurer } from '../../shared/api/tpp-finance.ts';

/**
 * The web client of the TPP finance documents (issue 17 point 5): the nominative list and recap downloads (plain
 * links), the bank file (a POST: the CSV comes back as text, refusals as ApiError), the recap per OPD and the
 * OPD's treasurer. Types from src/shared/api/tpp-finance.ts (`import type` only).
 */

/** Statuses from which the list is for payment and the bank file may be produced. */
export const PAYABLE_STATUSES = ['DISETUJUI', 'DIKUNCI'] as const;

export const nominativeUrl = (runId: string, format: 'xlsx' | 'pdf') =>
  apiUrl(`/tpp/runs/${runId}/nominative`, { format });

export const recapExportUrl = (month: string, format: 'xlsx' | 'csv') =>
  apiUrl('/tpp/finance/recap/export', { month, format });

/** Saves text as a file in the browser. */
function save(text: string, name: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/** Produces the bank transfer CSV of a run and saves it. */
export function useBankFile(runId: string, month: string) {
  return useMutation({
    mutationFn: async () => {
      const csv = await api.post<string>(`/tpp/runs/${runId}/bank-file`);
      save(typeof csv === 'string' ? csv : String(csv), `transfer-tpp-${month}.csv`, 'text/csv');
    },
  });
}

export function useFinanceRecap(month: string) {
  return useQuery({
    queryKey: ['tpp', 'finance', 'recap', month],
    queryFn: ({ signal }) => api.get<FinanceRecap>('/tpp/finance/recap', { month }, signal),
  });
}

export function useTreasurer(unitId: string) {
  return useQuery({
    queryKey: ['tpp', 'treasurer', unitId],
    queryFn: ({ signal }) => api.get<Treasurer>(`/tpp/treasurers/${unitId}`, undefined, signal),
  });
}

export function useSetTreasurer(unitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TreasurerSetBody) => api.put<Treasurer>(`/tpp/treasurers/${unitId}`, body),
    onSuccess: (t) => qc.setQueryData(['tpp', 'treasurer', unitId], t),
  });
}

/**
 * The units whose designated treasurer (bendahara pengeluaran) the signed-in user is: the treasurer's finance
 * entry in the navigation and the read-only run pages (server: runs-access.ts `isTreasurer`). Asked only for an
 * employee without a TPP reading role (`enabled`).
 */
export function useMyTreasurerUnits(enabled: boolean) {
  return useQuery({
    queryKey: ['tpp', 'treasurer', 'mine'],
    queryFn: ({ signal }) => api.get<MyTreasurerUnits>('/tpp/finance/treasurer', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}
