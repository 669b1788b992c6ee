import type { Icon } from '@tabler/icons-react';
import {
  IconBeach,
  IconCalendarStats,
  IconChecklist,
  IconClockEdit,
  IconFileCertificate,
  IconListCheck,
  IconClipboardCheck,
  IconDeviceMobile,
  IconFingerprint,
  IconFileImport,
  IconFlag,
  IconMapPin,
  IconServer,
  IconHierarchy2,
  IconLayoutDashboard,
  IconReportAnalytics,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  IconCalendarTime,
} from '@tabler/icons-react';
import type { Me } from '../api/types.ts';
import {
  ATTENDANCE_ADMINS,
  AUDIT_VIEWERS,
  hasAnyRole,
  IMPORTERS,
  LEAVE_APPROVAL_VIEWERS,
  PERMIT_APPROVAL_VIEWERS,
  ORG_VIEWERS,
  PUNCH_REVIEWERS,
  RECAP_VIEWERS,
} from '../lib/roles.ts';

export interface NavItem {
  to: string;
  /** i18n key */
  label: string;
  icon: Icon;
  end?: boolean;
  /** A live count shown beside the label. */
  badge?: 'reviews' | 'leave' | 'permits' | 'devices';
}

/** The navigation a user sees, by role (PRODUCT.md roles; each role scoped to a unit subtree on the server). */
export function navItemsFor(me: Me): NavItem[] {
  const items: NavItem[] = [{ to: '/', label: 'nav.dashboard', icon: IconLayoutDashboard, end: true }];
  if (me.user.employeeId)
    items.push({ to: '/presensi', label: 'nav.presensi', icon: IconFingerprint, end: true });
  if (hasAnyRole(me, PUNCH_REVIEWERS)) {
    items.push({ to: '/presensi/tinjau', label: 'nav.reviews', icon: IconChecklist, badge: 'reviews' });
  }
  if (me.user.employeeId)
    items.push({ to: '/rekap', label: 'nav.recap', icon: IconCalendarStats, end: true });
  if (hasAnyRole(me, RECAP_VIEWERS))
    items.push({ to: '/rekap/unit', label: 'nav.unitRecap', icon: IconReportAnalytics });
  if (me.user.employeeId) items.push({ to: '/cuti', label: 'nav.leave', icon: IconBeach, end: true });
  if (hasAnyRole(me, LEAVE_APPROVAL_VIEWERS))
    items.push({
      to: '/cuti/persetujuan',
      label: 'nav.leaveApprovals',
      icon: IconClipboardCheck,
      badge: 'leave',
    });
  if (me.user.employeeId) {
    items.push({ to: '/izin', label: 'nav.permits', icon: IconFileCertificate, end: true });
    items.push({ to: '/koreksi', label: 'nav.corrections', icon: IconClockEdit, end: true });
  }
  if (hasAnyRole(me, PERMIT_APPROVAL_VIEWERS))
    items.push({
      to: '/izin/persetujuan',
      label: 'nav.permitApprovals',
      icon: IconListCheck,
      badge: 'permits',
    });
  const canSeeOrg = hasAnyRole(me, ORG_VIEWERS);
  if (canSeeOrg) {
    items.push({ to: '/organisasi', label: 'nav.organisation', icon: IconHierarchy2 });
    items.push({ to: '/pegawai', label: 'nav.employees', icon: IconUsers, end: false });
  }
  if (hasAnyRole(me, ATTENDANCE_ADMINS)) {
    items.push({ to: '/presensi/perangkat', label: 'nav.devices', icon: IconDeviceMobile, badge: 'devices' });
    items.push({ to: '/presensi/lokasi', label: 'nav.places', icon: IconMapPin });
    items.push({ to: '/presensi/apel', label: 'nav.apel', icon: IconFlag });
    items.push({ to: '/presensi/log-mesin', label: 'nav.terminal', icon: IconServer });
    items.push({ to: '/presensi/jadwal-shift', label: 'nav.rosters', icon: IconCalendarTime });
  }
  if (hasAnyRole(me, IMPORTERS)) items.push({ to: '/impor', label: 'nav.import', icon: IconFileImport });
  if (hasAnyRole(me, AUDIT_VIEWERS)) items.push({ to: '/audit', label: 'nav.audit', icon: IconShieldCheck });
  if (me.user.employeeId) {
    items.push({
      to: `/pegawai/${me.user.employeeId}`,
      label: 'nav.profile',
      icon: IconUserCircle,
      end: true,
    });
  }
  return items;
}
