import { randomUUID } from 'node:crypto';
import type { Services } from '../../src/server/app.ts';
import type { Db } from '../../src/server/db/database.ts';
import { DEMO_GO_LIVE_WITHOUT_HISTORY } from '../../src/server/db/seeds/demo-history.ts';
import { DEMO_PASSWORD } from '../../src/server/db/seeds/load-demo.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { DayStatusRow } from '../../src/server/modules/statuses/status-repo.ts';
import { composeNip } from '../../src/core/people/nip.ts';
import type { EMPLOYEE_TYPES } from '../../src/core/people/employee-types.ts';
import type { GrantBody } from '../../src/shared/api/accounts.ts';
import type { POSITION_KINDS, TIME_ZONES, UNIT_KINDS } from '../../src/shared/api/org.ts';
import { seedDayStatuses } from '../helpers/day-statuses.ts';

/*
 * Test factories: just the units, positions, employees, accounts, role grants, day statuses and punches a test
 * needs, on the test's real database and through the real services (org, accounts, terminal import), so every
 * row is what the application itself would have written (placements, audit entries, paths, user names). Where
 * no service writes a thing (positions: only the demo loader and migrations do) the factory inserts the row
 * itself, as the demo loader does. Use instead of the whole demo province when a test needs a handful of people
 * (`createTestApp({ demo: false })`, then):
 *
 *   const f = factories(t);                       // t: a TestApp (or any { db, services })
 *   const dinkes = await f.unit({ code: 'DINKES', kind: 'OPD', parent: await f.unit({ code: 'PEMPROV' }) });
 *   const head = await f.employee({ unit: dinkes, position: await f.position({ unit: dinkes, isHead: true }) });
 *   const staff = await f.employee({ unit: dinkes, superior: head });
 *   await f.account(staff);                       // then `login(t.app, staff.login)` (the demo password)
 *   await f.grant(await f.account(head), 'PIMPINAN', dinkes);
 *
 * A ready-made small world: `smallProvince(f)` (./province.ts), the demo province in miniature.
 *
 * The builders act as the `admin` super admin (created on first use through `accounts.bootstrapSuperAdmin`, with
 * the demo password, as in the demo province), so their audit entries name an actor like any other change.
 */

type Actor = Parameters<Services['org']['createUnit']>[0];
type UnitKind = (typeof UNIT_KINDS)[number];
type TimeZone = (typeof TIME_ZONES)[number];
type PositionKind = (typeof POSITION_KINDS)[number];
type EmployeeType = (typeof EMPLOYEE_TYPES)[number];
export type GrantRole = GrantBody['role'];

/** What the factories need: a database and the services built on it (a TestApp has both). */
export interface FactoryTarget {
  db: Db;
  services: Pick<Services, 'org' | 'accounts' | 'terminal' | 'rulebooks'>;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  path: string;
  timeZone: TimeZone;
}
export interface PositionRef {
  id: string;
  code: string;
  unitId: string;
  isHead: boolean;
}
export interface EmployeeRef {
  id: string;
  nip: string | null;
  internalId: string | null;
  name: string;
  unitId: string;
  positionId: string | null;
  superiorId: string | null;
  /** What the employee signs in with once they have an account: the NIP, or the internal number. */
  login: string;
}
export interface AccountRef {
  userId: string;
  /** User name (the NIP or internal number in lower case, or `admin`). */
  username: string;
  employeeId: string | null;
  /** The password: the demo password, as for every demo account (`login(app, username)` uses it by default). */
  password: string;
}

/** The demo password's hash, computed once per test process (argon2 is slow on purpose). */
let demoHash: Promise<string> | null = null;
const passwordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

export interface Factories {
  /** The `admin` super admin account and the actor the builders use (created on first use). */
  admin(): Promise<AccountRef & { actor: Actor }>;
  /**
   * A unit (org service `createUnit`), under `parent` (default: a top-level unit), with one office of a 100 m
   * circle unless `office: false`. Live since {@link DEMO_GO_LIVE_WITHOUT_HISTORY}, as the demo province.
   */
  unit(input: {
    code: string;
    name?: string;
    kind?: UnitKind;
    parent?: UnitRef | null;
    timeZone?: TimeZone;
    address?: string | null;
    attendanceStart?: string;
    office?: { lat: number; lon: number; radiusM?: number } | false;
  }): Promise<UnitRef>;
  /** A position of a unit (no service writes positions: inserted as the demo loader does). */
  position(input: {
    unit: UnitRef;
    code?: string;
    name?: string;
    kind?: PositionKind;
    kelasJabatan?: number;
    isHead?: boolean;
  }): Promise<PositionRef>;
  /**
   * An employee (org service `createEmployee`: the row, its first placement and the audit entry). A PNS with a
   * valid generated NIP unless `nip` or a non-ASN `employeeType` (then an internal number) is given.
   */
  employee(input: {
    unit: UnitRef;
    name?: string;
    nip?: string | null;
    internalId?: string | null;
    gender?: 'L' | 'P';
    birthDate?: string;
    employeeType?: EmployeeType;
    golongan?: string | null;
    position?: PositionRef | null;
    superior?: EmployeeRef | null;
    activeFrom?: string;
    activeTo?: string | null;
  }): Promise<EmployeeRef>;
  /**
   * The employee's account (accounts service `createForEmployee`), then given the demo password without the
   * first-sign-in change, as the demo accounts are.
   */
  account(employee: EmployeeRef): Promise<AccountRef>;
  /** A role over a unit (`null`: the whole organisation), through the accounts service `addGrant`. */
  grant(account: AccountRef, role: GrantRole, unit: UnitRef | null): Promise<void>;
  /** The repository's rulebooks, as the server loads them on start (punches and statuses need them). */
  rulebooks(): Promise<void>;
  /**
   * Day statuses as the status service stores them (month rows), one per date: `code` (default 'H') and the
   * rest of the row defaulted to an ordinary day in the employee's unit.
   */
  dayStatuses(
    employee: EmployeeRef,
    days: (Partial<DayStatusRow> & { localDate: string })[],
    storedAt?: Date,
  ): Promise<void>;
  /**
   * Terminal punches through the terminal import (the web upload's service): each `at` is the terminal's
   * wall-clock time `YYYY-MM-DD HH:mm:ss` in the employee's unit zone. Needs the rulebooks loaded.
   */
  punches(
    employee: EmployeeRef,
    punches: { at: string; kind?: 'IN' | 'OUT' }[],
    opts?: { serial?: string },
  ): Promise<{ imported: number }>;
}

/**
 * Builders over one database; each call writes at once. Generated numbers (NIP sequences, internal numbers,
 * position codes) are unique per instance: use one instance per database.
 */
export function factories(t: FactoryTarget): Factories {
  const { db, services } = t;
  let seq = 0;
  const next = () => ++seq;
  let adminRef: Promise<AccountRef & { actor: Actor }> | null = null;

  async function makeAdmin(): Promise<AccountRef & { actor: Actor }> {
    let user = await db
      .selectFrom('users')
      .select(['id', 'username', 'displayName'])
      .where('username', '=', 'admin')
      .executeTakeFirst();
    if (!user) {
      await services.accounts.bootstrapSuperAdmin({
        username: 'admin',
        displayName: 'Administrator Sistem',
        reset: false,
      });
      user = await db
        .selectFrom('users')
        .select(['id', 'username', 'displayName'])
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      await usePassword(user.id);
    }
    // The actor a session of this account resolves to (as scripts/cli-db.ts builds the tools' system actor).
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      employeeId: null,
      nip: null,
      grants: [{ role: 'SUPER_ADMIN', unitId: null, unitName: null, unitPath: null }],
      isAtasan: false,
      mustChangePassword: false,
      ip: null,
      userAgent: 'abdi-test/factories',
    };
    return { userId: user.id, username: user.username, employeeId: null, password: DEMO_PASSWORD, actor };
  }
  const admin = () => (adminRef ??= makeAdmin());
  const actor = async () => (await admin()).actor;

  /** The demo password, no first-sign-in change: what the demo loader writes for every demo account. */
  async function usePassword(userId: string) {
    await db
      .updateTable('users')
      .set({ passwordHash: await passwordHash(), mustChangePassword: false, isDemo: true })
      .where('id', '=', userId)
      .execute();
  }

  return {
    admin,

    async unit(input) {
      const n = next();
      const unit = await services.org.createUnit(await actor(), {
        code: input.code,
        name: input.name ?? `Unit Uji ${input.code}`,
        kind: input.kind ?? (input.parent ? 'BIDANG' : 'INSTANSI'),
        parentId: input.parent?.id ?? null,
        timeZone: input.timeZone ?? input.parent?.timeZone ?? 'Asia/Jakarta',
        address: input.address ?? null,
        attendanceStart: input.attendanceStart ?? DEMO_GO_LIVE_WITHOUT_HISTORY,
      });
      if (input.office !== false) {
        const o = input.office ?? { lat: -6.12 - n / 1000, lon: 106.15 + n / 1000 };
        await services.org.addOffice(await actor(), unit.id, {
          name: `Kantor ${unit.name}`,
          lat: o.lat,
          lon: o.lon,
          radiusM: o.radiusM ?? 100,
        });
      }
      const row = await db
        .selectFrom('units')
        .select(['id', 'code', 'name', 'path', 'timeZone'])
        .where('id', '=', unit.id)
        .executeTakeFirstOrThrow();
      return { ...row, timeZone: row.timeZone as TimeZone };
    },

    async position(input) {
      const n = next();
      const isHead = input.isHead ?? false;
      const row = {
        id: randomUUID(),
        code: input.code ?? `${input.unit.code}:${isHead ? 'KEPALA' : `STAF-${n}`}`,
        name: input.name ?? (isHead ? `Kepala ${input.unit.name}` : `Staf ${input.unit.name}`),
        kind: input.kind ?? (isHead ? 'ADMINISTRATOR' : 'PELAKSANA'),
        kelasJabatan: input.kelasJabatan ?? (isHead ? 12 : 6),
        unitId: input.unit.id,
        isHead,
      };
      await db.insertInto('positions').values(row).execute();
      return { id: row.id, code: row.code, unitId: row.unitId, isHead };
    },

    async employee(input) {
      const n = next();
      const type = input.employeeType ?? 'PNS';
      const gender = input.gender ?? (n % 2 ? 'L' : 'P');
      const birthDate = input.birthDate ?? `19${65 + (n % 20)}-0${1 + (n % 9)}-1${n % 10}`;
      const asn = type !== 'NON_ASN';
      const pppk = type === 'PPPK' || type === 'PPPK_PARUH_WAKTU';
      const nip =
        input.nip !== undefined
          ? input.nip
          : asn
            ? composeNip(
                pppk
                  ? { birthDate, gender, layout: 'PPPK', appointmentYear: 2022, sequence: n % 1000 || 1 }
                  : { birthDate, gender, appointmentMonth: '2005-03', sequence: n % 1000 || 1 },
              )
            : null;
      const internalId = input.internalId !== undefined ? input.internalId : nip ? null : `UJI-${n}`;
      const created = await services.org.createEmployee(await actor(), {
        nip,
        internalId,
        name: input.name ?? `Pegawai Uji ${n}`,
        gender,
        birthDate,
        employeeType: type,
        golongan: input.golongan !== undefined ? input.golongan : pppk ? 'IX' : asn ? 'III/a' : null,
        unitId: input.unit.id,
        positionId: input.position?.id ?? null,
        superiorId: input.superior?.id ?? null,
        activeFrom: input.activeFrom ?? '2015-01-02',
        activeTo: input.activeTo ?? null,
      });
      const row = await db
        .selectFrom('employees')
        .select(['id', 'nip', 'internalId', 'name', 'unitId', 'positionId', 'superiorId'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      return { ...row, login: (row.nip ?? row.internalId)! };
    },

    async account(employee) {
      const { account } = await services.accounts.createForEmployee(await actor(), employee.id);
      await usePassword(account.id);
      return {
        userId: account.id,
        username: account.username,
        employeeId: employee.id,
        password: DEMO_PASSWORD,
      };
    },

    async grant(account, role, unit) {
      await services.accounts.addGrant(await actor(), account.userId, { role, unitId: unit?.id ?? null });
    },

    async rulebooks() {
      await services.rulebooks.syncRepoRulebooks();
    },

    async dayStatuses(employee, days, storedAt = new Date('2026-02-01T00:00:00Z')) {
      await seedDayStatuses(
        db,
        days.map((d) => ({
          employeeId: employee.id,
          unitId: employee.unitId,
          code: 'H',
          lateBand: null,
          earlyBand: null,
          lateMinutes: 0,
          earlyMinutes: 0,
          missingCheckIn: false,
          missingCheckOut: false,
          workLocation: null,
          nonWorkingDay: false,
          reasons: [],
          rulebookId: 'national',
          ...d,
        })),
        storedAt,
      );
    },

    async punches(employee, punches, opts = {}) {
      const serial = opts.serial ?? 'SN-UJI';
      const terminalUserId = `F${next()}`;
      await services.terminal.createUser(await actor(), {
        terminalSerial: serial,
        terminalUserId,
        employeeId: employee.id,
      });
      // ZKTeco attlog lines: id, time, status (0 check-in, 1 check-out), verify mode, work code, reserved.
      const log = punches
        .map((p) => `${terminalUserId.padStart(9)}\t${p.at}\t${p.kind === 'OUT' ? 1 : 0}\t1\t0\t0`)
        .join('\n');
      const result = await services.terminal.importLog(await actor(), {
        fileName: 'attlog.dat',
        buf: Buffer.from(`${log}\n`),
        serial,
        unitId: null,
        dryRun: false,
      });
      return { imported: result.imported };
    },
  };
}
