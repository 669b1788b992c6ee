/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { json, unchanged, type DisciplineWorld } from '../discipline/discipline-test-world.ts';
import { buildRunsWorld, RUNS_MONTH } from '../../../../test/helpers/tpp-runs-world.ts';
import { AppError } from '../../errors.ts';
import { createTppContext } from './tpp-context.ts';
import { createRunsSection } from './runs-service.ts';

/*
 * The TPP runs through real HTTP (issue 17 points 2–4 and their "Bad input"): February 2027 of DINKES, closed,
 * computed by admin OPD, checked, published (objection window of 5 working days on the national 2027 calendar),
 * approved by the head of DINKES after the window, approved and locked by BKD. Every refusal changes nothing.
 * The world: test/helpers/tpp-runs-world.ts (the discipline test world on 10 March 2027).
 */

let w: DisciplineWorld;
let runId: string;
const M = RUNS_MONTH;

beforeAll(async () => {
  w = await buildRunsWorld();
}, 120_000);
afterAll(() => w?.t.close());

const compute = (
  who: keyof DisciplineWorld['c'],
  unit: 'dinkes' | 'bapenda' | 'root' = 'dinkes',
  month = M,
) => w.c[who].post('/api/tpp/runs', { unitId: w.u[unit].id, month });
const step = (who: keyof DisciplineWorld['c'], action: string, body: object = {}) =>
  w.c[who].post(`/api/tpp/runs/${runId}/${action}`, body);
const lineUrl = (employeeId: string) => `/api/tpp/runs/${runId}/lines/${employeeId}`;

describe('computing a month (tpp.run over the unit, a closed recap)', () => {
  it('refuses an open month, another OPD and an employee, writing nothing', async () => {
    const open = await unchanged(w.t, () => compute('adminOpd', 'dinkes', '2027-03'), 409);
    expect(open.error.message).toMatch(/Rekap kehadiran Dinas Kesehatan bulan Maret 2027 belum ditutup/);
    await unchanged(w.t, () => compute('adminOther'), 403);
    await unchanged(w.t, () => compute('pegawai'), 403);
    await unchanged(w.t, () => compute('kadis'), 403);
  });

  it('admin OPD computes February: a DRAFT with every line, hashes and totals', async () => {
    const run = json(await compute('adminOpd'), 201);
    runId = run.id;
    expect(run).toMatchObject({ status: 'DRAFT', version: 1, month: M, unitName: 'Dinas Kesehatan' });
    expect(run.rulebook).toMatchObject({ id: 'national' });
    expect(run.tariffSource).toEqual({ kind: 'rulebook' });
    expect(run.inputsHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.totals.employees).toBe(10);
    // honorer (NON_ASN) is listed but not paid.
    expect(run.totals.excluded).toBe(1);
    expect(run.actions).toEqual(['compute', 'check']);
    expect(run.events.map((e: any) => e.action)).toEqual(['computed']);
  });

  it("pegawai's line: TL1 and TK of the whole TPP, each linked to that day of the recap calendar", async () => {
    const l = json(await w.c.adminOpd.get(lineUrl(w.e.pegawai.id)));
    // kelas 7 (national): 5.130.000; TL1 0,5 % = 25.650; TK 3 % = 153.900. Kinerja figure: none stored →
    // factor 0 (noted): kinerja 0, disiplin 40 % = 2.052.000 → gross 2.052.000 − 179.550 = 1.872.450.
    expect(l.deductions.map((d: any) => [d.date, d.code, d.percent, d.appliedAmount, d.link])).toEqual([
      ['2027-02-03', 'TL1', 0.5, 25_650, `/rekap?pegawai=${w.e.pegawai.id}&bulan=${M}&tanggal=2027-02-03`],
      ['2027-02-04', 'TK', 3, 153_900, `/rekap?pegawai=${w.e.pegawai.id}&bulan=${M}&tanggal=2027-02-04`],
    ]);
    expect(l.deductions[0].legalBasis.regulation).toMatch(/Perkada TPP/);
    expect(l.kinerja).toMatchObject({ score: 0, status: 'NONE' });
    expect(l.amounts).toMatchObject({ base: 5_130_000, kinerja: 0, disiplin: 2_052_000, gross: 1_872_450 });
    expect(l.bank).toMatchObject({ bankName: 'Bank Jateng' });
    const honorer = json(await w.c.adminOpd.get(lineUrl(w.e.honorer.id)));
    expect(honorer.excluded).toMatchObject({ code: 'BUKAN_ASN' });
  });

  it('a DRAFT is invisible to employees and superiors; readers list and search its lines', async () => {
    expect(json(await w.c.pegawai.get(`/api/tpp/mine?month=${M}`)).items).toEqual([]);
    for (const who of ['pegawai', 'kasi'] as const) {
      expect((await w.c[who].get(lineUrl(w.e.pegawai.id))).statusCode).toBe(404);
      expect((await w.c[who].get(`/api/tpp/runs/${runId}/lines`)).statusCode).toBe(404);
      expect((await w.c[who].get(`${lineUrl(w.e.pegawai.id)}/slip.pdf`)).statusCode).toBe(404);
    }
    expect((await w.c.adminOther.get(`/api/tpp/runs/${runId}`)).statusCode).toBe(404);
    const found = json(await w.c.bkd.get(`/api/tpp/runs/${runId}/lines?q=putri`));
    expect(found.items.map((i: any) => i.name)).toEqual(['Putri Pegawai']);
    const list = json(await w.c.adminOpd.get(`/api/tpp/runs?month=${M}`));
    expect(list.items.map((r: any) => r.id)).toEqual([runId]);
    expect(json(await w.c.adminOther.get(`/api/tpp/runs?month=${M}`)).items).toEqual([]);
  });

  it('reproduces byte for byte from the stored inputs and rules', async () => {
    const v = json(await w.c.bkd.get(`/api/tpp/runs/${runId}/verification`));
    expect(v).toMatchObject({ reproducible: true, lines: 10, mismatches: [] });
    expect(v.resultHash.recomputed).toBe(v.resultHash.stored);
  });

  it('a step out of order is refused (409) and changes nothing; a re-run of a draft is version 2 once an input changed', async () => {
    const early = await unchanged(w.t, () => step('adminOpd', 'publish'), 409);
    expect(early.error.message).toMatch(/berstatus draf/);
    await unchanged(w.t, () => step('bkd', 'lock'), 409);
    await unchanged(w.t, () => step('pegawai', 'check'), 404);
    await unchanged(w.t, () => step('adminOther', 'check'), 404);
    await unchanged(w.t, () => step('kadis', 'check'), 404);
    // The same computation again changes nothing: refused, nothing written.
    const same = await unchanged(w.t, () => compute('adminOpd'), 409);
    expect(same.error.message).toMatch(/versi 1 sudah dihitung dari data dan aturan yang sama/);
    // A gaji pokok recorded for February (the BPJS base) is a changed input: the re-run is version 2.
    json(
      await w.c.adminOpd.post(`/api/tpp/employees/${w.e.pegawai.id}/salaries`, {
        validFrom: '2027-02-01',
        gajiPokok: 3_100_000,
        reference: 'KGB 2027',
      }),
      201,
    );
    const again = json(await compute('adminOpd'), 201);
    expect(again).toMatchObject({ id: runId, version: 2, status: 'DRAFT' });
    await unchanged(w.t, () => step('adminOpd', 'check', { version: 1 }), 409);
  });
});

describe('the lifecycle: checked, published with an objection window, approved by the head and BKD, locked', () => {
  it('admin OPD checks and publishes; the window ends 5 working days later on the unit calendar', async () => {
    json(await step('adminOpd', 'check', { version: 2 }));
    const published = json(await step('adminOpd', 'publish', { note: 'Silakan periksa.' }));
    // Published on Wednesday 10/03/2027 (Idul Fitri 10–11/03 are holidays on the national 2027 calendar): the
    // working days after it are 12, 15, 16, 17 and 18 March.
    expect(published).toMatchObject({ status: 'DIUMUMKAN', objectionUntil: '2027-03-18' });
    expect(published.blockers).toEqual(['Masa keberatan berakhir 18/03/2027; persetujuan mulai 19/03/2027']);
    const notices = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['n.kind', 'u.employeeId'])
      .where('n.entityId', '=', runId)
      .execute();
    const to = (kind: string) => notices.filter((n) => n.kind === kind).map((n) => n.employeeId);
    expect(to('tpp_slip.published')).toEqual(
      expect.arrayContaining([w.e.pegawai.id, w.e.rekan.id, w.e.kadis.id]),
    );
    expect(to('tpp_approval.waiting')).toEqual([w.e.kadis.id]);
  });

  it('the employee sees only their own published line, the superior their staff, the slip as PDF', async () => {
    const mine = json(await w.c.pegawai.get(`/api/tpp/mine?month=${M}`));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ employee: { id: w.e.pegawai.id }, run: { status: 'DIUMUMKAN' } });
    const lines = json(await w.c.pegawai.get(`/api/tpp/runs/${runId}/lines`));
    expect(lines.items.map((i: any) => i.employeeId)).toEqual([w.e.pegawai.id]);
    expect((await w.c.pegawai.get(lineUrl(w.e.rekan.id))).statusCode).toBe(404);
    expect((await w.c.pegawai.get(`/api/tpp/runs/${runId}`)).statusCode).toBe(404);
    // kasi, the direct superior of pegawai and rekan, sees their lines (not the bank account), not kabid's.
    const staffLine = json(await w.c.kasi.get(lineUrl(w.e.pegawai.id)));
    expect(staffLine.bank).toBeNull();
    expect((await w.c.kasi.get(lineUrl(w.e.kabid.id))).statusCode).toBe(404);
    const staff = json(await w.c.kasi.get(`/api/tpp/staff?month=${M}`));
    expect(staff.items.map((i: any) => i.name)).toEqual(
      expect.arrayContaining(['Putri Pegawai', 'Rudi Rekan', 'Hana Honorer', 'Pandu PPPK']),
    );
    expect(staff.items.map((i: any) => i.name)).not.toContain('Budi Kabid');
    const pdf = await w.c.pegawai.get(`${lineUrl(w.e.pegawai.id)}/slip.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    for (const s of [
      'Putri Pegawai',
      'Februari 2027',
      'TL1',
      '03/02/2027',
      'TK',
      '04/02/2027',
      'Rp 25.650',
      'Rp 153.900',
      'Rp 1.872.450',
      'Bank Jateng',
    ])
      expect(text).toContain(s);
    // The employee opens the notice of the publication (the notification service asks the TPP module).
    const n = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select('n.id')
      .where('u.employeeId', '=', w.e.pegawai.id)
      .where('n.kind', '=', 'tpp_slip.published')
      .executeTakeFirstOrThrow();
    expect((await w.c.pegawai.post(`/api/notifications/${n.id}/open`)).statusCode).toBe(200);
  });

  it('approval waits for the window and for pending objections; only the head of DINKES approves for the OPD', async () => {
    const early = await unchanged(w.t, () => step('kadis', 'approve-opd'), 409);
    expect(early.error.message).toBe(
      'Masa keberatan pegawai berakhir 18/03/2027; persetujuan dapat diberikan mulai 19/03/2027',
    );
    await unchanged(w.t, () => compute('adminOpd'), 409);
    await w.setNow('2027-03-19T02:00:00Z');
    const objection = await w.t.db
      .insertInto('tppObjections')
      .values({
        runId,
        employeeId: w.e.pegawai.id,
        line: JSON.stringify({ date: '2027-02-04', code: 'TK' }),
        reason: 'Saya sakit dengan surat dokter',
        filedBy: w.c.pegawai.me.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const pending = await unchanged(w.t, () => step('kadis', 'approve-opd'), 409);
    expect(pending.error.message).toMatch(/1 keberatan pegawai yang belum diputus/);
    await w.t.db
      .updateTable('tppObjections')
      .set({ status: 'DITOLAK' })
      .where('id', '=', objection.id)
      .execute();
    await unchanged(w.t, () => step('adminOpd', 'approve-opd'), 403);
    await unchanged(w.t, () => step('kabid', 'approve-opd'), 404);
    await unchanged(w.t, () => step('kaban', 'approve-opd'), 404);
    await unchanged(w.t, () => step('bkd', 'approve'), 409);
    const approved = json(await step('kadis', 'approve-opd'));
    expect(approved).toMatchObject({ status: 'DISETUJUI_OPD', actions: [] });
    const bkdNotice = await w.t.db
      .selectFrom('notifications')
      .select('userId')
      .where('entityId', '=', runId)
      .where('kind', '=', 'tpp_approval.opd_approved')
      .execute();
    expect(bkdNotice.map((n) => n.userId)).toContain(w.c.bkd.me.user.id);
  });

  it('BKD approves and locks; a locked month is never computed again; every step is on the timeline and audited', async () => {
    await unchanged(w.t, () => step('adminOpd', 'approve'), 403);
    await unchanged(w.t, () => step('bkd', 'lock'), 409);
    json(await step('bkd', 'approve'));
    const locked = json(await step('bkd', 'lock'));
    expect(locked).toMatchObject({ status: 'DIKUNCI', actions: [] });
    expect(locked.lockedAt).not.toBeNull();
    const again = await unchanged(w.t, () => compute('adminOpd'), 409);
    expect(again.error.message).toMatch(/sudah berstatus dikunci.*koreksi pada TPP bulan berikutnya/);
    expect(locked.events.map((e: any) => e.action)).toEqual([
      'computed',
      'recomputed',
      'check',
      'publish',
      'approveOpd',
      'approve',
      'lock',
    ]);
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', runId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'tpp_run.computed',
      'tpp_run.recomputed',
      'tpp_run.checked',
      'tpp_run.published',
      'tpp_run.approved_opd',
      'tpp_run.approved',
      'tpp_run.locked',
    ]);
    expect(json(await w.c.bkd.get(`/api/tpp/runs/${runId}/verification`)).reproducible).toBe(true);
  });

  it('a tampered stored line is found by the verification', async () => {
    await w.t.db
      .updateTable('tppRunLines')
      .set({ net: 1 })
      .where('runId', '=', runId)
      .where('employeeId', '=', w.e.rekan.id)
      .execute();
    const v = json(await w.c.bkd.get(`/api/tpp/runs/${runId}/verification`));
    expect(v).toMatchObject({
      reproducible: false,
      mismatches: [{ employeeId: w.e.rekan.id, parts: ['net'] }],
    });
  });
});

describe('another OPD: corrections of earlier months, a Plh of the head approves; overlapping runs', () => {
  it('BAPENDA: corrections paid, computed by BKD, approved by the Plh of its head, locked', async () => {
    // Two corrections of January (from the DINKES run, locked): a kekurangan for `other`, a kelebihan for kaban
    // larger than his month's net (recovered in part; the rest stays open after locking).
    const dinkesRun = runId;
    const correction = (employeeId: string, amount: number) =>
      w.t.db
        .insertInto('tppCorrections')
        .values({
          employeeId,
          originRunId: dinkesRun,
          originMonth: '2027-01',
          amount,
          reason: amount > 0 ? 'Kekurangan bayar Januari' : 'Kelebihan bayar Januari',
          createdBy: w.admin.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const plus = await correction(w.e.other.id, 100_000);
    const minus = await correction(w.e.kaban.id, -50_000_000);
    const run = json(await compute('bkd', 'bapenda'), 201);
    runId = run.id;
    const other = json(await w.c.bkd.get(lineUrl(w.e.other.id)));
    expect(other.amounts.correction).toBe(100_000);
    const kaban = json(await w.c.bkd.get(lineUrl(w.e.kaban.id)));
    expect(kaban.amounts.net).toBe(0);
    expect(kaban.amounts.correction).toBeGreaterThan(-50_000_000);
    json(await step('adminOther', 'check'));
    json(await step('adminOther', 'publish'));
    await w.setNow('2027-04-05T02:00:00Z');
    await w.acting('other', 'kaban', 'PLH', '2027-04-05', '2027-04-09');
    const approved = json(await step('other', 'approve-opd'));
    expect(approved.status).toBe('DISETUJUI_OPD');
    const ev = await w.t.db
      .selectFrom('tppRunEvents')
      .select('data')
      .where('runId', '=', runId)
      .where('action', '=', 'approveOpd')
      .executeTakeFirstOrThrow();
    expect(ev.data).toMatchObject({
      actingAs: { kind: 'PLH', positionName: 'Kepala Badan Pendapatan Daerah' },
    });
    json(await step('bkd', 'approve'));
    json(await step('bkd', 'lock'));
    const corrections = await w.t.db
      .selectFrom('tppCorrections')
      .select(['id', 'employeeId', 'amount', 'appliedRunId'])
      .where('originRunId', '=', dinkesRun)
      .orderBy('createdAt')
      .execute();
    expect(corrections).toEqual(
      expect.arrayContaining([
        { id: plus.id, employeeId: w.e.other.id, amount: 100_000, appliedRunId: runId },
        { id: minus.id, employeeId: w.e.kaban.id, amount: -50_000_000, appliedRunId: runId },
        // The rest of the kelebihan, recovered from a later month.
        expect.objectContaining({
          employeeId: w.e.kaban.id,
          amount: -50_000_000 - kaban.amounts.correction,
          appliedRunId: null,
        }),
      ]),
    );
  });

  it('a run of the whole province covers the OPDs: an OPD run of that month is refused, nothing written', async () => {
    await w.t.db.insertInto('monthClosings').values({ unitId: w.u.root.id, month: '2027-01' }).execute();
    const province = json(await compute('bkd', 'root', '2027-01'), 201);
    expect(province.totals.employees).toBe(0);
    const r = await unchanged(w.t, () => compute('bkd', 'dinkes', '2027-01'), 409);
    expect(r.error.message).toBe(
      'Sudah ada TPP bulan Januari 2027 untuk Pemerintah Provinsi Uji, yang mencakup Dinas Kesehatan; ' +
        'satu pegawai hanya dihitung dalam satu TPP per bulan',
    );
  });
});

describe('a rulebook whose TPP section has issues', () => {
  it('weights that do not add up to 100: 400 naming them, nothing written', async () => {
    await w.t.db.insertInto('monthClosings').values({ unitId: w.u.dinkes.id, month: '2026-12' }).execute();
    const s = w.t.services;
    const ctx = createTppContext({
      db: w.t.db,
      clock: w.t.clock,
      config: w.t.config,
      audit: s.audit,
      relations: s.relations,
      rulebooks: s.rulebooks,
      files: s.files,
      documents: s.documents,
      notifications: s.notifications,
      jobs: s.jobs,
      recap: () => s.recap,
      statuses: () => s.statuses,
      kinerja: () => s.kinerja,
      discipline: () => s.discipline,
    });
    const broken = structuredClone(await ctx.rulebookOn('2026-12-31'));
    broken.tpp.components.weights = { kinerja: 60, disiplin: 30 };
    const runs = createRunsSection({ ...ctx, rulebookOn: async () => broken }, s.tpp.inputs);
    const asResponse = async () => {
      try {
        await runs.compute(w.admin.actor, { unitId: w.u.dinkes.id, month: '2026-12' });
        return { statusCode: 201, body: '{}' };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return {
          statusCode: err.status,
          body: JSON.stringify({ error: { code: err.code, message: err.message } }),
        };
      }
    };
    const r = await unchanged(w.t, asResponse, 400);
    expect(r.error.message).toMatch(/Bobot kinerja \(60%\) dan disiplin \(30%\) harus berjumlah 100%/);
  });
});
