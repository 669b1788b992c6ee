import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  markAllReadSchema,
  Notification,
  NotificationList,
  notificationOpenSchema,
  PushConfig,
  unreadCountSchema,
} from '../../shared/api/notifications.ts';
import { api } from './http.ts';

export type { Notification, NotificationList, PushConfig };

export const notificationKeys = {
  all: ['notifications'] as const,
  count: () => [...notificationKeys.all, 'count'] as const,
  list: (q: { unread: boolean; page: number; pageSize: number }) =>
    [...notificationKeys.all, 'list', q] as const,
  push: () => [...notificationKeys.all, 'push'] as const,
};

/** The bell's unread count: polled every 30 s while the app is open (and on focus). */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.count(),
    queryFn: ({ signal }) =>
      api.get<z.output<typeof unreadCountSchema>>('/notifications/unread-count', undefined, signal),
    enabled,
    refetchInterval: 30_000,
    staleTime: 10_000,
    retry: false,
  });
}

export function useNotifications(q: { unread: boolean; page: number; pageSize: number }, enabled = true) {
  return useQuery({
    queryKey: notificationKeys.list(q),
    queryFn: ({ signal }) =>
      api.get<NotificationList>(
        '/notifications',
        { unread: q.unread ? 'true' : undefined, page: q.page, pageSize: q.pageSize },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Open a notification: the server checks the item is still visible, marks it read and answers its link. */
export function useOpenNotification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<z.output<typeof notificationOpenSchema>>(`/notifications/${id}/open`),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<z.output<typeof markAllReadSchema>>('/notifications/read-all'),
    onSettled: () => void qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePushConfig() {
  return useQuery({
    queryKey: notificationKeys.push(),
    queryFn: ({ signal }) => api.get<PushConfig>('/notifications/push', undefined, signal),
    staleTime: Infinity,
  });
}

/** The VAPID key as the browser's PushManager wants it. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Whether this browser can receive Web Push at all (a service worker and the Push API). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window
  );
}

/** This device's current push subscription, if any. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Ask permission, subscribe this device with the installation's VAPID key and store it on the server. */
export async function enablePush(publicKey: string): Promise<void> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('denied');
  const reg = await navigator.serviceWorker.ready;
  const sub =
    (await reg.pushManager.getSubscription()) ??
    (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
  await api.post('/notifications/push/subscriptions', sub.toJSON());
}

/** Unsubscribe this device and forget it on the server. */
export async function disablePush(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  await api.post('/notifications/push/unsubscribe', { endpoint: sub.endpoint });
  await sub.unsubscribe();
}
