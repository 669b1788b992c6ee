/**
 * Punch guidance: what the server will decide about a punch taken now, told before it is taken, and the next step
 * the employee can take when it would be refused or doubted — a dinas luar (official assignment) request for the
 * day or a correction request — instead of a dead end. The prediction is the judge's own verdict (`judgePunch`)
 * on the facts the phone has (its fix, the allowed places and capture rules of `/api/attendance/today`, its
 * device's state, whether a photo can be taken), so it can never disagree with the server about a rule: only
 * about facts the phone cannot know (a month closed meanwhile, a shared device, a forged signature).
 * Pure: "now" and everything else are arguments.
 * Source: PRODUCT.md principle 5 (doubtful punches go to review; no silent rejection); regulations.md §3.3
 * (geo-tagged presensi at the work location; dinas luar as an official place of work), §4.3 (a correction/izin
 * for a day the punch could not be recorded); capture rules (`capture-rules.ts`) for every threshold and action.
 */
import type { CorrectionCategory } from '../permits/permit-request.ts';
import type { CaptureRules, PunchReason } from './capture-rules.ts';
import {
  judgePunch,
  type AllowedPlace,
  type DeviceState,
  type JudgedReason,
  type PunchVerdict,
} from './judge-punch.ts';

/** What the phone knows just before a punch. */
export interface GuidanceFacts {
  /** The server's time now (epoch ms; the phone's estimate of it). */
  now: number;
  /** The places allowed today (from /api/attendance/today). */
  places: AllowedPlace[];
  /** The current fix, or null when the phone has none and will not get one (denied, unavailable). */
  location: { lat: number; lon: number; accuracyM: number } | null;
  /** The state of this phone's device binding; null when no device is bound to this phone. */
  device: DeviceState | null;
  /** Whether a photo can be taken now (the camera runs). */
  photo: boolean;
  /** The previous counted punch of today (epoch ms), if any. */
  previousPunchAt: number | null;
}

/**
 * A next step offered with a reason:
 * - DINAS_LUAR: request a dinas luar for the day at the current position (working away from the office);
 * - CORRECTION: request a correction of the day's punch (the punch could not be recorded properly);
 * - REGISTER_DEVICE / WAIT_DEVICE_APPROVAL: bind this phone, or wait for admin OPD to approve the change;
 * - ALLOW_LOCATION / IMPROVE_ACCURACY / MOVE_CLOSER: get a usable fix (permission, open sky, nearer the place);
 * - ALLOW_CAMERA: allow the camera for the photo;
 * - WAIT: a punch right after the previous one is a double tap; wait a moment.
 */
export type NextStep =
  | 'DINAS_LUAR'
  | 'CORRECTION'
  | 'REGISTER_DEVICE'
  | 'WAIT_DEVICE_APPROVAL'
  | 'ALLOW_LOCATION'
  | 'IMPROVE_ACCURACY'
  | 'MOVE_CLOSER'
  | 'ALLOW_CAMERA'
  | 'WAIT';

export interface PunchGuidance {
  /** The verdict the server would give a punch taken now with these facts. */
  verdict: PunchVerdict;
  reasons: JudgedReason[];
  /** The nearest allowed place and how far outside its fence the fix is (0 = inside). */
  nearest: { label: string; kind: AllowedPlace['kind']; distanceM: number } | null;
  /** What to do about it, most useful first; empty when the punch will be accepted. */
  nextSteps: NextStep[];
  /** The category a correction request for this trouble belongs to (prefilled), when a correction is offered. */
  correctionCategory: CorrectionCategory | null;
  /** With WAIT: whole minutes until a punch is no longer "too soon". */
  waitMinutes: number | null;
}

/** Per reason: the steps that fix the cause first, then the request that covers the day when it cannot be fixed. */
const STEPS: Partial<Record<PunchReason, NextStep[]>> = {
  OUTSIDE_GEOFENCE: ['DINAS_LUAR', 'CORRECTION'],
  LOCATION_UNCERTAIN: ['MOVE_CLOSER'],
  ACCURACY_TOO_POOR: ['IMPROVE_ACCURACY', 'CORRECTION'],
  NO_LOCATION: ['ALLOW_LOCATION', 'CORRECTION'],
  NO_DEVICE: ['REGISTER_DEVICE', 'CORRECTION'],
  UNREGISTERED_DEVICE: ['REGISTER_DEVICE', 'CORRECTION'],
  DEVICE_PENDING: ['WAIT_DEVICE_APPROVAL', 'CORRECTION'],
  PHOTO_MISSING: ['ALLOW_CAMERA', 'CORRECTION'],
  SIGNATURE_INVALID: ['REGISTER_DEVICE', 'CORRECTION'],
  MOCK_LOCATION: ['CORRECTION'],
  TOO_SOON: ['WAIT'],
  OFFLINE_TOO_OLD: ['CORRECTION'],
  MONTH_CLOSED: [],
  OFFLINE_MONTH_CLOSED: [],
};

const DEVICE_TROUBLE: readonly PunchReason[] = [
  'NO_DEVICE',
  'UNREGISTERED_DEVICE',
  'DEVICE_PENDING',
  'SIGNATURE_INVALID',
  'PHOTO_MISSING',
];

/**
 * The next steps for a punch's reasons (before it is taken, or after the server refused or flagged it): only for
 * reasons that refuse the punch, plus a dinas luar for a flagged punch outside every place (a request makes the
 * place allowed); most useful first, without repeats. A correction is the last resort after the fixes.
 * Source: see the file header.
 */
export function nextStepsFor(reasons: readonly Pick<JudgedReason, 'code' | 'action'>[]): {
  nextSteps: NextStep[];
  correctionCategory: CorrectionCategory | null;
} {
  const fixes: NextStep[] = [];
  let correction = false;
  for (const r of reasons) {
    const steps =
      r.action === 'REJECT'
        ? (STEPS[r.code] ?? [])
        : r.code === 'OUTSIDE_GEOFENCE'
          ? ['DINAS_LUAR' as const]
          : r.code === 'LOCATION_UNCERTAIN'
            ? ['MOVE_CLOSER' as const]
            : [];
    for (const step of steps) {
      if (step === 'CORRECTION') correction = true;
      else if (!fixes.includes(step)) fixes.push(step);
    }
  }
  const nextSteps: NextStep[] = correction ? [...fixes, 'CORRECTION'] : fixes;
  const correctionCategory: CorrectionCategory | null = !correction
    ? null
    : reasons.some((r) => r.action === 'REJECT' && DEVICE_TROUBLE.includes(r.code))
      ? 'GANGGUAN_PERANGKAT'
      : 'LAINNYA';
  return { nextSteps, correctionCategory };
}

/**
 * The guidance for a phone punch taken now: the judge's verdict on the phone's facts under the rulebook's capture
 * rules, the nearest place with the distance, and the next steps. Facts the phone cannot know are taken as the
 * good case (the month is open, the device is not shared, the signature verifies).
 * Source: see the file header.
 */
export function punchGuidance(f: GuidanceFacts, rules: CaptureRules): PunchGuidance {
  const judged = judgePunch(
    {
      source: 'ONLINE',
      receivedAt: f.now,
      location: f.location ? { ...f.location, mocked: false } : null,
      places: f.places,
      device: f.device ? { state: f.device, signatureValid: true, otherEmployeesOnDevice: 0 } : undefined,
      photo: f.photo,
      previousPunchAt: f.previousPunchAt,
      monthClosed: false,
    },
    rules,
  );
  const { nextSteps, correctionCategory } = nextStepsFor(judged.reasons);
  const waitMinutes =
    nextSteps.includes('WAIT') && f.previousPunchAt !== null
      ? Math.max(1, Math.ceil((f.previousPunchAt + rules.minIntervalMinutes * 60_000 - f.now) / 60_000))
      : null;
  return {
    verdict: judged.verdict,
    reasons: judged.reasons,
    nearest: judged.nearest
      ? {
          label: judged.nearest.place.label,
          kind: judged.nearest.place.kind,
          distanceM: judged.nearest.distanceM,
        }
      : null,
    nextSteps,
    correctionCategory,
    waitMinutes,
  };
}

/**
 * The guidance for one reason known before any punch is taken (e.g. this phone's change is still waiting for admin
 * OPD): the rulebook's action for it decides whether a punch would be refused or only reviewed.
 * Source: see the file header.
 */
export function guidanceForReason(code: PunchReason, rules: CaptureRules): PunchGuidance {
  const action = rules.reasons[code] ?? 'REJECT';
  const reasons = [{ code, action, message: '' }];
  return {
    verdict: action === 'REJECT' ? 'REJECTED' : 'FLAGGED',
    reasons,
    nearest: null,
    ...nextStepsFor(reasons),
    waitMinutes: null,
  };
}
