import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { captureRulesSchema, validateCaptureRules, type CaptureRules } from './capture-rules.ts';
import { judgePunch, type AllowedPlace, type PunchFacts } from './judge-punch.ts';
import nationalJson from '../../../rulebooks/national/capture.json' with { type: 'json' };

const national: CaptureRules = captureRulesSchema.parse(nationalJson);

const M = 1 / 111_195; // one metre of latitude in degrees
const OFFICE: AllowedPlace = {
  id: 'kp3b',
  kind: 'OFFICE',
  label: 'KP3B',
  fence: { kind: 'circle', center: { lat: -6.1211, lon: 106.1786 }, radiusM: 100 },
};
const at = (northM: number, accuracyM = 10, mocked = false) => ({
  lat: -6.1211 + northM * M,
  lon: 106.1786,
  accuracyM,
  mocked,
});
const NOW = Date.parse('2026-03-02T00:30:00Z'); // 07:30 WIB

const online = (over: Partial<PunchFacts> = {}): PunchFacts => ({
  source: 'ONLINE',
  receivedAt: NOW,
  location: at(0),
  places: [OFFICE],
  device: { state: 'ACTIVE', signatureValid: true, otherEmployeesOnDevice: 0 },
  photo: true,
  previousPunchAt: null,
  monthClosed: false,
  ...over,
});

describe('the national capture rules', () => {
  it('validate, list every reason, and reject forged or replayed evidence', () => {
    expect(validateCaptureRules(national)).toEqual([]);
    expect(
      validateCaptureRules({ ...national, reasons: { ...national.reasons, QR_REPLAYED: 'FLAG' } }),
    ).toEqual([expect.objectContaining({ path: 'capture.reasons.QR_REPLAYED' })]);
    const { NO_LOCATION: _omit, ...missing } = national.reasons;
    expect(validateCaptureRules({ ...national, reasons: missing as CaptureRules['reasons'] })).toEqual([
      expect.objectContaining({ path: 'capture.reasons.NO_LOCATION' }),
    ]);
  });
});

describe('judgePunch: one case per verdict and reason', () => {
  const cases: [string, Partial<PunchFacts>, string, string[]][] = [
    ['inside the office circle with a good fix', {}, 'ACCEPTED', []],
    ['99 m from the centre of a 100 m circle', { location: at(99) }, 'ACCEPTED', []],
    [
      '120 m out with a 30 m fix: outside but within accuracy',
      { location: at(120, 30) },
      'FLAGGED',
      ['LOCATION_UNCERTAIN'],
    ],
    ['150 m out with a 20 m fix', { location: at(150, 20) }, 'REJECTED', ['OUTSIDE_GEOFENCE']],
    ['accuracy of 5 km', { location: at(0, 5000) }, 'REJECTED', ['ACCURACY_TOO_POOR']],
    ['accuracy just above the 100 m limit', { location: at(0, 101) }, 'REJECTED', ['ACCURACY_TOO_POOR']],
    ['no location', { location: null }, 'REJECTED', ['NO_LOCATION']],
    [
      'absurd coordinates',
      { location: { lat: 123, lon: 500, accuracyM: 5, mocked: false } },
      'REJECTED',
      ['NO_LOCATION'],
    ],
    ['the phone reports a mock location', { location: at(0, 10, true) }, 'FLAGGED', ['MOCK_LOCATION']],
    ['no allowed place at all that day', { places: [] }, 'REJECTED', ['OUTSIDE_GEOFENCE']],
    [
      'an unregistered device',
      { device: { state: 'UNKNOWN', signatureValid: false, otherEmployeesOnDevice: 0 } },
      'REJECTED',
      ['UNREGISTERED_DEVICE'],
    ],
    [
      'a revoked device',
      { device: { state: 'REVOKED', signatureValid: true, otherEmployeesOnDevice: 0 } },
      'REJECTED',
      ['UNREGISTERED_DEVICE'],
    ],
    [
      'a device waiting for approval',
      { device: { state: 'PENDING', signatureValid: true, otherEmployeesOnDevice: 0 } },
      'REJECTED',
      ['DEVICE_PENDING'],
    ],
    [
      'a tampered signature',
      { device: { state: 'ACTIVE', signatureValid: false, otherEmployeesOnDevice: 0 } },
      'REJECTED',
      ['SIGNATURE_INVALID'],
    ],
    ['no device at all', { device: undefined }, 'REJECTED', ['NO_DEVICE']],
    [
      'a device another employee also uses',
      { device: { state: 'ACTIVE', signatureValid: true, otherEmployeesOnDevice: 1 } },
      'FLAGGED',
      ['SHARED_DEVICE'],
    ],
    ['no photo where the rulebook requires one', { photo: false }, 'REJECTED', ['PHOTO_MISSING']],
    ['30 s after the previous punch', { previousPunchAt: NOW - 30_000 }, 'REJECTED', ['TOO_SOON']],
    ['61 s after the previous punch', { previousPunchAt: NOW - 61_000 }, 'ACCEPTED', []],
    ['in a closed month', { monthClosed: true }, 'REJECTED', ['MONTH_CLOSED']],
  ];
  it.each(cases)('%s → %s %j', (_name, over, verdict, reasons) => {
    const j = judgePunch(online(over), national);
    expect(j.verdict).toBe(verdict);
    expect(j.reasons.map((r) => r.code)).toEqual(reasons);
    expect(j.occurredAt).toBe(NOW);
  });

  it('reports the nearest place and how far outside it the fix is', () => {
    const far: AllowedPlace = {
      ...OFFICE,
      id: 'far',
      label: 'Far',
      fence: { kind: 'circle', center: { lat: -6.2, lon: 106.1786 }, radiusM: 50 },
    };
    const j = judgePunch(online({ location: at(180, 20), places: [far, OFFICE] }), national);
    expect(j.nearest?.place.id).toBe('kp3b');
    expect(Math.round(j.nearest!.distanceM)).toBe(80);
  });

  it('does not require a photo when the rulebook does not', () => {
    const rules = { ...national, photo: { ...national.photo, required: false } };
    expect(judgePunch(online({ photo: false }), rules).verdict).toBe('ACCEPTED');
  });

  it('follows the rulebook when a region rejects instead of flagging a mock location', () => {
    const strict = { ...national, reasons: { ...national.reasons, MOCK_LOCATION: 'REJECT' as const } };
    expect(judgePunch(online({ location: at(0, 10, true) }), strict).verdict).toBe('REJECTED');
  });
});

describe('judgePunch: offline punches', () => {
  const offline = (ageMs: number, over: Partial<PunchFacts> = {}, deviceSkewMs = 0) =>
    online({
      source: 'OFFLINE',
      offline: { estimatedAt: NOW - ageMs, deviceTime: NOW - ageMs + deviceSkewMs },
      ...over,
    });

  it.each([
    ['captured 2 hours ago', 2 * 3_600_000, 0, 'ACCEPTED', []],
    ['captured 71 hours ago (inside 72 h)', 71 * 3_600_000, 0, 'ACCEPTED', []],
    ['captured 73 hours ago → review', 73 * 3_600_000, 0, 'FLAGGED', ['OFFLINE_TOO_OLD']],
    ['dated 10 minutes in the future → review', -10 * 60_000, 0, 'FLAGGED', ['OFFLINE_IN_FUTURE']],
    ['dated next week → review', -7 * 86_400_000, 0, 'FLAGGED', ['OFFLINE_IN_FUTURE']],
    [
      'device clock 30 min off the monotonic estimate → review',
      3_600_000,
      30 * 60_000,
      'FLAGGED',
      ['CLOCK_MISMATCH'],
    ],
  ])('%s → %s', (_n, age, skew, verdict, reasons) => {
    const j = judgePunch(offline(age as number, {}, skew as number), national);
    expect(j.verdict).toBe(verdict);
    expect(j.reasons.map((r) => r.code)).toEqual(reasons);
    expect(j.occurredAt).toBe(NOW - (age as number));
  });

  it('counts from the device clock when the monotonic estimate is gone (app restarted)', () => {
    const j = judgePunch(
      online({ source: 'OFFLINE', offline: { estimatedAt: null, deviceTime: NOW - 3_600_000 } }),
      national,
    );
    expect(j).toMatchObject({ verdict: 'ACCEPTED', occurredAt: NOW - 3_600_000 });
  });

  it('sends an offline punch of a closed month to review instead of refusing it', () => {
    const j = judgePunch(offline(3_600_000, { monthClosed: true }), national);
    expect(j.verdict).toBe('FLAGGED');
    expect(j.reasons.map((r) => r.code)).toEqual(['OFFLINE_MONTH_CLOSED']);
  });
});

describe('judgePunch: kiosk QR and terminal logs', () => {
  const qr = (state: PunchFacts['qr'], over: Partial<PunchFacts> = {}) =>
    online({ source: 'QR', qr: state, location: null, photo: false, ...over });
  it.each([
    ['a valid code, no GPS needed', 'VALID', 'ACCEPTED', []],
    ['an expired code', 'EXPIRED', 'REJECTED', ['QR_EXPIRED']],
    ['a replayed code', 'REPLAYED', 'REJECTED', ['QR_REPLAYED']],
    ['a forged code', 'INVALID', 'REJECTED', ['QR_INVALID']],
  ] as const)('%s → %s', (_n, state, verdict, reasons) => {
    const j = judgePunch(qr(state), national);
    expect(j.verdict).toBe(verdict);
    expect(j.reasons.map((r) => r.code)).toEqual(reasons);
  });

  it('refuses an apel scan after its window closed', () => {
    expect(judgePunch(qr('VALID', { apelOpen: false }), national).reasons.map((r) => r.code)).toEqual([
      'APEL_CLOSED',
    ]);
  });

  it('takes a terminal log at the terminal’s time with no phone evidence', () => {
    const t = NOW - 86_400_000;
    const j = judgePunch(
      {
        source: 'TERMINAL',
        receivedAt: NOW,
        terminalTime: t,
        location: null,
        places: [],
        photo: false,
        previousPunchAt: t - 1000,
        monthClosed: false,
      },
      national,
    );
    expect(j).toMatchObject({ verdict: 'ACCEPTED', occurredAt: t, reasons: [] });
  });
});

describe('judgePunch invariants', () => {
  it('never accepts a punch with a reason, and rejects whenever a rejecting reason is raised', () => {
    fc.assert(
      fc.property(
        fc.record({
          north: fc.double({ min: -2000, max: 2000, noNaN: true }),
          accuracy: fc.double({ min: 0, max: 6000, noNaN: true }),
          mocked: fc.boolean(),
          photo: fc.boolean(),
          state: fc.constantFrom('ACTIVE', 'PENDING', 'REVOKED', 'UNKNOWN' as const),
          sig: fc.boolean(),
          shared: fc.nat(3),
          prev: fc.option(fc.integer({ min: 0, max: 600_000 })),
          closed: fc.boolean(),
        }),
        (r) => {
          const j = judgePunch(
            online({
              location: at(r.north, r.accuracy, r.mocked),
              photo: r.photo,
              device: { state: r.state, signatureValid: r.sig, otherEmployeesOnDevice: r.shared },
              previousPunchAt: r.prev === null ? null : NOW - r.prev,
              monthClosed: r.closed,
            }),
            national,
          );
          expect(j.verdict === 'ACCEPTED').toBe(j.reasons.length === 0);
          expect(j.verdict === 'REJECTED').toBe(j.reasons.some((x) => x.action === 'REJECT'));
          // Moving closer to the office never makes the geofence verdict worse.
          if (r.north > 0 && r.accuracy <= 100) {
            const closer = judgePunch(online({ location: at(r.north / 2, r.accuracy) }), national);
            const geo = (x: typeof j) =>
              x.reasons.filter((y) => y.code === 'OUTSIDE_GEOFENCE' || y.code === 'LOCATION_UNCERTAIN')
                .length;
            expect(geo(closer)).toBeLessThanOrEqual(
              geo(judgePunch(online({ location: at(r.north, r.accuracy) }), national)),
            );
          }
        },
      ),
    );
  });
});
