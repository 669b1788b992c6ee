import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { AuditContext, AuditService } from '../audit/audit-service.ts';
import type { AccessRepo } from './access-repo.ts';
import type { SessionActorRow } from './session-sql.ts';
import { rolesOf, type Actor, type Grant } from './authz.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import type { Me } from '../../../shared/api/access.ts';
import { toZoned } from '../../../core/common/zoned-time.ts';

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

type Deps = {
  db: Db;
  repo: AccessRepo;
  audit: Pick<AuditService, 'record' | 'recordStandalone'>;
  clock: Clock;
  config: Pick<Config, 'sessionTtlHours' | 'sessionIdleMinutes' | 'loginMaxFailures' | 'loginLockMinutes'>;
};

/** Login, sessions, logout and password changes. */
export function createAuthService({ db, repo, audit, clock, config }: Deps) {
  const today = () => toZoned(clock.now().getTime(), 'Asia/Jakarta').date;

  /** The actor of a session row (`repo.sessionActor`: user, NIP, grants, whether they supervise anyone today). */
  function actorOf(s: SessionActorRow, req: { ip: string | null; userAgent: string | null }): Actor {
    return {
      userId: s.userId,
      username: s.username,
      displayName: s.displayName,
      employeeId: s.employeeId,
      nip: s.nip,
      grants: s.grants.map((g) => ({
        role: g.role as Grant['role'],
        unitId: g.unitId,
        unitName: g.unitName,
        unitPath: g.unitPath,
      })),
      isAtasan: s.isAtasan,
      mustChangePassword: s.mustChangePassword,
      ip: req.ip,
      userAgent: req.userAgent,
    };
  }

  /**
   * Verify credentials and open a session. Repeated failures lock the account for a while
   * (config: LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES); a locked account is refused even with the right password.
   */
  async function login(identifier: string, password: string, ctx: AuditContext) {
    const now = clock.now();
    const user = await repo.findUserByLogin(identifier.trim());
    if (!user || !user.active) {
      await verifyPassword(await dummyHash(), password);
      await audit.recordStandalone(ctx, {
        action: 'auth.login_failed',
        entityType: 'user',
        after: { identifier, reason: 'unknown' },
      });
      throw new AppError('INVALID_CREDENTIALS', 'NIP/nama pengguna atau kata sandi salah');
    }
    const auditCtx = { ...ctx, actorId: user.id, actorName: user.displayName };
    if (user.lockedUntil && user.lockedUntil > now) {
      // Attempts during the lock are failed logins too: without this entry a brute-force run would leave no trace.
      await audit.recordStandalone(auditCtx, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() },
      });
      throw new AppError(
        'ACCOUNT_LOCKED',
        'Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal',
        {
          lockedUntil: user.lockedUntil.toISOString(),
        },
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      // A lock that has run out starts a fresh count: one more mistake must not lock the account again.
      const lockExpired = user.lockedUntil !== null && user.lockedUntil <= now;
      const failures = (lockExpired ? 0 : user.failedAttempts) + 1;
      const willLock = failures >= config.loginMaxFailures;
      const lockUntil = willLock ? new Date(now.getTime() + config.loginLockMinutes * 60_000) : null;
      await repo.recordFailure(user.id, lockUntil, lockExpired);
      await audit.recordStandalone(auditCtx, {
        action: willLock ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failedAttempts: failures, lockedUntil: lockUntil?.toISOString() ?? null },
      });
      if (lockUntil) {
        throw new AppError(
          'ACCOUNT_LOCKED',
          'Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal',
          {
            lockedUntil: lockUntil.toISOString(),
          },
        );
      }
      throw new AppError('INVALID_CREDENTIALS', 'NIP/nama pengguna atau kata sandi salah');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failedAttempts: 0, lockedUntil: null })
        .where('id', '=', user.id)
        .execute();
      await trx
        .insertInto('sessions')
        .values({
          id: sessionIdOf(token),
          userId: user.id,
          csrfToken,
          expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3_600_000),
          lastSeenAt: now,
          ip: ctx.ip,
          userAgent: ctx.userAgent,
        })
        .execute();
      await audit.record(trx, auditCtx, { action: 'auth.login', entityType: 'user', entityId: user.id });
    });
    const actor = actorOf((await repo.sessionActor(sessionIdOf(token), today()))!, ctx);
    return { token, me: toMe(actor, csrfToken, user.locale) };
  }

  /** The date whose supervision counts for a session read now (`SessionActorRow.isAtasan`). */
  const sessionDate = today;

  /**
   * Resolve a session token into an actor. Expired (absolute TTL) and idle sessions are refused and removed.
   * `lastSeenAt` is written at most once a minute to keep reads cheap.
   */
  async function authenticate(token: string, req: { ip: string | null; userAgent: string | null }) {
    const id = sessionIdOf(token);
    return admit(id, await repo.sessionActor(id, today()), req);
  }

  /**
   * What a session row read just now (by `authenticate`, or embedded in another statement through
   * `sessionActorSelect(id, sessionDate())`) admits: the actor, or why not.
   */
  async function admit(
    id: string,
    s: SessionActorRow | undefined,
    req: { ip: string | null; userAgent: string | null },
  ) {
    if (!s) return { status: 'none' as const };
    const now = clock.now();
    const idleLimit = s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
    if (s.expiresAt <= now || idleLimit <= now.getTime()) {
      await repo.deleteSession(id);
      return { status: 'expired' as const };
    }
    if (now.getTime() - s.lastSeenAt.getTime() > 60_000) await repo.touchSession(id, now);
    if (!s.active) return { status: 'none' as const };
    const actor = actorOf(s, req);
    return { status: 'ok' as const, actor, sessionId: id, csrfToken: s.csrfToken };
  }

  async function logout(sessionId: string, actor: Actor) {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'auth.logout',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  /** Change one's own password; other sessions of the user are closed. */
  async function changePassword(actor: Actor, sessionId: string, current: string, next: string) {
    const user = await repo.findUserById(actor.userId);
    if (!user || !(await verifyPassword(user.passwordHash, current))) {
      throw new AppError('INVALID_CREDENTIALS', 'Kata sandi saat ini salah');
    }
    if (current === next) {
      throw new AppError('VALIDATION', 'Kata sandi baru harus berbeda dari kata sandi lama', [
        { path: 'newPassword', message: 'Kata sandi baru harus berbeda dari kata sandi lama' },
      ]);
    }
    const passwordHash = await hashPassword(next);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ passwordHash, mustChangePassword: false, passwordChangedAt: clock.now() })
        .where('id', '=', actor.userId)
        .execute();
      await trx
        .deleteFrom('sessions')
        .where('userId', '=', actor.userId)
        .where('id', '!=', sessionId)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  return { login, authenticate, admit, sessionDate, logout, changePassword };
}

export type AuthService = ReturnType<typeof createAuthService>;

export function ctxOf(actor: Actor): AuditContext {
  return { actorId: actor.userId, actorName: actor.displayName, ip: actor.ip, userAgent: actor.userAgent };
}

export function toMe(actor: Actor, csrfToken: string, locale = 'id'): Me {
  const grantRoles = actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName }));
  const derived = rolesOf(actor)
    .filter((r) => r === 'PEGAWAI' || r === 'ATASAN')
    .map((role) => ({ role, unitId: null, unitName: null }));
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      employeeId: actor.employeeId,
      nip: actor.nip,
      roles: [...derived, ...grantRoles],
      mustChangePassword: actor.mustChangePassword,
      locale: locale === 'en' ? 'en' : 'id',
    },
    csrfToken,
  };
}
