import { Anchor, Group, Progress, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconBeach,
  IconClockExclamation,
  IconHourglass,
  IconUserCheck,
  IconUserX,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useToday, type TodayStatus, type TodaySummary as Summary } from '../../api/today.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { complianceLine, CountLink, HomeCard } from './home-ui.tsx';

/** The statuses as the home page groups them: at work, late, away with a reason, not in yet, absent. */
const GROUPS: {
  key: 'present' | 'late' | 'away' | 'notYet' | 'absent';
  statuses: TodayStatus[];
  icon: Icon;
  color: string;
  urgent?: boolean;
}[] = [
  { key: 'present', statuses: ['PRESENT'], icon: IconUserCheck, color: 'teal' },
  { key: 'late', statuses: ['LATE'], icon: IconClockExclamation, color: 'orange', urgent: true },
  { key: 'away', statuses: ['LEAVE', 'PERMIT', 'DINAS_LUAR', 'WFH_WFA'], icon: IconBeach, color: 'indigo' },
  { key: 'notYet', statuses: ['NOT_YET_IN'], icon: IconHourglass, color: 'gray' },
  { key: 'absent', statuses: ['ABSENT'], icon: IconUserX, color: 'red', urgent: true },
];
const OTHER: TodayStatus[] = ['NO_DATA', 'OFF'];

const sum = (s: Summary, statuses: TodayStatus[]) => statuses.reduce((a, k) => a + (s.counts[k] ?? 0), 0);

/** The day as one bar: each group its share of the people, with a tooltip. */
function DayBar({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  if (summary.total === 0) return null;
  const parts = [
    ...GROUPS.map((g) => ({ key: g.key, color: g.color, n: sum(summary, g.statuses) })),
    { key: 'other' as const, color: 'gray.3', n: sum(summary, OTHER) },
  ];
  return (
    <Progress.Root size={14} radius="sm" aria-hidden>
      {parts
        .filter((p) => p.n > 0)
        .map((p) => (
          <Tooltip key={p.key} label={`${t(`home.today.${p.key}`)}: ${formatNumber(p.n)}`} withArrow>
            <Progress.Section value={(p.n / summary.total) * 100} color={p.color} />
          </Tooltip>
        ))}
    </Progress.Root>
  );
}

/**
 * Who is in today for the caller's natural scope (staff, unit subtree or organisation), from the today view
 * (`GET /api/today`): counts that lead to /kehadiran filtered by status. When the today view cannot answer, a
 * clear error instead of the cards.
 */
export function TodaySummary({
  testId,
  title,
  staffOnly = false,
}: {
  testId: string;
  title: string;
  /** Only the user's own staff (the atasan's team card), also for a user who reads whole units. */
  staffOnly?: boolean;
}) {
  const { t } = useTranslation();
  const today = useToday({ pageSize: 1, ...(staffOnly ? { staff: 'true' as const } : {}) });
  const page = staffOnly ? '/kehadiran?staf=1' : '/kehadiran';
  return (
    <HomeCard title={title} to={page} linkLabel={t('home.today.open')} testId={testId}>
      {today.isPending ? (
        <Skeleton h={120} radius="md" />
      ) : today.isError ? (
        <Stack gap={4} data-testid={`${testId}-error`}>
          <Text size="sm" c="dimmed">
            {t('home.today.unavailable')}
          </Text>
          <ErrorState error={today.error} onRetry={() => void today.refetch()} compact />
        </Stack>
      ) : today.data.summary.total === 0 ? (
        <EmptyState title={t('home.today.emptyTitle')} description={t('home.today.empty')} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" data-testid={`${testId}-compliance`}>
              {complianceLine(t, today.data.summary)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('home.updated', { time: formatDateTime(today.data.generatedAt) })}
            </Text>
          </Group>
          <DayBar summary={today.data.summary} />
          <SimpleGrid cols={{ base: 2, xs: 3, lg: 5 }} spacing="xs">
            {GROUPS.map((g) => (
              <CountLink
                key={g.key}
                to={g.statuses.length === 1 ? `${page}${staffOnly ? '&' : '?'}status=${g.statuses[0]}` : page}
                label={t(`home.today.${g.key}`)}
                count={sum(today.data.summary, g.statuses)}
                icon={g.icon}
                urgent={g.urgent ?? false}
                testId={`${testId}-${g.key}`}
              />
            ))}
          </SimpleGrid>
          {sum(today.data.summary, OTHER) > 0 && (
            <Text size="xs" c="dimmed">
              {t('home.today.other', {
                off: formatNumber(today.data.summary.counts.OFF ?? 0),
                noData: formatNumber(today.data.summary.counts.NO_DATA ?? 0),
              })}{' '}
              <Anchor component={Link} to={page} size="xs">
                {t('home.today.open')}
              </Anchor>
            </Text>
          )}
        </Stack>
      )}
    </HomeCard>
  );
}
