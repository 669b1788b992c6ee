import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EMPLOYEE_TYPES } from '../../../shared/api/org.ts';
import { useMe } from '../../api/auth.ts';
import { employeeQuery, useEmployees } from '../../api/employees.ts';
import { startExportJob } from '../../api/jobs.ts';
import { ExportJobMenu } from '../../components/ExportJobMenu.tsx';
import { apiUrl } from '../../api/http.ts';
import type {
  EmployeeFilters,
  EmployeeListItem,
  EmployeeSort,
  EmployeeStatusFilter,
  EmployeeType,
} from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatNip } from '../../lib/format.ts';
import { hasAnyRole, ORG_EDITORS } from '../../lib/roles.ts';
import { EmployeeFormModal } from '../EmployeeDetailPage/components/EmployeeFormModal.tsx';

const STATUSES: EmployeeStatusFilter[] = ['active', 'inactive', 'all'];
const SORTS: EmployeeSort[] = ['name', 'nip', 'unit'];

function readFilters(params: URLSearchParams): EmployeeFilters {
  const type = params.get('type');
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    q: params.get('q') || undefined,
    unitId: params.get('unitId') || undefined,
    includeSubunits: params.get('sub') !== '0',
    type: type && (EMPLOYEE_TYPES as readonly string[]).includes(type) ? (type as EmployeeType) : undefined,
    status: status && (STATUSES as string[]).includes(status) ? (status as EmployeeStatusFilter) : 'active',
    sort: sort && (SORTS as string[]).includes(sort) ? (sort as EmployeeSort) : 'name',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [10, 25, 50, 100].includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : 25,
  };
}

export function EmployeesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [search, setSearch] = useState(filters.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [addOpened, addModal] = useDisclosure(false);
  const employees = useEmployees(filters);
  const canEdit = hasAnyRole(me.data, ORG_EDITORS);

  /** Changes filters in the URL; any filter change goes back to page 1. */
  const update = (changes: Record<string, string | null>, resetPage = true) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch || null });
    // The URL follows the debounced text only.
  }, [debouncedSearch]);

  const columns: Column<EmployeeListItem>[] = [
    {
      key: 'name',
      header: t('employees.name'),
      card: 'title',
      render: (e) => (
        <Stack gap={0}>
          <Anchor
            component={Link}
            to={`/pegawai/${e.id}`}
            fw={500}
            size="sm"
            onClick={(ev) => ev.stopPropagation()}
          >
            {e.fullName}
          </Anchor>
          <Text size="xs" c="dimmed" hiddenFrom="sm" ff="monospace">
            {formatNip(e.nip)}
          </Text>
          <Text size="xs" c="dimmed" hiddenFrom="md">
            {e.unitName}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'nip',
      header: t('employees.nip'),
      visibleFrom: 'sm',
      card: 'hidden',
      render: (e) => (
        <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
          {formatNip(e.nip)}
        </Text>
      ),
    },
    {
      key: 'type',
      header: t('employees.type'),
      render: (e) => (
        <Group gap={4} wrap="nowrap">
          <Badge
            size="sm"
            variant="light"
            color={
              e.employeeType === 'NON_ASN' ? 'gray' : e.employeeType.startsWith('PPPK') ? 'indigo' : 'teal'
            }
          >
            {e.employeeType.replace(/_/g, ' ')}
          </Badge>
          {e.golongan && (
            <Text size="xs" c="dimmed">
              {e.golongan}
            </Text>
          )}
        </Group>
      ),
    },
    {
      key: 'position',
      header: t('employees.position'),
      visibleFrom: 'lg',
      render: (e) => <Text size="sm">{e.positionName ?? '—'}</Text>,
    },
    {
      key: 'unit',
      header: t('employees.unit'),
      visibleFrom: 'md',
      card: 'hidden',
      render: (e) => <Text size="sm">{e.unitName}</Text>,
    },
    {
      key: 'status',
      header: t('employees.status'),
      visibleFrom: 'sm',
      render: (e) => (
        <Badge size="sm" variant="dot" color={e.active ? 'teal' : 'gray'} style={{ minWidth: 'max-content' }}>
          {e.active ? t('employees.statusActive') : t('employees.statusInactive')}
        </Badge>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('employees.title')}
        subtitle={t('employees.subtitle')}
        actions={
          <>
            <ExportJobMenu
              label={t('common.export')}
              testId="export-button"
              variant="default"
              choices={[
                { format: 'xlsx' as const, label: t('employees.exportXlsx') },
                { format: 'csv' as const, label: t('employees.exportCsv') },
              ]}
              start={(format) =>
                startExportJob('/employees/export-jobs', { ...employeeQuery(filters, false), format })
              }
            />
            {canEdit && (
              <Button leftSection={<IconUserPlus size={16} />} onClick={addModal.open}>
                {t('employees.add')}
              </Button>
            )}
          </>
        }
      />

      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput
            label={t('common.search')}
            placeholder={t('employees.searchPlaceholder')}
            leftSection={<IconSearch size={14} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            type="search"
            data-testid="employee-search"
          />
          <Stack gap={4}>
            <UnitSelect
              label={t('employees.unit')}
              placeholder={t('employees.allUnits')}
              value={filters.unitId ?? null}
              onChange={(unitId) => update({ unitId })}
              data-testid="employee-unit-filter"
            />
            {filters.unitId && (
              <Checkbox
                size="xs"
                label={t('employees.includeSubunits')}
                checked={filters.includeSubunits ?? true}
                onChange={(e) => update({ sub: e.currentTarget.checked ? null : '0' })}
              />
            )}
          </Stack>
          <Select
            label={t('employees.type')}
            placeholder={t('common.all')}
            clearable
            data={EMPLOYEE_TYPES.map((value) => ({ value, label: t(`employeeTypes.${value}`) }))}
            value={filters.type ?? null}
            onChange={(type) => update({ type })}
            data-testid="employee-type-filter"
          />
          <Group grow gap="sm" align="flex-start">
            <Select
              label={t('employees.status')}
              allowDeselect={false}
              data={[
                { value: 'active', label: t('employees.statusActive') },
                { value: 'inactive', label: t('employees.statusInactive') },
                { value: 'all', label: t('common.all') },
              ]}
              value={filters.status ?? 'active'}
              onChange={(status) => update({ status: status === 'active' ? null : status })}
              data-testid="employee-status-filter"
            />
            <Select
              label={t('employees.sort')}
              allowDeselect={false}
              data={[
                { value: 'name', label: t('employees.sortName') },
                { value: 'nip', label: t('employees.sortNip') },
                { value: 'unit', label: t('employees.sortUnit') },
              ]}
              value={filters.sort ?? 'name'}
              onChange={(sort) => update({ sort: sort === 'name' ? null : sort })}
            />
          </Group>
        </SimpleGrid>
      </Paper>

      {employees.isPending ? (
        <LoadingState />
      ) : employees.isError ? (
        <ErrorState error={employees.error} onRetry={() => void employees.refetch()} />
      ) : (
        <DataTable
          testId="employee-table"
          columns={columns}
          rows={employees.data.items}
          rowKey={(e) => e.id}
          onRowClick={(e) => void navigate(`/pegawai/${e.id}`)}
          fetching={employees.isFetching && employees.isPlaceholderData}
          dataFor={employees.isPlaceholderData ? undefined : apiUrl('/employees', employeeQuery(filters))}
          emptyDescription={t('employees.empty')}
          minWidth={360}
          phone="cards"
          pagination={{
            page: employees.data.page,
            pageSize: employees.data.pageSize,
            total: employees.data.total,
            onPageChange: (page) => update({ page: String(page) }, false),
            onPageSizeChange: (pageSize) => update({ pageSize: String(pageSize) }),
          }}
        />
      )}
      <EmployeeFormModal
        opened={addOpened}
        onClose={addModal.close}
        defaultUnitId={filters.unitId ?? null}
        onSaved={(e) => void navigate(`/pegawai/${e.id}`)}
      />
    </>
  );
}
