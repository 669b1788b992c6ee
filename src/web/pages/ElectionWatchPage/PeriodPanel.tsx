import { Anchor, Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscalations, usePeriod, useReport } from '../../api/election-watch.ts';
import { apiUrl } from '../../api/http.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate } from '../../lib/format.ts';
import { DayListCard } from './DayListCard.tsx';

/** The report of a period for one OPD: a line per working day, totals, escalations, and its PDF/XLSX/CSV. */
function ReportCard({ periodId, unitId }: { periodId: string; unitId: string }) {
  const { t } = useTranslation();
  const report = useReport(periodId, unitId);
  const escalations = useEscalations(periodId, unitId);
  if (report.isPending) return <LoadingState />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const link = (suffix: string) => apiUrl(`/election-watch/periods/${periodId}/report${suffix}`, { unitId });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{t('electionWatch.report.title')}</Title>
          <Group gap="xs">
            <Anchor href={link('.pdf')}>{t('electionWatch.report.pdf')}</Anchor>
            <Anchor href={link('/xlsx')}>{t('electionWatch.report.xlsx')}</Anchor>
            <Anchor href={link('/csv')}>{t('electionWatch.report.csv')}</Anchor>
          </Group>
        </Group>
        <Text size="sm">
          {t('electionWatch.report.totals', {
            days: r.totals.workingDays,
            tk: r.totals.tk,
            late: r.totals.late,
            apelAttended: r.totals.apelAttended,
            apelExpected: r.totals.apelExpected,
            onTime: r.totals.ackOnTime,
            ackLate: r.totals.ackLate,
            missing: r.totals.ackMissing,
            escalations: r.totals.escalations,
            neutrality: r.totals.neutralityCases,
          })}
        </Text>
        <Table.ScrollContainer minWidth={360}>
          <Table striped>
            <Table.Tbody>
              {r.days.map((d) => (
                <Table.Tr key={d.date}>
                  <Table.Td>
                    {formatDate(d.date)}{' '}
                    {d.keyDate && (
                      <Badge color="red" size="xs">
                        {t('electionWatch.periods.keyDate')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    TK {d.tk} · TL {d.late} · apel {d.apelAttended}/{d.apelExpected}
                  </Table.Td>
                  <Table.Td>{d.ackStateLabel}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Title order={5}>{t('electionWatch.report.escalations')}</Title>
        {escalations.isError ? (
          <ErrorState error={escalations.error} compact />
        ) : (escalations.data?.items.length ?? 0) === 0 ? (
          <Text size="sm" c="dimmed">
            {t('electionWatch.report.noEscalations')}
          </Text>
        ) : (
          <Stack gap={4}>
            {escalations.data?.items.map((x) => (
              <Text key={x.id} size="sm">
                {formatDate(x.date)} — {x.reason}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** One period: its basis and stages, the OPD and date picker, the day's list and the OPD's report. */
export function PeriodPanel({
  periodId,
  today,
  initialUnitId,
  initialDate,
}: {
  periodId: string;
  today: string;
  initialUnitId?: string | null;
  initialDate?: string | null;
}) {
  const { t } = useTranslation();
  const period = usePeriod(periodId);
  const [unitId, setUnitId] = useState<string | null>(initialUnitId ?? null);
  const [date, setDate] = useState(initialDate ?? '');
  useEffect(() => {
    const p = period.data;
    if (!p) return;
    if (!unitId || !p.opds.some((o) => o.unitId === unitId))
      setUnitId((p.opds.find((o) => o.isHead) ?? p.opds[0])?.unitId ?? null);
    if (!date) setDate(today < p.startsOn ? p.startsOn : today > p.endsOn ? p.endsOn : today);
  }, [period.data, unitId, date, today]);
  if (period.isPending) return <LoadingState />;
  if (period.isError) return <ErrorState error={period.error} onRetry={() => void period.refetch()} />;
  const p = period.data;
  return (
    <Stack>
      <Card withBorder>
        <Stack gap={4}>
          <Group gap="xs">
            <Title order={4}>{p.name}</Title>
            <Badge>{p.kindLabel}</Badge>
          </Group>
          <Text size="sm">
            {t('electionWatch.periods.legalBasis')}: {p.legalBasis}
          </Text>
          <Text size="sm">
            {t('electionWatch.periods.range')}: {formatDate(p.startsOn)} – {formatDate(p.endsOn)} ·{' '}
            {t('electionWatch.periods.dueTime', { time: p.ackDueTime })}
          </Text>
          <Text size="sm">
            {p.wholeRegion ? t('electionWatch.periods.wholeRegion') : p.units.map((u) => u.name).join(', ')}
          </Text>
          {p.stages.map((s) => (
            <Text key={`${s.name}${s.startsOn}`} size="sm">
              • {s.name} ({formatDate(s.startsOn)}
              {s.endsOn !== s.startsOn ? ` – ${formatDate(s.endsOn)}` : ''}){' '}
              {s.keyDate && (
                <Badge color="red" size="xs">
                  {t('electionWatch.periods.keyDate')}
                </Badge>
              )}
            </Text>
          ))}
        </Stack>
      </Card>
      {p.opds.length === 0 ? (
        <EmptyState title={t('electionWatch.periods.none')} />
      ) : (
        <>
          <Group align="flex-end" wrap="wrap">
            <Select
              label={t('electionWatch.day.opd')}
              data={p.opds.map((o) => ({
                value: o.unitId,
                label: o.isHead ? `${o.unitName} ★` : o.unitName,
              }))}
              value={unitId}
              onChange={setUnitId}
              searchable
              allowDeselect={false}
              w={{ base: '100%', sm: 320 }}
            />
            <DateField label={t('electionWatch.day.date')} value={date} onChange={setDate} w={160} />
          </Group>
          {unitId && date && <DayListCard periodId={p.id} unitId={unitId} date={date} />}
          {unitId && <ReportCard periodId={p.id} unitId={unitId} />}
        </>
      )}
    </Stack>
  );
}
