import { inScope, scopeOf, type Actor } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import { renderPdf, type Block } from '../../documents/pdf.ts';
import { letterheadBlock, signatureBlock, titleBlocks } from '../../documents/parts.ts';
import { formatDateId, formatMonthId } from '../../../core/common/date-text.ts';
import { toZoned, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { AwardList } from '../../../shared/api/teladan.ts';
import type { TeladanContext } from './teladan-context.ts';

type AwardRow = Awaited<ReturnType<TeladanContext['repo']['awards']>>[number];

/**
 * The awards on the employee's record and their certificates (issue 18 point 4): the employee sees their own;
 * readers of teladan or of employees see those in their scope. The certificate is a PDF through the document
 * layer: the letterhead (the OPD's, or the region's for a regional award), the number, the committee chair's
 * signature block.
 */
export function createTeladanAwards(ctx: TeladanContext) {
  const { repo } = ctx;

  /** Self, or teladan.read / employee.read over the employee's unit; else 403. */
  function requireAwardReader(actor: Actor, a: { employeeId: string; unitPath: string }) {
    if (a.employeeId === actor.employeeId) return;
    if (inScope(scopeOf(actor, 'teladan.read'), a.unitPath)) return;
    if (inScope(scopeOf(actor, 'employee.read'), a.unitPath)) return;
    throw forbidden('Anda tidak berwenang melihat penghargaan pegawai ini');
  }

  const present = (a: AwardRow): AwardList['items'][number] => ({
    id: a.id,
    periodId: a.periodId,
    periodName: a.periodName,
    year: a.year,
    employeeId: a.employeeId,
    employeeName: a.employeeName,
    nip: a.nip,
    category: a.category,
    opdName: a.opdName,
    score: Number(a.score),
    regionRank: a.regionRank,
    opdRank: a.opdRank,
    letterNumber: a.letterNumber,
    publishedAt: a.publishedAt.toISOString(),
  });

  return {
    /** GET /api/teladan/awards?employeeId=: an employee's awards (default: the caller's own). */
    async list(actor: Actor, q: { employeeId?: string | undefined }): Promise<AwardList> {
      const employeeId = q.employeeId ?? actor.employeeId;
      if (!employeeId) return { items: [] };
      if (employeeId !== actor.employeeId) {
        const e = await repo.employee(employeeId);
        if (!e) throw notFound('Pegawai');
        requireAwardReader(actor, { employeeId, unitPath: e.unitPath });
      }
      return { items: (await repo.awards({ employeeId })).map(present) };
    },

    /** 404 / 403 unless the caller may read the award (`requireAwardReader`). */
    async canRead(actor: Actor, id: string): Promise<void> {
      const a = (await repo.awards({ id }))[0];
      if (!a) throw notFound('Penghargaan');
      requireAwardReader(actor, a);
    },

    /** GET /api/teladan/awards/:id/certificate: the winner's certificate (PDF). */
    async certificate(actor: Actor, id: string): Promise<{ pdf: Buffer; fileName: string }> {
      const a = (await repo.awards({ id }))[0];
      if (!a) throw notFound('Penghargaan');
      requireAwardReader(actor, a);
      const chair = (await repo.committee([a.periodId])).find((m) => m.role === 'KETUA') ?? null;
      const root = a.unitPath.split('/').filter(Boolean)[0] ?? a.opdId;
      const letterhead = await ctx.documents.letterheadFor(a.category === 'REGION' ? root : a.opdId);
      const date = toZoned(a.publishedAt.getTime(), a.timeZone as IndonesianTimeZone).date;
      const period = await ctx.periodOr404(a.periodId);
      const blocks: Block[] = [
        letterheadBlock(letterhead),
        ...titleBlocks('Piagam Penghargaan ASN Teladan', a.letterNumber),
        { kind: 'text', text: 'Diberikan kepada:', style: { align: 'center' }, spaceAfter: 6 },
        {
          kind: 'text',
          text: a.employeeName,
          style: { face: 'bold', size: 16, align: 'center' },
          spaceAfter: 2,
        },
        ...(a.nip
          ? [
              {
                kind: 'text' as const,
                text: `NIP ${a.nip}`,
                style: { align: 'center' as const },
                spaceAfter: 2,
              },
            ]
          : []),
        { kind: 'text', text: a.opdName, style: { align: 'center' }, spaceAfter: 12 },
        {
          kind: 'text',
          text:
            `sebagai Aparatur Sipil Negara Teladan ${a.category === 'REGION' ? 'tingkat daerah' : `tingkat ${a.opdName}`} ` +
            `pada ${a.periodName} (${formatMonthId(period.fromMonth)} – ${formatMonthId(period.toMonth)}), ` +
            `peringkat ${a.category === 'REGION' ? a.regionRank : a.opdRank} dengan nilai ${Number(a.score).toFixed(2).replace('.', ',')}.`,
          style: { align: 'center' },
          spaceAfter: 6,
        },
        { kind: 'text', text: `Dasar: ${a.legalBasis}`, style: { align: 'center', size: 9 }, spaceAfter: 20 },
        signatureBlock(
          {
            name: chair?.name ?? '—',
            nip: chair?.nip ?? null,
            position: `Ketua Tim Penilai ${a.periodName}`,
          },
          { above: [formatDateId(date)] },
        ),
      ];
      const pdf = await renderPdf(
        { size: 'A4', landscape: true },
        { title: `Piagam ASN Teladan ${a.employeeName}`, subject: a.periodName, createdAt: a.publishedAt },
        blocks,
      );
      return { pdf, fileName: `piagam-teladan-${a.year}-${a.nip ?? a.employeeId}.pdf` };
    },
  };
}
export type TeladanAwards = ReturnType<typeof createTeladanAwards>;
