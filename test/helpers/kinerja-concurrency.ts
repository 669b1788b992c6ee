/* eslint-disable @typescript-eslint/no-explicit-any */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { factories, type EmployeeRef, type UnitRef } from '../factories/index.ts';
import { composeNip } from '../../src/core/people/nip.ts';
import { BERAKHLAK } from '../../src/core/performance/performance-rules.ts';
import { login, type Client, type TestApp } from './test-app.ts';

/*
 * The e-Kinerja people of test/security/concurrency.test.ts (not a test itself). Under a unit of the demo
 * province (default Dinas Kesehatan, so its admin OPD holds kinerja.manage over it): kadis (head of the test
 * unit, atasan pejabat penilai of the staff) → kabid (pejabat penilai) → staff 0…n-1 (peers under one superior).
 * Everyone holds a structural position kind, so an SKP needs no cascade link. SKPs, reports and evaluations are
 * made through the API, as the employee and their assessors would.
 */

export interface KinerjaWorld {
  unit: UnitRef;
  kadis: { e: EmployeeRef; c: Client };
  kabid: { e: EmployeeRef; c: Client };
  staff: { e: EmployeeRef; c: Client }[];
}

const ok = async (res: Promise<LightMyRequestResponse> | LightMyRequestResponse, status?: number) => {
  const r = await res;
  if (status) expect(r.statusCode, r.body).toBe(status);
  else expect(r.statusCode, r.body).toBeLessThan(300);
  return r.json() as Record<string, any>;
};

export const put = (cl: Client, url: string, body: unknown) =>
  cl.request({ method: 'PUT', url, payload: body as object });

/** The test unit with its kadis, kabid and `staffCount` staff, each with an account, signed in. */
export async function buildKinerjaWorld(
  t: TestApp,
  opts: { parentCode?: string; staffCount?: number } = {},
): Promise<KinerjaWorld> {
  const f = factories(t);
  const parent = await t.db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'path', 'timeZone', 'attendanceStart'])
    .where('code', '=', opts.parentCode ?? 'DINKES')
    .executeTakeFirstOrThrow();
  const unit = await f.unit({
    code: 'KINERJA-KONKUREN',
    name: 'Bidang Uji Kinerja Konkuren',
    kind: 'BIDANG',
    parent: { ...parent, timeZone: parent.timeZone as UnitRef['timeZone'] },
    // Live when its parent went live: no month before it counts as missing (the closing cases close those).
    ...(parent.attendanceStart ? { attendanceStart: String(parent.attendanceStart) } : {}),
  });
  const pKadis = await f.position({ unit, isHead: true, kind: 'ADMINISTRATOR', name: 'Kepala Bidang Uji' });
  const pKabid = await f.position({ unit, kind: 'PENGAWAS', name: 'Kepala Seksi Uji' });
  const pStaf = await f.position({ unit, kind: 'PENGAWAS', name: 'Pengawas Uji' });
  let seq = 0;
  const person = async (name: string, position: typeof pStaf, superior: EmployeeRef | null) => {
    const n = ++seq;
    const birthDate = `1976-0${1 + (n % 9)}-2${n % 10}`;
    const nip = composeNip({ birthDate, gender: 'L', appointmentMonth: '2001-07', sequence: 900 + n });
    const e = await f.employee({ unit, name, nip, birthDate, gender: 'L', position, superior });
    await f.account(e);
    return { e, c: await login(t.app, e.login) };
  };
  const kadis = await person('Hadi Kadis Konkuren', pKadis, null);
  const kabid = await person('Rudi Kabid Konkuren', pKabid, kadis.e);
  const staff = [];
  for (let i = 0; i < (opts.staffCount ?? 8); i++)
    staff.push(await person(`Staf Konkuren ${i + 1}`, pStaf, kabid.e));
  return { unit, kadis, kabid, staff };
}

/** A body of an SKP with one RHK utama and one indicator. */
export const skpBody = (year: number, text = 'Terselenggaranya layanan uji konkurensi') => ({
  year,
  rhk: [
    {
      kind: 'UTAMA',
      text,
      penugasanDari: 'Perjanjian Kinerja Bidang',
      indicators: [
        { text: 'Jumlah layanan yang diselesaikan', aspect: 'KUANTITAS', targetMin: 12, satuan: 'Layanan' },
      ],
    },
  ],
});

/** A DRAFT SKP of the employee for the year (POST /api/kinerja/skp). */
export async function draftSkp(cl: Client, year: number): Promise<string> {
  return (await ok(cl.post('/api/kinerja/skp', skpBody(year)), 201)).skp.id;
}

/** A SUBMITTED SKP of the employee for the year. */
export async function submittedSkp(cl: Client, year: number): Promise<string> {
  const id = await draftSkp(cl, year);
  await ok(cl.post(`/api/kinerja/skp/${id}/submit`));
  return id;
}

/** An APPROVED SKP (submitted by the employee, approved by the penilai) with its RHK and indicator. */
export async function approvedSkp(cl: Client, penilai: Client, year: number) {
  const id = await submittedSkp(cl, year);
  const skp = await ok(penilai.post(`/api/kinerja/skp/${id}/decision`, { decision: 'APPROVE', note: '' }));
  expect(skp.status).toBe('APPROVED');
  return { skpId: id as string, rhkId: skp.rhk[0].id as string, indicatorId: skp.rhk[0].indicators[0].id };
}

/** A daily report (POST /api/kinerja/reports), SUBMITTED. */
export const reportBody = (rhkId: string, reportDate: string, minutes = 60) => ({
  clientId: randomUUID(),
  reportDate,
  rhkId,
  activity: 'Menyelesaikan layanan uji konkurensi',
  output: 'Layanan',
  quantity: 1,
  satuan: 'Layanan',
  minutes,
});
export async function report(cl: Client, rhkId: string, reportDate: string, minutes = 60): Promise<string> {
  return (await ok(cl.post('/api/kinerja/reports', reportBody(rhkId, reportDate, minutes)), 201)).id;
}

/** The evaluation periods of an SKP (GET /api/kinerja/evaluations/periods) as the penilai sees them. */
export async function periodsOf(penilai: Client, skpId: string) {
  return (await ok(penilai.get(`/api/kinerja/evaluations/periods?skpId=${skpId}`))).items as {
    kind: 'PERIODIK' | 'TAHUNAN';
    periodStart: string;
    periodEnd: string;
    evaluation: { id: string } | null;
  }[];
}

/** A DRAFT evaluation of the SKP's `index`-th period, started by the penilai. */
export async function draftEvaluation(penilai: Client, skpId: string, index: number): Promise<string> {
  const p = (await periodsOf(penilai, skpId))[index]!;
  return (
    await ok(
      penilai.post('/api/kinerja/evaluations', { skpId, kind: p.kind, periodStart: p.periodStart }),
      201,
    )
  ).id;
}

/** Both ratings set on a DRAFT evaluation. */
export async function rateEvaluation(penilai: Client, id: string, indicatorId: string) {
  await ok(
    put(penilai, `/api/kinerja/evaluations/${id}`, {
      realisation: [{ indicatorId, value: 12 }],
      hasilKerjaRating: 'SESUAI_EKSPEKTASI',
      perilakuRating: 'SESUAI_EKSPEKTASI',
    }),
  );
}

/** A FINAL evaluation (rated and finalised by the penilai; waits for the atasan penilai). */
export async function finalEvaluation(penilai: Client, skpId: string, index: number, indicatorId: string) {
  const id = await draftEvaluation(penilai, skpId, index);
  await rateEvaluation(penilai, id, indicatorId);
  const r = await ok(penilai.post(`/api/kinerja/evaluations/${id}/finalise`));
  expect(r.evaluation.status).toBe('FINAL');
  return id;
}

/** An APPROVED evaluation (finalised by the penilai, approved by the atasan penilai). */
export async function approvedEvaluation(
  w: KinerjaWorld,
  skpId: string,
  index: number,
  indicatorId: string,
): Promise<string> {
  const id = await finalEvaluation(w.kabid.c, skpId, index, indicatorId);
  const r = await ok(w.kadis.c.post(`/api/kinerja/evaluations/${id}/approve`));
  expect(r.status).toBe('APPROVED');
  return id;
}

/** The seven BerAKHLAK values rated as expected (peer feedback body). */
export const peerRatings = () => ({
  ratings: Object.fromEntries(BERAKHLAK.map((v) => [v, 'SESUAI_EKSPEKTASI'])),
  note: 'Bekerja sama dengan baik',
});
