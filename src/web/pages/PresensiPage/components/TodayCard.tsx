import { Alert, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarTime, IconCloudOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AttendanceToday } from '../../../api/attendance.ts';
import { PunchCard } from '../../../components/attendance/PunchCard.tsx';
import { ZoneBadge } from '../../../components/ZoneBadge.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';

const STATUS_COLOR = (code: string) =>
  code === 'H'
    ? 'teal'
    : /^(TL|PSW)/.test(code)
      ? 'orange'
      : code === 'TK'
        ? 'red'
        : code === 'BELUM'
          ? 'gray'
          : 'blue';

/** Today's schedule, status (from the rules core: code, label, reason) and punches. */
export function TodayCard({ today }: { today: AttendanceToday }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="today-card">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconCalendarTime size={18} />
            <Title order={4} fz="md">
              {t('presensi.today.title', { date: formatDate(today.localDate) })}
            </Title>
          </Group>
          <ZoneBadge timeZone={today.timeZone} />
        </Group>
        {today.fromCache && (
          <Alert color="gray" variant="light" icon={<IconCloudOff size={16} />} py={6}>
            <Text size="xs">
              {t('presensi.today.cached', {
                at: today.fetchedAt
                  ? formatDateTime(new Date(today.fetchedAt).toISOString(), today.timeZone)
                  : '—',
              })}
            </Text>
          </Alert>
        )}
        <Text size="sm">
          {today.schedule
            ? t('presensi.today.schedule', { start: today.schedule.start, end: today.schedule.end })
            : t('presensi.today.noSchedule')}
        </Text>
        <Group
          gap="xs"
          wrap="nowrap"
          align="flex-start"
          data-testid="today-status"
          data-code={today.status?.code ?? ''}
        >
          {today.status ? (
            <>
              <Badge
                size="lg"
                color={STATUS_COLOR(today.status.code)}
                variant="filled"
                style={{ flexShrink: 0 }}
              >
                {today.status.code}
              </Badge>
              <Stack gap={0}>
                <Text size="sm" fw={600} data-testid="today-status-label">
                  {today.status.label}
                </Text>
                <Text size="xs" c="dimmed" data-testid="today-status-reason">
                  {today.status.reason}
                </Text>
              </Stack>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('presensi.today.noStatus')}
            </Text>
          )}
        </Group>
        {today.punches.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="today-empty">
            {t('presensi.today.noPunches')}
          </Text>
        ) : (
          <Stack gap="xs" data-testid="today-punches">
            {today.punches.map((punch) => (
              <PunchCard key={punch.id} punch={punch} showDate={false} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
