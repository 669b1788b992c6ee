/**
 * Geofence geometry: distances on the WGS-84 sphere (haversine, mean Earth radius 6,371,008.8 m), circles and
 * polygons, and the distance from a point to a fence (0 inside). Accurate to well under a metre at office
 * scale, unlike the flat-degree approximation some regional apps use (market.md §2.7).
 * Source: market.md §1 "Geofence" row and §3 item 3 (several locations, circles or polygons).
 */

export interface LatLon {
  lat: number;
  lon: number;
}

export type Fence =
  { kind: 'circle'; center: LatLon; radiusM: number } | { kind: 'polygon'; points: LatLon[] };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). Source: market.md §1 "Geofence" (haversine, not flat degrees). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether a coordinate pair is a real place on Earth (finite, lat ±90, lon ±180). Source: WGS-84 ranges. */
export function isValidLatLon(p: LatLon): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
}

/**
 * Local east/north metres of `p` around `origin` (equirectangular projection): exact enough for fences of a
 * few kilometres, and what the polygon tests below work in.
 */
function toLocal(origin: LatLon, p: LatLon): { x: number; y: number } {
  return {
    x: rad(p.lon - origin.lon) * Math.cos(rad(origin.lat)) * EARTH_RADIUS_M,
    y: rad(p.lat - origin.lat) * EARTH_RADIUS_M,
  };
}

/** Ray casting in local metres: whether `p` lies inside the polygon (edges count as inside). */
function insidePolygon(p: LatLon, points: LatLon[]): boolean {
  const pts = points.map((q) => toLocal(p, q));
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]!;
    const b = pts[j]!;
    if (a.y > 0 !== b.y > 0 && 0 < ((b.x - a.x) * (0 - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside || distanceToEdges(pts) < 1e-6;
}

/** Distance in metres from the local origin to the nearest polygon edge. */
function distanceToEdges(pts: { x: number; y: number }[]): number {
  let best = Infinity;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[j]!;
    const b = pts[i]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a.x * dx + a.y * dy) / len2));
    best = Math.min(best, Math.hypot(a.x + t * dx, a.y + t * dy));
  }
  return best;
}

/** How far outside the fence a point is, in metres; 0 when it is inside (or on the edge). Source: market.md §3 item 3 (circles or polygons per location). */
export function distanceOutside(p: LatLon, fence: Fence): number {
  if (fence.kind === 'circle') return Math.max(0, distanceM(p, fence.center) - fence.radiusM);
  if (insidePolygon(p, fence.points)) return 0;
  return distanceToEdges(fence.points.map((q) => toLocal(p, q)));
}

/** Whether a polygon is usable as a fence: at least 3 valid corners and not all on one line. Source: market.md §3 item 3. */
export function isValidPolygon(points: LatLon[]): boolean {
  if (points.length < 3 || !points.every(isValidLatLon)) return false;
  const o = points[0]!;
  const pts = points.map((q) => toLocal(o, q));
  let area2 = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++)
    area2 += pts[j]!.x * pts[i]!.y - pts[i]!.x * pts[j]!.y;
  return Math.abs(area2) > 1;
}
