import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database, SalarySettlement } from '../../db/schema.ts';
import { PERMISSIONS, type Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Upload } from '../../files/attachment-service.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { actingAs, standingOfActor } from './indications-access.ts';
import type { StoredEvidence } from './indications-scan.ts';
import {
  createSalaryStopsView,
  isUuid,
  OPEN,
  type Reactivation,
  type StatementFile,
  type StopRow,
} from './salary-stops-view.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import {
  SALARY_STOP_STATUS_LABELS,
  SETTLEMENT_KIND_LABELS,
  type SalaryStop,
  type SalaryStopReactivateInput,
  type SalaryStopReactivationInput,
  type SalaryStopSettlementInput,
  type SalaryStopStatus,
  type SalaryStopUpload,
  type SalaryStopVerifyInput,
} from '../../../shared/api/discipline-indications.ts';

/** The owner of the statements attached to a re-activation request (one owner id per statement). */
const STATEMENT_OWNER = 'discipline_salary_stop' as const;
const STATEMENT_KIND = 'salary_stop_statement' as const;

/** Roles holding a permission, without the technical super admin (who is not told of every step). */
const rolesWith = (p: keyof typeof PERMISSIONS) =>
  (PERMISSIONS[p] as readonly string[]).filter((r) => r !== 'SUPER_ADMIN');

/**
 * The salary-stops section (issue 16 point 6; PP 94/2021 Pasal 15 ayat (2); regulations.md §1.8): after ten
 * consecutive TK working days the direct superior notifies BKD and the finance official (DILAPORKAN); BKD
 * verifies the attendance data (DIVERIFIKASI, or DIBATALKAN when fewer days are confirmed); the KPA stops the
 * salary from the month after the run (DIHENTIKAN); the superior asks for re-activation with the employee's and
 * the superior's statements and the recap months (PENGAKTIFAN_DIAJUKAN); the KPA re-activates (DIAKTIFKAN). The
 * annex's settlements: salary stopped although fewer days were confirmed is paid back (BAYAR_KEMBALI); salary paid
 * for a month although the days were confirmed is refunded (SETOR_KEMBALI). Only the employee types of the
 * rulebook's `procedure.salaryStop.employeeTypes`.
 */
export function createSalaryStopsSection(ctx: DisciplineContext) {
  const { db, audit, notifications, clock, files } = ctx;
  const view = createSalaryStopsView(ctx);
  const { get, list, load, present, rulesOfStop, requiredDays, settleKinds, stoppedInMonth } = view;

  files.registerOwner(
    STATEMENT_OWNER,
    async (actor, fileId) => {
      const stop = await db
        .selectFrom('disciplineSalaryStops')
        .select('id')
        .where(
          sql<boolean>`(reactivation->'employeeStatement'->>'fileId' = ${fileId} or reactivation->'superiorStatement'->>'fileId' = ${fileId})`,
        )
        .executeTakeFirst();
      if (!stop) throw notFound('Surat pernyataan');
      await get(actor, stop.id);
      return true;
    },
    'Surat pernyataan',
  );

  // ------------------------------------------------------------------------------------------ notices

  /** BKD (discipline.manage) and finance (discipline.salary) accounts over the unit. */
  async function officeHolders(trx: Transaction<Database>, unitPath: string, which: ('bkd' | 'finance')[]) {
    const ids = new Set<string>();
    if (which.includes('bkd'))
      for (const u of await notifications.grantHolders(trx, rolesWith('discipline.manage'), unitPath))
        ids.add(u);
    if (which.includes('finance'))
      for (const u of await notifications.grantHolders(trx, rolesWith('discipline.salary'), unitPath))
        ids.add(u);
    return [...ids];
  }

  async function tell(
    trx: Transaction<Database>,
    actor: Actor,
    row: Pick<StopRow, 'id' | 'employeeId' | 'name'>,
    to: { userIds?: string[]; employeeIds?: string[] },
    kind: string,
    title: string,
    body: string,
  ) {
    await notifications.notify(trx, {
      ...to,
      exceptUserIds: [actor.userId],
      kind,
      title,
      body,
      link: `/disiplin/gaji/${row.id}`,
      entity: { type: 'discipline_salary_stop', id: row.id },
      subjectEmployeeId: row.employeeId,
      once: false,
    });
  }

  function requireStatus(row: StopRow, allowed: SalaryStopStatus[], what: string) {
    if (!allowed.includes(row.status as SalaryStopStatus))
      throw new AppError(
        'CONFLICT',
        `${what} tidak dapat dilakukan: penghentian gaji berstatus ${(SALARY_STOP_STATUS_LABELS[row.status as SalaryStopStatus] ?? row.status).toLowerCase()}`,
        { status: row.status },
      );
  }

  // ------------------------------------------------------------------------------------------ steps

  /** POST /salary-stops: the superior (or Plt/Plh) reports a consecutive-TK indication with salary stop. */
  async function report(actor: Actor, input: { indicationId: string }): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      if (!isUuid(input.indicationId)) throw notFound('Indikasi disiplin');
      await sql`select id from discipline_indications where id = ${input.indicationId} for update`.execute(
        trx,
      );
      const ind = await trx
        .selectFrom('disciplineIndications as i')
        .innerJoin('employees as e', 'e.id', 'i.employeeId')
        .select([
          'i.id',
          'i.employeeId',
          'i.unitId',
          'i.unitPath',
          'i.source',
          'i.salaryStop',
          'i.salaryStopFromMonth',
          'i.status',
          'i.caseId',
          'i.evidence',
          'i.reachedOn',
          'e.employeeType',
          'e.name',
        ])
        .where('i.id', '=', input.indicationId)
        .executeTakeFirst();
      if (!ind) throw notFound('Indikasi disiplin');
      const who = await standingOfActor(ctx, actor, ind, trx);
      if (!who.reader && !who.decider) throw notFound('Indikasi disiplin');
      if (who.self) throw forbidden('Anda tidak dapat melaporkan penghentian gaji Anda sendiri');
      if (!who.decider)
        throw forbidden('Hanya atasan langsung pegawai (atau Plt/Plh-nya) yang melaporkan penghentian gaji');
      const ev = ind.evidence as unknown as StoredEvidence;
      if (ind.source !== 'consecutive' || !ind.salaryStop || !ind.salaryStopFromMonth || !ev.streak)
        throw fieldError(
          'indicationId',
          'Indikasi ini bukan TK berturut-turut yang menghentikan gaji (PP 94/2021 Pasal 15 ayat (2))',
        );
      if (ind.status === 'DIABAIKAN' || ind.status === 'DIGANTIKAN')
        throw new AppError('CONFLICT', 'Indikasi ini sudah diabaikan atau digantikan');
      const rules = await ctx.rulesOn(ev.streak.to, trx);
      if (!(rules.procedure.salaryStop.employeeTypes as readonly string[]).includes(ind.employeeType))
        throw new AppError(
          'CONFLICT',
          `Penghentian gaji tidak berlaku untuk jenis pegawai ${ind.employeeType} (rulebook: ${rules.procedure.salaryStop.employeeTypes.join(', ')})`,
        );
      const existing = await trx
        .selectFrom('disciplineSalaryStops')
        .select(['id', 'status', 'indicationId'])
        .where((eb) =>
          eb.or([
            eb('indicationId', '=', ind.id),
            eb.and([eb('employeeId', '=', ind.employeeId), eb('status', 'in', OPEN)]),
          ]),
        )
        .executeTakeFirst();
      if (existing)
        throw new AppError(
          'CONFLICT',
          existing.indicationId === ind.id
            ? 'Penghentian gaji dari indikasi ini sudah dilaporkan'
            : 'Pegawai ini masih memiliki penghentian gaji yang berjalan',
          { salaryStopId: existing.id },
        );
      const row = await trx
        .insertInto('disciplineSalaryStops')
        .values({
          employeeId: ind.employeeId,
          unitPath: ind.unitPath,
          indicationId: ind.id,
          caseId: ind.caseId,
          streakFrom: ev.streak.from,
          streakTo: ev.streak.to,
          streakDays: ev.streak.days,
          fromMonth: ind.salaryStopFromMonth,
          notifiedBy: actor.userId,
          notifiedAt: clock.now(),
          updatedAt: clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const as = await actingAs(ctx, actor, ind.employeeId, trx);
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.salary_stop_reported',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: ind.unitId,
        after: {
          status: 'DILAPORKAN',
          indicationId: ind.id,
          streak: ev.streak,
          fromMonth: ind.salaryStopFromMonth,
          as,
        },
      });
      await tell(
        trx,
        actor,
        { id: row.id, employeeId: ind.employeeId, name: ind.name },
        { userIds: await officeHolders(trx, ind.unitPath, ['bkd', 'finance']) },
        'discipline_salary_stop',
        `Penghentian gaji dilaporkan: ${ind.name}`,
        `TK ${ev.streak.days} hari kerja berturut-turut (${ev.streak.from} s.d. ${ev.streak.to}); gaji dihentikan mulai ${ind.salaryStopFromMonth}. BKD memverifikasi data kehadiran.`,
      );
      const { row: fresh, who: now } = await load(actor, row.id, trx);
      return present(fresh, now, trx);
    });
  }

  /** POST /salary-stops/:id/verify (BKD): the days confirmed decide DIVERIFIKASI or DIBATALKAN. */
  async function verify(actor: Actor, id: string, input: SalaryStopVerifyInput): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await load(actor, id, trx, true);
      if (!who.manager) throw forbidden('Hanya BKD yang memverifikasi data kehadiran penghentian gaji');
      requireStatus(row, ['DILAPORKAN', 'DIVERIFIKASI', 'DIHENTIKAN'], 'Verifikasi');
      const rules = await rulesOfStop(row, trx);
      const need = requiredDays(rules, row.employeeType);
      const confirmed = input.confirmedDays >= need;
      if (confirmed && row.status !== 'DILAPORKAN')
        throw new AppError('CONFLICT', 'Penghentian gaji ini sudah diverifikasi');
      const next: SalaryStopStatus = confirmed ? 'DIVERIFIKASI' : 'DIBATALKAN';
      const note = input.note.trim();
      await trx
        .updateTable('disciplineSalaryStops')
        .set({
          status: next,
          verifiedBy: actor.userId,
          verifiedAt: clock.now(),
          verificationNote: note,
          confirmedDays: input.confirmedDays,
          updatedAt: clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: confirmed ? 'discipline.salary_stop_verified' : 'discipline.salary_stop_cancelled',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status, confirmedDays: row.confirmedDays },
        after: { status: next, confirmedDays: input.confirmedDays, requiredDays: need, note },
      });
      const payBack = !confirmed && row.stoppedAt !== null;
      await tell(
        trx,
        actor,
        row,
        {
          userIds: [...(await officeHolders(trx, row.unitPath, ['finance'])), row.notifiedBy],
        },
        'discipline_salary_stop',
        confirmed
          ? `Penghentian gaji terverifikasi: ${row.name}`
          : `Penghentian gaji dibatalkan: ${row.name}`,
        confirmed
          ? `BKD mengonfirmasi ${input.confirmedDays} hari TK berturut-turut; KPA menetapkan penghentian gaji mulai ${row.fromMonth}.`
          : `BKD hanya mengonfirmasi ${input.confirmedDays} hari (ambang ${need} hari).` +
              (payBack ? ' Gaji yang sudah dihentikan harus dibayarkan kembali.' : ''),
      );
      if (!confirmed)
        await tell(
          trx,
          actor,
          row,
          { employeeIds: [row.employeeId] },
          'discipline_salary_stop',
          'Penghentian gaji Anda dibatalkan',
          `Verifikasi BKD: ${input.confirmedDays} hari TK berturut-turut, kurang dari ${need} hari.`,
        );
      const fresh = await load(actor, id, trx);
      return present(fresh.row, fresh.who, trx);
    });
  }

  /** POST /salary-stops/:id/stop (KPA / finance): the decision stopping payment. */
  async function stop(actor: Actor, id: string, input: { decisionNumber: string }): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await load(actor, id, trx, true);
      if (!who.finance)
        throw forbidden('Hanya pejabat keuangan (KPA) yang menetapkan penghentian pembayaran gaji');
      requireStatus(row, ['DIVERIFIKASI'], 'Penghentian pembayaran gaji');
      const decisionNumber = input.decisionNumber.trim();
      await trx
        .updateTable('disciplineSalaryStops')
        .set({
          status: 'DIHENTIKAN',
          stoppedBy: actor.userId,
          stoppedAt: clock.now(),
          stopDecisionNumber: decisionNumber,
          updatedAt: clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.salary_stopped',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: 'DIHENTIKAN', decisionNumber, fromMonth: row.fromMonth },
      });
      await tell(
        trx,
        actor,
        row,
        { userIds: [row.notifiedBy], employeeIds: [row.employeeId] },
        'discipline_salary_stop',
        `Gaji dihentikan mulai ${row.fromMonth}: ${row.name}`,
        `Keputusan ${decisionNumber}. Pengaktifan kembali diajukan atasan dengan surat pernyataan dan rekap kehadiran.`,
      );
      const fresh = await load(actor, id, trx);
      return present(fresh.row, fresh.who, trx);
    });
  }

  /** POST /salary-stops/files: stage a statement; the request cites the answer's `attachmentId`. */
  async function upload(actor: Actor, file: Upload): Promise<SalaryStopUpload> {
    if (!actor.employeeId) throw forbidden('Hanya atasan pegawai yang mengunggah surat pernyataan');
    const staged = await files.stage(actor, file);
    const row = await db
      .selectFrom('attachments')
      .select('id')
      .where('sha256', '=', staged.hash)
      .where('uploadedBy', '=', actor.userId)
      .where('ownerId', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('CONFLICT', 'Berkas yang sama sedang diunggah; kirim ulang');
    return { attachmentId: row.id, ...staged };
  }

  /** The multipart body of an upload (ATTACHMENT_MAX_BYTES). */
  const readUpload = (request: Parameters<typeof files.read>[0]) => files.read(request);

  /** A staged upload of the actor, as a statement owned by a fresh statement id. */
  async function attachStatement(
    trx: Transaction<Database>,
    actor: Actor,
    attachmentId: string,
    path: string,
  ) {
    const up = await trx
      .selectFrom('attachments')
      .select(['id', 'sha256', 'fileName', 'mime'])
      .where('id', '=', attachmentId)
      .where('uploadedBy', '=', actor.userId)
      .where('ownerId', 'is', null)
      .where('purgedAt', 'is', null)
      .executeTakeFirst();
    if (!up)
      throw fieldError(path, 'Surat pernyataan belum diunggah atau sudah kedaluwarsa; unggah berkas lagi');
    const fileId = randomUUID();
    await files.attachWaiting(trx, {
      sha256: up.sha256,
      uploadedBy: actor.userId,
      kind: STATEMENT_KIND,
      owner: STATEMENT_OWNER,
      ownerId: fileId,
    });
    return { fileId, attachmentId: up.id, fileName: up.fileName, mime: up.mime } satisfies StatementFile;
  }

  /** POST /salary-stops/:id/reactivation (the superior): statements, recap months, note. */
  async function requestReactivation(
    actor: Actor,
    id: string,
    input: SalaryStopReactivationInput,
  ): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await load(actor, id, trx, true);
      if (who.self) throw forbidden('Anda tidak dapat mengajukan pengaktifan gaji Anda sendiri');
      if (!who.decider)
        throw forbidden(
          'Hanya atasan langsung pegawai (atau Plt/Plh-nya) yang mengajukan pengaktifan kembali gaji',
        );
      requireStatus(row, ['DIHENTIKAN'], 'Pengajuan pengaktifan kembali');
      const rules = await rulesOfStop(row, trx);
      const need = rules.procedure.salaryStop.reactivationRecapMonths;
      const months = [...new Set(input.recapMonths)].sort();
      const today = localDateAt(
        clock.now().getTime(),
        (row.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone,
      );
      const runMonth = row.streakTo.slice(0, 7);
      const bad = months.find((m) => m < runMonth || m > today.slice(0, 7));
      if (bad)
        throw fieldError(
          'recapMonths',
          `Bulan rekap ${bad} di luar rentang: sebutkan bulan sejak ${runMonth} sampai bulan ini`,
        );
      if (months.length < need)
        throw fieldError(
          'recapMonths',
          `Lampirkan rekap kehadiran minimal ${need} bulan (PP 94/2021 Pasal 15 ayat (2))`,
        );
      if (input.employeeStatementId === input.superiorStatementId)
        throw fieldError(
          'superiorStatementId',
          'Surat pernyataan atasan harus berkas yang berbeda dari pernyataan pegawai',
        );
      const employeeStatement = await attachStatement(
        trx,
        actor,
        input.employeeStatementId,
        'employeeStatementId',
      );
      const superiorStatement = await attachStatement(
        trx,
        actor,
        input.superiorStatementId,
        'superiorStatementId',
      );
      const note = input.note.trim();
      const reactivation: Reactivation = {
        requestedBy: actor.userId,
        requestedAt: clock.now().toISOString(),
        recapMonths: months,
        note,
        employeeStatement,
        superiorStatement,
      };
      await trx
        .updateTable('disciplineSalaryStops')
        .set({
          status: 'PENGAKTIFAN_DIAJUKAN',
          reactivation: JSON.stringify(reactivation),
          updatedAt: clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.salary_reactivation_requested',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status },
        after: {
          status: 'PENGAKTIFAN_DIAJUKAN',
          recapMonths: months,
          note,
          files: [employeeStatement.attachmentId, superiorStatement.attachmentId],
        },
      });
      await tell(
        trx,
        actor,
        row,
        { userIds: await officeHolders(trx, row.unitPath, ['bkd', 'finance']) },
        'discipline_salary_stop',
        `Pengaktifan kembali gaji diajukan: ${row.name}`,
        `Rekap kehadiran ${months.join(', ')}; surat pernyataan pegawai dan atasan terlampir.`,
      );
      const fresh = await load(actor, id, trx);
      return present(fresh.row, fresh.who, trx);
    });
  }

  /** POST /salary-stops/:id/reactivate (KPA / finance). */
  async function reactivate(actor: Actor, id: string, input: SalaryStopReactivateInput): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await load(actor, id, trx, true);
      if (!who.finance)
        throw forbidden('Hanya pejabat keuangan (KPA) yang mengaktifkan kembali pembayaran gaji');
      requireStatus(row, ['PENGAKTIFAN_DIAJUKAN'], 'Pengaktifan kembali');
      if (input.fromMonth < row.fromMonth)
        throw fieldError(
          'fromMonth',
          `Bulan pengaktifan tidak boleh sebelum bulan penghentian (${row.fromMonth})`,
        );
      const decisionNumber = input.decisionNumber.trim();
      const re = row.reactivation as unknown as Reactivation;
      const next: Reactivation = {
        ...re,
        decidedBy: actor.userId,
        decidedAt: clock.now().toISOString(),
        decisionNumber,
      };
      await trx
        .updateTable('disciplineSalaryStops')
        .set({
          status: 'DIAKTIFKAN',
          reactivation: JSON.stringify(next),
          reactivatedFromMonth: input.fromMonth,
          updatedAt: clock.now(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.salary_reactivated',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: row.unitId,
        before: { status: row.status },
        after: { status: 'DIAKTIFKAN', fromMonth: input.fromMonth, decisionNumber },
      });
      await tell(
        trx,
        actor,
        row,
        { userIds: [re.requestedBy, row.notifiedBy], employeeIds: [row.employeeId] },
        'discipline_salary_stop',
        `Gaji diaktifkan kembali mulai ${input.fromMonth}: ${row.name}`,
        `Keputusan ${decisionNumber}.`,
      );
      const fresh = await load(actor, id, trx);
      return present(fresh.row, fresh.who, trx);
    });
  }

  /** POST /salary-stops/:id/settlements (finance): pay back (BAYAR_KEMBALI) or refund (SETOR_KEMBALI). */
  async function settle(actor: Actor, id: string, input: SalaryStopSettlementInput): Promise<SalaryStop> {
    return db.transaction().execute(async (trx) => {
      const { row, who } = await load(actor, id, trx, true);
      if (!who.finance)
        throw forbidden('Hanya pejabat keuangan yang mencatat pembayaran atau penyetoran kembali gaji');
      if (!settleKinds(row).includes(input.kind))
        throw new AppError(
          'CONFLICT',
          input.kind === 'BAYAR_KEMBALI'
            ? 'Pembayaran kembali hanya untuk gaji yang sudah dihentikan lalu dibatalkan karena hari TK yang terkonfirmasi kurang dari ambang'
            : 'Penyetoran kembali hanya untuk gaji yang terlanjur dibayar padahal TK berturut-turut terkonfirmasi',
          { status: row.status },
        );
      const months = [...new Set(input.months)].sort();
      const early = months.find((m) => m < row.fromMonth);
      if (early)
        throw fieldError('months', `Bulan ${early} sebelum bulan penghentian gaji (${row.fromMonth})`);
      if (row.reactivatedFromMonth) {
        const late = months.find((m) => m >= row.reactivatedFromMonth!);
        if (late) throw fieldError('months', `Bulan ${late} sudah setelah gaji diaktifkan kembali`);
      }
      const already = new Set(row.settlements.filter((s) => s.kind === input.kind).flatMap((s) => s.months));
      const twice = months.find((m) => already.has(m));
      if (twice)
        throw fieldError(
          'months',
          `Bulan ${twice} sudah dicatat untuk ${SETTLEMENT_KIND_LABELS[input.kind].toLowerCase()}`,
        );
      const entry: SalarySettlement = {
        kind: input.kind,
        months,
        note: input.note.trim(),
        recordedAt: clock.now().toISOString(),
        recordedBy: actor.userId,
      };
      await trx
        .updateTable('disciplineSalaryStops')
        .set({ settlements: JSON.stringify([...row.settlements, entry]), updatedAt: clock.now() })
        .where('id', '=', row.id)
        .execute();
      await audit.record(trx, ctxOf(actor), {
        action: 'discipline.salary_settlement_recorded',
        entityType: 'discipline_salary_stop',
        entityId: row.id,
        unitId: row.unitId,
        after: { kind: input.kind, months, note: entry.note },
      });
      await tell(
        trx,
        actor,
        row,
        { employeeIds: [row.employeeId], userIds: await officeHolders(trx, row.unitPath, ['bkd']) },
        'discipline_salary_stop',
        `${SETTLEMENT_KIND_LABELS[input.kind]}: ${row.name}`,
        `Bulan ${months.join(', ')}. ${entry.note}`,
      );
      const fresh = await load(actor, id, trx);
      return present(fresh.row, fresh.who, trx);
    });
  }

  /** GET /salary-stops/:id/files/:fileId: a statement of the re-activation request (access checked, view logged). */
  async function statement(actor: Actor, id: string, fileId: string) {
    const { row } = await load(actor, id, db);
    const re = row.reactivation as unknown as Reactivation | null;
    if (!re || (re.employeeStatement.fileId !== fileId && re.superiorStatement.fileId !== fileId))
      throw notFound('Surat pernyataan');
    return files.view(actor, STATEMENT_OWNER, fileId);
  }

  return {
    get,
    list,
    report,
    verify,
    stop,
    upload,
    readUpload,
    requestReactivation,
    reactivate,
    settle,
    statement,
    stoppedInMonth,
  };
}

export type SalaryStopsSection = ReturnType<typeof createSalaryStopsSection>;
