import ExcelJS from 'exceljs';
import type { Actor } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { parseTableFile } from '../../lib/table-file.ts';
import type { TppContext } from './tpp-context.ts';
import type { TariffsSection } from './inputs-tariffs.ts';
import {
  importInvalid,
  parseNumberCell,
  parseRupiahCell,
  requireColumns,
  type ImportColumn,
} from './inputs-common.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { TariffIssue } from '../../../core/tpp/tariff-table.ts';
import type {
  TariffImportFields,
  TariffImportReport,
  TppImportRowError,
} from '../../../shared/api/tpp-inputs.ts';

/** The columns of a tariff table file (import and export; issue 17 point 1). */
export const TARIFF_COLUMNS: ImportColumn[] = [
  { name: 'kelas', required: true, example: '9', description: 'Kelas jabatan 1–17' },
  {
    name: 'kriteria',
    required: true,
    example: 'Beban kerja',
    description:
      'Beban kerja, Prestasi kerja, Tempat bertugas, Kondisi kerja, Kelangkaan profesi, Pertimbangan objektif lainnya (atau kodenya, mis. BEBAN_KERJA)',
  },
  {
    name: 'kelompok_jabatan',
    required: false,
    example: '',
    description: 'Jenis jabatan (mis. JPT_PRATAMA, PELAKSANA, JF_AHLI_MUDA); kosong: semua jabatan',
  },
  {
    name: 'unit',
    required: false,
    example: '',
    description: 'Kode unit (berlaku untuk unit itu dan unit di bawahnya); kosong: seluruh pemerintah daerah',
  },
  { name: 'besaran', required: true, example: '4500000', description: 'Besaran TPP per bulan, rupiah bulat' },
];

/** Headers of regional sheets → the columns above. */
const ALIASES: Record<string, string> = {
  kelas_jabatan: 'kelas',
  criterion: 'kriteria',
  kriteria_tpp: 'kriteria',
  jenis_jabatan: 'kelompok_jabatan',
  kelompok: 'kelompok_jabatan',
  position_group: 'kelompok_jabatan',
  kode_unit: 'unit',
  unit_kerja: 'unit',
  besaran_tpp: 'besaran',
  nominal: 'besaran',
  jumlah: 'besaran',
  amount: 'besaran',
};

const COLUMN_OF: Record<Exclude<TariffIssue['field'], null>, string> = {
  kelas: 'kelas',
  criterion: 'kriteria',
  positionGroup: 'kelompok_jabatan',
  unit: 'unit',
  amount: 'besaran',
};

/** `JF Ahli Muda`, `jf-ahli-muda` → JF_AHLI_MUDA; empty → null. */
const groupOf = (text: string) =>
  text.trim()
    ? text
        .trim()
        .toUpperCase()
        .replace(/[\s-]+/g, '_')
    : null;

/**
 * The tariff table as a file (issue 17 point 1): import from XLSX/CSV with a row-by-row report (every bad row with
 * its line and an Indonesian reason; a commit writes the whole table or nothing), and export as XLSX in the same
 * columns, so an exported table can be edited and imported again as the next year's.
 */
export function createTariffFiles(ctx: TppContext, tariffs: TariffsSection) {
  const { db, config } = ctx;

  /**
   * POST /tariff-tables/import. @throws FORBIDDEN without tpp.manage over the region; UNSUPPORTED_FILE,
   * FILE_TOO_LARGE; IMPORT_INVALID (422, details = the row errors) for a commit with a bad row, writing nothing
   */
  async function importFile(
    actor: Actor,
    fileName: string,
    buf: Buffer,
    fields: TariffImportFields,
  ): Promise<TariffImportReport> {
    await tariffs.requireManager(actor, db);
    const { headers, rows: raws } = await parseTableFile(fileName, buf, ALIASES, config.importLimits);
    requireColumns(headers, raws, TARIFF_COLUMNS);
    const input = raws.map((r) => ({
      kelas: parseNumberCell(r.cells.kelas ?? ''),
      criterion: r.cells.kriteria ?? '',
      positionGroup: groupOf(r.cells.kelompok_jabatan ?? ''),
      unitRef: (r.cells.unit ?? '').trim() || null,
      amount: parseRupiahCell(r.cells.besaran ?? ''),
    }));
    const header = {
      year: fields.year,
      perkadaRef: fields.perkadaRef,
      perkadaDate: fields.perkadaDate,
      note: fields.note,
    };

    const run = async (exec: Exec) => {
      const c = await tariffs.check(exec, input, (i) => `baris ${raws[i]!.line}`);
      const errors: TppImportRowError[] = c.issues.map((i) => ({
        line: i.row === null ? null : raws[i.row]!.line,
        column: i.field ? COLUMN_OF[i.field] : null,
        message: i.message,
      }));
      errors.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
      const bad = new Set(c.issues.map((i) => i.row).filter((r) => r !== null));
      const active = await tariffs.activeOf(exec, fields.year);
      return {
        c,
        errors,
        report: (table: TariffImportReport['table']): TariffImportReport => ({
          fileName,
          dryRun: fields.dryRun,
          committed: table !== null,
          totalRows: raws.length,
          validRows: raws.length - bad.size,
          errors,
          rows: [],
          replaces: active ? { id: active.id, perkadaRef: active.perkadaRef } : null,
          table,
        }),
      };
    };

    if (fields.dryRun) {
      const { c, report } = await run(db);
      return { ...report(null), rows: await tariffs.presentRows(db, c.rows) };
    }
    return db.transaction().execute(async (trx) => {
      await tariffs.requireManager(actor, trx);
      await tariffs.lockYear(trx, fields.year);
      const { c, errors, report } = await run(trx);
      if (errors.length) throw importInvalid(errors);
      const id = await tariffs.store(trx, actor, header, c.rows, { kind: 'XLSX', fileName });
      const table = await tariffs.get(actor, id, trx);
      return { ...report(table), rows: table.rows };
    });
  }

  /** GET /tariff-tables/:id/export: the rows in the import's columns, then a sheet with the Perkada. */
  async function exportXlsx(actor: Actor, id: string): Promise<{ fileName: string; buf: Buffer }> {
    const table = await tariffs.get(actor, id);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Abdi';
    const ws = wb.addWorksheet('Besaran TPP', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: 'kelas', key: 'kelas', width: 8 },
      { header: 'kriteria', key: 'kriteria', width: 30 },
      { header: 'kelompok_jabatan', key: 'kelompok_jabatan', width: 20 },
      { header: 'unit', key: 'unit', width: 24 },
      { header: 'nama_unit', key: 'nama_unit', width: 36 },
      { header: 'besaran', key: 'besaran', width: 16, style: { numFmt: '#,##0' } },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of table.rows)
      ws.addRow({
        kelas: r.kelas,
        kriteria: r.criterionLabel,
        kelompok_jabatan: r.positionGroup ?? '',
        unit: r.unitCode ?? '',
        nama_unit: r.unitName ?? '',
        besaran: r.amount,
      });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 6 } };
    const info = wb.addWorksheet('Keterangan');
    info.columns = [
      { header: 'Keterangan', key: 'k', width: 24 },
      { header: 'Isi', key: 'v', width: 60 },
    ];
    info.getRow(1).font = { bold: true };
    for (const [k, v] of [
      ['Tahun', String(table.year)],
      ['Nomor Perkada', table.perkadaRef],
      ['Tanggal Perkada', table.perkadaDate ? formatDdMmYyyy(table.perkadaDate) : ''],
      ['Status', table.statusLabel],
      ['Catatan', table.note ?? ''],
      ['Jumlah baris', String(table.rows.length)],
      ['Dibuat oleh', table.createdByName ?? ''],
    ])
      info.addRow({ k, v });
    const safeRef = table.perkadaRef.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return {
      fileName: `besaran-tpp-${table.year}${safeRef ? `-${safeRef}` : ''}.xlsx`,
      buf: Buffer.from(await wb.xlsx.writeBuffer()),
    };
  }

  return {
    importFile,
    exportXlsx,
    columns: () => ({ columns: TARIFF_COLUMNS, maxBytes: config.importMaxBytes }),
  };
}
