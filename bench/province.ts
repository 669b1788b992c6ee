import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/server/db/database.ts';

/**
 * A generated province for the benchmarks (bench/recap.ts, bench/tpp.ts): a root, OPDs with sub-units, employees
 * spread over them and their punches of a month, all set-based.
 */
export interface ProvinceSpec {
  employees: number;
  opds: number;
  unitsPerOpd: number;
  /** The punches' first and last day (`yyyy-MM-dd`). */
  from: string;
  to: string;
}

/** Units: one province root, OPDs, and sub-units under each (paths as the app builds them). */
export async function loadUnits(db: Db, p: ProvinceSpec) {
  const rows: {
    id: string;
    code: string;
    name: string;
    kind: string;
    parentId: string | null;
    path: string;
  }[] = [];
  const root = randomUUID();
  rows.push({
    id: root,
    code: 'BENCH',
    name: 'Provinsi Bench',
    kind: 'INSTANSI',
    parentId: null,
    path: `/${root}/`,
  });
  for (let o = 0; o < p.opds; o++) {
    const opd = randomUUID();
    const opdPath = `/${root}/${opd}/`;
    rows.push({ id: opd, code: `B-OPD${o}`, name: `OPD ${o}`, kind: 'OPD', parentId: root, path: opdPath });
    for (let u = 0; u < p.unitsPerOpd; u++) {
      const id = randomUUID();
      rows.push({
        id,
        code: `B-OPD${o}-U${u}`,
        name: `Unit ${o}.${u}`,
        kind: u % 3 === 0 ? 'SEKOLAH' : u % 3 === 1 ? 'UPTD' : 'BIDANG',
        parentId: opd,
        path: `${opdPath}${id}/`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('units')
      .values(rows.slice(i, i + 500).map((r) => ({ ...r, timeZone: 'Asia/Jakarta' })))
      .execute();
  return rows;
}

/**
 * Employees and their January punches, all set-based. Per employee-day (weekdays; holidays get punches too,
 * as some people come in): ~3% absent, ~3% only a check-out, ~5% only a check-in, ~12% late (07:31–09:30),
 * ~6% early out (13:00–15:59), the rest on time (in 06:30–07:30, out 16:00–17:30); ~1% of check-ins FLAGGED
 * and ~0.5% REJECTED; 2% of employees joined mid-month.
 */
export async function loadProvince(db: Db, p: ProvinceSpec) {
  await sql`select setseed(0.42)`.execute(db);
  await sql`
    insert into employees (id, nip, name, gender, employee_type, unit_id, active_from)
    select gen_random_uuid(), '19' || lpad(g::text, 16, '0'), 'Pegawai ' || g,
           case when g % 2 = 0 then 'L' else 'P' end, 'PNS', u.id,
           case when g % 50 = 0 then date '2026-01-15' else date '2020-01-01' end
    from generate_series(1, ${p.employees}) g
    join (select id, row_number() over (order by code) - 1 as n from units where kind <> 'INSTANSI') u
      on u.n = g % ${p.opds * (p.unitsPerOpd + 1)}`.execute(db);
  // Bulk load: the punches' secondary indexes are dropped and built again afterwards (same definitions).
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where tablename = 'punches' and indexname <> 'punches_pkey'`.execute(db);
  for (const i of indexes.rows) await sql`drop index ${sql.ref(i.name)}`.execute(db);
  // One row per employee-day with a random draw, then 0–2 punches from it.
  await sql`
    insert into punches (employee_id, unit_id, kind, source, occurred_at, received_at, local_date,
                         idempotency_key, body_hash, verdict)
    select x.id, x.unit_id, 'ANY', 'ONLINE', x.at, x.at, x.d, x.key, 'bench', x.verdict
    from (
      select s0.id, s0.unit_id, s0.d, s0.r, s0.v,
             (s0.d + (case
                when s0.r < 0.12 then 451 + floor(s0.j1 * 120)      -- late 07:31–09:30
                else 390 + floor(s0.j1 * 61) end) * interval '1 minute')
               at time zone 'Asia/Jakarta' as at_in,
             (s0.d + (case
                when s0.r >= 0.12 and s0.r < 0.18 then 780 + floor(s0.j2 * 180) -- early 13:00–15:59
                else 960 + floor(s0.j2 * 91) end) * interval '1 minute')
               at time zone 'Asia/Jakarta' as at_out
      from (
        select e.id, e.unit_id, d::date as d, random() as r, random() as v, random() as j1, random() as j2
        from employees e
        cross join generate_series(${p.from}::date, ${p.to}::date, interval '1 day') d
        where extract(isodow from d) < 6 and e.active_from <= d::date
        offset 0
      ) s0
    ) s
    cross join lateral (values
      (s.at_in, s.d::text || '-in', case when s.v < 0.005 then 'REJECTED' when s.v < 0.015 then 'FLAGGED'
                                          else 'ACCEPTED' end, s.r < 0.97 and not (s.r >= 0.92 and s.r < 0.95)),
      (s.at_out, s.d::text || '-out', 'ACCEPTED', s.r < 0.92 or (s.r >= 0.95 and s.r < 0.97))
    ) as x0(at, key, verdict, keep)
    cross join lateral (select s.id, s.unit_id, s.d, x0.at, x0.key, x0.verdict) x
    where x0.keep
    order by x.id, x.at`.execute(db);
  for (const i of indexes.rows) await sql.raw(i.def).execute(db);
  const [e, pn] = await Promise.all([
    db.selectFrom('employees').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('punches').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { employees: Number(e.n), punches: Number(pn.n) };
}
