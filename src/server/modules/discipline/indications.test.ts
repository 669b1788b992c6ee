import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay, monthRange } from '../../../core/common/local-date.ts';
import type { DayStatusRow } from '../statuses/status-repo.ts';
import {
  buildDisciplineWorld,
  json,
  unchanged,
  type DisciplineWho,
  type DisciplineWorld,
} from './discipline-test-world.ts';

/*
 * Discipline indications (issue 16 point 1; regulations.md §1.3, §1.4, §1.11): a recap that stores TK days, the
 * month closed through the recap's route, the indications stored in the closing's transaction with their evidence
 * (TK days, minute days, valid reasons in the span), an idempotent rescan, a higher step superseding a lower one,
 * and the superior (or Plt/Plh) opening a case or dismissing with a reason; the employee and another OPD's admin
 * refused without a trace.
 */

/** Every day of a month stored: weekends LIBUR (non-working), working days H, with `over` per date. */
async function seedMonth(
  w: DisciplineWorld,
  who: DisciplineWho,
  month: string,
  over: Record<string, Partial<DayStatusRow>> = {},
  upTo?: string,
) {
  const { from, to } = monthRange(month);
  const days = eachDay(from, upTo ?? to).map((d) => {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    const weekend = dow === 0 || dow === 6;
    return { localDate: d, code: weekend ? 'LIBUR' : 'H', nonWorkingDay: weekend, ...over[d] };
  });
  await w.f.dayStatuses(w.e[who], days);
}

const TK = { code: 'TK' } as const;

describe('discipline indications', () => {
  let w: DisciplineWorld;
  const ids = { pegR1: '', rekR3: '' };

  /** The stored indications of an employee, by source and step. */
  const rowsOf = (who: DisciplineWho) =>
    w.t.db
      .selectFrom('disciplineIndications')
      .selectAll()
      .where('employeeId', '=', w.e[who].id)
      .orderBy('source')
      .orderBy('step')
      .execute();

  beforeAll(async () => {
    // Friday 5 March 2027: February may be closed (closeFromDay 5).
    w = await buildDisciplineWorld({ now: '2027-03-05T02:00:00Z' });
    // February 2027 (1 Feb is a Monday). pegawai: TK 1, 3, 4 Feb with annual leave on 2 Feb between them and
    // 30 minutes late on 8 Feb → 3 days → R1. rekan: TK 8–19 Feb (10 working days across a weekend) → the
    // consecutive rule (salary stop from March) and 10 cumulative days (R3).
    await seedMonth(w, 'pegawai', '2027-02', {
      '2027-02-01': TK,
      '2027-02-02': { code: 'CT' },
      '2027-02-03': TK,
      '2027-02-04': TK,
      '2027-02-08': { lateMinutes: 30, lateBand: 'TL1' },
    });
    const run = Object.fromEntries(
      eachDay('2027-02-08', '2027-02-19')
        .filter((d) => !['2027-02-13', '2027-02-14'].includes(d))
        .map((d) => [d, TK]),
    );
    await seedMonth(w, 'rekan', '2027-02', run);
    for (const who of ['kasi', 'honorer', 'pppk'] as const) await seedMonth(w, who, '2027-02');
  }, 120_000);

  afterAll(() => w?.t.close());

  it('closing the month stores the indications with their evidence, valid reasons and the superior notified', async () => {
    const closed = json(
      await w.c.adminOpd.post('/api/recap/closing/close', { unitId: w.u.seksi.id, month: '2027-02' }),
    );
    expect(closed.unitId).toBe(w.u.seksi.id);

    const peg = await rowsOf('pegawai');
    expect(peg.map((r) => [r.source, r.step, r.sanctionCode, r.status])).toEqual([
      ['cumulative', 1, 'R1', 'BARU'],
    ]);
    ids.pegR1 = peg[0]!.id;
    const d = json(await w.c.kasi.get(`/api/discipline/indications/${ids.pegR1}`));
    expect(d).toMatchObject({
      employeeName: 'Putri Pegawai',
      year: 2027,
      source: 'cumulative',
      level: 'ringan',
      sanctionCode: 'R1',
      headline: '3 hari TK → usulan R1 teguran lisan',
      totalDays: 3,
      reachedOn: '2027-02-04',
      salaryStop: false,
      status: 'BARU',
      actions: { open: true, dismiss: true, reportSalaryStop: false },
    });
    expect(d.evidence.tkDays).toEqual(['2027-02-01', '2027-02-03', '2027-02-04']);
    expect(d.evidence.minuteDays).toEqual([{ date: '2027-02-08', lateMinutes: 30, earlyMinutes: 0 }]);
    expect(d.evidence.excused).toEqual([{ date: '2027-02-02', code: 'CT', label: expect.any(String) }]);
    expect(d.evidence.excused[0].label.toLowerCase()).toContain('cuti');
    expect(d.evidence.span).toEqual({ from: '2027-02-01', to: '2027-02-08' });
    expect(d.sanction).toMatchObject({
      code: 'R1',
      level: 'ringan',
      legalBasis: { regulation: 'PP 94/2021' },
    });
    expect(d.reasons.join(' ')).toContain('bukan keputusan');

    const rek = await rowsOf('rekan');
    expect(rek.map((r) => [r.source, r.sanctionCode, r.salaryStop, r.salaryStopFromMonth])).toEqual([
      ['consecutive', 'B3', true, '2027-03'],
      ['cumulative', 'R3', false, null],
    ]);
    const con = json(await w.c.kasi.get(`/api/discipline/indications/${rek[0]!.id}`));
    expect(con.headline).toBe(
      '10 hari TK berturut-turut → penghentian gaji, usulan B3 pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS',
    );
    expect(con.evidence.run).toEqual({ from: '2027-02-08', to: '2027-02-19', days: 10 });
    expect(con.evidence.tkDays).toHaveLength(10);
    expect(con.actions.reportSalaryStop).toBe(true);
    ids.rekR3 = rek[1]!.id;

    // Nobody else reached a threshold; the direct superior heard of each new indication once.
    expect(await rowsOf('rekan')).toHaveLength(2);
    expect(await rowsOf('kasi')).toHaveLength(0);
    const notes = await w.t.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.userId')
      .select(['n.entityId', 'u.employeeId'])
      .where('n.entityType', '=', 'discipline_indication')
      .execute();
    expect(notes).toHaveLength(3);
    expect(new Set(notes.map((n) => n.employeeId))).toEqual(new Set([w.e.kasi.id]));
    const audited = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'discipline.indication_found')
      .execute();
    expect(audited).toHaveLength(3);
  });

  it('lists the staff of the superior and the scope of readers; another OPD sees nothing', async () => {
    const mine = json(await w.c.kasi.get('/api/discipline/indications'));
    expect(mine.total).toBe(3);
    const filtered = json(await w.c.adminOpd.get('/api/discipline/indications?source=cumulative&q=putri'));
    expect(filtered.items.map((i: { id: string }) => i.id)).toEqual([ids.pegR1]);
    expect(
      json(await w.c.bkd.get(`/api/discipline/indications?unitId=${w.u.dinkes.id}&year=2027`)).total,
    ).toBe(3);
    expect(json(await w.c.adminOther.get('/api/discipline/indications')).total).toBe(0);
    expect(json(await w.c.kabid.get('/api/discipline/indications')).total).toBe(0);
    expect((await w.c.pegawai.get('/api/discipline/indications')).statusCode).toBe(403);
    // The employee and another OPD cannot open one (404: nothing learnt of it).
    expect((await w.c.pegawai.get(`/api/discipline/indications/${ids.pegR1}`)).statusCode).toBe(404);
    expect((await w.c.adminOther.get(`/api/discipline/indications/${ids.pegR1}`)).statusCode).toBe(404);
  });

  it('a rescan stores nothing twice; refused for an outsider without a trace', async () => {
    const before = await w.t.db.selectFrom('disciplineIndications').select('id').execute();
    const r = json(
      await w.c.adminOpd.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-02' }),
    );
    expect(r).toMatchObject({ employeesIndicated: 2, created: 0, superseded: 0, unchanged: 3 });
    expect(await w.t.db.selectFrom('disciplineIndications').select('id').execute()).toHaveLength(
      before.length,
    );
    await unchanged(
      w.t,
      () =>
        w.c.adminOther.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-02' }),
      403,
    );
    await unchanged(
      w.t,
      () => w.c.pegawai.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-02' }),
      403,
    );
    // The superior may scan their own unit.
    expect(
      json(
        await w.c.kasi.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-02' }),
      ).created,
    ).toBe(0);
  });

  it('refuses the employee, another OPD and a reader who is not the superior, writing nothing', async () => {
    const body = { reason: 'Pegawai sudah menyerahkan surat keterangan sakit.' };
    await unchanged(
      w.t,
      () => w.c.pegawai.post(`/api/discipline/indications/${ids.pegR1}/dismiss`, body),
      404,
    );
    await unchanged(
      w.t,
      () => w.c.adminOther.post(`/api/discipline/indications/${ids.pegR1}/dismiss`, body),
      404,
    );
    await unchanged(w.t, () => w.c.adminOther.post(`/api/discipline/indications/${ids.pegR1}/open`, {}), 404);
    const reader = await unchanged(
      w.t,
      () => w.c.adminOpd.post(`/api/discipline/indications/${ids.pegR1}/open`, {}),
      403,
    );
    expect(reader.error.message).toContain('atasan langsung');
    const short = await unchanged(
      w.t,
      () => w.c.kasi.post(`/api/discipline/indications/${ids.pegR1}/dismiss`, { reason: 'sakit' }),
      400,
    );
    expect(short.error.details[0].path).toBe('reason');
  });

  it('the superior opens a case from an indication (source INDIKASI, PASAL_4_F); a second decision is 409', async () => {
    const d = json(
      await w.c.kasi.post(`/api/discipline/indications/${ids.rekR3}/open`, {
        summary: 'TK 10 hari pada Februari 2027 tanpa keterangan, perlu diperiksa.',
      }),
      201,
    );
    expect(d).toMatchObject({ status: 'DIPROSES', statusLabel: 'Diproses menjadi kasus' });
    expect(d.caseId).toEqual(expect.any(String));
    expect(d.caseNumber).toMatch(/^HD\/2027\//);
    expect(d.decision).toMatchObject({ as: null, dismissReason: null });
    const kase = await w.t.db
      .selectFrom('disciplineCases')
      .select(['source', 'sourceRef', 'expectedLevel', 'employeeId', 'state'])
      .where('id', '=', d.caseId)
      .executeTakeFirstOrThrow();
    expect(kase).toEqual({
      source: 'INDIKASI',
      sourceRef: ids.rekR3,
      expectedLevel: 'ringan',
      employeeId: w.e.rekan.id,
      state: 'TELAAH',
    });
    const v = await w.t.db
      .selectFrom('disciplineCaseViolations')
      .select(['indicationId', 'violationCode', 'occurredOn'])
      .where('caseId', '=', d.caseId)
      .execute();
    expect(v).toEqual([{ indicationId: ids.rekR3, violationCode: 'PASAL_4_F', occurredOn: '2027-02-16' }]);
    await unchanged(w.t, () => w.c.kasi.post(`/api/discipline/indications/${ids.rekR3}/open`, {}), 409);
    await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/discipline/indications/${ids.rekR3}/dismiss`, { reason: 'Sudah ada kasusnya.' }),
      409,
    );
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', ids.rekR3)
      .where('action', '=', 'discipline.indication_opened')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a higher step supersedes the lower BARU one (audited); its Plh dismisses it with a reason', async () => {
    // TK on 1 and 2 March: 5 days → R2.
    await seedMonth(w, 'pegawai', '2027-03', { '2027-03-01': TK, '2027-03-02': TK }, '2027-03-04');
    const r = json(
      await w.c.bkd.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-03' }),
    );
    expect(r).toMatchObject({ created: 1, superseded: 1 });
    const peg = await rowsOf('pegawai');
    expect(peg.map((x) => [x.step, x.sanctionCode, x.status, x.totalDays])).toEqual([
      [1, 'R1', 'DIGANTIKAN', 3],
      [2, 'R2', 'BARU', 5],
    ]);
    const sup = await w.t.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', ids.pegR1)
      .where('action', '=', 'discipline.indication_superseded')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(sup.after)).toContain('digantikan indikasi tingkat lebih tinggi');
    await unchanged(
      w.t,
      () =>
        w.c.kasi.post(`/api/discipline/indications/${ids.pegR1}/dismiss`, {
          reason: 'Sudah digantikan tingkat R2.',
        }),
      409,
    );

    // jf acts (Plh) in the kasi post: decides as Plh; the employee's colleague never.
    await w.acting('jf', 'kasi', 'PLH', '2027-03-01', '2027-03-31');
    const r2 = peg[1]!.id;
    await unchanged(
      w.t,
      () => w.c.rekan.post(`/api/discipline/indications/${r2}/dismiss`, { reason: 'Saya rekan kerjanya.' }),
      404,
    );
    const d = json(
      await w.c.jf.post(`/api/discipline/indications/${r2}/dismiss`, {
        reason: 'Izin sakit 1–2 Maret terlambat diinput; surat dokter ada.',
      }),
    );
    expect(d).toMatchObject({
      status: 'DIABAIKAN',
      decision: { as: 'PLH', dismissReason: 'Izin sakit 1–2 Maret terlambat diinput; surat dokter ada.' },
      actions: { open: false, dismiss: false },
    });
    // A rescan keeps the dismissed indication dismissed.
    expect(
      json(await w.c.bkd.post('/api/discipline/indications/scan', { unitId: w.u.seksi.id, month: '2027-03' }))
        .created,
    ).toBe(0);
    expect((await rowsOf('pegawai')).map((x) => x.status)).toEqual(['DIGANTIKAN', 'DIABAIKAN']);
  });
});
