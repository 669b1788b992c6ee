import { LineChart, Sparkline } from '@mantine/charts';
import { Anchor, Box, Button, Group, List, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconChartBar, IconDeviceDesktopAnalytics } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HomeLeaders } from '../../api/dashboard.ts';
import { useTodayUnits } from '../../api/today.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { complianceLine, HomeCard, percent, Section, shareColor } from './home-ui.tsx';

/** How many units a ranking shows on the home page (the whole list is one click away). */
const RANKED = 8;

/**
 * Units ranked by a compliance share, worst first: one row each with its name, a bar and the share (a list, not a
 * chart, so long unit names wrap on a phone). `to` makes each name a link.
 */
function Ranking({
  rows,
  testId,
  to,
}: {
  rows: { unitId: string; unitName: string; compliance: number | null; direct?: boolean }[];
  testId: string;
  to?: (row: { unitId: string; direct?: boolean }) => string;
}) {
  return (
    <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid={testId}>
      {rows.slice(0, RANKED).map((r) => (
        <Box component="li" key={r.unitId} data-unit-id={r.unitId} data-share={r.compliance ?? ''}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            {to ? (
              <Anchor component={Link} to={to(r)} size="xs" lineClamp={1} c="var(--mantine-color-text)">
                {r.unitName}
              </Anchor>
            ) : (
              <Text size="xs" lineClamp={1}>
                {r.unitName}
              </Text>
            )}
            <Text size="xs" fw={700} c={`${shareColor(r.compliance)}.8`} style={{ flexShrink: 0 }}>
              {percent(r.compliance)}
            </Text>
          </Group>
          <Progress
            value={(r.compliance ?? 0) * 100}
            color={shareColor(r.compliance)}
            size="sm"
            radius="xl"
            aria-hidden
          />
        </Box>
      ))}
    </Stack>
  );
}

/** Today, per sub-unit of the leader's unit (the today view), worst first. */
function TodayRanking({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const units = useTodayUnits(unitId, true);
  return (
    <HomeCard
      title={t('home.leaders.today')}
      to="/kehadiran"
      linkLabel={t('home.today.open')}
      testId="home-leaders-today"
    >
      {units.isPending ? (
        <Skeleton h={200} />
      ) : units.isError ? (
        <Stack gap={4} data-testid="home-leaders-today-error">
          <Text size="sm" c="dimmed">
            {t('home.today.unavailable')}
          </Text>
          <ErrorState error={units.error} onRetry={() => void units.refetch()} compact />
        </Stack>
      ) : units.data.rows.length === 0 ? (
        <EmptyState title={t('home.today.emptyTitle')} description={t('home.today.empty')} />
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" data-testid="home-leaders-today-compliance">
              {complianceLine(t, units.data.summary)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('home.updated', { time: formatDateTime(units.data.generatedAt) })}
            </Text>
          </Group>
          <Ranking
            testId="home-leaders-today-ranking"
            to={(r) => `/kehadiran?unit=${r.unitId}${r.direct ? '&sendiri=1' : ''}`}
            rows={units.data.rows.map((r) => ({
              unitId: r.unitId,
              unitName: r.direct ? t('today.ownStaff', { unit: r.unitName }) : r.unitName,
              compliance: r.summary.compliance,
              direct: r.direct,
            }))}
          />
        </Stack>
      )}
    </HomeCard>
  );
}

/** BKD and the Sekda (pimpinan): OPDs ranked today and this month, the trend, the outliers. */
export function LeadersSection({ data }: { data: HomeLeaders }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const trend = data.trend.map((p) => ({
    month: monthLabel(p.month).replace(/^(\S{3})\S*/, '$1'),
    compliance: p.compliance === null ? null : Math.round(p.compliance * 1000) / 10,
    tk: p.tkDays,
  }));
  const hasTrend = data.trend.some((p) => p.compliance !== null);
  return (
    <Section
      title={t('home.leaders.title', { unit: data.unit.name })}
      subtitle={t('home.leaders.subtitle', {
        month: monthLabel(data.month),
        share: percent(data.compliance),
      })}
      icon={IconChartBar}
      testId="home-section-leaders"
      actions={
        <Button
          component={Link}
          to="/ruang-kendali"
          variant="light"
          size="xs"
          leftSection={<IconDeviceDesktopAnalytics size={16} />}
          data-testid="home-leaders-command-centre"
        >
          {t('commandCentre.open')}
        </Button>
      }
    >
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <TodayRanking unitId={data.unit.id} />
        <HomeCard
          title={t('home.leaders.month', { month: monthLabel(data.month) })}
          to="/rekap/unit"
          linkLabel={t('home.unit.openRecap')}
          testId="home-leaders-month"
        >
          {data.units.every((u) => u.compliance === null) ? (
            <EmptyState title={t('home.leaders.noDataTitle')} description={t('home.leaders.noData')} />
          ) : (
            <Stack gap="xs">
              <Text size="sm" data-testid="home-leaders-month-compliance">
                {t('home.leaders.monthLine', { share: percent(data.compliance) })}
              </Text>
              <Ranking
                rows={data.units}
                testId="home-leaders-month-ranking"
                to={(r) => `/rekap/unit?unit=${r.unitId}&bulan=${data.month}`}
              />
              {data.days.length > 1 && (
                <Stack gap={2}>
                  <Text size="xs" c="dimmed">
                    {t('home.leaders.days')}
                  </Text>
                  <Sparkline
                    h={40}
                    data={data.days.map((d) => (d.compliance ?? 0) * 100)}
                    curveType="monotone"
                    color="teal"
                    fillOpacity={0.25}
                    aria-hidden
                  />
                </Stack>
              )}
            </Stack>
          )}
        </HomeCard>
        <HomeCard title={t('home.leaders.trend')} testId="home-leaders-trend">
          {!hasTrend ? (
            <EmptyState title={t('home.leaders.noDataTitle')} description={t('home.leaders.noTrend')} />
          ) : (
            <LineChart
              h={200}
              data={trend}
              dataKey="month"
              series={[{ name: 'compliance', label: t('home.leaders.compliance'), color: 'teal.6' }]}
              yAxisProps={{
                domain: [(min: number) => Math.max(0, Math.floor(min / 10) * 10 - 10), 100],
                width: 36,
              }}
              xAxisProps={{ interval: 0 }}
              valueFormatter={(v) => `${String(v).replace('.', ',')}%`}
              connectNulls
              withDots
              curveType="monotone"
            />
          )}
        </HomeCard>
        <HomeCard title={t('home.leaders.outliers')} testId="home-leaders-outliers">
          {data.outliers.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('home.leaders.noOutliers', { gap: Math.round(data.outlierGap * 100) })}
            </Text>
          ) : (
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('home.leaders.outliersHint', { gap: Math.round(data.outlierGap * 100) })}
              </Text>
              <List size="sm" spacing={4}>
                {data.outliers.map((o) => (
                  <List.Item key={o.unitId} data-testid="home-leaders-outlier">
                    {t('home.leaders.outlierLine', {
                      unit: o.unitName,
                      share: percent(o.compliance),
                      median: percent(o.median),
                    })}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
        </HomeCard>
      </SimpleGrid>
    </Section>
  );
}
