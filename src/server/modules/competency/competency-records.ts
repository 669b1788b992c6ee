import type { FastifyRequest } from 'fastify';
import { ctxOf } from '../../auth/auth-service.ts';
import { randomUUID } from 'node:crypto';
import { inScope, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import { sql } from 'kysely';
import { parseDateCell, parseNumberCell, parseRupiahCell } from '../../lib/table-cells.ts';
import { OutOfServiceError } from '../../relations/relations-types.ts';
import { normalizeNip } from '../../../core/people/nip.ts';
import { developmentProgress } from '../../../core/performance/competency.ts';
import {
  trainingRecordFieldsSchema,
  type CompetencyImportReport,
  type CompetencyProfile,
} from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';
import type { EmployeeBasics } from './competency-repo.ts';
import { runImport, type ImportKind, type RowProblem } from './competency-import.ts';

const basisText = (b: { regulation: string; article?: string | undefined }) =>
  [b.regulation, b.article].filter(Boolean).join(' ');

/**
 * Training records (issue 19 point 4): courses taken with dates, JP, provider, cost and the certificate (PDF or image,
 * checked by content through src/server/files); the yearly development hours against the rulebook's target, shown to
 * the employee, their superior chain and BKD (with the rest of the competency profile).
 */
export function createCompetencyRecords(ctx: CompetencyContext) {
  const { repo, audit, clock, files } = ctx;

  // A certificate is seen by whoever may see the employee's competencies (each view logged by the files service).
  files.registerOwner(
    'competency_training_record',
    async (actor, id) => {
      const employeeId = await repo.recordOwner(id);
      if (!employeeId) throw notFound('Sertifikat');
      await ctx.viewerOf(actor, await ctx.employeeOr404(employeeId));
      return true;
    },
    'Sertifikat pelatihan',
  );

  /**
   * POST /training-records (multipart): the employee records their own training, or BKD (competency.manage over the
   * employee's unit) anyone's; the certificate is required and must be a PDF or an image by its content (415
   * otherwise, nothing written). Audited.
   */
  async function create(actor: Actor, request: FastifyRequest): Promise<{ id: string }> {
    // One JSON field `data` (the upload plugin takes at most 5 fields) and the `certificate` file.
    const { fields, file } = await files.read(request, { fileField: 'certificate', fields: ['data'] });
    let raw: unknown;
    try {
      raw = JSON.parse(fields['data'] ?? '{}');
    } catch {
      throw new AppError('VALIDATION', 'Kolom data harus JSON', [{ path: 'data', message: 'Bukan JSON' }]);
    }
    const parsed = trainingRecordFieldsSchema.safeParse(raw);
    if (!parsed.success)
      throw new AppError(
        'VALIDATION',
        'Data yang dikirim tidak valid',
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    const input = parsed.data;
    const employeeId = input.employeeId ?? actor.employeeId;
    if (!employeeId) throw notFound('Data pegawai Anda');
    const e = await ctx.employeeOr404(employeeId);
    if (e.id !== actor.employeeId) requireUnit(actor, 'competency.manage', e.unitPath);
    if (!file)
      throw new AppError('VALIDATION', 'Sertifikat belum dipilih', [
        { path: 'certificate', message: 'Sertifikat belum dipilih' },
      ]);
    const prepared = await files.prepare(file, 'competency_certificate', 'certificate');
    await files.put(prepared);
    return ctx.db.transaction().execute(async (trx) => {
      const again = await ctx.employeeOr404(employeeId, trx);
      if (again.id !== actor.employeeId) requireUnit(actor, 'competency.manage', again.unitPath);
      await ctx.relations.placementOn(e.id, input.endDate, trx);
      const id = await repo.insertRecord(trx, {
        employeeId: e.id,
        unitId: again.unitId,
        title: input.title,
        provider: input.provider,
        startDate: input.startDate,
        endDate: input.endDate,
        jp: input.jp,
        cost: input.cost,
        trainingId: input.trainingId ?? null,
        createdBy: actor.userId,
        createdAt: clock.now(),
      });
      await files.record(trx, prepared, { kind: 'competency_training_record', id, uploadedBy: actor.userId });
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_training.recorded',
        entityType: 'competency_training_record',
        entityId: id,
        unitId: again.unitId,
        after: {
          employeeId: e.id,
          title: input.title,
          endDate: input.endDate,
          jp: input.jp,
          sha256: prepared.sha256,
        },
      });
      return { id };
    });
  }

  /**
   * POST /training-records/import (competency.manage): one row per training taken (`nip, nama_pelatihan,
   * penyelenggara, tanggal_mulai, tanggal_selesai, jp`, optional `biaya`), each employee in the caller's scope and in
   * service on the end date; a row already stored (same person, title and start date) or repeated in the file is
   * refused, so importing the same file twice records nothing twice. The certificates are uploaded afterwards, one by
   * one (`PUT /training-records/{id}/certificate`). Audited as one import.
   */
  async function importFile(
    actor: Actor,
    file: { name: string; buf: Buffer },
    opts: { dryRun: boolean; validOnly: boolean },
  ): Promise<CompetencyImportReport> {
    const scope = requireAny(actor, 'competency.manage');
    type Item = {
      e: EmployeeBasics;
      unitId: string;
      title: string;
      provider: string;
      startDate: string;
      endDate: string;
      jp: number;
      cost: number;
    };
    const importId = randomUUID();
    const kind: ImportKind<Item> = {
      required: ['nip', 'nama_pelatihan', 'penyelenggara', 'tanggal_mulai', 'tanggal_selesai', 'jp'],
      aliases: {
        nip_baru: 'nip',
        pelatihan: 'nama_pelatihan',
        nama_diklat: 'nama_pelatihan',
        diklat: 'nama_pelatihan',
        lembaga: 'penyelenggara',
        mulai: 'tanggal_mulai',
        selesai: 'tanggal_selesai',
        jam_pelajaran: 'jp',
        jumlah_jp: 'jp',
        biaya_rp: 'biaya',
      },
      async check(rows, exec) {
        const people = await repo.employeesByNip(
          rows.map((r) => normalizeNip(r.cells['nip'] ?? '') ?? ''),
          exec,
        );
        const stored = await repo.recordKeys(
          [...people.values()].map((e) => e.id),
          exec,
        );
        const seen = new Map<string, number>();
        const errors: RowProblem[] = [];
        const groups: { lines: number[]; item: Item }[] = [];
        for (const r of rows) {
          const bad = (column: string | null, message: string) =>
            errors.push({ line: r.line, column, message });
          const before = errors.length;
          const e = people.get(normalizeNip(r.cells['nip'] ?? '') ?? '');
          if (!e) bad('nip', `Pegawai dengan NIP ${r.cells['nip'] || '(kosong)'} tidak ditemukan`);
          else if (!inScope(scope, e.unitPath)) bad('nip', `Pegawai ${e.name} di luar lingkup Anda`);
          const title = (r.cells['nama_pelatihan'] ?? '').trim();
          if (title.length < 3 || title.length > 200)
            bad('nama_pelatihan', 'Nama pelatihan wajib diisi (3–200 huruf)');
          const provider = (r.cells['penyelenggara'] ?? '').trim();
          if (provider.length < 2 || provider.length > 200)
            bad('penyelenggara', 'Penyelenggara wajib diisi (2–200 huruf)');
          const startDate = parseDateCell(r.cells['tanggal_mulai'] ?? '');
          if (!startDate)
            bad('tanggal_mulai', `Tanggal "${r.cells['tanggal_mulai'] ?? ''}" tidak valid (dd/MM/yyyy)`);
          const endDate = parseDateCell(r.cells['tanggal_selesai'] ?? '');
          if (!endDate)
            bad('tanggal_selesai', `Tanggal "${r.cells['tanggal_selesai'] ?? ''}" tidak valid (dd/MM/yyyy)`);
          else if (startDate && endDate < startDate)
            bad('tanggal_selesai', 'Tanggal selesai sebelum tanggal mulai');
          const jp = parseNumberCell(r.cells['jp'] ?? '');
          if (!Number.isInteger(jp) || jp < 1 || jp > 2000)
            bad('jp', `JP "${r.cells['jp'] ?? ''}" harus bilangan bulat 1–2000`);
          const costText = (r.cells['biaya'] ?? '').trim();
          const cost = costText === '' ? 0 : parseRupiahCell(costText);
          if (!Number.isInteger(cost) || cost < 0 || cost > 1_000_000_000_000)
            bad('biaya', `Biaya "${costText}" harus rupiah bulat, tidak negatif`);
          if (!e || !startDate || !endDate || endDate < startDate) continue;
          let unitId = e.unitId;
          try {
            unitId = (await ctx.relations.placementOn(e.id, endDate, exec)).unitId;
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            bad(err instanceof OutOfServiceError ? 'tanggal_selesai' : null, err.message);
          }
          const key = `${e.id}|${title.toLowerCase()}|${startDate}`;
          if (stored.has(key))
            bad('nama_pelatihan', `Pelatihan "${title}" mulai ${startDate} sudah tercatat untuk ${e.name}`);
          const first = seen.get(key);
          if (first !== undefined) bad('nama_pelatihan', `Sama dengan baris ${first}`);
          else seen.set(key, r.line);
          if (errors.length === before)
            groups.push({
              lines: [r.line],
              item: { e, unitId, title, provider, startDate, endDate, jp, cost },
            });
        }
        return { groups, errors };
      },
      async write(trx, items) {
        for (const i of items)
          await repo.insertRecord(trx, {
            employeeId: i.e.id,
            unitId: i.unitId,
            title: i.title,
            provider: i.provider,
            startDate: i.startDate,
            endDate: i.endDate,
            jp: i.jp,
            cost: i.cost,
            trainingId: null,
            createdBy: actor.userId,
            createdAt: clock.now(),
          });
        await audit.record(trx, ctxOf(actor), {
          action: 'competency_training.imported',
          entityType: 'import',
          entityId: importId,
          after: { fileName: file.name, records: items.length },
        });
      },
    };
    return runImport(ctx, kind, file, opts, async (trx) => {
      requireAny(actor, 'competency.manage');
      // One import at a time: two commits of the same file would each find the other's rows not yet stored.
      await sql`select pg_advisory_xact_lock(hashtext('competency'), hashtext('training-records'))`.execute(
        trx,
      );
    });
  }

  /**
   * PUT /training-records/{id}/certificate (multipart `certificate`): the certificate of a record that has none yet
   * (an imported one); the employee or competency.manage over the employee's unit; PDF or image by content (415
   * otherwise). A record that already has one: 409, the stored certificate is kept. Audited.
   */
  async function attachCertificate(
    actor: Actor,
    id: string,
    request: FastifyRequest,
  ): Promise<{ id: string }> {
    const allowed = async (exec?: Parameters<typeof repo.recordOwner>[1]) => {
      const employeeId = await repo.recordOwner(id, exec);
      if (!employeeId) throw notFound('Catatan pelatihan');
      const e = await ctx.employeeOr404(employeeId, exec);
      if (e.id !== actor.employeeId) requireUnit(actor, 'competency.manage', e.unitPath);
      return e;
    };
    await allowed();
    const { file } = await files.read(request, { fileField: 'certificate', fields: [] });
    if (!file)
      throw new AppError('VALIDATION', 'Sertifikat belum dipilih', [
        { path: 'certificate', message: 'Sertifikat belum dipilih' },
      ]);
    const prepared = await files.prepare(file, 'competency_certificate', 'certificate');
    await files.put(prepared);
    return ctx.db.transaction().execute(async (trx) => {
      const e = await allowed(trx);
      await sql`select id from competency_training_records where id = ${id}::uuid for update`.execute(trx);
      if (await repo.hasCertificate(id, trx))
        throw new AppError('CONFLICT', 'Catatan pelatihan ini sudah memiliki sertifikat', [
          { path: 'certificate', message: 'Sudah ada', code: 'CERTIFICATE_EXISTS' },
        ]);
      await files.record(trx, prepared, { kind: 'competency_training_record', id, uploadedBy: actor.userId });
      await audit.record(trx, ctxOf(actor), {
        action: 'competency_training.certificate_attached',
        entityType: 'competency_training_record',
        entityId: id,
        unitId: e.unitId,
        after: { employeeId: e.id, sha256: prepared.sha256 },
      });
      return { id };
    });
  }

  /** GET /training-records/{id}/certificate: the file, for whoever may see the employee's competencies. */
  function certificate(actor: Actor, id: string) {
    return files.view(actor, 'competency_training_record', id);
  }

  /** This year's development hours and the records (for the profile; the caller's access is checked there). */
  async function developmentOf(employeeId: string): Promise<CompetencyProfile['development']> {
    const { competency } = await ctx.rules();
    const records = await repo.recordsOf(employeeId);
    const year = Number(ctx.today().slice(0, 4));
    const p = developmentProgress(records, year, competency);
    return { ...p, basis: basisText(competency.development.legalBasis), records };
  }

  return { create, importFile, attachCertificate, certificate, developmentOf };
}
