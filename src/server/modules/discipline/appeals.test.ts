/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmployeeRef } from '../../../../test/factories/index.ts';
import { login, type Client } from '../../../../test/helpers/test-app.ts';
import { buildDisciplineWorld, json, unchanged, type DisciplineWorld } from './discipline-test-world.ts';
import { addPerson, caseAtDecision, decide, deliverInPerson } from './sanctions-test-kit.ts';

/*
 * Upaya administratif (issue 16 point 5; PP 79/2021, regulations.md §1.9): keberatan against sanctions other than
 * dismissal and banding against dismissal, filed by the employee within the window; no effect while pending; the
 * outcome recorded by BKD: confirmed, changed, annulled (the case ends and the effects stop: TPP list and flags).
 * Decisions dated Mon 1 Mar 2027, received Tue 2 Mar 2027: the 14 HK window ends Thu 25 Mar 2027 (Nyepi 8 Mar,
 * Idul Fitri 10–11 Mar), the sanctions take effect Mon 29 Mar 2027.
 */

describe('upaya administratif', () => {
  let w: DisciplineWorld;
  let xena: EmployeeRef;
  let late: EmployeeRef;
  let undelivered: string;
  let nina: Client;
  const ids: Record<string, string> = {};
  const fileBody = (kind: string) => ({
    kind,
    reason: 'Saya keberatan karena ketidakhadiran disebabkan sakit.',
  });
  const appeal = (who: keyof DisciplineWorld['c'], caseId: string, kind: string) =>
    w.c[who].post(`/api/discipline/cases/${caseId}/appeals`, fileBody(kind));
  const outcome = (body: Record<string, unknown>) => ({
    decidedOn: '2027-03-04',
    decisionNumber: 'Kep. 800/15/BKD/2027',
    note: 'Diputus setelah memeriksa bukti.',
    ...body,
  });
  const march = async () =>
    json(await w.c.adminOpd.get('/api/discipline/sanctions/active?month=2027-03')).items.map(
      (i: any) => i.employeeId,
    );

  beforeAll(async () => {
    w = await buildDisciplineWorld();
    xena = (
      await addPerson(w, { unit: w.u.seksi, kind: 'PELAKSANA', name: 'Xena Pelaksana', superior: w.e.kasi })
    ).e;
    late = (
      await addPerson(w, { unit: w.u.seksi, kind: 'PELAKSANA', name: 'Lia Terlambat', superior: w.e.kasi })
    ).e;
    ids.k = await caseAtDecision(w, w.e.pegawai); // R2 → keberatan, confirmed
    await decide(w.c.kasi, ids.k, 'R2');
    ids.x = await caseAtDecision(w, w.e.rekan, { expectedLevel: 'sedang' }); // S1 → keberatan, annulled
    await decide(w.c.kabid, ids.x, 'S1');
    ids.d = await caseAtDecision(w, w.e.pppk); // R3 → keberatan, changed
    await decide(w.c.kasi, ids.d, 'R3');
    ids.b = await caseAtDecision(w, xena, { expectedLevel: 'berat', proposed: 'B3' }); // dismissal → banding
    await decide(w.c.bkd, ids.b, 'B3');
    ids.late = await caseAtDecision(w, late);
    await decide(w.c.kasi, ids.late, 'R1');
    const n = await addPerson(w, {
      unit: w.u.seksi,
      kind: 'PELAKSANA',
      name: 'Nina Belum',
      superior: w.e.kasi,
    });
    undelivered = await caseAtDecision(w, n.e);
    await decide(w.c.kasi, undelivered, 'R1');
    await w.setNow('2027-03-04T02:00:00Z');
    nina = await login(w.t.app, n.e.login);
    for (const [id, by] of [
      [ids.k, 'kasi'],
      [ids.x, 'kabid'],
      [ids.d, 'kasi'],
      [ids.b, 'bkd'],
      [ids.late, 'kasi'],
    ] as const)
      await deliverInPerson(w.c[by], id!, '2027-03-02');
  }, 180_000);
  afterAll(() => w?.t.close());
  /** The case view's answer on one step of the sanctions section: [allowed, reason]. */
  const step = async (cl: Client, caseId: string, action: string) => {
    const a = json(await cl.get(`/api/discipline/cases/${caseId}`)).actions.find(
      (x: any) => x.action === action,
    );
    return [a.allowed, a.reason];
  };

  it('the case view lists delivery, appeal and its outcome as their routes judge them', async () => {
    expect(await step(w.c.kasi, undelivered, 'deliver')).toEqual([true, null]);
    expect((await step(nina, undelivered, 'deliver'))[1]).toContain('pejabat yang menetapkan');
    expect((await step(nina, undelivered, 'appeal'))[1]).toContain('Tidak tersedia pada tahap');
    expect(await step(w.c.pegawai, ids.k!, 'appeal')).toEqual([true, null]);
    expect((await step(w.c.kasi, ids.k!, 'appeal'))[1]).toContain('pegawai yang dijatuhi hukuman');
    expect((await step(w.c.bkd, ids.k!, 'decideAppeal'))[1]).toContain('Tidak tersedia pada tahap');
  });

  it('is refused before delivery, to anyone but the employee, and of the wrong kind', async () => {
    const notYet = await unchanged(
      w.t,
      () => nina.post(`/api/discipline/cases/${undelivered}/appeals`, fileBody('KEBERATAN')),
      409,
    );
    expect(notYet.error.message).toContain('Penyampaian keputusan');
    const notMine = await unchanged(w.t, () => appeal('kasi', ids.k!, 'KEBERATAN'), 403);
    expect(notMine.error.message).toContain('pegawai yang dijatuhi hukuman');
    const banding = await unchanged(w.t, () => appeal('pegawai', ids.k!, 'BANDING'), 400);
    expect(banding.error.details[0].path).toBe('kind');
    expect(banding.error.message).toContain('hanya terhadap hukuman pemberhentian');
  });

  it('a keberatan within the window suspends the sanction: no TPP entry, no flags, under appeal', async () => {
    expect(await march()).toContain(w.e.rekan.id);
    const before = json(await w.c.rekan.get(`/api/discipline/employees/${w.e.rekan.id}/record`));
    expect(before.flags).toMatchObject({ blocksKgb: true, underAppeal: false });
    const r = json(await appeal('rekan', ids.x!, 'KEBERATAN'), 201);
    expect(r).toMatchObject({ state: 'UPAYA_ADMINISTRATIF' });
    expect(r.sanction).toMatchObject({ status: 'DITUNDA_UPAYA', startsOn: null, endsOn: null });
    const a = r.sanction.appeals[0];
    expect(a).toMatchObject({
      kind: 'KEBERATAN',
      filedOn: '2027-03-04',
      filingDeadline: '2027-03-25',
      status: 'DIAJUKAN',
    });
    // 21 HK after Thu 4 Mar 2027.
    expect(a.responseDue).toMatchObject({ date: '2027-04-08', overdue: false });
    ids.xAppeal = a.id;
    const c = await w.t.db
      .selectFrom('disciplineCases')
      .selectAll()
      .where('id', '=', ids.x!)
      .executeTakeFirstOrThrow();
    expect(c.nextHolder).toEqual({ employeeIds: [], roles: ['discipline.manage'] });
    expect(c.nextDue).toBe('2027-04-08');
    const told = await w.t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select('users.employeeId')
      .where('notifications.entityId', '=', ids.x!)
      .where('notifications.kind', '=', 'discipline_appeal_filed')
      .execute();
    // BKD over the case's unit (and the super admin, who has no employee record).
    expect(
      told
        .map((t) => t.employeeId)
        .filter(Boolean)
        .sort(),
    ).toEqual([w.e.bkd.id, w.e.kaBkd.id].sort());
    expect(await march()).not.toContain(w.e.rekan.id);
    const during = json(await w.c.rekan.get(`/api/discipline/employees/${w.e.rekan.id}/record`));
    expect(during.flags).toMatchObject({ blocksKgb: false, underAppeal: true, transferBlocked: true });
    // One pending at a time.
    const again = await unchanged(w.t, () => appeal('rekan', ids.x!, 'KEBERATAN'), 409);
    expect(again.error.message).toContain('belum diputus');
  });

  it('only BKD records the outcome, not before the filing nor in the future', async () => {
    const url = `/api/discipline/appeals/${ids.xAppeal}/decision`;
    await unchanged(w.t, () => w.c.adminOpd.post(url, outcome({ outcome: 'DIBATALKAN' })), 403);
    await unchanged(w.t, () => w.c.kabid.post(url, outcome({ outcome: 'DIBATALKAN' })), 403);
    await unchanged(w.t, () => w.c.adminOther.post(url, outcome({ outcome: 'DIBATALKAN' })), 404);
    await unchanged(w.t, () => w.c.rekan.post(url, outcome({ outcome: 'DIBATALKAN' })), 403);
    const early = await unchanged(
      w.t,
      () => w.c.bkd.post(url, outcome({ outcome: 'DIBATALKAN', decidedOn: '2027-03-03' })),
      400,
    );
    expect(early.error.message).toContain('04/03/2027');
    await unchanged(
      w.t,
      () => w.c.bkd.post(url, outcome({ outcome: 'DIBATALKAN', decidedOn: '2027-03-05' })),
      400,
    );
    const missing = await unchanged(w.t, () => w.c.bkd.post(url, outcome({ outcome: 'DIUBAH' })), 400);
    expect(missing.error.details[0].path).toBe('newSanctionCode');
    await unchanged(
      w.t,
      () =>
        w.c.bkd.post(
          '/api/discipline/appeals/00000000-0000-4000-8000-000000000000/decision',
          outcome({ outcome: 'DIKUATKAN' }),
        ),
      404,
    );
  });

  it('annulled: the case ends, the sanction stops (TPP list, flags), audited with before/after', async () => {
    const r = json(
      await w.c.bkd.post(
        `/api/discipline/appeals/${ids.xAppeal}/decision`,
        outcome({ outcome: 'DIBATALKAN' }),
      ),
    );
    expect(r.state).toBe('DIHENTIKAN');
    expect(r.sanction).toMatchObject({
      status: 'DIBATALKAN',
      annulledOn: '2027-03-04',
      blocksKgb: false,
      blocksPromotion: false,
      appealWindow: null,
    });
    expect(r.sanction.appeals[0]).toMatchObject({
      status: 'DIPUTUS',
      outcome: 'DIBATALKAN',
      outcomeLabel: 'Hukuman dibatalkan',
    });
    expect(await march()).not.toContain(w.e.rekan.id);
    const april = json(await w.c.adminOpd.get('/api/discipline/sanctions/active?month=2027-04')).items;
    expect(april.map((i: any) => i.employeeId)).not.toContain(w.e.rekan.id);
    const rec = json(await w.c.kasi.get(`/api/discipline/employees/${w.e.rekan.id}/record`));
    expect(rec.flags).toMatchObject({
      blocksKgb: false,
      blocksPromotion: false,
      underAppeal: false,
      transferBlocked: false,
    });
    expect(rec.sanctions[0].status).toBe('DIBATALKAN');
    const audit = await w.t.db
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('entityId', '=', ids.x!)
      .where('action', '=', 'discipline.appeal_decided')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({
      sanctionCode: 'S1',
      blocksKgb: true,
      caseState: 'UPAYA_ADMINISTRATIF',
    });
    expect(audit.after).toMatchObject({
      status: 'DIBATALKAN',
      blocksKgb: false,
      caseState: 'DIHENTIKAN',
      outcome: 'DIBATALKAN',
    });
    await unchanged(
      w.t,
      () =>
        w.c.bkd.post(`/api/discipline/appeals/${ids.xAppeal}/decision`, outcome({ outcome: 'DIKUATKAN' })),
      409,
    );
  });

  it('confirmed: takes effect on the later of the decision and the original effective date; no second appeal', async () => {
    const a = json(await appeal('pegawai', ids.k!, 'KEBERATAN'), 201);
    expect(a.sanction.startsOn).toBeNull();
    expect((await step(w.c.pegawai, ids.k!, 'appeal'))[0]).toBe(false);
    expect(await step(w.c.bkd, ids.k!, 'decideAppeal')).toEqual([true, null]);
    expect((await step(w.c.kasi, ids.k!, 'decideAppeal'))[1]).toContain('dicatat oleh BKD');
    const r = json(
      await w.c.bkd.post(
        `/api/discipline/appeals/${a.sanction.appeals[0].id}/decision`,
        outcome({ outcome: 'DIKUATKAN' }),
      ),
    );
    expect(r.state).toBe('MENUNGGU_BERLAKU');
    expect(r.sanction).toMatchObject({
      effectiveOn: '2027-03-29',
      startsOn: '2027-03-29',
      status: 'DISAMPAIKAN',
    });
    expect(await march()).toContain(w.e.pegawai.id);
    const again = await unchanged(w.t, () => appeal('pegawai', ids.k!, 'KEBERATAN'), 409);
    expect(again.error.message).toContain('sudah diputus');
  });

  it('changed: the new sanction (in the employee track) takes effect on the decision date', async () => {
    const a = json(await appeal('pppk', ids.d!, 'KEBERATAN'), 201);
    const url = `/api/discipline/appeals/${a.sanction.appeals[0].id}/decision`;
    const track = await unchanged(
      w.t,
      () => w.c.bkd.post(url, outcome({ outcome: 'DIUBAH', newSanctionCode: 'S1' })),
      400,
    );
    expect(track.error.details[0].path).toBe('newSanctionCode');
    await unchanged(w.t, () => w.c.bkd.post(url, outcome({ outcome: 'DIUBAH', newSanctionCode: 'X9' })), 400);
    const r = json(await w.c.bkd.post(url, outcome({ outcome: 'DIUBAH', newSanctionCode: 'R1' })));
    expect(r.state).toBe('BERLAKU');
    expect(r.sanction).toMatchObject({
      sanctionCode: 'R1',
      appliedCode: 'R1',
      effectiveOn: '2027-03-04',
      startsOn: '2027-03-04',
      status: 'BERLAKU',
    });
    expect(r.sanction.effective.explanation).toContain('Kep. 800/15/BKD/2027');
  });

  it('dismissal: banding administratif, not keberatan', async () => {
    const cx = await login(w.t.app, xena.login);
    const wrong = await unchanged(
      w.t,
      () => cx.post(`/api/discipline/cases/${ids.b}/appeals`, fileBody('KEBERATAN')),
      400,
    );
    expect(wrong.error.message).toContain('banding administratif ke BPASN');
    const r = json(await cx.post(`/api/discipline/cases/${ids.b}/appeals`, fileBody('BANDING')), 201);
    expect(r.sanction.appeals[0]).toMatchObject({ kind: 'BANDING', responseDue: { date: '2027-04-08' } });
    expect(r.sanction.appeals[0].responseDue.explanation).toContain('PPK menanggapi');
  });

  it('after the window: 400 with the deadline in dd/MM/yyyy, nothing changes', async () => {
    await w.setNow('2027-03-26T02:00:00Z');
    const cl = await login(w.t.app, late.login);
    const e = await unchanged(
      w.t,
      () => cl.post(`/api/discipline/cases/${ids.late}/appeals`, fileBody('KEBERATAN')),
      400,
    );
    expect(e.error.message).toContain('telah lewat: paling lambat 25/03/2027');
    expect(e.error.message).toContain('diterima 02/03/2027');
    expect(await step(cl, ids.late!, 'appeal')).toEqual([
      false,
      'Batas waktu pengajuan upaya administratif sudah lewat (25/03/2027)',
    ]);
  });
});
