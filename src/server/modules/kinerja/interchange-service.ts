import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { createInterchangeImport } from './interchange-import.ts';
import { createInterchangeExport } from './interchange-export.ts';

/**
 * e-Kinerja, section interchange (issue 15 point 7; docs/kinerja-interchange.md): the SKP/RHK import from
 * XLSX/CSV with its row-by-row report (dry run, or all-or-nothing commit), and the exports shaped like BKN
 * e-Kinerja / SIASN data (SKP with the cascade and targets; evaluations with realisation and predikat).
 */
export function createInterchangeSection(ctx: KinerjaContext) {
  const imports = createInterchangeImport(ctx);
  const exports = createInterchangeExport(ctx);
  return {
    importSkp: imports.importSkp,
    template: imports.template,
    columns: imports.columns,
    skpExport: exports.skpExport,
    evaluationExport: exports.evaluationExport,
    /** Renders the exports (direct download via runNow, or a background job). */
    jobs: ctx.jobs,
    /** Interchange has no records of its own to open (imports are audit entries). */
    async get(actor: Actor, id: string): Promise<unknown> {
      void actor;
      throw notFound(`Data ${id}`);
    },
  };
}
export type InterchangeSection = ReturnType<typeof createInterchangeSection>;
