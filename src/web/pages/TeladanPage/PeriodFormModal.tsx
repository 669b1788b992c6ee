import {
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TELADAN_EXAMPLE_CRITERIA } from '../../../core/oversight/teladan-criteria.ts';
import type { CriterionInputBody } from '../../../shared/api/teladan.ts';
import { useCreatePeriod, useTeladanFigures } from '../../api/teladan.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';

const TYPES = ['PNS', 'CPNS', 'PPPK', 'PPPK_PARUH_WAKTU', 'NON_ASN'];

/** BKD defines a period: name, months, units, employee types, legal basis, winners and the criteria (JSON). */
export function PeriodFormModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreatePeriod();
  const figures = useTeladanFigures();
  const year = new Date().getFullYear();
  const [name, setName] = useState('');
  const [fromMonth, setFromMonth] = useState(`${year}-01`);
  const [toMonth, setToMonth] = useState(`${year}-12`);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [types, setTypes] = useState<string[]>(['PNS', 'PPPK']);
  const [legalBasis, setLegalBasis] = useState('');
  const [perOpd, setPerOpd] = useState<number>(1);
  const [region, setRegion] = useState<number>(3);
  const [criteria, setCriteria] = useState(JSON.stringify(TELADAN_EXAMPLE_CRITERIA, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const submit = () => {
    let parsed: CriterionInputBody[];
    try {
      parsed = JSON.parse(criteria) as CriterionInputBody[];
    } catch {
      setJsonError(t('teladan.form.criteriaJson'));
      return;
    }
    setJsonError(null);
    create.mutate(
      {
        name,
        year: Number(toMonth.slice(0, 4)),
        fromMonth,
        toMonth,
        unitIds: unitId ? [unitId] : [],
        employeeTypes: types as never,
        legalBasis,
        criteria: parsed,
        winnersPerOpd: perOpd,
        winnersRegion: region,
      },
      { onSuccess: (r) => onCreated(r.id) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('teladan.newPeriod')} size="xl">
      <Stack gap="sm">
        <TextInput
          label={t('teladan.form.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('teladan.form.fromMonth')}
            value={fromMonth}
            onChange={(e) => setFromMonth(e.currentTarget.value)}
          />
          <TextInput
            label={t('teladan.form.toMonth')}
            value={toMonth}
            onChange={(e) => setToMonth(e.currentTarget.value)}
          />
          <UnitSelect label={t('teladan.form.units')} value={unitId} onChange={setUnitId} clearable />
          <MultiSelect
            label={t('teladan.form.employeeTypes')}
            data={TYPES}
            value={types}
            onChange={setTypes}
          />
          <NumberInput
            label={t('teladan.form.winnersPerOpd')}
            value={perOpd}
            onChange={(v) => setPerOpd(Number(v) || 0)}
            min={0}
            max={10}
          />
          <NumberInput
            label={t('teladan.form.winnersRegion')}
            value={region}
            onChange={(v) => setRegion(Number(v) || 0)}
            min={0}
            max={50}
          />
        </SimpleGrid>
        <TextInput
          label={t('teladan.legalBasis')}
          value={legalBasis}
          onChange={(e) => setLegalBasis(e.currentTarget.value)}
          required
        />
        <Textarea
          label={t('teladan.form.criteria')}
          description={t('teladan.form.criteriaHint')}
          value={criteria}
          onChange={(e) => setCriteria(e.currentTarget.value)}
          autosize
          minRows={8}
          maxRows={20}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          error={jsonError}
        />
        {figures.data && (
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              {t('teladan.form.figures')}
            </Text>
            {figures.data.items.map((f) => (
              <Text key={f.name} size="xs" c={f.available ? undefined : 'dimmed'}>
                <code>{f.name}</code> — {f.description}
              </Text>
            ))}
          </Stack>
        )}
        {create.isError && <ErrorState error={create.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('teladan.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={submit}>
            {t('teladan.form.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
