import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDebouncedValue } from '@mantine/hooks';
import { IconRefresh, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  INDICATION_SOURCES,
  INDICATION_STATUSES,
  useIndications,
  useScanIndications,
  type IndicationStatus,
  type IndicationSummary,
} from '../../api/discipline.ts';
import { indicationColor } from '../../components/discipline/status-colors.ts';
import { IndicationNotice, LevelBadge, PersonLine, StatusBadge } from '../../components/discipline/parts.tsx';
import { useMe } from '../../api/auth.ts';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { DISCIPLINE_MANAGERS } from '../../components/discipline/roles.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { monthChoices } from '../DisiplinGajiPage/months.ts';

/**
 * Indikasi disiplin (/disiplin/indikasi): what the rules core indicates after each recap build, per employee ("3
 * hari TK → usulan R1"), never a sanction: the superior opens a case from it or dismisses it. Filters: status
 * (new by default), source, unit, year, name/NIP; paginated.
 */
/** BKD: store the indications of a unit subtree up to a month again (after a late correction of the recap). */
function ScanButton() {
  const { t } = useTranslation();
  const scan = useScanIndications();
  const [opened, setOpened] = useState(false);
  const [unitId, setUnitId] = useState<string | null>(null);
  const months = monthChoices(12, 0);
  const [month, setMonth] = useState<string | null>(months[1]?.value ?? null);
  return (
    <>
      <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setOpened(true)}>
        {t('disiplin.indications.scan')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('disiplin.indications.scanTitle')}
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!unitId || !month) return;
            scan.mutate(
              { unitId, month },
              {
                onSuccess: (r) => {
                  notifications.show({
                    color: 'teal',
                    message: t('disiplin.indications.scanned', {
                      created: r.created,
                      superseded: r.superseded,
                      unchanged: r.unchanged,
                    }),
                  });
                  setOpened(false);
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Text size="xs" c="dimmed">
              {t('disiplin.indications.scanHint')}
            </Text>
            <UnitSelect value={unitId} onChange={setUnitId} label={t('disiplin.filters.unit')} required />
            <Select
              label={t('disiplin.indications.month')}
              data={months}
              value={month}
              onChange={setMonth}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
            {scan.isError && <ErrorState error={scan.error} compact />}
            <Group justify="flex-end">
              <Button type="submit" loading={scan.isPending} disabled={!unitId || !month}>
                {t('disiplin.indications.scanSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

export function DisiplinIndikasiPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const manager = hasAnyRole(me.data, DISCIPLINE_MANAGERS);
  const thisYear = new Date().getFullYear();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [status, setStatus] = useState<IndicationStatus | null>('BARU');
  const [source, setSource] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [year, setYear] = useState<number | null>(thisYear);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const query = useIndications({
    q: debounced || undefined,
    status: status ?? undefined,
    source: (source as IndicationSummary['source']) ?? undefined,
    unitId: unitId ?? undefined,
    year: year ?? undefined,
    page,
    pageSize,
  });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const columns: Column<IndicationSummary>[] = [
    {
      key: 'employee',
      header: t('disiplin.cols.employee'),
      card: 'title',
      render: (r) => (
        <PersonLine name={r.employeeName} nip={r.nip ? formatNip(r.nip) : null} extra={r.unitName} />
      ),
    },
    {
      key: 'headline',
      header: t('disiplin.cols.indication'),
      card: 'wide',
      render: (r) => (
        <Text size="sm" data-testid="indication-headline">
          {r.headline}
        </Text>
      ),
    },
    { key: 'level', header: t('disiplin.cols.level'), render: (r) => <LevelBadge level={r.level} /> },
    {
      key: 'reached',
      header: t('disiplin.cols.reachedOn'),
      render: (r) => formatDate(r.reachedOn),
    },
    {
      key: 'status',
      header: t('disiplin.cols.status'),
      render: (r) => (
        <StatusBadge status={r.status} label={r.statusLabel} color={indicationColor(r.status)} />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('disiplin.indications.title')}
        subtitle={t('disiplin.indications.subtitle')}
        actions={manager ? <ScanButton /> : undefined}
      />
      <Stack gap="sm">
        <IndicationNotice />
        <FilterBar
          active={[status, source, unitId, year].filter((v) => v !== null).length}
          search={
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('disiplin.filters.searchPerson')}
              aria-label={t('disiplin.filters.searchPerson')}
              value={q}
              onChange={(e) => reset(setQ)(e.currentTarget.value)}
              w={{ base: '100%', sm: 240 }}
            />
          }
        >
          <Select
            aria-label={t('disiplin.filters.status')}
            placeholder={t('disiplin.filters.status')}
            data={INDICATION_STATUSES.map((s) => ({ value: s, label: t(`disiplin.indicationStatus.${s}`) }))}
            value={status}
            onChange={(v) => reset(setStatus)(v as IndicationStatus | null)}
            clearable
            w={{ base: '48%', sm: 200 }}
          />
          <Select
            aria-label={t('disiplin.filters.source')}
            placeholder={t('disiplin.filters.source')}
            data={INDICATION_SOURCES.map((s) => ({ value: s, label: t(`disiplin.indicationSource.${s}`) }))}
            value={source}
            onChange={reset(setSource)}
            clearable
            w={{ base: '48%', sm: 200 }}
          />
          <Select
            aria-label={t('disiplin.filters.year')}
            placeholder={t('disiplin.filters.year')}
            data={[thisYear - 2, thisYear - 1, thisYear].map(String)}
            value={year ? String(year) : null}
            onChange={(v) => reset(setYear)(v ? Number(v) : null)}
            clearable
            w={110}
          />
          <UnitSelect
            value={unitId}
            onChange={reset(setUnitId)}
            placeholder={t('disiplin.filters.unit')}
            w={280}
          />
        </FilterBar>
        {query.isLoading && <LoadingState />}
        {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
        {query.data && (
          <DataTable
            testId="indication-table"
            columns={columns}
            rows={query.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-indication-id': r.id, 'data-employee-id': r.employeeId })}
            onRowClick={(r) => navigate(`/disiplin/indikasi/${r.id}`)}
            fetching={query.isFetching}
            phone="cards"
            emptyTitle={t('disiplin.indications.empty')}
            emptyDescription={t('disiplin.indications.emptyHint')}
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
