import type { FastifyRequest } from 'fastify';
import { ctxOf } from '../../auth/auth-service.ts';
import { requireUnit, type Actor } from '../../auth/authz.ts';
import { AppError, notFound } from '../../errors.ts';
import { developmentProgress } from '../../../core/performance/competency.ts';
import { trainingRecordFieldsSchema, type CompetencyProfile } from '../../../shared/api/competency.ts';
import type { CompetencyContext } from './competency-context.ts';

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

  return { create, certificate, developmentOf };
}
