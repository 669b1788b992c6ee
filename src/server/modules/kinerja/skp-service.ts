import type { Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import type { KinerjaContext } from './kinerja-context.ts';

/** e-Kinerja, section skp (placeholder to be grown). */
export function createSkpSection(ctx: KinerjaContext) {
  void ctx;
  return {
    /** Resolves when the actor may read the item; NOT_FOUND otherwise. */
    async get(actor: Actor, id: string): Promise<unknown> {
      void actor;
      throw notFound(`Data ${id}`);
    },
  };
}
export type SkpSection = ReturnType<typeof createSkpSection>;
