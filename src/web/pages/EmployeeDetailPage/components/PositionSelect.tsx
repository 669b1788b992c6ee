import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePositions } from '../../../api/units.ts';

interface PositionSelectProps {
  unitId: string | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  required?: boolean;
  label?: string;
}

/** Positions of one unit (GET /api/positions?unitId=). */
export function PositionSelect({ unitId, value, onChange, error, required, label }: PositionSelectProps) {
  const { t } = useTranslation();
  const positions = usePositions(unitId);
  const data = (positions.data ?? []).map((p) => ({
    value: p.id,
    label: `${p.name}${p.isHead ? ` (${t('org.head')})` : ''} · ${t('org.kelas')} ${p.kelasJabatan}`,
  }));
  return (
    <Select
      label={label ?? t('employee.position')}
      placeholder={unitId ? (positions.isLoading ? t('common.loading') : '—') : t('employee.selectUnitFirst')}
      data={data}
      value={value}
      onChange={onChange}
      disabled={!unitId}
      searchable
      clearable={!required}
      required={required}
      error={error ?? (positions.isError ? t('states.errorTitle') : undefined)}
      nothingFoundMessage={t('org.noPositions')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
