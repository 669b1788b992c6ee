import {
  Anchor,
  Box,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconX } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import {
  leaveExportUrl,
  useCancelLeave,
  useDecideLeave,
  useLeaveGranted,
  useLeaveInbox,
  useLeaveList,
  type LeaveRequest,
  type LeaveStatus,
  type LeaveTypeCode,
} from '../../api/leave.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { hasAnyRole, LEAVE_READERS } from '../../lib/roles.ts';
import { LEAVE_STATUSES, LEAVE_TYPE_CODES, LEAVE_TYPE_NAMES } from '../../../shared/api/leave.ts';
import { LeaveCard, LeaveStatusBadge } from '../CutiPage/LeaveCard.tsx';

type Action = { request: LeaveRequest; kind: 'APPROVE' | 'REJECT' | 'CANCEL' };

/** Approve / reject (note required to reject) or, as PyBMC, cancel with a reason. */
function DecisionModal({ action, onClose }: { action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideLeave();
  const cancel = useCancelLeave();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const needsNote = action.kind !== 'APPROVE';
  const pending = decide.isPending || cancel.isPending;
  const failure = decide.error ?? cancel.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (needsNote && note.trim().length < 3) {
      setError(t('leave.noteRequired'));
      return;
    }
    const done = {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(`leave.done.${action.kind}`) });
        onClose();
      },
    };
    if (action.kind === 'CANCEL') cancel.mutate({ id: action.request.id, reason: note.trim() }, done);
    else decide.mutate({ id: action.request.id, decision: action.kind, note: note.trim() }, done);
  };

  return (
    <Modal opened onClose={onClose} title={t(`leave.actionTitle.${action.kind}`)}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {action.request.employeeName} · {action.request.typeName} ·{' '}
            {t('leave.range', { from: formatDate(action.request.from), to: formatDate(action.request.to) })}
          </Text>
          <Textarea
            label={t(needsNote ? 'leave.noteRequiredLabel' : 'leave.noteOptional')}
            required={needsNote}
            autosize
            minRows={3}
            maxLength={1000}
            value={note}
            error={error}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
            data-testid="leave-note"
          />
          {failure && <ErrorState error={failure} compact />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button
              type="submit"
              color={action.kind === 'APPROVE' ? 'teal' : 'red'}
              loading={pending}
              data-testid="leave-decision-submit"
            >
              {t(`leave.action.${action.kind}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Inbox({ onAction }: { onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const inbox = useLeaveInbox();
  if (inbox.isPending) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (inbox.data.items.length === 0)
    return <EmptyState title={t('leave.inboxEmptyTitle')} description={t('leave.inboxEmpty')} />;
  return (
    <Stack gap="sm" data-testid="leave-inbox">
      <Text size="sm" c="dimmed">
        {t('leave.inboxTotal', { count: inbox.data.total })}
      </Text>
      {inbox.data.items.map((r) => (
        <LeaveCard
          key={r.id}
          request={r}
          showEmployee
          actions={
            <SimpleGrid cols={2} spacing="xs">
              <Button
                color="teal"
                leftSection={<IconCheck size={16} />}
                onClick={() => onAction({ request: r, kind: 'APPROVE' })}
                aria-label={t('leave.approveFor', { name: r.employeeName })}
                data-testid="leave-approve"
              >
                {t('leave.action.APPROVE')}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconX size={16} />}
                onClick={() => onAction({ request: r, kind: 'REJECT' })}
                aria-label={t('leave.rejectFor', { name: r.employeeName })}
                data-testid="leave-reject"
              >
                {t('leave.action.REJECT')}
              </Button>
            </SimpleGrid>
          }
        />
      ))}
    </Stack>
  );
}

/** Approved leave the caller granted as PyBMC, not ended yet: may be cancelled with a reason. */
function Granted({ onAction }: { onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const granted = useLeaveGranted();
  if (granted.isPending) return <LoadingState />;
  if (granted.isError) return <ErrorState error={granted.error} onRetry={() => void granted.refetch()} />;
  if (granted.data.items.length === 0) return <EmptyState title={t('leave.grantedEmpty')} />;
  return (
    <Stack gap="sm" data-testid="leave-granted">
      {granted.data.items.map((r) => (
        <LeaveCard
          key={r.id}
          request={r}
          showEmployee
          actions={
            r.canCancel ? (
              <Group justify="flex-end">
                <Button
                  size="compact-sm"
                  variant="light"
                  color="red"
                  onClick={() => onAction({ request: r, kind: 'CANCEL' })}
                  aria-label={t('leave.cancelFor', { type: r.typeName, from: formatDate(r.from) })}
                  data-testid="leave-cancel"
                >
                  {t('leave.action.CANCEL')}
                </Button>
              </Group>
            ) : undefined
          }
        />
      ))}
    </Stack>
  );
}

/** Admin OPD / BKD / Inspektorat / pimpinan: every request in scope, filtered, with CSV export. */
function AllRequests({ onAction }: { onAction: (a: Action) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<LeaveStatus | null>(null);
  const [type, setType] = useState<LeaveTypeCode | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const filter = {
    q: q.trim() || undefined,
    unitId: unitId ?? undefined,
    status: status ?? undefined,
    type: type ?? undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const list = useLeaveList({ ...filter, page, pageSize });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('leave.search')}
          placeholder={t('leave.searchPlaceholder')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          data-testid="leave-search"
        />
        <UnitSelect
          value={unitId}
          onChange={(v) => (setUnitId(v), setPage(1))}
          label={t('leave.unit')}
          clearable
        />
        <Select
          label={t('leave.statusLabel')}
          clearable
          data={LEAVE_STATUSES.map((s) => ({ value: s, label: t(`leave.status.${s}`) }))}
          value={status}
          onChange={(v) => (setStatus(v as LeaveStatus | null), setPage(1))}
        />
        <Select
          label={t('leave.type')}
          clearable
          data={LEAVE_TYPE_CODES.map((c) => ({ value: c, label: LEAVE_TYPE_NAMES[c] }))}
          value={type}
          onChange={(v) => (setType(v as LeaveTypeCode | null), setPage(1))}
        />
        <DateField label={t('leave.periodFrom')} value={from} onChange={(v) => (setFrom(v), setPage(1))} />
        <DateField label={t('leave.periodTo')} value={to} onChange={(v) => (setTo(v), setPage(1))} />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button
          component="a"
          href={leaveExportUrl(filter)}
          variant="light"
          leftSection={<IconDownload size={16} />}
          data-testid="leave-export"
        >
          {t('leave.exportCsv')}
        </Button>
      </Group>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : (
        <DataTable
          testId="leave-table"
          rows={list.data.items}
          rowKey={(r) => r.id}
          fetching={list.isFetching}
          emptyTitle={t('leave.listEmpty')}
          phone="cards"
          columns={[
            {
              key: 'name',
              header: t('leave.employee'),
              card: 'title',
              render: (r) => (
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {r.employeeName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatNip(r.nip)}
                  </Text>
                </Stack>
              ),
            },
            { key: 'unit', header: t('leave.unit'), render: (r) => r.unitName, visibleFrom: 'md' },
            { key: 'type', header: t('leave.type'), render: (r) => r.typeName },
            {
              key: 'dates',
              header: t('leave.dates'),
              render: (r) => `${formatDate(r.from)} – ${formatDate(r.to)} (${r.workingDays} HK)`,
            },
            {
              key: 'status',
              header: t('leave.statusLabel'),
              render: (r) => <LeaveStatusBadge status={r.status} />,
            },
            {
              key: 'actions',
              header: t('common.actions'),
              render: (r) =>
                r.canCancel ? (
                  <Anchor
                    component="button"
                    size="sm"
                    c="red"
                    onClick={() => onAction({ request: r, kind: 'CANCEL' })}
                    aria-label={t('leave.cancelFor', { type: r.typeName, from: formatDate(r.from) })}
                  >
                    {t('leave.cancel')}
                  </Anchor>
                ) : null,
            },
          ]}
          pagination={{
            page,
            pageSize,
            total: list.data.total,
            onPageChange: setPage,
            onPageSizeChange: (n) => (setPageSize(n), setPage(1)),
          }}
        />
      )}
    </Stack>
  );
}

/** /cuti/persetujuan: requests waiting for the caller's decision; for admin roles also the list in scope. */
export function CutiPersetujuanPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [action, setAction] = useState<Action | null>(null);
  const canList = hasAnyRole(me.data, LEAVE_READERS);
  return (
    <Box maw={1100} mx="auto">
      <PageHeader title={t('leave.approvalsTitle')} subtitle={t('leave.approvalsSubtitle')} />
      <Tabs defaultValue="inbox" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="inbox">{t('leave.tabInbox')}</Tabs.Tab>
          <Tabs.Tab value="granted">{t('leave.tabGranted')}</Tabs.Tab>
          {canList && <Tabs.Tab value="all">{t('leave.tabAll')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="inbox">
          <Inbox onAction={setAction} />
        </Tabs.Panel>
        <Tabs.Panel value="granted">
          <Granted onAction={setAction} />
        </Tabs.Panel>
        {canList && (
          <Tabs.Panel value="all">
            <AllRequests onAction={setAction} />
          </Tabs.Panel>
        )}
      </Tabs>
      {action && <DecisionModal action={action} onClose={() => setAction(null)} />}
    </Box>
  );
}
