import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * A large unit for export tests and the export bench (`bench/export-load.ts`), made set-based in three
 * statements: a unit under `parentCode`, `employees` employees in it ("Pegawai Massal 0001", …, NIP
 * `nipOf(n)`), and one stored recap row each for `month` (HK 21, H 19, TK 2, n mod 60 minutes late, TL1 when
 * late). Not used by the server.
 */
export async function addBulkUnit(
  db: Db,
  o: { code: string; parentCode: string; employees: number; month: string; firstNip?: number },
) {
  const parent = await db
    .selectFrom('units')
    .select(['id', 'path', 'timeZone'])
    .where('code', '=', o.parentCode)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const first = o.firstNip ?? 1;
  await db
    .insertInto('units')
    .values({
      id,
      code: o.code,
      name: `Unit Uji Massal ${o.code}`,
      kind: 'BIDANG',
      parentId: parent.id,
      timeZone: parent.timeZone,
      address: null,
      path: `${parent.path}${id}/`,
    })
    .execute();
  await sql`
    insert into employees (id, nip, name, gender, employee_type, unit_id, active_from)
    select gen_random_uuid(), '19' || lpad((${first - 1}::int + g)::text, 16, '0'),
           'Pegawai Massal ' || lpad(g::text, 4, '0'),
           case when g % 2 = 0 then 'L' else 'P' end, 'PNS', ${id}::uuid, date '2020-01-01'
    from generate_series(1, ${o.employees}::int) g`.execute(db);
  await sql`
    insert into monthly_recaps (employee_id, month, unit_id, recorded_days, working_days, code_counts,
                                late_minutes, tl1, tk_days, minutes_per_day, on_time_days)
    select e.id, ${o.month}, e.unit_id, 31, 21, '{"H":19,"TK":2}'::jsonb,
           (substr(e.name, 16)::int % 60), case when substr(e.name, 16)::int % 60 > 0 then 1 else 0 end,
           2, 450, 18
    from employees e where e.unit_id = ${id}::uuid`.execute(db);
  return {
    unitId: id,
    nipOf: (n: number) => `19${String(first - 1 + n).padStart(16, '0')}`,
  };
}
