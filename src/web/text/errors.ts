import type { ErrorCode } from '../../shared/api/errors.ts';

/** Error codes produced by the web client itself (no server response). */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'UNKNOWN';

type Lang = 'id' | 'en';

/** One message per error code, in both languages. */
export const errorMessages: Record<ClientErrorCode, Record<Lang, string>> = {
  VALIDATION: {
    id: 'Data yang dikirim tidak valid. Periksa kembali isian yang ditandai.',
    en: 'The data sent is not valid. Check the marked fields.',
  },
  UNAUTHENTICATED: {
    id: 'Sesi Anda telah berakhir, silakan masuk kembali',
    en: 'Your session has expired, please sign in again',
  },
  SESSION_EXPIRED: {
    id: 'Sesi Anda telah berakhir, silakan masuk kembali',
    en: 'Your session has expired, please sign in again',
  },
  INVALID_CREDENTIALS: {
    id: 'NIP/nama pengguna atau kata sandi salah.',
    en: 'Wrong NIP/username or password.',
  },
  ACCOUNT_LOCKED: {
    id: 'Akun terkunci sementara karena terlalu banyak percobaan masuk yang gagal.',
    en: 'The account is temporarily locked after too many failed sign-in attempts.',
  },
  RATE_LIMITED: {
    id: 'Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi.',
    en: 'Too many requests. Wait a moment and try again.',
  },
  CSRF: {
    id: 'Token keamanan (CSRF) tidak ada atau kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    en: 'The security (CSRF) token is missing or expired. Reload the page and try again.',
  },
  FORBIDDEN: {
    id: 'Anda tidak memiliki hak akses untuk tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  PASSWORD_CHANGE_REQUIRED: {
    id: 'Anda harus mengganti kata sandi sebelum melanjutkan.',
    en: 'You must change your password before continuing.',
  },
  NOT_FOUND: {
    id: 'Data tidak ditemukan. Mungkin sudah dihapus atau di luar cakupan Anda.',
    en: 'Not found. It may have been deleted or be outside your scope.',
  },
  CONFLICT: {
    id: 'Data bentrok dengan data yang sudah ada (misalnya NIP atau kode sudah terdaftar).',
    en: 'This conflicts with existing data (e.g. the NIP or code is already registered).',
  },
  SUPERIOR_LOOP: {
    id: 'Rantai atasan membentuk lingkaran: pegawai tidak boleh menjadi atasan dari atasannya sendiri.',
    en: 'The supervisor chain loops: an employee cannot supervise their own supervisor.',
  },
  FILE_TOO_LARGE: {
    id: 'Berkas terlalu besar untuk batas yang berlaku di server ini.',
    en: 'The file is larger than this server accepts.',
  },
  UNSUPPORTED_FILE: {
    id: 'Jenis atau isi berkas tidak didukung. Gunakan .csv atau .xlsx sesuai templat.',
    en: 'Unsupported or malformed file. Use a .csv or .xlsx file following the template.',
  },
  IMPORT_INVALID: {
    id: 'Berkas masih memiliki baris bermasalah. Perbaiki atau impor baris valid saja.',
    en: 'The file still has rows with problems. Fix them or import the valid rows only.',
  },
  RULES_INVALID: {
    id: 'Aturan yang ditulis tidak dapat dipakai. Perbaiki butir yang disebutkan.',
    en: 'The rules as written cannot be applied. Fix the items listed.',
  },
  PERIOD_LOCKED: {
    id: 'Periode ini sudah ditutup dan tidak dapat diubah.',
    en: 'This period is closed and cannot be changed.',
  },
  MONTH_CLOSED: {
    id: 'Bulan presensi ini sudah ditutup; permohonan untuk tanggal di dalamnya tidak dapat diproses.',
    en: 'This attendance month is closed; requests for its dates cannot be processed.',
  },
  DATABASE_UNAVAILABLE: {
    id: 'Basis data sedang tidak dapat dihubungi. Coba lagi beberapa saat lagi.',
    en: 'The database cannot be reached right now. Try again shortly.',
  },
  INTERNAL: {
    id: 'Terjadi kesalahan pada server. Coba lagi beberapa saat lagi.',
    en: 'A server error occurred. Try again later.',
  },
  NETWORK: {
    id: 'Tidak dapat terhubung ke server. Periksa koneksi internet Anda.',
    en: 'Cannot reach the server. Check your internet connection.',
  },
  UNKNOWN: {
    id: 'Terjadi kesalahan yang tidak dikenal.',
    en: 'An unknown error occurred.',
  },
};

/** The message for an error code in the given language (Indonesian when unknown). */
export function errorMessage(code: string, lang: string): string {
  const entry =
    (errorMessages as Record<string, Record<Lang, string> | undefined>)[code] ?? errorMessages.UNKNOWN;
  return lang === 'en' ? entry.en : entry.id;
}
