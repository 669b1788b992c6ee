import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconChecks,
  IconFlag,
  IconArrowBackUp,
  IconMessage,
  IconPaperclip,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  reportEvidenceUrl,
  useBulkVerify,
  useReportInbox,
  useVerifyReport,
  type DailyReport,
} from '../../api/kinerja-reports.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { FeedbackForm } from '../../components/kinerja/RhkActivity.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';

function ReturnModal({
  count,
  onClose,
  onConfirm,
  pending,
}: {
  count: number;
  onClose: () => void;
  onConfirm: (note: string) => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('kinerja.inbox.returnTitle', { count })} centered>
      <Stack gap="sm">
        <Textarea
          label={t('kinerja.inbox.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          required
          autosize
          minRows={3}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={note.trim().length < 3}
            loading={pending}
            onClick={() => onConfirm(note.trim())}
          >
            {t('kinerja.inbox.return')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReportCard({
  report,
  selected,
  onSelect,
  readOnly,
  onAccept,
  onReturn,
  busy,
}: {
  report: DailyReport;
  selected: boolean;
  onSelect: (v: boolean) => void;
  readOnly: boolean;
  onAccept: () => void;
  onReturn: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [feedbackOpen, setFeedbackOpen] = useState(false);
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      data-testid="inbox-report"
      data-report-id={report.id}
      data-overdue={report.overdue ? 'true' : 'false'}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        {!readOnly && (
          <Checkbox
            checked={selected}
            onChange={(e) => onSelect(e.currentTarget.checked)}
            aria-label={t('kinerja.inbox.select', { name: report.employeeName })}
            mt={4}
          />
        )}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" wrap="wrap" gap={4}>
            <Text fw={600} size="sm">
              {report.employeeName}
            </Text>
            <Group gap={4}>
              {report.overdue && (
                <Badge color="red" variant="filled" size="sm" data-testid="overdue-mark">
                  {t('kinerja.inbox.overdue')}
                </Badge>
              )}
              {report.dayFlag && (
                <Badge color="orange" variant="light" size="sm" leftSection={<IconFlag size={12} />}>
                  {report.dayFlag.code}
                </Badge>
              )}
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {formatDate(report.reportDate)} · {t('kinerja.minutesShort', { n: report.minutes })} ·{' '}
            {report.rhkText}
          </Text>
          <Text size="sm">{report.activity}</Text>
          {(report.output || report.quantity !== null) && (
            <Text size="xs" c="dimmed">
              {[report.output, report.quantity !== null ? `${report.quantity} ${report.satuan ?? ''}` : null]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          )}
          {report.dayFlag && (
            <Text size="xs" c="orange.8">
              {report.dayFlag.reason}
            </Text>
          )}
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text size="xs" c="dimmed">
              {t('kinerja.inbox.due', { date: formatDate(report.verifyDueDate) })} ·{' '}
              {formatDateTime(report.createdAt)}
            </Text>
            {report.hasEvidence && (
              <Button
                component="a"
                href={reportEvidenceUrl(report.id)}
                target="_blank"
                rel="noopener"
                size="compact-xs"
                variant="subtle"
                leftSection={<IconPaperclip size={12} />}
              >
                {t('kinerja.inbox.evidence')}
              </Button>
            )}
          </Group>
          {!readOnly && feedbackOpen && (
            <FeedbackForm
              skpId={report.skpId}
              rhkId={report.rhkId}
              reportId={report.id}
              placeholder={t('kinerja.feedback.reportPlaceholder')}
              onSent={() => setFeedbackOpen(false)}
            />
          )}
          {!readOnly && (
            <Group gap="xs" justify="flex-end">
              {!feedbackOpen && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconMessage size={14} />}
                  onClick={() => setFeedbackOpen(true)}
                  data-testid="report-feedback-open"
                >
                  {t('kinerja.feedback.onReport')}
                </Button>
              )}
              <Button
                size="compact-sm"
                variant="light"
                color="red"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={onReturn}
                disabled={busy}
              >
                {t('kinerja.inbox.return')}
              </Button>
              <Button
                size="compact-sm"
                color="teal"
                leftSection={<IconCheck size={14} />}
                onClick={onAccept}
                loading={busy}
              >
                {t('kinerja.inbox.accept')}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

/** The verification inbox of daily reports: accept / return with a note, bulk accept, overdue marks. */
export function ReportInboxPanel() {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'mine' | 'overdue-below'>('mine');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [returning, setReturning] = useState<string[] | null>(null);
  const inbox = useReportInbox({ scope, q: debounced || undefined, pageSize: 100 });
  const verify = useVerifyReport();
  const bulk = useBulkVerify();
  const readOnly = scope === 'overdue-below';
  const items = inbox.data?.items ?? [];

  const acceptOne = (id: string) =>
    verify.mutate(
      { id, decision: 'ACCEPT' },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('kinerja.inbox.accepted') }) },
    );
  const bulkDecide = (ids: string[], decision: 'ACCEPT' | 'RETURN', note?: string) =>
    bulk.mutate(
      { ids, decision, note: note ?? null },
      {
        onSuccess: (res) => {
          notifications.show({
            color: res.failed > 0 ? 'orange' : 'teal',
            message: t('kinerja.inbox.bulkDone', { done: res.done, failed: res.failed }),
          });
          setSelected(new Set());
          setReturning(null);
        },
      },
    );

  return (
    <Stack gap="sm" data-testid="report-inbox">
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl
          value={scope}
          onChange={(v) => {
            setScope(v as typeof scope);
            setSelected(new Set());
          }}
          data={[
            { value: 'mine', label: t('kinerja.inbox.scopeMine') },
            { value: 'overdue-below', label: t('kinerja.inbox.scopeBelow') },
          ]}
        />
        <TextInput
          placeholder={t('kinerja.staff.search')}
          aria-label={t('kinerja.staff.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 260 }}
        />
      </Group>
      {inbox.data && (
        <Group gap="xs" data-testid="inbox-counts">
          <Badge variant="light" data-testid="inbox-count-total">
            {t('kinerja.inbox.countTotal', { n: inbox.data.counts.total })}
          </Badge>
          <Badge variant="light" color="red" data-testid="inbox-count-overdue">
            {t('kinerja.inbox.countOverdue', { n: inbox.data.counts.overdue })}
          </Badge>
          <Badge variant="light" color="orange">
            {t('kinerja.inbox.countFlagged', { n: inbox.data.counts.flagged })}
          </Badge>
        </Group>
      )}
      {!readOnly && items.length > 0 && (
        <Group gap="xs">
          <Checkbox
            label={t('kinerja.inbox.selectAll')}
            checked={selected.size === items.length && items.length > 0}
            indeterminate={selected.size > 0 && selected.size < items.length}
            onChange={(e) =>
              setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.id)) : new Set())
            }
          />
          <Button
            size="compact-sm"
            color="teal"
            leftSection={<IconChecks size={14} />}
            disabled={selected.size === 0}
            loading={bulk.isPending}
            onClick={() => bulkDecide([...selected], 'ACCEPT')}
          >
            {t('kinerja.inbox.bulkAccept', { n: selected.size })}
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            color="red"
            disabled={selected.size === 0}
            onClick={() => setReturning([...selected])}
          >
            {t('kinerja.inbox.bulkReturn', { n: selected.size })}
          </Button>
        </Group>
      )}
      {verify.isError && <ErrorState error={verify.error} compact />}
      {bulk.isError && <ErrorState error={bulk.error} compact />}
      {inbox.isLoading && <LoadingState />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && items.length === 0 && <EmptyState title={t('kinerja.inbox.empty')} />}
      {items.map((r) => (
        <ReportCard
          key={r.id}
          report={r}
          readOnly={readOnly}
          selected={selected.has(r.id)}
          onSelect={(v) =>
            setSelected((s) => {
              const next = new Set(s);
              if (v) next.add(r.id);
              else next.delete(r.id);
              return next;
            })
          }
          busy={verify.isPending && verify.variables?.id === r.id}
          onAccept={() => acceptOne(r.id)}
          onReturn={() => setReturning([r.id])}
        />
      ))}
      {returning && (
        <ReturnModal
          count={returning.length}
          pending={bulk.isPending || verify.isPending}
          onClose={() => setReturning(null)}
          onConfirm={(note) =>
            returning.length === 1
              ? verify.mutate(
                  { id: returning[0]!, decision: 'RETURN', note },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('kinerja.inbox.returned') });
                      setReturning(null);
                    },
                  },
                )
              : bulkDecide(returning, 'RETURN', note)
          }
        />
      )}
    </Stack>
  );
}
