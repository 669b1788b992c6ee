import { describe, expect, it } from 'vitest';
import {
  parseTerminalDateTime,
  parseTerminalLog,
  parseTerminalUserCsv,
  splitCsvLine,
  terminalIdempotencyKey,
  terminalInstant,
} from './terminal-log.ts';

/** A ZKTeco attlog line as the terminal writes it: id left-padded, tab-separated, workcode and reserved. */
const att = (id: string, dt: string, status = 0, verify = 1) =>
  `${id.padStart(9)}\t${dt}\t${status}\t${verify}\t0\t0`;

describe('parseTerminalLog: ZKTeco attlog', () => {
  it('reads padded ids, local wall-clock time, status → kind and verify mode labels', () => {
    const text = [
      att('1', '2026-01-14 07:31:02', 0, 1),
      att('1', '2026-01-14 16:05:40', 1, 15),
      att('23', '2026-01-14 12:00:00', 2, 2),
      att('23', '2026-01-14 13:00:00', 3, 0),
      att('23', '2026-01-14 17:00:00', 4, 1),
      att('23', '2026-01-14 20:00:00', 5, 1),
      att('7', '2026-01-14 08:00:00', 255, 9),
    ].join('\r\n');
    const r = parseTerminalLog(text, { serial: 'SN-A' });
    expect(r.format).toBe('ATTLOG');
    expect(r.errors).toEqual([]);
    expect(r.totalLines).toBe(7);
    expect(r.entries[0]).toEqual({
      line: 1,
      terminalUserId: '1',
      date: '2026-01-14',
      secondOfDay: 7 * 3600 + 31 * 60 + 2,
      localDateTime: '2026-01-14 07:31:02',
      status: 0,
      kind: 'IN',
      verifyMode: 1,
      verifyLabel: 'FINGERPRINT',
      workcode: null,
      serial: 'SN-A',
    });
    expect(r.entries.map((e) => [e.line, e.terminalUserId, e.kind, e.verifyLabel])).toEqual([
      [1, '1', 'IN', 'FINGERPRINT'],
      [2, '1', 'OUT', 'FACE'],
      [3, '23', 'OUT', 'CARD'],
      [4, '23', 'IN', 'PASSWORD'],
      [5, '23', 'IN', 'FINGERPRINT'],
      [6, '23', 'OUT', 'FINGERPRINT'],
      [7, '7', 'ANY', 'MODE_9'],
    ]);
  });

  it('reads space-separated lines, a workcode, and lines without the reserved fields', () => {
    const r = parseTerminalLog('  105 2026-03-02 07:05:00 0 1 42\n105 2026-03-02 16:30 1 1\n');
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => [e.terminalUserId, e.localDateTime, e.workcode, e.serial])).toEqual([
      ['105', '2026-03-02 07:05:00', '42', null],
      ['105', '2026-03-02 16:30:00', null, null],
    ]);
  });

  it('skips empty lines silently and keeps the file line numbers', () => {
    const r = parseTerminalLog(
      `\n${att('1', '2026-01-14 07:00:00')}\n\n   \n${att('2', '2026-01-14 07:01:00')}\n\n`,
    );
    expect(r.totalLines).toBe(2);
    expect(r.entries.map((e) => e.line)).toEqual([2, 5]);
  });

  const broken: [string, string, string][] = [
    [
      'a date that does not exist',
      att('1', '2026-02-30 07:00:00'),
      'Tanggal 2026-02-30 tidak ada di kalender',
    ],
    ['an hour of 24', att('1', '2026-01-14 24:00:00'), 'Jam 24:00:00 tidak valid'],
    ['minutes of 61', att('1', '2026-01-14 07:61:00'), 'Jam 07:61:00 tidak valid'],
    ['a reset terminal clock', att('1', '1999-12-31 07:00:00'), 'Tahun 1999 di luar rentang yang wajar'],
    [
      'status and verify mode missing',
      '      1\t2026-01-14 07:00:00',
      'status dan mode verifikasi tidak ada',
    ],
    ['verify mode missing', '      1\t2026-01-14 07:00:00\t0', 'mode verifikasi tidak ada'],
    ['a status that is not a number', '1\t2026-01-14 07:00:00\tX\t1', 'Status "X" tidak valid'],
    ['a verify mode over 255', '1\t2026-01-14 07:00:00\t0\t999', 'Mode verifikasi "999" tidak valid'],
    ['garbage', '%%%% garbage', 'Kolom tidak lengkap'],
    ['a date in words', '1 kemarin pagi 0 1', 'Tanggal-waktu "kemarin pagi" tidak dikenali'],
    ['a user id with odd characters', '1/2\t2026-01-14 07:00:00\t0\t1', 'ID pengguna "1/2" tidak valid'],
  ];
  it.each(broken)('reports %s with its line and reason', (_name, bad, message) => {
    const text = [att('1', '2026-01-14 07:00:00'), bad, att('2', '2026-01-14 07:05:00')].join('\n');
    const r = parseTerminalLog(text);
    expect(r.totalLines).toBe(3);
    expect(r.entries.map((e) => e.line)).toEqual([1, 3]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.line).toBe(2);
    expect(r.errors[0]!.message).toContain(message);
  });

  it('refuses a binary file as one error', () => {
    const r = parseTerminalLog('PK\u0003\u0004\u0000\u0000garbage');
    expect(r.entries).toEqual([]);
    expect(r.errors).toEqual([{ line: 1, message: 'Berkas bukan teks log presensi (berkas biner)' }]);
  });

  it('an empty file has no lines', () => {
    expect(parseTerminalLog('\n\n')).toEqual({ format: 'ATTLOG', totalLines: 0, entries: [], errors: [] });
  });
});

describe('parseTerminalLog: CSV with a header', () => {
  it('reads the documented columns with a serial per line', () => {
    const text = [
      'user_id,datetime,status,verify_mode,device_serial',
      '12,2026-01-14 07:30:00,0,1,SN-1',
      '12,2026-01-14 16:00:00,1,15,',
    ].join('\n');
    const r = parseTerminalLog(text, { serial: 'SN-FORM' });
    expect(r.format).toBe('CSV');
    expect(r.totalLines).toBe(2);
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => [e.line, e.localDateTime, e.kind, e.verifyLabel, e.serial])).toEqual([
      [2, '2026-01-14 07:30:00', 'IN', 'FINGERPRINT', 'SN-1'],
      [3, '2026-01-14 16:00:00', 'OUT', 'FACE', 'SN-FORM'],
    ]);
  });

  const variants: [string, string, string][] = [
    [
      'semicolons, dd/MM/yyyy without seconds, labels',
      'No. ID;Tanggal Waktu;Status;Verifikasi;SN\n0012;14/01/2026 07:30;C/In;FP;A1',
      '0012|2026-01-14 07:30:00|IN|FINGERPRINT|A1',
    ],
    [
      'BioTime-style names, ISO T, AM/PM',
      'Badge Number,Punch Time,Punch State,Verify Type,Serial Number\n9,2026-01-14T04:15:09 PM,Check Out,Face,B2',
      '9|2026-01-14 16:15:09|OUT|FACE|B2',
    ],
    [
      'separate date and time columns, status and verify left out',
      'PIN,Tanggal,Jam\n5,14-01-2026,07.05',
      '5|2026-01-14 07:05:00|ANY|UNKNOWN|null',
    ],
    [
      'quoted cells with a comma, tab-separated header',
      'user id\tdate time\tstatus\tverify mode\n"44"\t"2026-01-14 07:00:00"\t0\t2',
      '44|2026-01-14 07:00:00|IN|CARD|null',
    ],
  ];
  it.each(variants)('tolerates %s', (_name, text, expected) => {
    const r = parseTerminalLog(text);
    expect(r.errors).toEqual([]);
    const e = r.entries[0]!;
    expect([e.terminalUserId, e.localDateTime, e.kind, e.verifyLabel, String(e.serial)].join('|')).toBe(
      expected,
    );
  });

  const broken: [string, string, string][] = [
    ['an empty user id', ',2026-01-14 07:00:00,0,1', 'ID pengguna kosong'],
    ['an empty date', '3,,0,1', 'Tanggal-waktu kosong'],
    ['31 April', '3,31/04/2026 07:00,0,1', 'Tanggal 2026-04-31 tidak ada di kalender'],
    ['an unknown status label', '3,2026-01-14 07:00:00,lunch,1', 'Status "lunch" tidak dikenali'],
    ['an unknown verify label', '3,2026-01-14 07:00:00,0,iris', 'Mode verifikasi "iris" tidak dikenali'],
    ['a date in US order past the 12th month', '3,01/14/2026 07:00,0,1', 'Tanggal 2026-14-01 tidak ada'],
  ];
  it.each(broken)('reports %s', (_name, bad, message) => {
    const r = parseTerminalLog(`user_id,datetime,status,verify_mode\n1,2026-01-14 07:00:00,0,1\n${bad}\n`);
    expect(r.entries).toHaveLength(1);
    expect(r.errors).toEqual([{ line: 3, message: expect.stringContaining(message) }]);
  });

  it('treats header-less comma lines as attlog columns', () => {
    const r = parseTerminalLog('1,2026-01-14 07:00:00,0,1\n2;2026-01-14 07:01:00;1;15');
    expect(r.format).toBe('ATTLOG');
    expect(r.errors).toEqual([]);
    expect(r.entries.map((e) => [e.terminalUserId, e.kind])).toEqual([
      ['1', 'IN'],
      ['2', 'OUT'],
    ]);
  });
});

describe('terminal times and keys', () => {
  const [entry] = parseTerminalLog(att('1', '2026-01-14 07:30:15')).entries;

  it('converts the wall-clock time with the zone of the unit (WIB +7, WITA +8, WIT +9)', () => {
    expect(new Date(terminalInstant(entry!, 'Asia/Jakarta')).toISOString()).toBe('2026-01-14T00:30:15.000Z');
    expect(new Date(terminalInstant(entry!, 'Asia/Makassar')).toISOString()).toBe('2026-01-13T23:30:15.000Z');
    expect(new Date(terminalInstant(entry!, 'Asia/Jayapura')).toISOString()).toBe('2026-01-13T22:30:15.000Z');
  });

  it('keys a punch by serial, user id and wall-clock time', () => {
    expect(terminalIdempotencyKey(entry!, 'SN-1')).toBe('terminal:SN-1:1:2026-01-14 07:30:15');
    expect(terminalIdempotencyKey(entry!, null)).toBe('terminal::1:2026-01-14 07:30:15');
  });

  it('parses the accepted date-time forms and refuses the rest', () => {
    const ok = (s: string) => {
      const r = parseTerminalDateTime(s);
      return r.ok ? `${r.date} ${r.secondOfDay}` : r.message;
    };
    expect(ok('2026-01-14 07:30:15')).toBe('2026-01-14 27015');
    expect(ok('2026/1/4 7:05')).toBe('2026-01-04 25500');
    expect(ok('04.01.2026 12:00 AM')).toBe('2026-01-04 0');
    expect(ok('2024-02-29 00:00:00')).toBe('2024-02-29 0');
    expect(ok('2025-02-29 00:00:00')).toBe('Tanggal 2025-02-29 tidak ada di kalender');
    expect(ok('2026-01-14 7:5')).toBe('Jam 7:5 tidak valid');
    expect(ok('2026-01-14 07:30:00+07:00')).toContain('tidak dikenali');
  });
});

describe('parseTerminalUserCsv', () => {
  it('reads ids, NIPs with spaces and an optional serial; reports empty cells', () => {
    const r = parseTerminalUserCsv(
      'terminal_user_id;nip;serial\n1;19800101 200501 1 001;\n2;NA-0001;SN-9\n;1980;\n3;;\n',
    );
    expect(r.totalLines).toBe(4);
    expect(r.rows).toEqual([
      { line: 2, terminalUserId: '1', employeeKey: '198001012005011001', serial: null },
      { line: 3, terminalUserId: '2', employeeKey: 'NA-0001', serial: 'SN-9' },
    ]);
    expect(r.errors).toEqual([
      { line: 4, message: 'ID pengguna mesin kosong' },
      { line: 5, message: 'NIP (atau nomor induk internal) kosong' },
    ]);
  });

  it('needs a header with both columns', () => {
    expect(parseTerminalUserCsv('a,b\n1,2').errors).toEqual([
      { line: 1, message: 'Baris judul harus memuat kolom terminal_user_id dan nip (opsional: serial)' },
    ]);
  });

  it('splits quoted cells', () => {
    expect(splitCsvLine('"a,b", c ,"say ""hi"""', ',')).toEqual(['a,b', 'c', 'say "hi"']);
  });
});
