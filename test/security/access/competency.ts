import { sql } from 'kysely';
import { get, post, put, type AccessTable, type Ctx, type Where } from '../scope-harness.ts';
import { multipart } from '../../helpers/test-app.ts';
import { pdf } from '../../helpers/evidence.ts';

/**
 * Who may reach Competency and development (test/security/scope-harness.ts explains the codes): every route under
 * `/api/competency` (docs/competency.md). Checked by scope-competency.test.ts.
 *
 * The dictionary and position standards are reference data every signed-in user reads; keeping them and recording
 * or importing results is BKD's (and the super admin's): competency.manage. Assessment results are personal data:
 * the employee, the officials of their superior chain (the UPTD head, the head of the OPD above) and BKD in scope
 * see them; the admin OPD and the inspectorate do not. The inside and outside records are each side's employee, the
 * head post of their unit, and a result recorded once per side by the super admin. The training catalogue is read by
 * everyone signed in and kept by BKD; an OPD's budget and training needs are BKD's (competency.manage / .read).
 */

/** A position of the side's unit (its head post). */
async function positionOf(x: Ctx, w: Where): Promise<{ id: string; code: string }> {
  const r = await sql<{ id: string; code: string }>`
    select id, code from positions where unit_id = ${x.side[w].unitId}::uuid order by is_head desc, code limit 1`.execute(
    x.t.db,
  );
  if (!r.rows[0]) throw new Error(`the ${w} unit has no position`);
  return r.rows[0];
}

/** A date in the side employee's service, distinct for every request (2025, one day per call). */
const freshDate = (x: Ctx) =>
  new Date(Date.UTC(2025, 0, 1) + (x.n() % 360) * 86_400_000).toISOString().slice(0, 10);

/** A result of the side's employee, recorded once per world by the super admin. */
async function resultOf(x: Ctx, w: Where): Promise<string> {
  const key = `competency-result:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const res = await x.c.superAdmin.post('/api/competency/assessments', {
    employeeId: x.side[w].employeeId,
    assessedOn: '2025-12-01',
    method: 'SJT',
    assessor: 'BKN',
    levels: [{ code: 'M.01', level: 2 }],
  });
  if (res.statusCode !== 201) throw new Error(`competency result: ${res.body}`);
  x.cache.set(key, res.json().id);
  return res.json().id as string;
}

/** A catalogue entry, made once per world by the super admin. */
async function trainingOf(x: Ctx): Promise<string> {
  const cached = x.cache.get('competency-training');
  if (cached) return cached;
  const res = await x.c.superAdmin.post('/api/competency/trainings', {
    title: 'Coaching uji',
    kind: 'COACHING',
    codes: ['M.06'],
    jp: 8,
    cost: 0,
  });
  if (res.statusCode !== 201) throw new Error(`competency training: ${res.body}`);
  x.cache.set('competency-training', res.json().id);
  return res.json().id as string;
}

/** A training record of the side's employee with its certificate, made once per world by the super admin. */
async function recordOf(x: Ctx, w: Where): Promise<string> {
  const key = `competency-record:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const r = certificateReq(x, w);
  const res = await x.c.superAdmin.request(r);
  if (res.statusCode !== 201) throw new Error(`competency record: ${res.body}`);
  x.cache.set(key, res.json().id);
  return res.json().id as string;
}

/** A training record of the side's employee imported without a certificate, once per world by the super admin. */
async function bareRecordOf(x: Ctx, w: Where): Promise<string> {
  const key = `competency-bare-record:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const title = `Diklat impor ${w}`;
  const res = await x.c.superAdmin.request(
    importReq(
      '/api/competency/training-records/import',
      'nip,nama_pelatihan,penyelenggara,tanggal_mulai,tanggal_selesai,jp',
      `${x.side[w].employee.nip},${title},BPSDM,03/11/2025,04/11/2025,8`,
      { dryRun: 'false' },
    ),
  );
  if (res.statusCode !== 200) throw new Error(`competency import: ${res.body}`);
  const row = await sql<{ id: string }>`
    select id from competency_training_records where employee_id = ${x.side[w].employeeId}::uuid and title = ${title}`.execute(
    x.t.db,
  );
  x.cache.set(key, row.rows[0]!.id);
  return row.rows[0]!.id;
}

function certificateReq(x: Ctx, w: Where) {
  const n = x.n();
  const mp = multipart(
    {
      data: JSON.stringify({
        employeeId: x.side[w].employeeId,
        title: `Kursus ${n}`,
        provider: 'BPSDM',
        startDate: '2025-11-03',
        endDate: '2025-11-04',
        jp: 8,
      }),
    },
    { field: 'certificate', name: 's.pdf', content: pdf(`scope-${n}`), type: 'application/pdf' },
  );
  return {
    method: 'POST' as const,
    url: '/api/competency/training-records',
    payload: mp.payload,
    headers: mp.headers,
  };
}

/**
 * A PKP record of the side's employee (training ended 10/01/2025: evaluation date 10/01/2026, before the world's
 * clock 15/01/2026, so ratings are open), made by the super admin; a fresh one on every call unless `key` is given.
 */
async function leadershipRecordOf(x: Ctx, w: Where, key?: string): Promise<string> {
  const cacheKey = key && `cp-record:${key}:${w}`;
  const cached = cacheKey && x.cache.get(cacheKey);
  if (cached) return cached;
  const n = x.n();
  const mp = multipart(
    {
      data: JSON.stringify({
        employeeId: x.side[w].employeeId,
        title: `PKP Angkatan ${n}`,
        provider: 'BPSDM',
        startDate: '2025-01-06',
        endDate: '2025-01-10',
        jp: 40,
      }),
    },
    { field: 'certificate', name: 's.pdf', content: pdf(`pkp-${n}`), type: 'application/pdf' },
  );
  const res = await x.c.superAdmin.request({
    method: 'POST',
    url: '/api/competency/training-records',
    payload: mp.payload,
    headers: mp.headers,
  });
  if (res.statusCode !== 201) throw new Error(`leadership record: ${res.body}`);
  if (cacheKey) x.cache.set(cacheKey, res.json().id);
  return res.json().id as string;
}

const changeProjectBody = (recordId: string, employeeId?: string) => ({
  ...(employeeId ? { employeeId } : {}),
  ...(recordId ? { trainingRecordId: recordId } : {}),
  title: 'Proyek perubahan uji',
  problem: 'Layanan lambat karena berkas tersebar di banyak bidang.',
  goals: [
    { id: 'g1', goal: 'Satu loket terpadu', indicator: 'Loket beroperasi', target: '1 loket' },
    { id: 'g2', goal: 'Jawaban cepat', indicator: 'Hari jawab', target: '3 hari' },
  ],
  milestones: [{ title: 'SK tim proyek', dueDate: '2025-02-01' }],
  impactInstitution: 'Perencanaan dinas lebih mudah.',
  impactPublic: 'Warga dilayani lebih cepat.',
});

/**
 * A change project of the side's employee, registered once per world by the super admin: `draft` stays a draft
 * without assessors; `rated` has the inside employee's superior (atasan) as internal assessor on both sides and an
 * external one without an account, and the atasan's rating of goal g1 with a PDF as evidence (its id cached as
 * `cp-rating:<side>`).
 */
async function changeProjectOf(x: Ctx, w: Where, kind: 'draft' | 'rated'): Promise<string> {
  const key = `cp-${kind}:${w}`;
  const cached = x.cache.get(key);
  if (cached) return cached;
  const record = await leadershipRecordOf(x, w, kind);
  const res = await x.c.superAdmin.post('/api/competency/change-projects', {
    ...changeProjectBody(record, x.side[w].employeeId),
    register: kind === 'rated',
  });
  if (res.statusCode !== 201) throw new Error(`change project: ${res.body}`);
  const id = res.json().id as string;
  x.cache.set(key, id);
  if (kind === 'rated') {
    const a = await x.c.superAdmin.request({
      method: 'PUT',
      url: `/api/competency/change-projects/${id}/assessors`,
      payload: {
        assessors: [
          { kind: 'INTERNAL', employeeId: x.side.in.superiorId },
          { kind: 'EXTERNAL', name: 'Penilai Mitra', institution: 'Universitas Mitra' },
        ],
      },
    });
    if (a.statusCode !== 200) throw new Error(`change project assessors: ${a.body}`);
    const r = await x.c.atasan.request(ratingReq(x, id, 'g1'));
    if (r.statusCode !== 201) throw new Error(`change project rating: ${r.body}`);
    x.cache.set(`cp-rating:${w}`, r.json().id);
  }
  return id;
}

function ratingReq(x: Ctx, projectId: string, goalId: string) {
  const mp = multipart(
    { data: JSON.stringify({ score: 4, note: 'Loket beroperasi' }) },
    { field: 'evidence', name: 'bukti.pdf', content: pdf(`bukti-${x.n()}`), type: 'application/pdf' },
  );
  return {
    method: 'PUT' as const,
    url: `/api/competency/change-projects/${projectId}/goals/${goalId}/rating`,
    payload: mp.payload,
    headers: mp.headers,
  };
}

function importReq(url: string, header: string, row: string, fields: Record<string, string> = {}) {
  const mp = multipart(fields, {
    field: 'file',
    name: 'data.csv',
    content: `${header}\n${row}\n`,
    type: 'text/csv',
  });
  return { method: 'POST' as const, url, payload: mp.payload, headers: mp.headers };
}

export const COMPETENCY_ACCESS: AccessTable = {
  'GET /api/competency/dictionary': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/competency/dictionary'),
  },
  'PUT /api/competency/technicals/{code}': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () =>
      put('/api/competency/technicals/T.01', {
        name: 'Pengelolaan data',
        family: 'Statistik',
        levels: ['Satu', 'Dua', 'Tiga', 'Empat', 'Lima'],
      }),
  },
  'GET /api/competency/positions/{id}/standard': {
    expect: 'AAAAAAA',
    req: async (x, _r, w) => get(`/api/competency/positions/${(await positionOf(x, w)).id}/standard`),
  },
  'PUT /api/competency/positions/{id}/standard': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      put(`/api/competency/positions/${(await positionOf(x, w)).id}/standard`, {
        levels: [{ code: 'M.01', level: 2 }],
      }),
  },
  'POST /api/competency/standards/import': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: async (x) =>
      importReq(
        '/api/competency/standards/import',
        'kode_jabatan,kode_kompetensi,level',
        `${(await positionOf(x, 'in')).code},M.02,2`,
      ),
  },
  'POST /api/competency/assessments': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      post('/api/competency/assessments', {
        employeeId: x.side[w].employeeId,
        assessedOn: freshDate(x),
        method: 'UJI_POTENSI',
        assessor: 'UPT Penilaian Kompetensi',
        levels: [{ code: 'M.01', level: 3 }],
      }),
  },
  'POST /api/competency/assessments/import': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: (x) =>
      importReq(
        '/api/competency/assessments/import',
        'nip,tanggal,metode,asesor,kode_kompetensi,level',
        `${x.side.in.employee.nip},02/12/2025,SJT,BKN,M.01,2`,
      ),
  },
  'GET /api/competency/assessments': {
    kind: 'list',
    expect: 'AADDDDD',
    req: async (x) => {
      await resultOf(x, 'in');
      await resultOf(x, 'out');
      return get('/api/competency/assessments?pageSize=100');
    },
  },
  'GET /api/competency/me': { kind: 'plain', expect: 'DAAAAAA', req: () => get('/api/competency/me') },
  'GET /api/competency/employees/{id}': {
    expect: 'AADIDII',
    req: async (x, _r, w) => {
      await resultOf(x, w);
      return get(`/api/competency/employees/${x.side[w].employeeId}`);
    },
  },
  'GET /api/competency/trainings': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/competency/trainings'),
  },
  'POST /api/competency/trainings': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: (x) =>
      post('/api/competency/trainings', {
        title: `Kursus uji ${x.n()}`,
        kind: 'KURSUS',
        codes: ['M.08'],
        jp: 16,
        cost: 1_000_000,
      }),
  },
  'PUT /api/competency/trainings/{id}': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: async (x) =>
      put(`/api/competency/trainings/${await trainingOf(x)}`, {
        title: 'Coaching uji',
        kind: 'COACHING',
        codes: ['M.06'],
        jp: 8,
        cost: 0,
      }),
  },
  'PUT /api/competency/training-budgets': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      put('/api/competency/training-budgets', {
        unitId: x.side[w].opdUnitId,
        year: 2026,
        amount: 50_000_000,
      }),
  },
  'GET /api/competency/training-needs': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/training-needs?unitId=${x.side[w].opdUnitId}&year=2026`),
  },
  'GET /api/competency/training-needs/export.{format}': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      get(`/api/competency/training-needs/export.csv?unitId=${x.side[w].opdUnitId}&year=2026`),
  },
  'POST /api/competency/training-records': {
    // The employee records their own; BKD and the super admin anyone's in scope.
    expect: 'AADDDDI',
    req: (x, _r, w) => certificateReq(x, w),
  },
  'POST /api/competency/training-records/import': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: (x) =>
      importReq(
        '/api/competency/training-records/import',
        'nip,nama_pelatihan,penyelenggara,tanggal_mulai,tanggal_selesai,jp',
        `${x.side.in.employee.nip},Kursus ${x.n()},BPSDM,03/11/2025,04/11/2025,8`,
      ),
  },
  'PUT /api/competency/training-records/{id}/certificate': {
    // A record imported without one: the employee or BKD attaches it (a second attempt is 409, still authorised).
    expect: 'AADDDDI',
    req: async (x, _r, w) => {
      const mp = multipart(
        {},
        { field: 'certificate', name: 's.pdf', content: pdf(`bare-${x.n()}`), type: 'application/pdf' },
      );
      return {
        method: 'PUT' as const,
        url: `/api/competency/training-records/${await bareRecordOf(x, w)}/certificate`,
        payload: mp.payload,
        headers: mp.headers,
      };
    },
  },
  'GET /api/competency/training-records/{id}/certificate': {
    expect: 'AADIDII',
    req: async (x, _r, w) => get(`/api/competency/training-records/${await recordOf(x, w)}/certificate`),
  },
  'GET /api/competency/analytics': {
    // Counts per OPD, BKD's (competency.read) over its scope, or under one unit of it.
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/analytics?year=2026&unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/competency/analytics/summary': {
    // The scope's totals (the home page's card), BKD's (competency.read).
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/competency/analytics/summary?year=2026'),
  },
  'GET /api/competency/analytics/export.{format}': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/competency/analytics/export.xlsx?year=2026'),
  },
  'GET /api/competency/staff': { kind: 'plain', expect: 'AAAAAAA', req: () => get('/api/competency/staff') },
  // Talent pool and 9-box (point 6): BKD's (competency.read in scope). A superior sees their own staff's boxes
  // without unitId (talent.test.ts); with a unit, only competency.read.
  'GET /api/competency/talent/nine-box': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/talent/nine-box?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/competency/talent/nine-box/export.{format}': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/talent/nine-box/export.csv?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/competency/talent/pool': {
    kind: 'plain',
    expect: 'AADDDDD',
    req: () => get('/api/competency/talent/pool'),
  },
  'GET /api/competency/talent/positions': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/talent/positions?unitId=${x.side[w].opdUnitId}`),
  },
  'GET /api/competency/talent/candidates': {
    expect: 'AADDDDD',
    req: async (x, _r, w) => {
      await resultOf(x, 'in');
      await resultOf(x, 'out');
      return get(`/api/competency/talent/candidates?positionId=${(await positionOf(x, w)).id}`);
    },
  },
  'GET /api/competency/talent/candidates/export.{format}': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      get(`/api/competency/talent/candidates/export.xlsx?positionId=${(await positionOf(x, w)).id}`),
  },
  'GET /api/competency/talent/succession': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/talent/succession?unitId=${x.side[w].opdUnitId}`),
  },
  // Change projects (issue 19 point 5): the participant registers and edits their own; BKD assigns assessors and
  // reads the OPD's report; the assessors (here the inside employee's superior, on both sides) rate; the superior
  // chain sees the project and its PDF report, the ratings only once judged (or their own as assessor).
  'GET /api/competency/change-projects/mine': {
    kind: 'plain',
    expect: 'DAAAAAA',
    req: () => get('/api/competency/change-projects/mine'),
  },
  'GET /api/competency/change-projects/assigned': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/competency/change-projects/assigned'),
  },
  'GET /api/competency/change-projects': {
    expect: 'AADDDDD',
    req: (x, _r, w) => get(`/api/competency/change-projects?unitId=${x.side[w].opdUnitId}&year=2026`),
  },
  'GET /api/competency/change-projects/export.{format}': {
    expect: 'AADDDDD',
    req: (x, _r, w) =>
      get(`/api/competency/change-projects/export.csv?unitId=${x.side[w].opdUnitId}&year=2026`),
  },
  'POST /api/competency/change-projects': {
    expect: 'AADDDDI',
    req: async (x, _r, w) =>
      post('/api/competency/change-projects', {
        ...changeProjectBody(await leadershipRecordOf(x, w), x.side[w].employeeId),
        register: false,
      }),
  },
  'GET /api/competency/change-projects/{id}': {
    expect: 'AADIDAI',
    req: async (x, _r, w) => get(`/api/competency/change-projects/${await changeProjectOf(x, w, 'rated')}`),
  },
  'PUT /api/competency/change-projects/{id}': {
    expect: 'AADDDDI',
    req: async (x, _r, w) =>
      put(`/api/competency/change-projects/${await changeProjectOf(x, w, 'draft')}`, {
        ...changeProjectBody(''),
        register: false,
      }),
  },
  'POST /api/competency/change-projects/{id}/register': {
    expect: 'AADDDDI',
    req: async (x, _r, w) =>
      post(`/api/competency/change-projects/${await changeProjectOf(x, w, 'draft')}/register`, {}),
  },
  'PUT /api/competency/change-projects/{id}/assessors': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      put(`/api/competency/change-projects/${await changeProjectOf(x, w, 'rated')}/assessors`, {
        assessors: [
          { kind: 'INTERNAL', employeeId: x.side.in.superiorId },
          { kind: 'EXTERNAL', name: 'Penilai Mitra', institution: 'Universitas Mitra' },
        ],
      }),
  },
  'PUT /api/competency/change-projects/{id}/goals/{goalId}/rating': {
    // Only an assigned assessor rates (a second rating of the goal is 409, still an authorised answer).
    expect: 'DDDDDAD',
    req: async (x, _r, w) => ratingReq(x, await changeProjectOf(x, w, 'rated'), 'g2'),
  },
  'POST /api/competency/change-projects/{id}/close': {
    // Authorised BKD gets 409 (goal g2 may still lack a rating, or it is judged): the refusal is what is checked.
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/competency/change-projects/${await changeProjectOf(x, w, 'rated')}/close`, {}),
  },
  'GET /api/competency/change-projects/{id}/report.pdf': {
    expect: 'AADIDII',
    req: async (x, _r, w) =>
      get(`/api/competency/change-projects/${await changeProjectOf(x, w, 'rated')}/report.pdf`),
  },
  'GET /api/competency/change-projects/evidence/{id}': {
    // Before the verdict: BKD and the assessor who gave it; not the participant or the rest of the chain.
    expect: 'AADDDAD',
    req: async (x, _r, w) => {
      await changeProjectOf(x, w, 'rated');
      return get(`/api/competency/change-projects/evidence/${x.cache.get(`cp-rating:${w}`)}`);
    },
  },
};
