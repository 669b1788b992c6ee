import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFlag, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCorrectReport, useMyReports, type DailyReport } from '../../api/kinerja-reports.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ReportStatusBadge } from '../../components/kinerja/badges.tsx';
import { formatDate } from '../../lib/format.ts';

/** A correction of a returned (or still pending) report by its owner: back to SUBMITTED with revision + 1. */
function CorrectReportModal({ report, onClose }: { report: DailyReport; onClose: () => void }) {
  const { t } = useTranslation();
  const correct = useCorrectReport();
  const [activity, setActivity] = useState(report.activity);
  const [minutes, setMinutes] = useState<number | string>(report.minutes);
  const [quantity, setQuantity] = useState<number | string>(report.quantity ?? '');
  return (
    <Modal opened onClose={onClose} title={t('kinerja.month.correctTitle')} centered>
      <Stack gap="sm">
        {report.verifyNote && (
          <Text size="sm" c="red.8">
            {t('kinerja.month.returnedBecause', { note: report.verifyNote })}
          </Text>
        )}
        <Textarea
          label={t('kinerja.form.activity')}
          value={activity}
          onChange={(e) => setActivity(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <NumberInput
          label={t('kinerja.form.minutes')}
          value={minutes}
          onChange={setMinutes}
          min={1}
          max={1440}
        />
        <NumberInput label={t('kinerja.form.quantity')} value={quantity} onChange={setQuantity} min={0} />
        {correct.isError && <ErrorState error={correct.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={correct.isPending}
            onClick={() =>
              correct.mutate(
                {
                  id: report.id,
                  reportDate: report.reportDate,
                  rhkId: report.rhkId,
                  activity: activity.trim(),
                  minutes: typeof minutes === 'number' ? minutes : Number(minutes),
                  output: report.output,
                  quantity: typeof quantity === 'number' ? quantity : null,
                  satuan: report.satuan,
                  latitude: report.latitude,
                  longitude: report.longitude,
                  accuracyM: report.accuracyM,
                  recordedAt: report.recordedAt,
                },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('kinerja.month.corrected') });
                    onClose();
                  },
                },
              )
            }
          >
            {t('kinerja.month.resubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function ReportLine({ report, onCorrect }: { report: DailyReport; onCorrect?: () => void }) {
  const { t } = useTranslation();
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      align="flex-start"
      data-testid="my-report"
      data-status={report.status}
      data-client-id={report.clientId}
    >
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={2}>
          {report.activity}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(report.reportDate)} · {t('kinerja.minutesShort', { n: report.minutes })} ·{' '}
          {report.rhkText}
        </Text>
        {report.status === 'RETURNED' && report.verifyNote && (
          <Text size="xs" c="red.8">
            {t('kinerja.month.returnedBecause', { note: report.verifyNote })}
          </Text>
        )}
        {report.dayFlag && (
          <Text size="xs" c="orange.8">
            <IconFlag size={12} /> {report.dayFlag.reason}
          </Text>
        )}
      </Stack>
      <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
        <ReportStatusBadge status={report.status} />
        {onCorrect && report.status !== 'ACCEPTED' && (
          <ActionIcon variant="subtle" aria-label={t('kinerja.month.correct')} onClick={onCorrect}>
            <IconPencil size={16} />
          </ActionIcon>
        )}
      </Group>
    </Group>
  );
}

/** The employee's month: per day minutes reported against the rulebook minimum, what was accepted or returned. */
export function MonthView({ initialMonth }: { initialMonth: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(initialMonth);
  const [correcting, setCorrecting] = useState<DailyReport | null>(null);
  const query = useMyReports(month);

  return (
    <Stack gap="sm" data-testid="my-month">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} fz="lg">
          {t('kinerja.month.title')}
        </Title>
        <TextInput
          type="month"
          aria-label={t('kinerja.month.pick')}
          value={month}
          onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
          w={170}
        />
      </Group>
      {query.isLoading && <LoadingState />}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            {(
              [
                ['minutesAccepted', query.data.totals.minutesAccepted],
                ['minutesPending', query.data.totals.minutesPending],
                ['minutesReturned', query.data.totals.minutesReturned],
                ['daysMeetingMinimum', query.data.totals.daysMeetingMinimum],
              ] as const
            ).map(([key, value]) => (
              <Card key={key} withBorder padding="xs" radius="md" data-testid={`month-${key}`}>
                <Text size="xs" c="dimmed">
                  {t(`kinerja.month.totals.${key}`)}
                </Text>
                <Text fw={700} fz="lg" data-testid="value">
                  {value}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          {query.data.days.length === 0 ? (
            <EmptyState title={t('kinerja.month.empty')} />
          ) : (
            <Stack gap={6}>
              {query.data.days.map((d) => {
                const pct = d.minMinutes > 0 ? Math.min(100, (d.minutesReported / d.minMinutes) * 100) : 100;
                return (
                  <Card
                    key={d.date}
                    withBorder
                    padding="xs"
                    radius="md"
                    data-testid="month-day"
                    data-date={d.date}
                  >
                    <Group justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={600}>
                        {formatDate(d.date)}
                        {d.attendanceCode ? ` · ${d.attendanceCode}` : ''}
                      </Text>
                      <Group gap={4}>
                        {d.flag && (
                          <Badge color="orange" variant="light" leftSection={<IconFlag size={12} />}>
                            {d.flag.code}
                          </Badge>
                        )}
                        {d.excused ? (
                          <Badge color="gray" variant="light">
                            {t('kinerja.month.excused')}
                          </Badge>
                        ) : (
                          <Badge color={d.meetsMinimum ? 'teal' : 'orange'} variant="light">
                            {t('kinerja.month.minutesOf', { n: d.minutesReported, min: d.minMinutes })}
                          </Badge>
                        )}
                      </Group>
                    </Group>
                    {!d.excused && (
                      <Progress
                        value={pct}
                        color={d.meetsMinimum ? 'teal' : 'orange'}
                        size="sm"
                        mt={4}
                        aria-label={t('kinerja.month.minutesOf', { n: d.minutesReported, min: d.minMinutes })}
                      />
                    )}
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('kinerja.month.dayLine', {
                        accepted: d.minutesAccepted,
                        pending: d.minutesPending,
                        returned: d.minutesReturned,
                      })}
                    </Text>
                    {d.returnedReasons.map((r, i) => (
                      <Text key={i} size="xs" c="red.8">
                        {t('kinerja.month.returnedBecause', { note: r })}
                      </Text>
                    ))}
                  </Card>
                );
              })}
            </Stack>
          )}
          {query.data.reports.length > 0 && (
            <Card withBorder radius="md" padding="sm">
              <Stack gap="sm">
                <Title order={4} fz="md">
                  {t('kinerja.month.reports')}
                </Title>
                {query.data.reports.map((r) => (
                  <ReportLine key={r.id} report={r} onCorrect={() => setCorrecting(r)} />
                ))}
              </Stack>
            </Card>
          )}
        </>
      )}
      {correcting && <CorrectReportModal report={correcting} onClose={() => setCorrecting(null)} />}
    </Stack>
  );
}
