import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLeaveBalance } from '../api/leave.ts';
import { ErrorState } from './ErrorState.tsx';
import { LoadingState } from './LoadingState.tsx';

/**
 * An employee's annual-leave balance of a year: fresh days, carried, used, remaining (regulations.md §4.1); with
 * `explain` also the server's explanation of how it was worked out.
 */
export function LeaveBalanceCard({
  employeeId,
  year,
  explain = false,
}: {
  employeeId: string | null;
  year: number;
  explain?: boolean;
}) {
  const { t } = useTranslation();
  const balance = useLeaveBalance(employeeId, year);
  if (balance.isPending) return <LoadingState />;
  if (balance.isError) return <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />;
  const b = balance.data;
  const cell = (label: string, value: number, testId: string) => (
    <Stack gap={0} align="center">
      <Text fz={28} fw={700} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed" ta="center">
        {label}
      </Text>
    </Stack>
  );
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      data-testid="leave-balance"
      aria-label={t('leave.balanceTitle', { year })}
    >
      <Title order={3} fz="h5" mb="sm">
        {t('leave.balanceTitle', { year })}
      </Title>
      {!b.isEligible ? (
        <Text size="sm" c="dimmed">
          {b.explanation[0]}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="sm">
          {cell(t('leave.entitlement'), b.entitlement, 'balance-entitlement')}
          {cell(t('leave.carried'), b.carriedOver, 'balance-carried')}
          {cell(t('leave.used'), b.taken, 'balance-used')}
          {cell(t('leave.remaining'), b.remaining, 'balance-remaining')}
        </SimpleGrid>
      )}
      {b.pending > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('leave.pendingDays', { count: b.pending })}
        </Text>
      )}
      {explain && b.isEligible && (
        <Stack gap={2} mt="sm" data-testid="balance-explanation">
          {b.explanation.map((line) => (
            <Text key={line} size="xs" c="dimmed">
              {line}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}
