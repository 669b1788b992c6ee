import { Alert, Anchor, Badge, Box, Button, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconDeviceMobile,
  IconLogin2,
  IconLogout2,
  IconUserCircle,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HomePegawai } from '../../api/dashboard.ts';
import { formatDate, formatNumber, zoneLabel } from '../../lib/format.ts';
import { codeColor } from '../RekapPage/recap-ui.tsx';
import { HomeCard, Section, StateBadge } from './home-ui.tsx';

type MyDay = NonNullable<HomePegawai['today']>;
type MyMonth = NonNullable<HomePegawai['month']>;

/** Today: the status so far, the schedule, the punches, and the punch button that opens /presensi. */
function TodayCard({ day }: { day: MyDay | null }) {
  const { t } = useTranslation();
  if (!day)
    return (
      <HomeCard title={t('home.my.today')} testId="home-my-today">
        <Text size="sm" c="dimmed">
          {t('home.my.todayUnknown')}
        </Text>
        <Button component={Link} to="/presensi" mt="sm" fullWidth>
          {t('home.my.openPresensi')}
        </Button>
      </HomeCard>
    );
  const zone = zoneLabel(day.timeZone);
  const out = day.nextPunch === 'OUT';
  return (
    <HomeCard title={t('home.my.today')} testId="home-my-today">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          {day.status && (
            <Tooltip label={day.status.reason} multiline w={260} withArrow disabled={!day.status.reason}>
              <Badge
                size="lg"
                variant="light"
                color={day.status.code === 'BELUM' ? 'gray' : codeColor(day.status.code)}
                data-testid="home-my-status"
                data-code={day.status.code}
              >
                {day.status.label}
              </Badge>
            </Tooltip>
          )}
          <Text size="sm" c="dimmed">
            {day.schedule
              ? t('home.my.schedule', { start: day.schedule.start, end: day.schedule.end, zone })
              : t('home.my.noSchedule')}
          </Text>
        </Group>
        <Text size="sm" data-testid="home-my-punches">
          {t('home.my.punches', { in: day.checkIn ?? '—', out: day.checkOut ?? '—', zone })}
        </Text>
        {day.device !== 'ACTIVE' && (
          <Alert
            color={day.device === 'PENDING' ? 'yellow' : 'blue'}
            variant="light"
            p="xs"
            icon={<IconDeviceMobile size={16} />}
          >
            <Text size="xs">
              {t(day.device === 'PENDING' ? 'home.my.devicePending' : 'home.my.deviceNone')}
            </Text>
          </Alert>
        )}
        {(day.rejected > 0 || day.flagged > 0) && (
          <Alert color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={16} />}>
            <Text size="xs">
              {[
                day.rejected > 0 ? t('home.my.rejected', { count: day.rejected }) : null,
                day.flagged > 0 ? t('home.my.flagged', { count: day.flagged }) : null,
              ]
                .filter(Boolean)
                .join(' ')}{' '}
              <Anchor component={Link} to="/koreksi" size="xs">
                {t('home.my.askCorrection')}
              </Anchor>
            </Text>
          </Alert>
        )}
        <Button
          component={Link}
          to="/presensi"
          state={{ kind: day.nextPunch }}
          size="md"
          color={out ? 'indigo' : 'teal'}
          leftSection={out ? <IconLogout2 size={20} /> : <IconLogin2 size={20} />}
          data-testid="home-punch"
          data-kind={day.nextPunch}
          fullWidth
        >
          {t(out ? 'presensi.checkOut' : 'presensi.checkIn')}
        </Button>
      </Stack>
    </HomeCard>
  );
}

/** Annual leave left this year. */
function LeaveCard({ leave }: { leave: HomePegawai['leave'] }) {
  const { t } = useTranslation();
  return (
    <HomeCard title={t('home.my.leave')} to="/cuti" linkLabel={t('home.my.askLeave')} testId="home-my-leave">
      {!leave ? (
        <Text size="sm" c="dimmed">
          {t('home.my.leaveUnknown')}
        </Text>
      ) : !leave.isEligible ? (
        <Text size="sm" c="dimmed">
          {t('home.my.leaveNotEligible')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap={6} align="baseline">
            <Text fz={32} fw={750} lh={1} data-testid="home-my-leave-remaining">
              {formatNumber(leave.remaining)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('home.my.leaveDays', { year: leave.year })}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t('home.my.leaveLine', {
              available: formatNumber(leave.available),
              taken: formatNumber(leave.taken),
              pending: formatNumber(leave.pending),
            })}
          </Text>
        </Stack>
      )}
    </HomeCard>
  );
}

const REQUEST_PAGE = { LEAVE: '/cuti', PERMIT: '/izin', CORRECTION: '/koreksi' } as const;

/** My latest requests with their states. */
function RequestsCard({ requests }: { requests: HomePegawai['requests'] }) {
  const { t } = useTranslation();
  const typeOf = (r: HomePegawai['requests']['items'][number]) =>
    r.kind === 'LEAVE'
      ? (r.typeName ?? r.type)
      : r.kind === 'PERMIT'
        ? t(`permits.kinds.${r.type}`, { defaultValue: r.type })
        : t('home.my.correctionOf', {
            category: t(`corrections.categories.${r.type}`, { defaultValue: r.type }),
          });
  // The answer's status is any string (src/shared/api/dashboard.ts): a status without a label shows its code.
  const statusOf = (r: HomePegawai['requests']['items'][number]) =>
    r.kind === 'LEAVE'
      ? t(`leave.status.${r.status}`, { defaultValue: r.status })
      : t(`permits.status.${r.status}`, { defaultValue: r.status });
  return (
    <HomeCard title={t('home.my.requests')} testId="home-my-requests">
      <Stack gap="xs">
        <Text size="sm" data-testid="home-my-requests-waiting" data-count={requests.waiting}>
          {requests.waiting > 0
            ? t('home.my.requestsWaiting', { count: requests.waiting })
            : t('home.my.requestsNoneWaiting')}
        </Text>
        {requests.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.my.requestsEmpty')}
          </Text>
        ) : (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {requests.items.map((r) => (
              <Group
                key={`${r.kind}-${r.id}`}
                component="li"
                justify="space-between"
                wrap="nowrap"
                gap="xs"
                data-testid="home-my-request"
                data-kind={r.kind}
                data-status={r.status}
              >
                <Box style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={REQUEST_PAGE[r.kind]} size="sm" fw={500} lineClamp={1}>
                    {typeOf(r)}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {r.from === r.to ? formatDate(r.from) : `${formatDate(r.from)} – ${formatDate(r.to)}`}
                  </Text>
                </Box>
                <StateBadge status={r.status} label={statusOf(r)} />
              </Group>
            ))}
          </Stack>
        )}
        <Group gap="xs" mt={4}>
          <Button component={Link} to="/izin" size="compact-xs" variant="light">
            {t('nav.permits')}
          </Button>
          <Button component={Link} to="/koreksi" size="compact-xs" variant="light">
            {t('nav.corrections')}
          </Button>
        </Group>
      </Stack>
    </HomeCard>
  );
}

/** Monday-first weekday index (0 = Monday) of a `YYYY-MM-DD`. */
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The month at a glance: one small square per day, coloured by its stored code, and the counts. */
function MonthCard({ month }: { month: MyMonth | null }) {
  const { t } = useTranslation();
  if (!month)
    return (
      <HomeCard
        title={t('home.my.month')}
        to="/rekap"
        linkLabel={t('home.my.openRecap')}
        testId="home-my-month"
      >
        <Text size="sm" c="dimmed">
          {t('home.my.monthUnknown')}
        </Text>
      </HomeCard>
    );
  const y = Number(month.month.slice(0, 4));
  const m = Number(month.month.slice(5, 7));
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const byDate = new Map(month.days.map((d) => [d.date, d]));
  const dates = Array.from({ length: count }, (_, i) => `${month.month}-${String(i + 1).padStart(2, '0')}`);
  const names = t('recap.weekdays').split(',');
  const figures = [
    { key: 'onTime', n: month.onTimeDays, color: 'teal' },
    { key: 'late', n: month.lateDays, color: 'orange' },
    { key: 'early', n: month.earlyDays, color: 'grape' },
    { key: 'tk', n: month.tkDays, color: 'red' },
  ] as const;
  return (
    <HomeCard
      title={t('home.my.month')}
      to="/rekap"
      linkLabel={t('home.my.openRecap')}
      testId="home-my-month"
    >
      <Stack gap="xs">
        <div
          role="img"
          aria-label={t('home.my.monthAria', { days: month.days.length })}
          style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 3 }}
        >
          {names.map((n) => (
            <Text key={n} size="10px" c="dimmed" ta="center">
              {n}
            </Text>
          ))}
          {Array.from({ length: weekdayIndex(dates[0]!) }, (_, i) => (
            <div key={`b${i}`} />
          ))}
          {dates.map((date) => {
            const d = byDate.get(date);
            // A day present but late or early is coloured like its count below (orange, grape).
            const color = !d
              ? undefined
              : d.nonWorkingDay
                ? 'gray.2'
                : d.late
                  ? 'orange.5'
                  : d.early
                    ? 'grape.4'
                    : `${codeColor(d.code)}.5`;
            const flag = d?.late ? ' TL' : d?.early ? ' PSW' : '';
            return (
              <Box
                key={date}
                title={`${formatDate(date)}${d ? ` · ${d.code}${flag}` : ''}`}
                data-testid="home-my-day"
                data-code={d?.code ?? ''}
                h={18}
                bg={color}
                style={{
                  borderRadius: 3,
                  border: d ? undefined : '1px dashed var(--mantine-color-gray-3)',
                }}
              />
            );
          })}
        </div>
        <SimpleGrid cols={4} spacing={4}>
          {figures.map((f) => (
            <Stack key={f.key} gap={0} align="center">
              <Text fw={700} c={f.n > 0 ? `${f.color}.7` : 'dimmed'} data-testid={`home-my-${f.key}`}>
                {formatNumber(f.n)}
              </Text>
              <Text size="10px" c="dimmed" ta="center" lh={1.2}>
                {t(`home.my.${f.key}`)}
              </Text>
            </Stack>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('home.my.monthLine', {
            working: formatNumber(month.workingDays),
            late: formatNumber(month.lateMinutes),
            early: formatNumber(month.earlyMinutes),
          })}
        </Text>
      </Stack>
    </HomeCard>
  );
}

/** The pegawai's part: today and the punch button, leave left, my requests, my month. */
export function MySection({ data }: { data: HomePegawai }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('home.my.title')}
      icon={IconUserCircle}
      testId="home-section-pegawai"
      actions={
        <Anchor component={Link} to={`/pegawai/${data.employeeId}`} size="sm">
          {t('dashboard.myProfile')}
        </Anchor>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }} spacing="md">
        <TodayCard day={data.today} />
        <LeaveCard leave={data.leave} />
        <RequestsCard requests={data.requests} />
        <MonthCard month={data.month} />
      </SimpleGrid>
    </Section>
  );
}
