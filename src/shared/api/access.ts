import { z } from 'zod';
import { text } from './common.ts';
import { PASSWORD_MAX_LENGTH } from '../../core/access/password-policy.ts';

/**
 * Roles. `pegawai` is implicit for every account linked to an employee; `atasan` is derived from the org chart
 * (direct superior, including acting Plt/Plh assignments with dates). The other roles are explicit grants,
 * each scoped to a unit subtree.
 */
export const ROLES = [
  'PEGAWAI',
  'ATASAN',
  'ADMIN_OPD',
  'BKD',
  'INSPEKTORAT',
  'PIMPINAN',
  'SUPER_ADMIN',
] as const;
export type Role = (typeof ROLES)[number];
export const GRANTABLE_ROLES = ['ADMIN_OPD', 'BKD', 'INSPEKTORAT', 'PIMPINAN', 'SUPER_ADMIN'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const loginBodySchema = z.object({
  identifier: text({ min: 1, max: 100, label: 'NIP atau nama pengguna' }),
  password: z.string().min(1, 'Kata sandi wajib diisi').max(200),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

export const roleGrantSchema = z.object({
  role: z.enum(ROLES),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
});

export const meSchema = z.object({
  user: z.object({
    id: z.string().uuid(),
    username: z.string(),
    displayName: z.string(),
    employeeId: z.string().uuid().nullable(),
    nip: z.string().nullable(),
    roles: z.array(roleGrantSchema),
    mustChangePassword: z.boolean(),
    locale: z.enum(['id', 'en']),
  }),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

/**
 * Change one's own password. The new password's rules (minimum length PASSWORD_MIN_LENGTH, common and demo
 * passwords, repetitions, sequences, NIP/name) are the password policy, checked by the server
 * (src/core/access/password-policy.ts): each broken rule is a VALIDATION detail `{ path: 'newPassword',
 * message, rule }`.
 */
export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1, 'Kata sandi saat ini wajib diisi').max(200),
  newPassword: z
    .string()
    .min(1, 'Kata sandi baru wajib diisi')
    .max(PASSWORD_MAX_LENGTH, `Kata sandi paling banyak ${PASSWORD_MAX_LENGTH} karakter`),
});

/** The configurable part of the password policy, for the change-password page. */
export const passwordPolicySchema = z.object({
  minLength: z.number().int().describe('Panjang minimal kata sandi (PASSWORD_MIN_LENGTH)'),
});
export type PasswordPolicyInfo = z.infer<typeof passwordPolicySchema>;
