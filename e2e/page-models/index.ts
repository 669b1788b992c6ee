export { AppShell } from './app-shell.ts';
export { AuditPage } from './audit-page.ts';
export { DashboardPage } from './dashboard-page.ts';
export { EmployeeDetailPage } from './employee-detail-page.ts';
export { EmployeesPage, type NewEmployee } from './employees-page.ts';
export { ImportPage } from './import-page.ts';
export { LoginPage } from './login-page.ts';
export { OrganisationPage } from './organisation-page.ts';
