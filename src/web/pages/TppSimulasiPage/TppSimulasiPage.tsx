import {
  Anchor,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { currentMonth } from '../../api/recap.ts';
import {
  useCreateSimulation,
  useDeleteSimulation,
  useRulebookVersions,
  useSimulation,
  useSimulations,
  type SimulationCreateBody,
} from '../../api/tpp-simulation.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { SimulationResult } from '../../components/tpp/simulation/SimulationResult.tsx';
import { addMonths, monthsBack } from '../../components/tpp/tpp-view.ts';
import { formatDate, formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

/** `7=6000000` lines → inline tariff rows (lines that do not parse are left out). */
function parseInline(text: string) {
  return text
    .split(/\n+/)
    .map((l) => /^\s*(\d{1,2})\s*=\s*(\d+)\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ kelas: Number(m[1]), amount: Number(m[2]) }));
}

/** The form of a new simulation (BKD): label, month, draft rulebook, tariffs, OPDs. */
function SimulationForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const monthLabel = useMonthLabel();
  const versions = useRulebookVersions();
  const create = useCreateSimulation();
  const [label, setLabel] = useState('');
  const [month, setMonth] = useState(addMonths(currentMonth(), -1));
  const [versionId, setVersionId] = useState<string | null>(null);
  const [tariffKind, setTariffKind] = useState<'year' | 'rulebook' | 'inline'>('year');
  const [inline, setInline] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const drafts = (versions.data ?? []).filter((v) => v.status === 'draft');
  const submit = () => {
    const tariffs: SimulationCreateBody['tariffs'] =
      tariffKind === 'inline' ? { kind: 'inline', rows: parseInline(inline) } : { kind: tariffKind };
    create.mutate(
      {
        label,
        month,
        ...(versionId ? { rulebookVersionId: versionId } : {}),
        tariffs,
        unitIds: unitId ? [unitId] : [],
      },
      { onSuccess: (sim) => navigate(`/tpp/simulasi/${sim.id}`) },
    );
  };
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('tppSimulation.form.title')}
      </Title>
      <Stack>
        <TextInput
          label={t('tppSimulation.form.label')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          required
        />
        <Group grow>
          <Select
            label={t('tppSimulation.form.month')}
            data={monthsBack(currentMonth(), 13).map((m) => ({ value: m, label: monthLabel(m) }))}
            value={month}
            onChange={(v) => v && setMonth(v)}
            allowDeselect={false}
          />
          <Select
            label={t('tppSimulation.form.rulebook')}
            placeholder={t('tppSimulation.form.rulebookNone')}
            data={drafts.map((v) => ({ value: v.id, label: `${v.name} ${v.version}` }))}
            value={versionId}
            onChange={setVersionId}
            clearable
          />
        </Group>
        <Select
          label={t('tppSimulation.form.tariffs')}
          data={[
            { value: 'year', label: t('tppSimulation.form.tariffsYear') },
            { value: 'rulebook', label: t('tppSimulation.form.tariffsRulebook') },
            { value: 'inline', label: t('tppSimulation.form.tariffsInline') },
          ]}
          value={tariffKind}
          onChange={(v) => v && setTariffKind(v as typeof tariffKind)}
          allowDeselect={false}
        />
        {tariffKind === 'inline' && (
          <Textarea
            description={t('tppSimulation.form.inlineHint')}
            autosize
            minRows={3}
            value={inline}
            onChange={(e) => setInline(e.currentTarget.value)}
          />
        )}
        <UnitSelect label={t('tppSimulation.form.units')} value={unitId} onChange={setUnitId} />
        {create.error && <ErrorState error={create.error} compact />}
        <Group justify="flex-end">
          <Button onClick={submit} loading={create.isPending} disabled={!label.trim()}>
            {t('tppSimulation.form.run')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function SimulationList() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const list = useSimulations();
  const remove = useDeleteSimulation();
  if (list.isPending) return <LoadingState />;
  if (list.error) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        {t('tppSimulation.list.title')}
      </Title>
      {list.data.items.length === 0 ? (
        <EmptyState title={t('tppSimulation.list.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Tbody>
              {list.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/tpp/simulasi/${s.id}`}>
                      {s.label}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {s.rulebook.name} {s.rulebook.version} · {s.tariffSource}
                    </Text>
                  </Table.Td>
                  <Table.Td>{monthLabel(s.month)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(s.net.difference)}</Table.Td>
                  <Table.Td>{formatDate(s.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      color="red"
                      variant="subtle"
                      loading={remove.isPending && remove.variables === s.id}
                      onClick={() =>
                        window.confirm(t('tppSimulation.result.deleteConfirm')) && remove.mutate(s.id)
                      }
                    >
                      {t('tppSimulation.list.delete')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

function SimulationDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const sim = useSimulation(id);
  return (
    <>
      <PageHeader
        title={sim.data?.label ?? t('tppSimulation.title')}
        subtitle={t('tppSimulation.result.notPublished')}
        above={
          <Anchor component={Link} to="/tpp/simulasi" size="sm">
            {t('tppSimulation.result.back')}
          </Anchor>
        }
      />
      {sim.isPending ? (
        <LoadingState />
      ) : sim.error ? (
        <ErrorState error={sim.error} onRetry={() => sim.refetch()} />
      ) : (
        <SimulationResult sim={sim.data} />
      )}
    </>
  );
}

/** /tpp/simulasi (BKD): simulations of a draft Perkada on a closed month; /tpp/simulasi/:id its results. */
export function TppSimulasiPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  if (id) return <SimulationDetailView id={id} />;
  return (
    <>
      <PageHeader title={t('tppSimulation.title')} subtitle={t('tppSimulation.subtitle')} />
      <Stack>
        <SimulationForm />
        <SimulationList />
      </Stack>
    </>
  );
}
