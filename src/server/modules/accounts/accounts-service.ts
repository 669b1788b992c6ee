import { randomInt, randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { AuditService } from '../audit/audit-service.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { hashPassword } from '../../auth/password.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../../auth/authz.ts';
import type { AccountsRepo } from './accounts-repo.ts';
import type { Account, AccountListQuery, GrantBody } from '../../../shared/api/accounts.ts';
import type { GrantableRole } from '../../../shared/api/access.ts';
import { formatFullName } from '../../../core/people/names.ts';

/** Letters and digits that cannot be mistaken for each other when read out or copied from paper. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A temporary password handed to a person once (three groups of four, e.g. `Hk7p-2mQa-x9Rt`), always with
 * letters and digits; the account must change it at the next sign-in.
 */
export function temporaryPassword(): string {
  for (;;) {
    const chars = Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]);
    const s = chars.join('');
    if (/\d/.test(s) && /[A-Za-z]/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
  }
}

type AccountRow = NonNullable<Awaited<ReturnType<AccountsRepo['findAccount']>>>;
type GrantRow = Awaited<ReturnType<AccountsRepo['grantsOf']>>[number];

/**
 * Login accounts and role grants. Admin OPD, BKD and super admin manage the accounts of employees in their
 * subtree (create with a temporary password, reset, lock/unlock, deactivate); BKD and super admin grant roles
 * inside their own subtree. Nobody changes their own account or grants here, nobody can act on an account
 * that holds a grant they could not have given themselves, and only a super admin grants super admin.
 */
export function createAccountsService(deps: {
  db: Db;
  repo: AccountsRepo;
  audit: AuditService;
  clock: Clock;
}) {
  const { db, repo, audit, clock } = deps;

  function toAccount(row: AccountRow, grants: GrantRow[]): Account {
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      employeeId: row.employeeId,
      nip: row.nip,
      unitId: row.unitId,
      unitName: row.unitName,
      active: row.active,
      mustChangePassword: row.mustChangePassword,
      lockedUntil: row.lockedUntil && row.lockedUntil > clock.now() ? row.lockedUntil.toISOString() : null,
      failedAttempts: row.failedAttempts,
      isDemo: row.isDemo,
      passwordChangedAt: row.passwordChangedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      grants: grants
        .filter((g) => g.userId === row.id)
        .map((g) => ({
          id: g.id,
          role: g.role as GrantableRole,
          unitId: g.unitId,
          unitName: g.unitName,
          grantedBy: g.grantedBy,
          createdAt: g.createdAt.toISOString(),
        })),
    };
  }

  /** Whether the actor could have given this grant: grant.manage over its unit, and super admin for super admin. */
  function coversGrant(actor: Actor, g: { role: string; unitPath: string | null }): boolean {
    const scope = scopeOf(actor, 'grant.manage');
    if (g.role === 'SUPER_ADMIN' && !actor.grants.some((a) => a.role === 'SUPER_ADMIN' && a.unitId === null))
      return false;
    return g.unitPath === null ? scope === 'all' : inScope(scope, g.unitPath);
  }

  /** Load an account the actor manages; refuse one outside their scope or holding grants beyond theirs. */
  async function loadManaged(actor: Actor, id: string, opts: { notSelf?: string } = {}) {
    const row = await repo.findAccount(id);
    if (!row) throw notFound('Akun');
    const scope = requireAny(actor, 'account.manage');
    if (!(row.unitPath === null ? scope === 'all' : inScope(scope, row.unitPath)))
      throw forbidden('Akun ini berada di luar kewenangan Anda');
    if (opts.notSelf && row.id === actor.userId) throw forbidden(opts.notSelf);
    const grants = await repo.grantsOf([row.id]);
    if (grants.some((g) => !coversGrant(actor, g)))
      throw forbidden('Akun ini memegang peran di luar kewenangan Anda; hubungi BKD atau super admin');
    return { row, grants };
  }

  async function list(actor: Actor, q: AccountListQuery) {
    const scope = requireAny(actor, 'account.manage');
    let unitPath: string | undefined;
    if (q.unitId) {
      const unit = await repo.findUnit(q.unitId);
      if (!unit) throw fieldError('unitId', 'Unit tidak ditemukan');
      unitPath = unit.path;
    }
    const filter = { q: q.q, unitPath, role: q.role };
    const [total, rows] = await Promise.all([
      repo.countAccounts(scope, filter),
      repo.listAccounts(scope, filter, q.pageSize, (q.page - 1) * q.pageSize),
    ]);
    const grants = await repo.grantsOf(rows.map((r) => r.id));
    return {
      items: rows.map((r) => toAccount(r, grants)),
      total: total.n,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function get(actor: Actor, id: string) {
    const { row, grants } = await loadManaged(actor, id);
    return toAccount(row, grants);
  }

  /** The account of an employee, or null when they have none yet. */
  async function ofEmployee(actor: Actor, employeeId: string) {
    const employee = await repo.findEmployee(employeeId);
    if (!employee) throw notFound('Pegawai');
    if (!inScope(requireAny(actor, 'account.manage'), employee.unitPath))
      throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    const existing = await repo.findAccountOfEmployee(employeeId);
    return { account: existing ? await get(actor, existing.id) : null };
  }

  /**
   * Create the login of an employee: user name = NIP (or the internal id of non-ASN staff). Concurrency: the
   * insert is conditional on the unique user name and employee (`on conflict do nothing`), so of N identical
   * calls one creates the account (one audit entry) and the others answer the same 409 as a later call.
   */
  async function createForEmployee(actor: Actor, employeeId: string) {
    const employee = await repo.findEmployee(employeeId);
    if (!employee) throw notFound('Pegawai');
    if (!inScope(requireAny(actor, 'account.manage'), employee.unitPath))
      throw forbidden('Pegawai ini berada di luar kewenangan Anda');
    if (await repo.findAccountOfEmployee(employeeId))
      throw new AppError('CONFLICT', 'Pegawai ini sudah memiliki akun');
    const today = clock.now().toISOString().slice(0, 10);
    if (employee.activeTo !== null && employee.activeTo < today)
      throw new AppError('CONFLICT', 'Pegawai ini sudah tidak aktif; akun tidak dapat dibuat');
    const username = (employee.nip ?? employee.internalId ?? '').toLowerCase();
    if (!username)
      throw new AppError('VALIDATION', 'Pegawai tanpa NIP atau nomor induk internal tidak dapat diberi akun');
    if (await repo.findUsername(username))
      throw new AppError('CONFLICT', `Nama pengguna ${username} sudah dipakai akun lain`);
    const password = temporaryPassword();
    const id = randomUUID();
    const row = {
      id,
      username,
      employeeId,
      displayName: formatFullName({
        frontTitle: employee.frontTitle ?? undefined,
        name: employee.name,
        backTitle: employee.backTitle ?? undefined,
      }),
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
    };
    const created = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('users')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return false;
      await audit.record(trx, ctxOf(actor), {
        action: 'account.created',
        entityType: 'user',
        entityId: id,
        after: { username, employeeId, displayName: row.displayName, mustChangePassword: true },
      });
      return true;
    });
    if (!created) {
      if (await repo.findAccountOfEmployee(employeeId))
        throw new AppError('CONFLICT', 'Pegawai ini sudah memiliki akun');
      throw new AppError('CONFLICT', `Nama pengguna ${username} sudah dipakai akun lain`);
    }
    return { account: await get(actor, id), temporaryPassword: password };
  }

  /** A new temporary password; the account is unlocked, signed out everywhere and must change it. */
  async function resetPassword(actor: Actor, id: string) {
    const { row } = await loadManaged(actor, id, {
      notSelf: 'Gunakan menu Ganti kata sandi untuk akun Anda sendiri',
    });
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ passwordHash, mustChangePassword: true, isDemo: false, failedAttempts: 0, lockedUntil: null })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'account.password_reset',
        entityType: 'user',
        entityId: id,
        before: { mustChangePassword: row.mustChangePassword, lockedUntil: row.lockedUntil },
        after: { mustChangePassword: true, lockedUntil: null, sessionsEnded: true },
      });
    });
    return { account: await get(actor, id), temporaryPassword: password };
  }

  /** Activate/deactivate (deactivating ends its sessions) or lift a temporary lock. */
  async function update(
    actor: Actor,
    id: string,
    patch: { active?: boolean | undefined; unlock?: true | undefined },
  ) {
    const { row } = await loadManaged(actor, id, {
      notSelf: 'Anda tidak dapat mengubah status akun sendiri',
    });
    const before = { active: row.active, lockedUntil: row.lockedUntil?.toISOString() ?? null };
    const set = {
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.unlock ? { lockedUntil: null, failedAttempts: 0 } : {}),
    };
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set(set).where('id', '=', id).execute();
      if (patch.active === false) await trx.deleteFrom('sessions').where('userId', '=', id).execute();
      await audit.record(trx, ctxOf(actor), {
        action:
          patch.active === false
            ? 'account.deactivated'
            : patch.unlock && patch.active === undefined
              ? 'account.unlocked'
              : 'account.updated',
        entityType: 'user',
        entityId: id,
        before,
        after: { active: patch.active ?? row.active, lockedUntil: patch.unlock ? null : before.lockedUntil },
      });
    });
    return get(actor, id);
  }

  /**
   * Give an account a role over a unit (or the whole organisation). Concurrency: the insert is conditional on
   * the unique (account, role, unit) — for a null unit a partial unique index, migration 202612051400 — with
   * `on conflict do nothing`, so of N identical grants one is written and audited, the others answer 409.
   */
  async function addGrant(actor: Actor, id: string, body: GrantBody) {
    requireAny(actor, 'grant.manage');
    const { row } = await loadManaged(actor, id, { notSelf: 'Anda tidak dapat mengubah peran Anda sendiri' });
    const unit = body.unitId ? await repo.findUnit(body.unitId) : null;
    if (body.unitId && !unit) throw fieldError('unitId', 'Unit tidak ditemukan');
    if (!coversGrant(actor, { role: body.role, unitPath: unit?.path ?? null }))
      throw forbidden(
        body.role === 'SUPER_ADMIN'
          ? 'Hanya super admin yang dapat memberikan peran super admin'
          : 'Peran pada unit ini berada di luar kewenangan Anda',
      );
    const existing = await repo.grantsOf([id]);
    if (existing.some((g) => g.role === body.role && g.unitId === body.unitId))
      throw new AppError('CONFLICT', 'Akun ini sudah memegang peran tersebut pada unit itu');
    const grantId = randomUUID();
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('roleGrants')
        .values({ id: grantId, userId: id, role: body.role, unitId: body.unitId, grantedBy: actor.userId })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new AppError('CONFLICT', 'Akun ini sudah memegang peran tersebut pada unit itu');
      await audit.record(trx, ctxOf(actor), {
        action: 'grant.added',
        entityType: 'user',
        entityId: id,
        unitId: body.unitId,
        after: {
          grantId,
          username: row.username,
          role: body.role,
          unitId: body.unitId,
          unitName: unit?.name ?? null,
        },
      });
    });
    return get(actor, id);
  }

  /**
   * Take a role grant back. Concurrency: a conditional delete (`delete … returning`): of N identical calls one
   * removes the grant and audits it, the others (which read it before it went) answer 409; a call made after the
   * removal committed finds no grant (404).
   */
  async function revokeGrant(actor: Actor, id: string, grantId: string) {
    requireAny(actor, 'grant.manage');
    const { row, grants } = await loadManaged(actor, id, {
      notSelf: 'Anda tidak dapat mengubah peran Anda sendiri',
    });
    const grant = grants.find((g) => g.id === grantId);
    if (!grant) throw notFound('Peran');
    await db.transaction().execute(async (trx) => {
      const removed = await trx
        .deleteFrom('roleGrants')
        .where('id', '=', grantId)
        .returning('id')
        .executeTakeFirst();
      if (!removed) throw new AppError('CONFLICT', 'Peran ini sudah dicabut oleh permintaan lain');
      await audit.record(trx, ctxOf(actor), {
        action: 'grant.revoked',
        entityType: 'user',
        entityId: id,
        unitId: grant.unitId,
        before: {
          grantId,
          username: row.username,
          role: grant.role,
          unitId: grant.unitId,
          unitName: grant.unitName,
        },
      });
    });
    return get(actor, id);
  }

  /**
   * The first administrator of an installation (or a recovery of one): a super admin account over the whole
   * organisation with a temporary password, from the command line (`npm run admin:create`). With `reset`, an
   * existing account of that name gets a new temporary password and is unlocked and reactivated instead.
   */
  async function bootstrapSuperAdmin(input: { username: string; displayName: string; reset: boolean }) {
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z][a-z0-9._-]{2,49}$/.test(username))
      throw fieldError(
        'username',
        'Nama pengguna 3–50 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung',
      );
    const ctx = { actorId: null, actorName: 'CLI admin:create', ip: null, userAgent: null };
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const existing = await repo.findUsername(username);
    if (existing && !input.reset)
      throw new AppError(
        'CONFLICT',
        `Akun ${username} sudah ada; pakai --reset untuk memberi sandi sementara baru`,
      );
    if (!existing && input.reset) throw notFound(`Akun ${username}`);
    await db.transaction().execute(async (trx) => {
      if (existing) {
        await trx
          .updateTable('users')
          .set({
            passwordHash,
            mustChangePassword: true,
            isDemo: false,
            active: true,
            failedAttempts: 0,
            lockedUntil: null,
          })
          .where('id', '=', existing.id)
          .execute();
        await trx.deleteFrom('sessions').where('userId', '=', existing.id).execute();
        await audit.record(trx, ctx, {
          action: 'account.password_reset',
          entityType: 'user',
          entityId: existing.id,
          after: { username, mustChangePassword: true, active: true, lockedUntil: null },
        });
        return;
      }
      const id = randomUUID();
      await trx
        .insertInto('users')
        .values({
          id,
          username,
          displayName: input.displayName,
          passwordHash,
          mustChangePassword: true,
          employeeId: null,
        })
        .execute();
      await trx
        .insertInto('roleGrants')
        .values({ userId: id, role: 'SUPER_ADMIN', unitId: null, grantedBy: null })
        .execute();
      await audit.record(trx, ctx, {
        action: 'account.created',
        entityType: 'user',
        entityId: id,
        after: {
          username,
          displayName: input.displayName,
          mustChangePassword: true,
          grants: ['SUPER_ADMIN'],
        },
      });
    });
    return { username, temporaryPassword: password, created: !existing };
  }

  /** Whether any account exists (for the start-up hint on an empty installation). */
  async function hasAnyAccount() {
    return (await db.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
  }

  return {
    list,
    get,
    ofEmployee,
    createForEmployee,
    resetPassword,
    update,
    addGrant,
    revokeGrant,
    bootstrapSuperAdmin,
    hasAnyAccount,
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
