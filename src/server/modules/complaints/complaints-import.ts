import { sql } from 'kysely';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, type Actor } from '../../auth/authz.ts';
import { AppError } from '../../errors.ts';
import { parseTableFile } from '../../lib/table-file.ts';
import { parseDateCell } from '../../lib/table-cells.ts';
import { fromZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { isSafeText } from '../../../shared/api/common.ts';
import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '../../../core/oversight/complaints.ts';
import type { ComplaintImportResult } from '../../../shared/api/complaints.ts';
import type { ComplaintsContext } from './complaints-context.ts';

/**
 * The columns of a complaints CSV/XLSX from SP4N-LAPOR! (docs/complaints.md "Impor"): name, required, limit.
 * Headers are matched as in every import (case, spaces and dashes ignored; the aliases below).
 */
export const COMPLAINT_IMPORT_COLUMNS = [
  { name: 'lapor_id', required: true, max: 64 },
  { name: 'tanggal', required: true, max: 10 },
  { name: 'kategori', required: true, max: 20 },
  { name: 'kode_unit', required: true, max: 50 },
  { name: 'judul', required: true, max: 200 },
  { name: 'isi', required: true, max: 4000 },
  { name: 'pegawai_dilaporkan', required: false, max: 200 },
  { name: 'nama_pelapor', required: false, max: 120 },
  { name: 'kontak_pelapor', required: false, max: 120 },
] as const;

const ALIASES: Record<string, string> = {
  id_laporan: 'lapor_id',
  nomor_laporan: 'lapor_id',
  no_laporan: 'lapor_id',
  tracking_id: 'lapor_id',
  tanggal_laporan: 'tanggal',
  unit_kode: 'kode_unit',
  kode_opd: 'kode_unit',
  judul_laporan: 'judul',
  isi_laporan: 'isi',
  uraian: 'isi',
  terlapor: 'pegawai_dilaporkan',
  pelapor: 'nama_pelapor',
  kontak: 'kontak_pelapor',
};

type Row = {
  line: number;
  laporId: string;
  date: string;
  category: ComplaintCategory;
  unit: { id: string; path: string; timeZone: string };
  title: string;
  description: string;
  reportedName: string | null;
  reporterName: string | null;
  reporterContact: string | null;
};

/** The importer of complaints received through other channels (SP4N-LAPOR!). Source: issue 18 point 2. */
export function createImportSection(ctx: ComplaintsContext) {
  const { db, repo, audit, clock, config } = ctx;

  /**
   * Checks every row (line, column, reason) before writing anything; writes all rows only when all are good, or
   * the good ones when `mode` is 'valid'. A LAPOR! id already imported is skipped (never duplicated); the same id
   * twice in the file is an error. Units must be in the caller's complaints.manage scope.
   */
  async function importFile(
    actor: Actor,
    file: { fileName: string; bytes: Buffer },
    mode: 'all' | 'valid',
  ): Promise<ComplaintImportResult> {
    const scope = requireAny(actor, 'complaints.manage');
    const table = await parseTableFile(file.fileName, file.bytes, ALIASES, config.importLimits);
    const missing = COMPLAINT_IMPORT_COLUMNS.filter((c) => c.required && !table.headers.includes(c.name));
    if (missing.length > 0)
      throw new AppError(
        'IMPORT_INVALID',
        `Kolom wajib tidak ada: ${missing.map((c) => c.name).join(', ')}; tidak ada yang disimpan`,
        missing.map((c) => ({ line: 1, column: c.name, message: 'Kolom wajib tidak ada' })),
      );
    const codes = [...new Set(table.rows.map((r) => (r.cells.kode_unit ?? '').trim()).filter(Boolean))];
    const units = new Map(
      (
        await sql<{ id: string; code: string; path: string; timeZone: string }>`
          select id, code, path, time_zone as "timeZone" from units where code = any(${codes}::text[])`.execute(
          db,
        )
      ).rows.map((u) => [u.code, u]),
    );
    const errors: ComplaintImportResult['errors'] = [];
    const good: Row[] = [];
    const seen = new Map<string, number>();
    for (const r of table.rows) {
      const bad = (column: string | null, message: string) => errors.push({ line: r.line, column, message });
      const cell = (name: string) => (r.cells[name] ?? '').normalize('NFC').trim();
      const before = errors.length;
      for (const col of COMPLAINT_IMPORT_COLUMNS) {
        const v = cell(col.name);
        if (col.required && !v) bad(col.name, 'Wajib diisi');
        else if ([...v].length > col.max) bad(col.name, `Paling banyak ${col.max} karakter`);
        else if (!isSafeText(v)) bad(col.name, 'Berisi karakter yang tidak diperbolehkan');
      }
      const laporId = cell('lapor_id');
      if (laporId && seen.has(laporId))
        bad('lapor_id', `ID LAPOR! ${laporId} sudah ada di baris ${seen.get(laporId)} berkas ini`);
      else if (laporId) seen.set(laporId, r.line);
      const date = cell('tanggal') ? parseDateCell(cell('tanggal')) : null;
      if (cell('tanggal') && !date)
        bad('tanggal', 'Tanggal harus dd/MM/yyyy atau yyyy-MM-dd yang ada di kalender');
      const category = cell('kategori').toUpperCase() as ComplaintCategory;
      if (cell('kategori') && !COMPLAINT_CATEGORIES.includes(category))
        bad('kategori', `Kategori harus ${COMPLAINT_CATEGORIES.join(', ')}`);
      const unit = units.get(cell('kode_unit'));
      if (cell('kode_unit') && !unit) bad('kode_unit', `Unit berkode ${cell('kode_unit')} tidak ada`);
      else if (unit && !inScope(scope, unit.path))
        bad('kode_unit', `Unit ${cell('kode_unit')} di luar kewenangan Anda`);
      if (date && unit && date > ctx.todayIn(unit.timeZone))
        bad('tanggal', 'Tanggal tidak boleh setelah hari ini');
      if (errors.length > before || !date || !unit) continue;
      good.push({
        line: r.line,
        laporId,
        date,
        category,
        unit,
        title: cell('judul'),
        description: cell('isi'),
        reportedName: cell('pegawai_dilaporkan') || null,
        reporterName: cell('nama_pelapor') || null,
        reporterContact: cell('kontak_pelapor') || null,
      });
    }
    if (table.rows.length === 0)
      throw new AppError('IMPORT_INVALID', 'Berkas tidak berisi baris data; tidak ada yang disimpan', []);
    if (errors.length > 0 && mode === 'all')
      throw new AppError(
        'IMPORT_INVALID',
        `${errors.length} masalah di ${new Set(errors.map((e) => e.line)).size} baris; tidak ada yang disimpan. Perbaiki berkas, atau impor baris yang valid saja.`,
        errors,
      );
    return db.transaction().execute(async (trx) => {
      const existing = await repo.laporIdsExisting(
        good.map((g) => g.laporId),
        trx,
      );
      const now = clock.now();
      let created = 0;
      for (const g of good) {
        if (existing.has(g.laporId)) continue;
        const id = await repo.insert(trx, {
          trackingHash: null,
          channel: 'LAPOR',
          laporId: g.laporId,
          category: g.category,
          unitId: g.unit.id,
          reportedName: g.reportedName,
          title: g.title,
          description: g.description,
          incidentDate: null,
          latitude: null,
          longitude: null,
          reporterName: g.reporterName,
          reporterContact: g.reporterContact,
          receivedAt: new Date(fromZoned(g.date, 0, g.unit.timeZone as IndonesianTimeZone)),
          now,
        });
        if (!id) continue;
        created++;
        await repo.addEvent(trx, {
          complaintId: id,
          action: 'imported',
          fromStatus: null,
          toStatus: 'DITERIMA',
          note: `SP4N-LAPOR! ${g.laporId}`,
          actorId: actor.userId,
          actorName: actor.displayName,
          at: now,
        });
      }
      const result = { rows: table.rows.length, created, skipped: good.length - created, errors };
      await audit.record(trx, ctxOf(actor), {
        action: 'complaint.imported',
        entityType: 'complaint',
        after: { fileName: file.fileName, mode, ...result, errors: errors.length },
      });
      return result;
    });
  }

  return { importFile };
}
