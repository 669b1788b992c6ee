import type { Ctx, Where } from '../security/scope-harness.ts';
import { pdf } from './evidence.ts';
import { tppRunOf } from './tpp-runs-activity.ts';

/*
 * Objections for the access table (test/security/access/tpp-objections.ts), made lazily once per scope world
 * (memo keyed on the Ctx) on each side's published run (test/helpers/tpp-runs-activity.ts): `inbox`, a pending
 * objection of the side's employee that nothing decides (the inbox lists it), and `decide`, one the table's
 * decision route decides (first allowed caller; the others then answer 409). `decide` has a PDF as evidence.
 */

export interface SideObjections {
  inbox: string;
  decide: string;
}
const memos = new WeakMap<Ctx, Promise<Record<Where, SideObjections>>>();

export function tppObjections(x: Ctx): Promise<Record<Where, SideObjections>> {
  let m = memos.get(x);
  if (!m) {
    m = build(x);
    memos.set(x, m);
  }
  return m;
}

async function build(x: Ctx): Promise<Record<Where, SideObjections>> {
  const { t } = x;
  const out = {} as Record<Where, SideObjections>;
  for (const w of ['in', 'out'] as const) {
    const runId = await tppRunOf(x, w);
    const employeeId = x.side[w].employeeId;
    const filedBy = x.c.superAdmin.me.user.id;
    const add = (line: object) =>
      t.db
        .insertInto('tppObjections')
        .values({ runId, employeeId, line: JSON.stringify(line), reason: 'Uji akses', filedBy })
        .returning('id')
        .executeTakeFirstOrThrow();
    const inbox = await add({ kind: 'KINERJA' });
    const decide = await add({ kind: 'OTHER' });
    const prepared = await t.services.files.prepare(
      { bytes: new Uint8Array(pdf(`keberatan-${w}`)), fileName: 'bukti.pdf' },
      'tpp_objection_evidence',
    );
    await t.services.files.put(prepared);
    const att = await t.services.files.record(t.db, prepared, {
      kind: 'tpp_objection',
      id: decide.id,
      uploadedBy: filedBy,
    });
    await t.db
      .updateTable('tppObjections')
      .set({ evidenceFileId: att.id })
      .where('id', '=', decide.id)
      .execute();
    out[w] = { inbox: inbox.id, decide: decide.id };
    x.cache.set(`tppObjection:${w}`, inbox.id);
  }
  return out;
}

/** A side's objection. */
export const tppObjectionOf = async (x: Ctx, w: Where, which: keyof SideObjections) =>
  (await tppObjections(x))[w][which];
