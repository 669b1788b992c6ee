import { describe, expect, it } from 'vitest';
import { captureRulesSchema, type CaptureRules } from './capture-rules.ts';
import { judgePunch, type AllowedPlace } from './judge-punch.ts';
import {
  guidanceForReason,
  nextStepsFor,
  punchGuidance,
  type GuidanceFacts,
  type NextStep,
} from './punch-guidance.ts';
import nationalJson from '../../../rulebooks/national/capture.json' with { type: 'json' };

const national: CaptureRules = captureRulesSchema.parse(nationalJson);
/** A region that keeps punches outside the fence for review instead of refusing them. */
const lenient: CaptureRules = {
  ...national,
  reasons: { ...national.reasons, OUTSIDE_GEOFENCE: 'FLAG', PHOTO_MISSING: 'FLAG' },
};

const M = 1 / 111_195; // one metre of latitude in degrees
const OFFICE: AllowedPlace = {
  id: 'kp3b',
  kind: 'OFFICE',
  label: 'KP3B',
  fence: { kind: 'circle', center: { lat: -6.1211, lon: 106.1786 }, radiusM: 100 },
};
const north = (metres: number, accuracyM = 10) => ({ lat: -6.1211 + metres * M, lon: 106.1786, accuracyM });
const NOW = Date.parse('2026-03-02T00:30:00Z'); // 07:30 WIB

const facts = (over: Partial<GuidanceFacts> = {}): GuidanceFacts => ({
  now: NOW,
  places: [OFFICE],
  location: north(0),
  device: 'ACTIVE',
  photo: true,
  previousPunchAt: null,
  ...over,
});

describe('punchGuidance: the verdict before the punch, and the next step', () => {
  const cases: [string, Partial<GuidanceFacts>, CaptureRules, string, string[], NextStep[], string | null][] =
    [
      ['inside the office', {}, national, 'ACCEPTED', [], [], null],
      [
        '1.2 km outside every place',
        { location: north(1300) },
        national,
        'REJECTED',
        ['OUTSIDE_GEOFENCE'],
        ['DINAS_LUAR', 'CORRECTION'],
        'LAINNYA',
      ],
      [
        'outside, in a region that flags it',
        { location: north(1300) },
        lenient,
        'FLAGGED',
        ['OUTSIDE_GEOFENCE'],
        ['DINAS_LUAR'],
        null,
      ],
      [
        'at the edge of the fence within the accuracy',
        { location: north(120, 30) },
        national,
        'FLAGGED',
        ['LOCATION_UNCERTAIN'],
        ['MOVE_CLOSER'],
        null,
      ],
      [
        'a fix of 5 km',
        { location: north(0, 5000) },
        national,
        'REJECTED',
        ['ACCURACY_TOO_POOR'],
        ['IMPROVE_ACCURACY', 'CORRECTION'],
        'LAINNYA',
      ],
      [
        'no position (denied)',
        { location: null },
        national,
        'REJECTED',
        ['NO_LOCATION'],
        ['ALLOW_LOCATION', 'CORRECTION'],
        'LAINNYA',
      ],
      [
        'the change of phone is not approved yet',
        { device: 'PENDING' },
        national,
        'REJECTED',
        ['DEVICE_PENDING'],
        ['WAIT_DEVICE_APPROVAL', 'CORRECTION'],
        'GANGGUAN_PERANGKAT',
      ],
      [
        'no device bound to this phone',
        { device: null },
        national,
        'REJECTED',
        ['NO_DEVICE'],
        ['REGISTER_DEVICE', 'CORRECTION'],
        'GANGGUAN_PERANGKAT',
      ],
      [
        'a revoked device',
        { device: 'REVOKED' },
        national,
        'REJECTED',
        ['UNREGISTERED_DEVICE'],
        ['REGISTER_DEVICE', 'CORRECTION'],
        'GANGGUAN_PERANGKAT',
      ],
      [
        'no photo possible (camera denied)',
        { photo: false },
        national,
        'REJECTED',
        ['PHOTO_MISSING'],
        ['ALLOW_CAMERA', 'CORRECTION'],
        'GANGGUAN_PERANGKAT',
      ],
      [
        'no photo where the region only flags it',
        { photo: false },
        lenient,
        'FLAGGED',
        ['PHOTO_MISSING'],
        [],
        null,
      ],
      [
        'outside and without a photo: both fixes, then one correction',
        { location: north(1300), photo: false },
        national,
        'REJECTED',
        ['OUTSIDE_GEOFENCE', 'PHOTO_MISSING'],
        ['DINAS_LUAR', 'ALLOW_CAMERA', 'CORRECTION'],
        'GANGGUAN_PERANGKAT',
      ],
      [
        '20 s after the previous punch',
        { previousPunchAt: NOW - 20_000 },
        national,
        'REJECTED',
        ['TOO_SOON'],
        ['WAIT'],
        null,
      ],
      [
        'no place allowed today at all',
        { places: [] },
        national,
        'REJECTED',
        ['OUTSIDE_GEOFENCE'],
        ['DINAS_LUAR', 'CORRECTION'],
        'LAINNYA',
      ],
    ];
  it.each(cases)('%s', (_name, over, rules, verdict, codes, steps, category) => {
    const g = punchGuidance(facts(over), rules);
    expect(g.verdict).toBe(verdict);
    expect(g.reasons.map((r) => r.code)).toEqual(codes);
    expect(g.nextSteps).toEqual(steps);
    expect(g.correctionCategory).toBe(category);
  });

  it('gives the distance to the nearest place and the minutes to wait', () => {
    const far = punchGuidance(facts({ location: north(1300) }), national);
    expect(far.nearest).toMatchObject({ label: 'KP3B', kind: 'OFFICE' });
    expect(far.nearest!.distanceM).toBeCloseTo(1200, -1);
    expect(punchGuidance(facts(), national).nearest!.distanceM).toBe(0);
    expect(punchGuidance(facts({ location: null }), national).nearest).toBeNull();
    const soon = punchGuidance(facts({ previousPunchAt: NOW - 20_000 }), {
      ...national,
      minIntervalMinutes: 5,
    });
    expect(soon.waitMinutes).toBe(5);
  });

  it('is the verdict the server gives the same punch (one rulebook, no second copy)', () => {
    for (const over of [{}, { location: north(1300) }, { device: 'PENDING' as const }, { photo: false }]) {
      for (const rules of [national, lenient]) {
        const f = facts(over);
        const server = judgePunch(
          {
            source: 'ONLINE',
            receivedAt: f.now,
            location: f.location && { ...f.location, mocked: false },
            places: f.places,
            device: { state: f.device!, signatureValid: true, otherEmployeesOnDevice: 0 },
            photo: f.photo,
            previousPunchAt: null,
            monthClosed: false,
          },
          rules,
        );
        expect(punchGuidance(f, rules).verdict).toBe(server.verdict);
      }
    }
  });
});

describe('nextStepsFor: after the server refused or flagged a punch', () => {
  const cases: [string, { code: string; action: 'REJECT' | 'FLAG' }[], NextStep[]][] = [
    ['accepted', [], []],
    [
      'refused outside the fence',
      [{ code: 'OUTSIDE_GEOFENCE', action: 'REJECT' }],
      ['DINAS_LUAR', 'CORRECTION'],
    ],
    ['a shared device is only flagged: nothing to do', [{ code: 'SHARED_DEVICE', action: 'FLAG' }], []],
    ['the month is closed: no request helps', [{ code: 'MONTH_CLOSED', action: 'REJECT' }], []],
    [
      'a forged signature',
      [{ code: 'SIGNATURE_INVALID', action: 'REJECT' }],
      ['REGISTER_DEVICE', 'CORRECTION'],
    ],
  ];
  it.each(cases)('%s', (_name, reasons, steps) => {
    expect(nextStepsFor(reasons as Parameters<typeof nextStepsFor>[0]).nextSteps).toEqual(steps);
  });
});

describe('guidanceForReason: a reason known before any punch', () => {
  it('follows the rulebook: a pending phone is refused nationally, only reviewed where the region says so', () => {
    expect(guidanceForReason('DEVICE_PENDING', national)).toMatchObject({
      verdict: 'REJECTED',
      nextSteps: ['WAIT_DEVICE_APPROVAL', 'CORRECTION'],
      correctionCategory: 'GANGGUAN_PERANGKAT',
    });
    const flagging = { ...national, reasons: { ...national.reasons, DEVICE_PENDING: 'FLAG' as const } };
    expect(guidanceForReason('DEVICE_PENDING', flagging)).toMatchObject({
      verdict: 'FLAGGED',
      nextSteps: [],
    });
  });
});
