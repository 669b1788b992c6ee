import { sql, type Kysely } from 'kysely';

/**
 * The flagged punches still waiting for a review, kept by triggers: a FLAGGED punch enters the queue when it is
 * stored, its review takes it out (a review removed puts it back). The review badge every reviewer polls each
 * minute and the review inbox read this small table instead of anti-joining all-time flagged punches with their
 * reviews, so their cost follows what waits, not the history. Source: issue 13 point 12 (the badge counted every
 * unreviewed punch ever flagged, 1.5 s cold at 50,000 employees).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table review_queue (punch_id uuid primary key references punches(id))`.execute(db);
  await sql`insert into review_queue (punch_id)
    select p.id from punches p
    where p.verdict = 'FLAGGED' and not exists (select 1 from punch_reviews r where r.punch_id = p.id)`.execute(
    db,
  );
  await sql`create function review_queue_add() returns trigger language plpgsql as $$
    begin
      insert into review_queue (punch_id) values (new.id) on conflict do nothing;
      return null;
    end;
  $$`.execute(db);
  await sql`create trigger punches_review_queue after insert on punches
    for each row when (new.verdict = 'FLAGGED') execute function review_queue_add()`.execute(db);
  await sql`create function review_queue_decided() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        delete from review_queue where punch_id = new.punch_id;
      else
        insert into review_queue (punch_id)
          select p.id from punches p where p.id = old.punch_id and p.verdict = 'FLAGGED'
          on conflict do nothing;
      end if;
      return null;
    end;
  $$`.execute(db);
  await sql`create trigger punch_reviews_review_queue after insert or delete on punch_reviews
    for each row execute function review_queue_decided()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger punch_reviews_review_queue on punch_reviews`.execute(db);
  await sql`drop function review_queue_decided()`.execute(db);
  await sql`drop trigger punches_review_queue on punches`.execute(db);
  await sql`drop function review_queue_add()`.execute(db);
  await sql`drop table review_queue`.execute(db);
}
