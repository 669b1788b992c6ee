import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  MultiSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  LEVELS,
  useCreateDesignation,
  useDesignations,
  useEndDesignation,
  type Designation,
  type DisciplineLevel,
} from '../../api/discipline.ts';
import { LevelBadge, PersonLine } from '../../components/discipline/parts.tsx';
import { todayLocal } from '../../components/discipline/parts.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { TextAreaField } from '../../components/TextAreaField.tsx';

type Field = 'employeeId' | 'unitId' | 'levels' | 'decreeNumber' | 'validFrom' | 'validTo';
const FIELDS: Field[] = ['employeeId', 'unitId', 'levels', 'decreeNumber', 'validFrom', 'validTo'];

/** A new PPK designation: the JF, the unit where no Administrator / Pengawas holds the post, levels, decree. */
function NewDesignation({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateDesignation();
  const fields = useFieldErrors<Field>();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [levels, setLevels] = useState<string[]>(['ringan']);
  const [decree, setDecree] = useState('');
  const [validFrom, setValidFrom] = useState(todayLocal());
  const [validTo, setValidTo] = useState('');
  return (
    <form
      data-testid="designation-form"
      onSubmit={(e) => {
        e.preventDefault();
        const missing: Partial<Record<Field, string>> = {};
        if (!employeeId) missing.employeeId = t('disiplin.form.required');
        if (!unitId) missing.unitId = t('disiplin.form.required');
        if (levels.length === 0) missing.levels = t('disiplin.form.required');
        if (!decree.trim()) missing.decreeNumber = t('disiplin.form.required');
        if (Object.keys(missing).length) return fields.setErrors(missing);
        create.mutate(
          {
            employeeId: employeeId!,
            unitId: unitId!,
            levels: levels as DisciplineLevel[],
            decreeNumber: decree.trim(),
            validFrom,
            validTo: validTo || null,
          },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('disiplin.form.saved') });
              onDone();
            },
            onError: (err) => fields.fromError(err, FIELDS),
          },
        );
      }}
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('disiplin.designations.hint')}
        </Text>
        <EmployeeSelect
          label={t('disiplin.designations.jf')}
          value={employeeId}
          onChange={setEmployeeId}
          error={fields.errors.employeeId}
        />
        <UnitSelect
          label={t('disiplin.designations.unit')}
          value={unitId}
          onChange={setUnitId}
          error={fields.errors.unitId}
          required
        />
        <MultiSelect
          label={t('disiplin.designations.levels')}
          data={LEVELS.map((l) => ({ value: l, label: t(`disiplin.levels.${l}`) }))}
          value={levels}
          onChange={setLevels}
          error={fields.errors.levels}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('disiplin.designations.decree')}
          value={decree}
          onChange={(e) => setDecree(e.currentTarget.value)}
          error={fields.errors.decreeNumber}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DateField
            label={t('disiplin.designations.validFrom')}
            value={validFrom}
            onChange={setValidFrom}
            error={fields.errors.validFrom}
            required
          />
          <DateField
            label={t('disiplin.designations.validTo')}
            value={validTo}
            onChange={setValidTo}
            error={fields.errors.validTo}
          />
        </SimpleGrid>
        {create.isError && <ErrorState error={create.error} compact hideIssues />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('disiplin.designations.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Ending a designation: the last day and the reason. */
function EndDesignation({ d, onDone }: { d: Designation; onDone: () => void }) {
  const { t } = useTranslation();
  const end = useEndDesignation();
  const fields = useFieldErrors<'validTo' | 'reason'>();
  const [validTo, setValidTo] = useState(todayLocal());
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason.trim()) return fields.setErrors({ reason: t('disiplin.form.required') });
        end.mutate(
          { id: d.id, validTo, reason: reason.trim() },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('disiplin.form.saved') });
              onDone();
            },
            onError: (err) => fields.fromError(err, ['validTo', 'reason']),
          },
        );
      }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {d.employee.name} · {d.unit.name}
        </Text>
        <DateField
          label={t('disiplin.designations.endOn')}
          value={validTo}
          onChange={setValidTo}
          error={fields.errors.validTo}
          required
        />
        <TextAreaField
          label={t('disiplin.designations.endReason')}
          value={reason}
          onChange={setReason}
          error={fields.errors.reason}
          required
        />
        {end.isError && <ErrorState error={end.error} compact hideIssues />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={end.isPending}>
            {t('disiplin.designations.end')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Penunjukan PyB (/disiplin/penunjukan, BKD): the PPK's designations of a JF Ahli Madya / Ahli Muda as the official
 * who may impose light sanctions in a unit without an Administrator / Pengawas (regulations.md §1.5): the list by
 * unit (in force only, or all), a new designation, ending one.
 */
export function DisiplinPenunjukanPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [activeOnly, setActiveOnly] = useState(true);
  const [creating, setCreating] = useState(false);
  const [ending, setEnding] = useState<Designation | null>(null);
  const query = useDesignations({ unitId: unitId ?? undefined, active: activeOnly ? true : undefined });
  const columns: Column<Designation>[] = [
    {
      key: 'employee',
      header: t('disiplin.designations.jf'),
      card: 'title',
      render: (d) => (
        <PersonLine
          name={d.employee.name}
          nip={d.employee.nip ? formatNip(d.employee.nip) : null}
          extra={d.employee.positionName}
        />
      ),
    },
    { key: 'unit', header: t('disiplin.designations.unit'), card: 'wide', render: (d) => d.unit.name },
    {
      key: 'levels',
      header: t('disiplin.designations.levels'),
      render: (d) => (
        <Group gap={4}>
          {d.levels.map((l) => (
            <LevelBadge key={l} level={l} size="xs" />
          ))}
        </Group>
      ),
    },
    { key: 'decree', header: t('disiplin.designations.decree'), render: (d) => d.decreeNumber },
    {
      key: 'valid',
      header: t('disiplin.designations.valid'),
      render: (d) => (
        <Group gap={4} wrap="wrap">
          <Text size="sm">
            {formatDate(d.validFrom)} – {d.validTo ? formatDate(d.validTo) : '…'}
          </Text>
          <Badge size="xs" variant="light" color={d.active ? 'teal' : 'gray'}>
            {d.active ? t('disiplin.designations.active') : t('disiplin.designations.inactive')}
          </Badge>
        </Group>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      render: (d) =>
        d.active ? (
          <Button size="xs" variant="subtle" color="red" onClick={() => setEnding(d)}>
            {t('disiplin.designations.end')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('disiplin.designations.title')}
        subtitle={t('disiplin.designations.subtitle')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            {t('disiplin.designations.new')}
          </Button>
        }
      />
      <Group mb="sm" wrap="wrap" gap="sm">
        <UnitSelect value={unitId} onChange={setUnitId} placeholder={t('disiplin.filters.unit')} w={300} />
        <Checkbox
          label={t('disiplin.designations.activeOnly')}
          checked={activeOnly}
          onChange={(e) => setActiveOnly(e.currentTarget.checked)}
        />
      </Group>
      {query.isLoading && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <DataTable
          testId="designation-table"
          columns={columns}
          rows={query.data.items}
          rowKey={(d) => d.id}
          phone="cards"
          emptyTitle={t('disiplin.designations.empty')}
          emptyDescription={t('disiplin.designations.emptyHint')}
        />
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('disiplin.designations.new')}
        centered
        size="lg"
      >
        {creating && <NewDesignation onDone={() => setCreating(false)} />}
      </Modal>
      <Modal
        opened={!!ending}
        onClose={() => setEnding(null)}
        title={t('disiplin.designations.end')}
        centered
      >
        {ending && <EndDesignation d={ending} onDone={() => setEnding(null)} />}
      </Modal>
      <Card withBorder radius="md" padding="sm" mt="lg">
        <Title order={6}>{t('disiplin.designations.basisTitle')}</Title>
        <Text size="xs" c="dimmed">
          {t('disiplin.designations.basis')}
        </Text>
      </Card>
    </>
  );
}
