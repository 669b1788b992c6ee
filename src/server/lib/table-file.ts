import { normalizeHeader, readTable, type ImportLimits, type TableRow } from './table-reader.ts';

/** One data row of an uploaded file: its line number in the file (header = line 1) and cells by column name. */
export type RawRow = TableRow;

export { normalizeHeader };

/**
 * Read a CSV (comma or semicolon, UTF-8 with or without BOM) or XLSX file into rows, as a stream within the
 * import limits (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELL_CHARS, IMPORT_MAX_ENTRY_BYTES,
 * IMPORT_MAX_UNZIPPED_BYTES). Source: docs/import.md.
 * @throws UNSUPPORTED_FILE for other types or a file that cannot be read at all; FILE_TOO_LARGE over a limit
 */
export async function parseTableFile(
  fileName: string,
  buf: Buffer,
  aliases: Record<string, string>,
  limits: ImportLimits,
): Promise<{ headers: string[]; rows: RawRow[] }> {
  return readTable(fileName, buf, { limits, normalizeHeader: (h) => normalizeHeader(h, aliases) });
}
