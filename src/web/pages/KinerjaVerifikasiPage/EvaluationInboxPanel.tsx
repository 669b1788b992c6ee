import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useEvaluationInbox, type EvaluationSummary } from '../../api/kinerja-evaluations.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EvaluationStatusBadge, PredikatBadge } from '../../components/kinerja/badges.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useSkp } from '../../api/kinerja-skp.ts';
import { SkpView } from '../KinerjaPage/SkpView.tsx';
import { StaffEvaluations } from '../../components/kinerja/StaffEvaluations.tsx';
import { formatDate } from '../../lib/format.ts';

function Row({ e }: { e: EvaluationSummary }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" radius="md" data-testid="evaluation-inbox-item">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {e.employeeName}
          </Text>
          <Text size="xs" c="dimmed">
            {e.label} · {formatDate(e.periodStart)}–{formatDate(e.periodEnd)}
          </Text>
        </Stack>
        <Group gap="xs">
          <EvaluationStatusBadge status={e.status} />
          <PredikatBadge predikat={e.predikat} />
          <Anchor component={Link} to={`/kinerja/penilaian/${e.id}`} size="sm">
            {t('kinerja.evaluation.open')}
          </Anchor>
        </Group>
      </Group>
    </Card>
  );
}

/** A staff member's SKP as read, with feedback on each RHK for the penilai (and the evidence attached). */
function StaffSkp({ skpId }: { skpId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const skp = useSkp(open ? skpId : null);
  if (!open)
    return (
      <Button size="compact-sm" variant="subtle" onClick={() => setOpen(true)} data-testid="staff-skp-open">
        {t('kinerja.feedback.title')} · {t('kinerja.evidence.title')}
      </Button>
    );
  if (skp.isLoading) return <LoadingState minHeight={80} />;
  if (skp.isError) return <ErrorState compact error={skp.error} onRetry={() => void skp.refetch()} />;
  return <SkpView skp={skp.data!} />;
}

/** Evaluations to finalise (as penilai) or approve (as atasan penilai), and objections to decide. */
export function EvaluationInboxPanel() {
  const { t } = useTranslation();
  const inbox = useEvaluationInbox();
  if (inbox.isLoading) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const d = inbox.data!;
  const staff = <StaffEvaluations renderSkp={(skpId) => <StaffSkp skpId={skpId} />} />;
  const empty = d.toFinalise.length + d.toApprove.length + d.objections.length === 0;
  return (
    <Stack gap="md" data-testid="evaluation-inbox">
      {empty && <EmptyState title={t('kinerja.evaluation.inboxEmpty')} />}
      {d.toFinalise.length > 0 && (
        <Stack gap="xs">
          <Title order={4} fz="md">
            {t('kinerja.evaluation.toFinalise')}
          </Title>
          {d.toFinalise.map((e) => (
            <Row key={e.id} e={e} />
          ))}
        </Stack>
      )}
      {d.toApprove.length > 0 && (
        <Stack gap="xs">
          <Title order={4} fz="md">
            {t('kinerja.evaluation.toApprove')}
          </Title>
          {d.toApprove.map((e) => (
            <Row key={e.id} e={e} />
          ))}
        </Stack>
      )}
      {d.objections.length > 0 && (
        <Stack gap="xs">
          <Title order={4} fz="md">
            {t('kinerja.evaluation.objections')}
          </Title>
          {d.objections.map((o) => (
            <Card key={o.id} withBorder padding="sm" radius="md">
              <Group justify="space-between" wrap="wrap">
                <Stack gap={0}>
                  <Text fw={600} size="sm">
                    {o.employeeName} · {o.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('kinerja.evaluation.decideBy', { date: formatDate(o.decideBy) })}
                  </Text>
                </Stack>
                <Group gap="xs">
                  {o.overdue && <Badge color="red">{t('kinerja.inbox.overdue')}</Badge>}
                  <Anchor component={Link} to={`/kinerja/penilaian/${o.evaluationId}`} size="sm">
                    {t('kinerja.evaluation.open')}
                  </Anchor>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {staff}
    </Stack>
  );
}
