import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetBudget, useBudgets, type Budget } from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime, formatRupiah } from '../../lib/format.ts';

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(thisYear + 1 - i));

type Editing = { unitId: string | null; amount: number | string; reference: string } | null;

/** Set or replace one OPD's pagu for the year, with its DPA number. */
function BudgetModal({
  year,
  initial,
  onClose,
}: {
  year: number;
  initial: NonNullable<Editing>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const set = useSetBudget();
  const fields = useFieldErrors<'unitId' | 'amount' | 'reference'>();
  const [form, setForm] = useState<NonNullable<Editing>>(initial);
  const close = () => {
    set.reset();
    fields.clear();
    onClose();
  };
  return (
    <Modal opened onClose={close} title={t('tpp.budgets.editTitle', { year })} data-testid="tpp-budget-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!form.unitId) return fields.setErrors({ unitId: t('common.required') });
          set.mutate(
            { unitId: form.unitId, year, amount: Number(form.amount), reference: form.reference.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('tpp.saved') });
                close();
              },
              onError: (err) => fields.fromError(err, ['unitId', 'amount', 'reference']),
            },
          );
        }}
      >
        <Stack gap="sm">
          <UnitSelect
            label={t('tpp.budgets.cols.unit')}
            value={form.unitId}
            onChange={(v) => setForm({ ...form, unitId: v })}
            error={fields.errors.unitId}
            required
          />
          <NumberInput
            label={t('tpp.budgets.amount')}
            value={form.amount}
            onChange={(v) => setForm({ ...form, amount: v })}
            min={0}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            prefix="Rp "
            error={fields.errors.amount}
            required
          />
          <TextInput
            label={t('tpp.budgets.reference')}
            value={form.reference}
            onChange={(e) => setForm({ ...form, reference: e.currentTarget.value })}
            error={fields.errors.reference}
            required
          />
          {set.isError && <ErrorState error={set.error} compact hideIssues />}
          <Group justify="flex-end">
            <Button type="submit" loading={set.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Pagu TPP (/tpp/pagu, BKD): the pagu of each OPD for a year with its DPA number and total; set or edit one. */
export function TppPaguPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(String(thisYear));
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Editing>(null);
  const q = useBudgets({ year: Number(year), page, pageSize: 50 });
  const columns: Column<Budget>[] = [
    {
      key: 'unit',
      header: t('tpp.budgets.cols.unit'),
      card: 'title',
      render: (r) => (
        <Text size="sm" fw={600}>
          {r.unitName}{' '}
          <Text span size="xs" c="dimmed">
            ({r.unitCode})
          </Text>
        </Text>
      ),
    },
    {
      key: 'amount',
      header: t('tpp.budgets.cols.amount'),
      align: 'right',
      render: (r) => formatRupiah(r.amount),
    },
    { key: 'reference', header: t('tpp.budgets.cols.reference'), render: (r) => r.reference ?? '—' },
    {
      key: 'updated',
      header: t('tpp.budgets.cols.updated'),
      visibleFrom: 'md',
      card: 'hidden',
      render: (r) => `${formatDateTime(r.updatedAt)}${r.updatedByName ? ` · ${r.updatedByName}` : ''}`,
    },
    {
      key: 'edit',
      header: '',
      cardLabel: t('tpp.budgets.edit'),
      align: 'right',
      render: (r) => (
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconPencil size={14} />}
          onClick={() => setEditing({ unitId: r.unitId, amount: r.amount, reference: r.reference ?? '' })}
        >
          {t('tpp.budgets.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('tpp.budgets.title')}
        subtitle={t('tpp.budgets.subtitle')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ unitId: null, amount: '', reference: '' })}
            data-testid="tpp-budget-add"
          >
            {t('tpp.budgets.set')}
          </Button>
        }
      />
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Select
            label={t('tpp.year')}
            data={YEARS}
            value={year}
            onChange={(v) => {
              if (v) setYear(v);
              setPage(1);
            }}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
          />
          {q.data && (
            <Text fw={650} data-testid="tpp-budget-total" data-value={q.data.totalAmount}>
              {t('tpp.budgets.total', { amount: formatRupiah(q.data.totalAmount) })}
            </Text>
          )}
        </Group>
        {q.isLoading && <LoadingState />}
        {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && (
          <DataTable
            testId="tpp-budgets"
            columns={columns}
            rows={q.data.items}
            rowKey={(r) => `${r.unitId}-${r.year}`}
            rowProps={(r) => ({ 'data-unit-id': r.unitId })}
            fetching={q.isFetching}
            phone="cards"
            emptyTitle={t('tpp.budgets.empty')}
            pagination={{
              page: q.data.page,
              pageSize: q.data.pageSize,
              total: q.data.total,
              onPageChange: setPage,
            }}
          />
        )}
      </Stack>
      {editing && <BudgetModal year={Number(year)} initial={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
