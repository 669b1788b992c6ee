import { ActionIcon, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGE_KIND_LABELS, STAGE_KINDS, type PeriodCreate } from '../../../shared/api/election-watch.ts';
import { useDeclarePeriod } from '../../api/election-watch.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';

type Stage = NonNullable<PeriodCreate['stages']>[number];
const FIELDS = [
  'name',
  'kind',
  'legalBasis',
  'startsOn',
  'endsOn',
  'ackDueTime',
  'unitIds',
  'stages',
] as const;

/** BKD declares a watch period: name, kind, legal basis, range, the due time of the acknowledgement, units, stages. */
export function DeclarePeriodModal({
  opened,
  onClose,
  onDeclared,
}: {
  opened: boolean;
  onClose: () => void;
  onDeclared: (id: string) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const declare = useDeclarePeriod();
  const errors = useFieldErrors<(typeof FIELDS)[number]>();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'PILKADA' | 'PEMILU'>('PILKADA');
  const [legalBasis, setLegalBasis] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [ackDueTime, setAckDueTime] = useState('10:00');
  const [units, setUnits] = useState<string[]>([]);
  const [unit, setUnit] = useState<string | null>(null);
  const [stages, setStages] = useState<Stage[]>([]);
  const setStage = (i: number, s: Partial<Stage>) =>
    setStages((xs) => xs.map((x, j) => (j === i ? { ...x, ...s } : x)));

  const submit = () =>
    declare.mutate(
      { name, kind, legalBasis, startsOn, endsOn, ackDueTime, unitIds: units, stages },
      {
        onSuccess: ({ id }) => {
          notifications.show({ color: 'teal', message: t('electionWatch.declare.saved') });
          onDeclared(id);
          onClose();
        },
        onError: (err) => errors.fromError(err, FIELDS),
      },
    );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('electionWatch.declare.title')}
      size="lg"
      fullScreen={phone}
    >
      <Stack gap="sm">
        <TextInput
          label={t('electionWatch.declare.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.errors.name}
          required
        />
        <Select
          label={t('electionWatch.declare.kind')}
          data={[
            { value: 'PILKADA', label: t('electionWatch.kinds.PILKADA') },
            { value: 'PEMILU', label: t('electionWatch.kinds.PEMILU') },
          ]}
          value={kind}
          onChange={(v) => v && setKind(v as 'PILKADA' | 'PEMILU')}
          allowDeselect={false}
        />
        <TextInput
          label={t('electionWatch.declare.legalBasis')}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.currentTarget.value)}
          error={errors.errors.legalBasis}
          required
        />
        <Group grow wrap="wrap">
          <DateField
            label={t('electionWatch.declare.startsOn')}
            value={startsOn}
            onChange={setStartsOn}
            error={errors.errors.startsOn}
            required
          />
          <DateField
            label={t('electionWatch.declare.endsOn')}
            value={endsOn}
            onChange={setEndsOn}
            error={errors.errors.endsOn}
            required
          />
        </Group>
        <TextInput
          label={t('electionWatch.declare.dueTime')}
          value={ackDueTime}
          onChange={(e) => setAckDueTime(e.currentTarget.value)}
          error={errors.errors.ackDueTime}
          w={200}
        />
        <Group align="flex-end" wrap="wrap">
          <UnitSelect label={t('electionWatch.declare.units')} value={unit} onChange={setUnit} w={300} />
          <Button
            variant="light"
            disabled={!unit}
            onClick={() => unit && (setUnits((u) => [...new Set([...u, unit])]), setUnit(null))}
          >
            {t('electionWatch.declare.addUnit')}
          </Button>
        </Group>
        {units.length > 0 && <Text size="sm">{units.length} unit</Text>}
        {errors.errors.unitIds && (
          <Text c="red" size="sm">
            {errors.errors.unitIds}
          </Text>
        )}
        <Text fw={500}>{t('electionWatch.declare.stages')}</Text>
        {stages.map((s, i) => (
          <Stack
            key={i}
            gap={4}
            p="xs"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}
          >
            <Group wrap="wrap" align="flex-end">
              <Select
                label={t('electionWatch.declare.stageKind')}
                data={STAGE_KINDS.map((k) => ({ value: k, label: STAGE_KIND_LABELS[k] }))}
                value={s.kind}
                onChange={(v) => v && setStage(i, { kind: v as Stage['kind'] })}
                allowDeselect={false}
                w={200}
              />
              <TextInput
                label={t('electionWatch.declare.stageName')}
                value={s.name}
                onChange={(e) => setStage(i, { name: e.currentTarget.value })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label="Hapus"
                onClick={() => setStages((xs) => xs.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Group wrap="wrap" align="flex-end">
              <DateField
                label={t('electionWatch.declare.startsOn')}
                value={s.startsOn}
                onChange={(v) => setStage(i, { startsOn: v })}
                w={150}
              />
              <DateField
                label={t('electionWatch.declare.endsOn')}
                value={s.endsOn}
                onChange={(v) => setStage(i, { endsOn: v })}
                w={150}
              />
              <Checkbox
                label={t('electionWatch.declare.keyDate')}
                checked={!!s.keyDate}
                onChange={(e) => setStage(i, { keyDate: e.currentTarget.checked })}
              />
            </Group>
          </Stack>
        ))}
        {errors.errors.stages && (
          <Text c="red" size="sm">
            {errors.errors.stages}
          </Text>
        )}
        <Button
          variant="subtle"
          onClick={() =>
            setStages((xs) => [
              ...xs,
              { kind: 'KAMPANYE', name: STAGE_KIND_LABELS.KAMPANYE, startsOn, endsOn, keyDate: false },
            ])
          }
        >
          {t('electionWatch.declare.addStage')}
        </Button>
        {declare.isError && <ErrorState error={declare.error} compact />}
        <Button onClick={submit} loading={declare.isPending}>
          {t('electionWatch.declare.save')}
        </Button>
      </Stack>
    </Modal>
  );
}
