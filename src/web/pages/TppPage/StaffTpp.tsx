import { Drawer, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRunLine, useStaffTpp, type StaffTppList } from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PersonLine, todayLocal } from '../../components/discipline/parts.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { RunStatusBadge, TppLineView } from '../../components/tpp/TppLineView.tsx';
import { formatNip, formatRupiah } from '../../lib/format.ts';

type Row = StaffTppList['items'][number];

/** A staff member's line in a drawer (the superior sees it once published; the bank account is left out). */
function StaffLineDrawer({ open, onClose }: { open: Row | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const line = useRunLine(open?.runId ?? '', open?.employeeId);
  return (
    <Drawer
      opened={open !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={t('tpp.run.line')}
    >
      {line.isLoading && <LoadingState />}
      {line.isError && <ErrorState error={line.error} onRetry={() => void line.refetch()} />}
      {line.data && <TppLineView line={line.data} today={todayLocal()} />}
    </Drawer>
  );
}

/**
 * The superior's view of their direct staff's published TPP of the month (GET /tpp/staff; issue 17 point 3: "the
 * superior and admin OPD see the same for their staff"): searchable, paginated; a row opens the breakdown.
 */
export function StaffTpp({ month }: { month: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<Row | null>(null);
  const staff = useStaffTpp({ month, q: debounced || undefined, page, pageSize: 25 });
  const columns: Column<Row>[] = [
    {
      key: 'employee',
      header: t('tpp.run.cols.employee'),
      card: 'title',
      render: (r) => (
        <PersonLine name={r.name} nip={r.nip ? formatNip(r.nip) : null} extra={r.positionName} />
      ),
    },
    {
      key: 'status',
      header: t('tpp.status'),
      render: (r) => <RunStatusBadge status={r.status} label={t(`tpp.statuses.${r.status}`)} />,
    },
    {
      key: 'deductions',
      header: t('tpp.run.cols.deductions'),
      align: 'right',
      render: (r) => formatRupiah(r.deductions + r.sanctionCut),
    },
    {
      key: 'net',
      header: t('tpp.run.cols.net'),
      align: 'right',
      render: (r) => (
        <Text size="sm" fw={650}>
          {formatRupiah(r.net)}
        </Text>
      ),
    },
  ];
  return (
    <Stack gap="xs" data-testid="tpp-staff">
      <Title order={2} size="h4">
        {t('tpp.staff.title')}
      </Title>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('tpp.search')}
        aria-label={t('tpp.search')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        w={{ base: '100%', sm: 260 }}
      />
      {staff.isLoading && <LoadingState />}
      {staff.isError && <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />}
      {staff.data && (
        <DataTable
          testId="tpp-staff-table"
          columns={columns}
          rows={staff.data.items}
          rowKey={(r) => `${r.runId}-${r.employeeId}`}
          rowProps={(r) => ({ 'data-employee-id': r.employeeId })}
          onRowClick={setOpen}
          fetching={staff.isFetching}
          phone="cards"
          emptyTitle={t('tpp.staff.empty')}
          pagination={{
            page: staff.data.page,
            pageSize: staff.data.pageSize,
            total: staff.data.total,
            onPageChange: setPage,
          }}
        />
      )}
      <StaffLineDrawer open={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
