import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCloudUpload, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sendQueuedReport } from '../../api/kinerja-reports.ts';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  discardQueuedReport,
  syncReportQueue,
  useReportQueue,
  type QueuedReport,
  type ReportQueueState,
} from '../../lib/report-queue.ts';

const COLORS: Record<ReportQueueState, string> = {
  waiting: 'yellow',
  sending: 'blue',
  retry: 'orange',
  auth: 'red',
  refused: 'red',
};

/** Reports stored on this phone and waiting to be sent ("menunggu sinkron"), and refused ones with the reason. */
export function ReportQueueCard({
  employeeId,
  onEdit,
  editingId,
}: {
  employeeId: string;
  /** Opens a refused report in the form, to correct it and send it again (same client id). */
  onEdit?: (item: QueuedReport) => void;
  editingId?: string | null;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const queue = useReportQueue();
  const items = queue.items.filter((i) => i.employeeId === employeeId);
  if (items.length === 0) return null;
  const waiting = items.filter((i) => i.state !== 'refused').length;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="report-queue">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconCloudUpload size={18} />
            <Title order={4} fz="md">
              {t('kinerja.queue.title')}
            </Title>
            <Badge color="orange" variant="filled" size="sm" data-testid="report-queue-count">
              {items.length}
            </Badge>
          </Group>
          {waiting > 0 && (
            <Button
              size="compact-sm"
              variant="light"
              leftSection={queue.syncing ? <Loader size={12} /> : <IconRefresh size={14} />}
              onClick={() => void syncReportQueue(employeeId, sendQueuedReport, true)}
              disabled={!online || queue.syncing}
            >
              {t('kinerja.queue.syncNow')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {online ? t('kinerja.queue.hintOnline') : t('kinerja.queue.hintOffline')}
        </Text>
        {items.map((item) => (
          <Stack
            key={item.clientId}
            gap={2}
            data-testid="report-queue-item"
            data-state={item.state}
            data-client-id={item.clientId}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} lineClamp={2}>
                  {item.body.activity}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDate(item.body.reportDate)} · {t('kinerja.minutesShort', { n: item.body.minutes })}
                  {item.rhkLabel ? ` · ${item.rhkLabel}` : ''}
                </Text>
              </Stack>
              <Badge color={COLORS[item.state]} variant="light" style={{ flexShrink: 0 }}>
                {t(`kinerja.queue.state.${item.state}`)}
              </Badge>
            </Group>
            {item.state === 'refused' && (
              <Alert color="red" variant="light" p="xs" data-testid="report-queue-refused">
                <Stack gap={4}>
                  <Text size="sm">{item.message || t('kinerja.queue.refusedNoReason')}</Text>
                  <Group gap="xs">
                    {onEdit && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="red"
                        leftSection={<IconPencil size={12} />}
                        onClick={() => onEdit(item)}
                        disabled={editingId === item.clientId}
                        data-testid="report-queue-edit"
                      >
                        {editingId === item.clientId
                          ? t('kinerja.queueEdit.editing')
                          : t('kinerja.queueEdit.edit')}
                      </Button>
                    )}
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={12} />}
                      onClick={() => void discardQueuedReport(item.clientId)}
                    >
                      {t('kinerja.queue.discard')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            )}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
