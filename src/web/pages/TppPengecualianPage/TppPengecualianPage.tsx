import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { currentMonth } from '../../api/recap.ts';
import {
  useEndExclusion,
  useExclusionCodes,
  useExclusions,
  useRecordExclusion,
  type Exclusion,
} from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { FilterBar } from '../../components/discipline/FilterBar.tsx';
import { PersonLine, todayLocal } from '../../components/discipline/parts.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TPP_RUNNERS } from '../../components/tpp/roles.ts';
import { basisText, monthsBack } from '../../components/tpp/tpp-view.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

type Field = 'employeeId' | 'code' | 'validFrom' | 'validTo' | 'reason' | 'reference';

/** Record an exclusion: the employee, a code of the rulebook in force at the start, the period, reason, decision. */
function RecordModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordExclusion();
  const fields = useFieldErrors<Field>();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState(todayLocal());
  const [validTo, setValidTo] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const codes = useExclusionCodes(validFrom);
  const picked = codes.data?.codes.find((c) => c.code === code);
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('tpp.exclusions.recordTitle')}
      size="lg"
      data-testid="tpp-exclusion-form"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!employeeId) return fields.setErrors({ employeeId: t('common.required') });
          if (!code) return fields.setErrors({ code: t('common.required') });
          record.mutate(
            {
              employeeId,
              code,
              validFrom,
              validTo: validTo || null,
              reason: reason.trim(),
              reference: reference.trim(),
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('tpp.saved') });
                onClose();
              },
              onError: (err) =>
                fields.fromError(err, ['employeeId', 'code', 'validFrom', 'validTo', 'reason', 'reference']),
            },
          );
        }}
      >
        <Stack gap="sm">
          <EmployeeSelect
            label={t('tpp.exclusions.employee')}
            value={employeeId}
            onChange={setEmployeeId}
            error={fields.errors.employeeId}
          />
          <Group grow align="flex-start" wrap="wrap">
            <DateField
              label={t('tpp.exclusions.validFrom')}
              value={validFrom}
              onChange={setValidFrom}
              error={fields.errors.validFrom}
              required
            />
            <DateField
              label={t('tpp.exclusions.validTo')}
              value={validTo}
              onChange={setValidTo}
              error={fields.errors.validTo}
            />
          </Group>
          <Select
            label={t('tpp.exclusions.code')}
            data={(codes.data?.codes ?? []).map((c) => ({
              value: c.code,
              label: `${c.code} — ${c.description}`,
            }))}
            value={code}
            onChange={setCode}
            searchable
            required
            error={fields.errors.code ?? (codes.isError ? t('states.errorTitle') : undefined)}
            placeholder={codes.isLoading ? t('common.loading') : undefined}
            data-testid="tpp-exclusion-code"
          />
          {picked && (
            <Text size="xs" c="dimmed">
              {picked.legalBasis}
            </Text>
          )}
          <TextAreaField
            label={t('tpp.exclusions.reason')}
            value={reason}
            onChange={setReason}
            error={fields.errors.reason}
            required
          />
          <TextInput
            label={t('tpp.exclusions.reference')}
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={fields.errors.reference}
            required
          />
          {record.isError && <ErrorState error={record.error} compact hideIssues />}
          <Group justify="flex-end">
            <Button type="submit" loading={record.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** End an exclusion on a date. */
function EndModal({ exclusion, onClose }: { exclusion: Exclusion; onClose: () => void }) {
  const { t } = useTranslation();
  const end = useEndExclusion();
  const [validTo, setValidTo] = useState(todayLocal());
  return (
    <Modal opened onClose={onClose} title={t('tpp.exclusions.endTitle', { name: exclusion.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate(
            { id: exclusion.id, validTo },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('tpp.exclusions.ended') });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <DateField label={t('tpp.exclusions.endOn')} value={validTo} onChange={setValidTo} required />
          {end.isError && <ErrorState error={end.error} compact />}
          <Group justify="flex-end">
            <Button type="submit" color="red" loading={end.isPending}>
              {t('tpp.exclusions.end')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Pengecualian TPP (/tpp/pengecualian): who is excluded from TPP in a period and why (CLTN, cuti besar, nonaktif,
 * TPG, … from the rulebook's codes), filtered by month, unit, code and name; record one (tpp.run) or end one.
 */
export function TppPengecualianPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const me = useMe();
  const runner = hasAnyRole(me.data, TPP_RUNNERS);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [ending, setEnding] = useState<Exclusion | null>(null);
  const codes = useExclusionCodes('');
  const list = useExclusions({
    q: debounced || undefined,
    unitId: unitId ?? undefined,
    month: month ?? undefined,
    code: code ?? undefined,
    page,
    pageSize: 25,
  });
  const today = todayLocal();
  const columns: Column<Exclusion>[] = [
    {
      key: 'employee',
      header: t('tpp.exclusions.cols.employee'),
      card: 'title',
      render: (r) => <PersonLine name={r.name} nip={r.nip ? formatNip(r.nip) : null} extra={r.unitName} />,
    },
    {
      key: 'code',
      header: t('tpp.exclusions.cols.code'),
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.code}
          </Text>
          {r.codeDescription && (
            <Text size="xs" c="dimmed">
              {r.codeDescription}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'period',
      header: t('tpp.exclusions.cols.period'),
      render: (r) =>
        `${formatDate(r.validFrom)} – ${r.validTo ? formatDate(r.validTo) : t('tpp.exclusions.open')}`,
    },
    {
      key: 'reason',
      header: t('tpp.exclusions.cols.reason'),
      card: 'wide',
      visibleFrom: 'md',
      render: (r) => r.reason,
    },
    {
      key: 'reference',
      header: t('tpp.exclusions.cols.reference'),
      visibleFrom: 'lg',
      render: (r) => r.reference ?? '—',
    },
    {
      key: 'end',
      header: '',
      cardLabel: t('tpp.exclusions.end'),
      align: 'right',
      render: (r) =>
        r.canEdit && (r.validTo === null || r.validTo >= today) ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setEnding(r)}>
            {t('tpp.exclusions.end')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('tpp.exclusions.title')}
        subtitle={t('tpp.exclusions.subtitle')}
        actions={
          runner && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setRecording(true)}
              data-testid="tpp-exclusion-add"
            >
              {t('tpp.exclusions.record')}
            </Button>
          )
        }
      />
      <Stack gap="sm">
        <FilterBar
          active={[unitId, month, code].filter((v) => v !== null).length}
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
            w={{ base: '100%', sm: 180 }}
          />
          <UnitSelect
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            placeholder={t('tpp.unit')}
            w={260}
          />
          <Select
            aria-label={t('tpp.exclusions.code')}
            placeholder={t('tpp.exclusions.code')}
            data={(codes.data?.codes ?? []).map((c) => ({
              value: c.code,
              label: `${c.code} — ${c.description}`,
            }))}
            value={code}
            onChange={(v) => {
              setCode(v);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 240 }}
          />
        </FilterBar>
        {list.isLoading && <LoadingState />}
        {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && (
          <DataTable
            testId="tpp-exclusions"
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-exclusion-id': r.id, 'data-code': r.code })}
            fetching={list.isFetching}
            phone="cards"
            emptyTitle={t('tpp.exclusions.empty')}
            pagination={{
              page: list.data.page,
              pageSize: list.data.pageSize,
              total: list.data.total,
              onPageChange: setPage,
            }}
          />
        )}
        {codes.data && codes.data.codes.length > 0 && (
          <Text size="xs" c="dimmed">
            {codes.data.codes.map((c) => `${c.code}: ${basisText({ regulation: c.legalBasis })}`).join(' · ')}
          </Text>
        )}
      </Stack>
      {recording && <RecordModal onClose={() => setRecording(false)} />}
      {ending && <EndModal exclusion={ending} onClose={() => setEnding(null)} />}
    </>
  );
}
