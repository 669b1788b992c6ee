/**
 * Internal attendance status codes. Names follow the regional apps (regulations.md §4.3) but are kept
 * distinct where the field collides: `TL1`–`TL4` are *terlambat* (late) bands, never *tugas luar*;
 * tugas luar is `TGL`. Source: regulations.md §4.3 ("Recommend distinct codes TLB vs TGL internally"), §5.3.
 */

/** Lateness bands (terlambat). Source: regulations.md §5.3 (TL1–TL4). */
export const LATE_BANDS = ['TL1', 'TL2', 'TL3', 'TL4'] as const;
export type LateBand = (typeof LATE_BANDS)[number];

/** Early-leave bands (pulang sebelum waktunya). Source: regulations.md §5.3 (PSW1–PSW4). */
export const EARLY_BANDS = ['PSW1', 'PSW2', 'PSW3', 'PSW4'] as const;
export type EarlyBand = (typeof EARLY_BANDS)[number];

/** Leave (cuti) codes. Source: PP 11/2017 Pasal 310; PP 49/2018 Pasal 77; regulations.md §4.1–4.2. */
export const LEAVE_CODES = ['CT', 'CB', 'CS', 'CM', 'CAP', 'CLTN', 'CBER'] as const;
export type LeaveCode = (typeof LEAVE_CODES)[number];

/** Permits and assignments. Source: regulations.md §4.3. */
export const PERMIT_CODES = ['I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT', 'DSP'] as const;
export type PermitCode = (typeof PERMIT_CODES)[number];

/**
 * The primary code of a day.
 * - `H`: present (hadir), possibly with a late and/or early band carried separately;
 * - `TK`: tanpa keterangan (unexcused absence), counts toward PP 94/2021 Pasal 4 huruf f;
 * - leave / permit / assignment codes;
 * - `LIBUR`: not a working day for this employee (weekend, holiday, cuti bersama for units that observe it, off-shift).
 */
export const DAY_CODES = ['H', 'TK', 'LIBUR', ...LEAVE_CODES, ...PERMIT_CODES] as const;
export type DayCode = (typeof DAY_CODES)[number];

/** Where the day was worked. Source: PermenPANRB 4/2025 (flexible location), regulations.md §3.3. */
export const WORK_LOCATIONS = ['WFO', 'WFH', 'WFA'] as const;
export type WorkLocation = (typeof WORK_LOCATIONS)[number];
