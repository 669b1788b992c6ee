import type { AccountRef, EmployeeRef, Factories, UnitRef } from './index.ts';

/** One service unit below an OPD: its head, a plain employee reporting to the head, and two colleagues. */
export interface ServiceUnit {
  unit: UnitRef;
  /** The head of the unit (direct superior of `employee`), with an account. */
  head: EmployeeRef & { account: AccountRef };
  /** A plain PNS without a role grant or staff, with an account. */
  employee: EmployeeRef & { account: AccountRef };
  /** Two more plain employees of the unit with accounts and no grant. */
  colleagues: (EmployeeRef & { account: AccountRef })[];
}

/** An OPD (dinas/badan) with its head holding PIMPINAN over it, and one service unit below it. */
export interface Opd {
  unit: UnitRef;
  head: EmployeeRef & { account: AccountRef };
  service: ServiceUnit;
}

export interface SmallProvince {
  root: UnitRef;
  dinkes: Opd;
  bapenda: Opd;
  /** BKD over the province (an employee of the BKD unit). */
  bkd: EmployeeRef & { account: AccountRef };
  /** INSPEKTORAT over the province (an employee of the Inspektorat unit). */
  inspektorat: EmployeeRef & { account: AccountRef };
  /** ADMIN_OPD over Dinas Kesehatan (an employee of Dinas Kesehatan). */
  adminDinkes: EmployeeRef & { account: AccountRef };
}

/**
 * The demo province in miniature, with its unit codes and names: the province (PEMPROV); Dinas Kesehatan with
 * UPTD Puskesmas Curug and Badan Pendapatan Daerah with UPTD Samsat Ciruas, each OPD with its head (PIMPINAN over
 * it) and each UPTD with its head, one plain PNS reporting to that head and two colleagues; a BKD and an
 * INSPEKTORAT official over the province; an ADMIN_OPD of Dinas Kesehatan. Every person has an account (the
 * demo password) and a NIP; `admin` is the super admin. About 20 people instead of the demo's 400.
 */
export async function smallProvince(f: Factories): Promise<SmallProvince> {
  await f.admin();
  const root = await f.unit({
    code: 'PEMPROV',
    name: 'Pemerintah Provinsi Banten (Demo)',
    kind: 'INSTANSI',
    address: 'Kawasan Pusat Pemerintahan Provinsi Banten (KP3B), Curug, Kota Serang',
  });
  const person = async (input: Parameters<Factories['employee']>[0]) => {
    const e = await f.employee({ activeFrom: '2010-03-01', ...input });
    return { ...e, account: await f.account(e) };
  };

  async function opd(
    code: string,
    name: string,
    service: { code: string; name: string; kind: 'PUSKESMAS' | 'UPTD' },
  ): Promise<Opd> {
    const unit = await f.unit({ code, name, kind: 'OPD', parent: root });
    const head = await person({
      unit,
      name: `Kepala ${name}`,
      position: await f.position({ unit, code: `${code}:KEPALA`, isHead: true, kind: 'JPT_PRATAMA' }),
      golongan: 'IV/c',
    });
    await f.grant(head.account, 'PIMPINAN', unit);
    const sub = await f.unit({ code: service.code, name: service.name, kind: service.kind, parent: unit });
    const subHead = await person({
      unit: sub,
      name: `Kepala ${service.name}`,
      position: await f.position({ unit: sub, code: `${service.code}:KEPALA`, isHead: true }),
      superior: head,
      golongan: 'III/d',
    });
    const staff = (name: string) => person({ unit: sub, name, superior: subHead });
    return {
      unit,
      head,
      service: {
        unit: sub,
        head: subHead,
        employee: await staff(`Pegawai ${service.name}`),
        colleagues: [await staff(`Rekan Satu ${service.name}`), await staff(`Rekan Dua ${service.name}`)],
      },
    };
  }

  const dinkes = await opd('DINKES', 'Dinas Kesehatan', {
    code: 'DINKES-PKM-CURUG',
    name: 'UPTD Puskesmas Curug',
    kind: 'PUSKESMAS',
  });
  const bapenda = await opd('BAPENDA', 'Badan Pendapatan Daerah', {
    code: 'BAPENDA-SAMSAT-CIRUAS',
    name: 'UPTD Samsat Ciruas',
    kind: 'UPTD',
  });
  const bkdUnit = await f.unit({ code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD', parent: root });
  const bkd = await person({ unit: bkdUnit, name: 'Pejabat BKD' });
  await f.grant(bkd.account, 'BKD', root);
  const inspUnit = await f.unit({ code: 'INSP', name: 'Inspektorat', kind: 'OPD', parent: root });
  const inspektorat = await person({ unit: inspUnit, name: 'Auditor Inspektorat' });
  await f.grant(inspektorat.account, 'INSPEKTORAT', root);
  const adminDinkes = await person({
    unit: dinkes.unit,
    name: 'Admin Dinas Kesehatan',
    superior: dinkes.head,
  });
  await f.grant(adminDinkes.account, 'ADMIN_OPD', dinkes.unit);
  return { root, dinkes, bapenda, bkd, inspektorat, adminDinkes };
}
