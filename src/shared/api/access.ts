import { z } from 'zod';

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
  identifier: z.string().trim().min(1, 'NIP atau nama pengguna wajib diisi').max(100),
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

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z
    .string()
    .min(10, 'Kata sandi baru minimal 10 karakter')
    .max(200)
    .regex(/[A-Za-z]/, 'Kata sandi baru harus memuat huruf')
    .regex(/\d/, 'Kata sandi baru harus memuat angka'),
});
