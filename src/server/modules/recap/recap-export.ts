import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { LEAVE_CODES } from '../../../core/attendance/status-codes.ts';
import { EARLY_BAND_FIGURES, LATE_BAND_FIGURES } from '../../../core/recap/recap-figures.ts';
import { formatDateId, formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import { formatNip } from '../../../core/people/nip.ts';
import { isoWeekday } from '../../../core/common/local-date.ts';
import { csvLine, toCsv, type TableColumn } from '../../lib/table-export.ts';
import type { TaskIo } from '../../lib/worker-pool.ts';
import { renderPdf, renderPdfToFile, type Block, type PageSetup } from '../../documents/pdf.ts';
import { signatureBlock } from '../../documents/parts.ts';
import type { RecapService } from './recap-service.ts';

/** The late and early-leave band figures (TL1–TL4, PSW1–PSW4), in the recap's one list (core/recap/recap-figures.ts). */
const BAND_FIGURES = [...LATE_BAND_FIGURES, ...EARLY_BAND_FIGURES] as const;
/** "TL1 0, TL2 1, TL3 0, TL4 0" for a row. */
const bandText = (
  r: Record<(typeof BAND_FIGURES)[number], number>,
  bands: readonly (typeof BAND_FIGURES)[number][],
) => bands.map((f) => `${f.toUpperCase()} ${r[f]}`).join(', ');

/**
 * Exports of the monthly recap laid out like the *rekap absensi* forms regions print: title, unit and month,
 * one row per employee (No, Nama/NIP, Jabatan, HK, H, TL1–TL4, PSW1–PSW4, TK, I, S, C, DL, other permits,
 * minutes, TK-equivalent, apel %), the adjustments carried into the month, and the signature block
 * "Mengetahui, Kepala …". Per employee: the day-by-day calendar with codes and reasons.
 * Source: issue 5 point 7; regulations.md §4.3 (codes), §5.3–§5.4.
 */
export type UnitExport = Awaited<ReturnType<RecapService['unitExportData']>>;
export type EmployeeExport = Awaited<ReturnType<RecapService['employeeExportData']>>;
type Row = UnitExport['rows'][number];

const DAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];

export const TITLE = 'REKAPITULASI KEHADIRAN PEGAWAI';
const nip = (n: string | null) => (n ? formatNip(n) : '-');

/** Leave days except cuti bersama (which is not a working day). */
const LEAVE = LEAVE_CODES.filter((c) => c !== 'CBER');
const OTHER_PERMITS = ['TGL', 'TB', 'DIKLAT', 'DSP'];
const sumCodes = (r: Row, codes: readonly string[]) => codes.reduce((s, c) => s + (r.codeCounts[c] ?? 0), 0);

/** The columns of the unit form, in print order, with how each cell is read from a row. */
export const UNIT_COLUMNS: {
  header: string;
  key: string;
  width: number;
  value: (r: Row, i: number) => string | number;
}[] = [
  { header: 'No', key: 'no', width: 5, value: (_r, i) => i + 1 },
  { header: 'Nama / NIP', key: 'nama', width: 34, value: (r) => `${r.name}\n${nip(r.nip)}` },
  { header: 'Jabatan', key: 'jabatan', width: 26, value: (r) => r.positionName ?? '-' },
  { header: 'HK', key: 'hk', width: 6, value: (r) => r.workingDays },
  { header: 'H', key: 'h', width: 6, value: (r) => r.codeCounts.H ?? 0 },
  ...BAND_FIGURES.map((f) => ({ header: f.toUpperCase(), key: f, width: 6, value: (r: Row) => r[f] })),
  { header: 'TK', key: 'tk', width: 6, value: (r) => r.tkDays },
  { header: 'I', key: 'i', width: 5, value: (r) => r.codeCounts.I ?? 0 },
  { header: 'S', key: 's', width: 5, value: (r) => r.codeCounts.S ?? 0 },
  { header: 'C', key: 'c', width: 5, value: (r) => sumCodes(r, LEAVE) },
  { header: 'DL', key: 'dl', width: 5, value: (r) => r.codeCounts.DL ?? 0 },
  { header: 'Lain', key: 'lain', width: 6, value: (r) => sumCodes(r, OTHER_PERMITS) },
  { header: 'Menit Tlt', key: 'menitTlt', width: 9, value: (r) => r.lateMinutes },
  { header: 'Menit PSW', key: 'menitPsw', width: 9, value: (r) => r.earlyMinutes },
  { header: 'TK Ekuiv.', key: 'tkEkuiv', width: 9, value: (r) => r.tkEquivalentDays },
  { header: 'Apel %', key: 'apel', width: 8, value: (r) => (r.apelPercent === null ? '-' : r.apelPercent) },
];

/**
 * The warning an incomplete unit-month carries on its document (issue 13 point 2), or null: employee-days with
 * data not stored yet or waiting in the queue.
 */
export function incompleteNote(c: UnitExport['completeness']): string | null {
  if (c.complete) return null;
  const parts = [
    c.missingDays > 0 ? `${c.missingDays} hari-pegawai belum tersimpan` : null,
    c.queuedDays > 0 ? `${c.queuedDays} hari menunggu dihitung ulang` : null,
  ].filter(Boolean);
  return `PERHATIAN: data bulan ini belum lengkap (${parts.join(', ')}). Dokumen sementara, bukan rekap final.`;
}

function headerLines(d: Pick<UnitExport, 'unit' | 'month' | 'closing' | 'completeness'>) {
  const note = incompleteNote(d.completeness);
  return [
    TITLE,
    `Unit Kerja: ${d.unit.name}`,
    `Bulan: ${formatMonthId(d.month)}`,
    d.closing
      ? `Status: ditutup oleh ${d.closing.closedByName ?? '-'} pada ${formatDdMmYyyy(d.closing.closedAt.slice(0, 10))}`
      : 'Status: belum ditutup (sementara)',
    ...(note ? [note] : []),
  ];
}

/** Why a unit document carries no signature block, or null when it may be signed. */
function unsignedBecause(d: Pick<UnitExport, 'completeness'>, rows: number): string | null {
  if (rows === 0) return 'Tidak untuk ditandatangani: belum ada data rekap untuk bulan ini.';
  if (!d.completeness.complete) return 'Tidak untuk ditandatangani: data bulan ini belum lengkap.';
  return null;
}

/**
 * The signature block "Mengetahui, Kepala …" — only over a complete month with rows; otherwise the print date
 * and why it is not for signing (never a signature over "Belum ada data").
 */
function signature(
  d: { head: UnitExport['head']; unit: { name: string }; printedOn: string } & Pick<
    UnitExport,
    'completeness'
  >,
  rows: number,
) {
  const why = unsignedBecause(d, rows);
  if (why) return [`Dicetak ${formatDateId(d.printedOn)}`, why];
  return [
    `Dicetak ${formatDateId(d.printedOn)}`,
    'Mengetahui,',
    `Kepala ${d.unit.name}`,
    '',
    '',
    d.head?.name ?? '(..............................)',
    `NIP ${d.head?.nip ? formatNip(d.head.nip) : '..............................'}`,
  ];
}

const adjustmentLine = (a: UnitExport['adjustments'][number]) =>
  `${formatDdMmYyyy(a.localDate)} (bulan ${a.monthClosed}) ${a.employeeName}: ${a.oldCode ?? '-'} → ${a.newCode ?? '-'}` +
  (a.reason ? ` — ${a.reason}` : '');

// ---------------------------------------------------------------- unit: CSV / XLSX / PDF, streamed in a worker

/** Everything of a unit-month export but its rows; the rows come in pages from the main thread. */
export type UnitExportHeader = Omit<UnitExport, 'rows'> & { total: number };
type Format = 'xlsx' | 'pdf' | 'csv';

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * The export of a unit-month as a job spec (see jobs/job-service.ts): the rendering runs in a worker thread and
 * streams to a file, pulling the rows page by page. Source: issue 12 point 5.
 */
export function unitExportSpec(
  source: { header: UnitExportHeader; pages: (size: number) => AsyncIterable<Row[]> },
  format: Format,
) {
  const h = source.header;
  return {
    kind: `recap-unit-${format}`,
    params: { unitId: h.unit.id, month: h.month, format },
    fileName: `rekap-${h.unit.code.replace(/[^A-Za-z0-9._-]+/g, '-')}-${h.month}.${format}`,
    contentType: CONTENT_TYPES[format],
    task: { module: new URL(import.meta.url), fn: 'renderUnitExport', input: { header: h, format } },
    feed: () => source.pages(500),
  };
}

/** Worker task: write the unit-month export at `filePath` from the pages of rows. */
export async function renderUnitExport(
  input: { header: UnitExportHeader; format: Format; filePath: string },
  io: TaskIo<Row>,
): Promise<{ rows: number }> {
  const { header, format, filePath } = input;
  if (format === 'csv') return writeUnitCsv(header, io, filePath);
  if (format === 'xlsx') return writeUnitXlsx(header, io, filePath);
  return writeUnitPdf(header, io, filePath);
}

/** Write to a file stream, waiting when its buffer is full. */
async function put(out: WriteStream, s: string) {
  if (!out.write(s)) await once(out, 'drain');
}
async function finishStream(out: WriteStream) {
  out.end();
  await once(out, 'finish');
}

const CSV_FIXED_HEAD: TableColumn[] = [
  { header: 'No', key: 'no' },
  { header: 'NIP', key: 'nip' },
  { header: 'Nama', key: 'nama' },
  { header: 'Jabatan', key: 'jabatan' },
  { header: 'Unit', key: 'unit' },
  { header: 'HK', key: 'hk' },
];
const CSV_FIXED_TAIL: TableColumn[] = [
  ...BAND_FIGURES.map((f) => ({ header: f.toUpperCase(), key: f })),
  { header: 'Tanpa presensi masuk', key: 'missingIn' },
  { header: 'Tanpa presensi pulang', key: 'missingOut' },
  { header: 'TK', key: 'tk' },
  { header: 'Menit terlambat', key: 'late' },
  { header: 'Menit pulang cepat', key: 'early' },
  { header: 'TK ekuivalen (hari)', key: 'tkEq' },
  { header: 'WFO', key: 'wfo' },
  { header: 'WFH', key: 'wfh' },
  { header: 'WFA', key: 'wfa' },
  { header: 'Apel target', key: 'apelT' },
  { header: 'Apel hadir', key: 'apelA' },
  { header: 'Apel %', key: 'apelP' },
  { header: 'Penyesuaian', key: 'adj' },
];

const csvRow = (r: Row, i: number): Record<string, unknown> => ({
  no: i + 1,
  nip: r.nip ?? '',
  nama: r.name,
  jabatan: r.positionName ?? '',
  unit: r.unitName,
  hk: r.workingDays,
  ...Object.fromEntries(Object.entries(r.codeCounts).map(([c, n]) => [`code_${c}`, n])),
  ...Object.fromEntries(BAND_FIGURES.map((f) => [f, r[f]])),
  missingIn: r.missingIn,
  missingOut: r.missingOut,
  tk: r.tkDays,
  late: r.lateMinutes,
  early: r.earlyMinutes,
  tkEq: r.tkEquivalentDays,
  wfo: r.wfoDays,
  wfh: r.wfhDays,
  wfa: r.wfaDays,
  apelT: r.apelTarget,
  apelA: r.apelAttended,
  apelP: r.apelPercent ?? '',
  adj: r.adjustmentCount,
});

/**
 * CSV: one row per employee with every code counted separately. The code columns are those that occur, known
 * only at the end: the rows go to a scratch file first (one JSON line each) and are then written as CSV.
 */
async function writeUnitCsv(h: UnitExportHeader, io: TaskIo<Row>, filePath: string) {
  const scratch = `${filePath}.rows`;
  const codes = new Set<string>();
  let n = 0;
  try {
    const tmp = createWriteStream(scratch);
    for await (const page of io.feed) {
      for (const r of page) {
        for (const c of Object.keys(r.codeCounts)) codes.add(c);
        await put(tmp, `${JSON.stringify(csvRow(r, n++))}\n`);
      }
      io.progress(Math.floor(n / 2), h.total);
    }
    await finishStream(tmp);
    const columns: TableColumn[] = [
      ...CSV_FIXED_HEAD,
      ...[...codes].sort().map((c) => ({ header: c, key: `code_${c}` })),
      ...CSV_FIXED_TAIL,
    ];
    const out = createWriteStream(filePath);
    await put(out, `\uFEFF${csvLine(columns.map((c) => c.header))}`);
    let done = 0;
    const lines = createInterface({ input: createReadStream(scratch), crlfDelay: Infinity });
    for await (const line of lines) {
      const rec = JSON.parse(line) as Record<string, unknown>;
      await put(out, csvLine(columns.map((c) => rec[c.key] ?? (c.key.startsWith('code_') ? 0 : ''))));
      if (++done % 1000 === 0) io.progress(Math.floor(n / 2 + done / 2), h.total);
    }
    // An incomplete month says so on the document: one last line after the rows.
    const note = incompleteNote(h.completeness) ?? (n === 0 ? 'Belum ada data rekap untuk bulan ini.' : null);
    if (note) await put(out, csvLine(['CATATAN', note]));
    await finishStream(out);
  } finally {
    await rm(scratch, { force: true });
  }
  return { rows: n };
}

/** XLSX in the form's layout (title block, table, adjustments, signature), streamed row by row. */
async function writeUnitXlsx(h: UnitExportHeader, io: TaskIo<Row>, filePath: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Abdi';
  const ws = wb.addWorksheet('Rekap', {
    views: [{ state: 'frozen', ySplit: 6 }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = UNIT_COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const n = UNIT_COLUMNS.length;
  headerLines(h).forEach((line, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = line;
    ws.mergeCells(i + 1, 1, i + 1, n);
    if (i === 0) {
      row.font = { bold: true, size: 14 };
      row.alignment = { horizontal: 'center' };
    }
    row.commit();
  });
  const border = { style: 'thin' as const };
  const borders = { top: border, left: border, bottom: border, right: border };
  const headerRow = ws.getRow(6);
  UNIT_COLUMNS.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = c.header;
    cell.border = borders;
  });
  headerRow.font = { bold: true };
  headerRow.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  headerRow.commit();
  let idx = 0;
  for await (const page of io.feed) {
    for (const r of page) {
      const row = ws.getRow(7 + idx);
      UNIT_COLUMNS.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        cell.value = c.value(r, idx);
        cell.border = borders;
      });
      row.getCell(2).alignment = { wrapText: true };
      row.commit();
      idx++;
    }
    io.progress(idx, h.total);
  }
  let at = 8 + idx;
  if (idx === 0) {
    const row = ws.getRow(at++);
    row.getCell(1).value = 'Belum ada data rekap untuk bulan ini.';
    row.commit();
    at++;
  }
  if (h.adjustments.length > 0) {
    const title = ws.getRow(at++);
    title.getCell(1).value = 'Penyesuaian dari bulan yang sudah ditutup (tanggal asli):';
    title.getCell(1).font = { bold: true };
    title.commit();
    for (const a of h.adjustments) {
      const row = ws.getRow(at++);
      row.getCell(1).value = adjustmentLine(a);
      row.commit();
    }
    at++;
  }
  for (const line of signature(h, idx)) {
    const row = ws.getRow(at++);
    row.getCell(n - 6).value = line;
    row.commit();
  }
  ws.commit();
  await wb.commit();
  return { rows: idx };
}

// The PDFs go through the document layer (src/server/documents): embedded Unicode typeface, the library's word
// wrapping, tables whose header repeats on every page, "Halaman i dari N".

/** Landscape A4 with narrow margins: the recap table's 23 columns. */
const PDF_PAGE: PageSetup = {
  size: 'A4',
  landscape: true,
  margins: { top: 30, right: 30, bottom: 36, left: 30 },
};

/** The title block: the title centred, then the unit, month, status (and the incomplete-month warning). */
function titleLines(lines: string[]): Block[] {
  return lines.map((line, i) =>
    i === 0
      ? { kind: 'text', text: line, style: { face: 'bold', size: 13, align: 'center' }, spaceAfter: 6 }
      : { kind: 'text', text: line, style: { size: 9 }, spaceAfter: 2 },
  );
}

const adjustmentBlocks = (adjustments: UnitExport['adjustments']): Block[] =>
  adjustments.length === 0
    ? []
    : [
        {
          kind: 'text',
          text: 'Penyesuaian dari bulan yang sudah ditutup (tanggal asli):',
          style: { face: 'bold', size: 8 },
          spaceAfter: 2,
          keepWithNext: true,
        },
        ...adjustments.map((a): Block => ({
          kind: 'text',
          text: adjustmentLine(a),
          style: { size: 8 },
          spaceAfter: 1,
        })),
        { kind: 'space', height: 6 },
      ];

/**
 * The unit form's signature block ("Mengetahui, Kepala …") over a complete month with rows; otherwise the print
 * date and why it is not for signing, at the left (never a signature over "Belum ada data").
 */
function unitSignature(
  d: Pick<UnitExport, 'head' | 'unit' | 'printedOn' | 'completeness'>,
  rows: number,
): Block[] {
  if (unsignedBecause(d, rows) !== null)
    return signature(d, rows).map((text): Block => ({
      kind: 'text',
      text,
      style: { size: 9 },
      spaceAfter: 2,
    }));
  return [
    { kind: 'space', height: 8 },
    signatureBlock(
      {
        name: d.head?.name ?? '(..............................)',
        nip: d.head?.nip ? formatNip(d.head.nip) : '..............................',
        position: `Kepala ${d.unit.name}`,
      },
      { above: [`Dicetak ${formatDateId(d.printedOn)}`, 'Mengetahui,'], size: 9 },
    ),
  ];
}

/**
 * PDF (A4 landscape) in the form's layout: the table's header repeated on every page, long names and positions
 * wrapped in their cells. Laid out and painted by the document layer as a stream: rows are spooled to a scratch
 * file beside the output and painted page by page, so memory stays flat for a province.
 */
async function writeUnitPdf(h: UnitExportHeader, io: TaskIo<Row>, filePath: string) {
  let idx = 0;
  async function* blocks(): AsyncGenerator<Block> {
    yield* titleLines(headerLines(h));
    yield { kind: 'space', height: 4 };
    yield {
      kind: 'table',
      size: 7,
      columns: UNIT_COLUMNS.map((c, i) => ({
        header: c.header,
        weight: c.width,
        align: i < 3 ? 'left' : 'center',
      })),
    };
    for await (const page of io.feed) {
      for (const r of page) {
        yield { kind: 'row', cells: UNIT_COLUMNS.map((c) => String(c.value(r, idx))) };
        idx++;
      }
      // The layout pass is the first half of the work, the painting the second.
      io.progress(Math.floor(idx / 2), h.total);
    }
    yield { kind: 'tableEnd', spaceAfter: 8 };
    if (idx === 0)
      yield {
        kind: 'text',
        text: 'Belum ada data rekap untuk bulan ini.',
        style: { size: 9 },
        spaceAfter: 8,
      };
    yield* adjustmentBlocks(h.adjustments);
    yield* unitSignature(h, idx);
  }
  await renderPdfToFile(
    PDF_PAGE,
    {
      title: TITLE,
      subject: `${TITLE} ${h.unit.name} ${formatMonthId(h.month)}`,
      footerNote: `${TITLE} — ${h.unit.name} — ${formatMonthId(h.month)}`,
    },
    blocks(),
    filePath,
    (pass, n) => {
      if (pass === 'paint' && n % 500 === 0)
        io.progress(Math.min(h.total, Math.floor(h.total / 2 + n / 2)), h.total);
    },
  );
  return { rows: idx };
}

// ---------------------------------------------------------------- employee: CSV / XLSX / PDF

const dayName = (d: string) => DAYS[isoWeekday(d) - 1] ?? '';
const dayNote = (day: EmployeeExport['days'][number]) =>
  [day.lateBand, day.earlyBand].filter(Boolean).join('-') || (day.nonWorkingDay ? 'Libur' : '');

function employeeLines(d: EmployeeExport) {
  return [
    TITLE,
    `Nama / NIP: ${d.employee.name} / ${nip(d.employee.nip)}`,
    `Jabatan: ${d.employee.positionName ?? '-'} — ${d.employee.unitName}`,
    `Bulan: ${formatMonthId(d.month)}`,
  ];
}

function employeeSummary(d: EmployeeExport): string[] {
  const r = d.recap;
  if (!r) return [d.days.length === 0 ? 'Belum ada data untuk bulan ini.' : 'Belum ada rekap.'];
  const codes = Object.entries(r.codeCounts)
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return [
    `HK ${r.workingDays}; ${codes}`,
    `${bandText(r, LATE_BAND_FIGURES)}; ${bandText(r, EARLY_BAND_FIGURES)}`,
    `Terlambat ${r.lateMinutes} menit, pulang cepat ${r.earlyMinutes} menit = ${r.tkEquivalentDays} hari TK ekuivalen (${r.minutesPerDay} menit = 1 hari); TK ${r.tkDays} hari`,
    `WFO ${r.wfoDays}, WFH ${r.wfhDays}, WFA ${r.wfaDays}; apel ${r.apelAttended}/${r.apelTarget}${r.apelPercent === null ? '' : ` (${r.apelPercent}%)`}`,
    ...(d.recapProvisional
      ? ['Angka sementara: sebagian hari belum tersimpan dan dihitung saat dokumen dibuat.']
      : []),
  ];
}

/** Why an employee's month is not for signing (no recap, provisional figures), or null. */
function employeeUnsignedBecause(d: EmployeeExport): string | null {
  if (!d.recap) return 'Tidak untuk ditandatangani: belum ada data untuk bulan ini.';
  if (d.recapProvisional) return 'Tidak untuk ditandatangani: angka bulan ini masih sementara.';
  return null;
}

const EMP_COLUMNS: TableColumn[] = [
  { header: 'Tanggal', key: 'tanggal', width: 12 },
  { header: 'Hari', key: 'hari', width: 10 },
  { header: 'Kode', key: 'kode', width: 8 },
  { header: 'Pita', key: 'pita', width: 12 },
  { header: 'Menit terlambat', key: 'late', width: 10 },
  { header: 'Menit pulang cepat', key: 'early', width: 10 },
  { header: 'Lokasi', key: 'lokasi', width: 8 },
  { header: 'Keterangan', key: 'ket', width: 70 },
];

/**
 * The calendar rows: every stored (or provisional) day and every "no data" day ("Belum ada data" with its reason,
 * never TK), in date order.
 */
const empRows = (d: EmployeeExport) =>
  [
    ...d.days.map((day) => ({
      date: day.localDate,
      tanggal: formatDdMmYyyy(day.localDate),
      hari: dayName(day.localDate),
      kode: day.code,
      pita: dayNote(day),
      late: day.lateMinutes as number | string,
      early: day.earlyMinutes as number | string,
      lokasi: day.workLocation ?? '',
      ket: (day.provisional ? '(sementara) ' : '') + day.reasons.join('; '),
    })),
    ...d.noData.map((n) => ({
      date: n.localDate,
      tanggal: formatDdMmYyyy(n.localDate),
      hari: dayName(n.localDate),
      kode: '-',
      pita: '',
      late: '' as number | string,
      early: '' as number | string,
      lokasi: '',
      ket: `Belum ada data: ${n.reason}`,
    })),
  ]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map(({ date: _date, ...row }) => row);

export function employeeCsv(d: EmployeeExport): string {
  return toCsv(EMP_COLUMNS, empRows(d));
}

export async function employeeXlsx(d: EmployeeExport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Abdi';
  const ws = wb.addWorksheet('Kalender');
  ws.columns = EMP_COLUMNS.map((c) => ({ key: c.key, width: c.width ?? 12 }));
  let at = 1;
  for (const line of [...employeeLines(d), ...employeeSummary(d)]) {
    ws.getCell(at, 1).value = line;
    if (at === 1) ws.getCell(at, 1).font = { bold: true, size: 14 };
    at++;
  }
  at++;
  const header = ws.getRow(at);
  EMP_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  at++;
  for (const r of empRows(d)) {
    const row = ws.getRow(at++);
    EMP_COLUMNS.forEach(
      (c, i) => (row.getCell(i + 1).value = (r as Record<string, string | number>)[c.key] ?? null),
    );
  }
  if (d.adjustments.length > 0) {
    at++;
    ws.getCell(at++, 1).value = 'Penyesuaian dari bulan yang sudah ditutup (tanggal asli):';
    for (const a of d.adjustments) ws.getCell(at++, 1).value = adjustmentLine(a);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The employee's month as PDF (A4 landscape): summary, the day-by-day table, adjustments, signature. */
export async function employeePdf(d: EmployeeExport): Promise<Buffer> {
  const why = employeeUnsignedBecause(d);
  const blocks: Block[] = [
    ...titleLines(employeeLines(d)),
    ...employeeSummary(d).map((line): Block => ({
      kind: 'text',
      text: line,
      style: { size: 8 },
      spaceAfter: 2,
    })),
    { kind: 'space', height: 6 },
    {
      kind: 'table',
      size: 7,
      columns: EMP_COLUMNS.map((c) => ({ header: c.header, weight: c.width ?? 12 })),
    },
    ...empRows(d).map((r): Block => ({
      kind: 'row',
      cells: [r.tanggal, r.hari, r.kode, r.pita, String(r.late), String(r.early), r.lokasi, r.ket],
    })),
    { kind: 'tableEnd', spaceAfter: 8 },
    ...adjustmentBlocks(d.adjustments),
    ...(why
      ? [
          {
            kind: 'text',
            text: `Dicetak ${formatDateId(d.printedOn)}. ${why}`,
            style: { size: 9 },
          } satisfies Block,
        ]
      : [
          { kind: 'space', height: 8 } satisfies Block,
          signatureBlock(
            { name: d.employee.name, nip: nip(d.employee.nip), position: null },
            { above: [`Dicetak ${formatDateId(d.printedOn)}`, 'Pegawai yang bersangkutan,'], size: 9 },
          ),
        ]),
  ];
  return renderPdf(
    PDF_PAGE,
    {
      title: TITLE,
      subject: `${TITLE} ${d.employee.name} ${formatMonthId(d.month)}`,
      footerNote: `${TITLE} — ${d.employee.name} — ${formatMonthId(d.month)}`,
    },
    blocks,
  );
}
