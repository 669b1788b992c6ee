/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  json,
  unchanged,
  type DisciplineWho,
  type DisciplineWorld,
} from '../../src/server/modules/discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../helpers/tpp-runs-world.ts';
import { multipart } from '../helpers/test-app.ts';

/*
 * The designated treasurer (bendahara pengeluaran) of an OPD through real HTTP (issue 17 point 9: "a treasurer sees
 * the nominative list but cannot change a run"). Not a grantable role: the employee named by the OPD's record in
 * tpp_treasurers (the unit's own, else the nearest ancestor's; runs-access.ts `isTreasurer`).
 *
 * DINKES and BAPENDA February 2027 computed; Joko JF is recorded as DINKES's treasurer by its admin OPD. He has no
 * grant at all. While the runs are drafts he sees nothing; once DINKES's is published he lists it (not BAPENDA's),
 * opens it and its lines, downloads the nominative list (XLSX, PDF), sees the recap row of it; the bank file is
 * refused until BKD approves, then he produces it. Every step, decision, input and other OPD's run stays refused,
 * and every refusal writes nothing. When admin OPD records Rudi instead, Joko loses all of it.
 */

let w: DisciplineWorld;
let runId: string;
let otherRunId: string;
const M = RUNS_MONTH;
const T: DisciplineWho = 'jf';
const treasurerUrl = () => `/api/tpp/treasurers/${w.u.dinkes.id}`;

const get = (who: DisciplineWho, url: string) => w.c[who].get(url);
const post = (who: DisciplineWho, url: string, body: object = {}) => w.c[who].post(url, body);
const step = async (who: DisciplineWho, id: string, action: string) =>
  json(await post(who, `/api/tpp/runs/${id}/${action}`));
const designate = async (who: DisciplineWho) =>
  json(
    await w.c.adminOpd.request({
      method: 'PUT',
      url: treasurerUrl(),
      payload: { employeeId: w.e[who].id, decree: 'SK 900/7/2027' },
    }),
  );
const listedRuns = async (who: DisciplineWho) =>
  (json(await get(who, `/api/tpp/runs?month=${M}`)).items as any[]).map((r) => r.id);
const recapRuns = async (who: DisciplineWho) =>
  (json(await get(who, `/api/tpp/finance/recap?month=${M}`)).rows as any[]).map((r) => r.runId);

beforeAll(async () => {
  w = await buildRunsWorld();
  runId = json(await post('adminOpd', '/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 201).id;
  otherRunId = json(await post('adminOther', '/api/tpp/runs', { unitId: w.u.bapenda.id, month: M }), 201).id;
  await designate(T);
}, 120_000);
afterAll(() => w?.t.close());

describe('the designated treasurer of DINKES', () => {
  it('holds no grant; sees his designation, and nothing of a draft run', async () => {
    const grants = await w.t.db
      .selectFrom('roleGrants as g')
      .innerJoin('users as u', 'u.id', 'g.userId')
      .select('g.role')
      .where('u.employeeId', '=', w.e[T].id)
      .execute();
    expect(grants).toEqual([]);
    expect(json(await get(T, '/api/tpp/finance/treasurer'))).toEqual({
      units: [
        { unitId: w.u.dinkes.id, unitName: 'Dinas Kesehatan', unitCode: 'DINKES', decree: 'SK 900/7/2027' },
      ],
    });
    expect(json(await get('rekan', '/api/tpp/finance/treasurer'))).toEqual({ units: [] });
    expect(await listedRuns(T)).toEqual([]);
    expect(await recapRuns(T)).toEqual([]);
    for (const url of [
      `/api/tpp/runs/${runId}`,
      `/api/tpp/runs/${runId}/lines`,
      `/api/tpp/runs/${runId}/nominative?format=xlsx`,
    ])
      expect((await get(T, url)).statusCode, url).toBe(404);
    await unchanged(w.t, () => post(T, `/api/tpp/runs/${runId}/bank-file`), 404);
  });

  it('once published: lists and opens the run (no step offered), all its lines, the recap row of it', async () => {
    await step('adminOpd', runId, 'check');
    await step('adminOpd', runId, 'publish');
    await step('adminOther', otherRunId, 'check');
    await step('adminOther', otherRunId, 'publish');
    expect(await listedRuns(T)).toEqual([runId]);
    const d = json(await get(T, `/api/tpp/runs/${runId}`));
    expect(d).toMatchObject({ id: runId, status: 'DIUMUMKAN', actions: [] });
    const lines = json(await get(T, `/api/tpp/runs/${runId}/lines?pageSize=200`));
    const all = json(await get('bkd', `/api/tpp/runs/${runId}/lines?pageSize=200`));
    expect(lines.total).toBe(all.total);
    expect(lines.items).toEqual(all.items);
    expect(await recapRuns(T)).toEqual([runId]);
    const recap = json(await get(T, `/api/tpp/finance/recap?month=${M}`));
    expect(recap.rows[0]).toMatchObject({ unitId: w.u.dinkes.id, net: d.totals.amounts.net });
  });

  it('downloads the nominative list as XLSX and PDF (KONSEP before approval)', async () => {
    const x = await get(T, `/api/tpp/runs/${runId}/nominative?format=xlsx`);
    expect(x.statusCode, x.body).toBe(200);
    expect(x.headers['content-disposition']).toMatch(/nominatif-tpp-2027-02-.*-konsep\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    expect(String(wb.worksheets[0]!.getCell('A1').value)).toMatch(/DAFTAR NOMINATIF/);
    const p = await get(T, `/api/tpp/runs/${runId}/nominative?format=pdf`);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toBe('application/pdf');
  });

  it('is refused every change, every decision and every other view; a refusal writes nothing', async () => {
    const lines = `/api/tpp/runs/${runId}/lines/${w.e.pegawai.id}`;
    // The bank file before BKD's approval: authorised, refused for the status.
    const e = await unchanged(w.t, () => post(T, `/api/tpp/runs/${runId}/bank-file`), 409);
    expect(e.error.message).toMatch(/setelah TPP disetujui BKD/);
    // Computing (a new run or the same again), every lifecycle step.
    await unchanged(w.t, () => post(T, '/api/tpp/runs', { unitId: w.u.dinkes.id, month: M }), 403);
    for (const s of ['check', 'publish', 'approve-opd', 'approve', 'lock'])
      await unchanged(w.t, () => post(T, `/api/tpp/runs/${runId}/${s}`), 404);
    // An employee's breakdown, slip and objections, the verification: not finance's.
    for (const url of [
      lines,
      `${lines}/slip.pdf`,
      `/api/tpp/runs/${runId}/verification`,
      `/api/tpp/runs/${runId}/objections`,
    ])
      expect((await get(T, url)).statusCode, url).toBe(404);
    // Deciding an objection: Putri objects, the treasurer may not decide it.
    const o = json(
      await w.c.pegawai.request({
        method: 'POST',
        url: `${lines}/objections`,
        ...multipart({ kind: 'OTHER', reason: 'Tunjangan saya kurang.' }),
      }),
      201,
    );
    await unchanged(
      w.t,
      () => post(T, `/api/tpp/objections/${o.id}/decision`, { decision: 'DITOLAK', note: 'Tidak.' }),
      404,
    );
    // Inputs: the treasurer record itself, pay data, exclusions (the employees are not his to see: 404).
    await unchanged(
      w.t,
      () => w.c[T].request({ method: 'PUT', url: treasurerUrl(), payload: { employeeId: w.e.rekan.id } }),
      404,
    );
    await unchanged(
      w.t,
      () =>
        post(T, `/api/tpp/employees/${w.e.pegawai.id}/salaries`, { validFrom: '2027-01-01', gajiPokok: 9 }),
      404,
    );
    await unchanged(
      w.t,
      () =>
        w.c[T].request({
          method: 'PUT',
          url: `/api/tpp/employees/${w.e.pegawai.id}/bank-account`,
          payload: { bankName: 'Bank X', accountNumber: '9990001112', accountHolder: 'Joko' },
        }),
      404,
    );
    await unchanged(
      w.t,
      () =>
        post(T, '/api/tpp/exclusions', {
          employeeId: w.e.rekan.id,
          code: 'CUTI_BESAR',
          validFrom: '2027-01-01',
          reason: 'x',
          reference: 'SK 1',
        }),
      404,
    );
    // Another OPD's run: not there for him.
    for (const url of [
      `/api/tpp/runs/${otherRunId}`,
      `/api/tpp/runs/${otherRunId}/lines`,
      `/api/tpp/runs/${otherRunId}/nominative?format=xlsx`,
    ])
      expect((await get(T, url)).statusCode, url).toBe(404);
    await unchanged(w.t, () => post(T, `/api/tpp/runs/${otherRunId}/bank-file`), 404);
    // Putri's objection is decided by her superior, so that the run may be approved.
    json(
      await post('kasi', `/api/tpp/objections/${o.id}/decision`, {
        decision: 'DITOLAK',
        note: 'Sesuai rekap.',
      }),
    );
  });

  it('once approved by BKD, produces the bank file (audited as his)', async () => {
    await w.setNow('2027-03-19T02:00:00Z');
    await step('kadis', runId, 'approve-opd');
    await step('bkd', runId, 'approve');
    const all = json(await get('bkd', `/api/tpp/runs/${runId}/lines?pageSize=200`)).items as any[];
    const paid = all.filter((l) => !l.excluded && l.net > 0 && l.employeeId !== w.e.pegawai.id);
    if (paid.length)
      await w.t.db
        .insertInto('employeeBankAccounts')
        .values(
          paid.map((l, i) => ({
            employeeId: l.employeeId,
            bankName: 'Bank BJB',
            accountNumber: `0009876${i}`,
            accountHolder: l.name,
            npwp: null,
            updatedBy: w.admin.userId,
          })),
        )
        .execute();
    const res = await post(T, `/api/tpp/runs/${runId}/bank-file`);
    expect(res.statusCode, res.body).toBe(200);
    const run = json(await get('bkd', `/api/tpp/runs/${runId}`));
    expect(Number(res.headers['x-total-amount'])).toBe(run.totals.amounts.net);
    const audit = await w.t.db
      .selectFrom('auditLog as a')
      .innerJoin('users as u', 'u.id', 'a.actorId')
      .select(['a.action', 'u.employeeId'])
      .where('a.entityId', '=', runId)
      .where('a.action', '=', 'tpp_run.bank_file')
      .execute();
    expect(audit).toEqual([{ action: 'tpp_run.bank_file', employeeId: w.e[T].id }]);
    // Still not a step: BKD's lock is BKD's.
    await unchanged(w.t, () => post(T, `/api/tpp/runs/${runId}/lock`), 404);
  });

  it('a replaced treasurer loses it all; the new one has it', async () => {
    await designate('rekan');
    expect(json(await get(T, '/api/tpp/finance/treasurer'))).toEqual({ units: [] });
    expect(await listedRuns(T)).toEqual([]);
    expect(await recapRuns(T)).toEqual([]);
    for (const url of [
      `/api/tpp/runs/${runId}`,
      `/api/tpp/runs/${runId}/nominative?format=xlsx`,
      `/api/tpp/runs/${runId}/nominative?format=pdf`,
    ])
      expect((await get(T, url)).statusCode, url).toBe(404);
    // As any employee of the run he still sees his own line, and only his.
    const own = json(await get(T, `/api/tpp/runs/${runId}/lines?pageSize=200`));
    expect(own.items.map((l: any) => l.employeeId)).toEqual([w.e[T].id]);
    await unchanged(w.t, () => post(T, `/api/tpp/runs/${runId}/bank-file`), 404);
    expect(await listedRuns('rekan')).toEqual([runId]);
    expect((await get('rekan', `/api/tpp/runs/${runId}/nominative?format=xlsx`)).statusCode).toBe(200);
  });

  it('a sub-unit with its own record has its own treasurer: the nearest record decides', async () => {
    // A run of the Sekretariat alone would be Sekdin's, not Rudi's (the unit's own record before the OPD's).
    json(
      await w.c.adminOpd.request({
        method: 'PUT',
        url: `/api/tpp/treasurers/${w.u.sekretariat.id}`,
        payload: { employeeId: w.e.sekdin.id },
      }),
    );
    const { sql } = await import('kysely');
    const { nearestTreasurerSql } = await import('../../src/server/modules/tpp/runs-access.ts');
    const at = async (path: string) =>
      (await sql<{ e: string | null }>`select ${nearestTreasurerSql(sql.val(path))} as e`.execute(w.t.db))
        .rows[0]!.e;
    const path = async (id: string) =>
      (await w.t.db.selectFrom('units').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    expect(await at(await path(w.u.sekretariat.id))).toBe(w.e.sekdin.id);
    expect(await at(await path(w.u.dinkes.id))).toBe(w.e.rekan.id);
    expect(await at(await path(w.u.seksi.id))).toBe(w.e.rekan.id);
    expect(await at(await path(w.u.bapenda.id))).toBe(null);
  });
});
