import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Exec } from './recap-repo.ts';
import { DAY_SEP } from '../../lib/month-rows.ts';

/**
 * The recap's reads at province scale (issue 13 point 12): each reads what its answer needs — the month's
 * packed day columns a heatmap counts, the stored monthly figures a warning list starts from, the days of the
 * warning candidates only — instead of unpacking every day (reasons included) of a subtree through the
 * `day_statuses` view. Part of the recap repository (spread into `createRecapRepo`).
 */

/** A subtree with at most this many units is read through the GIN index on `status_months.units`; a larger one
 * reads the whole month through `status_months_month_days` and keeps its own rows: an overlap with ~1,000 units
 * took 2.8 s on the GIN index at 10,000 employees. */
const GIN_MAX_UNITS = 64;

/** One cell of the heatmap: a group (the unit itself or a sub-unit with its subtree) on a date. */
export interface HeatmapCell {
  unitId: string;
  unitName: string;
  localDate: string;
  working: number;
  onTime: number;
}

/** A month row's packed columns, as read for a heatmap. */
interface HeatmapMonthRow {
  units: string[];
  unitIx: string;
  code: string;
  lateBand: string;
  missingCheckIn: string;
  nonWorkingDay: string;
}

const SEP = '\x1f';
const isFalse = (s: string | undefined) => s === 'false' || s === 'f';

export function createRecapReads(db: Db) {
  return {
    /**
     * Share of on-time presence per group and day: the unit itself (its own days) and each direct sub-unit (its
     * whole subtree), for the days of `month` from each day's unit go-live on. Working = a day stored as a working
     * day; on time = also `H`, no late band, check-in recorded (the figures of `recapOfDays`). One read of the
     * month's packed columns (covering index `status_months_month_days`, migration 202612060202), counted here;
     * ordered by group name (as the database sorts it), then date.
     */
    heatmapCells: async (unit: { id: string; path: string }, month: string): Promise<HeatmapCell[]> => {
      const units = await db
        .selectFrom('units')
        .select(['id', 'name', 'path', 'parentId', 'attendanceStart'])
        .where('path', 'like', `${unit.path}%`)
        .orderBy('name')
        .execute();
      // Groups in the database's order of their names (units were read sorted): the unit itself and its sub-units.
      const groups = units.filter((u) => u.id === unit.id || u.parentId === unit.id);
      const groupIx = new Map(groups.map((g, k) => [g.id, k]));
      /** Per unit of the subtree: its group (the unit itself, else the sub-unit whose subtree holds it), go-live. */
      const of = new Map<string, { group: number; goLive: string }>();
      for (const u of units) {
        const top = u.id === unit.id ? unit.id : u.path.slice(unit.path.length).split('/')[0]!;
        const group = groupIx.get(top);
        if (group !== undefined) of.set(u.id, { group, goLive: u.attendanceStart });
      }
      const ids = units.map((u) => u.id);
      const rows = (
        await sql<HeatmapMonthRow>`
          select units, unit_ix, code, late_band, missing_check_in, non_working_day
          from status_months
          where month = ${`${month}-01`}::date
            ${ids.length <= GIN_MAX_UNITS ? sql`and units && ${ids}::uuid[]` : sql``}`.execute(db)
      ).rows;
      // Counters per group and day of the month (-1: no stored day of the group on that date).
      const days = 31;
      const working = new Int32Array(groups.length * days).fill(-1);
      const onTime = new Int32Array(groups.length * days);
      const dates = Array.from({ length: days }, (_, i) => `${month}-${i < 9 ? '0' : ''}${i + 1}`);
      for (const r of rows) {
        const ix = r.unitIx.split(SEP);
        const code = r.code.split(SEP);
        const late = r.lateBand.split(SEP);
        const missingIn = r.missingCheckIn.split(SEP);
        const nonWorking = r.nonWorkingDay.split(SEP);
        for (let i = 0; i < code.length; i++) {
          if (!code[i]) continue;
          const u = of.get(r.units[Number(ix[i]) - 1] ?? '');
          if (!u || dates[i]! < u.goLive) continue;
          const k = u.group * days + i;
          if (working[k] === -1) working[k] = 0;
          if (isFalse(nonWorking[i])) {
            working[k] = working[k]! + 1;
            if (code[i] === 'H' && !late[i] && isFalse(missingIn[i])) onTime[k] = onTime[k]! + 1;
          }
        }
      }
      const cells: HeatmapCell[] = [];
      for (let g = 0; g < groups.length; g++)
        for (let i = 0; i < days; i++) {
          const k = g * days + i;
          if (working[k] !== -1)
            cells.push({
              unitId: groups[g]!.id,
              unitName: groups[g]!.name,
              localDate: dates[i]!,
              working: working[k]!,
              onTime: onTime[k]!,
            });
        }
      return cells;
    },

    /**
     * Whether every stored employee-month of `fromMonth`..`toMonth` has its recap row (the status service writes
     * both in one transaction; a month stored another way — a seeded test, a restore — may lack them): when so,
     * the warning candidates can be read from the recap rows.
     */
    recapsComplete: async (fromMonth: string, toMonth: string, exec: Exec = db) => {
      const r = await sql<{ days: number; recaps: number }>`
        select (select count(*) from status_months where month between ${`${fromMonth}-01`}::date and ${`${toMonth}-01`}::date)::int as days,
          (select count(*) from monthly_recaps where month between ${fromMonth} and ${toMonth})::int as recaps`.execute(
        exec,
      );
      return r.rows[0]!.days === r.rows[0]!.recaps;
    },

    /**
     * Employees of the subtree whose stored monthly figures of `fromMonth`..`toMonth` (rows of the subtree's
     * units) reach `floorDays`: TK days plus the minutes late and early as days (`minutesPerDay`), as the
     * discipline accumulation counts them (`recapOfDays` stores `accumulateDiscipline`'s figures), most first,
     * at most `limit`. One aggregate over ~12 narrow rows per employee instead of ~365 unpacked days.
     */
    warningCandidates: async (
      unitPath: string,
      fromMonth: string,
      toMonth: string,
      minutesPerDay: number,
      floorDays: number,
      limit: number,
      exec: Exec = db,
    ) =>
      (
        await sql<{ employeeId: string }>`
          select r.employee_id
          from monthly_recaps r join units u on u.id = r.unit_id
          where r.month between ${fromMonth} and ${toMonth} and u.path like ${`${unitPath}%`}
          group by r.employee_id
          having sum(r.tk_days) + floor(sum(r.late_minutes + r.early_minutes) / ${minutesPerDay}::int) >= ${floorDays}::int
          order by sum(r.tk_days) + floor(sum(r.late_minutes + r.early_minutes) / ${minutesPerDay}::int) desc,
            r.employee_id
          limit ${limit}`.execute(exec)
      ).rows.map((r) => r.employeeId),

    /**
     * The stored days of the employees in `from`..`to` with only what a discipline accumulation reads (code,
     * minutes, working day, the day's unit), split from the packed columns without the others. With `keep`, a day
     * becomes an object only when `keep` (fed each employee's days in date order) says so: a year of days for
     * thousands of employees otherwise costs more in allocation than in reading.
     */
    daysOf: async (
      employeeIds: string[],
      from: string,
      to: string,
      keep?: (
        employeeId: string,
        date: string,
        unitId: string,
        day: { code: string; nonWorkingDay: boolean; lateMinutes: number; earlyMinutes: number },
      ) => boolean,
      exec: Exec = db,
    ) => {
      if (employeeIds.length === 0) return [];
      const rows = await sql<{
        employeeId: string;
        month: string;
        units: string[];
        unitIx: string;
        code: string;
        lateMinutes: string;
        earlyMinutes: string;
        nonWorkingDay: string;
      }>`
        select employee_id, month::text as month, units, unit_ix, code, late_minutes, early_minutes, non_working_day
        from status_months
        where employee_id = any(${employeeIds}::uuid[])
          and month between ${`${from.slice(0, 7)}-01`}::date and ${`${to.slice(0, 7)}-01`}::date
        order by employee_id, month`.execute(exec);
      const out: {
        employeeId: string;
        unitId: string;
        localDate: string;
        code: string;
        lateMinutes: number;
        earlyMinutes: number;
        nonWorkingDay: boolean;
      }[] = [];
      // One scratch object for `keep` (it reads it at once and keeps no reference).
      const probe = { code: '', nonWorkingDay: false, lateMinutes: 0, earlyMinutes: 0 };
      for (const r of rows.rows) {
        const code = r.code.split(DAY_SEP);
        const unitIx = r.unitIx.split(DAY_SEP);
        const late = r.lateMinutes.split(DAY_SEP);
        const early = r.earlyMinutes.split(DAY_SEP);
        const off = r.nonWorkingDay.split(DAY_SEP);
        const prefix = r.month.slice(0, 8);
        for (let i = 0; i < code.length; i++) {
          const c = code[i];
          if (!c) continue;
          const date = `${prefix}${i < 9 ? '0' : ''}${i + 1}`;
          if (date < from || date > to) continue;
          const unitId = r.units[Number(unitIx[i]) - 1]!;
          probe.code = c;
          probe.nonWorkingDay = off[i] === 'true' || off[i] === 't';
          probe.lateMinutes = late[i] ? Number(late[i]) : 0;
          probe.earlyMinutes = early[i] ? Number(early[i]) : 0;
          if (keep && !keep(r.employeeId, date, unitId, probe)) continue;
          out.push({ employeeId: r.employeeId, unitId, localDate: date, ...probe });
        }
      }
      return out;
    },
  };
}

export type RecapReads = ReturnType<typeof createRecapReads>;
