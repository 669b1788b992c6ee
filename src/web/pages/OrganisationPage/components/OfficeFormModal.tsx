import { Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOffice } from '../../../api/units.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';

const FIELDS = ['name', 'lat', 'lon', 'radiusM'] as const;
type Field = (typeof FIELDS)[number];

export function OfficeFormModal({
  unitId,
  opened,
  onClose,
}: {
  unitId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('org.addOffice')} size="md">
      {opened && <OfficeForm unitId={unitId} onClose={onClose} />}
    </Modal>
  );
}

function OfficeForm({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOffice(unitId);
  const fieldErrors = useFieldErrors<Field>();
  const [name, setName] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');
  const [radiusM, setRadiusM] = useState<number | string>(100);

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    const latN = typeof lat === 'number' ? lat : Number.NaN;
    const lonN = typeof lon === 'number' ? lon : Number.NaN;
    const radiusN = typeof radiusM === 'number' ? radiusM : Number.NaN;
    if (!name.trim()) errors.name = t('common.required');
    if (!(latN >= -11.5 && latN <= 6.5)) errors.lat = t('org.latRange');
    if (!(lonN >= 94 && lonN <= 141.5)) errors.lon = t('org.lonRange');
    if (!(Number.isInteger(radiusN) && radiusN >= 10 && radiusN <= 5000))
      errors.radiusM = t('org.radiusRange');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate(
      { name: name.trim(), lat: latN, lon: lonN, radiusM: radiusN },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('org.officeCreated') });
          onClose();
        },
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {create.error && (
          <ErrorState error={create.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
        )}
        <TextInput
          label={t('org.officeName')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.errors.name}
        />
        <Group grow wrap="wrap" align="flex-start">
          <NumberInput
            label={t('org.lat')}
            required
            decimalScale={6}
            step={0.0001}
            value={lat}
            onChange={setLat}
            error={fieldErrors.errors.lat}
            placeholder="-6.1200"
            miw={140}
          />
          <NumberInput
            label={t('org.lon')}
            required
            decimalScale={6}
            step={0.0001}
            value={lon}
            onChange={setLon}
            error={fieldErrors.errors.lon}
            placeholder="106.1500"
            miw={140}
          />
        </Group>
        <NumberInput
          label={t('org.radius')}
          required
          min={10}
          max={5000}
          allowDecimal={false}
          value={radiusM}
          onChange={setRadiusM}
          error={fieldErrors.errors.radiusM}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
