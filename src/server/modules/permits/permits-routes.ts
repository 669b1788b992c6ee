import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type {} from '@fastify/multipart';
import { idParamSchema, pageQuerySchema } from '../../../shared/api/common.ts';
import {
  cancelSchema,
  correctionInputSchema,
  correctionPageSchema,
  correctionSchema,
  decisionSchema,
  inboxCountSchema,
  permitInputSchema,
  permitPageSchema,
  permitRecordSchema,
  permitSchema,
  requestExportParamsSchema,
  requestListQuerySchema,
  uploadedFileSchema,
} from '../../../shared/api/permits.ts';
import { AppError } from '../../errors.ts';
import type { AttachmentService } from '../../files/attachment-service.ts';
import { actorOf } from '../../plugins/session.ts';
import { sendTable, type TableColumn } from '../../lib/table-export.ts';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../auth/authz.ts';
import type { PermitService } from './permit-service.ts';
import { PERMIT_EXPORT_COLUMNS } from './permit-service.ts';
import type { CorrectionService } from './correction-service.ts';
import { CORRECTION_EXPORT_COLUMNS } from './correction-service.ts';
import type { RequestSupport } from './request-support.ts';

const permitTags = ['Izin dan penugasan'];
const correctionTags = ['Koreksi presensi'];

const sendFile = (reply: FastifyReply, f: { bytes: Uint8Array; mime: string }) =>
  reply
    .header('content-type', f.mime)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline')
    .send(Buffer.from(f.bytes));

type App = Parameters<FastifyPluginAsyncZod>[0];
type Shared = 'inbox' | 'mine' | 'list' | 'exportRows' | 'get' | 'decide' | 'cancel';

/** What permits and corrections each register alike under their base path. */
interface RequestRouteSpec {
  base: '/api/permits' | '/api/corrections';
  tags: string[];
  item: typeof permitSchema | typeof correctionSchema;
  page: typeof permitPageSchema | typeof correctionPageSchema;
  service: Pick<PermitService, Shared> | Pick<CorrectionService, Shared>;
  summaries: Record<'inbox' | 'mine' | 'list' | 'export' | 'get' | 'decision' | 'cancel', string>;
  exportAs: { fileBase: string; title: string; columns: TableColumn[] };
  file: {
    path: 'file' | 'evidence';
    summary: string;
    serve: (actor: Actor, id: string) => Promise<{ bytes: Uint8Array; mime: string }>;
  };
}

/** GET inbox, mine, the scoped list and its export. */
function listRoutes(app: App, r: RequestRouteSpec) {
  app.get(
    `${r.base}/inbox`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.inbox,
        querystring: pageQuerySchema,
        response: { 200: r.page },
      },
    },
    (request) => r.service.inbox(actorOf(request), request.query),
  );

  app.get(
    `${r.base}/mine`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.mine,
        querystring: pageQuerySchema,
        response: { 200: r.page },
      },
    },
    (request) => r.service.mine(actorOf(request), request.query),
  );

  app.get(
    r.base,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.list,
        querystring: requestListQuerySchema,
        response: { 200: r.page },
      },
    },
    (request) => r.service.list(actorOf(request), request.query),
  );

  app.get(
    `${r.base}/export.:format`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.export,
        params: requestExportParamsSchema,
        querystring: requestListQuerySchema,
      },
    },
    async (request, reply) => {
      const rows = await r.service.exportRows(actorOf(request), request.query);
      const { fileBase, title, columns } = r.exportAs;
      return sendTable(reply, request.params.format, fileBase, title, columns, rows);
    },
  );
}

/** One request: read, decide, cancel and its file (every view logged). */
function itemRoutes(app: App, r: RequestRouteSpec) {
  app.get(
    `${r.base}/:id`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.get,
        params: idParamSchema,
        response: { 200: r.item },
      },
    },
    (request) => r.service.get(actorOf(request), request.params.id),
  );

  app.post(
    `${r.base}/:id/decision`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.decision,
        params: idParamSchema,
        body: decisionSchema,
        response: { 200: r.item },
      },
    },
    (request) => r.service.decide(actorOf(request), request.params.id, request.body),
  );

  app.post(
    `${r.base}/:id/cancel`,
    {
      schema: {
        tags: r.tags,
        summary: r.summaries.cancel,
        params: idParamSchema,
        body: cancelSchema,
        response: { 200: r.item },
      },
    },
    (request) => r.service.cancel(actorOf(request), request.params.id, request.body),
  );

  app.get(
    `${r.base}/:id/${r.file.path}`,
    { schema: { tags: r.tags, summary: r.file.summary, params: idParamSchema } },
    async (request, reply) => sendFile(reply, await r.file.serve(actorOf(request), request.params.id)),
  );
}

export function permitsRoutes(deps: {
  permits: PermitService;
  corrections: CorrectionService;
  support: RequestSupport;
  /** The one multipart reader of attachments (ATTACHMENT_MAX_BYTES). */
  files: Pick<AttachmentService, 'read'>;
}): FastifyPluginAsyncZod {
  const { permits, corrections, support, files } = deps;
  const permitSpec: RequestRouteSpec = {
    base: '/api/permits',
    tags: permitTags,
    item: permitSchema,
    page: permitPageSchema,
    service: permits,
    summaries: {
      inbox: 'Permohonan izin bawahan (termasuk sebagai Plt/Plh) yang menunggu keputusan Anda',
      mine: 'Permohonan izin saya dengan status dan catatan keputusan',
      list: 'Daftar izin dalam lingkup (admin OPD, BKD, Inspektorat): cari nama/NIP, saring unit/periode/status/jenis',
      export: 'Ekspor daftar izin dalam lingkup (csv atau xlsx) dengan saringan yang sama',
      get: 'Satu permohonan izin',
      decision: 'Setujui atau tolak (dengan catatan) oleh atasan langsung atau Plt/Plh',
      cancel: 'Batalkan permohonan (pegawai; admin untuk catatan admin)',
    },
    exportAs: { fileBase: 'izin', title: 'Izin dan Penugasan', columns: PERMIT_EXPORT_COLUMNS },
    file: {
      path: 'file',
      summary: 'Surat tugas / lampiran (hanya yang berwenang; dicatat)',
      serve: permits.fileOf,
    },
  };
  const correctionSpec: RequestRouteSpec = {
    base: '/api/corrections',
    tags: correctionTags,
    item: correctionSchema,
    page: correctionPageSchema,
    service: corrections,
    summaries: {
      inbox: 'Koreksi presensi bawahan yang menunggu keputusan Anda',
      mine: 'Koreksi presensi saya',
      list: 'Daftar koreksi dalam lingkup (admin OPD, BKD, Inspektorat)',
      export: 'Ekspor daftar koreksi dalam lingkup (csv atau xlsx)',
      get: 'Satu koreksi presensi',
      decision: 'Setujui atau tolak koreksi (atasan langsung atau Plt/Plh)',
      cancel: 'Batalkan koreksi (pegawai yang mengajukan)',
    },
    exportAs: {
      fileBase: 'koreksi-presensi',
      title: 'Koreksi Presensi',
      columns: CORRECTION_EXPORT_COLUMNS,
    },
    file: {
      path: 'evidence',
      summary: 'Bukti koreksi (hanya yang berwenang; dicatat)',
      serve: corrections.evidenceOf,
    },
  };
  return async (app) => {
    app.post(
      '/api/permits/files',
      {
        schema: {
          tags: permitTags,
          summary:
            'Unggah surat tugas / bukti (multipart, berkas `file`: PDF, JPEG, PNG atau WebP menurut isinya, paling besar ATTACHMENT_MAX_BYTES; metadata gambar dihapus)',
          response: { 201: uploadedFileSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('VALIDATION', 'Kirim berkas sebagai multipart/form-data');
        const { file } = await files.read(request);
        if (!file) throw new AppError('VALIDATION', 'Berkas `file` tidak terkirim');
        return reply.status(201).send(await support.upload(actorOf(request), file));
      },
    );

    app.get(
      '/api/permits/inbox/count',
      {
        schema: {
          tags: permitTags,
          summary: 'Jumlah izin dan koreksi bawahan yang menunggu keputusan Anda',
          response: { 200: inboxCountSchema },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const [p, c] = await Promise.all([permits.inboxCount(actor), corrections.inboxCount(actor)]);
        return { permits: p, corrections: c, total: p + c };
      },
    );

    listRoutes(app, permitSpec);

    app.post(
      '/api/permits',
      {
        schema: {
          tags: permitTags,
          summary: 'Ajukan izin, sakit, dinas luar, tugas luar, tugas belajar, diklat atau WFH/WFA',
          body: permitInputSchema,
          response: { 201: permitSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await permits.request(actorOf(request), request.body)),
    );

    app.post(
      '/api/permits/record',
      {
        schema: {
          tags: permitTags,
          summary:
            'Admin OPD mencatat DL/TB/DIKLAT atas nama pegawai berdasarkan surat tugas (langsung disetujui)',
          body: permitRecordSchema,
          response: { 201: permitSchema },
        },
      },
      async (request, reply) => reply.status(201).send(await permits.record(actorOf(request), request.body)),
    );

    itemRoutes(app, permitSpec);

    // ------------------------------------------------------------ corrections
    listRoutes(app, correctionSpec);

    app.post(
      '/api/corrections',
      {
        schema: {
          tags: correctionTags,
          summary: 'Ajukan koreksi presensi (jam lokal unit) dengan bukti',
          body: correctionInputSchema,
          response: { 201: correctionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await corrections.request(actorOf(request), request.body)),
    );

    itemRoutes(app, correctionSpec);
  };
}
