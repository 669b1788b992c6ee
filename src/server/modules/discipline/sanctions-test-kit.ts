/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Test helpers of the sanctions section's API tests (sanctions.test.ts, appeals.test.ts, pyb.test.ts), not a test
 * itself: cases put at PENJATUHAN, people added to the shared discipline world, and the steps after the decision.
 */
import { login, type Client } from '../../../../test/helpers/test-app.ts';
import type { EmployeeRef, UnitRef } from '../../../../test/factories/index.ts';
import { json, type DisciplineWorld } from './discipline-test-world.ts';

let seq = 0;

export interface ViolationSeed {
  code?: string;
  article?: string;
  level?: 'ringan' | 'sedang' | 'berat' | null;
  occurredOn?: string;
  /** An attendance indication behind the violation (cumulative ladder step of a year). */
  indication?: { year: number; step: number; level: 'ringan' | 'sedang' | 'berat'; sanctionCode: string };
}

/**
 * A case of `employee` waiting for the decision (PENJATUHAN), written straight to the database as the procedure
 * would have left it: the rules snapshot in force on the violation date, its violations (and indications), and a
 * BAP dated `examDate` with its report (`path: 'bap'`), or two missed summonses (`'absence'`), or neither
 * (`'none'`, with `state` to put it before the BAP). Returns the case id.
 */
export async function caseAtDecision(
  w: DisciplineWorld,
  employee: EmployeeRef,
  opts: {
    expectedLevel?: 'ringan' | 'sedang' | 'berat';
    violations?: ViolationSeed[];
    path?: 'bap' | 'absence' | 'none';
    state?: string;
    examDate?: string;
    violationDate?: string;
    /** The sanction the report proposes (default by level: R2, S1, B1): its PyB holds the next step. */
    proposed?: string;
  } = {},
): Promise<string> {
  const { t } = w;
  const db = t.db;
  const violationDate = opts.violationDate ?? '2027-02-15';
  const emp = await db
    .selectFrom('employees as e')
    .innerJoin('units as u', 'u.id', 'e.unitId')
    .leftJoin('positions as p', 'p.id', 'e.positionId')
    .select(['e.id', 'e.employeeType', 'e.unitId', 'u.path', 'p.kind'])
    .where('e.id', '=', employee.id)
    .executeTakeFirstOrThrow();
  const rules = (await t.services.rulebooks.rulesOn(t.config.rulebookRegion, violationDate)).discipline;
  const track = rules.procedure.tracks.find((x) => (x.employeeTypes as string[]).includes(emp.employeeType));
  seq += 1;
  const c = await db
    .insertInto('disciplineCases')
    .values({
      caseNumber: `HD/2027/9${String(seq).padStart(4, '0')}`,
      employeeId: emp.id,
      unitId: emp.unitId,
      unitPath: emp.path,
      employeeType: emp.employeeType,
      positionKind: emp.kind ?? null,
      source: 'INSPEKSI',
      sourceRef: null,
      track: 'disiplin',
      procedure: track?.procedure ?? 'PP94',
      violationDate,
      summary: 'Pelanggaran disiplin untuk uji',
      expectedLevel: opts.expectedLevel ?? 'ringan',
      examinerKind: 'ATASAN',
      state: opts.state ?? 'PENJATUHAN',
      rules: JSON.stringify(rules),
      regulationSet: rules.regulationSet,
      rulebookVersion: null,
      openedBy: w.admin.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const v of opts.violations ?? [{}]) {
    let indicationId: string | null = null;
    if (v.indication) {
      const i = await db
        .insertInto('disciplineIndications')
        .values({
          employeeId: emp.id,
          unitId: emp.unitId,
          unitPath: emp.path,
          year: v.indication.year,
          source: 'cumulative',
          step: v.indication.step,
          level: v.indication.level,
          sanctionCode: v.indication.sanctionCode,
          totalDays: v.indication.step * 3,
          reachedOn: v.occurredOn ?? violationDate,
          evidence: JSON.stringify({ days: [], excused: [], streak: null }),
          regulationSet: rules.regulationSet,
          status: 'DIPROSES',
          caseId: c.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      indicationId = i.id;
    }
    await db
      .insertInto('disciplineCaseViolations')
      .values({
        caseId: c.id,
        indicationId,
        violationCode: v.code ?? (v.indication ? 'PASAL_4_F' : 'PASAL_3'),
        article: v.article ?? (v.indication ? 'PP 94/2021 Pasal 4 huruf f' : 'PP 94/2021 Pasal 3'),
        occurredOn: v.occurredOn ?? violationDate,
        description: 'Uraian pelanggaran untuk uji',
        level: v.level ?? (v.indication ? v.indication.level : null),
      })
      .execute();
  }
  // The report names the competent official for the proposed sanction; they hold the decision (inbox, access).
  const row = await db
    .selectFrom('disciplineCases')
    .selectAll()
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  const level = opts.expectedLevel ?? 'ringan';
  const proposed = opts.proposed ?? { ringan: 'R2', sedang: 'S1', berat: 'B1' }[level];
  let reportedTo: Record<string, unknown> | null = null;
  try {
    const p = await t.services.discipline.sanctions.pyb.competentOfficial(row, level, proposed);
    // As the report route stores it (cases-procedure.ts): the official and how the report went to them.
    reportedTo = {
      kind: p.kind,
      deciderIds: p.deciderIds,
      name: p.name,
      positionName: p.positionName,
      positionId: p.positionId,
      exact: p.exact,
      explanation: p.explanation,
      legalBasis: p.legalBasis,
      rowId: p.rowId,
      designationId: p.designationId,
      date: p.date,
      hierarchical: false,
    };
    await db
      .updateTable('disciplineCases')
      .set({
        nextStep: 'Tetapkan keputusan hukuman disiplin',
        nextHolder: JSON.stringify({
          employeeIds: p.deciderIds,
          roles: p.kind === 'ppk' ? ['discipline.manage'] : [],
        }),
      })
      .where('id', '=', c.id)
      .execute();
  } catch {
    reportedTo = null; // no PyB (e.g. non-ASN): BKD and the superior only
  }
  const path = opts.path ?? 'bap';
  if (path === 'bap')
    await db
      .insertInto('disciplineExaminations')
      .values({
        caseId: c.id,
        examDate: opts.examDate ?? '2027-02-22',
        mode: 'TATAP_MUKA',
        place: 'Ruang rapat',
        qa: JSON.stringify([{ question: 'Apakah benar?', answer: 'Benar.' }]),
        signedByExaminee: true,
        reportSummary: 'Terbukti',
        foundLevel: opts.expectedLevel ?? 'ringan',
        reportedAt: new Date('2027-02-23T02:00:00Z'),
        reportedTo: reportedTo ? JSON.stringify(reportedTo) : null,
        proposedSanction: proposed,
        recordedBy: w.admin.actor.userId,
      })
      .execute();
  if (path === 'absence')
    for (const s of [1, 2])
      await db
        .insertInto('disciplineSummons')
        .values({
          caseId: c.id,
          seq: s,
          letterNumber: `800/${s}/2027`,
          letterDate: s === 1 ? '2027-02-01' : '2027-02-12',
          examDate: s === 1 ? '2027-02-10' : '2027-02-22',
          examPlace: 'Ruang rapat',
          limitDate: s === 1 ? '2027-02-10' : '2027-02-19',
          attended: false,
        })
        .execute();
  return c.id;
}

/** The decision as a body (overridable). */
export const decisionBody = (sanctionCode: string, over: Record<string, unknown> = {}) => ({
  sanctionCode,
  skNumber: `800.1.6/${sanctionCode}/${++seq}/2027`,
  skDate: '2027-03-01',
  considerations: 'Berdasarkan hasil pemeriksaan, pegawai terbukti melanggar.',
  ...over,
});

/** Decides as `by` (200) and returns the step result. */
export async function decide(
  c: Client,
  caseId: string,
  sanctionCode: string,
  over: Record<string, unknown> = {},
) {
  return json(await c.post(`/api/discipline/cases/${caseId}/decision`, decisionBody(sanctionCode, over)));
}

/** Delivers in person on `receivedOn` (200). */
export async function deliverInPerson(c: Client, caseId: string, receivedOn: string) {
  return json(await c.post(`/api/discipline/cases/${caseId}/delivery`, { method: 'langsung', receivedOn }));
}

/** Adds a person to the world (unit, position kind and superior), with an account and a signed-in client. */
export async function addPerson(
  w: DisciplineWorld,
  o: {
    unit: UnitRef;
    kind: string;
    name: string;
    superior?: EmployeeRef;
    kelasJabatan?: number;
    isHead?: boolean;
    activeTo?: string;
    employeeType?: string;
  },
): Promise<{ e: EmployeeRef; c: Client | null; positionId: string }> {
  const position = await w.f.position({
    unit: o.unit,
    kind: o.kind as any,
    kelasJabatan: o.kelasJabatan ?? 8,
    name: `Jabatan ${o.name}`,
    isHead: o.isHead ?? false,
  });
  const e = await w.f.employee({
    unit: o.unit,
    position,
    superior: o.superior,
    name: o.name,
    ...(o.employeeType ? { employeeType: o.employeeType as any } : {}),
  });
  if (o.activeTo) {
    await w.t.db.updateTable('employees').set({ activeTo: o.activeTo }).where('id', '=', e.id).execute();
    return { e, c: null, positionId: position.id };
  }
  await w.f.account(e);
  return { e, c: await login(w.t.app, e.login), positionId: position.id };
}
