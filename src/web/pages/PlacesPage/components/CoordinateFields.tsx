import { Group, NumberInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface CoordinateFieldsProps {
  lat: number | string;
  lon: number | string;
  radiusM: number | string;
  onLat: (value: number | string) => void;
  onLon: (value: number | string) => void;
  onRadius: (value: number | string) => void;
  errors: { lat?: string; lon?: string; radiusM?: string };
  maxRadius?: number;
}

/** Latitude, longitude and radius inputs (also filled by clicking the map). */
export function CoordinateFields({
  lat,
  lon,
  radiusM,
  onLat,
  onLon,
  onRadius,
  errors,
  maxRadius = 5000,
}: CoordinateFieldsProps) {
  const { t } = useTranslation();
  return (
    <Group grow wrap="wrap" align="flex-start" gap="xs">
      <NumberInput
        label={t('org.lat')}
        required
        decimalScale={6}
        step={0.0001}
        value={lat}
        onChange={onLat}
        error={errors.lat}
        placeholder="-6.1200"
        miw={120}
      />
      <NumberInput
        label={t('org.lon')}
        required
        decimalScale={6}
        step={0.0001}
        value={lon}
        onChange={onLon}
        error={errors.lon}
        placeholder="106.1500"
        miw={120}
      />
      <NumberInput
        label={t('org.radius')}
        required
        min={10}
        max={maxRadius}
        allowDecimal={false}
        value={radiusM}
        onChange={onRadius}
        error={errors.radiusM}
        miw={100}
      />
    </Group>
  );
}

export const asNumber = (value: number | string): number => (typeof value === 'number' ? value : Number.NaN);
