import { ActionIcon, Button, Card, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconPolygon, IconTrash } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { LatLonPoint } from '../../../api/types.ts';
import { useCreateOffice, useDeleteOffice, useUnit } from '../../../api/units.ts';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { ZoneBadge } from '../../../components/ZoneBadge.tsx';
import { asNumber, CoordinateFields } from './CoordinateFields.tsx';
import { FenceMap } from './FenceMap.tsx';
import type { MapFence } from './FenceMap.tsx';

const FIELDS = ['name', 'lat', 'lon', 'radiusM', 'polygon'] as const;
type Field = (typeof FIELDS)[number];

function OfficeForm({
  unitId,
  existing,
  onDone,
}: {
  unitId: string;
  existing: MapFence[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateOffice(unitId);
  const fieldErrors = useFieldErrors<Field>();
  const [name, setName] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');
  const [radiusM, setRadiusM] = useState<number | string>(100);
  const [drawing, setDrawing] = useState(false);
  const [polygon, setPolygon] = useState<LatLonPoint[]>([]);

  const onMapClick = (point: LatLonPoint) => {
    if (drawing) setPolygon((points) => [...points, point]);
    else {
      setLat(point.lat);
      setLon(point.lon);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    const latN = asNumber(lat);
    const lonN = asNumber(lon);
    const radiusN = asNumber(radiusM);
    if (!name.trim()) errors.name = t('common.required');
    if (!(latN >= -11.5 && latN <= 6.5)) errors.lat = t('org.latRange');
    if (!(lonN >= 94 && lonN <= 141.5)) errors.lon = t('org.lonRange');
    if (!(Number.isInteger(radiusN) && radiusN >= 10 && radiusN <= 5000))
      errors.radiusM = t('org.radiusRange');
    if (polygon.length > 0 && polygon.length < 3) errors.polygon = t('places.polygonTooSmall');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate(
      {
        name: name.trim(),
        lat: latN,
        lon: lonN,
        radiusM: radiusN,
        ...(polygon.length >= 3 ? { polygon } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('org.officeCreated') });
          onDone();
        },
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  const center =
    Number.isFinite(asNumber(lat)) && Number.isFinite(asNumber(lon))
      ? { lat: asNumber(lat), lon: asNumber(lon) }
      : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FenceMap
          fences={existing}
          draft={{ center, radiusM: Number.isFinite(asNumber(radiusM)) ? asNumber(radiusM) : 100, polygon }}
          onMapClick={onMapClick}
          height={300}
        />
        <Text size="xs" c="dimmed">
          {drawing ? t('places.drawHint') : t('places.clickHint')}
        </Text>
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
        <CoordinateFields
          lat={lat}
          lon={lon}
          radiusM={radiusM}
          onLat={setLat}
          onLon={setLon}
          onRadius={setRadiusM}
          errors={fieldErrors.errors}
        />
        <Group gap="xs" wrap="wrap">
          <Button
            variant={drawing ? 'filled' : 'light'}
            color="orange"
            size="xs"
            leftSection={<IconPolygon size={14} />}
            onClick={() => {
              // Finishing a polygon with no centre yet: centre the office on the polygon's corners.
              if (drawing && polygon.length >= 3 && !Number.isFinite(asNumber(lat))) {
                setLat(Number((polygon.reduce((sum, p) => sum + p.lat, 0) / polygon.length).toFixed(6)));
                setLon(Number((polygon.reduce((sum, p) => sum + p.lon, 0) / polygon.length).toFixed(6)));
              }
              setDrawing((d) => !d);
            }}
            data-testid="draw-polygon"
          >
            {drawing ? t('places.finishPolygon') : t('places.drawPolygon')}
          </Button>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconArrowBackUp size={14} />}
            disabled={polygon.length === 0}
            onClick={() => setPolygon((points) => points.slice(0, -1))}
          >
            {t('places.undoPoint')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            disabled={polygon.length === 0}
            onClick={() => setPolygon([])}
          >
            {t('places.clearPolygon')}
          </Button>
          <Text size="xs" c={fieldErrors.errors.polygon ? 'red' : 'dimmed'} data-testid="polygon-count">
            {fieldErrors.errors.polygon ?? t('places.polygonPoints', { count: polygon.length })}
          </Text>
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
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

/** Offices of a unit and their geofences (circle or polygon) on the map; add and delete offices. */
export function OfficesTab() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useState<string | null>(params.get('unitId'));
  const [adding, setAdding] = useState(false);
  const unit = useUnit(unitId);
  const remove = useDeleteOffice(unitId ?? '');
  const fences: MapFence[] = (unit.data?.offices ?? []).map((o) => ({
    id: o.id,
    label: o.name,
    center: { lat: o.lat, lon: o.lon },
    radiusM: o.radiusM,
    polygon: o.polygon,
  }));

  return (
    <Stack gap="md">
      <UnitSelect
        label={t('places.unit')}
        value={unitId}
        onChange={(id) => {
          setUnitId(id);
          setAdding(false);
        }}
        placeholder={t('places.pickUnit')}
        w="100%"
        data-testid="places-unit"
      />
      {!unitId ? (
        <EmptyState title={t('places.pickUnit')} description={t('places.pickUnitHint')} />
      ) : unit.isPending ? (
        <LoadingState />
      ) : unit.isError ? (
        <ErrorState error={unit.error} onRetry={() => void unit.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <Title order={4}>{unit.data.name}</Title>
              <ZoneBadge timeZone={unit.data.timeZone} />
            </Group>
            {!adding && (
              <Button size="xs" onClick={() => setAdding(true)} data-testid="add-office">
                {t('org.addOffice')}
              </Button>
            )}
          </Group>
          {adding ? (
            <Card withBorder radius="md">
              <OfficeForm unitId={unitId} existing={fences} onDone={() => setAdding(false)} />
            </Card>
          ) : (
            <FenceMap fences={fences} />
          )}
          {unit.data.offices.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('org.noOffices')}
            </Text>
          ) : (
            <Stack gap={6} data-testid="office-list">
              {unit.data.offices.map((office) => (
                <Card key={office.id} withBorder radius="md" padding="xs" data-testid="office-item">
                  <Group justify="space-between" wrap="nowrap">
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {office.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {office.lat.toFixed(5)}, {office.lon.toFixed(5)} ·{' '}
                        {office.polygon && office.polygon.length >= 3
                          ? t('places.polygonFence', { count: office.polygon.length })
                          : t('places.circleFence', { radius: office.radiusM })}
                      </Text>
                    </Stack>
                    <Tooltip label={t('org.deleteOffice')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('org.deleteOffice')}
                        loading={remove.isPending && remove.variables === office.id}
                        onClick={() => {
                          if (window.confirm(t('org.confirmDeleteOffice', { name: office.name })))
                            remove.mutate(office.id, {
                              onSuccess: () =>
                                notifications.show({ color: 'teal', message: t('org.officeDeleted') }),
                            });
                        }}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
          {remove.error && <ErrorState error={remove.error} compact />}
        </Stack>
      )}
    </Stack>
  );
}
