import { formatDateId, formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import { formatRupiah } from '../../../core/common/money.ts';
import { CASE_STATE_LABELS, type CaseState } from '../../../core/discipline/case-machine.ts';
import type { TppDeductionCause } from '../../../core/tpp/tpp-month.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, signatureBlock, titleBlocks } from '../../documents/parts.ts';
import type { CommandCentre } from '../../../shared/api/command-centre.ts';

/** Labels of the TPP deduction causes (Bahasa Indonesia), as the TPP dashboard names them. */
export const TPP_CAUSE_LABELS: Record<TppDeductionCause, string> = {
  TL: 'Terlambat (TL)',
  PSW: 'Pulang sebelum waktunya (PSW)',
  TK: 'Tanpa keterangan (TK)',
  APEL: 'Tidak apel',
  LKH: 'Laporan kinerja harian',
  LAINNYA: 'Lainnya',
  SANKSI: 'Hukuman disiplin',
};

const COMPLAINT_LABELS: Record<string, string> = {
  DITERIMA: 'Diterima',
  DITERUSKAN: 'Diteruskan ke OPD',
  DIJAWAB: 'Dijawab',
  DITOLAK: 'Ditolak',
};

export interface BriefingSigner {
  position: string;
  name: string;
  nip: string | null;
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1).replace('.', ',')}%`);

const heading = (text: string): Block => ({ kind: 'text', text, style: { face: 'bold' }, spaceAfter: 4 });

/**
 * The monthly briefing for the leader (Laporan Ringkas Pimpinan) through the document layer: the letterhead of the
 * unit it covers (the region's for the whole region), the title with the month, the sections of Ruang Kendali as
 * tables, and the signature block of the head of that unit (holder or Plt/Plh). No letter number: issuing one
 * would store it, and reading stores nothing. Source: issue 18 point 5 ("a monthly PDF briefing for the leader").
 */
export async function renderBriefing(
  cc: CommandCentre,
  letterhead: LetterheadData,
  signer: BriefingSigner | null,
  issuedOn: Date,
): Promise<Uint8Array> {
  const t = cc.today;
  const blocks: Block[] = [
    letterheadBlock(letterhead),
    ...titleBlocks(`Laporan Ringkas Pimpinan — ${formatMonthId(cc.month)}`, null),
    { kind: 'field', label: 'Cakupan', value: cc.scope.unitName, labelWidth: 110 },
    { kind: 'field', label: 'Kehadiran per', value: formatDateId(cc.date), labelWidth: 110 },
    { kind: 'space', height: 8 },
    heading('A. Kehadiran hari ini per OPD'),
    {
      kind: 'table',
      columns: [
        { header: 'OPD', weight: 2.6 },
        { header: 'Pegawai', weight: 0.8 },
        { header: 'Hadir', weight: 0.7 },
        { header: 'Terlambat', weight: 0.8 },
        { header: 'Izin', weight: 0.6 },
        { header: 'Cuti', weight: 0.6 },
        { header: 'DL', weight: 0.5 },
        { header: 'TK', weight: 0.5 },
        { header: 'Belum', weight: 0.6 },
        { header: 'Tingkat', weight: 0.8 },
      ],
      size: 8,
    },
    ...t.rows.map((r): Block => ({
      kind: 'row',
      cells: r.usingAbdi
        ? [
            r.unitName,
            String(r.total),
            String(r.counts.present),
            String(r.counts.late),
            String(r.counts.permit),
            String(r.counts.leave),
            String(r.counts.dinasLuar),
            String(r.counts.tk),
            String(r.counts.notYetIn),
            pct(r.rate),
          ]
        : [r.unitName, String(r.total), 'Belum memakai Abdi', '', '', '', '', '', '', '-'],
    })),
    {
      kind: 'row',
      cells: [
        'Jumlah',
        String(t.total.total),
        String(t.total.counts.present),
        String(t.total.counts.late),
        String(t.total.counts.permit),
        String(t.total.counts.leave),
        String(t.total.counts.dinasLuar),
        String(t.total.counts.tk),
        String(t.total.counts.notYetIn),
        pct(t.total.rate),
      ],
    },
    { kind: 'tableEnd', spaceAfter: 10 },
    heading('B. Kepatuhan bulanan (hari tepat waktu ÷ hari kerja)'),
    {
      kind: 'table',
      columns: [
        { header: 'Bulan', weight: 1.6 },
        { header: 'Status', weight: 1 },
        { header: 'Pegawai', weight: 0.8 },
        { header: 'Hari kerja', weight: 1 },
        { header: 'Tepat waktu', weight: 1 },
        { header: 'TK (hari)', weight: 0.8 },
        { header: 'Kepatuhan', weight: 1 },
      ],
      size: 8,
    },
    ...cc.trend.points.map((p): Block => ({
      kind: 'row',
      cells: [
        formatMonthId(p.month),
        p.closed ? 'Ditutup' : 'Terbuka',
        String(p.employees),
        String(p.workingDays),
        String(p.onTimeDays),
        String(p.tkDays),
        pct(p.compliance),
      ],
    })),
    { kind: 'tableEnd', spaceAfter: 10 },
    heading(`C. OPD dengan kepatuhan terendah — ${formatMonthId(cc.lowest.month)}`),
    ...(cc.lowest.rows.length === 0
      ? [{ kind: 'text' as const, text: 'Belum ada rekap bulan ini.', spaceAfter: 6 }]
      : ([
          {
            kind: 'table',
            columns: [
              { header: 'Peringkat', weight: 0.8 },
              { header: 'OPD', weight: 3 },
              { header: 'Hari kerja', weight: 1 },
              { header: 'Tepat waktu', weight: 1 },
              { header: 'Kepatuhan', weight: 1 },
            ],
            size: 8,
          },
          ...cc.lowest.rows.map((r): Block => ({
            kind: 'row',
            cells: [
              String(r.rank),
              r.unitName,
              String(r.workingDays),
              String(r.onTimeDays),
              pct(r.compliance),
            ],
          })),
          { kind: 'tableEnd', spaceAfter: 10 },
        ] satisfies Block[])),
    heading('D. Pengawasan'),
    {
      kind: 'table',
      columns: [
        { header: 'Butir', weight: 3 },
        { header: 'Jumlah', weight: 1.4 },
      ],
      size: 8.5,
    },
    ...(
      [
        ['Sidak direncanakan', String(cc.inspections.planned)],
        ['Sidak berlangsung', String(cc.inspections.inProgress)],
        ['Tindak lanjut sidak terbuka', String(cc.inspections.followUpsOpen)],
        ['Tindak lanjut sidak melewati batas', String(cc.inspections.followUpsOverdue)],
        ...Object.entries(cc.complaints.byStatus).map(([s, n]) => [
          `Pengaduan ${COMPLAINT_LABELS[s] ?? s}`,
          String(n),
        ]),
        ['Pengaduan melewati batas layanan', String(cc.complaints.slaBreaches)],
        ...cc.discipline.byStage.map((s) => [
          `Kasus disiplin: ${CASE_STATE_LABELS[s.stage as CaseState] ?? s.stage}`,
          String(s.count),
        ]),
        ['Laporan kinerja harian menunggu verifikasi', String(cc.kinerja.waiting)],
        ['Laporan kinerja harian terlambat diverifikasi', String(cc.kinerja.overdue)],
      ] as [string, string][]
    ).map((cells): Block => ({ kind: 'row', cells })),
    { kind: 'tableEnd', spaceAfter: 10 },
    heading(`E. Potongan TPP menurut penyebab${cc.tpp.month ? ` — ${formatMonthId(cc.tpp.month)}` : ''}`),
    ...(cc.tpp.month === null
      ? [{ kind: 'text' as const, text: 'Belum ada proses TPP yang diumumkan.', spaceAfter: 6 }]
      : ([
          {
            kind: 'table',
            columns: [
              { header: 'Penyebab', weight: 3 },
              { header: 'Jumlah (Rp)', weight: 1.4 },
            ],
            size: 8.5,
          },
          ...cc.tpp.byCause.map((c): Block => ({ kind: 'row', cells: [c.label, formatRupiah(c.amount)] })),
          { kind: 'row', cells: ['Jumlah', formatRupiah(cc.tpp.total)] },
          { kind: 'tableEnd', spaceAfter: 10 },
        ] satisfies Block[])),
    { kind: 'space', height: 10 },
    signatureBlock(
      { name: signer?.name ?? '', nip: signer?.nip ?? null, position: signer?.position ?? null },
      { above: [`Dicetak ${formatDdMmYyyy(cc.date)}`], align: 'right' },
    ),
  ];
  return renderPdf(
    { size: 'A4' },
    { title: `Laporan Ringkas Pimpinan ${formatMonthId(cc.month)}`, createdAt: issuedOn },
    blocks,
  );
}
