import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { sql } from 'kysely';
import { scopeOf, unitScopeCondition, type Actor, type UnitScope } from '../../auth/authz.ts';
import { forbidden, notFound } from '../../errors.ts';
import { pagesOf, tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { PREDIKAT_LABELS, RATING_LABELS } from '../../../core/performance/performance-rules.ts';
import type { Predikat, Rating } from '../../../core/performance/performance-rules.ts';
import {
  KINERJA_EVALUATION_EXPORT_HEADERS,
  KINERJA_SKP_EXPORT_HEADERS,
} from '../../../shared/api/kinerja-interchange.ts';
import type { KinerjaContext } from './kinerja-context.ts';

const ddmmyyyy = (d: string | null) => (d ? formatDdMmYyyy(d) : '');
const cap = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();
const num = (v: string | number | null) => (v === null || v === undefined ? null : Number(v));

const SKP_STATUS: Record<string, string> = {
  DRAFT: 'Draf',
  SUBMITTED: 'Diajukan',
  APPROVED: 'Disetujui',
  RETURNED: 'Dikembalikan',
};
const EVAL_STATUS: Record<string, string> = { DRAFT: 'Draf', FINAL: 'Final', APPROVED: 'Disetujui' };

const columns = (headers: readonly string[]): TableColumn[] =>
  headers.map((h) => ({ header: h, key: h, width: Math.max(12, Math.min(48, h.length + 4)) }));

/**
 * Exports shaped like BKN e-Kinerja / SIASN data (issue 15 point 7; docs/kinerja-interchange.md): the SKP with
 * its RHK, the intervened superior RHK and the indicators' targets, and the evaluations with realisation,
 * ratings and predikat. kinerja.read or kinerja.manage over the unit (the scope's top without a unit); reading
 * writes nothing. Rendered by the jobs module (direct download via runNow, or a background job).
 */
export function createInterchangeExport(ctx: KinerjaContext) {
  const { db } = ctx;

  /** The scope the actor reads kinerja in, narrowed to a unit's subtree. @throws FORBIDDEN, NOT_FOUND */
  async function readScope(actor: Actor, unitId: string | undefined): Promise<UnitScope> {
    const a = scopeOf(actor, 'kinerja.read');
    const b = scopeOf(actor, 'kinerja.manage');
    const scope: UnitScope = a === 'all' || b === 'all' ? 'all' : [...a, ...b];
    if (scope !== 'all' && scope.length === 0)
      throw forbidden('Ekspor data kinerja memerlukan kewenangan kinerja.read atau kinerja.manage');
    if (!unitId) return scope;
    const unit = await db.selectFrom('units').select('path').where('id', '=', unitId).executeTakeFirst();
    if (!unit) throw notFound('Unit');
    if (scope !== 'all' && !scope.some((p) => unit.path.startsWith(p)))
      throw forbidden('Unit ini di luar lingkup kewenangan Anda');
    return [unit.path];
  }

  async function skpRows(scope: UnitScope, year: number, limit: number, offset: number) {
    const rows = await db
      .selectFrom('skpIndicators as i')
      .innerJoin('skpRhk as r', 'r.id', 'i.rhkId')
      .innerJoin('skp as s', 's.id', 'r.skpId')
      .innerJoin('employees as e', 'e.id', 's.employeeId')
      .innerJoin('units as u', 'u.id', 's.unitId')
      .leftJoin('positions as p', 'p.id', 's.positionId')
      .leftJoin('skpRhk as ir', 'ir.id', 'r.intervenesRhkId')
      .leftJoin('skp as is', 'is.id', 'ir.skpId')
      .leftJoin('employees as ie', 'ie.id', 'is.employeeId')
      .select([
        'e.nip',
        'e.name',
        'p.name as positionName',
        'u.name as unitName',
        's.periodStart',
        's.periodEnd',
        's.approach',
        's.status',
        'r.kind',
        'r.seq',
        'r.text',
        'r.penugasanDari',
        'ie.nip as supNip',
        'ir.text as supText',
        'i.aspect',
        'i.text as indicator',
        'i.targetMin',
        'i.targetMax',
        'i.satuan',
      ])
      .where('s.year', '=', year)
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'))
      .orderBy('u.name')
      .orderBy('e.name')
      .orderBy('e.id')
      .orderBy('s.periodStart')
      .orderBy('r.kind', 'desc')
      .orderBy('r.seq')
      .orderBy('i.seq')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r): Record<string, unknown> => ({
      NIP: r.nip ?? '',
      NAMA: r.name,
      JABATAN: r.positionName ?? '',
      'UNIT KERJA': r.unitName,
      'PERIODE AWAL': ddmmyyyy(r.periodStart),
      'PERIODE AKHIR': ddmmyyyy(r.periodEnd),
      PENDEKATAN: cap(r.approach),
      'STATUS SKP': SKP_STATUS[r.status] ?? r.status,
      'JENIS RHK': cap(r.kind),
      'NO RHK': r.seq,
      'RENCANA HASIL KERJA': r.text,
      'NIP ATASAN': r.supNip ?? '',
      'RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI': r.supText ?? r.penugasanDari ?? '',
      ASPEK: cap(r.aspect),
      'INDIKATOR KINERJA INDIVIDU': r.indicator,
      'TARGET MIN': num(r.targetMin),
      'TARGET MAX': num(r.targetMax ?? r.targetMin),
      SATUAN: r.satuan,
    }));
  }

  async function countSkpRows(scope: UnitScope, year: number) {
    const r = await db
      .selectFrom('skpIndicators as i')
      .innerJoin('skpRhk as r', 'r.id', 'i.rhkId')
      .innerJoin('skp as s', 's.id', 'r.skpId')
      .innerJoin('units as u', 'u.id', 's.unitId')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('s.year', '=', year)
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The SKP export as a job spec (checked before building). @throws FORBIDDEN, NOT_FOUND */
  async function skpExport(actor: Actor, q: { year: number; unitId?: string; format: 'xlsx' | 'csv' }) {
    const scope = await readScope(actor, q.unitId);
    const total = await countSkpRows(scope, q.year);
    return tableExportSpec({
      kind: 'kinerja-skp',
      params: { year: q.year, unitId: q.unitId ?? null },
      format: q.format,
      fileBase: `skp-${q.year}`,
      title: 'SKP',
      columns: columns(KINERJA_SKP_EXPORT_HEADERS),
      total,
      pages: () => pagesOf((limit, offset) => skpRows(scope, q.year, limit, offset)),
    });
  }

  function evaluationQuery(scope: UnitScope, year: number, periodStart: string | undefined) {
    let q = db
      .selectFrom('evaluations as ev')
      .innerJoin('employees as e', 'e.id', 'ev.employeeId')
      .innerJoin('units as u', 'u.id', 'ev.unitId')
      .leftJoin('employees as pn', 'pn.id', 'ev.penilaiId')
      .where(sql<boolean>`extract(year from ev.period_start) = ${year}`)
      .where((eb) => unitScopeCondition(eb, scope, 'u.path'));
    if (periodStart) q = q.where('ev.periodStart', '=', periodStart);
    return q;
  }

  async function evaluationRows(
    scope: UnitScope,
    year: number,
    periodStart: string | undefined,
    zone: string,
    limit: number,
    offset: number,
  ) {
    const evs = await evaluationQuery(scope, year, periodStart)
      .select([
        'ev.id',
        'ev.skpId',
        'ev.kind',
        'ev.label',
        'ev.periodStart',
        'ev.periodEnd',
        'ev.realisation',
        'ev.hasilKerjaRating',
        'ev.perilakuRating',
        'ev.predikat',
        'ev.status',
        'ev.finalisedAt',
        'ev.approvedAt',
        'e.nip',
        'e.name',
        'u.name as unitName',
        'u.timeZone',
        'pn.nip as penilaiNip',
      ])
      .orderBy('u.name')
      .orderBy('e.name')
      .orderBy('ev.periodStart')
      .orderBy('ev.id')
      .limit(limit)
      .offset(offset)
      .execute();
    if (evs.length === 0) return [];
    const inds = await db
      .selectFrom('skpIndicators as i')
      .innerJoin('skpRhk as r', 'r.id', 'i.rhkId')
      .select([
        'r.skpId',
        'r.kind',
        'r.seq as rhkSeq',
        'r.text as rhkText',
        'i.id',
        'i.seq',
        'i.aspect',
        'i.text',
        'i.targetMin',
        'i.targetMax',
        'i.satuan',
      ])
      .where('r.skpId', 'in', [...new Set(evs.map((e) => e.skpId))])
      .orderBy('r.kind', 'desc')
      .orderBy('r.seq')
      .orderBy('i.seq')
      .execute();
    const day = (t: Date | string | null, tz: string) =>
      t
        ? ddmmyyyy(
            new Intl.DateTimeFormat('en-CA', { timeZone: tz || zone, dateStyle: 'short' }).format(
              new Date(t),
            ),
          )
        : '';
    const out: Record<string, unknown>[] = [];
    for (const ev of evs) {
      const real = new Map(
        (Array.isArray(ev.realisation) ? ev.realisation : []).map((x) => [x.indicatorId, x.realisasi]),
      );
      const base = {
        NIP: ev.nip ?? '',
        NAMA: ev.name,
        'UNIT KERJA': ev.unitName,
        'JENIS PENILAIAN': ev.kind === 'TAHUNAN' ? 'Tahunan' : 'Periodik',
        PERIODE: ev.label,
        'PERIODE AWAL': ddmmyyyy(ev.periodStart),
        'PERIODE AKHIR': ddmmyyyy(ev.periodEnd),
        'RATING HASIL KERJA': ev.hasilKerjaRating ? RATING_LABELS[ev.hasilKerjaRating as Rating] : '',
        'RATING PERILAKU KERJA': ev.perilakuRating ? RATING_LABELS[ev.perilakuRating as Rating] : '',
        'PREDIKAT KINERJA': ev.predikat ? PREDIKAT_LABELS[ev.predikat as Predikat] : '',
        STATUS: EVAL_STATUS[ev.status] ?? ev.status,
        'NIP PENILAI': ev.penilaiNip ?? '',
        'TANGGAL PENILAIAN': day(ev.finalisedAt, ev.timeZone),
        'TANGGAL PERSETUJUAN': day(ev.approvedAt, ev.timeZone),
      };
      const mine = inds.filter((i) => i.skpId === ev.skpId);
      if (mine.length === 0) out.push(base);
      for (const i of mine) {
        const min = num(i.targetMin);
        const max = num(i.targetMax);
        out.push({
          ...base,
          'NO RHK': i.rhkSeq,
          'RENCANA HASIL KERJA': i.rhkText,
          ASPEK: cap(i.aspect),
          'INDIKATOR KINERJA INDIVIDU': i.text,
          TARGET: max !== null && max !== min ? `${min}-${max}` : min,
          SATUAN: i.satuan,
          REALISASI: real.get(i.id) ?? null,
        });
      }
    }
    return out;
  }

  /** The evaluation export as a job spec (checked before building). @throws FORBIDDEN, NOT_FOUND */
  async function evaluationExport(
    actor: Actor,
    q: { year: number; periodStart?: string; unitId?: string; format: 'xlsx' | 'csv' },
  ) {
    const scope = await readScope(actor, q.unitId);
    const n = await evaluationQuery(scope, q.year, q.periodStart)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const zone = 'Asia/Jakarta';
    return tableExportSpec({
      kind: 'kinerja-evaluations',
      params: { year: q.year, periodStart: q.periodStart ?? null, unitId: q.unitId ?? null },
      format: q.format,
      fileBase: `penilaian-kinerja-${q.periodStart ?? q.year}`,
      title: 'Penilaian Kinerja',
      columns: columns(KINERJA_EVALUATION_EXPORT_HEADERS),
      total: Number(n.n),
      // Pages of evaluations (each page's rows are its evaluations × indicators).
      pages: () =>
        pagesOf((limit, offset) => evaluationRows(scope, q.year, q.periodStart, zone, limit, offset)),
    });
  }

  return { skpExport, evaluationExport };
}
