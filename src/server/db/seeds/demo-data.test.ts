import { describe, expect, it } from 'vitest';
import { parseNip } from '../../../core/people/nip.ts';
import { isNonAsnIdentifier } from '../../../core/people/nip.ts';
import {
  EMPLOYEE_TYPES,
  isPnsGolongan,
  isPppkGolongan,
  POSITION_KINDS,
} from '../../../core/people/employee-types.ts';
import { isLocalDate } from '../../../core/common/local-date.ts';
import { readFileSync } from 'node:fs';
import {
  DEMO_AS_OF,
  demoLoginBanner,
  demoLoginTable,
  generateDemoData,
  opdOfUnit,
  pickDemoLogins,
  type DemoData,
} from './demo-data.ts';

const data = generateDemoData();

/** Invariants that must hold for any seed. */
function checkInvariants(d: DemoData): void {
  const unitCodes = new Set(d.units.map((u) => u.code));
  const positionByCode = new Map(d.positions.map((p) => [p.code, p]));
  const byNip = new Map(d.employees.filter((e) => e.nip).map((e) => [e.nip, e]));

  expect(d.employees.length).toBeGreaterThanOrEqual(380);
  expect(d.employees.length).toBeLessThanOrEqual(420);
  for (const type of EMPLOYEE_TYPES) expect(d.employees.some((e) => e.employeeType === type)).toBe(true);
  expect(d.employees.filter((e) => e.employeeType === 'PNS').length).toBeGreaterThan(d.employees.length / 2);

  // Units and positions.
  expect(unitCodes.size).toBe(d.units.length);
  expect(positionByCode.size).toBe(d.positions.length);
  for (const u of d.units) if (u.parentCode !== null) expect(unitCodes.has(u.parentCode)).toBe(true);
  expect(d.units.filter((u) => u.parentCode === null)).toHaveLength(1);
  for (const p of d.positions) {
    expect(unitCodes.has(p.unitCode)).toBe(true);
    expect(POSITION_KINDS).toContain(p.kind);
    expect(p.kelasJabatan).toBeGreaterThanOrEqual(1);
    expect(p.kelasJabatan).toBeLessThanOrEqual(17);
  }

  // Identity.
  const nips = new Set<string>();
  for (const e of d.employees) {
    if (e.employeeType === 'NON_ASN') {
      expect(e.nip).toBeNull();
      expect(e.internalId && isNonAsnIdentifier(e.internalId)).toBe(true);
      expect(e.golongan).toBeNull();
      continue;
    }
    if (!e.nip) throw new Error(`${e.name} has no NIP`);
    const parsed = parseNip(e.nip, {
      layout: e.employeeType === 'PNS' || e.employeeType === 'CPNS' ? 'PNS' : 'PPPK',
    });
    if (!parsed.ok) throw new Error(`${e.nip}: ${parsed.message}`);
    expect(nips.has(e.nip)).toBe(false);
    nips.add(e.nip);
    expect(parsed.value.birthDate).toBe(e.birthDate);
    expect(parsed.value.gender).toBe(e.gender);
    expect(parsed.value.appointmentYear).toBe(Number(e.activeFrom.slice(0, 4)));
    if (parsed.value.appointmentMonth) expect(e.activeFrom.slice(0, 7)).toBe(parsed.value.appointmentMonth);
  }
  const internalIds = d.employees.flatMap((e) => (e.internalId ? [e.internalId] : []));
  expect(new Set(internalIds).size).toBe(internalIds.length);

  // People.
  for (const e of d.employees) {
    expect(isLocalDate(e.birthDate)).toBe(true);
    expect(e.birthDate >= '1965-01-01' && e.birthDate <= '2000-12-31').toBe(true);
    expect(isLocalDate(e.activeFrom)).toBe(true);
    expect(e.activeFrom <= DEMO_AS_OF).toBe(true);
    expect(unitCodes.has(e.unitCode)).toBe(true);
    const position = positionByCode.get(e.positionCode);
    expect(position?.unitCode).toBe(e.unitCode);
    if (e.employeeType === 'PNS' || e.employeeType === 'CPNS')
      expect(isPnsGolongan(e.golongan ?? '')).toBe(true);
    if (e.employeeType === 'PPPK') expect(isPppkGolongan(e.golongan ?? '')).toBe(true);
    if (e.employeeType === 'PPPK_PARUH_WAKTU') expect(e.golongan).toBeNull();
  }
  const emails = d.employees.flatMap((e) => (e.email ? [e.email] : []));
  expect(new Set(emails).size).toBe(emails.length);

  // Heads: at most one holder per head position.
  const headHolders = new Map<string, number>();
  for (const e of d.employees) {
    if (positionByCode.get(e.positionCode)?.isHead)
      headHolders.set(e.positionCode, (headHolders.get(e.positionCode) ?? 0) + 1);
  }
  for (const count of headHolders.values()) expect(count).toBe(1);

  // Superiors exist, have a NIP, and every chain ends at the single top (the Sekda) without loops.
  const tops = d.employees.filter((e) => e.superiorNip === null);
  expect(tops).toHaveLength(1);
  expect(tops[0]?.positionCode).toBe('SETDA:KEPALA');
  for (const e of d.employees) {
    const seen = new Set<string>();
    let current = e;
    while (current.superiorNip !== null) {
      expect(current.superiorNip).not.toBe(current.nip);
      const superior = byNip.get(current.superiorNip);
      if (!superior) throw new Error(`Superior ${current.superiorNip} of ${current.name} does not exist`);
      expect(seen.has(current.superiorNip)).toBe(false);
      seen.add(current.superiorNip);
      current = superior;
    }
    expect(current).toBe(tops[0]);
  }

  // Offices inside Indonesia's bounding box.
  for (const u of d.units) {
    for (const o of u.offices) {
      expect(o.lat).toBeGreaterThan(-11.5);
      expect(o.lat).toBeLessThan(6.5);
      expect(o.lon).toBeGreaterThan(94.5);
      expect(o.lon).toBeLessThan(141.5);
      expect(o.radiusM).toBeGreaterThan(0);
    }
  }
  expect(d.units.filter((u) => u.timeZone === 'Asia/Makassar')).toHaveLength(1);

  // Placement history: one open placement per employee equal to the current one, closed ones before it.
  const key = (x: { nip: string | null; internalId?: string }) => x.nip ?? x.internalId ?? '';
  for (const e of d.employees) {
    const history = d.placementHistory.filter((p) => key(p) === key(e));
    const open = history.filter((p) => p.to === null);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ unitCode: e.unitCode, positionCode: e.positionCode });
    for (const p of history) {
      expect(positionByCode.get(p.positionCode)?.unitCode).toBe(p.unitCode);
      if (p.to !== null) {
        expect(p.from <= p.to).toBe(true);
        expect(p.to < (open[0]?.from ?? '')).toBe(true);
      }
    }
    expect(history.map((p) => p.from).sort()[0]).toBe(e.activeFrom);
  }
  expect(d.placementHistory.some((p) => p.to !== null && p.decree === undefined)).toBe(true);
  expect(d.placementHistory.filter((p) => p.decree).length).toBeGreaterThanOrEqual(10);

  // Acting assignments point at head positions and at employees.
  expect(d.actingAssignments.some((a) => a.kind === 'PLT')).toBe(true);
  expect(d.actingAssignments.some((a) => a.kind === 'PLH')).toBe(true);
  for (const a of d.actingAssignments) {
    expect(positionByCode.get(a.positionCode)?.isHead).toBe(true);
    expect(byNip.has(a.nip)).toBe(true);
    if (a.to !== null) expect(a.from <= a.to).toBe(true);
  }

  // Role grants.
  for (const g of d.roleGrants) {
    expect(unitCodes.has(g.unitCode)).toBe(true);
    if (g.nip) expect(byNip.has(g.nip)).toBe(true);
    else expect(d.employees.some((e) => e.internalId === g.username)).toBe(true);
  }
  const opds = d.units.filter((u) => u.kind === 'OPD').map((u) => u.code);
  expect(
    d.roleGrants
      .filter((g) => g.role === 'ADMIN_OPD')
      .map((g) => g.unitCode)
      .sort(),
  ).toEqual([...opds].sort());
  for (const role of ['BKD', 'INSPEKTORAT', 'PIMPINAN'] as const) {
    expect(d.roleGrants.some((g) => g.role === role && g.unitCode === 'PEMPROV')).toBe(true);
  }
}

describe('generateDemoData', () => {
  it('is deterministic: the same seed gives deep-equal output', () => {
    expect(generateDemoData(2026)).toEqual(data);
    expect(generateDemoData(7)).toEqual(generateDemoData(7));
  });

  it('differs between seeds', () => {
    expect(generateDemoData(7).employees.map((e) => e.nip)).not.toEqual(data.employees.map((e) => e.nip));
  });

  it.each([2026, 1, 42, 99_999])('holds every invariant for seed %i', (seed) => {
    checkInvariants(seed === 2026 ? data : generateDemoData(seed));
  });

  it('has the units of the news reports, by name', () => {
    const names = data.units.map((u) => u.name);
    for (const required of [
      'Pemerintah Provinsi Banten (Demo)',
      'Sekretariat Daerah',
      'Badan Kepegawaian Daerah',
      'Dinas Kesehatan',
      'Dinas Lingkungan Hidup dan Kehutanan',
      'Inspektorat',
      'Dinas Energi dan Sumber Daya Mineral',
      'Dinas Pekerjaan Umum dan Penataan Ruang',
      'Badan Pendapatan Daerah',
      'UPTD Samsat Ciruas',
      'UPTD Samsat Rangkasbitung',
      'UPTD Samsat Serpong',
      'UPTD Samsat Kelapa Dua',
    ]) {
      expect(names).toContain(required);
    }
    for (const kind of ['INSTANSI', 'OPD', 'BIDANG', 'UPTD', 'SEKOLAH', 'PUSKESMAS'] as const) {
      expect(data.units.some((u) => u.kind === kind)).toBe(true);
    }
  });

  it('puts the WITA unit in Sulawesi', () => {
    const wita = data.units.find((u) => u.timeZone === 'Asia/Makassar');
    expect(wita?.offices[0]?.lon).toBeGreaterThan(115);
    expect(data.employees.some((e) => e.unitCode === wita?.code)).toBe(true);
  });

  it('gives the Sekda JPT Madya kelas 15 and heads of OPD JPT Pratama kelas 14', () => {
    const sekda = data.positions.find((p) => p.code === 'SETDA:KEPALA');
    expect(sekda).toMatchObject({ kind: 'JPT_MADYA', kelasJabatan: 15, isHead: true });
    for (const u of data.units.filter((x) => x.kind === 'OPD' && x.code !== 'SETDA')) {
      expect(data.positions.find((p) => p.code === `${u.code}:KEPALA`)).toMatchObject({
        kind: 'JPT_PRATAMA',
        kelasJabatan: 14,
      });
    }
  });

  it('covers the vacant Kepala Dinas ESDM with an open Plt', () => {
    expect(data.employees.some((e) => e.positionCode === 'ESDM:KEPALA')).toBe(false);
    expect(data.actingAssignments).toContainEqual(
      expect.objectContaining({ positionCode: 'ESDM:KEPALA', kind: 'PLT', to: null }),
    );
  });

  it('picks demo logins for every role', () => {
    const logins = pickDemoLogins(data);
    for (const list of Object.values(logins)) expect(list.length).toBeGreaterThan(0);
    expect(logins.pegawai.some((l) => l.nip === null)).toBe(true);
    expect(logins.adminOpd.some((l) => l.nip === null)).toBe(true);
    const all = new Set(data.employees.map((e) => e.nip ?? e.internalId));
    for (const l of Object.values(logins).flat()) expect(all.has(l.login)).toBe(true);
  });

  it('names accounts that run every flow end to end: pegawai, their atasan, their PyBMC, admin OPD, BKD, Inspektorat, Sekda', () => {
    const a = pickDemoLogins(data);
    const byLogin = (login: string | undefined) =>
      data.employees.find((e) => (e.nip ?? e.internalId) === login)!;
    const pegawai = byLogin(a.pegawai[0]?.login);
    const atasan = byLogin(a.atasan[0]?.login);
    const pybmc = byLogin(a.pybmc[0]?.login);
    const opd = opdOfUnit(data, pegawai.unitCode);
    // The atasan is the pegawai's direct superior, and not also the one who grants leave (two steps).
    expect(pegawai.superiorNip).toBe(atasan.nip);
    expect(atasan.nip).not.toBe(pybmc.nip);
    // The leave-granting official (rulebook leave.approval default OPD_HEAD) holds the head post of the OPD.
    const leaveRules = JSON.parse(readFileSync('rulebooks/national/leave.json', 'utf8'));
    expect(leaveRules.approval.default).toBe('OPD_HEAD');
    expect(pybmc.positionCode).toBe(`${opd}:KEPALA`);
    // A year of service: annual leave is open to them (PP 11/2017 Pasal 310).
    expect(pegawai.activeFrom <= '2025-01-01').toBe(true);
    const grantOf = (login: string | undefined, role: string) =>
      data.roleGrants.find((g) => (g.nip ?? g.username) === login && g.role === role);
    expect(grantOf(a.adminOpd[0]?.login, 'ADMIN_OPD')?.unitCode).toBe(opd);
    expect(grantOf(a.bkd[0]?.login, 'BKD')?.unitCode).toBe('PEMPROV');
    expect(grantOf(a.inspektorat[0]?.login, 'INSPEKTORAT')?.unitCode).toBe('PEMPROV');
    expect(byLogin(a.pimpinan[0]?.login).positionCode).toBe('SETDA:KEPALA');
  });

  it('the README demo-login table and the start banner list the same accounts in the same order', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(
      readme.indexOf('## Demo logins'),
      readme.indexOf('\n## ', readme.indexOf('## Demo logins') + 5),
    );
    const rows = section
      .split('\n')
      .filter((l) => /^\| [^-|]/.test(l) && !l.startsWith('| Role'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim().replace(/^`|`$/g, '')),
      );
    const table = demoLoginTable(data);
    expect(rows).toEqual(table.map((r) => [r.role, r.login, r.who]));
    const banner = demoLoginBanner(data);
    expect(banner).toHaveLength(table.length);
    for (const [i, r] of table.entries()) {
      expect(banner[i]).toContain(r.login);
      expect(banner[i]).toContain(r.role);
      expect(banner[i]).toContain(r.who);
    }
    // The chain comes first: pegawai, atasan, PyBMC, admin OPD, BKD, Inspektorat, Sekda.
    const a = pickDemoLogins(data);
    expect(table.slice(1, 8).map((r) => r.login)).toEqual(
      [a.pegawai, a.atasan, a.pybmc, a.adminOpd, a.bkd, a.inspektorat, a.pimpinan].map((l) => l[0]!.login),
    );
  });
});
