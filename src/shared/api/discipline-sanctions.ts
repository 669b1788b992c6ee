import { z } from 'zod';
import { CASE_STATES } from '../../core/discipline/case-machine.ts';
import { DELIVERY_METHODS, DISCIPLINE_LEVELS } from '../../core/discipline/discipline-rules.ts';
import { SANCTION_STATUSES, SANCTION_STATUS_LABELS } from '../../core/discipline/sanctions.ts';
import { id, localDate, TABLE_EXPORT_FORMATS, text, year, yearMonth } from './common.ts';

/**
 * The HTTP contract of the sanctions section of discipline cases (issue 16 points 2 (decision onwards), 3, 5, 7, 8):
 * the decision by the competent official (PyB), the delivery of the SK and its effective date, the serving period
 * and concurrent sanctions, upaya administratif (keberatan / banding) and their outcome, the employee's record with
 * the KGB / promotion / transfer flags, the sanctions active in a month for TPP, the SIASN-shaped export, and the
 * PPK designations of a JF as PyB.
 * Source: PP 94/2021 Pasal 8, 18–25, 33–41; Peraturan BKN 6/2022 Pasal 49–50, 55 and annex; PP 79/2021;
 * PP 49/2018 Pasal 52–53; regulations.md §1.2, §1.5, §1.7, §1.9, §1.10, §2.
 *
 * Routes (all under /api/discipline; dates `YYYY-MM-DD`, the web shows dd/MM/yyyy):
 * - GET  /cases/:id/competent-official?sanctionCode=  → {@link competentOfficialSchema} (who may decide, and why)
 * - POST /cases/:id/decision {@link decisionBodySchema}   → {@link sanctionStepResultSchema} (PENJATUHAN → PENYAMPAIAN)
 * - POST /cases/:id/delivery {@link deliveryBodySchema}   → {@link sanctionStepResultSchema} (→ MENUNGGU_BERLAKU)
 * - POST /cases/:id/appeals  {@link appealBodySchema}     → 201 {@link sanctionStepResultSchema} (→ UPAYA_ADMINISTRATIF)
 * - POST /appeals/:id/decision {@link appealDecisionBodySchema} → {@link sanctionStepResultSchema}
 * - GET  /employees/:employeeId/record                 → {@link disciplineRecordSchema}
 * - GET  /sanctions/active?month=YYYY-MM&unitId=       → {@link activeSanctionsSchema} (for TPP)
 * - GET  /sanctions/siasn-export?year=&unitId=&format=xlsx|csv → the file (columns in docs/discipline-siasn.md)
 * - GET  /designations?unitId=&active=                 → {@link designationListSchema}
 * - POST /designations {@link designationBodySchema}    → 201 {@link designationSchema}
 * - POST /designations/:id/end {@link endDesignationBodySchema} → {@link designationSchema}
 *
 * The steps answer with the sanction (not the whole case view): the web refetches `GET /cases/:id` after a step.
 * Refusals: 400 VALIDATION `{ details: [{ path, message }] }` (a sanction outside the employee's track, an appeal
 * after its window, dates out of order), 403 FORBIDDEN (not the competent official, a sanction above the decider's
 * authority — the message names who is competent and why), 404, 409 CONFLICT (wrong stage, no BAP where one is
 * required, a lighter sanction than a violation's fixed level, a second sanction for the same violation, an appeal
 * already pending). Messages in Indonesian.
 */

export { SANCTION_STATUSES, SANCTION_STATUS_LABELS, DELIVERY_METHODS };
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  langsung: 'Diserahkan langsung',
  pos: 'Dikirim ke alamat terakhir',
};

/** Kinds of upaya administratif (PP 79/2021). */
export const APPEAL_KINDS = ['KEBERATAN', 'BANDING'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];
export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  KEBERATAN: 'Keberatan',
  BANDING: 'Banding administratif (BPASN)',
};

/** Outcomes of an upaya administratif. */
export const APPEAL_OUTCOMES = ['DIKUATKAN', 'DIUBAH', 'DIBATALKAN'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
export const APPEAL_OUTCOME_LABELS: Record<AppealOutcome, string> = {
  DIKUATKAN: 'Hukuman dikuatkan',
  DIUBAH: 'Hukuman diubah',
  DIBATALKAN: 'Hukuman dibatalkan',
};

export const APPEAL_STATUSES = ['DIAJUKAN', 'DIPUTUS'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

const sanctionCode = z.string().regex(/^[A-Z0-9_]+$/, 'Kode hukuman tidak valid');
const levelEnum = z.enum(DISCIPLINE_LEVELS);

// ---------------------------------------------------------------------------------------------------- requests

export const competentOfficialQuerySchema = z.object({ sanctionCode });
export type CompetentOfficialQuery = z.input<typeof competentOfficialQuerySchema>;

/** The SK hukuman disiplin (PP 94/2021 Pasal 33–36): one sanction per case, the heaviest. */
export const decisionBodySchema = z.object({
  sanctionCode,
  skNumber: text({ min: 1, max: 100, label: 'Nomor SK' }),
  skDate: localDate,
  considerations: text({ min: 10, max: 8000, multiline: true, label: 'Pertimbangan' }),
});
export type DecisionBody = z.input<typeof decisionBodySchema>;

/**
 * The SK reached the employee: handed over at the delivery he was summoned to (`langsung`), or sent to his last
 * known address because he did not come (`pos`: `summonedOn` = the delivery date he missed, `postedOn` = the day it
 * was sent). A delivery after the rulebook's period, or a posting after its 3-day limit, needs `lateReason`.
 */
export const deliveryBodySchema = z
  .object({
    method: z.enum(DELIVERY_METHODS, { message: 'Cara penyampaian harus langsung atau pos' }),
    summonedOn: localDate.nullish(),
    receivedOn: localDate,
    postedOn: localDate.nullish(),
    lateReason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan keterlambatan' }).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.method === 'pos') {
      if (!v.summonedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['summonedOn'],
          message: 'Tanggal penyampaian yang tidak dihadiri wajib diisi bila keputusan dikirim ke alamat',
        });
      if (!v.postedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['postedOn'],
          message: 'Tanggal pengiriman wajib diisi bila keputusan dikirim ke alamat',
        });
      if (v.summonedOn && v.postedOn && v.postedOn < v.summonedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['postedOn'],
          message: 'Tanggal pengiriman tidak boleh sebelum tanggal penyampaian yang tidak dihadiri',
        });
      if (v.postedOn && v.receivedOn < v.postedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['receivedOn'],
          message: 'Tanggal diterima tidak boleh sebelum tanggal pengiriman',
        });
    } else if (v.postedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['postedOn'],
        message: 'Tanggal pengiriman hanya untuk keputusan yang dikirim ke alamat',
      });
    }
    if (v.summonedOn && v.method === 'langsung' && v.receivedOn < v.summonedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['receivedOn'],
        message: 'Tanggal diterima tidak boleh sebelum tanggal pemanggilan penyampaian',
      });
  });
export type DeliveryBody = z.input<typeof deliveryBodySchema>;

/** Keberatan (sanctions other than dismissal) or banding administratif (dismissal), by the employee (PP 79/2021). */
export const appealBodySchema = z.object({
  kind: z.enum(APPEAL_KINDS, { message: 'Jenis upaya administratif harus KEBERATAN atau BANDING' }),
  reason: text({ min: 10, max: 8000, multiline: true, label: 'Alasan upaya administratif' }),
});
export type AppealBody = z.input<typeof appealBodySchema>;

/** The outcome of a keberatan / banding, recorded by BKD (discipline.manage) from the official's or BPASN's decision. */
export const appealDecisionBodySchema = z
  .object({
    outcome: z.enum(APPEAL_OUTCOMES, { message: 'Putusan harus DIKUATKAN, DIUBAH atau DIBATALKAN' }),
    newSanctionCode: sanctionCode.nullish(),
    decidedOn: localDate,
    decisionNumber: text({ min: 1, max: 100, label: 'Nomor keputusan' }),
    note: text({ min: 1, max: 4000, multiline: true, label: 'Keterangan putusan' }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'DIUBAH' && !v.newSanctionCode)
      ctx.addIssue({
        code: 'custom',
        path: ['newSanctionCode'],
        message: 'Hukuman pengganti wajib diisi bila hukuman diubah',
      });
    if (v.outcome !== 'DIUBAH' && v.newSanctionCode)
      ctx.addIssue({
        code: 'custom',
        path: ['newSanctionCode'],
        message: 'Hukuman pengganti hanya diisi bila hukuman diubah',
      });
  });
export type AppealDecisionBody = z.input<typeof appealDecisionBodySchema>;

export const employeeIdParamSchema = z.object({ employeeId: id });

export const activeSanctionsQuerySchema = z.object({ month: yearMonth, unitId: id.optional() });
export type ActiveSanctionsQuery = z.input<typeof activeSanctionsQuerySchema>;

export const siasnExportQuerySchema = z.object({
  year,
  unitId: id.optional(),
  format: z.enum(TABLE_EXPORT_FORMATS, { message: 'Format harus xlsx atau csv' }).default('xlsx'),
});
export type SiasnExportQuery = z.input<typeof siasnExportQuerySchema>;

/** A PPK designation of a JF (Ahli Madya / Ahli Muda) as PyB over a unit (regulations.md §1.5). */
export const designationBodySchema = z
  .object({
    employeeId: id,
    unitId: id,
    levels: z
      .array(levelEnum)
      .min(1, 'Minimal satu tingkat hukuman')
      .max(3)
      .refine((l) => new Set(l).size === l.length, 'Tingkat hukuman ganda'),
    decreeNumber: text({ min: 1, max: 100, label: 'Nomor keputusan penunjukan' }),
    validFrom: localDate,
    validTo: localDate.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.validTo && v.validTo < v.validFrom)
      ctx.addIssue({
        code: 'custom',
        path: ['validTo'],
        message: 'Tanggal akhir tidak boleh sebelum tanggal mulai',
      });
  });
export type DesignationBody = z.input<typeof designationBodySchema>;

export const endDesignationBodySchema = z.object({
  validTo: localDate,
  reason: text({ min: 1, max: 1000, multiline: true, label: 'Alasan pengakhiran' }),
});
export type EndDesignationBody = z.input<typeof endDesignationBodySchema>;

export const designationListQuerySchema = z.object({
  unitId: id.optional(),
  /** Only designations in force today. */
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type DesignationListQuery = z.input<typeof designationListQuerySchema>;
export type DesignationListFilter = z.output<typeof designationListQuerySchema>;

// ---------------------------------------------------------------------------------------------------- responses

const legalBasisOut = z.object({
  regulation: z.string(),
  article: z.string().optional(),
  note: z.string().optional(),
});

/** A deadline computed by the rules core on the unit's calendar. */
export const sanctionDeadlineSchema = z.object({
  date: z.string(),
  bound: z.enum(['onOrBefore', 'onOrAfter', 'exact']),
  explanation: z.string(),
  legalBasis: legalBasisOut,
  /** The date has passed (onOrBefore) and the step is still waiting. */
  overdue: z.boolean(),
});
export type SanctionDeadline = z.output<typeof sanctionDeadlineSchema>;

/** The competent official (PyB) for a sanction on the case's examinee, and why. */
export const competentOfficialSchema = z.object({
  kind: z.enum(['chain', 'designatedJf', 'ppk']),
  name: z.string().nullable(),
  positionName: z.string().nullable(),
  /** Who may record the decision: the holder and Plt/Plh of the post; for the PPK, BKD (discipline.manage). */
  deciders: z.array(z.object({ id: z.string(), name: z.string() })),
  /** False when the authority moved up past a vacant post. */
  exact: z.boolean(),
  explanation: z.string(),
  legalBasis: legalBasisOut,
  /** Whether the caller may decide this sanction. */
  callerMayDecide: z.boolean(),
  sanction: z.object({ code: z.string(), name: z.string(), level: levelEnum }),
});
export type CompetentOfficial = z.output<typeof competentOfficialSchema>;

export const appealViewSchema = z.object({
  id: z.string(),
  sanctionId: z.string(),
  caseId: z.string(),
  kind: z.enum(APPEAL_KINDS),
  kindLabel: z.string(),
  filedOn: z.string(),
  filingDeadline: z.string(),
  responseDue: sanctionDeadlineSchema,
  reason: z.string(),
  status: z.enum(APPEAL_STATUSES),
  outcome: z.enum(APPEAL_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  newSanctionCode: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type AppealView = z.output<typeof appealViewSchema>;

/** A sanction as the parties see it (the case's sanction, a row of the record). */
export const sanctionViewSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  /** The type decided (e.g. `S1`) and the form applied (its interim substitute while not active). */
  sanctionCode: z.string(),
  appliedCode: z.string(),
  name: z.string(),
  appliedName: z.string(),
  level: levelEnum,
  durationMonths: z.number().nullable(),
  skNumber: z.string(),
  skDate: z.string(),
  considerations: z.string(),
  decidedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  decidedAs: z.enum(['PLT', 'PLH', 'PPK']).nullable(),
  authority: z.object({
    kind: z.enum(['chain', 'designatedJf', 'ppk']),
    name: z.string().nullable(),
    positionName: z.string().nullable(),
    explanation: z.string(),
    legalBasis: legalBasisOut,
  }),
  delivery: z.object({
    due: sanctionDeadlineSchema,
    method: z.enum(DELIVERY_METHODS).nullable(),
    summonedOn: z.string().nullable(),
    postedOn: z.string().nullable(),
    receivedOn: z.string().nullable(),
  }),
  /** The computed effective date (null until delivered). */
  effective: sanctionDeadlineSchema.nullable(),
  effectiveOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  /** Status today (derived from the stored status and the dates). */
  status: z.enum(SANCTION_STATUSES),
  statusLabel: z.string(),
  blocksKgb: z.boolean(),
  blocksPromotion: z.boolean(),
  replacedBy: z.string().nullable(),
  annulledOn: z.string().nullable(),
  /** The upaya administratif open to the employee now (kind and last day), null when none. */
  appealWindow: z
    .object({ kind: z.enum(APPEAL_KINDS), deadline: sanctionDeadlineSchema, open: z.boolean() })
    .nullable(),
  appeals: z.array(appealViewSchema),
});
export type SanctionView = z.output<typeof sanctionViewSchema>;

/** The answer of a step: the case's new state and its sanction. */
export const sanctionStepResultSchema = z.object({
  caseId: z.string(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  sanction: sanctionViewSchema,
});
export type SanctionStepResult = z.output<typeof sanctionStepResultSchema>;

/** The employee's riwayat hukuman disiplin and the flags other processes read. */
export const disciplineRecordSchema = z.object({
  employee: z.object({
    id: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    employeeType: z.string(),
    unitName: z.string(),
  }),
  /** Today in the employee's unit zone (the statuses and flags are as of this date). */
  today: z.string(),
  sanctions: z.array(sanctionViewSchema),
  flags: z.object({
    /** A sedang/berat sanction blocks the periodic salary increase (KGB) on some day from today on. */
    blocksKgb: z.boolean(),
    /** Last day blocked (null with `blocksKgb`: a final sanction, without end). */
    blocksKgbUntil: z.string().nullable(),
    blocksPromotion: z.boolean(),
    blocksPromotionUntil: z.string().nullable(),
    /** A case in a state before the decision (TELAAH … PENJATUHAN). */
    underExamination: z.boolean(),
    /** A keberatan / banding pending. */
    underAppeal: z.boolean(),
    /** Under examination or appeal: not to be transferred (mutasi) meanwhile. */
    transferBlocked: z.boolean(),
    reasons: z.array(z.string()),
  }),
});
export type DisciplineRecord = z.output<typeof disciplineRecordSchema>;

/** A sanction as TPP takes it (`core/tpp/compute-tpp.ts` TppSanction). */
export const tppSanctionSchema = z.object({
  type: z.string(),
  from: z.string(),
  to: z.string().nullish(),
});

export const activeSanctionsSchema = z.object({
  month: z.string(),
  items: z.array(
    z.object({
      employeeId: z.string(),
      name: z.string(),
      nip: z.string().nullable(),
      unitName: z.string(),
      sanctions: z.array(tppSanctionSchema),
    }),
  ),
});
export type ActiveSanctions = z.output<typeof activeSanctionsSchema>;

export const designationSchema = z.object({
  id: z.string(),
  employee: z.object({
    id: z.string(),
    name: z.string(),
    nip: z.string().nullable(),
    positionName: z.string().nullable(),
    positionKind: z.string().nullable(),
  }),
  unit: z.object({ id: z.string(), name: z.string() }),
  levels: z.array(levelEnum),
  decreeNumber: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  active: z.boolean(),
});
export type Designation = z.output<typeof designationSchema>;
export const designationListSchema = z.object({ items: z.array(designationSchema) });
export type DesignationList = z.output<typeof designationListSchema>;
