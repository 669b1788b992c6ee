import { Button, Group, Select, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { currentMonth } from '../../api/recap.ts';
import { recapExportUrl, useFinanceRecap } from '../../api/tpp-finance.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RunStatusBadge } from '../../components/tpp/TppLineView.tsx';
import { addMonths, monthsBack } from '../../components/tpp/tpp-view.ts';
import { formatNumber, formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

/**
 * Rekap TPP per OPD (/tpp/rekap, issue 17 point 5): for BKD, the BPKAD and readers in scope, one row per OPD run of
 * the month with its figures, the pagu and its share used so far; the totals; the XLSX.
 */
export function TppRekapPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const [month, setMonth] = useState<string>(addMonths(currentMonth(), -1));
  const q = useFinanceRecap(month);
  const rp = formatRupiah;
  return (
    <>
      <PageHeader
        title={t('tppFinance.recapTitle')}
        subtitle={t('tppFinance.recapSubtitle')}
        actions={
          <Button
            component="a"
            href={recapExportUrl(month, 'xlsx')}
            leftSection={<IconFileSpreadsheet size={16} />}
            variant="light"
            data-testid="tpp-recap-xlsx"
          >
            {t('tppFinance.recapXlsx')}
          </Button>
        }
      />
      <Group mb="md">
        <Select
          label={t('tppFinance.month')}
          data={monthsBack(currentMonth(), 25).map((m) => ({ value: m, label: monthLabel(m) }))}
          value={month}
          onChange={(v) => v && setMonth(v)}
          allowDeselect={false}
          data-testid="tpp-recap-month"
        />
      </Group>
      {q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.rows.length === 0 ? (
        <EmptyState title={t('tppFinance.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped verticalSpacing={4} data-testid="tpp-recap">
            <Table.Thead>
              <Table.Tr>
                {(
                  [
                    'unit',
                    'status',
                    'employees',
                    'base',
                    'deductions',
                    'sanctionCut',
                    'bpjs',
                    'tax',
                    'net',
                    'budget',
                    'used',
                  ] as const
                ).map((k) => (
                  <Table.Th key={k} ta={k === 'unit' || k === 'status' ? undefined : 'right'}>
                    {t(`tppFinance.cols.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.rows.map((r) => (
                <Table.Tr key={r.runId} data-run-id={r.runId}>
                  <Table.Td>
                    <Link to={`/tpp/proses/${r.runId}`}>{r.unitName}</Link>
                  </Table.Td>
                  <Table.Td>
                    <RunStatusBadge status={r.status} label={r.statusLabel} />
                  </Table.Td>
                  <Table.Td ta="right">
                    {formatNumber(r.paid)} / {formatNumber(r.employees)}
                  </Table.Td>
                  <Table.Td ta="right">{rp(r.base)}</Table.Td>
                  <Table.Td ta="right">{rp(r.deductions)}</Table.Td>
                  <Table.Td ta="right">{rp(r.sanctionCut)}</Table.Td>
                  <Table.Td ta="right">
                    {rp(r.bpjsEmployer)} / {rp(r.bpjsEmployee)}
                  </Table.Td>
                  <Table.Td ta="right">{rp(r.tax)}</Table.Td>
                  <Table.Td ta="right" fw={650}>
                    {rp(r.net)}
                  </Table.Td>
                  <Table.Td ta="right">{r.budget === null ? '-' : rp(r.budget)}</Table.Td>
                  <Table.Td ta="right">
                    {rp(r.usedToDate)}
                    {r.usedPercent !== null && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({String(r.usedPercent).replace('.', ',')}%)
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr fw={700}>
                <Table.Td>{t('tppFinance.total')}</Table.Td>
                <Table.Td />
                <Table.Td ta="right">
                  {formatNumber(q.data.totals.paid)} / {formatNumber(q.data.totals.employees)}
                </Table.Td>
                <Table.Td ta="right">{rp(q.data.totals.base)}</Table.Td>
                <Table.Td ta="right">{rp(q.data.totals.deductions)}</Table.Td>
                <Table.Td ta="right">{rp(q.data.totals.sanctionCut)}</Table.Td>
                <Table.Td ta="right">
                  {rp(q.data.totals.bpjsEmployer)} / {rp(q.data.totals.bpjsEmployee)}
                </Table.Td>
                <Table.Td ta="right">{rp(q.data.totals.tax)}</Table.Td>
                <Table.Td ta="right">{rp(q.data.totals.net)}</Table.Td>
                <Table.Td />
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
