import { formatDateId, formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { DISCREPANCY_KINDS, DISCREPANCY_LABELS } from '../../../core/oversight/inspections.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, titleBlocks } from '../../documents/parts.ts';
import {
  CHECKLIST_CATEGORY_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  INSPECTION_KIND_LABELS,
  INSPECTION_STATUS_LABELS,
  type InspectionDetail,
} from '../../../shared/api/inspections.ts';

/**
 * The inspection report (laporan hasil sidak) as PDF through the document layer: letterhead of the first unit,
 * the plan (kind, date, units, team), the roster with each employee's status in Abdi, the team's mark and the
 * discrepancy, the discrepancy counts, the findings with their follow-up, the summary and the team's signatures.
 * Source: issue 18 point 1 ("The inspection report as PDF").
 */
export async function renderInspectionReport(
  d: InspectionDetail,
  letterhead: LetterheadData,
  issuedOn: Date,
): Promise<Uint8Array> {
  const blocks: Block[] = [
    letterheadBlock(letterhead),
    ...titleBlocks('Laporan Hasil Inspeksi Mendadak (Sidak)', null),
    { kind: 'field', label: 'Judul', value: d.title, labelWidth: 110 },
    { kind: 'field', label: 'Tanggal', value: formatDateId(d.date), labelWidth: 110 },
    { kind: 'field', label: 'Jenis', value: INSPECTION_KIND_LABELS[d.kind], labelWidth: 110 },
    { kind: 'field', label: 'Status', value: INSPECTION_STATUS_LABELS[d.status], labelWidth: 110 },
    { kind: 'field', label: 'Unit diperiksa', value: d.units.map((u) => u.name).join(', '), labelWidth: 110 },
    { kind: 'field', label: 'Tim', value: d.team.map((t) => t.name).join(', '), labelWidth: 110 },
    ...(d.complaintId
      ? [{ kind: 'field' as const, label: 'Berdasarkan pengaduan', value: d.complaintId, labelWidth: 110 }]
      : []),
    { kind: 'space', height: 8 },
    { kind: 'text', text: 'A. Ketidaksesuaian data kehadiran', style: { face: 'bold' }, spaceAfter: 4 },
    ...DISCREPANCY_KINDS.map((k): Block => ({
      kind: 'item',
      marker: '•',
      text: `${DISCREPANCY_LABELS[k]}: ${d.discrepancies[k]} orang`,
    })),
    {
      kind: 'text',
      text: `${d.discrepancies.marked} dari ${d.discrepancies.total} pegawai telah diperiksa keberadaannya.`,
      spaceAfter: 6,
    },
    {
      kind: 'table',
      columns: [
        { header: 'No', weight: 0.4 },
        { header: 'Nama / NIP', weight: 2.6 },
        { header: 'Unit', weight: 1.8 },
        { header: 'Status di Abdi', weight: 1.4 },
        { header: 'Ditemukan', weight: 0.9 },
        { header: 'Ketidaksesuaian', weight: 2.6 },
      ],
      size: 8.5,
    },
    ...d.roster.map((r, i): Block => ({
      kind: 'row',
      cells: [
        String(i + 1),
        `${r.name}${r.nip ? `\nNIP ${r.nip}` : ''}`,
        r.unitName,
        r.statusLabel,
        r.found === null ? '-' : r.found ? 'Ya' : 'Tidak',
        r.discrepancyLabel ?? '-',
      ],
    })),
    { kind: 'tableEnd', spaceAfter: 10 },
    { kind: 'text', text: 'B. Temuan dan tindak lanjut', style: { face: 'bold' }, spaceAfter: 4 },
    ...(d.findings.length === 0
      ? [{ kind: 'text' as const, text: 'Tidak ada temuan.', spaceAfter: 6 }]
      : ([
          {
            kind: 'table',
            columns: [
              { header: 'No', weight: 0.4 },
              { header: 'Kategori / butir', weight: 2 },
              { header: 'Uraian', weight: 3 },
              { header: 'Tindak lanjut', weight: 2.6 },
            ],
            size: 8.5,
          },
          ...d.findings.map((f, i): Block => ({
            kind: 'row',
            cells: [
              String(i + 1),
              `${CHECKLIST_CATEGORY_LABELS[f.category]}${f.checklistLabel ? `: ${f.checklistLabel}` : ''}`,
              `${f.unitName}${f.employeeName ? ` · ${f.employeeName}` : ''}: ${f.note}${f.photos.length ? ` (${f.photos.length} foto)` : ''}`,
              [
                FOLLOW_UP_STATUS_LABELS[f.followUp.status],
                f.followUp.assigneeName ? `oleh ${f.followUp.assigneeName}` : '',
                f.followUp.dueDate ? `batas ${formatDdMmYyyy(f.followUp.dueDate)}` : '',
                f.followUp.actionTaken ?? '',
                f.disciplineCaseId ? 'Kasus disiplin dibuka' : '',
              ]
                .filter(Boolean)
                .join('; '),
            ],
          })),
          { kind: 'tableEnd', spaceAfter: 10 },
        ] satisfies Block[])),
    { kind: 'text', text: 'C. Ringkasan', style: { face: 'bold' }, spaceAfter: 4 },
    { kind: 'text', text: d.summary ?? 'Sidak belum selesai.', spaceAfter: 14 },
    {
      kind: 'signatures',
      signatures: d.team
        .slice(0, 3)
        .map((t) => ({ above: ['Anggota tim sidak,'], position: null, name: t.name, nip: null })),
      align: 'left',
    },
  ];
  return renderPdf({ size: 'A4' }, { title: `Laporan sidak ${d.title}`, createdAt: issuedOn }, blocks);
}
