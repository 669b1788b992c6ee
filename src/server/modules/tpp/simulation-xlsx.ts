import ExcelJS from 'exceljs';
import type { TableColumn } from '../../lib/table-export.ts';

/** One sheet of a TPP report workbook: a title line (what the figures mean), the header and the rows. */
export interface ReportSheet {
  name: string;
  title: string;
  columns: TableColumn[];
  rows: Record<string, unknown>[];
  /** Keys of the columns holding rupiah (shown with thousands separators; the cells stay integers). */
  money?: string[];
}

/**
 * The simulation and dashboard exports (issue 17 points 6, 7): one workbook, a sheet per table, each headed by a
 * line saying what its figures are (e.g. "perkiraan setahun = bulan simulasi × 12"). Text cells starting with a
 * formula character are written as text by ExcelJS (no formula injection).
 */
export async function reportWorkbook(sheets: ReportSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Abdi';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.addRow([s.title]).font = { bold: true };
    ws.addRow([]);
    const header = ws.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    s.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width = c.width ?? 16;
      if (s.money?.includes(c.key)) ws.getColumn(i + 1).numFmt = '#,##0';
    });
    for (const r of s.rows) ws.addRow(s.columns.map((c) => r[c.key] ?? null));
    ws.views = [{ state: 'frozen', ySplit: 3 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
