import { z } from 'zod';
import {
  ABSENCE_KINDS,
  ACK_STATES,
  MORAL_SANCTIONS,
  NEUTRALITY_SOURCES,
  NEUTRALITY_TRACKS,
  STAGE_KINDS,
  WATCH_KINDS,
} from '../../core/oversight/election-watch.ts';
import { id, localDate, pageQuerySchema, paged, searchText, text } from './common.ts';

/**
 * The HTTP contract of the election-period watch (issue 18 point 3; docs/election-watch.md): request and response
 * schemas, used by the routes for validation and the API documentation, and by the web client for its types.
 */

export {
  ABSENCE_KINDS,
  ACK_STATES,
  MORAL_SANCTIONS,
  NEUTRALITY_SOURCES,
  NEUTRALITY_TRACKS,
  STAGE_KINDS,
  WATCH_KINDS,
};

export const WATCH_KIND_LABELS: Record<(typeof WATCH_KINDS)[number], string> = {
  PILKADA: 'Pilkada',
  PEMILU: 'Pemilu',
};
export const STAGE_KIND_LABELS: Record<(typeof STAGE_KINDS)[number], string> = {
  KAMPANYE: 'Masa kampanye',
  MASA_TENANG: 'Masa tenang',
  PEMUNGUTAN_SUARA: 'Hari pemungutan suara',
  REKAPITULASI: 'Rekapitulasi',
  LAINNYA: 'Tahapan lain',
};
export const ABSENCE_KIND_LABELS: Record<(typeof ABSENCE_KINDS)[number], string> = {
  TK: 'Tanpa keterangan (TK)',
  TERLAMBAT: 'Terlambat',
  PULANG_CEPAT: 'Pulang sebelum waktunya',
  CUTI: 'Cuti',
  IZIN: 'Izin / sakit',
  DINAS: 'Dinas luar / tugas',
};
export const ACK_STATE_LABELS: Record<(typeof ACK_STATES)[number], string> = {
  TEPAT_WAKTU: 'Dikonfirmasi tepat waktu',
  TERLAMBAT: 'Dikonfirmasi terlambat',
  BELUM_JATUH_TEMPO: 'Menunggu konfirmasi',
  TIDAK_ADA: 'Tidak dikonfirmasi',
};
export const NEUTRALITY_SOURCE_LABELS: Record<(typeof NEUTRALITY_SOURCES)[number], string> = {
  BAWASLU: 'Rekomendasi Bawaslu',
  PENGADUAN: 'Pengaduan',
  LAINNYA: 'Lainnya',
};
export const NEUTRALITY_TRACK_LABELS: Record<(typeof NEUTRALITY_TRACKS)[number], string> = {
  ETIKA: 'Kode etik (PP 42/2004)',
  DISIPLIN: 'Disiplin (PP 94/2021)',
};
export const MORAL_SANCTION_LABELS: Record<(typeof MORAL_SANCTIONS)[number], string> = {
  PERNYATAAN_TERTUTUP: 'Pernyataan secara tertutup',
  PERNYATAAN_TERBUKA: 'Pernyataan secara terbuka',
};
export const ESCALATION_KIND_LABELS = {
  KONFIRMASI_TIDAK_ADA: 'Daftar harian tidak dikonfirmasi kepala OPD',
  KEPALA_TIDAK_HADIR: 'Kepala OPD tidak memenuhi kehadirannya (diteruskan ke Sekda)',
} as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Jam harus berformat HH:mm');

// ---------------------------------------------------------------------------------------------------- periods

/** POST /api/election-watch/periods: BKD declares a watch period with its stages. */
export const periodCreateSchema = z.object({
  name: text({ min: 3, max: 200, label: 'Nama masa pengawasan' }),
  kind: z.enum(WATCH_KINDS, { message: 'Jenis harus PILKADA atau PEMILU' }),
  legalBasis: text({ min: 3, max: 500, label: 'Dasar hukum / nomor surat edaran' }),
  startsOn: localDate,
  endsOn: localDate,
  /** The time (next day, OPD's zone) by which a day's list must be acknowledged. */
  ackDueTime: hhmm.default('10:00'),
  /** Empty = the whole region; otherwise these units and their subtrees. */
  unitIds: z.array(id).max(200).default([]),
  stages: z
    .array(
      z.object({
        kind: z.enum(STAGE_KINDS, { message: 'Jenis tahapan tidak dikenal' }),
        name: text({ min: 2, max: 120, label: 'Nama tahapan' }),
        startsOn: localDate,
        endsOn: localDate,
        keyDate: z.boolean().default(false),
      }),
    )
    .max(30)
    .default([]),
});
export type PeriodCreate = z.input<typeof periodCreateSchema>;
export type PeriodCreateInput = z.output<typeof periodCreateSchema>;

export const periodListQuerySchema = pageQuerySchema.extend({ q: searchText.optional() });
export type PeriodListQuery = z.input<typeof periodListQuerySchema>;

export const stageSchema = z.object({
  kind: z.enum(STAGE_KINDS),
  kindLabel: z.string(),
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  keyDate: z.boolean(),
});

/** One OPD the period covers, as the caller sees it. */
export const periodOpdSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** The caller is the head (or Plt/Plh) of this OPD today: they acknowledge its lists. */
  isHead: z.boolean(),
});

export const periodSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(WATCH_KINDS),
  kindLabel: z.string(),
  legalBasis: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  ackDueTime: z.string(),
  wholeRegion: z.boolean(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  stages: z.array(stageSchema),
  /** The OPDs covered that the caller may see (their scope, or the OPD they head). */
  opds: z.array(periodOpdSchema),
  createdAt: z.string(),
});
export type Period = z.output<typeof periodSchema>;

export const periodListSchema = paged(periodSchema.omit({ opds: true, units: true, stages: true }));
export type PeriodList = z.output<typeof periodListSchema>;
export const createdSchema = z.object({ id: z.string() });

export const periodParamsSchema = z.object({ id });

// ---------------------------------------------------------------------------------------------------- the daily list

/** GET /api/election-watch/periods/:id/days: an OPD's absence list of one day (read only: stores nothing). */
export const dayQuerySchema = z.object({ unitId: id, date: localDate });
export type DayQuery = z.input<typeof dayQuerySchema>;

export const dayEntrySchema = z.object({
  employeeId: z.string(),
  name: z.string(),
  nip: z.string().nullable(),
  unitName: z.string(),
  isHead: z.boolean(),
  code: z.string().nullable(),
  kind: z.enum(ABSENCE_KINDS).nullable(),
  kindLabel: z.string().nullable(),
  lateMinutes: z.number().int(),
  /** Apel sessions of the day the employee was expected at and did not attend (kinds: APEL_PAGI, APEL_SORE …). */
  missedApel: z.array(z.string()),
  /** No stored status for the day yet (the daily statuses have not been computed). */
  noData: z.boolean(),
});

export const ackSchema = z.object({
  state: z.enum(ACK_STATES),
  stateLabel: z.string(),
  dueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  acting: z.enum(['PLT', 'PLH']).nullable(),
  note: z.string().nullable(),
});

export const dayListSchema = z.object({
  periodId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  timeZone: z.string(),
  workingDay: z.boolean(),
  keyDate: z.boolean(),
  stages: z.array(z.string()),
  counts: z.object({
    staff: z.number().int(),
    tk: z.number().int(),
    late: z.number().int(),
    leaveOrPermit: z.number().int(),
    apelExpected: z.number().int(),
    apelMissed: z.number().int(),
  }),
  /** Everyone with something on the list (an absence category or a missed apel). */
  entries: z.array(dayEntrySchema),
  ack: ackSchema,
  /** The caller may acknowledge this list (they head the OPD, the day has begun, not yet acknowledged). */
  canAcknowledge: z.boolean(),
});
export type DayList = z.output<typeof dayListSchema>;

/** POST /api/election-watch/periods/:id/acknowledgements: the head confirms they checked the day's list. */
export const ackCreateSchema = z.object({
  unitId: id,
  date: localDate,
  note: text({ max: 1000, multiline: true, label: 'Catatan' }).optional(),
});
export type AckCreate = z.input<typeof ackCreateSchema>;

// ---------------------------------------------------------------------------------------------------- report

export const reportQuerySchema = z.object({ unitId: id });
export type ReportQuery = z.input<typeof reportQuerySchema>;

export const reportDaySchema = z.object({
  date: z.string(),
  keyDate: z.boolean(),
  stages: z.array(z.string()),
  staff: z.number().int(),
  tk: z.number().int(),
  late: z.number().int(),
  leaveOrPermit: z.number().int(),
  apelExpected: z.number().int(),
  apelAttended: z.number().int(),
  ackState: z.enum(ACK_STATES),
  ackStateLabel: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  escalations: z.number().int(),
});

export const escalationSchema = z.object({
  id: z.string(),
  periodId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  date: z.string(),
  kind: z.enum(['KONFIRMASI_TIDAK_ADA', 'KEPALA_TIDAK_HADIR']),
  kindLabel: z.string(),
  employeeName: z.string().nullable(),
  reason: z.string(),
  recipients: z.number().int(),
  createdAt: z.string(),
});
export type Escalation = z.output<typeof escalationSchema>;

export const reportSchema = z.object({
  periodId: z.string(),
  periodName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  days: z.array(reportDaySchema),
  totals: z.object({
    workingDays: z.number().int(),
    tk: z.number().int(),
    late: z.number().int(),
    leaveOrPermit: z.number().int(),
    apelExpected: z.number().int(),
    apelAttended: z.number().int(),
    ackOnTime: z.number().int(),
    ackLate: z.number().int(),
    ackMissing: z.number().int(),
    escalations: z.number().int(),
    neutralityCases: z.number().int(),
  }),
  escalations: z.array(escalationSchema),
});
export type Report = z.output<typeof reportSchema>;

export const reportExportParamsSchema = z.object({ id, format: z.enum(['xlsx', 'csv']) });

export const escalationListQuerySchema = pageQuerySchema.extend({ unitId: id.optional() });
export const escalationListSchema = paged(escalationSchema);
export type EscalationList = z.output<typeof escalationListSchema>;

// ---------------------------------------------------------------------------------------------------- neutrality

/** POST /api/election-watch/neutrality: record a report (Bawaslu recommendation, complaint, other). */
export const neutralityCreateSchema = z.object({
  periodId: id.optional(),
  employeeId: id,
  source: z.enum(NEUTRALITY_SOURCES, { message: 'Sumber harus BAWASLU, PENGADUAN atau LAINNYA' }),
  referenceNo: text({ min: 1, max: 200, label: 'Nomor rujukan' }),
  referenceDate: localDate,
  /** A neutrality conduct of the rulebook's catalogue (GET /api/election-watch/neutrality/conducts). */
  conductCode: z.string().regex(/^[A-Z0-9_]+$/, 'Kode perbuatan tidak valid'),
  conductDate: localDate,
  description: text({ min: 10, max: 4000, multiline: true, label: 'Uraian perbuatan' }),
});
export type NeutralityCreate = z.input<typeof neutralityCreateSchema>;

/** POST /api/election-watch/neutrality/:id/decision: the track of the SKB 2022. */
export const neutralityDecisionSchema = z.object({
  track: z.enum(NEUTRALITY_TRACKS, { message: 'Jalur harus ETIKA atau DISIPLIN' }),
  moralSanction: z.enum(MORAL_SANCTIONS, { message: 'Sanksi moral tidak dikenal' }).optional(),
  level: z
    .enum(['ringan', 'sedang', 'berat'], { message: 'Tingkat harus ringan, sedang atau berat' })
    .optional(),
  note: text({ min: 3, max: 2000, multiline: true, label: 'Pertimbangan' }),
});
export type NeutralityDecision = z.input<typeof neutralityDecisionSchema>;

export const neutralityListQuerySchema = pageQuerySchema.extend({
  unitId: id.optional(),
  periodId: id.optional(),
  q: searchText.optional(),
});
export type NeutralityListQuery = z.input<typeof neutralityListQuerySchema>;

export const neutralitySchema = z.object({
  id: z.string(),
  periodId: z.string().nullable(),
  employeeId: z.string(),
  employeeName: z.string(),
  nip: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string(),
  source: z.enum(NEUTRALITY_SOURCES),
  sourceLabel: z.string(),
  referenceNo: z.string(),
  referenceDate: z.string(),
  conductCode: z.string(),
  conductName: z.string(),
  conductDate: z.string(),
  description: z.string(),
  track: z.enum(NEUTRALITY_TRACKS).nullable(),
  trackLabel: z.string().nullable(),
  moralSanction: z.enum(MORAL_SANCTIONS).nullable(),
  moralSanctionLabel: z.string().nullable(),
  decisionNote: z.string().nullable(),
  disciplineCaseId: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Neutrality = z.output<typeof neutralitySchema>;
export const neutralityListSchema = paged(neutralitySchema);
export type NeutralityList = z.output<typeof neutralityListSchema>;

export const conductListSchema = z.array(
  z.object({
    code: z.string(),
    article: z.string(),
    name: z.string(),
    level: z.enum(['ringan', 'sedang', 'berat']).nullable(),
    track: z.enum(NEUTRALITY_TRACKS),
  }),
);
export type ConductList = z.output<typeof conductListSchema>;
