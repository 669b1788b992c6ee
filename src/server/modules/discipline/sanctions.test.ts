/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { EmployeeRef } from '../../../../test/factories/index.ts';
import {
  buildDisciplineWorld,
  driveRinganCase,
  json,
  unchanged,
  type DisciplineWorld,
} from './discipline-test-world.ts';
import { addPerson, caseAtDecision, decide, decisionBody, deliverInPerson } from './sanctions-test-kit.ts';
import { SIASN_COLUMNS } from './sanctions-siasn.ts';

/*
 * The decision, its delivery and effects (issue 16 points 2 (decision onwards), 3, 7, 8 and "Bad input"): who may
 * decide, one heaviest sanction never twice, tracks per employee type, delivery in person and by post with the
 * effective date on the unit calendar (the PerBKN 6/2022 annex arithmetic on 2027 dates with Nyepi, Idul Fitri and
 * Good Friday), concurrent sanctions, the record with its flags, the TPP list and the SIASN export.
 * The world's chain: pegawai/rekan (pelaksana) → kasi (pengawas) → kabid (administrator) → kadis; BKD = PPK.
 */

const post = (
  w: DisciplineWorld,
  who: keyof DisciplineWorld['c'],
  caseId: string,
  step: string,
  body: unknown,
) => w.c[who].post(`/api/discipline/cases/${caseId}/${step}`, body);

describe('sanctions: decision, delivery, effects', () => {
  let w: DisciplineWorld;
  let xena: EmployeeRef; // heavier replaces
  let yusuf: EmployeeRef; // lighter waits
  let pos: EmployeeRef; // delivered by post
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await buildDisciplineWorld();
    xena = (
      await addPerson(w, { unit: w.u.seksi, kind: 'PELAKSANA', name: 'Xena Pelaksana', superior: w.e.kasi })
    ).e;
    yusuf = (
      await addPerson(w, { unit: w.u.seksi, kind: 'PELAKSANA', name: 'Yusuf Pelaksana', superior: w.e.kasi })
    ).e;
    pos = (
      await addPerson(w, { unit: w.u.seksi, kind: 'PELAKSANA', name: 'Pos Pelaksana', superior: w.e.kasi })
    ).e;
  }, 120_000);
  afterAll(() => w?.t.close());

  describe('the decision', () => {
    it('the PyB (kasi) decides ringan: PENYAMPAIAN, delivery due in 14 HK, the decider holds the next step', async () => {
      const id = (ids.r2 = await caseAtDecision(w, w.e.pegawai));
      const r = await decide(w.c.kasi, id, 'R2', { skNumber: '800/R2/2027' });
      expect(r).toMatchObject({ state: 'PENYAMPAIAN' });
      expect(r.sanction).toMatchObject({
        sanctionCode: 'R2',
        appliedCode: 'R2',
        level: 'ringan',
        status: 'DITETAPKAN',
        decidedBy: { id: w.e.kasi.id },
        decidedAs: null,
        authority: { kind: 'chain', name: 'Kiki Kasi' },
      });
      // 14 working days after Mon 1 Mar 2027, skipping Nyepi (8 Mar) and Idul Fitri (10–11 Mar).
      expect(r.sanction.delivery.due).toMatchObject({
        date: '2027-03-24',
        bound: 'onOrBefore',
        overdue: false,
      });
      expect(r.sanction.delivery.due.legalBasis.article).toBe('Pasal 37 ayat (3)');
      const c = await w.t.db
        .selectFrom('disciplineCases')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(c.nextHolder).toEqual({ employeeIds: [w.e.kasi.id], roles: [] });
      expect(c.nextDue).toBe('2027-03-24');
      const note = await w.t.db
        .selectFrom('notifications')
        .innerJoin('users', 'users.id', 'notifications.userId')
        .select(['notifications.body', 'users.employeeId'])
        .where('notifications.entityId', '=', id)
        .where('notifications.kind', '=', 'discipline_sanction_decided')
        .execute();
      expect(note.map((n) => n.employeeId)).toEqual([w.e.pegawai.id]);
      expect(note[0]!.body).toContain('24/03/2027');
      const audit = await w.t.db
        .selectFrom('auditLog')
        .select(['action', 'after'])
        .where('entityId', '=', id)
        .where('action', '=', 'discipline.sanction_decided')
        .executeTakeFirstOrThrow();
      expect((audit.after as any).authority.explanation).toContain('Kiki Kasi');
      // One sanction per case.
      await unchanged(w.t, () => post(w, 'kasi', id, 'decision', decisionBody('R3')), 409);
    });

    it('refuses someone without authority (403 naming the PyB and why) and the examinee; nothing changes', async () => {
      const id = await caseAtDecision(w, w.e.rekan);
      const e = await unchanged(w.t, () => post(w, 'adminOpd', id, 'decision', decisionBody('R2')), 403);
      expect(e.error.message).toContain('yang berwenang: Kepala Seksi Surveilans (Kiki Kasi)');
      expect(e.error.message).toContain('1 tingkat di atas pegawai yang diperiksa');
      const self = await unchanged(w.t, () => post(w, 'rekan', id, 'decision', decisionBody('R2')), 403);
      expect(self.error.message).toContain('diri sendiri');
      await unchanged(w.t, () => post(w, 'other', id, 'decision', decisionBody('R2')), 404);
    });

    it('a sanction above the decider authority: 403 with the reason; the administrator decides sedang', async () => {
      const id = (ids.s1 = await caseAtDecision(w, yusuf, { expectedLevel: 'sedang' }));
      const e = await unchanged(w.t, () => post(w, 'kasi', id, 'decision', decisionBody('S1')), 403);
      expect(e.error.message).toMatch(
        /^Hukuman sedang bagi pelaksana ditetapkan oleh Kepala Bidang P2P \(Budi Kabid\), di atas kewenangan Anda\./,
      );
      const r = await decide(w.c.kabid, id, 'S1');
      // S1 (25 % tukin cut) is not active yet: applied as its interim substitute for 12 months.
      expect(r.sanction).toMatchObject({
        sanctionCode: 'S1',
        appliedCode: 'KGB_TUNDA_1TH',
        durationMonths: 12,
      });
    });

    it('berat: the PPK decides, recorded by BKD (acting as PPK); the administrator and admin OPD are refused', async () => {
      const id = (ids.b1 = await caseAtDecision(w, xena, { expectedLevel: 'berat' }));
      const kasi = await unchanged(w.t, () => post(w, 'kasi', id, 'decision', decisionBody('B1')), 403);
      expect(kasi.error.message).toContain('Pejabat Pembina Kepegawaian (PPK)');
      await unchanged(w.t, () => post(w, 'kabid', id, 'decision', decisionBody('B1')), 404); // not a party
      await unchanged(w.t, () => post(w, 'adminOpd', id, 'decision', decisionBody('B1')), 403);
      const r = await decide(w.c.bkd, id, 'B1');
      expect(r.sanction).toMatchObject({ decidedAs: 'PPK', authority: { kind: 'ppk' } });
      const c = await w.t.db
        .selectFrom('disciplineCases')
        .select('nextHolder')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(c.nextHolder).toEqual({ employeeIds: [w.e.bkd.id], roles: ['discipline.manage'] });
    });

    it('a decision before a BAP where one is required is refused (409); two missed summonses allow it', async () => {
      const early = await caseAtDecision(w, w.e.rekan, { path: 'none', state: 'PANGGILAN_I' });
      const e1 = await unchanged(w.t, () => post(w, 'kasi', early, 'decision', decisionBody('R1')), 409);
      expect(e1.error.message).toContain('BAP');
      const noBap = await caseAtDecision(w, w.e.rekan, { path: 'none' });
      const e2 = await unchanged(w.t, () => post(w, 'kasi', noBap, 'decision', decisionBody('R1')), 409);
      expect(e2.error.message).toContain('panggilan kedua');
      const absent = await caseAtDecision(w, w.e.rekan, { path: 'absence' });
      const before = await unchanged(
        w.t,
        () => post(w, 'kasi', absent, 'decision', decisionBody('R1', { skDate: '2027-02-19' })),
        400,
      );
      expect(before.error.details[0]).toMatchObject({ path: 'skDate' });
      expect(before.error.message).toContain('22/02/2027');
      expect((await decide(w.c.kasi, absent, 'R1')).state).toBe('PENYAMPAIAN');
    });

    it('refuses an SK dated in the future or before the examination', async () => {
      const id = await caseAtDecision(w, w.e.rekan, { examDate: '2027-02-24' });
      const future = await unchanged(
        w.t,
        () => post(w, 'kasi', id, 'decision', decisionBody('R1', { skDate: '2027-03-02' })),
        400,
      );
      expect(future.error.message).toContain('01/03/2027');
      const early = await unchanged(
        w.t,
        () => post(w, 'kasi', id, 'decision', decisionBody('R1', { skDate: '2027-02-23' })),
        400,
      );
      expect(early.error.message).toContain('tanggal pemeriksaan (24/02/2027)');
    });

    it('one sanction, the heaviest: not lighter than a violation with a fixed level', async () => {
      const id = await caseAtDecision(w, w.e.rekan, {
        violations: [
          {},
          { code: 'PASAL_5_N_2', article: 'PP 94/2021 Pasal 5 huruf n angka 2', level: 'sedang' },
        ],
      });
      const e = await unchanged(w.t, () => post(w, 'kasi', id, 'decision', decisionBody('R3')), 409);
      expect(e.error.message).toContain('yang terberat');
      expect(e.error.message).toContain('Pasal 5 huruf n angka 2');
    });

    it('never twice for attendance: the same or a lower ladder step of the year is refused, a higher one allowed', async () => {
      const first = await caseAtDecision(w, pos, {
        violations: [{ indication: { year: 2027, step: 2, level: 'ringan', sanctionCode: 'R2' } }],
      });
      await decide(w.c.kasi, first, 'R2');
      const again = await caseAtDecision(w, pos, {
        violations: [{ code: 'PASAL_4_F', occurredOn: '2027-02-20' }],
      });
      for (const code of ['R2', 'R1']) {
        const e = await unchanged(w.t, () => post(w, 'kasi', again, 'decision', decisionBody(code)), 409);
        expect(e.error.message).toContain('tidak dapat dihukum dua kali');
        expect(e.error.message).toContain('Pasal 35 ayat (3)');
      }
      ids.pos = again;
      expect((await decide(w.c.kasi, again, 'R3')).sanction.sanctionCode).toBe('R3');
    });

    it('tracks: non-ASN get no PP 94 sanction (the rulebook note); PPPK only their ladder sanctions', async () => {
      const honorer = await caseAtDecision(w, w.e.honorer);
      const e = await unchanged(w.t, () => post(w, 'kasi', honorer, 'decision', decisionBody('R1')), 400);
      expect(e.error.message).toContain('Non-ASN tidak tunduk PP 94/2021');
      const pppk = await caseAtDecision(w, w.e.pppk, { expectedLevel: 'sedang', proposed: 'PPPK_SEDANG' });
      const s1 = await unchanged(w.t, () => post(w, 'kabid', pppk, 'decision', decisionBody('S1')), 400);
      expect(s1.error.details[0].path).toBe('sanctionCode');
      expect(s1.error.message).toContain('PP 49/2018');
      expect((await decide(w.c.kabid, pppk, 'PPPK_SEDANG')).sanction.appliedCode).toBe('PPPK_SEDANG');
    });
  });

  describe('delivery, effective date and concurrency', () => {
    beforeAll(async () => {
      // Xena: S1 (decided by kabid) before her B1; Yusuf: R2 after his S1.
      ids.xs1 = await caseAtDecision(w, xena, { expectedLevel: 'sedang' });
      await decide(w.c.kabid, ids.xs1, 'S1');
      ids.yr2 = await caseAtDecision(w, yusuf);
      await decide(w.c.kasi, ids.yr2, 'R2');
      await w.setNow('2027-03-04T02:00:00Z');
    });

    it('only the decider, the superior or BKD deliver; receipt not before the SK nor after today', async () => {
      await unchanged(
        w.t,
        () => post(w, 'rekan', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-03-02' }),
        404,
      );
      await unchanged(
        w.t,
        () => post(w, 'pegawai', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-03-02' }),
        403,
      );
      await unchanged(
        w.t,
        () => post(w, 'adminOpd', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-03-02' }),
        403,
      );
      const early = await unchanged(
        w.t,
        () => post(w, 'kasi', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-02-28' }),
        400,
      );
      expect(early.error.details[0].path).toBe('receivedOn');
      await unchanged(
        w.t,
        () => post(w, 'kasi', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-03-05' }),
        400,
      );
    });

    it('in person: received Tue 2 Mar 2027 → effective on the 15th HK after it, Mon 29 Mar 2027', async () => {
      const r = await deliverInPerson(w.c.kasi, ids.r2!, '2027-03-02');
      expect(r.state).toBe('MENUNGGU_BERLAKU');
      expect(r.sanction).toMatchObject({
        effectiveOn: '2027-03-29',
        startsOn: '2027-03-29',
        endsOn: '2027-03-29', // a reprimand is served at once
        status: 'DISAMPAIKAN',
        blocksKgb: false,
        delivery: { method: 'langsung', receivedOn: '2027-03-02' },
        appealWindow: { kind: 'KEBERATAN', open: true },
      });
      expect(r.sanction.effective.explanation).toContain('hari kerja ke-15');
      expect(r.sanction.effective.legalBasis.article).toContain('Pasal 38');
      const n = await w.t.db
        .selectFrom('notifications')
        .select('body')
        .where('entityId', '=', ids.r2!)
        .where('kind', '=', 'discipline_sanction_delivered')
        .executeTakeFirstOrThrow();
      expect(n.body).toContain('berlaku 29/03/2027');
      expect(n.body).toContain(
        `paling lambat ${r.sanction.appealWindow.deadline.date.split('-').reverse().join('/')}`,
      );
      await unchanged(
        w.t,
        () => post(w, 'kasi', ids.r2!, 'delivery', { method: 'langsung', receivedOn: '2027-03-02' }),
        409,
      );
    });

    it('by post: missed delivery 2 Mar, posted 3 Mar, received Thu 4 Mar → the receipt day counts, effective Tue 30 Mar', async () => {
      const missing = await unchanged(
        w.t,
        () => post(w, 'kasi', ids.pos!, 'delivery', { method: 'pos', receivedOn: '2027-03-04' }),
        400,
      );
      expect(missing.error.details.map((d: any) => d.path).sort()).toEqual(['postedOn', 'summonedOn']);
      const r = json(
        await post(w, 'kasi', ids.pos!, 'delivery', {
          method: 'pos',
          summonedOn: '2027-03-02',
          postedOn: '2027-03-03',
          receivedOn: '2027-03-04',
        }),
      );
      expect(r.sanction).toMatchObject({
        effectiveOn: '2027-03-30',
        delivery: {
          method: 'pos',
          summonedOn: '2027-03-02',
          postedOn: '2027-03-03',
          receivedOn: '2027-03-04',
        },
      });
      expect(r.sanction.effective.explanation).toContain('hari diterima (4 Maret 2027) dihitung hari ke-1');
    });

    it('concurrency: a heavier sanction replaces the running one; a lighter one waits', async () => {
      const s1 = await deliverInPerson(w.c.kabid, ids.xs1!, '2027-03-02');
      expect(s1.sanction).toMatchObject({
        effectiveOn: '2027-03-29',
        startsOn: '2027-03-29',
        endsOn: '2028-03-28',
        blocksKgb: true,
        blocksPromotion: true,
      });
      const b1 = await deliverInPerson(w.c.bkd, ids.b1!, '2027-03-04');
      expect(b1.sanction).toMatchObject({
        effectiveOn: '2027-03-31',
        startsOn: '2027-03-31',
        endsOn: '2028-03-30',
      });
      const replaced = await w.t.db
        .selectFrom('disciplineSanctions')
        .select(['status', 'endsOn', 'replacedBy'])
        .where('caseId', '=', ids.xs1!)
        .executeTakeFirstOrThrow();
      expect(replaced).toEqual({ status: 'DIGANTI', endsOn: '2027-03-30', replacedBy: b1.sanction.id });
      const ev = await w.t.db
        .selectFrom('disciplineCaseEvents')
        .select('reason')
        .where('caseId', '=', ids.xs1!)
        .where('action', '=', 'reschedule')
        .executeTakeFirstOrThrow();
      expect(ev.reason).toContain('30/03/2027');

      await deliverInPerson(w.c.kabid, ids.s1!, '2027-03-02'); // Yusuf's S1: 29 Mar 2027 – 28 Mar 2028
      const r2 = await deliverInPerson(w.c.kasi, ids.yr2!, '2027-03-03');
      expect(r2.sanction).toMatchObject({
        effectiveOn: '2027-03-30',
        startsOn: '2028-03-29',
        endsOn: '2028-03-29',
      });
      const stored = await w.t.db
        .selectFrom('disciplineSanctions')
        .select('status')
        .where('caseId', '=', ids.yr2!)
        .executeTakeFirstOrThrow();
      expect(stored.status).toBe('MENUNGGU');
    });

    it('late: after the 14 HK only with a reason; a posting after its 3 HK likewise', async () => {
      const late = await caseAtDecision(w, w.e.rekan);
      await decide(w.c.kasi, late, 'R1', { skDate: '2027-03-01' });
      const slow = await caseAtDecision(w, w.e.rekan);
      await decide(w.c.kasi, slow, 'R1', { skDate: '2027-03-01' });
      await w.setNow('2027-03-26T02:00:00Z');
      const e = await unchanged(
        w.t,
        () => post(w, 'kasi', late, 'delivery', { method: 'langsung', receivedOn: '2027-03-25' }),
        400,
      );
      expect(e.error.details[0].path).toBe('lateReason');
      expect(e.error.message).toContain('24/03/2027');
      json(
        await post(w, 'kasi', late, 'delivery', {
          method: 'langsung',
          receivedOn: '2027-03-25',
          lateReason: 'Pegawai menjalani cuti sakit hingga 24 Maret 2027.',
        }),
      );
      const p = await unchanged(
        w.t,
        () =>
          post(w, 'kasi', slow, 'delivery', {
            method: 'pos',
            summonedOn: '2027-03-02',
            postedOn: '2027-03-09',
            receivedOn: '2027-03-12',
          }),
        400,
      );
      expect(p.error.message).toContain('paling lambat 05/03/2027 (3 hari kerja');
      expect(p.error.message).not.toContain('5 Maret 2027');
    });
  });

  describe('effects: the record, the TPP list, the SIASN export', () => {
    beforeAll(async () => {
      await caseAtDecision(w, yusuf, { path: 'none', state: 'TELAAH' }); // a new case under examination
      await w.setNow('2027-04-05T02:00:00Z');
    });

    it('the record lists every sanction with its status today and sets the flags', async () => {
      const x = json(await w.c.kasi.get(`/api/discipline/employees/${xena.id}/record`));
      expect(x.today).toBe('2027-04-05');
      const byCode = Object.fromEntries(x.sanctions.map((s: any) => [s.sanctionCode, s]));
      expect(byCode.S1).toMatchObject({ status: 'DIGANTI', endsOn: '2027-03-30', replacedBy: byCode.B1.id });
      expect(byCode.B1).toMatchObject({
        status: 'BERLAKU',
        caseNumber: expect.any(String),
        skNumber: expect.any(String),
      });
      expect(x.flags).toMatchObject({
        blocksKgb: true,
        blocksKgbUntil: '2028-03-30',
        blocksPromotion: true,
        blocksPromotionUntil: '2028-03-30',
        underExamination: false,
        underAppeal: false,
        transferBlocked: false,
      });
      expect(x.flags.reasons[0]).toContain('Pasal 55 ayat (1)');
      const y = json(await w.c.adminOpd.get(`/api/discipline/employees/${yusuf.id}/record`));
      expect(y.flags).toMatchObject({
        underExamination: true,
        transferBlocked: true,
        blocksKgbUntil: '2028-03-28',
      });
      expect(y.flags.reasons.join(' ')).toContain('tidak dipindahkan');
      const r2 = y.sanctions.find((s: any) => s.sanctionCode === 'R2');
      expect(r2).toMatchObject({ status: 'MENUNGGU', startsOn: '2028-03-29' });
      // Readers: self, superior, readers in scope; not a colleague or another OPD.
      json(await w.c.pegawai.get(`/api/discipline/employees/${w.e.pegawai.id}/record`));
      expect((await w.c.rekan.get(`/api/discipline/employees/${xena.id}/record`)).statusCode).toBe(404);
      expect((await w.c.adminOther.get(`/api/discipline/employees/${xena.id}/record`)).statusCode).toBe(404);
      json(await w.c.insp.get(`/api/discipline/employees/${xena.id}/record`));
    });

    it('the sanctions active in a month, as TPP takes them (route and façade)', async () => {
      const march = json(await w.c.adminOpd.get('/api/discipline/sanctions/active?month=2027-03'));
      const x = march.items.find((i: any) => i.employeeId === xena.id);
      expect(x.sanctions).toEqual([
        { type: 'KGB_TUNDA_1TH', from: '2027-03-29', to: '2027-03-30' },
        { type: 'B1', from: '2027-03-31' },
      ]);
      const y = march.items.find((i: any) => i.employeeId === yusuf.id);
      expect(y.sanctions).toEqual([{ type: 'KGB_TUNDA_1TH', from: '2027-03-29' }]); // R2 waits until 2028
      expect(json(await w.c.adminOpd.get('/api/discipline/sanctions/active?month=2027-02')).items).toEqual(
        [],
      );
      expect(json(await w.c.adminOther.get('/api/discipline/sanctions/active?month=2027-03')).items).toEqual(
        [],
      );
      expect((await w.c.pegawai.get('/api/discipline/sanctions/active?month=2027-03')).statusCode).toBe(403);
      expect(
        (await w.c.adminOpd.get(`/api/discipline/sanctions/active?month=2027-03&unitId=${w.u.bapenda.id}`))
          .statusCode,
      ).toBe(403);
      expect((await w.c.adminOpd.get('/api/discipline/sanctions/active?month=2027-13')).statusCode).toBe(400);
      const map = await w.t.services.discipline.sanctions.activeInMonth([xena.id, w.e.kadis.id], '2027-04');
      expect([...map.keys()]).toEqual([xena.id]);
      // The replaced sanction ended in March: April sees only the heavier one.
      expect(map.get(xena.id)).toEqual([{ type: 'B1', from: '2027-03-31' }]);
    });

    it('the SIASN-shaped export (xlsx opened with exceljs, and csv)', async () => {
      const res = await w.c.adminOpd.get('/api/discipline/sanctions/siasn-export?year=2027&format=xlsx');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as any);
      const ws = wb.worksheets[0]!;
      const header = (ws.getRow(1).values as any[]).slice(1);
      expect(header).toEqual(SIASN_COLUMNS.map((c) => c.header));
      const rows: any[][] = [];
      ws.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as any[]).slice(1));
      });
      const b1 = rows.find((r) => r[2] === 'penurunan jabatan setingkat lebih rendah selama 12 bulan');
      expect(b1).toBeDefined();
      expect(b1!.slice(0, 2)).toEqual([expect.stringMatching(/^\d{18}$/), 'Xena Pelaksana']);
      expect(b1!.slice(3, 11)).toEqual([
        'Berat',
        expect.stringContaining('B1'),
        '01/03/2027',
        '31/03/2027',
        12,
        '30/03/2028',
        'PP 94/2021 Pasal 3',
        '94 Tahun 2021',
      ]);
      const s1 = rows.find(
        (r) => r[1] === 'Xena Pelaksana' && r[2] === 'penundaan kenaikan gaji berkala selama 1 tahun',
      );
      expect(s1![11]).toContain('Diganti hukuman yang lebih berat');
      expect(s1![11]).toContain('dijalankan sebagai penundaan kenaikan gaji berkala');
      expect(s1![8]).toBe('30/03/2027');
      const csv = await w.c.adminOpd.get('/api/discipline/sanctions/siasn-export?year=2027&format=csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\r\n')[0]).toBe(`\uFEFF${SIASN_COLUMNS.map((c) => c.header).join(',')}`);
      const other = await w.c.adminOther.get('/api/discipline/sanctions/siasn-export?year=2027&format=csv');
      expect(other.body.trim().split('\r\n')).toHaveLength(1);
      expect((await w.c.pegawai.get('/api/discipline/sanctions/siasn-export?year=2027')).statusCode).toBe(
        403,
      );
      expect((await w.c.adminOpd.get('/api/discipline/sanctions/siasn-export?year=abc')).statusCode).toBe(
        400,
      );
    });

    it('cases move on with time: in force → BERLAKU, served → SELESAI; a second run moves nothing', async () => {
      const state = async (id: string) =>
        (
          await w.t.db
            .selectFrom('disciplineCases')
            .select('state')
            .where('id', '=', id)
            .executeTakeFirstOrThrow()
        ).state;
      expect(await state(ids.b1!)).toBe('MENUNGGU_BERLAKU');
      expect(await w.t.services.discipline.sanctions.settle()).toBeGreaterThan(0);
      expect(await state(ids.r2!)).toBe('SELESAI'); // a reprimand, served on 29 Mar 2027
      expect(await state(ids.b1!)).toBe('BERLAKU');
      expect(await state(ids.yr2!)).toBe('BERLAKU'); // in force, waiting for the sedang one to end
      expect(await w.t.services.discipline.sanctions.settle()).toBe(0);
      const ev = await w.t.db
        .selectFrom('disciplineCaseEvents')
        .select(['fromState', 'toState', 'actorUserId'])
        .where('caseId', '=', ids.r2!)
        .where('action', '=', 'settle')
        .execute();
      expect(ev).toEqual([{ fromState: 'MENUNGGU_BERLAKU', toState: 'SELESAI', actorUserId: null }]);
    });
  });
});

describe('PPPK ladder sanctions of a regional rulebook (regional-40-60)', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await buildDisciplineWorld({ env: { RULEBOOK_REGION: 'contoh-kalbar' } });
  }, 120_000);
  afterAll(() => w?.t.close());

  it('a PPPK gets the regional PPPK sanctions (KGB postponement 2 years), not the PNS ones', async () => {
    const id = await caseAtDecision(w, w.e.pppk, { expectedLevel: 'sedang', proposed: 'KGB_TUNDA_2TH' });
    const e = await unchanged(
      w.t,
      () => w.c.kabid.post(`/api/discipline/cases/${id}/decision`, decisionBody('S2')),
      400,
    );
    expect(e.error.message).toContain('KGB_TUNDA_2TH');
    const r = await decide(w.c.kabid, id, 'KGB_TUNDA_2TH');
    expect(r.sanction).toMatchObject({ appliedCode: 'KGB_TUNDA_2TH', durationMonths: 24, level: 'sedang' });
  });
});

describe('through the procedure routes (open → telaah → summons → BAP → report → decision → delivery)', () => {
  let w: DisciplineWorld;
  beforeAll(async () => {
    w = await buildDisciplineWorld();
  }, 120_000);
  afterAll(() => w?.t.close());

  it('the report names the PyB; the PyB decides, delivers, and the sanction takes effect', async () => {
    const id = await driveRinganCase(w, 'PENJATUHAN');
    const view = json(await w.c.kasi.get(`/api/discipline/cases/${id}`));
    expect(view.case.state).toBe('PENJATUHAN');
    const r = await decide(w.c.kasi, id, 'R2', { skDate: '2027-03-15' }); // the BAP and report: 15 Mar 2027
    expect(r.sanction.authority).toMatchObject({ kind: 'chain', name: 'Kiki Kasi' });
    await w.setNow('2027-03-17T02:00:00Z');
    const d = await deliverInPerson(w.c.kasi, id, '2027-03-16');
    // 15 HK after Tue 16 Mar 2027: 17–19, 22–25, (26 Good Friday), 29–31 Mar, 1–2, 5–7 Apr → Wed 7 Apr 2027.
    expect(d.sanction.effectiveOn).toBe('2027-04-07');
    const after = json(await w.c.pegawai.get(`/api/discipline/cases/${id}`));
    expect(after.case.state).toBe('MENUNGGU_BERLAKU');
    expect(after.sanction).toMatchObject({ sanctionCode: 'R2', effectiveOn: '2027-04-07' });
  });
});
