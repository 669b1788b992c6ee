import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { afterCommit } from '../../db/unit-of-work.ts';
import { inScope, scopeOf, type Actor, type Permission } from '../../auth/authz.ts';
import { INDONESIAN_TIME_ZONES, toZoned } from '../../../core/common/zoned-time.ts';
import type {
  Notification,
  NotificationKind,
  PushConfig,
  PushSubscriptionInput,
} from '../../../shared/api/notifications.ts';
import type { Exec, NotificationRepo, NotificationRow } from './notification-repo.ts';
import { digestMessage, messages } from '../../lib/notification-messages.ts';
import { LEAVE_TYPE_NAMES, type LeaveTypeCode } from '../../../shared/api/leave.ts';
import { formatFullName } from '../../../core/people/names.ts';
import type { PushSender } from './push-sender.ts';
import type { RelationsService } from '../../relations/relations-service.ts';

/** What a module tells the notification service (announced to the other engineers in issue 13). */
export interface NotifyInput {
  /** Accounts to notify. */
  userIds?: readonly string[];
  /** Employees whose (active) accounts to notify. */
  employeeIds?: readonly string[];
  kind: NotificationKind | (string & {});
  title: string;
  body: string;
  /** The app page that shows the item (opened through the notification, which re-checks access first). */
  link: string;
  /** The item the notification is about. `(recipient, kind, entity)` is notified once unless `once: false`. */
  entity: { type: string; id: string };
  /** The employee the item belongs to (a punch's, a device's): access to it is checked through them. */
  subjectEmployeeId?: string | null;
  /** false: an event that may recur on one item (a month closed again after reopening). Default true. */
  once?: boolean;
  /** Never notify these accounts (the actor who made the decision, when among the recipients). */
  exceptUserIds?: readonly string[];
  /** Never notify these employees' accounts (the requester is never a decider of their own request). */
  exceptEmployeeIds?: readonly string[];
}

/** A leave request as the notifications about it need it (a row of leave-repo's request view). */
export interface LeaveNotice {
  id: string;
  employeeId: string;
  employeeName: string;
  frontTitle: string | null;
  backTitle: string | null;
  type: string;
  dateFrom: string;
  dateTo: string;
  workingDays: number;
  superiorId: string | null;
  approverKind: string;
  approverPositionId: string | null;
  unitPath: string;
}

/**
 * How to tell whether a reader may (still) see an item, per entity type: each resolves when the actor may see it
 * and throws the owning module's refusal (403/404) otherwise. Supplied by app.ts from the owning services.
 */
export interface EntityAccess {
  permit: (actor: Actor, id: string) => Promise<unknown>;
  correction: (actor: Actor, id: string) => Promise<unknown>;
  leave_request: (actor: Actor, id: string) => Promise<unknown>;
  /** e-Kinerja items (SKP, daily reports, evaluations, objections): the kinerja service's read check. */
  kinerja: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** Discipline items (cases, indications, salary stops): the discipline service's read check. */
  discipline: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** TPP items (runs): the TPP service's read check. */
  tpp: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** Public complaints: the complaints service's read check (issue 18). */
  complaint: (actor: Actor, id: string) => Promise<unknown>;
  /** Inspection findings (sidak follow-ups): the inspections service's read check. */
  inspections?: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** ASN teladan periods (the committee's review) and awards: the teladan service's read check. */
  teladan?: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** Change projects (issue 19 point 5): the competency service's read check (participant, chain, BKD, assessors). */
  competency?: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  /** The employees the actor supervises today (direct staff and the staff of a post held as Plt/Plh). */
  electionWatch: (actor: Actor, entityType: string, id: string) => Promise<unknown>;
  staffOf: (actor: Actor) => Promise<string[]>;
}

type Deps = {
  db: Db;
  repo: NotificationRepo;
  clock: Clock;
  config: Pick<Config, 'notificationDigestHour'>;
  /** Web Push, when the installation configures VAPID keys (WEB_PUSH_*); null = in-app only. */
  push: PushSender | null;
  /** Looked up when a notification is opened (the owning modules are built after this one). */
  access: () => EntityAccess;
  /** Who decides for whom on the day of the person concerned (src/server/relations). */
  relations: Pick<RelationsService, 'decidersToday' | 'superiorDecidersToday' | 'postDecidersToday'>;
};

/** Who may read a punch / a device besides the employee and their superiors (attendance-service's rules). */
const PUNCH_READERS: Permission[] = ['attendance.read', 'attendance.review', 'attendance.photo'];
const DEVICE_READERS: Permission[] = ['device.manage'];
/** Who may read a unit's monthly recap and its closing (recap-service.closingStatus, close, reopen). */
const RECAP_READERS: Permission[] = ['attendance.read', 'recap.close', 'recap.reopen'];

/** How an entity type is named when access to it is refused. */
const ENTITY_WORDS: Record<string, string> = {
  permit: 'permohonan izin',
  correction: 'koreksi presensi',
  leave_request: 'permohonan cuti',
  skp: 'SKP',
  daily_report: 'laporan kinerja harian',
  evaluation: 'penilaian kinerja',
  evaluation_objection: 'keberatan atas predikat',
  discipline_case: 'kasus disiplin',
  discipline_indication: 'indikasi pelanggaran disiplin',
  discipline_salary_stop: 'penghentian gaji',
  tpp_run: 'TPP',
  teladan_award: 'penghargaan ASN teladan',
  teladan_period: 'penilaian ASN teladan',
  complaint: 'pengaduan',
  inspection_finding: 'temuan sidak',
  competency_change_project: 'proyek perubahan',
  punch: 'presensi',
  device: 'perangkat',
  month_closing: 'rekap bulanan',
  digest: 'ringkasan',
};

const MAX_TITLE = 200;
const MAX_BODY = 1000;
/** A digest claim older than this that never finished (its process died) may be taken over. */
const STALE_RUN_MS = 30 * 60_000;
/** Pushes sent at once by one process. */
const PUSH_CONCURRENCY = 8;

const cut = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

function toNotification(r: {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  entityType: string;
  entityId: string;
  createdAt: Date;
  readAt: Date | null;
}): Notification {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    entityType: r.entityType,
    entityId: r.entityId,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

/**
 * The one notification service (issue 13 point 6): every module reports decisions and new waiting items through
 * `notify`, inside its own transaction, so a rolled-back decision notifies nobody. Notifications are kept per
 * account (read/unread, linked to the item); opening one re-checks that the reader may still see the item. Web
 * Push goes to the reader's installed PWA after the commit when VAPID keys are configured; a daily digest tells
 * each superior what waits for them, claimed in the database so several server processes send it once.
 */
export function createNotificationService(deps: Deps) {
  const { db, repo, clock, config, push } = deps;
  /** This process's name on a claimed digest run. */
  const processId = randomUUID();
  const inFlight = new Set<Promise<void>>();
  let log: { warn: (obj: object, msg: string) => void } = { warn: () => undefined };

  // ---------------------------------------------------------------- sending

  /**
   * Notify the accounts of `userIds` and `employeeIds` (active accounts only; never `exceptUserIds`) through
   * `exec`, the caller's transaction: nothing is stored when it rolls back, and the push (if configured) is sent
   * only after it commits. Idempotent per (recipient, kind, entity) unless `once: false`. The callers pass only
   * people entitled to the item (the requester, those who decide it, role holders over its unit); opening a
   * notification checks it again (`open`). @returns the stored notifications' recipients.
   */
  async function notify(exec: Exec, input: NotifyInput): Promise<{ userIds: string[] }> {
    const userIds = [...new Set(input.userIds ?? [])];
    const employeeIds = [...new Set(input.employeeIds ?? [])];
    if (userIds.length === 0 && employeeIds.length === 0) return { userIds: [] };
    const row: NotificationRow = {
      kind: input.kind,
      title: cut(input.title, MAX_TITLE),
      body: cut(input.body, MAX_BODY),
      link: input.link,
      entityType: input.entity.type,
      entityId: input.entity.id,
      subjectEmployeeId: input.subjectEmployeeId ?? null,
      dedupeKey: input.once === false ? null : `${input.kind}|${input.entity.type}|${input.entity.id}`,
      createdAt: clock.now(),
    };
    const stored = await repo.insertFor(
      exec,
      {
        userIds,
        employeeIds,
        exceptUserIds: [...(input.exceptUserIds ?? [])],
        exceptEmployeeIds: [...(input.exceptEmployeeIds ?? [])],
      },
      row,
    );
    if (stored.length > 0 && push) await afterCommit(() => schedule(stored, row));
    return { userIds: stored.map((s) => s.userId) };
  }

  /** Start the pushes of stored notifications without waiting for them (`flushPush` waits). */
  function schedule(stored: { id: string; userId: string }[], row: Pick<NotificationRow, 'title' | 'body'>) {
    const p = deliver(stored, row).catch((err: unknown) => log.warn({ err }, 'web push failed'));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  /**
   * Send each stored notification to every device of its recipient. A tap opens `/notifikasi?buka=<id>`, which
   * opens the notification through the API (access re-checked). 404/410: the subscription is removed.
   */
  async function deliver(
    stored: { id: string; userId: string }[],
    row: Pick<NotificationRow, 'title' | 'body'>,
  ) {
    if (!push) return;
    // Only notifications that are committed (read on a connection of our own): outside a request's unit of
    // work `afterCommit` cannot wait for a caller's transaction, and one that rolled back must push nothing.
    const live = new Set(await repo.existing(stored.map((s) => s.id)));
    stored = stored.filter((s) => live.has(s.id));
    if (stored.length === 0) return;
    const subs = await repo.subscriptionsOf([...new Set(stored.map((s) => s.userId))]);
    const jobs = stored.flatMap((n) =>
      subs
        .filter((s) => s.userId === n.userId)
        .map((s) => ({
          sub: s,
          message: { title: row.title, body: row.body, url: `/notifikasi?buka=${n.id}`, tag: n.id },
        })),
    );
    const sent: string[] = [];
    for (let i = 0; i < jobs.length; i += PUSH_CONCURRENCY) {
      await Promise.all(
        jobs.slice(i, i + PUSH_CONCURRENCY).map(async ({ sub, message }) => {
          const r = await push.send(sub, message);
          if (r.outcome === 'sent') sent.push(sub.id);
          else if (r.outcome === 'gone') await repo.dropSubscription(sub.id);
          else
            log.warn(
              { endpointHost: new URL(sub.endpoint).host, reason: r.reason },
              'web push not delivered',
            );
        }),
      );
    }
    await repo.touchSubscriptions(sent, clock.now());
  }

  /** Wait until every push started so far has been answered (tests; server shutdown). */
  async function flushPush(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }

  // ---------------------------------------------------------------- recipients

  /**
   * Who decides an employee's permits, corrections and flagged punches on the employee's today: the direct
   * superior and whoever acts (Plt/Plh) in the superior's position (docs/security.md §2; request-support.staffOf;
   * src/server/relations). Employee ids.
   */
  const deciders = (exec: Exec, employeeId: string): Promise<string[]> =>
    deps.relations.decidersToday(employeeId, exec);

  /** The superior fixed on a leave request and whoever acts in that superior's position on the superior's today. */
  const superiorDeciders = (exec: Exec, superiorId: string) =>
    deps.relations.superiorDecidersToday(superiorId, exec);

  /** The holders of a position (a leave-granting head of OPD) and whoever acts in it on its unit's today. */
  const positionDeciders = (exec: Exec, positionId: string) =>
    deps.relations.postDecidersToday(positionId, exec);

  /** Accounts holding one of `roles` over the unit (its subtree grant, an ancestor's, or the whole organisation). */
  const grantHolders = (exec: Exec, roles: readonly string[], unitPath: string) =>
    repo.grantHolders(exec, roles, unitPath);

  // ---------------------------------------------------------------- leave (two steps)

  /**
   * Who decides the step a leave request waits for: at the superior's step the superior fixed on the request and
   * whoever acts in that post; at the PyBMC step the holder of the OPD head position (or whoever acts in it) or,
   * when the rulebook gives leave to BKD, the BKD accounts over the employee's unit (leave-service.isPybmc).
   */
  async function leaveDeciders(exec: Exec, r: LeaveNotice, step: 'ATASAN' | 'PYBMC') {
    if (step === 'ATASAN')
      return { employeeIds: r.superiorId ? await superiorDeciders(exec, r.superiorId) : [], userIds: [] };
    if (r.approverKind === 'OPD_HEAD' && r.approverPositionId)
      return { employeeIds: await positionDeciders(exec, r.approverPositionId), userIds: [] };
    return { employeeIds: [], userIds: await grantHolders(exec, ['BKD'], r.unitPath) };
  }

  const leaveWords = (r: LeaveNotice) => ({
    id: r.id,
    employeeName: formatFullName({
      frontTitle: r.frontTitle ?? undefined,
      name: r.employeeName,
      backTitle: r.backTitle ?? undefined,
    }),
    typeName: LEAVE_TYPE_NAMES[r.type as LeaveTypeCode] ?? r.type,
    from: r.dateFrom,
    to: r.dateTo,
    workingDays: r.workingDays,
  });

  /** A submitted leave request: its first decider (the superior, or the PyBMC when there is no superior step). */
  async function leaveSubmitted(exec: Exec, r: LeaveNotice) {
    const step = r.superiorId ? 'ATASAN' : 'PYBMC';
    await notify(exec, {
      ...(await leaveDeciders(exec, r, step)),
      exceptEmployeeIds: [r.employeeId],
      subjectEmployeeId: r.employeeId,
      ...messages.leaveWaiting({ ...leaveWords(r), step }),
    });
  }

  /**
   * A decision on a leave request: approved by the superior → the employee is told, and the PyBMC gets it
   * waiting; approved or rejected for good → the employee is told.
   */
  async function leaveDecided(
    exec: Exec,
    r: LeaveNotice,
    next: string,
    decider: { name: string; note: string | null },
  ) {
    const words = leaveWords(r);
    const subject = { subjectEmployeeId: r.employeeId };
    if (next === 'DISETUJUI_ATASAN') {
      await notify(exec, {
        employeeIds: [r.employeeId],
        ...subject,
        ...messages.leaveStepApproved({ ...words, deciderName: decider.name }),
      });
      await notify(exec, {
        ...(await leaveDeciders(exec, r, 'PYBMC')),
        exceptEmployeeIds: [r.employeeId],
        ...subject,
        ...messages.leaveWaiting({ ...words, step: 'PYBMC' }),
      });
      return;
    }
    await notify(exec, {
      employeeIds: [r.employeeId],
      ...subject,
      ...messages.leaveDecided({
        ...words,
        approved: next === 'DISETUJUI',
        deciderName: decider.name,
        note: decider.note,
      }),
    });
  }

  /** Approved leave cancelled by the PyBMC: the employee is told why. */
  async function leaveCancelled(exec: Exec, r: LeaveNotice, decider: { name: string; reason: string }) {
    await notify(exec, {
      employeeIds: [r.employeeId],
      subjectEmployeeId: r.employeeId,
      ...messages.leaveCancelled({ ...leaveWords(r), deciderName: decider.name, reason: decider.reason }),
    });
  }

  // ---------------------------------------------------------------- attendance

  /**
   * A flagged punch waits for review: the employee's superior (incl. Plt/Plh) reviews it; with no superior,
   * admin OPD over the unit (attendance-service.review: staff, or attendance.review in scope).
   */
  async function punchFlagged(
    exec: Exec,
    p: {
      id: string;
      employeeId: string;
      employeeName: string;
      unitPath: string;
      date: string;
      time: string;
      zone: string;
      reasons: string[];
    },
  ) {
    const employeeIds = await deciders(exec, p.employeeId);
    await notify(exec, {
      employeeIds,
      userIds: employeeIds.length === 0 ? await grantHolders(exec, ['ADMIN_OPD'], p.unitPath) : [],
      exceptEmployeeIds: [p.employeeId],
      subjectEmployeeId: p.employeeId,
      ...messages.punchWaiting(p),
    });
  }

  /** A change of phone waits for admin OPD over the employee's unit (attendance-service.decideDevice). */
  async function deviceChangeRequested(
    exec: Exec,
    d: {
      id: string;
      employeeId: string;
      employeeName: string;
      unitPath: string;
      label: string;
      reason: string | null;
    },
  ) {
    await notify(exec, {
      userIds: await grantHolders(exec, ['ADMIN_OPD'], d.unitPath),
      exceptEmployeeIds: [d.employeeId],
      subjectEmployeeId: d.employeeId,
      ...messages.deviceWaiting(d),
    });
  }

  // ---------------------------------------------------------------- reading

  async function list(actor: Actor, q: { unread: boolean; page: number; pageSize: number }) {
    const r = await repo.list(actor.userId, q);
    return {
      items: r.items.map(toNotification),
      total: r.total,
      unread: r.unread,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async function unreadCount(actor: Actor) {
    return { count: await repo.unreadCount(actor.userId) };
  }

  /**
   * May the reader see the item now? Resolves, or throws 403 naming the item: the reader's role or relation may
   * have changed since the notification was sent (another superior, a moved employee, a grant taken away).
   */
  async function checkAccess(
    actor: Actor,
    n: { entityType: string; entityId: string; subjectEmployeeId: string | null; userId: string },
  ) {
    const access = deps.access();
    const refuse = (why?: string) =>
      forbidden(
        `Anda tidak lagi dapat melihat ${ENTITY_WORDS[n.entityType] ?? 'data'} yang dirujuk notifikasi ini` +
          (why ? ` (${why})` : ''),
      );
    const byOwner = async (check: () => Promise<unknown>) => {
      try {
        await check();
      } catch (err) {
        if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND'))
          throw refuse(err.message);
        throw err;
      }
    };
    const bySubject = async (permissions: Permission[], viaStaff: boolean) => {
      const subject = n.subjectEmployeeId;
      if (!subject) throw refuse();
      if (subject === actor.employeeId) return;
      if (viaStaff && (await access.staffOf(actor)).includes(subject)) return;
      const unit = await repo.employeeUnit(subject);
      if (unit && permissions.some((p) => inScope(scopeOf(actor, p), unit.unitPath))) return;
      throw refuse();
    };
    switch (n.entityType) {
      case 'permit':
        return byOwner(() => access.permit(actor, n.entityId));
      case 'correction':
        return byOwner(() => access.correction(actor, n.entityId));
      case 'leave_request':
        return byOwner(() => access.leave_request(actor, n.entityId));
      case 'skp':
      case 'daily_report':
      case 'evaluation':
      case 'evaluation_objection':
        return byOwner(() => access.kinerja(actor, n.entityType, n.entityId));
      case 'discipline_case':
      case 'discipline_indication':
      case 'discipline_salary_stop':
        return byOwner(() => access.discipline(actor, n.entityType, n.entityId));
      case 'tpp_run':
        return byOwner(() => access.tpp(actor, n.entityType, n.entityId));
      case 'election_watch_escalation':
      case 'election_watch_day':
        return byOwner(() => access.electionWatch(actor, n.entityType, n.entityId));
      case 'complaint':
        return byOwner(() => access.complaint(actor, n.entityId));
      case 'inspection_finding': {
        const check = access.inspections;
        if (!check) throw refuse();
        return byOwner(() => check(actor, n.entityType, n.entityId));
      }
      case 'month_closing': {
        const path = await repo.unitPath(n.entityId.split(':')[0] ?? '');
        if (path && RECAP_READERS.some((p) => inScope(scopeOf(actor, p), path))) return;
        throw refuse();
      }
      case 'teladan_award':
      case 'teladan_period': {
        const check = access.teladan;
        if (!check) throw refuse();
        return byOwner(() => check(actor, n.entityType, n.entityId));
      }
      case 'competency_change_project': {
        const check = access.competency;
        if (!check) throw refuse();
        return byOwner(() => check(actor, n.entityType, n.entityId));
      }
      case 'punch':
        return bySubject(PUNCH_READERS, true);
      case 'device':
        return bySubject(DEVICE_READERS, false);
      case 'digest':
        if (n.userId === actor.userId) return;
        throw refuse();
      default:
        throw refuse();
    }
  }

  /**
   * Open one's notification: the item is checked to be still visible to the reader (refused with the reason
   * otherwise, the notification kept as it was), then the notification is marked read and its link returned.
   * Someone else's notification does not exist for the caller (404).
   */
  async function open(actor: Actor, id: string) {
    const n = await repo.own(actor.userId, id);
    if (!n) throw notFound('Notifikasi');
    await checkAccess(actor, n);
    if (!n.readAt) await repo.markRead(actor.userId, id, clock.now());
    return { link: n.link };
  }

  /** Mark one's notification read (idempotent); someone else's is not found. */
  async function markRead(actor: Actor, id: string) {
    const n = await repo.own(actor.userId, id);
    if (!n) throw notFound('Notifikasi');
    if (!n.readAt) await repo.markRead(actor.userId, id, clock.now());
    return toNotification((await repo.own(actor.userId, id))!);
  }

  async function markAllRead(actor: Actor) {
    return { marked: await repo.markAllRead(actor.userId, clock.now()) };
  }

  // ---------------------------------------------------------------- push subscriptions

  function pushConfig(): PushConfig {
    return { enabled: push !== null, publicKey: push?.publicKey ?? null };
  }

  /** Store this device's push subscription for the caller (one per device; a new sign-in on it takes it over). */
  async function subscribe(actor: Actor, input: PushSubscriptionInput, userAgent: string | null) {
    if (!push)
      throw new AppError(
        'CONFLICT',
        'Notifikasi push tidak diaktifkan pada instalasi ini (WEB_PUSH_* belum diatur)',
      );
    await repo.saveSubscription({
      userId: actor.userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    return { subscribed: true };
  }

  /** Remove the caller's subscription of this device (nothing happens for someone else's endpoint). */
  async function unsubscribe(actor: Actor, endpoint: string) {
    return { removed: await repo.removeSubscription(actor.userId, endpoint) };
  }

  // ---------------------------------------------------------------- daily digest

  /**
   * The daily digest for superiors: once the configured local hour (NOTIFICATION_DIGEST_HOUR) has passed in a
   * time zone, each superior working there whose staff have items waiting (permits, corrections, leave at their
   * step, flagged punches) gets one notification (and a push when enabled) naming the counts. Each zone-day is a
   * run claimed in the database (`notification_runs`), so with several server processes exactly one sends it; a
   * recipient gets at most one digest per day even when a crashed run is taken over (the notification's
   * idempotency key is the date). Call it on a timer. @returns the digests stored by this call.
   */
  async function runDigests(): Promise<number> {
    const hour = config.notificationDigestHour;
    if (hour === null) return 0;
    const now = clock.now();
    let sent = 0;
    for (const zone of INDONESIAN_TIME_ZONES) {
      const local = toZoned(now.getTime(), zone);
      if (local.minute < hour * 60) continue;
      const runKey = `${local.date}|${zone}`;
      if (!(await repo.claimRun('digest', runKey, processId, now, new Date(now.getTime() - STALE_RUN_MS))))
        continue;
      const counts = await repo.waitingByDecider(db, zone, local.date);
      const accounts = await repo.accountsOf(db, [...counts.keys()]);
      const rows: (NotificationRow & { userId: string })[] = [];
      for (const [employeeId, c] of counts) {
        const m = digestMessage(local.date, c);
        if (!m) continue;
        for (const userId of accounts.get(employeeId) ?? [])
          rows.push({
            userId,
            kind: m.kind,
            title: m.title,
            body: m.body,
            link: m.link,
            entityType: m.entity.type,
            entityId: m.entity.id,
            subjectEmployeeId: null,
            dedupeKey: `${m.kind}|${m.entity.type}|${m.entity.id}`,
            createdAt: now,
          });
      }
      let stored = 0;
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const inserted = await repo.insertMany(db, chunk);
        stored += inserted.length;
        if (push)
          for (const n of inserted) {
            const r = chunk.find((x) => x.userId === n.userId)!;
            schedule([n], r);
          }
      }
      await repo.finishRun('digest', runKey, clock.now(), stored);
      sent += stored;
    }
    return sent;
  }

  return {
    notify,
    deciders,
    superiorDeciders,
    positionDeciders,
    grantHolders,
    leaveSubmitted,
    leaveDecided,
    leaveCancelled,
    punchFlagged,
    deviceChangeRequested,
    list,
    unreadCount,
    open,
    markRead,
    markAllRead,
    pushConfig,
    subscribe,
    unsubscribe,
    runDigests,
    flushPush,
    setLogger: (l: typeof log) => {
      log = l;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
