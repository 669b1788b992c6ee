import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { formatInstantId } from '../../../core/common/instant-text.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import { BERAKHLAK, BERAKHLAK_LABELS, RATING_LABELS } from '../../../core/performance/performance-rules.ts';
import type { EvaluationDetail } from '../../../shared/api/kinerja-evaluations.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, signatureRow, titleBlocks } from '../../documents/parts.ts';

/** What the evaluation document shows. */
export interface EvaluationDocumentData {
  detail: EvaluationDetail;
  regionName: string;
  unitAddress: string | null;
  letterhead: LetterheadData | null;
  employeeType: string;
  golongan: string | null;
  timeZone: string;
  issuedOn: Date;
}

const LABEL = 150;
const fmtNum = (n: number | null) => (n === null ? '-' : String(n).replace('.', ','));
const target = (i: { targetMin: number; targetMax: number | null; satuan: string }) =>
  `${i.targetMax !== null ? `${fmtNum(i.targetMin)}–${fmtNum(i.targetMax)}` : fmtNum(i.targetMin)} ${i.satuan}`;

/**
 * The evaluation document (dokumen evaluasi kinerja pegawai) as PDF through the document layer: letterhead, title
 * with the period, the identity of the pegawai, the pejabat penilai and the atasan pejabat penilai, capaian per RHK
 * and indicator (target vs realisation), the rating of hasil kerja, perilaku kerja per BerAKHLAK value, the
 * predikat, the unit's organisational performance and the pola distribusi (curve) as printed on SKP evaluation
 * documents, and the signatures (Plt./Plh. in front of the position when acting). Layout after the BKN e-Kinerja
 * evaluation document (PermenPANRB 6/2022 Lampiran) [INF]; regulations.md §6.3, §6.4.
 */
export async function renderEvaluationDocument(data: EvaluationDocumentData): Promise<Uint8Array> {
  const d = data.detail;
  const zone = data.timeZone as IndonesianTimeZone;
  const field = (label: string, value: string): Block => ({
    kind: 'field',
    label,
    value,
    labelWidth: LABEL,
    indent: 10,
    size: 9.5,
  });
  const heading = (text: string): Block => ({
    kind: 'text',
    text,
    style: { face: 'bold', size: 10.5 },
    spaceAfter: 4,
    keepWithNext: true,
  });
  const letterhead: LetterheadData = data.letterhead ?? {
    regionName: data.regionName,
    agencyName: d.unitName,
    address: data.unitAddress,
    contact: null,
    logoBase64: null,
  };
  const person = (p: EvaluationDetail['penilai']) =>
    p
      ? [
          field('Nama', p.name),
          field('NIP', p.nip ?? '-'),
          field('Jabatan', `${p.as ? `${p.as === 'PLT' ? 'Plt.' : 'Plh.'} ` : ''}${p.positionName ?? '-'}`),
        ]
      : [field('Nama', '-')];

  const blocks: Block[] = [
    letterheadBlock(letterhead),
    ...titleBlocks(
      `Dokumen Evaluasi Kinerja Pegawai — ${d.kind === 'TAHUNAN' ? 'Tahunan' : 'Periodik'}`,
      null,
    ),
    {
      kind: 'text',
      text: `Periode penilaian: ${d.label} (${formatDdMmYyyy(d.periodStart)} s.d. ${formatDdMmYyyy(d.periodEnd)})`,
      style: { align: 'center' },
      spaceAfter: 10,
    },
    heading('Pegawai yang dinilai'),
    field('Nama', d.employeeName),
    field('NIP', d.nip ?? '-'),
    field('Pangkat/golongan', data.golongan ?? '-'),
    field('Jabatan', d.positionName ?? '-'),
    field('Unit kerja', d.unitName),
    field('Status kepegawaian', data.employeeType),
    { kind: 'space', height: 6 },
    heading('Pejabat penilai kinerja'),
    ...person(d.penilai),
    { kind: 'space', height: 6 },
    heading('Atasan pejabat penilai kinerja'),
    ...(d.hasAtasanPenilai
      ? person(d.atasanPenilai)
      : [
          field(
            'Keterangan',
            'Tidak ada atasan pejabat penilai di Abdi; penilaian ditetapkan oleh pejabat penilai',
          ),
        ]),
    { kind: 'space', height: 8 },
    heading('Capaian kinerja (hasil kerja)'),
    {
      kind: 'table',
      size: 8.5,
      columns: [
        { header: 'No', weight: 0.5, align: 'center' },
        { header: 'Rencana hasil kerja', weight: 3 },
        { header: 'Indikator', weight: 3 },
        { header: 'Target', weight: 1.4, align: 'right' },
        { header: 'Realisasi', weight: 1.4, align: 'right' },
        { header: 'Capaian', weight: 1.6 },
      ],
    },
    ...d.rhk.flatMap((r, ri) =>
      (r.indicators.length ? r.indicators : [null]).map((i, ii): Block => ({
        kind: 'row',
        cells: [
          ii === 0 ? String(ri + 1) : '',
          ii === 0 ? `${r.text}${r.kind === 'TAMBAHAN' ? ' (tambahan)' : ''}` : '',
          i ? `${i.text} [${i.aspect.toLowerCase()}]` : '-',
          i ? target(i) : '-',
          i ? (i.realisation === null ? '-' : `${fmtNum(i.realisation)} ${i.satuan}`) : '-',
          i && i.capaianNote
            ? `${i.capaianPercent === null ? '' : `${fmtNum(i.capaianPercent)}% `}${i.capaianNote}`
            : '-',
        ],
      })),
    ),
    { kind: 'tableEnd', spaceAfter: 6 },
    field('Rating hasil kerja', d.hasilKerjaRating ? RATING_LABELS[d.hasilKerjaRating] : 'belum dinilai'),
    { kind: 'space', height: 8 },
    heading('Perilaku kerja (BerAKHLAK)'),
    {
      kind: 'table',
      size: 8.5,
      columns: [
        { header: 'No', weight: 0.5, align: 'center' },
        { header: 'Nilai dasar', weight: 2.5 },
        { header: 'Catatan pejabat penilai', weight: 5 },
        { header: 'Umpan balik rekan/bawahan (di atas / sesuai / di bawah)', weight: 3 },
      ],
    },
    ...BERAKHLAK.map((v, i): Block => {
      const note = d.perilakuNotes.find((n) => n.value === v)?.note ?? '-';
      const peer = d.peerFeedback.perValue.find((p) => p.value === v)?.counts;
      return {
        kind: 'row',
        cells: [
          String(i + 1),
          BERAKHLAK_LABELS[v],
          note,
          peer && d.peerFeedback.count > 0
            ? `${peer.DI_ATAS_EKSPEKTASI} / ${peer.SESUAI_EKSPEKTASI} / ${peer.DI_BAWAH_EKSPEKTASI}`
            : '-',
        ],
      };
    }),
    { kind: 'tableEnd', spaceAfter: 6 },
    field('Rating perilaku kerja', d.perilakuRating ? RATING_LABELS[d.perilakuRating] : 'belum dinilai'),
    { kind: 'space', height: 8 },
    {
      kind: 'text',
      text: `PREDIKAT KINERJA PEGAWAI: ${d.predikatLabel ? d.predikatLabel.toUpperCase() : 'BELUM DITETAPKAN'}`,
      style: { face: 'bold', size: 11 },
      spaceAfter: 4,
    },
    ...(d.objection && d.objection.status !== 'DIAJUKAN'
      ? [
          field(
            'Keberatan',
            `${d.objection.status === 'DITERIMA' ? 'Diterima' : 'Ditolak'}: ${d.objection.decisionNote ?? ''}`,
          ),
        ]
      : []),
    ...(d.note ? [field('Catatan', d.note)] : []),
    { kind: 'space', height: 8 },
    heading('Kinerja organisasi dan pola distribusi'),
    field(
      'Kinerja organisasi',
      d.curveCheck.orgPerformanceLabel
        ? `${d.curveCheck.orgPerformanceLabel} (${d.curveCheck.unitName})`
        : 'Belum ditetapkan',
    ),
    {
      kind: 'table',
      size: 8.5,
      columns: [
        { header: 'Predikat', weight: 3 },
        { header: 'Pola distribusi (%)', weight: 2, align: 'right' },
        { header: 'Jumlah pegawai', weight: 2, align: 'right' },
        { header: 'Realisasi (%)', weight: 2, align: 'right' },
      ],
    },
    ...d.curveCheck.rows.map((r): Block => ({
      kind: 'row',
      cells: [
        `${r.label}${r.warning ? ' (!)' : ''}`,
        r.expectedPercent === null ? '-' : fmtNum(r.expectedPercent),
        String(r.count),
        fmtNum(r.actualPercent),
      ],
    })),
    { kind: 'tableEnd', spaceAfter: 4 },
    ...[...d.curveCheck.warnings, ...d.curveCheck.notes].map((t): Block => ({
      kind: 'item',
      marker: '•',
      text: t,
      size: 8.5,
    })),
    { kind: 'space', height: 14 },
    signatureRow(
      [
        {
          signer: {
            name: d.employeeName,
            nip: d.nip,
            position: d.positionName,
          },
          options: { above: ['Pegawai yang dinilai,'] },
        },
        ...(d.penilai
          ? [
              {
                signer: {
                  name: d.penilai.name,
                  nip: d.penilai.nip,
                  position: d.penilai.positionName,
                  acting: d.penilai.as,
                },
                options: {
                  above: ['Pejabat penilai kinerja,'],
                  note: d.finalisedAt
                    ? `Ditetapkan secara elektronik ${formatInstantId(Date.parse(d.finalisedAt), zone)}`
                    : null,
                },
              },
            ]
          : []),
        ...(d.hasAtasanPenilai && d.atasanPenilai
          ? [
              {
                signer: {
                  name: d.atasanPenilai.name,
                  nip: d.atasanPenilai.nip,
                  position: d.atasanPenilai.positionName,
                  acting: d.atasanPenilai.as,
                },
                options: {
                  above: ['Atasan pejabat penilai kinerja,'],
                  note:
                    d.approvedAt && !d.approvedWithoutAtasan
                      ? `Disetujui secara elektronik ${formatInstantId(Date.parse(d.approvedAt), zone)}`
                      : null,
                },
              },
            ]
          : []),
      ],
      8.5,
    ),
    ...(d.approvedWithoutAtasan
      ? [
          {
            kind: 'text' as const,
            text: 'Penilaian ini disetujui pada saat ditetapkan karena pegawai tidak memiliki atasan pejabat penilai di Abdi.',
            style: { size: 8.5 },
          },
        ]
      : []),
    { kind: 'space', height: 6 },
    {
      kind: 'text',
      text: `Status: ${d.status === 'APPROVED' ? 'Disetujui' : d.status === 'FINAL' ? 'Final, menunggu persetujuan' : 'Draf'}. Dokumen ini diterbitkan secara elektronik oleh Abdi pada ${formatInstantId(data.issuedOn.getTime(), zone)}.`,
      style: { size: 8.5 },
    },
  ];
  return renderPdf(
    { size: 'A4' },
    {
      title: `Evaluasi Kinerja ${d.label} ${d.employeeName}`,
      subject: `Dokumen evaluasi kinerja pegawai ${d.employeeName}`,
      createdAt: data.issuedOn,
      footerNote: `Evaluasi Kinerja ${d.label} — ${d.employeeName}`,
    },
    blocks,
  );
}
