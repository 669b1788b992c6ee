import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconAward, IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { certificateUrl, useTeladanAwards } from '../../api/teladan.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';

/**
 * The ASN teladan awards of an employee (null: the caller's own) with their certificates (issue 18 point 4). On
 * another employee's page it shows nothing when there is no award or the reader may not see them (`hideEmpty`).
 */
export function TeladanAwardsCard({
  employeeId,
  hideEmpty,
}: {
  employeeId: string | null;
  hideEmpty?: boolean;
}) {
  const { t } = useTranslation();
  const awards = useTeladanAwards(employeeId);
  if (hideEmpty && (awards.isError || (awards.data && awards.data.items.length === 0))) return null;
  return (
    <Card withBorder radius="md" padding="md" data-testid="teladan-awards">
      <Title order={4} mb="sm">
        <Group gap={6}>
          <IconAward size={18} />
          {t('teladan.awards')}
        </Group>
      </Title>
      {awards.isPending ? (
        <LoadingState />
      ) : awards.isError ? (
        <ErrorState error={awards.error} onRetry={() => void awards.refetch()} compact />
      ) : awards.data.items.length === 0 ? (
        <EmptyState title={t('teladan.noAwards')} />
      ) : (
        <Stack gap="sm">
          {awards.data.items.map((a) => (
            <Group key={a.id} justify="space-between" wrap="wrap" gap="xs">
              <Stack gap={0}>
                <Group gap={6}>
                  <Badge color="yellow" variant="light">
                    {t(`teladan.category.${a.category}`)}
                  </Badge>
                  <Text fw={600} size="sm">
                    {a.category === 'REGION'
                      ? t('teladan.rankRegion', { n: a.regionRank })
                      : t('teladan.rankOpd', { n: a.opdRank })}
                  </Text>
                </Group>
                <Text size="sm" c="dimmed">
                  {t('teladan.awardLine', {
                    period: a.periodName,
                    category: a.opdName,
                    score: a.score.toLocaleString('id-ID', { maximumFractionDigits: 2 }),
                  })}
                </Text>
              </Stack>
              <Anchor href={certificateUrl(a.id)} size="sm">
                <Group gap={4}>
                  <IconFileTypePdf size={16} />
                  {t('teladan.certificate')}
                </Group>
              </Anchor>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
