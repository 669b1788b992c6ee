import { BarChart, LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Modal,
  Pagination,
  ScrollArea,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLock, IconLockOpen, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EARLY_BAND_FIGURES, LATE_BAND_FIGURES } from '../../../core/recap/recap-figures.ts';
import { useMe } from '../../api/auth.ts';
import type { ClosingItem, ClosingStatus, RecapRow } from '../../api/recap.ts';
import {
  currentMonth,
  useAdjustments,
  useCloseMonth,
  useClosingStatus,
  useCodeDistribution,
  useHeatmap,
  useQueueMissingDays,
  useReopenMonth,
  useTrend,
  useUnitRecap,
  useWarnings,
} from '../../api/recap.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';
import { hasAnyRole, RECAP_CLOSERS, RECAP_REOPENERS, RECAP_UNIT_READERS } from '../../lib/roles.ts';
import { MonthSelect, useMonthLabel } from '../RekapPage/recap-ui.tsx';
import { startExportJob } from '../../api/jobs.ts';
import { ExportJobMenu } from '../../components/ExportJobMenu.tsx';

const PAGE_SIZE = 25;
const LEAVE_LIKE = ['CT', 'CB', 'CS', 'CM', 'CAP', 'CLTN', 'I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT', 'DSP'];

/** The recap of a unit-month, one row per employee; on a phone one card per employee (no sideways scrolling). */
function RecapTable({ rows, month }: { rows: RecapRow[]; month: string }) {
  const { t } = useTranslation();
  const columns: Column<RecapRow>[] = [
    {
      key: 'name',
      header: t('recap.columns.name'),
      card: 'title',
      render: (r) => (
        <>
          <Anchor component={Link} to={`/rekap?pegawai=${r.employeeId}&bulan=${month}`} size="sm">
            {r.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatNip(r.nip)}
          </Text>
        </>
      ),
    },
    {
      key: 'position',
      header: t('recap.columns.position'),
      card: 'wide',
      render: (r) => (
        <>
          <Text size="sm">{r.positionName ?? '—'}</Text>
          <Text size="xs" c="dimmed">
            {r.unitName}
          </Text>
        </>
      ),
    },
    { key: 'hk', header: t('recap.columns.hk'), render: (r) => r.workingDays },
    { key: 'h', header: t('recap.columns.h'), render: (r) => r.codeCounts.H ?? 0 },
    { key: 'tl', header: t('recap.columns.tl'), render: (r) => LATE_BAND_FIGURES.map((f) => r[f]).join('/') },
    {
      key: 'psw',
      header: t('recap.columns.psw'),
      render: (r) => EARLY_BAND_FIGURES.map((f) => r[f]).join('/'),
    },
    {
      key: 'tk',
      header: t('recap.columns.tk'),
      render: (r) => (r.tkDays > 0 ? <Badge color="red">{r.tkDays}</Badge> : 0),
    },
    {
      key: 'leave',
      header: t('recap.columns.leave'),
      card: 'wide',
      render: (r) => (
        <Text size="xs">
          {LEAVE_LIKE.filter((c) => r.codeCounts[c])
            .map((c) => `${c} ${r.codeCounts[c]}`)
            .join(', ') || '—'}
        </Text>
      ),
    },
    {
      key: 'minutes',
      header: t('recap.columns.minutes'),
      render: (r) => `${r.lateMinutes} + ${r.earlyMinutes}`,
    },
    { key: 'tkEq', header: t('recap.columns.tkEq'), render: (r) => r.tkEquivalentDays },
    {
      key: 'apel',
      header: t('recap.columns.apel'),
      render: (r) => (r.apelPercent === null ? '—' : `${r.apelPercent}%`),
    },
    { key: 'adjustments', header: t('recap.columns.adjustments'), render: (r) => r.adjustmentCount || '—' },
  ];
  return (
    <DataTable
      testId="recap-table"
      columns={columns}
      rows={rows}
      rowKey={(r) => r.employeeId}
      rowProps={(r) => ({ 'data-testid': 'recap-row', 'data-employee-id': r.employeeId })}
      minWidth={900}
      phone="cards"
      cardColumns={3}
    />
  );
}

/**
 * What keeps the month from being complete, item by item (days not stored or waiting to be recomputed, flagged
 * punches not reviewed, requests not decided), with a reason field for each item the rulebook allows to leave
 * open when `reasons` is given. Source: issue 13 point 2.
 */
function ClosingItems({
  items,
  total,
  reasons,
  onReason,
}: {
  items: ClosingItem[];
  total: number;
  reasons?: Record<string, string>;
  onReason?: (key: string, reason: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="recap-closing-items">
      {items.map((i) => {
        const key = `${i.kind}:${i.ref}`;
        return (
          <div key={key} data-testid="recap-closing-item" data-kind={i.kind}>
            <Text size="sm">
              <Text span fw={600}>
                {i.employeeName}
              </Text>{' '}
              — {i.label}{' '}
              <Badge size="xs" variant="light" color={i.waivable ? 'yellow' : 'red'}>
                {t(i.waivable ? 'recap.itemWaivable' : 'recap.itemBlocking')}
              </Badge>
            </Text>
            {reasons && onReason && i.waivable && (
              <Textarea
                size="xs"
                autosize
                minRows={1}
                maxLength={1000}
                placeholder={t('recap.waiverReason')}
                aria-label={`${t('recap.waiverReason')}: ${i.employeeName} — ${i.label}`}
                value={reasons[key] ?? ''}
                onChange={(e) => onReason(key, e.currentTarget.value)}
                data-testid="recap-waiver-reason"
              />
            )}
          </div>
        );
      })}
      {total > items.length && (
        <Text size="xs" c="dimmed">
          {t('recap.itemsMore', { count: total - items.length })}
        </Text>
      )}
    </Stack>
  );
}

function ClosingCard({
  status,
  unitName,
  month,
}: {
  status: ClosingStatus;
  unitName: string;
  month: string;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const monthLabel = useMonthLabel();
  const close = useCloseMonth();
  const reopen = useReopenMonth();
  const queueMissing = useQueueMissingDays();
  const [confirming, setConfirming] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [waivers, setWaivers] = useState<Record<string, string>>({});
  const canClose = hasAnyRole(me, RECAP_CLOSERS);
  const canReopen = hasAnyRole(me, RECAP_REOPENERS);
  const c = status.closing;
  const ownClosing = c !== null && c.unitId === status.unitId;
  const waiting = status.pending.flaggedPunches + status.pending.queuedDays + status.pending.requests;
  return (
    <Card withBorder data-testid="recap-closing">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="xs">
          {c ? <IconLock size={18} /> : <IconLockOpen size={18} />}
          <Text fw={600} data-testid="recap-closing-status">
            {c
              ? ownClosing
                ? t('recap.closed', { name: c.closedByName ?? '—', date: formatDateTime(c.closedAt) })
                : t('recap.closedInherited', {
                    unit: c.unitName,
                    name: c.closedByName ?? '—',
                    date: formatDateTime(c.closedAt),
                  })
              : t('recap.open')}
          </Text>
        </Group>
        <Group gap="xs">
          {!c && canClose && (
            <Button
              onClick={() => setConfirming(true)}
              disabled={!status.canCloseNow}
              data-testid="recap-close-month"
            >
              {t('recap.closeMonth')}
            </Button>
          )}
          {ownClosing && canReopen && (
            <Button variant="default" onClick={() => setReopening(true)} data-testid="recap-reopen">
              {t('recap.reopen')}
            </Button>
          )}
        </Group>
      </Group>
      {!c && (
        <Text size="sm" c="dimmed" mt={4}>
          {t('recap.opensOn', { date: formatDate(status.opensOn) })}
        </Text>
      )}
      {!c && !status.complete && (
        <Alert
          color="yellow"
          mt="xs"
          icon={<IconAlertTriangle size={18} />}
          title={t('recap.incompleteTitle', { count: status.total })}
          data-testid="recap-pending"
        >
          <Stack gap={6}>
            {waiting > 0 && (
              <Text size="sm">
                {t('recap.pending', {
                  flagged: status.pending.flaggedPunches,
                  queued: status.pending.queuedDays,
                  requests: status.pending.requests,
                })}
              </Text>
            )}
            {status.missingDays > 0 && (
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Text size="sm" data-testid="recap-missing">
                  {t('recap.missingDays', { count: status.missingDays })}
                </Text>
                {canClose && (
                  <Button
                    size="xs"
                    variant="light"
                    loading={queueMissing.isPending}
                    data-testid="recap-queue-missing"
                    onClick={() =>
                      queueMissing.mutate(
                        { unitId: status.unitId, month },
                        {
                          onSuccess: (r) =>
                            notifications.show({
                              color: 'teal',
                              message: t('recap.missingQueued', { count: r.days }),
                            }),
                          onError: (err) => notifications.show({ color: 'red', message: err.message }),
                        },
                      )
                    }
                  >
                    {t('recap.queueMissing')}
                  </Button>
                )}
              </Group>
            )}
            <ClosingItems items={status.items.slice(0, 10)} total={status.total} />
          </Stack>
        </Alert>
      )}
      {status.intact === false && (
        <Alert color="red" mt="xs">
          {t('recap.intactBroken')}
        </Alert>
      )}
      {status.history.length > 0 && (
        <Stack gap={2} mt="xs">
          <Text size="sm" fw={600}>
            {t('recap.history')}
          </Text>
          {status.history.map((h) => (
            <Text key={h.id} size="xs" c="dimmed">
              {t('recap.closed', { name: h.closedByName ?? '—', date: formatDateTime(h.closedAt) })}
              {h.waivers.length > 0 ? ` · ${t('recap.historyWaivers', { count: h.waivers.length })}` : ''}
              {h.reopenedAt
                ? ` · ${t('recap.historyReopened', {
                    name: h.reopenedByName ?? '—',
                    date: formatDateTime(h.reopenedAt),
                    reason: h.reopenReason ?? '',
                  })}`
                : ''}
            </Text>
          ))}
        </Stack>
      )}
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('recap.closeConfirmTitle', { month: monthLabel(month) })}
      >
        <Stack gap="sm">
          <Text size="sm">{t('recap.closeConfirmBody', { unit: unitName, month: monthLabel(month) })}</Text>
          {!status.complete && (
            <>
              <Text size="sm" fw={600}>
                {t('recap.closeIncomplete', { count: status.total })}
              </Text>
              {status.waivable && status.items.some((i) => i.waivable) && (
                <Text size="xs" c="dimmed">
                  {t('recap.waiverHint', { min: status.waivable.minReasonChars })}
                </Text>
              )}
              <ClosingItems
                items={status.items}
                total={status.total}
                reasons={waivers}
                onReason={(key, value) => setWaivers((w) => ({ ...w, [key]: value }))}
              />
            </>
          )}
          {close.error && <ErrorState error={close.error} compact />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={close.isPending}
              data-testid="recap-close-confirm"
              onClick={() =>
                close.mutate(
                  {
                    unitId: status.unitId,
                    month,
                    waivers: status.items
                      .filter((i) => i.waivable && (waivers[`${i.kind}:${i.ref}`] ?? '').trim())
                      .map((i) => ({
                        kind: i.kind,
                        ref: i.ref,
                        reason: waivers[`${i.kind}:${i.ref}`]!.trim(),
                      })),
                  },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'teal',
                        message: t('recap.closedNotice', { month: monthLabel(month) }),
                      });
                      setConfirming(false);
                    },
                  },
                )
              }
            >
              {t('recap.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={reopening}
        onClose={() => setReopening(false)}
        title={t('recap.reopenTitle', { month: monthLabel(month) })}
      >
        <Stack gap="sm">
          {reopen.error && <ErrorState error={reopen.error} compact hideIssues />}
          <Textarea
            label={t('recap.reopenReason')}
            description={t('recap.reopenReasonHint')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="recap-reopen-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReopening(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={reopen.isPending}
              disabled={reason.trim().length < 10}
              data-testid="recap-reopen-confirm"
              onClick={() =>
                reopen.mutate(
                  { unitId: status.unitId, month, reason: reason.trim() },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'teal',
                        message: t('recap.reopened', { month: monthLabel(month) }),
                      });
                      setReopening(false);
                      setReason('');
                    },
                  },
                )
              }
            >
              {t('recap.reopen')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function WarningsTab({ unitId, month }: { unitId: string | null; month: string }) {
  const { t } = useTranslation();
  const q = useWarnings(unitId, month);
  if (q.isPending) return <LoadingState />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Stack gap="sm" data-testid="recap-warnings">
      <Text size="sm" c="dimmed">
        {t('recap.warningsIntro', { year: month.slice(0, 4), margin: q.data.marginDays })}
      </Text>
      {q.data.items.length === 0 ? (
        <EmptyState description={t('recap.noWarnings')} />
      ) : (
        q.data.items.map((w) => (
          <Card key={w.employeeId} withBorder padding="sm" data-testid="recap-warning">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={600}>{w.name}</Text>
                <Text size="xs" c="dimmed">
                  {formatNip(w.nip)} · {w.unitName}
                </Text>
              </div>
              <Badge color={w.cumulativeStep ? 'red' : 'yellow'} size="lg">
                {t('recap.totalDays', { days: w.totalDays })}
              </Badge>
            </Group>
            <List size="sm" mt={4}>
              {w.next && (
                <List.Item>
                  {t('recap.nextThreshold', {
                    at: w.next.atDays,
                    sanction: w.next.sanction,
                    days: w.next.inDays,
                  })}
                </List.Item>
              )}
              {w.consecutive && w.consecutive.currentDays > 0 && (
                <List.Item>
                  {t('recap.consecutive', {
                    current: w.consecutive.currentDays,
                    at: w.consecutive.atDays,
                    days: w.consecutive.inDays,
                  })}
                </List.Item>
              )}
              {w.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </Card>
        ))
      )}
    </Stack>
  );
}

function shareColor(share: number | null): string {
  if (share === null) return 'var(--mantine-color-gray-1)';
  if (share >= 0.9) return 'var(--mantine-color-teal-6)';
  if (share >= 0.75) return 'var(--mantine-color-teal-3)';
  if (share >= 0.5) return 'var(--mantine-color-yellow-4)';
  return 'var(--mantine-color-red-5)';
}

function ChartsTab({ unitId, month }: { unitId: string | null; month: string }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const heat = useHeatmap(unitId, month);
  const trend = useTrend(unitId, month);
  const codes = useCodeDistribution(unitId, month);
  const dates = [...new Set(heat.data?.rows.flatMap((r) => r.days.map((d) => d.date)) ?? [])].sort();
  return (
    <Stack gap="md" data-testid="recap-charts">
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('recap.heatmap')}
        </Title>
        {heat.isPending ? (
          <LoadingState />
        ) : heat.error ? (
          <ErrorState error={heat.error} />
        ) : heat.data.rows.length === 0 ? (
          <EmptyState description={t('recap.noRows')} />
        ) : (
          <ScrollArea type="auto">
            <table style={{ borderCollapse: 'separate', borderSpacing: 2 }} data-testid="recap-heatmap">
              <thead>
                <tr>
                  <th />
                  {dates.map((d) => (
                    <th key={d} style={{ fontSize: 10, fontWeight: 400 }}>
                      {Number(d.slice(8, 10))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {heat.data.rows.map((r) => {
                  const byDate = new Map(r.days.map((d) => [d.date, d]));
                  return (
                    <tr key={r.unitId}>
                      <th
                        style={{
                          fontSize: 12,
                          fontWeight: 400,
                          textAlign: 'left',
                          whiteSpace: 'nowrap',
                          paddingRight: 8,
                        }}
                      >
                        {r.unitName}
                      </th>
                      {dates.map((d) => {
                        const cell = byDate.get(d);
                        const share = cell && cell.working > 0 ? cell.share : null;
                        const label = cell
                          ? t('recap.heatmapCell', {
                              unit: r.unitName,
                              date: formatDate(d),
                              percent: share === null ? '—' : `${Math.round(share * 100)}%`,
                              onTime: cell.onTime,
                              working: cell.working,
                            })
                          : `${r.unitName}, ${formatDate(d)}`;
                        return (
                          <Tooltip key={d} label={label}>
                            <td
                              aria-label={label}
                              style={{
                                width: 18,
                                height: 18,
                                borderRadius: 3,
                                background: shareColor(share),
                              }}
                            />
                          </Tooltip>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollArea>
        )}
        <Group gap="sm" mt="xs" aria-hidden>
          {[0.95, 0.8, 0.6, 0.2, null].map((v) => (
            <Group key={String(v)} gap={4}>
              <div style={{ width: 12, height: 12, borderRadius: 3, background: shareColor(v) }} />
              <Text size="xs" c="dimmed">
                {v === null ? '—' : v >= 0.9 ? '≥ 90%' : v >= 0.75 ? '75–89%' : v >= 0.5 ? '50–74%' : '< 50%'}
              </Text>
            </Group>
          ))}
        </Group>
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('recap.trend')}
        </Title>
        {trend.data ? (
          <LineChart
            h={220}
            data={trend.data.points.map((p) => ({
              month: monthLabel(p.month),
              compliance: p.compliance === null ? null : Math.round(p.compliance * 100),
              tk: p.tkDays,
            }))}
            dataKey="month"
            withLegend
            series={[
              { name: 'compliance', label: t('recap.compliance'), color: 'teal.6' },
              { name: 'tk', label: t('recap.tk'), color: 'red.6' },
            ]}
            connectNulls
          />
        ) : trend.error ? (
          <ErrorState error={trend.error} />
        ) : (
          <LoadingState />
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="xs">
          {t('recap.codes')}
        </Title>
        {codes.data ? (
          codes.data.items.length === 0 ? (
            <EmptyState description={t('recap.noRows')} />
          ) : (
            <BarChart
              h={Math.max(180, codes.data.items.length * 28)}
              data={codes.data.items}
              dataKey="code"
              orientation="vertical"
              series={[{ name: 'days', label: t('recap.days'), color: 'indigo.6' }]}
              gridAxis="x"
            />
          )
        ) : codes.error ? (
          <ErrorState error={codes.error} />
        ) : (
          <LoadingState />
        )}
      </Card>
    </Stack>
  );
}

function AdjustmentsTab({ unitId, month }: { unitId: string | null; month: string }) {
  const { t } = useTranslation();
  const q = useAdjustments(unitId, month);
  if (!unitId) return null;
  if (q.isPending) return <LoadingState />;
  if (q.error) return <ErrorState error={q.error} />;
  return (
    <Stack gap="xs" data-testid="recap-adjustments">
      <Text size="sm" c="dimmed">
        {t('recap.adjustmentsIntro')}
      </Text>
      {q.data.items.length === 0 ? (
        <EmptyState description={t('recap.noAdjustments')} />
      ) : (
        <List size="sm">
          {q.data.items.map((a) => (
            <List.Item key={a.id}>
              <Text span fw={600}>
                {a.employeeName}
              </Text>{' '}
              {t('recap.adjustmentLine', {
                date: formatDate(a.localDate),
                closed: a.monthClosed,
                old: a.oldCode ?? '—',
                new: a.newCode ?? '—',
              })}
              {a.reason ? ` — ${a.reason}` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** /rekap/unit: the unit's monthly recap (or the superior's staff), exports, early warning, charts, closing. */
export function RekapUnitPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const month = params.get('bulan') ?? currentMonth();
  const unitParam = params.get('unit');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const unitReader = hasAnyRole(me, RECAP_UNIT_READERS);
  const q = useUnitRecap({ month, unitId: unitParam, q: debounced, page, pageSize: PAGE_SIZE });
  const unitId = unitParam ?? q.data?.unit?.id ?? null;
  const status = useClosingStatus(q.data?.mode === 'unit' ? unitId : null, month);
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
  };
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <PageHeader
        title={t('recap.unitTitle')}
        subtitle={
          q.data?.mode === 'staff'
            ? t('recap.staffSubtitle')
            : (q.data?.unit?.name ?? t('recap.unitSubtitle'))
        }
        actions={
          unitId && q.data?.mode === 'unit' ? (
            <ExportJobMenu
              label={t('recap.download')}
              testId="recap-unit-download"
              choices={[
                { format: 'xlsx' as const, label: t('recap.downloadXlsx') },
                { format: 'pdf' as const, label: t('recap.downloadPdf') },
                { format: 'csv' as const, label: t('recap.downloadCsv') },
              ]}
              start={(format) => startExportJob('/recap/export-jobs', { unitId, month, format })}
            />
          ) : undefined
        }
      />
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <MonthSelect value={month} onChange={(m) => set('bulan', m)} />
          {unitReader && (
            <UnitSelect
              label={t('recap.unit')}
              value={unitId}
              onChange={(id) => set('unit', id)}
              clearable={false}
              w={320}
              data-testid="recap-unit"
            />
          )}
          <TextInput
            label={t('recap.search')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 260 }}
            data-testid="recap-search"
          />
        </Group>
        {status.data && q.data?.unit && (
          <ClosingCard status={status.data} unitName={q.data.unit.name} month={month} />
        )}
        {q.isPending && <LoadingState />}
        {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && (
          <Tabs defaultValue="table" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="table">{t('recap.tabs.table')}</Tabs.Tab>
              {q.data.mode === 'unit' && (
                <>
                  <Tabs.Tab value="warnings" data-testid="recap-tab-warnings">
                    {t('recap.tabs.warnings')}
                  </Tabs.Tab>
                  <Tabs.Tab value="charts" data-testid="recap-tab-charts">
                    {t('recap.tabs.charts')}
                  </Tabs.Tab>
                  <Tabs.Tab value="adjustments" data-testid="recap-tab-adjustments">
                    {t('recap.tabs.adjustments')}
                  </Tabs.Tab>
                </>
              )}
            </Tabs.List>
            <Tabs.Panel value="table" pt="sm">
              {q.data.items.length === 0 ? (
                <EmptyState description={t('recap.noRows')} />
              ) : (
                <Stack gap="sm">
                  <RecapTable rows={q.data.items} month={month} />
                  {pages > 1 && (
                    <Group justify="center">
                      <Pagination
                        total={pages}
                        value={page}
                        onChange={setPage}
                        getControlProps={(control) => ({ 'aria-label': t(`common.${control}Page`) })}
                      />
                    </Group>
                  )}
                </Stack>
              )}
            </Tabs.Panel>
            <Tabs.Panel value="warnings" pt="sm">
              <WarningsTab unitId={unitId} month={month} />
            </Tabs.Panel>
            <Tabs.Panel value="charts" pt="sm">
              <ChartsTab unitId={unitId} month={month} />
            </Tabs.Panel>
            <Tabs.Panel value="adjustments" pt="sm">
              <AdjustmentsTab unitId={unitId} month={month} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Stack>
    </>
  );
}
