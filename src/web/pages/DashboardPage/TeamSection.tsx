import { Group, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  IconBeach,
  IconBuildingCommunity,
  IconChecklist,
  IconDeviceMobile,
  IconFileCertificate,
  IconLock,
  IconLockOpen,
  IconUserCheck,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HomeAdmin, HomeAtasan } from '../../api/dashboard.ts';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { CountLink, HomeCard, Section } from './home-ui.tsx';
import { TodaySummary } from './TodaySummary.tsx';

/** Waiting decisions, one link each (reviews, permits, corrections, leave; devices for admins). */
function WaitingLinks({
  waiting,
  devices,
  prefix,
}: {
  waiting: { reviews: number; permits: number; corrections: number; leave: number };
  devices?: number;
  prefix: string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: devices === undefined ? 4 : 5 }} spacing="xs">
      <CountLink
        to="/presensi/tinjau"
        label={t('home.waiting.reviews')}
        count={waiting.reviews}
        icon={IconChecklist}
        urgent
        testId={`${prefix}-reviews`}
      />
      <CountLink
        to="/izin/persetujuan"
        label={t('home.waiting.permits')}
        count={waiting.permits}
        icon={IconFileCertificate}
        urgent
        testId={`${prefix}-permits`}
      />
      <CountLink
        to="/koreksi/persetujuan"
        label={t('home.waiting.corrections')}
        count={waiting.corrections}
        icon={IconUserCheck}
        urgent
        testId={`${prefix}-corrections`}
      />
      <CountLink
        to="/cuti/persetujuan"
        label={t('home.waiting.leave')}
        count={waiting.leave}
        icon={IconBeach}
        urgent
        testId={`${prefix}-leave`}
      />
      {devices !== undefined && (
        <CountLink
          to="/presensi/perangkat"
          label={t('home.waiting.devices')}
          count={devices}
          icon={IconDeviceMobile}
          urgent
          testId={`${prefix}-devices`}
        />
      )}
    </SimpleGrid>
  );
}

/**
 * The atasan's part (incl. Plt/Plh): my team today (only my own staff, also for a head who reads whole units)
 * and what waits for my decision.
 */
export function TeamSection({ data }: { data: HomeAtasan }) {
  const { t } = useTranslation();
  const total = data.waiting.reviews + data.waiting.permits + data.waiting.corrections + data.waiting.leave;
  return (
    <Section
      title={t('home.team.title')}
      subtitle={total > 0 ? t('home.team.waiting', { count: total }) : t('home.team.nothingWaiting')}
      icon={IconUsersGroup}
      testId="home-section-atasan"
    >
      <TodaySummary testId="home-team-today" title={t('home.team.today')} staffOnly />
      <HomeCard title={t('home.team.decide')} testId="home-team-waiting">
        <WaitingLinks waiting={data.waiting} prefix="home-waiting" />
      </HomeCard>
    </Section>
  );
}

/** Admin OPD: the unit today, work waiting in the unit, last month's closing. */
export function UnitSection({ data }: { data: HomeAdmin }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const c = data.closing;
  return (
    <Section
      title={t('home.unit.title', { unit: data.unit.name })}
      subtitle={t('home.unit.subtitle', {
        employees: formatNumber(data.employees),
        units: formatNumber(data.units),
      })}
      icon={IconBuildingCommunity}
      testId="home-section-admin"
    >
      <TodaySummary testId="home-unit-today" title={t('home.unit.today')} />
      <HomeCard title={t('home.unit.pending')} testId="home-unit-pending">
        <WaitingLinks waiting={data.pending} devices={data.pending.devices} prefix="home-pending" />
      </HomeCard>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <HomeCard
          title={t('home.unit.closing', { month: monthLabel(c.month) })}
          to="/rekap/unit"
          linkLabel={t('home.unit.openRecap')}
          testId="home-unit-closing"
        >
          <Stack gap={6} data-closed={c.closed} data-can-close={c.canCloseNow}>
            <Group gap="xs" wrap="nowrap">
              {c.closed ? (
                <IconLock size={18} color="var(--mantine-color-teal-7)" />
              ) : (
                <IconLockOpen size={18} color="var(--mantine-color-orange-7)" />
              )}
              <Text size="sm" fw={600}>
                {c.closed
                  ? t('home.unit.closed', { at: formatDateTime(c.closedAt), by: c.closedByName ?? '—' })
                  : c.canCloseNow
                    ? t('home.unit.canClose')
                    : t('home.unit.opensOn', { date: formatDate(c.opensOn) })}
              </Text>
            </Group>
            {!c.closed && (
              <Text size="xs" c={c.missingDays + c.pendingItems > 0 ? 'orange.8' : 'dimmed'}>
                {t('home.unit.incomplete', {
                  missing: formatNumber(c.missingDays),
                  pending: formatNumber(c.pendingItems),
                })}
              </Text>
            )}
          </Stack>
        </HomeCard>
        <HomeCard
          title={t('home.unit.people')}
          to="/pegawai"
          linkLabel={t('nav.employees')}
          testId="home-unit-people"
        >
          <Group gap="xl">
            <Stack gap={0} data-testid="stat-employees" data-value={data.employees}>
              <Text fz={28} fw={750} lh={1.1}>
                {formatNumber(data.employees)}
              </Text>
              <Group gap={4}>
                <IconUsers size={14} />
                <Text size="xs" c="dimmed">
                  {t('dashboard.employees')}
                </Text>
              </Group>
            </Stack>
            <Stack gap={0} data-testid="stat-units" data-value={data.units}>
              <Text fz={28} fw={750} lh={1.1}>
                {formatNumber(data.units)}
              </Text>
              <Group gap={4}>
                <IconBuildingCommunity size={14} />
                <Text size="xs" c="dimmed">
                  {t('dashboard.units')}
                </Text>
              </Group>
            </Stack>
          </Group>
        </HomeCard>
      </SimpleGrid>
    </Section>
  );
}
