/**
 * What a module may attach, per use: the kinds of content accepted (checked from the bytes, never the name or the
 * declared type), the record that owns it, and the retention class whose period (ATTACHMENT_RETENTION_DAYS)
 * decides how long its bytes are kept. Source: issue 14 point 3 (allowed kinds per use, retention by kind).
 */

/** The contents an attachment may have: documents (PDF) and photos/scans (JPEG, PNG, WebP). */
export type AttachmentMime = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';

/** The records that own attachments (also their audit `entityType`). */
export type OwnerKind =
  | 'leave_request'
  | 'permit'
  | 'correction'
  | 'rhk_evidence'
  | 'daily_report'
  | 'discipline_document'
  | 'discipline_salary_stop'
  | 'tpp_objection'
  | 'complaint_photo'
  | 'inspection_photo'
  | 'competency_training_record'
  | 'competency_change_project_rating';

/**
 * Retention classes: `personnel` for documents that justify a personnel decision (leave evidence, letters of
 * assignment), `attendance` for evidence of a corrected punch, `staging` for an upload no request cites yet.
 */
export type RetentionClass = 'personnel' | 'attendance' | 'staging';
export const RETENTION_CLASSES: readonly RetentionClass[] = ['personnel', 'attendance', 'staging'];

/**
 * Default retention in days per class. Not a regulation: a default an installation sets to its records schedule
 * (ATTACHMENT_RETENTION_DAYS); `staging` is short because an upload nobody cites has no purpose.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<RetentionClass, number>> = {
  personnel: 1825,
  attendance: 1825,
  staging: 2,
};

export interface AttachmentKindRule {
  /** Indonesian label for messages ("Lampiran cuti"). */
  label: string;
  allowed: readonly AttachmentMime[];
  /** The owning record; null = an upload waiting to be cited (staged), owned by its uploader only. */
  owner: OwnerKind | null;
  retention: RetentionClass;
}

const DOCUMENTS_AND_PHOTOS: readonly AttachmentMime[] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
];

/** Every use of the attachment service. */
export const ATTACHMENT_KINDS = {
  /** A doctor's note or other evidence of a leave request: PDF, JPEG or PNG (as the leave form always said). */
  leave_evidence: {
    label: 'Lampiran cuti',
    allowed: ['application/pdf', 'image/jpeg', 'image/png'],
    owner: 'leave_request',
    retention: 'personnel',
  },
  /** A letter of assignment or evidence uploaded before a permit or correction cites it. */
  request_upload: {
    label: 'Surat tugas / bukti',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: null,
    retention: 'staging',
  },
  /** The letter of assignment (SPT) or evidence a permit cites. */
  permit_letter: {
    label: 'Surat tugas / lampiran izin',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'permit',
    retention: 'personnel',
  },
  /** The evidence (a manual attendance list, a statement) a correction cites. */
  correction_evidence: {
    label: 'Bukti koreksi presensi',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'correction',
    retention: 'attendance',
  },
  /** Evidence (eviden) of an RHK's realisation (e-Kinerja, issue 15 point 4): a document or a photo. */
  rhk_evidence: {
    label: 'Eviden RHK',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'rhk_evidence',
    retention: 'personnel',
  },
  /** The evidence (a photo or a document) of a daily activity report (e-Kinerja, issue 15 point 2). */
  daily_report_evidence: {
    label: 'Bukti laporan kinerja harian',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'daily_report',
    retention: 'personnel',
  },
  /**
   * A signed scan or evidence kept with a discipline case (issue 16 point 4), owned by its row in
   * `discipline_documents`: PDF or a scan (JPEG, PNG). Confidential (Peraturan BKN 6/2022 Pasal 57).
   */
  discipline_document: {
    label: 'Dokumen kasus disiplin',
    allowed: ['application/pdf', 'image/jpeg', 'image/png'],
    owner: 'discipline_document',
    retention: 'personnel',
  },
  /**
   * A statement attached to a salary-stop re-activation request (issue 16 point 6; regulations.md §1.8): the
   * employee's statement or the superior's statement that duties are performed again, PDF or a scan. Owned by a
   * statement id kept in the salary stop's `reactivation` (one owner per statement).
   */
  salary_stop_statement: {
    label: 'Surat pernyataan pengaktifan gaji',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'discipline_salary_stop',
    retention: 'personnel',
  },
  /** The evidence of an objection to a TPP line (issue 17 point 4): a document or a photo. */
  tpp_objection_evidence: {
    label: 'Bukti keberatan TPP',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'tpp_objection',
    retention: 'personnel',
  },
  /** A photo a citizen attached to a public complaint (issue 18 point 2), one owner row per photo. */
  complaint_photo: {
    label: 'Foto pengaduan',
    allowed: ['image/jpeg', 'image/png', 'image/webp'],
    owner: 'complaint_photo',
    retention: 'personnel',
  },
  /** The certificate of a training an employee took (issue 19 point 4): PDF or a scan/photo. */
  competency_certificate: {
    label: 'Sertifikat pelatihan',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'competency_training_record',
    retention: 'personnel',
  },
  /** The evidence an assessor gives for a change project's goal (issue 19 point 5): a document or a photo. */
  competency_change_project_evidence: {
    label: 'Bukti penilaian proyek perubahan',
    allowed: DOCUMENTS_AND_PHOTOS,
    owner: 'competency_change_project_rating',
    retention: 'personnel',
  },
  /** A photo of an inspection finding (sidak, issue 18 point 1), owned by its row in `inspection_photos`. */
  inspection_photo: {
    label: 'Foto temuan sidak',
    allowed: ['image/jpeg', 'image/png', 'image/webp'],
    owner: 'inspection_photo',
    retention: 'personnel',
  },
} as const satisfies Record<string, AttachmentKindRule>;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** Short names of the contents for messages. */
export const MIME_LABEL: Readonly<Record<AttachmentMime, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
};

/** "PDF, JPEG atau PNG". */
export function allowedText(allowed: readonly AttachmentMime[]): string {
  const names = allowed.map((m) => MIME_LABEL[m]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} atau ${names.at(-1)}`;
}

/**
 * Parse ATTACHMENT_RETENTION_DAYS ("personnel=1825,attendance=730,staging=2"): the classes named override the
 * defaults. Returns the problems instead of throwing, for the config's list of problems.
 */
export function parseRetentionDays(text: string | undefined): {
  days: Record<RetentionClass, number>;
  problems: string[];
} {
  const days = { ...DEFAULT_RETENTION_DAYS };
  const problems: string[] = [];
  for (const item of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([a-z_]+)\s*=\s*(\d+)$/.exec(item);
    if (!m) {
      problems.push(`"${item}" harus berbentuk kelas=hari (mis. personnel=1825)`);
      continue;
    }
    const cls = m[1] as RetentionClass;
    const n = Number(m[2]);
    if (!RETENTION_CLASSES.includes(cls))
      problems.push(`kelas retensi "${m[1]}" tidak dikenal (${RETENTION_CLASSES.join(', ')})`);
    else if (n < 1 || n > 36_500) problems.push(`${cls}: hari harus 1–36500`);
    else days[cls] = n;
  }
  return { days, problems };
}
