import { BarChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Card,
  Drawer,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconArrowLeft, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useRun, useRunLine, useRunLines, type RunDetail, type RunLineList } from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { PersonLine, todayLocal } from '../../components/discipline/parts.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RunStatusBadge, TppLineView } from '../../components/tpp/TppLineView.tsx';
import { amountSteps, budgetShare, causeChartData } from '../../components/tpp/tpp-view.ts';
import { formatNip, formatNumber, formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { RunActionsCard, RunTimeline, VerifyButton } from './RunActions.tsx';
import { RunCorrectionsCard } from './RunCorrectionsCard.tsx';
import { RunFinanceCard } from '../../components/tpp/finance/RunFinanceCard.tsx';
import { RunObjectionsCard } from '../../components/tpp/objections/RunObjectionsCard.tsx';
import { useTppTreasurer } from '../../components/tpp/finance/treasurer.tsx';

type LineRow = RunLineList['items'][number];

const PHONE = '(max-width: 47.99em)';

/** The run's totals: employees, the amounts from base to net, the pagu, the rulebook and tariff source. */
function TotalsCard({ run, verify = true }: { run: RunDetail; verify?: boolean }) {
  const { t } = useTranslation();
  const a = run.totals.amounts;
  const share = budgetShare(a.gross, run.totals.budget);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-totals">
      <Title order={3} size="h5" mb="xs">
        {t('tpp.run.totals')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mb="sm">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('tpp.run.employees')}
          </Text>
          <Text fw={750} fz={22} data-testid="tpp-run-employees">
            {formatNumber(run.totals.employees)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('tpp.run.paidOf', {
              paid: formatNumber(run.totals.paid),
              excluded: formatNumber(run.totals.excluded),
            })}
          </Text>
          {run.totals.kinerjaNotFinal > 0 && (
            <Text size="xs" c="orange.8">
              {t('tpp.run.kinerjaNotFinal', { n: run.totals.kinerjaNotFinal })}
            </Text>
          )}
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('tpp.amounts.net')}
          </Text>
          <Text fw={750} fz={22} data-testid="tpp-run-net" data-value={a.net}>
            {formatRupiah(a.net)}
          </Text>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('tpp.run.budget')}
          </Text>
          {run.totals.budget ? (
            <>
              <Text fw={650} size="sm">
                {formatRupiah(run.totals.budget.amount)}
              </Text>
              {share !== null && (
                <Text size="xs" c="dimmed">
                  {t('tpp.run.budgetShare', { share: `${(share * 100).toFixed(1).replace('.', ',')}%` })}
                </Text>
              )}
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('tpp.run.budgetNone')}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      <Table verticalSpacing={4} horizontalSpacing="xs">
        <Table.Tbody>
          {amountSteps(a).map((s) => (
            <Table.Tr key={s.key} data-amount={s.key} data-value={s.amount}>
              <Table.Td fw={s.sign === '=' ? 700 : undefined}>{t(`tpp.amounts.${s.key}`)}</Table.Td>
              <Table.Td ta="right" fw={s.sign === '=' ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
                {s.sign === '-' && s.amount > 0 ? '− ' : ''}
                {formatRupiah(s.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-amount="bpjsEmployer" data-value={a.bpjsEmployer}>
            <Table.Td c="dimmed">{t('tpp.amounts.bpjsEmployer')}</Table.Td>
            <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatRupiah(a.bpjsEmployer)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Stack gap={2} mt="xs">
        <Text size="xs" c="dimmed">
          {t('tpp.run.rulebook')}: {run.rulebook.name} {run.rulebook.version} · {t('tpp.run.tariffSource')}:{' '}
          {run.tariffSource.kind === 'table'
            ? t('tpp.run.tariffTable', { ref: run.tariffSource.perkadaRef })
            : t('tpp.run.tariffRulebook')}
        </Text>
        {run.rulebook.isExample && (
          <Text size="xs" c="orange.8">
            {t('tpp.run.exampleRulebook')}
          </Text>
        )}
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {t('tpp.run.hashes')}: {run.inputsHash.slice(0, 12)} / {run.resultHash.slice(0, 12)}
        </Text>
        {verify && <VerifyButton run={run} />}
      </Stack>
    </Card>
  );
}

/** Deductions by cause (lateness, early leave, TK, apel, reports, other, sanctions) as a bar chart. */
function CauseChart({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const data = causeChartData(run.totals.byCause).map((d) => ({
    cause: t(`tpp.causes.${d.cause}`),
    amount: d.amount,
  }));
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-causes">
      <Title order={3} size="h5" mb="xs">
        {t('tpp.run.byCause')}
      </Title>
      {data.length === 0 ? (
        <EmptyState title={t('tpp.run.noDeductions')} />
      ) : (
        <BarChart
          h={Math.max(160, data.length * 36 + 40)}
          data={data}
          dataKey="cause"
          orientation="vertical"
          yAxisProps={{ width: 150, interval: 0 }}
          series={[{ name: 'amount', label: t('tpp.run.byCause'), color: 'orange.6' }]}
          valueFormatter={(v) => formatRupiah(v)}
          gridAxis="x"
        />
      )}
      <Group gap={6} mt="xs" wrap="wrap">
        {causeChartData(run.totals.byCause).map((d) => (
          <Badge key={d.cause} variant="light" color="gray" data-cause={d.cause} data-value={d.amount}>
            {d.cause} {formatRupiah(d.amount)}
          </Badge>
        ))}
      </Group>
    </Card>
  );
}

/** The lines, searchable by name or NIP, paginated; a row opens the employee's breakdown (not for the treasurer). */
function LinesCard({ run, onOpen }: { run: RunDetail; onOpen?: ((employeeId: string) => void) | undefined }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const lines = useRunLines(run.id, { q: debounced || undefined, page, pageSize });
  const columns: Column<LineRow>[] = [
    {
      key: 'employee',
      header: t('tpp.run.cols.employee'),
      card: 'title',
      render: (r) => (
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <PersonLine
            name={r.name}
            nip={r.nip ? formatNip(r.nip) : null}
            extra={[r.golongan, r.positionName].filter(Boolean).join(' · ')}
          />
          {r.excluded && (
            <Badge color="gray" variant="light" size="sm" title={r.exclusionCode ?? undefined}>
              {t('tpp.run.excludedBadge')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'kelas', header: t('tpp.run.cols.kelas'), align: 'right', render: (r) => r.kelas ?? '—' },
    { key: 'base', header: t('tpp.run.cols.base'), align: 'right', render: (r) => formatRupiah(r.base) },
    {
      key: 'deductions',
      header: t('tpp.run.cols.deductions'),
      align: 'right',
      render: (r) => formatRupiah(r.deductions + r.sanctionCut),
    },
    {
      key: 'net',
      header: t('tpp.run.cols.net'),
      align: 'right',
      render: (r) => (
        <Text size="sm" fw={650}>
          {formatRupiah(r.net)}
        </Text>
      ),
    },
  ];
  return (
    <Stack gap="xs" data-testid="tpp-run-lines">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Title order={3} size="h5">
          {t('tpp.run.lines')}
        </Title>
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('tpp.search')}
          aria-label={t('tpp.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 260 }}
          data-testid="tpp-lines-search"
        />
      </Group>
      {lines.isLoading && <LoadingState />}
      {lines.isError && <ErrorState error={lines.error} onRetry={() => void lines.refetch()} />}
      {lines.data && (
        <DataTable
          testId="tpp-lines-table"
          columns={columns}
          rows={lines.data.items}
          rowKey={(r) => r.employeeId}
          rowProps={(r) => ({ 'data-employee-id': r.employeeId, 'data-net': String(r.net) })}
          {...(onOpen ? { onRowClick: (r: LineRow) => onOpen(r.employeeId) } : {})}
          fetching={lines.isFetching}
          phone="cards"
          cardColumns={2}
          emptyTitle={t('tpp.run.linesEmpty')}
          pagination={{
            page: lines.data.page,
            pageSize: lines.data.pageSize,
            total: lines.data.total,
            onPageChange: setPage,
            onPageSizeChange: (s) => {
              setPageSize(s);
              setPage(1);
            },
          }}
        />
      )}
    </Stack>
  );
}

/** One employee's breakdown in a drawer (full screen on a phone); its address is `?pegawai=<id>`. */
function LineDrawer({
  runId,
  employeeId,
  onClose,
}: {
  runId: string;
  employeeId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE, false, { getInitialValueInEffect: false }) ?? false;
  const line = useRunLine(runId, employeeId);
  return (
    <Drawer
      opened={employeeId !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'xl'}
      title={t('tpp.run.line')}
      data-testid="tpp-line-drawer"
    >
      {line.isLoading && <LoadingState />}
      {line.isError && <ErrorState error={line.error} onRetry={() => void line.refetch()} />}
      {line.data && <TppLineView line={line.data} today={todayLocal()} />}
    </Drawer>
  );
}

/**
 * One run (/tpp/proses/:id): its status and version, the steps the caller may take (with confirmation, the objection
 * window and the reasons an approval must wait), the totals against the pagu, deductions by cause, the lines and
 * each line's breakdown (`?pegawai=`), and the timeline. The designated treasurer of the unit (no TPP reading role)
 * sees it read-only: the figures, the lines and the finance downloads, no step, objection, verification or breakdown.
 */
export function TppRunDetailPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const run = useRun(id);
  const { readOnly } = useTppTreasurer();
  const employeeId = readOnly ? null : params.get('pegawai');
  const openLine = (e: string | null) => {
    const next = new URLSearchParams(params);
    if (e) next.set('pegawai', e);
    else next.delete('pegawai');
    setParams(next);
  };
  const back = (
    <Anchor component={Link} to="/tpp/proses" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t('tpp.run.back')}
      </Group>
    </Anchor>
  );
  if (run.isLoading) return <LoadingState minHeight={320} />;
  if (run.isError || !run.data)
    return (
      <>
        <PageHeader title={t('tpp.runs.title')} above={back} />
        <ErrorState error={run.error} onRetry={() => void run.refetch()} />
      </>
    );
  const r = run.data;
  return (
    <>
      <PageHeader
        above={back}
        title={t('tpp.run.title', { unit: r.unitName, month: monthLabel(r.month) })}
        subtitle={
          <Group gap="xs" component="span">
            <RunStatusBadge status={r.status} label={r.statusLabel} />
            <span>{t('tpp.run.version', { version: r.version })}</span>
          </Group>
        }
      />
      <Grid gap="md" data-testid="tpp-run" data-run-id={r.id} data-status={r.status}>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {readOnly ? (
              <Alert color="blue" data-testid="tpp-treasurer-readonly">
                {t('tppTreasurer.readOnly')}
              </Alert>
            ) : (
              <>
                <RunActionsCard run={r} />
                <RunObjectionsCard run={r} />
                <RunCorrectionsCard run={r} />
              </>
            )}
            <RunFinanceCard run={r} treasurerView={readOnly} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <TotalsCard run={r} verify={!readOnly} />
              <CauseChart run={r} />
            </SimpleGrid>
            <LinesCard run={r} onOpen={readOnly ? undefined : openLine} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <RunTimeline run={r} />
        </Grid.Col>
      </Grid>
      {!readOnly && <LineDrawer runId={r.id} employeeId={employeeId} onClose={() => openLine(null)} />}
    </>
  );
}
