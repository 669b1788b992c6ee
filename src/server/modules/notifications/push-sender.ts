import webpush from 'web-push';

/** A stored subscription of one device (PushSubscription keys, RFC 8291). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What the service worker shows: title, text, and the address opened on a tap. */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  /** Notifications with one tag replace each other on the device (one per notification id). */
  tag: string;
}

/** Result of one delivery: delivered, gone (404/410: the subscription is dead), or failed for now. */
export type PushResult = { outcome: 'sent' } | { outcome: 'gone' } | { outcome: 'failed'; reason: string };

/** How long a push service keeps an undelivered message (a day: a digest is stale after that). */
const TTL_SECONDS = 86_400;
const TIMEOUT_MS = 10_000;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an encrypted payload (RFC 8291, aes128gcm): the `web-push`
 * package builds the request (encryption and signed headers), this sends it with fetch and reads the answer.
 * The push service is the browser vendor's (the user's choice); no third-party service is configured here.
 */
export function createPushSender(vapid: { publicKey: string; privateKey: string; subject: string }) {
  // Fails at start on malformed keys (config.ts checks their lengths already).
  webpush.setVapidDetails(vapid.subject, vapid.publicKey, vapid.privateKey);

  async function send(target: PushTarget, message: PushMessage): Promise<PushResult> {
    const details = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(message),
      {
        vapidDetails: vapid,
        TTL: TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
        topic: message.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32),
      },
    );
    try {
      const res = await fetch(details.endpoint, {
        method: details.method,
        headers: details.headers as Record<string, string>,
        body: details.body ? new Uint8Array(details.body) : null,
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await res.body?.cancel();
      if (res.status === 404 || res.status === 410) return { outcome: 'gone' };
      if (res.status >= 200 && res.status < 300) return { outcome: 'sent' };
      return { outcome: 'failed', reason: `HTTP ${res.status}` };
    } catch (err) {
      return { outcome: 'failed', reason: (err as Error).message };
    }
  }

  return { publicKey: vapid.publicKey, send };
}

export type PushSender = ReturnType<typeof createPushSender>;
