import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { login, type TestApp } from '../../../../test/helpers/test-app.ts';
import { historyApp, rows, UNTIL } from './history-test-world.ts';
import { pickDemoLogins } from './demo-data.ts';
import { demoPersonas, disciplineDemoStaff, keyOf, LATE_CLOSING_OPDS, type Persona } from './demo-history.ts';
import type { DemoHistorySummary } from './load-history.ts';

/*
 * The demo history in a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL), loaded through the real
 * services: its invariants, and the README's accounts walking the leave flow end to end through the API. Its
 * determinism (two fresh databases, the same clock, the same data) is load-history-determinism.test.ts: each file
 * holds its loads within the per-file time limit.
 */

let a: TestApp;
let summary: DemoHistorySummary;
beforeAll(async () => {
  ({ t: a, summary } = await historyApp());
}, 600_000);
afterAll(async () => {
  await a?.close();
});

describe('the demo history', () => {
  it('loads three months up to the clock, through the services', () => {
    expect(summary.start).toBe('2025-11-01');
    expect(summary.today).toBe('2026-02-10');
    expect(summary.punches).toBeGreaterThan(40_000);
    expect(summary.leave).toBeGreaterThan(20);
    expect(summary.permits).toBeGreaterThan(80);
    expect(summary.corrections).toBeGreaterThan(20);
    expect(summary.reviews).toBeGreaterThan(30);
    // 9 OPDs × 3 months, less the two OPDs late with January.
    expect(summary.closings).toBe(9 * 3 - LATE_CLOSING_OPDS.length);
  });

  it('has no punch before go-live, outside service or after the clock', async () => {
    const [bad] = await rows<{ early: number; outside: number; future: number; golive: number }>(
      a,
      sql`select
          count(*) filter (where p.local_date < u.attendance_start)::int as early,
          count(*) filter (where p.local_date < e.active_from or p.local_date > coalesce(e.active_to, p.local_date))::int as outside,
          count(*) filter (where p.occurred_at > ${new Date(UNTIL)} or p.received_at > ${new Date(UNTIL)})::int as future,
          (select count(distinct attendance_start)::int from units where attendance_start <> '2025-11-01') as golive
        from punches p join units u on u.id = p.unit_id join employees e on e.id = p.employee_id`,
    );
    expect(bad).toEqual({ early: 0, outside: 0, future: 0, golive: 0 });
    const [days] = await rows<{ early: number }>(
      a,
      sql`select count(*)::int as early from day_statuses where local_date < '2025-11-01'`,
    );
    expect(days!.early).toBe(0);
  });

  it('audits every decision (leave, permits, corrections, reviews, phones, closings) and keeps the chain intact', async () => {
    const [c] = await rows<Record<string, number>>(
      a,
      sql`select
        (select count(*)::int from leave_decisions d where not exists (select 1 from audit_log l where l.entity_id = d.request_id::text
          and l.action = case d.decision when 'APPROVE' then 'leave.approved' when 'REJECT' then 'leave.rejected' else 'leave.cancelled' end)) as leave,
        (select count(*)::int from permits p where p.decided_by is not null and not exists (select 1 from audit_log l
          where l.entity_id = p.id::text and l.action in ('permit.approved', 'permit.rejected', 'permit.recorded'))) as permits,
        (select count(*)::int from corrections x where x.decided_by is not null and not exists (select 1 from audit_log l
          where l.entity_id = x.id::text and l.action in ('correction.approved', 'correction.rejected'))) as corrections,
        (select count(*)::int from punch_reviews r where not exists (select 1 from audit_log l
          where l.entity_id = r.punch_id::text and l.action like 'punch.review_%')) as reviews,
        (select count(*)::int from devices d where d.decided_by is not null and not exists (select 1 from audit_log l
          where l.action like 'device.%' and (l.entity_id = d.id::text
            -- an old phone is revoked by the approval of its replacement, audited on the new one
            or (d.status = 'REVOKED' and l.action = 'device.approved' and l.after->>'employeeId' = d.employee_id::text)))) as devices,
        (select count(*)::int from month_closings m where not exists (select 1 from audit_log l
          where l.entity_id = m.unit_id::text || ':' || m.month and l.action = 'recap.month_closed')) as closings,
        (select count(*)::int from leave_decisions) as decisions`,
    );
    expect(c).toMatchObject({ leave: 0, permits: 0, corrections: 0, reviews: 0, devices: 0, closings: 0 });
    expect(c!.decisions).toBeGreaterThan(20);
    expect((await a.services.audit.verify()).ok).toBe(true);
  });

  it('closes November to January (January still open at DLHK and ESDM) with intact hashes and nothing waiting', async () => {
    const bkd = await login(a.app, pickDemoLogins(a.demo).bkd[0]!.login);
    const opds = a.demo.units.filter((u) => u.kind === 'OPD').map((u) => u.code);
    const units = new Map(
      (await a.db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
    );
    for (const month of ['2025-11', '2025-12', '2026-01'])
      for (const opd of opds) {
        const res = await bkd.get(`/api/recap/closing?unitId=${units.get(opd)}&month=${month}`);
        expect(res.statusCode, res.body).toBe(200);
        const s = res.json();
        const late = month === '2026-01' && LATE_CLOSING_OPDS.includes(opd);
        expect(s.closing === null, `${opd} ${month}`).toBe(late);
        expect(s.missingDays, `${opd} ${month}`).toBe(0);
        expect(s.pending.queuedDays, `${opd} ${month}`).toBe(0);
        if (!late) {
          expect(s.intact, `${opd} ${month}`).toBe(true);
          expect(s.pending, `${opd} ${month}`).toMatchObject({ flaggedPunches: 0, requests: 0 });
        }
      }
    // A punch synced after its month was closed, accepted by the superior: an adjustment carried forward.
    const [adj] = await rows<{ n: number }>(a, sql`select count(*)::int as n from status_adjustments`);
    expect(adj!.n).toBeGreaterThan(0);
  });

  it('has habitual latecomers late on most days, TK streaks, and most people on time', async () => {
    const personas = demoPersonas(a.demo);
    const days = await rows<{ who: string; code: string; late: number }>(
      a,
      sql`select coalesce(e.nip, 'internal:' || e.internal_id) as who, d.code, d.late_minutes as late
          from day_statuses d join employees e on e.id = d.employee_id where d.code = 'H' or d.code = 'TK'`,
    );
    const by = new Map<Persona, { present: number; late: number; tk: number }>();
    const tkOf = new Map<string, number>();
    for (const d of days) {
      const p = personas[d.who]!;
      const x = by.get(p) ?? by.set(p, { present: 0, late: 0, tk: 0 }).get(p)!;
      if (d.code === 'TK') {
        x.tk++;
        tkOf.set(d.who, (tkOf.get(d.who) ?? 0) + 1);
      } else {
        x.present++;
        if (d.late > 0) x.late++;
      }
    }
    const share = (p: Persona) => by.get(p)!.late / by.get(p)!.present;
    // Numbers documented in demo-history.ts: latecomers late on ~70 % of days, everybody else ~95 % on time.
    expect(share('LATECOMER')).toBeGreaterThan(0.55);
    expect(share('REGULAR')).toBeLessThan(0.1);
    const all = [...by.values()].reduce(
      (s, x) => ({ present: s.present + x.present, late: s.late + x.late }),
      {
        present: 0,
        late: 0,
      },
    );
    expect(all.late / all.present).toBeLessThan(0.15);
    // Every TK-streak employee has at least three TK days; most regular people have none.
    for (const [who, p] of Object.entries(personas))
      if (p === 'TK_STREAK' && a.demo.employees.some((e) => keyOf(e) === who && e.activeFrom <= '2025-11-01'))
        expect(tkOf.get(who) ?? 0, who).toBeGreaterThanOrEqual(3);
    const regular = Object.entries(personas).filter(([, p]) => p === 'REGULAR');
    expect(regular.filter(([w]) => (tkOf.get(w) ?? 0) === 0).length / regular.length).toBeGreaterThan(0.9);
  });

  it("walks the README's leave flow: pegawai asks, atasan approves, the PyBMC grants, the letter is issued", async () => {
    const l = pickDemoLogins(a.demo);
    const pegawai = await login(a.app, l.pegawai[0]!.login);
    const atasan = await login(a.app, l.atasan[0]!.login);
    const pybmc = await login(a.app, l.pybmc[0]!.login);
    const admin = await login(a.app, l.adminOpd[0]!.login);
    // What they find waiting on first start.
    expect((await atasan.get('/api/leave/inbox')).json().total).toBeGreaterThan(0);
    expect((await pybmc.get('/api/leave/inbox')).json().total).toBeGreaterThan(0);
    expect((await atasan.get('/api/attendance/reviews/count')).json().count).toBeGreaterThan(0);
    expect((await admin.get('/api/attendance/devices?status=PENDING')).json().total).toBeGreaterThan(0);
    const mine = (await pegawai.get('/api/leave/mine')).json();
    expect(mine.items.some((r: { status: string }) => r.status === 'DISETUJUI')).toBe(true);

    const submitted = await pegawai.post('/api/leave/requests', {
      type: 'CT',
      from: '2026-03-02',
      to: '2026-03-03',
      reason: 'Menghadiri pernikahan sepupu di Bandung',
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const id = submitted.json().id as string;
    expect(submitted.json().waitingFor).toBe('ATASAN');
    const first = await atasan.post(`/api/leave/requests/${id}/decision`, { decision: 'APPROVE', note: '' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().waitingFor).toBe('PYBMC');
    const second = await pybmc.post(`/api/leave/requests/${id}/decision`, {
      decision: 'APPROVE',
      note: 'Disetujui',
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().status).toBe('DISETUJUI');
    const letter = await pegawai.get(`/api/leave/requests/${id}/letter.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows discipline to a newcomer: an indication for the README atasan, cases in several states', async () => {
    const l = pickDemoLogins(a.demo);
    const staff = disciplineDemoStaff(a.demo)!;
    // The atasan's staff member (TK streak) has an indication waiting for him; nobody has touched it.
    const atasan = await login(a.app, l.atasan[0]!.login);
    const mine = (await atasan.get('/api/discipline/indications?status=BARU')).json();
    expect(mine.items.map((i: { nip: string }) => i.nip)).toContain(staff.nip);
    // Across the province, through the discipline services: telaah, summons I (twice, one by a team), decided R2.
    const bkd = await login(a.app, l.bkd[0]!.login);
    const cases = (await bkd.get('/api/discipline/cases?pageSize=100')).json().items as {
      id: string;
      state: string;
      source: string;
      expectedLevel: string;
      employee: { id: string; nip: string };
    }[];
    const states = cases.map((c) => c.state);
    expect(states).toContain('TELAAH');
    expect(states.filter((s) => s === 'PANGGILAN_I')).toHaveLength(2);
    expect(cases.map((c) => c.employee.nip)).not.toContain(staff.nip);
    const team = cases.find((c) => c.source === 'NETRALITAS')!;
    expect(team.expectedLevel).toBe('berat');
    const teamView = (await bkd.get(`/api/discipline/cases/${team.id}`)).json();
    expect(teamView.team.members.map((m: { role: string }) => m.role).sort()).toEqual([
      'ATASAN',
      'BKD',
      'INSPEKTORAT',
    ]);
    expect(teamView.summonses).toHaveLength(1);
    // The R2 was delivered and took effect before the clock: served at once (a reprimand), listed for TPP.
    const decided = cases.find((c) => c.state === 'SELESAI' || c.state === 'BERLAKU')!;
    const record = (await bkd.get(`/api/discipline/employees/${decided.employee.id}/record`)).json();
    expect(record.sanctions[0]).toMatchObject({ sanctionCode: 'R2' });
    expect(record.sanctions[0].effectiveOn <= '2026-02-10').toBe(true);
    const month = record.sanctions[0].effectiveOn.slice(0, 7);
    const active = (await bkd.get(`/api/discipline/sanctions/active?month=${month}`)).json();
    expect(active.items.map((i: { employeeId: string }) => i.employeeId)).toContain(decided.employee.id);
    expect((await a.services.audit.verify()).ok).toBe(true);
  });

  it('shows competency to a newcomer: results, this year’s training records, a catalogue and budgets', async () => {
    const l = pickDemoLogins(a.demo);
    const bkd = await login(a.app, l.bkd[0]!.login);
    const year = 2026; // the history ends on 10/02/2026
    const r = (await bkd.get(`/api/competency/analytics?year=${year}`)).json();
    // About a third of the PNS on posts with a default standard have a result; about half have records.
    expect(r.total.assessed).toBeGreaterThan(10);
    expect(r.total.jpTotal).toBeGreaterThan(0);
    expect(r.total.jpMet).toBeGreaterThan(0);
    expect(r.total.jpMet).toBeLessThan(r.total.employees);
    expect(Object.keys(r.total.gaps).length).toBeGreaterThan(3);
    const catalogue = (await bkd.get('/api/competency/trainings')).json();
    expect(catalogue.items.length).toBe(6);
  });
});
