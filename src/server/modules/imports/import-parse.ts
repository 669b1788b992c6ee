import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../errors.ts';

/** One data row of an uploaded file: its line number in the file (header = line 1) and cells by column name. */
export interface RawRow {
  line: number;
  cells: Record<string, string>;
}

/** Normalise a header: lower case, spaces/dashes → underscores, then map known SIASN-style aliases. */
export function normalizeHeader(h: string, aliases: Record<string, string>): string {
  const key = h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return aliases[key] ?? key;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    return '';
  }
  return String(v);
}

const isZip = (buf: Buffer) =>
  buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

/**
 * Read a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file into rows.
 * @throws UNSUPPORTED_FILE for other types or a file that cannot be read at all.
 */
export async function parseTableFile(
  fileName: string,
  buf: Buffer,
  aliases: Record<string, string>,
): Promise<{ headers: string[]; rows: RawRow[] }> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx') || isZip(buf)) {
    if (!isZip(buf)) throw new AppError('UNSUPPORTED_FILE', 'Berkas .xlsx rusak atau bukan berkas Excel');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak dapat dibaca (rusak atau terenkripsi)');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('UNSUPPORTED_FILE', 'Berkas Excel tidak memiliki lembar kerja');
    const headerRow = ws.getRow(1);
    const headers: string[] = [];
    headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
      headers[col - 1] = normalizeHeader(cellText(cell.value), aliases);
    });
    const rows: RawRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber === 1) return;
      const cells: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) cells[h] = cellText(row.getCell(i + 1).value).trim();
      });
      if (Object.values(cells).some((v) => v !== '')) rows.push({ line: rowNumber, cells });
    });
    return { headers: headers.filter(Boolean), rows };
  }
  if (!lower.endsWith('.csv') && !lower.endsWith('.txt')) {
    throw new AppError('UNSUPPORTED_FILE', 'Jenis berkas tidak didukung; gunakan .csv atau .xlsx');
  }
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new AppError('UNSUPPORTED_FILE', 'Berkas bukan teks CSV');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      relax_quotes: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    throw new AppError('UNSUPPORTED_FILE', `Berkas CSV tidak dapat dibaca: ${(err as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) return { headers: [], rows: [] };
  const headers = head.record.map((h) => normalizeHeader(h, aliases));
  const rows: RawRow[] = [];
  // `info.lines` is the line a record ends on; a quoted cell may span lines, so a record starts one line
  // after the previous record ended (empty lines are records too, with skip_empty_lines off).
  let prevEnd = head.info.lines;
  for (const { record: rec, info } of body) {
    const line = prevEnd + 1;
    prevEnd = info.lines;
    if (rec.every((c) => c.trim() === '')) continue;
    const cells: Record<string, string> = {};
    headers.forEach((h, j) => {
      if (h) cells[h] = (rec[j] ?? '').trim();
    });
    if (rec.length > headers.length) cells.__extra = String(rec.length - headers.length);
    rows.push({ line, cells });
  }
  return { headers, rows };
}
