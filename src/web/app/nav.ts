import type { Icon } from '@tabler/icons-react';
import {
  IconAlertTriangle,
  IconAward,
  IconDeviceDesktopAnalytics,
  IconBallpen,
  IconClipboardSearch,
  IconSpeakerphone,
  IconBeach,
  IconCalendarStats,
  IconCalendarTime,
  IconChecklist,
  IconClipboardCheck,
  IconClockEdit,
  IconDeviceMobile,
  IconFileCertificate,
  IconFileImport,
  IconFileText,
  IconFingerprint,
  IconFlag,
  IconHierarchy2,
  IconHome,
  IconListCheck,
  IconMapPin,
  IconQrcode,
  IconReportAnalytics,
  IconServer,
  IconShieldCheck,
  IconUserCheck,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import {
  IconChartBar,
  IconClipboardList,
  IconMessageReport,
  IconReportMoney,
  IconTargetArrow,
  IconUserSearch,
} from '@tabler/icons-react';
import {
  IconCashOff,
  IconChartPie,
  IconFolders,
  IconGavel,
  IconInbox,
  IconRadar,
  IconSchool,
  IconUserShield,
} from '@tabler/icons-react';
import type { Me, Role } from '../api/types.ts';
import {
  KINERJA_MANAGERS,
  KINERJA_READERS,
  KINERJA_STAFF_VIEWERS,
  KINERJA_VERIFIERS,
} from '../components/kinerja/roles.ts';
import {
  DISCIPLINE_CASE_VIEWERS,
  DISCIPLINE_INBOX_VIEWERS,
  DISCIPLINE_MANAGERS,
  DISCIPLINE_READERS,
  DISCIPLINE_SALARY,
} from '../components/discipline/roles.ts';
import {
  IconCalculator,
  IconCoin,
  IconReceipt2,
  IconTable,
  IconUserOff,
  IconWallet,
} from '@tabler/icons-react';
import { TPP_DATA_VIEWERS, TPP_MANAGERS } from '../components/tpp/roles.ts';
import { TPP_OBJECTION_DECIDERS } from '../components/tpp/objections/roles.ts';
import type { MessageKey } from '../text/keys.ts';
import {
  ANOMALY_VIEWERS,
  ATTENDANCE_ADMINS,
  AUDIT_VIEWERS,
  DOCUMENT_CONFIGURERS,
  hasAnyRole,
  IMPORTERS,
  LEAVE_APPROVAL_VIEWERS,
  ORG_VIEWERS,
  PERMIT_APPROVAL_VIEWERS,
  PUNCH_REVIEWERS,
  OVERSIGHT_READERS,
  COMMAND_CENTRE_VIEWERS,
  RECAP_VIEWERS,
} from '../lib/roles.ts';

/** The navigation is grouped by task (issue 13): what I do today, what I ask for, what I decide, reports, data. */
export const NAV_GROUPS = [
  'presensi',
  'kinerja',
  'disiplin',
  'pengajuan',
  'persetujuan',
  'kompetensi',
  'rekap',
  'tpp',
  'pengawasan',
  'administrasi',
] as const;
export type NavGroup = (typeof NAV_GROUPS)[number];

/** A live count shown beside a label: what waits for the user's decision. */
export type NavBadge =
  | 'reviews'
  | 'leave'
  | 'permits'
  | 'corrections'
  | 'devices'
  | 'kinerja'
  | 'disiplin'
  | 'tppObjections'
  | 'complaints'
  | 'sidak'
  | 'changeProjects';

export interface NavItem {
  to: string;
  /** i18n key */
  label: MessageKey;
  icon: Icon;
  /** Active only on exactly this path (not on the pages below it). */
  end?: boolean;
  badge?: NavBadge;
  /** The task group; none = above the groups (the home page). */
  group?: NavGroup;
}

/**
 * Who sees an item: an employee record (own punches, requests, recap), one of the roles, or the designated TPP
 * treasurer of a unit without a TPP reading role ('treasurer': by designation, not a role; the server says who).
 */
type Who = 'employee' | 'treasurer' | readonly Role[];

/**
 * Every page of the navigation, one line each, in the order shown (PRODUCT.md roles; the server limits each to
 * the role's units). A new page is one line here and one in routes.tsx.
 */
const NAV: (NavItem & { who: Who | 'everyone' })[] = [
  { to: '/', label: 'nav.home', icon: IconHome, end: true, who: 'everyone' },
  {
    group: 'presensi',
    to: '/presensi',
    label: 'nav.presensi',
    icon: IconFingerprint,
    end: true,
    who: 'employee',
  },
  { group: 'presensi', to: '/kehadiran', label: 'nav.today', icon: IconUsersGroup, who: RECAP_VIEWERS },
  { group: 'presensi', to: '/presensi/kios', label: 'nav.kiosk', icon: IconQrcode, who: ATTENDANCE_ADMINS },
  { group: 'presensi', to: '/presensi/apel', label: 'nav.apel', icon: IconFlag, who: ATTENDANCE_ADMINS },
  {
    group: 'kinerja',
    to: '/kinerja',
    label: 'nav.kinerja',
    icon: IconTargetArrow,
    end: true,
    who: 'employee',
  },
  {
    group: 'kinerja',
    to: '/kinerja/staf',
    label: 'nav.kinerjaStaff',
    icon: IconUserSearch,
    who: KINERJA_STAFF_VIEWERS,
  },
  // Discipline (issue 16): my cases and riwayat hukuman; the inbox (badge) for superiors and the discipline roles;
  // indications and cases for superiors and readers; the dashboard for readers; salary stops and JF designations.
  {
    group: 'disiplin',
    to: '/disiplin',
    label: 'nav.disiplin',
    icon: IconGavel,
    end: true,
    who: 'employee',
  },
  {
    group: 'disiplin',
    to: '/disiplin/kotak-masuk',
    label: 'nav.disiplinInbox',
    icon: IconInbox,
    badge: 'disiplin',
    who: DISCIPLINE_INBOX_VIEWERS,
  },
  {
    group: 'disiplin',
    to: '/disiplin/indikasi',
    label: 'nav.disiplinIndications',
    icon: IconRadar,
    who: DISCIPLINE_CASE_VIEWERS,
  },
  {
    group: 'disiplin',
    to: '/disiplin/kasus',
    label: 'nav.disiplinCases',
    icon: IconFolders,
    who: DISCIPLINE_CASE_VIEWERS,
  },
  {
    group: 'disiplin',
    to: '/disiplin/dasbor',
    label: 'nav.disiplinDashboard',
    icon: IconChartPie,
    who: DISCIPLINE_READERS,
  },
  {
    group: 'disiplin',
    to: '/disiplin/gaji',
    label: 'nav.disiplinSalary',
    icon: IconCashOff,
    who: DISCIPLINE_SALARY,
  },
  {
    group: 'disiplin',
    to: '/disiplin/penunjukan',
    label: 'nav.disiplinDesignations',
    icon: IconUserShield,
    who: DISCIPLINE_MANAGERS,
  },
  // TPP (issue 17): my month for the employee; runs and the data pages for tpp.read / tpp.run; tariffs and pagu for
  // tpp.manage (BKD).
  { group: 'tpp', to: '/tpp', label: 'nav.tpp', icon: IconReceipt2, end: true, who: 'employee' },
  { group: 'tpp', to: '/tpp/proses', label: 'nav.tppRuns', icon: IconCalculator, who: TPP_DATA_VIEWERS },
  // The treasurer (bendahara pengeluaran) of an OPD: its published runs read-only with the downloads, its recap.
  { group: 'tpp', to: '/tpp/proses', label: 'nav.tppTreasurer', icon: IconReportMoney, who: 'treasurer' },
  { group: 'tpp', to: '/tpp/rekap', label: 'nav.tppRecap', icon: IconChartBar, who: 'treasurer' },
  {
    group: 'tpp',
    to: '/tpp/keberatan',
    label: 'nav.tppObjections',
    icon: IconMessageReport,
    badge: 'tppObjections',
    who: TPP_OBJECTION_DECIDERS,
  },
  {
    group: 'tpp',
    to: '/tpp/rekap',
    label: 'nav.tppRecap',
    icon: IconReportMoney,
    who: TPP_DATA_VIEWERS,
  },
  { group: 'tpp', to: '/tpp/tarif', label: 'nav.tppTariffs', icon: IconTable, who: TPP_MANAGERS },
  { group: 'tpp', to: '/tpp/pagu', label: 'nav.tppBudgets', icon: IconCoin, who: TPP_MANAGERS },
  { group: 'tpp', to: '/tpp/data-gaji', label: 'nav.tppPay', icon: IconWallet, who: TPP_DATA_VIEWERS },
  {
    group: 'tpp',
    to: '/tpp/pengecualian',
    label: 'nav.tppExclusions',
    icon: IconUserOff,
    who: TPP_DATA_VIEWERS,
  },
  {
    group: 'tpp',
    to: '/tpp/dasbor',
    label: 'nav.tppDashboard',
    icon: IconChartBar,
    who: TPP_DATA_VIEWERS,
  },
  {
    group: 'tpp',
    to: '/tpp/simulasi',
    label: 'nav.tppSimulation',
    icon: IconCalculator,
    who: TPP_MANAGERS,
  },
  // Oversight and recognition (issue 18): the leaders' command centre, inspections, complaints, the election-period
  // watch, ASN teladan.
  {
    group: 'pengawasan',
    to: '/ruang-kendali',
    label: 'nav.commandCentre',
    icon: IconDeviceDesktopAnalytics,
    who: COMMAND_CENTRE_VIEWERS,
  },
  {
    group: 'pengawasan',
    to: '/sidak',
    label: 'nav.inspections',
    icon: IconClipboardSearch,
    who: OVERSIGHT_READERS,
    badge: 'sidak',
  },
  {
    group: 'pengawasan',
    to: '/pengaduan',
    label: 'nav.complaints',
    icon: IconSpeakerphone,
    who: OVERSIGHT_READERS,
    badge: 'complaints',
  },
  {
    group: 'pengawasan',
    to: '/pengawasan-pemilu',
    label: 'nav.electionWatch',
    icon: IconBallpen,
    // Heads of OPD (ATASAN) acknowledge their OPD's daily lists here.
    who: [...OVERSIGHT_READERS, 'ATASAN'],
  },
  { group: 'pengawasan', to: '/teladan', label: 'nav.teladan', icon: IconAward, who: OVERSIGHT_READERS },
  // Competency and development (issue 19): my competencies (and my staff's), BKD's standards and results.
  {
    group: 'kompetensi',
    to: '/kompetensi',
    label: 'nav.competency',
    icon: IconSchool,
    end: true,
    // Change projects waiting for the user's rating as an assessor (issue 19 point 5).
    badge: 'changeProjects',
    who: 'employee',
  },
  {
    group: 'kompetensi',
    to: '/kompetensi/bkd',
    label: 'nav.competencyBkd',
    icon: IconSchool,
    who: ['BKD', 'SUPER_ADMIN'],
  },
  { group: 'pengajuan', to: '/cuti', label: 'nav.leave', icon: IconBeach, end: true, who: 'employee' },
  {
    group: 'pengajuan',
    to: '/izin',
    label: 'nav.permits',
    icon: IconFileCertificate,
    end: true,
    who: 'employee',
  },
  {
    group: 'pengajuan',
    to: '/koreksi',
    label: 'nav.corrections',
    icon: IconClockEdit,
    end: true,
    who: 'employee',
  },
  {
    group: 'persetujuan',
    to: '/presensi/tinjau',
    label: 'nav.reviews',
    icon: IconChecklist,
    badge: 'reviews',
    who: PUNCH_REVIEWERS,
  },
  {
    group: 'persetujuan',
    to: '/cuti/persetujuan',
    label: 'nav.leaveApprovals',
    icon: IconClipboardCheck,
    badge: 'leave',
    who: LEAVE_APPROVAL_VIEWERS,
  },
  {
    group: 'persetujuan',
    to: '/izin/persetujuan',
    label: 'nav.permitApprovals',
    icon: IconListCheck,
    badge: 'permits',
    who: PERMIT_APPROVAL_VIEWERS,
  },
  {
    group: 'persetujuan',
    to: '/koreksi/persetujuan',
    label: 'nav.correctionApprovals',
    icon: IconUserCheck,
    badge: 'corrections',
    who: PERMIT_APPROVAL_VIEWERS,
  },
  {
    group: 'persetujuan',
    to: '/kinerja/verifikasi',
    label: 'nav.kinerjaVerify',
    icon: IconClipboardList,
    badge: 'kinerja',
    who: KINERJA_VERIFIERS,
  },
  {
    group: 'persetujuan',
    to: '/presensi/perangkat',
    label: 'nav.devices',
    icon: IconDeviceMobile,
    badge: 'devices',
    who: ATTENDANCE_ADMINS,
  },
  { group: 'rekap', to: '/rekap', label: 'nav.recap', icon: IconCalendarStats, end: true, who: 'employee' },
  {
    group: 'rekap',
    to: '/rekap/unit',
    label: 'nav.unitRecap',
    icon: IconReportAnalytics,
    who: RECAP_VIEWERS,
  },
  {
    group: 'kinerja',
    to: '/kinerja/progres',
    label: 'nav.kinerjaProgress',
    icon: IconChartBar,
    who: KINERJA_READERS,
  },
  {
    group: 'rekap',
    to: '/pengawasan',
    label: 'nav.anomalies',
    icon: IconAlertTriangle,
    who: ANOMALY_VIEWERS,
  },
  {
    group: 'administrasi',
    to: '/organisasi',
    label: 'nav.organisation',
    icon: IconHierarchy2,
    who: ORG_VIEWERS,
  },
  { group: 'administrasi', to: '/pegawai', label: 'nav.employees', icon: IconUsers, who: ORG_VIEWERS },
  {
    group: 'administrasi',
    to: '/presensi/lokasi',
    label: 'nav.places',
    icon: IconMapPin,
    who: ATTENDANCE_ADMINS,
  },
  {
    group: 'administrasi',
    to: '/presensi/jadwal-shift',
    label: 'nav.rosters',
    icon: IconCalendarTime,
    who: ATTENDANCE_ADMINS,
  },
  {
    group: 'administrasi',
    to: '/presensi/log-mesin',
    label: 'nav.terminal',
    icon: IconServer,
    who: ATTENDANCE_ADMINS,
  },
  {
    group: 'administrasi',
    to: '/pengaturan/dokumen',
    label: 'nav.documents',
    icon: IconFileText,
    who: DOCUMENT_CONFIGURERS,
  },
  { group: 'administrasi', to: '/impor', label: 'nav.import', icon: IconFileImport, who: IMPORTERS },
  {
    group: 'administrasi',
    to: '/kinerja/impor',
    label: 'nav.kinerjaImport',
    icon: IconFileImport,
    who: KINERJA_MANAGERS,
  },
  { group: 'administrasi', to: '/audit', label: 'nav.audit', icon: IconShieldCheck, who: AUDIT_VIEWERS },
];

/** What the navigation knows beyond the session: whether the user is a designated TPP treasurer. */
export interface NavStanding {
  treasurer?: boolean;
}

function sees(me: Me, who: Who | 'everyone', standing: NavStanding): boolean {
  if (who === 'everyone') return true;
  if (who === 'employee') return !!me.user.employeeId;
  if (who === 'treasurer') return !!standing.treasurer && !hasAnyRole(me, TPP_DATA_VIEWERS);
  return hasAnyRole(me, who);
}

/** The navigation a user sees, in order: only what their roles may use. */
export function navItemsFor(me: Me, standing: NavStanding = {}): NavItem[] {
  return NAV.filter((item) => sees(me, item.who, standing)).map(({ who: _who, ...item }) => item);
}

/** The same items by task group: the ungrouped ones first (`group` null), then each group that has any. */
export function navSectionsFor(
  me: Me,
  standing: NavStanding = {},
): { group: NavGroup | null; items: NavItem[] }[] {
  const items = navItemsFor(me, standing);
  return [
    { group: null, items: items.filter((i) => !i.group) },
    ...NAV_GROUPS.map((group) => ({ group, items: items.filter((i) => i.group === group) })),
  ].filter((s) => s.items.length > 0);
}
