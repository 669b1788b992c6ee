import type { Actor } from '../../auth/authz.ts';
import { inScope, scopeOf } from '../../auth/authz.ts';
import { notFound } from '../../errors.ts';
import { renderPdf, type Block } from '../../documents/pdf.ts';
import { letterheadBlock } from '../../documents/parts.ts';
import type { TableColumn } from '../../lib/table-export.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatHhmm, toZoned, ZONE_LABEL, type IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { periodDaysUntil } from '../../../core/oversight/election-watch.ts';
import {
  ESCALATION_KIND_LABELS,
  type EscalationList,
  type Report,
} from '../../../shared/api/election-watch.ts';
import type { EscalationRow } from './election-watch-repo.ts';
import { READ, type ElectionWatchContext } from './election-watch-context.ts';
import { ackView, countsOf } from './election-watch-days.ts';

const fileBase = (r: Report) => `pengawasan-pemilu-${r.unitName}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export const presentEscalation = (r: EscalationRow) => ({
  ...r,
  kindLabel: ESCALATION_KIND_LABELS[r.kind],
  createdAt: r.createdAt.toISOString(),
});

/** The columns of the report's XLSX/CSV export (one line per working day). */
export const REPORT_COLUMNS: TableColumn[] = [
  { header: 'Tanggal', key: 'date', width: 12 },
  { header: 'Tahapan', key: 'stages', width: 24 },
  { header: 'Tanggal kunci', key: 'keyDate', width: 10 },
  { header: 'Pegawai', key: 'staff', width: 10 },
  { header: 'TK', key: 'tk', width: 8 },
  { header: 'Terlambat', key: 'late', width: 10 },
  { header: 'Cuti/izin/dinas', key: 'leaveOrPermit', width: 12 },
  { header: 'Wajib apel', key: 'apelExpected', width: 10 },
  { header: 'Hadir apel', key: 'apelAttended', width: 10 },
  { header: 'Konfirmasi kepala OPD', key: 'ackStateLabel', width: 24 },
  { header: 'Waktu konfirmasi', key: 'acknowledgedAt', width: 20 },
  { header: 'Oleh', key: 'acknowledgedByName', width: 24 },
  { header: 'Eskalasi', key: 'escalations', width: 10 },
];

/**
 * The report of a period per OPD: each working day with its absences, apel attendance and acknowledgement (on time
 * / late / missing), the escalations and the neutrality cases of the OPD; as JSON, a table export and a PDF through
 * the document layer. Reading stores nothing. Source: issue 18 point 3 ("a report of the period per OPD").
 */
export function createReportSection(ctx: ElectionWatchContext) {
  const { repo, clock } = ctx;

  async function report(actor: Actor, periodId: string, unitId: string): Promise<Report> {
    const p = await ctx.periodOrThrow(periodId);
    const opd = await ctx.coveredOpd(p, unitId);
    await ctx.requireOpdReader(actor, opd);
    const today = ctx.todayIn(opd.timeZone);
    const days = (await ctx.computeDays(p, await repo.stages(p.id), opd, periodDaysUntil(p, today))).filter(
      (d) => d.workingDay,
    );
    const acks = new Map((await repo.acks(p.id, opd.id)).map((a) => [a.localDate, a]));
    const escalations = (await repo.escalations({ periodId: p.id, unitId: opd.id, paths: 'all' }, 1, 1000))
      .rows;
    const neutrality = await repo.listNeutrality({ paths: 'all', unitPath: opd.path, periodId: p.id }, 1, 1);
    const nowMs = clock.now().getTime();
    const lines = days.map((d) => {
      const c = countsOf(d);
      const ack = ackView(d.date, p, opd, acks.get(d.date), nowMs);
      return {
        date: d.date,
        keyDate: d.keyDate,
        stages: d.stages,
        staff: c.staff,
        tk: c.tk,
        late: c.late,
        leaveOrPermit: c.leaveOrPermit,
        apelExpected: c.apelExpected,
        apelAttended: c.apelExpected - c.apelMissed,
        ackState: ack.state,
        ackStateLabel: ack.stateLabel,
        acknowledgedAt: ack.acknowledgedAt,
        acknowledgedByName: ack.acknowledgedByName,
        escalations: escalations.filter((e) => e.date === d.date).length,
      };
    });
    const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + f(l), 0);
    return {
      periodId: p.id,
      periodName: p.name,
      unitId: opd.id,
      unitName: opd.name,
      days: lines,
      totals: {
        workingDays: lines.length,
        tk: sum((l) => l.tk),
        late: sum((l) => l.late),
        leaveOrPermit: sum((l) => l.leaveOrPermit),
        apelExpected: sum((l) => l.apelExpected),
        apelAttended: sum((l) => l.apelAttended),
        ackOnTime: lines.filter((l) => l.ackState === 'TEPAT_WAKTU').length,
        ackLate: lines.filter((l) => l.ackState === 'TERLAMBAT').length,
        ackMissing: lines.filter((l) => l.ackState === 'TIDAK_ADA').length,
        escalations: escalations.length,
        neutralityCases: neutrality.total,
      },
      escalations: escalations.map(presentEscalation),
    };
  }

  /** The report's lines for a table export (dates dd/MM/yyyy). */
  async function exportRows(actor: Actor, periodId: string, unitId: string) {
    const r = await report(actor, periodId, unitId);
    const zone = await zoneOf(unitId);
    return {
      name: fileBase(r),
      title: r.periodName,
      rows: r.days.map((d) => ({
        ...d,
        date: formatDdMmYyyy(d.date),
        stages: d.stages.join(', '),
        keyDate: d.keyDate ? 'Ya' : '',
        acknowledgedAt: d.acknowledgedAt ? stamp(d.acknowledgedAt, zone) : '',
      })),
    };
  }

  const zoneOf = async (unitId: string) =>
    ((await repo.units([unitId]))[0]?.timeZone ?? 'Asia/Jakarta') as IndonesianTimeZone;
  const stamp = (iso: string, zone: IndonesianTimeZone) => {
    const z = toZoned(Date.parse(iso), zone);
    return `${formatDdMmYyyy(z.date)} ${formatHhmm(z.minute)} ${ZONE_LABEL[zone]}`;
  };

  /** The report as a PDF with the OPD's letterhead (document layer). */
  async function pdf(actor: Actor, periodId: string, unitId: string) {
    const r = await report(actor, periodId, unitId);
    const zone = await zoneOf(unitId);
    const letterhead = await ctx.documents.letterheadFor(unitId).catch(() => ({
      regionName: '',
      agencyName: r.unitName,
      address: null,
      contact: null,
      logoBase64: null,
    }));
    const now = clock.now();
    const blocks: Block[] = [
      letterheadBlock(letterhead),
      {
        kind: 'text',
        text: 'LAPORAN PENGAWASAN KEHADIRAN MASA PEMILIHAN',
        style: { align: 'center', face: 'bold' },
      },
      { kind: 'text', text: r.periodName, style: { align: 'center' }, spaceAfter: 8 },
      { kind: 'field', label: 'Perangkat Daerah', value: r.unitName, labelWidth: 120 },
      { kind: 'field', label: 'Hari kerja', value: String(r.totals.workingDays), labelWidth: 120 },
      {
        kind: 'field',
        label: 'Konfirmasi kepala',
        value: `${r.totals.ackOnTime} tepat waktu, ${r.totals.ackLate} terlambat, ${r.totals.ackMissing} tidak ada`,
        labelWidth: 120,
      },
      {
        kind: 'field',
        label: 'Apel',
        value: `${r.totals.apelAttended} dari ${r.totals.apelExpected} kehadiran wajib`,
        labelWidth: 120,
      },
      {
        kind: 'field',
        label: 'Eskalasi / netralitas',
        value: `${r.totals.escalations} eskalasi, ${r.totals.neutralityCases} laporan netralitas`,
        labelWidth: 120,
        spaceAfter: 8,
      },
      {
        kind: 'table',
        columns: [
          { header: 'Tanggal', weight: 1.2 },
          { header: 'TK', weight: 0.5, align: 'right' },
          { header: 'Terlambat', weight: 0.8, align: 'right' },
          { header: 'Cuti/izin', weight: 0.8, align: 'right' },
          { header: 'Apel', weight: 0.9, align: 'right' },
          { header: 'Konfirmasi', weight: 2 },
          { header: 'Eskalasi', weight: 0.7, align: 'right' },
        ],
      },
      ...r.days.map((d): Block => ({
        kind: 'row',
        cells: [
          `${formatDdMmYyyy(d.date)}${d.keyDate ? ' *' : ''}`,
          String(d.tk),
          String(d.late),
          String(d.leaveOrPermit),
          `${d.apelAttended}/${d.apelExpected}`,
          d.acknowledgedAt ? `${d.ackStateLabel} (${stamp(d.acknowledgedAt, zone)})` : d.ackStateLabel,
          String(d.escalations),
        ],
      })),
      { kind: 'tableEnd', spaceAfter: 6 },
      { kind: 'text', text: '* tanggal kunci (mis. hari pemungutan suara)', style: { size: 8 } },
    ];
    const bytes = await renderPdf(
      { size: 'A4' },
      {
        title: `Laporan pengawasan ${r.periodName} — ${r.unitName}`,
        createdAt: now,
        footerNote: `Dicetak ${stamp(now.toISOString(), zone)}`,
      },
      blocks,
    );
    const name = `${fileBase(r)}.pdf`;
    return { bytes, name };
  }

  /** Escalations of a period in the caller's scope, newest day first. */
  async function escalations(
    actor: Actor,
    periodId: string,
    q: { unitId?: string | undefined; page: number; pageSize: number },
  ): Promise<EscalationList> {
    await ctx.periodOrThrow(periodId);
    const scope = scopeOf(actor, READ);
    if (q.unitId) {
      const [u] = await repo.units([q.unitId]);
      if (!u) throw notFound('Unit');
      if (!inScope(scope, u.path)) await ctx.requireOpdReader(actor, u);
      const { rows, total } = await repo.escalations(
        { periodId, unitId: q.unitId, paths: 'all' },
        q.page,
        q.pageSize,
      );
      return { items: rows.map(presentEscalation), total, page: q.page, pageSize: q.pageSize };
    }
    const { rows, total } = await repo.escalations({ periodId, paths: scope }, q.page, q.pageSize);
    return { items: rows.map(presentEscalation), total, page: q.page, pageSize: q.pageSize };
  }

  return { report, exportRows, pdf, escalations };
}
