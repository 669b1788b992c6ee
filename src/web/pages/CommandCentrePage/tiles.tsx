import { BarChart, DonutChart, LineChart } from '@mantine/charts';
import { Anchor, Badge, Box, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CommandCentre } from '../../api/command-centre.ts';
import { formatNumber, formatRupiah } from '../../lib/format.ts';
import { percent, shareColor } from '../DashboardPage/home-ui.tsx';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { UnitsMap } from './UnitsMap.tsx';
import { TODAY_CATEGORIES } from '../../../core/oversight/command-centre.ts';

/** One tile: a title, the link to the list behind it, and its figures (or what says it has none). */
export function Tile({
  title,
  to,
  testId,
  children,
  empty,
}: {
  title: ReactNode;
  to: string;
  testId: string;
  children: ReactNode;
  empty?: string | null;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId} style={{ minWidth: 0 }}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <Anchor component={Link} to={to} c="var(--mantine-color-text)" data-testid={`${testId}-link`}>
          <Title order={4} fz="md">
            {title}
          </Title>
        </Anchor>
        <Anchor component={Link} to={to} size="xs" style={{ flexShrink: 0 }}>
          {t('commandCentre.openList')}
        </Anchor>
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" data-testid={`${testId}-empty`}>
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

/** A labelled figure linking to its list. */
function Figure({ label, value, to, color }: { label: string; value: number; to?: string; color?: string }) {
  const body = (
    <Stack gap={0}>
      <Text size="xl" fw={700} c={color}>
        {formatNumber(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
  return to ? (
    <Anchor component={Link} to={to} underline="never" c="var(--mantine-color-text)">
      {body}
    </Anchor>
  ) : (
    body
  );
}

const CHART_COLORS = {
  present: 'teal.6',
  late: 'yellow.6',
  permit: 'blue.5',
  leave: 'indigo.5',
  dinasLuar: 'cyan.5',
  tk: 'red.6',
  notYetIn: 'gray.5',
} as const;

/** Today's attendance per OPD: a stacked bar per OPD and a row each (linking to its list). */
export function TodayTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const rows = cc.today.rows;
  const cats = Object.keys(CHART_COLORS) as (keyof typeof CHART_COLORS)[];
  return (
    <Tile
      title={t('commandCentre.today.title')}
      to={cc.today.link}
      testId="cc-today"
      empty={cc.today.total.total === 0 ? t('commandCentre.today.empty') : null}
    >
      <Stack gap="sm">
        <Text size="sm" data-testid="cc-today-total">
          {t('commandCentre.today.rate', { share: percent(cc.today.total.rate) })} ·{' '}
          {t('commandCentre.today.employees', { n: formatNumber(cc.today.total.total) })}
        </Text>
        <Group gap={6} wrap="wrap">
          {TODAY_CATEGORIES.filter((c) => c in CHART_COLORS || cc.today.total.counts[c] > 0).map((c) => (
            <Badge
              key={c}
              variant="light"
              color={(CHART_COLORS as Record<string, string>)[c]?.split('.')[0] ?? 'gray'}
              size="sm"
              data-testid={`cc-today-${c}`}
            >
              {t(`commandCentre.today.categories.${c}`)} {formatNumber(cc.today.total.counts[c])}
            </Badge>
          ))}
        </Group>
        {rows.length > 1 && rows.some((r) => r.rate !== null) && (
          <BarChart
            h={Math.max(160, rows.length * 34)}
            data={rows.map((r) => ({ unit: r.unitName, ...r.counts }))}
            dataKey="unit"
            type="stacked"
            orientation="vertical"
            yAxisProps={{
              width: 104,
              tickFormatter: (v: string) => (v.length > 15 ? `${v.slice(0, 14)}…` : v),
            }}
            series={cats.map((c) => ({
              name: c,
              label: t(`commandCentre.today.categories.${c}`),
              color: CHART_COLORS[c],
            }))}
            aria-label={t('commandCentre.today.chart')}
          />
        )}
        <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="cc-today-rows">
          {rows.map((r) => (
            <Box component="li" key={r.unitId} data-unit-id={r.unitId}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Anchor component={Link} to={r.link} size="sm" lineClamp={1}>
                  {r.unitName}
                </Anchor>
                {r.usingAbdi ? (
                  <Text size="xs" fw={700} c={`${shareColor(r.rate)}.8`} style={{ flexShrink: 0 }}>
                    {percent(r.rate)}
                  </Text>
                ) : (
                  <Badge color="gray" variant="light" size="sm" data-testid="cc-not-using">
                    {t('commandCentre.today.notUsing')}
                  </Badge>
                )}
              </Group>
              {r.usingAbdi && (
                <Text size="xs" c="dimmed">
                  {TODAY_CATEGORIES.filter((c) => r.counts[c] > 0)
                    .map((c) => `${t(`commandCentre.today.categories.${c}`)} ${r.counts[c]}`)
                    .join(' · ') || t('commandCentre.today.employees', { n: r.total })}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      </Stack>
    </Tile>
  );
}

export function MapTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  return (
    <Tile
      title={t('commandCentre.map.title')}
      to={cc.today.link}
      testId="cc-map-tile"
      empty={cc.map.length === 0 ? t('commandCentre.map.empty') : null}
    >
      <Stack gap={4}>
        <UnitsMap points={cc.map} />
        <Text size="xs" c="dimmed">
          {t('commandCentre.map.hint')}
        </Text>
      </Stack>
    </Tile>
  );
}

export function TrendTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const has = cc.trend.points.some((p) => p.compliance !== null);
  const data = cc.trend.points.map((p) => ({
    month: `${monthLabel(p.month).replace(/^(\S{3})\S*/, '$1')}${p.closed || p.employees === 0 ? '' : '*'}`,
    compliance: p.compliance === null ? null : Math.round(p.compliance * 1000) / 10,
  }));
  return (
    <Tile
      title={t('commandCentre.trend.title')}
      to={cc.trend.link}
      testId="cc-trend"
      empty={has ? null : t('commandCentre.trend.empty')}
    >
      <Stack gap={4}>
        <LineChart
          h={200}
          data={data}
          dataKey="month"
          series={[{ name: 'compliance', label: t('commandCentre.trend.compliance'), color: 'teal.6' }]}
          yAxisProps={{ domain: [0, 100], width: 36 }}
          valueFormatter={(v) => `${String(v).replace('.', ',')}%`}
          connectNulls
          withDots
        />
        {cc.trend.points.some((p) => !p.closed && p.employees > 0) && (
          <Text size="xs" c="dimmed">
            {t('commandCentre.trend.open')}
          </Text>
        )}
      </Stack>
    </Tile>
  );
}

export function LowestTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  return (
    <Tile
      title={t('commandCentre.lowest.title', { month: monthLabel(cc.lowest.month) })}
      to={cc.lowest.link}
      testId="cc-lowest"
      empty={cc.lowest.rows.length === 0 ? t('commandCentre.lowest.empty') : null}
    >
      <Stack gap={6}>
        <Text size="xs" c="dimmed">
          {t('commandCentre.lowest.how')}
          {!cc.lowest.closed && ` ${t('commandCentre.lowest.provisional')}`}
        </Text>
        <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
          {cc.lowest.rows.map((r) => (
            <Box component="li" key={r.unitId} data-testid="cc-lowest-row" data-share={r.compliance}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Anchor component={Link} to={r.link} size="sm" lineClamp={1}>
                  {r.rank}. {r.unitName}
                </Anchor>
                <Text size="xs" fw={700} c={`${shareColor(r.compliance)}.8`}>
                  {percent(r.compliance)}
                </Text>
              </Group>
              <Progress value={r.compliance * 100} color={shareColor(r.compliance)} size="sm" aria-hidden />
              <Text size="xs" c="dimmed">
                {t('commandCentre.lowest.line', {
                  onTime: formatNumber(r.onTimeDays),
                  working: formatNumber(r.workingDays),
                })}
              </Text>
            </Box>
          ))}
        </Stack>
      </Stack>
    </Tile>
  );
}

export function InspectionsTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const i = cc.inspections;
  return (
    <Tile
      title={t('commandCentre.inspections.title')}
      to={i.link}
      testId="cc-inspections"
      empty={i.empty ? t('commandCentre.inspections.empty') : null}
    >
      <SimpleGrid cols={2} spacing="xs">
        <Figure label={t('commandCentre.inspections.planned')} value={i.planned} to={i.link} />
        <Figure label={t('commandCentre.inspections.inProgress')} value={i.inProgress} to={i.link} />
        <Figure
          label={t('commandCentre.inspections.followUpsOpen')}
          value={i.followUpsOpen}
          to={i.overdueLink}
        />
        <Figure
          label={t('commandCentre.inspections.followUpsOverdue')}
          value={i.followUpsOverdue}
          to={i.overdueLink}
          color={i.followUpsOverdue > 0 ? 'red.7' : undefined}
        />
      </SimpleGrid>
    </Tile>
  );
}

const STATUS_COLORS: Record<string, string> = {
  DITERIMA: 'yellow.6',
  DITERUSKAN: 'blue.6',
  DIJAWAB: 'teal.6',
  DITOLAK: 'gray.5',
};

export function ComplaintsTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const c = cc.complaints;
  const donut = Object.entries(c.byStatus)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => ({
      name: t(`complaints.statuses.${s}` as never) as string,
      value: n,
      color: STATUS_COLORS[s] ?? 'gray.5',
    }));
  return (
    <Tile
      title={t('commandCentre.complaints.title')}
      to={c.link}
      testId="cc-complaints"
      empty={c.empty ? t('commandCentre.complaints.empty') : null}
    >
      <Stack gap="xs">
        <Group gap="md" wrap="nowrap" align="center">
          <DonutChart data={donut} size={110} thickness={18} withTooltip aria-hidden />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" fw={700}>
              {t('commandCentre.complaints.open', { n: c.open })}
            </Text>
            <Text size="sm" c={c.slaBreaches > 0 ? 'red.7' : 'dimmed'} data-testid="cc-complaints-sla">
              {t('commandCentre.complaints.slaBreaches', { n: c.slaBreaches })}
            </Text>
            {donut.map((d) => (
              <Text size="xs" key={d.name}>
                {d.name}: {d.value}
              </Text>
            ))}
          </Stack>
        </Group>
        <Text size="xs" c="dimmed">
          {t('commandCentre.complaints.ages')}
        </Text>
        <BarChart
          h={120}
          data={Object.entries(c.ages).map(([bucket, n]) => ({ bucket, n }))}
          dataKey="bucket"
          series={[{ name: 'n', label: t('commandCentre.complaints.title'), color: 'orange.6' }]}
          yAxisProps={{ allowDecimals: false, width: 28 }}
        />
      </Stack>
    </Tile>
  );
}

export function DisciplineTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const d = cc.discipline;
  return (
    <Tile
      title={t('commandCentre.discipline.title')}
      to={d.link}
      testId="cc-discipline"
      empty={d.empty ? t('commandCentre.discipline.empty') : null}
    >
      <Stack gap="xs">
        <Text size="sm" fw={700}>
          {t('commandCentre.discipline.open', { n: d.open })}
        </Text>
        <BarChart
          h={Math.max(120, d.byStage.length * 26)}
          data={d.byStage.map((s) => ({
            stage: t(`disiplin.states.${s.stage}` as never) as string,
            count: s.count,
          }))}
          dataKey="stage"
          orientation="vertical"
          yAxisProps={{ width: 130 }}
          xAxisProps={{ allowDecimals: false }}
          series={[{ name: 'count', label: t('commandCentre.discipline.title'), color: 'grape.6' }]}
        />
      </Stack>
    </Tile>
  );
}

export function KinerjaTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const k = cc.kinerja;
  return (
    <Tile
      title={t('commandCentre.kinerja.title')}
      to={k.link}
      testId="cc-kinerja"
      empty={k.empty ? t('commandCentre.kinerja.empty') : null}
    >
      <SimpleGrid cols={2} spacing="xs">
        <Figure label={t('commandCentre.kinerja.waiting')} value={k.waiting} to={k.link} />
        <Figure
          label={t('commandCentre.kinerja.overdue', { days: k.verifyWithinDays ?? '—' })}
          value={k.overdue}
          to={k.link}
          color={k.overdue > 0 ? 'red.7' : undefined}
        />
      </SimpleGrid>
    </Tile>
  );
}

export function TppTile({ cc }: { cc: CommandCentre }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const p = cc.tpp;
  return (
    <Tile
      title={t('commandCentre.tpp.title')}
      to={p.link}
      testId="cc-tpp"
      empty={p.empty ? t('commandCentre.tpp.empty') : null}
    >
      <Stack gap="xs">
        <Text size="sm">
          {p.month ? t('commandCentre.tpp.month', { month: monthLabel(p.month) }) : ''} ·{' '}
          <b data-testid="cc-tpp-total">{t('commandCentre.tpp.total', { amount: formatRupiah(p.total) })}</b>
        </Text>
        <BarChart
          h={Math.max(140, p.byCause.length * 24)}
          data={p.byCause.map((c) => ({
            cause: t(`tpp.causes.${c.cause}` as never) as string,
            amount: c.amount,
          }))}
          dataKey="cause"
          orientation="vertical"
          yAxisProps={{ width: 120 }}
          valueFormatter={(v) => formatRupiah(v)}
          series={[{ name: 'amount', label: 'Rp', color: 'red.6' }]}
        />
      </Stack>
    </Tile>
  );
}
