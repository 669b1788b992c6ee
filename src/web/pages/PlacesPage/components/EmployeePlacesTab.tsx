import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCreateFieldAssignment,
  useCreateWorkLocation,
  useDeleteWorkLocation,
  useFieldAssignments,
  useWorkLocations,
} from '../../../api/attendance.ts';
import type { LatLonPoint } from '../../../api/types.ts';
import { DateField } from '../../../components/DateField.tsx';
import { EmployeeSelect } from '../../../components/EmployeeSelect.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { formatDate } from '../../../lib/format.ts';
import { asNumber, CoordinateFields } from './CoordinateFields.tsx';
import { FenceMap } from './FenceMap.tsx';

const validLatLon = (lat: number, lon: number) => lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;

const WL_FIELDS = ['kind', 'label', 'lat', 'lon', 'radiusM', 'validFrom', 'validTo'] as const;
type WlField = (typeof WL_FIELDS)[number];

function WorkLocationForm({ employeeId, onDone }: { employeeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateWorkLocation();
  const fieldErrors = useFieldErrors<WlField>();
  const [kind, setKind] = useState<'WFH' | 'WFA'>('WFH');
  const [label, setLabel] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');
  const [radiusM, setRadiusM] = useState<number | string>(100);
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<WlField, string>> = {};
    const [latN, lonN, radiusN] = [asNumber(lat), asNumber(lon), asNumber(radiusM)];
    if (!label.trim()) errors.label = t('common.required');
    if (!validLatLon(latN, lonN)) errors.lat = t('places.coordinatesRequired');
    if (!(Number.isInteger(radiusN) && radiusN >= 10 && radiusN <= 5000))
      errors.radiusM = t('org.radiusRange');
    if (!validFrom) errors.validFrom = t('common.required');
    if (validTo && validFrom && validTo < validFrom) errors.validTo = t('places.endBeforeStart');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate(
      {
        employeeId,
        kind,
        label: label.trim(),
        lat: latN,
        lon: lonN,
        radiusM: radiusN,
        validFrom,
        validTo: validTo || null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('places.saved') });
          onDone();
        },
        onError: (error) => fieldErrors.fromError(error, WL_FIELDS),
      },
    );
  };
  const center = validLatLon(asNumber(lat), asNumber(lon))
    ? { lat: asNumber(lat), lon: asNumber(lon) }
    : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'WFH' | 'WFA')}
          data={[
            { value: 'WFH', label: t('punch.placeKind.WFH') },
            { value: 'WFA', label: t('punch.placeKind.WFA') },
          ]}
        />
        <FenceMap
          fences={[]}
          draft={{ center, radiusM: asNumber(radiusM) || 100, polygon: [] }}
          onMapClick={(p: LatLonPoint) => {
            setLat(p.lat);
            setLon(p.lon);
          }}
          height={260}
        />
        <Text size="xs" c="dimmed">
          {t('places.clickHint')}
        </Text>
        {create.error && (
          <ErrorState error={create.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
        )}
        <TextInput
          label={t('places.label')}
          placeholder={t('places.labelPlaceholder')}
          required
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={fieldErrors.errors.label}
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
        <Group grow wrap="wrap" align="flex-start">
          <DateField
            label={t('places.validFrom')}
            required
            value={validFrom}
            onChange={setValidFrom}
            error={fieldErrors.errors.validFrom}
          />
          <DateField
            label={t('places.validTo')}
            value={validTo}
            onChange={setValidTo}
            error={fieldErrors.errors.validTo}
          />
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

const FA_FIELDS = ['dateFrom', 'dateTo', 'letterNumber', 'destination', 'lat', 'lon', 'radiusM'] as const;
type FaField = (typeof FA_FIELDS)[number];

function FieldAssignmentForm({ employeeId, onDone }: { employeeId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateFieldAssignment();
  const fieldErrors = useFieldErrors<FaField>();
  const [letterNumber, setLetterNumber] = useState('');
  const [destination, setDestination] = useState('');
  const [dateFrom, setDateFrom] = useState('');
  const [dateTo, setDateTo] = useState('');
  const [lat, setLat] = useState<number | string>('');
  const [lon, setLon] = useState<number | string>('');
  const [radiusM, setRadiusM] = useState<number | string>(300);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<FaField, string>> = {};
    const [latN, lonN, radiusN] = [asNumber(lat), asNumber(lon), asNumber(radiusM)];
    if (!letterNumber.trim()) errors.letterNumber = t('places.letterRequired');
    if (!destination.trim()) errors.destination = t('common.required');
    if (!dateFrom) errors.dateFrom = t('common.required');
    if (!dateTo) errors.dateTo = t('common.required');
    else if (dateFrom && dateTo < dateFrom) errors.dateTo = t('places.endBeforeStart');
    if (!validLatLon(latN, lonN)) errors.lat = t('places.coordinatesRequired');
    if (!(Number.isInteger(radiusN) && radiusN >= 10 && radiusN <= 10_000))
      errors.radiusM = t('places.radiusRangeWide');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate(
      {
        employeeId,
        letterNumber: letterNumber.trim(),
        destination: destination.trim(),
        dateFrom,
        dateTo,
        lat: latN,
        lon: lonN,
        radiusM: radiusN,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('places.saved') });
          onDone();
        },
        onError: (error) => fieldErrors.fromError(error, FA_FIELDS),
      },
    );
  };
  const center = validLatLon(asNumber(lat), asNumber(lon))
    ? { lat: asNumber(lat), lon: asNumber(lon) }
    : null;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FenceMap
          fences={[]}
          draft={{ center, radiusM: asNumber(radiusM) || 300, polygon: [] }}
          onMapClick={(p: LatLonPoint) => {
            setLat(p.lat);
            setLon(p.lon);
          }}
          height={260}
        />
        {create.error && (
          <ErrorState error={create.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
        )}
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            label={t('places.letterNumber')}
            placeholder="800/123/BKD/2026"
            required
            value={letterNumber}
            onChange={(e) => setLetterNumber(e.currentTarget.value)}
            error={fieldErrors.errors.letterNumber}
          />
          <TextInput
            label={t('places.destination')}
            required
            value={destination}
            onChange={(e) => setDestination(e.currentTarget.value)}
            error={fieldErrors.errors.destination}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <DateField
            label={t('places.dateFrom')}
            required
            value={dateFrom}
            onChange={setDateFrom}
            error={fieldErrors.errors.dateFrom}
          />
          <DateField
            label={t('places.dateTo')}
            required
            value={dateTo}
            onChange={setDateTo}
            error={fieldErrors.errors.dateTo}
          />
        </Group>
        <CoordinateFields
          lat={lat}
          lon={lon}
          radiusM={radiusM}
          onLat={setLat}
          onLon={setLon}
          onRadius={setRadiusM}
          errors={fieldErrors.errors}
          maxRadius={10_000}
        />
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

/** Per employee: WFH/WFA locations (with validity) and dinas luar assignments (with the letter number). */
export function EmployeePlacesTab({ kind }: { kind: 'work' | 'field' }) {
  const { t } = useTranslation();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const work = useWorkLocations(kind === 'work' ? employeeId : null);
  const field = useFieldAssignments(kind === 'field' ? employeeId : null);
  const remove = useDeleteWorkLocation(employeeId ?? '');
  const query = kind === 'work' ? work : field;

  const fences =
    kind === 'work'
      ? (work.data ?? []).map((w) => ({
          id: w.id,
          label: w.label,
          center: { lat: w.lat, lon: w.lon },
          radiusM: w.radiusM,
          color: '#4263eb',
        }))
      : (field.data ?? []).map((f) => ({
          id: f.id,
          label: f.destination,
          center: { lat: f.lat, lon: f.lon },
          radiusM: f.radiusM,
          color: '#ae3ec9',
        }));

  return (
    <Stack gap="md">
      <EmployeeSelect
        label={t('places.employee')}
        placeholder={t('places.employeeSearch')}
        value={employeeId}
        onChange={(id) => {
          setEmployeeId(id);
          setAdding(false);
        }}
      />
      {!employeeId ? (
        <EmptyState
          title={t('places.pickEmployee')}
          description={t(kind === 'work' ? 'places.workHint' : 'places.fieldHint')}
        />
      ) : query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group justify="flex-end">
            {!adding && (
              <Button size="xs" onClick={() => setAdding(true)}>
                {t(kind === 'work' ? 'places.addWork' : 'places.addField')}
              </Button>
            )}
          </Group>
          {adding ? (
            <Card withBorder radius="md">
              {kind === 'work' ? (
                <WorkLocationForm employeeId={employeeId} onDone={() => setAdding(false)} />
              ) : (
                <FieldAssignmentForm employeeId={employeeId} onDone={() => setAdding(false)} />
              )}
            </Card>
          ) : (
            fences.length > 0 && <FenceMap fences={fences} height={280} />
          )}
          {fences.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t(kind === 'work' ? 'places.noWork' : 'places.noField')}
            </Text>
          ) : kind === 'work' ? (
            (work.data ?? []).map((w) => (
              <Card key={w.id} withBorder radius="md" padding="xs" data-testid="work-location-item">
                <Group justify="space-between" wrap="nowrap">
                  <Stack gap={0}>
                    <Group gap={6}>
                      <Badge size="sm" variant="light">
                        {t(`punch.placeKind.${w.kind}`)}
                      </Badge>
                      <Text size="sm" fw={600}>
                        {w.label}
                      </Text>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {w.lat.toFixed(5)}, {w.lon.toFixed(5)} · {w.radiusM} m · {formatDate(w.validFrom)} –{' '}
                      {w.validTo ? formatDate(w.validTo) : t('places.open')}
                    </Text>
                  </Stack>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('common.delete')}
                    loading={remove.isPending && remove.variables === w.id}
                    onClick={() => {
                      if (window.confirm(t('places.confirmDelete', { name: w.label }))) remove.mutate(w.id);
                    }}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Card>
            ))
          ) : (
            (field.data ?? []).map((f) => (
              <Card key={f.id} withBorder radius="md" padding="xs" data-testid="field-assignment-item">
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {f.destination}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('places.letter', { number: f.letterNumber })} · {formatDate(f.dateFrom)} –{' '}
                    {formatDate(f.dateTo)} · {f.radiusM} m
                  </Text>
                </Stack>
              </Card>
            ))
          )}
          {remove.error && <ErrorState error={remove.error} compact />}
        </Stack>
      )}
    </Stack>
  );
}
