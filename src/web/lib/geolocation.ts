import { useEffect, useState } from 'react';
import { distanceOutside } from '../../core/geo/geo.ts';
import type { AllowedPlace } from '../api/attendance.ts';

export interface Fix {
  lat: number;
  lon: number;
  accuracyM: number;
  at: number;
}

export type GeoStatus = 'idle' | 'locating' | 'ready' | 'denied' | 'unavailable' | 'error';

/** Follows the phone's position (high accuracy) while `active`. */
export function useGeolocation(active: boolean) {
  const [fix, setFix] = useState<Fix | null>(null);
  const [status, setStatus] = useState<GeoStatus>('idle');

  useEffect(() => {
    if (!active) return;
    if (!('geolocation' in navigator)) {
      setStatus('unavailable');
      return;
    }
    setStatus((s) => (s === 'ready' ? s : 'locating'));
    const id = navigator.geolocation.watchPosition(
      (position) => {
        setFix({
          lat: position.coords.latitude,
          lon: position.coords.longitude,
          accuracyM: position.coords.accuracy,
          at: position.timestamp || Date.now(),
        });
        setStatus('ready');
      },
      (error) => {
        if (error.code === error.PERMISSION_DENIED) setStatus('denied');
        else if (error.code === error.POSITION_UNAVAILABLE) setStatus('unavailable');
        else setStatus((s) => (s === 'ready' ? s : 'error'));
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [active]);

  return { fix, status };
}

/** The nearest allowed place and how far outside its fence the fix lies (0 = inside), client-side. */
export function nearestPlace(
  fix: { lat: number; lon: number },
  places: AllowedPlace[],
): { place: AllowedPlace; distanceM: number } | null {
  let best: { place: AllowedPlace; distanceM: number } | null = null;
  for (const place of places) {
    const distanceM = distanceOutside(fix, place.fence);
    if (!best || distanceM < best.distanceM) best = { place, distanceM };
  }
  return best;
}

/** Metres as "85 m" or "1,2 km" (Indonesian decimal comma). */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toFixed(1).replace('.', ',')} km`;
}
