import { formatDateId } from '../../../core/common/date-text.ts';
import { INDICATOR_ASPECT_LABELS, SKP_APPROACH_LABELS } from '../../../core/performance/skp.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, signatureRow, titleBlocks, type Signer } from '../../documents/parts.ts';
import type { Skp, SkpPerson } from '../../../shared/api/kinerja-skp.ts';

/** What the SKP document shows. */
export interface SkpDocumentData {
  skp: Skp;
  letterhead: LetterheadData;
  /** The pejabat penilai who signs (the decider with Plt./Plh. when acting), or null when none is known. */
  signer: Signer | null;
  issuedOn: Date;
}

const num = (n: number) => n.toLocaleString('id-ID', { maximumFractionDigits: 2 });

/** "80–100 %" or "12 Dokumen". */
export function targetText(i: { targetMin: number; targetMax: number | null; satuan: string }): string {
  const range =
    i.targetMax !== null && i.targetMax !== i.targetMin
      ? `${num(i.targetMin)}–${num(i.targetMax)}`
      : num(i.targetMin);
  return `${range} ${i.satuan}`;
}

/**
 * The SKP as PDF in the layout of PermenPANRB 6/2022 (Lampiran: formulir SKP): the letterhead, the title with the
 * period, the identity table of the pegawai and the pejabat penilai (nama, NIP, pangkat/golongan, jabatan, unit),
 * the hasil kerja table (RHK atasan yang diintervensi | RHK | aspek | indikator | target) for utama and tambahan,
 * perilaku kerja with the leader's ekspektasi khusus, the lampiran (dukungan sumber daya, skema
 * pertanggungjawaban, konsekuensi) and the signature row (Plt./Plh. when the penilai acted). A4 landscape.
 */
export async function renderSkpDocument(data: SkpDocumentData): Promise<Uint8Array> {
  const { skp } = data;
  const period = `${formatDateId(skp.periodStart)} s.d. ${formatDateId(skp.periodEnd)}`;
  const blank: SkpPerson = {
    employeeId: '',
    name: '-',
    nip: null,
    pangkatGolongan: null,
    positionName: null,
    unitName: null,
  };
  const p = skp.penilai ?? blank;
  const e = skp.employee;
  const blocks: Block[] = [
    letterheadBlock(data.letterhead),
    ...titleBlocks(`Sasaran Kinerja Pegawai`, null),
    {
      kind: 'text',
      text: `Pendekatan hasil kerja ${SKP_APPROACH_LABELS[skp.approach].toLowerCase()} · Periode penilaian ${period} · Status: ${skp.status === 'APPROVED' ? 'Disetujui' : skp.status === 'SUBMITTED' ? 'Diajukan' : skp.status === 'RETURNED' ? 'Dikembalikan' : 'Draf'}`,
      style: { align: 'center', size: 9.5 },
      spaceAfter: 8,
    },
    {
      kind: 'table',
      columns: [
        { header: 'No', weight: 0.4 },
        { header: 'Pegawai yang dinilai', weight: 2 },
        { header: '', weight: 3.2 },
        { header: 'No', weight: 0.4 },
        { header: 'Pejabat penilai kinerja', weight: 2 },
        { header: '', weight: 3.2 },
      ],
      size: 9,
    },
    { kind: 'row', cells: ['1', 'Nama', e.name, '1', 'Nama', p.name] },
    { kind: 'row', cells: ['2', 'NIP', e.nip ?? '-', '2', 'NIP', p.nip ?? '-'] },
    {
      kind: 'row',
      cells: [
        '3',
        'Pangkat/Gol. ruang',
        e.pangkatGolongan ?? '-',
        '3',
        'Pangkat/Gol. ruang',
        p.pangkatGolongan ?? '-',
      ],
    },
    { kind: 'row', cells: ['4', 'Jabatan', e.positionName ?? '-', '4', 'Jabatan', p.positionName ?? '-'] },
    { kind: 'row', cells: ['5', 'Unit kerja', e.unitName ?? '-', '5', 'Unit kerja', p.unitName ?? '-'] },
    { kind: 'tableEnd', spaceAfter: 10 },
    { kind: 'text', text: 'HASIL KERJA', style: { face: 'bold' }, spaceAfter: 4, keepWithNext: true },
    {
      kind: 'table',
      columns: [
        { header: 'No', weight: 0.4 },
        { header: 'RHK atasan yang diintervensi', weight: 2.6 },
        { header: 'Rencana hasil kerja', weight: 2.6 },
        { header: 'Aspek', weight: 1 },
        { header: 'Indikator kinerja individu', weight: 2.6 },
        { header: 'Target', weight: 1.3 },
      ],
      size: 8.5,
    },
  ];
  for (const kind of ['UTAMA', 'TAMBAHAN'] as const) {
    const list = skp.rhk.filter((r) => r.kind === kind);
    blocks.push({ kind: 'row', cells: ['', kind === 'UTAMA' ? 'A. UTAMA' : 'B. TAMBAHAN', '', '', '', ''] });
    if (list.length === 0) blocks.push({ kind: 'row', cells: ['', '-', '-', '', '', ''] });
    list.forEach((r, i) => {
      const upper = r.intervenes?.text ?? (r.penugasanDari ? `Penugasan dari: ${r.penugasanDari}` : '-');
      r.indicators.forEach((ind, j) => {
        blocks.push({
          kind: 'row',
          cells: [
            j === 0 ? String(i + 1) : '',
            j === 0 ? upper : '',
            j === 0 ? r.text : '',
            INDICATOR_ASPECT_LABELS[ind.aspect],
            ind.text,
            targetText(ind),
          ],
        });
      });
      if (r.indicators.length === 0)
        blocks.push({ kind: 'row', cells: [String(i + 1), upper, r.text, '', '', ''] });
    });
  }
  blocks.push(
    { kind: 'tableEnd', spaceAfter: 10 },
    { kind: 'text', text: 'PERILAKU KERJA', style: { face: 'bold' }, spaceAfter: 4, keepWithNext: true },
    {
      kind: 'table',
      columns: [
        { header: 'No', weight: 0.4 },
        { header: 'Perilaku kerja (BerAKHLAK)', weight: 3 },
        { header: 'Ekspektasi khusus pimpinan', weight: 6 },
      ],
      size: 9,
    },
    ...skp.perilaku.map((v, i) => ({
      kind: 'row' as const,
      cells: [String(i + 1), v.label, v.ekspektasiKhusus ?? '-'],
    })),
    { kind: 'tableEnd', spaceAfter: 10 },
    {
      kind: 'text',
      text: 'LAMPIRAN SASARAN KINERJA PEGAWAI',
      style: { face: 'bold' },
      spaceAfter: 4,
      keepWithNext: true,
    },
  );
  const lists: [string, string[]][] = [
    ['Dukungan sumber daya', skp.lampiran.dukunganSumberDaya],
    ['Skema pertanggungjawaban', skp.lampiran.skemaPertanggungjawaban],
    ['Konsekuensi', skp.lampiran.konsekuensi],
  ];
  for (const [label, items] of lists) {
    blocks.push({ kind: 'text', text: `${label}:`, style: { face: 'bold', size: 9.5 }, keepWithNext: true });
    if (items.length === 0) blocks.push({ kind: 'item', marker: '-', text: 'Tidak ada', size: 9.5 });
    items.forEach((t, i) => blocks.push({ kind: 'item', marker: `${i + 1}.`, text: t, size: 9.5 }));
    blocks.push({ kind: 'space', height: 4 });
  }
  blocks.push({ kind: 'space', height: 10 });
  const decided = skp.decidedAt ? new Date(skp.decidedAt) : null;
  blocks.push(
    signatureRow([
      {
        signer: { name: e.name, nip: e.nip, position: e.positionName, acting: null },
        options: {
          above: ['Pegawai yang dinilai'],
          note: skp.submittedAt ? 'Diajukan secara elektronik' : null,
        },
      },
      ...(data.signer
        ? [
            {
              signer: data.signer,
              options: {
                above: [
                  decided ? formatDateId(decided.toISOString().slice(0, 10)) : '',
                  'Pejabat penilai kinerja',
                ],
                note: skp.status === 'APPROVED' ? 'Disetujui secara elektronik' : null,
              },
            },
          ]
        : []),
    ]),
  );
  return renderPdf(
    { size: 'A4', landscape: true },
    {
      title: `SKP ${skp.year} ${e.name}`,
      subject: `Sasaran Kinerja Pegawai ${e.name} periode ${period}`,
      createdAt: data.issuedOn,
      footerNote: `SKP ${e.name} · ${period}`,
    },
    blocks,
  );
}
