import { lazy, Suspense } from 'react';
import type { ComponentType, ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoadingState } from '../components/LoadingState.tsx';
import {
  ANOMALY_VIEWERS,
  ATTENDANCE_ADMINS,
  AUDIT_VIEWERS,
  DOCUMENT_CONFIGURERS,
  IMPORTERS,
  LEAVE_APPROVAL_VIEWERS,
  PERMIT_APPROVAL_VIEWERS,
  ORG_VIEWERS,
  PUNCH_REVIEWERS,
  RECAP_VIEWERS,
} from '../lib/roles.ts';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth, RequireRole } from './AuthGuard.tsx';
import { RouteError } from './RouteError.tsx';
import {
  KINERJA_MANAGERS,
  KINERJA_READERS,
  KINERJA_STAFF_VIEWERS,
  KINERJA_VERIFIERS,
} from '../components/kinerja/roles.ts';
import {
  DISCIPLINE_CASE_VIEWERS,
  DISCIPLINE_MANAGERS,
  DISCIPLINE_READERS,
} from '../components/discipline/roles.ts';
import { TPP_DATA_VIEWERS, TPP_MANAGERS } from '../components/tpp/roles.ts';
import { TPP_OBJECTION_DECIDERS } from '../components/tpp/objections/roles.ts';
import { RequireTppFinance } from '../components/tpp/finance/treasurer.tsx';
import { loadPageStrings } from '../text/i18n.ts';

/**
 * A page chunk that renders once the Indonesian strings of the pages (id-pages.ts) have arrived too, fetched in
 * parallel with it. Presensi and the sign-in need only the first screen's strings (id-shell.ts) and use `lazy`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React's own lazy() takes any component type
function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), loadPageStrings()]).then(([module]) => module));
}

const LoginPage = lazy(() =>
  import('../pages/LoginPage/LoginPage.tsx').then((m) => ({ default: m.LoginPage })),
);
const ChangePasswordPage = lazyPage(() =>
  import('../pages/ChangePasswordPage/ChangePasswordPage.tsx').then((m) => ({
    default: m.ChangePasswordPage,
  })),
);
const DashboardPage = lazyPage(() =>
  import('../pages/DashboardPage/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const AnomaliesPage = lazyPage(() =>
  import('../pages/DashboardPage/AnomaliesPage.tsx').then((m) => ({ default: m.AnomaliesPage })),
);
const OrganisationPage = lazyPage(() =>
  import('../pages/OrganisationPage/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })),
);
const EmployeesPage = lazyPage(() =>
  import('../pages/EmployeesPage/EmployeesPage.tsx').then((m) => ({ default: m.EmployeesPage })),
);
const EmployeeDetailPage = lazyPage(() =>
  import('../pages/EmployeeDetailPage/EmployeeDetailPage.tsx').then((m) => ({
    default: m.EmployeeDetailPage,
  })),
);
const ImportPage = lazyPage(() =>
  import('../pages/ImportPage/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const AuditPage = lazyPage(() =>
  import('../pages/AuditPage/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const PresensiPage = lazy(() =>
  import('../pages/PresensiPage/PresensiPage.tsx').then((m) => ({ default: m.PresensiPage })),
);
const CutiPage = lazyPage(() =>
  import('../pages/CutiPage/CutiPage.tsx').then((m) => ({ default: m.CutiPage })),
);
const CutiPersetujuanPage = lazyPage(() =>
  import('../pages/CutiPersetujuanPage/CutiPersetujuanPage.tsx').then((m) => ({
    default: m.CutiPersetujuanPage,
  })),
);
const IzinPage = lazyPage(() =>
  import('../pages/IzinPage/IzinPage.tsx').then((m) => ({ default: m.IzinPage })),
);
const PersetujuanPage = lazyPage(() =>
  import('../pages/IzinPage/PersetujuanPage.tsx').then((m) => ({ default: m.PersetujuanPage })),
);
const KoreksiPage = lazyPage(() =>
  import('../pages/KoreksiPage/KoreksiPage.tsx').then((m) => ({ default: m.KoreksiPage })),
);
const ReviewPage = lazyPage(() =>
  import('../pages/ReviewPage/ReviewPage.tsx').then((m) => ({ default: m.ReviewPage })),
);
const DevicesPage = lazyPage(() =>
  import('../pages/DevicesPage/DevicesPage.tsx').then((m) => ({ default: m.DevicesPage })),
);
const PlacesPage = lazyPage(() =>
  import('../pages/PlacesPage/PlacesPage.tsx').then((m) => ({ default: m.PlacesPage })),
);
const ApelPage = lazyPage(() =>
  import('../pages/ApelPage/ApelPage.tsx').then((m) => ({ default: m.ApelPage })),
);
const KioskOpenPage = lazyPage(() =>
  import('../pages/KioskOpenPage/KioskOpenPage.tsx').then((m) => ({ default: m.KioskOpenPage })),
);
const KioskPage = lazyPage(() =>
  import('../pages/KioskPage/KioskPage.tsx').then((m) => ({ default: m.KioskPage })),
);
const TerminalPage = lazyPage(() =>
  import('../pages/TerminalPage/TerminalPage.tsx').then((m) => ({ default: m.TerminalPage })),
);
const JadwalShiftPage = lazyPage(() =>
  import('../pages/JadwalShiftPage/JadwalShiftPage.tsx').then((m) => ({ default: m.JadwalShiftPage })),
);
const DokumenPage = lazyPage(() =>
  import('../pages/DokumenPage/DokumenPage.tsx').then((m) => ({ default: m.DokumenPage })),
);
const RekapPage = lazyPage(() =>
  import('../pages/RekapPage/RekapPage.tsx').then((m) => ({ default: m.RekapPage })),
);
const RekapUnitPage = lazyPage(() =>
  import('../pages/RekapUnitPage/RekapUnitPage.tsx').then((m) => ({ default: m.RekapUnitPage })),
);
const TodayPage = lazyPage(() =>
  import('../pages/TodayPage/TodayPage.tsx').then((m) => ({ default: m.TodayPage })),
);
const NotificationsPage = lazyPage(() =>
  import('../pages/NotificationsPage/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const KinerjaPage = lazyPage(() =>
  import('../pages/KinerjaPage/KinerjaPage.tsx').then((m) => ({ default: m.KinerjaPage })),
);
const KinerjaStafPage = lazyPage(() =>
  import('../pages/KinerjaStafPage/KinerjaStafPage.tsx').then((m) => ({ default: m.KinerjaStafPage })),
);
const KinerjaVerifikasiPage = lazyPage(() =>
  import('../pages/KinerjaVerifikasiPage/KinerjaVerifikasiPage.tsx').then((m) => ({
    default: m.KinerjaVerifikasiPage,
  })),
);
const KinerjaPenilaianPage = lazyPage(() =>
  import('../pages/KinerjaPenilaianPage/KinerjaPenilaianPage.tsx').then((m) => ({
    default: m.KinerjaPenilaianPage,
  })),
);
const KinerjaProgresPage = lazyPage(() =>
  import('../pages/KinerjaProgresPage/KinerjaProgresPage.tsx').then((m) => ({
    default: m.KinerjaProgresPage,
  })),
);
const KinerjaImporPage = lazyPage(() =>
  import('../pages/KinerjaImporPage/KinerjaImporPage.tsx').then((m) => ({ default: m.KinerjaImporPage })),
);
const DisiplinPage = lazyPage(() =>
  import('../pages/DisiplinPage/DisiplinPage.tsx').then((m) => ({ default: m.DisiplinPage })),
);
const DisiplinIndikasiPage = lazyPage(() =>
  import('../pages/DisiplinIndikasiPage/DisiplinIndikasiPage.tsx').then((m) => ({
    default: m.DisiplinIndikasiPage,
  })),
);
const DisiplinIndikasiDetailPage = lazyPage(() =>
  import('../pages/DisiplinIndikasiPage/DisiplinIndikasiDetailPage.tsx').then((m) => ({
    default: m.DisiplinIndikasiDetailPage,
  })),
);
const DisiplinKasusPage = lazyPage(() =>
  import('../pages/DisiplinKasusPage/DisiplinKasusPage.tsx').then((m) => ({ default: m.DisiplinKasusPage })),
);
const DisiplinKasusBaruPage = lazyPage(() =>
  import('../pages/DisiplinKasusPage/DisiplinKasusBaruPage.tsx').then((m) => ({
    default: m.DisiplinKasusBaruPage,
  })),
);
const DisiplinKasusDetailPage = lazyPage(() =>
  import('../pages/DisiplinKasusPage/DisiplinKasusDetailPage.tsx').then((m) => ({
    default: m.DisiplinKasusDetailPage,
  })),
);
const DisiplinGajiPage = lazyPage(() =>
  import('../pages/DisiplinGajiPage/DisiplinGajiPage.tsx').then((m) => ({ default: m.DisiplinGajiPage })),
);
const DisiplinGajiDetailPage = lazyPage(() =>
  import('../pages/DisiplinGajiPage/DisiplinGajiDetailPage.tsx').then((m) => ({
    default: m.DisiplinGajiDetailPage,
  })),
);
const DisiplinDasborPage = lazyPage(() =>
  import('../pages/DisiplinDasborPage/DisiplinDasborPage.tsx').then((m) => ({
    default: m.DisiplinDasborPage,
  })),
);
const DisiplinPenunjukanPage = lazyPage(() =>
  import('../pages/DisiplinPenunjukanPage/DisiplinPenunjukanPage.tsx').then((m) => ({
    default: m.DisiplinPenunjukanPage,
  })),
);
const TppPage = lazyPage(() => import('../pages/TppPage/TppPage.tsx').then((m) => ({ default: m.TppPage })));
// Oversight and recognition (issue 18).
const InspectionsPage = lazyPage(() =>
  import('../pages/InspectionsPage/InspectionsPage.tsx').then((m) => ({ default: m.InspectionsPage })),
);
const SidakDetailPage = lazyPage(() =>
  import('../pages/InspectionsPage/SidakDetailPage.tsx').then((m) => ({ default: m.SidakDetailPage })),
);
const SidakFollowUpsPage = lazyPage(() =>
  import('../pages/InspectionsPage/SidakFollowUpsPage.tsx').then((m) => ({ default: m.SidakFollowUpsPage })),
);
const ComplaintsPage = lazyPage(() =>
  import('../pages/ComplaintsPage/ComplaintsPage.tsx').then((m) => ({ default: m.ComplaintsPage })),
);
// The public complaint form and its tracking page (no account; issue 18): strings through lazyPage like any page.
const LaporPage = lazyPage(() =>
  import('../pages/LaporPage/LaporPage.tsx').then((m) => ({ default: m.LaporPage })),
);
const LacakPage = lazyPage(() =>
  import('../pages/LaporPage/LacakPage.tsx').then((m) => ({ default: m.LacakPage })),
);
const ElectionWatchPage = lazyPage(() =>
  import('../pages/ElectionWatchPage/ElectionWatchPage.tsx').then((m) => ({ default: m.ElectionWatchPage })),
);
const TeladanPage = lazyPage(() =>
  import('../pages/TeladanPage/TeladanPage.tsx').then((m) => ({ default: m.TeladanPage })),
);
const CommandCentrePage = lazyPage(() =>
  import('../pages/CommandCentrePage/CommandCentrePage.tsx').then((m) => ({ default: m.CommandCentrePage })),
);
const CompetencyPage = lazyPage(() =>
  import('../pages/CompetencyPage/CompetencyPage.tsx').then((m) => ({ default: m.CompetencyPage })),
);
const CompetencyBkdPage = lazyPage(() =>
  import('../pages/CompetencyBkdPage/CompetencyBkdPage.tsx').then((m) => ({ default: m.CompetencyBkdPage })),
);
const TppProsesPage = lazyPage(() =>
  import('../pages/TppProsesPage/TppProsesPage.tsx').then((m) => ({ default: m.TppProsesPage })),
);
const TppRunDetailPage = lazyPage(() =>
  import('../pages/TppProsesPage/TppRunDetailPage.tsx').then((m) => ({ default: m.TppRunDetailPage })),
);
const TppRekapPage = lazyPage(() =>
  import('../pages/TppRekapPage/TppRekapPage.tsx').then((m) => ({ default: m.TppRekapPage })),
);
const TppKeberatanPage = lazyPage(() =>
  import('../pages/TppKeberatanPage/TppKeberatanPage.tsx').then((m) => ({ default: m.TppKeberatanPage })),
);
const TppTarifPage = lazyPage(() =>
  import('../pages/TppTarifPage/TppTarifPage.tsx').then((m) => ({ default: m.TppTarifPage })),
);
const TppPaguPage = lazyPage(() =>
  import('../pages/TppPaguPage/TppPaguPage.tsx').then((m) => ({ default: m.TppPaguPage })),
);
const TppDataGajiPage = lazyPage(() =>
  import('../pages/TppDataGajiPage/TppDataGajiPage.tsx').then((m) => ({ default: m.TppDataGajiPage })),
);
const TppPengecualianPage = lazyPage(() =>
  import('../pages/TppPengecualianPage/TppPengecualianPage.tsx').then((m) => ({
    default: m.TppPengecualianPage,
  })),
);
const TppSimulasiPage = lazyPage(() =>
  import('../pages/TppSimulasiPage/TppSimulasiPage.tsx').then((m) => ({ default: m.TppSimulasiPage })),
);
const TppDasborPage = lazyPage(() =>
  import('../pages/TppDasborPage/TppDasborPage.tsx').then((m) => ({ default: m.TppDasborPage })),
);
const NotFoundPage = lazyPage(() =>
  import('../pages/NotFoundPage/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const page = (node: ReactNode) => <Suspense fallback={<LoadingState minHeight={320} />}>{node}</Suspense>;

/**
 * Route paths are Indonesian: /login, /ganti-sandi, / (the home page of each role), /organisasi, /pegawai,
 * /pegawai/:id, /impor, /audit, /presensi (+ /tinjau, /perangkat, /lokasi, /apel, /kios, /log-mesin,
 * /jadwal-shift), /pengaturan/dokumen, /rekap (+ /unit), /izin (+ /persetujuan), /koreksi (+ /persetujuan), /cuti (+ /persetujuan),
 * /pengawasan (attendance anomalies) and the public kiosk screen /kiosk/:id. Every page is a lazy chunk: a page
 * adds one `lazy` line and one route line here, and one line in nav.ts.
 */
export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: page(<LoginPage />), errorElement: <RouteError /> },
    // The kiosk screen needs no login: the token in its address is its credential.
    { path: '/kiosk/:id', element: page(<KioskPage />), errorElement: <RouteError /> },
    // The public complaint page and its tracking page need no login (issue 18; docs/complaints.md).
    { path: '/lapor', element: page(<LaporPage />), errorElement: <RouteError /> },
    { path: '/lapor/lacak', element: page(<LacakPage />), errorElement: <RouteError /> },
    {
      path: '/ganti-sandi',
      element: page(
        <RequireAuth allowPasswordChange>
          <ChangePasswordPage />
        </RequireAuth>,
      ),
      errorElement: <RouteError />,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <AppLayout />
        </RequireAuth>
      ),
      errorElement: <RouteError />,
      children: [
        { index: true, element: <DashboardPage /> },
        {
          path: 'organisasi',
          element: (
            <RequireRole roles={ORG_VIEWERS}>
              <OrganisationPage />
            </RequireRole>
          ),
        },
        {
          path: 'pegawai',
          element: (
            <RequireRole roles={ORG_VIEWERS}>
              <EmployeesPage />
            </RequireRole>
          ),
        },
        { path: 'pegawai/:id', element: <EmployeeDetailPage /> },
        {
          path: 'impor',
          element: (
            <RequireRole roles={IMPORTERS}>
              <ImportPage />
            </RequireRole>
          ),
        },
        {
          path: 'pengaturan/dokumen',
          element: (
            <RequireRole roles={DOCUMENT_CONFIGURERS}>
              <DokumenPage />
            </RequireRole>
          ),
        },
        {
          path: 'audit',
          element: (
            <RequireRole roles={AUDIT_VIEWERS}>
              <AuditPage />
            </RequireRole>
          ),
        },
        { path: 'presensi', element: <PresensiPage /> },
        { path: 'notifikasi', element: <NotificationsPage /> },
        {
          path: 'kehadiran',
          element: (
            <RequireRole roles={RECAP_VIEWERS}>
              <TodayPage />
            </RequireRole>
          ),
        },
        { path: 'rekap', element: <RekapPage /> },
        {
          path: 'rekap/unit',
          element: (
            <RequireRole roles={RECAP_VIEWERS}>
              <RekapUnitPage />
            </RequireRole>
          ),
        },
        { path: 'izin', element: <IzinPage /> },
        {
          path: 'izin/persetujuan',
          element: (
            <RequireRole roles={PERMIT_APPROVAL_VIEWERS}>
              <PersetujuanPage key="permits" />
            </RequireRole>
          ),
        },
        { path: 'koreksi', element: <KoreksiPage /> },
        {
          path: 'koreksi/persetujuan',
          element: (
            <RequireRole roles={PERMIT_APPROVAL_VIEWERS}>
              <PersetujuanPage key="corrections" initialTab="corrections" />
            </RequireRole>
          ),
        },
        {
          path: 'pengawasan',
          element: (
            <RequireRole roles={ANOMALY_VIEWERS}>
              <AnomaliesPage />
            </RequireRole>
          ),
        },
        { path: 'cuti', element: <CutiPage /> },
        {
          path: 'cuti/persetujuan',
          element: (
            <RequireRole roles={LEAVE_APPROVAL_VIEWERS}>
              <CutiPersetujuanPage />
            </RequireRole>
          ),
        },
        {
          path: 'presensi/tinjau',
          element: (
            <RequireRole roles={PUNCH_REVIEWERS}>
              <ReviewPage />
            </RequireRole>
          ),
        },
        ...(
          [
            ['presensi/perangkat', <DevicesPage key="devices" />],
            ['presensi/lokasi', <PlacesPage key="places" />],
            ['presensi/apel', <ApelPage key="apel" />],
            ['presensi/kios', <KioskOpenPage key="kiosk" />],
            ['presensi/log-mesin', <TerminalPage key="terminal" />],
            ['presensi/jadwal-shift', <JadwalShiftPage key="rosters" />],
          ] as const
        ).map(([path, element]) => ({
          path,
          element: <RequireRole roles={ATTENDANCE_ADMINS}>{element}</RequireRole>,
        })),
        // e-Kinerja (issue 15): the employee's page (tabs /kinerja/:tab, /kinerja/lapor = today's report form),
        // the superior's staff page and inbox, an evaluation, progress and the SKP import.
        { path: 'kinerja', element: <KinerjaPage /> },
        { path: 'kinerja/:tab', element: <KinerjaPage /> },
        {
          path: 'kinerja/staf',
          element: (
            <RequireRole roles={KINERJA_STAFF_VIEWERS}>
              <KinerjaStafPage />
            </RequireRole>
          ),
        },
        {
          path: 'kinerja/verifikasi',
          element: (
            <RequireRole roles={KINERJA_VERIFIERS}>
              <KinerjaVerifikasiPage />
            </RequireRole>
          ),
        },
        { path: 'kinerja/penilaian/:id', element: <KinerjaPenilaianPage /> },
        {
          path: 'kinerja/progres',
          element: (
            <RequireRole roles={KINERJA_READERS}>
              <KinerjaProgresPage />
            </RequireRole>
          ),
        },
        {
          path: 'kinerja/impor',
          element: (
            <RequireRole roles={KINERJA_MANAGERS}>
              <KinerjaImporPage />
            </RequireRole>
          ),
        },
        // Discipline (issue 16): my cases and inbox, indications, the case registry and a case, salary stops, the
        // dashboard and the PPK's JF designations. Detail pages are opened from links (inbox, notifications); the
        // server shows each only to the parties and the authorised roles in scope.
        { path: 'disiplin', element: <DisiplinPage /> },
        { path: 'disiplin/kotak-masuk', element: <DisiplinPage /> },
        {
          path: 'disiplin/indikasi',
          element: (
            <RequireRole roles={DISCIPLINE_CASE_VIEWERS}>
              <DisiplinIndikasiPage />
            </RequireRole>
          ),
        },
        { path: 'disiplin/indikasi/:id', element: <DisiplinIndikasiDetailPage /> },
        {
          path: 'disiplin/kasus',
          element: (
            <RequireRole roles={DISCIPLINE_CASE_VIEWERS}>
              <DisiplinKasusPage />
            </RequireRole>
          ),
        },
        {
          path: 'disiplin/kasus/baru',
          element: (
            <RequireRole roles={DISCIPLINE_CASE_VIEWERS}>
              <DisiplinKasusBaruPage />
            </RequireRole>
          ),
        },
        { path: 'disiplin/kasus/:id', element: <DisiplinKasusDetailPage /> },
        {
          path: 'disiplin/gaji',
          element: (
            <RequireRole roles={DISCIPLINE_CASE_VIEWERS}>
              <DisiplinGajiPage />
            </RequireRole>
          ),
        },
        { path: 'disiplin/gaji/:id', element: <DisiplinGajiDetailPage /> },
        {
          path: 'disiplin/dasbor',
          element: (
            <RequireRole roles={DISCIPLINE_READERS}>
              <DisiplinDasborPage />
            </RequireRole>
          ),
        },
        {
          path: 'disiplin/penunjukan',
          element: (
            <RequireRole roles={DISCIPLINE_MANAGERS}>
              <DisiplinPenunjukanPage />
            </RequireRole>
          ),
        },
        // TPP (issue 17): my month; the runs and a run (its line: ?pegawai=); tariffs and pagu (BKD); pay data and
        // exclusions. The server limits each to the caller's scope.
        { path: 'tpp', element: <TppPage /> },
        {
          path: 'tpp/proses',
          element: (
            <RequireTppFinance>
              <TppProsesPage />
            </RequireTppFinance>
          ),
        },
        {
          path: 'tpp/proses/:id',
          element: (
            <RequireTppFinance>
              <TppRunDetailPage />
            </RequireTppFinance>
          ),
        },
        {
          path: 'tpp/rekap',
          element: (
            <RequireTppFinance>
              <TppRekapPage />
            </RequireTppFinance>
          ),
        },
        ...(
          [
            ['tpp/tarif', TPP_MANAGERS, <TppTarifPage key="tariffs" />],
            ['tpp/pagu', TPP_MANAGERS, <TppPaguPage key="budgets" />],
            ['tpp/data-gaji', TPP_DATA_VIEWERS, <TppDataGajiPage key="pay" />],
            ['tpp/pengecualian', TPP_DATA_VIEWERS, <TppPengecualianPage key="exclusions" />],
            ['tpp/simulasi', TPP_MANAGERS, <TppSimulasiPage key="simulations" />],
            ['tpp/simulasi/:id', TPP_MANAGERS, <TppSimulasiPage key="simulation" />],
            ['tpp/dasbor', TPP_DATA_VIEWERS, <TppDasborPage key="tpp-dashboard" />],
            ['tpp/keberatan', TPP_OBJECTION_DECIDERS, <TppKeberatanPage key="objections" />],
          ] as const
        ).map(([path, roles, element]) => ({
          path,
          element: <RequireRole roles={roles}>{element}</RequireRole>,
        })),
        // Oversight and recognition (issue 18): the server limits each to the caller's scope.
        { path: 'sidak', element: <InspectionsPage /> },
        { path: 'sidak/tindak-lanjut', element: <SidakFollowUpsPage /> },
        { path: 'sidak/:id', element: <SidakDetailPage /> },
        { path: 'pengaduan', element: <ComplaintsPage /> },
        { path: 'pengawasan-pemilu', element: <ElectionWatchPage /> },
        { path: 'teladan', element: <TeladanPage /> },
        { path: 'ruang-kendali', element: <CommandCentrePage /> },
        { path: 'kompetensi', element: <CompetencyPage /> },
        { path: 'kompetensi/bkd', element: <CompetencyBkdPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
