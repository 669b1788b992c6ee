import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardExportUrl, useTppDashboard, type DashboardParams } from '../../api/tpp-simulation.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

const CAUSES = ['TL', 'PSW', 'TK', 'APEL', 'LKH', 'LAINNYA', 'SANKSI'] as const;
const CAUSE_COLORS = ['orange.6', 'yellow.6', 'red.6', 'blue.6', 'violet.6', 'gray.6', 'grape.7'];

/**
 * /tpp/dasbor (readers in scope): TPP against the pagu by OPD and month for a year, deductions by cause, and the
 * OPDs whose deductions rise (issue 17 point 7); filters year / unit / basis; XLSX export. Charts as on
 * DisiplinDasborPage (@mantine/charts).
 */
export function TppDasborPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const thisYear = new Date().getFullYear();
  const [q, setQ] = useState<DashboardParams>({ year: thisYear, basis: 'approved' });
  const d = useTppDashboard(q);
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
  return (
    <>
      <PageHeader
        title={t('tppSimulation.dashboard.title')}
        subtitle={t('tppSimulation.dashboard.subtitle')}
        actions={
          <Button component="a" href={dashboardExportUrl(q)} leftSection={<IconDownload size={16} />}>
            {t('tppSimulation.dashboard.export')}
          </Button>
        }
      />
      <Group mb="md" align="flex-end">
        <Select
          label={t('tppSimulation.dashboard.year')}
          data={years}
          value={String(q.year)}
          onChange={(v) => v && setQ({ ...q, year: Number(v) })}
          allowDeselect={false}
          w={120}
        />
        <UnitSelect
          label={t('tppSimulation.dashboard.unit')}
          value={q.unitId ?? null}
          onChange={(v) => setQ({ ...q, unitId: v ?? undefined })}
          w={280}
        />
        <Select
          label={t('tppSimulation.dashboard.basis')}
          data={[
            { value: 'approved', label: t('tppSimulation.dashboard.basisApproved') },
            { value: 'published', label: t('tppSimulation.dashboard.basisPublished') },
          ]}
          value={q.basis}
          onChange={(v) => v && setQ({ ...q, basis: v as DashboardParams['basis'] })}
          allowDeselect={false}
        />
      </Group>
      {d.isPending ? (
        <LoadingState />
      ) : d.error ? (
        <ErrorState error={d.error} onRetry={() => d.refetch()} />
      ) : d.data.totals.runs === 0 && d.data.units.length === 0 ? (
        <EmptyState title={t('tppSimulation.dashboard.empty')} />
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {d.data.basisLabel} · {t('tppSimulation.dashboard.paid')} {formatRupiah(d.data.totals.gross)} /{' '}
            {t('tppSimulation.dashboard.budget')} {formatRupiah(d.data.totals.budget)}
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={4} mb="sm">
                {t('tppSimulation.dashboard.paidVsBudget')}
              </Title>
              <BarChart
                h={Math.max(180, d.data.units.length * 48)}
                data={d.data.units.map((u) => ({
                  unit: u.unitName,
                  paid: u.grossTotal,
                  budget: u.budget?.amount ?? 0,
                }))}
                dataKey="unit"
                orientation="vertical"
                series={[
                  { name: 'paid', label: t('tppSimulation.dashboard.paid'), color: 'teal.6' },
                  { name: 'budget', label: t('tppSimulation.dashboard.budget'), color: 'gray.4' },
                ]}
                valueFormatter={(v) => formatRupiah(v)}
                withLegend
              />
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">
                {t('tppSimulation.dashboard.byCause')}
              </Title>
              <BarChart
                h={260}
                data={d.data.byMonth.map((m) => ({ month: monthLabel(m.month), ...m.byCause }))}
                dataKey="month"
                type="stacked"
                series={CAUSES.map((c, i) => ({
                  name: c,
                  label: t(`tppSimulation.dashboard.causes.${c}`),
                  color: CAUSE_COLORS[i]!,
                }))}
                valueFormatter={(v) => formatRupiah(v)}
                withLegend
              />
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('tppSimulation.dashboard.byMonth')}
            </Title>
            <BarChart
              h={240}
              data={d.data.byMonth.map((m) => ({ month: monthLabel(m.month), gross: m.gross }))}
              dataKey="month"
              series={[{ name: 'gross', label: t('tppSimulation.dashboard.paid'), color: 'teal.6' }]}
              valueFormatter={(v) => formatRupiah(v)}
            />
          </Card>
          <Card withBorder>
            <Title order={4}>{t('tppSimulation.dashboard.rising')}</Title>
            {d.data.rising.month && (
              <Text size="sm" c="dimmed" mb="sm">
                {t('tppSimulation.dashboard.risingOf', { month: monthLabel(d.data.rising.month) })}
              </Text>
            )}
            {d.data.rising.items.length === 0 ? (
              <Text size="sm">{t('tppSimulation.dashboard.risingNone')}</Text>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tppSimulation.dashboard.unit')}</Table.Th>
                    <Table.Th ta="right">{t('tppSimulation.dashboard.current')}</Table.Th>
                    <Table.Th ta="right">{t('tppSimulation.dashboard.previousAverage')}</Table.Th>
                    <Table.Th ta="right">{t('tppSimulation.dashboard.increase')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.data.rising.items.map((r) => (
                    <Table.Tr key={r.unitId}>
                      <Table.Td>{r.unitName}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(r.current)}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(r.previousAverage)}</Table.Td>
                      <Table.Td ta="right">
                        {formatRupiah(r.increase)}
                        {r.increasePercent !== null ? ` (+${r.increasePercent}%)` : ''}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Stack>
      )}
    </>
  );
}
