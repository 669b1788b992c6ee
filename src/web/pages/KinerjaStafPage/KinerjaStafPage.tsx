import { Badge, Button, Card, Group, Menu, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { supervisionExportUrl, useSupervision, type SupervisionRow } from '../../api/kinerja-reports.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { KINERJA_READERS, KINERJA_VERIFIERS } from '../../components/kinerja/roles.ts';
import { StaffEvaluations } from '../../components/kinerja/StaffEvaluations.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';

/**
 * Staf Hari Ini (/kinerja/staf): each of the superior's staff today and this month (present or not, reported or
 * not, minutes accepted, pending verifications, capaian against the SKP so far); the unit for its head, the scope
 * for admin OPD / BKD with a unit filter; search; export.
 */
export function KinerjaStafPage() {
  const { t } = useTranslation();
  const me = useMe();
  const reader = hasAnyRole(me.data, KINERJA_READERS);
  const penilai = hasAnyRole(me.data, KINERJA_VERIFIERS);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const filters = { q: debounced || undefined, unitId: unitId ?? undefined, page, pageSize };
  const query = useSupervision(filters);
  const data = query.data;

  const columns: Column<SupervisionRow>[] = [
    {
      key: 'name',
      header: t('kinerja.staff.name'),
      card: 'title',
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.employeeName}
          </Text>
          <Text size="xs" c="dimmed">
            {[r.nip, r.positionName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'present',
      header: t('kinerja.staff.present'),
      render: (r) =>
        r.attendance.present === null ? (
          <Badge color="gray" variant="light">
            {t('kinerja.staff.noData')}
          </Badge>
        ) : (
          <Badge color={r.attendance.present ? 'teal' : 'red'} variant="light">
            {r.attendance.code ?? (r.attendance.present ? t('common.yes') : t('common.no'))}
          </Badge>
        ),
    },
    {
      key: 'reported',
      header: t('kinerja.staff.reported'),
      render: (r) => (
        <Badge color={r.reportedToday ? 'teal' : 'orange'} variant="light" data-testid="staff-reported">
          {r.reportedToday
            ? t('kinerja.minutesShort', { n: r.minutesToday })
            : t('kinerja.staff.notReported')}
        </Badge>
      ),
    },
    {
      key: 'accepted',
      header: t('kinerja.staff.minutesAcceptedMonth'),
      align: 'right',
      render: (r) => <span data-testid="staff-minutes-accepted">{r.minutesAcceptedMonth}</span>,
    },
    {
      key: 'pending',
      header: t('kinerja.staff.pending'),
      align: 'right',
      render: (r) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <span data-testid="staff-pending">{r.pending}</span>
          {r.overdue > 0 && (
            <Badge color="red" size="xs">
              {t('kinerja.staff.overdue', { n: r.overdue })}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'capaian',
      header: t('kinerja.staff.capaian'),
      align: 'right',
      render: (r) => (r.capaian.percent === null ? '—' : `${r.capaian.percent.toFixed(1)}%`),
    },
    {
      key: 'skp',
      header: t('kinerja.staff.skp'),
      visibleFrom: 'md',
      render: (r) =>
        r.skpStatus
          ? t(`kinerja.skpStatus.${r.skpStatus as 'DRAFT'}`, r.skpStatus)
          : t('kinerja.staff.noSkp'),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('kinerja.staff.title')}
        subtitle={data ? t('kinerja.staff.subtitle', { date: formatDate(data.date) }) : undefined}
        actions={
          <Menu>
            <Menu.Target>
              <Button variant="light" leftSection={<IconDownload size={16} />}>
                {t('common.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['xlsx', 'csv'] as const).map((f) => (
                <Menu.Item key={f} component="a" href={supervisionExportUrl(f, filters)} download>
                  {f.toUpperCase()}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        }
      />
      <OfflineBanner />
      {data && (
        <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" mb="md" data-testid="staff-summary">
          {(['employees', 'present', 'reported', 'pending', 'overdue'] as const).map((k) => (
            <Card key={k} withBorder padding="xs" radius="md" data-testid={`staff-summary-${k}`}>
              <Text size="xs" c="dimmed">
                {t(`kinerja.staff.summary.${k}`)}
              </Text>
              <Text fw={700} fz="lg" data-testid="value">
                {data.summary[k]}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      )}
      <Group mb="sm" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('kinerja.staff.search')}
          aria-label={t('kinerja.staff.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        {reader && (
          <UnitSelect
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            placeholder={t('kinerja.staff.unit')}
            w={320}
          />
        )}
      </Group>
      {query.isLoading && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {data && (
        <DataTable
          testId="staff-table"
          columns={columns}
          rows={data.items}
          rowKey={(r) => r.employeeId}
          rowProps={(r) => ({ 'data-employee-id': r.employeeId })}
          fetching={query.isFetching}
          phone="cards"
          emptyTitle={t('kinerja.staff.empty')}
          pagination={{
            page: data.page,
            pageSize: data.pageSize,
            total: data.total,
            onPageChange: setPage,
            onPageSizeChange: (s) => {
              setPageSize(s);
              setPage(1);
            },
          }}
        />
      )}
      {penilai && (
        <Card withBorder radius="md" padding="sm" mt="lg">
          <StaffEvaluations />
        </Card>
      )}
    </>
  );
}
