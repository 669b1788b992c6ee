import { inScope, requireAny, requireUnit, type Actor } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { tableExportSpec, type TableColumn } from '../../lib/table-export.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { findSanction, type DisciplineRules } from '../../../core/discipline/discipline-rules.ts';
import { sanctionStatusOn, SANCTION_STATUS_LABELS } from '../../../core/discipline/sanctions.ts';
import {
  APPEAL_KIND_LABELS,
  APPEAL_OUTCOME_LABELS,
  type AppealKind,
  type AppealOutcome,
  type SiasnExportQuery,
} from '../../../shared/api/discipline-sanctions.ts';
import type { DisciplineContext } from './discipline-context.ts';
import { nameOf } from './sanctions-shared.ts';

/**
 * The columns of the SIASN-shaped riwayat hukuman disiplin (docs/discipline-siasn.md says which names follow the
 * SIASN form and which are our assumption).
 */
export const SIASN_COLUMNS: TableColumn[] = [
  { header: 'NIP', key: 'nip', width: 22 },
  { header: 'Nama', key: 'nama', width: 32 },
  { header: 'Jenis Hukuman', key: 'jenisHukuman', width: 48 },
  { header: 'Tingkat Hukuman', key: 'tingkat', width: 12 },
  { header: 'Nomor SK', key: 'nomorSk', width: 28 },
  { header: 'Tanggal SK', key: 'tanggalSk', width: 12 },
  { header: 'TMT Hukuman', key: 'tmtHukuman', width: 12 },
  { header: 'Masa Hukuman (Bulan)', key: 'masaBulan', width: 10 },
  { header: 'Akhir Hukuman', key: 'akhirHukuman', width: 12 },
  { header: 'Alasan Hukuman / Pasal', key: 'alasan', width: 48 },
  { header: 'Nomor PP', key: 'nomorPp', width: 14 },
  { header: 'Keterangan', key: 'keterangan', width: 48 },
];

/** "PP 94/2021" → "94 Tahun 2021" as SIASN writes the regulation number (our assumption). */
function ppNumber(regulation: string): string {
  const m = /^PP\s+(\d+)\/(\d{4})/.exec(regulation);
  return m ? `${m[1]} Tahun ${m[2]}` : regulation;
}

/**
 * The SIASN-shaped export of the riwayat hukuman disiplin of a year (issue 16 point 7): one row per sanction whose
 * SK is dated in the year, of cases in the reader's scope (discipline.read), annulled ones left out.
 * Source: regulations.md §1.6 ("uploaded to a system integrated with SIASN"); docs/discipline-siasn.md.
 */
export function createSiasnPart(ctx: DisciplineContext) {
  const { db } = ctx;

  async function rowsFor(actor: Actor, q: SiasnExportQuery) {
    const scope = requireAny(actor, 'discipline.read');
    let unitPath: string | null = null;
    if (q.unitId) {
      const u = await db.selectFrom('units').select('path').where('id', '=', q.unitId).executeTakeFirst();
      if (!u) throw notFound('Unit');
      requireUnit(actor, 'discipline.read', u.path);
      unitPath = u.path;
    }
    const year = Number(q.year);
    const list = await db
      .selectFrom('disciplineSanctions as s')
      .innerJoin('disciplineCases as c', 'c.id', 's.caseId')
      .innerJoin('employees as e', 'e.id', 's.employeeId')
      .select([
        's.id',
        's.sanctionCode',
        's.appliedCode',
        's.level',
        's.name',
        's.durationMonths',
        's.skNumber',
        's.skDate',
        's.effectiveOn',
        's.startsOn',
        's.endsOn',
        's.annulledOn',
        's.status',
        'c.id as caseId',
        'c.caseNumber',
        'c.unitId',
        'c.unitPath',
        'c.rules',
        'e.nip',
        'e.internalId',
        'e.name as empName',
        'e.frontTitle',
        'e.backTitle',
      ])
      .where('s.skDate', '>=', `${year}-01-01`)
      .where('s.skDate', '<=', `${year}-12-31`)
      .where('s.status', '!=', 'DIBATALKAN')
      .orderBy('s.skDate')
      .orderBy('c.caseNumber')
      .execute();
    const visible = list.filter(
      (r) =>
        (scope === 'all' || inScope(scope, r.unitPath)) && (!unitPath || r.unitPath.startsWith(unitPath)),
    );
    const caseIds = visible.map((r) => r.caseId);
    const violations = caseIds.length
      ? await db
          .selectFrom('disciplineCaseViolations')
          .select(['caseId', 'article', 'violationCode'])
          .where('caseId', 'in', caseIds)
          .orderBy('occurredOn')
          .execute()
      : [];
    const appeals = caseIds.length
      ? await db
          .selectFrom('disciplineAppeals')
          .select(['caseId', 'kind', 'outcome', 'decisionNumber', 'decidedOn', 'status'])
          .where('caseId', 'in', caseIds)
          .execute()
      : [];
    const todays = new Map<string, string>();
    const rows: Record<string, unknown>[] = [];
    for (const r of visible) {
      const rules = r.rules as unknown as DisciplineRules;
      const decided = findSanction(rules, r.sanctionCode);
      const applied = findSanction(rules, r.appliedCode);
      let today = todays.get(r.unitId);
      if (!today) {
        today = await ctx.todayOfUnit(r.unitId);
        todays.set(r.unitId, today);
      }
      const status = sanctionStatusOn(r, today);
      const notes = [SANCTION_STATUS_LABELS[status]];
      if (r.appliedCode !== r.sanctionCode)
        notes.push(
          `Diputus ${decided?.name ?? r.sanctionCode}; dijalankan sebagai ${applied?.name ?? r.appliedCode} (ketentuan peralihan)`,
        );
      for (const a of appeals.filter((x) => x.caseId === r.caseId))
        notes.push(
          a.status === 'DIPUTUS'
            ? `${APPEAL_KIND_LABELS[a.kind as AppealKind]}: ${APPEAL_OUTCOME_LABELS[a.outcome as AppealOutcome]} (${a.decisionNumber ?? '-'}, ${a.decidedOn ? formatDdMmYyyy(a.decidedOn) : '-'})`
            : `${APPEAL_KIND_LABELS[a.kind as AppealKind]} sedang diproses`,
        );
      notes.push(`Kasus ${r.caseNumber}`);
      const tmt = r.startsOn ?? r.effectiveOn;
      rows.push({
        nip: r.nip ?? r.internalId ?? '',
        nama: nameOf({ name: r.empName, frontTitle: r.frontTitle, backTitle: r.backTitle }),
        jenisHukuman: applied?.name ?? r.name,
        tingkat: r.level.charAt(0).toUpperCase() + r.level.slice(1),
        nomorSk: r.skNumber,
        tanggalSk: formatDdMmYyyy(r.skDate),
        tmtHukuman: tmt ? formatDdMmYyyy(tmt) : '',
        masaBulan: r.durationMonths ?? '',
        akhirHukuman: r.endsOn && r.startsOn && r.endsOn >= r.startsOn ? formatDdMmYyyy(r.endsOn) : '',
        alasan: violations
          .filter((v) => v.caseId === r.caseId)
          .map((v) => v.article)
          .filter((v, i, all) => all.indexOf(v) === i)
          .join('; '),
        nomorPp: ppNumber((applied ?? decided)?.legalBasis.regulation ?? r.name),
        keterangan: notes.join('; '),
      });
    }
    return rows;
  }

  /** The export as a job spec (rendered off the event loop by the jobs module's `runNow`). */
  async function siasnExportSpec(actor: Actor, q: SiasnExportQuery) {
    const rows = await rowsFor(actor, q);
    const format = q.format ?? 'xlsx';
    return tableExportSpec({
      kind: `discipline-siasn-${format}`,
      params: { year: q.year, unitId: q.unitId ?? null },
      format,
      fileBase: `riwayat-hukdis-siasn-${q.year}`,
      title: `Riwayat Hukdis ${q.year}`,
      columns: SIASN_COLUMNS,
      total: rows.length,
      pages: async function* () {
        if (rows.length) yield rows;
      },
    });
  }

  return { siasnExportSpec, renderer: ctx.jobs };
}
