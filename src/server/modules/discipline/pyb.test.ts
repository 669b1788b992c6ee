/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../../test/helpers/test-app.ts';
import type { EmployeeRef, UnitRef } from '../../../../test/factories/index.ts';
import { buildDisciplineWorld, json, unchanged, type DisciplineWorld } from './discipline-test-world.ts';
import { addPerson, caseAtDecision, decide } from './sanctions-test-kit.ts';

/*
 * Who may decide (issue 16 point 3): the PyB named by the authority matrix applied to the examinee's chain on the
 * date (regulations.md §1.5), moving up past a vacant post, the PPK's designation of a JF as PyB, and Plt/Plh of the
 * PyB's post. The world: pegawai (pelaksana) → kasi (pengawas) → kabid (administrator) → kadis (JPT pratama).
 */

describe('the competent official (PyB)', () => {
  let w: DisciplineWorld;
  let seksi2: UnitRef;
  let seksi3: UnitRef;
  let pegawai2: EmployeeRef;
  let pegawai3: EmployeeRef;
  let jfMuda: { e: EmployeeRef; c: Client };
  const official = async (c: Client, caseId: string, code: string) =>
    json(await c.get(`/api/discipline/cases/${caseId}/competent-official?sanctionCode=${code}`));

  beforeAll(async () => {
    w = await buildDisciplineWorld();
    // A seksi whose pengawas left service (vacant post), and one led by a JF Ahli Muda (delayering).
    seksi2 = await w.f.unit({ code: 'SURV2', name: 'Seksi Imunisasi', kind: 'BIDANG', parent: w.u.bidang });
    const kasi2 = await addPerson(w, {
      unit: seksi2,
      kind: 'PENGAWAS',
      name: 'Kasi Pensiun',
      superior: w.e.kabid,
      isHead: true,
      kelasJabatan: 9,
      activeTo: '2027-01-31',
    });
    pegawai2 = (
      await addPerson(w, { unit: seksi2, kind: 'PELAKSANA', name: 'Pegawai Dua', superior: kasi2.e })
    ).e;
    seksi3 = await w.f.unit({
      code: 'SURV3',
      name: 'Kelompok Epidemiologi',
      kind: 'BIDANG',
      parent: w.u.bidang,
    });
    const jf = await addPerson(w, {
      unit: seksi3,
      kind: 'JF_AHLI_MUDA',
      name: 'Mira Epidemiolog Muda',
      superior: w.e.kabid,
      kelasJabatan: 9,
    });
    jfMuda = { e: jf.e, c: jf.c! };
    pegawai3 = (await addPerson(w, { unit: seksi3, kind: 'PELAKSANA', name: 'Pegawai Tiga', superior: jf.e }))
      .e;
  }, 120_000);
  afterAll(() => w?.t.close());

  it('names the official per level: ringan the pengawas, sedang the administrator, berat the PPK (BKD records)', async () => {
    const id = await caseAtDecision(w, w.e.pegawai);
    const r2 = await official(w.c.kasi, id, 'R2');
    expect(r2).toMatchObject({ kind: 'chain', name: 'Kiki Kasi', exact: true, callerMayDecide: true });
    expect(r2.deciders.map((d: any) => d.id)).toEqual([w.e.kasi.id]);
    expect(r2.explanation).toContain('1 tingkat di atas');
    expect(r2.legalBasis.regulation).toBe('PP 94/2021');
    const s1 = await official(w.c.kasi, id, 'S1');
    expect(s1).toMatchObject({ kind: 'chain', name: 'Budi Kabid', callerMayDecide: false });
    const b1 = await official(w.c.bkd, id, 'B1');
    expect(b1).toMatchObject({ kind: 'ppk', deciders: [], callerMayDecide: true });
    expect(b1.explanation).toContain('PPK');
    // The examinee reads the case but may never decide; an outsider does not see the case.
    expect((await official(w.c.pegawai, id, 'R2')).callerMayDecide).toBe(false);
    expect(
      (await w.c.other.get(`/api/discipline/cases/${id}/competent-official?sanctionCode=R2`)).statusCode,
    ).toBe(404);
    // An unknown code is a 400 with the field.
    const bad = await w.c.kasi.get(`/api/discipline/cases/${id}/competent-official?sanctionCode=X9`);
    expect(bad.statusCode).toBe(400);
  });

  it('moves up when the post is vacant: the pengawas left, so the administrator decides ringan', async () => {
    const id = await caseAtDecision(w, pegawai2);
    const r2 = await official(w.c.kabid, id, 'R2');
    expect(r2).toMatchObject({ kind: 'chain', name: 'Budi Kabid', exact: false, callerMayDecide: true });
    expect(r2.explanation).toMatch(/kosong atau tidak ada/);
    const done = await decide(w.c.kabid, id, 'R2');
    expect(done.sanction.authority).toMatchObject({ kind: 'chain', name: 'Budi Kabid' });
    expect(done.sanction.decidedAs).toBeNull();
  });

  describe('PPK designation of a JF as PyB', () => {
    let caseId: string;
    let designationId: string;
    const body = (over: Record<string, unknown> = {}) => ({
      employeeId: jfMuda.e.id,
      unitId: seksi3.id,
      levels: ['ringan'],
      decreeNumber: 'Kep. Gub. 800/12/2027',
      validFrom: '2027-01-01',
      ...over,
    });

    beforeAll(async () => {
      caseId = await caseAtDecision(w, pegawai3);
    });

    it('without a designation the unit without a pengawas moves ringan up to the administrator', async () => {
      expect(await official(w.c.kabid, caseId, 'R2')).toMatchObject({
        kind: 'chain',
        name: 'Budi Kabid',
        exact: false,
      });
    });

    it('refuses a designee who is not a JF Ahli Madya/Muda, a level the matrix does not allow, and a non-manager', async () => {
      const notMuda = await unchanged(
        w.t,
        () =>
          w.c.bkd.post(
            '/api/discipline/designations',
            body({ employeeId: w.e.jf.id, unitId: w.u.bidang.id }),
          ),
        400,
      );
      expect(notMuda.error.details[0].path).toBe('employeeId');
      expect(notMuda.error.message).toContain('Ahli Madya atau Ahli Muda');
      const level = await unchanged(
        w.t,
        () => w.c.bkd.post('/api/discipline/designations', body({ levels: ['sedang'] })),
        400,
      );
      expect(level.error.details[0].path).toBe('levels');
      await unchanged(w.t, () => w.c.adminOpd.post('/api/discipline/designations', body()), 403);
      const elsewhere = await unchanged(
        w.t,
        () => w.c.bkd.post('/api/discipline/designations', body({ unitId: w.u.seksi.id })),
        400,
      );
      expect(elsewhere.error.details[0].path).toBe('unitId');
    });

    it('a valid designation makes the JF the PyB for ringan, who then decides', async () => {
      const d = json(await w.c.bkd.post('/api/discipline/designations', body()), 201);
      designationId = d.id;
      expect(d).toMatchObject({
        levels: ['ringan'],
        active: true,
        employee: { positionKind: 'JF_AHLI_MUDA' },
      });
      await unchanged(w.t, () => w.c.bkd.post('/api/discipline/designations', body()), 409);
      const o = await official(jfMuda.c, caseId, 'R2');
      expect(o).toMatchObject({ kind: 'designatedJf', name: 'Mira Epidemiolog Muda', callerMayDecide: true });
      expect(o.explanation).toContain('ditunjuk PPK');
      // The administrator is no longer the PyB for ringan here.
      const refused = await unchanged(
        w.t,
        () =>
          w.c.kabid.post(`/api/discipline/cases/${caseId}/decision`, {
            sanctionCode: 'R2',
            skNumber: '800/1/2027',
            skDate: '2027-03-01',
            considerations: 'Terbukti melanggar ketentuan jam kerja.',
          }),
        403,
      );
      expect(refused.error.message).toContain('Mira Epidemiolog Muda');
      // Sedang stays with the administrator.
      expect(await official(w.c.kabid, caseId, 'S1')).toMatchObject({ kind: 'chain', name: 'Budi Kabid' });
      const done = await decide(jfMuda.c, caseId, 'R2');
      expect(done.sanction.authority.kind).toBe('designatedJf');
    });

    it('lists designations in the reader scope and ends one', async () => {
      const mine = json(await w.c.adminOpd.get('/api/discipline/designations'));
      expect(mine.items.map((d: any) => d.id)).toContain(designationId);
      expect(json(await w.c.adminOther.get('/api/discipline/designations')).items).toEqual([]);
      expect((await w.c.pegawai.get('/api/discipline/designations')).statusCode).toBe(403);
      await unchanged(
        w.t,
        () =>
          w.c.adminOpd.post(`/api/discipline/designations/${designationId}/end`, {
            validTo: '2027-02-28',
            reason: 'Dicabut',
          }),
        403,
      );
      const ended = json(
        await w.c.bkd.post(`/api/discipline/designations/${designationId}/end`, {
          validTo: '2027-02-28',
          reason: 'Unit memperoleh pejabat pengawas',
        }),
      );
      expect(ended).toMatchObject({ validTo: '2027-02-28', active: false });
      const other = await caseAtDecision(w, pegawai3);
      expect(await official(w.c.kabid, other, 'R2')).toMatchObject({ kind: 'chain', name: 'Budi Kabid' });
      const audit = await w.t.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', designationId)
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'discipline.pyb_designated',
        'discipline.pyb_designation_ended',
      ]);
    });
  });

  it('a Plh of the PyB post decides as Plh', async () => {
    await w.acting('jf', 'kasi', 'PLH', '2027-03-01', '2027-03-31');
    const id = await caseAtDecision(w, w.e.rekan);
    const o = await official(w.c.jf, id, 'R1');
    expect(o.deciders.map((d: any) => d.id).sort()).toEqual([w.e.kasi.id, w.e.jf.id].sort());
    const done = await decide(w.c.jf, id, 'R1');
    expect(done.sanction.decidedAs).toBe('PLH');
    const ev = await w.t.db
      .selectFrom('disciplineCaseEvents')
      .select(['actingAs'])
      .where('caseId', '=', id)
      .where('action', '=', 'decide')
      .executeTakeFirstOrThrow();
    expect(ev.actingAs).toBe('PLH');
  });
});
