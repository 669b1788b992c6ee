import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { unitScopeCondition, type Actor } from '../../auth/authz.ts';
import { forbidden } from '../../errors.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { TppContext } from './tpp-context.ts';
import {
  employeeFor,
  fullName,
  idIn,
  likeOf,
  readerScope,
  todayOf,
  userNames,
  type EmployeeTarget,
} from './inputs-common.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import type {
  BankAccountSet,
  EmployeePay,
  PayList,
  PayListParams,
  SalaryAdd,
} from '../../../shared/api/tpp-inputs.ts';

/** The account TPP is transferred to, as the run reads it. */
export interface BankAccount {
  bankName: string;
  accountNumber: string;
  accountHolder: string;
  npwp: string | null;
}

/** Where a pay change came from (audited with it). */
export type PaySource = { kind: 'FORM' } | { kind: 'XLSX'; fileName: string; importId: string };

/**
 * Pay data of an employee for TPP (issue 17 point 1; regulations.md §5.1: BPJS on gaji + TPP up to a ceiling, the
 * transfer to the employee's account, tax with the NPWP): the gaji pokok history (an entry valid from a date; the
 * same date again corrects it) and the bank account. Recorded by tpp.run over the employee's unit (admin OPD of her
 * OPD, BKD), by hand or imported (inputs-pay-import.ts); read by the employee herself and TPP readers over her
 * unit (not by her superior: pay data are personal).
 */
export function createPaySection(ctx: TppContext) {
  const { db, audit, clock } = ctx;

  async function present(exec: Exec, e: EmployeeTarget, canEdit: boolean): Promise<EmployeePay> {
    const [salaries, bank] = await Promise.all([
      exec
        .selectFrom('employeeSalaries')
        .select(['id', 'validFrom', 'gajiPokok', 'reference', 'recordedBy', 'recordedAt'])
        .where('employeeId', '=', e.id)
        .orderBy('validFrom', 'desc')
        .execute(),
      exec.selectFrom('employeeBankAccounts').selectAll().where('employeeId', '=', e.id).executeTakeFirst(),
    ]);
    const names = await userNames(exec, [...salaries.map((s) => s.recordedBy), bank?.updatedBy ?? null]);
    const today = todayOf(ctx);
    const current = salaries.find((s) => s.validFrom <= today);
    return {
      employeeId: e.id,
      nip: e.nip,
      name: e.name,
      unitId: e.unitId,
      unitName: e.unitName,
      gajiPokok: current ? Number(current.gajiPokok) : null,
      salaries: salaries.map((s) => ({
        id: s.id,
        validFrom: s.validFrom,
        gajiPokok: Number(s.gajiPokok),
        reference: s.reference,
        recordedByName: names.get(s.recordedBy) ?? null,
        recordedAt: s.recordedAt.toISOString(),
      })),
      bankAccount: bank
        ? {
            bankName: bank.bankName,
            accountNumber: bank.accountNumber,
            accountHolder: bank.accountHolder,
            npwp: bank.npwp,
            updatedByName: names.get(bank.updatedBy) ?? null,
            updatedAt: bank.updatedAt.toISOString(),
          }
        : null,
      canEdit,
    };
  }

  /** GET /employees/:id/pay: the employee herself, or a TPP reader over her unit. */
  async function get(actor: Actor, employeeId: string, exec: Exec = db): Promise<EmployeePay> {
    const who = await employeeFor(ctx, actor, employeeId, exec, { selfMayRead: true });
    return present(exec, who.employee, who.runner);
  }

  /**
   * A gaji entry in the caller's transaction: added, or the entry of the same date corrected (audited with what it
   * was), or unchanged when the same amount and reference are recorded already.
   */
  async function writeSalary(
    trx: Transaction<Database>,
    actor: Actor,
    e: EmployeeTarget,
    input: SalaryAdd,
    source: PaySource,
  ): Promise<'added' | 'corrected' | 'unchanged'> {
    const old = await trx
      .selectFrom('employeeSalaries')
      .select(['id', 'gajiPokok', 'reference'])
      .where('employeeId', '=', e.id)
      .where('validFrom', '=', input.validFrom)
      .forUpdate()
      .executeTakeFirst();
    if (old && Number(old.gajiPokok) === input.gajiPokok && old.reference === input.reference)
      return 'unchanged';
    const values = { gajiPokok: input.gajiPokok, reference: input.reference, recordedBy: actor.userId };
    const row = old
      ? await trx
          .updateTable('employeeSalaries')
          .set({ ...values, recordedAt: clock.now() })
          .where('id', '=', old.id)
          .returning('id')
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('employeeSalaries')
          .values({ ...values, employeeId: e.id, validFrom: input.validFrom, recordedAt: clock.now() })
          .returning('id')
          .executeTakeFirstOrThrow();
    await audit.record(trx, ctxOf(actor), {
      action: old ? 'employee_pay.salary_corrected' : 'employee_pay.salary_added',
      entityType: 'employee_salary',
      entityId: row.id,
      unitId: e.unitId,
      before: old
        ? {
            employeeId: e.id,
            validFrom: input.validFrom,
            gajiPokok: Number(old.gajiPokok),
            reference: old.reference,
          }
        : null,
      after: { employeeId: e.id, ...input, ...sourceOf(source) },
    });
    return old ? 'corrected' : 'added';
  }

  /** The bank account in the caller's transaction: set (audited with what it was) or unchanged. */
  async function writeBank(
    trx: Transaction<Database>,
    actor: Actor,
    e: EmployeeTarget,
    input: BankAccount,
    source: PaySource,
  ): Promise<'set' | 'unchanged'> {
    const old = await trx
      .selectFrom('employeeBankAccounts')
      .select(['bankName', 'accountNumber', 'accountHolder', 'npwp'])
      .where('employeeId', '=', e.id)
      .forUpdate()
      .executeTakeFirst();
    const after: BankAccount = {
      bankName: input.bankName,
      accountNumber: input.accountNumber,
      accountHolder: input.accountHolder,
      npwp: input.npwp,
    };
    if (old && (Object.keys(after) as (keyof BankAccount)[]).every((k) => old[k] === after[k]))
      return 'unchanged';
    const values = { ...after, updatedBy: actor.userId, updatedAt: clock.now() };
    await trx
      .insertInto('employeeBankAccounts')
      .values({ employeeId: e.id, ...values })
      .onConflict((oc) => oc.column('employeeId').doUpdateSet(values))
      .execute();
    await audit.record(trx, ctxOf(actor), {
      action: 'employee_pay.bank_account_set',
      entityType: 'employee_bank_account',
      entityId: e.id,
      unitId: e.unitId,
      before: old ? { employeeId: e.id, ...old } : null,
      after: { employeeId: e.id, ...after, ...sourceOf(source) },
    });
    return 'set';
  }

  const sourceOf = (s: PaySource) =>
    s.kind === 'XLSX' ? { source: s.kind, fileName: s.fileName, importId: s.importId } : { source: s.kind };

  /** POST /employees/:id/salaries (tpp.run over the employee's unit). */
  async function addSalary(actor: Actor, employeeId: string, input: SalaryAdd): Promise<EmployeePay> {
    return db.transaction().execute(async (trx) => {
      const who = await employeeFor(ctx, actor, employeeId, trx, { write: true });
      await writeSalary(trx, actor, who.employee, input, { kind: 'FORM' });
      return present(trx, who.employee, true);
    });
  }

  /** PUT /employees/:id/bank-account (tpp.run over the employee's unit). */
  async function setBankAccount(
    actor: Actor,
    employeeId: string,
    input: BankAccountSet,
  ): Promise<EmployeePay> {
    return db.transaction().execute(async (trx) => {
      const who = await employeeFor(ctx, actor, employeeId, trx, { write: true });
      await writeBank(trx, actor, who.employee, input, { kind: 'FORM' });
      return present(trx, who.employee, true);
    });
  }

  /** GET /pay: employees in service in the reader's scope with the gaji in force today and the account. */
  async function list(actor: Actor, q: PayListParams): Promise<PayList> {
    const scope = readerScope(actor);
    if (scope !== 'all' && scope.length === 0)
      throw forbidden('Anda tidak berwenang melihat data gaji dan rekening');
    const today = todayOf(ctx);
    const unitPath = q.unitId ? (await ctx.unitOr404(q.unitId)).path : null;
    const filtered = () => {
      let query = db
        .selectFrom('employees as e')
        .innerJoin('units as u', 'u.id', 'e.unitId')
        .leftJoin('positions as p', 'p.id', 'e.positionId')
        .leftJoinLateral(
          (eb) =>
            eb
              .selectFrom('employeeSalaries as s')
              .select(['s.gajiPokok', 's.validFrom'])
              .whereRef('s.employeeId', '=', 'e.id')
              .where('s.validFrom', '<=', today)
              .orderBy('s.validFrom', 'desc')
              .limit(1)
              .as('s'),
          (join) => join.onTrue(),
        )
        .leftJoin('employeeBankAccounts as b', 'b.employeeId', 'e.id')
        .select([
          'e.id',
          'e.nip',
          'e.name',
          'e.frontTitle',
          'e.backTitle',
          'e.unitId',
          'u.name as unitName',
          'u.path',
          'p.name as positionName',
          's.gajiPokok',
          's.validFrom as gajiValidFrom',
          'b.bankName',
          'b.accountNumber',
          'b.accountHolder',
          'b.npwp',
        ])
        .where((eb) => unitScopeCondition(eb, scope, 'u.path'))
        .where('e.activeFrom', '<=', today)
        .where((eb) => eb.or([eb('e.activeTo', 'is', null), eb('e.activeTo', '>=', today)]));
      if (unitPath) query = query.where('u.path', 'like', `${unitPath}%`);
      if (q.q) {
        const like = likeOf(q.q);
        query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.nip', 'like', like)]));
      }
      if (q.missing === 'GAJI') query = query.where('s.gajiPokok', 'is', null);
      if (q.missing === 'REKENING') query = query.where('b.employeeId', 'is', null);
      return query;
    };
    const [rows, count] = await Promise.all([
      filtered()
        .orderBy('u.path')
        .orderBy('e.name')
        .orderBy('e.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      db
        .selectFrom(filtered().as('x'))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => ({
        employeeId: r.id,
        nip: r.nip,
        name: fullName(r),
        unitId: r.unitId,
        unitName: r.unitName,
        positionName: r.positionName,
        gajiPokok: r.gajiPokok === null ? null : Number(r.gajiPokok),
        gajiValidFrom: r.gajiValidFrom,
        bankName: r.bankName,
        accountNumber: r.accountNumber,
        accountHolder: r.accountHolder,
        npwp: r.npwp,
      })),
      total: Number(count.n),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // ------------------------------------------------------------------------------------------ for the runs

  /** The gaji pokok in force on a date per employee (the latest entry valid from on or before it). */
  async function salariesOn(
    exec: Exec,
    employeeIds: readonly string[],
    date: LocalDate,
  ): Promise<Map<string, number>> {
    if (employeeIds.length === 0) return new Map();
    const rows = await exec
      .selectFrom('employeeSalaries')
      .distinctOn('employeeId')
      .select(['employeeId', 'gajiPokok'])
      .where(idIn('employee_id', employeeIds))
      .where('validFrom', '<=', date)
      .orderBy('employeeId')
      .orderBy('validFrom', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.employeeId, Number(r.gajiPokok)]));
  }

  /** The bank account of each employee who has one. */
  async function bankAccounts(exec: Exec, employeeIds: readonly string[]): Promise<Map<string, BankAccount>> {
    if (employeeIds.length === 0) return new Map();
    const rows = await exec
      .selectFrom('employeeBankAccounts')
      .select(['employeeId', 'bankName', 'accountNumber', 'accountHolder', 'npwp'])
      .where(idIn('employee_id', employeeIds))
      .execute();
    return new Map(rows.map(({ employeeId, ...b }) => [employeeId, b]));
  }

  return { get, addSalary, setBankAccount, list, salariesOn, bankAccounts, writeSalary, writeBank };
}
export type PaySection = ReturnType<typeof createPaySection>;
