/**
 * Rows of discipline cases written straight into the test database for the documents and registry tests (not a
 * test itself): a case at any step with its summonses, team, BAP, report, sanction and timeline events, without
 * going through the procedure's routes, so each test sets exactly the state it reads. The procedure's own tests
 * drive the routes; these tests read what they leave behind.
 */
import type { DisciplineWho, DisciplineWorld } from './discipline-test-world.ts';

let seq = 0;

export interface SeededCase {
  id: string;
  caseNumber: string;
  unitId: string;
  unitPath: string;
}

const userOf = (w: DisciplineWorld, who: DisciplineWho) => w.c[who].me.user.id;

/** Inserts a case on `employee` in `state` (with one violation and its `open` event). */
export async function seedCase(
  w: DisciplineWorld,
  o: {
    employee: DisciplineWho;
    state?: string;
    expectedLevel?: 'ringan' | 'sedang' | 'berat';
    examinerKind?: 'ATASAN' | 'TIM' | null;
    source?: string;
    violationDate?: string;
    createdAt?: string;
    nextStep?: string | null;
    nextDue?: string | null;
    holder?: { employeeIds: string[]; roles: string[] } | null;
    openedBy?: DisciplineWho;
    article?: string;
    description?: string;
  },
): Promise<SeededCase> {
  const db = w.t.db;
  const e = await db
    .selectFrom('employees as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select(['e.id', 'e.unitId', 'u.path', 'e.employeeType', 'p.kind'])
    .where('e.id', '=', w.e[o.employee].id)
    .executeTakeFirstOrThrow();
  const violationDate = o.violationDate ?? '2027-02-15';
  const rulebook = await w.t.services.rulebooks.rulesOn(w.t.config.rulebookRegion, violationDate);
  const rules = rulebook.discipline;
  seq++;
  const caseNumber = `HD/${violationDate.slice(0, 4)}/${String(900 + seq).padStart(5, '0')}`;
  const createdAt = new Date(o.createdAt ?? w.t.clock.now().toISOString());
  const row = await db
    .insertInto('disciplineCases')
    .values({
      caseNumber,
      employeeId: e.id,
      unitId: e.unitId,
      unitPath: e.path,
      employeeType: e.employeeType,
      positionKind: e.kind ?? null,
      source: o.source ?? 'INSPEKSI',
      sourceRef: null,
      track: 'disiplin',
      procedure: e.employeeType === 'NON_ASN' ? 'INTERNAL' : 'PP94',
      violationDate,
      summary: 'Tidak melaksanakan tugas dengan penuh tanggung jawab.',
      expectedLevel: o.expectedLevel ?? 'ringan',
      examinerKind: o.examinerKind === undefined ? 'ATASAN' : o.examinerKind,
      state: o.state ?? 'TELAAH',
      stateSince: createdAt,
      rules: JSON.stringify(rules),
      regulationSet: rules.regulationSet,
      rulebookVersion: null,
      nextStep: o.nextStep === undefined ? 'Langkah berikutnya' : o.nextStep,
      nextDue: o.nextDue ?? null,
      nextHolder: o.holder === null ? null : JSON.stringify(o.holder ?? { employeeIds: [], roles: [] }),
      openedBy: userOf(w, o.openedBy ?? 'kasi'),
      openedByEmployee: w.e[o.openedBy ?? 'kasi'].id,
      openedAs: null,
      createdAt,
      updatedAt: createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('disciplineCaseViolations')
    .values({
      caseId: row.id,
      indicationId: null,
      violationCode: 'PASAL_3',
      article: o.article ?? 'Pasal 3 huruf e',
      occurredOn: violationDate,
      description: o.description ?? 'Tidak menyelesaikan laporan yang ditugaskan atasan.',
      level: null,
    })
    .execute();
  await event(w, row.id, 'open', o.openedBy ?? 'kasi', null, {}, createdAt);
  return { id: row.id, caseNumber, unitId: e.unitId, unitPath: e.path };
}

/** A timeline event (the documents read who took a step, and as what). */
export async function event(
  w: DisciplineWorld,
  caseId: string,
  action: string,
  by: DisciplineWho,
  actingAs: 'PLT' | 'PLH' | 'PPK' | null,
  data: Record<string, unknown> = {},
  at?: Date,
) {
  await w.t.db
    .insertInto('disciplineCaseEvents')
    .values({
      caseId,
      action,
      actorUserId: userOf(w, by),
      actorEmployeeId: w.e[by].id,
      actingAs,
      data: JSON.stringify(data),
      at: at ?? w.t.clock.now(),
    })
    .execute();
}

export async function setState(w: DisciplineWorld, caseId: string, state: string) {
  await w.t.db.updateTable('disciplineCases').set({ state }).where('id', '=', caseId).execute();
}

/** Summons `seq` (letter number as entered; '' = left empty), issued by `by` (acting as Plt/Plh or not). */
export async function seedSummons(
  w: DisciplineWorld,
  caseId: string,
  s: {
    seq: 1 | 2;
    letterNumber: string;
    letterDate: string;
    examDate: string;
    examTime?: string | null;
    examPlace?: string;
    attended?: boolean | null;
    by?: DisciplineWho;
    actingAs?: 'PLT' | 'PLH' | null;
  },
) {
  await w.t.db
    .insertInto('disciplineSummons')
    .values({
      caseId,
      seq: s.seq,
      letterNumber: s.letterNumber,
      letterDate: s.letterDate,
      examDate: s.examDate,
      examTime: s.examTime ?? '09:00',
      examPlace: s.examPlace ?? 'Ruang rapat Seksi Surveilans',
      limitDate: s.examDate,
      lateReason: null,
      attended: s.attended ?? null,
    })
    .execute();
  await event(w, caseId, 'summon', s.by ?? 'kasi', s.actingAs ?? null, { seq: s.seq });
}

/** The examination team (SK by BKD for the PPK). */
export async function seedTeam(
  w: DisciplineWorld,
  caseId: string,
  t: {
    skNumber: string;
    skDate: string;
    members: {
      who: DisciplineWho;
      role: 'ATASAN' | 'INSPEKTORAT' | 'BKD' | 'LAINNYA';
      isChair?: boolean;
      position: string;
    }[];
    by?: DisciplineWho;
  },
) {
  for (const m of t.members)
    await w.t.db
      .insertInto('disciplineTeamMembers')
      .values({
        caseId,
        employeeId: w.e[m.who].id,
        role: m.role,
        isChair: m.isChair ?? false,
        positionName: m.position,
      })
      .execute();
  await w.t.db.updateTable('disciplineCases').set({ examinerKind: 'TIM' }).where('id', '=', caseId).execute();
  await event(w, caseId, 'formTeam', t.by ?? 'bkd', 'PPK', { skNumber: t.skNumber, skDate: t.skDate });
}

/** The BAP (and, with `report`, the examination report to the competent official). */
export async function seedExamination(
  w: DisciplineWorld,
  caseId: string,
  x: {
    examDate: string;
    signedByExaminee?: boolean;
    refusalNote?: string | null;
    teamNotes?: string | null;
    by?: DisciplineWho;
    report?: {
      summary: string;
      foundLevel: 'ringan' | 'sedang' | 'berat';
      proposedSanction: string;
      to: { name: string; positionName: string; deciderIds: string[] };
      at: string;
    };
  },
) {
  await w.t.db
    .insertInto('disciplineExaminations')
    .values({
      caseId,
      examDate: x.examDate,
      mode: 'TATAP_MUKA',
      place: 'Ruang rapat Seksi Surveilans',
      qa: JSON.stringify([
        { question: 'Apakah Saudara mengetahui tugas tersebut?', answer: 'Ya, saya mengetahuinya.' },
        { question: 'Mengapa tugas tidak diselesaikan?', answer: 'Saya lalai.' },
      ]),
      examineeStatement: 'Saya mengakui kelalaian saya.',
      signedByExaminee: x.signedByExaminee ?? true,
      refusalNote: x.refusalNote ?? null,
      copyGivenOn: x.examDate,
      teamNotes: x.teamNotes ?? 'RAHASIA-TIM: terperiksa kooperatif.',
      reportSummary: x.report?.summary ?? null,
      foundLevel: x.report?.foundLevel ?? null,
      proposedSanction: x.report?.proposedSanction ?? null,
      reportedTo: x.report ? JSON.stringify({ kind: 'chain', ...x.report.to }) : null,
      reportedAt: x.report ? new Date(x.report.at) : null,
      recordedBy: userOf(w, x.by ?? 'kasi'),
    })
    .execute();
  await event(w, caseId, 'examine', x.by ?? 'kasi', null);
  if (x.report) await event(w, caseId, 'report', x.by ?? 'kasi', null);
}

/** The sanction decided (and, with `received`, delivered). */
export async function seedSanction(
  w: DisciplineWorld,
  caseId: string,
  s: {
    employee: DisciplineWho;
    code: string;
    applied?: string;
    level: 'ringan' | 'sedang' | 'berat';
    name: string;
    durationMonths?: number | null;
    skNumber: string;
    skDate: string;
    decidedBy: DisciplineWho;
    decidedAs?: 'PLT' | 'PLH' | 'PPK' | null;
    authority?: { kind: string; name: string; positionName: string };
    method?: 'langsung' | 'pos';
    postedOn?: string | null;
    summonedOn?: string | null;
    receivedOn?: string | null;
    deliveredBy?: DisciplineWho | null;
    effectiveOn?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
    status?: string;
    annulledOn?: string | null;
  },
) {
  const row = await w.t.db
    .insertInto('disciplineSanctions')
    .values({
      caseId,
      employeeId: w.e[s.employee].id,
      sanctionCode: s.code,
      appliedCode: s.applied ?? s.code,
      level: s.level,
      name: s.name,
      durationMonths: s.durationMonths ?? null,
      decidedByUser: userOf(w, s.decidedBy),
      decidedByEmployee: w.e[s.decidedBy].id,
      decidedAs: s.decidedAs ?? null,
      authority: JSON.stringify(s.authority ?? { kind: 'chain', name: null, positionName: null }),
      skNumber: s.skNumber,
      skDate: s.skDate,
      considerations: 'Terperiksa mengakui perbuatannya dan belum pernah dijatuhi hukuman disiplin.',
      deliveryDue: s.skDate,
      deliverySummonedOn: s.summonedOn ?? null,
      deliveryMethod: s.receivedOn ? (s.method ?? 'langsung') : null,
      postedOn: s.postedOn ?? null,
      receivedOn: s.receivedOn ?? null,
      deliveredBy: s.deliveredBy ? w.e[s.deliveredBy].id : null,
      effectiveOn: s.effectiveOn ?? null,
      startsOn: s.startsOn ?? null,
      endsOn: s.endsOn ?? null,
      status: s.status ?? 'DITETAPKAN',
      annulledOn: s.annulledOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
