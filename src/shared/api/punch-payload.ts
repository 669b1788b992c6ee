import type { PunchBody } from './attendance.ts';

/**
 * The exact text a device signs: fields joined by `|` in this order, missing values as empty strings.
 * Changing any signed field (time, place, photo, kind, key) breaks the signature. In its own module without zod,
 * so the phone's first bundle does not carry the schema library for it (re-exported by attendance.ts).
 */
export function canonicalPunchPayload(b: PunchBody): string {
  const loc = b.location;
  return [
    'abdi-punch-v1',
    b.idempotencyKey,
    b.kind,
    b.deviceId ?? '',
    loc ? `${loc.lat},${loc.lon},${loc.accuracyM},${loc.mocked ? 1 : 0}` : '',
    b.photoHash ?? '',
    b.qrCode ?? '',
    b.offline
      ? `${b.offline.deviceTime},${b.offline.lastServerTime ?? ''},${b.offline.elapsedSinceServerMs ?? ''}`
      : '',
  ].join('|');
}
