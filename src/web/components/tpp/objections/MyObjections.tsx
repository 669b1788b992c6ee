import { Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconMessageReport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyObjections, type ObjectionLine } from '../../../api/tpp-objections.ts';
import type { RunLineDetail } from '../../../api/tpp.ts';
import { ErrorState } from '../../ErrorState.tsx';
import { LoadingState } from '../../LoadingState.tsx';
import { TppLineView } from '../TppLineView.tsx';
import { canObject, objectionLineKey, pendingByLine } from './objection-view.ts';
import { ObjectionFormModal, type ObjectionTarget } from './ObjectionForm.tsx';
import { ObjectionItem } from './ObjectionParts.tsx';

/**
 * "TPP saya" with objections (issue 17 point 4): the line's breakdown where, while the run's objection window is
 * open, each deduction, sanction cut, the kinerja component and the exclusion carry "Ajukan keberatan" (or the
 * badge of an objection already waiting on that line), plus one general objection ("other"); the form in a modal.
 */
export function ObjectableTppLine({ line, today }: { line: RunLineDetail; today: string }) {
  const { t } = useTranslation();
  const open = canObject(line.run, today);
  const mine = useMyObjections(line.run.month, open);
  const pending = pendingByLine(mine.data?.items ?? [], line.run.id);
  const [target, setTarget] = useState<ObjectionTarget | null>(null);
  const fileOn = (l: ObjectionLine) =>
    setTarget({
      runId: line.run.id,
      employeeId: line.employee.id,
      line: l,
      objectionUntil: line.run.objectionUntil,
    });
  const action = (l: ObjectionLine) =>
    pending.has(objectionLineKey(l)) ? (
      <Tooltip label={t('tppObjections.pendingTitle')}>
        <Badge variant="light" color="blue" size="sm" data-testid="objection-pending">
          {t('tppObjections.pending')}
        </Badge>
      </Tooltip>
    ) : (
      <Button
        size="compact-xs"
        variant="subtle"
        leftSection={<IconMessageReport size={14} />}
        onClick={() => fileOn(l)}
        data-testid="objection-file-button"
        data-kind={l.kind}
      >
        {t('tppObjections.file')}
      </Button>
    );
  return (
    <>
      <TppLineView line={line} today={today} lineAction={open ? action : undefined} />
      {open && (
        <Group gap="xs" wrap="wrap" data-testid="objection-other">
          {pending.has('OTHER') ? (
            action({ kind: 'OTHER' })
          ) : (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconMessageReport size={14} />}
              onClick={() => fileOn({ kind: 'OTHER' })}
              data-testid="objection-file-other"
            >
              {t('tppObjections.fileOther')}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('tppObjections.fileOtherHint')}
          </Text>
        </Group>
      )}
      <ObjectionFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}

/** "Keberatan saya": the caller's objections of the month, with status, decision note and the re-run's effect. */
export function MyObjectionsCard({ month }: { month: string }) {
  const { t } = useTranslation();
  const mine = useMyObjections(month);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="my-objections">
      <Title order={3} size="h5" mb={4}>
        {t('tppObjections.mine')}
      </Title>
      {mine.isPending ? (
        <LoadingState minHeight={80} />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} compact />
      ) : mine.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('tppObjections.mineEmpty')}
        </Text>
      ) : (
        <Stack gap={0}>
          {mine.data.items.map((o) => (
            <ObjectionItem key={o.id} objection={o} showEmployee={false} />
          ))}
        </Stack>
      )}
    </Card>
  );
}
