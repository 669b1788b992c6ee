import {
  ActionIcon,
  AppShell,
  Badge,
  Box,
  Burger,
  Group,
  Indicator,
  NavLink,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { IconLanguage } from '@tabler/icons-react';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { usePendingDeviceCount, useReviewCount } from '../api/attendance.ts';
import { useLeaveInboxCount } from '../api/leave.ts';
import { usePermitInboxCount } from '../api/permits.ts';
import { useObjectionInboxCount } from '../api/tpp-objections.ts';
import { authKeys, useMe } from '../api/auth.ts';
import type { Me } from '../api/types.ts';
import { backgroundLazy } from '../components/BackgroundChunk.tsx';
import { LoadingState } from '../components/LoadingState.tsx';
import { OfflineBanner } from '../components/OfflineBanner.tsx';
import { useAfterFirstScreen } from '../lib/after-first-screen.ts';
import { usePunchSync } from '../lib/punch-queue.ts';
import { NotificationBell } from '../components/NotificationBell.tsx';
import {
  ATTENDANCE_ADMINS,
  hasAnyRole,
  LEAVE_APPROVAL_VIEWERS,
  OVERSIGHT_READERS,
  PERMIT_APPROVAL_VIEWERS,
  PUNCH_REVIEWERS,
} from '../lib/roles.ts';
import { KINERJA_VERIFIERS } from '../components/kinerja/roles.ts';
import { DISCIPLINE_INBOX_VIEWERS } from '../components/discipline/roles.ts';
import { TPP_OBJECTION_DECIDERS } from '../components/tpp/objections/roles.ts';
import { useTppTreasurer } from '../components/tpp/finance/treasurer.tsx';
import { currentLanguage, setLanguage } from '../text/i18n.ts';
import { navSectionsFor, type NavBadge, type NavItem } from './nav.ts';
import { useComplaintInboxCount } from '../api/complaints.ts';
import { useFollowUpCount } from '../api/inspections.ts';
import { useAssignedChangeProjects } from '../api/competency-change-projects.ts';
import { LanguageToggle, Logo, UserMenuButton } from './header-parts.tsx';

const UserMenu = backgroundLazy(() => import('./UserMenu.tsx').then((m) => ({ default: m.UserMenu })));
// e-Kinerja's work from every page (offline daily reports sent, the Verifikasi count): a lazy chunk, after the first screen.
const KinerjaShellWork = backgroundLazy(() =>
  import('../components/kinerja/KinerjaShellWork.tsx').then((m) => ({ default: m.KinerjaShellWork })),
);
// The discipline inbox count (the "Kotak masuk disiplin" badge): a lazy chunk too, after the first screen.
const DisciplineShellWork = backgroundLazy(() =>
  import('../components/discipline/DisciplineShellWork.tsx').then((m) => ({
    default: m.DisciplineShellWork,
  })),
);

/** The user menu: its button at once, the menu's code (floating dropdown) once the first screen is idle. */
function UserMenuSlot({ me }: { me: Me }) {
  const [ready, now] = useAfterFirstScreen();
  const [openOnLoad, setOpenOnLoad] = useState(false);
  const button = (
    <UserMenuButton
      me={me}
      onClick={() => {
        setOpenOnLoad(true);
        now();
      }}
    />
  );
  if (!ready) return button;
  return <UserMenu me={me} defaultOpened={openOnLoad} fallback={button} />;
}

/** One link of the navigation, with the count of what waits behind it. */
function NavEntry({
  item,
  badge,
  active,
  onNavigate,
}: {
  item: NavItem;
  badge: { count: number; testId: string; label?: string } | undefined;
  active: boolean;
  /** Closes the phone drawer, also when the link leads to the page already open. */
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  return (
    <NavLink
      component={Link}
      to={item.to}
      label={t(item.label)}
      leftSection={<item.icon size={18} stroke={1.6} />}
      rightSection={
        badge && badge.count > 0 ? (
          <Badge
            size="sm"
            color="red"
            variant="filled"
            circle={badge.count < 10}
            data-testid={badge.testId}
            {...(badge.label ? { 'aria-label': badge.label } : {})}
          >
            {badge.count > 99 ? '99+' : badge.count}
          </Badge>
        ) : undefined
      }
      active={active}
      onClick={onNavigate}
      variant="light"
      py={6}
      mb={2}
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}

/**
 * The signed-in shell: header (logo, language, user menu), the navigation by task (Presensi, Pengajuan,
 * Persetujuan, Rekap, Administrasi: only what the user's roles may use), a burger drawer on phones.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);

  useEffect(() => {
    close();
  }, [location.pathname, close]);

  useEffect(() => {
    // The first time a user signs in on this device, follow their saved language.
    if (me.data && !localStorage.getItem('abdi.lang') && me.data.user.locale !== currentLanguage()) {
      setLanguage(me.data.user.locale);
    }
  }, [me.data]);

  // Opened offline with the user kept on this device: ask the server again once the connection is back.
  const queryClient = useQueryClient();
  const offlineUser = !!me.data?.offline;
  useEffect(() => {
    if (!offlineUser) return;
    const online = () => void queryClient.invalidateQueries({ queryKey: authKeys.me() });
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [offlineUser, queryClient]);

  // Offline punches of the signed-in employee are sent from any page, as soon as the phone is back online.
  usePunchSync(me.data?.user.employeeId ?? null);
  const reviewCount = useReviewCount(hasAnyRole(me.data, PUNCH_REVIEWERS));
  const pendingReviews = reviewCount.data?.count ?? 0;
  const leaveCount = useLeaveInboxCount(hasAnyRole(me.data, LEAVE_APPROVAL_VIEWERS));
  const pendingLeave = leaveCount.data?.count ?? 0;
  const permitCount = usePermitInboxCount(hasAnyRole(me.data, PERMIT_APPROVAL_VIEWERS));
  const pendingPermits = permitCount.data?.permits ?? 0;
  const pendingCorrections = permitCount.data?.corrections ?? 0;
  const deviceCount = usePendingDeviceCount(hasAnyRole(me.data, ATTENDANCE_ADMINS));
  const pendingDevices = deviceCount.data ?? 0;
  const kinerjaVerifier = hasAnyRole(me.data, KINERJA_VERIFIERS);
  const [kinerjaReady] = useAfterFirstScreen();
  const [pendingKinerja, setPendingKinerja] = useState(0);
  const disciplineInbox = hasAnyRole(me.data, DISCIPLINE_INBOX_VIEWERS);
  const [pendingDisiplin, setPendingDisiplin] = useState(0);
  // TPP objections waiting for the superior / BKD: asked once the first screen is idle, then every minute.
  const objectionCount = useObjectionInboxCount(kinerjaReady && hasAnyRole(me.data, TPP_OBJECTION_DECIDERS));
  const pendingObjections = objectionCount.data?.count ?? 0;
  // Public complaints waiting to be routed (BKD) or answered (the OPD's handler): after the first screen.
  const complaintCount = useComplaintInboxCount(
    kinerjaReady && hasAnyRole(me.data, ['ADMIN_OPD', 'BKD', 'SUPER_ADMIN']),
  );
  const pendingComplaints = (complaintCount.data?.toRoute ?? 0) + (complaintCount.data?.toAnswer ?? 0);
  // Inspection findings whose follow-up is assigned to this user (sidak): after the first screen.
  const sidakCount = useFollowUpCount(kinerjaReady && hasAnyRole(me.data, OVERSIGHT_READERS));
  const pendingSidak = sidakCount.data?.count ?? 0;
  // Change projects waiting for this assessor's rating (issue 19 point 5): after the first screen.
  const changeProjectCount = useAssignedChangeProjects(kinerjaReady && !!me.data?.user.employeeId);
  const pendingChangeProjects = changeProjectCount.data?.awaiting ?? 0;
  // The designated TPP treasurer's finance entry (asked only for an employee without a TPP reading role).
  const tppTreasurer = useTppTreasurer();
  /** What waits for this user's decision, per navigation badge (with its test id and spoken label). */
  const badges: Record<NavBadge, { count: number; testId: string; label?: string }> = {
    reviews: { count: pendingReviews, testId: 'review-count' },
    leave: {
      count: pendingLeave,
      testId: 'leave-count',
      label: t('approvals.leaveWaitingCount', { count: pendingLeave }),
    },
    permits: {
      count: pendingPermits,
      testId: 'permit-count',
      label: t('approvals.waitingCount', { count: pendingPermits }),
    },
    corrections: {
      count: pendingCorrections,
      testId: 'correction-count',
      label: t('approvals.waitingCount', { count: pendingCorrections }),
    },
    devices: {
      count: pendingDevices,
      testId: 'device-count',
      label: t('approvals.waitingCount', { count: pendingDevices }),
    },
    kinerja: {
      count: pendingKinerja,
      testId: 'kinerja-count',
      label: t('approvals.waitingCount', { count: pendingKinerja }),
    },
    disiplin: {
      count: pendingDisiplin,
      testId: 'disiplin-count',
      label: t('approvals.waitingCount', { count: pendingDisiplin }),
    },
    tppObjections: {
      count: pendingObjections,
      testId: 'tpp-objection-count',
      label: t('approvals.waitingCount', { count: pendingObjections }),
    },
    complaints: {
      count: pendingComplaints,
      testId: 'complaint-count',
      label: t('approvals.waitingCount', { count: pendingComplaints }),
    },
    sidak: {
      count: pendingSidak,
      testId: 'sidak-count',
      label: t('approvals.waitingCount', { count: pendingSidak }),
    },
    changeProjects: {
      count: pendingChangeProjects,
      testId: 'change-project-count',
      label: t('approvals.waitingCount', { count: pendingChangeProjects }),
    },
  };
  const waiting =
    pendingReviews +
    pendingLeave +
    pendingPermits +
    pendingCorrections +
    pendingDevices +
    pendingKinerja +
    pendingDisiplin +
    pendingObjections +
    pendingComplaints +
    pendingSidak +
    pendingChangeProjects;

  if (!me.data) return null;
  const sections = navSectionsFor(me.data, { treasurer: tppTreasurer.treasurer });
  const ownProfile = me.data.user.employeeId ? `/pegawai/${me.data.user.employeeId}` : null;
  const isActive = (to: string, end?: boolean) => {
    const path = location.pathname;
    if (to === '/pegawai') return path.startsWith('/pegawai') && path !== ownProfile;
    return end ? path === to : path === to || path.startsWith(`${to}/`);
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Indicator disabled={waiting === 0 || opened} color="red" size={9} offset={4} hiddenFrom="sm">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={t('nav.menu')}
                data-testid="nav-burger"
              />
            </Indicator>
            <UnstyledButton component={Link} to="/" aria-label={t('app.name')}>
              <Logo />
            </UnstyledButton>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box visibleFrom="sm">
              <LanguageToggle />
            </Box>
            <NotificationBell />
            <UserMenuSlot me={me.data} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={t('nav.menu')}>
        <AppShell.Section grow style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}>
          <nav>
            {sections.map((section) => (
              <Box
                key={section.group ?? 'top'}
                component="section"
                mb={section.group ? 'xs' : 4}
                aria-label={section.group ? t(`nav.groups.${section.group}`) : undefined}
                data-nav-group={section.group ?? 'top'}
              >
                {section.group && (
                  <Text
                    size="xs"
                    fw={700}
                    c="dimmed"
                    tt="uppercase"
                    px="sm"
                    pt="xs"
                    pb={4}
                    style={{ letterSpacing: 0.4 }}
                    aria-hidden
                  >
                    {t(`nav.groups.${section.group}`)}
                  </Text>
                )}
                {section.items.map((item) => (
                  <NavEntry
                    key={item.to}
                    item={item}
                    badge={item.badge && badges[item.badge]}
                    active={isActive(item.to, item.end)}
                    onNavigate={close}
                  />
                ))}
              </Box>
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section
          hiddenFrom="sm"
          pt="sm"
          style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
        >
          <Group justify="space-between">
            <Group gap={6}>
              <ActionIcon variant="subtle" color="gray" aria-hidden tabIndex={-1}>
                <IconLanguage size={16} />
              </ActionIcon>
              <Text size="sm">{t('user.language')}</Text>
            </Group>
            <LanguageToggle />
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main bg="var(--mantine-color-gray-0)">
        {kinerjaReady && (me.data.user.employeeId || kinerjaVerifier) && (
          <KinerjaShellWork
            employeeId={me.data.user.employeeId}
            verifier={kinerjaVerifier}
            onCount={setPendingKinerja}
          />
        )}
        {kinerjaReady && disciplineInbox && <DisciplineShellWork onCount={setPendingDisiplin} />}
        {/* /presensi has its own offline notice: punches can still be taken there. */}
        {location.pathname !== '/presensi' && <OfflineBanner />}
        <Box maw={1400} mx="auto">
          <Suspense fallback={<LoadingState minHeight={320} />}>
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
