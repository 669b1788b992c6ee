import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconMapPin, IconMapPinOff, IconMapPinQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AllowedPlace } from '../../../api/attendance.ts';
import type { Fix, GeoStatus } from '../../../lib/geolocation.ts';
import { formatDistance, nearestPlace } from '../../../lib/geolocation.ts';

interface LocationStatusProps {
  fix: Fix | null;
  status: GeoStatus;
  places: AllowedPlace[];
  maxAccuracyM: number | null;
}

/** Accuracy and distance to the nearest allowed place, computed on the phone from today's places. */
export function LocationStatus({ fix, status, places, maxAccuracyM }: LocationStatusProps) {
  const { t } = useTranslation();
  const nearest = fix ? nearestPlace(fix, places) : null;
  const poor = fix && maxAccuracyM !== null && fix.accuracyM > maxAccuracyM;
  const inside = !!nearest && nearest.distanceM === 0;
  const uncertain = !!nearest && !inside && !!fix && nearest.distanceM <= fix.accuracyM;
  const color = !fix ? 'gray' : poor ? 'orange' : inside ? 'teal' : uncertain ? 'yellow' : 'red';
  const Icon = !fix ? IconMapPinQuestion : inside ? IconMapPin : IconMapPinOff;

  let main: string;
  if (!fix) main = t(`presensi.location.${status}`);
  else if (!nearest) main = t('presensi.location.noPlaces');
  else if (inside) main = t('presensi.location.inside', { place: nearest.place.label });
  else
    main = t('presensi.location.distance', {
      distance: formatDistance(nearest.distanceM),
      place: nearest.place.label,
    });

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="location-status"
      data-inside={inside ? 'true' : 'false'}
      data-status={status}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color={color} variant="light" size="lg" radius="xl">
          <Icon size={20} />
        </ThemeIcon>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} data-testid="location-text">
            {main}
          </Text>
          {fix && (
            <Text size="xs" c={poor ? 'orange.8' : 'dimmed'}>
              {t('presensi.location.accuracy', { accuracy: Math.round(fix.accuracyM) })}
              {poor && ` · ${t('presensi.location.poor', { max: maxAccuracyM })}`}
              {uncertain && ` · ${t('presensi.location.uncertain')}`}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
