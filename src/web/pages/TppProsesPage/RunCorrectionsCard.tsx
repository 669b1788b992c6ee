import { Alert, Anchor, Badge, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalculator, IconReceiptRefund } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RunDetail } from '../../api/tpp.ts';
import {
  useCorrectionPreview,
  useCorrections,
  useRecordCorrections,
  type Correction,
  type CorrectionPreviewItem,
} from '../../api/tpp-corrections.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDateTime, formatNip, formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import {
  correctionColor,
  correctionKind,
  correctionState,
  previewSummary,
  sortPreviewItems,
  type PreviewSummary,
} from './corrections-view.ts';

/** A correction amount in its kind's colour, with the kind as its title (kekurangan / kelebihan bayar). */
function Difference({ amount }: { amount: number }) {
  const { t } = useTranslation();
  const kind = correctionKind(amount);
  return (
    <Text
      size="sm"
      fw={kind === 'NONE' ? undefined : 650}
      c={correctionColor(kind)}
      title={t(`tppCorrections.kinds.${kind}`)}
      style={{ whiteSpace: 'nowrap' }}
      data-kind={kind}
    >
      {amount > 0 ? '+' : ''}
      {formatRupiah(amount)}
    </Text>
  );
}

/** The confirmation of recording, with the preview's figures; the server's refusal shown in it. */
function RecordModal({
  run,
  summary,
  opened,
  onClose,
}: {
  run: Pick<RunDetail, 'id' | 'month'>;
  summary: PreviewSummary;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const record = useRecordCorrections(run.id);
  const close = () => {
    record.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('tppCorrections.recordTitle', { month: monthLabel(run.month) })}
      centered
      data-testid="tpp-corrections-confirm"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            {},
            {
              onSuccess: (r) => {
                notifications.show({
                  color: 'teal',
                  message:
                    r.recorded.length > 0
                      ? t('tppCorrections.recorded', { count: r.recorded.length })
                      : t('tppCorrections.recordedNone'),
                });
                close();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('tppCorrections.recordConfirm', {
              count: summary.toRecord,
              underpaid: formatRupiah(summary.underpaid),
              overpaid: formatRupiah(summary.overpaid),
            })}
          </Text>
          {record.isError && <ErrorState error={record.error} compact />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('tppCorrections.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="tpp-corrections-confirm-submit">
              {t('tppCorrections.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The locked run computed again: per employee paid, recomputed, already recorded, the difference and why. */
function PreviewTable({ items }: { items: CorrectionPreviewItem[] }) {
  const { t } = useTranslation();
  const columns: Column<CorrectionPreviewItem>[] = [
    {
      key: 'employee',
      header: t('tppCorrections.cols.employee'),
      render: (r) => (
        <Text size="sm" fw={600}>
          {r.name}
        </Text>
      ),
    },
    {
      key: 'nip',
      header: t('tppCorrections.cols.nip'),
      render: (r) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {r.nip ? formatNip(r.nip) : '—'}
        </Text>
      ),
    },
    {
      key: 'paid',
      header: t('tppCorrections.cols.paid'),
      align: 'right',
      render: (r) => formatRupiah(r.paidNet),
    },
    {
      key: 'recomputed',
      header: t('tppCorrections.cols.recomputed'),
      align: 'right',
      render: (r) => (r.recomputedNet === null ? t('tppCorrections.noData') : formatRupiah(r.recomputedNet)),
    },
    {
      key: 'recorded',
      header: t('tppCorrections.cols.recorded'),
      align: 'right',
      render: (r) => (r.recorded === 0 ? '—' : formatRupiah(r.recorded)),
    },
    {
      key: 'difference',
      header: t('tppCorrections.cols.difference'),
      align: 'right',
      render: (r) => <Difference amount={r.amount} />,
    },
    {
      key: 'reason',
      header: t('tppCorrections.cols.reason'),
      width: 280,
      render: (r) =>
        r.amount === 0 ? (
          <Text size="xs" c="dimmed">
            {t('tppCorrections.kinds.NONE')}
          </Text>
        ) : (
          <Text size="xs">{r.reason}</Text>
        ),
    },
  ];
  return (
    <DataTable
      testId="tpp-corrections-preview"
      columns={columns}
      rows={sortPreviewItems(items)}
      rowKey={(r) => r.employeeId}
      rowProps={(r) => ({ 'data-employee-id': r.employeeId, 'data-amount': String(r.amount) })}
      minWidth={900}
      phone="table"
      caption={t('tppCorrections.previewTitle')}
    />
  );
}

/** The corrections recorded from this run, newest first, each open or paid by a later run (linked). */
function RecordedList({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const q = useCorrections({ runId, page, pageSize });
  const columns: Column<Correction>[] = [
    {
      key: 'employee',
      header: t('tppCorrections.cols.employee'),
      render: (c) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {c.name}
          </Text>
          {c.nip && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatNip(c.nip)}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'amount',
      header: t('tppCorrections.cols.amount'),
      align: 'right',
      render: (c) => <Difference amount={c.amount} />,
    },
    {
      key: 'state',
      header: t('tppCorrections.cols.state'),
      render: (c) => {
        const s = correctionState(c);
        if (s.kind === 'OPEN')
          return (
            <Badge color="yellow" variant="light" data-state="OPEN">
              {t('tppCorrections.open')}
            </Badge>
          );
        const label = s.month
          ? t('tppCorrections.paidIn', { month: monthLabel(s.month) })
          : t('tppCorrections.paid');
        return s.runId ? (
          <Anchor component={Link} to={`/tpp/proses/${s.runId}`} size="sm" data-state="PAID">
            {label}
          </Anchor>
        ) : (
          <Badge color="teal" variant="light" data-state="PAID">
            {label}
          </Badge>
        );
      },
    },
    {
      key: 'reason',
      header: t('tppCorrections.cols.reason'),
      width: 280,
      render: (c) => <Text size="xs">{c.reason}</Text>,
    },
    {
      key: 'recordedAt',
      header: t('tppCorrections.cols.recordedAt'),
      render: (c) => (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(c.createdAt)}
        </Text>
      ),
    },
  ];
  return (
    <Stack gap="xs">
      <Title order={4} size="h6">
        {t('tppCorrections.listTitle')}
      </Title>
      {q.isPending ? (
        <LoadingState minHeight={80} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} compact />
      ) : (
        <DataTable
          testId="tpp-corrections-list"
          columns={columns}
          rows={q.data.items}
          rowKey={(c) => c.id}
          rowProps={(c) => ({ 'data-correction-id': c.id, 'data-status': c.status })}
          fetching={q.isFetching}
          minWidth={760}
          phone="table"
          emptyTitle={t('tppCorrections.listEmpty')}
          pagination={{
            page: q.data.page,
            pageSize: q.data.pageSize,
            total: q.data.total,
            onPageChange: setPage,
            onPageSizeChange: (s) => {
              setPageSize(s);
              setPage(1);
            },
          }}
        />
      )}
    </Stack>
  );
}

/**
 * The "Koreksi" card of a locked run (issue 17 point 4; docs/tpp.md "Corrections"), for whoever may record
 * (`canRecordCorrections`: tpp.run over the run's unit): the run computed again from the latest data on request
 * (the whole unit is gathered, so not on every visit), the differences (kekurangan / kelebihan bayar) with their
 * reasons, "Catat koreksi" behind a confirmation, and the corrections already recorded, open or paid by a later run.
 */
export function RunCorrectionsCard({
  run,
}: {
  run: Pick<RunDetail, 'id' | 'month' | 'canRecordCorrections'>;
}) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const enabled = run.canRecordCorrections;
  const preview = useCorrectionPreview(run.id, enabled && asked);
  if (!enabled) return null;
  const summary = preview.data ? previewSummary(preview.data.items) : null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-corrections">
      <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
        <Title order={3} size="h5">
          {t('tppCorrections.title')}
        </Title>
        {summary && summary.toRecord > 0 && (
          <Badge color="orange" variant="light" data-testid="tpp-corrections-count">
            {summary.toRecord}
          </Badge>
        )}
      </Group>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('tppCorrections.intro')}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Button
            variant="light"
            leftSection={<IconCalculator size={16} />}
            loading={preview.isFetching}
            onClick={() => (asked ? void preview.refetch() : setAsked(true))}
            data-testid="tpp-corrections-check"
          >
            {asked ? t('tppCorrections.refresh') : t('tppCorrections.check')}
          </Button>
          {summary && summary.toRecord > 0 && (
            <Button
              leftSection={<IconReceiptRefund size={16} />}
              onClick={() => setConfirming(true)}
              data-testid="tpp-corrections-record"
            >
              {t('tppCorrections.record')}
            </Button>
          )}
        </Group>
        {asked && preview.isPending && <LoadingState minHeight={80} label={t('tppCorrections.checking')} />}
        {preview.isError && (
          <ErrorState error={preview.error} onRetry={() => void preview.refetch()} compact />
        )}
        {preview.data && summary && (
          <Stack gap="xs" data-testid="tpp-corrections-result" data-to-record={summary.toRecord}>
            {summary.toRecord === 0 ? (
              <Alert color="teal" variant="light" p="xs" data-testid="tpp-corrections-none">
                {t('tppCorrections.noDifference')}
              </Alert>
            ) : (
              <Text size="sm" fw={600} data-net={summary.net}>
                {t('tppCorrections.summary', {
                  count: summary.toRecord,
                  underpaid: formatRupiah(summary.underpaid),
                  overpaid: formatRupiah(summary.overpaid),
                })}
              </Text>
            )}
            {preview.data.items.length > 0 && <PreviewTable items={preview.data.items} />}
          </Stack>
        )}
        <RecordedList runId={run.id} />
      </Stack>
      {summary && (
        <RecordModal run={run} summary={summary} opened={confirming} onClose={() => setConfirming(false)} />
      )}
    </Card>
  );
}
