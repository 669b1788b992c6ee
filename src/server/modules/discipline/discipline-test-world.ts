/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The shared test world of the discipline module's API tests (cases*.test.ts and the other sections' tests), not a
 * test itself. Keep it backward compatible: other test files import it.
 *
 * A province-like tree on a fixed clock (default Monday 1 March 2027, 09:00 WIB):
 * - PEMPROV (root)
 *   - DINKES (OPD): kadis (head, JPT_PRATAMA kelas 14)
 *     - BIDANG P2P: kabid (head, ADMINISTRATOR kelas 12, superior kadis); jf (JF Ahli Pertama kelas 8, superior
 *       kabid); sekdin: a second administrator (Sekretaris Dinas kelas 12, superior kadis, own unit SEKRETARIAT)
 *       - SEKSI SURVEILANS (a BIDANG unit): kasi (head, PENGAWAS kelas 9, superior kabid);
 *         pegawai (the examinee: PELAKSANA kelas 7, superior kasi); rekan (colleague, PELAKSANA kelas 7, superior
 *         kasi); honorer (NON_ASN, PELAKSANA kelas 1, superior kasi); pppk (PPPK, PELAKSANA kelas 7, superior kasi)
 *     - adminOpd: ADMIN_OPD of DINKES (a pelaksana of the OPD, no position above the staff)
 *   - BKD (OPD): kaBkd (head, JPT_PRATAMA kelas 14, BKD grant over the province: discipline.manage);
 *     bkd (Kepala Bidang Pembinaan, ADMINISTRATOR kelas 12, BKD grant over the province); bkdStaf (PELAKSANA
 *     kelas 6, lower rank than the examinee, no grant)
 *   - INSPEKTORAT (OPD): inspektur (head, JPT_PRATAMA kelas 14); insp (Inspektur Pembantu, ADMINISTRATOR kelas 12,
 *     INSPEKTORAT grant over the province)
 *   - BAPENDA (second OPD, for scope refusals): kaban (head, JPT_PRATAMA kelas 14); other (PELAKSANA kelas 7,
 *     superior kaban); adminOther (ADMIN_OPD of BAPENDA)
 * Everyone has an account and a signed-in client in `c`.
 */
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { json, unchanged } from '../../../../test/helpers/responses.ts';
import {
  factories,
  type EmployeeRef,
  type PositionRef,
  type UnitRef,
} from '../../../../test/factories/index.ts';

export const DISCIPLINE_WORLD_NOW = '2027-03-01T02:00:00Z';

export type DisciplineWho =
  | 'kadis'
  | 'kabid'
  | 'sekdin'
  | 'jf'
  | 'kasi'
  | 'pegawai'
  | 'rekan'
  | 'honorer'
  | 'pppk'
  | 'adminOpd'
  | 'kaBkd'
  | 'bkd'
  | 'bkdStaf'
  | 'inspektur'
  | 'insp'
  | 'kaban'
  | 'other'
  | 'adminOther';

export type DisciplinePost = 'kadis' | 'kabid' | 'sekdin' | 'kasi' | 'staf' | 'jf' | 'kaban';

export interface DisciplineWorld {
  t: TestApp;
  f: ReturnType<typeof factories>;
  /** Signed-in clients. */
  c: Record<DisciplineWho, Client>;
  e: Record<DisciplineWho, EmployeeRef>;
  u: {
    root: UnitRef;
    dinkes: UnitRef;
    bidang: UnitRef;
    sekretariat: UnitRef;
    seksi: UnitRef;
    bkd: UnitRef;
    inspektorat: UnitRef;
    bapenda: UnitRef;
  };
  p: Record<DisciplinePost, PositionRef>;
  /** The super admin actor (for org services in tests: acting assignments, moves). */
  admin: Awaited<ReturnType<ReturnType<typeof factories>['admin']>>;
  /** Signs these people in again (after the clock moved past the session's idle limit). */
  relogin(who?: DisciplineWho[]): Promise<void>;
  /** Makes `who` Plt/Plh of a post for a period (org service). */
  acting(
    who: DisciplineWho,
    post: DisciplinePost,
    kind: 'PLT' | 'PLH',
    from: string,
    to: string | null,
  ): Promise<void>;
  /** Moves the fixed clock (ISO instant) and signs everyone in again. */
  setNow(iso: string): Promise<void>;
}

/** Builds the world on a fresh database (close it with `w.t.close()`). */
export async function buildDisciplineWorld(
  opts: { now?: string; env?: Record<string, string> } = {},
): Promise<DisciplineWorld> {
  const t = await createTestApp({
    demo: false,
    now: opts.now ?? DISCIPLINE_WORLD_NOW,
    env: { LOGIN_RATE_PER_MINUTE: '1000', ...opts.env },
  });
  const f = factories(t);
  await f.rulebooks();
  const admin = await f.admin();
  const root = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Uji', kind: 'INSTANSI' });
  const dinkes = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
  const bidang = await f.unit({ code: 'P2P', name: 'Bidang P2P', kind: 'BIDANG', parent: dinkes });
  const sekretariat = await f.unit({ code: 'SEKDIN', name: 'Sekretariat', kind: 'BIDANG', parent: dinkes });
  const seksi = await f.unit({ code: 'SURV', name: 'Seksi Surveilans', kind: 'BIDANG', parent: bidang });
  const bkd = await f.unit({ code: 'BKD', name: 'Badan Kepegawaian Daerah', kind: 'OPD', parent: root });
  const inspektorat = await f.unit({ code: 'INSP', name: 'Inspektorat', kind: 'OPD', parent: root });
  const bapenda = await f.unit({
    code: 'BAPENDA',
    name: 'Badan Pendapatan Daerah',
    kind: 'OPD',
    parent: root,
  });

  const pos = (
    unit: UnitRef,
    kind: Parameters<typeof f.position>[0]['kind'],
    kelasJabatan: number,
    name: string,
    isHead = false,
  ) => f.position({ unit, kind, kelasJabatan, name, isHead });
  const p = {
    kadis: await pos(dinkes, 'JPT_PRATAMA', 14, 'Kepala Dinas Kesehatan', true),
    kabid: await pos(bidang, 'ADMINISTRATOR', 12, 'Kepala Bidang P2P', true),
    sekdin: await pos(sekretariat, 'ADMINISTRATOR', 12, 'Sekretaris Dinas', true),
    kasi: await pos(seksi, 'PENGAWAS', 9, 'Kepala Seksi Surveilans', true),
    staf: await pos(seksi, 'PELAKSANA', 7, 'Pengadministrasi Surveilans'),
    jf: await pos(bidang, 'JF_AHLI_PERTAMA', 8, 'Epidemiolog Kesehatan Ahli Pertama'),
    kaban: await pos(bapenda, 'JPT_PRATAMA', 14, 'Kepala Badan Pendapatan Daerah', true),
  };
  const honorerPos = await pos(seksi, 'PELAKSANA', 1, 'Tenaga Pendukung');
  const adminPos = await pos(dinkes, 'PELAKSANA', 7, 'Pengelola Kepegawaian');
  const kaBkdPos = await pos(bkd, 'JPT_PRATAMA', 14, 'Kepala Badan Kepegawaian Daerah', true);
  const bkdUnitPembinaan = await f.unit({
    code: 'BKD-PEMB',
    name: 'Bidang Pembinaan',
    kind: 'BIDANG',
    parent: bkd,
  });
  const bkdPos = await pos(bkdUnitPembinaan, 'ADMINISTRATOR', 12, 'Kepala Bidang Pembinaan', true);
  const bkdStafPos = await pos(bkdUnitPembinaan, 'PELAKSANA', 6, 'Pengadministrasi Kepegawaian');
  const inspekturPos = await pos(inspektorat, 'JPT_PRATAMA', 14, 'Inspektur', true);
  const irbanUnit = await f.unit({
    code: 'IRBAN1',
    name: 'Inspektur Pembantu I',
    kind: 'BIDANG',
    parent: inspektorat,
  });
  const inspPos = await pos(irbanUnit, 'ADMINISTRATOR', 12, 'Inspektur Pembantu I', true);
  const otherPos = await pos(bapenda, 'PELAKSANA', 7, 'Pengelola Pajak');
  const adminOtherPos = await pos(bapenda, 'PELAKSANA', 7, 'Pengelola Kepegawaian Bapenda');

  const e = {} as Record<DisciplineWho, EmployeeRef>;
  e.kadis = await f.employee({ unit: dinkes, position: p.kadis, name: 'Ratna Kadis', golongan: 'IV/c' });
  e.kabid = await f.employee({
    unit: bidang,
    position: p.kabid,
    superior: e.kadis,
    name: 'Budi Kabid',
    golongan: 'IV/a',
  });
  e.sekdin = await f.employee({
    unit: sekretariat,
    position: p.sekdin,
    superior: e.kadis,
    name: 'Sari Sekdin',
    golongan: 'IV/a',
  });
  e.jf = await f.employee({ unit: bidang, position: p.jf, superior: e.kabid, name: 'Joko Epidemiolog' });
  e.kasi = await f.employee({
    unit: seksi,
    position: p.kasi,
    superior: e.kabid,
    name: 'Kiki Kasi',
    golongan: 'III/d',
  });
  e.pegawai = await f.employee({
    unit: seksi,
    position: p.staf,
    superior: e.kasi,
    name: 'Putri Pegawai',
    golongan: 'III/a',
    activeFrom: '2020-01-02',
  });
  e.rekan = await f.employee({ unit: seksi, position: p.staf, superior: e.kasi, name: 'Rudi Rekan' });
  e.honorer = await f.employee({
    unit: seksi,
    position: honorerPos,
    superior: e.kasi,
    name: 'Hana Honorer',
    employeeType: 'NON_ASN',
  });
  e.pppk = await f.employee({
    unit: seksi,
    position: p.staf,
    superior: e.kasi,
    name: 'Pandu PPPK',
    employeeType: 'PPPK',
  });
  e.adminOpd = await f.employee({ unit: dinkes, position: adminPos, name: 'Ayu Admin Dinkes' });
  e.kaBkd = await f.employee({ unit: bkd, position: kaBkdPos, name: 'Tati Kepala BKD', golongan: 'IV/c' });
  e.bkd = await f.employee({
    unit: bkdUnitPembinaan,
    position: bkdPos,
    superior: e.kaBkd,
    name: 'Bagus Pembinaan BKD',
    golongan: 'IV/a',
  });
  e.bkdStaf = await f.employee({
    unit: bkdUnitPembinaan,
    position: bkdStafPos,
    superior: e.bkd,
    name: 'Bima Staf BKD',
    golongan: 'II/c',
  });
  e.inspektur = await f.employee({
    unit: inspektorat,
    position: inspekturPos,
    name: 'Wulan Inspektur',
    golongan: 'IV/c',
  });
  e.insp = await f.employee({
    unit: irbanUnit,
    position: inspPos,
    superior: e.inspektur,
    name: 'Indra Irban',
    golongan: 'IV/a',
  });
  e.kaban = await f.employee({ unit: bapenda, position: p.kaban, name: 'Kurnia Kaban', golongan: 'IV/c' });
  e.other = await f.employee({ unit: bapenda, position: otherPos, superior: e.kaban, name: 'Dodi Bapenda' });
  e.adminOther = await f.employee({ unit: bapenda, position: adminOtherPos, name: 'Adi Admin Bapenda' });

  const accounts = {} as Record<DisciplineWho, Awaited<ReturnType<typeof f.account>>>;
  for (const k of Object.keys(e) as DisciplineWho[]) accounts[k] = await f.account(e[k]);
  await f.grant(accounts.adminOpd, 'ADMIN_OPD', dinkes);
  await f.grant(accounts.adminOther, 'ADMIN_OPD', bapenda);
  await f.grant(accounts.kaBkd, 'BKD', root);
  await f.grant(accounts.bkd, 'BKD', root);
  await f.grant(accounts.insp, 'INSPEKTORAT', root);

  const c = {} as Record<DisciplineWho, Client>;
  const relogin = async (who: DisciplineWho[] = Object.keys(e) as DisciplineWho[]) => {
    for (const k of who) c[k] = await login(t.app, e[k].login);
  };
  await relogin();

  const w: DisciplineWorld = {
    t,
    f,
    c,
    e,
    u: { root, dinkes, bidang, sekretariat, seksi, bkd, inspektorat, bapenda },
    p,
    admin,
    relogin,
    async acting(who, post, kind, from, to) {
      await t.services.org.addActing(admin.actor, e[who].id, {
        kind,
        positionId: p[post].id,
        validFrom: from,
        validTo: to,
        reason: kind === 'PLH' ? 'Pejabat berhalangan sementara' : 'Jabatan lowong',
      });
      await relogin([who]);
    },
    async setNow(iso) {
      t.clock.set(iso);
      await relogin();
    },
  };
  return w;
}

export { json, unchanged };

/** A valid body for opening a case by hand on `employeeId` (overridable). */
export function openCaseBody(employeeId: string, over: Record<string, unknown> = {}) {
  return {
    employeeId,
    source: 'INSPEKSI',
    sourceRef: 'LHP Inspeksi 700/12/2027',
    violationCode: 'PASAL_3',
    violationDate: '2027-02-15',
    description: 'Tidak melaksanakan tugas yang diberikan atasan dengan penuh tanggung jawab.',
    expectedLevel: 'ringan',
    ...over,
  };
}

/** Opens a case through the API as `by` (default: the examinee's direct superior kasi); returns the view. */
export async function openCase(
  w: DisciplineWorld,
  over: Record<string, unknown> = {},
  by: DisciplineWho = 'kasi',
): Promise<Record<string, any>> {
  return json(await w.c[by].post('/api/discipline/cases', openCaseBody(w.e.pegawai.id, over)), 201);
}

/**
 * Drives a ringan case on `pegawai` examined by kasi (direct superior) through the API up to `until`:
 * PEMANGGILAN (after telaah), PANGGILAN_I (summons letter 2027-03-01, exam 2027-03-15: the earliest date 7 working
 * days after the letter on the national 2027 calendar, 8, 10 and 11 March being holidays / cuti bersama),
 * PEMERIKSAAN (BAP on 2027-03-15, the clock moved there), or PENJATUHAN (report proposing R2, whose competent
 * official is kasi, the Pengawas one level above). Returns the case id.
 * Moves the clock to 2027-03-15 09:00 WIB for PEMERIKSAAN and later.
 */
export async function driveRinganCase(
  w: DisciplineWorld,
  until: 'TELAAH' | 'PEMANGGILAN' | 'PANGGILAN_I' | 'PEMERIKSAAN' | 'PENJATUHAN',
  over: Record<string, unknown> = {},
): Promise<string> {
  const opened = await openCase(w, over);
  const id = opened.case.id as string;
  if (until === 'TELAAH') return id;
  json(
    await w.c.kasi.post(`/api/discipline/cases/${id}/telaah`, {
      examiner: 'ATASAN',
      expectedLevel: (over.expectedLevel as string) ?? 'ringan',
      note: 'Cukup diperiksa atasan langsung.',
    }),
  );
  if (until === 'PEMANGGILAN') return id;
  json(
    await w.c.kasi.post(`/api/discipline/cases/${id}/summons`, {
      letterNumber: '800/01/SURV/2027',
      letterDate: '2027-03-01',
      examDate: '2027-03-15',
      examTime: '09:00',
      examPlace: 'Ruang rapat Seksi Surveilans',
    }),
  );
  if (until === 'PANGGILAN_I') return id;
  await w.setNow('2027-03-15T02:00:00Z');
  json(
    await w.c.kasi.post(`/api/discipline/cases/${id}/examination`, {
      examDate: '2027-03-15',
      mode: 'TATAP_MUKA',
      place: 'Ruang rapat Seksi Surveilans',
      qa: [{ question: 'Apakah Saudara mengetahui tugas tersebut?', answer: 'Ya, saya mengetahuinya.' }],
      examineeStatement: 'Saya lalai.',
      signedByExaminee: true,
      copyGivenOn: '2027-03-15',
      teamNotes: 'Catatan atasan: terperiksa kooperatif.',
    }),
  );
  if (until === 'PEMERIKSAAN') return id;
  json(
    await w.c.kasi.post(`/api/discipline/cases/${id}/report`, {
      summary: 'Terbukti lalai melaksanakan tugas.',
      foundLevel: 'ringan',
      proposedSanction: 'R2',
    }),
  );
  return id;
}
