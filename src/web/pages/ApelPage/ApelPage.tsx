import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconQrcode } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { APEL_KINDS } from '../../../shared/api/attendance.ts';
import { useApelSchedules, useApelSessions, useCreateApelSchedule } from '../../api/attendance.ts';
import type { ApelKind } from '../../api/attendance.ts';
import { useUnitTree } from '../../api/units.ts';
import type { UnitTreeNode } from '../../api/types.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { defaultTimeZone, formatDate, formatTime, localDateIn } from '../../lib/format.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const FIELDS = ['kind', 'weekdays', 'startTime', 'windowMinutes', 'validFrom', 'validTo'] as const;
type Field = (typeof FIELDS)[number];

function findZone(nodes: UnitTreeNode[], id: string | null): string | null {
  for (const node of nodes) {
    if (node.id === id) return node.timeZone;
    const found = findZone(node.children, id);
    if (found) return found;
  }
  return null;
}

function ScheduleForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApelSchedule();
  const fieldErrors = useFieldErrors<Field>();
  const [kind, setKind] = useState<ApelKind>('APEL_PAGI');
  const [weekdays, setWeekdays] = useState<string[]>(['1']);
  const [startTime, setStartTime] = useState('07:30');
  const [windowMinutes, setWindowMinutes] = useState<number | string>(30);
  const [validFrom, setValidFrom] = useState(() => localDateIn(Date.now()));
  const [validTo, setValidTo] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (weekdays.length === 0) errors.weekdays = t('apel.weekdaysRequired');
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) errors.startTime = t('apel.timeFormat');
    const minutes = typeof windowMinutes === 'number' ? windowMinutes : Number.NaN;
    if (!(Number.isInteger(minutes) && minutes >= 5 && minutes <= 240))
      errors.windowMinutes = t('apel.windowRange');
    if (!validFrom) errors.validFrom = t('common.required');
    if (validTo && validTo < validFrom) errors.validTo = t('places.endBeforeStart');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    create.mutate(
      {
        unitId,
        kind,
        weekdays: weekdays.map(Number).sort(),
        startTime,
        windowMinutes: minutes,
        validFrom,
        validTo: validTo || null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('apel.saved') });
          onDone();
        },
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {create.error && (
          <ErrorState error={create.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
        )}
        <Select
          label={t('apel.kind')}
          data={APEL_KINDS.map((k) => ({ value: k, label: t(`apel.kinds.${k}`) }))}
          value={kind}
          onChange={(v) => v && setKind(v as ApelKind)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <Checkbox.Group
          label={t('apel.weekdays')}
          value={weekdays}
          onChange={setWeekdays}
          error={fieldErrors.errors.weekdays}
          required
        >
          <Group gap="sm" mt={6}>
            {WEEKDAYS.map((d) => (
              <Checkbox key={d} value={String(d)} label={t(`apel.days.${d}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput
            label={t('apel.startTime')}
            placeholder="07:30"
            required
            value={startTime}
            onChange={(e) => setStartTime(e.currentTarget.value)}
            error={fieldErrors.errors.startTime}
            inputMode="numeric"
          />
          <NumberInput
            label={t('apel.windowMinutes')}
            min={5}
            max={240}
            allowDecimal={false}
            value={windowMinutes}
            onChange={setWindowMinutes}
            error={fieldErrors.errors.windowMinutes}
          />
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
        </SimpleGrid>
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

/** /presensi/apel: apel and ceremony schedules per unit, the day's sessions with attendance, and kiosks. */
export function ApelPage() {
  const { t } = useTranslation();
  const tree = useUnitTree();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const timeZone = useMemo(() => findZone(tree.data ?? [], unitId) ?? defaultTimeZone(), [tree.data, unitId]);
  const [date, setDate] = useState(() => localDateIn(Date.now()));
  const schedules = useApelSchedules(unitId);
  const sessions = useApelSessions(unitId, date);

  return (
    <>
      <PageHeader
        title={t('apel.title')}
        subtitle={t('apel.subtitle')}
        actions={
          <Button
            component={Link}
            to={unitId ? `/presensi/kios?unitId=${unitId}` : '/presensi/kios'}
            leftSection={<IconQrcode size={16} />}
            variant="light"
            data-testid="open-kiosk-link"
          >
            {t('kiosk.open')}
          </Button>
        }
      />
      <Stack gap="md">
        <UnitSelect
          label={t('apel.unit')}
          value={unitId}
          onChange={(id) => {
            setUnitId(id);
            setAdding(false);
          }}
          placeholder={t('places.pickUnit')}
          w="100%"
        />
        {!unitId ? (
          <EmptyState title={t('places.pickUnit')} description={t('apel.pickUnitHint')} />
        ) : (
          <>
            <Card withBorder radius="md">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={4}>{t('apel.schedules')}</Title>
                  {!adding && (
                    <Button
                      size="xs"
                      leftSection={<IconPlus size={14} />}
                      onClick={() => setAdding(true)}
                      data-testid="add-apel"
                    >
                      {t('apel.add')}
                    </Button>
                  )}
                </Group>
                {adding && <ScheduleForm unitId={unitId} onDone={() => setAdding(false)} />}
                {schedules.isPending ? (
                  <LoadingState minHeight={100} />
                ) : schedules.isError ? (
                  <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} compact />
                ) : schedules.data.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('apel.noSchedules')}
                  </Text>
                ) : (
                  schedules.data.map((s) => (
                    <Group key={s.id} justify="space-between" wrap="wrap" data-testid="apel-schedule">
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          {t(`apel.kinds.${s.kind}`)} · {s.startTime} (
                          {t('apel.minutes', { count: s.windowMinutes ?? 0 })})
                        </Text>
                        <Text size="xs" c="dimmed">
                          {WEEKDAYS.filter((d) => s.weekdays.includes(d))
                            .map((d) => t(`apel.days.${d}`))
                            .join(', ')}{' '}
                          · {formatDate(s.validFrom)} – {s.validTo ? formatDate(s.validTo) : t('places.open')}
                        </Text>
                      </Stack>
                    </Group>
                  ))
                )}
              </Stack>
            </Card>
            <Card withBorder radius="md">
              <Stack gap="sm">
                <Group justify="space-between" align="flex-end" wrap="wrap">
                  <Title order={4}>{t('apel.sessions')}</Title>
                  <DateField label={t('apel.date')} value={date} onChange={setDate} size="xs" w={140} />
                </Group>
                {sessions.isPending ? (
                  <LoadingState minHeight={100} />
                ) : sessions.isError ? (
                  <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} compact />
                ) : sessions.data.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('apel.noSessions')}
                  </Text>
                ) : (
                  sessions.data.map((s) => (
                    <Group key={s.id} justify="space-between" wrap="wrap" data-testid="apel-session">
                      <Stack gap={0}>
                        <Text size="sm" fw={600}>
                          {s.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {formatTime(s.opensAt, timeZone)} – {formatTime(s.closesAt, timeZone)}
                        </Text>
                      </Stack>
                      <Group gap="xs">
                        <Badge variant="light" color={s.attended >= s.expected ? 'teal' : 'blue'}>
                          {t('apel.attendance', { attended: s.attended, expected: s.expected })}
                        </Badge>
                        <Button
                          size="compact-sm"
                          variant="light"
                          component={Link}
                          to={`/presensi/kios?unitId=${s.unitId}&apelSessionId=${s.id}`}
                          leftSection={<IconQrcode size={14} />}
                        >
                          {t('apel.openKiosk')}
                        </Button>
                      </Group>
                    </Group>
                  ))
                )}
              </Stack>
            </Card>
          </>
        )}
      </Stack>
    </>
  );
}
