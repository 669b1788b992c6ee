import { Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  SALARY_STOP_STATUSES,
  useSalaryStops,
  type SalaryStopList,
  type SalaryStopStatus,
} from '../../api/discipline.ts';
import { PersonLine, StatusBadge } from '../../components/discipline/parts.tsx';
import { salaryStopColor } from '../../components/discipline/status-colors.ts';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { monthText } from './months.ts';

type Row = SalaryStopList['items'][number];

/**
 * Penghentian gaji (/disiplin/gaji): salary stops after ten consecutive TK days (PP 94/2021 Pasal 15 ayat (2);
 * regulations.md §1.8): reported by the superior, verified by BKD, stopped and re-activated by the KPA / finance.
 * Filters: status, unit, name / NIP; paginated.
 */
export function DisiplinGajiPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState<SalaryStopStatus | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useSalaryStops({
    q: debounced || undefined,
    status: status ?? undefined,
    unitId: unitId ?? undefined,
    page,
    pageSize,
  });
  const columns: Column<Row>[] = [
    {
      key: 'employee',
      header: t('disiplin.cols.employee'),
      card: 'title',
      render: (r) => (
        <PersonLine name={r.employeeName} nip={r.nip ? formatNip(r.nip) : null} extra={r.unitName} />
      ),
    },
    {
      key: 'streak',
      header: t('disiplin.salary.streak'),
      card: 'wide',
      render: (r) => (
        <Text size="sm">
          {t('disiplin.salary.streakValue', {
            days: r.streak.days,
            from: formatDate(r.streak.from),
            to: formatDate(r.streak.to),
          })}
        </Text>
      ),
    },
    { key: 'from', header: t('disiplin.salary.fromMonth'), render: (r) => monthText(r.fromMonth) },
    {
      key: 'status',
      header: t('disiplin.cols.status'),
      render: (r) => (
        <StatusBadge status={r.status} label={r.statusLabel} color={salaryStopColor(r.status)} />
      ),
    },
  ];
  return (
    <>
      <PageHeader title={t('disiplin.salary.title')} subtitle={t('disiplin.salary.subtitle')} />
      <Stack gap="sm">
        <FilterBar
          active={[status, unitId].filter((v) => v !== null).length}
          search={
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('disiplin.filters.searchPerson')}
              aria-label={t('disiplin.filters.searchPerson')}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              w={{ base: '100%', sm: 240 }}
            />
          }
        >
          <Select
            aria-label={t('disiplin.filters.status')}
            placeholder={t('disiplin.filters.status')}
            data={SALARY_STOP_STATUSES.map((s) => ({ value: s, label: t(`disiplin.salaryStatus.${s}`) }))}
            value={status}
            onChange={(v) => {
              setStatus(v as SalaryStopStatus | null);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 260 }}
          />
          <UnitSelect
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            placeholder={t('disiplin.filters.unit')}
            w={280}
          />
        </FilterBar>
        {query.isLoading && <LoadingState />}
        {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
        {query.data && (
          <DataTable
            testId="salary-stop-table"
            columns={columns}
            rows={query.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-salary-stop-id': r.id, 'data-status': r.status })}
            onRowClick={(r) => navigate(`/disiplin/gaji/${r.id}`)}
            fetching={query.isFetching}
            phone="cards"
            emptyTitle={t('disiplin.salary.empty')}
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
