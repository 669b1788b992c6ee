import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { isoWeekday, type LocalDate } from '../../../core/common/local-date.ts';
import { renderPdf, type Block, type LetterheadData } from '../../documents/pdf.ts';
import {
  letterheadBlock,
  signatureBlock,
  signatureRow,
  tembusanBlocks,
  titleBlocks,
  type Signer,
} from '../../documents/parts.ts';
import type { GeneratedDocumentKind } from '../../../shared/api/discipline-documents.ts';

/*
 * The documents of a discipline case as PDF, in the layouts of the annex of Peraturan BKN 6/2022 (format surat
 * panggilan, keputusan pembentukan tim pemeriksa, berita acara pemeriksaan, laporan hasil pemeriksaan, keputusan
 * hukuman disiplin, berita acara penyampaian), through the one document layer (letterhead, number, signature
 * blocks with Plt./Plh., Unicode fonts, page numbers). Pure: the section gathers the data (documents-data.ts).
 * Dates are written dd/MM/yyyy with the day's name where the annex asks for the day. Every document is marked
 * RAHASIA (Peraturan BKN 6/2022 Pasal 57).
 */

/** A person as the documents name them. */
export interface DocPerson {
  name: string;
  nip: string | null;
  /** "Penata Muda / III/a" or the PPPK golongan, or null. */
  pangkat: string | null;
  position: string | null;
  unitName: string | null;
}

/** A signer with the lines above the position ("Atasan langsung,", "a.n. Pejabat Pembina Kepegawaian"). */
export interface DocSigner extends Signer {
  above: string[];
}

export interface DocViolation {
  article: string;
  name: string | null;
  description: string;
  occurredOn: LocalDate;
}

/** What every document of a case carries. */
export interface CommonDocData {
  letterhead: LetterheadData;
  /** The letter's number (null for a record without one). */
  letterNumber: string | null;
  letterDate: LocalDate;
  caseNumber: string;
  examinee: DocPerson;
  violations: DocViolation[];
  /** "Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil" (or the PPPK basis). */
  regulation: string;
  /** The PDF's creation date (the letter's first issue, so a reprint is the same file). */
  issuedOn: Date;
}

export interface SummonsDocData extends CommonDocData {
  kind: 'PANGGILAN_I' | 'PANGGILAN_II';
  examDate: LocalDate;
  examTime: string | null;
  examPlace: string;
  /** Whom the employee faces: the direct superior or the team chair (for the team, "Tim Pemeriksa"). */
  facing: DocPerson;
  byTeam: boolean;
  signer: DocSigner;
  /** For summons II: the date of the examination the employee missed. */
  missedDate: LocalDate | null;
  tembusan: string[];
}

export interface TeamDocData extends CommonDocData {
  kind: 'SK_TIM';
  members: (DocPerson & { roleLabel: string; isChair: boolean })[];
  superiorImplicatedReason: string | null;
  signer: DocSigner;
  tembusan: string[];
}

export interface BapDocData extends CommonDocData {
  kind: 'BAP';
  examDate: LocalDate;
  modeLabel: string;
  place: string;
  qa: { question: string; answer: string }[];
  examineeStatement: string | null;
  signedByExaminee: boolean;
  refusalNote: string | null;
  copyGivenOn: LocalDate | null;
  examiners: (DocPerson & { roleLabel: string })[];
  examinerSigners: DocSigner[];
}

export interface ReportDocData extends CommonDocData {
  kind: 'LHP';
  /** The competent official the report goes to. */
  to: { name: string | null; position: string | null };
  examDate: LocalDate | null;
  summary: string;
  foundLevelLabel: string;
  proposedSanction: string | null;
  attendedExamination: boolean;
  signer: DocSigner;
}

export interface DecisionDocData extends CommonDocData {
  kind: 'SK_HUKDIS';
  /** "Bupati/Gubernur …" is not known: the decree is titled by the deciding official's position. */
  deciderTitle: string;
  sanctionName: string;
  sanctionCode: string;
  levelLabel: string;
  /** The form applied while the sanction's own form is not yet in force (PP 94/2021 Pasal 42), or null. */
  interim: string | null;
  durationMonths: number | null;
  considerations: string;
  /** "pada hari kerja ke-15 sejak tanggal diterima" (rulebook), and the computed date when known. */
  effectiveRule: string;
  effectiveOn: LocalDate | null;
  appeal: { label: string; window: string; to: string };
  basedOnExamination: boolean;
  signer: DocSigner;
  tembusan: string[];
}

export interface DeliveryDocData extends CommonDocData {
  kind: 'BA_PENYAMPAIAN';
  skNumber: string;
  skDate: LocalDate;
  sanctionName: string;
  method: 'langsung' | 'pos';
  summonedOn: LocalDate | null;
  postedOn: LocalDate | null;
  receivedOn: LocalDate;
  deliverer: DocSigner | null;
}

export type CaseDocData =
  SummonsDocData | TeamDocData | BapDocData | ReportDocData | DecisionDocData | DeliveryDocData;

const DAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', "Jum'at", 'Sabtu', 'Minggu'] as const;

/** "Rabu, 10/03/2027". */
export function dayDate(date: LocalDate): string {
  return `${DAY_NAMES[isoWeekday(date) - 1]}, ${formatDdMmYyyy(date)}`;
}

const LABEL = 150;
const field = (label: string, value: string, indent = 18): Block => ({
  kind: 'field',
  label,
  value,
  labelWidth: LABEL,
  indent,
});
const para = (text: string, spaceAfter = 6): Block => ({
  kind: 'text',
  text,
  style: { align: 'justify' },
  spaceAfter,
});
const heading = (text: string): Block => ({
  kind: 'text',
  text,
  style: { face: 'bold' },
  spaceAfter: 4,
  keepWithNext: true,
});
const confidential: Block = {
  kind: 'text',
  text: 'RAHASIA',
  style: { face: 'bold', align: 'right', size: 10 },
  spaceAfter: 4,
};

function personFields(p: DocPerson): Block[] {
  return [
    field('Nama', p.name),
    field('NIP', p.nip ?? '-'),
    field('Pangkat/golongan', p.pangkat ?? '-'),
    field('Jabatan', p.position ?? '-'),
    field('Unit kerja', p.unitName ?? '-'),
  ];
}

function violationText(v: DocViolation): string {
  const name = v.name ? `${v.name}: ` : '';
  return `${name}${v.description} (${v.article}; ${formatDdMmYyyy(v.occurredOn)})`;
}

function violationItems(list: DocViolation[]): Block[] {
  if (list.length === 0)
    return [{ kind: 'item', marker: '-', text: 'Tidak ada uraian pelanggaran', indent: 18 }];
  return list.map((v, i) => ({ kind: 'item', marker: `${i + 1}.`, text: violationText(v), indent: 18 }));
}

const articles = (list: DocViolation[]) => [...new Set(list.map((v) => v.article))].join(', ') || '-';

function signer(s: DocSigner, opts: { align?: 'left' | 'right' } = {}): Block {
  return signatureBlock(s, { above: s.above, ...(opts.align ? { align: opts.align } : {}) });
}

function electronicNote(caseNumber: string): Block[] {
  return [
    { kind: 'space', height: 10 },
    {
      kind: 'text',
      text:
        `Dokumen ini dicetak oleh Abdi dari data kasus ${caseNumber} dan bersifat RAHASIA (Peraturan BKN ` +
        'Nomor 6 Tahun 2022 Pasal 57); setiap pembukaan dokumen dicatat.',
      style: { size: 8 },
    },
  ];
}

// ------------------------------------------------------------------------------------------------- layouts

/** Surat panggilan I / II (PP 94/2021 Pasal 26; Peraturan BKN 6/2022 annex: format surat panggilan). */
function summonsBlocks(d: SummonsDocData): Block[] {
  const roman = d.kind === 'PANGGILAN_I' ? 'I' : 'II';
  return [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks(`Surat Panggilan ${roman}`, d.letterNumber),
    para(
      `1. Bersama ini diminta dengan hormat kehadiran Saudara${d.kind === 'PANGGILAN_II' && d.missedDate ? `, yang tidak memenuhi panggilan pemeriksaan pada ${dayDate(d.missedDate)},` : ''}:`,
      4,
    ),
    ...personFields(d.examinee),
    { kind: 'space', height: 4 },
    para(`untuk menghadap kepada${d.byTeam ? ' Tim Pemeriksa yang diketuai oleh' : ''}:`, 4),
    field('Nama', d.facing.name),
    field('NIP', d.facing.nip ?? '-'),
    field('Jabatan', d.facing.position ?? '-'),
    { kind: 'space', height: 4 },
    para('pada:', 4),
    field('Hari/tanggal', dayDate(d.examDate)),
    field('Jam', d.examTime ? `${d.examTime} WIB` : '-'),
    field('Tempat', d.examPlace),
    { kind: 'space', height: 4 },
    para(
      `untuk diperiksa/dimintai keterangan sehubungan dengan dugaan pelanggaran disiplin terhadap ketentuan ` +
        `${articles(d.violations)} ${d.regulation}, yaitu:`,
      4,
    ),
    ...violationItems(d.violations),
    { kind: 'space', height: 4 },
    para(
      d.kind === 'PANGGILAN_I'
        ? '2. Demikian untuk dilaksanakan. Apabila Saudara tidak memenuhi panggilan ini tanpa alasan yang sah, ' +
            'Saudara akan dipanggil kembali dengan surat panggilan II.'
        : '2. Demikian untuk dilaksanakan. Apabila Saudara tidak memenuhi panggilan II ini, hukuman disiplin ' +
            'dijatuhkan berdasarkan alat bukti dan keterangan yang ada tanpa dilakukan pemeriksaan ' +
            '(PP 94/2021 Pasal 26 ayat (4)).',
      14,
    ),
    signer({ ...d.signer, above: [formatDdMmYyyy(d.letterDate), ...d.signer.above] }),
    ...tembusanBlocks(d.tembusan),
    ...electronicNote(d.caseNumber),
  ];
}

/** Keputusan pembentukan tim pemeriksa (Peraturan BKN 6/2022 Pasal 29 and annex). */
function teamBlocks(d: TeamDocData): Block[] {
  return [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks('Keputusan Pejabat Pembina Kepegawaian', d.letterNumber),
    {
      kind: 'text',
      text: 'TENTANG\nPEMBENTUKAN TIM PEMERIKSA',
      style: { face: 'bold', align: 'center' },
      spaceAfter: 10,
    },
    heading('Menimbang:'),
    para(
      `a. bahwa Saudara ${d.examinee.name} NIP ${d.examinee.nip ?? '-'} diduga melakukan pelanggaran disiplin ` +
        `terhadap ketentuan ${articles(d.violations)} ${d.regulation} (kasus ${d.caseNumber}) yang ancaman ` +
        'hukumannya sedang atau berat;',
      2,
    ),
    para(
      'b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan tentang ' +
        'Pembentukan Tim Pemeriksa;',
    ),
    heading('Mengingat:'),
    para('1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;', 2),
    para('2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;', 2),
    para(
      '3. Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 tentang Peraturan Pelaksanaan Peraturan ' +
        'Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.',
    ),
    { kind: 'text', text: 'MEMUTUSKAN:', style: { face: 'bold', align: 'center' }, spaceAfter: 6 },
    para(
      `KESATU: Membentuk Tim Pemeriksa terhadap Saudara ${d.examinee.name}, NIP ${d.examinee.nip ?? '-'}, ` +
        `${d.examinee.position ?? '-'} pada ${d.examinee.unitName ?? '-'}, dengan susunan keanggotaan:`,
      4,
    ),
    {
      kind: 'table',
      columns: [
        { header: 'No', weight: 0.4 },
        { header: 'Nama / NIP', weight: 2.4 },
        { header: 'Jabatan', weight: 2.6 },
        { header: 'Unsur', weight: 1.8 },
        { header: 'Kedudukan dalam tim', weight: 1.3 },
      ],
      size: 9.5,
    },
    ...d.members.map((m, i) => ({
      kind: 'row' as const,
      cells: [
        String(i + 1),
        `${m.name}\nNIP ${m.nip ?? '-'}`,
        m.position ?? '-',
        m.roleLabel,
        m.isChair ? 'Ketua' : 'Anggota',
      ],
    })),
    { kind: 'tableEnd', spaceAfter: 6 },
    ...(d.superiorImplicatedReason
      ? [
          para(
            `Atasan langsung terperiksa diduga terlibat (${d.superiorImplicatedReason}); kedudukannya dalam tim ` +
              'digantikan oleh atasan yang lebih tinggi (Peraturan BKN 6/2022 Pasal 29 ayat (6)).',
          ),
        ]
      : []),
    para(
      'KEDUA: Tim Pemeriksa bertugas memanggil, memeriksa dan membuat berita acara pemeriksaan, serta ' +
        'melaporkan hasil pemeriksaan kepada pejabat yang berwenang menghukum. Anggota tim tidak berpangkat ' +
        'atau memangku jabatan yang lebih rendah dari pegawai yang diperiksa.',
    ),
    para('KETIGA: Keputusan ini mulai berlaku pada tanggal ditetapkan.', 14),
    signer({
      ...d.signer,
      above: ['Ditetapkan', `pada tanggal ${formatDdMmYyyy(d.letterDate)}`, ...d.signer.above],
    }),
    ...tembusanBlocks(d.tembusan),
    ...electronicNote(d.caseNumber),
  ];
}

/** Berita acara pemeriksaan (PP 94/2021 Pasal 26–31; Peraturan BKN 6/2022 annex). */
function bapBlocks(d: BapDocData): Block[] {
  const examiners = d.examiners;
  const blocks: Block[] = [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks('Berita Acara Pemeriksaan', d.letterNumber),
    para(
      `Pada hari ini ${dayDate(d.examDate)}, bertempat di ${d.place}, secara tertutup (${d.modeLabel}), ` +
        `${examiners.length > 1 ? 'kami' : 'saya'}:`,
      4,
    ),
  ];
  examiners.forEach((m, i) => {
    if (examiners.length > 1)
      blocks.push({ kind: 'text', text: `${i + 1}. ${m.roleLabel}`, style: { face: 'bold' }, spaceAfter: 2 });
    blocks.push(field('Nama', m.name), field('NIP', m.nip ?? '-'), field('Jabatan', m.position ?? '-'));
  });
  blocks.push(
    { kind: 'space', height: 4 },
    para('telah melakukan pemeriksaan terhadap:', 4),
    ...personFields(d.examinee),
    { kind: 'space', height: 4 },
    para(
      `karena yang bersangkutan diduga melakukan pelanggaran terhadap ketentuan ${articles(d.violations)} ` +
        `${d.regulation}, yaitu:`,
      4,
    ),
    ...violationItems(d.violations),
    { kind: 'space', height: 6 },
    heading('Pertanyaan dan jawaban'),
  );
  d.qa.forEach((q, i) => {
    blocks.push(
      { kind: 'item', marker: `${i + 1}.`, text: `Pertanyaan: ${q.question}`, spaceAfter: 1 },
      { kind: 'item', marker: '', text: `Jawaban: ${q.answer || '-'}`, spaceAfter: 4 },
    );
  });
  if (d.examineeStatement) blocks.push(heading('Keterangan terperiksa'), para(d.examineeStatement));
  blocks.push(
    para(
      `Demikian berita acara pemeriksaan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana ` +
        `mestinya.${d.copyGivenOn ? ` Salinan berita acara ini diberikan kepada terperiksa pada ${formatDdMmYyyy(d.copyGivenOn)}.` : ''}`,
      12,
    ),
  );
  const examinee: DocSigner = {
    name: d.examinee.name,
    nip: d.examinee.nip,
    position: null,
    above: ['Yang diperiksa,'],
  };
  if (d.signedByExaminee) {
    blocks.push(
      signatureRow([
        { signer: examinee, options: { above: examinee.above } },
        ...d.examinerSigners.slice(0, 1).map((s) => ({ signer: s, options: { above: s.above } })),
      ]),
    );
  } else {
    blocks.push(
      signatureRow([
        {
          signer: examinee,
          options: { above: examinee.above, note: 'Menolak menandatangani' },
        },
        ...d.examinerSigners.slice(0, 1).map((s) => ({ signer: s, options: { above: s.above } })),
      ]),
      para(
        `Catatan: terperiksa menolak menandatangani berita acara pemeriksaan ini${d.refusalNote ? ` (${d.refusalNote})` : ''}. ` +
          'Penolakan tersebut tidak mengurangi keabsahan berita acara pemeriksaan.',
      ),
    );
  }
  for (let i = 1; i < d.examinerSigners.length; i += 2)
    blocks.push(
      signatureRow(
        d.examinerSigners.slice(i, i + 2).map((s) => ({ signer: s, options: { above: s.above } })),
      ),
    );
  blocks.push(...electronicNote(d.caseNumber));
  return blocks;
}

/** Laporan hasil pemeriksaan to the competent official (PP 94/2021 Pasal 31; regulations.md §1.6). */
function reportBlocks(d: ReportDocData): Block[] {
  return [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks('Laporan Hasil Pemeriksaan', d.letterNumber),
    field('Kepada Yth.', [d.to.position, d.to.name].filter(Boolean).join(' — ') || '-', 0),
    field('Perihal', `Hasil pemeriksaan dugaan pelanggaran disiplin (kasus ${d.caseNumber})`, 0),
    { kind: 'space', height: 8 },
    para('Dengan hormat, bersama ini kami laporkan hasil pemeriksaan terhadap:', 4),
    ...personFields(d.examinee),
    { kind: 'space', height: 4 },
    heading('A. Dugaan pelanggaran'),
    ...violationItems(d.violations),
    { kind: 'space', height: 4 },
    heading('B. Pemeriksaan'),
    para(
      d.attendedExamination && d.examDate
        ? `Pemeriksaan dilakukan pada ${dayDate(d.examDate)} dan dituangkan dalam berita acara pemeriksaan.`
        : 'Pegawai tidak memenuhi panggilan I dan II; laporan disusun berdasarkan alat bukti dan keterangan yang ada.',
    ),
    heading('C. Hasil pemeriksaan'),
    para(d.summary),
    heading('D. Kesimpulan dan usul'),
    field('Tingkat pelanggaran', d.foundLevelLabel, 18),
    field('Usul hukuman disiplin', d.proposedSanction ?? '-', 18),
    { kind: 'space', height: 6 },
    para(
      'Demikian laporan ini disampaikan kepada pejabat yang berwenang menghukum untuk ditindaklanjuti sesuai ' +
        'ketentuan peraturan perundang-undangan.',
      14,
    ),
    signer({ ...d.signer, above: [formatDdMmYyyy(d.letterDate), ...d.signer.above] }),
    ...electronicNote(d.caseNumber),
  ];
}

/** Keputusan hukuman disiplin (PP 94/2021 Pasal 33–38; Peraturan BKN 6/2022 annex; PP 79/2021). */
function decisionBlocks(d: DecisionDocData): Block[] {
  const e = d.examinee;
  return [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks(`Keputusan ${d.deciderTitle}`, d.letterNumber),
    {
      kind: 'text',
      text: 'TENTANG\nPENJATUHAN HUKUMAN DISIPLIN',
      style: { face: 'bold', align: 'center' },
      spaceAfter: 10,
    },
    heading('Menimbang:'),
    para(
      `a. bahwa ${d.basedOnExamination ? 'berdasarkan hasil pemeriksaan' : 'berdasarkan alat bukti dan keterangan yang ada, karena yang bersangkutan tidak memenuhi panggilan pemeriksaan'}, ` +
        `Saudara ${e.name} NIP ${e.nip ?? '-'} telah melakukan perbuatan berupa:`,
      2,
    ),
    ...violationItems(d.violations),
    para(
      `b. bahwa perbuatan tersebut melanggar ketentuan ${articles(d.violations)} ${d.regulation}; ${d.considerations}`,
      2,
    ),
    para(
      'c. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan ' +
        `Keputusan tentang Penjatuhan Hukuman Disiplin Tingkat ${d.levelLabel};`,
    ),
    heading('Mengingat:'),
    para('1. Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;', 2),
    para('2. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil;', 2),
    para(
      '3. Peraturan Pemerintah Nomor 79 Tahun 2021 tentang Upaya Administratif dan Badan Pertimbangan ASN;',
      2,
    ),
    para(
      '4. Peraturan Badan Kepegawaian Negara Nomor 6 Tahun 2022 tentang Peraturan Pelaksanaan Peraturan ' +
        'Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil.',
    ),
    { kind: 'text', text: 'MEMUTUSKAN:', style: { face: 'bold', align: 'center' }, spaceAfter: 6 },
    para(
      `KESATU: Menjatuhkan hukuman disiplin tingkat ${d.levelLabel.toLowerCase()} berupa ${d.sanctionName}` +
        `${d.durationMonths && !/selama/i.test(d.sanctionName) ? ` selama ${d.durationMonths} bulan` : ''} kepada:`,
      4,
    ),
    ...personFields(e),
    { kind: 'space', height: 4 },
    ...(d.interim
      ? [
          para(
            `KEDUA: Selama ketentuan mengenai ${d.sanctionName} belum dapat dilaksanakan (PP 94/2021 Pasal 42), ` +
              `hukuman disiplin tersebut dilaksanakan dalam bentuk ${d.interim}.`,
          ),
        ]
      : []),
    para(
      `${d.interim ? 'KETIGA' : 'KEDUA'}: Keputusan ini mulai berlaku ${d.effectiveRule}` +
        `${d.effectiveOn ? `, yaitu pada ${dayDate(d.effectiveOn)}` : ''}, kecuali diajukan upaya administratif.`,
    ),
    para(
      `${d.interim ? 'KEEMPAT' : 'KETIGA'}: Apabila keberatan atas keputusan ini, Saudara dapat mengajukan ` +
        `${d.appeal.label} kepada ${d.appeal.to} ${d.appeal.window} (Peraturan Pemerintah Nomor 79 Tahun 2021). ` +
        'Selama upaya administratif diproses, keputusan ini belum berlaku.',
    ),
    para(
      `${d.interim ? 'KELIMA' : 'KEEMPAT'}: Keputusan ini disampaikan kepada yang bersangkutan secara tertutup untuk ` +
        'dilaksanakan sebagaimana mestinya.',
      14,
    ),
    signer({
      ...d.signer,
      above: ['Ditetapkan', `pada tanggal ${formatDdMmYyyy(d.letterDate)}`, ...d.signer.above],
    }),
    ...tembusanBlocks(d.tembusan),
    ...electronicNote(d.caseNumber),
  ];
}

/** Berita acara penyampaian keputusan hukuman disiplin (PP 94/2021 Pasal 37; Peraturan BKN 6/2022 Pasal 49). */
function deliveryBlocks(d: DeliveryDocData): Block[] {
  const how =
    d.method === 'langsung'
      ? `diserahkan langsung secara tertutup kepada yang bersangkutan dan diterima pada ${dayDate(d.receivedOn)}`
      : `dikirim ke alamat terakhir yang bersangkutan pada ${d.postedOn ? dayDate(d.postedOn) : '-'} karena ` +
        `yang bersangkutan tidak hadir pada penyampaian${d.summonedOn ? ` tanggal ${formatDdMmYyyy(d.summonedOn)}` : ''}, ` +
        `dan diterima pada ${dayDate(d.receivedOn)}`;
  const receiver: DocSigner = {
    name: d.examinee.name,
    nip: d.examinee.nip,
    position: null,
    above: ['Yang menerima,'],
  };
  return [
    letterheadBlock(d.letterhead),
    confidential,
    ...titleBlocks('Berita Acara Penyampaian Keputusan Hukuman Disiplin', d.letterNumber),
    para(
      `Pada hari ini ${dayDate(d.letterDate)}, Keputusan Nomor ${d.skNumber} tanggal ${formatDdMmYyyy(d.skDate)} ` +
        `tentang penjatuhan hukuman disiplin berupa ${d.sanctionName} telah disampaikan kepada:`,
      4,
    ),
    ...personFields(d.examinee),
    { kind: 'space', height: 4 },
    field(
      'Cara penyampaian',
      d.method === 'langsung' ? 'Diserahkan langsung' : 'Dikirim ke alamat terakhir',
      18,
    ),
    field('Tanggal diterima', formatDdMmYyyy(d.receivedOn), 18),
    { kind: 'space', height: 4 },
    para(`Keputusan tersebut ${how}.`),
    para('Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.', 14),
    signatureRow([
      {
        signer: receiver,
        options: {
          above: receiver.above,
          ...(d.method === 'pos' ? { note: 'Dikirim ke alamat terakhir' } : {}),
        },
      },
      ...(d.deliverer ? [{ signer: d.deliverer, options: { above: d.deliverer.above } }] : []),
    ]),
    ...electronicNote(d.caseNumber),
  ];
}

const TITLES: Record<GeneratedDocumentKind, string> = {
  PANGGILAN_I: 'Surat Panggilan I',
  PANGGILAN_II: 'Surat Panggilan II',
  SK_TIM: 'Keputusan Pembentukan Tim Pemeriksa',
  BAP: 'Berita Acara Pemeriksaan',
  LHP: 'Laporan Hasil Pemeriksaan',
  SK_HUKDIS: 'Keputusan Hukuman Disiplin',
  BA_PENYAMPAIAN: 'Berita Acara Penyampaian',
};

function blocksOf(d: CaseDocData): Block[] {
  switch (d.kind) {
    case 'PANGGILAN_I':
    case 'PANGGILAN_II':
      return summonsBlocks(d);
    case 'SK_TIM':
      return teamBlocks(d);
    case 'BAP':
      return bapBlocks(d);
    case 'LHP':
      return reportBlocks(d);
    case 'SK_HUKDIS':
      return decisionBlocks(d);
    case 'BA_PENYAMPAIAN':
      return deliveryBlocks(d);
  }
}

/**
 * A case document as PDF (A4): the layout of its kind in the Peraturan BKN 6/2022 annex, with the letterhead of
 * the issuing unit, the number kept for every reprint, the signature blocks (Plt./Plh. before the position) and
 * the page numbers. Source: Peraturan BKN 6/2022 annex; issue 16 point 4.
 */
export async function renderCaseDocument(d: CaseDocData): Promise<Buffer> {
  const title = `${TITLES[d.kind]} ${d.caseNumber}`;
  return renderPdf(
    { size: 'A4' },
    {
      title,
      subject: `${TITLES[d.kind]} — ${d.examinee.name} (RAHASIA)`,
      createdAt: d.issuedOn,
      footerNote: `${title}${d.letterNumber ? ` · ${d.letterNumber}` : ''} · RAHASIA`,
    },
    blocksOf(d),
  );
}

/** The download name of a case document ("panggilan-i-HD-2027-00001.pdf"). */
export function documentFileName(kind: GeneratedDocumentKind, caseNumber: string): string {
  return `${kind.toLowerCase().replaceAll('_', '-')}-${caseNumber.replace(/[^A-Za-z0-9]+/g, '-')}.pdf`;
}
