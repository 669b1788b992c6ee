import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, multipart, type Client, type TestApp } from '../helpers/test-app.ts';
import { jpeg, newPhone, pdf, sha256 } from '../helpers/evidence.ts';
import type { DemoEmployee } from '../../src/server/db/seeds/demo-data.ts';
import { databaseRefusal } from '../../src/server/plugins/error-handler.ts';
import { UNIT_COLUMNS } from '../../src/server/modules/imports/import-columns.ts';
import { removeOrphanTempFiles } from '../../src/server/modules/attendance/photo-store.ts';
import { loadRulebookFiles } from '../../src/server/modules/rulebooks/rulebook-files.ts';
import {
  approvedEvaluation,
  approvedSkp,
  buildKinerjaWorld,
  draftEvaluation,
  draftSkp,
  finalEvaluation,
  peerRatings,
  put,
  rateEvaluation,
  report,
  reportBody,
  skpBody,
  submittedSkp,
  type KinerjaWorld,
} from '../helpers/kinerja-concurrency.ts';
import {
  buildDisciplineWorld,
  expectOneEvent,
  rowsOf,
  seedTkMonth,
  stateOf,
  type DisciplineWorld,
} from '../helpers/discipline-concurrency.ts';
import {
  disciplineBodies as discBody,
  driveCase,
  driveSalaryStop,
  insertIndication,
  pendingAppealOf,
  stagedStatement,
  type DriveState,
} from '../helpers/discipline-activity.ts';
import { tppRunCases } from '../helpers/tpp-concurrency.ts';
import { tppObjectionCases } from '../helpers/tpp-objections-concurrency.ts';
import { inspectionsCases, inspectionsNotDecisions } from '../helpers/inspections-concurrency.ts';
import { complaintsCases, complaintsNotDecisions } from '../helpers/complaints-concurrency.ts';
import { electionWatchCases, electionWatchNotDecisions } from '../helpers/election-watch-concurrency.ts';
import { teladanCases, teladanNotDecisions } from '../helpers/teladan-concurrency.ts';
import { competencyNotDecisions } from '../helpers/competency-concurrency.ts';

/*
 * One effect under concurrency (issue 12, points 6 and 7c). For every decision route, N identical calls fired at
 * the same moment give exactly one success and N−1 clear answers (409 CONFLICT naming what happened, or a
 * documented replay), never a 5xx, and exactly one effect in the database (one decision row, one audit entry,
 * one state change). Races only show on PostgreSQL (PGlite serialises requests on its one connection), so run
 * this file on both engines:
 *   npx vitest run test/security/concurrency.test.ts
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run test/security/concurrency.test.ts
 * Every state-changing route of the API document is listed below, as a decision with its case or as not a
 * decision with the reason: a new route in neither list fails the first test.
 * Demo province, clock Thursday 15 Jan 2026 09:00 WIB; the people work at UPTD Puskesmas Curug (Dinkes).
 */

type Route = `${'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/${string}`;

/** State-changing routes that are not decisions, each with why N identical calls need no case here. */
const NOT_DECISIONS: Partial<Record<Route, string>> = {
  'POST /api/auth/login':
    'opens a session; failed attempts are counted atomically (lockout.test.ts), each success is its own session',
  'POST /api/auth/logout': "ends the caller's own session; a repeat finds no session (401)",
  'POST /api/auth/change-password':
    "the caller's own password; guesses are counted atomically (lockout.test.ts), not a decision on shared state",
  'PATCH /api/accounts/{id}':
    'sets active / unlocked to the value sent: N identical calls leave the same state',
  'POST /api/accounts/{id}/reset-password':
    'each call issues a new temporary password by design (the last one handed out is the valid one)',
  'POST /api/employees': 'a creation; a duplicate NIP or internal id is refused by unique constraints (409)',
  'PATCH /api/employees/{id}': 'an edit of fields: the last writer wins, each edit audited',
  'POST /api/employees/{id}/placements':
    'records a new placement (history row), not a decision on a pending state',
  'POST /api/employees/{id}/acting': 'records a Plt/Plh assignment (history row), authorised by org.write',
  'POST /api/employees/export-jobs': 'starts a background export; every call is its own job',
  'POST /api/units': 'a creation; the unit code is unique (409 on a duplicate)',
  'PATCH /api/units/{id}': 'an edit of fields: the last writer wins, each edit audited',
  'POST /api/units/{id}/offices': 'adds an office (a new row per call)',
  'DELETE /api/units/{unitId}/offices/{officeId}':
    'a conditional delete (`delete … returning`): only the call that removed the row is audited, the others 404',
  'POST /api/imports': 'uploads and validates a file into a new job; nothing is written until its commit',
  'POST /api/recap/closing/queue-missing':
    'queues the days not stored for the status worker; the queue is keyed by employee and day, so a repeat queues nothing twice',
  'POST /api/attendance/apel-schedules': 'adds a schedule (a new row per call)',
  'POST /api/attendance/apel-sessions': 'adds an ad-hoc apel session (a new row per call)',
  'POST /api/attendance/field-assignments': 'adds a dinas luar place (a new row per call)',
  'POST /api/attendance/kiosks': 'opens a kiosk display (a new session per screen)',
  'POST /api/attendance/punches/export-jobs': 'starts a background export; every call is its own job',
  'POST /api/attendance/terminal-imports':
    'terminal log lines carry their own idempotency key: a line sent twice is stored once',
  'POST /api/attendance/terminal-users':
    'maps a terminal user id; the mapping is unique (409 on a duplicate)',
  'POST /api/attendance/terminal-users/import': 'maps terminal user ids in bulk; the mapping is unique',
  'POST /api/attendance/work-locations': 'adds a WFH/WFA place (a new row per call)',
  'POST /api/permits/files': 'stores an upload by its SHA-256: the same bytes are one file',
  'POST /api/permits/record':
    "an admin's record of a signed letter, written under the employee's row lock like POST /api/permits (case below)",
  'PUT /api/leave/opening-balances': 'sets an opening balance to the value sent (upsert): last writer wins',
  'PUT /api/rosters': 'sets roster lines to the values sent (upsert): last writer wins',
  'POST /api/rosters/clear': 'removes roster lines: removing twice leaves them removed',
  'POST /api/rosters/import': 'sets roster lines from a file (upsert): last writer wins',
  'POST /api/rulebooks': 'saves a draft; a draft id/version is unique (409 on a duplicate)',
  'POST /api/rulebooks/validate': 'reads only: validates a document and writes nothing',
  'PUT /api/documents/letterheads':
    "sets a letterhead's text to the values sent (upsert on the unit): last writer wins",
  'POST /api/documents/letterheads/logo':
    "sets a letterhead's logo to the bytes sent (upsert on the unit): last writer wins",
  'PUT /api/documents/letter-number-schemes':
    'sets a scheme to the values sent (upsert on unit and letter type): last writer wins; numbers are taken by the letters (documents.test.ts)',
  'POST /api/recap/export-jobs': 'starts a background export; every call is its own job',
  'POST /api/notifications/{id}/open':
    "one's own notification, marked read by a conditional update (`… where read_at is null`): N calls leave it read",
  'POST /api/notifications/{id}/read':
    "one's own notification, marked read by a conditional update (`… where read_at is null`): N calls leave it read",
  'POST /api/notifications/read-all': "marks one's own unread notifications read: N calls leave them read",
  'POST /api/notifications/push/subscriptions':
    "stores this device's subscription by its endpoint (unique, upsert): N identical calls leave one row",
  'POST /api/notifications/push/unsubscribe':
    "removes one's own subscription: removing twice leaves it removed",
  'POST /api/kinerja/feedback':
    "the penilai's continuous feedback: each call is a new note on the SKP (a new row per call), not a decision on a pending state",
  'POST /api/kinerja/evidence':
    'the employee adds an evidence item to an RHK (a new row per call); its file is stored by its SHA-256',
  'POST /api/kinerja/reports/files':
    'stores an upload as a waiting file by its SHA-256 (the same bytes are one file); nothing is decided until a report cites it',
  'POST /api/kinerja/export/skp/jobs': 'starts a background export; every call is its own job',
  'POST /api/kinerja/export/evaluations/jobs': 'starts a background export; every call is its own job',
  'POST /api/discipline/salary-stops/files':
    'stores an upload as a waiting file by its SHA-256 (the same bytes are one file); nothing is decided until a re-activation request cites it',
  'POST /api/discipline/cases/{id}/documents':
    'keeps a signed scan or evidence with the case: a new document row per call (a scan may be filed again), not a decision on a pending state',
  'POST /api/tpp/tariff-tables':
    "records the Perkada's tariff table of a year, replacing the active one under its lock; one active table per year is a unique index (a simultaneous second gets 409)",
  'POST /api/tpp/tariff-tables/import':
    'the same from an XLSX (dry run by default: writes nothing); one active table per year is a unique index',
  'PUT /api/tpp/budgets':
    'sets the pagu of an OPD and year to the value sent (upsert under its row lock): last writer wins',
  'POST /api/tpp/employees/{id}/salaries':
    'records the gaji pokok from a date (unique on employee and date, under its row lock): the same values write nothing, another value corrects it',
  'PUT /api/tpp/employees/{id}/bank-account':
    "sets the employee's bank account to the values sent (upsert under its row lock): last writer wins",
  'POST /api/tpp/pay/import': 'sets gaji and bank accounts from a file (the same upserts): last writer wins',
  'POST /api/tpp/exclusions':
    "records an exclusion period under the employee's row lock; an overlapping one of the same code is refused (409)",
  'POST /api/tpp/runs/{id}/lines/{employeeId}/objections':
    "files the employee's objection under the run's row lock: a second pending objection to the same line is refused (409)",
  'POST /api/tpp/simulations':
    'a simulation is a new row per call (runs of kind SIMULASI, never published or paid): nothing pending is decided',
  'DELETE /api/tpp/simulations/{id}':
    "a delete under the simulation runs' row locks (`for update`, `delete … returning`): one call removes and audits it, the others 404",
  'POST /api/tpp/exclusions/{id}/end':
    'ends an open exclusion record under its row lock: a repeat finds it ended (409), the end date is set once',
  'POST /api/tpp/runs/{id}/bank-file':
    'produces the transfer file of an approved run and audits who produced it: a repeat produces the same file again, nothing is decided',
  'PUT /api/tpp/treasurers/{unitId}':
    "sets the OPD's treasurer to the employee sent (upsert under the unit's row lock): last writer wins",
  // Oversight and recognition (issue 18): each module lists its own (test/helpers/<module>-concurrency.ts).
  ...inspectionsNotDecisions,
  ...complaintsNotDecisions,
  ...electionWatchNotDecisions,
  ...teladanNotDecisions,
  ...competencyNotDecisions,
};

/** How many identical calls each case fires at once. */
const N = 6;
/** Identical check-ins with one photo fired at once (the probe sent 50: 47 answered 500). */
const CHECKINS = 50;

/** The error handler's catch-all answers for races (`databaseRefusal`): a decision must answer its own. */
const GENERIC_MESSAGES = [
  databaseRefusal({ code: '40001' })!.message,
  databaseRefusal({ code: '40P01' })!.message,
  databaseRefusal({ code: '23505' })!.message,
];

const fire = (n: number, call: () => Promise<LightMyRequestResponse>) =>
  Promise.all(Array.from({ length: n }, () => call()));

const statuses = (rs: LightMyRequestResponse[]) => rs.map((r) => r.statusCode).sort();

/** Every error in the project's shape `{ error: { code, message, details? }, requestId }`, none a 5xx. */
function expectNoServerError(rs: LightMyRequestResponse[]) {
  for (const r of rs) {
    expect(r.statusCode, r.body).toBeLessThan(500);
    if (r.statusCode < 400) continue;
    const b = r.json();
    expect(Object.keys(b).sort(), r.body).toEqual(['error', 'requestId']);
    expect(b.requestId).toEqual(expect.any(String));
    expect(Object.keys(b.error).filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
    expect(b.error.code).toEqual(expect.any(String));
    expect(b.error.message.length, r.body).toBeGreaterThan(10);
  }
}

/**
 * Exactly one success; every other call a clear 409 CONFLICT whose own message matches `said` (never the error
 * handler's generic one), or one of the `alsoAllowed` documented answers. Returns the success.
 */
function expectOneWinner(
  rs: LightMyRequestResponse[],
  said: RegExp,
  alsoAllowed: { status: number; code: string; said: RegExp }[] = [],
): LightMyRequestResponse {
  expectNoServerError(rs);
  const ok = rs.filter((r) => r.statusCode < 300);
  expect(ok.length, `statuses ${statuses(rs).join(',')}: ${rs.map((r) => r.body).join('\n')}`).toBe(1);
  for (const r of rs.filter((x) => x.statusCode >= 300)) {
    const e = r.json().error as { code: string; message: string };
    const other = alsoAllowed.find((a) => a.status === r.statusCode && a.code === e.code);
    if (other) {
      expect(e.message, r.body).toMatch(other.said);
      continue;
    }
    expect(r.statusCode, r.body).toBe(409);
    expect(e.code).toBe('CONFLICT');
    expect(GENERIC_MESSAGES, r.body).not.toContain(e.message);
    expect(e.message, r.body).toMatch(said);
  }
  return ok[0]!;
}

/** Every file under `dir` (recursively), relative. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  return out;
}

const CURUG_OFFICE = { lat: -6.1489, lon: 106.1616, accuracyM: 10, mocked: false };

describe('one effect under concurrency (every decision route)', () => {
  let t: TestApp;
  type Who = 'requester' | 'checker' | 'deviceOwner' | 'newPhone' | 'twoPhones' | 'superior';
  const c = {} as Record<Who | 'adminOpd' | 'bkd' | 'superAdmin', Client>;
  const ids = {} as Record<Who, string>;
  const units = {} as Record<string, { id: string; path: string }>;

  const count = async (
    table: 'auditLog' | 'punches' | 'photos' | 'punchReviews' | 'devices' | 'monthClosings' | 'recapClosings',
    where: Record<string, string>,
  ) => {
    let q = t.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n'));
    for (const [k, v] of Object.entries(where)) q = q.where(k as never, '=', v as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const audits = (action: string, entityId: string) => count('auditLog', { action, entityId });

  async function upload(who: Client, tag: string) {
    const mp = multipart(
      {},
      { field: 'file', name: 'bukti.pdf', content: pdf(tag), type: 'application/pdf' },
    );
    const res = await who.request({ method: 'POST', url: '/api/permits/files', ...mp });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().hash as string;
  }
  async function created(res: Promise<LightMyRequestResponse>) {
    const r = await res;
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json();
  }
  // e-Kinerja: the test unit's people, built on first use (test/helpers/kinerja-concurrency.ts), and the SKPs
  // the cases share: staff 4 writes the reports, staff 5's SKP is evaluated, staff 6's is objected to.
  let kinerjaWorld: Promise<KinerjaWorld> | null = null;
  const kinerja = () => (kinerjaWorld ??= buildKinerjaWorld(t, { staffCount: 9 }));
  const memo = <T>(make: () => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= make());
  };
  const reportsSkp = memo(async () => {
    const w = await kinerja();
    return approvedSkp(w.staff[4]!.c, w.kabid.c, 2026);
  });
  const evaluatedSkp = memo(async () => {
    const w = await kinerja();
    return approvedSkp(w.staff[5]!.c, w.kabid.c, 2026);
  });
  const objectedSkp = memo(async () => {
    const w = await kinerja();
    return approvedSkp(w.staff[6]!.c, w.kabid.c, 2026);
  });
  const periods = async (skpId: string) => {
    const res = await (await kinerja()).kabid.c.get(`/api/kinerja/evaluations/periods?skpId=${skpId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as { kind: string; periodStart: string }[];
  };
  const kinerjaRows = async (
    table: 'skpRhk' | 'skpIndicators' | 'dailyReports' | 'kinerjaAdjustments',
    column: string,
    value: string,
  ) =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where(column as never, '=', value as never)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Notifications of a kind about an entity (every recipient counted). */
  const notices = async (kind: string, entityType: string, entityId: string) =>
    Number(
      (
        await t.db
          .selectFrom('notifications')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('kind', '=', kind)
          .where('entityType', '=', entityType)
          .where('entityId', '=', entityId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Discipline: the test unit's head and staff, built on first use (test/helpers/discipline-concurrency.ts). Staff
  // 0 has the cases, staff 1–6 one salary stop each (one open stop per employee), staff 7 the scanned TK days.
  let disciplineWorld: Promise<DisciplineWorld> | null = null;
  const discipline = () =>
    (disciplineWorld ??= buildDisciplineWorld(t, { bkd: c.bkd, adminOpd: c.adminOpd }, { staffCount: 8 }));
  /**
   * A case of staff 0 driven to `state`, then N identical calls of a step by `by` (default the head, the examiner
   * and PyB of a ringan case): one success, N−1 409s saying `said`, one audit entry and one timeline event.
   */
  const disciplineStep = async (o: {
    state: DriveState;
    level?: 'ringan' | 'berat';
    path: string;
    body: object;
    said: RegExp;
    audit: string;
    event: string;
    by?: (w: DisciplineWorld) => Client;
  }) => {
    const w = await discipline();
    const id = await driveCase(w.parties(0), o.state, o.level ?? 'ringan');
    const who = o.by ? o.by(w) : w.head.c;
    const rs = await fire(N, () => who.post(`/api/discipline/cases/${id}/${o.path}`, o.body));
    expectOneWinner(rs, o.said);
    expect(await audits(o.audit, id)).toBe(1);
    await expectOneEvent(t, id, o.event);
    return id;
  };
  /** A salary stop of staff `i` (from a consecutive-TK indication) driven to `until` through the API. */
  const salaryStopAt = async (i: number, until: Parameters<typeof driveSalaryStop>[2]) => {
    const w = await discipline();
    const indicationId = await insertIndication(t, { employeeId: w.staff[i]!.e.id }, 'consecutive');
    const id = await driveSalaryStop(
      { superior: w.head.c, manager: w.bkd, finance: w.finance },
      indicationId,
      until,
    );
    return { w, id };
  };
  const NOT_AT_STAGE = /tidak dapat dilakukan pada tahap/;

  let employeeSeq = 0;
  /** A new Dinkes employee (through the API): they have no account yet. */
  async function newEmployee(name: string) {
    const nip = `19880517201503${String(2100 + ++employeeSeq).padStart(4, '0')}`;
    const res = await c.adminOpd.post('/api/employees', {
      nip,
      name,
      gender: 'P',
      employeeType: 'PNS',
      unitId: units['DINKES-SEK']!.id,
      activeFrom: '2024-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { LOGIN_RATE_PER_MINUTE: '1000' } });
    await t.services.rulebooks.syncRepoRulebooks();
    const d = t.demo;
    const grantNips = new Set(d.roleGrants.map((g) => g.nip));
    const hasStaff = (e: DemoEmployee) => d.employees.some((x) => e.nip && x.superiorNip === e.nip);
    const requester = d.employees.find(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        e.employeeType === 'PNS' &&
        e.activeFrom <= '2019-01-01' &&
        !grantNips.has(e.nip) &&
        !hasStaff(e),
    )!;
    const others = d.employees.filter(
      (e) =>
        e.unitCode === 'DINKES-PKM-CURUG' &&
        e.nip &&
        e !== requester &&
        !grantNips.has(e.nip) &&
        !hasStaff(e),
    );
    const people: Record<Who, DemoEmployee> = {
      requester,
      checker: others[0]!,
      deviceOwner: others[1]!,
      newPhone: others[2]!,
      twoPhones: others[3]!,
      superior: d.employees.find((e) => e.nip === requester.superiorNip)!,
    };
    for (const [who, e] of Object.entries(people) as [Who, DemoEmployee][]) {
      c[who] = await login(t.app, e.nip!);
      ids[who] = c[who].me.user.employeeId!;
    }
    c.adminOpd = await login(
      t.app,
      d.roleGrants.find((g) => g.role === 'ADMIN_OPD' && g.unitCode === 'DINKES')!.nip!,
    );
    c.bkd = await login(t.app, d.roleGrants.find((g) => g.role === 'BKD' && g.nip)!.nip!);
    c.superAdmin = await login(t.app, 'admin');
    for (const u of await t.db.selectFrom('units').select(['id', 'code', 'path']).execute())
      units[u.code] = u;
    // Dinas Kesehatan goes live in December 2025: the months its closings use (2025-05 … 2025-11) have no data, so
    // nothing is missing in them and a closing is not refused as incomplete (issue 13 point 2).
    await t.db
      .updateTable('units')
      .set({ attendanceStart: '2025-12-01' })
      .where('path', 'like', `${units.DINKES!.path}%`)
      .execute();
  });
  afterAll(() => t.close());

  /** One case per decision route: what N identical calls at once must leave behind. */
  const cases: Partial<Record<Route, () => Promise<void>>> = {
    'POST /api/attendance/punches': async () => {
      // The check-in's own replay rule: the same idempotency key and body answer the stored punch (200, replayed).
      // With a photo: the probe's 50 identical check-ins gave 47 × 500 (a shared temporary file name).
      const photo = jpeg('konkuren-checkin');
      const key = `konkuren-${Date.now()}`;
      const body = { idempotencyKey: key, kind: 'IN', location: CURUG_OFFICE, photoHash: sha256(photo) };
      const mp = multipart(
        { punch: JSON.stringify(body) },
        { field: 'photo', name: 'selfie.jpg', content: photo, type: 'image/jpeg' },
      );
      const rs = await fire(CHECKINS, () =>
        c.checker.request({ method: 'POST', url: '/api/attendance/punches', ...mp }),
      );
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual([...Array(CHECKINS - 1).fill(200), 201]);
      expect(rs.filter((r) => r.json().replayed === true)).toHaveLength(CHECKINS - 1);
      expect(new Set(rs.map((r) => r.json().punch.id)).size).toBe(1);
      expect(await count('punches', { employeeId: ids.checker, idempotencyKey: key })).toBe(1);
      const { photoHash } = await t.db
        .selectFrom('punches')
        .select('photoHash')
        .where('idempotencyKey', '=', key)
        .executeTakeFirstOrThrow();
      expect(await count('photos', { hash: photoHash! })).toBe(1);
      const files = await filesUnder(t.config.photoDir);
      expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(files.filter((f) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(f))).toEqual([
        path.join(photoHash!.slice(0, 2), photoHash!.slice(2, 4), photoHash!),
      ]);
    },

    'POST /api/attendance/punches/{id}/review': async () => {
      const punchId = (
        await t.db
          .insertInto('punches')
          .values({
            employeeId: ids.checker,
            unitId: units['DINKES-PKM-CURUG']!.id,
            kind: 'IN',
            source: 'ONLINE',
            occurredAt: new Date('2026-01-14T00:20:00Z'),
            receivedAt: new Date('2026-01-14T00:20:00Z'),
            localDate: '2026-01-14',
            idempotencyKey: `konkuren-flagged-${Date.now()}`,
            bodyHash: 'x',
            verdict: 'FLAGGED',
            reasons: JSON.stringify([
              { code: 'MOCK_LOCATION', action: 'FLAG', message: 'Lokasi palsu terdeteksi' },
            ]),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const rs = await fire(N, () =>
        c.adminOpd.post(`/api/attendance/punches/${punchId}/review`, {
          decision: 'ACCEPTED',
          note: 'Sudah dicek langsung di puskesmas',
        }),
      );
      expectOneWinner(rs, /sudah ditinjau oleh .+ pada \d\d\/\d\d\/\d{4} \d\d:\d\d WIB/);
      expect(await count('punchReviews', { punchId })).toBe(1);
      expect(await audits('punch.review_accepted', punchId)).toBe(1);
    },

    'POST /api/attendance/devices': async () => {
      // Documented replay: registering a key already bound (active or waiting) answers that device again.
      const jwk = newPhone().jwk;
      const rs = await fire(N, () =>
        c.newPhone.post('/api/attendance/devices', { publicKey: jwk, label: 'Ponsel' }),
      );
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(201));
      expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
      const id = rs[0]!.json().id as string;
      expect(await count('devices', { employeeId: ids.newPhone })).toBe(1);
      expect(await audits('device.registered', id)).toBe(1);
      // Two different first phones at once: one is the active device, the other waits for admin OPD.
      const [a, b] = await Promise.all(
        [newPhone().jwk, newPhone().jwk].map((k, i) =>
          c.twoPhones.post('/api/attendance/devices', {
            publicKey: k,
            label: `Ponsel ${i}`,
            reason: 'Ganti ponsel',
          }),
        ),
      );
      expectNoServerError([a!, b!]);
      expect(statuses([a!, b!])).toEqual([201, 201]);
      expect([a!.json().status, b!.json().status].sort()).toEqual(['ACTIVE', 'PENDING']);
      expect(await count('devices', { employeeId: ids.twoPhones, status: 'ACTIVE' })).toBe(1);
    },

    'POST /api/attendance/devices/{id}/decision': async () => {
      const register = (reason?: string) =>
        created(
          c.deviceOwner.post('/api/attendance/devices', {
            publicKey: newPhone().jwk,
            label: 'Ponsel',
            ...(reason ? { reason } : {}),
          }),
        );
      const first = await register();
      const [d1, d2, d3] = [await register('Ponsel hilang'), await register('Rusak'), await register('Baru')];
      expect(first.status).toBe('ACTIVE');
      const rs = await fire(N, () =>
        c.adminOpd.post(`/api/attendance/devices/${d1.id}/decision`, { decision: 'APPROVE', note: '' }),
      );
      expectOneWinner(rs, /sudah disetujui oleh .+ pada /);
      expect(await audits('device.approved', d1.id)).toBe(1);
      expect(await count('devices', { employeeId: ids.deviceOwner, status: 'ACTIVE' })).toBe(1);
      expect(await count('devices', { id: d1.id, status: 'ACTIVE' })).toBe(1);
      // The probe: two pending phones of one employee approved at the same moment left two active devices.
      const both = await Promise.all(
        [d2, d3].map((d) =>
          c.adminOpd.post(`/api/attendance/devices/${d.id}/decision`, { decision: 'APPROVE', note: '' }),
        ),
      );
      expectNoServerError(both);
      expect(await count('devices', { employeeId: ids.deviceOwner, status: 'ACTIVE' })).toBe(1);
    },

    'DELETE /api/attendance/work-locations/{id}': async () => {
      // A removal: one call removes (and audits) it; a call that read it before it went gets 409, a later one 404.
      const place = await created(
        c.adminOpd.post('/api/attendance/work-locations', {
          employeeId: ids.requester,
          kind: 'WFH',
          label: 'Rumah',
          lat: -6.15,
          lon: 106.16,
          radiusM: 100,
          validFrom: '2026-01-01',
        }),
      );
      const rs = await fire(N, () => c.adminOpd.del(`/api/attendance/work-locations/${place.id}`));
      expectOneWinner(rs, /sudah dihapus/, [{ status: 404, code: 'NOT_FOUND', said: /Lokasi kerja/ }]);
      expect(await audits('work_location.removed', place.id)).toBe(1);
    },

    'DELETE /api/attendance/kiosks/{id}': async () => {
      // Closed once: one call closes (and audits) it; the others find it closed.
      const kiosk = await created(
        c.adminOpd.post('/api/attendance/kiosks', {
          unitId: units['DINKES-PKM-CURUG']!.id,
          label: 'Kios uji',
        }),
      );
      const rs = await fire(N, () => c.adminOpd.del(`/api/attendance/kiosks/${kiosk.id}`));
      expectOneWinner(rs, /sudah ditutup/);
      expect(await audits('kiosk.closed', kiosk.id)).toBe(1);
    },

    'DELETE /api/attendance/terminal-users/{id}': async () => {
      // Removed once: one call removes (and audits) the mapping; a call that read it first gets 409, a later 404.
      const mapping = await created(
        c.adminOpd.post('/api/attendance/terminal-users', {
          terminalSerial: null,
          terminalUserId: 'KONKUREN-1',
          employeeId: ids.requester,
        }),
      );
      const rs = await fire(N, () => c.adminOpd.del(`/api/attendance/terminal-users/${mapping.id}`));
      expectOneWinner(rs, /sudah dihapus/, [{ status: 404, code: 'NOT_FOUND', said: /Pemetaan ID mesin/ }]);
      expect(await audits('terminal_user.deleted', mapping.id)).toBe(1);
    },

    'POST /api/permits': async () => {
      // A submission, not a decision, but a double click must not file two requests: one, the rest overlap.
      const rs = await fire(N, () =>
        c.requester.post('/api/permits', {
          kind: 'I',
          part: 'late',
          dateFrom: '2026-01-22',
          dateTo: '2026-01-22',
          reason: 'Keperluan keluarga',
        }),
      );
      const ok = expectOneWinner(rs, /Sudah ada Izin .* bertumpang tindih/);
      const rows = await t.db
        .selectFrom('permits')
        .select('id')
        .where('employeeId', '=', ids.requester)
        .where('dateFrom', '=', '2026-01-22')
        .execute();
      expect(rows.map((r) => r.id)).toEqual([ok.json().id]);
      expect(await audits('permit.requested', ok.json().id)).toBe(1);
    },

    'POST /api/permits/{id}/decision': async () => {
      const p = await created(
        c.requester.post('/api/permits', {
          kind: 'I',
          part: 'late',
          dateFrom: '2026-01-20',
          dateTo: '2026-01-20',
          reason: 'Mengantar anak',
        }),
      );
      const rs = await fire(N, () =>
        c.superior.post(`/api/permits/${p.id}/decision`, { decision: 'APPROVE', note: 'Silakan' }),
      );
      expectOneWinner(rs, /Permohonan ini sudah disetujui oleh .+ pada /);
      expect(await audits('permit.approved', p.id)).toBe(1);
      expect(await audits('permit.rejected', p.id)).toBe(0);
    },

    'POST /api/permits/{id}/cancel': async () => {
      const p = await created(
        c.requester.post('/api/permits', {
          kind: 'I',
          part: 'early',
          dateFrom: '2026-01-21',
          dateTo: '2026-01-21',
          reason: 'Kontrol dokter',
        }),
      );
      const rs = await fire(N, () => c.requester.post(`/api/permits/${p.id}/cancel`, { note: 'Tidak jadi' }));
      expectOneWinner(rs, /Permohonan ini sudah dibatalkan oleh .+ pada /);
      expect(await audits('permit.cancelled', p.id)).toBe(1);
    },

    'POST /api/corrections': async () => {
      const evidenceHash = await upload(c.requester, 'koreksi-1');
      const rs = await fire(N, () =>
        c.requester.post('/api/corrections', {
          date: '2026-01-13',
          checkIn: '07:25',
          category: 'LUPA_PRESENSI',
          reason: 'Lupa presensi masuk',
          evidenceHash,
        }),
      );
      const ok = expectOneWinner(rs, /Sudah ada koreksi presensi .* untuk tanggal 2026-01-13/);
      const rows = await t.db
        .selectFrom('corrections')
        .select('id')
        .where('employeeId', '=', ids.requester)
        .where('localDate', '=', '2026-01-13')
        .execute();
      expect(rows.map((r) => r.id)).toEqual([ok.json().id]);
      expect(await audits('correction.requested', ok.json().id)).toBe(1);
    },

    'POST /api/corrections/{id}/decision': async () => {
      const k = await created(
        c.requester.post('/api/corrections', {
          date: '2026-01-12',
          checkOut: '16:05',
          category: 'LUPA_PRESENSI',
          reason: 'Lupa presensi pulang',
          evidenceHash: await upload(c.requester, 'koreksi-2'),
        }),
      );
      const rs = await fire(N, () =>
        c.superior.post(`/api/corrections/${k.id}/decision`, {
          decision: 'APPROVE',
          note: 'Sesuai daftar hadir',
        }),
      );
      expectOneWinner(rs, /Koreksi ini sudah disetujui oleh .+ pada /);
      expect(await audits('correction.approved', k.id)).toBe(1);
    },

    'POST /api/corrections/{id}/cancel': async () => {
      const k = await created(
        c.requester.post('/api/corrections', {
          date: '2026-01-09',
          checkIn: '07:20',
          category: 'LUPA_PRESENSI',
          reason: 'Lupa presensi masuk',
          evidenceHash: await upload(c.requester, 'koreksi-3'),
        }),
      );
      const rs = await fire(N, () =>
        c.requester.post(`/api/corrections/${k.id}/cancel`, { note: 'Salah tanggal' }),
      );
      expectOneWinner(rs, /Koreksi ini sudah dibatalkan oleh .+ pada /);
      expect(await audits('correction.cancelled', k.id)).toBe(1);
    },

    'POST /api/leave/requests': async () => {
      const rs = await fire(N, () =>
        c.requester.post('/api/leave/requests', {
          type: 'CS',
          from: '2026-02-18',
          to: '2026-02-18',
          reason: 'Demam',
        }),
      );
      const ok = expectOneWinner(rs, /bertumpang tindih dengan cuti lain/);
      const rows = await t.db
        .selectFrom('leaveRequests')
        .select('id')
        .where('employeeId', '=', ids.requester)
        .where('dateFrom', '=', '2026-02-18')
        .execute();
      expect(rows.map((r) => r.id)).toEqual([ok.json().id]);
      expect(await audits('leave.submitted', ok.json().id)).toBe(1);
    },

    'POST /api/leave/requests/{id}/decision': async () => {
      const r = await created(
        c.requester.post('/api/leave/requests', {
          type: 'CS',
          from: '2026-02-19',
          to: '2026-02-19',
          reason: 'Sakit',
        }),
      );
      const rs = await fire(N, () =>
        c.superior.post(`/api/leave/requests/${r.id}/decision`, { decision: 'APPROVE', note: '' }),
      );
      expectOneWinner(rs, /Permohonan cuti ini sudah disetujui (atasan )?oleh .+ pada /);
      expect(await audits('leave.approved', r.id)).toBe(1);
      const decisions = await t.db
        .selectFrom('leaveDecisions')
        .select('id')
        .where('requestId', '=', r.id)
        .execute();
      expect(decisions).toHaveLength(1);
    },

    'POST /api/leave/requests/{id}/cancel': async () => {
      const r = await created(
        c.requester.post('/api/leave/requests', {
          type: 'CS',
          from: '2026-02-20',
          to: '2026-02-20',
          reason: 'Sakit',
        }),
      );
      const rs = await fire(N, () => c.requester.post(`/api/leave/requests/${r.id}/cancel`, { reason: '' }));
      expectOneWinner(rs, /Permohonan cuti ini sudah dibatalkan oleh .+ pada /);
      expect(await audits('leave.cancelled', r.id)).toBe(1);
      const decisions = await t.db
        .selectFrom('leaveDecisions')
        .select('id')
        .where('requestId', '=', r.id)
        .execute();
      expect(decisions).toHaveLength(1);
    },

    'POST /api/recap/closing/close': async () => {
      const unit = units['DINKES-PKM-CURUG']!;
      const rs = await fire(N, () =>
        c.adminOpd.post('/api/recap/closing/close', { unitId: unit.id, month: '2025-08' }),
      );
      expectOneWinner(rs, /Bulan 2025-08 sudah ditutup untuk .+ oleh .+ pada /);
      expect(await count('monthClosings', { unitId: unit.id, month: '2025-08' })).toBe(1);
      expect(await count('recapClosings', { unitId: unit.id, month: '2025-08' })).toBe(1);
      expect(await audits('recap.month_closed', `${unit.id}:2025-08`)).toBe(1);
    },

    'POST /api/recap/closing/reopen': async () => {
      const unit = units['DINKES-PKM-CURUG']!;
      await created(c.adminOpd.post('/api/recap/closing/close', { unitId: unit.id, month: '2025-07' }));
      const rs = await fire(N, () =>
        c.bkd.post('/api/recap/closing/reopen', {
          unitId: unit.id,
          month: '2025-07',
          reason: 'Koreksi presensi massal mesin rusak',
        }),
      );
      expectOneWinner(rs, /Bulan 2025-07 unit ini sudah dibuka kembali oleh .+ pada /);
      expect(await count('monthClosings', { unitId: unit.id, month: '2025-07' })).toBe(0);
      expect(await audits('recap.month_reopened', `${unit.id}:2025-07`)).toBe(1);
      const history = await t.db
        .selectFrom('recapClosings')
        .select(['reopenedAt'])
        .where('unitId', '=', unit.id)
        .where('month', '=', '2025-07')
        .execute();
      expect(history).toHaveLength(1);
      expect(history[0]!.reopenedAt).not.toBeNull();
    },

    'POST /api/imports/{id}/commit': async () => {
      const header = UNIT_COLUMNS.map((x) => x.name);
      const row: Record<string, string> = {
        kode: 'DINKES-KONKUREN',
        nama: 'Seksi Uji Konkuren',
        jenis: 'BIDANG',
        kode_induk: 'DINKES',
      };
      const text = `${header.join(',')}\r\n${header.map((h) => row[h] ?? '').join(',')}\r\n`;
      const up = await c.superAdmin.request({
        method: 'POST',
        url: '/api/imports',
        ...multipart({ kind: 'units' }, { field: 'file', name: 'unit.csv', content: text }),
      });
      expect(up.statusCode, up.body).toBe(201);
      const job = up.json();
      const rs = await fire(N, () => c.superAdmin.post(`/api/imports/${job.id}/commit`, { mode: 'all' }));
      expectOneWinner(rs, /^Impor ini sudah diproses$/);
      const made = await t.db
        .selectFrom('units')
        .select('id')
        .where('code', '=', 'DINKES-KONKUREN')
        .execute();
      expect(made).toHaveLength(1);
      expect(await audits('import.committed', job.id)).toBe(1);
      expect(await count('auditLog', { action: 'unit.created', entityId: made[0]!.id })).toBeLessThanOrEqual(
        1,
      );
    },

    'POST /api/rulebooks/{id}/activate': async () => {
      const national = (await loadRulebookFiles()).find((r) => r.meta.id === 'national')!;
      const draftOf = async (id: string, version: string, from: string) => {
        const doc = structuredClone(national);
        doc.meta = { ...doc.meta, id, version, effectiveFrom: from, effectiveTo: null };
        const res = await c.bkd.post('/api/rulebooks', doc);
        expect(res.statusCode, res.body).toBe(201);
        return res.json().id as string;
      };
      const closedBefore = await count('auditLog', { action: 'rulebook.closed' });
      const id = await draftOf('national-2031', '2031.1', '2031-01-01');
      const rs = await fire(N, () => c.bkd.post(`/api/rulebooks/${id}/activate`));
      expectOneWinner(rs, /Versi ini sudah diaktifkan oleh .+ pada /);
      expect(await audits('rulebook.activated', 'national-2031')).toBe(1);
      expect(await count('auditLog', { action: 'rulebook.closed' })).toBe(closedBefore + 1);
      // Two different drafts of one region at once: activations are serialised per region, so the active
      // versions never overlap (whichever order they ran in).
      const [a, b] = [
        await draftOf('national-2032', '2032.1', '2032-01-01'),
        await draftOf('national-2033', '2033.1', '2033-01-01'),
      ];
      expectNoServerError(await Promise.all([a, b].map((x) => c.bkd.post(`/api/rulebooks/${x}/activate`))));
      const active = await t.db
        .selectFrom('rulebookVersions')
        .select(['rulebookId', 'effectiveFrom', 'effectiveTo'])
        .where('region', '=', 'nasional')
        .where('status', '=', 'active')
        .orderBy('effectiveFrom')
        .execute();
      expect(active.length).toBeGreaterThan(1);
      for (let i = 1; i < active.length; i++) {
        const [prev, next] = [active[i - 1]!, active[i]!];
        expect(
          prev.effectiveTo !== null && prev.effectiveTo < next.effectiveFrom,
          JSON.stringify(active),
        ).toBe(true);
      }
    },

    'POST /api/employees/{id}/account': async () => {
      const employeeId = await newEmployee('Ratna Konkuren');
      const rs = await fire(N, () => c.adminOpd.post(`/api/employees/${employeeId}/account`));
      const ok = expectOneWinner(rs, /^Pegawai ini sudah memiliki akun/);
      const accounts = await t.db
        .selectFrom('users')
        .select('id')
        .where('employeeId', '=', employeeId)
        .execute();
      expect(accounts.map((a) => a.id)).toEqual([ok.json().account.id]);
      expect(await audits('account.created', ok.json().account.id)).toBe(1);
    },

    'POST /api/accounts/{id}/grants': async () => {
      const employeeId = await newEmployee('Sari Konkuren');
      const account = (await created(c.adminOpd.post(`/api/employees/${employeeId}/account`))).account;
      const grant = { role: 'ADMIN_OPD', unitId: units.BAPENDA!.id };
      const rs = await fire(N, () => c.bkd.post(`/api/accounts/${account.id}/grants`, grant));
      expectOneWinner(rs, /sudah memegang peran tersebut/);
      const grants = () =>
        t.db.selectFrom('roleGrants').select(['role', 'unitId']).where('userId', '=', account.id).execute();
      expect(await grants()).toEqual([grant]);
      expect(await audits('grant.added', account.id)).toBe(1);
      // A grant over the whole organisation (no unit): NULL is not equal to NULL in a plain unique key.
      const wide = { role: 'INSPEKTORAT', unitId: null };
      const rs2 = await fire(N, () => c.superAdmin.post(`/api/accounts/${account.id}/grants`, wide));
      expectOneWinner(rs2, /sudah memegang peran tersebut/);
      expect((await grants()).filter((g) => g.unitId === null)).toEqual([wide]);
      expect(await audits('grant.added', account.id)).toBe(2);
    },

    'DELETE /api/accounts/{id}/grants/{grantId}': async () => {
      const employeeId = await newEmployee('Dewi Konkuren');
      const account = (await created(c.adminOpd.post(`/api/employees/${employeeId}/account`))).account;
      const after = await created(
        c.bkd.post(`/api/accounts/${account.id}/grants`, { role: 'ADMIN_OPD', unitId: units.BAPENDA!.id }),
      );
      const grantId = after.grants[0].id as string;
      const rs = await fire(N, () => c.bkd.del(`/api/accounts/${account.id}/grants/${grantId}`));
      // Documented: a removal repeated after it committed finds no grant (404, as any unknown grant).
      expectOneWinner(rs, /Peran ini sudah dicabut/, [{ status: 404, code: 'NOT_FOUND', said: /Peran/ }]);
      expect(
        await t.db.selectFrom('roleGrants').select('id').where('userId', '=', account.id).execute(),
      ).toEqual([]);
      expect(await audits('grant.revoked', account.id)).toBe(1);
    },

    // ---------------------------------------------------------------- e-Kinerja (issue 15)

    'POST /api/kinerja/skp': async () => {
      // A double click on "Susun SKP" files one SKP for the year; the others are told it exists.
      const w = await kinerja();
      const s = w.staff[0]!;
      const rs = await fire(N, () => s.c.post('/api/kinerja/skp', skpBody(2026)));
      const ok = expectOneWinner(rs, /^Sudah ada SKP tahun 2026 untuk periode 2026-01-01 s.d. 2026-12-31/);
      const rows = await t.db.selectFrom('skp').select('id').where('employeeId', '=', s.e.id).execute();
      expect(rows.map((r) => r.id)).toEqual([ok.json().skp.id]);
      expect(await audits('skp.created', ok.json().skp.id)).toBe(1);
      expect(await kinerjaRows('skpRhk', 'skpId', ok.json().skp.id)).toBe(1);
    },

    'PUT /api/kinerja/skp/{id}': async () => {
      // An edit of a draft under its row lock: N identical edits leave exactly the RHK sent, never a mix or twice.
      const w = await kinerja();
      const s = w.staff[1]!;
      const id = await draftSkp(s.c, 2026);
      const body = skpBody(2026, 'Tersusunnya layanan uji konkurensi yang diperbaiki');
      const rs = await fire(N, () => put(s.c, `/api/kinerja/skp/${id}`, body));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const rhk = await t.db.selectFrom('skpRhk').select(['id', 'text']).where('skpId', '=', id).execute();
      expect(rhk.map((r) => r.text)).toEqual([body.rhk[0]!.text]);
      expect(await kinerjaRows('skpIndicators', 'rhkId', rhk[0]!.id)).toBe(1);
    },

    'POST /api/kinerja/skp/{id}/submit': async () => {
      const w = await kinerja();
      const s = w.staff[2]!;
      const id = await draftSkp(s.c, 2026);
      const rs = await fire(N, () => s.c.post(`/api/kinerja/skp/${id}/submit`));
      expectOneWinner(rs, /^SKP sudah diajukan dan menunggu keputusan$/);
      expect(await audits('skp.submitted', id)).toBe(1);
      expect(await notices('skp.waiting', 'skp', id)).toBe(1);
    },

    'POST /api/kinerja/skp/{id}/decision': async () => {
      const w = await kinerja();
      const s = w.staff[3]!;
      const id = await submittedSkp(s.c, 2026);
      const rs = await fire(N, () =>
        w.kabid.c.post(`/api/kinerja/skp/${id}/decision`, { decision: 'APPROVE', note: 'Lanjutkan' }),
      );
      expectOneWinner(rs, /^SKP sudah disetujui; tidak ada yang perlu diputuskan$/);
      expect(await audits('skp.approved', id)).toBe(1);
      expect(await audits('skp.returned', id)).toBe(0);
      expect(await notices('skp.decided', 'skp', id)).toBe(1);
    },

    'POST /api/kinerja/reports': async () => {
      // The offline queue's re-sync: the same clientId is stored once; the repeats answer that report (200).
      const w = await kinerja();
      const { rhkId } = await reportsSkp();
      const body = reportBody(rhkId, '2026-01-15');
      const rs = await fire(N, () => w.staff[4]!.c.post('/api/kinerja/reports', body));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual([...Array(N - 1).fill(200), 201]);
      expect(new Set(rs.map((r) => r.json().id)).size).toBe(1);
      const rows = await t.db
        .selectFrom('dailyReports')
        .select('id')
        .where('employeeId', '=', w.staff[4]!.e.id)
        .where('clientId', '=', body.clientId)
        .execute();
      expect(rows).toHaveLength(1);
      expect(await audits('daily_report.submitted', rows[0]!.id)).toBe(1);
    },

    'POST /api/kinerja/reports/{id}/verify': async () => {
      const w = await kinerja();
      const { rhkId } = await reportsSkp();
      const id = await report(w.staff[4]!.c, rhkId, '2026-01-15');
      const rs = await fire(N, () =>
        w.kabid.c.post(`/api/kinerja/reports/${id}/verify`, { decision: 'ACCEPT', note: null }),
      );
      expectOneWinner(rs, /^Laporan ini sudah diterima; hanya laporan yang menunggu verifikasi/);
      expect(await audits('daily_report.accepted', id)).toBe(1);
    },

    'POST /api/kinerja/reports/verify': async () => {
      // Bulk: every call answers 200 with a verdict per report; each report is decided by exactly one call.
      const w = await kinerja();
      const { rhkId } = await reportsSkp();
      const ids = [
        await report(w.staff[4]!.c, rhkId, '2026-01-14', 30),
        await report(w.staff[4]!.c, rhkId, '2026-01-14', 30),
      ];
      const rs = await fire(N, () =>
        w.kabid.c.post('/api/kinerja/reports/verify', {
          ids,
          decision: 'RETURN',
          note: 'Lengkapi outputnya',
        }),
      );
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const items = rs.flatMap(
        (r) => r.json().items as { id: string; ok: boolean; error: { code: string; message: string } }[],
      );
      for (const id of ids) {
        expect(items.filter((i) => i.id === id && i.ok)).toHaveLength(1);
        for (const refused of items.filter((i) => i.id === id && !i.ok)) {
          expect(refused.error.code).toBe('CONFLICT');
          expect(refused.error.message).toMatch(/^Laporan ini sudah dikembalikan/);
        }
        expect(await audits('daily_report.returned', id)).toBe(1);
        expect(await notices('daily_report.returned', 'daily_report', id)).toBe(1);
      }
    },

    'PUT /api/kinerja/reports/{id}': async () => {
      // A correction by the owner under the employee's lock: N identical corrections are N revisions in turn,
      // none lost (each read the revision its predecessor wrote), each audited, the day total checked each time.
      const w = await kinerja();
      const { rhkId } = await reportsSkp();
      const id = await report(w.staff[4]!.c, rhkId, '2026-01-14', 45);
      const { clientId: _c, ...fields } = reportBody(rhkId, '2026-01-14', 50);
      const rs = await fire(N, () => put(w.staff[4]!.c, `/api/kinerja/reports/${id}`, fields));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const row = await t.db
        .selectFrom('dailyReports')
        .select(['revision', 'minutes', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ minutes: 50, status: 'SUBMITTED' });
      expect(await audits('daily_report.corrected', id)).toBe(row.revision - 1);
      expect(row.revision).toBe(N + 1);
    },

    'DELETE /api/kinerja/reports/{id}': async () => {
      // Removed once: one call removes (and audits) it; a call that read it first gets 409, a later one 404.
      const w = await kinerja();
      const { rhkId } = await reportsSkp();
      const id = await report(w.staff[4]!.c, rhkId, '2026-01-15', 20);
      const rs = await fire(N, () => w.staff[4]!.c.del(`/api/kinerja/reports/${id}`));
      expectOneWinner(rs, /sudah dihapus/, [
        { status: 404, code: 'NOT_FOUND', said: /Laporan kinerja harian/ },
      ]);
      expect(await kinerjaRows('dailyReports', 'id', id)).toBe(0);
      expect(await audits('daily_report.deleted', id)).toBe(1);
    },

    'POST /api/kinerja/evaluations': async () => {
      // One evaluation per SKP period: the others are told it exists.
      const w = await kinerja();
      const { skpId } = await evaluatedSkp();
      const p = (await periods(skpId))[0]!;
      const rs = await fire(N, () =>
        w.kabid.c.post('/api/kinerja/evaluations', { skpId, kind: p.kind, periodStart: p.periodStart }),
      );
      const ok = expectOneWinner(rs, /^Penilaian .+ sudah ada$/);
      const rows = await t.db.selectFrom('evaluations').select('id').where('skpId', '=', skpId).execute();
      expect(rows.map((r) => r.id)).toEqual([ok.json().id]);
      expect(await audits('evaluation.created', ok.json().id)).toBe(1);
    },

    'PUT /api/kinerja/evaluations/{id}': async () => {
      // The penilai's edit of a draft under its row lock: the realisation of an indicator is stored once.
      const w = await kinerja();
      const { skpId, indicatorId } = await evaluatedSkp();
      const id = await draftEvaluation(w.kabid.c, skpId, 1);
      const body = { realisation: [{ indicatorId, value: 10 }], hasilKerjaRating: 'SESUAI_EKSPEKTASI' };
      const rs = await fire(N, () => put(w.kabid.c, `/api/kinerja/evaluations/${id}`, body));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const row = await t.db
        .selectFrom('evaluations')
        .select(['realisation', 'hasilKerjaRating', 'status'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      const realisation = (
        typeof row.realisation === 'string' ? JSON.parse(row.realisation) : row.realisation
      ) as { indicatorId: string; realisasi: number }[];
      expect(realisation.map((r) => [r.indicatorId, Number(r.realisasi)])).toEqual([[indicatorId, 10]]);
      expect(row).toMatchObject({ hasilKerjaRating: 'SESUAI_EKSPEKTASI', status: 'DRAFT' });
    },

    'POST /api/kinerja/evaluations/{id}/finalise': async () => {
      const w = await kinerja();
      const { skpId, indicatorId } = await evaluatedSkp();
      const id = await draftEvaluation(w.kabid.c, skpId, 2);
      await rateEvaluation(w.kabid.c, id, indicatorId);
      const rs = await fire(N, () => w.kabid.c.post(`/api/kinerja/evaluations/${id}/finalise`));
      expectOneWinner(rs, /^Penilaian ini sudah final dan menunggu persetujuan/);
      expect(await audits('evaluation.finalised', id)).toBe(1);
      expect(await notices('kinerja_evaluation.waiting', 'evaluation', id)).toBe(1);
    },

    'POST /api/kinerja/evaluations/{id}/approve': async () => {
      const w = await kinerja();
      const { skpId, indicatorId } = await evaluatedSkp();
      const id = await finalEvaluation(w.kabid.c, skpId, 3, indicatorId);
      const rs = await fire(N, () => w.kadis.c.post(`/api/kinerja/evaluations/${id}/approve`));
      expectOneWinner(rs, /^Penilaian ini sudah disetujui$/);
      expect(await audits('evaluation.approved', id)).toBe(1);
      expect(await notices('kinerja_evaluation.decided', 'evaluation', id)).toBe(1);
    },

    'POST /api/kinerja/evaluations/{id}/return': async () => {
      const w = await kinerja();
      const { skpId, indicatorId } = await evaluatedSkp();
      const id = await finalEvaluation(w.kabid.c, skpId, 4, indicatorId);
      const rs = await fire(N, () =>
        w.kadis.c.post(`/api/kinerja/evaluations/${id}/return`, { note: 'Periksa lagi realisasinya' }),
      );
      expectOneWinner(rs, /^Penilaian ini belum difinalkan pejabat penilai$/);
      expect(await audits('evaluation.returned', id)).toBe(1);
      expect(await notices('kinerja_evaluation.returned', 'evaluation', id)).toBe(1);
    },

    'POST /api/kinerja/evaluations/{id}/peer-feedback': async () => {
      // One feedback per author and evaluation.
      const w = await kinerja();
      const { skpId } = await objectedSkp();
      const id = await draftEvaluation(w.kabid.c, skpId, 2);
      const peer = w.staff[7]!;
      const rs = await fire(N, () =>
        peer.c.post(`/api/kinerja/evaluations/${id}/peer-feedback`, peerRatings()),
      );
      expectOneWinner(rs, /^Anda sudah memberi umpan balik untuk penilaian ini$/);
      const rows = await t.db
        .selectFrom('evaluationPeerFeedback')
        .select('id')
        .where('evaluationId', '=', id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(await audits('evaluation.peer_feedback_given', id)).toBe(1);
    },

    'POST /api/kinerja/evaluations/{id}/objection': async () => {
      const w = await kinerja();
      const s = w.staff[6]!;
      const { skpId, indicatorId } = await objectedSkp();
      const id = await approvedEvaluation(w, skpId, 0, indicatorId);
      const rs = await fire(N, () =>
        s.c.post(`/api/kinerja/evaluations/${id}/objection`, {
          reason: 'Realisasi saya melebihi target, mohon ditinjau kembali',
        }),
      );
      expectOneWinner(rs, /^Keberatan atas penilaian ini sudah pernah diajukan$/);
      const rows = await t.db
        .selectFrom('evaluationObjections')
        .select('id')
        .where('evaluationId', '=', id)
        .execute();
      expect(rows).toHaveLength(1);
      expect(await audits('evaluation.objection_filed', rows[0]!.id)).toBe(1);
      expect(await notices('kinerja_objection.waiting', 'evaluation_objection', rows[0]!.id)).toBe(1);
    },

    'POST /api/kinerja/objections/{id}/decide': async () => {
      const w = await kinerja();
      const { skpId, indicatorId } = await objectedSkp();
      const id = await approvedEvaluation(w, skpId, 1, indicatorId);
      const filed = await w.staff[6]!.c.post(`/api/kinerja/evaluations/${id}/objection`, {
        reason: 'Perilaku kerja saya sudah sesuai ekspektasi khusus',
      });
      expect(filed.statusCode, filed.body).toBe(201);
      const objectionId = filed.json().objection.id as string;
      const rs = await fire(N, () =>
        w.kadis.c.post(`/api/kinerja/objections/${objectionId}/decide`, {
          decision: 'DITERIMA',
          hasilKerjaRating: 'DI_ATAS_EKSPEKTASI',
          note: 'Bukti realisasi cukup',
        }),
      );
      expectOneWinner(rs, /^Keberatan ini sudah diputus$/);
      expect(await audits('evaluation.objection_decided', objectionId)).toBe(1);
      expect(await notices('kinerja_objection.decided', 'evaluation_objection', objectionId)).toBe(1);
    },

    'PUT /api/kinerja/unit-performance': async () => {
      // Sets the unit's organisational performance to the value sent (upsert on unit and period): one row.
      const w = await kinerja();
      const body = {
        unitId: w.unit.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        rating: 'BAIK',
        note: 'Capaian triwulan I',
      };
      const rs = await fire(N, () => put(c.adminOpd, '/api/kinerja/unit-performance', body));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const rows = await t.db
        .selectFrom('unitPerformance')
        .select(['id', 'rating'])
        .where('unitId', '=', w.unit.id)
        .execute();
      expect(rows).toEqual([{ id: rs[0]!.json().id, rating: 'BAIK' }]);
    },

    'POST /api/kinerja/figures/build': async () => {
      // A recomputation stored by upsert: N builds at once leave one figure per employee and month.
      const w = await kinerja();
      const body = { month: '2026-01', unitId: w.unit.id };
      const rs = await fire(N, () => c.adminOpd.post('/api/kinerja/figures/build', body));
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      const rows = await t.db
        .selectFrom('kinerjaMonthly')
        .select(['employeeId'])
        .where('unitId', '=', w.unit.id)
        .where('month', '=', '2026-01')
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.employeeId)).size).toBe(rows.length);
      expect(await kinerjaRows('kinerjaAdjustments', 'unitId', w.unit.id)).toBe(0);
    },

    'POST /api/kinerja/import/skp': async () => {
      // The import's commit: N identical files at once leave one SKP (a draft of the file, replaced in turn),
      // with the file's one RHK and indicator — never two SKPs, a mix of RHK or a bare unique-violation answer.
      const w = await kinerja();
      const s = w.staff[8]!;
      const row: Record<string, string> = {
        nip: s.e.nip!,
        tahun: '2026',
        periode_mulai: '01/01/2026',
        periode_selesai: '31/12/2026',
        pendekatan: 'Kuantitatif',
        jenis_rhk: 'Utama',
        no_rhk: '1',
        rhk: 'Terselenggaranya layanan uji impor konkuren',
        penugasan_dari: 'Perjanjian Kinerja Bidang',
        indikator: 'Jumlah layanan yang diselesaikan',
        aspek: 'Kuantitas',
        target_min: '12',
        satuan: 'layanan',
      };
      const header = Object.keys(row);
      const text = `${header.join(',')}\r\n${header.map((h) => row[h]).join(',')}\r\n`;
      const mp = multipart(
        { dryRun: 'false' },
        { field: 'file', name: 'skp.csv', content: text, type: 'text/csv' },
      );
      const rs = await fire(N, () =>
        c.adminOpd.request({ method: 'POST', url: '/api/kinerja/import/skp', ...mp }),
      );
      expectNoServerError(rs);
      for (const r of rs.filter((x) => x.statusCode >= 300))
        expect(GENERIC_MESSAGES, r.body).not.toContain(r.json().error.message);
      expect(rs.filter((r) => r.statusCode === 201).length).toBeGreaterThan(0);
      const skps = await t.db.selectFrom('skp').select('id').where('employeeId', '=', s.e.id).execute();
      expect(skps).toHaveLength(1);
      const rhk = await t.db.selectFrom('skpRhk').select('id').where('skpId', '=', skps[0]!.id).execute();
      expect(rhk).toHaveLength(1);
      expect(await kinerjaRows('skpIndicators', 'rhkId', rhk[0]!.id)).toBe(1);
    },

    // ── Discipline (issue 16): every step of a case runs under the case's row lock; indications and salary stops
    // under theirs. ──
    'POST /api/discipline/indications/scan': async () => {
      // Documented replay: a scan is idempotent (an indication's key is employee, year, source and step), so N
      // scans at once all answer 200 and store the indication once, with one audit of the finding and the scan.
      const w = await discipline();
      const s = w.staff[7]!;
      await seedTkMonth(t, s.e, '2025-12', ['2025-12-08', '2025-12-09', '2025-12-10']);
      const rs = await fire(N, () =>
        w.bkd.post('/api/discipline/indications/scan', { unitId: w.unit.id, month: '2025-12' }),
      );
      expectNoServerError(rs);
      expect(statuses(rs)).toEqual(Array(N).fill(200));
      expect(rs.reduce((n, r) => n + (r.json().created as number), 0)).toBe(1);
      const rows = await t.db
        .selectFrom('disciplineIndications')
        .select(['id', 'sanctionCode'])
        .where('employeeId', '=', s.e.id)
        .execute();
      expect(rows.map((r) => r.sanctionCode)).toEqual(['R1']);
      expect(await audits('discipline.indication_found', rows[0]!.id)).toBe(1);
      expect(await audits('discipline.indications_scanned', w.unit.id)).toBe(1);
    },

    'POST /api/discipline/indications/{id}/open': async () => {
      const w = await discipline();
      const id = await insertIndication(t, { employeeId: w.staff[0]!.e.id });
      const rs = await fire(N, () => w.head.c.post(`/api/discipline/indications/${id}/open`, {}));
      expectOneWinner(rs, /Indikasi ini sudah/);
      expect(await rowsOf(t, 'disciplineCases', { sourceRef: id })).toBe(1);
      expect(await rowsOf(t, 'disciplineCaseViolations', { indicationId: id })).toBe(1);
      expect(await audits('discipline.indication_opened', id)).toBe(1);
    },

    'POST /api/discipline/indications/{id}/dismiss': async () => {
      const w = await discipline();
      const id = await insertIndication(t, { employeeId: w.staff[0]!.e.id });
      const rs = await fire(N, () =>
        w.head.c.post(`/api/discipline/indications/${id}/dismiss`, {
          reason: 'Pegawai sakit dengan surat dokter yang terlambat dicatat.',
        }),
      );
      expectOneWinner(rs, /Indikasi ini sudah/);
      expect(await audits('discipline.indication_dismissed', id)).toBe(1);
    },

    'POST /api/discipline/cases': async () => {
      // A violation (article and date) is examined once: N identical openings leave one case.
      const w = await discipline();
      const p = w.parties(0);
      const body = discBody.open(p.employeeId, 'ringan', '2025-12-24');
      const rs = await fire(N, () => w.head.c.post('/api/discipline/cases', body));
      const won = expectOneWinner(rs, /sudah diperiksa dalam kasus/);
      const opened = await t.db
        .selectFrom('disciplineCases as c')
        .innerJoin('disciplineCaseViolations as v', 'v.caseId', 'c.id')
        .select('c.id')
        .where('c.employeeId', '=', p.employeeId)
        .where('v.occurredOn', '=', '2025-12-24')
        .execute();
      expect(opened.map((r) => r.id)).toEqual([won.json().case.id]);
      expect(await audits('discipline.case_opened', opened[0]!.id)).toBe(1);
    },

    'POST /api/discipline/cases/{id}/telaah': async () => {
      const id = await disciplineStep({
        state: 'TELAAH',
        path: 'telaah',
        body: discBody.telaah('ringan'),
        said: NOT_AT_STAGE,
        audit: 'discipline.case_reviewed',
        event: 'telaah',
      });
      expect(await stateOf(t, id)).toBe('PEMANGGILAN');
    },

    'POST /api/discipline/cases/{id}/team': async () => {
      const w = await discipline();
      const id = await disciplineStep({
        state: 'PEMBENTUKAN_TIM',
        level: 'berat',
        path: 'team',
        body: discBody.team(w.parties(0)),
        said: NOT_AT_STAGE,
        audit: 'discipline.case_team_formed',
        event: 'formTeam',
        by: (x) => x.bkd,
      });
      expect(await rowsOf(t, 'disciplineTeamMembers', { caseId: id })).toBe(3);
    },

    'POST /api/discipline/cases/{id}/summons': async () => {
      // After summons I the case waits for its examination date: a second identical letter is no summons II.
      const id = await disciplineStep({
        state: 'PEMANGGILAN',
        path: 'summons',
        body: discBody.summons(),
        said: /Surat panggilan II hanya dapat diterbitkan setelah ketidakhadiran/,
        audit: 'discipline.case_summoned',
        event: 'summon',
      });
      expect(await rowsOf(t, 'disciplineSummons', { caseId: id })).toBe(1);
    },

    'POST /api/discipline/cases/{id}/absence': async () => {
      await disciplineStep({
        state: 'PANGGILAN_I',
        path: 'absence',
        body: { note: 'Pegawai tidak hadir tanpa keterangan.' },
        said: /Ketidakhadiran pada panggilan I sudah dicatat/,
        audit: 'discipline.case_absence',
        event: 'recordAbsence',
      });
    },

    'POST /api/discipline/cases/{id}/examination': async () => {
      const id = await disciplineStep({
        state: 'PANGGILAN_I',
        path: 'examination',
        body: discBody.examination(),
        said: NOT_AT_STAGE,
        audit: 'discipline.case_examined',
        event: 'examine',
      });
      expect(await rowsOf(t, 'disciplineExaminations', { caseId: id })).toBe(1);
    },

    'POST /api/discipline/cases/{id}/relief': async () => {
      const w = await discipline();
      await disciplineStep({
        state: 'PEMBENTUKAN_TIM',
        level: 'berat',
        path: 'relief',
        body: {
          from: '2026-01-15',
          plhEmployeeId: w.staff[1]!.e.id,
          reason: 'Agar pemeriksaan tidak terganggu.',
        },
        said: /sudah dibebaskan sementara/,
        audit: 'discipline.case_relieved',
        event: 'relieve',
      });
    },

    'POST /api/discipline/cases/{id}/report': async () => {
      await disciplineStep({
        state: 'PEMERIKSAAN',
        path: 'report',
        body: discBody.report('ringan'),
        said: NOT_AT_STAGE,
        audit: 'discipline.case_reported',
        event: 'report',
      });
    },

    'POST /api/discipline/cases/{id}/end': async () => {
      const id = await disciplineStep({
        state: 'TELAAH',
        path: 'end',
        body: { reason: 'TIDAK_TERBUKTI', note: 'Pelanggaran tidak terbukti setelah telaah.' },
        said: NOT_AT_STAGE,
        audit: 'discipline.case_ended',
        event: 'end',
      });
      expect(await stateOf(t, id)).toBe('DIHENTIKAN');
    },

    'POST /api/discipline/cases/{id}/decision': async () => {
      // One sanction per case: the head (PyB of R2) decides once.
      const id = await disciplineStep({
        state: 'PENJATUHAN',
        path: 'decision',
        body: discBody.decision('R2'),
        said: NOT_AT_STAGE,
        audit: 'discipline.sanction_decided',
        event: 'decide',
      });
      expect(await rowsOf(t, 'disciplineSanctions', { caseId: id })).toBe(1);
    },

    'POST /api/discipline/cases/{id}/delivery': async () => {
      await disciplineStep({
        state: 'PENYAMPAIAN',
        path: 'delivery',
        body: discBody.delivery(),
        said: NOT_AT_STAGE,
        audit: 'discipline.sanction_delivered',
        event: 'deliver',
      });
    },

    'POST /api/discipline/cases/{id}/appeals': async () => {
      const id = await disciplineStep({
        state: 'MENUNGGU_BERLAKU',
        path: 'appeals',
        body: discBody.appeal(),
        said: /upaya administratif yang belum diputus/,
        audit: 'discipline.appeal_filed',
        event: 'appeal',
        by: (w) => w.staff[0]!.c,
      });
      expect(await rowsOf(t, 'disciplineAppeals', { caseId: id })).toBe(1);
    },

    'POST /api/discipline/appeals/{id}/decision': async () => {
      const w = await discipline();
      const caseId = await driveCase(w.parties(0), 'UPAYA_ADMINISTRATIF');
      const appealId = await pendingAppealOf(t, caseId);
      const body = discBody.appealDecision();
      const rs = await fire(N, () => w.bkd.post(`/api/discipline/appeals/${appealId}/decision`, body));
      expectOneWinner(rs, /sudah diputus/);
      expect(await audits('discipline.appeal_decided', caseId)).toBe(1);
      await expectOneEvent(t, caseId, 'decideAppeal');
    },

    'POST /api/discipline/designations': async () => {
      // The PPK's designation of a JF as PyB: validity periods of one JF in one unit never overlap.
      const w = await discipline();
      const body = {
        employeeId: w.jf.id,
        unitId: w.unit.id,
        levels: ['ringan'],
        decreeNumber: '800/PYB/KONKUREN/2026',
        validFrom: '2026-02-01',
        validTo: null,
      };
      const rs = await fire(N, () => w.bkd.post('/api/discipline/designations', body));
      const won = expectOneWinner(rs, /sudah ada untuk masa/);
      expect(await rowsOf(t, 'disciplinePybDesignations', { employeeId: w.jf.id, unitId: w.unit.id })).toBe(
        1,
      );
      expect(await audits('discipline.pyb_designated', won.json().id)).toBe(1);
    },

    'POST /api/discipline/designations/{id}/end': async () => {
      const w = await discipline();
      // A designation over the parent OPD (written as the PPK's decree was), ended by BKD.
      const { id } = await t.db
        .insertInto('disciplinePybDesignations')
        .values({
          employeeId: w.jf.id,
          unitId: units.DINKES!.id,
          levels: JSON.stringify(['ringan']),
          decreeNumber: '800/PYB/AKHIR/2025',
          validFrom: '2025-01-01',
          validTo: null,
          createdBy: c.superAdmin.me.user.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = { validTo: '2026-06-30', reason: 'Unit sudah memiliki pejabat struktural.' };
      const rs = await fire(N, () => w.bkd.post(`/api/discipline/designations/${id}/end`, body));
      expectOneWinner(rs, /sudah berakhir/);
      expect(await audits('discipline.pyb_designation_ended', id)).toBe(1);
    },

    'POST /api/discipline/salary-stops': async () => {
      const w = await discipline();
      const indicationId = await insertIndication(t, { employeeId: w.staff[1]!.e.id }, 'consecutive');
      const rs = await fire(N, () => w.head.c.post('/api/discipline/salary-stops', { indicationId }));
      const won = expectOneWinner(rs, /sudah dilaporkan/);
      expect(await rowsOf(t, 'disciplineSalaryStops', { indicationId })).toBe(1);
      expect(await audits('discipline.salary_stop_reported', won.json().id)).toBe(1);
    },

    'POST /api/discipline/salary-stops/{id}/verify': async () => {
      const { w, id } = await salaryStopAt(2, 'DILAPORKAN');
      const body = { confirmedDays: 10, note: 'Data presensi sesuai.' };
      const rs = await fire(N, () => w.bkd.post(`/api/discipline/salary-stops/${id}/verify`, body));
      expectOneWinner(rs, /sudah diverifikasi/);
      expect(await audits('discipline.salary_stop_verified', id)).toBe(1);
    },

    'POST /api/discipline/salary-stops/{id}/stop': async () => {
      const { w, id } = await salaryStopAt(3, 'DIVERIFIKASI');
      const rs = await fire(N, () =>
        w.finance.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/9/KPA/2026' }),
      );
      expectOneWinner(rs, /tidak dapat dilakukan: penghentian gaji berstatus/);
      expect(await audits('discipline.salary_stopped', id)).toBe(1);
    },

    'POST /api/discipline/salary-stops/{id}/reactivation': async () => {
      const { w, id } = await salaryStopAt(4, 'DIHENTIKAN');
      const body = {
        employeeStatementId: await stagedStatement(w.head.c, `konkuren pegawai ${id}`),
        superiorStatementId: await stagedStatement(w.head.c, `konkuren atasan ${id}`),
        recapMonths: ['2025-12'],
        note: 'Pegawai sudah masuk kerja kembali.',
      };
      const rs = await fire(N, () => w.head.c.post(`/api/discipline/salary-stops/${id}/reactivation`, body));
      expectOneWinner(rs, /tidak dapat dilakukan: penghentian gaji berstatus/);
      expect(await audits('discipline.salary_reactivation_requested', id)).toBe(1);
    },

    'POST /api/discipline/salary-stops/{id}/reactivate': async () => {
      const { w, id } = await salaryStopAt(5, 'PENGAKTIFAN_DIAJUKAN');
      const rs = await fire(N, () =>
        w.finance.post(`/api/discipline/salary-stops/${id}/reactivate`, {
          fromMonth: '2026-01',
          decisionNumber: '900/10/KPA/2026',
        }),
      );
      expectOneWinner(rs, /tidak dapat dilakukan: penghentian gaji berstatus/);
      expect(await audits('discipline.salary_reactivated', id)).toBe(1);
    },

    'POST /api/discipline/salary-stops/{id}/settlements': async () => {
      // A month is settled once: the repeats name the month already recorded (400 on the field `months`).
      const { w, id } = await salaryStopAt(6, 'DIHENTIKAN');
      const body = { kind: 'SETOR_KEMBALI', months: ['2025-12'], note: 'Gaji Desember terlanjur dibayar.' };
      const rs = await fire(N, () => w.finance.post(`/api/discipline/salary-stops/${id}/settlements`, body));
      expectOneWinner(rs, /^$/, [{ status: 400, code: 'VALIDATION', said: /Bulan 2025-12 sudah dicatat/ }]);
      const row = await t.db
        .selectFrom('disciplineSalaryStops')
        .select('settlements')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.settlements).toHaveLength(1);
      expect(await audits('discipline.salary_settlement_recorded', id)).toBe(1);
    },

    // ── TPP runs (issue 17): computing under the month's lock, every lifecycle step under the run's row lock
    // (test/helpers/tpp-concurrency.ts).
    ...tppRunCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
    ...tppObjectionCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
    // Oversight and recognition (issue 18): test/helpers/<module>-concurrency.ts.
    ...inspectionsCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd, superAdmin: c.superAdmin }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
    ...complaintsCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd, superAdmin: c.superAdmin }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
    ...electionWatchCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd, superAdmin: c.superAdmin }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
    ...teladanCases({
      get: () => ({ t, adminOpd: c.adminOpd, bkd: c.bkd, superAdmin: c.superAdmin }),
      fire: (call) => fire(N, call),
      expectOneWinner,
    }),
  };

  it('names every state-changing route of the API document: a decision with its case here, or not a decision with a reason', () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .flatMap(([p, ops]) =>
        Object.keys(ops)
          .filter((m) => ['post', 'put', 'patch', 'delete'].includes(m))
          .map((m) => `${m.toUpperCase()} ${p}`),
      )
      .sort();
    expect(routes.length).toBeGreaterThan(40);
    const decided = Object.keys(cases);
    const excused = Object.keys(NOT_DECISIONS);
    expect(
      routes.filter((r) => !decided.includes(r) && !excused.includes(r)),
      'a new state-changing route: add its concurrency case to `cases`, or a reason to NOT_DECISIONS',
    ).toEqual([]);
    expect(
      [...decided, ...excused].filter((r) => !routes.includes(r)),
      'listed but not in the API',
    ).toEqual([]);
    expect(decided.filter((r) => excused.includes(r))).toEqual([]);
  });

  for (const [route, run] of Object.entries(cases)) it(`${route}: identical calls at once, one effect`, run);

  describe('closing a unit-month locks its ancestors and descendants', () => {
    const close = (code: string, month: string) =>
      c.adminOpd.post('/api/recap/closing/close', { unitId: units[code]!.id, month });
    const closedUnits = async (month: string) =>
      (
        await t.db
          .selectFrom('monthClosings as m')
          .innerJoin('units as u', 'u.id', 'm.unitId')
          .select('u.code')
          .where('m.month', '=', month)
          .execute()
      )
        .map((r) => r.code)
        .sort();

    it.each([
      ['the parent sent first', '2025-09', ['DINKES', 'DINKES-PKM-CURUG']],
      ['the child sent first', '2025-10', ['DINKES-PKM-CURUG', 'DINKES']],
    ])(
      'a parent and a child closed at the same moment (%s): one wins, the other gets a clear 409',
      async (_name, month, order) => {
        const rs = await Promise.all(order.map((code) => close(code, month)));
        expectOneWinner(rs, /^Bulan 20\d\d-\d\d sudah ditutup untuk .+ oleh .+ pada /);
        const winner = order[rs.findIndex((r) => r.statusCode === 200)]!;
        expect(await closedUnits(month)).toEqual([winner]);
        expect(await audits('recap.month_closed', `${units[winner]!.id}:${month}`)).toBe(1);
        expect(await count('recapClosings', { month })).toBe(1);
      },
    );

    it('one at a time the rule is the same: a closed sub-unit blocks its parent and a closed parent its sub-units; siblings close independently', async () => {
      expect((await close('DINKES-PKM-CURUG', '2025-11')).statusCode).toBe(200);
      const parent = await close('DINKES', '2025-11');
      expect(parent.statusCode).toBe(409);
      expect(parent.json().error.message).toMatch(
        /^Bulan 2025-11 sudah ditutup untuk sub-unit UPTD Puskesmas Curug oleh .+; .*minta BKD/,
      );
      // The closing page does not offer what would be refused.
      const status = await c.adminOpd.get(`/api/recap/closing?unitId=${units.DINKES!.id}&month=2025-11`);
      expect(status.json()).toMatchObject({ canCloseNow: false, closing: null });
      expect((await close('DINKES', '2025-05')).statusCode).toBe(200);
      const child = await close('DINKES-PKM-CURUG', '2025-05');
      expect(child.statusCode).toBe(409);
      expect(child.json().error.message).toMatch(/^Bulan 2025-05 sudah ditutup untuk Dinas Kesehatan oleh /);
      const depth = (code: string) => units[code]!.path.split('/').filter(Boolean).length;
      const sibling = Object.keys(units).find(
        (code) =>
          code !== 'DINKES-PKM-CURUG' &&
          units[code]!.path.startsWith(units.DINKES!.path) &&
          depth(code) === depth('DINKES-PKM-CURUG'),
      )!;
      const both = await Promise.all([close(sibling, '2025-06'), close('DINKES-PKM-CURUG', '2025-06')]);
      expect(statuses(both)).toEqual([200, 200]);
      expect(await closedUnits('2025-06')).toEqual([sibling, 'DINKES-PKM-CURUG'].sort());
      expect(await closedUnits('2025-11')).toEqual(['DINKES-PKM-CURUG']);
    });
  });

  describe('temporary photo files', () => {
    it('a kill -9 leaves at most orphaned temporary files; the start-up sweep removes those older than the grace period, never a photo or a fresh write', async () => {
      const dir = path.join(t.config.photoDir, 'sweep');
      const hash = sha256(Buffer.from('foto'));
      const folder = path.join(dir, hash.slice(0, 2), hash.slice(2, 4));
      await mkdir(folder, { recursive: true });
      const photo = path.join(folder, hash);
      const old = path.join(folder, `${hash}.4242.1767225600000.tmp`);
      const oldNew = path.join(folder, `${hash}.0b9c5a2e-5f1e-4c4e-9a51-0d2f1b7c9e11.tmp`);
      const fresh = path.join(folder, `${hash}.5bc4a2e1-0000-4000-8000-000000000000.tmp`);
      const stranger = path.join(folder, 'catatan.tmp');
      for (const f of [photo, old, oldNew, fresh, stranger]) await writeFile(f, 'x');
      const hourAgo = new Date(Date.now() - 3_600_000);
      for (const f of [old, oldNew, stranger]) await utimes(f, hourAgo, hourAgo);
      expect(await removeOrphanTempFiles(dir)).toBe(2);
      expect((await readdir(folder)).sort()).toEqual([hash, path.basename(fresh), 'catatan.tmp'].sort());
      expect((await stat(photo)).isFile()).toBe(true);
      expect(await removeOrphanTempFiles(path.join(dir, 'tidak-ada'))).toBe(0);
    });
  });
});
