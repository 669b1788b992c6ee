import ExcelJS from 'exceljs';
import { createTestApp, login, multipart, type Client, type TestApp } from './test-app.ts';
import { factories, type EmployeeRef } from '../factories/index.ts';
import { smallProvince, type SmallProvince } from '../factories/province.ts';

export { unchanged } from '../../src/server/modules/discipline/discipline-test-world.ts';

/*
 * The world of the TPP inputs API tests (src/server/modules/tpp/inputs-*.test.ts): the small province
 * (test/factories/province.ts, clock 15 January 2026) with the repository's rulebooks, two more posts so that the
 * region uses kelas 7, 9 and 12 (the heads' posts are kelas 12), and the people signed in:
 *
 *   bkd         BKD over the province (tpp.manage, tpp.run)   adminOpd   ADMIN_OPD of Dinas Kesehatan (tpp.run)
 *   insp        INSPEKTORAT over the province (tpp.read)      pimpinan   head of Dinas Kesehatan (tpp.read there)
 *   pegawai     a plain PNS of UPTD Puskesmas Curug (Dinkes)   rekan      her colleague
 *   atasan      their direct superior (head of the Puskesmas)  other      a plain PNS of UPTD Samsat Ciruas (Bapenda)
 *   admin       the super admin
 */

export type TppWho =
  'admin' | 'bkd' | 'insp' | 'pimpinan' | 'adminOpd' | 'pegawai' | 'rekan' | 'atasan' | 'other';

export interface TppInputsWorld {
  t: TestApp;
  p: SmallProvince;
  c: Record<TppWho, Client>;
  e: { pegawai: EmployeeRef; rekan: EmployeeRef; other: EmployeeRef; atasan: EmployeeRef };
}

export async function buildTppInputsWorld(): Promise<TppInputsWorld> {
  const t = await createTestApp({ demo: false, env: { LOGIN_RATE_PER_MINUTE: '1000' } });
  const f = factories(t);
  const p = await smallProvince(f);
  await f.rulebooks();
  await f.position({
    unit: p.dinkes.service.unit,
    kind: 'JF_AHLI_MUDA',
    kelasJabatan: 9,
    name: 'Epidemiolog Kesehatan Ahli Muda',
  });
  await f.position({
    unit: p.bapenda.service.unit,
    kind: 'PELAKSANA',
    kelasJabatan: 7,
    name: 'Pengolah Data',
  });
  const c: Record<TppWho, Client> = {
    admin: await login(t.app, 'admin'),
    bkd: await login(t.app, p.bkd.login),
    insp: await login(t.app, p.inspektorat.login),
    pimpinan: await login(t.app, p.dinkes.head.login),
    adminOpd: await login(t.app, p.adminDinkes.login),
    pegawai: await login(t.app, p.dinkes.service.employee.login),
    rekan: await login(t.app, p.dinkes.service.colleagues[0]!.login),
    atasan: await login(t.app, p.dinkes.service.head.login),
    other: await login(t.app, p.bapenda.service.employee.login),
  };
  return {
    t,
    p,
    c,
    e: {
      pegawai: p.dinkes.service.employee,
      rekan: p.dinkes.service.colleagues[0]!,
      other: p.bapenda.service.employee,
      atasan: p.dinkes.service.head,
    },
  };
}

/** One general row per kelas 1–17 (criterion beban kerja), `base + kelas × step` rupiah. */
export function generalRows(base = 2_000_000, step = 250_000) {
  return Array.from({ length: 17 }, (_, i) => ({
    kelas: i + 1,
    criterion: 'BEBAN_KERJA' as const,
    amount: base + (i + 1) * step,
  }));
}

/** An XLSX workbook of one sheet: the header row, then the rows. */
export async function xlsxOf(header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** POST a multipart upload of `buf` as `name` with the form fields. */
export function uploadTo(
  client: Client,
  url: string,
  fields: Record<string, string>,
  buf: Buffer,
  name = 'data.xlsx',
) {
  const mp = multipart(fields, {
    field: 'file',
    name,
    content: buf,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  return client.request({ method: 'POST', url, payload: mp.payload, headers: mp.headers });
}

/** The audit actions written about an entity type, oldest first. */
export async function auditActions(t: TestApp, entityType: string) {
  const rows = await t.db
    .selectFrom('auditLog')
    .select(['action', 'entityId', 'before', 'after'])
    .where('entityType', '=', entityType)
    .orderBy('id')
    .execute();
  return rows;
}
