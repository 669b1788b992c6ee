import { Alert, Badge, Card, Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { NoDataDay, RecapDay } from '../../api/recap.ts';
import { currentMonth, employeeExportUrl, useEmployeeMonth } from '../../api/recap.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';
import {
  CodeLegend,
  codeColor,
  DownloadMenu,
  MonthSelect,
  RecapSummary,
  useMonthLabel,
} from './recap-ui.tsx';

/** Monday-first weekday index (0 = Monday) of a `YYYY-MM-DD`. */
const weekdayIndex = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

function daysInMonth(month: string): string[] {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const n = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: n }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/**
 * The month as a calendar: each stored day's code (a day not stored yet, computed for this view, marked with *),
 * and the days without data — before the unit went live in Abdi or outside the employee's service — as
 * "Belum ada data", never as absent.
 */
function Calendar({
  month,
  days,
  noData,
  onPick,
  picked,
}: {
  month: string;
  days: RecapDay[];
  noData: NoDataDay[];
  onPick: (d: string) => void;
  picked: string | null;
}) {
  const { t } = useTranslation();
  const byDate = new Map(days.map((d) => [d.localDate, d]));
  const none = new Map(noData.map((n) => [n.localDate, n]));
  const dates = daysInMonth(month);
  const blanks = weekdayIndex(dates[0]!);
  const names = t('recap.weekdays').split(',');
  return (
    <div
      role="grid"
      aria-label={t('recap.calendar', { month })}
      data-testid="recap-calendar"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}
    >
      {names.map((n) => (
        <Text key={n} size="xs" c="dimmed" ta="center" role="columnheader">
          {n}
        </Text>
      ))}
      {Array.from({ length: blanks }, (_, i) => (
        <div key={`b${i}`} />
      ))}
      {dates.map((date) => {
        const d = byDate.get(date);
        const empty = none.get(date);
        const band = d ? [d.lateBand, d.earlyBand].filter(Boolean).join('-') : '';
        return (
          <UnstyledButton
            key={date}
            role="gridcell"
            onClick={() => onPick(date)}
            aria-label={`${formatDate(date)} ${d ? `${d.code} ${band}${d.provisional ? ` (${t('recap.provisional')})` : ''}` : empty ? t('recap.noData') : ''}`}
            aria-selected={picked === date}
            data-testid={`recap-day-${date}`}
            data-code={d?.code ?? ''}
            data-no-data={empty ? 'true' : undefined}
            style={{
              border: `1px ${d?.provisional ? 'dashed' : 'solid'} var(--mantine-color-${picked === date ? 'blue-6' : 'gray-3'})`,
              borderRadius: 6,
              padding: 4,
              minHeight: 52,
              background: empty ? 'var(--mantine-color-gray-1)' : undefined,
            }}
          >
            <Text size="xs" c="dimmed">
              {Number(date.slice(8, 10))}
              {d?.provisional ? '*' : ''}
            </Text>
            {empty && (
              <Text size="10px" c="dimmed" ta="center" style={{ lineHeight: 1.1 }}>
                {t('recap.noDataShort')}
              </Text>
            )}
            {d && (
              <Text
                fw={700}
                ta="center"
                c={`${codeColor(d.code)}.8`}
                bg={`${codeColor(d.code)}.0`}
                style={{ fontSize: 10, borderRadius: 4, letterSpacing: -0.2 }}
              >
                {d.code}
              </Text>
            )}
            {band && (
              <Text size="10px" c="orange" ta="center">
                {band}
              </Text>
            )}
          </UnstyledButton>
        );
      })}
    </div>
  );
}

/** /rekap: my month as a calendar of codes with their reasons, the recap figures and the downloads. */
export function RekapPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const [params, setParams] = useSearchParams();
  const month = params.get('bulan') ?? currentMonth();
  const employeeId = params.get('pegawai');
  const [picked, setPicked] = useState<string | null>(null);
  const q = useEmployeeMonth(employeeId, month);
  const setMonth = (m: string) => {
    const next = new URLSearchParams(params);
    next.set('bulan', m);
    setParams(next, { replace: true });
    setPicked(null);
  };
  const data = q.data;
  const pickedDay = data?.days.find((d) => d.localDate === picked) ?? null;
  const pickedNoData = data?.noData.find((d) => d.localDate === picked) ?? null;
  const provisionalDays = data?.days.some((d) => d.provisional) ?? false;
  const codes = data ? [...new Set(data.days.map((d) => d.code))].sort() : [];

  return (
    <>
      <PageHeader
        title={employeeId && data ? data.employee.name : t('recap.title')}
        subtitle={
          data
            ? `${formatNip(data.employee.nip)} · ${data.employee.unitName} · ${t('recap.subtitle')}`
            : t('recap.subtitle')
        }
        actions={
          <DownloadMenu url={(f) => employeeExportUrl(employeeId, month, f)} testId="recap-download" />
        }
      />
      <Stack gap="md">
        <MonthSelect value={month} onChange={setMonth} />
        {q.isPending && <LoadingState />}
        {q.error && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {data && (
          <>
            {data.closing && (
              <Alert icon={<IconLock size={18} />} color="gray" data-testid="recap-closed">
                {t('recap.closed', {
                  name: data.closing.closedByName ?? '—',
                  date: formatDateTime(data.closing.closedAt, data.employee.timeZone),
                })}
              </Alert>
            )}
            {data.days.length === 0 && data.noData.length > 0 && (
              <Alert color="gray" data-testid="recap-no-data">
                {t('recap.noDataMonth', { reason: data.noData[0]!.reason })}
              </Alert>
            )}
            {(data.recapProvisional || provisionalDays) && (
              <Alert color="yellow" data-testid="recap-provisional">
                {t('recap.provisionalHint')}
              </Alert>
            )}
            {data.recap && <RecapSummary recap={data.recap} />}
            <Card withBorder>
              <Title order={3} size="h5" mb="xs">
                {t('recap.calendar', { month: monthLabel(month) })}
              </Title>
              {data.days.length === 0 && data.noData.length === 0 ? (
                <EmptyState description={t('recap.noDays')} />
              ) : (
                <Calendar
                  month={month}
                  days={data.days}
                  noData={data.noData}
                  onPick={setPicked}
                  picked={picked}
                />
              )}
            </Card>
            {pickedNoData && (
              <Card withBorder data-testid="recap-day-detail" aria-live="polite">
                <Title order={3} size="h5">
                  {t('recap.dayDetail', { date: formatDate(pickedNoData.localDate) })}
                </Title>
                <Text size="sm">{t('recap.noDataDay', { reason: pickedNoData.reason })}</Text>
              </Card>
            )}
            {pickedDay && (
              <Card withBorder data-testid="recap-day-detail" aria-live="polite">
                <Group gap="xs" mb="xs">
                  <Title order={3} size="h5">
                    {t('recap.dayDetail', { date: formatDate(pickedDay.localDate) })}
                  </Title>
                  <Badge color={codeColor(pickedDay.code)}>{pickedDay.code}</Badge>
                  {pickedDay.workLocation && <Badge variant="outline">{pickedDay.workLocation}</Badge>}
                </Group>
                {pickedDay.reasons.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('recap.noReason')}
                  </Text>
                ) : (
                  <List size="sm" spacing={2}>
                    {pickedDay.reasons.map((r) => (
                      <List.Item key={r}>{r}</List.Item>
                    ))}
                  </List>
                )}
              </Card>
            )}
            {codes.length > 0 && <CodeLegend codes={codes} />}
            {data.adjustments.length > 0 && (
              <Card withBorder data-testid="recap-adjustments">
                <Title order={3} size="h5">
                  {t('recap.tabs.adjustments')}
                </Title>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('recap.adjustmentsIntro')}
                </Text>
                <List size="sm">
                  {data.adjustments.map((a) => (
                    <List.Item key={a.id}>
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
              </Card>
            )}
          </>
        )}
      </Stack>
    </>
  );
}
