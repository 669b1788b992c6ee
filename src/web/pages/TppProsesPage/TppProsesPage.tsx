import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalculator } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { currentMonth } from '../../api/recap.ts';
import { RUN_STATUSES, useComputeRun, useRuns, type RunList, type RunStatus } from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TPP_RUNNERS } from '../../components/tpp/roles.ts';
import { useTppTreasurer } from '../../components/tpp/finance/treasurer.tsx';
import { RunStatusBadge } from '../../components/tpp/TppLineView.tsx';
import { addMonths, monthsBack } from '../../components/tpp/tpp-view.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime, formatNumber, formatRupiah } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

type Row = RunList['items'][number];

/** "Hitung TPP": a unit and a month; the server's refusal (month not closed, run locked, kelas without tariff) shown. */
function ComputeForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const monthLabel = useMonthLabel();
  const compute = useComputeRun();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [month, setMonth] = useState<string>(addMonths(currentMonth(), -1));
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-compute">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!unitId) return;
          compute.mutate(
            { unitId, month },
            {
              onSuccess: (run) => {
                notifications.show({ color: 'teal', message: t('tpp.runs.computed') });
                navigate(`/tpp/proses/${run.id}`);
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('tpp.runs.computeTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('tpp.runs.computeHint')}
          </Text>
          <Group gap="xs" align="flex-end" wrap="wrap">
            <UnitSelect
              label={t('tpp.unit')}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                compute.reset();
              }}
              required
              w={300}
              data-testid="tpp-compute-unit"
            />
            <Select
              label={t('tpp.month')}
              data={monthsBack(currentMonth(), 13).map((m) => ({ value: m, label: monthLabel(m) }))}
              value={month}
              onChange={(v) => {
                if (v) setMonth(v);
                compute.reset();
              }}
              allowDeselect={false}
              w={{ base: '100%', sm: 200 }}
              data-testid="tpp-compute-month"
            />
            <Button
              type="submit"
              leftSection={<IconCalculator size={16} />}
              loading={compute.isPending}
              disabled={!unitId}
              data-testid="tpp-compute-submit"
            >
              {t('tpp.runs.compute')}
            </Button>
          </Group>
          {compute.isError && (
            <div data-testid="tpp-compute-refused">
              <Text size="sm" fw={600} c="red.8">
                {t('tpp.runs.refused')}
              </Text>
              <ErrorState error={compute.error} compact />
            </div>
          )}
        </Stack>
      </form>
    </Card>
  );
}

/**
 * Proses TPP (/tpp/proses): the runs in the caller's scope, filtered by unit, month and status, paginated; the
 * "Hitung TPP" form for admin OPD and BKD (tpp.run). A row opens the run. The designated treasurer of a unit sees
 * its published runs here (the server lists them), read-only.
 */
export function TppProsesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const monthLabel = useMonthLabel();
  const me = useMe();
  const runner = hasAnyRole(me.data, TPP_RUNNERS);
  const { readOnly } = useTppTreasurer();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useRuns({
    unitId: unitId ?? undefined,
    month: month ?? undefined,
    status: status ?? undefined,
    page,
    pageSize,
  });
  const columns: Column<Row>[] = [
    {
      key: 'unit',
      header: t('tpp.runs.cols.unit'),
      card: 'title',
      render: (r) => (
        <Group gap="xs" justify="space-between" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600} lineClamp={2}>
              {r.unitName}
            </Text>
            <Text size="xs" c="dimmed" hiddenFrom="sm">
              {monthLabel(r.month)}
            </Text>
          </Stack>
          <Group hiddenFrom="sm">
            <RunStatusBadge status={r.status} label={t(`tpp.statuses.${r.status}`)} />
          </Group>
        </Group>
      ),
    },
    { key: 'month', header: t('tpp.runs.cols.month'), card: 'hidden', render: (r) => monthLabel(r.month) },
    {
      key: 'status',
      header: t('tpp.runs.cols.status'),
      card: 'hidden',
      render: (r) => <RunStatusBadge status={r.status} label={t(`tpp.statuses.${r.status}`)} />,
    },
    {
      key: 'employees',
      header: t('tpp.runs.cols.employees'),
      align: 'right',
      render: (r) => formatNumber(r.totals.employees),
    },
    {
      key: 'net',
      header: t('tpp.runs.cols.net'),
      align: 'right',
      render: (r) => formatRupiah(r.totals.amounts.net),
    },
    {
      key: 'deductions',
      header: t('tpp.runs.cols.deductions'),
      align: 'right',
      visibleFrom: 'md',
      render: (r) => formatRupiah(r.totals.amounts.deductions + r.totals.amounts.sanctionCut),
    },
    {
      key: 'updated',
      header: t('tpp.runs.cols.updated'),
      visibleFrom: 'lg',
      card: 'hidden',
      render: (r) => formatDateTime(r.updatedAt),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('tpp.runs.title')}
        subtitle={readOnly ? t('tppTreasurer.runsSubtitle') : t('tpp.runs.subtitle')}
      />
      <Stack gap="sm">
        {runner && <ComputeForm />}
        <FilterBar
          active={[unitId, status].filter((v) => v !== null).length}
          search={
            <Select
              aria-label={t('tpp.month')}
              placeholder={t('tpp.month')}
              data={monthsBack(currentMonth(), 24).map((m) => ({ value: m, label: monthLabel(m) }))}
              value={month}
              onChange={(v) => {
                setMonth(v);
                setPage(1);
              }}
              clearable
              w={{ base: '100%', sm: 200 }}
              data-testid="tpp-runs-month"
            />
          }
        >
          <UnitSelect
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            placeholder={t('tpp.unit')}
            w={280}
          />
          <Select
            aria-label={t('tpp.status')}
            placeholder={t('tpp.allStatuses')}
            data={RUN_STATUSES.map((s) => ({ value: s, label: t(`tpp.statuses.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as RunStatus | null);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 240 }}
            data-testid="tpp-runs-status"
          />
        </FilterBar>
        {query.isLoading && <LoadingState />}
        {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
        {query.data && (
          <DataTable
            testId="tpp-runs-table"
            columns={columns}
            rows={query.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-run-id': r.id, 'data-status': r.status, 'data-month': r.month })}
            onRowClick={(r) => navigate(`/tpp/proses/${r.id}`)}
            fetching={query.isFetching}
            phone="cards"
            cardColumns={2}
            emptyTitle={t('tpp.runs.empty')}
            emptyDescription={runner ? t('tpp.runs.emptyHint') : undefined}
            pagination={{
              page: query.data.page,
              pageSize: query.data.pageSize,
              total: query.data.total,
              onPageChange: setPage,
              onPageSizeChange: (s) => {
                setPageSize(s);
                setPage(1);
              },
            }}
          />
        )}
      </Stack>
    </>
  );
}
