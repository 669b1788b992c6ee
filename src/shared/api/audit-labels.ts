/**
 * The audit log in words people read (issue 13 point 10): a label per action, per kind of record and per field,
 * in Bahasa Indonesia. The web's id.ts uses these maps as they are and en.ts has the English ones (same keys);
 * the server's CSV export uses them too. Actions are nested by their prefix (`permit.approved` →
 * `permit: { approved }`), as i18next reads dotted keys. A new audited action or field gets its label here
 * (src/server/modules/audit/audit-labels.test.ts finds the ones missing).
 */
export const AUDIT_ACTION_LABELS = {
  account: {
    created: 'Akun dibuat',
    password_reset: 'Kata sandi akun diatur ulang',
    deactivated: 'Akun dinonaktifkan',
    unlocked: 'Kunci akun dibuka',
    updated: 'Akun diubah',
  },
  apel_schedule: { added: 'Jadwal apel ditambahkan' },
  apel_session: { added: 'Sesi apel ditambahkan' },
  attachment: { purged: 'Lampiran dihapus (retensi)' },
  attendance: { terminal_imported: 'Log mesin presensi diimpor' },
  auth: {
    login: 'Masuk',
    login_failed: 'Gagal masuk',
    locked: 'Akun terkunci sementara',
    logout: 'Keluar',
    password_changed: 'Kata sandi diganti',
    password_change_failed: 'Gagal mengganti kata sandi',
  },
  correction: {
    requested: 'Koreksi presensi diajukan',
    approved: 'Koreksi presensi disetujui',
    rejected: 'Koreksi presensi ditolak',
    cancelled: 'Koreksi presensi dibatalkan',
  },
  demo: { seeded: 'Data demo dimuat', devices_registered: 'Perangkat demo didaftarkan' },
  device: {
    registered: 'Perangkat didaftarkan',
    change_requested: 'Pergantian perangkat diajukan',
    approved: 'Perangkat disetujui',
    rejected: 'Perangkat ditolak',
    revoked: 'Perangkat dicabut',
  },
  discipline: {
    indications_scanned: 'Indikasi pelanggaran disiplin dihitung ulang',
    indication_found: 'Indikasi pelanggaran disiplin ditemukan',
    indication_superseded: 'Indikasi pelanggaran disiplin digantikan indikasi yang lebih tinggi',
    indication_opened: 'Kasus disiplin dibuka dari indikasi',
    indication_dismissed: 'Indikasi pelanggaran disiplin dikesampingkan dengan alasan',
    case_opened: 'Kasus disiplin dibuka',
    case_reviewed: 'Telaah kasus disiplin dicatat',
    case_team_formed: 'SK tim pemeriksa ditetapkan',
    case_summoned: 'Surat panggilan pemeriksaan dikirim',
    case_absence: 'Ketidakhadiran pada panggilan dicatat',
    case_examined: 'Berita acara pemeriksaan (BAP) dicatat',
    case_relieved: 'Pembebasan sementara dari tugas jabatan (Plh) dicatat',
    case_reported: 'Laporan hasil pemeriksaan dikirim ke pejabat berwenang',
    case_ended: 'Kasus disiplin dihentikan tanpa hukuman',
    sanction_decided: 'Hukuman disiplin dijatuhkan',
    sanction_delivered: 'Keputusan hukuman disiplin disampaikan',
    appeal_filed: 'Upaya administratif (keberatan/banding) diajukan',
    appeal_decided: 'Upaya administratif (keberatan/banding) diputus',
    pyb_designated: 'JF ditunjuk sebagai pejabat yang berwenang menghukum',
    pyb_designation_ended: 'Penunjukan JF sebagai pejabat yang berwenang menghukum diakhiri',
    document_numbered: 'Nomor surat dokumen disiplin diberikan',
    document_uploaded: 'Pindaian dokumen disiplin bertanda tangan diunggah',
    salary_stop_reported: 'Laporan 10 hari TK berturut-turut untuk penghentian gaji dikirim',
    salary_stop_verified: 'Data presensi untuk penghentian gaji diverifikasi',
    salary_stop_cancelled: 'Usulan penghentian gaji dibatalkan setelah verifikasi',
    salary_stopped: 'Pembayaran gaji dihentikan (keputusan KPA)',
    salary_reactivation_requested: 'Pengaktifan kembali gaji diajukan',
    salary_reactivated: 'Pembayaran gaji diaktifkan kembali',
    salary_settlement_recorded: 'Pembayaran kembali/pengembalian gaji dicatat',
  },
  document: {
    letterhead_set: 'Kop surat diatur',
    letterhead_logo_set: 'Logo kop surat diunggah',
    number_scheme_set: 'Skema penomoran surat diatur',
  },
  evaluation: {
    created: 'Penilaian kinerja dimulai',
    updated: 'Penilaian kinerja diisi',
    finalised: 'Penilaian kinerja difinalkan',
    approved: 'Penilaian kinerja disetujui',
    returned: 'Penilaian kinerja dikembalikan',
    peer_feedback_given: 'Umpan balik perilaku rekan/bawahan diberikan',
    objection_filed: 'Keberatan atas predikat diajukan',
    objection_decided: 'Keberatan atas predikat diputus',
  },
  unit_performance: { set: 'Kinerja organisasi unit ditetapkan' },
  employee: {
    created: 'Pegawai ditambahkan',
    updated: 'Data pegawai diubah',
    placed: 'Penempatan (mutasi) dicatat',
    acting_assigned: 'Plt/Plh ditetapkan',
  },
  employee_pay: {
    salary_added: 'Gaji pokok pegawai dicatat',
    salary_corrected: 'Gaji pokok pegawai dikoreksi',
    bank_account_set: 'Rekening bank pegawai untuk TPP dicatat',
  },
  field_assignment: { added: 'Lokasi dinas luar ditambahkan' },
  grant: { added: 'Peran diberikan', revoked: 'Peran dicabut' },
  import: {
    validated: 'Berkas impor diperiksa',
    committed: 'Impor disimpan',
    kinerja_skp: 'SKP dan RHK diimpor dari berkas',
    tpp_pay: 'Gaji pokok dan rekening pegawai diimpor dari berkas',
  },
  daily_report: {
    submitted: 'Laporan kinerja harian dikirim',
    corrected: 'Laporan kinerja harian diperbaiki',
    deleted: 'Laporan kinerja harian dihapus',
    accepted: 'Laporan kinerja harian diterima',
    returned: 'Laporan kinerja harian dikembalikan',
  },
  kiosk: { opened: 'Layar kios dibuka', closed: 'Layar kios ditutup' },
  leave: {
    submitted: 'Cuti diajukan',
    approved: 'Cuti disetujui',
    rejected: 'Cuti ditolak',
    cancelled: 'Cuti dibatalkan',
    opening_balance_set: 'Saldo awal cuti diatur',
  },
  office: { created: 'Kantor ditambahkan', deleted: 'Kantor dihapus' },
  permit: {
    requested: 'Izin diajukan',
    recorded: 'Penugasan dicatat admin',
    approved: 'Izin disetujui',
    rejected: 'Izin ditolak',
    cancelled: 'Izin dibatalkan',
  },
  photo: { purged: 'Foto presensi dihapus (retensi)' },
  punch: {
    review_accepted: 'Presensi diterima setelah ditinjau',
    review_rejected: 'Presensi ditolak setelah ditinjau',
  },
  recap: {
    month_closed: 'Bulan rekap ditutup',
    month_reopened: 'Bulan rekap dibuka kembali',
    missing_days_queued: 'Hari yang belum tersimpan diantrekan untuk dihitung',
  },
  skp: {
    created: 'SKP disusun',
    copied: 'SKP disalin dari SKP sebelumnya',
    period_cut: 'Periode SKP dipotong (pindah jabatan)',
    submitted: 'SKP diajukan',
    approved: 'SKP disetujui',
    returned: 'SKP dikembalikan',
  },
  kinerja_feedback: { created: 'Umpan balik kinerja dicatat' },
  kinerja_figures: { built: 'Angka kinerja bulanan disimpan' },
  rhk_evidence: { added: 'Eviden RHK dilampirkan' },
  roster: { set: 'Jadwal shift diatur', cleared: 'Jadwal shift dihapus', imported: 'Jadwal shift diimpor' },
  rulebook: {
    loaded: 'Buku aturan dimuat',
    reloaded: 'Buku aturan dimuat ulang',
    draft_created: 'Draf buku aturan dibuat',
    activated: 'Buku aturan diaktifkan',
    closed: 'Buku aturan diakhiri',
  },
  terminal_user: {
    created: 'Pemetaan ID mesin ditambahkan',
    deleted: 'Pemetaan ID mesin dihapus',
    imported: 'Pemetaan ID mesin diimpor',
  },
  tpp_budget: { set: 'Pagu TPP OPD ditetapkan' },
  tpp_exclusion: { recorded: 'Pengecualian TPP pegawai dicatat', ended: 'Pengecualian TPP pegawai diakhiri' },
  tpp_simulation: { created: 'Simulasi TPP dijalankan', deleted: 'Simulasi TPP dihapus' },
  tpp_tariff: {
    table_created: 'Tabel besaran TPP ditetapkan',
    table_replaced: 'Tabel besaran TPP digantikan tabel baru',
  },
  tpp_objection: {
    filed: 'Keberatan pegawai atas TPP diajukan',
    upheld: 'Keberatan TPP diterima',
    rejected: 'Keberatan TPP ditolak',
  },
  tpp_run: {
    computed: 'TPP bulanan dihitung',
    recomputed: 'TPP bulanan dihitung ulang',
    checked: 'TPP diperiksa admin OPD',
    published: 'TPP diumumkan kepada pegawai',
    approved_opd: 'TPP disetujui kepala OPD',
    approved: 'TPP disetujui BKD',
    locked: 'TPP dikunci',
    bank_file: 'Berkas transfer bank TPP dibuat',
  },
  tpp_treasurer: { set: 'Bendahara pengeluaran OPD untuk TPP ditetapkan' },
  election_watch: {
    period_declared: 'Masa pengawasan pemilu ditetapkan',
    acknowledged: 'Daftar ketidakhadiran harian dikonfirmasi kepala OPD',
    escalated: 'Eskalasi pengawasan masa pemilu',
    neutrality_recorded: 'Laporan netralitas ASN dicatat',
    neutrality_decided: 'Jalur laporan netralitas ASN diputuskan',
  },
  unit: {
    created: 'Unit ditambahkan',
    updated: 'Unit diubah',
    attendance_start_set: 'Tanggal mulai presensi unit di Abdi diatur',
  },
  work_location: { added: 'Lokasi kerja ditambahkan', removed: 'Lokasi kerja dihapus' },
} as const satisfies Record<string, Record<string, string>>;

/** The kinds of record an entry is about (`entity_type`). */
export const AUDIT_ENTITY_LABELS = {
  apel_schedule: 'Jadwal apel',
  apel_session: 'Sesi apel',
  attachment: 'Lampiran',
  correction: 'Koreksi presensi',
  daily_report: 'Laporan kinerja harian',
  device: 'Perangkat',
  discipline_case: 'Kasus disiplin',
  discipline_indication: 'Indikasi pelanggaran disiplin',
  discipline_pyb_designation: 'Penunjukan JF sebagai pejabat yang berwenang menghukum',
  discipline_salary_stop: 'Penghentian gaji (10 hari TK berturut-turut)',
  employee: 'Pegawai',
  employee_bank_account: 'Rekening bank pegawai',
  employee_salary: 'Gaji pokok pegawai',
  evaluation: 'Penilaian kinerja',
  evaluation_objection: 'Keberatan penilaian kinerja',
  unit_performance: 'Kinerja organisasi unit',
  field_assignment: 'Dinas luar',
  import: 'Impor',
  kiosk: 'Kios',
  letter_number_scheme: 'Skema nomor surat',
  letterhead: 'Kop surat',
  leave_request: 'Cuti',
  month_closing: 'Penutupan bulan',
  office: 'Kantor',
  permit: 'Izin',
  photo: 'Foto presensi',
  punch: 'Presensi',
  rulebook: 'Buku aturan',
  shift_roster: 'Jadwal shift',
  skp: 'SKP',
  kinerja_feedback: 'Umpan balik kinerja',
  kinerja_monthly: 'Angka kinerja bulanan',
  rhk_evidence: 'Eviden RHK',
  system: 'Sistem',
  terminal_import: 'Impor log mesin',
  terminal_user: 'ID mesin',
  tpp_budget: 'Pagu TPP',
  tpp_exclusion: 'Pengecualian TPP',
  tpp_simulation: 'Simulasi TPP (draf Perkada)',
  tpp_tariff_table: 'Tabel besaran TPP',
  tpp_objection: 'Keberatan TPP',
  tpp_run: 'Perhitungan TPP bulanan',
  tpp_treasurer: 'Bendahara pengeluaran TPP',
  election_watch_period: 'Masa pengawasan pemilu',
  election_watch_ack: 'Konfirmasi daftar harian kepala OPD',
  election_watch_escalation: 'Eskalasi pengawasan masa pemilu',
  election_watch_neutrality: 'Laporan netralitas ASN',
  unit: 'Unit',
  user: 'Akun',
  work_location: 'Lokasi kerja',
} as const satisfies Record<string, string>;

/** The fields of the before/after values. */
export const AUDIT_FIELD_LABELS = {
  active: 'Aktif',
  activeFrom: 'Mulai bekerja',
  activeTo: 'Akhir masa kerja',
  agencyName: 'Nama instansi (kop)',
  address: 'Alamat',
  approverKind: 'Pejabat pemberi cuti',
  approverPositionId: 'Jabatan pemberi cuti',
  attachmentHash: 'Lampiran',
  attendanceStart: 'Mulai presensi di Abdi',
  backTitle: 'Gelar belakang',
  birthDate: 'Tanggal lahir',
  by: 'Oleh',
  category: 'Kategori',
  checkIn: 'Jam masuk',
  checkOut: 'Jam pulang',
  closedAt: 'Ditutup pada',
  code: 'Kode',
  contentHash: 'Sidik isi',
  count: 'Jumlah',
  createdAt: 'Dibuat pada',
  cutiBersamaDays: 'Hari cuti bersama',
  date: 'Tanggal',
  dateFrom: 'Dari tanggal',
  dateTo: 'Sampai tanggal',
  decision: 'Keputusan',
  decree: 'Nomor SK',
  destination: 'Tujuan',
  education: 'Pendidikan',
  email: 'Surel',
  employeeId: 'Pegawai',
  employeeType: 'Jenis pegawai',
  evidenceHash: 'Bukti',
  fieldAssignmentId: 'Lokasi dinas luar',
  fileHash: 'Berkas',
  fileName: 'Nama berkas',
  fullName: 'Nama lengkap',
  from: 'Dari',
  frontTitle: 'Gelar depan',
  gender: 'Jenis kelamin',
  golongan: 'Golongan',
  id: 'ID',
  internalId: 'ID internal',
  kind: 'Jenis',
  label: 'Nama',
  lat: 'Lintang',
  letterDate: 'Tanggal surat',
  letterNumber: 'Nomor surat',
  localDate: 'Tanggal',
  lockedUntil: 'Terkunci sampai',
  lon: 'Bujur',
  month: 'Bulan',
  name: 'Nama',
  nip: 'NIP',
  note: 'Catatan',
  parentId: 'Unit induk',
  part: 'Bagian hari',
  phone: 'Telepon',
  placeKind: 'Jenis lokasi',
  positionId: 'Jabatan',
  positionName: 'Nama jabatan',
  radiusM: 'Radius (m)',
  reason: 'Alasan',
  reasons: 'Alasan penandaan',
  role: 'Peran',
  rows: 'Jumlah baris',
  status: 'Status',
  step: 'Tahap',
  superiorId: 'Atasan langsung',
  superiorName: 'Nama atasan',
  thumbprint: 'Sidik kunci perangkat',
  timeZone: 'Zona waktu',
  to: 'Sampai',
  type: 'Jenis',
  unitId: 'Unit',
  unitName: 'Nama unit',
  unitPath: 'Jalur unit',
  updatedAt: 'Diubah pada',
  username: 'Nama pengguna',
  validFrom: 'Berlaku mulai',
  validTo: 'Berlaku sampai',
  verdict: 'Penilaian',
  workingDays: 'Hari kerja',
  year: 'Tahun',
  periodStart: 'Awal periode',
  periodEnd: 'Akhir periode',
  copiedFrom: 'Disalin dari',
  rhkCount: 'Jumlah RHK',
  clearedLinks: 'Tautan RHK atasan dikosongkan',
  penilaiId: 'Pejabat penilai',
  decidedAs: 'Bertindak sebagai',
  skpId: 'SKP',
  rhkId: 'RHK',
  reportId: 'Laporan harian',
  authorAs: 'Penulis bertindak sebagai',
  hasilKerjaRating: 'Rating hasil kerja',
  perilakuRating: 'Rating perilaku kerja',
  perilakuNotes: 'Catatan perilaku kerja',
  realisation: 'Realisasi',
  ratingNote: 'Catatan penilaian',
  predikat: 'Predikat',
  predikatBefore: 'Predikat sebelum keberatan',
  penilaiAs: 'Pejabat penilai bertindak sebagai',
  atasanAs: 'Atasan pejabat penilai bertindak sebagai',
  approvedWithoutAtasan: 'Disetujui tanpa atasan pejabat penilai',
  curveWarnings: 'Peringatan pola distribusi',
  evaluationId: 'Penilaian kinerja',
  feedbackId: 'Umpan balik',
  relation: 'Hubungan',
  rating: 'Kinerja organisasi',
  zone: 'Zona waktu',
  perkadaRef: 'Nomor Perkada',
  perkadaDate: 'Tanggal Perkada',
  replaces: 'Menggantikan',
  replacedByPerkadaRef: 'Digantikan oleh Perkada',
  kelas: 'Kelas jabatan',
  source: 'Sumber',
  amount: 'Jumlah (Rp)',
  reference: 'Dasar / nomor keputusan',
  gajiPokok: 'Gaji pokok',
  bankName: 'Nama bank',
  accountNumber: 'Nomor rekening',
  accountHolder: 'Nama pemilik rekening',
  npwp: 'NPWP',
  importId: 'Impor',
  employees: 'Jumlah pegawai',
  salaries: 'Gaji pokok dicatat',
  bankAccounts: 'Rekening dicatat',
  unchanged: 'Tidak berubah',
  version: 'Versi',
  rulebook: 'Buku aturan',
  tariffSource: 'Sumber besaran TPP',
  excluded: 'Pegawai dikecualikan',
  net: 'Jumlah bersih (Rp)',
  inputsHash: 'Sidik data masukan',
  resultHash: 'Sidik hasil perhitungan',
  objectionUntil: 'Batas keberatan',
  actingAs: 'Sebagai Plt/Plh',
  // Election-period watch (issue 18).
  onTime: 'Tepat waktu',
  acting: 'Plt/Plh',
  legalBasis: 'Dasar hukum',
  startsOn: 'Mulai',
  endsOn: 'Selesai',
  units: 'Unit',
  stages: 'Tahapan',
  recipients: 'Penerima',
  referenceNo: 'Nomor rujukan',
  conductCode: 'Kode perbuatan',
  moralSanction: 'Sanksi moral',
  disciplineCaseId: 'Kasus disiplin',
  track: 'Jalur',
} as const satisfies Record<string, string>;

/** An action's label, or the action itself when it has none yet. */
export function auditActionLabel(
  action: string,
  labels: Record<string, Record<string, string>> = AUDIT_ACTION_LABELS,
): string {
  const dot = action.indexOf('.');
  return (dot > 0 ? labels[action.slice(0, dot)]?.[action.slice(dot + 1)] : undefined) ?? action;
}

/** A field's label (`a.b` of a nested value: the label of `a`, then `b`), or the field itself. */
export function auditFieldLabel(field: string, labels: Record<string, string> = AUDIT_FIELD_LABELS): string {
  const [head, ...rest] = field.split('.');
  const label = labels[head!] ?? head!;
  return rest.length ? `${label} · ${rest.map((r) => labels[r] ?? r).join(' · ')}` : label;
}

/** One field of an entry's before/after values. */
export interface AuditDiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Nested objects as dotted keys (arrays kept whole); a bare value as `(nilai)`. */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = value;
  } else if (value !== null && value !== undefined) {
    out['(nilai)'] = value;
  }
  return out;
}

/**
 * Field-by-field comparison of an entry's before and after values; changed fields first. An update often
 * records the whole record before and only the fields sent after: a field missing from `after` then did not
 * change (it is kept as context, with its value before).
 */
export function diffValues(before: unknown, after: unknown): AuditDiffRow[] {
  const a = flatten(before);
  const b = flatten(after);
  const partial = isPlainObject(before) && isPlainObject(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const rows = keys.map((field) => {
    const kept = partial && !(field in b);
    return {
      field,
      before: a[field],
      after: kept ? a[field] : b[field],
      changed: !kept && JSON.stringify(a[field]) !== JSON.stringify(b[field]),
    };
  });
  return rows.sort((x, y) => Number(y.changed) - Number(x.changed) || x.field.localeCompare(y.field));
}
