import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';

/** A file rendered to a temporary path (an export, see `JobService.runNow`), deleted once sent. */
export interface RenderedFile {
  filePath: string;
  contentType: string;
  size: number;
  fileName: string;
  cleanup(): unknown;
}

/** `attachment; filename=…` with a plain-ASCII name and the UTF-8 one (RFC 6266). */
export function attachment(fileName: string) {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * The direct download of an export: rendered off the event loop to a temporary file by whatever renders it (the
 * jobs module's `runNow`, passed in by the route's module), then streamed and deleted. For large exports the web
 * starts a job instead. Platform, so a module's routes need not import the jobs module's routes.
 */
export async function sendExport<S>(
  reply: FastifyReply,
  renderer: { runNow(spec: S): Promise<RenderedFile> },
  spec: S,
) {
  const out = await renderer.runNow(spec);
  const stream = createReadStream(out.filePath);
  stream.once('close', () => void out.cleanup());
  return reply
    .header('content-type', out.contentType)
    .header('content-length', out.size)
    .header('content-disposition', `attachment; filename="${out.fileName.replace(/[^A-Za-z0-9._-]+/g, '-')}"`)
    .send(stream);
}
