import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconClipboardCheck, IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { inspectionExportUrl, useFollowUpCount, useInspectionList } from '../../api/inspections.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { PlanInspectionModal } from '../../components/inspections/PlanInspectionModal.tsx';
import { formatDate } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { INSPECTION_STATUSES, type InspectionStatus } from '../../../shared/api/inspections.ts';

const PLANNERS = ['BKD', 'INSPEKTORAT', 'SUPER_ADMIN'] as const;
const STATUS_COLOR: Record<InspectionStatus, string> = {
  PLANNED: 'blue',
  IN_PROGRESS: 'orange',
  DONE: 'teal',
  CANCELLED: 'gray',
};

/** Today on the phone (YYYY-MM-DD), the plan form's default date. */
const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Sidak: the schedule and history of inspections in the caller's scope (a unit's history with `?unitId=`), filters by
 * period and status, and the planning form for BKD and the Inspektorat (opened by `?baru=1`, e.g. from a complaint
 * with `unitId` and `complaintId`). Issue 18 point 1.
 */
export function InspectionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<InspectionStatus | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [page, setPage] = useState(1);
  const unitId = params.get('unitId');
  const planning = params.get('baru') === '1';
  const canPlan = hasAnyRole(me.data, PLANNERS);
  const filters = {
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(unitId && !planning ? { unitId } : {}),
  };
  const list = useInspectionList({ page, pageSize: 20, ...filters });
  const count = useFollowUpCount();
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const closePlan = () => {
    const next = new URLSearchParams(params);
    for (const k of ['baru', 'unitId', 'complaintId']) next.delete(k);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <PageHeader
        title={t('inspections.title')}
        subtitle={t('inspections.subtitle')}
        actions={
          <Group gap="xs">
            <Button
              component={Link}
              to="/sidak/tindak-lanjut"
              variant="default"
              leftSection={<IconClipboardCheck size={16} />}
              rightSection={count.data?.count ? <Badge size="sm">{count.data.count}</Badge> : undefined}
            >
              {t('inspections.followUps')}
            </Button>
            <Button
              component="a"
              href={inspectionExportUrl('xlsx', filters)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              {t('inspections.export')}
            </Button>
            {canPlan && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setParam('baru', '1')}>
                {t('inspections.plan')}
              </Button>
            )}
          </Group>
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('inspections.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 220 }}
        />
        <Select
          label={t('inspections.status')}
          placeholder={t('inspections.allStatuses')}
          data={INSPECTION_STATUSES.map((s) => ({ value: s, label: t(`inspections.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v as InspectionStatus | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', sm: 180 }}
        />
        <DateField label={t('inspections.from')} value={from} onChange={setFrom} w={160} />
        <DateField label={t('inspections.to')} value={to} onChange={setTo} w={160} />
        <UnitSelect
          label={t('inspections.unitHistory')}
          value={planning ? null : unitId}
          onChange={(id) => setParam('unitId', id)}
          placeholder={t('inspections.clearUnit')}
          w={260}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('inspections.empty')} description={t('inspections.emptyHint')} />
      ) : (
        <Stack gap="sm">
          {list.data.items.map((i) => (
            <Card key={i.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/sidak/${i.id}`} fw={600}>
                    {i.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {formatDate(i.date)} · {i.units.map((u) => u.name).join(', ')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('inspections.team')}: {i.team.map((m) => m.name).join(', ')}
                    {i.complaintId ? ` · ${t('inspections.fromComplaint')}` : ''}
                  </Text>
                  {i.findings > 0 && (
                    <Text size="xs">
                      {t('inspections.findingsCount', { count: i.findings })}
                      {i.openFollowUps > 0
                        ? ` · ${t('inspections.openFollowUps', { count: i.openFollowUps })}`
                        : ''}
                    </Text>
                  )}
                </Stack>
                <Stack gap={4} align="flex-end">
                  <Badge color={STATUS_COLOR[i.status]}>{t(`inspections.statuses.${i.status}`)}</Badge>
                  <Badge variant="outline" color="gray" size="sm">
                    {t(`inspections.kind.${i.kind}`)}
                  </Badge>
                </Stack>
              </Group>
            </Card>
          ))}
          {list.data.total > list.data.pageSize && (
            <Pagination
              total={Math.ceil(list.data.total / list.data.pageSize)}
              value={page}
              onChange={setPage}
            />
          )}
        </Stack>
      )}
      {canPlan && planning && (
        <PlanInspectionModal
          opened
          onClose={closePlan}
          initialUnitId={unitId}
          complaintId={params.get('complaintId')}
          today={localToday()}
        />
      )}
    </Stack>
  );
}
