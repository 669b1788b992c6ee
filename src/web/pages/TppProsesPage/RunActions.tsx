import { Alert, Button, Card, Group, List, Modal, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCalculator, IconHistory, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RUN_ACTIONS,
  useComputeRun,
  useRunStep,
  useRunVerification,
  type RunAction,
  type RunDetail,
} from '../../api/tpp.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { canRecompute, stepButtons, type StepAction } from '../../components/tpp/tpp-view.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

type Pending = { kind: 'step'; action: StepAction } | { kind: 'compute' };

/** The confirmation of a step (with an optional note) or of a recomputation; the server's refusal shown in it. */
function ConfirmModal({
  run,
  pending,
  onClose,
}: {
  run: RunDetail;
  pending: Pending | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const step = useRunStep(run.id);
  const compute = useComputeRun();
  const [note, setNote] = useState('');
  const mutation = pending?.kind === 'compute' ? compute : step;
  const close = () => {
    step.reset();
    compute.reset();
    setNote('');
    onClose();
  };
  const done = () => {
    notifications.show({ color: 'teal', message: t('tpp.run.stepDone') });
    close();
  };
  const title =
    pending?.kind === 'step'
      ? t(`tpp.run.steps.${pending.action}`)
      : pending?.kind === 'compute'
        ? t('tpp.run.recompute')
        : '';
  return (
    <Modal opened={pending !== null} onClose={close} title={title} centered data-testid="tpp-confirm">
      {pending && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (pending.kind === 'compute')
              compute.mutate({ unitId: run.unitId, month: run.month }, { onSuccess: done });
            else
              step.mutate(
                {
                  action: pending.action,
                  body: { version: run.version, ...(note.trim() ? { note: note.trim() } : {}) },
                },
                { onSuccess: done },
              );
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              {pending.kind === 'compute'
                ? t('tpp.run.recomputeConfirm', { unit: run.unitName, month: monthLabel(run.month) })
                : t(`tpp.run.confirms.${pending.action}`, { version: run.version })}
            </Text>
            {pending.kind === 'step' && (
              <TextAreaField label={t('tpp.run.note')} value={note} onChange={setNote} maxLength={1000} />
            )}
            {mutation.isError && <ErrorState error={mutation.error} compact />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={mutation.isPending}
                color={pending.kind === 'step' && pending.action === 'lock' ? 'dark' : undefined}
                data-testid="tpp-confirm-submit"
              >
                {t('tpp.run.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

/**
 * The steps the caller may take on the run now (the server's `actions`), each behind a confirmation; the head's
 * approval disabled with the reasons while the objection window is open or objections wait; the window's end date.
 */
export function RunActionsCard({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending | null>(null);
  const buttons = stepButtons(run);
  const recompute = canRecompute(run);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-actions">
      <Title order={3} size="h5" mb="xs">
        {t('tpp.run.actions')}
      </Title>
      <Stack gap="xs">
        {run.objectionUntil && (
          <Text size="sm" fw={600} data-testid="tpp-objection-until" data-until={run.objectionUntil}>
            {t('tpp.run.objectionUntil', { date: formatDate(run.objectionUntil) })}
          </Text>
        )}
        {run.pendingObjections > 0 && (
          <Text size="sm" c="orange.8">
            {t('tpp.run.pendingObjections', { n: run.pendingObjections })}
          </Text>
        )}
        {buttons.length === 0 && !recompute && (
          <Text size="sm" c="dimmed">
            {t('tpp.run.noActions')}
          </Text>
        )}
        <Group gap="xs" wrap="wrap">
          {buttons.map((b) => (
            <Button
              key={b.action}
              color={b.color}
              disabled={b.blockedBy !== null}
              onClick={() => setPending({ kind: 'step', action: b.action })}
              data-testid={`tpp-step-${b.action}`}
            >
              {t(`tpp.run.steps.${b.action}`)}
            </Button>
          ))}
          {recompute && (
            <Button
              variant="light"
              leftSection={<IconCalculator size={16} />}
              onClick={() => setPending({ kind: 'compute' })}
              data-testid="tpp-recompute"
            >
              {t('tpp.run.recompute')}
            </Button>
          )}
        </Group>
        {run.blockers.length > 0 && (
          <Alert
            color="yellow"
            variant="light"
            p="xs"
            icon={<IconAlertTriangle size={16} />}
            data-testid="tpp-blockers"
          >
            <Text size="sm" fw={600}>
              {t('tpp.run.blockers')}
            </Text>
            <List size="sm">
              {run.blockers.map((b) => (
                <List.Item key={b}>{b}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {run.head && (
          <Text size="xs" c="dimmed">
            {run.head.vacant
              ? t('tpp.run.headVacant')
              : t('tpp.run.head', { position: run.head.positionName })}
          </Text>
        )}
      </Stack>
      <ConfirmModal run={run} pending={pending} onClose={() => setPending(null)} />
    </Card>
  );
}

const isRunAction = (a: string): a is RunAction => (RUN_ACTIONS as readonly string[]).includes(a);

/** The run's history: each step with who, when, the status it led to and the note. */
export function RunTimeline({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const events = [...run.events].reverse();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-run-timeline">
      <Title order={3} size="h5" mb="sm">
        {t('tpp.run.timeline')}
      </Title>
      <Timeline active={events.length - 1} bulletSize={18} lineWidth={2}>
        {events.map((e, i) => (
          <Timeline.Item
            key={`${e.at}-${i}`}
            bullet={<IconHistory size={11} />}
            title={isRunAction(e.action) ? t(`tpp.run.events.${e.action}`) : e.action}
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Text>
            {e.note && <Text size="sm">{e.note}</Text>}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/** Recomputes the run from its stored inputs and says whether it reproduces byte for byte. */
export function VerifyButton({ run }: { run: RunDetail }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const v = useRunVerification(run.id, asked);
  return (
    <Stack gap={4} data-testid="tpp-verify">
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconShieldCheck size={14} />}
          loading={v.isFetching}
          onClick={() => (asked ? void v.refetch() : setAsked(true))}
        >
          {t('tpp.run.verify')}
        </Button>
      </Group>
      {v.isError && <ErrorState error={v.error} compact />}
      {v.data && (
        <Text
          size="sm"
          c={v.data.reproducible ? 'teal.8' : 'red.8'}
          data-reproducible={String(v.data.reproducible)}
        >
          {v.data.reproducible
            ? t('tpp.run.verifyOk')
            : t('tpp.run.verifyBad', { n: v.data.mismatches.length })}
        </Text>
      )}
    </Stack>
  );
}
