import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { AuditContext, AuditService } from '../modules/audit/audit-service.ts';
import type { AccessRepo } from './access-repo.ts';
import type { SessionActorRow } from './session-sql.ts';
import { rolesOf, type Actor, type Grant } from './authz.ts';
import { dummyHash, hashPassword, verifyPassword } from './password.ts';
import { passwordBlocklist } from './password-blocklist.ts';
import type { Me } from '../../shared/api/access.ts';
import { toZoned } from '../../core/common/zoned-time.ts';
import { checkPassword, type PasswordContext } from '../../core/access/password-policy.ts';
import {
  FORGET_AFTER_MS,
  loginSource,
  MAX_LOCK_MS,
  reserveAttempt,
  type LockScope,
  type ThrottlePolicy,
} from '../../core/access/login-throttle.ts';

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

type Deps = {
  db: Db;
  repo: AccessRepo;
  audit: Pick<AuditService, 'record' | 'recordStandalone'>;
  clock: Clock;
  config: Pick<
    Config,
    | 'sessionTtlHours'
    | 'sessionIdleMinutes'
    | 'loginMaxFailures'
    | 'loginLockMinutes'
    | 'loginAccountMaxFailures'
    | 'passwordMinLength'
  >;
};

/** What a locked account or source is told (423 ACCOUNT_LOCKED). */
function lockedError(scope: LockScope, lockedUntil: number) {
  return new AppError(
    'ACCOUNT_LOCKED',
    scope === 'account'
      ? 'Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal'
      : 'Terlalu banyak percobaan yang gagal untuk akun ini dari alamat Anda; akun dikunci sementara untuk alamat ini',
    { lockedUntil: new Date(lockedUntil).toISOString(), scope },
  );
}

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

  const throttlePolicy: ThrottlePolicy = {
    sourceMaxFailures: config.loginMaxFailures,
    accountMaxFailures: Math.max(config.loginAccountMaxFailures, config.loginMaxFailures),
    baseLockMs: config.loginLockMinutes * 60_000,
    maxLockMs: MAX_LOCK_MS,
    forgetAfterMs: FORGET_AFTER_MS,
  };

  /**
   * Reserve one password attempt of an account from a source: in one short transaction that locks the account
   * row, refuse it while a lock is in force, else count it as a failure (before the password is verified), so
   * concurrent attempts are counted one by one and none slips past the limit. Policy: src/core/access/
   * login-throttle.ts (LOGIN_MAX_FAILURES per account and source, LOGIN_LOCK_MINUTES doubling,
   * LOGIN_ACCOUNT_MAX_FAILURES per account).
   */
  function reserve(userId: string, source: string) {
    const now = clock.now().getTime();
    return db.transaction().execute(async (trx) => {
      const counters = await repo.lockCounters(trx, userId, source);
      const r = reserveAttempt(counters.source, counters.account, now, throttlePolicy);
      if (r.kind === 'reserved') await repo.storeReservation(trx, userId, source, r);
      return r;
    });
  }

  /**
   * Verify a password of an account under the attempt limits (`reserve`). A refused or wrong attempt is audited
   * (`auth.login_failed` / `auth.password_change_failed`, or `auth.locked` when this failure engages a lock)
   * and thrown: 423 ACCOUNT_LOCKED while locked or when this failure locks, else 401 INVALID_CREDENTIALS. A
   * right password gives the source back: the caller resets the counts (`repo.resetAfterSuccess`) in the
   * transaction of what the success does.
   */
  async function verifyThrottled(
    user: { id: string; passwordHash: string },
    password: string,
    ctx: AuditContext,
    via: 'login' | 'change-password',
  ) {
    const failedAction = via === 'login' ? 'auth.login_failed' : 'auth.password_change_failed';
    const wrong = () =>
      new AppError(
        'INVALID_CREDENTIALS',
        via === 'login' ? 'NIP/nama pengguna atau kata sandi salah' : 'Kata sandi saat ini salah',
      );
    const source = loginSource(ctx.ip);
    const r = await reserve(user.id, source);
    if (r.kind === 'refused') {
      // Attempts during the lock are failed attempts too: without this entry a brute-force run would leave no trace.
      await audit.recordStandalone(ctx, {
        action: failedAction,
        entityType: 'user',
        entityId: user.id,
        after: {
          reason: 'locked',
          scope: r.scope,
          source,
          lockedUntil: new Date(r.lockedUntil).toISOString(),
          via,
        },
      });
      throw lockedError(r.scope, r.lockedUntil);
    }
    if (await verifyPassword(user.passwordHash, password)) return source;
    await audit.recordStandalone(ctx, {
      action: r.engaged ? 'auth.locked' : failedAction,
      entityType: 'user',
      entityId: user.id,
      after: {
        failedAttempts: r.source.failures,
        accountFailedAttempts: r.account.failures,
        source,
        ...(r.engaged
          ? { scope: r.engaged.scope, lockedUntil: new Date(r.engaged.lockedUntil).toISOString() }
          : { lockedUntil: null }),
        via,
      },
    });
    if (r.engaged) throw lockedError(r.engaged.scope, r.engaged.lockedUntil);
    throw wrong();
  }

  /**
   * Verify credentials and open a session. Failed attempts are counted per account and source with a lock that
   * doubles, and per account over all sources (`reserve`); a locked account or source is refused even with the
   * right password. An unknown or inactive account is refused the same way, after as much work.
   */
  async function login(identifier: string, password: string, ctx: AuditContext) {
    const now = clock.now();
    const user = await repo.findUserByLogin(identifier.trim());
    if (!user || !user.active) {
      await verifyPassword(await dummyHash(), password);
      await audit.recordStandalone(ctx, {
        action: 'auth.login_failed',
        entityType: 'user',
        after: { identifier, reason: 'unknown', source: loginSource(ctx.ip) },
      });
      throw new AppError('INVALID_CREDENTIALS', 'NIP/nama pengguna atau kata sandi salah');
    }
    const auditCtx = { ...ctx, actorId: user.id, actorName: user.displayName };
    const source = await verifyThrottled(user, password, auditCtx, 'login');
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.transaction().execute(async (trx) => {
      await repo.resetAfterSuccess(trx, user.id, source, now);
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
    /** Leave the `lastSeenAt` write to the caller (`touchAt`), who folds it into its own statement. */
    deferTouch = false,
  ) {
    if (!s) return { status: 'none' as const };
    const now = clock.now();
    const idleLimit = s.lastSeenAt.getTime() + config.sessionIdleMinutes * 60_000;
    if (s.expiresAt <= now || idleLimit <= now.getTime()) {
      await repo.deleteSession(id);
      return { status: 'expired' as const };
    }
    const touch = now.getTime() - s.lastSeenAt.getTime() > 60_000;
    if (touch && (!deferTouch || !s.active)) await repo.touchSession(id, now);
    if (!s.active) return { status: 'none' as const };
    const actor = actorOf(s, req);
    return {
      status: 'ok' as const,
      actor,
      sessionId: id,
      csrfToken: s.csrfToken,
      touchAt: touch && deferTouch ? now : null,
    };
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

  /** The password policy of this installation (PASSWORD_MIN_LENGTH, the shipped blocklist). */
  const passwordPolicy = () => ({ minLength: config.passwordMinLength, blocklist: passwordBlocklist() });

  /**
   * Check a password a person chose against the policy (src/core/access/password-policy.ts: length, common and
   * demo/default passwords, repetitions and sequences, NIP/user name/name). @throws VALIDATION with one detail
   * per broken rule on `field` (`{ path, message, rule }`, message in Indonesian).
   */
  function assertPasswordAcceptable(password: string, ctx: PasswordContext, field = 'newPassword') {
    const issues = checkPassword(password, passwordPolicy(), ctx);
    if (issues.length > 0)
      throw new AppError(
        'VALIDATION',
        issues[0]!.message,
        issues.map((i) => ({ path: field, message: i.message, rule: i.rule })),
      );
  }

  /**
   * Change one's own password: the new one must satisfy the password policy (checked first, so a refused
   * choice costs no attempt); the current one is verified under the same attempt limits as a sign-in
   * (`verifyThrottled`: counted per account and source, locked with 423). Other sessions of the user are
   * closed; the account no longer has a demo/default password (users.is_demo cleared).
   */
  async function changePassword(actor: Actor, sessionId: string, current: string, next: string) {
    const user = await repo.findUserById(actor.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu');
    assertPasswordAcceptable(next, {
      username: user.username,
      nip: user.nip,
      names: [user.displayName, user.employeeName],
      current,
    });
    const ctx = ctxOf(actor);
    const source = await verifyThrottled(user, current, ctx, 'change-password');
    const passwordHash = await hashPassword(next);
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      await repo.resetAfterSuccess(trx, actor.userId, source, now);
      await trx
        .updateTable('users')
        .set({ passwordHash, mustChangePassword: false, isDemo: false, passwordChangedAt: now })
        .where('id', '=', actor.userId)
        .execute();
      await trx
        .deleteFrom('sessions')
        .where('userId', '=', actor.userId)
        .where('id', '!=', sessionId)
        .execute();
      await audit.record(trx, ctx, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: actor.userId,
      });
    });
  }

  /** The rules a new password must satisfy, for the change-password page. */
  const passwordRules = () => ({ minLength: config.passwordMinLength });

  return {
    login,
    authenticate,
    admit,
    /** Write a session's `lastSeenAt` (an admit whose caller deferred it, then did not fold it in). */
    touchSession: (id: string, at: Date) => repo.touchSession(id, at).then(() => undefined),
    sessionDate,
    logout,
    changePassword,
    passwordRules,
    assertPasswordAcceptable,
  };
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
