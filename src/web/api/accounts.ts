import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Account,
  employeeAccountSchema,
  GrantBody,
  temporaryPasswordSchema,
} from '../../shared/api/accounts.ts';
import { api } from './http.ts';

export type { Account, AccountGrant, GrantBody } from '../../shared/api/accounts.ts';
export type TemporaryPassword = z.infer<typeof temporaryPasswordSchema>;

const accountKeys = {
  ofEmployee: (employeeId: string) => ['accounts', 'employee', employeeId] as const,
};

/** The login account of an employee (null when they have none yet). */
export function useEmployeeAccount(employeeId: string, enabled = true) {
  return useQuery({
    queryKey: accountKeys.ofEmployee(employeeId),
    queryFn: ({ signal }) =>
      api.get<z.output<typeof employeeAccountSchema>>(
        `/employees/${encodeURIComponent(employeeId)}/account`,
        undefined,
        signal,
      ),
    enabled,
  });
}

/** Every account mutation answers with the account (or the account and a temporary password): refresh the tab. */
function useAccountMutation<V, R extends Account | TemporaryPassword>(
  employeeId: string,
  fn: (v: V) => Promise<R>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (result) => {
      const account = 'temporaryPassword' in result ? result.account : result;
      queryClient.setQueryData(accountKeys.ofEmployee(employeeId), { account });
    },
  });
}

export function useCreateAccount(employeeId: string) {
  return useAccountMutation(employeeId, () =>
    api.post<TemporaryPassword>(`/employees/${encodeURIComponent(employeeId)}/account`),
  );
}

export function useResetPassword(employeeId: string) {
  return useAccountMutation(employeeId, (accountId: string) =>
    api.post<TemporaryPassword>(`/accounts/${encodeURIComponent(accountId)}/reset-password`),
  );
}

export function useUpdateAccount(employeeId: string) {
  return useAccountMutation(employeeId, (v: { accountId: string; active?: boolean; unlock?: true }) => {
    const { accountId, ...patch } = v;
    return api.patch<Account>(`/accounts/${encodeURIComponent(accountId)}`, patch);
  });
}

export function useAddGrant(employeeId: string) {
  return useAccountMutation(employeeId, (v: { accountId: string } & GrantBody) =>
    api.post<Account>(`/accounts/${encodeURIComponent(v.accountId)}/grants`, {
      role: v.role,
      unitId: v.unitId,
    }),
  );
}

export function useRevokeGrant(employeeId: string) {
  return useAccountMutation(employeeId, (v: { accountId: string; grantId: string }) =>
    api.delete<Account>(
      `/accounts/${encodeURIComponent(v.accountId)}/grants/${encodeURIComponent(v.grantId)}`,
    ),
  );
}
