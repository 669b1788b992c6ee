import { BarChart } from '@mantine/charts';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  casesExportUrl,
  registryExportUrl,
  siasnExportUrl,
  useRegistry,
  type Registry,
  type RegistryRow,
} from '../../api/discipline.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';

/** The procedure's states grouped into the stages the chart stacks (regulations.md §1.7). */
const STAGE_GROUPS = {
  pemeriksaan: ['TELAAH', 'PEMBENTUKAN_TIM', 'PEMANGGILAN', 'PANGGILAN_I', 'PANGGILAN_II', 'PEMERIKSAAN'],
  keputusan: ['PENJATUHAN', 'PENYAMPAIAN', 'MENUNGGU_BERLAKU'],
  upaya: ['UPAYA_ADMINISTRATIF'],
  berlaku: ['BERLAKU'],
  selesai: ['SELESAI', 'DIHENTIKAN'],
} as const;
type StageGroup = keyof typeof STAGE_GROUPS;
const STAGE_COLORS: Record<StageGroup, string> = {
  pemeriksaan: 'yellow.6',
  keputusan: 'blue.6',
  upaya: 'violet.6',
  berlaku: 'red.6',
  selesai: 'teal.6',
};

const percentText = (p: number | null) => (p === null ? '—' : `${p.toFixed(2).replace('.', ',')}%`);
const short = (name: string, max: number) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

/** A share of employees against the region's target: red above it, teal below, grey without a target. */
function shareColor(p: number | null, target: number | null): string {
  if (p === null || target === null) return 'gray';
  return p < target ? 'teal' : 'red';
}

function ExportMenu({ year, unitId }: { year: number; unitId: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="light" leftSection={<IconDownload size={16} />} data-testid="registry-export">
          {t('common.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('disiplin.dashboard.exportRegistry')}</Menu.Label>
        {(['xlsx', 'csv'] as const).map((f) => (
          <Menu.Item key={`r-${f}`} component="a" href={registryExportUrl(f, { year, unitId })} download>
            {f.toUpperCase()}
          </Menu.Item>
        ))}
        <Menu.Label>{t('disiplin.dashboard.exportCases')}</Menu.Label>
        {(['xlsx', 'csv'] as const).map((f) => (
          <Menu.Item
            key={`c-${f}`}
            component="a"
            href={casesExportUrl(f, { unitId, from: `${year}-01-01`, to: `${year}-12-31` })}
            download
          >
            {f.toUpperCase()}
          </Menu.Item>
        ))}
        <Menu.Label>{t('disiplin.dashboard.exportSiasn')}</Menu.Label>
        {(['xlsx', 'csv'] as const).map((f) => (
          <Menu.Item key={`s-${f}`} component="a" href={siasnExportUrl(f, { year, unitId })} download>
            {f.toUpperCase()}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The region's (or scope's) figures: open cases, overdue steps, sanctions in force, the share against the target. */
function Figures({ r }: { r: Registry }) {
  const { t } = useTranslation();
  const total = r.total;
  const inForce =
    total.sanctionsInForce.ringan + total.sanctionsInForce.sedang + total.sanctionsInForce.berat;
  const color = shareColor(total.sanctionedPercent, r.targetPercent);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" data-testid="registry-figures">
      <Card withBorder padding="xs" radius="md" data-testid="figure-share">
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.share')}
        </Text>
        <Text fw={750} fz={24} c={`${color}.8`} data-testid="value">
          {percentText(total.sanctionedPercent)}
        </Text>
        <Text size="xs" c="dimmed">
          {r.targetPercent !== null
            ? t('disiplin.dashboard.target', { target: percentText(r.targetPercent) })
            : t('disiplin.dashboard.noTarget')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.shareOf', {
            n: formatNumber(total.sanctionedEmployees),
            total: formatNumber(total.activeEmployees),
          })}
        </Text>
      </Card>
      <Card withBorder padding="xs" radius="md" data-testid="figure-open">
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.open')}
        </Text>
        <Text fw={750} fz={24} data-testid="value">
          {formatNumber(total.casesOpen)}
        </Text>
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.opened', { n: formatNumber(total.casesOpened) })}
        </Text>
      </Card>
      <Card
        withBorder
        padding="xs"
        radius="md"
        data-testid="figure-overdue"
        style={total.overdueSteps > 0 ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
      >
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.overdue')}
        </Text>
        <Text fw={750} fz={24} c={total.overdueSteps > 0 ? 'red.7' : undefined} data-testid="value">
          {formatNumber(total.overdueSteps)}
        </Text>
      </Card>
      <Card withBorder padding="xs" radius="md" data-testid="figure-in-force">
        <Text size="xs" c="dimmed">
          {t('disiplin.dashboard.inForce')}
        </Text>
        <Text fw={750} fz={24} data-testid="value">
          {formatNumber(inForce)}
        </Text>
        <Group gap={4}>
          {(['ringan', 'sedang', 'berat'] as const).map((l) => (
            <Badge
              key={l}
              size="xs"
              variant="light"
              color={l === 'ringan' ? 'yellow' : l === 'sedang' ? 'orange' : 'red'}
            >
              {t(`disiplin.levels.${l}`)} {total.sanctionsInForce[l]}
            </Badge>
          ))}
        </Group>
      </Card>
    </SimpleGrid>
  );
}

function stageCounts(row: RegistryRow): Record<StageGroup, number> {
  const out = { pemeriksaan: 0, keputusan: 0, upaya: 0, berlaku: 0, selesai: 0 } as Record<
    StageGroup,
    number
  >;
  for (const [group, states] of Object.entries(STAGE_GROUPS) as [StageGroup, readonly string[]][])
    out[group] = states.reduce((n, s) => n + (row.byState[s] ?? 0), 0);
  return out;
}

function Charts({ r }: { r: Registry }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const nameMax = phone ? 18 : 30;
  const rowsHeight = Math.max(180, r.rows.length * 30 + 70);
  // One line per OPD name, shortened on a phone (recharts would wrap a long name over the next bar).
  const yAxis = {
    width: phone ? 112 : 200,
    interval: 0 as const,
    tick: ({
      x,
      y,
      payload,
    }: {
      x?: number | string;
      y?: number | string;
      payload?: { value?: unknown };
    }) => (
      <text x={x} y={y} dy={4} textAnchor="end" fontSize={phone ? 10 : 12} fill="var(--mantine-color-dimmed)">
        <title>{String(payload?.value ?? '')}</title>
        {short(String(payload?.value ?? ''), nameMax)}
      </text>
    ),
  };
  const shareData = r.rows.map((row) => ({ unit: row.unitName, share: row.sanctionedPercent ?? 0 }));
  const maxShare = Math.max(r.targetPercent ?? 0, ...shareData.map((d) => d.share), 0.5);
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="sm" data-testid="chart-share">
        <Title order={5}>{t('disiplin.dashboard.shareByOpd')}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          {t('disiplin.dashboard.shareHint')}
        </Text>
        {r.rows.length === 0 ? (
          <EmptyState title={t('disiplin.dashboard.noRows')} />
        ) : (
          <BarChart
            h={rowsHeight}
            data={shareData}
            dataKey="unit"
            orientation="vertical"
            series={[{ name: 'share', label: t('disiplin.dashboard.share'), color: 'orange.6' }]}
            xAxisProps={{ domain: [0, Math.ceil(maxShare * 1.2 * 10) / 10] }}
            yAxisProps={yAxis}
            valueFormatter={(v) => percentText(v)}
            getBarColor={(v) => (r.targetPercent !== null && v >= r.targetPercent ? 'red.6' : 'teal.6')}
            referenceLines={[
              ...(r.targetPercent !== null
                ? [
                    {
                      x: r.targetPercent,
                      color: 'red.7',
                      label: t('disiplin.dashboard.targetLine', { target: percentText(r.targetPercent) }),
                      labelPosition: 'insideTopRight' as const,
                      strokeDasharray: '4 4',
                    },
                  ]
                : []),
              ...(r.total.sanctionedPercent
                ? [
                    {
                      x: r.total.sanctionedPercent,
                      color: 'gray.6',
                      label: t('disiplin.dashboard.regionLine', {
                        value: percentText(r.total.sanctionedPercent),
                      }),
                      labelPosition: 'insideBottomRight' as const,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <Card withBorder radius="md" padding="sm" data-testid="chart-stages">
        <Title order={5} mb="xs">
          {t('disiplin.dashboard.byStage')}
        </Title>
        {r.rows.length === 0 ? (
          <EmptyState title={t('disiplin.dashboard.noRows')} />
        ) : (
          <BarChart
            h={rowsHeight}
            data={r.rows.map((row) => ({ unit: row.unitName, ...stageCounts(row) }))}
            dataKey="unit"
            type="stacked"
            orientation="vertical"
            yAxisProps={yAxis}
            xAxisProps={{ allowDecimals: false }}
            withLegend
            legendProps={{ verticalAlign: 'bottom', height: 40 }}
            series={(Object.keys(STAGE_GROUPS) as StageGroup[]).map((g) => ({
              name: g,
              label: t(`disiplin.dashboard.stages.${g}`),
              color: STAGE_COLORS[g],
            }))}
          />
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder radius="md" padding="sm" data-testid="chart-levels">
          <Title order={5} mb="xs">
            {t('disiplin.dashboard.byLevel')}
          </Title>
          <BarChart
            h={200}
            data={(['ringan', 'sedang', 'berat'] as const).map((l) => ({
              level: t(`disiplin.levels.${l}`),
              cases: r.total.byLevel[l],
              inForce: r.total.sanctionsInForce[l],
            }))}
            dataKey="level"
            withLegend
            yAxisProps={{ allowDecimals: false }}
            series={[
              { name: 'cases', label: t('disiplin.dashboard.casesOpened'), color: 'blue.6' },
              { name: 'inForce', label: t('disiplin.dashboard.inForce'), color: 'red.6' },
            ]}
          />
        </Card>
        <Card withBorder radius="md" padding="sm" data-testid="chart-age">
          <Title order={5} mb="xs">
            {t('disiplin.dashboard.byAge')}
          </Title>
          <BarChart
            h={200}
            data={r.ageBuckets.map((b) => ({ age: b.label, count: b.count }))}
            dataKey="age"
            xAxisProps={{ interval: 0 }}
            yAxisProps={{ allowDecimals: false }}
            series={[{ name: 'count', label: t('disiplin.dashboard.openCases'), color: 'grape.6' }]}
          />
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function OverdueTable({ r }: { r: Registry }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="overdue-steps">
      <Title order={5} mb="xs">
        {t('disiplin.dashboard.overdueTitle')}
      </Title>
      {r.overdue.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disiplin.dashboard.noOverdue')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('disiplin.cols.case')}</Table.Th>
                <Table.Th>{t('disiplin.cols.unit')}</Table.Th>
                <Table.Th>{t('disiplin.cols.next')}</Table.Th>
                <Table.Th ta="right">{t('disiplin.dashboard.daysOverdue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.overdue.map((o) => (
                <Table.Tr key={o.caseId} data-case-id={o.caseId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/disiplin/kasus/${o.caseId}`} size="sm">
                      {o.caseNumber}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {o.employeeName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{o.unitName}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{o.step ?? o.stateLabel}</Text>
                    <Text size="xs" c="red.7">
                      {t('disiplin.bound.onOrBefore', { date: formatDate(o.due) })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" c="red.7" fw={700}>
                    {o.daysOverdue}
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

function OpdTable({ r }: { r: Registry }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder striped fz="sm" data-testid="registry-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('disiplin.cols.unit')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.employees')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.casesOpened')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.open')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.overdue')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.inForce')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.tkIndications')}</Table.Th>
            <Table.Th ta="right">{t('disiplin.dashboard.share')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...r.rows, r.total].map((row) => {
            const inForce =
              row.sanctionsInForce.ringan + row.sanctionsInForce.sedang + row.sanctionsInForce.berat;
            const color = shareColor(row.sanctionedPercent, r.targetPercent);
            return (
              <Table.Tr
                key={row.unitId ?? 'total'}
                fw={row.unitId ? undefined : 700}
                data-unit-id={row.unitId ?? 'total'}
              >
                <Table.Td>
                  {row.unitId ? (
                    <Anchor component={Link} to={`/disiplin/kasus?unitId=${row.unitId}`} size="sm">
                      {row.unitName}
                    </Anchor>
                  ) : (
                    row.unitName
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(row.activeEmployees)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.casesOpened)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.casesOpen)}</Table.Td>
                <Table.Td ta="right" c={row.overdueSteps > 0 ? 'red.7' : undefined}>
                  {formatNumber(row.overdueSteps)}
                </Table.Td>
                <Table.Td ta="right">{formatNumber(inForce)}</Table.Td>
                <Table.Td ta="right">{formatNumber(row.tkIndications)}</Table.Td>
                <Table.Td ta="right" c={`${color}.8`} fw={600}>
                  {percentText(row.sanctionedPercent)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * Dasbor disiplin (/disiplin/dasbor) for BKD, the Inspektorat, the Sekda and heads: the share of employees with a
 * sanction this year per OPD against the region's target ("indisipliner < 1%") and the region's figure; cases by
 * OPD and stage, by level, by age; overdue steps; sanctions in force; the per-OPD table; exports (registry, cases,
 * SIASN riwayat hukdis).
 */
export function DisiplinDasborPage() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<string | null>(null);
  const query = useRegistry({ year, unitId: unitId ?? undefined });
  const r = query.data;
  return (
    <>
      <PageHeader
        title={t('disiplin.dashboard.title')}
        subtitle={
          r
            ? t('disiplin.dashboard.subtitle', {
                scope: r.unit?.name ?? t('disiplin.dashboard.allScope'),
                year: r.year,
                date: formatDate(r.today),
              })
            : undefined
        }
        actions={<ExportMenu year={year} unitId={unitId ?? undefined} />}
      />
      <Group mb="md" wrap="wrap" gap="xs">
        <Select
          aria-label={t('disiplin.filters.year')}
          data={[thisYear - 2, thisYear - 1, thisYear].map(String)}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          allowDeselect={false}
          w={110}
        />
        <UnitSelect value={unitId} onChange={setUnitId} placeholder={t('disiplin.filters.unit')} w={300} />
      </Group>
      {query.isLoading && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {r && (
        <Stack gap="md" data-testid="discipline-dashboard">
          <Figures r={r} />
          <Charts r={r} />
          <OverdueTable r={r} />
          <Card withBorder radius="md" padding="sm">
            <Title order={5} mb="xs">
              {t('disiplin.dashboard.table')}
            </Title>
            <OpdTable r={r} />
          </Card>
        </Stack>
      )}
    </>
  );
}
