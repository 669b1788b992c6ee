import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddActing } from '../../../api/employees.ts';
import { DateField } from '../../../components/DateField.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { PositionSelect } from './PositionSelect.tsx';

const FIELDS = ['kind', 'positionId', 'validFrom', 'validTo', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/** Plt (pelaksana tugas) / Plh (pelaksana harian) assignment to a vacant or absent head's position. */
export function ActingFormModal({
  employeeId,
  opened,
  onClose,
}: {
  employeeId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('employee.actingTitle')} size="lg">
      {opened && <ActingForm employeeId={employeeId} onClose={onClose} />}
    </Modal>
  );
}

function ActingForm({ employeeId, onClose }: { employeeId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddActing(employeeId);
  const fieldErrors = useFieldErrors<Field>();
  const [kind, setKind] = useState<'PLT' | 'PLH'>('PLT');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [positionId, setPositionId] = useState<string | null>(null);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [dates, setDates] = useState({ from: true, to: true });
  const [reason, setReason] = useState('');

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!positionId) errors.positionId = t('common.required');
    if (!validFrom || !dates.from)
      errors.validFrom = validFrom ? t('common.invalidDate') : t('common.required');
    if (!dates.to) errors.validTo = t('common.invalidDate');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0 || !positionId) return;
    add.mutate(
      { kind, positionId, validFrom, validTo: validTo || null, reason: reason.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('employee.actingSaved') });
          onClose();
        },
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {add.error && (
          <ErrorState error={add.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
        )}
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('employee.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'PLT' | 'PLH')}
            data={['PLT', 'PLH'].map((v) => ({ value: v, label: v === 'PLT' ? 'Plt' : 'Plh' }))}
          />
        </div>
        <UnitSelect
          label={t('employee.unit')}
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setPositionId(null);
          }}
        />
        <PositionSelect
          unitId={unitId}
          value={positionId}
          onChange={setPositionId}
          error={fieldErrors.errors.positionId}
          required
        />
        <Group grow align="flex-start" wrap="wrap">
          <DateField
            label={t('employee.validFrom')}
            required
            value={validFrom}
            onChange={setValidFrom}
            onValidityChange={(ok) => setDates((d) => ({ ...d, from: ok }))}
            error={fieldErrors.errors.validFrom}
          />
          <DateField
            label={t('employee.validTo')}
            value={validTo}
            onChange={setValidTo}
            onValidityChange={(ok) => setDates((d) => ({ ...d, to: ok }))}
            error={fieldErrors.errors.validTo}
          />
        </Group>
        <Textarea
          label={t('employee.reason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldErrors.errors.reason}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
