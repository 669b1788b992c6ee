import { BarChart } from '@mantine/charts';
import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { startExportJob } from '../../api/jobs.ts';
import { useProgress } from '../../api/kinerja-figures.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ExportJobMenu } from '../../components/ExportJobMenu.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { CurveTable } from '../KinerjaPenilaianPage/KinerjaPenilaianPage.tsx';
import { useCurveCheck } from '../../api/kinerja-evaluations.ts';
import { useMe } from '../../api/auth.ts';
import { KINERJA_MANAGERS } from '../../components/kinerja/roles.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { OrgPerformanceCard } from './OrgPerformanceCard.tsx';

const PERIODS = ['TW1', 'TW2', 'TW3', 'TW4', 'TAHUNAN'];
const pct = (v: number | null) => (v === null ? 0 : Math.round(v * 1000) / 10);

/** Progres Kinerja (/kinerja/progres): SKP approved, reports verified on time, predikat against the curve per OPD. */
export function KinerjaProgresPage() {
  const { t } = useTranslation();
  const me = useMe();
  const manager = hasAnyRole(me.data, KINERJA_MANAGERS);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [period, setPeriod] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const query = useProgress({ year, period: period ?? undefined, unitId: unitId ?? undefined });
  const d = query.data;
  const curve = useCurveCheck(
    d && unitId ? { unitId, periodStart: d.periodStart, periodEnd: d.periodEnd } : null,
  );
  const rows = d?.rows ?? [];
  return (
    <>
      <PageHeader
        title={t('kinerja.progress.title')}
        subtitle={d ? `${d.unit.name} · ${d.periodLabel}` : undefined}
        actions={
          <Group gap="xs">
            <ExportJobMenu
              label={t('kinerja.progress.exportSkp')}
              testId="export-skp"
              choices={[
                { format: 'xlsx' as const, label: 'XLSX' },
                { format: 'csv' as const, label: 'CSV' },
              ]}
              start={(format) =>
                startExportJob('/kinerja/export/skp/jobs', { year, unitId: unitId ?? undefined, format })
              }
            />
            <ExportJobMenu
              label={t('kinerja.progress.exportEvaluations')}
              testId="export-evaluations"
              choices={[
                { format: 'xlsx' as const, label: 'XLSX' },
                { format: 'csv' as const, label: 'CSV' },
              ]}
              start={(format) =>
                startExportJob('/kinerja/export/evaluations/jobs', {
                  year,
                  unitId: unitId ?? undefined,
                  format,
                })
              }
            />
            <Button component={Link} to="/kinerja/impor" variant="default">
              {t('kinerja.import.title')}
            </Button>
          </Group>
        }
      />
      <Group mb="md" wrap="wrap">
        <Select
          aria-label={t('kinerja.progress.year')}
          data={[thisYear - 1, thisYear, thisYear + 1].map(String)}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          w={110}
          allowDeselect={false}
        />
        <Select
          aria-label={t('kinerja.progress.period')}
          placeholder={t('kinerja.progress.period')}
          data={PERIODS}
          value={period}
          onChange={setPeriod}
          clearable
          w={140}
        />
        <UnitSelect value={unitId} onChange={setUnitId} placeholder={t('kinerja.staff.unit')} w={320} />
      </Group>
      {query.isLoading && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {d && (
        <Stack gap="md" data-testid="progress">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder radius="md" padding="sm">
              <Title order={5} mb="xs">
                {t('kinerja.progress.skpApproved')}
              </Title>
              <BarChart
                h={240}
                data={rows.map((r) => ({ unit: r.unitName, share: pct(r.skp.approvedShare) }))}
                dataKey="unit"
                series={[{ name: 'share', label: '%', color: 'teal.6' }]}
                yAxisProps={{ domain: [0, 100] }}
              />
            </Card>
            <Card withBorder radius="md" padding="sm">
              <Title order={5} mb="xs">
                {t('kinerja.progress.onTime')}
              </Title>
              <BarChart
                h={240}
                data={rows.map((r) => ({ unit: r.unitName, share: pct(r.reports.onTimeShare) }))}
                dataKey="unit"
                series={[{ name: 'share', label: '%', color: 'blue.6' }]}
                yAxisProps={{ domain: [0, 100] }}
              />
            </Card>
          </SimpleGrid>
          <Card withBorder radius="md" padding="sm">
            <Title order={5} mb="xs">
              {t('kinerja.progress.predikat')}
            </Title>
            <BarChart
              h={240}
              data={Object.keys(d.total.predikat.expectedPercent).map((p) => ({
                predikat: t(`kinerja.predikat.${p as 'BAIK'}`),
                actual: d.total.predikat.actualPercent[p as 'BAIK'] ?? 0,
                expected: d.total.predikat.expectedPercent[p as 'BAIK'] ?? 0,
              }))}
              dataKey="predikat"
              series={[
                { name: 'actual', label: t('kinerja.curve.actual'), color: 'grape.6' },
                { name: 'expected', label: t('kinerja.curve.expected'), color: 'gray.5' },
              ]}
            />
          </Card>
          {curve.data && (
            <Card withBorder radius="md" padding="sm">
              <CurveTable curve={curve.data} />
            </Card>
          )}
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder striped fz="sm" data-testid="progress-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kinerja.progress.unit')}</Table.Th>
                  <Table.Th ta="right">{t('kinerja.progress.employees')}</Table.Th>
                  <Table.Th ta="right">{t('kinerja.progress.skpApproved')}</Table.Th>
                  <Table.Th ta="right">{t('kinerja.progress.onTime')}</Table.Th>
                  <Table.Th ta="right">{t('kinerja.progress.pending')}</Table.Th>
                  <Table.Th ta="right">{t('kinerja.progress.evaluated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...rows, d.total].map((r) => (
                  <Table.Tr key={r.unitId ?? 'total'} fw={r.unitId ? undefined : 700}>
                    <Table.Td>{r.unitName}</Table.Td>
                    <Table.Td ta="right">{r.employees}</Table.Td>
                    <Table.Td ta="right">
                      {r.skp.approved} ({pct(r.skp.approvedShare)}%)
                    </Table.Td>
                    <Table.Td ta="right">
                      {r.reports.verifiedOnTime} ({pct(r.reports.onTimeShare)}%)
                    </Table.Td>
                    <Table.Td ta="right">
                      {r.reports.pending} / {r.reports.pendingOverdue}
                    </Table.Td>
                    <Table.Td ta="right">
                      {r.evaluations.approved} / {r.evaluations.missing}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {d.notes.map((n, i) => (
            <Text key={i} size="xs" c="dimmed">
              {n}
            </Text>
          ))}
        </Stack>
      )}
      {manager && (
        <Stack mt="lg">
          <OrgPerformanceCard key={unitId ?? 'none'} year={year} initialUnitId={unitId} />
        </Stack>
      )}
    </>
  );
}
