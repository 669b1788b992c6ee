/**
 * Reading the attendance logs of fingerprint/face terminals: the ZKTeco-style `attlog` text (one punch per line,
 * tab- or space-separated: user id, `YYYY-MM-DD HH:mm:ss`, status, verify mode, optional workcode and reserved
 * fields) and CSV exports with a header row. Every line becomes either a log entry or an error with its line
 * number and an Indonesian message; empty lines are skipped. Pure: the text is an argument, nothing is read.
 * A terminal keeps local wall-clock time of the zone it stands in (no offset in the file), so an entry carries
 * the local date and time, and `terminalInstant` turns it into an instant once the zone is known.
 * Source: ZKTeco attlog / `GetAttLog` record layout (market.md §3 row "Biometric devices", §4 note on
 * `GetAttLog`); Keppres 41/1987 (WIB/WITA/WIT, no daylight saving).
 */
import { isLocalDate, type LocalDate } from '../common/local-date.ts';
import { fromZoned, type IndonesianTimeZone } from '../common/zoned-time.ts';

/** The direction of a punch as the terminal's status key says (ANY when the terminal does not tell). */
export type TerminalPunchKind = 'IN' | 'OUT' | 'ANY';

/** ZKTeco status codes (the key pressed or the mode of the terminal). Unlisted codes count as ANY. */
export const TERMINAL_STATUSES: Record<number, { kind: TerminalPunchKind; label: string }> = {
  0: { kind: 'IN', label: 'Masuk' },
  1: { kind: 'OUT', label: 'Pulang' },
  2: { kind: 'OUT', label: 'Keluar istirahat' },
  3: { kind: 'IN', label: 'Kembali istirahat' },
  4: { kind: 'IN', label: 'Masuk lembur' },
  5: { kind: 'OUT', label: 'Pulang lembur' },
  255: { kind: 'ANY', label: 'Tidak ditentukan' },
};

/** ZKTeco verify modes; other numbers are kept as `MODE_<n>`. */
export const VERIFY_MODES: Record<number, string> = {
  0: 'PASSWORD',
  1: 'FINGERPRINT',
  2: 'CARD',
  15: 'FACE',
};

/** One punch read from a terminal log. */
export interface TerminalLogEntry {
  /** Line number in the file (1-based; a CSV header is line 1). */
  line: number;
  terminalUserId: string;
  /** The terminal's local (wall-clock) date and time. */
  date: LocalDate;
  secondOfDay: number;
  /** `YYYY-MM-DD HH:mm:ss`, the terminal's wall-clock time (also part of the idempotency key). */
  localDateTime: string;
  /** Status code as written (255 when a CSV leaves it empty). */
  status: number;
  kind: TerminalPunchKind;
  /** Verify mode code, or null when a CSV does not give one. */
  verifyMode: number | null;
  /** `PASSWORD`, `FINGERPRINT`, `CARD`, `FACE`, `MODE_<n>` or `UNKNOWN`. */
  verifyLabel: string;
  workcode: string | null;
  /** Device serial from the file, else the one given by the caller, else null. */
  serial: string | null;
}

export interface TerminalLogError {
  line: number;
  message: string;
}

export interface ParsedTerminalLog {
  format: 'ATTLOG' | 'CSV';
  /** Non-empty data lines (a CSV header is not counted): entries + errors. */
  totalLines: number;
  entries: TerminalLogEntry[];
  errors: TerminalLogError[];
}

const USER_ID_RE = /^[A-Za-z0-9_.-]{1,50}$/;
const DATE_PART = String.raw`\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}`;
const TIME_PART = String.raw`\d{1,2}[:.]\d{1,2}(?:[:.]\d{1,2})?(?:\s*[AaPp]\.?[Mm]\.?)?`;
const DATETIME_RE = new RegExp(String.raw`^(${DATE_PART})(?:[ T]+|\s*,\s*)(${TIME_PART})$`);
/** Attlog line (or a header-less delimited line): user id, date-time, then the rest. */
const ATTLOG_RE = new RegExp(
  String.raw`^\s*([^\s,;]+)[\s,;]+(${DATE_PART})(?:[ T]+|\s*[,;\t]\s*)(${TIME_PART})(?:[\s,;]+(.*))?$`,
);

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A terminal's date-time text as local date + second of day: `YYYY-MM-DD HH:mm[:ss]`, `YYYY/MM/DD …`,
 * `dd/MM/yyyy HH:mm[:ss]`, `dd-MM-yyyy …`, `dd.MM.yyyy …`, an ISO `T`, `07.30` for the time, an optional AM/PM.
 * Years outside 2000–2099 are refused (a terminal whose clock was reset writes such dates).
 * @returns the parts, or an Indonesian message saying what is wrong
 */
export function parseTerminalDateTime(
  text: string,
): { ok: true; date: LocalDate; secondOfDay: number } | { ok: false; message: string } {
  const s = text.trim();
  const m = DATETIME_RE.exec(s);
  if (!m)
    return {
      ok: false,
      message: `Tanggal-waktu "${s}" tidak dikenali (gunakan YYYY-MM-DD HH:mm:ss atau dd/MM/yyyy HH:mm)`,
    };
  const d = m[1]!.split(/[-/.]/).map(Number) as [number, number, number];
  const [y, mo, day] = /^\d{4}/.test(m[1]!) ? d : [d[2], d[1], d[0]];
  const date = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(day)}`;
  if (!isLocalDate(date)) return { ok: false, message: `Tanggal ${date} tidak ada di kalender` };
  if (y < 2000 || y > 2099)
    return { ok: false, message: `Tahun ${y} di luar rentang yang wajar (2000–2099); periksa jam mesin` };
  const t = /^(\d{1,2})[:.](\d{1,2})(?:[:.](\d{1,2}))?\s*(?:([AaPp])\.?[Mm]\.?)?$/.exec(m[2]!)!;
  let h = Number(t[1]);
  const mi = Number(t[2]);
  const sec = t[3] === undefined ? 0 : Number(t[3]);
  const ampm = t[4]?.toUpperCase();
  if (ampm) {
    if (h < 1 || h > 12) return { ok: false, message: `Jam ${m[2]} tidak valid` };
    h = (h % 12) + (ampm === 'P' ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 59 || t[2]!.length !== 2 || (t[3] !== undefined && t[3].length !== 2))
    return { ok: false, message: `Jam ${m[2]} tidak valid` };
  return { ok: true, date, secondOfDay: h * 3600 + mi * 60 + sec };
}

/** `YYYY-MM-DD HH:mm:ss` of a local date and second of day. */
export function formatLocalDateTime(date: LocalDate, secondOfDay: number): string {
  const h = Math.floor(secondOfDay / 3600);
  const mi = Math.floor((secondOfDay % 3600) / 60);
  return `${date} ${pad2(h)}:${pad2(mi)}:${pad2(secondOfDay % 60)}`;
}

/**
 * The instant (epoch ms) of a terminal's wall-clock time in the zone the terminal stands in.
 * Source: Keppres 41/1987 (fixed offsets: WIB +7, WITA +8, WIT +9).
 */
export function terminalInstant(
  e: Pick<TerminalLogEntry, 'date' | 'secondOfDay'>,
  zone: IndonesianTimeZone,
): number {
  return fromZoned(e.date, Math.floor(e.secondOfDay / 60), zone) + (e.secondOfDay % 60) * 1000;
}

/**
 * The idempotency key of a terminal punch: `terminal:<serial>:<userId>:<YYYY-MM-DD HH:mm:ss>` (empty serial
 * when unknown). The same log line imported twice, or in two overlapping files, gives the same key.
 */
export function terminalIdempotencyKey(
  e: Pick<TerminalLogEntry, 'terminalUserId' | 'localDateTime'>,
  serial: string | null,
): string {
  return `terminal:${serial ?? ''}:${e.terminalUserId}:${e.localDateTime}`;
}

/** Status code and kind from a number or a common export label (`C/In`, `Check Out`, `Masuk`, …). */
function parseStatus(raw: string): { ok: true; status: number } | { ok: false; message: string } {
  const s = raw.trim();
  if (s === '') return { ok: true, status: 255 };
  if (/^\d{1,3}$/.test(s) && Number(s) <= 255) return { ok: true, status: Number(s) };
  const key = s.toLowerCase().replace(/[^a-z]/g, '');
  const byLabel: Record<string, number> = {
    cin: 0,
    checkin: 0,
    in: 0,
    i: 0,
    masuk: 0,
    datang: 0,
    cout: 1,
    checkout: 1,
    out: 1,
    o: 1,
    pulang: 1,
    breakout: 2,
    keluar: 2,
    istirahat: 2,
    breakin: 3,
    outback: 3,
    kembali: 3,
    otin: 4,
    overtimein: 4,
    masuklembur: 4,
    otout: 5,
    overtimeout: 5,
    pulanglembur: 5,
  };
  const status = byLabel[key];
  return status === undefined
    ? { ok: false, message: `Status "${s}" tidak dikenali (angka 0–255, mis. 0 masuk, 1 pulang)` }
    : { ok: true, status };
}

/** Verify mode code from a number or a common export label (`FP`, `Face`, `Kartu`, …). */
function parseVerify(raw: string): { ok: true; mode: number | null } | { ok: false; message: string } {
  const s = raw.trim();
  if (s === '') return { ok: true, mode: null };
  if (/^\d{1,3}$/.test(s) && Number(s) <= 255) return { ok: true, mode: Number(s) };
  const key = s.toLowerCase().replace(/[^a-z]/g, '');
  const byLabel: Record<string, number> = {
    password: 0,
    pwd: 0,
    pin: 0,
    katasandi: 0,
    sandi: 0,
    fingerprint: 1,
    fp: 1,
    finger: 1,
    sidikjari: 1,
    card: 2,
    kartu: 2,
    rfid: 2,
    face: 15,
    wajah: 15,
  };
  const mode = byLabel[key];
  return mode === undefined
    ? { ok: false, message: `Mode verifikasi "${s}" tidak dikenali (angka, mis. 1 sidik jari, 15 wajah)` }
    : { ok: true, mode };
}

function verifyLabelOf(mode: number | null): string {
  if (mode === null) return 'UNKNOWN';
  return VERIFY_MODES[mode] ?? `MODE_${mode}`;
}

function kindOf(status: number): TerminalPunchKind {
  return TERMINAL_STATUSES[status]?.kind ?? 'ANY';
}

const cleanSerial = (s: string | null | undefined) => {
  const t = (s ?? '').trim();
  return t === '' ? null : t.slice(0, 100);
};

/** Split one CSV line on `delimiter`, honouring double quotes (`""` is a quote inside a quoted cell). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (c === delimiter) {
      cells.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** The delimiter of a CSV header line: the most frequent of `;`, `,` and tab. */
export function detectDelimiter(header: string): string {
  const count = (ch: string) => header.split(ch).length - 1;
  return [';', ',', '\t'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** Lower case, anything but letters and digits → `_`. */
export const normalizeHeaderCell = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

const HEADER = {
  userId: [
    'user_id',
    'userid',
    'user',
    'id',
    'pin',
    'no',
    'no_id',
    'id_pengguna',
    'id_user',
    'enroll_number',
    'enrollnumber',
    'enroll_no',
    'ac_no',
    'acno',
    'badge',
    'badgenumber',
    'badge_number',
    'terminal_user_id',
    'id_mesin',
    'uid',
    'emp_no',
  ],
  dateTime: [
    'datetime',
    'date_time',
    'tanggal_waktu',
    'tanggal_jam',
    'tgl_jam',
    'check_time',
    'checktime',
    'timestamp',
    'time_stamp',
    'punch_time',
    'att_time',
    'log_time',
    'scan_time',
    'waktu_absen',
    'waktu_presensi',
  ],
  date: ['date', 'tanggal', 'tgl'],
  time: ['time', 'jam', 'waktu'],
  status: [
    'status',
    'state',
    'check_type',
    'checktype',
    'in_out',
    'inout',
    'punch_state',
    'att_state',
    'status_absen',
    'jenis',
  ],
  verify: [
    'verify_mode',
    'verifymode',
    'verify',
    'verify_type',
    'verifytype',
    'verify_code',
    'verification',
    'verifikasi',
    'mode_verifikasi',
    'mode',
  ],
  serial: [
    'device_serial',
    'serial',
    'sn',
    'serial_number',
    'serialnumber',
    'device_sn',
    'terminal_serial',
    'sn_mesin',
    'no_mesin',
    'mesin',
    'device',
  ],
  workcode: ['workcode', 'work_code', 'kode_kerja'],
} as const;

type HeaderKey = keyof typeof HEADER;

/** Column index per known field of a normalised header row. */
function headerColumns(cells: string[]): Partial<Record<HeaderKey, number>> {
  const names = cells.map(normalizeHeaderCell);
  const out: Partial<Record<HeaderKey, number>> = {};
  for (const key of Object.keys(HEADER) as HeaderKey[]) {
    for (const alias of HEADER[key]) {
      const i = names.indexOf(alias);
      if (i >= 0) {
        out[key] = i;
        break;
      }
    }
  }
  return out;
}

/** A header row names at least the user id and the time (one column, or date and time). */
function isHeader(cols: Partial<Record<HeaderKey, number>>): boolean {
  return cols.userId !== undefined && (cols.dateTime !== undefined || cols.date !== undefined);
}

function parseAttlogLine(
  text: string,
  line: number,
  serial: string | null,
): TerminalLogEntry | TerminalLogError {
  const m = ATTLOG_RE.exec(text);
  if (!m) {
    const tokens = text.trim().split(/[\s,;]+/);
    if (tokens.length < 4)
      return {
        line,
        message: 'Kolom tidak lengkap: perlu ID pengguna, tanggal-waktu, status dan mode verifikasi',
      };
    if (!USER_ID_RE.test(tokens[0]!))
      return { line, message: `ID pengguna "${tokens[0]!.slice(0, 60)}" tidak valid` };
    return {
      line,
      message: `Tanggal-waktu "${tokens.slice(1, 3).join(' ').slice(0, 60)}" tidak dikenali (gunakan YYYY-MM-DD HH:mm:ss)`,
    };
  }
  const [, userId, datePart, timePart, rest] = m;
  if (!USER_ID_RE.test(userId!))
    return { line, message: `ID pengguna "${userId!.slice(0, 60)}" tidak valid` };
  const dt = parseTerminalDateTime(`${datePart} ${timePart}`);
  if (!dt.ok) return { line, message: dt.message };
  const fields = (rest ?? '').trim() === '' ? [] : rest!.trim().split(/[\s,;]+/);
  if (fields.length < 2)
    return {
      line,
      message:
        fields.length === 0
          ? 'Kolom tidak lengkap: status dan mode verifikasi tidak ada'
          : 'Kolom tidak lengkap: mode verifikasi tidak ada',
    };
  if (!/^\d{1,3}$/.test(fields[0]!) || Number(fields[0]) > 255)
    return { line, message: `Status "${fields[0]!.slice(0, 30)}" tidak valid (angka 0–255)` };
  if (!/^\d{1,3}$/.test(fields[1]!) || Number(fields[1]) > 255)
    return { line, message: `Mode verifikasi "${fields[1]!.slice(0, 30)}" tidak valid (angka 0–255)` };
  const status = Number(fields[0]);
  const verifyMode = Number(fields[1]);
  const workcode = fields[2] && fields[2] !== '0' ? fields[2].slice(0, 50) : null;
  return {
    line,
    terminalUserId: userId!,
    date: dt.date,
    secondOfDay: dt.secondOfDay,
    localDateTime: formatLocalDateTime(dt.date, dt.secondOfDay),
    status,
    kind: kindOf(status),
    verifyMode,
    verifyLabel: verifyLabelOf(verifyMode),
    workcode,
    serial,
  };
}

function parseCsvRow(
  cells: string[],
  cols: Partial<Record<HeaderKey, number>>,
  line: number,
  fallbackSerial: string | null,
): TerminalLogEntry | TerminalLogError {
  const cell = (k: HeaderKey) => (cols[k] === undefined ? '' : (cells[cols[k]] ?? ''));
  const userId = cell('userId').replace(/^'/, '');
  if (userId === '') return { line, message: 'ID pengguna kosong' };
  if (!USER_ID_RE.test(userId)) return { line, message: `ID pengguna "${userId.slice(0, 60)}" tidak valid` };
  let dtText = cols.dateTime !== undefined ? cell('dateTime') : cell('date');
  if (cols.dateTime === undefined && cols.time !== undefined) dtText = `${cell('date')} ${cell('time')}`;
  if (dtText.trim() === '') return { line, message: 'Tanggal-waktu kosong' };
  const dt = parseTerminalDateTime(dtText);
  if (!dt.ok) return { line, message: dt.message };
  const st = parseStatus(cell('status'));
  if (!st.ok) return { line, message: st.message };
  const vm = parseVerify(cell('verify'));
  if (!vm.ok) return { line, message: vm.message };
  const workcode = cell('workcode').trim();
  return {
    line,
    terminalUserId: userId,
    date: dt.date,
    secondOfDay: dt.secondOfDay,
    localDateTime: formatLocalDateTime(dt.date, dt.secondOfDay),
    status: st.status,
    kind: kindOf(st.status),
    verifyMode: vm.mode,
    verifyLabel: verifyLabelOf(vm.mode),
    workcode: workcode === '' || workcode === '0' ? null : workcode.slice(0, 50),
    serial: cleanSerial(cell('serial')) ?? fallbackSerial,
  };
}

/**
 * Read a terminal log: ZKTeco attlog text (also header-less comma/semicolon lines in the same column order) or
 * a CSV with a header row (user id and date-time columns required; status, verify mode, device serial and
 * workcode optional; common header names of terminal software are recognised; `;`, `,` or tab).
 * @param text the file as text (a UTF-8 BOM is ignored)
 * @param opts.serial the device serial to use for lines that do not carry one
 * @returns every non-empty line as an entry or an error with its line number and an Indonesian message
 */
export function parseTerminalLog(text: string, opts: { serial?: string | null } = {}): ParsedTerminalLog {
  const serial = cleanSerial(opts.serial);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const entries: TerminalLogEntry[] = [];
  const errors: TerminalLogError[] = [];
  if (text.includes('\u0000')) {
    return {
      format: 'ATTLOG',
      totalLines: 1,
      entries,
      errors: [{ line: 1, message: 'Berkas bukan teks log presensi (berkas biner)' }],
    };
  }
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { format: 'ATTLOG', totalLines: 0, entries, errors };
  const headerLine = lines[first]!;
  const delimiter = detectDelimiter(headerLine);
  const cols = headerColumns(splitCsvLine(headerLine, delimiter));
  const csv = !ATTLOG_RE.test(headerLine) && isHeader(cols);
  let total = 0;
  for (let i = csv ? first + 1 : first; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    total++;
    const r = csv
      ? parseCsvRow(splitCsvLine(raw, delimiter), cols, i + 1, serial)
      : parseAttlogLine(raw, i + 1, serial);
    if ('terminalUserId' in r) entries.push(r);
    else errors.push(r);
  }
  return { format: csv ? 'CSV' : 'ATTLOG', totalLines: total, entries, errors };
}

/** One row of a terminal-user mapping file: which employee (NIP or internal number) a terminal id is. */
export interface TerminalUserRow {
  line: number;
  terminalUserId: string;
  /** NIP (spaces removed) or the internal number of a non-ASN employee. */
  employeeKey: string;
  serial: string | null;
}

/**
 * Read a mapping CSV `terminal_user_id,nip[,serial]` (header required; `;` or `,`; `user_id`/`pin`/`id` and
 * `nip`/`id_internal` accepted as column names).
 * @returns rows and per-line errors; a header without the two required columns is an error on line 1
 */
export function parseTerminalUserCsv(text: string): {
  rows: TerminalUserRow[];
  errors: TerminalLogError[];
  totalLines: number;
} {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const rows: TerminalUserRow[] = [];
  const errors: TerminalLogError[] = [];
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { rows, errors, totalLines: 0 };
  const delimiter = detectDelimiter(lines[first]!);
  const names = splitCsvLine(lines[first]!, delimiter).map(normalizeHeaderCell);
  const find = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const idCol = find(HEADER.userId);
  const nipCol = find(['nip', 'nip_pegawai', 'id_internal', 'nomor_induk', 'nik_pegawai', 'employee']);
  const serialCol = find(HEADER.serial);
  if (idCol < 0 || nipCol < 0) {
    return {
      rows,
      errors: [
        {
          line: first + 1,
          message: 'Baris judul harus memuat kolom terminal_user_id dan nip (opsional: serial)',
        },
      ],
      totalLines: 0,
    };
  }
  let total = 0;
  for (let i = first + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    total++;
    const cells = splitCsvLine(lines[i]!, delimiter);
    const id = (cells[idCol] ?? '').replace(/^'/, '').trim();
    const key = (cells[nipCol] ?? '').replace(/^'/, '').replace(/\s+/g, '');
    if (!USER_ID_RE.test(id)) {
      errors.push({
        line: i + 1,
        message: id === '' ? 'ID pengguna mesin kosong' : `ID pengguna "${id.slice(0, 60)}" tidak valid`,
      });
      continue;
    }
    if (key === '') {
      errors.push({ line: i + 1, message: 'NIP (atau nomor induk internal) kosong' });
      continue;
    }
    rows.push({
      line: i + 1,
      terminalUserId: id,
      employeeKey: key.slice(0, 50),
      serial: serialCol < 0 ? null : cleanSerial(cells[serialCol]),
    });
  }
  return { rows, errors, totalLines: total };
}
