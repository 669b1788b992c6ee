import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import type { AppError } from '../errors.ts';
import { OutOfServiceError, type RelationsService } from './relations-service.ts';

/*
 * A small organisation built for these tests (no demo province), all dates 2026:
 *
 *   PROV (WIB)
 *   ├ SETDA   SETDA:KEPALA (JPT Madya)     Sekda
 *   ├ DINAS   DINAS:KEPALA (JPT Pratama)   Kadis ─ superior Sekda
 *   │ ├ A     A:KEPALA (Administrator)     Kabid A ─ Kadis      (Kasi A is Plh of A:KEPALA 12–16 Jan)
 *   │ │       A:KASI (Pengawas)            Kasi A ─ Kabid A
 *   │ │       pelaksana P1 ─ Kasi A; P3 ─ Kabid A; P5 without a superior of record (found from the unit tree);
 *   │ │       T ─ Kasi A until 14 Feb, then moved to LIAISON (WITA) under its head from 15 Feb
 *   │ └ B     B:KEPALA (Administrator)     Kabid B retires 31 Jan (still on the post); Kabid A is its Plt 1 Feb–31 Mar
 *   │         pelaksana P2 ─ Kabid B
 *   ├ LIAISON (WITA) L:KEPALA (JPT Pratama) Head L ─ Sekda; W ─ Head L
 *   └ EMPTY   EMPTY:KEPALA (JPT Pratama)   vacant, nobody acts; P4 ─ no superior
 * Everyone starts on 2020-01-01 except P1 (2026-01-05).
 */
describe('org relations on a date', () => {
  let t: TestApp;
  let rel: RelationsService;
  const u: Record<string, { id: string; path: string }> = {};
  const pos: Record<string, string> = {};
  const emp: Record<string, string> = {};

  async function unit(code: string, parent: string | null, timeZone = 'Asia/Jakarta', kind = 'OPD') {
    const id = randomUUID();
    const path = `${parent ? u[parent]!.path : '/'}${id}/`;
    await t.db
      .insertInto('units')
      .values({
        id,
        code,
        name: `Unit ${code}`,
        kind,
        parentId: parent ? u[parent]!.id : null,
        timeZone,
        path,
      })
      .execute();
    u[code] = { id, path };
  }
  async function position(code: string, unitCode: string, kind: string, isHead: boolean) {
    const id = randomUUID();
    await t.db
      .insertInto('positions')
      .values({ id, code, name: `Jabatan ${code}`, kind, kelasJabatan: 9, unitId: u[unitCode]!.id, isHead })
      .execute();
    pos[code] = id;
  }
  let seq = 0;
  /** An employee with one placement per stay: [unit, position, superior key, from, to]. */
  async function employee(
    key: string,
    stays: [string, string | null, string | null, string, string | null][],
    activeTo: string | null = null,
  ) {
    const id = randomUUID();
    const last = stays.at(-1)!;
    await t.db
      .insertInto('employees')
      .values({
        id,
        nip: null,
        internalId: `REL-${++seq}`,
        name: key,
        gender: 'L',
        employeeType: 'PNS',
        unitId: u[last[0]]!.id,
        positionId: last[1] ? pos[last[1]]! : null,
        superiorId: last[2] ? emp[last[2]]! : null,
        activeFrom: stays[0]![3],
        activeTo,
      })
      .execute();
    await t.db
      .insertInto('placements')
      .values(
        stays.map(([unitCode, posCode, sup, validFrom, validTo]) => ({
          employeeId: id,
          unitId: u[unitCode]!.id,
          positionId: posCode ? pos[posCode]! : null,
          superiorId: sup ? emp[sup]! : null,
          validFrom,
          validTo,
        })),
      )
      .execute();
    emp[key] = id;
  }
  async function acting(
    key: string,
    posCode: string,
    kind: 'PLT' | 'PLH',
    validFrom: string,
    validTo: string,
  ) {
    await t.db
      .insertInto('actingAssignments')
      .values({ employeeId: emp[key]!, positionId: pos[posCode]!, kind, validFrom, validTo })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false, now: '2026-01-13T02:00:00Z' });
    rel = t.services.relations;
    await unit('PROV', null, 'Asia/Jakarta', 'INSTANSI');
    await unit('SETDA', 'PROV');
    await unit('DINAS', 'PROV');
    await unit('A', 'DINAS', 'Asia/Jakarta', 'BIDANG');
    await unit('B', 'DINAS', 'Asia/Jakarta', 'BIDANG');
    await unit('LIAISON', 'PROV', 'Asia/Makassar');
    await unit('EMPTY', 'PROV');
    await position('SETDA:KEPALA', 'SETDA', 'JPT_MADYA', true);
    await position('DINAS:KEPALA', 'DINAS', 'JPT_PRATAMA', true);
    await position('A:KEPALA', 'A', 'ADMINISTRATOR', true);
    await position('A:KASI', 'A', 'PENGAWAS', false);
    await position('B:KEPALA', 'B', 'ADMINISTRATOR', true);
    await position('L:KEPALA', 'LIAISON', 'JPT_PRATAMA', true);
    await position('EMPTY:KEPALA', 'EMPTY', 'JPT_PRATAMA', true);
    const y = '2020-01-01';
    await employee('Sekda', [['SETDA', 'SETDA:KEPALA', null, y, null]]);
    await employee('Kadis', [['DINAS', 'DINAS:KEPALA', 'Sekda', y, null]]);
    await employee('KabidA', [['A', 'A:KEPALA', 'Kadis', y, null]]);
    await employee('KasiA', [['A', 'A:KASI', 'KabidA', y, null]]);
    await employee('KabidB', [['B', 'B:KEPALA', 'Kadis', y, null]], '2026-01-31');
    await employee('HeadL', [['LIAISON', 'L:KEPALA', 'Sekda', y, null]]);
    await employee('P1', [['A', null, 'KasiA', '2026-01-05', null]]);
    await employee('P2', [['B', null, 'KabidB', y, null]]);
    await employee('P3', [['A', null, 'KabidA', y, null]]);
    await employee('P4', [['EMPTY', null, null, y, null]]);
    await employee('P5', [['A', null, null, y, null]]);
    await employee('W', [['LIAISON', null, 'HeadL', y, null]]);
    await employee('T', [
      ['A', null, 'KasiA', y, '2026-02-14'],
      ['LIAISON', null, 'HeadL', '2026-02-15', null],
    ]);
    await acting('KasiA', 'A:KEPALA', 'PLH', '2026-01-12', '2026-01-16');
    await acting('KabidA', 'B:KEPALA', 'PLT', '2026-02-01', '2026-03-31');
  });
  afterAll(() => t.close());

  const superior = async (key: string, date: string) => {
    const s = await rel.superiorOn(emp[key]!, date);
    return s && { id: s.official?.employeeId ?? null, acting: s.official?.acting ?? null };
  };

  describe('acting officials', () => {
    it.each([
      ['P3', '2026-01-11', 'KabidA', null],
      ['P3', '2026-01-12', 'KasiA', 'PLH'], // the Plh's first day
      ['P3', '2026-01-16', 'KasiA', 'PLH'], // its last day
      ['P3', '2026-01-17', 'KabidA', null], // not after its end
      ['KasiA', '2026-01-13', 'KabidA', null], // a Plh is not their own superior
      ['P2', '2026-01-31', 'KabidB', null], // the holder's last day of service
      ['P2', '2026-02-01', 'KabidA', 'PLT'], // the Plt of the post he left
      ['P2', '2026-03-31', 'KabidA', 'PLT'],
      ['P2', '2026-04-01', null, null], // after the Plt ended the post is vacant
    ] as const)('%s on %s: superior %s (acting %s)', async (key, date, who, kind) => {
      expect(await superior(key, date)).toEqual({ id: who ? emp[who] : null, acting: kind });
    });

    it('names the post the acting official fills and its definitive holder', async () => {
      const s = await rel.superiorOn(emp.P2!, '2026-02-10');
      expect(s).toMatchObject({
        positionId: pos['B:KEPALA'],
        definitiveId: emp.KabidB,
        official: { employeeId: emp.KabidA, name: 'KabidA', acting: 'PLT' },
        tier: 2,
        basis: 'superior',
      });
    });

    it('finds the superior of someone without one on record from the unit tree, acting officials included', async () => {
      expect(await rel.superiorOn(emp.P5!, '2026-01-20')).toMatchObject({
        positionId: pos['A:KEPALA'],
        basis: 'structure',
        official: { employeeId: emp.KabidA, acting: null },
      });
      expect((await rel.superiorOn(emp.P5!, '2026-01-13'))?.official).toMatchObject({
        employeeId: emp.KasiA,
        acting: 'PLH',
      });
    });
  });

  describe('a transfer on a date', () => {
    it.each([
      ['2026-02-14', 'A', 'KasiA'],
      ['2026-02-15', 'LIAISON', 'HeadL'],
    ] as const)('T on %s is in %s under %s', async (date, unitCode, who) => {
      const r = await rel.on(emp.T!, date);
      expect(r.placement).toMatchObject({ unitId: u[unitCode]!.id });
      expect(r.superior?.official?.employeeId).toBe(emp[who]);
    });

    it("T's subordinate relation moves with them: Kasi A's staff on 14 Feb and 15 Feb", async () => {
      const ids = async (date: string) =>
        (await rel.subordinatesOn(emp.KasiA!, date)).map((s) => s.employeeId);
      expect(await ids('2026-02-14')).toContain(emp.T);
      expect(await ids('2026-02-15')).not.toContain(emp.T);
      expect((await rel.subordinatesOn(emp.HeadL!, '2026-02-15')).map((s) => s.employeeId)).toContain(emp.T);
    });
  });

  describe("the employee's local date in their unit's zone", () => {
    it.each([
      ['W', '2026-02-14T16:30:00Z', '2026-02-15'], // 23:30 WIB = 00:30 WITA: already the next day
      ['P1', '2026-02-14T16:30:00Z', '2026-02-14'], // a WIB unit: still the day
      ['W', '2026-02-14T15:30:00Z', '2026-02-14'], // 22:30 WIB = 23:30 WITA
      ['T', '2026-02-14T16:30:00Z', '2026-02-15'], // moved to the WITA unit on 15 Feb: its first day has begun
      ['T', '2026-02-14T15:30:00Z', '2026-02-14'], // an hour earlier: still the WIB unit's 14 Feb
    ] as const)('%s at %s is on %s', async (key, at, date) => {
      expect(await rel.localDateOf(emp[key]!, new Date(at))).toBe(date);
    });

    it("today is the employee's own: 23:30 WIB is tomorrow for the WITA unit", async () => {
      t.clock.set('2026-02-14T16:30:00Z');
      try {
        expect(await rel.todayOf(emp.W!)).toBe('2026-02-15');
        expect(await rel.todayOf(emp.P1!)).toBe('2026-02-14');
      } finally {
        t.clock.set('2026-01-13T02:00:00Z');
      }
    });
  });

  describe('the chain above and the official at a level', () => {
    const chainOf = async (key: string, date: string) =>
      (await rel.chainOn(emp[key]!, date)).map((s) => [s.positionId, s.official?.employeeId ?? null]);

    it('walks post by post; an absent head shows their Plh, and the chain goes on above the head', async () => {
      expect(await chainOf('P1', '2026-01-13')).toEqual([
        [pos['A:KASI'], emp.KasiA],
        [pos['A:KEPALA'], emp.KasiA],
        [pos['DINAS:KEPALA'], emp.Kadis],
        [pos['SETDA:KEPALA'], emp.Sekda],
      ]);
      expect(await chainOf('P1', '2026-01-20')).toEqual([
        [pos['A:KASI'], emp.KasiA],
        [pos['A:KEPALA'], emp.KabidA],
        [pos['DINAS:KEPALA'], emp.Kadis],
        [pos['SETDA:KEPALA'], emp.Sekda],
      ]);
    });

    it('goes on above a vacant post through its departed holder’s superior', async () => {
      expect(await chainOf('P2', '2026-04-01')).toEqual([
        [pos['B:KEPALA'], null],
        [pos['DINAS:KEPALA'], emp.Kadis],
        [pos['SETDA:KEPALA'], emp.Sekda],
      ]);
    });

    it.each([
      ['P1', '2026-01-20', 'PENGAWAS', 'KasiA', true],
      ['P1', '2026-01-20', 'ADMINISTRATOR', 'KabidA', true],
      ['P1', '2026-01-13', 'ADMINISTRATOR', 'KasiA', true], // the Plh holds the level while the head is away
      ['P1', '2026-01-20', 'JPT_PRATAMA', 'Kadis', true],
      ['P1', '2026-01-20', 'JPT_MADYA', 'Sekda', true],
      ['P1', '2026-01-20', { levelsAbove: 1 }, 'KasiA', true],
      ['P1', '2026-01-20', { levelsAbove: 2 }, 'KabidA', true],
      ['KasiA', '2026-01-20', { levelsAbove: 1 }, 'KabidA', true], // a Pengawas: one level up is Administrator
      ['P2', '2026-02-10', 'ADMINISTRATOR', 'KabidA', true], // the Plt
      ['P2', '2026-04-01', 'ADMINISTRATOR', 'Kadis', false], // vacant, nobody acts: the next higher official
      ['P2', '2026-04-01', 'PENGAWAS', 'Kadis', false], // no Pengawas in the chain: the next one above
      ['P1', '2026-01-20', { levelsAbove: 5 }, null, null], // nobody that high: the PPK
    ] as const)('%s on %s, level %j: %s (exact %s)', async (key, date, level, who, exact) => {
      const r = await rel.officialAtLevel(emp[key]!, date, level);
      if (who === null) return expect(r).toBeNull();
      expect(r).toMatchObject({ slot: { official: { employeeId: emp[who] } }, exact });
    });
  });

  describe('leave-granting official, head of the OPD, subordinates', () => {
    it.each([
      ['P1', 'OPD_HEAD', { kind: 'OPD_HEAD', official: 'Kadis', deciders: ['Kadis'] }],
      ['W', 'OPD_HEAD', { kind: 'OPD_HEAD', official: 'HeadL', deciders: ['HeadL'] }],
      ['P1', 'BKD', { kind: 'BKD', reason: 'rulebook' }], // the rulebook gives this leave to BKD
      ['Kadis', 'OPD_HEAD', { kind: 'BKD', reason: 'own-head' }], // the head of the OPD asks for leave
      ['P4', 'OPD_HEAD', { kind: 'BKD', reason: 'vacant' }], // nobody holds or acts in the head post
    ] as const)('%s with %s: %j', async (key, approver, want) => {
      const g = await rel.leaveGrantorOn(emp[key]!, '2026-01-20', approver);
      if (want.kind === 'BKD') return expect(g).toMatchObject(want);
      expect(g).toMatchObject({ kind: 'OPD_HEAD', post: { official: { employeeId: emp[want.official] } } });
      if (g.kind === 'OPD_HEAD') expect(g.deciderIds).toEqual(want.deciders.map((k) => emp[k]));
    });

    it('the head of the OPD of a bidang employee is the head of the dinas', async () => {
      expect((await rel.opdHeadOn(emp.P1!, '2026-01-20'))?.official?.employeeId).toBe(emp.Kadis);
      expect(await rel.opdHeadOn(emp.P4!, '2026-01-20')).toMatchObject({
        official: null,
        definitiveId: null,
      });
    });

    const subs = async (key: string, date: string) =>
      Object.fromEntries(
        (await rel.subordinatesOn(emp[key]!, date)).map((s) => [
          Object.keys(emp).find((k) => emp[k] === s.employeeId),
          s.via,
        ]),
      );
    it.each([
      ['Kadis', '2026-01-20', { KabidA: 'superior', KabidB: 'superior' }],
      ['Kadis', '2026-02-10', { KabidA: 'superior' }], // Kabid B has retired
      ['KabidA', '2026-01-13', { KasiA: 'superior' }], // P3 and P5 go to the Plh while he is away
      ['KabidA', '2026-01-20', { KasiA: 'superior', P3: 'superior', P5: 'structure' }],
      ['KabidA', '2026-02-10', { KasiA: 'superior', P3: 'superior', P5: 'structure', P2: 'PLT' }],
      ['KasiA', '2026-01-13', { P1: 'superior', T: 'superior', P3: 'PLH', P5: 'PLH' }],
      ['KasiA', '2026-01-04', { T: 'superior' }], // P1 had not started yet
    ] as const)('%s on %s: %j', async (key, date, want) => {
      expect(await subs(key, date)).toEqual(want);
    });

    it("is one relation: everyone is among their superior's subordinates on the same date", async () => {
      for (const date of ['2026-01-13', '2026-02-10', '2026-02-15']) {
        for (const [key, id] of Object.entries(emp)) {
          if (key === 'KabidB' && date > '2026-01-31') continue;
          const s = await rel.superiorOn(id, date);
          if (!s?.official) continue;
          const ids = (await rel.subordinatesOn(s.official.employeeId, date)).map((x) => x.employeeId);
          expect(ids, `${key} on ${date}`).toContain(id);
        }
      }
    });

    it('answers everything at once', async () => {
      const r = await rel.on(emp.P1!, '2026-01-13');
      expect(r).toMatchObject({
        employee: { employeeId: emp.P1, name: 'P1' },
        date: '2026-01-13',
        placement: {
          unitId: u.A!.id,
          positionId: null,
          timeZone: 'Asia/Jakarta',
          superiorOfRecordId: emp.KasiA,
        },
        superior: { official: { employeeId: emp.KasiA } },
        leaveGrantor: { kind: 'OPD_HEAD' },
        opdHead: { official: { employeeId: emp.Kadis } },
        subordinates: [],
      });
      expect(r.chain).toHaveLength(4);
    });
  });

  describe('a date outside the service', () => {
    it.each([
      ['P1', '2026-01-04', 'before the first day'],
      ['KabidB', '2026-02-01', 'after the last day'],
    ] as const)('%s on %s (%s): 400 naming the date, never an empty answer', async (key, date, _when) => {
      for (const ask of [
        () => rel.on(emp[key]!, date),
        () => rel.superiorOn(emp[key]!, date),
        () => rel.chainOn(emp[key]!, date),
        () => rel.subordinatesOn(emp[key]!, date),
        () => rel.leaveGrantorOn(emp[key]!, date),
        () => rel.officialAtLevel(emp[key]!, date, 'ADMINISTRATOR'),
      ]) {
        const err = await ask().then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(OutOfServiceError);
        expect((err as AppError).status).toBe(400);
        expect((err as AppError).details).toEqual([
          expect.objectContaining({ path: 'date', code: 'OUT_OF_SERVICE' }),
        ]);
        expect((err as AppError).message).toContain(date.split('-').reverse().join('/'));
      }
    });

    it('an unknown employee is 404', async () => {
      await expect(rel.on(randomUUID(), '2026-01-13')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        status: 404,
      });
      await expect(rel.localDateOf(randomUUID(), Date.now())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('the relation modules decide by', () => {
    it.each([
      ['KasiA', '2026-01-13', ['KabidA']],
      ['KasiA', '2026-01-17', []],
      ['KabidA', '2026-02-10', ['KabidB']], // a Plt decides for the staff of the holder who left
      ['KabidA', '2026-04-01', []],
    ] as const)('%s on %s acts for %j', async (key, date, holders) => {
      expect(await rel.actingForOn(emp[key]!, date)).toEqual(holders.map((k) => emp[k]));
    });

    it('posts filled, and who decides for a superior, a post and an employee', async () => {
      expect((await rel.postsOn(emp.KabidA!, '2026-02-10')).sort()).toEqual(
        [pos['A:KEPALA'], pos['B:KEPALA']].sort(),
      );
      expect((await rel.superiorDecidersOn(emp.KabidA!, '2026-01-13')).sort()).toEqual(
        [emp.KabidA, emp.KasiA].sort(),
      );
      expect((await rel.postDecidersOn(pos['B:KEPALA']!, '2026-02-10')).sort()).toEqual(
        [emp.KabidA, emp.KabidB].sort(),
      );
      // The clock is 13 Jan 2026, 09:00 WIB: the Plh of Kabid A is in force.
      expect((await rel.decidersToday(emp.P3!)).sort()).toEqual([emp.KabidA, emp.KasiA].sort());
      expect(await rel.decidersToday(emp.KasiA!)).toEqual([emp.KabidA]);
    });
  });
});
