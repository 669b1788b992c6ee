import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { PNS_GOLONGAN, usesPnsGolongan, type EmployeeType } from '../../../core/people/employee-types.ts';
import type { SkpPerson } from '../../../shared/api/kinerja-skp.ts';

/** Reads and writes of e-Kinerja's SKP section (tables skp, skp_rhk, skp_indicators, kinerja_feedback, rhk_evidence). */

export type SkpRow = Awaited<ReturnType<ReturnType<typeof createSkpRepo>['byId']>> & object;

/** "Penata Muda / III/a" for a PNS golongan, the golongan itself otherwise (PPPK), or null. */
export function pangkatGolongan(type: string, golongan: string | null): string | null {
  if (!golongan) return null;
  if (usesPnsGolongan(type as EmployeeType)) {
    const g = PNS_GOLONGAN.find((x) => x.code === golongan);
    return g ? `${g.pangkat} / ${g.code}` : golongan;
  }
  return `Golongan ${golongan}`;
}

/** The full name with titles of a row with nullable title columns. */
export function fullName(r: { name: string; frontTitle: string | null; backTitle: string | null }): string {
  return formatFullName({
    name: r.name,
    frontTitle: r.frontTitle ?? undefined,
    backTitle: r.backTitle ?? undefined,
  });
}

/** Columns of `skp` as the summary query names them (for the section's filters). */
export const SKP_COL = { id: 'skp.id', year: 'skp.year', status: 'skp.status' } as const;

export function createSkpRepo(db: Db) {
  const skpSelect = (exec: Exec) =>
    exec
      .selectFrom('skp')
      .innerJoin('employees as e', 'e.id', 'skp.employeeId')
      .innerJoin('units as u', 'u.id', 'skp.unitId')
      .leftJoin('positions as p', 'p.id', 'skp.positionId')
      .select([
        'skp.id',
        'skp.employeeId',
        'skp.unitId',
        'skp.positionId',
        'skp.year',
        'skp.periodStart',
        'skp.periodEnd',
        'skp.approach',
        'skp.status',
        'skp.penilaiId',
        'skp.atasanPenilaiId',
        'skp.returnNote',
        'skp.submittedAt',
        'skp.decidedAt',
        'skp.decidedBy',
        'skp.decidedAs',
        'skp.copiedFrom',
        'skp.perilaku',
        'skp.lampiran',
        'skp.createdAt',
        'skp.updatedAt',
        'e.name as employeeName',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'e.employeeType',
        'u.name as unitName',
        'u.path as unitPath',
        'p.name as positionName',
        'p.kind as positionKind',
      ]);

  /** One SKP with its employee, unit and position (`forUpdate` inside a transaction locks the row). */
  async function byId(id: string, exec: Exec = db, forUpdate = false) {
    let q = skpSelect(exec).where('skp.id', '=', id);
    if (forUpdate) q = q.forUpdate('skp');
    return q.executeTakeFirst();
  }

  /** People as SKP pages and the document name them (their current position and unit). */
  async function people(ids: readonly (string | null | undefined)[], exec: Exec = db) {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    const out = new Map<string, SkpPerson>();
    if (wanted.length === 0) return out;
    const rows = await exec
      .selectFrom('employees as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .leftJoin('positions as p', 'p.id', 'e.positionId')
      .select([
        'e.id',
        'e.name',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'e.employeeType',
        'e.golongan',
        'p.name as positionName',
        'u.name as unitName',
      ])
      .where('e.id', 'in', wanted)
      .execute();
    for (const r of rows)
      out.set(r.id, {
        employeeId: r.id,
        name: fullName(r),
        nip: r.nip,
        pangkatGolongan: pangkatGolongan(r.employeeType, r.golongan),
        positionName: r.positionName,
        unitName: r.unitName,
      });
    return out;
  }

  /** The RHK of SKPs, in order, with their indicators and the intervened superior RHK. */
  async function rhkOf(skpIds: readonly string[], exec: Exec = db) {
    if (skpIds.length === 0) return [];
    const rhk = await exec
      .selectFrom('skpRhk as r')
      .leftJoin('skpRhk as sup', 'sup.id', 'r.intervenesRhkId')
      .leftJoin('skp as ss', 'ss.id', 'sup.skpId')
      .leftJoin('employees as se', 'se.id', 'ss.employeeId')
      .select([
        'r.id',
        'r.skpId',
        'r.kind',
        'r.seq',
        'r.text',
        'r.intervenesRhkId',
        'r.penugasanDari',
        'sup.text as supText',
        'sup.skpId as supSkpId',
        'ss.employeeId as supEmployeeId',
        'se.name as supName',
        'se.frontTitle as supFront',
        'se.backTitle as supBack',
        (eb) =>
          eb
            .selectFrom('skpRhk as c')
            .select(eb.fn.countAll<string>().as('n'))
            .whereRef('c.intervenesRhkId', '=', 'r.id')
            .as('intervenedBy'),
      ])
      .where('r.skpId', 'in', skpIds)
      .orderBy('r.skpId')
      .orderBy(sql`case when r.kind = 'UTAMA' then 0 else 1 end`)
      .orderBy('r.seq')
      .execute();
    const ind = rhk.length
      ? await exec
          .selectFrom('skpIndicators')
          .selectAll()
          .where(
            'rhkId',
            'in',
            rhk.map((r) => r.id),
          )
          .orderBy('rhkId')
          .orderBy('seq')
          .execute()
      : [];
    const byRhk = new Map<string, typeof ind>();
    for (const i of ind) byRhk.set(i.rhkId, [...(byRhk.get(i.rhkId) ?? []), i]);
    return rhk.map((r) => ({
      id: r.id,
      skpId: r.skpId,
      kind: r.kind as 'UTAMA' | 'TAMBAHAN',
      seq: r.seq,
      text: r.text,
      intervenesRhkId: r.intervenesRhkId,
      intervenes:
        r.intervenesRhkId && r.supText && r.supSkpId && r.supEmployeeId
          ? {
              rhkId: r.intervenesRhkId,
              text: r.supText,
              skpId: r.supSkpId,
              employeeId: r.supEmployeeId,
              employeeName: fullName({ name: r.supName ?? '', frontTitle: r.supFront, backTitle: r.supBack }),
            }
          : null,
      penugasanDari: r.penugasanDari,
      intervenedByCount: Number(r.intervenedBy ?? 0),
      indicators: (byRhk.get(r.id) ?? []).map((i) => ({
        id: i.id,
        seq: i.seq,
        text: i.text,
        aspect: i.aspect as 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA',
        targetMin: Number(i.targetMin),
        targetMax: i.targetMax === null ? null : Number(i.targetMax),
        satuan: i.satuan,
      })),
    }));
  }

  /** The superior RHK named by ids, with their SKP's owner, status and period (the cascade check). */
  async function superiorRhk(ids: readonly string[], exec: Exec = db) {
    if (ids.length === 0) return [];
    return exec
      .selectFrom('skpRhk as r')
      .innerJoin('skp as s', 's.id', 'r.skpId')
      .select([
        'r.id',
        's.employeeId as skpEmployeeId',
        's.status as skpStatus',
        's.periodStart',
        's.periodEnd',
      ])
      .where('r.id', 'in', [...new Set(ids)])
      .execute();
  }

  /** The SKPs of an employee in a year (or every year), oldest first. */
  async function ofEmployee(employeeId: string, year: number | undefined, exec: Exec = db) {
    let q = exec
      .selectFrom('skp')
      .select(['id', 'periodStart', 'periodEnd', 'status', 'year'])
      .where('employeeId', '=', employeeId);
    if (year !== undefined) q = q.where('year', '=', year);
    return q.orderBy('periodStart').execute();
  }

  /** The start of the employee's placement in force on a date. */
  async function placementStart(employeeId: string, date: string, exec: Exec = db) {
    const row = await exec
      .selectFrom('placements')
      .select('validFrom')
      .where('employeeId', '=', employeeId)
      .where('validFrom', '<=', date)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', date)]))
      .orderBy('validFrom', 'desc')
      .executeTakeFirst();
    return row?.validFrom ?? null;
  }

  /** A summary row per SKP for lists. */
  const summarySelect = (exec: Exec) =>
    exec
      .selectFrom('skp')
      .innerJoin('employees as e', 'e.id', 'skp.employeeId')
      .innerJoin('units as u', 'u.id', 'skp.unitId')
      .leftJoin('positions as p', 'p.id', 'skp.positionId')
      .select((eb) => [
        'skp.id',
        'skp.employeeId',
        'e.name as employeeName',
        'e.frontTitle',
        'e.backTitle',
        'e.nip',
        'skp.unitId',
        'u.name as unitName',
        'p.name as positionName',
        'skp.year',
        'skp.periodStart',
        'skp.periodEnd',
        'skp.approach',
        'skp.status',
        'skp.submittedAt',
        'skp.decidedAt',
        eb
          .selectFrom('skpRhk as r')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('r.skpId', '=', 'skp.id')
          .as('rhkCount'),
      ]);

  return { byId, people, rhkOf, superiorRhk, ofEmployee, placementStart, summarySelect };
}
export type SkpRepo = ReturnType<typeof createSkpRepo>;
