import { BarChart } from '@mantine/charts';
import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  simulationExportUrl,
  useSimulationEmployees,
  type SimulationDetail,
  type SimulationEmployee,
} from '../../../api/tpp-simulation.ts';
import { formatNip, formatRupiah } from '../../../lib/format.ts';

/** Signed rupiah with a colour: gains green, losses red. */
function Delta({ value }: { value: number | null }) {
  if (value === null) return <Text c="dimmed">—</Text>;
  return (
    <Text c={value > 0 ? 'teal.7' : value < 0 ? 'red.7' : undefined} fw={500}>
      {value > 0 ? '+' : ''}
      {formatRupiah(value)}
    </Text>
  );
}

function EmployeeTable({ rows }: { rows: SimulationEmployee[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tppSimulation.result.name')}</Table.Th>
            <Table.Th>{t('tppSimulation.result.unit')}</Table.Th>
            <Table.Th ta="right">{t('tppSimulation.result.before')}</Table.Th>
            <Table.Th ta="right">{t('tppSimulation.result.after')}</Table.Th>
            <Table.Th ta="right">{t('tppSimulation.result.difference')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((e) => (
            <Table.Tr key={e.employeeId}>
              <Table.Td>
                <Text size="sm">{e.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatNip(e.nip)}
                </Text>
              </Table.Td>
              <Table.Td>{e.unitName}</Table.Td>
              <Table.Td ta="right">
                {e.before === null ? t('tppSimulation.result.noRun') : formatRupiah(e.before)}
              </Table.Td>
              <Table.Td ta="right">{formatRupiah(e.after)}</Table.Td>
              <Table.Td ta="right">
                <Delta value={e.difference} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The results of a simulation: totals side by side, cost per OPD against the pagu (chart), gainers, losers, all. */
export function SimulationResult({ sim }: { sim: SimulationDetail }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const all = useSimulationEmployees(sim.id, { q: q || undefined, page, pageSize: 50 });
  const pairs = [
    ['gross', sim.totals.gross],
    ['net', sim.totals.net],
    ['deductions', sim.totals.deductions],
    ['annual', sim.totals.annualEstimate],
  ] as const;
  return (
    <Stack>
      <Group justify="space-between">
        <Badge color="grape" size="lg">
          {t('tppSimulation.result.notPublished')}
        </Badge>
        <Button component="a" href={simulationExportUrl(sim.id)} leftSection={<IconDownload size={16} />}>
          {t('tppSimulation.result.export')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {sim.rulebook.name} {sim.rulebook.version} ({sim.rulebook.status}) · {sim.tariffSource}
      </Text>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('tppSimulation.result.totals')}
        </Title>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tppSimulation.result.what')}</Table.Th>
              <Table.Th ta="right">{t('tppSimulation.result.before')}</Table.Th>
              <Table.Th ta="right">{t('tppSimulation.result.after')}</Table.Th>
              <Table.Th ta="right">{t('tppSimulation.result.difference')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pairs.map(([k, p]) => (
              <Table.Tr key={k}>
                <Table.Td>{t(`tppSimulation.result.${k}`)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(p.before)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(p.after)}</Table.Td>
                <Table.Td ta="right">
                  <Delta value={p.difference} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt="xs">
          {sim.estimateNote}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('tppSimulation.result.perUnit')}
        </Title>
        <BarChart
          h={Math.max(160, sim.perUnit.length * 48)}
          data={sim.perUnit.map((u) => ({
            unit: u.unitName,
            annual: u.annualEstimate,
            paid: u.paidAnnualEstimate ?? 0,
            budget: u.budget?.amount ?? 0,
          }))}
          dataKey="unit"
          orientation="vertical"
          series={[
            { name: 'paid', label: t('tppSimulation.result.before'), color: 'gray.5' },
            { name: 'annual', label: t('tppSimulation.result.annual'), color: 'grape.6' },
            { name: 'budget', label: t('tppSimulation.result.budget'), color: 'teal.6' },
          ]}
          valueFormatter={(v) => formatRupiah(v)}
          withLegend
        />
        <Table.ScrollContainer minWidth={640} mt="sm">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tppSimulation.result.unit')}</Table.Th>
                <Table.Th ta="right">{t('tppSimulation.result.employees')}</Table.Th>
                <Table.Th ta="right">{t('tppSimulation.result.difference')}</Table.Th>
                <Table.Th ta="right">{t('tppSimulation.result.annual')}</Table.Th>
                <Table.Th ta="right">{t('tppSimulation.result.budget')}</Table.Th>
                <Table.Th ta="right">{t('tppSimulation.result.budgetPercent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sim.perUnit.map((u) => (
                <Table.Tr key={u.unitId}>
                  <Table.Td>{u.unitName}</Table.Td>
                  <Table.Td ta="right">{u.employees}</Table.Td>
                  <Table.Td ta="right">
                    <Delta value={u.difference} />
                  </Table.Td>
                  <Table.Td ta="right">{formatRupiah(u.annualEstimate)}</Table.Td>
                  <Table.Td ta="right">{formatRupiah(u.budget?.amount)}</Table.Td>
                  <Table.Td ta="right">{u.budgetPercent === null ? '—' : `${u.budgetPercent}%`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      {sim.skipped.length > 0 && (
        <Alert color="yellow" title={t('tppSimulation.result.skipped')}>
          {sim.skipped.map((s) => `${s.unitName}: ${s.reason}`).join('; ')}
        </Alert>
      )}
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('tppSimulation.result.gainers')}
        </Title>
        <EmployeeTable rows={sim.gainers} />
      </Card>
      <Card withBorder>
        <Title order={4} mb="sm">
          {t('tppSimulation.result.losers')}
        </Title>
        <EmployeeTable rows={sim.losers} />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('tppSimulation.result.allEmployees')}</Title>
          <TextInput
            placeholder={t('tppSimulation.result.search')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
          />
        </Group>
        <EmployeeTable rows={all.data?.items ?? []} />
        {all.data && all.data.total > page * 50 && (
          <Button variant="subtle" onClick={() => setPage(page + 1)}>
            {page + 1}
          </Button>
        )}
      </Card>
    </Stack>
  );
}
