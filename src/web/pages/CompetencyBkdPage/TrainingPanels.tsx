import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCompetencyDictionary,
  trainingNeedsExportUrl,
  useCreateTraining,
  useTrainingNeeds,
  useTrainings,
} from '../../api/competency.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatRupiah } from '../../lib/format.ts';
import { TRAINING_KIND_LABELS, TRAINING_KINDS } from '../../../shared/api/competency.ts';

/** An OPD's training needs for a year: trainings with participants and cost, the total against the budget. */
export function TrainingNeedsPanel() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useTrainingNeeds(unitId, year);
  return (
    <Stack gap="sm">
      <Group align="end" wrap="wrap">
        <UnitSelect value={unitId} onChange={setUnitId} />
        <NumberInput
          label={t('competency.bkd.year')}
          value={year}
          onChange={(v) => setYear(Number(v) || year)}
          min={2000}
          max={2100}
          w={120}
        />
        {unitId && <ExportMenu href={(f) => trainingNeedsExportUrl(unitId, year, f)} />}
      </Group>
      {!unitId ? (
        <EmptyState title={t('competency.bkd.pickUnit')} />
      ) : q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Stack gap="sm" data-testid="competency-needs">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('competency.bkd.total')}
              </Text>
              <Text fw={700}>{formatRupiah(q.data.total)}</Text>
              <Text size="xs">
                {t('competency.bkd.needsSummary', { assessed: q.data.assessed, employees: q.data.employees })}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('competency.bkd.budget')}
              </Text>
              <Text fw={700}>
                {q.data.budget === null ? t('competency.bkd.noBudget') : formatRupiah(q.data.budget)}
              </Text>
            </Card>
            <Card withBorder>
              <Text size="xs" c="dimmed">
                {t('competency.bkd.remaining')}
              </Text>
              {q.data.remaining === null ? (
                <Text>—</Text>
              ) : q.data.overBudget ? (
                <Badge color="red" variant="light">
                  {t('competency.bkd.overBudget', { amount: formatRupiah(-q.data.remaining) })}
                </Badge>
              ) : (
                <Text fw={700}>{formatRupiah(q.data.remaining)}</Text>
              )}
            </Card>
          </SimpleGrid>
          {q.data.needs.length === 0 ? (
            <EmptyState title={t('competency.bkd.needsEmpty')} />
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('competency.bkd.title')}</Table.Th>
                    <Table.Th>{t('competency.bkd.participants')}</Table.Th>
                    <Table.Th>{t('competency.bkd.cost')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.needs.map((n) => (
                    <Table.Tr key={n.trainingId}>
                      <Table.Td>
                        {n.title}
                        <Text size="xs" c="dimmed">
                          {n.codes.join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td>{n.participants.map((p) => p.name).join(', ')}</Table.Td>
                      <Table.Td>{formatRupiah(n.cost)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {q.data.uncovered.length > 0 && (
            <Alert color="yellow" variant="light" title={t('competency.bkd.uncovered')}>
              {q.data.uncovered.map((u) => `${u.code} ${u.name} (${u.participants})`).join(' · ')}
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The training catalogue and a form to add an entry. */
export function TrainingCataloguePanel() {
  const { t } = useTranslation();
  const list = useTrainings();
  const dictionary = useCompetencyDictionary();
  const create = useCreateTraining();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<string | null>('DIKLAT');
  const [codes, setCodes] = useState<string[]>([]);
  const [jp, setJp] = useState<number>(8);
  const [cost, setCost] = useState<number>(0);
  const [provider, setProvider] = useState('');
  const submit = () =>
    create.mutate(
      {
        title,
        kind: (kind ?? 'DIKLAT') as (typeof TRAINING_KINDS)[number],
        codes,
        jp,
        cost,
        ...(provider ? { provider } : {}),
      },
      {
        onSuccess: () => {
          setTitle('');
          setCodes([]);
        },
      },
    );
  return (
    <Stack gap="sm" maw={900}>
      <Card withBorder>
        <Stack gap="xs">
          <TextInput
            label={t('competency.bkd.title')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('competency.bkd.kind')}
              data={TRAINING_KINDS.map((k) => ({ value: k, label: TRAINING_KIND_LABELS[k] }))}
              value={kind}
              onChange={setKind}
            />
            <MultiSelect
              label={t('competency.bkd.codes')}
              data={(dictionary.data?.entries ?? []).map((e) => ({
                value: e.code,
                label: `${e.code} ${e.name}`,
              }))}
              value={codes}
              onChange={setCodes}
              searchable
            />
            <NumberInput
              label={t('competency.bkd.jp')}
              value={jp}
              onChange={(v) => setJp(Number(v) || 0)}
              min={0}
            />
            <NumberInput
              label={t('competency.bkd.cost')}
              value={cost}
              onChange={(v) => setCost(Number(v) || 0)}
              min={0}
              thousandSeparator="."
              decimalSeparator=","
              prefix="Rp "
            />
          </SimpleGrid>
          <TextInput
            label={t('competency.bkd.provider')}
            value={provider}
            onChange={(e) => setProvider(e.currentTarget.value)}
          />
          {create.isError && <ErrorState error={create.error} />}
          <Group>
            <Button
              onClick={submit}
              loading={create.isPending}
              disabled={title.length < 3 || codes.length === 0}
            >
              {t('competency.bkd.add')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('competency.bkd.catalogueEmpty')} />
      ) : (
        <Stack gap="xs" data-testid="competency-catalogue">
          {list.data.items.map((i) => (
            <Card key={i.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap">
                <Text fw={600}>{i.title}</Text>
                <Badge variant="light">{i.kindLabel}</Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {i.codes.join(', ')} · {i.jp} JP · {formatRupiah(i.cost)}
                {i.provider ? ` · ${i.provider}` : ''}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
