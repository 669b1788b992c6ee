import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { createAttendanceRepo } from './attendance-repo.ts';

/*
 * The review queue (migration 202612060201) behind the reviewers' badge, polled every minute (issue 13 point 12):
 * after random punches and reviews (fast-check) it holds exactly the flagged punches without a review, and the
 * capped punch count equals the full count below its cap.
 */
describe('review queue', () => {
  let t: TestApp;
  const people: string[] = [];
  const units: { a: { id: string } } = {} as never;

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-02-10T02:00:00Z' });
    const id = (await sql<{ id: string }>`select gen_random_uuid()::text as id`.execute(t.db)).rows[0]!.id;
    await sql`insert into units (id, code, name, kind, parent_id, time_zone, path, attendance_start)
      values (${id}, 'RQ-A', 'Unit A', 'INSTANSI', null, 'Asia/Jakarta', ${`/${id}/`}, '2025-01-01')`.execute(
      t.db,
    );
    units.a = { id };
    for (let i = 0; i < 6; i++)
      people.push(
        (
          await sql<{
            id: string;
          }>`insert into employees (internal_id, name, gender, employee_type, unit_id, active_from)
            values (${`RQ-${i}`}, ${`Pegawai ${i}`}, 'P', 'PNS', ${id}, '2020-01-01')
            returning id::text as id`.execute(t.db)
        ).rows[0]!.id,
      );
  }, 60_000);
  afterAll(() => t?.close());

  it('review queue: exactly the flagged punches without a review; the punch count is exact below its cap', async () => {
    const admin = (await sql<{ id: string }>`select id from users where username = 'admin'`.execute(t.db))
      .rows[0]?.id;
    const decider =
      admin ??
      (
        await sql<{
          id: string;
        }>`insert into users (username, display_name, password_hash) values ('peninjau', 'Peninjau', 'x')
          returning id`.execute(t.db)
      ).rows[0]!.id;
    const attendance = createAttendanceRepo(t.db);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: 5 }),
            verdict: fc.constantFrom('ACCEPTED', 'FLAGGED', 'FLAGGED', 'REJECTED'),
            review: fc.constantFrom(null, 'ACCEPTED', 'REJECTED'),
          }),
          { maxLength: 12 },
        ),
        async (punches) => {
          for (const p of punches) {
            const at = new Date(Date.UTC(2026, 1, 2, 0, n++));
            const id = (
              await sql<{
                id: string;
              }>`insert into punches (employee_id, unit_id, kind, source, occurred_at, received_at,
                  local_date, idempotency_key, body_hash, verdict)
                values (${people[p.who]!}, ${units.a.id}, 'IN', 'ONLINE', ${at}, ${at}, '2026-02-02', ${`q-${n}`}, 'x', ${p.verdict})
                returning id::text as id`.execute(t.db)
            ).rows[0]!.id;
            if (p.review && p.verdict === 'FLAGGED')
              await sql`insert into punch_reviews (punch_id, decision, note, decided_by)
                values (${id}, ${p.review}, 'uji', ${decider})`.execute(t.db);
          }
          const queue = await sql<{
            id: string;
          }>`select punch_id::text as id from review_queue order by 1`.execute(t.db);
          const waiting = await sql<{ id: string }>`select p.id::text as id from punches p
            where p.verdict = 'FLAGGED' and not exists (select 1 from punch_reviews r where r.punch_id = p.id)
            order by 1`.execute(t.db);
          expect(queue.rows).toEqual(waiting.rows);
          const inbox = await attendance.countPunches({ scope: 'all', undecidedFlagged: true });
          expect(inbox.n).toBe(waiting.rows.length);
          const all = await sql<{ n: number }>`select count(*)::int as n from punches`.execute(t.db);
          expect((await attendance.countPunches({ scope: 'all' })).n).toBe(all.rows[0]!.n);
        },
      ),
      { numRuns: 10 },
    );
  });
});
