import { normalizeNip } from '../../../core/people/nip.ts';
import { validateEmployeeIdentity } from '../../../core/people/validate-employee.ts';
import type { EmployeeType } from '../../../core/people/employee-types.ts';
import { EMPLOYEE_TYPES, TIME_ZONES, UNIT_KINDS } from '../../../shared/api/org.ts';
import type { ColumnSpec } from './import-columns.ts';
import type { RawRow } from '../../lib/table-file.ts';
import { parseDateCell } from '../../lib/table-cells.ts';

export interface RowError {
  line: number;
  column: string | null;
  message: string;
}

export interface UnitRow {
  line: number;
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  timeZone: string | null;
  address: string | null;
}

export interface EmployeeRow {
  line: number;
  nip: string | null;
  internalId: string | null;
  name: string;
  frontTitle: string | null;
  backTitle: string | null;
  gender: 'L' | 'P';
  birthDate: string | null;
  employeeType: EmployeeType;
  golongan: string | null;
  education: string | null;
  unitCode: string;
  positionCode: string | null;
  superiorNip: string | null;
  activeFrom: string;
  email: string | null;
  phone: string | null;
}

/** What is already in the database, looked up once before validating. */
export interface ImportLookups {
  /** unit code → path, and whether the importer may write there */
  units: Map<
    string,
    { id: string; path: string; timeZone: string; writable: boolean; parentCode: string | null }
  >;
  positions: Map<string, { id: string; unitCode: string }>;
  /** nip → employee id and superior id (for loop checks), and whether the importer may change that employee */
  employees: Map<string, { id: string; superiorNip: string | null; writable?: boolean }>;
  /** internal number of a non-ASN employee → whether the importer may change that employee */
  nonAsn?: Map<string, { writable: boolean }>;
  /** The importer's own NIP: nobody makes themselves the superior of staff (docs/security.md). */
  importerNip?: string | null;
}

const ZONE_ALIASES: Record<string, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
};

export { parseDateCell };

function missingColumns(headers: string[], spec: ColumnSpec[]): RowError[] {
  return spec
    .filter((c) => c.required && !headers.includes(c.name))
    .map((c) => ({ line: 1, column: c.name, message: `Kolom wajib "${c.name}" tidak ada di baris judul` }));
}

const opt = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Validate unit rows: required fields, known kind and zone, unique codes, a parent that exists (in the database
 * or earlier/later in the file), no cycle, and the importer's write scope over the parent.
 */
export function validateUnitRows(headers: string[], raw: RawRow[], lk: ImportLookups) {
  const errors: RowError[] = missingColumns(headers, [
    { name: 'kode', required: true, description: '', example: '' },
    { name: 'nama', required: true, description: '', example: '' },
    { name: 'jenis', required: true, description: '', example: '' },
  ]);
  if (errors.length) return { errors, valid: [] as UnitRow[] };
  const rows: UnitRow[] = [];
  const bad = new Set<number>();
  const err = (line: number, column: string | null, message: string) => {
    errors.push({ line, column, message });
    bad.add(line);
  };
  const seen = new Map<string, number>();
  for (const r of raw) {
    const c = r.cells;
    const code = (c.kode ?? '').trim().toUpperCase();
    if (c.__extra) err(r.line, null, 'Jumlah kolom melebihi baris judul');
    if (!code) err(r.line, 'kode', 'Kode unit wajib diisi');
    else if (!/^[A-Z0-9._-]{1,40}$/.test(code))
      err(
        r.line,
        'kode',
        'Kode unit hanya boleh huruf, angka, titik, garis bawah atau tanda hubung (maks. 40)',
      );
    else if (seen.has(code)) err(r.line, 'kode', `Kode ${code} ganda (juga di baris ${seen.get(code)})`);
    else seen.set(code, r.line);
    const name = (c.nama ?? '').trim();
    if (name.length < 2) err(r.line, 'nama', 'Nama unit wajib diisi');
    const kind = (c.jenis ?? '').trim().toUpperCase();
    if (!(UNIT_KINDS as readonly string[]).includes(kind))
      err(r.line, 'jenis', `Jenis unit "${c.jenis ?? ''}" tidak dikenal (${UNIT_KINDS.join(', ')})`);
    const zoneIn = opt(c.zona_waktu);
    const zone = zoneIn ? (ZONE_ALIASES[zoneIn.toUpperCase()] ?? zoneIn) : null;
    if (zone && !(TIME_ZONES as readonly string[]).includes(zone))
      err(r.line, 'zona_waktu', `Zona waktu "${zoneIn}" tidak dikenal (WIB, WITA, WIT)`);
    rows.push({
      line: r.line,
      code,
      name,
      kind,
      parentCode: opt(c.kode_induk)?.toUpperCase() ?? null,
      timeZone: zone,
      address: opt(c.alamat),
    });
  }
  const inFile = new Map(rows.map((r) => [r.code, r]));
  for (const r of rows) {
    if (!r.parentCode) {
      if (!lk.units.has(r.code) && lk.units.size > 0)
        err(r.line, 'kode_induk', 'Kode unit induk wajib diisi');
      continue;
    }
    if (r.parentCode === r.code) {
      err(r.line, 'kode_induk', 'Unit tidak dapat menjadi induk dirinya sendiri');
      continue;
    }
    if (!inFile.has(r.parentCode) && !lk.units.has(r.parentCode)) {
      err(r.line, 'kode_induk', `Unit induk ${r.parentCode} tidak ditemukan`);
      continue;
    }
    // Walk up through the file to find a cycle or the first ancestor already in the database.
    const visited = new Set([r.code]);
    let cur: string | null = r.parentCode;
    let anchor: string | null = null;
    while (cur) {
      if (visited.has(cur)) {
        err(r.line, 'kode_induk', 'Hubungan induk dalam berkas berputar');
        break;
      }
      visited.add(cur);
      const f = inFile.get(cur);
      if (f && !lk.units.has(cur)) cur = f.parentCode;
      else {
        anchor = cur;
        break;
      }
    }
    if (anchor && lk.units.has(anchor) && !lk.units.get(anchor)!.writable) {
      err(r.line, 'kode_induk', `Unit induk ${anchor} berada di luar kewenangan Anda`);
    }
    const existing = lk.units.get(r.code);
    if (existing && !existing.writable) err(r.line, 'kode', `Unit ${r.code} berada di luar kewenangan Anda`);
    if (existing && existing.parentCode !== r.parentCode) {
      err(
        r.line,
        'kode_induk',
        `Unit ${r.code} sudah ada di bawah ${existing.parentCode ?? '(tanpa induk)'}; pindahkan unit lewat halaman Organisasi`,
      );
    }
  }
  // A row whose parent row is invalid cannot be imported either.
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of rows) {
      if (bad.has(r.line) || !r.parentCode) continue;
      const parentRow = inFile.get(r.parentCode);
      if (parentRow && bad.has(parentRow.line) && !lk.units.has(r.parentCode)) {
        err(r.line, 'kode_induk', `Unit induk ${r.parentCode} di baris ${parentRow.line} tidak valid`);
        changed = true;
      }
    }
  }
  return { errors: errors.sort((a, b) => a.line - b.line), valid: rows.filter((r) => !bad.has(r.line)) };
}

/**
 * Validate employee rows: required fields, NIP (length, digits, embedded birth date, appointment, gender),
 * consistency with the stated birth date and gender, golongan by type, known unit in the importer's scope,
 * known position, a superior that exists (in the database or the file), no superior loop, unique NIPs.
 */
export function validateEmployeeRows(
  headers: string[],
  raw: RawRow[],
  lk: ImportLookups,
  onProgress?: (done: number) => void,
) {
  const errors: RowError[] = missingColumns(headers, [
    { name: 'nama', required: true, description: '', example: '' },
    { name: 'jenis_kelamin', required: true, description: '', example: '' },
    { name: 'jenis_pegawai', required: true, description: '', example: '' },
    { name: 'kode_unit', required: true, description: '', example: '' },
    { name: 'tmt', required: true, description: '', example: '' },
  ]);
  if (errors.length) return { errors, valid: [] as EmployeeRow[] };
  const bad = new Set<number>();
  const err = (line: number, column: string | null, message: string) => {
    errors.push({ line, column, message });
    bad.add(line);
  };
  const rows: EmployeeRow[] = [];
  const nipLines = new Map<string, number>();
  raw.forEach((r, i) => {
    const c = r.cells;
    if (c.__extra) err(r.line, null, 'Jumlah kolom melebihi baris judul');
    const typeIn = (c.jenis_pegawai ?? '').trim().toUpperCase().replace(/\s+/g, '_');
    const employeeType = (typeIn === 'NONASN' || typeIn === 'NON-ASN' ? 'NON_ASN' : typeIn) as EmployeeType;
    if (!(EMPLOYEE_TYPES as readonly string[]).includes(employeeType))
      err(
        r.line,
        'jenis_pegawai',
        `Jenis pegawai "${c.jenis_pegawai ?? ''}" tidak dikenal (${EMPLOYEE_TYPES.join(', ')})`,
      );
    const nip = opt(c.nip) ? normalizeNip(c.nip!) : null;
    const genderIn = (c.jenis_kelamin ?? '').trim().toUpperCase();
    const gender =
      genderIn === 'L' || genderIn === 'LAKI-LAKI' || genderIn === '1'
        ? 'L'
        : genderIn === 'P' || genderIn === 'PEREMPUAN' || genderIn === '2'
          ? 'P'
          : null;
    if (!gender) err(r.line, 'jenis_kelamin', 'Jenis kelamin harus L atau P');
    const birthIn = opt(c.tanggal_lahir);
    const birthDate = birthIn ? parseDateCell(birthIn) : null;
    if (birthIn && !birthDate) err(r.line, 'tanggal_lahir', `Tanggal lahir "${birthIn}" tidak valid`);
    const tmtIn = opt(c.tmt);
    const activeFrom = tmtIn ? parseDateCell(tmtIn) : null;
    if (!activeFrom)
      err(r.line, 'tmt', tmtIn ? `TMT "${tmtIn}" bukan tanggal yang valid` : 'TMT wajib diisi');
    const name = (c.nama ?? '').trim();
    if (name.length < 2) err(r.line, 'nama', 'Nama wajib diisi');
    const golongan = opt(c.golongan);
    const education = opt(c.pendidikan)?.toUpperCase() ?? null;
    if (gender && (EMPLOYEE_TYPES as readonly string[]).includes(employeeType)) {
      for (const p of validateEmployeeIdentity({
        nip,
        internalId: opt(c.id_internal),
        gender,
        birthDate,
        employeeType,
        golongan,
        education,
      })) {
        err(
          r.line,
          p.path === 'birthDate'
            ? 'tanggal_lahir'
            : p.path === 'gender'
              ? 'jenis_kelamin'
              : p.path === 'internalId'
                ? 'id_internal'
                : p.path === 'golongan'
                  ? 'golongan'
                  : p.path === 'education'
                    ? 'pendidikan'
                    : 'nip',
          p.message,
        );
      }
    }
    if (nip) {
      const prev = nipLines.get(nip);
      if (prev) err(r.line, 'nip', `NIP ${nip} ganda (juga di baris ${prev})`);
      else nipLines.set(nip, r.line);
    }
    const unitCode = (c.kode_unit ?? '').trim().toUpperCase();
    const unit = lk.units.get(unitCode);
    if (!unitCode) err(r.line, 'kode_unit', 'Kode unit wajib diisi');
    else if (!unit) err(r.line, 'kode_unit', `Unit ${unitCode} tidak ditemukan`);
    else if (!unit.writable) err(r.line, 'kode_unit', `Unit ${unitCode} berada di luar kewenangan Anda`);
    // A row matching an existing employee updates and may move them: that employee must be in scope too.
    const internalId = opt(c.id_internal);
    const existing = nip ? lk.employees.get(nip) : internalId ? lk.nonAsn?.get(internalId) : undefined;
    if (existing?.writable === false) {
      err(
        r.line,
        nip ? 'nip' : 'id_internal',
        `Pegawai ${nip ?? internalId} sudah terdaftar di unit yang berada di luar kewenangan Anda`,
      );
    }
    const positionCode = opt(c.kode_jabatan)?.toUpperCase() ?? null;
    if (positionCode && !lk.positions.has(positionCode))
      err(r.line, 'kode_jabatan', `Jabatan ${positionCode} tidak ditemukan`);
    const superiorNip = opt(c.nip_atasan) ? normalizeNip(c.nip_atasan!) : null;
    const email = opt(c.email);
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      err(r.line, 'email', `Email "${email}" tidak valid`);
    rows.push({
      line: r.line,
      nip,
      internalId: opt(c.id_internal),
      name,
      frontTitle: opt(c.gelar_depan),
      backTitle: opt(c.gelar_belakang),
      gender: gender ?? 'L',
      birthDate,
      employeeType,
      golongan,
      education,
      unitCode,
      positionCode,
      superiorNip,
      activeFrom: activeFrom ?? '',
      email,
      phone: opt(c.telepon),
    });
    if (onProgress && i % 200 === 0) onProgress(i);
  });
  // Superiors: must exist; the resulting chain (database + file) must not loop.
  // A NIP that appears twice is reported on its later lines; the first occurrence is the one that counts.
  const firstByNip = new Map<string, EmployeeRow>();
  for (const r of rows) if (r.nip && !firstByNip.has(r.nip)) firstByNip.set(r.nip, r);
  const fileSup = new Map([...firstByNip].map(([nip, r]) => [nip, r.superiorNip]));
  const superiorOf = (nip: string) =>
    fileSup.has(nip) ? fileSup.get(nip)! : (lk.employees.get(nip)?.superiorNip ?? null);
  for (const r of rows) {
    if (!r.superiorNip) continue;
    if (r.superiorNip === r.nip) {
      err(r.line, 'nip_atasan', 'Pegawai tidak dapat menjadi atasan dirinya sendiri');
      continue;
    }
    if (!fileSup.has(r.superiorNip) && !lk.employees.has(r.superiorNip)) {
      err(r.line, 'nip_atasan', `Atasan dengan NIP ${r.superiorNip} tidak ditemukan`);
      continue;
    }
    // A superior gains authority over the employee: not the importer, not someone outside the importer's scope
    // (those need BKD) — unless it is the superior the employee already has.
    if (lk.employees.get(r.nip ?? '')?.superiorNip !== r.superiorNip) {
      if (lk.importerNip && r.superiorNip === lk.importerNip) {
        err(
          r.line,
          'nip_atasan',
          'Anda tidak dapat menjadikan diri sendiri atasan pegawai; penetapan ini dilakukan oleh BKD',
        );
        continue;
      }
      if (!fileSup.has(r.superiorNip) && lk.employees.get(r.superiorNip)?.writable === false) {
        err(
          r.line,
          'nip_atasan',
          `Atasan dengan NIP ${r.superiorNip} berada di luar kewenangan Anda; atasan dari unit lain ditetapkan oleh BKD`,
        );
        continue;
      }
    }
    const seen = new Set<string>();
    let cur: string | null = r.superiorNip;
    while (cur) {
      if (cur === r.nip || seen.has(cur)) {
        err(r.line, 'nip_atasan', 'Rantai atasan berputar (atasan adalah bawahan pegawai ini)');
        break;
      }
      seen.add(cur);
      cur = superiorOf(cur);
    }
  }
  // A row whose superior row in the same file is invalid cannot be imported either.
  const lineOfNip = new Map([...firstByNip].map(([nip, r]) => [nip, r.line]));
  let changed = true;
  while (changed) {
    changed = false;
    for (const r of rows) {
      if (bad.has(r.line) || !r.superiorNip || lk.employees.has(r.superiorNip)) continue;
      const supLine = lineOfNip.get(r.superiorNip);
      if (supLine && bad.has(supLine)) {
        err(r.line, 'nip_atasan', `Atasan di baris ${supLine} tidak valid`);
        changed = true;
      }
    }
  }
  return { errors: errors.sort((a, b) => a.line - b.line), valid: rows.filter((r) => !bad.has(r.line)) };
}
