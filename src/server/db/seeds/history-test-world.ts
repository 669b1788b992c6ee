import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { loadDemoData } from './load-demo.ts';
import type { DemoHistorySummary } from './load-history.ts';

/*
 * The demo history's test world, shared by load-history.test.ts (its invariants and the README's flows) and
 * load-history-determinism.test.ts (two fresh loads, the same data): a fresh database loaded up to a fixed clock, and
 * a fingerprint of everything the history wrote.
 */

/** A Tuesday morning (10:30 WIB): history 1 November 2025 – 10 February 2026, November to January closed. */
export const UNTIL = '2026-02-10T03:30:00Z';

export async function historyApp(until = UNTIL): Promise<{ t: TestApp; summary: DemoHistorySummary }> {
  const t = await createTestApp({ demo: false, now: until });
  await t.services.rulebooks.syncRepoRulebooks();
  const loaded = await loadDemoData(t.db, t.services.audit, t.demo, {
    history: { until: new Date(until), config: t.config },
  });
  return { t, summary: loaded.history! };
}

export const rows = async <T>(t: TestApp, q: ReturnType<typeof sql<T>>) => (await q.execute(t.db)).rows;

/** Everything the history wrote, without generated ids or the database's own timestamps (by natural keys). */
export async function fingerprint(t: TestApp) {
  const who = sql`coalesce(e.nip, e.internal_id)`;
  return {
    punches: await rows(
      t,
      sql`select ${who} as who, p.kind, p.source, p.occurred_at, p.received_at, p.local_date, p.verdict, p.reasons,
            p.lat, p.lon, p.accuracy_m, p.place_kind, p.place_label, p.distance_m, p.photo_hash, p.terminal_serial,
            p.idempotency_key, p.body_hash, r.decision, r.note
          from punches p join employees e on e.id = p.employee_id left join punch_reviews r on r.punch_id = p.id
          order by 1, p.occurred_at, p.idempotency_key`,
    ),
    days: await rows(
      t,
      sql`select ${who} as who, d.local_date, u.code as unit, d.code, d.late_band, d.early_band, d.late_minutes,
            d.early_minutes, d.missing_check_in, d.missing_check_out, d.work_location, d.reasons
          from day_statuses d join employees e on e.id = d.employee_id join units u on u.id = d.unit_id
          order by 1, 2`,
    ),
    recaps: await rows(
      t,
      sql`select ${who} as who, r.month, r.recorded_days, r.working_days, r.code_counts, r.late_minutes,
            r.tk_days, r.apel_target, r.apel_attended, r.adjustment_count
          from monthly_recaps r join employees e on e.id = r.employee_id order by 1, 2`,
    ),
    leave: await rows(
      t,
      sql`select ${who} as who, l.type, l.date_from, l.date_to, l.status, l.letter_number, l.created_at,
            (select json_agg(json_build_object('step', d.step, 'decision', d.decision, 'at', d.decided_at,
              'by', d.decider_nip) order by d.id) from leave_decisions d where d.request_id = l.id) as decisions
          from leave_requests l join employees e on e.id = l.employee_id order by 1, 3`,
    ),
    permits: await rows(
      t,
      sql`select ${who} as who, p.kind, p.part, p.date_from, p.status, p.decided_at, p.destination, p.created_at
          from permits p join employees e on e.id = p.employee_id order by 1, 4, 2`,
    ),
    corrections: await rows(
      t,
      sql`select ${who} as who, c.local_date, c.check_in_at, c.check_out_at, c.status, c.decided_at
          from corrections c join employees e on e.id = c.employee_id order by 1, 2`,
    ),
    closings: await rows(
      t,
      sql`select u.code, c.month, c.closed_at, c.row_count from recap_closings c join units u on u.id = c.unit_id
          order by 1, 2`,
    ),
    devices: await rows(
      t,
      sql`select ${who} as who, d.key_thumbprint, d.status, d.label from devices d
          join employees e on e.id = d.employee_id order by 1, 2`,
    ),
    audit: await rows(t, sql`select action, entity_type, at from audit_log order by id`),
  };
}
