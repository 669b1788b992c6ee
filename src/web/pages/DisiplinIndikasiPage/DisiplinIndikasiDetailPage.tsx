import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  LEVELS,
  useDismissIndication,
  useIndication,
  useOpenFromIndication,
  useReportSalaryStop,
  type DisciplineLevel,
  type IndicationDetail,
} from '../../api/discipline.ts';
import {
  Field,
  IndicationNotice,
  LegalBasis,
  LevelBadge,
  PersonLine,
  StatusBadge,
} from '../../components/discipline/parts.tsx';
import { indicationColor, salaryStopColor } from '../../components/discipline/status-colors.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';

/** The evidence: TK days, late/early minutes converted to days, the consecutive run, days already excused. */
function Evidence({ d }: { d: IndicationDetail }) {
  const { t } = useTranslation();
  const e = d.evidence;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="indication-evidence">
      <Stack gap="sm">
        <Title order={5}>{t('disiplin.indication.evidence')}</Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Field label={t('disiplin.indication.tkCount')}>{e.tkCount}</Field>
          <Field label={t('disiplin.indication.minutes')}>
            {t('disiplin.indication.minutesValue', { late: e.lateMinutes, early: e.earlyMinutes })}
          </Field>
          <Field label={t('disiplin.indication.minutesAsDays')}>
            {t('disiplin.indication.minutesAsDaysValue', { days: e.minutesAsDays, per: e.minutesPerDay })}
          </Field>
          <Field label={t('disiplin.indication.span')}>
            {e.span ? `${formatDate(e.span.from)} – ${formatDate(e.span.to)}` : '—'}
          </Field>
        </SimpleGrid>
        {e.run && (
          <Alert color="red" variant="light" p="xs" data-testid="indication-run">
            {t('disiplin.indication.run', {
              days: e.run.days,
              from: formatDate(e.run.from),
              to: formatDate(e.run.to),
            })}
          </Alert>
        )}
        {e.tkDays.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('disiplin.indication.tkDays')}
            </Text>
            <Group gap={4} wrap="wrap" data-testid="indication-tk-days">
              {e.tkDays.map((day) => (
                <Badge key={day} variant="outline" color="red" size="sm" ff="monospace">
                  TK {formatDate(day)}
                </Badge>
              ))}
            </Group>
          </Stack>
        )}
        {e.minuteDays.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed" fw={600}>
              {t('disiplin.indication.minuteDays')}
            </Text>
            <Table.ScrollContainer minWidth={300}>
              <Table fz="sm" withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('disiplin.cols.date')}</Table.Th>
                    <Table.Th ta="right">{t('disiplin.indication.late')}</Table.Th>
                    <Table.Th ta="right">{t('disiplin.indication.early')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {e.minuteDays.map((m) => (
                    <Table.Tr key={m.date}>
                      <Table.Td>{formatDate(m.date)}</Table.Td>
                      <Table.Td ta="right">{m.lateMinutes}</Table.Td>
                      <Table.Td ta="right">{m.earlyMinutes}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
        <Stack gap={4}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('disiplin.indication.excused')}
          </Text>
          {e.excused.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('disiplin.indication.noExcused')}
            </Text>
          ) : (
            <Group gap={4} wrap="wrap" data-testid="indication-excused">
              {e.excused.map((x) => (
                <Badge key={`${x.date}-${x.code}`} variant="light" color="teal" size="sm" title={x.label}>
                  {formatDate(x.date)} · {x.code} ({x.label})
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}

/** "Buka kasus": an optional summary and the expected level (default the indication's). */
function OpenDialog({ d, opened, onClose }: { d: IndicationDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenFromIndication();
  const [summary, setSummary] = useState('');
  const [level, setLevel] = useState<DisciplineLevel>(d.level);
  const fields = useFieldErrors<'summary' | 'expectedLevel'>();
  return (
    <Modal opened={opened} onClose={onClose} title={t('disiplin.indication.openTitle')} centered>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          open.mutate(
            { id: d.id, ...(summary.trim() ? { summary: summary.trim() } : {}), expectedLevel: level },
            {
              onSuccess: (res) => {
                notifications.show({ color: 'teal', message: t('disiplin.indication.opened') });
                onClose();
                if (res.caseId) navigate(`/disiplin/kasus/${res.caseId}`);
              },
              onError: (err) => fields.fromError(err, ['summary', 'expectedLevel']),
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{d.headline}</Text>
          <Textarea
            label={t('disiplin.indication.summary')}
            description={t('disiplin.indication.summaryHint')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            error={fields.errors.summary}
            autosize
            minRows={3}
          />
          <Select
            label={t('disiplin.fields.expectedLevel')}
            data={LEVELS.map((l) => ({ value: l, label: t(`disiplin.levels.${l}`) }))}
            value={level}
            onChange={(v) => v && setLevel(v as DisciplineLevel)}
            allowDeselect={false}
            error={fields.errors.expectedLevel}
            comboboxProps={{ withinPortal: true }}
          />
          {open.isError && <ErrorState error={open.error} compact hideIssues />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={open.isPending} data-testid="confirm-open-case">
              {t('disiplin.indication.open')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Abaikan": the reason is required (at least 10 characters), audited and shown to whoever reads it later. */
function DismissDialog({
  d,
  opened,
  onClose,
}: {
  d: IndicationDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dismiss = useDismissIndication();
  const [reason, setReason] = useState('');
  const fields = useFieldErrors<'reason'>();
  const short = reason.trim().length < 10;
  return (
    <Modal opened={opened} onClose={onClose} title={t('disiplin.indication.dismissTitle')} centered>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          if (short) {
            fields.setErrors({ reason: t('disiplin.indication.reasonShort') });
            return;
          }
          dismiss.mutate(
            { id: d.id, reason: reason.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('disiplin.indication.dismissed') });
                onClose();
              },
              onError: (err) => fields.fromError(err, ['reason']),
            },
          );
        }}
      >
        <Stack gap="sm">
          <Textarea
            label={t('disiplin.indication.dismissReason')}
            description={t('disiplin.indication.dismissHint')}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              fields.clear('reason');
            }}
            error={fields.errors.reason}
            required
            autosize
            minRows={3}
          />
          {dismiss.isError && <ErrorState error={dismiss.error} compact hideIssues />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={dismiss.isPending} data-testid="confirm-dismiss">
              {t('disiplin.indication.dismissConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Indikasi (/disiplin/indikasi/:id): the evidence days (TK dates, minutes, excused days with their codes), what the
 * rules core indicates with its legal basis ("Ini indikasi, bukan keputusan"), and for the superior (or Plt/Plh)
 * the buttons to open a case or dismiss with a reason; the salary-stop report for a ten-day run.
 */
export function DisiplinIndikasiDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const query = useIndication(id);
  const salary = useReportSalaryStop();
  const [dialog, setDialog] = useState<'open' | 'dismiss' | null>(null);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const s = d.sanction;
  const back = (
    <Anchor component={Link} to="/disiplin/indikasi" size="sm">
      {t('disiplin.indications.back')}
    </Anchor>
  );
  return (
    <Stack gap="md" data-testid="indication-page" data-status={d.status}>
      <PageHeader
        above={back}
        title={t('disiplin.indication.title')}
        subtitle={`${d.employeeName}${d.nip ? ` · ${formatNip(d.nip)}` : ''} · ${d.unitName}`}
      />
      <IndicationNotice />
      <Card withBorder radius="md" padding="sm" data-testid="indication-summary">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <PersonLine name={d.employeeName} nip={d.nip ? formatNip(d.nip) : null} extra={d.employeeType} />
            <StatusBadge status={d.status} label={d.statusLabel} color={indicationColor(d.status)} />
          </Group>
          <Text fw={700} data-testid="indication-headline">
            {d.headline}
          </Text>
          <Group gap="xs" wrap="wrap">
            <LevelBadge level={d.level} />
            <Text size="sm">
              {t('disiplin.indication.points', { code: s.code, name: s.name })}
              {s.durationMonths ? ` · ${t('disiplin.sanction.months', { n: s.durationMonths })}` : ''}
            </Text>
          </Group>
          {s.appliedAs && (
            <Text size="sm" c="dimmed">
              {t('disiplin.indication.appliedAs', { code: s.appliedAs.code, name: s.appliedAs.name })}
            </Text>
          )}
          <LegalBasis basis={s.legalBasis} testId="indication-basis" />
          {d.reasons.length > 0 && (
            <Stack gap={2}>
              {d.reasons.map((r, i) => (
                <Text key={i} size="sm">
                  • {r}
                </Text>
              ))}
            </Stack>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <Field label={t('disiplin.indication.source')}>{d.sourceLabel}</Field>
            <Field label={t('disiplin.cols.reachedOn')}>{formatDate(d.reachedOn)}</Field>
            <Field label={t('disiplin.indication.foundAt')}>{formatDateTime(d.foundAt)}</Field>
            <Field label={t('disiplin.indication.regulationSet')}>{d.regulationSet}</Field>
          </SimpleGrid>
          {d.salaryStop && (
            <Alert color="orange" variant="light" p="xs">
              {t('disiplin.indication.salaryStop', {
                month: d.salaryStopFromMonth ? d.salaryStopFromMonth.split('-').reverse().join('/') : '—',
              })}
            </Alert>
          )}
        </Stack>
      </Card>

      {(d.actions.open || d.actions.dismiss || d.actions.reportSalaryStop) && (
        <Card withBorder radius="md" padding="sm" data-testid="indication-actions">
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t('disiplin.indication.actionsHint')}
            </Text>
            <Group gap="xs" wrap="wrap">
              {d.actions.open && (
                <Button onClick={() => setDialog('open')} data-testid="open-case">
                  {t('disiplin.indication.open')}
                </Button>
              )}
              {d.actions.dismiss && (
                <Button
                  variant="light"
                  color="red"
                  onClick={() => setDialog('dismiss')}
                  data-testid="dismiss"
                >
                  {t('disiplin.indication.dismiss')}
                </Button>
              )}
              {d.actions.reportSalaryStop && (
                <Button
                  variant="light"
                  color="orange"
                  loading={salary.isPending}
                  onClick={() =>
                    salary.mutate(d.id, {
                      onSuccess: (stop) => navigate(`/disiplin/gaji/${stop.id}`),
                    })
                  }
                >
                  {t('disiplin.indication.reportSalaryStop')}
                </Button>
              )}
            </Group>
            {salary.isError && <ErrorState error={salary.error} compact />}
          </Stack>
        </Card>
      )}

      {(d.decision || d.caseId || d.salaryStopRecord) && (
        <Card withBorder radius="md" padding="sm" data-testid="indication-outcome">
          <Stack gap={6}>
            {d.decision && (
              <Text size="sm">
                {t('disiplin.indication.decidedBy', {
                  name: d.decision.byName ?? '—',
                  date: formatDateTime(d.decision.at),
                })}
                {d.decision.as ? ` (${t(`disiplin.actingAs.${d.decision.as}`)})` : ''}
              </Text>
            )}
            {d.decision?.dismissReason && (
              <Text size="sm" data-testid="dismiss-reason">
                {t('disiplin.indication.dismissedBecause', { reason: d.decision.dismissReason })}
              </Text>
            )}
            {d.caseId && (
              <Anchor
                component={Link}
                to={`/disiplin/kasus/${d.caseId}`}
                size="sm"
                data-testid="indication-case"
              >
                {t('disiplin.indication.toCase', { number: d.caseNumber ?? '' })}
              </Anchor>
            )}
            {d.salaryStopRecord && (
              <Group gap="xs">
                <Anchor component={Link} to={`/disiplin/gaji/${d.salaryStopRecord.id}`} size="sm">
                  {t('disiplin.indication.toSalaryStop')}
                </Anchor>
                <StatusBadge
                  status={d.salaryStopRecord.status}
                  label={d.salaryStopRecord.statusLabel}
                  color={salaryStopColor(d.salaryStopRecord.status)}
                />
              </Group>
            )}
          </Stack>
        </Card>
      )}

      <Evidence d={d} />
      <OpenDialog key={`o-${d.id}`} d={d} opened={dialog === 'open'} onClose={() => setDialog(null)} />
      <DismissDialog key={`d-${d.id}`} d={d} opened={dialog === 'dismiss'} onClose={() => setDialog(null)} />
    </Stack>
  );
}
