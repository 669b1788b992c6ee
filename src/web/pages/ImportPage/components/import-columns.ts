import type { ImportKind } from '../../../api/types.ts';
import type { Messages } from '../../../text/id.ts';

/** A column of an import file; its description is the string `import.col.<name>`. */
export type ImportColumnName = keyof Messages['import']['col'];

/** The documented column layout of each import file (header row, in this order). */
export const IMPORT_COLUMNS: Record<ImportKind, { name: ImportColumnName; required: boolean }[]> = {
  units: [
    { name: 'kode', required: true },
    { name: 'nama', required: true },
    { name: 'jenis', required: true },
    { name: 'kode_induk', required: false },
    { name: 'zona_waktu', required: true },
    { name: 'alamat', required: false },
  ],
  employees: [
    { name: 'nip', required: false },
    { name: 'nama', required: true },
    { name: 'gelar_depan', required: false },
    { name: 'gelar_belakang', required: false },
    { name: 'jenis_kelamin', required: true },
    { name: 'tanggal_lahir', required: false },
    { name: 'jenis_pegawai', required: true },
    { name: 'golongan', required: false },
    { name: 'pendidikan', required: false },
    { name: 'kode_unit', required: true },
    { name: 'kode_jabatan', required: false },
    { name: 'nip_atasan', required: false },
    { name: 'tmt', required: true },
    { name: 'email', required: false },
    { name: 'telepon', required: false },
  ],
};
