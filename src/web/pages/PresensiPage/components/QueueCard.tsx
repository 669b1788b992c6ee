import { Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { VerdictBadge } from '../../../components/attendance/PunchCard.tsx';
import type { QueuedPunch } from '../../../lib/attendance-db.ts';
import { formatDate, formatTime, localDateIn } from '../../../lib/format.ts';
import type { QueueOutcome } from '../../../lib/punch-queue.ts';
import { errorMessage } from '../../../text/errors.ts';

const STATE_COLORS: Record<string, string> = {
  waiting: 'gray',
  sending: 'blue',
  retry: 'orange',
  auth: 'red',
  sent: 'teal',
  failed: 'red',
  duplicate: 'gray',
};

interface QueueCardProps {
  items: QueuedPunch[];
  outcomes: QueueOutcome[];
  syncing: boolean;
  online: boolean;
  timeZone: string;
  onSync: () => void;
}

/** Punches stored on the phone and waiting to be sent, and what happened to the ones sent since. */
export function QueueCard({ items, outcomes, syncing, online, timeZone, onSync }: QueueCardProps) {
  const { t, i18n } = useTranslation();
  if (items.length === 0 && outcomes.length === 0) return null;
  const when = (at: number) => `${formatDate(localDateIn(at, timeZone))} ${formatTime(at, timeZone)}`;

  return (
    <Card withBorder radius="md" padding="sm" data-testid="punch-queue">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconCloudUpload size={18} />
            <Title order={4} fz="md">
              {t('presensi.queue.title')}
            </Title>
            {items.length > 0 && (
              <Badge color="orange" variant="filled" size="sm" data-testid="queue-count">
                {items.length}
              </Badge>
            )}
          </Group>
          {items.length > 0 && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={syncing ? <Loader size={12} /> : <IconRefresh size={14} />}
              onClick={onSync}
              disabled={!online || syncing}
            >
              {t('presensi.queue.syncNow')}
            </Button>
          )}
        </Group>
        {items.length > 0 && (
          <Text size="xs" c="dimmed">
            {online ? t('presensi.queue.hintOnline') : t('presensi.queue.hintOffline')}
          </Text>
        )}
        {items.map((item) => (
          <Group
            key={item.idempotencyKey}
            justify="space-between"
            wrap="nowrap"
            data-testid="queue-item"
            data-state={item.state}
            data-key={item.idempotencyKey}
          >
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {t(`punch.kind.${item.body.kind}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {when(item.capturedAt)}
                {item.lastError &&
                  item.state !== 'waiting' &&
                  ` · ${errorMessage(item.lastError, i18n.language)}`}
              </Text>
            </Stack>
            <Badge
              color={STATE_COLORS[item.state]}
              variant="light"
              data-testid="queue-state"
              style={{ flexShrink: 0 }}
            >
              {t(`presensi.queue.state.${item.state}`)}
            </Badge>
          </Group>
        ))}
        {outcomes.map((outcome) => (
          <Group
            key={outcome.idempotencyKey}
            justify="space-between"
            wrap="nowrap"
            data-testid="queue-item"
            data-state={outcome.state}
            data-key={outcome.idempotencyKey}
          >
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {t(`punch.kind.${outcome.kind}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {when(outcome.capturedAt)}
                {outcome.state === 'failed' &&
                  ` · ${outcome.message || errorMessage(outcome.errorCode ?? 'UNKNOWN', i18n.language)}`}
              </Text>
            </Stack>
            <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
              <Badge color={STATE_COLORS[outcome.state]} variant="light" data-testid="queue-state">
                {t(`presensi.queue.state.${outcome.state}`)}
              </Badge>
              {outcome.punch && <VerdictBadge verdict={outcome.punch.verdict} size="xs" />}
            </Group>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
