import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendarTime } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMyRoster } from '../../../api/rosters.ts';
import { formatDate } from '../../../lib/format.ts';
import { addDays } from '../../../../core/common/local-date.ts';

/**
 * The employee's shift roster for the coming week (today and six days on): each rostered day with its shift and
 * hours, or a day off. Shown only to employees who have roster lines; others follow the regular schedule.
 */
export function RosterCard({ today }: { today: string }) {
  const { t } = useTranslation();
  const roster = useMyRoster({ from: today, to: addDays(today, 6) });
  const items = roster.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="my-roster">
      <Stack gap="xs">
        <Group gap={6}>
          <IconCalendarTime size={18} />
          <Title order={4} fz="md">
            {t('presensi.roster.title')}
          </Title>
        </Group>
        {items.map((d) => (
          <Group key={d.date} justify="space-between" wrap="nowrap" data-testid="my-roster-day">
            <Text size="sm">{formatDate(d.date)}</Text>
            {d.shift ? (
              <Group gap={6} wrap="nowrap">
                <Badge variant="light">{d.shift.name}</Badge>
                <Text size="sm" c="dimmed">
                  {d.shift.start}–{d.shift.end}
                  {d.shift.overnight ? ` ${t('presensi.roster.nextDay')}` : ''}
                </Text>
              </Group>
            ) : (
              <Badge variant="light" color="gray">
                {t('presensi.roster.dayOff')}
              </Badge>
            )}
          </Group>
        ))}
        <Text size="xs" c="dimmed">
          {t('presensi.roster.note')}
        </Text>
      </Stack>
    </Card>
  );
}
