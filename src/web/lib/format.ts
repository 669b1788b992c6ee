/** UI formatting: dd/MM/yyyy dates, 24-hour clock with WIB/WITA/WIT, Rupiah, spaced NIP. */

export type IndonesianTimeZone = 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';

const ZONE_LABELS: Record<IndonesianTimeZone, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** WIB / WITA / WIT for an IANA zone (the zone name itself when not Indonesian). */
export function zoneLabel(timeZone: string): string {
  return (ZONE_LABELS as Record<string, string | undefined>)[timeZone] ?? timeZone;
}

/** The browser's zone when it is an Indonesian one, else WIB. */
export function defaultTimeZone(): IndonesianTimeZone {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone === 'Asia/Makassar' || zone === 'Asia/Jayapura') return zone;
  return 'Asia/Jakarta';
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A calendar date as dd/MM/yyyy. Accepts 'yyyy-MM-dd' (shown as is, no zone shift) or a full ISO timestamp
 * (converted to the given zone first). Empty input gives '—'.
 */
export function formatDate(value: string | null | undefined, timeZone: string = defaultTimeZone()): string {
  if (!value) return '—';
  const local = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (local) return `${local[3]}/${local[2]}/${local[1]}`;
  const parts = zonedParts(value, timeZone);
  return parts ? `${parts.day}/${parts.month}/${parts.year}` : value;
}

/** A timestamp as "dd/MM/yyyy HH:mm WIB" in the given zone (24-hour clock). */
export function formatDateTime(
  value: string | null | undefined,
  timeZone: string = defaultTimeZone(),
): string {
  if (!value) return '—';
  const parts = zonedParts(value, timeZone);
  if (!parts) return value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute} ${zoneLabel(timeZone)}`;
}

function zonedParts(value: string, timeZone: string) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const get = (type: string) => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** Rupiah with dots as thousands separators: `Rp 1.234.567` (negative: `-Rp 1.234.567`). */
export function formatRupiah(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  const rounded = Math.round(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${rounded < 0 ? '-' : ''}Rp ${digits}`;
}

/** Thousands-separated integer, Indonesian style: 12.345. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const rounded = Math.round(value);
  return `${rounded < 0 ? '-' : ''}${String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

/** An 18-digit NIP as "19850312 201001 1 003" (birth date, TMT, gender, sequence). Other values unchanged. */
export function formatNip(nip: string | null | undefined): string {
  if (!nip) return '—';
  const digits = nip.replace(/\s+/g, '');
  if (!/^\d{18}$/.test(digits)) return nip;
  return `${digits.slice(0, 8)} ${digits.slice(8, 14)} ${digits.slice(14, 15)} ${digits.slice(15)}`;
}

/** File sizes in KB/MB with an Indonesian decimal comma. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
}

/** Whether y-m-d is a real calendar date. */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

/**
 * Parses what a user typed in a date field: dd/MM/yyyy (also with - or .) or yyyy-MM-dd.
 * Returns 'yyyy-MM-dd', '' for empty input, or null when invalid.
 */
export function parseDateInput(input: string): string | null {
  const value = input.trim();
  if (value === '') return '';
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? value : null;
  }
  return null;
}

/** A timestamp (ISO string or epoch ms) as a 24-hour "HH:mm" (with seconds when asked) plus WIB/WITA/WIT. */
export function formatTime(
  value: string | number | null | undefined,
  timeZone: string = defaultTimeZone(),
  options: { seconds?: boolean; zone?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: options.seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const time = options.seconds
    ? `${get('hour')}:${get('minute')}:${get('second')}`
    : `${get('hour')}:${get('minute')}`;
  return options.zone === false ? time : `${time} ${zoneLabel(timeZone)}`;
}

/** The calendar date (yyyy-MM-dd) of an instant in a zone, e.g. today's date for a unit. */
export function localDateIn(value: number | string | Date, timeZone: string = defaultTimeZone()): string {
  const date = value instanceof Date ? value : new Date(value);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
