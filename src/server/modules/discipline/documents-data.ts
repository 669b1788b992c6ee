import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { AppError } from '../../errors.ts';
import { formatFullName } from '../../../core/people/names.ts';
import { PNS_GOLONGAN, usesPnsGolongan, type EmployeeType } from '../../../core/people/employee-types.ts';
import { localDateAt } from '../../../core/org/relations.ts';
import { signerPosition } from '../../../core/documents/signer.ts';
import type { IndonesianTimeZone } from '../../../core/common/zoned-time.ts';
import type { LocalDate } from '../../../core/common/local-date.ts';
import { findSanction, type DisciplineRules } from '../../../core/discipline/discipline-rules.ts';
import {
  CASE_DOCUMENT_KIND_LABELS,
  type GeneratedDocumentKind,
} from '../../../shared/api/discipline-documents.ts';
import type { LetterType } from '../../../shared/api/documents.ts';
import type { CaseRow, DisciplineContext } from './discipline-context.ts';
import type { CaseDocData, DocPerson, DocSigner, DocViolation } from './documents-layouts.ts';
import type { LetterheadData } from '../../documents/pdf.ts';

/*
 * What the documents of a case are made of (documents-service.ts renders them): which kinds exist yet, their
 * numbers and dates, the people named (examinee, examiners, team, the competent official) with the post they sign
 * for (Plt./Plh.), read from the case's tables in the caller's transaction. Reads only.
 */

/** The letter type of BKD's numbering scheme each document is numbered under. */
export const LETTER_TYPE_OF: Readonly<Record<GeneratedDocumentKind, LetterType>> = {
  PANGGILAN_I: 'HUKDIS_SURAT',
  PANGGILAN_II: 'HUKDIS_SURAT',
  SK_TIM: 'HUKDIS_KEPUTUSAN',
  BAP: 'HUKDIS_SURAT',
  LHP: 'HUKDIS_SURAT',
  SK_HUKDIS: 'HUKDIS_KEPUTUSAN',
  BA_PENYAMPAIAN: 'HUKDIS_SURAT',
};

/** Suffix of the built-in number (case number + suffix) when BKD configured no scheme for the letter type. */
export const FALLBACK_SUFFIX: Readonly<Record<GeneratedDocumentKind, string>> = {
  PANGGILAN_I: 'PGL-I',
  PANGGILAN_II: 'PGL-II',
  SK_TIM: 'SK-TIM',
  BAP: 'BAP',
  LHP: 'LHP',
  SK_HUKDIS: 'SK-HD',
  BA_PENYAMPAIAN: 'BA-PYP',
};

const LEVEL_LABELS: Record<string, string> = { ringan: 'Ringan', sedang: 'Sedang', berat: 'Berat' };
const TEAM_ROLE_LABELS: Record<string, string> = {
  ATASAN: 'Atasan langsung',
  INSPEKTORAT: 'Unsur pengawasan (Inspektorat)',
  BKD: 'Unsur kepegawaian (BKD)',
  LAINNYA: 'Pejabat lain yang ditunjuk',
};
const MODE_LABELS: Record<string, string> = { TATAP_MUKA: 'tatap muka', VIRTUAL: 'virtual' };

/**
 * A user-entered letter number, or null when left empty: blank, a dash, or the placeholder the procedure stores for
 * a summons recorded without a number (`<case number>/PGL-I`), so BKD's scheme numbers it at the first print.
 */
export function enteredNumber(n: string | null | undefined, placeholder?: string): string | null {
  const s = (n ?? '').trim();
  return s && !/^[-–—]+$/.test(s) && s !== placeholder ? s : null;
}

/** "Penata Muda / III/a" for a PNS golongan, "Golongan IX" for PPPK, null without one. */
function pangkatText(type: string, golongan: string | null): string | null {
  if (!golongan) return null;
  if (usesPnsGolongan(type as EmployeeType)) {
    const g = PNS_GOLONGAN.find((x) => x.code === golongan);
    return g ? `${g.pangkat} / ${g.code}` : golongan;
  }
  return `Golongan ${golongan}`;
}

/** The facts of a case that decide which documents exist: one read per table. */
export async function caseFacts(exec: Exec, c: CaseRow) {
  const [summonses, team, exam, sanction, events] = await Promise.all([
    exec.selectFrom('disciplineSummons').selectAll().where('caseId', '=', c.id).orderBy('seq').execute(),
    exec
      .selectFrom('disciplineTeamMembers')
      .selectAll()
      .where('caseId', '=', c.id)
      .orderBy('isChair', 'desc')
      .orderBy('addedAt')
      .execute(),
    exec.selectFrom('disciplineExaminations').selectAll().where('caseId', '=', c.id).executeTakeFirst(),
    exec.selectFrom('disciplineSanctions').selectAll().where('caseId', '=', c.id).executeTakeFirst(),
    exec
      .selectFrom('disciplineCaseEvents')
      .select(['action', 'at', 'actorEmployeeId', 'actingAs', 'data'])
      .where('caseId', '=', c.id)
      .orderBy('at')
      .execute(),
  ]);
  const formTeam = events.filter((e) => e.action === 'formTeam').at(-1) ?? null;
  const summonEvents = events.filter((e) => e.action === 'summon');
  /** The event of summons `seq` (its `data.seq`, else the n-th summons event). */
  const summonEvent = (seq: number) =>
    summonEvents.find((e) => Number((e.data as { seq?: unknown }).seq) === seq) ??
    summonEvents[seq - 1] ??
    null;
  const last = (action: string) => events.filter((e) => e.action === action).at(-1) ?? null;
  return { summonses, team, exam, sanction, events, formTeam, summonEvent, last };
}
export type CaseFacts = Awaited<ReturnType<typeof caseFacts>>;

/** Whether a kind's data exists, what is missing otherwise, the number entered by the user and the letter's date. */
export interface KindState {
  available: boolean;
  missing: string | null;
  entered: string | null;
  date: LocalDate | null;
}

/** The state of every generated kind of a case. */
export function kindStates(
  c: CaseRow,
  f: CaseFacts,
  zone: IndonesianTimeZone,
): Record<GeneratedDocumentKind, KindState> {
  const s1 = f.summonses.find((s) => s.seq === 1);
  const s2 = f.summonses.find((s) => s.seq === 2);
  const teamData = (f.formTeam?.data ?? {}) as { skNumber?: string; skDate?: string };
  const no = (missing: string): KindState => ({ available: false, missing, entered: null, date: null });
  const sanction = f.sanction;
  return {
    PANGGILAN_I: s1
      ? {
          available: true,
          missing: null,
          entered: enteredNumber(s1.letterNumber, `${c.caseNumber}/${FALLBACK_SUFFIX.PANGGILAN_I}`),
          date: s1.letterDate,
        }
      : no('Surat panggilan I belum dicatat'),
    PANGGILAN_II: s2
      ? {
          available: true,
          missing: null,
          entered: enteredNumber(s2.letterNumber, `${c.caseNumber}/${FALLBACK_SUFFIX.PANGGILAN_II}`),
          date: s2.letterDate,
        }
      : no('Surat panggilan II belum dicatat'),
    SK_TIM:
      f.team.length > 0 && c.examinerKind === 'TIM'
        ? {
            available: true,
            missing: null,
            entered: enteredNumber(teamData.skNumber),
            date:
              (teamData.skDate as LocalDate | undefined) ??
              (f.formTeam ? localDateAt(f.formTeam.at.getTime(), zone) : null),
          }
        : no('Tim pemeriksa belum dibentuk'),
    BAP: f.exam
      ? { available: true, missing: null, entered: null, date: f.exam.examDate }
      : no('Berita acara pemeriksaan belum dicatat'),
    LHP:
      f.exam?.reportSummary && f.exam.reportedAt
        ? {
            available: true,
            missing: null,
            entered: null,
            date: localDateAt(f.exam.reportedAt.getTime(), zone),
          }
        : no('Laporan hasil pemeriksaan belum dibuat'),
    SK_HUKDIS: sanction
      ? { available: true, missing: null, entered: enteredNumber(sanction.skNumber), date: sanction.skDate }
      : no('Keputusan hukuman disiplin belum ditetapkan'),
    BA_PENYAMPAIAN: sanction?.receivedOn
      ? {
          available: true,
          missing: null,
          entered: null,
          date:
            sanction.deliveryMethod === 'pos'
              ? (sanction.postedOn ?? sanction.receivedOn)
              : sanction.receivedOn,
        }
      : no('Keputusan hukuman disiplin belum disampaikan'),
  };
}

/** A person (with the post they hold today) as the documents name them. */
export async function personOf(exec: Exec, employeeId: string): Promise<DocPerson> {
  const r = await exec
    .selectFrom('employees as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select([
      'e.name',
      'e.frontTitle',
      'e.backTitle',
      'e.nip',
      'e.employeeType',
      'e.golongan',
      'p.name as positionName',
      'u.name as unitName',
    ])
    .where('e.id', '=', employeeId)
    .executeTakeFirst();
  if (!r) return { name: '-', nip: null, pangkat: null, position: null, unitName: null };
  return {
    name: formatFullName({
      name: r.name,
      frontTitle: r.frontTitle ?? undefined,
      backTitle: r.backTitle ?? undefined,
    }),
    nip: r.nip,
    pangkat: pangkatText(r.employeeType, r.golongan),
    position: r.positionName,
    unitName: r.unitName,
  };
}

/** The unit whose letterhead a case's letters carry: the OPD the case's unit belongs to (else the unit). */
export async function letterUnitOf(exec: Exec, c: Pick<CaseRow, 'unitId' | 'unitPath'>): Promise<string> {
  const ids = c.unitPath.split('/').filter(Boolean);
  if (ids.length === 0) return c.unitId;
  const rows = await exec.selectFrom('units').select(['id', 'kind']).where('id', 'in', ids).execute();
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  for (let i = ids.length - 1; i >= 0; i--) if (kinds.get(ids[i]!) === 'OPD') return ids[i]!;
  return c.unitId;
}

/**
 * The unit whose letterhead a document carries: the region's for what is decided for the PPK (the team SK, a
 * decision recorded as PPK), else the OPD's.
 */
export async function letterheadUnitOf(
  exec: Exec,
  c: Pick<CaseRow, 'id' | 'unitId' | 'unitPath'>,
  kind: GeneratedDocumentKind,
): Promise<string> {
  let forPpk = kind === 'SK_TIM';
  if (kind === 'SK_HUKDIS') {
    const s = await exec
      .selectFrom('disciplineSanctions')
      .select('decidedAs')
      .where('caseId', '=', c.id)
      .executeTakeFirst();
    forPpk = s?.decidedAs === 'PPK';
  }
  return forPpk ? rootUnitOf(c) : letterUnitOf(exec, c);
}

/** The root unit (the region), whose letterhead a decision for the PPK carries. */
export function rootUnitOf(c: Pick<CaseRow, 'unitId' | 'unitPath'>): string {
  return c.unitPath.split('/').filter(Boolean)[0] ?? c.unitId;
}

/** The regulation a case's violations are cited under (its rules snapshot and the employee type). */
function regulationOf(c: CaseRow): string {
  if (c.procedure === 'INTERNAL')
    return 'ketentuan disiplin dalam perjanjian kerja/surat pengangkatan yang bersangkutan';
  if (/53/.test(c.regulationSet))
    return 'Peraturan Pemerintah Nomor 53 Tahun 2010 tentang Disiplin Pegawai Negeri Sipil';
  if (c.employeeType === 'PPPK' || c.employeeType === 'PPPK_PARUH_WAKTU')
    return (
      'Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja ' +
      'jo. Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil'
    );
  return 'Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil';
}

type Event = CaseFacts['events'][number];

/**
 * The direct superior as signer on `date`: the one who took the step (the event's actor, with Plt./Plh. before
 * the post they acted for), else whoever filled the superior's post that day.
 */
async function superiorSigner(
  ctx: DisciplineContext,
  exec: Exec,
  c: CaseRow,
  date: LocalDate,
  event: Event | null,
  above: string[],
): Promise<DocSigner> {
  const slot = await ctx.relations.superiorOn(c.employeeId, date, exec).catch((err: unknown) => {
    if (err instanceof AppError) return null;
    throw err;
  });
  const actorId = event?.actorEmployeeId ?? null;
  if (actorId) {
    const p = await personOf(exec, actorId);
    const acting =
      event?.actingAs === 'PLT' || event?.actingAs === 'PLH'
        ? event.actingAs
        : slot?.official?.employeeId === actorId
          ? slot.official.acting
          : null;
    return {
      name: p.name,
      nip: p.nip,
      position: acting ? (slot?.positionName ?? p.position) : p.position,
      acting,
      above,
    };
  }
  if (slot?.official)
    return {
      name: slot.official.name,
      nip: slot.official.nip,
      position: slot.positionName,
      acting: slot.official.acting,
      above,
    };
  return { name: '-', nip: null, position: slot?.positionName ?? 'Atasan langsung', acting: null, above };
}

/** The team's members as the documents list them. */
async function teamPeople(exec: Exec, f: CaseFacts) {
  const out: (DocPerson & { roleLabel: string; isChair: boolean; employeeId: string })[] = [];
  for (const m of f.team) {
    const p = await personOf(exec, m.employeeId);
    out.push({
      ...p,
      position: m.positionName ?? p.position,
      roleLabel: TEAM_ROLE_LABELS[m.role] ?? m.role,
      isChair: m.isChair,
      employeeId: m.employeeId,
    });
  }
  return out;
}

const chairOf = (team: Awaited<ReturnType<typeof teamPeople>>) => team.find((m) => m.isChair) ?? team[0];

/**
 * The data of one document of a case, as its layout takes it (the kind is available: the caller checked).
 * `number` and `issuedOn` come from the document's row (kept for every reprint).
 */
export async function documentData(
  ctx: DisciplineContext,
  trx: Transaction<Database>,
  c: CaseRow,
  f: CaseFacts,
  kind: GeneratedDocumentKind,
  issued: { number: string; date: LocalDate; issuedOn: Date },
  letterhead: LetterheadData,
): Promise<CaseDocData> {
  const rules = ctx.rulesOf(c) as DisciplineRules;
  const catalogue = new Map(rules.procedure?.violations?.map((v) => [v.code, v.name]) ?? []);
  const violations: DocViolation[] = (
    await trx
      .selectFrom('disciplineCaseViolations')
      .select(['violationCode', 'article', 'description', 'occurredOn'])
      .where('caseId', '=', c.id)
      .orderBy('occurredOn')
      .execute()
  ).map((v) => ({
    article: v.article,
    name: catalogue.get(v.violationCode) ?? null,
    description: v.description,
    occurredOn: v.occurredOn,
  }));
  const examinee = await personOf(trx, c.employeeId);
  const common = {
    letterhead,
    letterNumber: issued.number,
    letterDate: issued.date,
    caseNumber: c.caseNumber,
    examinee,
    violations,
    regulation: regulationOf(c),
    issuedOn: issued.issuedOn,
  };
  const byTeam = c.examinerKind === 'TIM' && f.team.length > 0;
  const team = byTeam ? await teamPeople(trx, f) : [];
  const chairSigner = (): DocSigner => {
    const ch = chairOf(team)!;
    return {
      name: ch.name,
      nip: ch.nip,
      position: ch.position,
      acting: null,
      above: ['Ketua Tim Pemeriksa,'],
    };
  };
  const examinerSigner = async (date: LocalDate, event: Event | null): Promise<DocSigner> =>
    byTeam ? chairSigner() : superiorSigner(ctx, trx, c, date, event, ['Atasan langsung,']);

  switch (kind) {
    case 'PANGGILAN_I':
    case 'PANGGILAN_II': {
      const seq = kind === 'PANGGILAN_I' ? 1 : 2;
      const s = f.summonses.find((x) => x.seq === seq)!;
      const signer = await examinerSigner(s.letterDate, f.summonEvent(seq));
      const first = f.summonses.find((x) => x.seq === 1);
      return {
        ...common,
        kind,
        examDate: s.examDate,
        examTime: s.examTime,
        examPlace: s.examPlace,
        facing: byTeam
          ? { ...chairOf(team)!, position: chairOf(team)!.position }
          : {
              name: signer.name,
              nip: signer.nip,
              pangkat: null,
              position: signerPosition(signer.position, signer.acting ?? null),
              unitName: null,
            },
        byTeam,
        signer,
        missedDate: seq === 2 ? (first?.examDate ?? null) : null,
        tembusan: ['Pejabat yang berwenang menghukum', 'Kepala Badan Kepegawaian Daerah'],
      };
    }
    case 'SK_TIM': {
      const ev = f.formTeam;
      const actor = ev?.actorEmployeeId ? await personOf(trx, ev.actorEmployeeId) : null;
      const acting = ev?.actingAs === 'PLT' || ev?.actingAs === 'PLH' ? ev.actingAs : null;
      const data = (ev?.data ?? {}) as {
        superiorImplicated?: { reason?: string } | null;
        superiorImplicatedReason?: string;
      };
      return {
        ...common,
        kind,
        members: team,
        superiorImplicatedReason: data.superiorImplicated?.reason ?? data.superiorImplicatedReason ?? null,
        signer: {
          name: actor?.name ?? '-',
          nip: actor?.nip ?? null,
          position: actor?.position ?? null,
          acting,
          above: ['a.n. Pejabat Pembina Kepegawaian,'],
        },
        tembusan: ['Pegawai yang bersangkutan', 'Inspektur', 'Kepala Badan Kepegawaian Daerah'],
      };
    }
    case 'BAP': {
      const x = f.exam!;
      const examinerSigners: DocSigner[] = byTeam
        ? team.map((m) => ({
            name: m.name,
            nip: m.nip,
            position: m.position,
            acting: null,
            above: [m.isChair ? 'Ketua Tim Pemeriksa,' : 'Anggota Tim Pemeriksa,'],
          }))
        : [await superiorSigner(ctx, trx, c, x.examDate, f.last('examine'), ['Pemeriksa,'])];
      const examiners = byTeam
        ? team
        : examinerSigners.map((s) => ({
            name: s.name,
            nip: s.nip,
            pangkat: null,
            position: signerPosition(s.position, s.acting ?? null),
            unitName: null,
            roleLabel: 'Atasan langsung',
          }));
      return {
        ...common,
        kind,
        examDate: x.examDate,
        modeLabel: MODE_LABELS[x.mode] ?? x.mode,
        place: x.place,
        qa: x.qa,
        examineeStatement: x.examineeStatement,
        signedByExaminee: x.signedByExaminee,
        refusalNote: x.refusalNote,
        copyGivenOn: x.copyGivenOn,
        examiners,
        examinerSigners,
      };
    }
    case 'LHP': {
      const x = f.exam!;
      const to = (x.reportedTo ?? {}) as { name?: string | null; positionName?: string | null };
      const code = x.proposedSanction;
      const sanctionName = code ? (findSanction(rules, code)?.name ?? code) : null;
      return {
        ...common,
        kind,
        to: { name: to.name ?? null, position: to.positionName ?? null },
        examDate: x.examDate,
        summary: x.reportSummary ?? '',
        foundLevelLabel: LEVEL_LABELS[x.foundLevel ?? ''] ?? '-',
        proposedSanction: sanctionName ? `${sanctionName} (${code})` : null,
        attendedExamination: true,
        signer: await examinerSigner(issued.date, f.last('report')),
      };
    }
    case 'SK_HUKDIS': {
      const s = f.sanction!;
      const authority = (s.authority ?? {}) as {
        name?: string | null;
        positionName?: string | null;
        kind?: string;
      };
      const decider = s.decidedByEmployee ? await personOf(trx, s.decidedByEmployee) : null;
      const ppk = s.decidedAs === 'PPK' || authority.kind === 'ppk';
      const acting = s.decidedAs === 'PLT' || s.decidedAs === 'PLH' ? s.decidedAs : null;
      const type = findSanction(rules, s.sanctionCode);
      const applied = s.appliedCode !== s.sanctionCode ? findSanction(rules, s.appliedCode) : null;
      const eff = rules.deadlines.effective;
      const unit = eff.unit === 'workingDays' ? 'hari kerja' : 'hari kalender';
      const banding = s.level === 'berat' && s.durationMonths === null;
      const filing = banding ? rules.deadlines.appeal.filing : rules.deadlines.objection.filing;
      const positionTitle = ppk
        ? 'Pejabat Pembina Kepegawaian'
        : (authority.positionName ?? decider?.position ?? 'Pejabat yang Berwenang Menghukum');
      return {
        ...common,
        kind,
        deciderTitle: positionTitle,
        sanctionName: type?.name ?? s.name,
        sanctionCode: s.sanctionCode,
        levelLabel: LEVEL_LABELS[s.level] ?? s.level,
        interim: applied ? applied.name : null,
        durationMonths: s.durationMonths,
        considerations: s.considerations,
        effectiveRule: `pada ${unit} ke-${eff.count} terhitung sejak tanggal keputusan ini diterima oleh yang bersangkutan`,
        effectiveOn: s.effectiveOn,
        appeal: banding
          ? {
              label: 'banding administratif',
              to: 'Badan Pertimbangan Aparatur Sipil Negara (BPASN)',
              window: `paling lama ${filing.count} ${filing.unit === 'workingDays' ? 'hari kerja' : 'hari kalender'} sejak keputusan ini diterima`,
            }
          : {
              label: 'keberatan',
              to: 'atasan pejabat yang berwenang menghukum',
              window: `paling lama ${filing.count} ${filing.unit === 'workingDays' ? 'hari kerja' : 'hari kalender'} sejak keputusan ini diterima`,
            },
        basedOnExamination: !!f.exam,
        signer: {
          name: decider?.name ?? authority.name ?? '-',
          nip: decider?.nip ?? null,
          position: ppk ? (decider?.position ?? null) : (authority.positionName ?? decider?.position ?? null),
          acting,
          above: ppk ? ['a.n. Pejabat Pembina Kepegawaian,'] : ['Pejabat yang berwenang menghukum,'],
        },
        tembusan: [
          'Kepala Badan Kepegawaian Daerah',
          'Atasan langsung yang bersangkutan',
          'Pejabat pengelola keuangan',
        ],
      };
    }
    case 'BA_PENYAMPAIAN': {
      const s = f.sanction!;
      const byId = s.deliveredBy ?? s.decidedByEmployee;
      const p = byId ? await personOf(trx, byId) : null;
      return {
        ...common,
        kind,
        skNumber: s.skNumber,
        skDate: s.skDate,
        sanctionName: findSanction(rules, s.sanctionCode)?.name ?? s.name,
        method: s.deliveryMethod === 'pos' ? 'pos' : 'langsung',
        summonedOn: s.deliverySummonedOn,
        postedOn: s.postedOn,
        receivedOn: s.receivedOn!,
        deliverer: p
          ? { name: p.name, nip: p.nip, position: p.position, acting: null, above: ['Yang menyampaikan,'] }
          : null,
      };
    }
  }
}

/** The title of a generated document's row. */
export const generatedTitle = (kind: GeneratedDocumentKind) => CASE_DOCUMENT_KIND_LABELS[kind];

/** Serialises the issuing of one (case, kind) number (two first prints at once get one number). */
export async function lockDocument(trx: Transaction<Database>, caseId: string, kind: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`discipline-document:${caseId}:${kind}`}))`.execute(trx);
}
