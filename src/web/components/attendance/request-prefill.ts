import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  CORRECTION_CATEGORIES,
  PERMIT_KINDS,
  type CorrectionCategory,
  type PermitKind,
} from '../../../core/permits/permit-request.ts';

/**
 * Links from the Presensi page to a request form with the fields already filled in (the next step after a punch
 * that will be or was refused), and the readers the forms use. The address carries only what the employee could
 * type themselves; the form validates it like typed input and the server judges the request as always.
 * /koreksi?tanggal=2026-01-15&masuk=07:45&kategori=LAINNYA&alasan=…
 * /izin?jenis=DL&tanggal=2026-01-15&lat=-6.12&lon=106.17&alasan=…
 */

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_REASON = 1000;

function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined) q.set(key, String(value));
  return q.toString();
}

/** A correction request for the day's punch: date, the time as check-in or check-out, category and reason. */
export function correctionHref(p: {
  date: string;
  kind: 'IN' | 'OUT';
  time: string;
  category: CorrectionCategory;
  reason: string;
}): string {
  return `/koreksi?${query({
    tanggal: p.date,
    [p.kind === 'IN' ? 'masuk' : 'pulang']: p.time,
    kategori: p.category,
    alasan: p.reason.slice(0, MAX_REASON),
  })}`;
}

/** A dinas luar request for the day, at the phone's position (the destination's point; its name is typed). */
export function dinasLuarHref(p: {
  date: string;
  at: { lat: number; lon: number } | null;
  reason?: string;
}): string {
  return `/izin?${query({
    jenis: 'DL',
    tanggal: p.date,
    lat: p.at ? p.at.lat.toFixed(6) : null,
    lon: p.at ? p.at.lon.toFixed(6) : null,
    alasan: p.reason?.slice(0, MAX_REASON),
  })}`;
}

export interface CorrectionPrefill {
  date: string;
  checkIn: string;
  checkOut: string;
  category: CorrectionCategory | null;
  reason: string;
}

export function readCorrectionPrefill(params: URLSearchParams): CorrectionPrefill {
  const date = params.get('tanggal') ?? '';
  const checkIn = params.get('masuk') ?? '';
  const checkOut = params.get('pulang') ?? '';
  const category = params.get('kategori') ?? '';
  return {
    date: YMD.test(date) ? date : '',
    checkIn: HHMM.test(checkIn) ? checkIn : '',
    checkOut: HHMM.test(checkOut) ? checkOut : '',
    category: (CORRECTION_CATEGORIES as readonly string[]).includes(category)
      ? (category as CorrectionCategory)
      : null,
    reason: (params.get('alasan') ?? '').slice(0, MAX_REASON),
  };
}

export interface PermitPrefill {
  kind: PermitKind | null;
  date: string;
  lat: number | null;
  lon: number | null;
  reason: string;
}

export function readPermitPrefill(params: URLSearchParams): PermitPrefill {
  const kind = params.get('jenis') ?? '';
  const date = params.get('tanggal') ?? '';
  const coordinate = (key: string, limit: number) => {
    const raw = params.get(key);
    const n = raw === null || raw.trim() === '' ? Number.NaN : Number(raw);
    return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
  };
  return {
    kind: (PERMIT_KINDS as readonly string[]).includes(kind) ? (kind as PermitKind) : null,
    date: YMD.test(date) ? date : '',
    lat: coordinate('lat', 90),
    lon: coordinate('lon', 180),
    reason: (params.get('alasan') ?? '').slice(0, MAX_REASON),
  };
}

/** The correction form's starting values from its address (read once, when the form first renders). */
export function useCorrectionPrefill(): CorrectionPrefill {
  const [params] = useSearchParams();
  return useState(() => readCorrectionPrefill(params))[0];
}

/** The permit form's starting values from its address (read once, when the form first renders). */
export function usePermitPrefill(): PermitPrefill {
  const [params] = useSearchParams();
  return useState(() => readPermitPrefill(params))[0];
}
