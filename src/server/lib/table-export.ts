import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FastifyReply } from 'fastify';
import ExcelJS from 'exceljs';
import type { TaskIo } from './worker-pool.ts';

export interface TableColumn {
  header: string;
  key: string;
  width?: number;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  // A number is never a formula: a negative amount stays a number a spreadsheet can add up.
  if (typeof v === 'number') return String(v);
  const s = v instanceof Date ? v.toISOString() : String(v);
  // Guard against spreadsheet formula injection.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (with its CRLF) of values. */
export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** CSV with a BOM so spreadsheet programs read UTF-8 names correctly. */
export function toCsv(columns: TableColumn[], rows: Record<string, unknown>[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(
  title: string,
  columns: TableColumn[],
  rows: Record<string, unknown>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Abdi';
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null])));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Send rows as an xlsx or csv download. */
export async function sendTable(
  reply: FastifyReply,
  format: 'xlsx' | 'csv',
  fileBase: string,
  title: string,
  columns: TableColumn[],
  rows: Record<string, unknown>[],
) {
  if (format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileBase}.csv"`)
      .send(toCsv(columns, rows));
  }
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${fileBase}.xlsx"`)
    .send(await toXlsx(title, columns, rows));
}

/** A list made ready for download by a service: the file's base name, the sheet title, its columns and rows. */
export interface ExportTable {
  fileBase: string;
  title: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
}

/** Send a service's table as an xlsx or csv download (routes stay one line). */
export function sendExport(reply: FastifyReply, format: 'xlsx' | 'csv', t: ExportTable) {
  return sendTable(reply, format, t.fileBase, t.title, t.columns, t.rows);
}

// ---------------------------------------------------------------- streamed exports (worker task)

const TABLE_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * A table export (employee list, punch history) as a job spec: the file is written in a worker thread by
 * `renderTable`, row pages pulled from the main thread; memory stays bounded whatever the number of rows.
 * Source: issue 12 point 5.
 */
export function tableExportSpec(o: {
  kind: string;
  params: Record<string, unknown>;
  format: 'xlsx' | 'csv';
  fileBase: string;
  title: string;
  columns: TableColumn[];
  /** Rows expected (for progress); 0 when unknown. */
  total: number;
  pages: () => AsyncIterable<Record<string, unknown>[]>;
}) {
  return {
    kind: o.kind,
    params: { ...o.params, format: o.format },
    fileName: `${o.fileBase}.${o.format}`,
    contentType: TABLE_CONTENT_TYPES[o.format],
    task: {
      module: new URL(import.meta.url),
      fn: 'renderTable',
      input: { title: o.title, columns: o.columns, format: o.format, total: o.total },
    },
    feed: o.pages,
  };
}

/** Worker task: write a table as XLSX (streaming workbook writer) or CSV at `filePath`. */
export async function renderTable(
  input: { title: string; columns: TableColumn[]; format: 'xlsx' | 'csv'; total: number; filePath: string },
  io: TaskIo<Record<string, unknown>>,
): Promise<{ rows: number }> {
  const { columns, filePath } = input;
  let n = 0;
  if (input.format === 'csv') {
    const out = createWriteStream(filePath);
    const put = async (s: string) => {
      if (!out.write(s)) await once(out, 'drain');
    };
    await put(`\uFEFF${csvLine(columns.map((c) => c.header))}`);
    for await (const page of io.feed) {
      for (const r of page) await put(csvLine(columns.map((c) => r[c.key])));
      n += page.length;
      io.progress(n, input.total);
    }
    out.end();
    await once(out, 'finish');
    return { rows: n };
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: filePath,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Abdi';
  const ws = wb.addWorksheet(input.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  for await (const page of io.feed) {
    for (const r of page)
      ws.addRow(Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null]))).commit();
    n += page.length;
    io.progress(n, input.total);
  }
  ws.commit();
  await wb.commit();
  return { rows: n };
}

/** Read rows page by page (`size` each, at most `cap` in all) until a short page. */
export async function* pagesOf<T>(
  read: (limit: number, offset: number) => Promise<T[]>,
  { size = 1000, cap = Infinity }: { size?: number; cap?: number } = {},
): AsyncGenerator<T[]> {
  for (let offset = 0; offset < cap; offset += size) {
    const limit = Math.min(size, cap - offset);
    const rows = await read(limit, offset);
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
  }
}
