import { formatDdMmYyyy, formatMonthId } from '../../../core/common/date-text.ts';
import { formatRupiah } from '../../../core/common/money.ts';
import { formatNip } from '../../../core/people/nip.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, titleBlocks } from '../../documents/parts.ts';
import type { RunLineDetail } from '../../../shared/api/tpp-runs.ts';

const LABEL = 130;
const pct = (p: number) => `${String(p).replace('.', ',')}%`;
const rp = formatRupiah;
const basisText = (b: { regulation: string; article?: string | undefined }) =>
  b.article ? `${b.regulation} ${b.article}` : b.regulation;

/**
 * The employee's TPP slip for a month as PDF (A4, through the document layer): the unit's letterhead, the
 * employee, the components with every step from the tariff to the net (placements, kinerja factor, deductions,
 * sanction cuts, BPJS 4 % / 1 %, PPh 21, corrections), every deduction line with its date, code, percentage,
 * rupiah, rule and legal basis, the sanction cuts and the notes; the run's status, version and result hash.
 * Source: issue 17 point 3 ("the same as a PDF slip"); regulations.md §5.
 */
export async function renderTppSlip(
  d: RunLineDetail,
  opts: { letterhead: LetterheadData; printedAt: string; printedOn: Date; resultHash: string },
): Promise<Uint8Array> {
  const field = (label: string, value: string): Block => ({
    kind: 'field',
    label,
    value,
    labelWidth: LABEL,
    indent: 6,
    size: 10,
  });
  const heading = (text: string): Block => ({
    kind: 'text',
    text,
    style: { face: 'bold', size: 10.5 },
    spaceAfter: 3,
    keepWithNext: true,
  });
  const a = d.amounts;
  const month = formatMonthId(d.run.month);
  const blocks: Block[] = [
    letterheadBlock(opts.letterhead),
    ...titleBlocks(`Rincian Tambahan Penghasilan Pegawai Bulan ${month}`, null),
    field('Nama', d.employee.name),
    field('NIP', d.employee.nip ? formatNip(d.employee.nip) : '-'),
    field('Golongan', d.employee.golongan ?? '-'),
    field('Jabatan', d.employee.positionName ?? '-'),
    field('Unit', d.run.unitName),
    field('Status TPP', `${d.run.statusLabel} (versi ${d.run.version})`),
    ...(d.run.objectionUntil ? [field('Batas keberatan', formatDdMmYyyy(d.run.objectionUntil))] : []),
    field(
      'Aturan',
      `${d.run.rulebook.name} versi ${d.run.rulebook.version}${d.run.rulebook.isExample ? ' (nilai contoh)' : ''}`,
    ),
    { kind: 'space', height: 8 },
  ];

  if (d.excluded) {
    blocks.push(heading('TPP tidak dibayarkan bulan ini'), {
      kind: 'text',
      text: `${d.excluded.reason} (${d.excluded.code}; dasar: ${basisText(d.excluded.legalBasis)})`,
      spaceAfter: 8,
    });
  }

  blocks.push(heading('Komponen'), {
    kind: 'table',
    size: 9,
    columns: [
      { header: 'Uraian', weight: 5 },
      { header: 'Rupiah', weight: 1.6, align: 'right' },
    ],
  });
  const row = (label: string, amount: number | string): Block => ({
    kind: 'row',
    cells: [label, typeof amount === 'number' ? rp(amount) : amount],
  });
  for (const s of d.segments) {
    const placed =
      d.segments.length > 1 || s.daysPlaced !== s.daysInPeriod
        ? ` × ${s.daysPlaced}/${s.daysInPeriod} ${s.prorationMethod === 'workingDays' ? 'hari kerja' : 'hari'}`
        : '';
    const type = s.employeeTypePercent !== 100 ? ` × ${pct(s.employeeTypePercent)}` : '';
    blocks.push(
      row(
        `Besaran dasar ${formatDdMmYyyy(s.from)}–${formatDdMmYyyy(s.to)}: kelas ${s.kelas}${s.positionName ? ` (${s.positionName})` : ''}, ${rp(s.tariff)}${type}${placed}`,
        s.base,
      ),
    );
  }
  const w = d.segments[0]?.weights;
  blocks.push(
    row(
      `Komponen kinerja${w ? ` (${pct(w.kinerja)})` : ''} × faktor kinerja ${String(d.kinerja.score).replace('.', ',')}`,
      a.kinerja,
    ),
    row(`Komponen disiplin${w ? ` (${pct(w.disiplin)})` : ''}`, a.disiplin),
    row(`Potongan kehadiran, apel dan LKH${d.isCapped ? ' (dibatasi)' : ''}`, -a.deductions),
    row('Potongan karena hukuman disiplin', -a.sanctionCut),
    row('TPP bruto', a.gross),
    row(
      `Iuran BPJS Kesehatan ${pct(d.bpjs.employerPercent)} pemberi kerja (dibayar pemerintah, tidak mengurangi TPP)`,
      a.bpjsEmployer,
    ),
    row(`Iuran BPJS Kesehatan ${pct(d.bpjs.employeePercent)} pegawai`, -a.bpjsEmployee),
  );
  if (d.tax)
    blocks.push(row(d.tax.rule, d.tax.borneByGovernment ? `(${rp(d.tax.amount)})` : rp(-d.tax.amount)));
  if (a.correction !== 0) blocks.push(row('Koreksi bulan sebelumnya', a.correction));
  blocks.push(row('TPP bersih diterima', a.net), { kind: 'tableEnd', spaceAfter: 8 });

  blocks.push(heading('Rincian potongan'));
  if (d.deductions.length === 0)
    blocks.push({
      kind: 'text',
      text: 'Tidak ada potongan kehadiran, apel atau LKH.',
      style: { size: 9.5 },
      spaceAfter: 8,
    });
  else {
    blocks.push({
      kind: 'table',
      size: 8.5,
      columns: [
        { header: 'Tanggal', weight: 1.2 },
        { header: 'Kode', weight: 0.9 },
        { header: '%', weight: 0.6, align: 'right' },
        { header: 'Rupiah', weight: 1.2, align: 'right' },
        { header: 'Aturan dan dasar hukum', weight: 5 },
      ],
    });
    for (const l of d.deductions)
      blocks.push({
        kind: 'row',
        cells: [
          formatDdMmYyyy(l.date),
          l.detail ? `${l.code} (${l.detail})` : l.code,
          pct(l.percent),
          l.appliedAmount === l.amount ? rp(l.amount) : `${rp(l.appliedAmount)} dari ${rp(l.amount)}`,
          `${l.rule}. Dasar: ${basisText(l.legalBasis)}`,
        ],
      });
    blocks.push({ kind: 'tableEnd', spaceAfter: 8 });
  }

  if (d.sanctions.length) {
    blocks.push(heading('Potongan karena hukuman disiplin'), {
      kind: 'table',
      size: 8.5,
      columns: [
        { header: 'Hukuman', weight: 1.6 },
        { header: 'Berlaku', weight: 1.8 },
        { header: '%', weight: 0.6, align: 'right' },
        { header: 'Rupiah', weight: 1.2, align: 'right' },
        { header: 'Dasar hukum', weight: 3.5 },
      ],
    });
    for (const s of d.sanctions)
      blocks.push({
        kind: 'row',
        cells: [
          s.imposedType === s.sanctionType ? s.sanctionType : `${s.sanctionType} → ${s.imposedType}`,
          `${formatMonthId(s.cutFromMonth)} s.d. ${formatMonthId(s.cutToMonth)}`,
          pct(s.percent),
          s.applied ? rp(s.appliedAmount) : 'tidak diterapkan',
          basisText(s.legalBasis),
        ],
      });
    blocks.push({ kind: 'tableEnd', spaceAfter: 8 });
  }

  if (d.bank)
    blocks.push(
      field('Rekening', `${d.bank.bankName} ${d.bank.accountNumber} a.n. ${d.bank.accountHolder}`),
      { kind: 'space', height: 6 },
    );
  if (d.notes.length) {
    blocks.push(heading('Catatan'));
    d.notes.forEach((n, i) => blocks.push({ kind: 'item', marker: `${i + 1}.`, text: n, size: 9 }));
    blocks.push({ kind: 'space', height: 6 });
  }
  blocks.push({
    kind: 'text',
    text:
      `Dicetak oleh Abdi pada ${opts.printedAt}. Setiap potongan dapat dicocokkan dengan kalender rekap kehadiran ` +
      `pada tanggalnya. Sidik hasil perhitungan: ${opts.resultHash.slice(0, 16)}.`,
    style: { size: 8 },
  });

  return renderPdf(
    { size: 'A4' },
    {
      title: `Rincian TPP ${d.employee.name} ${month}`,
      subject: `Rincian TPP ${month}`,
      createdAt: opts.printedOn,
      footerNote: `Rincian TPP ${d.employee.name} ${month}`,
    },
    blocks,
  );
}
