import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceM, distanceOutside, isValidLatLon, isValidPolygon, type Fence, type LatLon } from './geo.ts';

// Kantor Gubernur Banten (KP3B, Curug, Serang) and a few reference points.
const KP3B: LatLon = { lat: -6.1211, lon: 106.1786 };

describe('distanceM (haversine)', () => {
  it.each([
    ['one degree of latitude ≈ 111.2 km', { lat: 0, lon: 0 }, { lat: 1, lon: 0 }, 111_195, 1],
    ['one degree of longitude at the equator ≈ 111.2 km', { lat: 0, lon: 0 }, { lat: 0, lon: 1 }, 111_195, 1],
    ['Serang → Jakarta Monas ≈ 73 km', KP3B, { lat: -6.1754, lon: 106.8272 }, 71_800, 1_500],
    ['100 m north of KP3B', KP3B, { lat: KP3B.lat + 100 / 111_195, lon: KP3B.lon }, 100, 0.5],
  ])('%s', (_name, a, b, expected, tolerance) => {
    expect(Math.abs(distanceM(a, b) - expected)).toBeLessThanOrEqual(tolerance);
  });

  it('is symmetric and zero for the same point', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -11, max: 6, noNaN: true }),
        fc.double({ min: 95, max: 141, noNaN: true }),
        fc.double({ min: -11, max: 6, noNaN: true }),
        fc.double({ min: 95, max: 141, noNaN: true }),
        (la, lo, lb, lob) => {
          const a = { lat: la, lon: lo };
          const b = { lat: lb, lon: lob };
          expect(distanceM(a, a)).toBe(0);
          expect(Math.abs(distanceM(a, b) - distanceM(b, a))).toBeLessThan(1e-6);
        },
      ),
    );
  });
});

describe('distanceOutside', () => {
  const circle: Fence = { kind: 'circle', center: KP3B, radiusM: 100 };
  const north = (m: number): LatLon => ({ lat: KP3B.lat + m / 111_195, lon: KP3B.lon });
  // A square of about 200 m × 200 m around KP3B.
  const d = 100 / 111_195;
  const square: Fence = {
    kind: 'polygon',
    points: [
      { lat: KP3B.lat - d, lon: KP3B.lon - d },
      { lat: KP3B.lat - d, lon: KP3B.lon + d },
      { lat: KP3B.lat + d, lon: KP3B.lon + d },
      { lat: KP3B.lat + d, lon: KP3B.lon - d },
    ],
  };

  it.each([
    ['circle: the centre is inside', circle, KP3B, 0],
    ['circle: 99 m from the centre is inside', circle, north(99), 0],
    ['circle: 150 m from the centre is 50 m outside', circle, north(150), 50],
    ['polygon: the centre is inside', square, KP3B, 0],
    ['polygon: 90 m north is inside', square, north(90), 0],
    ['polygon: 130 m north is 30 m outside', square, north(130), 30],
  ])('%s', (_name, fence, point, expected) => {
    expect(Math.abs(distanceOutside(point, fence) - expected)).toBeLessThan(0.5);
  });

  it('a concave (L-shaped) polygon leaves its notch outside', () => {
    const m = 1 / 111_195;
    const at = (x: number, y: number): LatLon => ({ lat: KP3B.lat + y * m, lon: KP3B.lon + x * m });
    const l: Fence = {
      kind: 'polygon',
      points: [at(0, 0), at(200, 0), at(200, 100), at(100, 100), at(100, 200), at(0, 200)],
    };
    expect(distanceOutside(at(50, 150), l)).toBe(0);
    expect(distanceOutside(at(150, 50), l)).toBe(0);
    expect(distanceOutside(at(150, 150), l)).toBeGreaterThan(45);
  });
});

describe('validity', () => {
  it.each([
    [{ lat: 0, lon: 0 }, true],
    [{ lat: -91, lon: 0 }, false],
    [{ lat: 0, lon: 181 }, false],
    [{ lat: Number.NaN, lon: 0 }, false],
    [{ lat: 0, lon: Number.POSITIVE_INFINITY }, false],
  ])('%o valid: %s', (p, ok) => expect(isValidLatLon(p)).toBe(ok));

  it('refuses polygons with fewer than 3 corners or all corners on one line', () => {
    expect(isValidPolygon([KP3B, { lat: KP3B.lat + 0.001, lon: KP3B.lon }])).toBe(false);
    expect(
      isValidPolygon([
        KP3B,
        { lat: KP3B.lat + 0.001, lon: KP3B.lon },
        { lat: KP3B.lat + 0.002, lon: KP3B.lon },
      ]),
    ).toBe(false);
    expect(
      isValidPolygon([
        KP3B,
        { lat: KP3B.lat + 0.001, lon: KP3B.lon },
        { lat: KP3B.lat, lon: KP3B.lon + 0.001 },
      ]),
    ).toBe(true);
  });
});
