import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { InjectOptions } from 'fastify';
import { createTestApp, login, multipart, type Client, type TestApp } from '../helpers/test-app.ts';
import { changedTables, dbFingerprint } from '../helpers/db-fingerprint.ts';
import { apiRoutes } from '../helpers/api-routes.ts';
import { flaggedPunch, sideActivity, type Side } from '../helpers/activity.ts';
import { newPhone } from '../helpers/evidence.ts';
import { kinerjaActivity, type KinerjaSide } from '../helpers/kinerja-activity.ts';
import {
  casesIn,
  driveCase,
  driveSalaryStop,
  insertIndication,
  pendingAppealOf,
  uploadCaseDocument,
  type DisciplineParties,
  type DriveState,
} from '../helpers/discipline-activity.ts';
import { factories } from '../factories/index.ts';
import { smallProvince, type ServiceUnit, type SmallProvince } from '../factories/province.ts';
import { formatNip } from '../../src/core/people/nip.ts';

/*
 * The harness of the scope tests (test/security/scope-*.test.ts): who may reach what, for every route of the API
 * document, each role against a record inside its scope and one outside it. The expected access is one table per
 * area (test/security/access/*.ts, gathered in access/index.ts); each area's test file builds its own world
 * (`buildScopeWorld`) and checks its table's routes (`scopeSuite` → `checkAccess`), so the areas run in parallel;
 * test/security/scope-coverage.test.ts checks that the tables together name every route of the document.
 *
 * The world is the demo province in miniature (test/factories/province.ts: its units, with a head, a plain
 * employee and two colleagues in each UPTD), clock 2026-01-15:
 *
 *   inside  = a plain PNS of Puskesmas Curug (Dinas Kesehatan): her permit, correction, leave, phones, punch…
 *   outside = a plain PNS of UPTD Samsat Ciruas (Bapenda), with the same.
 *
 *   superAdmin  whole organisation, no employee record   bkd         BKD over the province
 *   inspektorat INSPEKTORAT over the province             pimpinan    the head of Dinkes, PIMPINAN over Dinkes
 *   adminOpd    ADMIN_OPD over Dinkes                     atasan      the inside employee's direct superior
 *   pegawai     the inside employee herself
 *
 * Codes, per role in that order: A = allowed on both records; I = allowed on the inside one, refused (403/404) on
 * the outside one; D = refused on both. For lists and exports: A = both listed, I = only the inside one,
 * N = neither (an empty answer, not a refusal), D = refused. A route without a record (e.g. one's own punch)
 * is A or D. "Allowed" means the request was authorised: a GET answers 2xx; a change answers anything but
 * 401/403/404 (a 409 "already decided" is an authorised answer). A refusal must leave the database exactly as it
 * was. A route of the document that is in no table fails scope-coverage.test.ts.
 */

/** The seven roles, in the order of an entry's codes. */
export const ROLES = [
  'superAdmin',
  'bkd',
  'inspektorat',
  'pimpinan',
  'adminOpd',
  'atasan',
  'pegawai',
] as const;
export type Role = (typeof ROLES)[number];
export type Where = 'in' | 'out';
export type Code = 'A' | 'I' | 'D' | 'N';

export interface Ctx {
  t: TestApp;
  c: Record<Role, Client>;
  side: Record<
    Where,
    Side & { colleagueId: string; colleagueAccountId: string; granteeAccountId: string; opdUnitId: string }
  >;
  /** A new number on every call: distinct names, dates and keys for the requests of this world. */
  n: () => number;
  /** The records `fresh.*` made and may reuse (kind and side → id), for this world's database only. */
  cache: Map<string, string>;
  /**
   * e-Kinerja records of each side (test/helpers/kinerja-activity.ts), the start of a periodic evaluation not
   * started yet, and the NIP of a colleague whose SKP the import writes (a draft, replaced on every import).
   * Only in a world built with `kinerja: true`.
   */
  kin: Record<Where, KinerjaSide & { nextPeriod: string; importNip: string }>;
  /** Discipline records of each side (test/helpers/discipline-activity.ts). Only with `discipline: true`. */
  disc: Record<Where, DisciplineSide>;
}

/**
 * One side's discipline records, made through the API (clock 2026-01-15): an indication waiting for its superior,
 * the employee's salary stop as reported and a colleague's with a re-activation request (its statements), a ringan
 * case waiting for the decision (BAP with the team's notes, the report, a signed BAP scan uploaded) and one whose
 * R2 was delivered (waiting to take effect), a JF of the unit designated as PyB. Cases a table entry uses up (a
 * telaah, a summons, a decision …) come from `fresh.disciplineCase`, which first takes the seeds made here.
 */
export interface DisciplineSide {
  parties: DisciplineParties;
  /** A cumulative indication (R1), BARU: never opened or dismissed by the table (`fresh.indication` is). */
  indicationId: string;
  /** The employee's consecutive-TK indication, already reported as `salaryStopId`. */
  consecutiveId: string;
  /** The employee's salary stop, DILAPORKAN when built (the table's steps move it on). */
  salaryStopId: string;
  /** A colleague's salary stop with a re-activation request, and one of its statements. */
  statementStopId: string;
  statementFileId: string;
  /** The ringan case waiting for the decision (PENJATUHAN), its uploaded BAP scan. */
  caseId: string;
  documentId: string;
  /** The case whose R2 was delivered (MENUNGGU_BERLAKU), and the month its sanction is served in. */
  sanctionedCaseId: string;
  activeMonth: string;
  /** A JF Ahli Muda of the unit and their designation as PyB (valid 1 Jan – 31 Mar 2026). */
  jfEmployeeId: string;
  designationId: string;
  /** Cases the pools never take (the table reads them). */
  keep: string[];
}
export type Req = InjectOptions & { url: string };
export interface Entry {
  /** Seven codes, one per role in ROLES order. */
  expect: string;
  /** `record` (default): in and out; `list`: in and out, by whether the answer names the record; `plain`: one request. */
  kind?: 'record' | 'list' | 'plain';
  /** The request of a role against the inside or outside record (`where` is 'in' for plain routes). */
  req: (x: Ctx, role: Role, where: Where) => Promise<Req> | Req;
  /**
   * An import refuses what is outside the importer's scope row by row (the file is reported, nothing is written):
   * these statuses count as a refusal too.
   */
  rowRefusal?: number[];
  /** For lists: what of the side to look for in the answer (default its employee's id). */
  mark?: (x: Ctx, where: Where) => string | string[];
}
/** Routes left to a dedicated test, with the reason. */
export type Skip = { skip: string };

/** A NIP as exports write it: raw or grouped (`formatNip`). */
export const nipForms = (x: Ctx, w: Where) => [x.side[w].employee.nip!, formatNip(x.side[w].employee.nip!)];
export const get = (url: string): Req => ({ method: 'GET', url });
export const post = (url: string, payload?: object): Req => ({
  method: 'POST',
  url,
  ...(payload ? { payload } : {}),
});
export const put = (url: string, payload: object): Req => ({ method: 'PUT', url, payload });
export const patch = (url: string, payload: object): Req => ({ method: 'PATCH', url, payload });
export const del = (url: string): Req => ({ method: 'DELETE', url });
export const MONTH = '2026-01';

/** A file upload request. */
export function upload(
  url: string,
  fields: Record<string, string>,
  file: { field?: string; name: string; content: string },
) {
  const mp = multipart(fields, {
    field: file.field ?? 'file',
    name: file.name,
    content: file.content,
    type: 'text/csv',
  });
  return { method: 'POST' as const, url, payload: mp.payload, headers: mp.headers };
}

/** Insert a row and return its id (fixtures that the API would make more slowly). */
export async function insert(x: Ctx, table: string, values: Record<string, unknown>): Promise<string> {
  const cols = Object.keys(values);
  const { rows } = await sql<{
    id: string;
  }>`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))})
    values (${sql.join(cols.map((c) => values[c]))}) returning id::text as id`.execute(x.t.db);
  return rows[0]!.id;
}

/** The n-th weekday from 1 April 2026: a distinct working-looking date for every fresh request. */
const WEEKDAYS = (() => {
  const out: string[] = [];
  for (let d = Date.UTC(2026, 3, 1); out.length < 4000; d += 86_400_000) {
    const day = new Date(d).getUTCDay();
    if (day !== 0 && day !== 6) out.push(new Date(d).toISOString().slice(0, 10));
  }
  return out;
})();
export const dayAfter = (n: number) => WEEKDAYS[n]!;

/**
 * Records for changes that use their target up (a decision, a delete): the same record serves every role until
 * an authorised request has used it, then a new one is made.
 */
async function reusable(
  x: Ctx,
  kind: string,
  w: Where,
  usable: (id: string) => Promise<boolean>,
  make: () => Promise<string>,
): Promise<string> {
  const key = `${kind}:${w}`;
  const id = x.cache.get(key);
  if (id && (await usable(id))) return id;
  const made = await make();
  x.cache.set(key, made);
  return made;
}
const exists =
  (x: Ctx, table: string, extra = sql`true`) =>
  async (id: string) =>
    (
      await sql<{
        n: number;
      }>`select count(*)::int as n from ${sql.table(table)} where id = ${id} and ${extra}`.execute(x.t.db)
    ).rows[0]!.n > 0;

export const fresh = {
  permit: (x: Ctx, w: Where) =>
    reusable(x, 'permit', w, exists(x, 'permits', sql`status = 'DIAJUKAN'`), async () => {
      const d = dayAfter(x.n());
      const res = await x.side[w].client.post('/api/permits', {
        kind: 'I',
        dateFrom: d,
        dateTo: d,
        reason: 'Keperluan keluarga',
      });
      if (res.statusCode !== 201) throw new Error(`fresh permit: ${res.body}`);
      return res.json().id as string;
    }),
  correction: (x: Ctx, w: Where) =>
    reusable(x, 'correction', w, exists(x, 'corrections', sql`status = 'DIAJUKAN'`), async () => {
      // Weekdays of January before the clock's date that no pending or approved correction holds yet.
      for (const day of [
        '2026-01-05',
        '2026-01-06',
        '2026-01-07',
        '2026-01-08',
        '2026-01-09',
        '2026-01-12',
        '2026-01-13',
      ]) {
        const res = await x.side[w].client.post('/api/corrections', {
          date: day,
          checkOut: '16:05',
          category: 'LUPA_PRESENSI',
          reason: 'Lupa presensi pulang',
          evidenceHash: x.side[w].fileHash,
        });
        if (res.statusCode === 201) return res.json().id as string;
        if (res.statusCode !== 409) throw new Error(`fresh correction: ${res.body}`);
      }
      throw new Error('fresh correction: no free day left');
    }),
  leave: (x: Ctx, w: Where) =>
    reusable(x, 'leave', w, exists(x, 'leave_requests', sql`status = 'DIAJUKAN'`), async () => {
      const d = dayAfter(30 + x.n());
      const res = await x.side[w].client.post('/api/leave/requests', {
        type: 'CT',
        from: d,
        to: d,
        reason: 'Urusan keluarga',
      });
      if (res.statusCode !== 201) throw new Error(`fresh leave: ${res.body}`);
      return res.json().id as string;
    }),
  device: (x: Ctx, w: Where) =>
    reusable(x, 'device', w, exists(x, 'devices', sql`status = 'PENDING'`), async () => {
      const res = await x.side[w].client.post('/api/attendance/devices', {
        publicKey: newPhone().jwk,
        label: `Ponsel ${x.n()}`,
        reason: 'Ganti ponsel',
      });
      if (res.statusCode !== 201) throw new Error(`fresh device: ${res.body}`);
      return res.json().id as string;
    }),
  punch: (x: Ctx, w: Where) =>
    reusable(
      x,
      'punch',
      w,
      exists(x, 'punches', sql`not exists (select 1 from punch_reviews r where r.punch_id = punches.id)`),
      () => {
        x.t.clock.advance(2 * 60_000);
        // An idempotency key has at least 8 characters, however small the counter still is.
        return flaggedPunch(x.t, x.side[w], `scope-punch-${x.n()}`);
      },
    ),
  office: (x: Ctx, w: Where) =>
    reusable(x, 'office', w, exists(x, 'offices'), () =>
      insert(x, 'offices', {
        unit_id: x.side[w].unitId,
        name: `Kantor uji ${x.n()}`,
        lat: -6.1,
        lon: 106.1,
        radius_m: 100,
      }),
    ),
  workLocation: (x: Ctx, w: Where) =>
    reusable(x, 'workLocation', w, exists(x, 'work_locations'), () =>
      insert(x, 'work_locations', {
        employee_id: x.side[w].employeeId,
        kind: 'WFH',
        label: `Rumah ${x.n()}`,
        lat: -6.2,
        lon: 106.2,
        radius_m: 100,
        valid_from: '2026-01-01',
      }),
    ),
  kiosk: (x: Ctx, w: Where) =>
    reusable(x, 'kiosk', w, exists(x, 'kiosk_sessions', sql`closed_at is null`), async () => {
      const res = await x.c.superAdmin.post('/api/attendance/kiosks', {
        unitId: x.side[w].unitId,
        label: `Kios ${x.n()}`,
      });
      if (res.statusCode !== 201) throw new Error(`fresh kiosk: ${res.body}`);
      return res.json().id as string;
    }),
  terminalUser: (x: Ctx, w: Where) =>
    reusable(x, 'terminalUser', w, exists(x, 'terminal_users'), async () => {
      const res = await x.c.superAdmin.post('/api/attendance/terminal-users', {
        terminalSerial: null,
        terminalUserId: `T${x.n()}`,
        employeeId: x.side[w].colleagueId,
      });
      if (res.statusCode !== 201) throw new Error(`fresh terminal user: ${res.body}`);
      return res.json().id as string;
    }),
  grant: (x: Ctx, w: Where) =>
    reusable(
      x,
      'grant',
      w,
      exists(x, 'role_grants'),
      async () =>
        (
          await sql<{ id: string }>`insert into role_grants (user_id, role, unit_id)
          values (${x.side[w].granteeAccountId}, 'PIMPINAN', ${x.side[w].unitId})
          on conflict (user_id, role, unit_id) do update set role = excluded.role returning id::text as id`.execute(
            x.t.db,
          )
        ).rows[0]!.id,
    ),
  employeeWithoutAccount: (x: Ctx, w: Where) =>
    reusable(
      x,
      'employeeWithoutAccount',
      w,
      exists(x, 'employees', sql`not exists (select 1 from users u where u.employee_id = employees.id)`),
      () =>
        insert(x, 'employees', {
          internal_id: `NA-SCOPE-${x.n()}`,
          name: 'Tenaga Uji',
          gender: 'L',
          employee_type: 'NON_ASN',
          unit_id: x.side[w].unitId,
          active_from: '2025-01-02',
        }),
    ),
  /**
   * An import job not committed yet: the role's own ("in") or someone else's ("out"). One per owner, until a
   * commit uses it up (a read leaves it as it was).
   */
  importJob: async (x: Ctx, role: Role, w: Where): Promise<string> => {
    const owner = w === 'in' ? x.c[role] : role === 'bkd' ? x.c.superAdmin : x.c.bkd;
    return reusable(
      x,
      `importJob:${owner.me.user.id}`,
      'in',
      exists(x, 'import_jobs', sql`committed_at is null`),
      () => newImportJob(x, role, owner),
    );
  },
  /** An export job, finished: the role's own ("in") or someone else's ("out"); one per owner (reads only). */
  exportJob: async (x: Ctx, role: Role, w: Where) => {
    const owner = w === 'in' ? x.c[role] : role === 'bkd' ? x.c.superAdmin : x.c.bkd;
    return reusable(x, `exportJob:${owner.me.user.id}`, 'in', exists(x, 'jobs'), async () => {
      const res = await owner.post('/api/employees/export-jobs?format=csv');
      if (res.statusCode !== 202) throw new Error(`export job: ${res.statusCode} ${res.body}`);
      const id = res.json().id as string;
      for (let i = 0; i < 400 && x.t.services.jobs.running() > 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      return id;
    });
  },
  /**
   * A discipline case of the side's employee for an entry that moves it on (a step, a decision, a delivery): the
   * oldest case in one of `states` (default `[state]`) of the level (any level when null), matching `extra` and not
   * kept by the world (`Ctx.disc[w].keep`), so the world's seeds and the cases earlier entries moved on are used
   * first; else a new case driven to `state` through the API (test/helpers/discipline-activity.ts).
   */
  disciplineCase: async (
    x: Ctx,
    w: Where,
    state: DriveState,
    o: { level?: 'ringan' | 'berat' | null; states?: readonly string[]; extra?: ReturnType<typeof sql> } = {},
  ): Promise<string> => {
    const d = x.disc[w];
    const level = o.level === undefined ? 'ringan' : o.level;
    const ids = await casesIn(
      x.t,
      x.side[w].employeeId,
      o.states ?? [state],
      sql<boolean>`${d.keep.length ? sql`c.id::text not in (${sql.join(d.keep)})` : sql`true`}
        and ${level ? sql`c.expected_level = ${level}` : sql`true`} and ${o.extra ?? sql`true`}`,
    );
    return ids[0] ?? driveCase(d.parties, state, level ?? 'ringan');
  },
  /** A keberatan waiting for its outcome (a case in UPAYA_ADMINISTRATIF), as `disciplineCase` finds or makes it. */
  disciplineAppeal: async (x: Ctx, w: Where): Promise<string> =>
    pendingAppealOf(
      x.t,
      await fresh.disciplineCase(x, w, 'UPAYA_ADMINISTRATIF', {
        level: null,
        extra: sql`exists (select 1 from discipline_appeals a where a.case_id = c.id and a.status = 'DIAJUKAN')`,
      }),
    ),
  /** A discipline indication of the side's employee still waiting for its superior (BARU). */
  indication: (x: Ctx, w: Where) =>
    reusable(x, 'indication', w, exists(x, 'discipline_indications', sql`status = 'BARU'`), () =>
      insertIndication(x.t, x.side[w]),
    ),
  /** A PyB designation of the side's JF without an end date. */
  designation: (x: Ctx, w: Where) =>
    reusable(x, 'designation', w, exists(x, 'discipline_pyb_designations', sql`valid_to is null`), () =>
      insert(x, 'discipline_pyb_designations', {
        employee_id: x.disc[w].jfEmployeeId,
        unit_id: x.side[w].unitId,
        levels: JSON.stringify(['ringan']),
        decree_number: `800/PYB/${x.n()}/2025`,
        valid_from: '2025-01-01',
        created_by: x.c.superAdmin.me.user.id,
      }),
    ),
};

/** A new import job of `owner` (for `fresh.importJob`). */
async function newImportJob(x: Ctx, role: Role, owner: Client): Promise<string> {
  const res = await owner.request(
    upload(
      '/api/imports',
      { kind: 'units' },
      {
        name: 'unit.csv',
        content: `kode,nama,jenis,induk,zona_waktu\nU${x.n()},Unit Uji,BIDANG,DINKES,WIB\n`,
      },
    ),
  );
  // A role that may not import has no job of its own: any job id is someone else's.
  if (res.statusCode !== 201) return fresh.importJob(x, role, 'out');
  return res.json().id as string;
}

/**
 * A notification of the role's own account ("in": about the role's own digest, which it may always open) or of
 * someone else's ("out"). Made through the notification service, as a decision would.
 */
export async function freshNotification(x: Ctx, role: Role, w: Where): Promise<string> {
  const owner = w === 'in' ? x.c[role] : role === 'bkd' ? x.c.superAdmin : x.c.bkd;
  const n = x.n();
  await x.t.services.notifications.notify(x.t.db, {
    userIds: [owner.me.user.id],
    kind: 'digest.waiting',
    title: 'Ringkasan uji',
    body: 'Uji',
    link: '/',
    entity: { type: 'digest', id: `scope-${n}` },
  });
  return (
    await x.t.db
      .selectFrom('notifications')
      .select('id')
      .where('entityId', '=', `scope-${n}`)
      .executeTakeFirstOrThrow()
  ).id;
}
/** One area's expected access: a route key (`METHOD /api/path` as in the API document) → its entry or skip. */
export type AccessTable = Record<string, Entry | Skip>;

/** What a world holds beyond the province, the two sides and their daily life (`buildScopeWorld`). */
export interface WorldOptions {
  /** The e-Kinerja records of both sides (`Ctx.kin`) and the units' performance ratings of 2026. */
  kinerja?: boolean;
  /** The discipline records of both sides (`Ctx.disc`). */
  discipline?: boolean;
}

/** `Ctx.kin` of a world built without e-Kinerja: any use names what is missing. */
const noKinerja = new Proxy({} as Ctx['kin'], {
  get: (_, k) => {
    if (k === 'in' || k === 'out')
      throw new Error('this scope world has no e-Kinerja records: buildScopeWorld({ kinerja: true })');
    return undefined;
  },
});

/** `Ctx.disc` of a world built without discipline records. */
const noDiscipline = new Proxy({} as Ctx['disc'], {
  get: (_, k) => {
    if (k === 'in' || k === 'out')
      throw new Error('this scope world has no discipline records: buildScopeWorld({ discipline: true })');
    return undefined;
  },
});

/**
 * A fresh app and database with the world of the scope tests (top of this file): the small province with the
 * rulebooks, the sides' daily life (test/helpers/activity.ts) and the month's statuses, the seven roles signed in,
 * the colleagues of each side; with `kinerja`, the e-Kinerja records of both sides too.
 */
export async function buildScopeWorld(opts: WorldOptions = {}): Promise<Ctx> {
  const t = await createTestApp({
    demo: false,
    env: { LOGIN_RATE_PER_MINUTE: '10000', SESSION_IDLE_MINUTES: '1440' },
  });
  let counter = 0;
  const f = factories(t);
  const p = await smallProvince(f);
  await f.rulebooks();
  const activity = (s: ServiceUnit) =>
    sideActivity(t, {
      employee: s.employee,
      login: s.employee.login,
      superiorLogin: s.head.login,
      employeeId: s.employee.id,
      unitId: s.unit.id,
      superiorId: s.head.id,
    });
  const sides = { inside: await activity(p.dinkes.service), outside: await activity(p.bapenda.service) };
  // The month's statuses and recap rows of both employees, stored as the worker would (a read stores nothing).
  for (const s of [sides.inside, sides.outside])
    await t.services.statuses.ensureRange(s.employeeId, `${MONTH}-01`, '2026-01-14');
  const c: Record<Role, Client> = {
    superAdmin: await login(t.app, 'admin'),
    bkd: await login(t.app, p.bkd.login),
    inspektorat: await login(t.app, p.inspektorat.login),
    pimpinan: await login(t.app, p.dinkes.head.login),
    adminOpd: await login(t.app, p.adminDinkes.login),
    atasan: sides.inside.superior,
    pegawai: sides.inside.client,
  };
  const cache = new Map<string, string>();
  const withColleague = async (s: Side, unit: ServiceUnit, opdUnitId: string) => {
    // Two colleagues with plain accounts: one for account changes, one to receive and lose role grants.
    const [colleague, grantee] = unit.colleagues;
    // A terminal id mapped to the colleague, for the mapping list.
    await insert({ t, cache } as Ctx, 'terminal_users', {
      terminal_serial: null,
      terminal_user_id: `SEED-${unit.unit.code}`,
      employee_id: colleague!.id,
    });
    return {
      ...s,
      colleagueId: colleague!.id,
      colleagueAccountId: colleague!.account.userId,
      granteeAccountId: grantee!.account.userId,
      opdUnitId,
    };
  };
  const x: Ctx = {
    t,
    c,
    side: {
      in: await withColleague(sides.inside, p.dinkes.service, p.dinkes.unit.id),
      out: await withColleague(sides.outside, p.bapenda.service, p.bapenda.unit.id),
    },
    n: () => ++counter,
    cache,
    kin: noKinerja,
    disc: noDiscipline,
  };
  if (opts.discipline) x.disc = await disciplineWorld(x, f, p);
  if (!opts.kinerja) return x;
  // e-Kinerja of both sides: the head's superior approves the head's SKP and decides on the annual evaluation.
  const kinerja = async (s: Side, opd: { head: { login: string } }, unit: ServiceUnit) => {
    const [colleague, grantee] = unit.colleagues;
    const k = await kinerjaActivity({
      employee: s.client,
      colleague: await login(t.app, colleague!.login),
      head: s.superior,
      headOfHead: opd.head.login === p.dinkes.head.login ? c.pimpinan : await login(t.app, opd.head.login),
    });
    const periods = await s.superior.get(`/api/kinerja/evaluations/periods?skpId=${k.skpId}`);
    const next = (periods.json().items as { kind: string; periodStart: string; evaluation: unknown }[]).find(
      (i) => i.kind === 'PERIODIK' && !i.evaluation,
    )!;
    return { ...k, nextPeriod: next.periodStart, importNip: grantee!.nip! };
  };
  x.kin = {
    in: await kinerja(sides.inside, p.dinkes, p.dinkes.service),
    out: await kinerja(sides.outside, p.bapenda, p.bapenda.service),
  };
  for (const w of ['in', 'out'] as const) {
    const res = await c.superAdmin.request(
      put('/api/kinerja/unit-performance', {
        unitId: x.side[w].unitId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        rating: 'BAIK',
      }),
    );
    if (res.statusCode !== 200) throw new Error(`unit performance: ${res.body}`);
  }
  return x;
}

/**
 * The discipline records of both sides (`Ctx.disc`), through the API as the officials would: the superiors open and
 * examine, BKD verifies and records the team SK, the finance role (admin OPD of Dinkes; BKD for Bapenda) stops.
 */
async function disciplineWorld(
  x: Ctx,
  f: ReturnType<typeof factories>,
  p: SmallProvince,
): Promise<Ctx['disc']> {
  const { t, c } = x;
  const team = { inspektoratId: c.inspektorat.me.user.employeeId!, bkdId: c.bkd.me.user.employeeId! };
  const finance = { in: c.adminOpd, out: c.bkd };
  const units = { in: p.dinkes.service, out: p.bapenda.service };
  const disc = {} as Ctx['disc'];
  for (const w of ['in', 'out'] as const) {
    const s = x.side[w];
    const parties: DisciplineParties = {
      t,
      employeeId: s.employeeId,
      superiorId: s.superiorId,
      examinee: s.client,
      superior: s.superior,
      manager: c.bkd,
      team,
    };
    const officials = { superior: s.superior, manager: c.bkd, finance: finance[w] };
    const indicationId = await insertIndication(t, s);
    const consecutiveId = await insertIndication(t, s, 'consecutive');
    const salaryStopId = await driveSalaryStop(officials, consecutiveId, 'DILAPORKAN');
    const statementStopId = await driveSalaryStop(
      officials,
      await insertIndication(t, { employeeId: s.colleagueId }, 'consecutive'),
      'PENGAKTIFAN_DIAJUKAN',
    );
    const re = (
      await t.db
        .selectFrom('disciplineSalaryStops')
        .select('reactivation')
        .where('id', '=', statementStopId)
        .executeTakeFirstOrThrow()
    ).reactivation as unknown as { employeeStatement: { fileId: string } };
    // Seeds of the pools (`fresh.disciplineCase`), then the cases the table reads.
    for (const state of ['TELAAH', 'PEMANGGILAN', 'PANGGILAN_I', 'PEMERIKSAAN', 'PENYAMPAIAN'] as const)
      await driveCase(parties, state);
    const caseId = await driveCase(parties, 'PENJATUHAN');
    const documentId = await uploadCaseDocument(s.superior, caseId, 'BAP', `bap ${w}`);
    const sanctionedCaseId = await driveCase(parties, 'MENUNGGU_BERLAKU');
    const sanction = await t.db
      .selectFrom('disciplineSanctions')
      .select(['startsOn', 'effectiveOn'])
      .where('caseId', '=', sanctionedCaseId)
      .executeTakeFirstOrThrow();
    const unit = units[w].unit;
    const jf = await f.employee({
      unit,
      name: `Analis Ahli Muda ${unit.name}`,
      position: await f.position({ unit, kind: 'JF_AHLI_MUDA', kelasJabatan: 9, name: 'Analis Ahli Muda' }),
      superior: units[w].head,
    });
    const designation = await c.superAdmin.post('/api/discipline/designations', {
      employeeId: jf.id,
      unitId: s.unitId,
      levels: ['ringan'],
      decreeNumber: `800/PYB/${w}/2026`,
      validFrom: '2026-01-01',
      validTo: '2026-03-31',
    });
    if (designation.statusCode !== 201) throw new Error(`designation: ${designation.body}`);
    disc[w] = {
      parties,
      indicationId,
      consecutiveId,
      salaryStopId,
      statementStopId,
      statementFileId: re.employeeStatement.fileId,
      caseId,
      documentId,
      sanctionedCaseId,
      activeMonth: (sanction.startsOn ?? sanction.effectiveOn)!.slice(0, 7),
      jfEmployeeId: jf.id,
      designationId: designation.json().id as string,
      keep: [caseId, sanctionedCaseId],
    };
  }
  return disc;
}

/**
 * Sends every request of `table` for the routes of `routes` (the API document's keys, in its order; a route
 * without an entry here is another table's), each role on the inside and the outside record, and returns what
 * differs from the table: a wrong answer, a list that leaks or misses, a refusal that wrote something (compared
 * with the database as of the last write, as in the fuzz test), a 401 or a 5xx.
 */
export async function checkAccess(x: Ctx, table: AccessTable, routes: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  /** The database as of the last write (horizon → fingerprint). */
  let known: { xid: string; fp: Record<string, string> } | null = null;
  const horizon = async () =>
    (await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(x.t.db))
      .rows[0]!.x;
  for (const key of routes) {
    const entry = table[key];
    if (!entry || 'skip' in entry) continue;
    const kind = entry.kind ?? 'record';
    for (const [i, role] of ROLES.entries()) {
      const code = entry.expect[i] as Code;
      const wheres: Where[] = kind === 'plain' ? ['in'] : ['in', 'out'];
      for (const where of wheres) {
        const request = await entry.req(x, role, where);
        for (let k = 0; k < 600 && x.t.services.jobs.running() > 0; k++)
          await new Promise((r) => setTimeout(r, 20));
        const x0 = await horizon();
        if (!known || known.xid !== x0) known = { xid: x0, fp: await dbFingerprint(x.t.db) };
        const res = await x.c[role].request(request);
        const status = res.statusCode;
        const said = `${key} as ${role} on ${where} → ${status} ${res.body.slice(0, 160)}`;
        if (status >= 500 || status === 401) {
          problems.push(`unexpected ${said}`);
          continue;
        }
        const refused = status === 403 || status === 404 || (entry.rowRefusal?.includes(status) ?? false);
        let want: 'allow' | 'deny' | 'listed' | 'unlisted';
        if (kind === 'list') {
          want =
            code === 'D' ? 'deny' : code === 'A' || (code === 'I' && where === 'in') ? 'listed' : 'unlisted';
        } else want = code === 'A' || (code === 'I' && where === 'in') ? 'allow' : 'deny';
        if (want === 'deny') {
          if (!refused) problems.push(`should refuse: ${said}`);
          else if ((await horizon()) !== x0) {
            const changed = changedTables(known.fp, await dbFingerprint(x.t.db)).filter(
              (t) => t !== 'sessions',
            );
            if (changed.length) problems.push(`refused but wrote ${changed.join(', ')}: ${said}`);
          }
        } else if (want === 'allow') {
          if (refused || (request.method === 'GET' && status >= 300)) problems.push(`should allow: ${said}`);
        } else {
          if (status !== 200) problems.push(`should answer the list: ${said}`);
          else {
            const mark = (entry.mark ?? ((c, w) => c.side[w].employeeId))(x, where);
            const listed = [mark].flat().some((m) => res.body.includes(m));
            if (listed !== (want === 'listed'))
              problems.push(`${want === 'listed' ? 'missing' : 'leaks'} ${where}: ${said}`);
          }
        }
      }
    }
  }
  return problems;
}

/**
 * The test of one area (a scope-*.test.ts file): a world of its own (`world`), then every route of the API
 * document that `table` names, as `checkAccess` does. A table without an entry to check yet builds nothing and
 * its test is skipped, saying so.
 */
export function scopeSuite(area: string, table: AccessTable, world: WorldOptions = {}): void {
  const entries = Object.values(table).filter((e) => !('skip' in e)).length;
  describe(`scope, ${area}: every route × role × a record inside and outside the role’s scope`, () => {
    let x: Ctx | undefined;
    let routes: string[] = [];
    beforeAll(async () => {
      if (entries === 0) return;
      x = await buildScopeWorld(world);
      routes = apiRoutes(x.t.app).map((r) => r.key);
    }, 180_000);
    afterAll(() => x?.t.close());

    it.skipIf(entries === 0)(
      `answers every role as the table says, and a refusal changes nothing${entries === 0 ? ' (no entries in the table yet)' : ''}`,
      async () => {
        const problems = await checkAccess(x!, table, routes);
        if (problems.length) console.error(problems.join('\n'));
        expect(problems).toEqual([]);
      },
      600_000,
    );
  });
}
