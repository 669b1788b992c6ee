import { randomUUID } from 'node:crypto';
import type { Db } from '../database.ts';
import type { AuditService } from '../../modules/audit/audit-service.ts';
import { hashPassword } from '../../auth/password.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { generateDemoData, type DemoData } from './demo-data.ts';
import { DEMO_GO_LIVE_WITHOUT_HISTORY, historyWindow } from './demo-history.ts';
import { loadDemoHistory, type DemoHistoryOptions, type DemoHistorySummary } from './load-history.ts';
import { loadDemoKinerja } from './load-kinerja.ts';
import { loadDemoDiscipline } from './load-discipline.ts';
import { loadDemoCompetency } from './load-competency.ts';
import { demoBankAccount, demoBudget, demoGajiPokok } from './demo-pay.ts';

/**
 * The demo password of every demo account (README). Public by construction: the password policy refuses it and
 * its variants (PROJECT_DEFAULT_PASSWORDS), and a production server refuses to start while an account has it.
 */
export const DEMO_PASSWORD = 'abdi-demo';

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Options of {@link loadDemoData}. */
export interface LoadDemoOptions {
  /**
   * Also load the last three months of history up to `until` (the server's clock), through the real services
   * (`load-history.ts`). Needs the rulebooks loaded first. Without it the province has no activity at all, and
   * its units went live on {@link DEMO_GO_LIVE_WITHOUT_HISTORY} (tests keep their empty, fast province).
   */
  history?: DemoHistoryOptions;
  /** The units' go-live date without history (default {@link DEMO_GO_LIVE_WITHOUT_HISTORY}). */
  goLive?: string;
}

/**
 * Load the deterministic demo province into an empty database, in one transaction: units (with paths and their
 * go-live date), offices, positions, employees with placement history and Plt/Plh, one account per employee
 * (login by NIP, or by the internal number for non-ASN) and `admin` (super admin). Demo accounts need no
 * password change; each carries users.is_demo ("the password is still the demo password", cleared when it is
 * set again), which makes a production server refuse to start (src/server/auth/production-check.ts).
 * With `history`, the history follows (its go-live is its first day).
 */
export async function loadDemoData(
  db: Db,
  audit: Pick<AuditService, 'record'>,
  data: DemoData = generateDemoData(),
  options: LoadDemoOptions = {},
): Promise<{ units: number; employees: number; history?: DemoHistorySummary }> {
  const goLive = options.history
    ? historyWindow(options.history.until.getTime()).start
    : (options.goLive ?? DEMO_GO_LIVE_WITHOUT_HISTORY);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const unitIds = new Map<string, { id: string; path: string }>();
  const pending = [...data.units];
  const unitRows: {
    id: string;
    code: string;
    name: string;
    kind: string;
    parentId: string | null;
    timeZone: string;
    address: string | null;
    path: string;
    attendanceStart: string;
  }[] = [];
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length; i++) {
      const u = pending[i]!;
      const parent = u.parentCode ? unitIds.get(u.parentCode) : undefined;
      if (u.parentCode && !parent) continue;
      pending.splice(i--, 1);
      const id = randomUUID();
      const path = `${parent?.path ?? '/'}${id}/`;
      unitIds.set(u.code, { id, path });
      unitRows.push({
        id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        parentId: parent?.id ?? null,
        timeZone: u.timeZone,
        address: u.address ?? null,
        path,
        attendanceStart: goLive,
      });
    }
    if (pending.length === before)
      throw new Error(`Demo data: units without a parent: ${pending.map((u) => u.code).join(', ')}`);
  }
  const positionIds = new Map(data.positions.map((p) => [p.code, randomUUID()]));
  const keyOf = (e: { nip: string | null; internalId?: string | undefined }) =>
    e.nip ?? `internal:${e.internalId}`;
  const employeeIds = new Map(data.employees.map((e) => [keyOf(e), randomUUID()]));
  const idOfNip = (nip: string | null) => (nip ? (employeeIds.get(nip) ?? null) : null);

  await db.transaction().execute(async (trx) => {
    for (const c of chunks(unitRows, 200)) await trx.insertInto('units').values(c).execute();
    const offices = data.units.flatMap((u) =>
      u.offices.map((o) => ({ unitId: unitIds.get(u.code)!.id, ...o })),
    );
    for (const c of chunks(offices, 200)) await trx.insertInto('offices').values(c).execute();
    const positions = data.positions.map((p) => ({
      id: positionIds.get(p.code)!,
      code: p.code,
      name: p.name,
      kind: p.kind,
      kelasJabatan: p.kelasJabatan,
      unitId: unitIds.get(p.unitCode)!.id,
      isHead: p.isHead,
    }));
    for (const c of chunks(positions, 200)) await trx.insertInto('positions').values(c).execute();
    const employees = data.employees.map((e) => ({
      id: employeeIds.get(keyOf(e))!,
      nip: e.nip,
      internalId: e.internalId ?? null,
      frontTitle: e.frontTitle ?? null,
      name: e.name,
      backTitle: e.backTitle ?? null,
      gender: e.gender,
      birthDate: e.birthDate,
      employeeType: e.employeeType,
      golongan: e.golongan,
      education: e.education,
      email: e.email ?? null,
      phone: e.phone ?? null,
      unitId: unitIds.get(e.unitCode)!.id,
      positionId: positionIds.get(e.positionCode) ?? null,
      superiorId: null as string | null,
      activeFrom: e.activeFrom,
      activeTo: null,
    }));
    for (const c of chunks(employees, 200)) await trx.insertInto('employees').values(c).execute();
    for (const e of data.employees) {
      const sup = idOfNip(e.superiorNip);
      if (sup)
        await trx
          .updateTable('employees')
          .set({ superiorId: sup })
          .where('id', '=', employeeIds.get(keyOf(e))!)
          .execute();
    }
    const supByKey = new Map(data.employees.map((e) => [keyOf(e), idOfNip(e.superiorNip)]));
    const placements = data.placementHistory.map((p) => ({
      employeeId: employeeIds.get(keyOf(p))!,
      unitId: unitIds.get(p.unitCode)!.id,
      positionId: positionIds.get(p.positionCode) ?? null,
      superiorId: p.to === null ? (supByKey.get(keyOf(p)) ?? null) : null,
      validFrom: p.from,
      validTo: p.to,
      decree: p.decree ?? null,
    }));
    for (const c of chunks(placements, 200)) await trx.insertInto('placements').values(c).execute();
    const acting = data.actingAssignments.map((a) => ({
      employeeId: employeeIds.get(a.nip)!,
      positionId: positionIds.get(a.positionCode)!,
      kind: a.kind,
      validFrom: a.from,
      validTo: a.to,
      reason: a.reason,
    }));
    if (acting.length) await trx.insertInto('actingAssignments').values(acting).execute();

    const adminId = randomUUID();
    const users = [
      {
        id: adminId,
        username: 'admin',
        employeeId: null as string | null,
        displayName: 'Administrator Sistem',
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
      },
      ...data.employees.map((e) => ({
        id: randomUUID(),
        username: (e.nip ?? e.internalId ?? '').toLowerCase(),
        employeeId: employeeIds.get(keyOf(e))!,
        displayName: formatFullName({ frontTitle: e.frontTitle, name: e.name, backTitle: e.backTitle }),
        passwordHash,
        mustChangePassword: false,
        isDemo: true,
      })),
    ];
    for (const c of chunks(users, 200)) await trx.insertInto('users').values(c).execute();
    const userByEmployee = new Map(users.filter((u) => u.employeeId).map((u) => [u.employeeId!, u.id]));
    const grants = [
      { userId: adminId, role: 'SUPER_ADMIN', unitId: null as string | null },
      ...data.roleGrants.map((g) => {
        const emp = data.employees.find((e) => (g.nip ? e.nip === g.nip : e.internalId === g.username))!;
        return {
          userId: userByEmployee.get(employeeIds.get(keyOf(emp))!)!,
          role: g.role,
          unitId: unitIds.get(g.unitCode)!.id,
        };
      }),
    ];
    await trx.insertInto('roleGrants').values(grants).execute();
    // Pay data for TPP (illustrations: demo-pay.ts): gaji pokok from the service start, a bank account each, and
    // a pagu per OPD for the go-live year and the next.
    const salaries = data.employees.map((e) => ({
      employeeId: employeeIds.get(keyOf(e))!,
      validFrom: e.activeFrom,
      gajiPokok: demoGajiPokok(e),
      reference: 'Data contoh (PP 15/2019 / Perpres 98/2020, masa kerja 0)',
      recordedBy: adminId,
    }));
    for (const c of chunks(salaries, 200)) await trx.insertInto('employeeSalaries').values(c).execute();
    const accounts = data.employees.map((e) => ({
      employeeId: employeeIds.get(keyOf(e))!,
      ...demoBankAccount(e),
      npwp: null,
      updatedBy: adminId,
    }));
    for (const c of chunks(accounts, 200)) await trx.insertInto('employeeBankAccounts').values(c).execute();
    const year = Number(goLive.slice(0, 4));
    const budgets = data.units
      .filter((u) => u.kind === 'OPD')
      .flatMap((u) => {
        const path = unitIds.get(u.code)!.path;
        const staff = data.employees.filter((e) => unitIds.get(e.unitCode)!.path.startsWith(path)).length;
        return [year, year + 1].map((y) => ({
          unitId: unitIds.get(u.code)!.id,
          year: y,
          amount: demoBudget(staff),
          reference: `DPA-${u.code}-${y} (contoh)`,
          updatedBy: adminId,
        }));
      });
    if (budgets.length) await trx.insertInto('tppBudgets').values(budgets).execute();
    await audit.record(
      trx,
      { actorId: null, actorName: 'Sistem', ip: null, userAgent: null },
      {
        action: 'demo.seeded',
        entityType: 'system',
        after: {
          units: unitRows.length,
          positions: positions.length,
          employees: employees.length,
          users: users.length,
        },
      },
    );
  });
  const loaded = { units: unitRows.length, employees: data.employees.length };
  if (!options.history) return loaded;
  const history = await loadDemoHistory(db, data, options.history);
  // e-Kinerja (issue 15): approved SKP with the cascade, recent daily reports, one approved evaluation.
  await loadDemoKinerja(db, data, { today: history.today, config: options.history.config });
  // Discipline (issue 16): cases in several states across the province, run through the discipline services.
  await loadDemoDiscipline(db, data, {
    until: options.history.until,
    today: history.today,
    config: options.history.config,
  });
  // Competency (issue 19): a catalogue, assessment results, this year's training records, OPD budgets.
  await loadDemoCompetency(db, { today: history.today, config: options.history.config });
  return { ...loaded, history };
}
