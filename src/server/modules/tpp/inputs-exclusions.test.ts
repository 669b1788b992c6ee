import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditActions,
  buildTppInputsWorld,
  unchanged,
  type TppInputsWorld,
} from '../../../../test/helpers/tpp-inputs-world.ts';

/*
 * Exclusion records through real HTTP (issue 17 point 2 "exclusions … each with its reason"; regulations.md §5.1):
 * recorded and ended by tpp.run over the employee's unit with a code of the rulebook in force at the start; refused
 * for an unknown code (the valid ones listed), an end before the start, an overlap with the same code, an employee
 * outside scope; listed by unit and month; read by the runs per month (`exclusionsIn`).
 */

let w: TppInputsWorld;
beforeAll(async () => {
  w = await buildTppInputsWorld();
}, 120_000);
afterAll(() => w?.t.close());

const URL = '/api/tpp/exclusions';
const body = (employeeId: string, over: Record<string, unknown> = {}) => ({
  employeeId,
  code: 'CLTN',
  validFrom: '2026-02-01',
  validTo: null,
  reason: 'Cuti di luar tanggungan negara untuk mendampingi suami tugas belajar',
  reference: 'SK Gubernur 862/15/2026',
  ...over,
});

describe('recording exclusions', () => {
  let cltnId: string;

  it("admin OPD records an exclusion of its OPD's employee, with the rulebook's description; audited", async () => {
    const res = await w.c.adminOpd.post(URL, body(w.e.pegawai.id, { code: 'cltn' }));
    expect(res.statusCode, res.body).toBe(201);
    cltnId = res.json().id;
    expect(res.json()).toMatchObject({
      employeeId: w.e.pegawai.id,
      code: 'CLTN',
      codeDescription: expect.stringMatching(/luar tanggungan negara/i),
      validFrom: '2026-02-01',
      validTo: null,
      reference: 'SK Gubernur 862/15/2026',
      canEdit: true,
    });
    expect(await auditActions(w.t, 'tpp_exclusion')).toEqual([
      expect.objectContaining({
        action: 'tpp_exclusion.recorded',
        entityId: cltnId,
        after: expect.objectContaining({ employeeId: w.e.pegawai.id, code: 'CLTN' }),
      }),
    ]);
  });

  it('refuses an unknown code, listing the codes of the rulebook in force', async () => {
    const err = await unchanged(
      w.t,
      () => w.c.adminOpd.post(URL, body(w.e.rekan.id, { code: 'LIBURAN' })),
      400,
    );
    expect(err.error.details[0].path).toBe('code');
    expect(err.error.message).toMatch(
      /^Kode pengecualian LIBURAN tidak dikenal pada 01\/02\/2026; kode yang berlaku: /,
    );
    expect(err.error.message).toMatch(/CLTN \(/);
    expect(err.error.message).toMatch(/TPG \(/);
  });

  it('refuses an end before the start, with both dates', async () => {
    const err = await unchanged(
      w.t,
      () => w.c.adminOpd.post(URL, body(w.e.rekan.id, { validFrom: '2026-03-10', validTo: '2026-03-01' })),
      400,
    );
    expect(err.error.message).toBe('Tanggal akhir 01/03/2026 tidak boleh sebelum tanggal mulai 10/03/2026');
  });

  it('refuses a period overlapping a record of the same code (409), but not another code', async () => {
    const err = await unchanged(
      w.t,
      () => w.c.bkd.post(URL, body(w.e.pegawai.id, { validFrom: '2026-05-01', validTo: '2026-05-31' })),
      409,
    );
    expect(err.error.message).toMatch(/sudah dikecualikan dengan kode CLTN sejak 01\/02\/2026/);
    const tpg = await w.c.bkd.post(
      URL,
      body(w.e.pegawai.id, {
        code: 'TPG',
        validFrom: '2026-01-01',
        validTo: '2026-01-31',
        reason: 'Menerima TPG',
      }),
    );
    expect(tpg.statusCode, tpg.body).toBe(201);
  });

  it.each([
    ["admin OPD, for another OPD's employee", 'adminOpd', 'other', 404],
    ['the head of the OPD (a reader)', 'pimpinan', 'rekan', 403],
    ['Inspektorat (a reader)', 'insp', 'rekan', 403],
    ['the employee herself', 'pegawai', 'pegawai', 403],
    ['her superior', 'atasan', 'rekan', 404],
  ] as const)('%s cannot record one; nothing changes', async (_n, who, target, status) => {
    await unchanged(
      w.t,
      () => w.c[who].post(URL, body(w.e[target].id, { code: 'MPP', validFrom: '2026-06-01' })),
      status,
    );
  });

  it('ends an open record; not before its start, not twice; not by someone outside scope', async () => {
    const end = (who: keyof TppInputsWorld['c'], validTo: string) =>
      w.c[who].post(`${URL}/${cltnId}/end`, { validTo });
    const early = await unchanged(w.t, () => end('adminOpd', '2026-01-31'), 400);
    expect(early.error.message).toBe('Tanggal akhir 31/01/2026 tidak boleh sebelum tanggal mulai 01/02/2026');
    await unchanged(w.t, () => end('pimpinan', '2026-04-30'), 403);
    await unchanged(w.t, () => end('other', '2026-04-30'), 404);
    const res = await end('adminOpd', '2026-04-30');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      validTo: '2026-04-30',
      canEdit: false,
      endedByName: expect.any(String),
    });
    const again = await unchanged(w.t, () => end('bkd', '2026-05-31'), 409);
    expect(again.error.message).toBe('Pengecualian CLTN ini sudah berakhir pada 30/04/2026');
    expect((await auditActions(w.t, 'tpp_exclusion')).at(-1)).toMatchObject({
      action: 'tpp_exclusion.ended',
      before: { validTo: null },
      after: { validTo: '2026-04-30' },
    });
  });

  it('after the end the same code may start again', async () => {
    const res = await w.c.adminOpd.post(
      URL,
      body(w.e.pegawai.id, { validFrom: '2026-09-01', validTo: '2026-12-31' }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('lists the codes of the rulebook on a date', async () => {
    const res = await w.c.adminOpd.get(`${URL}/codes?date=2026-02-01`);
    expect(res.statusCode).toBe(200);
    expect(res.json().codes).toContainEqual({
      code: 'MPP',
      description: 'Masa persiapan pensiun',
      legalBasis: expect.stringContaining('Rapergub TPP 2024'),
    });
    expect((await w.c.pegawai.get(`${URL}/codes`)).statusCode).toBe(403);
  });
});

describe('listing exclusions and what the runs read', () => {
  it('Bapenda has one too (BKD records it)', async () => {
    const res = await w.c.bkd.post(
      URL,
      body(w.e.other.id, { code: 'PIDANA', validFrom: '2026-03-15', reason: 'Dipidana penjara' }),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('readers see the records in their scope, filtered by month, unit, code and name/NIP', async () => {
    const names = async (who: keyof TppInputsWorld['c'], q: string) => {
      const res = await w.c[who].get(`${URL}?pageSize=200${q}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { code: string; employeeId: string }) => `${i.code}:${i.employeeId}`);
    };
    const peg = w.e.pegawai.id;
    const oth = w.e.other.id;
    expect(await names('bkd', '')).toEqual([`CLTN:${peg}`, `PIDANA:${oth}`, `CLTN:${peg}`, `TPG:${peg}`]);
    expect(await names('adminOpd', '')).toEqual([`CLTN:${peg}`, `CLTN:${peg}`, `TPG:${peg}`]);
    expect(await names('pimpinan', '&month=2026-01')).toEqual([`TPG:${peg}`]);
    expect(await names('bkd', '&month=2026-04')).toEqual([`PIDANA:${oth}`, `CLTN:${peg}`]);
    expect(await names('bkd', `&unitId=${w.p.bapenda.unit.id}`)).toEqual([`PIDANA:${oth}`]);
    expect(await names('bkd', '&code=tpg')).toEqual([`TPG:${peg}`]);
    expect(await names('insp', `&q=${w.e.other.nip}`)).toEqual([`PIDANA:${oth}`]);
    expect((await w.c.pegawai.get(URL)).statusCode).toBe(403);
    expect((await w.c.atasan.get(URL)).statusCode).toBe(403);
  });

  it('exclusionsIn: the records overlapping the month, per employee, oldest first', async () => {
    const inputs = w.t.services.tpp.inputs;
    const ids = [w.e.pegawai.id, w.e.other.id, w.e.rekan.id];
    const jan = await inputs.exclusionsIn(w.t.db, ids, '2026-01');
    expect([...jan.keys()]).toEqual([w.e.pegawai.id]);
    expect(jan.get(w.e.pegawai.id)).toEqual([
      {
        code: 'TPG',
        reason: 'Menerima TPG',
        reference: 'SK Gubernur 862/15/2026',
        validFrom: '2026-01-01',
        validTo: '2026-01-31',
      },
    ]);
    const apr = await inputs.exclusionsIn(w.t.db, ids, '2026-04');
    expect(apr.get(w.e.pegawai.id)?.map((r) => [r.code, r.validFrom, r.validTo])).toEqual([
      ['CLTN', '2026-02-01', '2026-04-30'],
    ]);
    expect(apr.get(w.e.other.id)?.map((r) => r.code)).toEqual(['PIDANA']);
    expect((await inputs.exclusionsIn(w.t.db, ids, '2026-05')).has(w.e.pegawai.id)).toBe(false);
    expect((await inputs.exclusionsIn(w.t.db, ids, '2026-02')).size).toBe(1);
  });
});
