import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** One stored item with the names the list shows. */
export interface InspectionsRow {
  id: string;
  unitId: string;
  unitName: string;
  date: string;
  title: string;
  note: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface InspectionsFilter {
  /** Unit subtrees ('all' = the organisation). */
  paths: 'all' | string[];
  unitId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

/** SQL of Inspections: no rules and no access checks (the service does both). */
export function createInspectionsRepo(db: Db) {
  const where = (f: InspectionsFilter) => {
    const parts = [sql<boolean>`true`];
    if (f.paths !== 'all')
      parts.push(
        f.paths.length === 0
          ? sql<boolean>`false`
          : sql<boolean>`(${sql.join(
              f.paths.map((p) => sql`u.path like ${`${p}%`}`),
              sql` or `,
            )})`,
      );
    if (f.unitId) parts.push(sql<boolean>`i.unit_id = ${f.unitId}::uuid`);
    if (f.from) parts.push(sql<boolean>`i.date >= ${f.from}::date`);
    if (f.to) parts.push(sql<boolean>`i.date <= ${f.to}::date`);
    if (f.q) parts.push(sql<boolean>`i.title ilike ${`%${f.q.replace(/[\\%_]/g, '\\$&')}%`}`);
    return sql.join(parts, sql` and `);
  };
  return {
    async unitPath(unitId: string, trx: Db = db): Promise<string | null> {
      const r = await sql<{ path: string }>`select path from units where id = ${unitId}::uuid`.execute(trx);
      return r.rows[0]?.path ?? null;
    },

    async list(
      f: InspectionsFilter,
      page: number,
      pageSize: number,
    ): Promise<{ rows: InspectionsRow[]; total: number }> {
      const rows = await sql<InspectionsRow>`
        select i.id, i.unit_id as "unitId", u.name as "unitName", to_char(i.date, 'YYYY-MM-DD') as date, i.title,
               i.note, us.display_name as "createdByName", i.created_at as "createdAt"
          from inspections_items i join units u on u.id = i.unit_id left join users us on us.id = i.created_by
         where ${where(f)}
         order by i.date desc, i.id
         limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
      const total = await sql<{ n: number }>`
        select count(*)::int as n from inspections_items i join units u on u.id = i.unit_id where ${where(f)}`.execute(
        db,
      );
      return { rows: rows.rows, total: total.rows[0]!.n };
    },

    async insert(
      trx: Db,
      row: {
        unitId: string;
        date: string;
        title: string;
        note: string | null;
        createdBy: string;
        createdAt: Date;
      },
    ): Promise<string> {
      const r = await sql<{ id: string }>`
        insert into inspections_items (unit_id, date, title, note, created_by, created_at)
        values (${row.unitId}::uuid, ${row.date}::date, ${row.title}, ${row.note}, ${row.createdBy}::uuid,
                ${row.createdAt})
        returning id`.execute(trx);
      return r.rows[0]!.id;
    },
  };
}
export type InspectionsRepo = ReturnType<typeof createInspectionsRepo>;
