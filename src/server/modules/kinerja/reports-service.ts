import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/authz.ts';
import { ctxOf } from '../../auth/auth-service.ts';
import { AppError, fieldError, forbidden, notFound } from '../../errors.ts';
import type { Upload } from '../../files/attachment-service.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { monthRange, type LocalDate } from '../../../core/common/local-date.ts';
import {
  dayTotalProblem,
  earliestEntryDate,
  entryWindowProblem,
  monthSummary,
  type ReportStatus,
} from '../../../core/performance/daily-reports.ts';
import type {
  DailyReport,
  MyReports,
  ReportCorrection,
  ReportInput,
  ReportOptions,
  ReportUpload,
} from '../../../shared/api/kinerja-reports.ts';
import type { PerformanceRules } from '../../../core/performance/performance-rules.ts';
import type { KinerjaContext } from './kinerja-context.ts';
import { createReportsRepo, EVIDENCE_KIND, EVIDENCE_OWNER, type ReportRow } from './reports-repo.ts';
import { toReport } from './reports-view.ts';
import { createReportsVerification } from './reports-verify.ts';
import { createReportsSupervision } from './reports-supervision.ts';

/** The rules in force on a date, memoised for one call (`rulesMemo`). */
export type RulesMemo = (date: LocalDate, exec: Exec) => Promise<PerformanceRules>;

/** What the transaction of a new report answers: the report as shown when it was stored now. */
type Created = { id: string; created: boolean; report?: DailyReport };

/** The prefix of the entity id of a "reports wait for you" notice: one per official and day. */
export const INBOX_NOTICE = 'inbox:';

/**
 * e-Kinerja, section reports: daily activity reports (laporan kinerja harian) written by the employee (also synced
 * from an offline phone, stored exactly once per device id), corrected after a return, verified by the pejabat
 * penilai (or their Plt/Plh) from an inbox, the employee's month, and the superior's day-by-day supervision page.
 * Source: PermenPANRB 6/2022 (dokumentasi kinerja, pemantauan); regulations.md §5.2, §5.4; issue 15 points 2–3.
 *
 * Decisions (documented in the contract too):
 * - A report cites an RHK of the employee's SKP covering the report date whose status is SUBMITTED or APPROVED (a
 *   SKP waiting for approval early in the year must not stop the daily record); DRAFT and RETURNED SKP cannot.
 * - The day total counts SUBMITTED and ACCEPTED reports; a RETURNED one counts again once corrected.
 * - The idempotency key is (employee, clientId): the same key returns the stored report as it is (200), whatever
 *   the body says, and even when its date has left the entry window since.
 */
export function createReportsSection(ctx: KinerjaContext) {
  const { db, clock, relations, audit, files, notifications } = ctx;
  const repo = createReportsRepo(db);

  /**
   * The rules in force by date, memoised for one call: a write reads them for its today, the report date and the
   * answer, often the same date (inside a request's unit of work the rulebook service reads them every time).
   */
  const rulesMemo = (): RulesMemo => {
    const memo = new Map<string, Promise<PerformanceRules>>();
    return (date, exec) => {
      let hit = memo.get(date);
      if (!hit) {
        hit = ctx.rulesOn(date, exec);
        memo.set(date, hit);
        hit.catch(() => memo.delete(date));
      }
      return hit;
    };
  };

  files.registerOwner(
    EVIDENCE_OWNER,
    async (actor, id) => {
      const r = await repo.byId(id);
      if (!r) throw notFound('Laporan kinerja harian');
      return ctx.canRead(actor, r.employeeId, r.reportDate, r.unitPath);
    },
    'Bukti laporan',
  );

  /**
   * Reports as the API shows them: rules in force today, the stored day codes for the flags (read here unless
   * every row carries its `dayCode` already). `rules`: the request's memo of the rules in force by date.
   */
  async function present(
    rows: (ReportRow & { dayCode?: string | null })[],
    exec: Exec = db,
    rules: RulesMemo = rulesMemo(),
  ): Promise<DailyReport[]> {
    if (rows.length === 0) return [];
    const now = clock.now();
    const dr = (await rules(now.toISOString().slice(0, 10), exec)).dailyReports;
    const codes = rows.every((r) => r.dayCode !== undefined)
      ? null
      : await repo.dayCodes(
          rows.map((r) => r.employeeId),
          rows.map((r) => r.reportDate),
          exec,
        );
    return rows.map((r) =>
      toReport(r, {
        now,
        verifyWithinDays: dr.verifyWithinDays,
        flagDayCodes: dr.flagDayCodes,
        dayCode: (codes ? codes.get(`${r.employeeId}|${r.reportDate}`) : r.dayCode) ?? null,
      }),
    );
  }

  async function presentOne(id: string, exec: Exec = db, rules?: RulesMemo): Promise<DailyReport> {
    const row = await repo.shownById(id, exec);
    if (!row) throw notFound('Laporan kinerja harian');
    return (await present([row], exec, rules))[0]!;
  }

  /**
   * One report when the actor may read it (the employee, their assessors on the report date with Plt/Plh,
   * kinerja.read / kinerja.manage over its unit): 404 when it does not exist, 403 otherwise. Also answers for
   * the "reports wait for you" notice (`inbox:<employeeId>:<date>`): only that official opens it.
   */
  async function get(actor: Actor, id: string): Promise<DailyReport> {
    if (id.startsWith(INBOX_NOTICE)) {
      if (actor.employeeId && id.split(':')[1] === actor.employeeId) return undefined as never;
      throw forbidden('Pemberitahuan ini bukan untuk Anda');
    }
    const row = await repo.byId(id);
    if (!row) throw notFound('Laporan kinerja harian');
    await ctx.requireRead(actor, row.employeeId, row.reportDate, 'laporan kinerja harian', row.unitPath);
    return (await present([row]))[0]!;
  }

  const employeeOf = (actor: Actor): string => {
    if (!actor.employeeId)
      throw forbidden(
        'Akun ini tidak terhubung dengan data pegawai: laporan kinerja harian hanya untuk pegawai',
      );
    return actor.employeeId;
  };

  /** The employee's today, and a date outside their service as a refusal on `reportDate`. */
  async function placementOrRefuse(employeeId: string, date: LocalDate, exec: Exec) {
    try {
      return await relations.placementOn(employeeId, date, exec);
    } catch (err) {
      if (err instanceof AppError && err.code === 'VALIDATION') throw fieldError('reportDate', err.message);
      throw err;
    }
  }

  /**
   * Every check of a new or corrected report, in the caller's transaction after the employee's lock: the entry
   * window (rules in force today), the date within the employee's service, the RHK in their SKP covering the date,
   * the day's total (rules in force on the date). @returns the unit and SKP to store. @throws VALIDATION (field)
   */
  async function check(
    employeeId: string,
    input: Omit<ReportInput, 'clientId'>,
    exceptId: string | null,
    exec: Exec,
    rulesOn: RulesMemo,
  ) {
    const today = await relations.todayOf(employeeId, exec);
    const todayRules = (await rulesOn(today, exec)).dailyReports;
    const window = entryWindowProblem(input.reportDate, today, todayRules.entryWindowDays);
    if (window) throw fieldError(window.path, window.message);
    const placement = await placementOrRefuse(employeeId, input.reportDate, exec);
    // The SKP, the RHK, the day's counted minutes and the name in one read (checked below in that order).
    const facts = await repo.submitFacts(employeeId, input.reportDate, input.rhkId, exceptId, exec);
    if (!facts?.skpId)
      throw fieldError(
        'rhkId',
        `Belum ada SKP yang diajukan atau disetujui untuk tanggal ${formatDdMmYyyy(input.reportDate)}; laporan harian mengacu pada RHK SKP`,
      );
    if (!facts.rhkOk)
      throw fieldError(
        'rhkId',
        `RHK yang dipilih tidak ada dalam SKP Anda yang berlaku pada ${formatDdMmYyyy(input.reportDate)}`,
      );
    const rules = (await rulesOn(input.reportDate, exec)).dailyReports;
    const total = dayTotalProblem(input.reportDate, facts.counted, input.minutes, rules.maxMinutesPerDay);
    if (total) throw fieldError(total.path, total.message);
    return { unitId: placement.unitId, skpId: facts.skpId, today, name: facts.name };
  }

  /** The staged evidence the report cites (the caller's own upload), or a refusal on `attachmentId`. */
  async function citedUpload(actor: Actor, attachmentId: string, exec: Exec) {
    const up = await repo.waitingUpload(attachmentId, actor.userId, exec);
    if (!up)
      throw fieldError('attachmentId', 'Bukti belum diunggah atau sudah kedaluwarsa; unggah berkas lagi');
    return up;
  }

  async function attach(actor: Actor, reportId: string, sha256: string, exec: Exec) {
    await files.attachWaiting(exec, {
      sha256,
      uploadedBy: actor.userId,
      kind: EVIDENCE_KIND,
      owner: EVIDENCE_OWNER,
      ownerId: reportId,
    });
  }

  /** Tell the pejabat penilai (and their Plt/Plh) that reports wait: one notice per official and day. */
  async function noticeWaiting(
    exec: Exec,
    employeeId: string,
    employeeName: string,
    reportDate: LocalDate,
    today: LocalDate,
  ) {
    const penilai = await ctx.penilaiOn(employeeId, reportDate, exec).catch(() => null);
    for (const id of penilai?.deciderIds ?? [])
      await notifications.notify(exec, {
        employeeIds: [id],
        kind: 'daily_report.waiting',
        title: 'Laporan kinerja harian menunggu verifikasi',
        body: `${employeeName} dan mungkin pegawai lain mengirim laporan kinerja harian yang menunggu verifikasi Anda (satu pemberitahuan per hari).`,
        link: '/kinerja/verifikasi',
        entity: { type: 'daily_report', id: `${INBOX_NOTICE}${id}:${today}` },
        exceptEmployeeIds: [employeeId],
      });
  }

  /**
   * POST /api/kinerja/reports: a new report, exactly once per (employee, clientId). @returns the report and
   * whether it was stored now (false: it already was; the route answers 200 instead of 201).
   */
  async function create(
    actor: Actor,
    input: ReportInput,
  ): Promise<{ report: DailyReport; created: boolean }> {
    const employeeId = employeeOf(actor);
    const rules = rulesMemo();
    // The stored report of the key is looked up after the employee's lock only (one read, not one before too).
    const result = await db.transaction().execute(async (trx): Promise<Created> => {
      await repo.lockEmployee(employeeId, trx);
      const again = await repo.byClientId(employeeId, input.clientId, trx);
      if (again) return { id: again.id, created: false };
      const { unitId, skpId, today, name } = await check(employeeId, input, null, trx, rules);
      const upload = input.attachmentId ? await citedUpload(actor, input.attachmentId, trx) : null;
      const ins = await repo.insertOnce(
        {
          employeeId,
          unitId,
          skpId,
          rhkId: input.rhkId,
          reportDate: input.reportDate,
          activity: input.activity,
          output: input.output ?? null,
          quantity: input.quantity ?? null,
          satuan: input.satuan ?? null,
          minutes: input.minutes,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          accuracyM: input.accuracyM ?? null,
          clientId: input.clientId,
          recordedAt: input.recordedAt ? new Date(input.recordedAt) : null,
          createdAt: clock.now(),
          updatedAt: clock.now(),
        },
        trx,
      );
      if (!ins) {
        const raced = await repo.byClientId(employeeId, input.clientId, trx);
        return { id: raced!.id, created: false };
      }
      if (upload) await attach(actor, ins.id, upload.sha256, trx);
      await noticeWaiting(trx, employeeId, name, input.reportDate, today);
      const report = await presentOne(ins.id, trx, rules);
      // The audit entry last: its append holds the installation-wide audit lock until the request commits.
      await audit.record(trx, ctxOf(actor), {
        action: 'daily_report.submitted',
        entityType: 'daily_report',
        entityId: ins.id,
        unitId,
        after: {
          reportDate: input.reportDate,
          rhkId: input.rhkId,
          minutes: input.minutes,
          quantity: input.quantity ?? null,
          satuan: input.satuan ?? null,
          clientId: input.clientId,
          evidence: Boolean(upload),
        },
      });
      return { id: ins.id, created: true, report };
    });
    return {
      report: result.report ?? (await presentOne(result.id, db, rules)),
      created: result.created,
    };
  }

  /** The report of `id` for a change by its owner: 404 unknown, 403 someone else's (404 if they may not read it). */
  async function ownReport(actor: Actor, id: string, exec: Exec) {
    const row = await repo.row(id, exec);
    if (!row) throw notFound('Laporan kinerja harian');
    if (row.employeeId !== actor.employeeId) {
      if (await ctx.canRead(actor, row.employeeId, row.reportDate, undefined, exec))
        throw forbidden('Hanya pegawai pemilik laporan yang dapat mengubah atau menghapusnya');
      throw notFound('Laporan kinerja harian');
    }
    return row;
  }

  /**
   * PUT /api/kinerja/reports/:id: the owner corrects a SUBMITTED or RETURNED report; the same checks as a new one,
   * revision + 1, back to SUBMITTED (the previous verification is cleared; the audit keeps it).
   */
  async function correct(actor: Actor, id: string, input: ReportCorrection): Promise<DailyReport> {
    const employeeId = employeeOf(actor);
    const rules = rulesMemo();
    await db.transaction().execute(async (trx) => {
      await repo.lockEmployee(employeeId, trx);
      const row = await ownReport(actor, id, trx);
      if (row.status === 'ACCEPTED')
        throw new AppError('CONFLICT', 'Laporan yang sudah diterima atasan tidak dapat diubah');
      const { unitId, skpId, today, name } = await check(employeeId, input, id, trx, rules);
      const upload = input.attachmentId ? await citedUpload(actor, input.attachmentId, trx) : null;
      await trx
        .updateTable('dailyReports')
        .set({
          unitId,
          skpId,
          rhkId: input.rhkId,
          reportDate: input.reportDate,
          activity: input.activity,
          output: input.output ?? null,
          quantity: input.quantity ?? null,
          satuan: input.satuan ?? null,
          minutes: input.minutes,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          accuracyM: input.accuracyM ?? null,
          recordedAt: input.recordedAt ? new Date(input.recordedAt) : row.recordedAt,
          status: 'SUBMITTED',
          verifierId: null,
          verifiedAs: null,
          verifiedAt: null,
          verifyNote: null,
          revision: row.revision + 1,
          updatedAt: clock.now(),
        })
        .where('id', '=', id)
        .execute();
      if (upload || input.attachmentId === null) await repo.dropEvidence(id, trx);
      if (upload) await attach(actor, id, upload.sha256, trx);
      await noticeWaiting(trx, employeeId, name, input.reportDate, today);
      // The audit entry last: its append holds the installation-wide audit lock until the request commits.
      await audit.record(trx, ctxOf(actor), {
        action: 'daily_report.corrected',
        entityType: 'daily_report',
        entityId: id,
        unitId,
        before: {
          status: row.status,
          reportDate: row.reportDate,
          rhkId: row.rhkId,
          minutes: row.minutes,
          activity: row.activity,
          verifyNote: row.verifyNote,
          revision: row.revision,
        },
        after: {
          status: 'SUBMITTED',
          reportDate: input.reportDate,
          rhkId: input.rhkId,
          minutes: input.minutes,
          activity: input.activity,
          revision: row.revision + 1,
        },
      });
    });
    return presentOne(id, db, rules);
  }

  /** DELETE /api/kinerja/reports/:id: the owner removes a report not accepted yet (SUBMITTED or RETURNED). */
  async function remove(actor: Actor, id: string): Promise<void> {
    employeeOf(actor);
    await db.transaction().execute(async (trx) => {
      const row = await ownReport(actor, id, trx);
      if (row.status === 'ACCEPTED')
        throw new AppError('CONFLICT', 'Laporan yang sudah diterima atasan tidak dapat dihapus');
      const feedback = await trx
        .selectFrom('kinerjaFeedback')
        .select('id')
        .where('reportId', '=', id)
        .executeTakeFirst();
      if (feedback)
        throw new AppError(
          'CONFLICT',
          'Laporan ini sudah mendapat umpan balik atasan; perbaiki laporannya, jangan dihapus',
        );
      // Removed once: a call that read the row before another removed it deletes nothing and says so.
      const gone = await trx
        .deleteFrom('dailyReports')
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      if (!gone) throw new AppError('CONFLICT', 'Laporan kinerja harian ini sudah dihapus');
      await repo.dropEvidence(id, trx);
      await audit.record(trx, ctxOf(actor), {
        action: 'daily_report.deleted',
        entityType: 'daily_report',
        entityId: id,
        unitId: row.unitId,
        before: {
          status: row.status,
          reportDate: row.reportDate,
          rhkId: row.rhkId,
          minutes: row.minutes,
          activity: row.activity,
          clientId: row.clientId,
        },
      });
    });
  }

  /** GET /api/kinerja/reports/options: what the form (and the phone's offline cache) needs for a date. */
  async function options(actor: Actor, date?: LocalDate): Promise<ReportOptions> {
    const employeeId = employeeOf(actor);
    const today = await relations.todayOf(employeeId);
    const day = date ?? today;
    const rules = (await ctx.rulesOn(today)).dailyReports;
    const skp = await repo.skpOn(employeeId, day);
    const rhk = skp ? await repo.rhkOf(skp.id) : [];
    const indicators = await repo.indicatorsOf(rhk.map((r) => r.id));
    const window = entryWindowProblem(day, today, rules.entryWindowDays);
    return {
      today,
      earliestDate: earliestEntryDate(today, rules.entryWindowDays),
      date: day,
      rules: {
        minMinutesPerDay: rules.minMinutesPerDay,
        maxMinutesPerDay: rules.maxMinutesPerDay,
        entryWindowDays: rules.entryWindowDays,
        verifyWithinDays: rules.verifyWithinDays,
      },
      minutesUsed: await repo.countedMinutes(employeeId, day, null, db),
      skp: skp
        ? { id: skp.id, periodStart: skp.periodStart, periodEnd: skp.periodEnd, status: skp.status }
        : null,
      blockedReason:
        window?.message ??
        (skp ? null : `Belum ada SKP yang diajukan atau disetujui untuk tanggal ${formatDdMmYyyy(day)}`),
      rhk: rhk.map((r) => ({
        id: r.id,
        kind: r.kind,
        seq: r.seq,
        text: r.text,
        indicators: indicators
          .filter((i) => i.rhkId === r.id)
          .map((i) => ({ text: i.text, aspect: i.aspect, satuan: i.satuan, target: Number(i.targetMin) })),
      })),
    };
  }

  /** GET /api/kinerja/reports/mine: the employee's month (or one day's reports) with the per-day summary. */
  async function mine(actor: Actor, q: { month?: string; date?: LocalDate }): Promise<MyReports> {
    const employeeId = employeeOf(actor);
    const today = await relations.todayOf(employeeId);
    const month = q.month ?? q.date?.slice(0, 7) ?? today.slice(0, 7);
    const { from, to } = monthRange(month);
    const rules = (await ctx.rulesOn(today)).dailyReports;
    const rows = (await repo
      .view()
      .where('r.employeeId', '=', employeeId)
      .where('r.reportDate', '>=', from)
      .where('r.reportDate', '<=', to)
      .orderBy('r.reportDate', 'desc')
      .orderBy('r.createdAt', 'desc')
      .execute()) as ReportRow[];
    const codes = await repo.codesBetween(employeeId, from, to);
    const summary = monthSummary(
      rows.map((r) => ({
        date: r.reportDate,
        minutes: r.minutes,
        status: r.status as ReportStatus,
        note: r.verifyNote,
      })),
      codes,
      rules,
    );
    const shown = q.date ? rows.filter((r) => r.reportDate === q.date) : rows;
    return {
      month,
      today,
      earliestDate: earliestEntryDate(today, rules.entryWindowDays),
      rules: {
        minMinutesPerDay: rules.minMinutesPerDay,
        maxMinutesPerDay: rules.maxMinutesPerDay,
        entryWindowDays: rules.entryWindowDays,
        verifyWithinDays: rules.verifyWithinDays,
      },
      days: summary.days,
      totals: summary.totals,
      reports: await present(shown),
    };
  }

  /** POST /api/kinerja/reports/files: stage the evidence; the report cites the answer's `attachmentId`. */
  async function upload(actor: Actor, file: Upload): Promise<ReportUpload> {
    employeeOf(actor);
    const staged = await files.stage(actor, file);
    const row = await repo.waitingByHash(staged.hash, actor.userId);
    // Two identical uploads at once: the other one's row is the waiting upload; ask to send again.
    if (!row) throw new AppError('CONFLICT', 'Berkas yang sama sedang diunggah; kirim ulang');
    return { attachmentId: row.id, ...staged };
  }

  /** The multipart body of an upload (ATTACHMENT_MAX_BYTES). */
  const readUpload = (request: FastifyRequest) => files.read(request);

  /** GET /api/kinerja/reports/:id/evidence: the report's evidence (access checked and logged). */
  const evidence = (actor: Actor, id: string) => files.view(actor, EVIDENCE_OWNER, id);

  const verification = createReportsVerification(ctx, repo, present, rulesMemo);
  const supervision = createReportsSupervision(ctx, repo);

  return {
    get,
    create,
    correct,
    remove,
    options,
    mine,
    upload,
    readUpload,
    evidence,
    ...verification,
    ...supervision,
  };
}
export type ReportsSection = ReturnType<typeof createReportsSection>;
