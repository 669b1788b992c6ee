import { Anchor, Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPaperclip, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  useDecideObjection,
  type Objection,
  type ObjectionDecision,
  type ObjectionLine,
} from '../../../api/tpp-objections.ts';
import { formatDateTime, formatNip, formatRupiah } from '../../../lib/format.ts';
import { useMonthLabel } from '../../../pages/RekapPage/recap-ui.tsx';
import { ErrorState } from '../../ErrorState.tsx';
import { TextAreaField } from '../../TextAreaField.tsx';
import { lineRef, objectionStatusColor } from './objection-view.ts';

/** A line reference in the page's language, e.g. "Potongan TK tanggal 04/02/2027". */
export function LineRefText({ line }: { line: ObjectionLine }) {
  const { t } = useTranslation();
  const ref = lineRef(line);
  switch (ref.key) {
    case 'DEDUCTION':
      return <>{t('tppObjections.lines.DEDUCTION', { code: ref.values.code, date: ref.values.date })}</>;
    case 'SANCTION':
      return <>{t('tppObjections.lines.SANCTION', { type: ref.values.type })}</>;
    default:
      return <>{t(`tppObjections.lines.${ref.key}`)}</>;
  }
}

/** An objection's status as a coloured badge. */
export function ObjectionStatusBadge({ status }: { status: Objection['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={objectionStatusColor(status)}
      variant="light"
      data-status={status}
      style={{ flexShrink: 0 }}
    >
      {t(`tppObjections.statuses.${status}`)}
    </Badge>
  );
}

/**
 * One objection: the line, (for deciders) the employee with unit and month, the reason, the evidence link, the
 * status, the decision with its note and the re-run's effect; "Terima" / "Tolak" when the server says the caller
 * may decide it now (`canDecide`).
 */
export function ObjectionItem({
  objection: o,
  showEmployee,
  onDecide,
  link,
}: {
  objection: Objection;
  showEmployee: boolean;
  onDecide?: ((o: Objection, decision: ObjectionDecision) => void) | undefined;
  /** Where the employee's line opens (the run's page for its readers), or nothing. */
  link?: string | null | undefined;
}) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  return (
    <Stack
      gap={4}
      py="xs"
      data-testid="objection"
      data-objection-id={o.id}
      data-status={o.status}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          {showEmployee && (
            <Text size="sm" fw={650} data-testid="objection-employee">
              {o.employee.name}
              {o.employee.nip && (
                <Text span size="xs" c="dimmed" fw={400}>
                  {' '}
                  · {formatNip(o.employee.nip)}
                </Text>
              )}
            </Text>
          )}
          <Text size="sm" fw={showEmployee ? 400 : 600} data-testid="objection-line">
            <LineRefText line={o.line} />
          </Text>
          <Text size="xs" c="dimmed">
            {t('tppObjections.unitMonth', { unit: o.unitName, month: monthLabel(o.month) })} ·{' '}
            {t('tppObjections.filedAt', { at: formatDateTime(o.filedAt) })}
          </Text>
        </Stack>
        <ObjectionStatusBadge status={o.status} />
      </Group>
      <Text
        size="sm"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="objection-reason"
      >
        {o.reason}
      </Text>
      {o.evidence && (
        <Anchor
          href={o.evidence.url}
          target="_blank"
          rel="noopener"
          size="sm"
          data-testid="objection-evidence"
        >
          <Group gap={4} wrap="nowrap" component="span">
            <IconPaperclip size={14} />
            {o.evidence.fileName ?? t('tppObjections.evidenceOpen')}
          </Group>
        </Anchor>
      )}
      {o.decidedAt && (
        <Stack gap={0} data-testid="objection-decision">
          <Text size="xs" c="dimmed">
            {o.decidedBy
              ? t('tppObjections.decidedBy', { at: formatDateTime(o.decidedAt), by: o.decidedBy })
              : t('tppObjections.decidedAt', { at: formatDateTime(o.decidedAt) })}
          </Text>
          {o.decisionNote && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <Text span fw={600} size="sm">
                {t('tppObjections.decisionNote')}:
              </Text>{' '}
              {o.decisionNote}
            </Text>
          )}
          {o.rerun && (
            <Text size="xs" c={o.rerun.changed ? 'teal.8' : 'dimmed'} data-testid="objection-rerun">
              {o.rerun.changed
                ? t('tppObjections.rerunChanged', {
                    before: formatRupiah(o.rerun.netBefore),
                    after: formatRupiah(o.rerun.netAfter),
                    version: o.rerun.version,
                  })
                : t('tppObjections.rerunSame')}
            </Text>
          )}
        </Stack>
      )}
      {((o.canDecide && onDecide) || link) && (
        <Group gap="xs" justify="flex-end">
          {link && (
            <Anchor component={Link} to={link} size="sm" mr="auto" data-testid="objection-run-link">
              {t('tppObjections.openRun')}
            </Anchor>
          )}
          {o.canDecide && onDecide && (
            <>
              <Button
                size="xs"
                color="teal"
                variant="light"
                leftSection={<IconCheck size={14} />}
                onClick={() => onDecide(o, 'DITERIMA')}
                data-testid="objection-accept"
              >
                {t('tppObjections.accept')}
              </Button>
              <Button
                size="xs"
                color="red"
                variant="light"
                leftSection={<IconX size={14} />}
                onClick={() => onDecide(o, 'DITOLAK')}
                data-testid="objection-reject"
              >
                {t('tppObjections.reject')}
              </Button>
            </>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** The decision on one objection: uphold or reject, with a required note; the server's refusal shown as it comes. */
export function DecideModal({
  pending,
  onClose,
}: {
  pending: { objection: Objection; decision: ObjectionDecision } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecideObjection();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const close = () => {
    if (decide.isPending) return;
    setNote('');
    setTried(false);
    decide.reset();
    onClose();
  };
  const accept = pending?.decision === 'DITERIMA';
  return (
    <Modal
      opened={pending !== null}
      onClose={close}
      title={accept ? t('tppObjections.decideAccept') : t('tppObjections.decideReject')}
      centered
      data-testid="objection-decide"
    >
      {pending && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!note.trim()) return;
            decide.mutate(
              { id: pending.objection.id, decision: pending.decision, note },
              {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('tppObjections.decided') });
                  setNote('');
                  setTried(false);
                  decide.reset();
                  onClose();
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {pending.objection.employee.name}
              </Text>
              <Text size="sm">
                <LineRefText line={pending.objection.line} />
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                {pending.objection.reason}
              </Text>
            </Stack>
            <Text size="xs" c="dimmed">
              {accept ? t('tppObjections.decideAcceptHint') : t('tppObjections.decideRejectHint')}
            </Text>
            <TextAreaField
              label={t('tppObjections.note')}
              value={note}
              onChange={setNote}
              required
              minRows={3}
              maxLength={2000}
              error={tried && !note.trim() ? t('tppObjections.noteRequired') : undefined}
              data-testid="objection-note"
              data-autofocus
            />
            {decide.isError && <ErrorState error={decide.error} compact />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={decide.isPending}>
                {t('tppObjections.cancel')}
              </Button>
              <Button
                type="submit"
                color={accept ? 'teal' : 'red'}
                loading={decide.isPending}
                data-testid="objection-decide-submit"
              >
                {accept ? t('tppObjections.accept') : t('tppObjections.reject')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
