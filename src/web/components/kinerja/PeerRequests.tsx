import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePeerRequests } from '../../api/kinerja-evaluations.ts';
import { formatDate } from '../../lib/format.ts';

/**
 * "Umpan balik rekan kerja": drafts of colleagues (same direct superior) and of my direct superior waiting for my
 * behaviour feedback, each linking to the evaluation (its page shows the feedback form). Hidden when empty, while
 * loading and on error (the rest of the tab does not depend on it).
 */
export function PeerRequests() {
  const { t } = useTranslation();
  const peer = usePeerRequests();
  const items = peer.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder padding="sm" radius="md" data-testid="peer-requests">
      <Stack gap="xs">
        <Stack gap={0}>
          <Title order={4}>{t('kinerja.peer.requestsTitle')}</Title>
          <Text size="xs" c="dimmed">
            {t('kinerja.peer.requestsHint', { count: items.length })}
          </Text>
        </Stack>
        {items.map((r) => (
          <Group key={r.evaluationId} justify="space-between" wrap="wrap" data-testid="peer-request">
            <Stack gap={0}>
              <Text fw={600} size="sm">
                {r.employeeName}
              </Text>
              <Text size="xs" c="dimmed">
                {t('kinerja.peer.requestLine', {
                  label: r.label,
                  start: formatDate(r.periodStart),
                  end: formatDate(r.periodEnd),
                  relation: t(`kinerja.peer.relation.${r.relation}`),
                })}
              </Text>
            </Stack>
            <Anchor component={Link} to={`/kinerja/penilaian/${r.evaluationId}`} size="sm">
              {t('kinerja.peer.requestOpen')}
            </Anchor>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
