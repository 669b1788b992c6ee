import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay, monthRange } from '../../../core/common/local-date.ts';
import type { DayStatusRow } from '../statuses/status-repo.ts';
import { fileUpload, pdf, png } from '../../../../test/helpers/evidence.ts';
import type { Client } from '../../../../test/helpers/test-app.ts';
import {
  buildDisciplineWorld,
  json,
  unchanged,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';

/*
 * Salary stops after ten consecutive TK working days (issue 16 point 6; PP 94/2021 Pasal 15 ayat (2);
 * regulations.md §1.8): reported by the superior from the indication, verified by BKD, stopped by the finance
 * official (KPA), re-activated on request with the two statements uploaded and the recap months; the annex's
 * settlements (salary stopped though fewer days were confirmed → paid back; paid although confirmed → refunded).
 * Every refusal leaves the database as it was.
 */

async function seedRun(w: DisciplineWorld, who: DisciplineWho) {
  const { from, to } = monthRange('2027-02');
  const days: (Partial<DayStatusRow> & { localDate: string })[] = eachDay(from, to).map((d) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    const tk = !weekend && d >= '2027-02-08' && d <= '2027-02-19';
    return { localDate: d, code: weekend ? 'LIBUR' : tk ? 'TK' : 'H', nonWorkingDay: weekend };
  });
  await w.f.dayStatuses(w.e[who], days);
}

describe('salary stops', () => {
  let w: DisciplineWorld;
  const ind: Record<string, string> = {};

  /** The consecutive indication of an employee. */
  const consecutiveOf = async (who: DisciplineWho) =>
    (
      await w.t.db
        .selectFrom('disciplineIndications')
        .select('id')
        .where('employeeId', '=', w.e[who].id)
        .where('source', '=', 'consecutive')
        .executeTakeFirstOrThrow()
    ).id;

  const upload = (cl: Client, name: string, content: Buffer, type: string) =>
    cl.request(fileUpload('/api/discipline/salary-stops/files', name, content, type));

  const stopped = (who: DisciplineWho, month: string) =>
    w.t.services.discipline.salaryStops.stoppedInMonth([w.e[who].id, w.e.kasi.id], month);

  beforeAll(async () => {
    w = await buildDisciplineWorld({ now: '2027-03-05T02:00:00Z' });
    // rekan (seksi, superior kasi), jf (bidang, superior kabid) and pppk (PPPK: no salary stop): TK 8–19 Feb 2027.
    for (const who of ['rekan', 'jf', 'pppk'] as const) await seedRun(w, who);
    json(await w.c.bkd.post('/api/discipline/indications/scan', { unitId: w.u.bidang.id, month: '2027-02' }));
    ind.rekan = await consecutiveOf('rekan');
    ind.jf = await consecutiveOf('jf');
    ind.pppk = await consecutiveOf('pppk');
  }, 120_000);

  afterAll(() => w?.t.close());

  it('refuses a report by others than the superior and for an indication without salary stop', async () => {
    const body = { indicationId: ind.rekan };
    await unchanged(w.t, () => w.c.rekan.post('/api/discipline/salary-stops', body), 404);
    await unchanged(w.t, () => w.c.adminOther.post('/api/discipline/salary-stops', body), 404);
    const bkd = await unchanged(w.t, () => w.c.bkd.post('/api/discipline/salary-stops', body), 403);
    expect(bkd.error.message).toContain('atasan langsung');
    const pppk = await unchanged(
      w.t,
      () => w.c.kasi.post('/api/discipline/salary-stops', { indicationId: ind.pppk }),
      400,
    );
    expect(pppk.error.details[0].path).toBe('indicationId');
  });

  it('runs a stop through every state: report, verify, stop, re-activation with statements, refund, reactivate', async () => {
    const s = json(await w.c.kasi.post('/api/discipline/salary-stops', { indicationId: ind.rekan }), 201);
    expect(s).toMatchObject({
      employeeName: 'Rudi Rekan',
      status: 'DILAPORKAN',
      fromMonth: '2027-03',
      streak: { from: '2027-02-08', to: '2027-02-19', days: 10 },
      requiredDays: 10,
      legalBasis: { regulation: 'PP 94/2021', article: 'Pasal 15 ayat (2)' },
      actions: { verify: false, stop: false, requestReactivation: false },
    });
    const id = s.id as string;
    await unchanged(
      w.t,
      () => w.c.kasi.post('/api/discipline/salary-stops', { indicationId: ind.rekan }),
      409,
    );
    // The employee reads the state of her own stop, but takes none of its steps.
    expect(json(await w.c.rekan.get(`/api/discipline/salary-stops/${id}`))).toMatchObject({
      status: 'DILAPORKAN',
      actions: { verify: false, stop: false, requestReactivation: false, reactivate: false, settle: false },
    });
    await unchanged(
      w.t,
      () =>
        w.c.rekan.post(`/api/discipline/salary-stops/${id}/verify`, { confirmedDays: 10, note: 'Sendiri.' }),
      404,
    );
    // BKD (discipline.manage) and the OPD's finance (discipline.salary) are told.
    const told = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select('u.employeeId')
      .where('n.entityId', '=', id)
      .execute();
    expect(new Set(told.map((t) => t.employeeId))).toEqual(
      new Set([w.e.kaBkd.id, w.e.bkd.id, w.e.adminOpd.id]),
    );

    const verifyBody = { confirmedDays: 10, note: 'Data presensi Februari sesuai.' };
    await unchanged(
      w.t,
      () => w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/verify`, verifyBody),
      403,
    );
    await unchanged(
      w.t,
      () => w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/1/KPA' }),
      409,
    );
    expect(json(await w.c.bkd.get(`/api/discipline/salary-stops/${id}`)).actions.verify).toBe(true);
    const v = json(await w.c.bkd.post(`/api/discipline/salary-stops/${id}/verify`, verifyBody));
    expect(v).toMatchObject({ status: 'DIVERIFIKASI', verification: { confirmedDays: 10 } });
    expect(await stopped('rekan', '2027-03')).toEqual(new Set());

    await unchanged(
      w.t,
      () => w.c.adminOther.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/1/KPA' }),
      404,
    );
    await unchanged(
      w.t,
      () => w.c.kasi.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/1/KPA' }),
      403,
    );
    const st = json(
      await w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/1/KPA' }),
    );
    expect(st).toMatchObject({ status: 'DIHENTIKAN', stop: { decisionNumber: '900/1/KPA' } });
    expect(await stopped('rekan', '2027-02')).toEqual(new Set());
    expect(await stopped('rekan', '2027-03')).toEqual(new Set([w.e.rekan.id]));

    // Statements: PDF or image only, 413 for 30 MB, 415 for a disguised file.
    const fake = await unchanged(
      w.t,
      () => upload(w.c.kasi, 'pernyataan.pdf', Buffer.from('MZ\x90\x00 bukan pdf'), 'application/pdf'),
      415,
    );
    expect(fake.error.message).toBeTruthy();
    const big = Buffer.alloc(30 * 1024 * 1024, 0x20);
    pdf('besar').copy(big);
    const tooBig = await unchanged(w.t, () => upload(w.c.kasi, 'besar.pdf', big, 'application/pdf'), 413);
    expect(tooBig.error.code).toBe('FILE_TOO_LARGE');
    const empStmt = json(
      await upload(w.c.kasi, 'pernyataan-pegawai.pdf', pdf('pegawai'), 'application/pdf'),
      201,
    );
    const supStmt = json(await upload(w.c.kasi, 'pernyataan-atasan.png', png('atasan'), 'image/png'), 201);
    const outsiderStmt = json(await upload(w.c.kabid, 'lain.pdf', pdf('kabid'), 'application/pdf'), 201);

    const req = {
      employeeStatementId: empStmt.attachmentId,
      superiorStatementId: supStmt.attachmentId,
      recapMonths: ['2027-03'],
      note: 'Pegawai sudah masuk kerja kembali sejak 1 Maret 2027.',
    };
    await unchanged(w.t, () => w.c.rekan.post(`/api/discipline/salary-stops/${id}/reactivation`, req), 404);
    await unchanged(w.t, () => w.c.bkd.post(`/api/discipline/salary-stops/${id}/reactivation`, req), 403);
    const noMonths = await unchanged(
      w.t,
      () => w.c.kasi.post(`/api/discipline/salary-stops/${id}/reactivation`, { ...req, recapMonths: [] }),
      400,
    );
    expect(noMonths.error.details[0].path).toBe('recapMonths');
    const early = await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/discipline/salary-stops/${id}/reactivation`, {
          ...req,
          recapMonths: ['2027-01'],
        }),
      400,
    );
    expect(early.error.details[0].path).toBe('recapMonths');
    const notMine = await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/discipline/salary-stops/${id}/reactivation`, {
          ...req,
          employeeStatementId: outsiderStmt.attachmentId,
        }),
      400,
    );
    expect(notMine.error.details[0].path).toBe('employeeStatementId');
    const ra = json(await w.c.kasi.post(`/api/discipline/salary-stops/${id}/reactivation`, req));
    expect(ra).toMatchObject({
      status: 'PENGAKTIFAN_DIAJUKAN',
      reactivation: {
        recapMonths: ['2027-03'],
        employeeStatement: { fileName: 'pernyataan-pegawai.pdf', mime: 'application/pdf' },
        superiorStatement: { fileName: 'pernyataan-atasan.png', mime: 'image/png' },
      },
      actions: { reactivate: false },
    });
    const fileUrl = `/api/discipline/salary-stops/${id}/files/${ra.reactivation.employeeStatement.id}`;
    const dl = await w.c.bkd.get(fileUrl);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await w.c.adminOther.get(fileUrl)).statusCode).toBe(404);
    expect(
      (await w.c.bkd.get(`/api/discipline/salary-stops/${id}/files/${ra.reactivation.superiorStatement.id}`))
        .headers['content-type'],
    ).toBe('image/png');

    // The annex refund: March was paid before the stop took effect although the days are confirmed.
    await unchanged(
      w.t,
      () =>
        w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
          kind: 'BAYAR_KEMBALI',
          months: ['2027-03'],
          note: 'Tidak berlaku: hari TK terkonfirmasi.',
        }),
      409,
    );
    await unchanged(
      w.t,
      () =>
        w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
          kind: 'SETOR_KEMBALI',
          months: ['2027-02'],
          note: 'Bulan sebelum penghentian.',
        }),
      400,
    );
    const refund = json(
      await w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
        kind: 'SETOR_KEMBALI',
        months: ['2027-03'],
        note: 'Gaji Maret terlanjur dibayar; disetor kembali ke kas daerah.',
      }),
    );
    expect(refund.settlements).toEqual([
      expect.objectContaining({ kind: 'SETOR_KEMBALI', months: ['2027-03'], byName: expect.any(String) }),
    ]);

    await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/discipline/salary-stops/${id}/reactivate`, {
          fromMonth: '2027-04',
          decisionNumber: '900/2/KPA',
        }),
      403,
    );
    const back = json(
      await w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/reactivate`, {
        fromMonth: '2027-04',
        decisionNumber: '900/2/KPA',
      }),
    );
    expect(back).toMatchObject({
      status: 'DIAKTIFKAN',
      reactivation: { fromMonth: '2027-04', decisionNumber: '900/2/KPA' },
    });
    expect(await stopped('rekan', '2027-03')).toEqual(new Set([w.e.rekan.id]));
    expect(await stopped('rekan', '2027-04')).toEqual(new Set());

    const actions = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'discipline.salary_stop_reported',
      'discipline.salary_stop_verified',
      'discipline.salary_stopped',
      'discipline.salary_reactivation_requested',
      'discipline.salary_settlement_recorded',
      'discipline.salary_reactivated',
    ]);
    // The list: readers of the scope and the superior; another OPD sees nothing.
    expect(json(await w.c.kasi.get('/api/discipline/salary-stops')).total).toBe(1);
    expect(json(await w.c.adminOther.get('/api/discipline/salary-stops')).total).toBe(0);
  });

  it('fewer days confirmed after the stop: cancelled, and the stopped salary is paid back', async () => {
    const s = json(await w.c.kabid.post('/api/discipline/salary-stops', { indicationId: ind.jf }), 201);
    const id = s.id as string;
    json(
      await w.c.bkd.post(`/api/discipline/salary-stops/${id}/verify`, {
        confirmedDays: 10,
        note: 'Sesuai data.',
      }),
    );
    json(await w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/stop`, { decisionNumber: '900/3/KPA' }));
    expect(await stopped('jf', '2027-03')).toEqual(new Set([w.e.jf.id]));
    // The examination later finds two of the days were an assignment: 8 days only.
    const c = json(
      await w.c.bkd.post(`/api/discipline/salary-stops/${id}/verify`, {
        confirmedDays: 8,
        note: 'Dua hari ternyata dinas luar dengan surat tugas.',
      }),
    );
    expect(c).toMatchObject({
      status: 'DIBATALKAN',
      settlementSuggested: 'BAYAR_KEMBALI',
      actions: { settle: true },
    });
    expect(await stopped('jf', '2027-03')).toEqual(new Set());
    await unchanged(
      w.t,
      () =>
        w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
          kind: 'SETOR_KEMBALI',
          months: ['2027-03'],
          note: 'Tidak berlaku: dibatalkan.',
        }),
      409,
    );
    const paid = json(
      await w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
        kind: 'BAYAR_KEMBALI',
        months: ['2027-03'],
        note: 'Gaji Maret yang dihentikan dibayarkan kembali.',
      }),
    );
    expect(paid).toMatchObject({
      settlementSuggested: null,
      settlements: [{ kind: 'BAYAR_KEMBALI', months: ['2027-03'] }],
    });
    await unchanged(
      w.t,
      () =>
        w.c.adminOpd.post(`/api/discipline/salary-stops/${id}/settlements`, {
          kind: 'BAYAR_KEMBALI',
          months: ['2027-03'],
          note: 'Dicatat dua kali.',
        }),
      400,
    );
    // A cancelled stop is no longer open: a verification is 409.
    await unchanged(
      w.t,
      () => w.c.bkd.post(`/api/discipline/salary-stops/${id}/verify`, { confirmedDays: 10, note: 'Ulang.' }),
      409,
    );
  });
});
