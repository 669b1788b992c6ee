import ExcelJS from 'exceljs';
import { formatDateId, formatMonthId } from '../../../core/common/date-text.ts';
import { formatNip } from '../../../core/people/nip.ts';
import { signerPosition } from '../../../core/documents/signer.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, signatureRow, titleBlocks, type Signer } from '../../documents/parts.ts';
import type { FinanceLine, FinanceRun } from './finance-common.ts';

/*
 * The daftar nominatif TPP of a run (issue 17 point 5) as XLSX and PDF, in the layout regions use: the title with
 * the OPD, month and year; one row per employee (No, NIP, Nama, Gol., Jabatan, Kelas, TPP dasar, Kinerja, Disiplin,
 * Potongan, Potongan hukdis, TPP bruto, BPJS 4 % pemda, BPJS 1 % pegawai, PPh, Koreksi, TPP bersih, Bank,
 * No. rekening, Keterangan), the excluded with their reason; the totals row, which is the run's stored totals;
 * the signature blocks "Mengetahui, Kepala OPD" and the Bendahara Pengeluaran. Before BKD's approval the list is
 * marked KONSEP (not for payment); once locked, FINAL. Pure: finance-common.ts gathers the data.
 */

type Amount = keyof Pick<
  FinanceLine,
  | 'base'
  | 'kinerja'
  | 'disiplin'
  | 'deductions'
  | 'sanctionCut'
  | 'gross'
  | 'bpjsEmployer'
  | 'bpjsEmployee'
  | 'tax'
  | 'correction'
  | 'net'
>;

/** The amount columns in print order (each also a field of the run's totals.amounts). */
export const AMOUNT_COLUMNS: { header: string; key: Amount }[] = [
  { header: 'TPP dasar', key: 'base' },
  { header: 'Kinerja', key: 'kinerja' },
  { header: 'Disiplin', key: 'disiplin' },
  { header: 'Potongan', key: 'deductions' },
  { header: 'Potongan hukdis', key: 'sanctionCut' },
  { header: 'TPP bruto', key: 'gross' },
  { header: 'BPJS 4% (pemda)', key: 'bpjsEmployer' },
  { header: 'BPJS 1% (pegawai)', key: 'bpjsEmployee' },
  { header: 'PPh', key: 'tax' },
  { header: 'Koreksi', key: 'correction' },
  { header: 'TPP bersih', key: 'net' },
];

export const NOMINATIVE_TITLE = 'Daftar Nominatif Tambahan Penghasilan Pegawai';

const nip = (n: string | null) => (n ? formatNip(n) : '-');
const num = (n: number) => String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** "Bulan Februari 2027" and the status line under the title. */
function heading(d: FinanceRun) {
  const mark =
    d.mark === 'KONSEP'
      ? `KONSEP — status ${d.statusLabel}, belum disetujui BKD: bukan dasar pembayaran`
      : d.mark === 'FINAL'
        ? 'FINAL — TPP bulan ini telah dikunci'
        : `Status: ${d.statusLabel} — dasar pembayaran`;
  return {
    title: `${NOMINATIVE_TITLE} ${d.unit.name}`,
    month: `Bulan ${formatMonthId(d.run.month)}`,
    mark,
    version: `Versi perhitungan ${d.run.version}; sidik hasil ${d.run.resultHash.slice(0, 16)}`,
  };
}

const cellsOf = (l: FinanceLine, i: number) => [
  String(i + 1),
  nip(l.nip),
  l.name,
  l.golongan ?? '-',
  l.positionName ?? '-',
  l.kelas === null ? '-' : String(l.kelas),
];

/** The signers of the list: the head of the OPD (mengetahui) and the treasurer; blanks to fill by hand when unknown. */
function signers(d: FinanceRun, printedOn: string) {
  const head: Signer = d.head ?? {
    name: '(………………………………)',
    nip: null,
    position: d.headPosition ?? `Kepala ${d.unit.name}`,
  };
  const treasurer: Signer = d.treasurer ?? {
    name: '(………………………………)',
    nip: null,
    position: 'Bendahara Pengeluaran',
  };
  return {
    head: { signer: head, options: { above: ['Mengetahui,'] } },
    treasurer: { signer: treasurer, options: { above: [formatDateId(printedOn)] } },
  };
}

/** The nominative list as XLSX: heading rows, the header row (repeated when printed), lines, totals, signers. */
export async function nominativeXlsx(d: FinanceRun, printedOn: string): Promise<Buffer> {
  const h = heading(d);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Abdi';
  const ws = wb.addWorksheet('Nominatif TPP', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const headers = [
    'No',
    'NIP',
    'Nama',
    'Gol.',
    'Jabatan',
    'Kelas',
    ...AMOUNT_COLUMNS.map((c) => c.header),
    'Bank',
    'No. rekening',
    'Keterangan',
  ];
  const widths = [5, 22, 30, 7, 28, 6, ...AMOUNT_COLUMNS.map(() => 14), 16, 20, 30];
  ws.columns = widths.map((width) => ({ width }));
  for (const line of [h.title.toUpperCase(), h.month, h.mark, h.version])
    ws.addRow([line]).font = { bold: true };
  ws.addRow([]);
  const headerRow = ws.addRow(headers);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'middle' };
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  ws.pageSetup.printTitlesRow = `${headerRow.number}:${headerRow.number}`;
  const money = (row: ExcelJS.Row) => {
    for (let c = 7; c < 7 + AMOUNT_COLUMNS.length; c++) row.getCell(c).numFmt = '#,##0';
  };
  d.lines.forEach((l, i) => {
    const base = cellsOf(l, i);
    const row = ws.addRow([
      i + 1,
      base[1],
      l.name,
      base[3],
      base[4],
      l.kelas,
      ...AMOUNT_COLUMNS.map((c) => l[c.key]),
      l.bank?.bankName ?? '-',
      l.bank?.accountNumber ?? '-',
      l.excludedReason ?? '',
    ]);
    row.getCell(headers.indexOf('No. rekening') + 1).numFmt = '@';
    money(row);
  });
  const totals = ws.addRow([
    null,
    null,
    'JUMLAH',
    null,
    null,
    null,
    ...AMOUNT_COLUMNS.map((c) => d.totals.amounts[c.key]),
  ]);
  totals.font = { bold: true };
  money(totals);
  ws.addRow([]);
  const s = signers(d, printedOn);
  const sigRows = (x: { signer: Signer; options: { above: string[] } }) => [
    ...x.options.above,
    signerPosition(x.signer.position, x.signer.acting ?? null) ?? '',
    '',
    '',
    x.signer.name,
    x.signer.nip ? `NIP. ${formatNip(x.signer.nip)}` : '',
  ];
  const left = sigRows(s.head);
  const right = sigRows(s.treasurer);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const row = ws.addRow([]);
    row.getCell(3).value = left[i] ?? '';
    row.getCell(7 + AMOUNT_COLUMNS.length - 3).value = right[i] ?? '';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The nominative list as PDF: F4 landscape, letterhead, title, the table with its header on every page, signers. */
export async function nominativePdf(
  d: FinanceRun,
  opts: { letterhead: LetterheadData; printedOn: string; createdAt: Date },
): Promise<Buffer> {
  const h = heading(d);
  const blocks: Block[] = [
    letterheadBlock(opts.letterhead),
    ...titleBlocks(h.title, null).slice(0, 1),
    { kind: 'text', text: h.month, style: { align: 'center', size: 10 }, spaceAfter: 2 },
    {
      kind: 'text',
      text: h.mark,
      style: { align: 'center', size: d.mark === 'KONSEP' ? 12 : 9, face: 'bold' },
      spaceAfter: 8,
    },
    {
      kind: 'table',
      size: 6.5,
      columns: [
        { header: 'No', weight: 0.45, align: 'right' },
        { header: 'NIP', weight: 1.9 },
        { header: 'Nama', weight: 2.2 },
        { header: 'Gol.', weight: 0.6 },
        { header: 'Jabatan', weight: 2 },
        { header: 'Kelas', weight: 0.55, align: 'right' },
        ...AMOUNT_COLUMNS.map((c) => ({ header: c.header, weight: 1.25, align: 'right' as const })),
        { header: 'Bank', weight: 1.2 },
        { header: 'No. rekening', weight: 1.5 },
      ],
    },
  ];
  d.lines.forEach((l, i) => {
    blocks.push({
      kind: 'row',
      cells: [
        ...cellsOf(l, i).map((c, k) => (k === 2 && l.excludedReason ? `${c} — ${l.excludedReason}` : c)),
        ...AMOUNT_COLUMNS.map((c) => num(l[c.key])),
        l.bank?.bankName ?? '-',
        l.bank?.accountNumber ?? '-',
      ],
    });
  });
  blocks.push(
    {
      kind: 'row',
      cells: [
        '',
        '',
        'JUMLAH',
        '',
        '',
        '',
        ...AMOUNT_COLUMNS.map((c) => num(d.totals.amounts[c.key])),
        '',
        '',
      ],
    },
    { kind: 'tableEnd', spaceAfter: 8 },
    {
      kind: 'text',
      text: `${h.version}. Pegawai: ${d.totals.employees}; dibayar: ${d.totals.paid}; tidak dibayar: ${d.totals.excluded}.`,
      style: { size: 7.5 },
      spaceAfter: 10,
    },
  );
  const s = signers(d, opts.printedOn);
  blocks.push(signatureRow([s.head, s.treasurer], 9.5));
  const month = formatMonthId(d.run.month);
  return renderPdf(
    { size: 'F4', landscape: true, margins: { top: 36, right: 28, bottom: 40, left: 28 } },
    {
      title: `${NOMINATIVE_TITLE} ${d.unit.name} ${month}`,
      subject: `Daftar nominatif TPP ${month}`,
      createdAt: opts.createdAt,
      footerNote: `${d.mark ? `${d.mark} — ` : ''}Nominatif TPP ${d.unit.name} ${month}`,
    },
    blocks,
  );
}
