import { randomUUID } from 'node:crypto';
import { createTestApp, login, type Client, type TestApp } from '../../../../test/helpers/test-app.ts';
import { json, unchanged } from '../../../../test/helpers/responses.ts';
import { factories, type EmployeeRef, type UnitRef } from '../../../../test/factories/index.ts';

/*
 * The small world of the evaluation tests (evaluations.test.ts, evaluations-scenario.test.ts), not a test itself.
 * DINAS (OPD): kadis (head) → kabid (head of Bidang P2P) → a, b, c (staff); sekre (Sekretaris, superior kadis) is
 * Plh of kabid's post in April 2027. BAPENDA (OPD): kaban (head) → d. adminDinas / adminBapenda hold ADMIN_OPD.
 * SKP and daily reports are written straight into their tables (their own sections are tested elsewhere).
 */

export type Who =
  'kadis' | 'kabid' | 'a' | 'b' | 'c' | 'sekre' | 'kaban' | 'd' | 'adminDinas' | 'adminBapenda';

export interface World {
  t: TestApp;
  c: Record<Who, Client>;
  e: Record<Who, EmployeeRef>;
  u: { root: UnitRef; dinas: UnitRef; bidang: UnitRef; bapenda: UnitRef };
  /** Signs these people in again (after the clock moved past the session's idle limit). */
  relogin(who?: Who[]): Promise<void>;
}

export async function buildWorld(now: string): Promise<World> {
  const t = await createTestApp({ demo: false, now, env: { LOGIN_RATE_PER_MINUTE: '1000' } });
  const f = factories(t);
  await f.rulebooks();
  const admin = (await f.admin()).actor;
  const root = await f.unit({ code: 'PEMPROV', name: 'Pemerintah Provinsi Banten' });
  const dinas = await f.unit({ code: 'DINKES', name: 'Dinas Kesehatan', kind: 'OPD', parent: root });
  const bidang = await f.unit({ code: 'P2P', name: 'Bidang P2P', kind: 'BIDANG', parent: dinas });
  const sekreU = await f.unit({ code: 'SEKRE', name: 'Sekretariat', kind: 'BIDANG', parent: dinas });
  const bapenda = await f.unit({ code: 'BAPENDA', name: 'Bapenda', kind: 'OPD', parent: root });
  const pKadis = await f.position({
    unit: dinas,
    isHead: true,
    kind: 'JPT_PRATAMA',
    name: 'Kepala Dinas Kesehatan',
  });
  const pKabid = await f.position({
    unit: bidang,
    isHead: true,
    kind: 'ADMINISTRATOR',
    name: 'Kepala Bidang P2P',
  });
  const pSekre = await f.position({
    unit: sekreU,
    isHead: true,
    kind: 'ADMINISTRATOR',
    name: 'Sekretaris Dinas',
  });
  const pKaban = await f.position({
    unit: bapenda,
    isHead: true,
    kind: 'JPT_PRATAMA',
    name: 'Kepala Bapenda',
  });
  const pStaf = await f.position({ unit: bidang, kind: 'PELAKSANA', name: 'Pengadministrasi Surveilans' });
  const pD = await f.position({ unit: bapenda, kind: 'PELAKSANA', name: 'Pengelola Pajak' });
  const e = {} as Record<Who, EmployeeRef>;
  e.kadis = await f.employee({ unit: dinas, position: pKadis, name: 'Ratna Kadis', golongan: 'IV/c' });
  e.kabid = await f.employee({
    unit: bidang,
    position: pKabid,
    superior: e.kadis,
    name: 'Budi Kabid',
    golongan: 'IV/a',
  });
  e.sekre = await f.employee({ unit: sekreU, position: pSekre, superior: e.kadis, name: 'Sari Sekretaris' });
  e.a = await f.employee({
    unit: bidang,
    position: pStaf,
    superior: e.kabid,
    name: 'Andi Staf',
    golongan: 'III/a',
  });
  e.b = await f.employee({ unit: bidang, position: pStaf, superior: e.kabid, name: 'Bela Staf' });
  e.c = await f.employee({ unit: bidang, position: pStaf, superior: e.kabid, name: 'Candra Staf' });
  e.kaban = await f.employee({ unit: bapenda, position: pKaban, name: 'Kurnia Kaban' });
  e.d = await f.employee({ unit: bapenda, position: pD, superior: e.kaban, name: 'Dodi Pajak' });
  e.adminDinas = await f.employee({ unit: dinas, name: 'Admin Dinkes' });
  e.adminBapenda = await f.employee({ unit: bapenda, name: 'Admin Bapenda' });
  await t.services.org.addActing(admin, e.sekre.id, {
    kind: 'PLH',
    positionId: pKabid.id,
    validFrom: '2027-04-01',
    validTo: '2027-04-30',
    reason: 'Kabid cuti',
  });
  const accounts = {} as Record<Who, Awaited<ReturnType<typeof f.account>>>;
  for (const k of Object.keys(e) as Who[]) accounts[k] = await f.account(e[k]);
  await f.grant(accounts.adminDinas, 'ADMIN_OPD', dinas);
  await f.grant(accounts.adminBapenda, 'ADMIN_OPD', bapenda);
  const c = {} as Record<Who, Client>;
  const relogin = async (who: Who[] = Object.keys(e) as Who[]) => {
    for (const k of who) c[k] = await login(t.app, e[k].login);
  };
  await relogin();
  return { t, c, e, u: { root, dinas, bidang, bapenda }, relogin };
}

export interface SkpIds {
  skpId: string;
  rhk: { id: string; indicators: string[] }[];
}

/** An SKP of 2027 with its RHK and indicators, APPROVED unless told. */
export async function insertSkp(
  t: TestApp,
  emp: EmployeeRef,
  rhk: {
    text: string;
    indicators: {
      text: string;
      aspect: string;
      targetMin: number;
      targetMax?: number | null;
      satuan: string;
    }[];
  }[],
  opts: { status?: string; penilaiId?: string | null; start?: string; end?: string } = {},
): Promise<SkpIds> {
  const skp = await t.db
    .insertInto('skp')
    .values({
      employeeId: emp.id,
      unitId: emp.unitId,
      positionId: emp.positionId,
      year: 2027,
      periodStart: opts.start ?? '2027-01-01',
      periodEnd: opts.end ?? '2027-12-31',
      approach: 'KUANTITATIF',
      status: opts.status ?? 'APPROVED',
      penilaiId: opts.penilaiId ?? emp.superiorId,
      atasanPenilaiId: null,
      returnNote: null,
      submittedAt: null,
      decidedAt: null,
      decidedBy: null,
      decidedAs: null,
      copiedFrom: null,
      createdBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const out: SkpIds = { skpId: skp.id, rhk: [] };
  let seq = 0;
  for (const r of rhk) {
    const row = await t.db
      .insertInto('skpRhk')
      .values({
        skpId: skp.id,
        kind: 'UTAMA',
        seq: ++seq,
        text: r.text,
        intervenesRhkId: null,
        penugasanDari: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids: string[] = [];
    let iseq = 0;
    for (const i of r.indicators) {
      const ir = await t.db
        .insertInto('skpIndicators')
        .values({
          rhkId: row.id,
          seq: ++iseq,
          text: i.text,
          aspect: i.aspect,
          targetMin: i.targetMin,
          targetMax: i.targetMax ?? null,
          satuan: i.satuan,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(ir.id);
    }
    out.rhk.push({ id: row.id, indicators: ids });
  }
  return out;
}

/** A daily report on an RHK (ACCEPTED unless told). */
export async function insertReport(
  t: TestApp,
  emp: EmployeeRef,
  skp: SkpIds,
  rhkIndex: number,
  date: string,
  quantity: number | null,
  status = 'ACCEPTED',
) {
  await t.db
    .insertInto('dailyReports')
    .values({
      employeeId: emp.id,
      unitId: emp.unitId,
      skpId: skp.skpId,
      rhkId: skp.rhk[rhkIndex]!.id,
      reportDate: date,
      activity: 'Menyusun laporan',
      output: 'Laporan',
      quantity,
      satuan: 'Laporan',
      minutes: 120,
      latitude: null,
      longitude: null,
      accuracyM: null,
      clientId: randomUUID(),
      recordedAt: null,
      status,
      verifierId: null,
      verifiedAs: null,
      verifiedAt: null,
      verifyNote: null,
    })
    .execute();
}

export { json, unchanged };

export const put = (cl: Client, url: string, body: unknown) =>
  cl.request({ method: 'PUT', url, payload: body as object });
