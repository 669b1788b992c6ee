import { BarChart } from '@mantine/charts';
import { Card, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { competencyAnalyticsExportUrl, useCompetencyAnalytics } from '../../api/competency.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatNumber } from '../../lib/format.ts';
import type { CompetencyAnalyticsReport } from '../../../shared/api/competency.ts';

const BAND_COLORS = ['teal.6', 'yellow.6', 'red.6', 'grape.6', 'gray.6'];
const pct = (n: number) => `${n.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;
const short = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * Analytics across OPDs (issue 19 point 7): how the people of each OPD match their posts (mapping JPM bands), a JPM
 * histogram, the share that reached the year's development hours, and a gap table (competency × OPD, darker = more
 * people short). Counts only; exported as a table.
 */
export function AnalyticsPanel() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const q = useCompetencyAnalytics(unitId, year);
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
        <ExportMenu href={(f) => competencyAnalyticsExportUrl(unitId, year, f)} />
      </Group>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.total.employees === 0 ? (
        <EmptyState title={t('competency.analytics.empty')} />
      ) : (
        <Analytics r={q.data} />
      )}
    </Stack>
  );
}

function Analytics({ r }: { r: CompetencyAnalyticsReport }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const nameMax = phone ? 18 : 30;
  const rowsHeight = Math.max(160, r.groups.length * 30 + 70);
  const yAxis = {
    width: phone ? 112 : 200,
    interval: 0 as const,
    tickFormatter: (v: string) => short(String(v), nameMax),
  };
  const total = r.total;
  return (
    <Stack gap="md" data-testid="competency-analytics">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('competency.analytics.employees')} value={formatNumber(total.employees)} />
        <Figure
          label={t('competency.analytics.assessed')}
          value={pct(total.employees ? (total.assessed / total.employees) * 100 : 0)}
          hint={t('competency.analytics.assessedOf', {
            assessed: total.assessed,
            employees: total.employees,
          })}
        />
        <Figure
          label={t('competency.analytics.coverage', { target: r.jpTarget })}
          value={pct(total.coveragePercent)}
          hint={t('competency.analytics.coverageOf', { met: total.jpMet, employees: total.employees })}
        />
        <Figure label={t('competency.analytics.jpMean')} value={formatNumber(total.jpMean)} />
      </SimpleGrid>
      <Card withBorder radius="md" padding="sm" data-testid="chart-jpm-bands">
        <Title order={5}>{t('competency.analytics.bandsTitle')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('competency.analytics.bandsHint')}
        </Text>
        <BarChart
          h={rowsHeight}
          data={r.groups.map((g) => ({ unit: g.unitName, ...g.bands }))}
          dataKey="unit"
          type="stacked"
          orientation="vertical"
          yAxisProps={yAxis}
          xAxisProps={{ allowDecimals: false }}
          withLegend
          legendProps={{ verticalAlign: 'bottom', height: 40 }}
          series={r.bands.map((b, i) => ({
            name: b.code,
            label: `${b.code} – ${b.label}`,
            color: BAND_COLORS[i] ?? 'gray.6',
          }))}
        />
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" padding="sm" data-testid="chart-jpm-histogram">
          <Title order={5} mb="xs">
            {t('competency.analytics.histogramTitle')}
          </Title>
          <BarChart
            h={220}
            data={r.histogram.map((b) => ({ range: `${b.from}–${b.to}`, people: b.people }))}
            dataKey="range"
            xAxisProps={{ interval: phone ? 1 : 0 }}
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'people', label: t('competency.analytics.people'), color: 'blue.6' }]}
          />
        </Card>
        <Card withBorder radius="md" padding="sm" data-testid="chart-coverage">
          <Title order={5} mb="xs">
            {t('competency.analytics.coverageTitle', { target: r.jpTarget })}
          </Title>
          <BarChart
            h={rowsHeight}
            data={r.groups.map((g) => ({ unit: g.unitName, coverage: g.coveragePercent }))}
            dataKey="unit"
            orientation="vertical"
            yAxisProps={yAxis}
            xAxisProps={{ domain: [0, 100] }}
            valueFormatter={pct}
            series={[{ name: 'coverage', label: t('competency.analytics.coverageShort'), color: 'teal.6' }]}
          />
        </Card>
      </SimpleGrid>
      <GapTable r={r} />
    </Stack>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

/** Competency × OPD: people short of the required level; the shade is their share of the OPD's assessed people. */
function GapTable({ r }: { r: CompetencyAnalyticsReport }) {
  const { t } = useTranslation();
  if (r.competencies.length === 0)
    return (
      <EmptyState
        title={t('competency.analytics.noGaps')}
        description={t('competency.analytics.noGapsHint')}
      />
    );
  return (
    <Card withBorder radius="md" padding="sm" data-testid="competency-gap-table">
      <Title order={5}>{t('competency.analytics.gapsTitle')}</Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('competency.analytics.gapsHint')}
      </Text>
      <Table.ScrollContainer minWidth={Math.max(480, 160 + r.competencies.length * 64)}>
        <Table fz="xs" withTableBorder withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('competency.analytics.opd')}</Table.Th>
              {r.competencies.map((c) => (
                <Table.Th key={c.code} ta="center">
                  <Tooltip label={c.name}>
                    <span>{c.code}</span>
                  </Tooltip>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.groups.map((g) => (
              <Table.Tr key={g.unitId}>
                <Table.Td>{g.unitName}</Table.Td>
                {r.competencies.map((c) => {
                  const cell = g.gaps[c.code];
                  const share = cell && g.assessed ? cell.people / g.assessed : 0;
                  return (
                    <Table.Td
                      key={c.code}
                      ta="center"
                      style={{
                        background: share
                          ? `color-mix(in srgb, var(--mantine-color-red-6) ${Math.round(10 + share * 60)}%, transparent)`
                          : undefined,
                      }}
                      title={
                        cell
                          ? t('competency.analytics.gapCell', {
                              people: cell.people,
                              assessed: g.assessed,
                              mean: cell.meanGap.toLocaleString('id-ID'),
                            })
                          : undefined
                      }
                    >
                      {cell?.people ?? '—'}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
