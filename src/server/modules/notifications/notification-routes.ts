import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamSchema } from '../../../shared/api/common.ts';
import {
  markAllReadSchema,
  notificationListQuerySchema,
  notificationListSchema,
  notificationOpenSchema,
  notificationSchema,
  pushConfigSchema,
  pushSubscribedSchema,
  pushSubscriptionSchema,
  pushUnsubscribedSchema,
  pushUnsubscribeSchema,
  unreadCountSchema,
} from '../../../shared/api/notifications.ts';
import { actorOf } from '../../plugins/session.ts';
import type { NotificationService } from './notification-service.ts';

const tags = ['Notifikasi'];

/** The caller's own notifications and push subscriptions; nobody reads or marks anyone else's (404). */
export function notificationRoutes({
  notifications,
}: {
  notifications: NotificationService;
}): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/notifications',
      {
        schema: {
          tags,
          summary: 'Notifikasi saya, terbaru dahulu (dengan jumlah yang belum dibaca)',
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema },
        },
      },
      (request) => notifications.list(actorOf(request), request.query),
    );
    app.get(
      '/api/notifications/unread-count',
      {
        schema: {
          tags,
          summary: 'Jumlah notifikasi saya yang belum dibaca (lonceng)',
          response: { 200: unreadCountSchema },
        },
      },
      (request) => notifications.unreadCount(actorOf(request)),
    );
    app.post(
      '/api/notifications/:id/open',
      {
        schema: {
          tags,
          summary:
            'Buka notifikasi: periksa lagi bahwa data yang dirujuk masih boleh dilihat (403 dengan alasannya bila tidak), tandai dibaca, kembalikan tautannya',
          params: idParamSchema,
          response: { 200: notificationOpenSchema },
        },
      },
      (request) => notifications.open(actorOf(request), request.params.id),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Tandai satu notifikasi saya sudah dibaca',
          params: idParamSchema,
          response: { 200: notificationSchema },
        },
      },
      (request) => notifications.markRead(actorOf(request), request.params.id),
    );
    app.post(
      '/api/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Tandai semua notifikasi saya sudah dibaca',
          response: { 200: markAllReadSchema },
        },
      },
      (request) => notifications.markAllRead(actorOf(request)),
    );
    app.get(
      '/api/notifications/push',
      {
        schema: {
          tags,
          summary: 'Apakah instalasi ini mengirim Web Push, dan kunci publik VAPID-nya',
          response: { 200: pushConfigSchema },
        },
      },
      () => notifications.pushConfig(),
    );
    app.post(
      '/api/notifications/push/subscriptions',
      {
        schema: {
          tags,
          summary: 'Simpan langganan push perangkat ini untuk saya (satu per perangkat)',
          body: pushSubscriptionSchema,
          response: { 201: pushSubscribedSchema },
        },
      },
      async (request, reply) => {
        const result = await notifications.subscribe(
          actorOf(request),
          request.body,
          request.headers['user-agent'] ?? null,
        );
        return reply.code(201).send(result);
      },
    );
    app.post(
      '/api/notifications/push/unsubscribe',
      {
        schema: {
          tags,
          summary: 'Hapus langganan push perangkat ini (hanya milik saya)',
          body: pushUnsubscribeSchema,
          response: { 200: pushUnsubscribedSchema },
        },
      },
      (request) => notifications.unsubscribe(actorOf(request), request.body.endpoint),
    );
  };
}
