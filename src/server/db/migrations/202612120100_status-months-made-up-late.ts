import { sql, type Kysely } from 'kysely';

/**
 * A lateness made up the same day (`DayStatus.madeUpLate`, regulations.md §3.2: not counted as TL, but cut by
 * TPP beyond the monthly allowance `tpp.deductions.lateMakeUp`) is stored with the month's other day columns:
 * packed like them (values joined by U+001F), each day `BAND:MINUTES` (e.g. `TL2:45`), '' for none. Rows stored
 * before hold '' (no day made up); readers pad the short value. The `day_statuses` view is unchanged: its
 * readers (the recap, discipline, status adjustments) count bands, not make-ups; TPP reads the month rows.
 * Source: issue 17 (gap "madeUpLate is not stored"), docs/tpp.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table status_months add column made_up_late text not null default ''`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table status_months drop column made_up_late`.execute(db);
}
