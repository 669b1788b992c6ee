import { sql, type Kysely } from 'kysely';

/**
 * Daily statuses are stored one row per employee-month, the way the regional rekap forms lay them out (one line
 * per employee, a column per day). A province month is ~50,000 rows instead of ~1.5 M: writing 1.5 M day rows
 * with their primary key alone took longer than the whole `bench/recap` target on the 2-core machine.
 *
 * Each day column holds the month's values in day order (day 1 first) joined by the unit separator U+001F, an
 * empty value meaning null (no day stored, or no value): the status service packs and unpacks them in one
 * string operation, where PostgreSQL arrays cost a parse of every element on each write (~60 % of a batch).
 * `unit_ix` points into `units` (the distinct units of the month's days, GIN-indexed so that unit-scoped reads
 * find their rows); `reasons` packs each day's reasons joined by U+001D (empty: none); `computed_ms` is when each
 * day last changed (epoch ms), `computed_at` the row's last write.
 *
 * `day_statuses` becomes a view with the old columns plus `month` and `month_units`: SQL readers filter on
 * `month` (first day of the month) so that only the months they need are unpacked, and unit-scoped readers on
 * `month_units && …` to use the GIN index. Existing rows are moved over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table status_months (
    employee_id uuid not null,
    month date not null check (extract(day from month) = 1),
    units uuid[] not null,
    unit_ix text not null,
    code text not null,
    late_band text not null,
    early_band text not null,
    late_minutes text not null,
    early_minutes text not null,
    missing_check_in text not null,
    missing_check_out text not null,
    work_location text not null,
    non_working_day text not null,
    reasons text not null,
    rulebook_id text not null,
    computed_ms text not null,
    computed_at timestamptz not null default now(),
    primary key (employee_id, month)
  )`.execute(db);
  // Rows (~3–5 KB, most of it reasons) are not compressed: compressing them cost more than it saved.
  await sql`alter table status_months set (toast_tuple_target = 8160)`.execute(db);
  await sql`create index status_months_units on status_months using gin (units)`.execute(db);
  await sql`create index status_months_month on status_months (month)`.execute(db);
  const pack = (expr: string) =>
    sql.raw(`array_to_string(array_agg(coalesce((${expr})::text, '') order by i), chr(31))`);
  await sql`
    insert into status_months (employee_id, month, units, unit_ix, code, late_band, early_band, late_minutes,
      early_minutes, missing_check_in, missing_check_out, work_location, non_working_day, reasons, rulebook_id,
      computed_ms, computed_at)
    select g.employee_id, g.month, g.units, ${pack('array_position(g.units, s.unit_id)')}, ${pack('s.code')},
      ${pack('s.late_band')}, ${pack('s.early_band')}, ${pack('s.late_minutes')}, ${pack('s.early_minutes')},
      ${pack("case when s.missing_check_in then 't' when not s.missing_check_in then 'f' end")},
      ${pack("case when s.missing_check_out then 't' when not s.missing_check_out then 'f' end")},
      ${pack('s.work_location')},
      ${pack("case when s.non_working_day then 't' when not s.non_working_day then 'f' end")},
      ${pack('(select string_agg(r, chr(29) order by n) from jsonb_array_elements_text(s.reasons) with ordinality as x(r, n))')},
      ${pack('s.rulebook_id')}, ${pack('(extract(epoch from s.computed_at) * 1000)::bigint')}, max(g.computed_at)
    from (select employee_id, date_trunc('month', local_date)::date as month, max(computed_at) as computed_at,
            array_agg(distinct unit_id) as units
          from day_statuses group by 1, 2) g
    cross join lateral generate_series(1, extract(day from g.month + interval '1 month' - interval '1 day')::int) i
    left join day_statuses s on s.employee_id = g.employee_id and s.local_date = g.month + (i - 1)
    group by g.employee_id, g.month, g.units`.execute(db);
  await sql`drop table day_statuses`.execute(db);
  const split = (column: string, type: string) =>
    sql.raw(`string_to_array(m.${column}, chr(31), '')::${type}[]`);
  await sql`create view day_statuses as
    select m.employee_id, m.month + (d.i - 1)::int as local_date, m.units[d.unit_ix] as unit_id, d.code,
      d.late_band, d.early_band, d.late_minutes, d.early_minutes, d.missing_check_in, d.missing_check_out,
      d.work_location, d.non_working_day, to_jsonb(coalesce(string_to_array(d.reasons, chr(29)), '{}')) as reasons,
      d.rulebook_id, timestamptz 'epoch' + d.computed_ms * interval '1 millisecond' as computed_at,
      m.month, m.units as month_units
    from status_months m
    cross join lateral rows from (
      unnest(${split('unit_ix', 'int2')}, ${split('code', 'text')}, ${split('late_band', 'text')},
             ${split('early_band', 'text')}, ${split('late_minutes', 'int4')}, ${split('early_minutes', 'int4')},
             ${split('missing_check_in', 'bool')}, ${split('missing_check_out', 'bool')},
             ${split('work_location', 'text')}, ${split('non_working_day', 'bool')}, ${split('rulebook_id', 'text')},
             ${split('computed_ms', 'int8')}, ${split('reasons', 'text')})
    ) with ordinality as d(unit_ix, code, late_band, early_band, late_minutes, early_minutes, missing_check_in,
                           missing_check_out, work_location, non_working_day, rulebook_id, computed_ms, reasons, i)
    where d.code is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create table day_statuses_rows as
    select employee_id, local_date, unit_id, code, late_band, early_band, late_minutes, early_minutes,
      missing_check_in, missing_check_out, work_location, non_working_day, reasons, rulebook_id, computed_at
    from day_statuses`.execute(db);
  await sql`drop view day_statuses`.execute(db);
  await sql`drop table status_months`.execute(db);
  await sql`alter table day_statuses_rows rename to day_statuses`.execute(db);
  await sql`alter table day_statuses add primary key (employee_id, local_date)`.execute(db);
  await sql`create index day_statuses_unit_day on day_statuses (unit_id, local_date)`.execute(db);
}
