import {
  Button,
  Card,
  Drawer,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconSearch, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importPay,
  tppKeys,
  useAddSalary,
  useEmployeePay,
  usePayList,
  useSetBankAccount,
  type EmployeePay,
  type PayImportReport,
  type PayList,
} from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { PersonLine, todayLocal } from '../../components/discipline/parts.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CheckedImportStatus, useCheckedImport } from '../../components/tpp/CheckedImport.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip, formatRupiah } from '../../lib/format.ts';

type Row = PayList['items'][number];
type Missing = 'GAJI' | 'REKENING';

/** Record a gaji pokok valid from a date (the same date again corrects that entry). */
function SalaryForm({ pay }: { pay: EmployeePay }) {
  const { t } = useTranslation();
  const add = useAddSalary();
  const fields = useFieldErrors<'validFrom' | 'gajiPokok' | 'reference'>();
  const [validFrom, setValidFrom] = useState(todayLocal());
  const [gaji, setGaji] = useState<number | string>('');
  const [reference, setReference] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate(
          {
            employeeId: pay.employeeId,
            validFrom,
            gajiPokok: Number(gaji),
            reference: reference.trim() || null,
          },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('tpp.saved') });
              setGaji('');
              setReference('');
            },
            onError: (err) => fields.fromError(err, ['validFrom', 'gajiPokok', 'reference']),
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h6">
          {t('tpp.pay.addSalary')}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('tpp.pay.gaji')}
            value={gaji}
            onChange={setGaji}
            min={0}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            error={fields.errors.gajiPokok}
            required
          />
          <DateField
            label={t('tpp.pay.validFrom')}
            value={validFrom}
            onChange={setValidFrom}
            error={fields.errors.validFrom}
            required
          />
        </Group>
        <TextInput
          label={t('tpp.pay.reference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={fields.errors.reference}
        />
        {add.isError && <ErrorState error={add.error} compact hideIssues />}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} disabled={gaji === ''}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The account TPP is paid to (and the NPWP). */
function BankForm({ pay }: { pay: EmployeePay }) {
  const { t } = useTranslation();
  const set = useSetBankAccount();
  const fields = useFieldErrors<'bankName' | 'accountNumber' | 'accountHolder' | 'npwp'>();
  const [form, setForm] = useState({
    bankName: pay.bankAccount?.bankName ?? '',
    accountNumber: pay.bankAccount?.accountNumber ?? '',
    accountHolder: pay.bankAccount?.accountHolder ?? pay.name,
    npwp: pay.bankAccount?.npwp ?? '',
  });
  const field = (k: keyof typeof form) => ({
    value: form[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.currentTarget.value }),
    error: fields.errors[k],
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        set.mutate(
          { employeeId: pay.employeeId, ...form, npwp: form.npwp.trim() || null },
          {
            onSuccess: () => notifications.show({ color: 'teal', message: t('tpp.saved') }),
            onError: (err) => fields.fromError(err, ['bankName', 'accountNumber', 'accountHolder', 'npwp']),
          },
        );
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h6">
          {t('tpp.pay.bankAccount')}
        </Title>
        <TextInput label={t('tpp.pay.bankName')} required {...field('bankName')} />
        <TextInput
          label={t('tpp.pay.accountNumber')}
          required
          inputMode="numeric"
          {...field('accountNumber')}
        />
        <TextInput label={t('tpp.pay.accountHolder')} required {...field('accountHolder')} />
        <TextInput label={t('tpp.pay.npwp')} {...field('npwp')} />
        {set.isError && <ErrorState error={set.error} compact hideIssues />}
        <Group justify="flex-end">
          <Button type="submit" loading={set.isPending}>
            {t('tpp.pay.saveBank')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One employee's gaji history and bank account, editable with tpp.run over their unit. */
function PayDrawer({ employeeId, onClose }: { employeeId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const q = useEmployeePay(employeeId);
  const p = q.data;
  return (
    <Drawer
      opened={employeeId !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={t('tpp.pay.editTitle')}
      data-testid="tpp-pay-drawer"
    >
      {q.isLoading && <LoadingState />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {p && (
        <Stack gap="md">
          <PersonLine name={p.name} nip={p.nip ? formatNip(p.nip) : null} extra={p.unitName} />
          <Card withBorder padding="sm" radius="md">
            <Title order={4} size="h6" mb="xs">
              {t('tpp.pay.salaries')}
            </Title>
            {p.salaries.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('tpp.pay.none')}
              </Text>
            ) : (
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {p.salaries.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>{formatDate(s.validFrom)}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(s.gajiPokok)}</Table.Td>
                      <Table.Td c="dimmed">{s.reference ?? ''}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          {p.canEdit ? (
            <>
              <Card withBorder padding="sm" radius="md">
                <SalaryForm pay={p} />
              </Card>
              <Card withBorder padding="sm" radius="md">
                <BankForm key={p.bankAccount?.updatedAt ?? 'none'} pay={p} />
              </Card>
            </>
          ) : (
            <>
              <Text size="sm">
                {t('tpp.pay.bankAccount')}:{' '}
                {p.bankAccount
                  ? `${p.bankAccount.bankName} ${p.bankAccount.accountNumber} a.n. ${p.bankAccount.accountHolder}`
                  : t('tpp.pay.none')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('tpp.pay.readOnly')}
              </Text>
            </>
          )}
        </Stack>
      )}
    </Drawer>
  );
}

/** Upload gaji pokok and bank accounts: checked row by row first; stored all or nothing. */
function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const imp = useCheckedImport<PayImportReport>(
    (dryRun, onProgress) => importPay({ file: file!, dryRun }, onProgress),
    async () => {
      notifications.show({ color: 'teal', message: t('tpp.pay.committed') });
      await queryClient.invalidateQueries({ queryKey: tppKeys.all });
    },
  );
  const close = () => {
    setFile(null);
    imp.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('tpp.pay.importTitle')}
      size="lg"
      data-testid="tpp-pay-import"
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('tpp.pay.importHint')}
        </Text>
        <FileInput
          label={t('tpp.tariffs.file')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            imp.reset();
          }}
          leftSection={<IconUpload size={16} />}
          required
          clearable
        />
        <CheckedImportStatus
          state={imp}
          testId="tpp-pay-report"
          title={(r) => t('tpp.pay.report', { valid: r.validRows, total: r.totalRows })}
          canCheck={!!file}
          checkLabel={t('tpp.pay.check')}
          commitLabel={t('tpp.pay.commit')}
        >
          {(r) => (
            <Text size="sm">
              {t('tpp.pay.counts', {
                salaries: r.counts.salaries,
                bank: r.counts.bankAccounts,
                unchanged: r.counts.unchanged,
              })}
            </Text>
          )}
        </CheckedImportStatus>
      </Stack>
    </Modal>
  );
}

/**
 * Data gaji dan rekening (/tpp/data-gaji): each employee's gaji pokok in force (the BPJS base) and the account TPP
 * is paid to, searchable and filterable by unit and by what is missing; one employee's history and forms in a
 * drawer; an XLSX/CSV import checked row by row.
 */
export function TppDataGajiPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [missing, setMissing] = useState<Missing | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [opened, setOpened] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const list = usePayList({
    q: debounced || undefined,
    unitId: unitId ?? undefined,
    missing: missing ?? undefined,
    page,
    pageSize,
  });
  const columns: Column<Row>[] = [
    {
      key: 'employee',
      header: t('tpp.pay.cols.employee'),
      card: 'title',
      render: (r) => (
        <PersonLine
          name={r.name}
          nip={r.nip ? formatNip(r.nip) : null}
          extra={[r.positionName, r.unitName].filter(Boolean).join(' · ')}
        />
      ),
    },
    {
      key: 'gaji',
      header: t('tpp.pay.cols.gaji'),
      align: 'right',
      render: (r) =>
        r.gajiPokok === null ? (
          <Text size="sm" c="red.8">
            {t('tpp.pay.none')}
          </Text>
        ) : (
          formatRupiah(r.gajiPokok)
        ),
    },
    {
      key: 'since',
      header: t('tpp.pay.cols.since'),
      visibleFrom: 'md',
      render: (r) => formatDate(r.gajiValidFrom),
    },
    {
      key: 'bank',
      header: t('tpp.pay.cols.bank'),
      card: 'wide',
      render: (r) =>
        r.accountNumber ? (
          `${r.bankName ?? ''} ${r.accountNumber}`
        ) : (
          <Text size="sm" c="red.8">
            {t('tpp.pay.none')}
          </Text>
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('tpp.pay.title')}
        subtitle={t('tpp.pay.subtitle')}
        actions={
          <Button
            variant="light"
            leftSection={<IconFileImport size={16} />}
            onClick={() => setImporting(true)}
          >
            {t('tpp.pay.import')}
          </Button>
        }
      />
      <Stack gap="sm">
        <FilterBar
          active={[unitId, missing].filter((v) => v !== null).length}
          search={
            <TextInput
              leftSection={<IconSearch size={16} />}
              placeholder={t('tpp.search')}
              aria-label={t('tpp.search')}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                setPage(1);
              }}
              w={{ base: '100%', sm: 240 }}
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
            aria-label={t('tpp.pay.missing')}
            placeholder={t('tpp.pay.missingAll')}
            data={[
              { value: 'GAJI', label: t('tpp.pay.missingGaji') },
              { value: 'REKENING', label: t('tpp.pay.missingBank') },
            ]}
            value={missing}
            onChange={(v) => {
              setMissing(v as Missing | null);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 220 }}
          />
        </FilterBar>
        {list.isLoading && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <DataTable
            testId="tpp-pay-table"
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.employeeId}
            rowProps={(r) => ({ 'data-employee-id': r.employeeId })}
            onRowClick={(r) => setOpened(r.employeeId)}
            fetching={list.isFetching}
            phone="cards"
            emptyTitle={t('tpp.pay.empty')}
            pagination={{
              page: list.data.page,
              pageSize: list.data.pageSize,
              total: list.data.total,
              onPageChange: setPage,
              onPageSizeChange: (s) => {
                setPageSize(s);
                setPage(1);
              },
            }}
          />
        )}
      </Stack>
      <PayDrawer employeeId={opened} onClose={() => setOpened(null)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
