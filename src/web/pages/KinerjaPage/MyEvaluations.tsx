import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useEvaluationPeriods } from '../../api/kinerja-evaluations.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EvaluationStatusBadge, PredikatBadge } from '../../components/kinerja/badges.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PeerRequests } from '../../components/kinerja/PeerRequests.tsx';
import { formatDate } from '../../lib/format.ts';

/** The "penilaian" tab: colleagues' drafts awaiting my feedback (hidden when none), then my own evaluations. */
export function MyEvaluations({ skpId }: { skpId: string | null }) {
  return (
    <Stack gap="md">
      <PeerRequests />
      <MyPeriods skpId={skpId} />
    </Stack>
  );
}

/** My evaluations: each period of my SKP, its status and predikat, a link to the evaluation (PDF, objection). */
function MyPeriods({ skpId }: { skpId: string | null }) {
  const { t } = useTranslation();
  const periods = useEvaluationPeriods(skpId);
  if (!skpId) return <EmptyState title={t('kinerja.evaluation.noSkp')} />;
  if (periods.isLoading) return <LoadingState />;
  if (periods.isError) return <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />;
  return (
    <Stack gap="xs" data-testid="my-evaluations">
      {periods.data!.items.map((p) => (
        <Card
          key={`${p.kind}-${p.periodStart}`}
          withBorder
          padding="sm"
          radius="md"
          data-testid="evaluation-period"
        >
          <Group justify="space-between" wrap="wrap">
            <Stack gap={0}>
              <Text fw={600} size="sm">
                {p.label}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(p.periodStart)}–{formatDate(p.periodEnd)}
              </Text>
            </Stack>
            {p.evaluation ? (
              <Group gap="xs">
                <EvaluationStatusBadge status={p.evaluation.status} />
                <PredikatBadge predikat={p.evaluation.predikat} />
                <Anchor component={Link} to={`/kinerja/penilaian/${p.evaluation.id}`} size="sm">
                  {t('kinerja.evaluation.open')}
                </Anchor>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('kinerja.evaluation.notStarted')}
              </Text>
            )}
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
