import { z } from 'zod';
import { pageQuerySchema, paged } from './common.ts';

/**
 * What a notification reports (issue 13 point 6). `*.waiting`: a new item waits for the recipient's decision;
 * `*.decided`: a decision on the recipient's own request; `recap.*`: a month of a unit closed or reopened;
 * `digest.waiting`: the daily digest of what waits for a superior. Later modules add their own kinds.
 */
export const NOTIFICATION_KINDS = [
  'permit.waiting',
  'permit.decided',
  'correction.waiting',
  'correction.decided',
  'leave.waiting',
  'leave.step_approved',
  'leave.decided',
  'leave.cancelled',
  'punch.waiting',
  'punch.reviewed',
  'device.waiting',
  'device.decided',
  'recap.closed',
  'recap.reopened',
  'digest.waiting',
  'daily_report.waiting',
  'daily_report.returned',
  'skp.waiting',
  'skp.decided',
  'kinerja.feedback',
  'kinerja_evaluation.waiting',
  'kinerja_evaluation.returned',
  'kinerja_evaluation.decided',
  'kinerja_objection.waiting',
  'kinerja_objection.decided',
  'tpp_objection.waiting',
  'tpp_objection.decided',
  'tpp_correction.recorded',
  'teladan_award.published',
  'teladan_review.waiting',
  'election_watch.ack_missing',
  'election_watch.head_absent',
  'election_watch.list_waiting',
  'complaint.waiting',
  'complaint.routed',
  'inspection_follow_up.waiting',
  'inspection_follow_up.reported',
  'inspection_follow_up.decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationSchema = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where the item is shown in the app (opened through POST /api/notifications/{id}/open, which re-checks). */
  link: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  /** `true`: only unread ones. */
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const notificationListSchema = paged(notificationSchema).extend({
  /** All unread notifications of the caller (not only this page). */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });

/** The answer to opening a notification: where to go (the item was checked to be still visible). */
export const notificationOpenSchema = z.object({ link: z.string() });

export const markAllReadSchema = z.object({ marked: z.number().int() });

/** Whether this installation sends Web Push, and the VAPID public key a browser subscribes with. */
export const pushConfigSchema = z.object({
  enabled: z.boolean(),
  publicKey: z.string().nullable(),
});
export type PushConfig = z.infer<typeof pushConfigSchema>;

const base64url = (bytes: number, label: string) =>
  z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${label} harus base64url`)
    .refine(
      (v) => Math.floor((v.replace(/=+$/, '').length * 3) / 4) === bytes,
      `${label} harus ${bytes} bita`,
    );

/** Hosts a push endpoint may not name: this machine, its network, bare addresses (the server sends to it). */
function isPublicHttpsUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return false;
  if (host.endsWith('.internal') || !host.includes('.')) return false;
  // An IP literal (v4, or v6 in brackets): real push services are named hosts.
  return !/^\d+\.\d+\.\d+\.\d+$/.test(host) && !host.startsWith('[');
}

/**
 * A browser's push subscription (PushSubscription.toJSON()): the push service endpoint (https, a named public
 * host: the server posts to it) and the keys of RFC 8291.
 */
export const pushSubscriptionSchema = z.object({
  endpoint: z
    .string()
    .max(2000)
    .refine(isPublicHttpsUrl, 'Alamat layanan push harus https pada host publik bernama'),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: base64url(65, 'Kunci p256dh'),
    auth: base64url(16, 'Kunci auth'),
  }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const pushUnsubscribeSchema = z.object({ endpoint: z.string().max(2000) });

/** POST /api/notifications/push/subscriptions: the device's subscription is stored. */
export const pushSubscribedSchema = z.object({ subscribed: z.boolean() });
/** POST /api/notifications/push/unsubscribe: how many of the caller's subscriptions were removed. */
export const pushUnsubscribedSchema = z.object({ removed: z.number().int() });
