import { BarChart, DonutChart } from '@mantine/charts';
import {
  Button,
  Card,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import {
  IconBuildingCommunity,
  IconFileImport,
  IconShieldCheck,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useDashboard } from '../../api/dashboard.ts';
import { isApiError } from '../../api/http.ts';
import type { DashboardSummary, EmployeeType } from '../../api/types.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';

const TYPE_COLORS: Record<EmployeeType, string> = {
  PNS: 'teal.6',
  CPNS: 'cyan.5',
  PPPK: 'indigo.5',
  PPPK_PARUH_WAKTU: 'violet.4',
  NON_ASN: 'gray.5',
};
const TYPES = Object.keys(TYPE_COLORS) as EmployeeType[];

function StatCard({
  label,
  value,
  icon: IconComponent,
  color,
  testId,
}: {
  label: string;
  value: number;
  icon: Icon;
  color: string;
  testId: string;
}) {
  return (
    <Card padding="md" data-testid={testId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: 0.3 }}>
            {label}
          </Text>
          <Text fz={{ base: 24, sm: 28 }} fw={700} lh={1.2}>
            {formatNumber(value)}
          </Text>
        </Stack>
        <ThemeIcon variant="light" color={color} size={40} radius="md">
          <IconComponent size={22} stroke={1.6} />
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function Charts({ data }: { data: DashboardSummary }) {
  const { t } = useTranslation();
  const donut = TYPES.map((type) => ({
    name: t(`employeeTypes.${type}`),
    value: data.byType[type] ?? 0,
    color: TYPE_COLORS[type],
  })).filter((cell) => cell.value > 0);
  const bars = data.byUnit.slice(0, 10).map((row) => ({ unitName: row.unitName, count: row.count }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Card padding="lg">
        <Title order={4} mb="md">
          {t('dashboard.byType')}
        </Title>
        {donut.length === 0 ? (
          <EmptyState description={t('dashboard.noChartData')} />
        ) : (
          <Group justify="center" gap="xl" wrap="wrap">
            <DonutChart
              data={donut}
              size={180}
              thickness={28}
              withTooltip
              tooltipDataSource="segment"
              chartLabel={formatNumber(data.employees)}
              valueFormatter={formatNumber}
            />
            <Stack gap={6}>
              {donut.map((cell) => (
                <Group key={cell.name} gap={8} wrap="nowrap">
                  <ThemeIcon size={10} radius="xl" color={cell.color} />
                  <Text size="sm">{cell.name}</Text>
                  <Text size="sm" fw={600} ml="auto">
                    {formatNumber(cell.value)}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        )}
      </Card>
      <Card padding="lg">
        <Title order={4} mb="md">
          {t('dashboard.byUnit')}
        </Title>
        {bars.length === 0 ? (
          <EmptyState description={t('dashboard.noChartData')} />
        ) : (
          <BarChart
            h={Math.max(200, bars.length * 34)}
            data={bars}
            dataKey="unitName"
            orientation="vertical"
            yAxisProps={{
              width: 140,
              tickFormatter: (v: string) => (v.length > 20 ? `${v.slice(0, 19)}…` : v),
            }}
            series={[{ name: 'count', label: t('dashboard.count'), color: 'teal.6' }]}
            valueFormatter={formatNumber}
            gridAxis="x"
          />
        )}
      </Card>
    </SimpleGrid>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const dashboard = useDashboard();
  const user = me.data?.user;
  const forbidden = isApiError(dashboard.error) && dashboard.error.code === 'FORBIDDEN';

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={`${t('dashboard.welcome', { name: user?.displayName ?? '' })} · ${formatDate(new Date().toISOString())}`}
        actions={
          user?.employeeId ? (
            <Button
              component={Link}
              to={`/pegawai/${user.employeeId}`}
              variant="light"
              leftSection={<IconUserCircle size={16} />}
            >
              {t('dashboard.myProfile')}
            </Button>
          ) : undefined
        }
      />
      {dashboard.isPending ? (
        <Stack>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} h={92} radius="md" />
            ))}
          </SimpleGrid>
          <Skeleton h={280} radius="md" />
        </Stack>
      ) : dashboard.isError ? (
        forbidden ? (
          <Paper withBorder p="lg">
            <Text>{t('dashboard.welcome', { name: user?.displayName ?? '' })}</Text>
          </Paper>
        ) : (
          <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
        )
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md">
            <StatCard
              testId="stat-units"
              label={t('dashboard.units')}
              value={dashboard.data.units}
              icon={IconBuildingCommunity}
              color="indigo"
            />
            <StatCard
              testId="stat-employees"
              label={t('dashboard.employees')}
              value={dashboard.data.employees}
              icon={IconUsers}
              color="teal"
            />
            <StatCard
              testId="stat-subordinates"
              label={t('dashboard.subordinates')}
              value={dashboard.data.subordinates}
              icon={IconUsersGroup}
              color="cyan"
            />
            <StatCard
              testId="stat-audit"
              label={t('dashboard.auditToday')}
              value={dashboard.data.auditToday}
              icon={IconShieldCheck}
              color="grape"
            />
            <StatCard
              testId="stat-imports"
              label={t('dashboard.imports')}
              value={dashboard.data.imports}
              icon={IconFileImport}
              color="orange"
            />
          </SimpleGrid>
          <Charts data={dashboard.data} />
        </Stack>
      )}
    </>
  );
}
