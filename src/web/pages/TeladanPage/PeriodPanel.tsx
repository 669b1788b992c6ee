import { Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePublish, useStartReview, useTeladanNominations, useTeladanPeriod } from '../../api/teladan.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate } from '../../lib/format.ts';
import { CommitteeModal, ConfirmModal, NominateModal } from './TeladanModals.tsx';
import { RankingCard } from './RankingCard.tsx';

const monthText = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

/** One period: its criteria and committee, the actions the caller may take, nominations and the ranking. */
export function PeriodPanel({ periodId }: { periodId: string }) {
  const { t } = useTranslation();
  const period = useTeladanPeriod(periodId);
  const nominations = useTeladanNominations(periodId, 1);
  const review = useStartReview(periodId);
  const publish = usePublish(periodId);
  const [committeeOpen, setCommitteeOpen] = useState(false);
  const [nominateOpen, setNominateOpen] = useState<'SUPERIOR' | 'PUBLIC' | null>(null);
  const [asking, setAsking] = useState<{ title: string; body: string; run: () => void } | null>(null);
  if (period.isPending) return <LoadingState />;
  if (period.isError) return <ErrorState error={period.error} onRetry={() => void period.refetch()} />;
  const p = period.data;
  const confirm = (title: string, body: string, run: () => void) => setAsking({ title, body, run });
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="md">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Title order={3}>{p.name}</Title>
            <Badge
              variant="light"
              color={p.status === 'PUBLISHED' ? 'teal' : p.status === 'REVIEW' ? 'blue' : 'gray'}
            >
              {t(`teladan.status.${p.status}`)}
            </Badge>
          </Group>
          <Text size="sm">
            {t('teladan.months')}: {monthText(p.fromMonth)} – {monthText(p.toMonth)} · {t('teladan.scope')}:{' '}
            {p.units.length === 0 ? t('teladan.region') : p.units.map((u) => u.name).join(', ')}
          </Text>
          <Text size="sm">
            {t('teladan.legalBasis')}: {p.legalBasis}
          </Text>
          <Text size="sm">{t('teladan.winners', { opd: p.winnersPerOpd, region: p.winnersRegion })}</Text>
          <Text fw={600} size="sm" mt="xs">
            {t('teladan.criteria')}
          </Text>
          <List size="sm" spacing={2}>
            {p.criteria.map((c) => (
              <List.Item key={c.key}>
                <b>{c.label}</b> ({c.figure}) · {t(`teladan.kind.${c.kind}`)} ·{' '}
                {t(`teladan.direction.${c.direction}`)}
                {c.kind === 'hard'
                  ? ` · ${t('teladan.threshold', { value: c.threshold })}`
                  : ` · ${t('teladan.weight', { value: c.weight })}`}
              </List.Item>
            ))}
          </List>
          <Text fw={600} size="sm" mt="xs">
            {t('teladan.committee')}
          </Text>
          <Text size="sm" c={p.committee.length ? undefined : 'dimmed'}>
            {p.committee.length
              ? p.committee
                  .map((m) => `${m.name} (${t(`teladan.role.${m.role as 'KETUA' | 'ANGGOTA'}`)})`)
                  .join(', ')
              : t('teladan.noCommittee')}
          </Text>
          {(review.isError || publish.isError) && (
            <ErrorState error={review.error ?? publish.error} compact />
          )}
          <Group gap="xs" mt="xs">
            {p.can.manage && p.status !== 'PUBLISHED' && (
              <Button variant="default" size="xs" onClick={() => setCommitteeOpen(true)}>
                {t('teladan.setCommittee')}
              </Button>
            )}
            {p.can.nominate && (
              <Button variant="default" size="xs" onClick={() => setNominateOpen('SUPERIOR')}>
                {t('teladan.nominate')}
              </Button>
            )}
            {p.can.manage && p.status === 'DRAFT' && (
              <Button variant="default" size="xs" onClick={() => setNominateOpen('PUBLIC')}>
                {t('teladan.publicNomination')}
              </Button>
            )}
            {p.can.review && (
              <Button
                size="xs"
                loading={review.isPending}
                onClick={() =>
                  confirm(t('teladan.startReview'), t('teladan.startReviewConfirm'), () => review.mutate())
                }
              >
                {t('teladan.startReview')}
              </Button>
            )}
            {p.can.publish && (
              <Button
                size="xs"
                color="teal"
                loading={publish.isPending}
                onClick={() =>
                  confirm(t('teladan.publish'), t('teladan.publishConfirm'), () => publish.mutate())
                }
              >
                {t('teladan.publish')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>
      {nominations.data && nominations.data.items.length > 0 && (
        <Card withBorder radius="md" padding="md">
          <Text fw={600} size="sm" mb="xs">
            {t('teladan.nominations')} ({nominations.data.total})
          </Text>
          <Stack gap={4}>
            {nominations.data.items.map((n) => (
              <Text key={n.id} size="sm">
                <b>{n.employeeName}</b> · {n.opdName} ·{' '}
                {n.kind === 'PUBLIC' ? t('teladan.byPublic', { source: n.source }) : n.nominatorName} ·{' '}
                {formatDate(n.createdAt.slice(0, 10))}: {n.reason}
              </Text>
            ))}
          </Stack>
        </Card>
      )}
      <RankingCard period={p} />
      <ConfirmModal ask={asking} onClose={() => setAsking(null)} />
      <CommitteeModal period={p} opened={committeeOpen} onClose={() => setCommitteeOpen(false)} />
      <NominateModal
        periodId={p.id}
        kind={nominateOpen ?? 'SUPERIOR'}
        opened={nominateOpen !== null}
        onClose={() => setNominateOpen(null)}
      />
    </Stack>
  );
}
