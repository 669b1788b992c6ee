/*
 * Web Push in Abdi's service worker (loaded by the generated sw.js with importScripts; see vite.config.ts).
 * The server sends {title, body, url, tag} encrypted for this device (RFC 8291) when the installation configures
 * VAPID keys (WEB_PUSH_*). A tap opens url — /notifikasi?buka=<id> — in an open Abdi window if there is one: the
 * app then opens the notification through the API, which checks again that the reader may see the item.
 */
/* global self, clients, URL */
self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = data.title || 'Abdi';
  event.waitUntil(
    self.registration.showNotification(title, {
      body: data.body || '',
      tag: data.tag || undefined,
      icon: '/icon-192.png',
      badge: '/icon-192.png',
      lang: 'id',
      data: { url: data.url || '/notifikasi' },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(
    (event.notification.data && event.notification.data.url) || '/notifikasi',
    self.location.origin,
  );
  // Only addresses of this app are opened.
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    clients.matchAll({ type: 'window', includeUncontrolled: true }).then((list) => {
      for (const client of list) {
        if (new URL(client.url).origin === target.origin && 'focus' in client) {
          return client.navigate(target.href).then((c) => (c || client).focus());
        }
      }
      return clients.openWindow(target.href);
    }),
  );
});
