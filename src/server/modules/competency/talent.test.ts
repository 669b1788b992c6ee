import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type EmployeeRef, type PositionRef } from '../../../../test/factories/index.ts';
import { changedTables, dbFingerprint } from '../../../../test/helpers/db-fingerprint.ts';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { json } from '../../../../test/helpers/responses.ts';
import type {
  CandidateList,
  NineBox,
  Succession,
  TalentPool,
  TalentPositions,
} from '../../../shared/api/competency-talent.ts';

/*
 * Talent pool and 9-box through the API, per role (issue 19 points 6 and 8). Clock 15/01/2026.
 *
 *   PROV ─ BKD       bkd: BKD over PROV;   bkdA: BKD over DINAS-A only
 *        ─ DINAS-A   kadis (JPT Pratama, head, born 10/03/1966) ← kasiA, kasiB (Pengawas) ; staf (Pelaksana) ← kasiA
 *                    Sekretaris (Administrator): vacant;   Statistisi Ahli Madya (JF): no standard
 *        ─ DINAS-B   outsider (Pengawas)
 *
 * Results (9 competencies M.01–M.08, SK.01), predikat of the approved annual evaluation 2025:
 *   kasiA    all 3                  Σ 27   Sangat Baik   potential vs Pengawas 27/18 → 100 (capped): Tinggi → box 9
 *   outsider all 3                  Σ 27   Sangat Baik   the same → box 9
 *   kasiB    M.01, M.02 3, rest 2   Σ 20   Baik          20/18 → 100: Tinggi; Baik → Sesuai → box 8; under examination
 *   staf     all 2                  Σ 18   (none)        not placed: no approved annual evaluation
 * JPM against Sekretaris (Administrator, 3 × 9 = 27): kasiA 27/27 = 100 % MS; outsider 100 % MS; kasiB 20/27 =
 * 74,07 % MMS; staf 18/27 = 66,67 % KMS. kasiA and outsider tie on JPM, pool and box: kasiA's 24 JP this year puts
 * them first.
 */

let t: TestApp;
const c = {} as Record<'bkd' | 'bkdA' | 'kadis' | 'kasiA' | 'staf', Client>;
const e = {} as Record<'kadis' | 'kasiA' | 'kasiB' | 'staf' | 'outsider', EmployeeRef>;
const pos = {} as Record<'kadis' | 'sekretaris' | 'jfEmpty' | 'outsider', PositionRef>;
let dinasA: { id: string };

const all = (level: number) =>
  ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08', 'SK.01'].map((code) => ({ code, level }));
const views = async () =>
  (
    await t.db
      .selectFrom('auditLog')
      .select(['entityId', 'after'])
      .where('action', '=', 'competency_assessment.viewed')
      .orderBy('id')
      .execute()
  ).flatMap((r) => (r.after as { employeeIds: string[] }).employeeIds);
/** The people an action logged as viewed (one entry per answer, naming everyone shown but the caller). */
async function logged(action: () => Promise<unknown>): Promise<string[]> {
  const before = (await views()).length;
  await action();
  return (await views()).slice(before) as string[];
}
async function refused(
  action: () => Promise<{ statusCode: number; body: string }>,
  status: number,
  code?: string,
) {
  const before = await dbFingerprint(t.db);
  const res = await action();
  expect(res.statusCode, res.body).toBe(status);
  if (code) expect(res.body).toContain(code);
  expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
}

/** An approved annual evaluation 2025 with its predikat (inserted: e-Kinerja's own flow is tested there). */
async function annual(emp: EmployeeRef, predikat: string) {
  const skp = await t.db
    .insertInto('skp')
    .values({
      employeeId: emp.id,
      unitId: emp.unitId,
      year: 2025,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      approach: 'KUANTITATIF',
      status: 'APPROVED',
      penilaiId: e.kadis.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('evaluations')
    .values({
      skpId: skp.id,
      employeeId: emp.id,
      unitId: emp.unitId,
      kind: 'TAHUNAN',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      label: 'Tahunan 2025',
      status: 'APPROVED',
      predikat,
      approvedAt: new Date('2026-01-10T03:00:00Z'),
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const f = factories(t);
  await f.rulebooks();
  const root = await f.unit({ code: 'PROV' });
  const bkdUnit = await f.unit({ code: 'BKD', kind: 'OPD', parent: root });
  const a = await f.unit({ code: 'DINAS-A', kind: 'OPD', parent: root });
  const b = await f.unit({ code: 'DINAS-B', kind: 'OPD', parent: root });
  dinasA = a;
  pos.kadis = await f.position({ unit: a, kind: 'JPT_PRATAMA', isHead: true, name: 'Kepala Dinas A' });
  pos.sekretaris = await f.position({ unit: a, kind: 'ADMINISTRATOR', name: 'Sekretaris Dinas A' });
  pos.jfEmpty = await f.position({ unit: a, kind: 'JF_AHLI_MADYA', name: 'Statistisi Ahli Madya' });
  const kasiPos = await f.position({ unit: a, kind: 'PENGAWAS', name: 'Kepala Seksi' });
  const stafPos = await f.position({ unit: a, kind: 'PELAKSANA', name: 'Pengolah Data' });
  pos.outsider = await f.position({ unit: b, kind: 'PENGAWAS', name: 'Kepala Seksi B' });
  e.kadis = await f.employee({ unit: a, position: pos.kadis, name: 'Kadis', birthDate: '1966-03-10' });
  e.kasiA = await f.employee({ unit: a, position: kasiPos, superior: e.kadis, name: 'Ani Kasi' });
  e.kasiB = await f.employee({ unit: a, position: kasiPos, superior: e.kadis, name: 'Budi Kasi' });
  e.staf = await f.employee({ unit: a, position: stafPos, superior: e.kasiA, name: 'Staf' });
  e.outsider = await f.employee({ unit: b, position: pos.outsider, name: 'Luar' });
  const bkdPerson = await f.employee({ unit: bkdUnit, name: 'Petugas BKD' });
  const bkdAccount = await f.account(bkdPerson);
  await f.grant(bkdAccount, 'BKD', root);
  c.bkd = await login(t.app, bkdAccount.username);
  const bkdAPerson = await f.employee({ unit: bkdUnit, name: 'Petugas BKD A' });
  const bkdAAccount = await f.account(bkdAPerson);
  await f.grant(bkdAAccount, 'BKD', a);
  c.bkdA = await login(t.app, bkdAAccount.username);
  for (const k of ['kadis', 'kasiA', 'staf'] as const)
    c[k] = await login(t.app, (await f.account(e[k])).username);

  const result = async (emp: EmployeeRef, levels: { code: string; level: number }[]) =>
    json(
      await c.bkd.post('/api/competency/assessments', {
        employeeId: emp.id,
        assessedOn: '2025-11-20',
        method: 'ASSESSMENT_CENTER',
        assessor: 'UPT Penilaian Kompetensi',
        levels,
      }),
      201,
    );
  await result(e.kasiA, all(3));
  await result(e.outsider, all(3));
  await result(e.kasiB, [...all(2).slice(2), { code: 'M.01', level: 3 }, { code: 'M.02', level: 3 }]);
  await result(e.staf, all(2));
  await annual(e.kasiA, 'SANGAT_BAIK');
  await annual(e.outsider, 'SANGAT_BAIK');
  await annual(e.kasiB, 'BAIK');
  // kasiA: 24 JP this year (the tie-break with outsider).
  await t.db
    .insertInto('competencyTrainingRecords')
    .values({
      employeeId: e.kasiA.id,
      unitId: e.kasiA.unitId,
      title: 'Pelatihan Kepemimpinan Pengawas',
      provider: 'BPSDM',
      startDate: '2026-01-05',
      endDate: '2026-01-08',
      jp: 24,
      cost: 0,
      createdBy: bkdAccount.userId,
      createdAt: new Date('2026-01-09T03:00:00Z'),
    })
    .execute();
  // kasiB is under examination (a discipline case in PEMERIKSAAN).
  await t.db
    .insertInto('disciplineCases')
    .values({
      caseNumber: 'DISC-TALENT-1',
      employeeId: e.kasiB.id,
      unitId: e.kasiB.unitId,
      unitPath: '/',
      employeeType: 'PNS',
      source: 'LAINNYA',
      violationDate: '2026-01-05',
      summary: 'Uji',
      expectedLevel: 'sedang',
      state: 'PEMERIKSAAN',
      rules: JSON.stringify({}),
      regulationSet: 'PP94',
      openedBy: bkdAccount.userId,
    })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

describe('candidates for a vacant position (point 6: "just look at the list")', () => {
  it('BKD: everyone in scope with a result, ranked by JPM against the post, with box, discipline and JP', async () => {
    let r!: CandidateList;
    const ids = await logged(async () => {
      r = json<CandidateList>(
        await c.bkd.get(`/api/competency/talent/candidates?positionId=${pos.sekretaris.id}`),
      );
    });
    expect([r.vacant, r.holder, r.requiredTotal, r.considered]).toEqual([true, null, 27, 4]);
    expect(r.items.map((i) => [i.name, i.jpm.percent, i.jpm.code, i.box, i.readiness])).toEqual([
      ['Ani Kasi', 100, 'MS', 9, 'READY_NOW'],
      ['Luar', 100, 'MS', 9, 'READY_NOW'],
      ['Budi Kasi', 74.07, 'MMS', 8, 'READY_SOON'],
      ['Staf', 66.67, 'KMS', null, 'NOT_READY'],
    ]);
    expect(r.items[0]!.development).toMatchObject({ year: 2026, jp: 24, target: 20, met: true });
    expect(r.items[2]!.discipline).toMatchObject({ flagged: true, underExamination: true });
    expect(r.items[2]!.discipline.reasons.join()).toContain('DISC-TALENT-1');
    expect(r.items[0]!.discipline.flagged).toBe(false);
    expect(r.items[3]!.boxReasons.join()).toContain('Belum ada penilaian kinerja tahunan');
    expect(r.items[2]!.gaps.map((g) => g.code)).toEqual([
      'M.03',
      'M.04',
      'M.05',
      'M.06',
      'M.07',
      'M.08',
      'SK.01',
    ]);
    expect(r.tieBreak).toContain('JP tahun ini');
    // One audit entry per person shown, each naming them.
    expect(ids.sort()).toEqual([e.kasiA.id, e.outsider.id, e.kasiB.id, e.staf.id].sort());
  });

  it('BKD of one OPD: only the people of its scope; a post outside it is refused and nothing is logged', async () => {
    const r = json<CandidateList>(
      await c.bkdA.get(`/api/competency/talent/candidates?positionId=${pos.sekretaris.id}`),
    );
    expect(r.items.map((i) => i.name)).toEqual(['Ani Kasi', 'Budi Kasi', 'Staf']);
    await refused(() => c.bkdA.get(`/api/competency/talent/candidates?positionId=${pos.outsider.id}`), 403);
  });

  it('limit and family narrow the list (and the log)', async () => {
    let r!: CandidateList;
    const ids = await logged(async () => {
      r = json<CandidateList>(
        await c.bkd.get(
          `/api/competency/talent/candidates?positionId=${pos.sekretaris.id}&family=pengawas&limit=2`,
        ),
      );
    });
    expect(r.items.map((i) => i.name)).toEqual(['Ani Kasi', 'Luar']);
    expect(ids).toHaveLength(2);
  });

  it.each([
    ['the employee', 'staf'],
    ['a superior (no competency.read)', 'kadis'],
  ] as const)('%s is refused, nothing written', async (_n, who) => {
    await refused(() => c[who].get(`/api/competency/talent/candidates?positionId=${pos.sekretaris.id}`), 403);
  });

  it('bad input: a post without a standard (400 NO_STANDARD), unknown post (404), no post or bad family (400)', async () => {
    await refused(
      () => c.bkd.get(`/api/competency/talent/candidates?positionId=${pos.jfEmpty.id}`),
      400,
      'NO_STANDARD',
    );
    await refused(
      () => c.bkd.get('/api/competency/talent/candidates?positionId=00000000-0000-4000-8000-000000000000'),
      404,
    );
    await refused(() => c.bkd.get('/api/competency/talent/candidates'), 400, 'VALIDATION');
    await refused(
      () => c.bkd.get(`/api/competency/talent/candidates?positionId=${pos.sekretaris.id}&family=x;drop`),
      400,
      'VALIDATION',
    );
    await refused(
      () => c.bkd.get(`/api/competency/talent/candidates?positionId=${pos.sekretaris.id}&limit=0`),
      400,
      'VALIDATION',
    );
  });

  it('exports the ranked list as CSV and XLSX, logged the same way', async () => {
    let csv = '';
    const ids = await logged(async () => {
      const res = await c.bkd.get(
        `/api/competency/talent/candidates/export.csv?positionId=${pos.sekretaris.id}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      csv = res.body;
    });
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Peringkat');
    expect(lines[1]).toContain('Ani Kasi');
    expect(lines[1]).toContain('MS – Memenuhi Syarat');
    expect(lines[3]).toContain('Sedang diperiksa');
    expect(ids).toHaveLength(4);
    const x = await c.bkd.get(
      `/api/competency/talent/candidates/export.xlsx?positionId=${pos.sekretaris.id}`,
    );
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheet');
  });
});

describe('9-box', () => {
  it('BKD over an OPD: counts per box, the people, those not placed with why; one log entry per person', async () => {
    let r!: NineBox;
    const ids = await logged(async () => {
      r = json<NineBox>(await c.bkd.get(`/api/competency/talent/nine-box?unitId=${dinasA.id}`));
    });
    expect(r.scope).toBe('UNIT');
    expect(r.boxes.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(r.boxes.filter((b) => b.isTalentPool).map((b) => b.box)).toEqual([7, 8, 9]);
    expect(r.notPlaced).toBe(2);
    const byName = new Map(r.people.map((p) => [p.name, p]));
    expect(byName.get('Ani Kasi')).toMatchObject({
      box: 9,
      predikatLabel: 'Sangat Baik',
      potentialScore: 100,
      performanceLevel: 'Di Atas Ekspektasi',
      potentialLevel: 'Tinggi',
    });
    expect(byName.get('Budi Kasi')).toMatchObject({ box: 8, performanceLevel: 'Sesuai Ekspektasi' });
    expect(byName.get('Staf')).toMatchObject({ placed: false, potentialScore: 100 });
    expect(byName.get('Kadis')!.reasons).toEqual([
      'Belum ada penilaian kinerja tahunan yang disetujui (e-Kinerja)',
      'Belum ada hasil asesmen kompetensi (sumbu potensial)',
    ]);
    expect(ids.sort()).toEqual([e.kadis.id, e.kasiA.id, e.kasiB.id, e.staf.id].sort());
  });

  it('a family filter counts only that family', async () => {
    const r = json<NineBox>(
      await c.bkd.get(`/api/competency/talent/nine-box?unitId=${dinasA.id}&family=PELAKSANA`),
    );
    expect(r.people.map((p) => p.name)).toEqual(['Staf']);
    expect(r.boxes.every((b) => b.count === 0)).toBe(true);
  });

  it('a superior without a unit: their direct staff, logged per person; with a unit: refused', async () => {
    let r!: NineBox;
    const ids = await logged(async () => {
      r = json<NineBox>(await c.kadis.get('/api/competency/talent/nine-box'));
    });
    expect(r.scope).toBe('STAFF');
    expect(r.people.map((p) => [p.name, p.box])).toEqual([
      ['Ani Kasi', 9],
      ['Budi Kasi', 8],
    ]);
    expect(ids.sort()).toEqual([e.kasiA.id, e.kasiB.id].sort());
    await refused(() => c.kadis.get(`/api/competency/talent/nine-box?unitId=${dinasA.id}`), 403);
  });

  it('kasiA sees her staff; an employee without staff gets an empty grid and nothing is written', async () => {
    const r = json<NineBox>(await c.kasiA.get('/api/competency/talent/nine-box'));
    expect(r.people.map((p) => p.name)).toEqual(['Staf']);
    const before = await dbFingerprint(t.db);
    const own = json<NineBox>(await c.staf.get('/api/competency/talent/nine-box'));
    expect([own.people, own.notPlaced]).toEqual([[], 0]);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('exports the grid as CSV (BKD)', async () => {
    const res = await c.bkd.get(`/api/competency/talent/nine-box/export.csv?unitId=${dinasA.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Belum dipetakan');
    await refused(() => c.staf.get(`/api/competency/talent/nine-box/export.csv?unitId=${dinasA.id}`), 403);
  });
});

describe('talent pool, positions, succession', () => {
  it('the pool: boxes 7–9 per position family in scope', async () => {
    let r!: TalentPool;
    const ids = await logged(async () => {
      r = json<TalentPool>(await c.bkd.get('/api/competency/talent/pool'));
    });
    const pengawas = r.families.find((f) => f.code === 'PENGAWAS')!;
    expect(pengawas.members.map((m) => [m.name, m.box])).toEqual([
      ['Ani Kasi', 9],
      ['Luar', 9],
      ['Budi Kasi', 8],
    ]);
    expect(r.families.find((f) => f.code === 'PELAKSANA')!.members).toEqual([]);
    expect(ids).toHaveLength(3);
    const a = json<TalentPool>(await c.bkdA.get('/api/competency/talent/pool?family=PENGAWAS'));
    expect(a.families.map((f) => [f.code, f.members.length])).toEqual([['PENGAWAS', 2]]);
    await refused(() => c.kadis.get('/api/competency/talent/pool'), 403);
  });

  it('positions: vacant and key, no results shown, nothing logged', async () => {
    const before = await dbFingerprint(t.db);
    const vacant = json<TalentPositions>(
      await c.bkd.get(`/api/competency/talent/positions?unitId=${dinasA.id}&vacant=true`),
    );
    expect(vacant.items.map((p) => p.name)).toContain('Sekretaris Dinas A');
    expect(vacant.items.every((p) => p.vacant && p.holder === null)).toBe(true);
    const key = json<TalentPositions>(
      await c.bkd.get(`/api/competency/talent/positions?unitId=${dinasA.id}&key=true`),
    );
    expect(key.items.map((p) => [p.name, p.vacant])).toEqual([
      ['Kepala Dinas A', false],
      ['Sekretaris Dinas A', true],
    ]);
    expect(changedTables(before, await dbFingerprint(t.db))).toEqual([]);
  });

  it('succession per key position: holder with age and retirement, the pool ready now or soon', async () => {
    let r!: Succession;
    const ids = await logged(async () => {
      r = json<Succession>(await c.bkd.get(`/api/competency/talent/succession?unitId=${dinasA.id}`));
    });
    const head = r.items.find((i) => i.position.name === 'Kepala Dinas A')!;
    // Born 10/03/1966, JPT 60: 59 on 15/01/2026, retires 01/04/2026 (2 whole months left).
    expect(head.holder).toMatchObject({
      name: 'Kadis',
      age: 59,
      retirementAge: 60,
      retiresOn: '2026-04-01',
      monthsLeft: 2,
    });
    // JPT Pratama 4 × 9 = 36: kasiA and outsider 27/36 = 75 % MMS (soon); kasiB 20/36 = 55,56 % KMS (left out).
    expect(head.candidates.map((x) => [x.name, x.jpm.percent, x.readiness])).toEqual([
      ['Ani Kasi', 75, 'READY_SOON'],
      ['Luar', 75, 'READY_SOON'],
    ]);
    const sek = r.items.find((i) => i.position.name === 'Sekretaris Dinas A')!;
    expect(sek.holder).toBeNull();
    expect(sek.candidates.map((x) => [x.name, x.readiness, x.discipline.flagged])).toEqual([
      ['Ani Kasi', 'READY_NOW', false],
      ['Luar', 'READY_NOW', false],
      ['Budi Kasi', 'READY_SOON', true],
    ]);
    expect(ids.sort()).toEqual([e.kasiA.id, e.outsider.id, e.kasiB.id].sort());
    await refused(() => c.staf.get('/api/competency/talent/succession'), 403);
  });
});
