import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { IconFileText, IconPaperclip } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveAttachmentUrl, leaveLetterUrl, type LeaveRequest, type LeaveStatus } from '../../api/leave.ts';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';

const STATUS_COLORS: Record<LeaveStatus, string> = {
  DIAJUKAN: 'yellow',
  DISETUJUI_ATASAN: 'blue',
  DISETUJUI: 'teal',
  DITOLAK: 'red',
  DIBATALKAN: 'gray',
};

export function LeaveStatusBadge({ status }: { status: LeaveStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLORS[status]}
      variant="light"
      style={{ flexShrink: 0 }}
      data-testid="leave-status"
      data-status={status}
    >
      {t(`leave.status.${status}`)}
    </Badge>
  );
}

/** One leave request: type, dates, working days, state, decisions with notes, attachment and letter links. */
export function LeaveCard({
  request: r,
  showEmployee,
  actions,
}: {
  request: LeaveRequest;
  showEmployee?: boolean;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid="leave-item" data-leave-id={r.id}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            {showEmployee && (
              <>
                <Text fw={700} truncate="end">
                  {r.employeeName}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatNip(r.nip)} · {r.unitName}
                </Text>
              </>
            )}
            <Text fw={showEmployee ? 500 : 700}>{r.typeName}</Text>
          </Stack>
          <LeaveStatusBadge status={r.status} />
        </Group>
        <Text size="sm">
          {t('leave.range', { from: formatDate(r.from), to: formatDate(r.to) })} ·{' '}
          {t('leave.workingDays', { count: r.workingDays })}
        </Text>
        <Text size="sm" c="dimmed">
          {r.reason}
        </Text>
        {r.waitingFor && (
          <Text size="xs" c="dimmed" data-testid="leave-waiting">
            {t(`leave.waiting.${r.waitingFor}`)}
          </Text>
        )}
        {r.decisions.map((d, i) => (
          <Text size="xs" key={i} c={d.decision === 'APPROVE' ? 'teal.8' : 'red.8'}>
            {t(`leave.decision.${d.decision}`)} · {d.deciderName} · {formatDateTime(d.decidedAt)}
            {d.note ? ` — “${d.note}”` : ''}
          </Text>
        ))}
        <Group gap="md">
          {r.attachment && (
            <Anchor
              href={leaveAttachmentUrl(r.id)}
              target="_blank"
              rel="noopener"
              size="sm"
              aria-label={t('leave.openAttachment')}
            >
              <Group gap={4}>
                <IconPaperclip size={14} />
                {r.attachment.name ?? t('leave.attachment')}
              </Group>
            </Anchor>
          )}
          {r.status === 'DISETUJUI' && (
            <Anchor
              href={leaveLetterUrl(r.id)}
              size="sm"
              aria-label={t('leave.downloadLetter')}
              data-testid="leave-letter"
            >
              <Group gap={4}>
                <IconFileText size={14} />
                {t('leave.letter')}
              </Group>
            </Anchor>
          )}
        </Group>
        {actions}
      </Stack>
    </Card>
  );
}
