import { z } from 'zod';
import {
  CASE_STATES,
  CASE_STATE_LABELS,
  CASE_ACTIONS,
  type CaseAction,
  type CaseState,
} from '../../core/discipline/case-machine.ts';
import { DISCIPLINE_LEVELS, type DisciplineLevel } from '../../core/discipline/discipline-rules.ts';
import { dateRange, id, localDate, paged, pageQuerySchema, searchText, text } from './common.ts';

/**
 * The HTTP contract of discipline cases, section procedure (issue 16 points 1, 2; PP 94/2021 Pasal 26–35,
 * Peraturan BKN 6/2022 Pasal 29, 57; regulations.md §1.6, §1.7, §2, §8): opening a case by hand, the list and the
 * case view, and the steps from the telaah to the report to the competent official (PyB), or ending a case without
 * sanction. The decision, delivery and appeals are in `discipline-sanctions.ts`; documents, inbox and registry in
 * `discipline-documents.ts`. Every route is under `/api/discipline`. Dates are `YYYY-MM-DD` (the web shows
 * dd/MM/yyyy); errors are Indonesian `{ error: { code, message, details? } }`.
 *
 * Routes:
 * - GET  /cases?q&unitId&state&level&source&from&to&page&pageSize → casePageSchema (only cases the caller may read)
 * - POST /cases {employeeId, source, sourceRef, violationCode, violationDate, description, expectedLevel}
 *        → 201 caseViewSchema (the direct superior today or Plt/Plh, or discipline.read in scope; never oneself)
 * - GET  /cases/:id → caseViewSchema (404 for a case the caller may not read)
 * - POST /cases/:id/telaah {examiner, expectedLevel, note} (examiner of the case; BKD manage) → caseViewSchema
 * - POST /cases/:id/team {skNumber, skDate, members, superiorImplicated?} (discipline.manage) → caseViewSchema
 * - POST /cases/:id/summons {letterNumber?, letterDate, examDate, examTime?, examPlace, lateReason?} → caseViewSchema
 * - POST /cases/:id/absence {note} (on/after the summons' examination date) → caseViewSchema
 * - POST /cases/:id/examination {examDate, mode, place, qa, signedByExaminee, refusalNote?, copyGivenOn?, teamNotes?,
 *        examineeStatement?, lateReason?} (the BAP) → caseViewSchema
 * - POST /cases/:id/relief {from, plhEmployeeId, reason} (expected berat; the superior) → caseViewSchema
 * - POST /cases/:id/report {summary, foundLevel, proposedSanction} (the LHP) → caseViewSchema
 * - POST /cases/:id/end {reason, note} (before a decision) → caseViewSchema
 */

export { CASE_STATES, CASE_STATE_LABELS, CASE_ACTIONS, DISCIPLINE_LEVELS };
export type { CaseAction, CaseState, DisciplineLevel };

/** Indonesian labels of the levels (PP 94/2021 Pasal 8). */
export const LEVEL_LABELS: Record<DisciplineLevel, string> = {
  ringan: 'Ringan',
  sedang: 'Sedang',
  berat: 'Berat',
};

/** Where a case comes from: an indication of the recap, or by hand (issue 16 point 1; regulations.md §8). */
export const CASE_SOURCES = ['INDIKASI', 'INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  INDIKASI: 'Indikasi dari rekap kehadiran',
  INSPEKSI: 'Hasil inspeksi / pemeriksaan',
  PENGADUAN: 'Pengaduan masyarakat',
  NETRALITAS: 'Rekomendasi netralitas (Bawaslu/BKN)',
  LAINNYA: 'Pelanggaran lain PP 94/2021 Pasal 3–5',
};
/** The sources a case can be opened by hand from (an indication is opened from the indications list). */
export const MANUAL_CASE_SOURCES = ['INSPEKSI', 'PENGADUAN', 'NETRALITAS', 'LAINNYA'] as const;
export type ManualCaseSource = (typeof MANUAL_CASE_SOURCES)[number];

/** The track: PP 94/2021 discipline, or the moral sanction of the code of ethics (neutrality, PP 42/2004). */
export const CASE_TRACKS = ['disiplin', 'etika'] as const;
export type CaseTrack = (typeof CASE_TRACKS)[number];
export const CASE_TRACK_LABELS: Record<CaseTrack, string> = {
  disiplin: 'Disiplin (PP 94/2021)',
  etika: 'Kode etik (PP 42/2004)',
};

/**
 * The procedure: `PP94` (PNS, CPNS; PPPK through PP 49/2018 Pasal 52 ayat (3)) or `INTERNAL` (non-ASN: the case is
 * recorded and examined the same way, but no ASN sanction is proposed or imposed; the follow-up is under their
 * appointment letter or work agreement).
 */
export const CASE_PROCEDURES = ['PP94', 'INTERNAL'] as const;
export type CaseProcedure = (typeof CASE_PROCEDURES)[number];

/** Who examines: the direct superior, or an examination team (regulations.md §1.6). */
export const EXAMINER_KINDS = ['ATASAN', 'TIM'] as const;
export type ExaminerKind = (typeof EXAMINER_KINDS)[number];
export const EXAMINER_KIND_LABELS: Record<ExaminerKind, string> = {
  ATASAN: 'Atasan langsung',
  TIM: 'Tim pemeriksa',
};

/** Roles in an examination team (Peraturan BKN 6/2022 Pasal 29). */
export const TEAM_ROLES = ['ATASAN', 'INSPEKTORAT', 'BKD', 'LAINNYA'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  ATASAN: 'Atasan langsung',
  INSPEKTORAT: 'Unsur pengawasan (Inspektorat)',
  BKD: 'Unsur kepegawaian (BKD)',
  LAINNYA: 'Pejabat lain yang ditunjuk',
};

/** How the examination was held (closed, face to face or virtual). */
export const EXAM_MODES = ['TATAP_MUKA', 'VIRTUAL'] as const;
export type ExamMode = (typeof EXAM_MODES)[number];
export const EXAM_MODE_LABELS: Record<ExamMode, string> = {
  TATAP_MUKA: 'Tatap muka (tertutup)',
  VIRTUAL: 'Virtual (tertutup)',
};

/** Why a case ends without sanction. */
export const END_REASONS = ['TIDAK_TERBUKTI', 'BERHENTI', 'MENINGGAL', 'ETIKA_SELESAI', 'LAINNYA'] as const;
export type EndReason = (typeof END_REASONS)[number];
export const END_REASON_LABELS: Record<EndReason, string> = {
  TIDAK_TERBUKTI: 'Pelanggaran tidak terbukti',
  BERHENTI: 'Pegawai berhenti / keluar dari dinas',
  MENINGGAL: 'Pegawai meninggal dunia',
  ETIKA_SELESAI: 'Pelanggaran kode etik selesai ditangani (sanksi moral)',
  LAINNYA: 'Alasan lain',
};

/** Labels of the actions a caller may take on a case (the `actions` of the view). */
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  telaah: 'Telaah dan tentukan pemeriksa',
  formTeam: 'Catat SK tim pemeriksa',
  summon: 'Terbitkan surat panggilan',
  recordAbsence: 'Catat ketidakhadiran',
  examine: 'Catat pemeriksaan (BAP)',
  relieve: 'Bebaskan sementara dari tugas jabatan',
  report: 'Laporkan hasil pemeriksaan (LHP)',
  decide: 'Tetapkan keputusan hukuman disiplin',
  deliver: 'Catat penyampaian keputusan',
  appeal: 'Ajukan upaya administratif',
  decideAppeal: 'Catat putusan upaya administratif',
  end: 'Hentikan kasus tanpa hukuman',
};

/** Labels of the timeline's actions (the case events). */
export const CASE_EVENT_LABELS: Record<string, string> = {
  open: 'Kasus dibuka',
  telaah: 'Telaah dan penentuan pemeriksa',
  formTeam: 'Tim pemeriksa dibentuk',
  summon: 'Surat panggilan',
  recordAbsence: 'Pegawai tidak hadir',
  examine: 'Pemeriksaan (BAP)',
  relieve: 'Pembebasan sementara dari tugas jabatan',
  report: 'Laporan hasil pemeriksaan',
  teamNote: 'Catatan tim pemeriksa (rahasia)',
  end: 'Kasus dihentikan',
  decide: 'Keputusan hukuman disiplin',
  deliver: 'Penyampaian keputusan',
  appeal: 'Upaya administratif diajukan',
  decideAppeal: 'Putusan upaya administratif',
  reschedule: 'Masa hukuman dijadwalkan ulang',
  settle: 'Status hukuman diperbarui menurut tanggal',
};

const levelInput = z.enum(DISCIPLINE_LEVELS, { message: 'Tingkat harus ringan, sedang atau berat' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm');

// ---------------------------------------------------------------------------------------------------- requests

/** The list: search by name, NIP or case number; unit subtree; state, level, source; violation date range. */
export const caseListQuerySchema = pageQuerySchema
  .extend({
    q: searchText.optional(),
    unitId: id.optional(),
    state: z.enum(CASE_STATES, { message: 'Tahap kasus tidak dikenal' }).optional(),
    level: levelInput.optional(),
    source: z.enum(CASE_SOURCES, { message: 'Sumber kasus tidak dikenal' }).optional(),
    from: localDate.optional(),
    to: localDate.optional(),
  })
  .superRefine(dateRange('from', 'to', 3700, { toOptional: true }));
export type CaseListQuery = z.input<typeof caseListQuerySchema>;
export type CaseListInput = z.output<typeof caseListQuerySchema>;

/** Opening a case by hand (issue 16 point 1). `violationCode` is from the rulebook's catalogue for the source. */
export const openCaseBodySchema = z.object({
  employeeId: id,
  source: z.enum(MANUAL_CASE_SOURCES, {
    message: 'Sumber kasus harus INSPEKSI, PENGADUAN, NETRALITAS atau LAINNYA',
  }),
  /** Number/date of the inspection report, complaint, Bawaslu/BKN recommendation … */
  sourceRef: text({ max: 200, label: 'Rujukan sumber' }).nullish(),
  violationCode: z.string().regex(/^[A-Z0-9_]+$/, 'Kode pelanggaran tidak valid'),
  violationDate: localDate,
  description: text({ min: 10, max: 4000, multiline: true, label: 'Uraian pelanggaran' }),
  expectedLevel: levelInput,
});
export type OpenCaseBody = z.input<typeof openCaseBodySchema>;
export type OpenCaseInput = z.output<typeof openCaseBodySchema>;

/** The telaah: who examines and the expected level (regulations.md §1.6). */
export const telaahBodySchema = z.object({
  examiner: z.enum(EXAMINER_KINDS, { message: 'Pemeriksa harus ATASAN atau TIM' }),
  expectedLevel: levelInput,
  note: text({ min: 1, max: 4000, multiline: true, label: 'Catatan telaah' }),
});
export type TelaahBody = z.input<typeof telaahBodySchema>;
export type TelaahInput = z.output<typeof telaahBodySchema>;

/** The SK forming the examination team (Peraturan BKN 6/2022 Pasal 29). */
export const teamBodySchema = z
  .object({
    skNumber: text({ min: 1, max: 100, label: 'Nomor SK tim' }),
    skDate: localDate,
    members: z
      .array(
        z.object({
          employeeId: id,
          role: z.enum(TEAM_ROLES, { message: 'Peran anggota tim tidak dikenal' }),
          isChair: z.boolean().default(false),
        }),
      )
      .min(1, 'Anggota tim wajib diisi')
      .max(10, 'Anggota tim paling banyak 10 orang'),
    /** The direct superior is implicated: the next superior in the chain sits instead (Pasal 29 ayat (6)). */
    superiorImplicated: z
      .object({ reason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan atasan terlibat' }) })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.members.forEach((m, i) => {
      if (seen.has(m.employeeId))
        ctx.addIssue({ code: 'custom', path: ['members', i, 'employeeId'], message: 'Anggota tim ganda' });
      seen.add(m.employeeId);
    });
    if (v.members.filter((m) => m.isChair).length > 1)
      ctx.addIssue({ code: 'custom', path: ['members'], message: 'Ketua tim hanya satu' });
  });
export type TeamBody = z.input<typeof teamBodySchema>;
export type TeamInput = z.output<typeof teamBodySchema>;

/** A summons (I from PEMANGGILAN, II after an absence). A date outside the limit needs `lateReason`. */
export const summonsBodySchema = z.object({
  /** Left empty: the letter is numbered when its document is issued (a placeholder number is shown until then). */
  letterNumber: text({ min: 1, max: 100, label: 'Nomor surat' }).nullish(),
  letterDate: localDate,
  examDate: localDate,
  examTime: hhmm.nullish(),
  examPlace: text({ min: 1, max: 300, label: 'Tempat pemeriksaan' }),
  /** Why the dates are outside the rulebook's limit (recorded in the timeline). */
  lateReason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan melewati batas waktu' }).nullish(),
});
export type SummonsBody = z.input<typeof summonsBodySchema>;
export type SummonsInput = z.output<typeof summonsBodySchema>;

/** The examinee did not come on the summons' examination date. */
export const absenceBodySchema = z.object({
  note: text({ min: 1, max: 1000, multiline: true, label: 'Catatan ketidakhadiran' }),
});
export type AbsenceBody = z.input<typeof absenceBodySchema>;
export type AbsenceInput = z.output<typeof absenceBodySchema>;

/** The BAP (berita acara pemeriksaan; PP 94/2021 Pasal 26–31). */
export const examinationBodySchema = z
  .object({
    examDate: localDate,
    mode: z.enum(EXAM_MODES, { message: 'Cara pemeriksaan harus TATAP_MUKA atau VIRTUAL' }),
    place: text({ min: 1, max: 300, label: 'Tempat pemeriksaan' }),
    qa: z
      .array(
        z.object({
          question: text({ min: 1, max: 2000, multiline: true, label: 'Pertanyaan' }),
          answer: text({ max: 4000, multiline: true, label: 'Jawaban' }),
        }),
      )
      .min(1, 'Minimal satu pertanyaan dan jawaban')
      .max(200, 'Paling banyak 200 pertanyaan'),
    examineeStatement: text({ max: 4000, multiline: true, label: 'Keterangan terperiksa' }).nullish(),
    signedByExaminee: z.boolean(),
    /** Required when the examinee did not sign (the refusal does not invalidate the BAP). */
    refusalNote: text({ max: 1000, multiline: true, label: 'Catatan penolakan tanda tangan' }).nullish(),
    copyGivenOn: localDate.nullish(),
    /** Confidential to the examiners (never shown to the examinee). */
    teamNotes: text({ max: 4000, multiline: true, label: 'Catatan tim' }).nullish(),
    /** Why the examination is held outside the summons' limit (recorded in the timeline). */
    lateReason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan melewati batas waktu' }).nullish(),
  })
  .superRefine((v, ctx) => {
    if (!v.signedByExaminee && !v.refusalNote)
      ctx.addIssue({
        code: 'custom',
        path: ['refusalNote'],
        message: 'Catatan penolakan wajib diisi bila terperiksa tidak menandatangani BAP',
      });
    if (v.copyGivenOn && v.copyGivenOn < v.examDate)
      ctx.addIssue({
        code: 'custom',
        path: ['copyGivenOn'],
        message: 'Tanggal salinan BAP diberikan tidak boleh sebelum tanggal pemeriksaan',
      });
  });
export type ExaminationBody = z.input<typeof examinationBodySchema>;
export type ExaminationInput = z.output<typeof examinationBodySchema>;

/** Temporary relief from duties with a Plh (expected berat; PP 94/2021 Pasal 27). */
export const reliefBodySchema = z.object({
  from: localDate,
  plhEmployeeId: id,
  reason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan pembebasan sementara' }),
});
export type ReliefBody = z.input<typeof reliefBodySchema>;
export type ReliefInput = z.output<typeof reliefBodySchema>;

/** The examination report (LHP) to the competent official. `proposedSanction` is null only on the INTERNAL procedure. */
export const reportBodySchema = z.object({
  summary: text({ min: 1, max: 8000, multiline: true, label: 'Ringkasan hasil pemeriksaan' }),
  foundLevel: levelInput,
  proposedSanction: z
    .string()
    .regex(/^[A-Z0-9_]+$/, 'Kode hukuman tidak valid')
    .nullable(),
});
export type ReportBody = z.input<typeof reportBodySchema>;
export type ReportInput = z.output<typeof reportBodySchema>;

/** Ending a case without sanction (before a decision). */
export const endBodySchema = z.object({
  reason: z.enum(END_REASONS, { message: 'Alasan penghentian tidak dikenal' }),
  note: text({ min: 1, max: 2000, multiline: true, label: 'Keterangan penghentian' }),
});
export type EndBody = z.input<typeof endBodySchema>;
export type EndInput = z.output<typeof endBodySchema>;

// ---------------------------------------------------------------------------------------------------- responses

export const legalBasisOutSchema = z.object({
  regulation: z.string(),
  article: z.string().optional(),
  note: z.string().optional(),
});
export type LegalBasisOut = z.output<typeof legalBasisOutSchema>;

/** A deadline computed by the rules core on the unit's calendar, with its legal basis. */
export const caseDeadlineSchema = z.object({
  date: z.string(),
  /** `onOrBefore` at the latest on `date`; `onOrAfter` not before `date`; `exact` on `date`. */
  bound: z.enum(['onOrBefore', 'onOrAfter', 'exact']),
  explanation: z.string(),
  legalBasis: legalBasisOutSchema,
  /** The date has passed (onOrBefore) and the step is still waiting. */
  overdue: z.boolean(),
});
export type CaseDeadline = z.output<typeof caseDeadlineSchema>;

const personSchema = z.object({ id: z.string(), name: z.string(), nip: z.string().nullable() });

/** A row of the case list. */
export const caseListItemSchema = z.object({
  id: z.string(),
  caseNumber: z.string(),
  employee: personSchema,
  unit: z.object({ id: z.string(), name: z.string() }),
  source: z.enum(CASE_SOURCES),
  sourceLabel: z.string(),
  track: z.enum(CASE_TRACKS),
  procedure: z.enum(CASE_PROCEDURES),
  violationDate: z.string(),
  expectedLevel: z.enum(DISCIPLINE_LEVELS),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  nextStep: z.string().nullable(),
  nextDue: z.string().nullable(),
  overdue: z.boolean(),
  openedAt: z.string(),
});
export type CaseListItem = z.output<typeof caseListItemSchema>;
export const casePageSchema = paged(caseListItemSchema);
export type CasePage = z.output<typeof casePageSchema>;

/** One step of the timeline (confidential steps are shown only to the examiners and BKD). */
export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  label: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  actorName: z.string().nullable(),
  actingAs: z.enum(['PLT', 'PLH', 'PPK']).nullable(),
  data: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  confidential: z.boolean(),
});
export type CaseEvent = z.output<typeof caseEventSchema>;

export const summonsViewSchema = z.object({
  seq: z.union([z.literal(1), z.literal(2)]),
  letterNumber: z.string(),
  letterDate: z.string(),
  examDate: z.string(),
  examTime: z.string().nullable(),
  examPlace: z.string(),
  /** The rulebook's limit: for I the examination date bound from the letter, for II the letter's latest date. */
  limit: caseDeadlineSchema,
  withinLimit: z.boolean(),
  lateReason: z.string().nullable(),
  /** null until the examination date: true when examined, false when an absence was recorded. */
  attended: z.boolean().nullable(),
});
export type SummonsView = z.output<typeof summonsViewSchema>;

export const examinationViewSchema = z.object({
  examDate: z.string(),
  mode: z.enum(EXAM_MODES),
  place: z.string(),
  qa: z.array(z.object({ question: z.string(), answer: z.string() })),
  examineeStatement: z.string().nullable(),
  signedByExaminee: z.boolean(),
  refusalNote: z.string().nullable(),
  /** The day the examinee was given the copy of the BAP (their right: regulations.md §1.6). */
  copyGivenOn: z.string().nullable(),
  /** Only for examiners (superior, team, BKD manage); null for everyone else. */
  teamNotes: z.string().nullable(),
  report: z
    .object({
      summary: z.string(),
      foundLevel: z.enum(DISCIPLINE_LEVELS),
      proposedSanction: z.string().nullable(),
      proposedSanctionName: z.string().nullable(),
      /** The competent official the report went to (hierarchically when it is not the examiner). */
      reportedTo: z
        .object({
          kind: z.enum(['chain', 'designatedJf', 'ppk']),
          name: z.string().nullable(),
          positionName: z.string().nullable(),
          deciderIds: z.array(z.string()),
          hierarchical: z.boolean(),
          explanation: z.string(),
        })
        .nullable(),
      reportedAt: z.string().nullable(),
    })
    .nullable(),
});
export type ExaminationView = z.output<typeof examinationViewSchema>;

export const teamViewSchema = z.object({
  skNumber: z.string().nullable(),
  skDate: z.string().nullable(),
  /** Set when the next superior sits because the direct superior is implicated (Pasal 29 ayat (6)). */
  superiorImplicatedReason: z.string().nullable(),
  members: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      role: z.enum(TEAM_ROLES),
      roleLabel: z.string(),
      isChair: z.boolean(),
      positionName: z.string().nullable(),
    }),
  ),
});
export type TeamView = z.output<typeof teamViewSchema>;

/** What the caller may do now; `reason` says why not (Indonesian) when `allowed` is false. */
export const caseActionViewSchema = z.object({
  action: z.enum(CASE_ACTIONS),
  label: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
});
export type CaseActionView = z.output<typeof caseActionViewSchema>;

/** The case view (GET /cases/:id and the answer of every step). */
export const caseViewSchema = z.object({
  case: z.object({
    id: z.string(),
    caseNumber: z.string(),
    source: z.enum(CASE_SOURCES),
    sourceLabel: z.string(),
    sourceRef: z.string().nullable(),
    track: z.enum(CASE_TRACKS),
    trackLabel: z.string(),
    procedure: z.enum(CASE_PROCEDURES),
    /** What the procedure means for this employee (e.g. non-ASN: no ASN sanction, appointment letter). */
    procedureNote: z.string(),
    violationDate: z.string(),
    summary: z.string(),
    expectedLevel: z.enum(DISCIPLINE_LEVELS),
    examinerKind: z.enum(EXAMINER_KINDS).nullable(),
    state: z.enum(CASE_STATES),
    stateLabel: z.string(),
    stateSince: z.string(),
    final: z.boolean(),
    underExamination: z.boolean(),
    endedReason: z.string().nullable(),
    openedAt: z.string(),
    openedByName: z.string().nullable(),
    openedAs: z.enum(['PLT', 'PLH']).nullable(),
  }),
  employee: z.object({
    id: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    employeeType: z.string(),
    positionName: z.string().nullable(),
    positionKind: z.string().nullable(),
  }),
  unit: z.object({ id: z.string(), name: z.string() }),
  /** The rules snapshot the case is run under (the regulation set in force on the violation date). */
  rules: z.object({ regulationSet: z.string(), rulebookVersion: z.string().nullable() }),
  violations: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string().nullable(),
      article: z.string(),
      occurredOn: z.string(),
      description: z.string(),
      level: z.enum(DISCIPLINE_LEVELS).nullable(),
      indicationId: z.string().nullable(),
    }),
  ),
  /** The step that waits, who holds it and by when (null on a final state). */
  next: z
    .object({
      step: z.string(),
      due: caseDeadlineSchema.nullable(),
      holder: z.object({
        employees: z.array(z.object({ id: z.string(), name: z.string() })),
        roles: z.array(z.string()),
      }),
    })
    .nullable(),
  timeline: z.array(caseEventSchema),
  team: teamViewSchema.nullable(),
  summonses: z.array(summonsViewSchema),
  examination: examinationViewSchema.nullable(),
  relief: z
    .object({
      from: z.string(),
      to: z.string().nullable(),
      plh: z.object({ id: z.string(), name: z.string() }).nullable(),
      /** The employee keeps coming to work and keeps full pay (PP 94/2021 Pasal 27). */
      note: z.string(),
    })
    .nullable(),
  sanction: z
    .object({
      id: z.string(),
      sanctionCode: z.string(),
      appliedCode: z.string(),
      level: z.enum(DISCIPLINE_LEVELS),
      name: z.string(),
      skNumber: z.string(),
      skDate: z.string(),
      status: z.string(),
      effectiveOn: z.string().nullable(),
      startsOn: z.string().nullable(),
      endsOn: z.string().nullable(),
    })
    .nullable(),
  appeals: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['KEBERATAN', 'BANDING']),
      filedOn: z.string(),
      status: z.string(),
      outcome: z.string().nullable(),
      responseDue: z.string(),
    }),
  ),
  /** How the caller is involved. */
  myRole: z.object({
    examinee: z.boolean(),
    superior: z.boolean(),
    teamMember: z.boolean(),
    reader: z.boolean(),
    manager: z.boolean(),
    /** May see the team's notes and confidential steps. */
    examiner: z.boolean(),
  }),
  actions: z.array(caseActionViewSchema),
  /** Why the case is confidential (Peraturan BKN 6/2022 Pasal 57). */
  confidentiality: z.string(),
});
export type CaseView = z.output<typeof caseViewSchema>;

// ---------------------------------------------------------------------------------------------------- options

/**
 * GET /options?employeeId | caseId: what may be chosen for an employee (a new case) or a case (its rules
 * snapshot): the violation catalogue, the sanctions of the employee's track with their interim form, and the track's
 * procedure. Readers: the employee's direct superior today (or Plt/Plh), discipline readers in scope, or — with a
 * caseId — anyone who may read the case.
 */
export const optionsQuerySchema = z
  .object({ employeeId: id.optional(), caseId: id.optional() })
  .refine((q) => !!q.employeeId !== !!q.caseId, { message: 'Isi salah satu: employeeId atau caseId' });
export type OptionsQuery = z.input<typeof optionsQuerySchema>;

export const caseOptionsSchema = z.object({
  employeeType: z.string(),
  regulationSet: z.string(),
  procedure: z.enum(CASE_PROCEDURES),
  trackNote: z.string().nullable(),
  violations: z.array(
    z.object({
      code: z.string(),
      article: z.string(),
      name: z.string(),
      level: z.enum(DISCIPLINE_LEVELS).nullable(),
      track: z.enum(CASE_TRACKS),
      sources: z.array(z.enum(CASE_SOURCES)),
      legalBasis: legalBasisOutSchema,
    }),
  ),
  sanctions: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      level: z.enum(DISCIPLINE_LEVELS),
      durationMonths: z.number().nullable(),
      appliedAs: z.object({ code: z.string(), name: z.string() }).nullable(),
      legalBasis: legalBasisOutSchema,
    }),
  ),
});
export type CaseOptions = z.output<typeof caseOptionsSchema>;
