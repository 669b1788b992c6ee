import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunDetail } from '../../../api/tpp.ts';
import { PUBLISHED_STATUSES } from '../../../api/tpp.ts';
import { useRunObjections, type Objection, type ObjectionDecision } from '../../../api/tpp-objections.ts';
import { ErrorState } from '../../ErrorState.tsx';
import { LoadingState } from '../../LoadingState.tsx';
import { DecideModal, ObjectionItem } from './ObjectionParts.tsx';

/** A list of objections with "Terima" / "Tolak" where the server allows the caller to decide, and its form. */
export function ObjectionDecideList({
  items,
  showEmployee,
  linkOf,
}: {
  items: Objection[];
  showEmployee: boolean;
  /** Where an objection's line opens, if anywhere. */
  linkOf?: ((o: Objection) => string | null) | undefined;
}) {
  const [pending, setPending] = useState<{ objection: Objection; decision: ObjectionDecision } | null>(null);
  return (
    <>
      <Stack gap={0}>
        {items.map((o) => (
          <ObjectionItem
            key={o.id}
            objection={o}
            showEmployee={showEmployee}
            link={linkOf?.(o)}
            onDecide={(objection, decision) => setPending({ objection, decision })}
          />
        ))}
      </Stack>
      <DecideModal pending={pending} onClose={() => setPending(null)} />
    </>
  );
}

/**
 * A run's objections (issue 17 point 4) on its page, pending ones first: employee, line, reason, evidence, status,
 * decision; "Terima" / "Tolak" (note required) for whoever the server lets decide (`canDecide`: the employee's
 * superior, tpp.manage; readers only read). Shown once the run is published (no objection exists before).
 */
export function RunObjectionsCard({ run }: { run: Pick<RunDetail, 'id' | 'status'> }) {
  const { t } = useTranslation();
  const published = PUBLISHED_STATUSES.includes(run.status);
  const q = useRunObjections(run.id, published);
  if (!published) return null;
  const waiting = q.data?.items.filter((o) => o.status === 'DIAJUKAN').length ?? 0;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-objections">
      <Group justify="space-between" gap="xs" mb={4}>
        <Title order={3} size="h5">
          {t('tppObjections.runCard')}
        </Title>
        {waiting > 0 && (
          <Badge color="blue" variant="light" data-testid="tpp-run-objections-waiting">
            {t('tppObjections.runPending', { count: waiting })}
          </Badge>
        )}
      </Group>
      {q.isPending ? (
        <LoadingState minHeight={80} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} compact />
      ) : q.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tppObjections.runEmpty')}
        </Text>
      ) : (
        <ObjectionDecideList items={q.data.items} showEmployee />
      )}
    </Card>
  );
}
