import { Badge, Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeviceDecision, useDevices } from '../../api/attendance.ts';
import type { Device, DeviceStatus } from '../../api/attendance.ts';
import type { Column } from '../../components/DataTable.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime, formatNip } from '../../lib/format.ts';

type Decision = 'APPROVE' | 'REJECT' | 'REVOKE';
const STATUSES: DeviceStatus[] = ['PENDING', 'ACTIVE', 'REJECTED', 'REVOKED'];
const STATUS_COLORS: Record<DeviceStatus, string> = {
  PENDING: 'yellow',
  ACTIVE: 'teal',
  REJECTED: 'red',
  REVOKED: 'gray',
};

function DecisionModal({
  device,
  decision,
  onClose,
}: {
  device: Device;
  decision: Decision;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDeviceDecision();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  // Refusing or revoking takes the employee's phone away: say why.
  const noteRequired = decision !== 'APPROVE';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (noteRequired && note.trim().length < 3) {
      setNoteError(t('devices.noteRequired'));
      return;
    }
    decide.mutate(
      { id: device.id, decision, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t(`devices.done.${decision}`, { name: device.employeeName }),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t(`devices.action.${decision}`)}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {device.employeeName} · {device.label}
          </Text>
          {device.requestReason && (
            <Text size="sm" c="dimmed">
              {t('devices.requestReason')}: {device.requestReason}
            </Text>
          )}
          {decide.error && <ErrorState error={decide.error} compact />}
          <Textarea
            label={t('devices.note')}
            required={noteRequired}
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            data-testid="device-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={decision === 'APPROVE' ? 'teal' : 'red'}
              loading={decide.isPending}
              data-testid="device-decision-submit"
            >
              {t(`devices.action.${decision}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** /presensi/perangkat: phone bindings; admin OPD approves or rejects changes of phone and revokes devices. */
export function DevicesPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeviceStatus | null>('PENDING');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [deciding, setDeciding] = useState<{ device: Device; decision: Decision } | null>(null);
  const devices = useDevices({
    status: status ?? undefined,
    unitId: unitId ?? undefined,
    q: q || undefined,
    page,
    pageSize,
  });

  const columns: Column<Device>[] = [
    {
      key: 'employee',
      header: t('devices.employee'),
      card: 'title',
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {d.employeeName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNip(d.nip)}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('devices.unit'), render: (d) => d.unitName, visibleFrom: 'md' },
    {
      key: 'device',
      header: t('devices.device'),
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm">{d.label}</Text>
          {d.requestReason && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {d.requestReason}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'status',
      header: t('devices.status'),
      render: (d) => (
        <Stack gap={2}>
          <Badge color={STATUS_COLORS[d.status]} variant="light">
            {t(`devices.statuses.${d.status}`)}
          </Badge>
          {d.decisionNote && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {d.decisionNote}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'created',
      header: t('devices.created'),
      render: (d) => formatDateTime(d.createdAt),
      visibleFrom: 'sm',
    },
    {
      key: 'lastUsed',
      header: t('devices.lastUsed'),
      render: (d) => formatDateTime(d.lastUsedAt),
      visibleFrom: 'lg',
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (d) => (
        <Group gap={4} wrap="nowrap">
          {d.status === 'PENDING' && (
            <>
              <Button
                size="compact-xs"
                color="teal"
                onClick={() => setDeciding({ device: d, decision: 'APPROVE' })}
                data-testid="device-approve"
              >
                {t('devices.action.APPROVE')}
              </Button>
              <Button
                size="compact-xs"
                color="red"
                variant="light"
                onClick={() => setDeciding({ device: d, decision: 'REJECT' })}
                data-testid="device-reject"
              >
                {t('devices.action.REJECT')}
              </Button>
            </>
          )}
          {d.status === 'ACTIVE' && (
            <Button
              size="compact-xs"
              color="red"
              variant="subtle"
              onClick={() => setDeciding({ device: d, decision: 'REVOKE' })}
              data-testid="device-revoke"
            >
              {t('devices.action.REVOKE')}
            </Button>
          )}
        </Group>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('devices.title')} subtitle={t('devices.subtitle')} />
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <Select
          label={t('devices.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`devices.statuses.${s}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(value as DeviceStatus | null);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
        <UnitSelect
          label={t('devices.unit')}
          value={unitId}
          onChange={(id) => {
            setUnitId(id);
            setPage(1);
          }}
          placeholder={t('employees.allUnits')}
          w={280}
        />
        <TextInput
          label={t('common.search')}
          placeholder={t('employees.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={240}
        />
      </Group>
      {devices.isPending ? (
        <LoadingState />
      ) : devices.isError ? (
        <ErrorState error={devices.error} onRetry={() => void devices.refetch()} />
      ) : (
        <DataTable
          testId="devices-table"
          columns={columns}
          rows={devices.data.items}
          rowKey={(d) => d.id}
          fetching={devices.isFetching}
          emptyTitle={t('devices.empty')}
          minWidth={720}
          phone="cards"
          pagination={{
            page,
            pageSize,
            total: devices.data.total,
            onPageChange: setPage,
            onPageSizeChange: (size) => {
              setPageSize(size);
              setPage(1);
            },
          }}
        />
      )}
      {deciding && (
        <DecisionModal
          device={deciding.device}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}
