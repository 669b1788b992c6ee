import { randomUUID } from 'node:crypto';
import { ctxOf } from '../../auth/auth-service.ts';
import { inScope, requireAny, scopeOf, type Actor } from '../../auth/authz.ts';
import type { Exec } from '../../relations/relations-service.ts';
import { parseTableFile, type RawRow } from '../../lib/table-file.ts';
import type { TppContext } from './tpp-context.ts';
import type { BankAccount, PaySection } from './inputs-pay.ts';
import {
  fullName,
  importInvalid,
  lockImport,
  parseDateCell,
  parseRupiahCell,
  requireColumns,
  type EmployeeTarget,
  type ImportColumn,
} from './inputs-common.ts';
import { formatDdMmYyyy } from '../../../core/common/date-text.ts';
import { normalizeNip } from '../../../core/people/nip.ts';
import { normalizeAccountNumber, normalizeNpwp } from '../../../core/tpp/bank-account.ts';
import { isSafeText } from '../../../shared/api/common.ts';
import type { PayImportReport, SalaryAdd, TppImportRowError } from '../../../shared/api/tpp-inputs.ts';

/** The columns of the pay data file (issue 17 point 1): a gaji entry, a bank account, or both per row. */
export const PAY_COLUMNS: ImportColumn[] = [
  { name: 'nip', required: true, example: '198503122010011003', description: 'NIP pegawai (18 digit)' },
  {
    name: 'gaji_pokok',
    required: false,
    example: '3500000',
    description: 'Gaji pokok per bulan, rupiah bulat',
  },
  {
    name: 'berlaku_mulai',
    required: false,
    example: '01/01/2026',
    description: 'Tanggal gaji pokok berlaku (dd/MM/yyyy); wajib bila gaji_pokok diisi',
  },
  {
    name: 'dasar',
    required: false,
    example: 'KGB 800/12/2025',
    description: 'Dasar gaji pokok (SK/KGB), boleh kosong',
  },
  { name: 'bank', required: false, example: 'Bank Jabar Banten', description: 'Nama bank' },
  {
    name: 'nomor_rekening',
    required: false,
    example: '0012345678',
    description: 'Nomor rekening, 6–20 digit (spasi, titik dan strip dibuang)',
  },
  { name: 'nama_pemilik', required: false, example: 'Siti Aminah', description: 'Nama pemilik rekening' },
  { name: 'npwp', required: false, example: '', description: 'NPWP 15 atau 16 digit, boleh kosong' },
];

const ALIASES: Record<string, string> = {
  nip_baru: 'nip',
  nip_pegawai: 'nip',
  gaji: 'gaji_pokok',
  gapok: 'gaji_pokok',
  tmt: 'berlaku_mulai',
  tmt_gaji: 'berlaku_mulai',
  tanggal_berlaku: 'berlaku_mulai',
  dasar_gaji: 'dasar',
  nomor_sk: 'dasar',
  nama_bank: 'bank',
  no_rekening: 'nomor_rekening',
  no_rek: 'nomor_rekening',
  rekening: 'nomor_rekening',
  nama_pemilik_rekening: 'nama_pemilik',
  atas_nama: 'nama_pemilik',
};

/** One valid row: the employee's NIP, a gaji entry and/or an account. */
interface PayRow {
  line: number;
  nip: string;
  salary: SalaryAdd | null;
  bank: BankAccount | null;
}

/** Check the cells of one row; a row with any bad cell gives its errors and no row. */
function parseRow(raw: RawRow, errors: TppImportRowError[]): PayRow | null {
  const c = (k: string) => (raw.cells[k] ?? '').trim();
  const before = errors.length;
  const err = (column: string | null, message: string) => errors.push({ line: raw.line, column, message });
  const textCell = (k: string, label: string, max: number) => {
    const v = c(k).normalize('NFC');
    if (!isSafeText(v) || /[\r\n]/.test(v)) err(k, `${label} berisi karakter yang tidak diperbolehkan`);
    else if (v.length > max) err(k, `${label} paling banyak ${max} karakter`);
    return v;
  };
  const nip = normalizeNip(c('nip'));
  if (!nip) err('nip', 'NIP wajib diisi');
  else if (!/^\d{18}$/.test(nip)) err('nip', `NIP "${c('nip')}" harus 18 digit`);

  let salary: SalaryAdd | null = null;
  const gajiText = c('gaji_pokok');
  const fromText = c('berlaku_mulai');
  const reference = textCell('dasar', 'Dasar gaji', 200) || null;
  if (gajiText || fromText) {
    const gaji = parseRupiahCell(gajiText);
    if (!gajiText) err('gaji_pokok', 'Gaji pokok wajib diisi bila tanggal berlaku diisi');
    else if (!Number.isFinite(gaji)) err('gaji_pokok', `Gaji pokok "${gajiText}" bukan angka`);
    else if (gaji < 0) err('gaji_pokok', 'Gaji pokok tidak boleh negatif');
    else if (!Number.isInteger(gaji)) err('gaji_pokok', `Gaji pokok harus rupiah bulat, bukan ${gajiText}`);
    else if (gaji > 1_000_000_000) err('gaji_pokok', 'Gaji pokok melebihi Rp 1.000.000.000');
    const validFrom = fromText ? parseDateCell(fromText) : null;
    if (!fromText) err('berlaku_mulai', 'Tanggal berlaku gaji pokok wajib diisi');
    else if (!validFrom)
      err('berlaku_mulai', `Tanggal "${fromText}" harus berformat dd/MM/yyyy dan ada di kalender`);
    if (errors.length === before) salary = { validFrom: validFrom!, gajiPokok: gaji, reference };
  }

  let bank: BankAccount | null = null;
  const bankCells = ['bank', 'nomor_rekening', 'nama_pemilik', 'npwp'].some((k) => c(k) !== '');
  if (bankCells) {
    const at = errors.length;
    const bankName = textCell('bank', 'Nama bank', 100);
    if (!bankName) err('bank', 'Nama bank wajib diisi bila rekening diisi');
    const account = normalizeAccountNumber(c('nomor_rekening'));
    if (!account.ok) err('nomor_rekening', account.message);
    const accountHolder = textCell('nama_pemilik', 'Nama pemilik rekening', 200);
    if (!accountHolder) err('nama_pemilik', 'Nama pemilik rekening wajib diisi bila rekening diisi');
    const npwp = c('npwp') ? normalizeNpwp(c('npwp')) : null;
    if (npwp && !npwp.ok) err('npwp', npwp.message);
    if (errors.length === at && account.ok)
      bank = { bankName, accountNumber: account.value, accountHolder, npwp: npwp?.ok ? npwp.value : null };
  }
  if (!gajiText && !fromText && !bankCells && errors.length === before)
    err(null, 'Baris tidak berisi gaji pokok maupun rekening');
  return errors.length > before ? null : { line: raw.line, nip, salary, bank };
}

/**
 * The pay data import (issue 17 point 1): one row per employee (NIP) with a gaji entry and/or a bank account. Every
 * row is checked (cells, the employee and the importer's tpp.run over her unit, the same entry twice in the file);
 * a dry run answers the report, a commit writes every row or none (422 IMPORT_INVALID with the row errors).
 */
export function createPayImport(ctx: TppContext, pay: PaySection) {
  const { db, audit, config } = ctx;

  async function check(actor: Actor, exec: Exec, raws: RawRow[]) {
    const scope = scopeOf(actor, 'tpp.run');
    const errors: TppImportRowError[] = [];
    const rows = raws.map((r) => parseRow(r, errors)).filter((r): r is PayRow => r !== null);
    const nips = [...new Set(rows.map((r) => r.nip))];
    const found = nips.length
      ? await exec
          .selectFrom('employees as e')
          .innerJoin('units as u', 'u.id', 'e.unitId')
          .select([
            'e.id',
            'e.nip',
            'e.name',
            'e.frontTitle',
            'e.backTitle',
            'e.unitId',
            'u.name as unitName',
            'u.path',
          ])
          .where('e.nip', 'in', nips)
          .execute()
      : [];
    const byNip = new Map(found.map((e) => [e.nip!, e]));
    const plan: { row: PayRow; employee: EmployeeTarget }[] = [];
    const firstSalary = new Map<string, number>();
    const firstBank = new Map<string, PayRow>();
    for (const r of rows) {
      const e = byNip.get(r.nip);
      if (!e) {
        errors.push({ line: r.line, column: 'nip', message: `NIP ${r.nip} tidak dikenal di Abdi` });
        continue;
      }
      if (!inScope(scope, e.path)) {
        errors.push({
          line: r.line,
          column: 'nip',
          message: `Pegawai ${r.nip} (${fullName(e)}) di luar lingkup kewenangan Anda (tpp.run)`,
        });
        continue;
      }
      let bad = false;
      if (r.salary) {
        const key = `${r.nip}|${r.salary.validFrom}`;
        const first = firstSalary.get(key);
        if (first !== undefined) {
          errors.push({
            line: r.line,
            column: 'berlaku_mulai',
            message: `Gaji pokok NIP ${r.nip} berlaku ${formatDdMmYyyy(r.salary.validFrom)} sudah ada di baris ${first}`,
          });
          bad = true;
        } else firstSalary.set(key, r.line);
      }
      if (r.bank) {
        const first = firstBank.get(r.nip);
        if (first && JSON.stringify(first.bank) !== JSON.stringify(r.bank)) {
          errors.push({
            line: r.line,
            column: 'nomor_rekening',
            message: `Rekening NIP ${r.nip} berbeda dengan baris ${first.line}; satu pegawai satu rekening`,
          });
          bad = true;
        } else if (!first) firstBank.set(r.nip, r);
      }
      if (!bad)
        plan.push({
          row: r,
          employee: {
            id: e.id,
            nip: e.nip,
            name: fullName(e),
            unitId: e.unitId,
            unitName: e.unitName,
            unitPath: e.path,
          },
        });
    }
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? '').localeCompare(b.column ?? ''));
    return { plan, errors, badLines: new Set(errors.map((e) => e.line)) };
  }

  /** What a commit would change: gaji entries and accounts that differ from the stored ones. */
  async function counts(exec: Exec, plan: Awaited<ReturnType<typeof check>>['plan']) {
    const ids = [...new Set(plan.map((p) => p.employee.id))];
    const stored = ids.length
      ? await exec
          .selectFrom('employeeSalaries')
          .select(['employeeId', 'validFrom', 'gajiPokok', 'reference'])
          .where('employeeId', 'in', ids)
          .execute()
      : [];
    const salaries = new Map(stored.map((s) => [`${s.employeeId}|${s.validFrom}`, s]));
    const banks = await pay.bankAccounts(exec, ids);
    let salaryChanges = 0;
    let bankChanges = 0;
    let unchanged = 0;
    const bankSeen = new Set<string>();
    for (const { row, employee } of plan) {
      let changes = 0;
      if (row.salary) {
        const s = salaries.get(`${employee.id}|${row.salary.validFrom}`);
        if (!s || Number(s.gajiPokok) !== row.salary.gajiPokok || s.reference !== row.salary.reference) {
          salaryChanges++;
          changes++;
        }
      }
      if (row.bank && !bankSeen.has(employee.id)) {
        bankSeen.add(employee.id);
        if (JSON.stringify(banks.get(employee.id) ?? null) !== JSON.stringify(row.bank)) {
          bankChanges++;
          changes++;
        }
      }
      if (changes === 0) unchanged++;
    }
    return { employees: ids.length, salaries: salaryChanges, bankAccounts: bankChanges, unchanged };
  }

  /**
   * POST /pay/import. @throws FORBIDDEN without tpp.run anywhere; UNSUPPORTED_FILE, FILE_TOO_LARGE; IMPORT_INVALID
   * (422, details = the row errors) for a commit with a bad row, writing nothing
   */
  async function importFile(
    actor: Actor,
    fileName: string,
    buf: Buffer,
    dryRun: boolean,
  ): Promise<PayImportReport> {
    requireAny(actor, 'tpp.run');
    const { headers, rows: raws } = await parseTableFile(fileName, buf, ALIASES, config.importLimits);
    requireColumns(headers, raws, PAY_COLUMNS);
    const report = async (
      exec: Exec,
      c: Awaited<ReturnType<typeof check>>,
      importId: string | null,
      n?: PayImportReport['counts'],
    ): Promise<PayImportReport> => ({
      fileName,
      dryRun,
      committed: importId !== null,
      totalRows: raws.length,
      validRows: raws.filter((r) => !c.badLines.has(r.line)).length,
      errors: c.errors,
      counts: n ?? (await counts(exec, c.plan)),
      importId,
    });
    if (dryRun) return report(db, await check(actor, db, raws), null);

    return db.transaction().execute(async (trx) => {
      await lockImport(trx, 'pay');
      const c = await check(actor, trx, raws);
      if (c.errors.length) throw importInvalid(c.errors);
      const n = await counts(trx, c.plan);
      const importId = randomUUID();
      const source = { kind: 'XLSX' as const, fileName, importId };
      for (const { row, employee } of c.plan) {
        if (row.salary) await pay.writeSalary(trx, actor, employee, row.salary, source);
        if (row.bank) await pay.writeBank(trx, actor, employee, row.bank, source);
      }
      await audit.record(trx, ctxOf(actor), {
        action: 'import.tpp_pay',
        entityType: 'import',
        entityId: importId,
        after: { fileName, rows: raws.length, ...n },
      });
      return report(trx, c, importId, n);
    });
  }

  return { importFile, columns: () => ({ columns: PAY_COLUMNS, maxBytes: config.importMaxBytes }) };
}
