import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { LoadingState } from '../components/LoadingState.tsx';
import { AUDIT_VIEWERS, IMPORTERS, ORG_VIEWERS } from '../lib/roles.ts';
import { AppLayout } from './AppLayout.tsx';
import { RequireAuth, RequireRole } from './AuthGuard.tsx';
import { RouteError } from './RouteError.tsx';

const LoginPage = lazy(() =>
  import('../pages/LoginPage/LoginPage.tsx').then((m) => ({ default: m.LoginPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../pages/ChangePasswordPage/ChangePasswordPage.tsx').then((m) => ({
    default: m.ChangePasswordPage,
  })),
);
const DashboardPage = lazy(() =>
  import('../pages/DashboardPage/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const OrganisationPage = lazy(() =>
  import('../pages/OrganisationPage/OrganisationPage.tsx').then((m) => ({ default: m.OrganisationPage })),
);
const EmployeesPage = lazy(() =>
  import('../pages/EmployeesPage/EmployeesPage.tsx').then((m) => ({ default: m.EmployeesPage })),
);
const EmployeeDetailPage = lazy(() =>
  import('../pages/EmployeeDetailPage/EmployeeDetailPage.tsx').then((m) => ({
    default: m.EmployeeDetailPage,
  })),
);
const ImportPage = lazy(() =>
  import('../pages/ImportPage/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const AuditPage = lazy(() =>
  import('../pages/AuditPage/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const NotFoundPage = lazy(() =>
  import('../pages/NotFoundPage/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })),
);

const page = (node: ReactNode) => <Suspense fallback={<LoadingState minHeight={320} />}>{node}</Suspense>;

/** Route paths are Indonesian: /login, /ganti-sandi, /, /organisasi, /pegawai, /pegawai/:id, /impor, /audit. */
export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: page(<LoginPage />), errorElement: <RouteError /> },
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
          path: 'audit',
          element: (
            <RequireRole roles={AUDIT_VIEWERS}>
              <AuditPage />
            </RequireRole>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
