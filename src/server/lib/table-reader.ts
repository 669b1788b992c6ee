import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { SaxesParser } from 'saxes';
import { AppError } from '../errors.ts';
import {
  inflateEntry,
  isZip,
  zipEntries,
  ZipError,
  type InflateBudget,
  type ZipEntry,
} from './zip-reader.ts';
import { inWorker, type WorkerPool } from './worker-pool.ts';

/**
 * Bounded reading of uploaded tables (CSV and XLSX) as streams: a file over a configured limit is refused as
 * soon as the limit is crossed, with the limit named, so memory and time stay bounded whatever the file holds.
 * XLSX is read from the zip entries it needs (workbook, relations, styles, shared strings, first sheet), each
 * inflated in 64 KB chunks through a SAX parser; CSV through csv-parse's streaming parser.
 * Source: issue 12 point 3; ECMA-376 Part 1 §18.3 (sheet data), §18.4 (shared strings), §18.8.30–31 (number
 * formats); docs/import.md (limits).
 */

export interface ImportLimits {
  /** IMPORT_MAX_ROWS: data rows (after the header). */
  maxRows: number;
  /** IMPORT_MAX_COLUMNS: columns holding a value. */
  maxColumns: number;
  /** IMPORT_MAX_CELL_CHARS: characters in one cell. */
  maxCellChars: number;
  /** IMPORT_MAX_ENTRY_BYTES: inflated bytes of one zip entry (XLSX). */
  maxEntryBytes: number;
  /** IMPORT_MAX_UNZIPPED_BYTES: inflated bytes of the whole workbook (XLSX). */
  maxUnzippedBytes: number;
}

/** The defaults of config.ts (for callers built without a configuration). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = Object.freeze({
  maxRows: 100_000,
  maxColumns: 64,
  maxCellChars: 2000,
  maxEntryBytes: 128 * 1024 * 1024,
  maxUnzippedBytes: 256 * 1024 * 1024,
});

/** One data row: its line (CSV) or sheet row number (XLSX), header = 1, and its cells by normalised header. */
export interface TableRow {
  line: number;
  cells: Record<string, string>;
}

export interface TableReadOptions {
  limits: ImportLimits;
  /** Header text → column name (`''` ignores the column). */
  normalizeHeader: (h: string) => string;
}

/** Normalise a header: lower case, spaces/dashes → underscores, then map known aliases (SIASN-style names). */
export function normalizeHeader(h: string, aliases: Record<string, string>): string {
  const key = h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return aliases[key] ?? key;
}

/** Worker task: read a table file (the bytes are moved into the worker). */
export async function readTableTask(input: {
  fileName: string;
  bytes: Uint8Array;
  aliases: Record<string, string>;
  limits: ImportLimits;
}) {
  const buf = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  return readTable(input.fileName, buf, {
    limits: input.limits,
    normalizeHeader: (h) => normalizeHeader(h, input.aliases),
  });
}

/**
 * Read a table file in a worker thread (off the event loop). The caller's buffer is copied once into the
 * worker. @throws like `readTable`; FILE_TOO_LARGE naming JOB_WORKER_MEMORY_MB when the worker runs out of heap
 */
export async function readTableInWorker(
  workers: WorkerPool,
  fileName: string,
  buf: Buffer,
  aliases: Record<string, string>,
  limits: ImportLimits,
): Promise<{ headers: string[]; rows: TableRow[] }> {
  const bytes = new Uint8Array(buf);
  return inWorker(workers, () =>
    workers.run({
      module: new URL(import.meta.url),
      fn: 'readTableTask',
      input: { fileName, bytes, aliases, limits },
      transfer: [bytes.buffer],
    }),
  );
}

const fmt = (n: number) => n.toLocaleString('id-ID');
const mb = (n: number) => `${fmt(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;

/** The refusal of a file over one limit: 413 FILE_TOO_LARGE naming the variable, its value and where. */
export function limitError(
  limit:
    | 'IMPORT_MAX_ROWS'
    | 'IMPORT_MAX_COLUMNS'
    | 'IMPORT_MAX_CELL_CHARS'
    | 'IMPORT_MAX_ENTRY_BYTES'
    | 'IMPORT_MAX_UNZIPPED_BYTES',
  max: number,
  line?: number,
): AppError {
  const what = {
    IMPORT_MAX_ROWS: `lebih dari ${fmt(max)} baris data`,
    IMPORT_MAX_COLUMNS: `lebih dari ${fmt(max)} kolom berisi`,
    IMPORT_MAX_CELL_CHARS: `sel berisi lebih dari ${fmt(max)} karakter`,
    IMPORT_MAX_ENTRY_BYTES: `isi lembar kerja setelah dibuka lebih dari ${mb(max)}`,
    IMPORT_MAX_UNZIPPED_BYTES: `isi berkas Excel setelah dibuka lebih dari ${mb(max)}`,
  }[limit];
  const where = line !== undefined ? ` (baris ${fmt(line)})` : '';
  return new AppError(
    'FILE_TOO_LARGE',
    `Berkas melebihi batas ${limit}: ${what}${where}. Pecah berkas menjadi beberapa bagian; tidak ada data yang disimpan.`,
    { limit, max, ...(line !== undefined ? { line } : {}) },
  );
}

/**
 * Read a CSV (comma or semicolon, UTF-8 with or without BOM) or the first sheet of an XLSX file.
 * @throws UNSUPPORTED_FILE for other types or an unreadable file; FILE_TOO_LARGE (limit named) over a limit
 */
export async function readTable(
  fileName: string,
  buf: Buffer,
  opts: TableReadOptions,
): Promise<{ headers: string[]; rows: TableRow[] }> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || isZip(buf)) {
    if (!isZip(buf)) throw new AppError('UNSUPPORTED_FILE', 'Berkas .xlsx rusak atau bukan berkas Excel');
    return readXlsx(buf, opts);
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) {
    throw new AppError('UNSUPPORTED_FILE', 'Jenis berkas tidak didukung; gunakan .csv atau .xlsx');
  }
  return readCsv(buf, opts);
}

// ---------------------------------------------------------------- CSV

async function readCsv(buf: Buffer, { limits, normalizeHeader }: TableReadOptions) {
  if (buf.includes(0)) throw new AppError('UNSUPPORTED_FILE', 'Berkas bukan teks CSV');
  const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const nl = buf.indexOf(10, start);
  const firstLine = buf.toString('utf8', start, nl < 0 ? Math.min(buf.length, 65_536) : Math.min(nl, 65_536));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    relax_quotes: true,
    info: true,
    // A field (or an unclosed quote) longer than this stops the parser before it buffers more.
    max_record_size: limits.maxCellChars * Math.min(limits.maxColumns, 64) + 1024,
  });
  // The upload is in memory already (bounded by IMPORT_MAX_BYTES): hand it to the parser in 64 KB slices.
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < buf.length; i += 65_536) yield buf.subarray(i, Math.min(buf.length, i + 65_536));
    })(),
  );
  source.pipe(parser);
  let headers: string[] | null = null;
  const rows: TableRow[] = [];
  let prevEnd = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record: rec, info } = item;
      const line = prevEnd + 1;
      // `info.lines` is the line a record ends on; a quoted cell may span lines, so a record starts one line
      // after the previous record ended (empty lines are records too, with skip_empty_lines off).
      prevEnd = info.lines;
      let filled = 0;
      for (let j = 0; j < rec.length; j++) {
        const c = rec[j]!;
        if (c.length > limits.maxCellChars)
          throw limitError('IMPORT_MAX_CELL_CHARS', limits.maxCellChars, line);
        if (c.trim() !== '') filled = j + 1;
      }
      if (filled > limits.maxColumns) throw limitError('IMPORT_MAX_COLUMNS', limits.maxColumns, line);
      if (!headers) {
        headers = rec.map((h) => normalizeHeader(h));
        continue;
      }
      if (rec.every((c) => c.trim() === '')) continue;
      if (rows.length >= limits.maxRows) throw limitError('IMPORT_MAX_ROWS', limits.maxRows, line);
      const cells: Record<string, string> = {};
      headers.forEach((h, j) => {
        if (h) cells[h] = (rec[j] ?? '').trim();
      });
      if (rec.length > headers.length) cells.__extra = String(rec.length - headers.length);
      rows.push({ line, cells });
    }
  } catch (err) {
    source.destroy();
    parser.destroy();
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw limitError('IMPORT_MAX_CELL_CHARS', limits.maxCellChars, prevEnd + 1);
    throw new AppError('UNSUPPORTED_FILE', `Berkas CSV tidak dapat dibaca: ${(err as Error).message}`);
  }
  return { headers: headers ?? [], rows };
}

// ---------------------------------------------------------------- XLSX

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** Built-in number formats that show a date (ECMA-376 §18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
const isDateFormatCode = (code: string) =>
  /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '')) && !/^general$/i.test(code);

/** Column letters of a cell reference (`AB12` → 28). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

interface SaxHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (t: string) => void;
}

/**
 * Stream one zip entry through a SAX parser. `guard` bounds what the parser may buffer between two events
 * (a text node or an attribute without end): past it the cell limit is crossed.
 */
async function saxEntry(
  buf: Buffer,
  entry: ZipEntry,
  budget: InflateBudget,
  guard: number,
  on: SaxHandlers,
  onGuard: () => AppError,
) {
  const parser = new SaxesParser({ position: false });
  let pending: unknown = null;
  let since = 0;
  parser.on('opentag', (node) => {
    since = 0;
    on.open?.(localName(node.name), node.attributes as Record<string, string>);
  });
  parser.on('closetag', (node) => {
    since = 0;
    on.close?.(localName(node.name));
  });
  parser.on('text', (t: string) => {
    since = 0;
    on.text?.(t);
  });
  parser.on('cdata', (t: string) => {
    since = 0;
    on.text?.(t);
  });
  parser.on('error', (e: Error) => {
    pending ??= e;
  });
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of inflateEntry(buf, entry, budget)) {
    const s = decoder.decode(chunk, { stream: true });
    since += s.length;
    try {
      parser.write(s);
    } catch (err) {
      pending ??= err;
    }
    if (pending) throw pending;
    if (since > guard) throw onGuard();
  }
  parser.write(decoder.decode());
  parser.close();
  if (pending) throw pending;
}

async function readXlsx(buf: Buffer, { limits, normalizeHeader }: TableReadOptions) {
  const budget: InflateBudget = {
    maxEntryBytes: limits.maxEntryBytes,
    maxTotalBytes: limits.maxUnzippedBytes,
    used: 0,
  };
  const cellTooLong = (line?: number) => limitError('IMPORT_MAX_CELL_CHARS', limits.maxCellChars, line);
  // Two bytes of XML per character of text, and room for the markup around one cell.
  const guard = limits.maxCellChars * 2 + 65_536;
  try {
    const entries = zipEntries(buf);
    const entry = (p: string) => entries.get(p) ?? entries.get(p.replace(/^\//, ''));

    // Workbook: the first sheet's relation id and the date system.
    const wbEntry = entry('xl/workbook.xml');
    if (!wbEntry) throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak memiliki lembar kerja');
    let firstSheetRel: string | null = null;
    let date1904 = false;
    await saxEntry(
      buf,
      wbEntry,
      budget,
      guard,
      {
        open: (name, a) => {
          if (name === 'sheet' && firstSheetRel === null)
            firstSheetRel = a['r:id'] ?? Object.entries(a).find(([k]) => localName(k) === 'id')?.[1] ?? '';
          if (name === 'workbookPr' && (a.date1904 === '1' || a.date1904 === 'true')) date1904 = true;
        },
      },
      cellTooLong,
    );
    if (firstSheetRel === null)
      throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak memiliki lembar kerja');

    // Relations: where the first sheet and the shared strings are.
    let sheetPath = 'xl/worksheets/sheet1.xml';
    let stringsPath = 'xl/sharedStrings.xml';
    const rels = entry('xl/_rels/workbook.xml.rels');
    if (rels) {
      await saxEntry(
        buf,
        rels,
        budget,
        guard,
        {
          open: (name, a) => {
            if (name !== 'Relationship' || !a.Target) return;
            const target = a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target}`;
            if (a.Id === firstSheetRel) sheetPath = target;
            if (a.Type?.endsWith('/sharedStrings')) stringsPath = target;
          },
        },
        cellTooLong,
      );
    }
    const sheet = entry(sheetPath);
    if (!sheet) throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak memiliki lembar kerja');

    // Styles: which cell styles show a date.
    const dateStyles = new Set<number>();
    const styles = entry('xl/styles.xml');
    if (styles) {
      const customDate = new Set<number>();
      let inXfs = false;
      let xf = 0;
      await saxEntry(
        buf,
        styles,
        budget,
        guard,
        {
          open: (name, a) => {
            if (name === 'numFmt' && isDateFormatCode(a.formatCode ?? '')) customDate.add(Number(a.numFmtId));
            else if (name === 'cellXfs') inXfs = true;
            else if (name === 'xf' && inXfs) {
              const id = Number(a.numFmtId ?? 0);
              if (DATE_FORMAT_IDS.has(id) || customDate.has(id)) dateStyles.add(xf);
              xf++;
            }
          },
          close: (name) => {
            if (name === 'cellXfs') inXfs = false;
          },
        },
        cellTooLong,
      );
    }

    // Shared strings: the text of each <si> (runs joined, phonetic hints left out).
    const strings: string[] = [];
    const sst = entry(stringsPath);
    if (sst) {
      let cur: string[] | null = null;
      let len = 0;
      let inT = false;
      let inPh = false;
      await saxEntry(
        buf,
        sst,
        budget,
        guard,
        {
          open: (name) => {
            if (name === 'si') {
              cur = [];
              len = 0;
            } else if (name === 'rPh') inPh = true;
            else if (name === 't') inT = true;
          },
          text: (t) => {
            if (!cur || !inT || inPh) return;
            len += t.length;
            if (len > limits.maxCellChars) throw cellTooLong();
            cur.push(t);
          },
          close: (name) => {
            if (name === 'si' && cur) {
              strings.push(cur.join(''));
              cur = null;
            } else if (name === 'rPh') inPh = false;
            else if (name === 't') inT = false;
          },
        },
        cellTooLong,
      );
    }

    // The sheet, row by row.
    const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
    let headers: string[] | null = null;
    const rows: TableRow[] = [];
    let rowNo = 0;
    let rowCells: Map<number, string> = new Map();
    let col = 0;
    let cellType = 'n';
    let cellStyle = -1;
    let inValue = false;
    let inInlineT = false;
    let inPh = false;
    let text: string[] = [];
    let textLen = 0;
    const finishRow = () => {
      if (rowNo === 1) {
        headers = [];
        for (const [c, v] of rowCells) headers[c - 1] = normalizeHeader(v);
        for (let i = 0; i < headers.length; i++) headers[i] ??= '';
        return;
      }
      if (rowNo < 1 || !headers) return;
      const cells: Record<string, string> = {};
      let any = false;
      headers.forEach((h, i) => {
        if (!h) return;
        const v = (rowCells.get(i + 1) ?? '').trim();
        cells[h] = v;
        if (v !== '') any = true;
      });
      if (!any) return;
      if (rows.length >= limits.maxRows) throw limitError('IMPORT_MAX_ROWS', limits.maxRows, rowNo);
      rows.push({ line: rowNo, cells });
    };
    const cellValue = (): string => {
      const raw = text.join('');
      switch (cellType) {
        case 's':
          return strings[Number(raw)] ?? '';
        case 'inlineStr':
        case 'str':
          return raw;
        case 'b':
          return raw === '1' || raw === 'true' ? 'true' : raw === '' ? '' : 'false';
        case 'e':
          return '';
        case 'd':
          return raw.slice(0, 10);
        default: {
          if (raw === '') return '';
          const n = Number(raw);
          if (!Number.isFinite(n)) return raw;
          if (dateStyles.has(cellStyle)) {
            const ms = epoch + Math.round(n * 86_400_000);
            return Number.isFinite(ms) && Math.abs(n) < 3_000_000
              ? new Date(ms).toISOString().slice(0, 10)
              : String(n);
          }
          return String(n);
        }
      }
    };
    await saxEntry(
      buf,
      sheet,
      budget,
      guard,
      {
        open: (name, a) => {
          if (name === 'row') {
            rowNo = a.r ? Number(a.r) : rowNo + 1;
            if (!Number.isSafeInteger(rowNo) || rowNo < 1)
              throw new AppError('UNSUPPORTED_FILE', 'Nomor baris Excel tidak valid');
            rowCells = new Map();
            col = 0;
          } else if (name === 'c') {
            col = a.r ? columnOf(a.r) : col + 1;
            cellType = a.t ?? 'n';
            cellStyle = a.s ? Number(a.s) : -1;
            text = [];
            textLen = 0;
          } else if (name === 'v') inValue = true;
          else if (name === 't') inInlineT = true;
          else if (name === 'rPh') inPh = true;
        },
        text: (t) => {
          if (!(inValue || (inInlineT && !inPh))) return;
          textLen += t.length;
          if (textLen > limits.maxCellChars) throw cellTooLong(rowNo);
          text.push(t);
        },
        close: (name) => {
          if (name === 'v') inValue = false;
          else if (name === 't') inInlineT = false;
          else if (name === 'rPh') inPh = false;
          else if (name === 'c') {
            const v = cellValue();
            if (v !== '') {
              if (col > limits.maxColumns) throw limitError('IMPORT_MAX_COLUMNS', limits.maxColumns, rowNo);
              rowCells.set(col, v);
            }
          } else if (name === 'row') finishRow();
        },
      },
      () => cellTooLong(rowNo || undefined),
    );
    return { headers: (headers ?? ([] as string[])).filter(Boolean), rows };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof ZipError && err.kind === 'limit')
      throw err.limit === 'entry'
        ? limitError('IMPORT_MAX_ENTRY_BYTES', limits.maxEntryBytes)
        : limitError('IMPORT_MAX_UNZIPPED_BYTES', limits.maxUnzippedBytes);
    throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak dapat dibaca (rusak atau terenkripsi)');
  }
}
