import { ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  ANOMALY_KINDS,
  anomaliesUrl,
  useAnomalies,
  type AnomalyDevice,
  type AnomalyKind,
  type AnomalyPunch,
  type AnomalyUnit,
} from '../../api/dashboard.ts';
import { DataTable, type PaginationState } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { deviceColumns, punchColumns, unitColumns } from './anomaly-ui.tsx';
import { ANOMALY_ICONS } from './OversightSection.tsx';

const PAGE_SIZES = [10, 25, 50, 100];

/** One kind's list, a page at a time (phone: cards). */
function AnomalyTable({ kind }: { kind: AnomalyKind }) {
  const { t } = useTranslation();
  const month = useMonthLabel();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('hal')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('per'))) ? Number(params.get('per')) : 25;
  const list = useAnomalies(kind, page, pageSize);
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const set = (next: Record<string, string>) =>
    setParams((p) => {
      const out = new URLSearchParams(p);
      for (const [k, v] of Object.entries(next)) out.set(k, v);
      return out;
    });
  const pagination: PaginationState = {
    page,
    pageSize,
    total: list.data.total,
    onPageChange: (p) => set({ hal: String(p) }),
    onPageSizeChange: (s) => set({ per: String(s), hal: '1' }),
  };
  const common = {
    testId: 'anomaly-table',
    phone: 'cards' as const,
    pagination,
    fetching: list.isFetching && list.isPlaceholderData,
    dataFor: list.isPlaceholderData ? undefined : anomaliesUrl(kind, page, pageSize),
    emptyTitle: t('home.anomalies.emptyTitle'),
    emptyDescription: t(`home.anomalies.empty.${kind}`),
  };
  const d = list.data;
  const table =
    d.kind === 'sharedDevices' ? (
      <DataTable<AnomalyDevice>
        {...common}
        columns={deviceColumns(t)}
        rows={d.items}
        rowKey={(r) => r.thumbprint}
      />
    ) : d.kind === 'unitChanges' ? (
      <DataTable<AnomalyUnit> {...common} columns={unitColumns(t)} rows={d.items} rowKey={(r) => r.unitId} />
    ) : (
      <DataTable<AnomalyPunch> {...common} columns={punchColumns(t)} rows={d.items} rowKey={(r) => r.id} />
    );
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" data-testid="anomaly-window">
        {d.kind === 'unitChanges'
          ? t('home.anomalies.months', { before: month(d.from), after: month(d.to) })
          : d.kind === 'sharedDevices'
            ? t('home.anomalies.devicesNow')
            : t('home.anomalies.window', { from: formatDate(d.from), to: formatDate(d.to) })}
      </Text>
      {table}
    </Stack>
  );
}

/**
 * /pengawasan: the attendance anomalies of the caller's scope, one tab per kind (the Inspektorat's home page
 * links here): flagged and rejected punches and punches outside every place in the last days, phones bound to
 * several employees, units whose compliance moved sharply since last month.
 */
export function AnomaliesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('jenis');
  const kind: AnomalyKind = (ANOMALY_KINDS as readonly string[]).includes(asked ?? '')
    ? (asked as AnomalyKind)
    : 'flagged';
  return (
    <>
      <PageHeader title={t('nav.anomalies')} subtitle={t('home.anomalies.subtitle')} />
      <Tabs
        value={kind}
        onChange={(v) => v && setParams({ jenis: v }, { replace: true })}
        keepMounted={false}
      >
        <ScrollArea type="never" mb="md">
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            {ANOMALY_KINDS.map((k) => {
              const IconComponent = ANOMALY_ICONS[k];
              return (
                <Tabs.Tab
                  key={k}
                  value={k}
                  leftSection={<IconComponent size={16} />}
                  data-testid={`anomaly-tab-${k}`}
                >
                  {t(`home.anomalies.kinds.${k}`)}
                </Tabs.Tab>
              );
            })}
          </Tabs.List>
        </ScrollArea>
        {ANOMALY_KINDS.map((k) => (
          <Tabs.Panel key={k} value={k}>
            <AnomalyTable kind={k} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}
