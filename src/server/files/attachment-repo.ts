import type { Insertable, Kysely, Transaction } from 'kysely';
import type { AttachmentsTable, AttachmentViewsTable, Database } from '../db/schema.ts';
import type { Db } from '../db/database.ts';

export type Exec = Kysely<Database> | Transaction<Database>;

/** Queries of the attachments and their access log (Kysely, CamelCasePlugin). */
export function createAttachmentRepo(db: Db) {
  return {
    /**
     * A waiting upload (no owner yet) of one uploader, stored once per content; the same content uploaded again
     * renews it (also one whose bytes the retention job had deleted).
     */
    upsertWaiting: (row: Insertable<AttachmentsTable>, exec: Exec = db) =>
      exec
        .insertInto('attachments')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['sha256', 'uploadedBy'])
            .where('ownerId', 'is', null)
            .doUpdateSet({ purgedAt: null, createdAt: row.createdAt, fileName: row.fileName }),
        )
        .returningAll()
        .executeTakeFirstOrThrow(),

    /** An owned attachment (a record holds one per kind). */
    insert: (row: Insertable<AttachmentsTable>, exec: Exec = db) =>
      exec.insertInto('attachments').values(row).returningAll().executeTakeFirstOrThrow(),

    /** The upload `sha256` waiting for `uploadedBy`, with its bytes still kept. */
    waiting: (sha256: string, uploadedBy: string, exec: Exec = db) =>
      exec
        .selectFrom('attachments')
        .selectAll()
        .where('sha256', '=', sha256)
        .where('uploadedBy', '=', uploadedBy)
        .where('ownerId', 'is', null)
        .where('purgedAt', 'is', null)
        .executeTakeFirst(),

    /** The newest attachment of a record (of one kind when given). */
    ofOwner: (ownerKind: string, ownerId: string, kind?: string, exec: Exec = db) => {
      let q = exec
        .selectFrom('attachments')
        .selectAll()
        .where('ownerKind', '=', ownerKind)
        .where('ownerId', '=', ownerId);
      if (kind) q = q.where('kind', '=', kind);
      return q.orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
    },

    logView: (row: Insertable<AttachmentViewsTable>, exec: Exec = db) =>
      exec.insertInto('attachmentViews').values(row).execute(),

    /** Rows of a retention class created before `cutoff` whose bytes are still kept (oldest first). */
    expired: (retentionClass: string, cutoff: Date, limit: number, exec: Exec) =>
      exec
        .selectFrom('attachments')
        .select(['id', 'sha256'])
        .where('retentionClass', '=', retentionClass)
        .where('createdAt', '<', cutoff)
        .where('purgedAt', 'is', null)
        .orderBy('createdAt')
        .limit(limit)
        .execute(),

    markPurged: (ids: string[], at: Date, exec: Exec) =>
      exec.updateTable('attachments').set({ purgedAt: at }).where('id', 'in', ids).execute(),

    /** Of these contents, those some attachment still keeps (not purged): their bytes must stay. */
    stillKept: async (sha256s: string[], exec: Exec) =>
      new Set(
        (
          await exec
            .selectFrom('attachments')
            .select('sha256')
            .distinct()
            .where('sha256', 'in', sha256s)
            .where('purgedAt', 'is', null)
            .execute()
        ).map((r) => r.sha256),
      ),
  };
}

export type AttachmentRepo = ReturnType<typeof createAttachmentRepo>;
