import { Button, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_STATES } from '../../../core/discipline/case-machine.ts';
import {
  casesExportUrl,
  LEVELS,
  SOURCES,
  useCases,
  type CaseListItem,
  type CaseSource,
  type CaseState,
  type DisciplineLevel,
} from '../../api/discipline.ts';
import {
  CaseStateBadge,
  DueText,
  LevelBadge,
  OverdueBadge,
  PersonLine,
} from '../../components/discipline/parts.tsx';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';

/**
 * Kasus disiplin (/disiplin/kasus): the registry of cases the caller may read (their staff's for a superior, the
 * scope for BKD / Inspektorat / heads), filtered by unit, state, level, source, violation period and name / NIP /
 * case number, paginated, exported as XLSX or CSV with the same filters. Filters live in the address (?state=…),
 * so the dashboard can link to a filtered list.
 */
export function DisiplinKasusPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const get = (k: string) => params.get(k) || undefined;
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const filters = {
    q: debounced || undefined,
    unitId: get('unitId'),
    state: get('state') as CaseState | undefined,
    level: get('level') as DisciplineLevel | undefined,
    source: get('source') as CaseSource | undefined,
    from: get('from'),
    to: get('to'),
  };
  const query = useCases({ ...filters, page, pageSize });

  const columns: Column<CaseListItem>[] = [
    {
      key: 'number',
      header: t('disiplin.cols.case'),
      card: 'title',
      render: (r) => (
        <Stack gap={2}>
          <Text size="xs" ff="monospace" c="dimmed" data-testid="case-number">
            {r.caseNumber}
          </Text>
          <PersonLine name={r.employee.name} nip={r.employee.nip ? formatNip(r.employee.nip) : null} />
        </Stack>
      ),
    },
    {
      key: 'unit',
      header: t('disiplin.cols.unit'),
      visibleFrom: 'md',
      card: 'wide',
      render: (r) => r.unit.name,
    },
    {
      key: 'state',
      header: t('disiplin.cols.state'),
      render: (r) => <CaseStateBadge state={r.state} label={r.stateLabel} />,
    },
    { key: 'level', header: t('disiplin.cols.level'), render: (r) => <LevelBadge level={r.expectedLevel} /> },
    {
      key: 'next',
      header: t('disiplin.cols.next'),
      card: 'wide',
      render: (r) =>
        r.nextStep ? (
          <Stack gap={0}>
            <Text size="sm">{r.nextStep}</Text>
            <Group gap={4}>
              <DueText date={r.nextDue} overdue={r.overdue} size="xs" />
              {r.overdue && <OverdueBadge size="xs" />}
            </Group>
          </Stack>
        ) : (
          '—'
        ),
    },
    {
      key: 'source',
      header: t('disiplin.cols.source'),
      visibleFrom: 'lg',
      render: (r) => t(`disiplin.sources.${r.source}`),
    },
    {
      key: 'date',
      header: t('disiplin.cols.violationDate'),
      render: (r) => formatDate(r.violationDate),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('disiplin.cases.title')}
        subtitle={t('disiplin.cases.subtitle')}
        actions={
          <>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="light" leftSection={<IconDownload size={16} />} data-testid="cases-export">
                  {t('common.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(['xlsx', 'csv'] as const).map((f) => (
                  <Menu.Item key={f} component="a" href={casesExportUrl(f, filters)} download>
                    {f.toUpperCase()}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button component={Link} to="/disiplin/kasus/baru" leftSection={<IconPlus size={16} />}>
              {t('disiplin.cases.new')}
            </Button>
          </>
        }
      />
      <Stack gap="sm">
        <FilterBar
          active={
            [filters.unitId, filters.state, filters.level, filters.source, filters.from, filters.to].filter(
              Boolean,
            ).length
          }
          search={
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('disiplin.filters.searchCase')}
              aria-label={t('disiplin.filters.searchCase')}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              w={{ base: '100%', sm: 260 }}
            />
          }
        >
          <UnitSelect
            value={filters.unitId ?? null}
            onChange={(v) => set('unitId', v)}
            placeholder={t('disiplin.filters.unit')}
            w={280}
          />
          <Select
            aria-label={t('disiplin.filters.state')}
            placeholder={t('disiplin.filters.state')}
            data={CASE_STATES.map((s) => ({ value: s, label: t(`disiplin.states.${s}`) }))}
            value={filters.state ?? null}
            onChange={(v) => set('state', v)}
            clearable
            w={{ base: '48%', sm: 200 }}
          />
          <Select
            aria-label={t('disiplin.filters.level')}
            placeholder={t('disiplin.filters.level')}
            data={LEVELS.map((l) => ({ value: l, label: t(`disiplin.levels.${l}`) }))}
            value={filters.level ?? null}
            onChange={(v) => set('level', v)}
            clearable
            w={{ base: '48%', sm: 140 }}
          />
          <Select
            aria-label={t('disiplin.filters.source')}
            placeholder={t('disiplin.filters.source')}
            data={SOURCES.map((s) => ({ value: s, label: t(`disiplin.sources.${s}`) }))}
            value={filters.source ?? null}
            onChange={(v) => set('source', v)}
            clearable
            w={{ base: '100%', sm: 240 }}
          />
          <DateField
            label={t('disiplin.filters.from')}
            value={filters.from ?? ''}
            onChange={(v) => set('from', v || null)}
            size="sm"
            w={140}
          />
          <DateField
            label={t('disiplin.filters.to')}
            value={filters.to ?? ''}
            onChange={(v) => set('to', v || null)}
            size="sm"
            w={140}
          />
        </FilterBar>
        {query.isLoading && <LoadingState />}
        {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
        {query.data && (
          <DataTable
            testId="case-table"
            columns={columns}
            rows={query.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({
              'data-case-id': r.id,
              'data-state': r.state,
              'data-overdue': r.overdue ? 'true' : 'false',
            })}
            onRowClick={(r) => navigate(`/disiplin/kasus/${r.id}`)}
            fetching={query.isFetching}
            phone="cards"
            minWidth={820}
            emptyTitle={t('disiplin.cases.empty')}
            emptyDescription={t('disiplin.cases.emptyHint')}
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
