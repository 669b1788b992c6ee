/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../../../../test/helpers/tpp-runs-world.ts';
import { multipart } from '../../../../test/helpers/test-app.ts';
import { pdf } from '../../../../test/helpers/evidence.ts';

/*
 * Objections to a published TPP line through real HTTP (issue 17 point 4 and its "Bad input"): February 2027 of
 * DINKES computed, checked and published on 10/03/2027 (window to 18/03/2027). Rudi Rekan is excluded for the whole
 * month (cuti besar from January). Putri Pegawai objects to her TK of 04/02 with a PDF; Rudi to his exclusion.
 * Kasi (their direct superior) upholds Rudi's after admin OPD ends the exclusion in January: Rudi's line alone is
 * computed again. BKD rejects another of Putri's. Every refusal changes nothing (`unchanged`).
 */

let w: DisciplineWorld;
let runId: string;
let tkObjection: string;
let exclusionId: string;
const M = RUNS_MONTH;

const fileOn = (
  who: keyof DisciplineWorld['c'],
  employeeId: string,
  fields: Record<string, string>,
  file?: Buffer,
) => {
  const mp = multipart(
    fields,
    file ? { field: 'file', name: 'bukti.pdf', content: file, type: 'application/pdf' } : undefined,
  );
  return w.c[who].request({
    method: 'POST',
    url: `/api/tpp/runs/${runId}/lines/${employeeId}/objections`,
    ...mp,
  });
};
const decide = (who: keyof DisciplineWorld['c'], id: string, decision: string, note = 'Sudah diperiksa.') =>
  w.c[who].post(`/api/tpp/objections/${id}/decision`, { decision, note });
const lineOf = async (employeeId: string) =>
  w.t.db
    .selectFrom('tppRunLines')
    .select(['net', 'version', 'excluded', 'inputsHash'])
    .where('runId', '=', runId)
    .where('employeeId', '=', employeeId)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  w = await buildRunsWorld();
  const ex = json(
    await w.c.adminOpd.post('/api/tpp/exclusions', {
      employeeId: w.e.rekan.id,
      code: 'CUTI_BESAR',
      validFrom: '2027-01-01',
      reason: 'Cuti besar tiga bulan',
      reference: 'SK 800/1/2027',
    }),
    201,
  );
  exclusionId = ex.id;
  const run = json(await w.c.adminOpd.post('/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 201);
  runId = run.id;
  json(await w.c.adminOpd.post(`/api/tpp/runs/${runId}/check`, {}));
  expect(json(await w.c.adminOpd.post(`/api/tpp/runs/${runId}/publish`, {})).objectionUntil).toBe(
    '2027-03-18',
  );
}, 120_000);
afterAll(() => w?.t.close());

describe('filing an objection (the employee, her own published line, in the window)', () => {
  it('Putri objects to her TK of 04/02 with a PDF: pending, audited, her superior told', async () => {
    const o = json(
      await fileOn(
        'pegawai',
        w.e.pegawai.id,
        { kind: 'DEDUCTION', date: '2027-02-04', code: 'TK', reason: 'Saya sakit, ada surat dokter.' },
        pdf('surat-dokter'),
      ),
      201,
    );
    tkObjection = o.id;
    expect(o).toMatchObject({
      status: 'DIAJUKAN',
      lineLabel: 'Potongan TK tanggal 04/02/2027',
      employee: { id: w.e.pegawai.id },
      evidence: { mime: 'application/pdf' },
      canDecide: false,
    });
    const file = await w.c.kasi.get(o.evidence.url);
    expect(file.statusCode).toBe(200);
    expect((await w.c.rekan.get(o.evidence.url)).statusCode).toBe(404);
    const notices = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select('u.employeeId')
      .where('n.kind', '=', 'tpp_objection.waiting')
      .execute();
    expect(notices.map((n) => n.employeeId)).toEqual([w.e.kasi.id]);
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', o.id)
      .execute();
    expect(audit).toMatchObject([
      { action: 'tpp_objection.filed', after: { line: 'Potongan TK tanggal 04/02/2027' } },
    ]);
  });

  it('refuses another person, a line not in the breakdown, a second pending one, no reason, a bad file', async () => {
    const tk = { kind: 'DEDUCTION', date: '2027-02-04', code: 'TK', reason: 'Keberatan' };
    await unchanged(w.t, () => fileOn('rekan', w.e.pegawai.id, tk), 404);
    await unchanged(w.t, () => fileOn('adminOther', w.e.pegawai.id, tk), 404);
    const superior = await unchanged(w.t, () => fileOn('kasi', w.e.pegawai.id, tk), 403);
    expect(superior.error.message).toMatch(/hanya dapat diajukan oleh pegawai yang bersangkutan/);
    const missing = await unchanged(
      w.t,
      () => fileOn('pegawai', w.e.pegawai.id, { ...tk, date: '2027-02-05' }),
      400,
    );
    expect(missing.error.message).toBe(
      'Potongan TK tanggal 05/02/2027 tidak ada dalam rincian TPP Anda bulan Februari 2027',
    );
    const twice = await unchanged(w.t, () => fileOn('pegawai', w.e.pegawai.id, tk), 409);
    expect(twice.error.message).toMatch(/masih menunggu keputusan/);
    await unchanged(w.t, () => fileOn('pegawai', w.e.pegawai.id, { ...tk, reason: ' ' }), 400);
    await unchanged(w.t, () => fileOn('pegawai', w.e.pegawai.id, { kind: 'EXCLUSION', reason: 'x' }), 400);
    await unchanged(
      w.t,
      () => fileOn('pegawai', w.e.pegawai.id, { kind: 'OTHER', reason: 'x' }, Buffer.from('MZ not a pdf')),
      415,
    );
  });

  it('a draft run is not there for the employee (404)', async () => {
    const draft = json(await w.c.adminOther.post('/api/tpp/runs', { unitId: w.u.bapenda.id, month: M }), 201);
    const r = await unchanged(
      w.t,
      () =>
        w.c.other.request({
          method: 'POST',
          url: `/api/tpp/runs/${draft.id}/lines/${w.e.other.id}/objections`,
          ...multipart({ kind: 'OTHER', reason: 'Salah hitung' }),
        }),
      404,
    );
    expect(r.error.code).toBe('NOT_FOUND');
  });
});

describe('lists: mine, the inbox with its count, per run', () => {
  it('Putri sees hers; kasi and BKD find it in their inbox; admin OPD (a reader) has no inbox', async () => {
    json(
      await fileOn('rekan', w.e.rekan.id, { kind: 'EXCLUSION', reason: 'Cuti besar saya dibatalkan.' }),
      201,
    );
    const mine = json(await w.c.pegawai.get(`/api/tpp/objections/mine?month=${M}`));
    expect(mine.items.map((i: any) => i.id)).toEqual([tkObjection]);
    expect(json(await w.c.kasi.get('/api/tpp/objections/inbox/count'))).toEqual({ count: 2 });
    const inbox = json(await w.c.kasi.get('/api/tpp/objections/inbox'));
    expect(inbox.items.every((i: any) => i.canDecide)).toBe(true);
    expect(json(await w.c.bkd.get('/api/tpp/objections/inbox/count')).count).toBe(2);
    expect(json(await w.c.adminOpd.get('/api/tpp/objections/inbox/count')).count).toBe(0);
    expect(json(await w.c.pegawai.get('/api/tpp/objections/inbox/count')).count).toBe(0);
    const ofRun = json(await w.c.adminOpd.get(`/api/tpp/runs/${runId}/objections`));
    expect(ofRun.items).toHaveLength(2);
    expect(ofRun.items.every((i: any) => !i.canDecide)).toBe(true);
    expect((await w.c.pegawai.get(`/api/tpp/runs/${runId}/objections`)).statusCode).toBe(404);
    const run = json(await w.c.adminOpd.get(`/api/tpp/runs/${runId}`));
    expect(run.pendingObjections).toBe(2);
  });
});

describe('deciding (the direct superior or BKD, with a note)', () => {
  it('refuses readers, the employee, outsiders; a note is required; nothing written', async () => {
    const reader = await unchanged(w.t, () => decide('adminOpd', tkObjection, 'DITOLAK'), 403);
    expect(reader.error.message).toMatch(/atasan langsung pegawai .* atau BKD/);
    await unchanged(w.t, () => decide('pegawai', tkObjection, 'DITERIMA'), 403);
    await unchanged(w.t, () => decide('adminOther', tkObjection, 'DITOLAK'), 404);
    await unchanged(w.t, () => decide('rekan', tkObjection, 'DITOLAK'), 404);
    await unchanged(w.t, () => decide('kasi', tkObjection, 'DITOLAK', ''), 400);
  });

  it('kasi upholds Rudi after his exclusion was ended: only his line is computed again', async () => {
    const before = json(await w.c.adminOpd.get(`/api/tpp/runs/${runId}`));
    const others = await w.t.db
      .selectFrom('tppRunLines')
      .select(['employeeId', 'net', 'version', 'inputsHash'])
      .where('runId', '=', runId)
      .where('employeeId', '<>', w.e.rekan.id)
      .orderBy('employeeId')
      .execute();
    const old = await lineOf(w.e.rekan.id);
    expect(old).toMatchObject({ excluded: true, net: 0, version: 2 - 1 });
    json(await w.c.adminOpd.post(`/api/tpp/exclusions/${exclusionId}/end`, { validTo: '2027-01-31' }));
    const [o] = json(await w.c.kasi.get('/api/tpp/objections/inbox')).items.filter(
      (i: any) => i.employee.id === w.e.rekan.id,
    );
    const decided = json(await decide('kasi', o.id, 'DITERIMA', 'Cuti besar dibatalkan per 31/01/2027.'));
    const now = await lineOf(w.e.rekan.id);
    expect(now.excluded).toBe(false);
    expect(now.version).toBe(2);
    expect(now.net).toBeGreaterThan(0);
    expect(decided).toMatchObject({
      status: 'DITERIMA',
      decisionNote: 'Cuti besar dibatalkan per 31/01/2027.',
      rerun: { changed: true, netBefore: 0, netAfter: now.net, version: 2 },
    });
    // Every other line as it was; the run's totals and hashes follow the new line, still reproducible.
    expect(
      await w.t.db
        .selectFrom('tppRunLines')
        .select(['employeeId', 'net', 'version', 'inputsHash'])
        .where('runId', '=', runId)
        .where('employeeId', '<>', w.e.rekan.id)
        .orderBy('employeeId')
        .execute(),
    ).toEqual(others);
    const after = json(await w.c.adminOpd.get(`/api/tpp/runs/${runId}`));
    expect(after.totals.amounts.net).toBe(before.totals.amounts.net + now.net);
    expect(after.totals.excluded).toBe(before.totals.excluded - 1);
    expect(after.resultHash).not.toBe(before.resultHash);
    expect(after.events.map((e: any) => e.action)).toContain('objection_upheld');
    expect(json(await w.c.bkd.get(`/api/tpp/runs/${runId}/verification`)).reproducible).toBe(true);
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('entityId', '=', o.id)
      .where('action', '=', 'tpp_objection.upheld')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ net: 0 });
    expect(audit.after).toMatchObject({ net: now.net, recomputed: true });
    const told = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['u.employeeId', 'n.body'])
      .where('n.kind', '=', 'tpp_objection.decided')
      .execute();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ employeeId: w.e.rekan.id });
    expect(told[0]!.body).toMatch(/dihitung ulang: Rp 0 menjadi Rp/);
    // A decided objection is not decided again.
    const again = await unchanged(w.t, () => decide('bkd', o.id, 'DITOLAK'), 409);
    expect(again.error.message).toMatch(/sudah diterima oleh/);
  });

  it('an upheld objection whose inputs did not change leaves the line as it was and says so', async () => {
    const old = await lineOf(w.e.pegawai.id);
    const decided = json(await decide('kasi', tkObjection, 'DITERIMA', 'Diterima; surat dokter diproses.'));
    expect(decided.rerun).toEqual({
      changed: false,
      netBefore: Number(old.net),
      netAfter: Number(old.net),
      version: 1,
    });
    expect(await lineOf(w.e.pegawai.id)).toEqual(old);
    const mine = json(await w.c.pegawai.get('/api/tpp/objections/mine'));
    expect(mine.items[0]).toMatchObject({
      status: 'DITERIMA',
      decisionNote: 'Diterima; surat dokter diproses.',
    });
  });

  it('BKD rejects another of Putri’s objections; approval waits while one is pending', async () => {
    const o = json(
      await fileOn('pegawai', w.e.pegawai.id, { kind: 'KINERJA', reason: 'Nilai kinerja belum masuk.' }),
      201,
    );
    await w.setNow('2027-03-19T02:00:00Z');
    const blocked = await unchanged(w.t, () => w.c.kadis.post(`/api/tpp/runs/${runId}/approve-opd`, {}), 409);
    expect(blocked.error.message).toMatch(/1 keberatan pegawai yang belum diputus/);
    const rejected = json(await decide('bkd', o.id, 'DITOLAK', 'Angka kinerja Februari belum final.'));
    expect(rejected).toMatchObject({ status: 'DITOLAK', rerun: null });
    expect(json(await w.c.kasi.get('/api/tpp/objections/inbox/count')).count).toBe(0);
  });

  it('after the window: refused naming its end date, nothing written', async () => {
    const late = await unchanged(
      w.t,
      () => fileOn('pegawai', w.e.pegawai.id, { kind: 'OTHER', reason: 'Terlambat' }),
      409,
    );
    expect(late.error.message).toBe(
      'Masa keberatan TPP bulan Februari 2027 berakhir 18/03/2027; keberatan tidak dapat diajukan lagi',
    );
    json(await w.c.kadis.post(`/api/tpp/runs/${runId}/approve-opd`, {}));
    const approved = await unchanged(
      w.t,
      () => fileOn('pegawai', w.e.pegawai.id, { kind: 'OTHER', reason: 'Terlambat' }),
      409,
    );
    expect(approved.error.message).toMatch(/sudah berstatus disetujui kepala opd/);
  });
});
