import { csvLine } from '../../lib/table-export.ts';
import { AppError } from '../../errors.ts';
import { formatNip } from '../../../core/people/nip.ts';
import type { FinanceRun } from './finance-common.ts';
import { isPayable } from './finance-common.ts';

/*
 * The bank transfer file of a run (issue 17 point 5): CSV (UTF-8, comma, CRLF, no BOM: bank upload tools read it
 * as is), a header row, then one row per paid employee whose net is above zero: bank name, account number, holder,
 * amount in whole rupiah, NIP, name, the reference "TPP <month> <OPD code>". The sum of the amounts is the run's
 * net of those lines. Only for a run approved by BKD (DISETUJUI) or locked; an employee to be paid without a bank
 * account refuses the whole file with the names and NIPs (no partial transfer list: the treasurer would have to
 * pay the rest by hand), to be fixed in the employee's pay data (`PUT /api/tpp/employees/:id/bank-account`).
 */

export const BANK_FILE_HEADER = [
  'No',
  'Nama Bank',
  'Nomor Rekening',
  'Nama Pemilik Rekening',
  'Jumlah',
  'NIP',
  'Nama Pegawai',
  'Referensi',
] as const;

/** The bank file's rows and sum, or the refusal (409) with its reason in Indonesian. */
export function bankFile(d: FinanceRun): { csv: string; rows: number; sum: number; name: string } {
  if (!isPayable(d.status))
    throw new AppError(
      'CONFLICT',
      `Berkas transfer bank hanya dapat dibuat setelah TPP disetujui BKD; status TPP ${d.unit.name} ` +
        `bulan ${d.run.month} saat ini ${d.statusLabel}`,
    );
  const paid = d.lines.filter((l) => !l.excluded && l.net > 0);
  const missing = paid.filter((l) => !l.bank);
  if (missing.length)
    throw new AppError(
      'CONFLICT',
      `${missing.length} pegawai belum memiliki rekening bank: ` +
        missing.map((l) => `${l.name} (NIP ${l.nip ? formatNip(l.nip) : '-'})`).join(', ') +
        '. Catat rekeningnya di data gaji dan rekening, lalu buat berkas lagi.',
      { employees: missing.map((l) => ({ employeeId: l.employeeId, name: l.name, nip: l.nip })) },
    );
  const reference = `TPP ${d.run.month} ${d.unit.code ?? d.unit.name}`;
  let csv = csvLine([...BANK_FILE_HEADER]);
  let sum = 0;
  paid.forEach((l, i) => {
    csv += csvLine([
      i + 1,
      l.bank!.bankName,
      l.bank!.accountNumber,
      l.bank!.accountHolder,
      l.net,
      l.nip ?? '',
      l.name,
      reference,
    ]);
    sum += l.net;
  });
  const name = `transfer-tpp-${d.run.month}-${(d.unit.code ?? d.unit.id).replace(/[^0-9A-Za-z.-]/g, '_')}.csv`;
  return { csv, rows: paid.length, sum, name };
}
