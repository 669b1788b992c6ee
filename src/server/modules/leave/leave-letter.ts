import { formatDateId, formatDdMmYyyy } from '../../../core/common/date-text.ts';
import type { ActingKind } from '../../../core/documents/signer.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import { letterheadBlock, signatureRow, tembusanBlocks, titleBlocks } from '../../documents/parts.ts';

/** What the leave letter (surat izin cuti) shows. */
export interface LeaveLetterData {
  regionName: string;
  unitName: string;
  unitAddress: string | null;
  /** The letterhead BKD configured for the granting unit; without it, one from the three fields above. */
  letterhead?: LetterheadData | null;
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
    /** 'PLT' / 'PLH' when the decider acted for the post (printed "Plt." / "Plh." before the position). */
    acting?: ActingKind | null;
    decidedAt: string;
  }[];
  /** Copies to (tembusan), none by default. */
  tembusan?: string[];
  /** Issue time as printed (dd/MM/yyyy HH:mm WIB) and as the PDF's metadata date. */
  issuedAt: string;
  issuedOn: Date;
}

const LABEL = 150;

/**
 * The leave letter of an approved request as PDF (A4, through the document layer): the letterhead of the granting
 * unit, title and number, the employee, the leave type and dates (dd/MM/yyyy), working days, address during
 * leave, the approvals as signature blocks (name, NIP, position with Plt./Plh. when acting, decision time), the
 * tembusan, page numbers. Layout after the surat izin cuti of Peraturan BKN 24/2017 (lampiran) [INF].
 */
export async function renderLeaveLetter(data: LeaveLetterData): Promise<Uint8Array> {
  const field = (label: string, value: string): Block => ({
    kind: 'field',
    label,
    value,
    labelWidth: LABEL,
    indent: 10,
  });
  const letterhead: LetterheadData = data.letterhead ?? {
    regionName: data.regionName,
    agencyName: data.unitName,
    address: data.unitAddress,
    contact: null,
    logoBase64: null,
  };
  const blocks: Block[] = [
    letterheadBlock(letterhead),
    ...titleBlocks(`Surat Izin ${data.typeName}`, data.letterNumber),
    { kind: 'text', text: 'Diberikan izin cuti kepada Aparatur Sipil Negara:', spaceAfter: 6 },
    field('Nama', data.employee.name),
    field('NIP', data.employee.nip ?? '-'),
    field('Jabatan', data.employee.position ?? '-'),
    field('Unit kerja', data.employee.unitName),
    field('Status kepegawaian', data.employee.type),
    { kind: 'space', height: 6 },
    field('Jenis cuti', data.variantName ? `${data.typeName} (${data.variantName})` : data.typeName),
    field(
      'Lamanya',
      `${data.workingDays} hari kerja (${data.calendarDays} hari kalender), ${formatDdMmYyyy(data.from)} s.d. ${formatDdMmYyyy(data.to)}`,
    ),
    field('Terhitung', `${formatDateId(data.from)} sampai dengan ${formatDateId(data.to)}`),
    field('Alasan', data.reason),
    field('Alamat selama cuti', data.address ?? '-'),
    { kind: 'space', height: 8 },
    {
      kind: 'text',
      text:
        'Dengan ketentuan selama menjalankan cuti wajib menyerahkan pekerjaannya kepada atasan langsung atau ' +
        'pejabat lain yang ditunjuk, dan setelah selesai menjalankan cuti wajib melaporkan diri kepada atasan ' +
        'langsung serta bekerja kembali sebagaimana biasa.',
      style: { align: 'justify' },
      spaceAfter: 16,
    },
    signatureRow(
      data.approvals.map((a) => ({
        signer: { name: a.name, nip: a.nip, position: a.position, acting: a.acting ?? null },
        options: { above: [a.role], note: `Disetujui secara elektronik ${a.decidedAt}` },
      })),
    ),
    ...tembusanBlocks(data.tembusan ?? []),
    { kind: 'space', height: 10 },
    {
      kind: 'text',
      text: `Dokumen ini diterbitkan secara elektronik oleh Abdi pada ${data.issuedAt}.`,
      style: { size: 8.5 },
    },
  ];
  return renderPdf(
    { size: 'A4' },
    {
      title: `Surat Izin Cuti ${data.letterNumber}`,
      subject: `Surat izin cuti ${data.employee.name}`,
      createdAt: data.issuedOn,
      footerNote: `Surat Izin Cuti ${data.letterNumber}`,
    },
    blocks,
  );
}
