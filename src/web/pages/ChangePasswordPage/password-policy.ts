import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import {
  checkPassword,
  DEFAULT_PASSWORD_MIN_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_RULES,
  projectBlocklist,
  type PasswordContext,
  type PasswordRule,
} from '../../../core/access/password-policy.ts';
import type { PasswordPolicyInfo } from '../../../shared/api/access.ts';
import { isApiError, request } from '../../api/http.ts';

/**
 * The password policy on the change-password page: the server's minimum length (PASSWORD_MIN_LENGTH), and the
 * same pure check the server runs (src/core/access/password-policy.ts) for reasons while typing, with the
 * project's own defaults only: the list of common passwords stays on the server, which gives the final word.
 */
export function usePasswordPolicy() {
  const query = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: () => request<PasswordPolicyInfo>('GET', '/auth/password-policy'),
    staleTime: Infinity,
  });
  return { minLength: query.data?.minLength ?? DEFAULT_PASSWORD_MIN_LENGTH };
}

const blocklist = projectBlocklist();

const isRule = (r: unknown): r is PasswordRule => PASSWORD_RULES.includes(r as PasswordRule);

/** The reason of a broken rule in the UI language. */
export function reasonText(t: TFunction, rule: PasswordRule, minLength: number): string {
  return t(`changePassword.reasons.${rule}`, { n: minLength, max: PASSWORD_MAX_LENGTH });
}

/** Reasons the new password breaks the policy, checked in the browser. */
export function localReasons(
  t: TFunction,
  password: string,
  minLength: number,
  ctx: PasswordContext,
): string[] {
  return checkPassword(password, { minLength, blocklist }, ctx).map((i) => reasonText(t, i.rule, minLength));
}

/**
 * The reasons of a VALIDATION answer for the new password (`details[].rule`), in the UI language; a detail
 * without a known rule keeps the server's (Indonesian) message.
 */
export function serverReasons(t: TFunction, error: unknown, minLength: number): string[] {
  if (!isApiError(error) || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return [];
  return (error.details as { path?: unknown; message?: unknown; rule?: unknown }[])
    .filter((d) => d.path === 'newPassword')
    .map((d) => (isRule(d.rule) ? reasonText(t, d.rule, minLength) : String(d.message)));
}

/** When a lock ends, from a 423 answer. */
export function lockedUntilOf(error: unknown): string | null {
  if (!isApiError(error) || error.code !== 'ACCOUNT_LOCKED') return null;
  const details = error.details as { lockedUntil?: unknown } | undefined;
  return typeof details?.lockedUntil === 'string' ? details.lockedUntil : null;
}
