import type { AccessTable, Ctx, Where } from '../scope-harness.ts';
import { get, insert, post } from '../scope-harness.ts';

/**
 * Who may reach public complaints (test/security/scope-harness.ts explains the codes): every route under
 * `/api/complaints` and `/api/public/complaints` (docs/complaints.md). Checked by scope-complaints.test.ts.
 *
 * Each side has complaints about its OPD (inside Dinas Kesehatan, outside Bapenda): one received and not routed
 * (BKD triages: route, reject), one routed to the side's OPD (readers in scope read it; the OPD's admin answers).
 * BKD and the super admin manage both; the Inspektorat reads routed ones everywhere; the head of Dinkes (PIMPINAN)
 * and its admin read the inside one; a plain employee and a superior reach nothing. The public routes need no
 * account and are tested in complaints.test.ts (rate limits, spam check, tracking by code).
 */

async function complaintOf(x: Ctx, w: Where, state: 'received' | 'routed'): Promise<string> {
  const key = `complaint:${state}:${w}:${state === 'received' ? x.n() : 0}`;
  const cached = state === 'routed' ? x.cache.get(key) : undefined;
  if (cached) return cached;
  const now = new Date('2026-01-15T02:00:00Z');
  const unit = x.side[w].opdUnitId;
  const id = await insert(x, 'complaints', {
    channel: 'WEB',
    category: 'LAYANAN',
    unit_id: unit,
    title: `Pengaduan uji ${w} ${state} ${x.n()}`,
    description: 'Loket layanan tutup pada jam kerja.',
    reporter_name: 'Warga Uji',
    status: state === 'routed' ? 'DITERUSKAN' : 'DITERIMA',
    ...(state === 'routed' ? { handling_unit_id: unit, routed_at: now, due_on: '2026-01-29' } : {}),
    received_at: now,
    updated_at: now,
  });
  x.cache.set(key, id);
  return id;
}

const PUBLIC = 'public (no account): complaints.test.ts (rate limits, spam check, code-only tracking)';

export const COMPLAINTS_ACCESS: AccessTable = {
  'GET /api/public/complaints/form': { skip: PUBLIC },
  'POST /api/public/complaints': { skip: PUBLIC },
  'GET /api/public/complaints/{code}': { skip: PUBLIC },
  'POST /api/public/complaints/{code}/photos': { skip: PUBLIC },
  'GET /api/complaints': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await complaintOf(x, 'in', 'routed');
      await complaintOf(x, 'out', 'routed');
      return get('/api/complaints?pageSize=100');
    },
    mark: (x, w) => x.cache.get(`complaint:routed:${w}:0`) ?? '-',
  },
  'GET /api/complaints/export.{format}': {
    kind: 'list',
    expect: 'AAAIIDD',
    req: async (x) => {
      await complaintOf(x, 'in', 'routed');
      await complaintOf(x, 'out', 'routed');
      return get('/api/complaints/export.csv');
    },
    mark: (_x, w) => `Pengaduan uji ${w} routed`,
  },
  'GET /api/complaints/inbox-count': {
    kind: 'plain',
    expect: 'AAAAAAA',
    req: () => get('/api/complaints/inbox-count'),
  },
  'POST /api/complaints/import': {
    skip: 'complaints.test.ts: BKD imports a LAPOR! CSV, an OPD admin is refused (403) and nothing is stored',
  },
  'GET /api/complaints/{id}': {
    expect: 'AAAIIDD',
    req: async (x, _r, w) => get(`/api/complaints/${await complaintOf(x, w, 'routed')}`),
  },
  'GET /api/complaints/{id}/photos/{photoId}': {
    skip: 'complaints.test.ts: a photo is added by the citizen with the code; the OPD of another unit gets 404',
  },
  'POST /api/complaints/{id}/route': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/complaints/${await complaintOf(x, w, 'received')}/route`, {
        handlingUnitId: x.side[w].opdUnitId,
      }),
  },
  'POST /api/complaints/{id}/reject': {
    expect: 'AADDDDD',
    req: async (x, _r, w) =>
      post(`/api/complaints/${await complaintOf(x, w, 'received')}/reject`, {
        reason: 'Bukan pengaduan tentang ASN atau layanan unit.',
      }),
  },
  'POST /api/complaints/{id}/answer': {
    expect: 'AADDIDD',
    req: async (x, _r, w) =>
      post(`/api/complaints/${await complaintOf(x, w, 'routed')}/answer`, {
        answer: 'Petugas loket sudah ditegur dan jadwal ditempel.',
      }),
  },
  'POST /api/complaints/{id}/discipline-case': {
    skip: 'complaints.test.ts and the discipline tests: the case is opened by the discipline service with its own checks',
  },
};
