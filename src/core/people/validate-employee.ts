import { isLocalDate } from '../common/local-date.ts';
import {
  isEducationLevel,
  isPnsGolongan,
  isPppkGolongan,
  hasNip,
  usesPnsGolongan,
  type EmployeeType,
} from './employee-types.ts';
import { parseNip } from './nip.ts';

/** The identity fields of an employee record checked for consistency. */
export interface EmployeeIdentity {
  nip: string | null;
  internalId?: string | null;
  gender: 'L' | 'P';
  birthDate?: string | null;
  employeeType: EmployeeType;
  golongan?: string | null;
  education?: string | null;
  activeFrom?: string;
  activeTo?: string | null;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * Consistency of an employee's identity fields: ASN have a valid 18-digit NIP whose embedded birth date and
 * gender digit match the record; non-ASN have an internal number instead; golongan fits the employee type.
 * Source: Peraturan Kepala BKN 22/2007 (NIP layout); PP 11/2017 (golongan PNS); Perpres 98/2020 (golongan PPPK).
 * @returns every problem found (empty when the record is consistent)
 */
export function validateEmployeeIdentity(e: EmployeeIdentity): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (hasNip(e.employeeType)) {
    if (!e.nip) {
      problems.push({ path: 'nip', message: 'NIP wajib diisi untuk ASN' });
    } else {
      const parsed = parseNip(e.nip);
      if (!parsed.ok) problems.push({ path: 'nip', message: parsed.message });
      else {
        if (e.birthDate && parsed.value.birthDate !== e.birthDate) {
          problems.push({
            path: 'birthDate',
            message: 'Tanggal lahir tidak sesuai dengan tanggal lahir dalam NIP',
          });
        }
        if (parsed.value.gender !== e.gender) {
          problems.push({ path: 'gender', message: 'Jenis kelamin tidak sesuai dengan digit ke-15 NIP' });
        }
      }
    }
  } else if (e.nip) {
    problems.push({ path: 'nip', message: 'Pegawai non-ASN tidak memiliki NIP; isi nomor induk internal' });
  } else if (!e.internalId) {
    problems.push({ path: 'internalId', message: 'Nomor induk internal wajib diisi untuk pegawai non-ASN' });
  }
  if (e.birthDate && !isLocalDate(e.birthDate))
    problems.push({ path: 'birthDate', message: 'Tanggal lahir tidak valid' });
  if (e.golongan) {
    const ok = usesPnsGolongan(e.employeeType)
      ? isPnsGolongan(e.golongan)
      : e.employeeType === 'PPPK' || e.employeeType === 'PPPK_PARUH_WAKTU'
        ? isPppkGolongan(e.golongan)
        : false;
    if (!ok)
      problems.push({
        path: 'golongan',
        message: `Golongan ${e.golongan} tidak sesuai untuk jenis pegawai ${e.employeeType}`,
      });
  }
  if (e.education && !isEducationLevel(e.education)) {
    problems.push({ path: 'education', message: `Jenjang pendidikan ${e.education} tidak dikenal` });
  }
  if (e.activeFrom && e.activeTo && e.activeTo < e.activeFrom) {
    problems.push({ path: 'activeTo', message: 'Tanggal akhir tidak boleh sebelum tanggal mulai' });
  }
  return problems;
}
