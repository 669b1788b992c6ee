import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { pdf } from '../../../../test/helpers/evidence.ts';
import { factories, type EmployeeRef } from '../../../../test/factories/index.ts';
import { json, unchanged } from '../../../../test/helpers/responses.ts';
import {
  createTestApp,
  login,
  multipart,
  type Client,
  type TestApp,
} from '../../../../test/helpers/test-app.ts';
import type {
  AssignedChangeProjects,
  ChangeProject,
  ChangeProjectList,
  MyChangeProjects,
} from '../../../shared/api/competency-change-projects.ts';

/*
 * Change projects through the API on a real database (issue 19 point 5, its access and bad input). Clock 15/01/2026:
 *
 *   PROV ─ BKD      bkd: BKD over PROV;   bkdB: BKD over DINAS-B only (outside the participant's scope)
 *        ─ DINAS-A  kadis (head) ← kasi (Pengawas; took "PKP Angkatan II", 10–14/11/2025, and a plain course)
 *                   peer (Pelaksana, internal assessor)
 *        ─ DINAS-B  outsider (another employee, never an assessor)
 *        ─ UNIV     dosen: the external assessor's account (Universitas Mitra)
 *
 * Evaluation date = 14/11/2025 + 12 months (rulebook) = 14/11/2026; reminders 30 (15/10/2026) and 7 (07/11/2026)
 * days before. Hand-worked verdict (scale 1–5, delivered ≥ 3,5): goal 1 peer 4, dosen 5 → 4,5; goal 2 peer 3,
 * dosen 4 → 3,5; score (4,5 + 3,5) / 2 = 4 → Tercapai.
 */

let t: TestApp;
const c = {} as Record<'bkd' | 'bkdB' | 'kadis' | 'kasi' | 'peer' | 'outsider' | 'dosen', Client>;
const e = {} as Record<'kadis' | 'kasi' | 'peer' | 'outsider' | 'dosen', EmployeeRef>;
let dosenUserId = '';
let pkpRecord = '';
let courseRecord = '';
let projectId = '';

const usernames = {} as Record<keyof typeof c, string>;
/** Moves the clock and signs everyone in again (a session does not last months). */
async function setClock(iso: string, signIn = false) {
  (t.clock as unknown as { set(iso: string): void }).set(iso);
  if (signIn)
    for (const k of Object.keys(usernames) as (keyof typeof c)[]) c[k] = await login(t.app, usernames[k]);
}

async function record(client: Client, title: string, start: string, end: string): Promise<string> {
  const mp = multipart(
    { data: JSON.stringify({ title, provider: 'BPSDM Provinsi', startDate: start, endDate: end, jp: 40 }) },
    { field: 'certificate', name: 'sertifikat.pdf', content: pdf(title), type: 'application/pdf' },
  );
  const res = await client.request({
    method: 'POST',
    url: '/api/competency/training-records',
    payload: mp.payload,
    headers: mp.headers,
  });
  return json<{ id: string }>(res, 201).id;
}

const project = (over: Record<string, unknown> = {}) => ({
  trainingRecordId: pkpRecord,
  title: 'Layanan data kesehatan satu pintu',
  problem: 'Permintaan data tersebar di tiga bidang dan dijawab rata-rata dalam 14 hari.',
  goals: [
    { goal: 'Satu loket data terpadu', indicator: 'Loket beroperasi', target: '1 loket' },
    { goal: 'Permintaan dijawab cepat', indicator: 'Rata-rata hari jawab', target: '≤ 3 hari' },
  ],
  milestones: [
    { title: 'SK tim proyek', dueDate: '2025-12-01' },
    { title: 'Loket diluncurkan', dueDate: '2026-03-01' },
  ],
  impactInstitution: 'Data satu pintu memudahkan perencanaan dinas.',
  impactPublic: 'Warga memperoleh data kesehatan lebih cepat.',
  register: true,
  ...over,
});

function rating(
  client: Client,
  goalId: string,
  data: Record<string, unknown>,
  file?: { name: string; content: Buffer },
) {
  const mp = multipart(
    { data: JSON.stringify(data) },
    ...(file ? [{ field: 'evidence', name: file.name, content: file.content, type: 'application/pdf' }] : []),
  );
  return client.request({
    method: 'PUT',
    url: `/api/competency/change-projects/${projectId}/goals/${goalId}/rating`,
    payload: mp.payload,
    headers: mp.headers,
  });
}
const notes = async (kind: string) =>
  (await t.db.selectFrom('notifications').select(['userId']).where('kind', '=', kind).execute()).length;

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const f = factories(t);
  await f.rulebooks();
  const root = await f.unit({ code: 'PROV' });
  const bkdUnit = await f.unit({ code: 'BKD', kind: 'OPD', parent: root });
  const a = await f.unit({ code: 'DINAS-A', kind: 'OPD', parent: root });
  const b = await f.unit({ code: 'DINAS-B', kind: 'OPD', parent: root });
  const u = await f.unit({ code: 'UNIV', kind: 'OPD', parent: root, name: 'Universitas Mitra' });
  const kadisPos = await f.position({ unit: a, kind: 'JPT_PRATAMA', isHead: true, name: 'Kepala Dinas A' });
  const kasiPos = await f.position({ unit: a, kind: 'PENGAWAS', name: 'Kepala Seksi Data' });
  const stafPos = await f.position({ unit: a, kind: 'PELAKSANA', name: 'Pengolah Data' });
  e.kadis = await f.employee({ unit: a, position: kadisPos, name: 'Kadis' });
  e.kasi = await f.employee({ unit: a, position: kasiPos, superior: e.kadis, name: 'Kasi Peserta' });
  e.peer = await f.employee({ unit: a, position: stafPos, superior: e.kadis, name: 'Penilai Internal' });
  e.outsider = await f.employee({
    unit: b,
    position: await f.position({ unit: b, kind: 'PELAKSANA' }),
    name: 'Luar',
  });
  e.dosen = await f.employee({
    unit: u,
    position: await f.position({ unit: u, kind: 'PELAKSANA' }),
    name: 'Dosen Mitra',
  });
  const bkdAccount = await f.account(await f.employee({ unit: bkdUnit, name: 'Petugas BKD' }));
  await f.grant(bkdAccount, 'BKD', root);
  usernames.bkd = bkdAccount.username;
  c.bkd = await login(t.app, bkdAccount.username);
  const bkdB = await f.account(await f.employee({ unit: b, name: 'BKD Dinas B' }));
  await f.grant(bkdB, 'BKD', b);
  usernames.bkdB = bkdB.username;
  c.bkdB = await login(t.app, bkdB.username);
  for (const k of ['kadis', 'kasi', 'peer', 'outsider', 'dosen'] as const) {
    const acc = await f.account(e[k]);
    if (k === 'dosen') dosenUserId = acc.userId;
    usernames[k] = acc.username;
    c[k] = await login(t.app, acc.username);
  }
  pkpRecord = await record(c.kasi, 'PKP Angkatan II', '2025-11-10', '2025-11-14');
  courseRecord = await record(c.kasi, 'Kursus Microsoft Excel', '2025-10-01', '2025-10-02');
});
afterAll(async () => {
  await t?.close();
});

describe('registering a change project (issue 19 point 5)', () => {
  it('offers the participant their leadership training with its evaluation date (end + 12 months)', async () => {
    const m = json<MyChangeProjects>(await c.kasi.get('/api/competency/change-projects/mine'));
    expect(m.trainings).toEqual([
      {
        id: pkpRecord,
        title: 'PKP Angkatan II',
        endDate: '2025-11-14',
        program: 'PKP',
        evaluationDate: '2026-11-14',
      },
    ]);
    expect(m.scale).toMatchObject({ min: 1, max: 5, deliveredThreshold: 3.5 });
  });

  it.each<[string, () => Record<string, unknown>, string]>([
    ['an empty goal list', () => project({ goals: [] }), 'Tujuan proyek perubahan paling sedikit satu'],
    [
      'a training that is not a leadership one',
      () => project({ trainingRecordId: courseRecord }),
      'NOT_LEADERSHIP_TRAINING',
    ],
    ['no milestones', () => project({ milestones: [] }), 'Tonggak capaian paling sedikit satu'],
  ])('refuses %s with the reason, nothing stored', async (_n, body, reason) => {
    const err = await unchanged(t, () => c.kasi.post('/api/competency/change-projects', body()), 400);
    expect(JSON.stringify(err.error)).toContain(reason);
  });

  it("refuses another employee's training record and a plain employee registering for someone else", async () => {
    await unchanged(
      t,
      () => c.peer.post('/api/competency/change-projects', project()),
      400,
      'UNKNOWN_TRAINING_RECORD',
    );
    await unchanged(
      t,
      () => c.peer.post('/api/competency/change-projects', project({ employeeId: e.kasi.id })),
      403,
    );
    await unchanged(
      t,
      () => c.bkdB.post('/api/competency/change-projects', project({ employeeId: e.kasi.id })),
      403,
    );
  });

  it('registers the project: status, evaluation date, audited; a second one on the same training is 409', async () => {
    projectId = json<{ id: string }>(await c.kasi.post('/api/competency/change-projects', project()), 201).id;
    const p = json<ChangeProject>(await c.kasi.get(`/api/competency/change-projects/${projectId}`));
    expect(p).toMatchObject({
      status: 'REGISTERED',
      program: 'PKP',
      evaluationDate: '2026-11-14',
      viewer: 'SELF',
      canEdit: true,
      ratingBlocked: expect.stringContaining('BKD belum menugaskan'),
    });
    expect(p.goals.map((g) => g.id)).toEqual(['g1', 'g2']);
    const audited = await t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', projectId)
      .execute();
    expect(audited.map((x) => x.action)).toEqual(['competency_change_project.created']);
    await unchanged(
      t,
      () => c.kasi.post('/api/competency/change-projects', project()),
      409,
      'DUPLICATE_CHANGE_PROJECT',
    );
  });

  it('shows it to the participant, their chain and BKD; not to another employee or BKD of another OPD', async () => {
    expect(
      json<ChangeProject>(await c.kadis.get(`/api/competency/change-projects/${projectId}`)).viewer,
    ).toBe('CHAIN');
    expect(json<ChangeProject>(await c.bkd.get(`/api/competency/change-projects/${projectId}`)).viewer).toBe(
      'BKD',
    );
    for (const who of [c.peer, c.outsider, c.bkdB])
      expect((await who.get(`/api/competency/change-projects/${projectId}`)).statusCode).toBe(403);
    expect(
      (await c.kasi.get('/api/competency/change-projects/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
  });

  it('lets the participant edit (goal ids kept) but not another employee', async () => {
    const body = project();
    const edited = {
      ...body,
      goals: [
        { id: 'g1', ...body.goals[0] },
        { id: 'g2', ...body.goals[1] },
      ],
      title: 'Layanan data kesehatan satu pintu (SIDAKES)',
    };
    delete (edited as Record<string, unknown>)['trainingRecordId'];
    json(
      await c.kasi.request({
        method: 'PUT',
        url: `/api/competency/change-projects/${projectId}`,
        payload: edited,
      }),
    );
    await unchanged(
      t,
      () =>
        c.outsider.request({
          method: 'PUT',
          url: `/api/competency/change-projects/${projectId}`,
          payload: edited,
        }),
      403,
    );
  });
});

describe('assessors (BKD)', () => {
  const put = (client: Client, assessors: unknown[]) =>
    client.request({
      method: 'PUT',
      url: `/api/competency/change-projects/${projectId}/assessors`,
      payload: { assessors },
    });

  it('refuses the participant assigning, the participant as assessor, and BKD outside the scope', async () => {
    await unchanged(t, () => put(c.kasi, [{ kind: 'INTERNAL', employeeId: e.peer.id }]), 403);
    await unchanged(
      t,
      () => put(c.bkd, [{ kind: 'INTERNAL', employeeId: e.kasi.id }]),
      400,
      'ASSESSOR_IS_PARTICIPANT',
    );
    await unchanged(t, () => put(c.bkdB, [{ kind: 'INTERNAL', employeeId: e.peer.id }]), 403);
  });

  it('assigns one internal and one external assessor (with an account) and tells them', async () => {
    const p = json<ChangeProject>(
      await put(c.bkd, [
        { kind: 'INTERNAL', employeeId: e.peer.id },
        { kind: 'EXTERNAL', name: 'Dr. Dosen Mitra', institution: 'Universitas Mitra', userId: dosenUserId },
      ]),
    );
    expect(p.assessorList.map((a) => [a.kind, a.name])).toEqual([
      ['INTERNAL', 'Penilai Internal'],
      ['EXTERNAL', 'Dr. Dosen Mitra'],
    ]);
    expect(await notes('competency_change_project.assigned')).toBe(2);
    // The assessor now sees it.
    expect(json<ChangeProject>(await c.peer.get(`/api/competency/change-projects/${projectId}`)).viewer).toBe(
      'ASSESSOR',
    );
  });

  it('refuses a rating before the evaluation date with the date in the reason (409), nothing stored', async () => {
    const err = await unchanged(
      t,
      () => rating(c.peer, 'g1', { score: 4, note: 'Loket sudah beroperasi' }),
      409,
      'NOT_YET_DUE',
    );
    expect(err.error.message).toContain('14/11/2026');
    const inbox = json<AssignedChangeProjects>(await c.peer.get('/api/competency/change-projects/assigned'));
    expect(inbox).toMatchObject({ awaiting: 0, items: [{ id: projectId, awaiting: false }] });
  });
});

describe('reminders before the evaluation date (rulebook: 30 and 7 days)', () => {
  it('sends none 31 days before, the 30-day one once to the participant and both assessors, then the 7-day one', async () => {
    await setClock('2026-10-14T02:00:00Z');
    await t.services.competency.changeProjects.tick();
    expect(await notes('competency_change_project.reminder_30')).toBe(0);
    await setClock('2026-10-15T02:00:00Z');
    expect(await t.services.competency.changeProjects.tick()).toBe(1);
    await t.services.competency.changeProjects.tick();
    expect(await notes('competency_change_project.reminder_30')).toBe(1);
    expect(await notes('competency_change_project.assessor_reminder_30')).toBe(2);
    await setClock('2026-11-07T02:00:00Z');
    await t.services.competency.changeProjects.tick();
    expect(await notes('competency_change_project.reminder_7')).toBe(1);
    expect(await notes('competency_change_project.assessor_reminder_7')).toBe(2);
  });
});

describe('evaluation a year later', () => {
  it('opens on the evaluation date: the assessor inbox counts it', async () => {
    await setClock('2026-11-14T02:00:00Z', true);
    const inbox = json<AssignedChangeProjects>(await c.peer.get('/api/competency/change-projects/assigned'));
    expect(inbox.awaiting).toBe(1);
    // The same count on the home page; someone assessing nothing gets no such part.
    const home = json<{ changeProjects?: unknown }>(await c.peer.get('/api/dashboard/home'));
    expect(home.changeProjects).toEqual({ awaiting: 1, assigned: 1 });
    expect(
      json<{ changeProjects?: unknown }>(await c.outsider.get('/api/dashboard/home')).changeProjects,
    ).toBeUndefined();
  });

  it('refuses a score outside the scale, evidence that is not a PDF or image, and someone not assigned', async () => {
    await unchanged(t, () => rating(c.peer, 'g1', { score: 6, note: 'Terlalu tinggi' }), 400, 'OUT_OF_SCALE');
    await unchanged(
      t,
      () =>
        rating(
          c.peer,
          'g1',
          { score: 4, note: 'Bukti' },
          { name: 'bukti.pdf', content: Buffer.from('bukan pdf sama sekali') },
        ),
      415,
      'UNSUPPORTED_FILE',
    );
    await unchanged(t, () => rating(c.outsider, 'g1', { score: 4, note: 'Bukan penilai' }), 403);
    await unchanged(t, () => rating(c.kasi, 'g1', { score: 5, note: 'Menilai diri sendiri' }), 403);
    await unchanged(t, () => rating(c.peer, 'g9', { score: 4, note: 'Tujuan tidak ada' }), 404);
  });

  it('takes the ratings with evidence; the participant cannot edit once rated; the verdict follows the last one', async () => {
    json(
      await rating(
        c.peer,
        'g1',
        { score: 4, note: 'Loket beroperasi sejak Maret' },
        { name: 'foto.pdf', content: pdf('bukti-g1') },
      ),
      201,
    );
    expect(
      json<ChangeProject>(await c.kasi.get(`/api/competency/change-projects/${projectId}`)),
    ).toMatchObject({
      status: 'UNDER_EVALUATION',
      ratings: [],
      canEdit: false,
    });
    await unchanged(t, () => rating(c.peer, 'g1', { score: 5, note: 'Lagi' }), 409, 'ALREADY_RATED');
    const body = project();
    delete (body as Record<string, unknown>)['trainingRecordId'];
    await unchanged(
      t,
      () =>
        c.kasi.request({ method: 'PUT', url: `/api/competency/change-projects/${projectId}`, payload: body }),
      409,
      'ALREADY_RATED',
    );
    json(await rating(c.peer, 'g2', { score: 3, note: 'Rata-rata 4 hari' }), 201);
    json(await rating(c.dosen, 'g1', { score: 5, note: 'Loket melayani 40 permintaan/bulan' }), 201);
    json(await rating(c.dosen, 'g2', { score: 4, note: 'Rata-rata 3 hari pada Oktober' }), 201);
    const p = json<ChangeProject>(await c.kasi.get(`/api/competency/change-projects/${projectId}`));
    expect(p).toMatchObject({ status: 'EVALUATED', score: 4, verdict: 'DELIVERED' });
    expect(p.goals.map((g) => g.average)).toEqual([4.5, 3.5]);
    expect(p.ratings).toHaveLength(4);
    expect(await notes('competency_change_project.evaluated')).toBe(1);
    await unchanged(
      t,
      () => c.bkd.post(`/api/competency/change-projects/${projectId}/close`, {}),
      409,
      'ALREADY_EVALUATED',
    );
  });

  it('shows the evidence to BKD and the participant (each view logged)', async () => {
    const p = json<ChangeProject>(await c.bkd.get(`/api/competency/change-projects/${projectId}`));
    const withFile = p.ratings.find((r) => r.hasEvidence)!;
    const res = await c.kasi.get(`/api/competency/change-projects/evidence/${withFile.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect((await c.outsider.get(`/api/competency/change-projects/evidence/${withFile.id}`)).statusCode).toBe(
      403,
    );
  });
});

describe('reports', () => {
  it('prints the project report for the participant, their chain and BKD, not for an assessor', async () => {
    for (const who of [c.kasi, c.kadis, c.bkd]) {
      const res = await who.get(`/api/competency/change-projects/${projectId}/report.pdf`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), {
        mergePages: true,
      });
      for (const s of [
        'LAPORAN EVALUASI PROYEK PERUBAHAN',
        'SIDAKES',
        'Kasi Peserta',
        'Tercapai',
        '14 November 2026',
        'Dr. Dosen Mitra',
      ])
        expect(text).toContain(s);
    }
    expect((await c.peer.get(`/api/competency/change-projects/${projectId}/report.pdf`)).statusCode).toBe(
      403,
    );
  });

  it("lists the OPD's projects of the year and which delivered, with an export; BKD of another OPD is refused", async () => {
    const unitId = e.kasi.unitId;
    const list = json<ChangeProjectList>(
      await c.bkd.get(`/api/competency/change-projects?unitId=${unitId}&year=2026`),
    );
    expect(list.totals).toEqual({ projects: 1, evaluated: 1, delivered: 1, partly: 0, notDelivered: 0 });
    expect(list.items[0]).toMatchObject({
      title: 'Layanan data kesehatan satu pintu (SIDAKES)',
      verdict: 'DELIVERED',
      score: 4,
    });
    const csv = await c.bkd.get(`/api/competency/change-projects/export.csv?unitId=${unitId}&year=2026`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('SIDAKES');
    expect(csv.body).toContain('Tercapai');
    const xlsx = await c.bkd.get(`/api/competency/change-projects/export.xlsx?unitId=${unitId}&year=2026`);
    expect(xlsx.statusCode).toBe(200);
    expect((await c.bkdB.get(`/api/competency/change-projects?unitId=${unitId}&year=2026`)).statusCode).toBe(
      403,
    );
    expect((await c.kasi.get(`/api/competency/change-projects?unitId=${unitId}&year=2026`)).statusCode).toBe(
      403,
    );
    expect(
      json<ChangeProjectList>(await c.bkd.get(`/api/competency/change-projects?unitId=${unitId}&year=2025`))
        .items,
    ).toEqual([]);
  });
});

describe('one effect under concurrency (test/security/concurrency.test.ts refers here)', () => {
  it('keeps one of N identical projects, registrations, ratings and closings; the others are 409', async () => {
    const N = 4;
    const codes = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();
    const all = <T>(f: () => Promise<T>) => Promise.all(Array.from({ length: N }, f));
    // A PKA ended on 10/01/2025: evaluated from 10/01/2026, before the clock, so ratings are open at once.
    const rec = await record(c.kasi, 'PKA Angkatan III', '2025-01-06', '2025-01-10');
    const drafts = await all(() =>
      c.kasi.post('/api/competency/change-projects', project({ trainingRecordId: rec, register: false })),
    );
    expect(codes(drafts)).toEqual([201, ...Array(N - 1).fill(409)]);
    const id = drafts.find((r) => r.statusCode === 201)!.json().id as string;
    expect(
      await t.db
        .selectFrom('competencyChangeProjects')
        .select('id')
        .where('trainingRecordId', '=', rec)
        .execute(),
    ).toHaveLength(1);

    const base = `/api/competency/change-projects/${id}`;
    expect(codes(await all(() => c.kasi.post(`${base}/register`, {})))).toEqual([
      200,
      ...Array(N - 1).fill(409),
    ]);
    json(
      await c.bkd.request({
        method: 'PUT',
        url: `${base}/assessors`,
        payload: {
          assessors: [
            { kind: 'INTERNAL', employeeId: e.peer.id },
            {
              kind: 'EXTERNAL',
              name: 'Dr. Dosen Mitra',
              institution: 'Universitas Mitra',
              userId: dosenUserId,
            },
          ],
        },
      }),
    );
    const rate = (goalId: string) => {
      const mp = multipart({ data: JSON.stringify({ score: 4, note: 'Tercapai' }) });
      return c.peer.request({
        method: 'PUT',
        url: `${base}/goals/${goalId}/rating`,
        payload: mp.payload,
        headers: mp.headers,
      });
    };
    expect(codes(await all(() => rate('g1')))).toEqual([201, ...Array(N - 1).fill(409)]);
    const ratings = await t.db
      .selectFrom('competencyChangeProjectRatings')
      .select('id')
      .where('projectId', '=', id)
      .execute();
    expect(ratings).toHaveLength(1);
    json(await rate('g2'), 201);
    // Every goal has a rating (the external assessor has not rated): BKD closes; one closing, one verdict.
    const closings = await all(() => c.bkd.post(`${base}/close`, {}));
    expect(codes(closings)).toEqual([200, ...Array(N - 1).fill(409)]);
    const evaluated = await t.db
      .selectFrom('auditLog')
      .select('id')
      .where('entityId', '=', id)
      .where('action', '=', 'competency_change_project.evaluated')
      .execute();
    expect(evaluated).toHaveLength(1);
  });
});
