import { sql, type Insertable, type SelectQueryBuilder } from 'kysely';
import type { Database, DailyReportsTable } from '../../db/schema.ts';
import type { Db } from '../../db/database.ts';
import type { Exec } from '../../relations/relations-service.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { DAY_SEP } from '../../lib/month-rows.ts';

/** First day of the month of a date (the `day_statuses` view's `month`). */
export const monthStart = (d: LocalDate) => `${d.slice(0, 7)}-01`;

/** The owner kind and attachment kind of a report's evidence (src/server/files/kinds.ts). */
export const EVIDENCE_OWNER = 'daily_report' as const;
export const EVIDENCE_KIND = 'daily_report_evidence' as const;

/**
 * The stored day code of the report's employee on its date, read from the month row (`status_months`, one
 * `split_part` by the primary key) instead of the `day_statuses` view, which unnests every column of the month.
 * An empty code is no data (null), as in the view.
 */
const dayCodeOfReport = sql<string | null>`(select nullif(split_part(sm.code, chr(31),
    (extract(day from r.report_date))::int), '') from status_months sm
  where sm.employee_id = r.employee_id and sm.month = r.report_date - (extract(day from r.report_date))::int + 1)`;

/** A report with the names a view shows. */
export interface ReportRow {
  id: string;
  clientId: string;
  employeeId: string;
  frontTitle: string | null;
  name: string;
  backTitle: string | null;
  nip: string | null;
  unitId: string;
  unitName: string;
  unitPath: string;
  timeZone: string;
  skpId: string;
  rhkId: string;
  rhkText: string;
  rhkKind: string;
  reportDate: string;
  activity: string;
  output: string | null;
  quantity: string | null;
  satuan: string | null;
  minutes: number;
  latitude: number | null;
  longitude: number | null;
  accuracyM: number | null;
  recordedAt: Date | null;
  status: string;
  verifierId: string | null;
  verifierName: string | null;
  verifiedAs: string | null;
  verifiedAt: Date | null;
  verifyNote: string | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  hasEvidence: boolean;
}

/**
 * Queries of the daily activity reports (Kysely, CamelCasePlugin). Reads the SKP tables, the stored daily statuses
 * (`day_statuses` view over the month rows, read only) and the evidence rows of the attachment store.
 */
export function createReportsRepo(db: Db) {
  /** The view of reports with employee, unit, RHK and verifier names. */
  const view = (exec: Exec = db) =>
    exec
      .selectFrom('dailyReports as r')
      .innerJoin('employees as e', 'e.id', 'r.employeeId')
      .innerJoin('units as u', 'u.id', 'r.unitId')
      .innerJoin('skpRhk as rh', 'rh.id', 'r.rhkId')
      .leftJoin('employees as v', 'v.id', 'r.verifierId')
      .select([
        'r.id',
        'r.clientId',
        'r.employeeId',
        'e.frontTitle',
        'e.name',
        'e.backTitle',
        'e.nip',
        'r.unitId',
        'u.name as unitName',
        'u.path as unitPath',
        'u.timeZone',
        'r.skpId',
        'r.rhkId',
        'rh.text as rhkText',
        'rh.kind as rhkKind',
        'r.reportDate',
        'r.activity',
        'r.output',
        'r.quantity',
        'r.satuan',
        'r.minutes',
        'r.latitude',
        'r.longitude',
        'r.accuracyM',
        'r.recordedAt',
        'r.status',
        'r.verifierId',
        'v.name as verifierName',
        'r.verifiedAs',
        'r.verifiedAt',
        'r.verifyNote',
        'r.revision',
        'r.createdAt',
        'r.updatedAt',
      ])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('attachments as a')
              .select('a.id')
              .where('a.ownerKind', '=', EVIDENCE_OWNER)
              .whereRef('a.ownerId', '=', 'r.id')
              .where('a.purgedAt', 'is', null),
          )
          .as('hasEvidence'),
      );

  return {
    view,

    byId: (id: string, exec: Exec = db) =>
      view(exec).where('r.id', '=', id).executeTakeFirst() as Promise<ReportRow | undefined>,

    /** `byId` with the stored day code of the report's date (`dayCode`), in one statement. */
    shownById: (id: string, exec: Exec = db) =>
      view(exec).select(dayCodeOfReport.as('dayCode')).where('r.id', '=', id).executeTakeFirst() as Promise<
        (ReportRow & { dayCode: string | null }) | undefined
      >,

    byIds: (ids: string[], exec: Exec = db) =>
      ids.length === 0
        ? Promise.resolve([] as ReportRow[])
        : (view(exec).where('r.id', 'in', ids).execute() as Promise<ReportRow[]>),

    byClientId: (employeeId: string, clientId: string, exec: Exec = db) =>
      exec
        .selectFrom('dailyReports')
        .select('id')
        .where('employeeId', '=', employeeId)
        .where('clientId', '=', clientId)
        .executeTakeFirst(),

    /** The plain row (for writes). */
    row: (id: string, exec: Exec = db) =>
      exec.selectFrom('dailyReports').selectAll().where('id', '=', id).executeTakeFirst(),

    /** One transaction at a time per employee writes their reports (the day total is checked then written). */
    lockEmployee: async (employeeId: string, exec: Exec) => {
      await sql`select pg_advisory_xact_lock(hashtext(${`daily_reports:${employeeId}`}))`.execute(exec);
    },

    /** Insert unless the (employee, clientId) is already stored: the id, or undefined when it was. */
    insertOnce: (row: Insertable<DailyReportsTable>, exec: Exec) =>
      exec
        .insertInto('dailyReports')
        .values(row)
        .onConflict((oc) => oc.columns(['employeeId', 'clientId']).doNothing())
        .returning('id')
        .executeTakeFirst(),

    /** Minutes of the employee's day that count toward its total (SUBMITTED, ACCEPTED), without `exceptId`. */
    countedMinutes: async (employeeId: string, date: LocalDate, exceptId: string | null, exec: Exec) => {
      let q = exec
        .selectFrom('dailyReports')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('minutes'), sql<string>`0`).as('total'))
        .where('employeeId', '=', employeeId)
        .where('reportDate', '=', date)
        .where('status', '!=', 'RETURNED');
      if (exceptId) q = q.where('id', '!=', exceptId);
      return Number((await q.executeTakeFirstOrThrow()).total);
    },

    /**
     * What a new or corrected report is checked against, in one statement: the SKP of the employee covering `date`
     * that reports may cite (as `skpOn`), whether `rhkId` is one of its RHK, the day's counted minutes (as
     * `countedMinutes`) and the employee's name (for the notice).
     */
    submitFacts: async (
      employeeId: string,
      date: LocalDate,
      rhkId: string,
      exceptId: string | null,
      exec: Exec,
    ) => {
      const r = await sql<{ name: string; skpId: string | null; rhkOk: boolean; counted: string }>`
        select e.name, s.id as skp_id,
          coalesce(exists (select 1 from skp_rhk rh where rh.skp_id = s.id and rh.id = ${rhkId}::uuid), false)
            as rhk_ok,
          (select coalesce(sum(d.minutes), 0) from daily_reports d
            where d.employee_id = e.id and d.report_date = ${date}::date and d.status <> 'RETURNED'
              ${exceptId ? sql`and d.id <> ${exceptId}::uuid` : sql``})::text as counted
        from employees e
        left join lateral (select k.id from skp k where k.employee_id = e.id and k.period_start <= ${date}::date
            and k.period_end >= ${date}::date and k.status in ('SUBMITTED', 'APPROVED')
            order by k.period_start desc limit 1) s on true
        where e.id = ${employeeId}::uuid`.execute(exec);
      const row = r.rows[0];
      return row
        ? { name: row.name, skpId: row.skpId, rhkOk: row.rhkOk, counted: Number(row.counted) }
        : null;
    },

    /** The SKP of the employee covering `date` that reports may cite (SUBMITTED or APPROVED), latest start first. */
    skpOn: (employeeId: string, date: LocalDate, exec: Exec = db) =>
      exec
        .selectFrom('skp')
        .select(['id', 'periodStart', 'periodEnd', 'status', 'unitId'])
        .where('employeeId', '=', employeeId)
        .where('periodStart', '<=', date)
        .where('periodEnd', '>=', date)
        .where('status', 'in', ['SUBMITTED', 'APPROVED'])
        .orderBy('periodStart', 'desc')
        .executeTakeFirst(),

    /** Any SKP of the employee covering `date` (for the status shown on the supervision page). */
    anySkpOn: (employeeIds: string[], date: LocalDate, exec: Exec = db) =>
      employeeIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('skp')
            .select(['id', 'employeeId', 'status', 'periodStart', 'periodEnd'])
            .where('employeeId', 'in', employeeIds)
            .where('periodStart', '<=', date)
            .where('periodEnd', '>=', date)
            .orderBy('periodStart', 'desc')
            .execute(),

    rhkOf: (skpId: string, exec: Exec = db) =>
      exec
        .selectFrom('skpRhk')
        .select(['id', 'kind', 'seq', 'text'])
        .where('skpId', '=', skpId)
        .orderBy('kind', 'desc')
        .orderBy('seq')
        .execute(),

    indicatorsOf: (rhkIds: string[], exec: Exec = db) =>
      rhkIds.length === 0
        ? Promise.resolve([])
        : exec
            .selectFrom('skpIndicators')
            .select(['rhkId', 'seq', 'text', 'aspect', 'targetMin', 'satuan'])
            .where('rhkId', 'in', rhkIds)
            .orderBy('rhkId')
            .orderBy('seq')
            .execute(),

    /**
     * The stored daily status codes of employees on dates (read only): `${employeeId}|${date}` → code. From the
     * month rows (`status_months`), split here: the `day_statuses` view would unnest every column of each month.
     */
    dayCodes: async (employeeIds: string[], dates: LocalDate[], exec: Exec = db) => {
      const out = new Map<string, string>();
      if (employeeIds.length === 0 || dates.length === 0) return out;
      const wanted = new Set(dates);
      const rows = await exec
        .selectFrom('statusMonths')
        .select(['employeeId', 'month', 'code'])
        .where('employeeId', 'in', [...new Set(employeeIds)])
        .where('month', 'in', [...new Set(dates.map(monthStart))])
        .execute();
      for (const r of rows) {
        const prefix = r.month.slice(0, 8);
        r.code.split(DAY_SEP).forEach((code, i) => {
          const date = `${prefix}${String(i + 1).padStart(2, '0')}`;
          if (code !== '' && wanted.has(date)) out.set(`${r.employeeId}|${date}`, code);
        });
      }
      return out;
    },

    /** The stored daily status codes of one employee over a range (read only). */
    codesBetween: async (employeeId: string, from: LocalDate, to: LocalDate, exec: Exec = db) => {
      const rows = await exec
        .selectFrom('dayStatuses')
        .select(['localDate', 'code'])
        .where('employeeId', '=', employeeId)
        .where('month', '>=', monthStart(from))
        .where('month', '<=', to)
        .where('localDate', '>=', from)
        .where('localDate', '<=', to)
        .execute();
      return new Map(rows.map((r) => [r.localDate, r.code]));
    },

    /** The evidence waiting for its uploader (staged, not yet cited), by its row id. */
    waitingUpload: (attachmentId: string, uploadedBy: string, exec: Exec = db) =>
      exec
        .selectFrom('attachments')
        .select(['id', 'sha256'])
        .where('id', '=', attachmentId)
        .where('uploadedBy', '=', uploadedBy)
        .where('ownerId', 'is', null)
        .where('purgedAt', 'is', null)
        .executeTakeFirst(),

    waitingByHash: (sha256: string, uploadedBy: string, exec: Exec = db) =>
      exec
        .selectFrom('attachments')
        .select('id')
        .where('sha256', '=', sha256)
        .where('uploadedBy', '=', uploadedBy)
        .where('ownerId', 'is', null)
        .executeTakeFirst(),

    /** Remove a report's evidence row (the store keeps the bytes until no row refers to them). */
    dropEvidence: (reportId: string, exec: Exec) =>
      exec
        .deleteFrom('attachments')
        .where('ownerKind', '=', EVIDENCE_OWNER)
        .where('ownerId', '=', reportId)
        .execute(),
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
export type ReportQuery = SelectQueryBuilder<Database, never, ReportRow>;
