import { z } from 'zod';
import { GRANTABLE_ROLES } from './access.ts';
import { id, pageQuerySchema, paged, searchText } from './common.ts';

/** One explicit role grant of an account, scoped to a unit subtree (`unitId` null = the whole organisation). */
export const accountGrantSchema = z.object({
  id: z.string().uuid(),
  role: z.enum(GRANTABLE_ROLES),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  grantedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type AccountGrant = z.infer<typeof accountGrantSchema>;

/** A login account as the account administrators see it (never the password hash). */
export const accountSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  employeeId: z.string().uuid().nullable(),
  nip: z.string().nullable(),
  unitId: z.string().uuid().nullable(),
  unitName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedAttempts: z.number().int(),
  isDemo: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  createdAt: z.string(),
  grants: z.array(accountGrantSchema),
});
export type Account = z.infer<typeof accountSchema>;

export const accountListQuerySchema = pageQuerySchema.extend({
  q: searchText.optional(),
  unitId: id.optional(),
  role: z.enum(GRANTABLE_ROLES).optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

/** The answer to creating an account or resetting its password: the temporary password is shown once. */
export const temporaryPasswordSchema = z.object({
  account: accountSchema,
  temporaryPassword: z.string(),
});

export const accountPatchSchema = z
  .object({
    active: z.boolean().optional(),
    unlock: z.literal(true).optional(),
  })
  .refine((v) => v.active !== undefined || v.unlock !== undefined, 'Tidak ada perubahan yang diminta');

export const grantBodySchema = z.object({
  role: z.enum(GRANTABLE_ROLES, 'Peran tidak dikenal'),
  unitId: z.string().uuid('Unit tidak valid').nullable(),
});
export type GrantBody = z.infer<typeof grantBodySchema>;

export const employeeAccountSchema = z.object({ account: accountSchema.nullable() });

/** GET /api/accounts. */
export const accountPageSchema = paged(accountSchema);

/** DELETE /api/accounts/{id}/grants/{grantId}. */
export const grantParamsSchema = z.object({ id: z.string().uuid(), grantId: z.string().uuid() });
