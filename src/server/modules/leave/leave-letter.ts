import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatDateId, formatDdMmYyyy } from '../../../core/common/date-text.ts';

/** What the leave letter (surat izin cuti) shows. */
export interface LeaveLetterData {
  regionName: string;
  unitName: string;
  unitAddress: string | null;
  letterNumber: string;
  employee: { name: string; nip: string | null; position: string | null; unitName: string; type: string };
  typeName: string;
  variantName: string | null;
  from: string;
  to: string;
  workingDays: number;
  calendarDays: number;
  reason: string;
  address: string | null;
  approvals: {
    role: string;
    name: string;
    nip: string | null;
    position: string | null;
    decidedAt: string;
  }[];
  /** Issue time as printed (dd/MM/yyyy HH:mm WIB) and as the PDF's metadata date. */
  issuedAt: string;
  issuedOn: Date;
}

/** Helvetica (WinAnsi) cannot draw every character: replace what it cannot encode. */
function safe(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

/** Words wrapped to `width` points. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of safe(font, text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The leave letter of an approved request as PDF (A4, Helvetica): letterhead with the unit, number, the
 * employee, the leave type and dates (dd/MM/yyyy), working days, address during leave and the approvals with
 * name, NIP and decision time. Layout after the surat izin cuti of Peraturan BKN 24/2017 (lampiran) [INF].
 */
export async function renderLeaveLetter(data: LeaveLetterData): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Surat Izin Cuti ${data.letterNumber}`);
  pdf.setAuthor('Abdi');
  pdf.setCreationDate(data.issuedOn);
  pdf.setModificationDate(data.issuedOn);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page: PDFPage = pdf.addPage([595.28, 841.89]);
  const left = 56;
  const width = 595.28 - 2 * left;
  let y = 790;

  const center = (text: string, size: number, f = bold) => {
    const t = safe(f, text);
    page.drawText(t, { x: left + (width - f.widthOfTextAtSize(t, size)) / 2, y, size, font: f });
    y -= size + 6;
  };
  const para = (text: string, size = 10.5, f = font) => {
    for (const l of wrap(f, text, size, width)) {
      page.drawText(l, { x: left, y, size, font: f });
      y -= size + 4;
    }
  };
  const row = (label: string, value: string) => {
    page.drawText(safe(font, label), { x: left + 10, y, size: 10.5, font });
    page.drawText(':', { x: left + 150, y, size: 10.5, font });
    const lines = wrap(font, value, 10.5, width - 170);
    for (const l of lines.length ? lines : ['-']) {
      page.drawText(l, { x: left + 160, y, size: 10.5, font });
      y -= 15;
    }
  };

  center(data.regionName.toUpperCase(), 12);
  center(data.unitName.toUpperCase(), 13);
  if (data.unitAddress) center(data.unitAddress, 9, font);
  page.drawLine({
    start: { x: left, y: y + 2 },
    end: { x: left + width, y: y + 2 },
    thickness: 1.5,
    color: rgb(0, 0, 0),
  });
  y -= 22;
  center(`SURAT IZIN ${data.typeName.toUpperCase()}`, 12);
  center(`Nomor: ${data.letterNumber}`, 10.5, font);
  y -= 10;

  para('Diberikan izin cuti kepada Aparatur Sipil Negara:');
  y -= 4;
  row('Nama', data.employee.name);
  row('NIP', data.employee.nip ?? '-');
  row('Jabatan', data.employee.position ?? '-');
  row('Unit kerja', data.employee.unitName);
  row('Status kepegawaian', data.employee.type);
  y -= 6;
  row('Jenis cuti', data.variantName ? `${data.typeName} (${data.variantName})` : data.typeName);
  row(
    'Lamanya',
    `${data.workingDays} hari kerja (${data.calendarDays} hari kalender), ${formatDdMmYyyy(data.from)} s.d. ${formatDdMmYyyy(data.to)}`,
  );
  row('Terhitung', `${formatDateId(data.from)} sampai dengan ${formatDateId(data.to)}`);
  row('Alasan', data.reason);
  row('Alamat selama cuti', data.address ?? '-');
  y -= 8;
  para(
    'Dengan ketentuan selama menjalankan cuti wajib menyerahkan pekerjaannya kepada atasan langsung atau ' +
      'pejabat lain yang ditunjuk, dan setelah selesai menjalankan cuti wajib melaporkan diri kepada atasan ' +
      'langsung serta bekerja kembali sebagaimana biasa.',
  );
  y -= 14;

  for (const a of data.approvals) {
    page.drawText(safe(bold, a.role), { x: left, y, size: 10.5, font: bold });
    y -= 15;
    row('Nama', a.name);
    row('NIP', a.nip ?? '-');
    if (a.position) row('Jabatan', a.position);
    row('Disetujui', a.decidedAt);
    y -= 8;
  }
  y -= 6;
  para(`Dokumen ini diterbitkan secara elektronik oleh Abdi pada ${data.issuedAt}.`, 8.5);
  return pdf.save();
}
