import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../errors.ts';

/** A per-call size limit of the file part, and the configuration variable that sets it (named in the 413). */
export interface UploadLimit {
  bytes: number;
  name: string;
}

/**
 * The fields and the one file of a multipart upload (a file under another field name is drained and ignored).
 * A request that is not multipart is 415 UNSUPPORTED_FILE; a malformed body (no boundary, a broken part, too
 * many parts) is 400 VALIDATION, and a file over the limit 413 FILE_TOO_LARGE naming it, never a 500. The limit
 * is IMPORT_MAX_BYTES (the plugin's) unless the caller passes its own (`limit`, e.g. ATTACHMENT_MAX_BYTES): the
 * reader then stops at it instead of buffering the rest. Every multipart route reads through here.
 * Source: issue 12 points 2 and 3 (every parser error in the project's error shape); issue 14 point 3.
 */
export async function readUpload(
  request: FastifyRequest,
  opts: { fields?: string[]; fileField?: string; maxBytes?: number; limit?: UploadLimit } = {},
): Promise<{
  fields: Record<string, string>;
  file: { name: string; buf: Buffer; type: string } | null;
}> {
  const names = opts.fields ?? [];
  const fileField = opts.fileField ?? 'file';
  if (!request.isMultipart())
    throw new AppError('UNSUPPORTED_FILE', 'Kirim berkas sebagai multipart/form-data', undefined);
  const fields: Record<string, string> = {};
  let file: { name: string; buf: Buffer; type: string } | null = null;
  try {
    const parts = opts.limit ? request.parts({ limits: { fileSize: opts.limit.bytes } }) : request.parts();
    for await (const part of parts) {
      if (part.type === 'field') {
        if (names.includes(part.fieldname)) fields[part.fieldname] = String(part.value);
      } else if (part.fieldname === fileField && !file)
        file = { name: part.filename ?? '', buf: await part.toBuffer(), type: part.mimetype ?? '' };
      else await part.toBuffer();
    }
  } catch (err) {
    throw multipartError(err, opts.limit?.bytes ?? opts.maxBytes, opts.limit?.name);
  }
  return { fields, file };
}

/** A multipart reading error as the response it deserves. */
export function multipartError(err: unknown, maxBytes?: number, limitName = 'IMPORT_MAX_BYTES'): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.statusCode === 413) {
    const size = maxBytes
      ? ` (${(maxBytes / 1024 / 1024).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB)`
      : '';
    return new AppError(
      'FILE_TOO_LARGE',
      `Berkas melebihi batas ${limitName}${size}; tidak ada data yang disimpan.`,
      { limit: limitName, ...(maxBytes ? { max: maxBytes } : {}) },
    );
  }
  return new AppError('VALIDATION', 'Isi multipart/form-data rusak atau tidak lengkap; kirim ulang berkas', [
    { path: 'file', message: 'Isi multipart tidak dapat dibaca' },
  ]);
}
