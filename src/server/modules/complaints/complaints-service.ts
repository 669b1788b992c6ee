import type { Actor } from '../../auth/authz.ts';
import { createComplaintsContext, type ComplaintsDeps } from './complaints-context.ts';
import { createHandlingSection } from './complaints-handling.ts';
import { createImportSection } from './complaints-import.ts';
import { createPublicSection } from './complaints-public.ts';

/**
 * Public complaints (issue 18 point 2; docs/complaints.md): the module's façade, the only part other modules may
 * use (its type, wired in app.ts). Sections: the public page (form, filing, photos, tracking by code), the
 * officials' handling (list, detail with the reporter only for handling officials, routing with the service
 * level, rejection, answer, discipline case), and the SP4N-LAPOR! importer.
 */
export function createComplaintsService(deps: ComplaintsDeps) {
  const ctx = createComplaintsContext(deps);
  const publicSide = createPublicSection(ctx);
  const handling = createHandlingSection(ctx);
  const imports = createImportSection(ctx);
  deps.files.registerOwner(
    'complaint_photo',
    (actor, id) => handling.canViewPhoto(actor, id),
    'Foto pengaduan',
  );

  /** For the notification service: resolves when the actor may (still) read the complaint, throws 404 otherwise. */
  const canOpen = (actor: Actor, id: string) => handling.load(actor, id);

  /** Runs a step, then answers with the complaint as the caller now sees it. */
  const then = async (actor: Actor, id: string, run: Promise<unknown>) => {
    await run;
    return handling.get(actor, id);
  };

  return {
    ...publicSide,
    list: handling.list,
    get: handling.get,
    exportRows: handling.exportRows,
    exportTotal: handling.exportTotal,
    inboxCount: handling.inboxCount,
    photo: handling.photo,
    openCase: handling.openCase,
    route: (actor: Actor, id: string, body: Parameters<typeof handling.route>[2]) =>
      then(actor, id, handling.route(actor, id, body)),
    reject: (actor: Actor, id: string, body: Parameters<typeof handling.reject>[2]) =>
      then(actor, id, handling.reject(actor, id, body)),
    answer: (actor: Actor, id: string, body: Parameters<typeof handling.answer>[2]) =>
      then(actor, id, handling.answer(actor, id, body)),
    importFile: imports.importFile,
    canOpen,
  };
}
export type ComplaintsService = ReturnType<typeof createComplaintsService>;
