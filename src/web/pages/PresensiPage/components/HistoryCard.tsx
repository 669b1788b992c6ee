import { Card, Group, Pagination, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePunches } from '../../../api/attendance.ts';
import { PunchCard } from '../../../components/attendance/PunchCard.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';

const PAGE_SIZE = 10;

/** The employee's own punches, newest first, with verdicts, reasons and review decisions. */
export function HistoryCard({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = usePunches({ employeeId, page, pageSize: PAGE_SIZE });
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Card withBorder radius="md" padding="sm" data-testid="punch-history">
      <Stack gap="xs">
        <Group gap={6}>
          <IconHistory size={18} />
          <Title order={4} fz="md">
            {t('presensi.history.title')}
          </Title>
        </Group>
        {query.isPending ? (
          <LoadingState minHeight={120} />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} compact />
        ) : query.data.items.length === 0 ? (
          <EmptyState title={t('presensi.history.empty')} />
        ) : (
          <>
            <Stack gap="xs" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}>
              {query.data.items.map((punch) => (
                <PunchCard key={punch.id} punch={punch} />
              ))}
            </Stack>
            {pages > 1 && (
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="xs" c="dimmed">
                  {t('common.showing', {
                    from: (page - 1) * PAGE_SIZE + 1,
                    to: Math.min(total, page * PAGE_SIZE),
                    total,
                  })}
                </Text>
                <Pagination
                  size="sm"
                  total={pages}
                  value={page}
                  onChange={setPage}
                  siblings={0}
                  boundaries={1}
                  getControlProps={(control) => ({ 'aria-label': t(`common.${control}Page`) })}
                />
              </Group>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
