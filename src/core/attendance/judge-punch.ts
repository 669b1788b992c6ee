/**
 * The verdict on one punch as it arrives: accepted, flagged for review (with reasons) or rejected (with
 * reasons), from the evidence and the capture rules in force. Pure: the server gathers the facts (its clock,
 * the places allowed that day, the device, the previous punch, whether the month is closed) and stores the
 * result; nothing here reads a clock or a database.
 * Source: PRODUCT.md principles 3 and 5; regulations.md §3.3 (work location recorded with the punch);
 * capture rules (`capture-rules.ts`) for every threshold and for which reasons reject or flag.
 */
import type { CaptureRules, PunchReason } from './capture-rules.ts';
import { distanceOutside, isValidLatLon, type Fence, type LatLon } from '../geo/geo.ts';

export type PunchSource = 'ONLINE' | 'OFFLINE' | 'QR' | 'TERMINAL';
export type PunchVerdict = 'ACCEPTED' | 'FLAGGED' | 'REJECTED';
export type PlaceKind = 'OFFICE' | 'DINAS_LUAR' | 'WFH' | 'WFA';

/** A place the employee may punch from on that day. */
export interface AllowedPlace {
  id: string;
  kind: PlaceKind;
  label: string;
  fence: Fence;
}

export interface PunchLocation extends LatLon {
  accuracyM: number;
  /** The phone's own "mock location" flag (Android `isFromMockProvider`); true is always doubtful. */
  mocked: boolean;
}

export type DeviceState = 'ACTIVE' | 'PENDING' | 'REVOKED' | 'REJECTED' | 'UNKNOWN';

export interface PunchFacts {
  source: PunchSource;
  /** When the server received it (epoch ms, the server's clock). */
  receivedAt: number;
  /**
   * Offline punches: the capture time estimated from the last server contact plus the monotonic time elapsed
   * since (when the app still had it), and the phone's own clock.
   */
  offline?: { estimatedAt: number | null; deviceTime: number };
  /** Terminal logs: the terminal's time. */
  terminalTime?: number;
  location: PunchLocation | null;
  places: AllowedPlace[];
  /** Phone punches: the state of the device that signed it, and whether the signature verified. */
  device?: { state: DeviceState; signatureValid: boolean; otherEmployeesOnDevice: number };
  photo: boolean;
  /** Time of this employee's previous accepted or flagged punch (epoch ms), if any. */
  previousPunchAt: number | null;
  /** Whether the month of the punch's date is closed for the employee's unit (asked for `occurredAt`). */
  monthClosed: boolean;
  /** Kiosk QR punches: what the server found about the scanned code. */
  qr?: 'VALID' | 'INVALID' | 'EXPIRED' | 'REPLAYED';
  /** Apel punches: whether the apel's attendance window was open at `occurredAt`. */
  apelOpen?: boolean;
}

export interface JudgedReason {
  code: PunchReason;
  action: 'REJECT' | 'FLAG';
  message: string;
}

export interface PunchJudgement {
  verdict: PunchVerdict;
  /** The time the punch counts for: server clock online, judged capture time offline, terminal time. */
  occurredAt: number;
  reasons: JudgedReason[];
  /** The nearest allowed place and how far outside it the fix lies (0 = inside), when there is a location. */
  nearest: { place: AllowedPlace; distanceM: number } | null;
}

const MESSAGES: Record<PunchReason, string> = {
  NO_LOCATION: 'Lokasi tidak terkirim atau tidak valid',
  OUTSIDE_GEOFENCE: 'Di luar semua lokasi kerja yang diizinkan',
  LOCATION_UNCERTAIN: 'Lokasi di tepi area kerja dan belum pasti karena akurasi GPS',
  ACCURACY_TOO_POOR: 'Akurasi lokasi terlalu rendah',
  MOCK_LOCATION: 'Ponsel melaporkan lokasi palsu (mock location)',
  NO_DEVICE: 'Presensi tidak berasal dari perangkat terdaftar',
  UNREGISTERED_DEVICE: 'Perangkat belum terdaftar untuk pegawai ini',
  DEVICE_PENDING: 'Pergantian perangkat masih menunggu persetujuan admin OPD',
  SIGNATURE_INVALID: 'Tanda tangan perangkat tidak sah',
  SHARED_DEVICE: 'Perangkat yang sama dipakai oleh pegawai lain',
  PHOTO_MISSING: 'Foto wajib disertakan',
  TOO_SOON: 'Terlalu cepat setelah presensi sebelumnya',
  MONTH_CLOSED: 'Bulan presensi sudah ditutup',
  OFFLINE_TOO_OLD: 'Presensi luring terlambat dikirim melebihi batas waktu',
  OFFLINE_IN_FUTURE: 'Waktu presensi luring berada di masa depan',
  OFFLINE_MONTH_CLOSED: 'Presensi luring untuk bulan yang sudah ditutup',
  CLOCK_MISMATCH: 'Jam ponsel tidak sesuai dengan waktu sejak kontak terakhir dengan server',
  QR_INVALID: 'Kode QR tidak sah',
  QR_EXPIRED: 'Kode QR sudah kedaluwarsa',
  QR_REPLAYED: 'Kode QR ini sudah dipakai',
  APEL_CLOSED: 'Di luar waktu presensi apel',
};

/** The capture time of a punch: see `PunchJudgement.occurredAt`. */
function occurredAtOf(f: PunchFacts): number {
  if (f.source === 'TERMINAL' && f.terminalTime !== undefined) return f.terminalTime;
  if (f.source === 'OFFLINE' && f.offline) return f.offline.estimatedAt ?? f.offline.deviceTime;
  return f.receivedAt;
}

/**
 * The nearest allowed place to a fix and how far outside it the fix is (shown to the user as the distance).
 * Source: regulations.md §3.3 (work location recorded with the punch); issue "Attendance capture" §2.
 */
export function nearestPlace(
  p: LatLon,
  places: AllowedPlace[],
): { place: AllowedPlace; distanceM: number } | null {
  let best: { place: AllowedPlace; distanceM: number } | null = null;
  for (const place of places) {
    const d = distanceOutside(p, place.fence);
    if (!best || d < best.distanceM) best = { place, distanceM: d };
  }
  return best;
}

/**
 * Judge a punch. Every failed check adds a reason; the rulebook says whether each reason rejects the punch or
 * flags it for review. Any rejection → REJECTED; else any flag → FLAGGED; else ACCEPTED. The geofence takes
 * the fix's accuracy into account: inside even at the edge of the accuracy circle → fine; outside but within
 * the accuracy radius → LOCATION_UNCERTAIN; farther → OUTSIDE_GEOFENCE.
 * Source: see the file header.
 */
export function judgePunch(f: PunchFacts, rules: CaptureRules): PunchJudgement {
  const raised: PunchReason[] = [];
  const occurredAt = occurredAtOf(f);
  const phone = f.source === 'ONLINE' || f.source === 'OFFLINE' || f.source === 'QR';
  let nearest: PunchJudgement['nearest'] = null;

  if (phone) {
    // Device binding and signature.
    if (!f.device) raised.push('NO_DEVICE');
    else if (f.device.state === 'PENDING') raised.push('DEVICE_PENDING');
    else if (f.device.state !== 'ACTIVE') raised.push('UNREGISTERED_DEVICE');
    if (f.device && f.device.state !== 'UNKNOWN' && !f.device.signatureValid)
      raised.push('SIGNATURE_INVALID');
    if (f.device && f.device.otherEmployeesOnDevice > 0) raised.push('SHARED_DEVICE');

    // Location: a valid kiosk QR proves presence at the kiosk, so the geofence is not needed for it.
    const loc = f.location;
    const locValid =
      loc !== null && isValidLatLon(loc) && Number.isFinite(loc.accuracyM) && loc.accuracyM >= 0;
    if (locValid && loc.mocked) raised.push('MOCK_LOCATION');
    if (locValid) nearest = nearestPlace(loc, f.places);
    if (f.source !== 'QR') {
      if (!locValid) raised.push('NO_LOCATION');
      else if (loc.accuracyM > rules.geofence.maxAccuracyM) raised.push('ACCURACY_TOO_POOR');
      else if (!nearest) raised.push('OUTSIDE_GEOFENCE');
      else if (nearest.distanceM > loc.accuracyM) raised.push('OUTSIDE_GEOFENCE');
      else if (nearest.distanceM > 0) raised.push('LOCATION_UNCERTAIN');
      if (rules.photo.required && !f.photo) raised.push('PHOTO_MISSING');
    }
  }

  if (f.source === 'QR') {
    if (f.qr === 'EXPIRED') raised.push('QR_EXPIRED');
    else if (f.qr === 'REPLAYED') raised.push('QR_REPLAYED');
    else if (f.qr !== 'VALID') raised.push('QR_INVALID');
    if (f.apelOpen === false) raised.push('APEL_CLOSED');
  }

  if (f.source === 'OFFLINE' && f.offline) {
    const { estimatedAt, deviceTime } = f.offline;
    if (occurredAt > f.receivedAt + rules.offline.futureToleranceMinutes * 60_000)
      raised.push('OFFLINE_IN_FUTURE');
    else if (f.receivedAt - occurredAt > rules.offline.maxAgeHours * 3_600_000)
      raised.push('OFFLINE_TOO_OLD');
    if (
      estimatedAt !== null &&
      Math.abs(deviceTime - estimatedAt) > rules.offline.clockMismatchMinutes * 60_000
    )
      raised.push('CLOCK_MISMATCH');
    if (f.monthClosed) raised.push('OFFLINE_MONTH_CLOSED');
  } else if (f.monthClosed) raised.push('MONTH_CLOSED');

  if (
    f.source !== 'TERMINAL' &&
    f.previousPunchAt !== null &&
    Math.abs(occurredAt - f.previousPunchAt) < rules.minIntervalMinutes * 60_000
  )
    raised.push('TOO_SOON');

  const reasons = [...new Set(raised)].map((code) => ({
    code,
    action: rules.reasons[code] ?? 'REJECT',
    message: MESSAGES[code],
  }));
  const verdict: PunchVerdict = reasons.some((r) => r.action === 'REJECT')
    ? 'REJECTED'
    : reasons.length > 0
      ? 'FLAGGED'
      : 'ACCEPTED';
  return { verdict, occurredAt, reasons, nearest };
}
