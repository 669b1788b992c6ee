import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddPlacement } from '../../../api/employees.ts';
import type { EmployeeDetail } from '../../../api/types.ts';
import { DateField } from '../../../components/DateField.tsx';
import { EmployeeSelect } from '../../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { PositionSelect } from './PositionSelect.tsx';

const FIELDS = ['unitId', 'positionId', 'superiorId', 'validFrom', 'decree'] as const;
type Field = (typeof FIELDS)[number];

/** Mutasi: moves the employee to a unit/position/superior from a date (a new placement record). */
export function PlacementFormModal({
  employee,
  opened,
  onClose,
}: {
  employee: EmployeeDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('employee.transferTitle')} size="lg">
      {opened && <PlacementForm employee={employee} onClose={onClose} />}
    </Modal>
  );
}

function PlacementForm({ employee, onClose }: { employee: EmployeeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddPlacement(employee.id);
  const fieldErrors = useFieldErrors<Field>();
  const [unitId, setUnitId] = useState<string | null>(employee.unitId);
  const [positionId, setPositionId] = useState<string | null>(employee.positionId);
  const [superiorId, setSuperiorId] = useState<string | null>(employee.superiorId);
  const [validFrom, setValidFrom] = useState('');
  const [validDate, setValidDate] = useState(true);
  const [decree, setDecree] = useState('');

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!unitId) errors.unitId = t('common.required');
    if (!validFrom || !validDate)
      errors.validFrom = validFrom ? t('common.invalidDate') : t('common.required');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0 || !unitId) return;
    add.mutate(
      { unitId, positionId, superiorId, validFrom, decree: decree.trim() || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('employee.transferred') });
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
        <UnitSelect
          label={t('employee.unit')}
          required
          value={unitId}
          onChange={(value) => {
            setUnitId(value);
            setPositionId(null);
          }}
          error={fieldErrors.errors.unitId}
        />
        <PositionSelect
          unitId={unitId}
          value={positionId}
          onChange={setPositionId}
          error={fieldErrors.errors.positionId}
        />
        <EmployeeSelect
          label={t('employee.superior')}
          placeholder={t('employee.superiorSearch')}
          value={superiorId}
          initialLabel={employee.superiorName}
          onChange={setSuperiorId}
          error={fieldErrors.errors.superiorId}
          excludeId={employee.id}
        />
        <Group grow align="flex-start" wrap="wrap">
          <DateField
            label={t('employee.validFrom')}
            required
            value={validFrom}
            onChange={setValidFrom}
            onValidityChange={setValidDate}
            error={fieldErrors.errors.validFrom}
          />
          <TextInput
            label={t('employee.decree')}
            value={decree}
            onChange={(e) => setDecree(e.currentTarget.value)}
            error={fieldErrors.errors.decree}
            miw={180}
          />
        </Group>
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
