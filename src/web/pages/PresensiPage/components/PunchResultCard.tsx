import { Alert, CloseButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconCloudUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Punch } from '../../../api/attendance.ts';
import { nextStepsFor } from '../../../../core/attendance/punch-guidance.ts';
import { ReasonList } from '../../../components/attendance/PunchCard.tsx';
import { NextSteps } from '../../../components/attendance/PunchGuidance.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { formatTime } from '../../../lib/format.ts';

export type PunchOutcome =
  | { type: 'sent'; punch: Punch; replayed: boolean }
  | { type: 'queued'; kind: 'IN' | 'OUT'; capturedAt: number; idempotencyKey: string }
  | { type: 'error'; error: unknown };

/** What became of the last punch: the server's verdict with reasons, queued on the phone, or an error. */
export function PunchResultCard({
  attempt,
  outcome,
  timeZone,
  maxAccuracyM = null,
  onClose,
}: {
  attempt: number;
  outcome: PunchOutcome;
  timeZone: string;
  /** The rulebook's accuracy limit, for the explanation of a punch refused for a poor fix. */
  maxAccuracyM?: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const close = <CloseButton size="sm" aria-label={t('common.close')} onClick={onClose} />;

  if (outcome.type === 'error') {
    return (
      <div data-testid="punch-result" data-attempt={attempt} data-verdict="ERROR">
        <ErrorState error={outcome.error} compact />
      </div>
    );
  }
  if (outcome.type === 'queued') {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconCloudUpload size={20} />}
        data-testid="punch-result"
        data-attempt={attempt}
        data-verdict="QUEUED"
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text fw={700}>
              {t('presensi.result.queued', {
                kind: t(`punch.kindText.${outcome.kind}`),
                time: formatTime(outcome.capturedAt, timeZone),
              })}
            </Text>
            <Text size="sm">{t('presensi.result.queuedHint')}</Text>
          </Stack>
          {close}
        </Group>
      </Alert>
    );
  }
  const { punch } = outcome;
  // After a refusal (or a punch outside every place sent to review): the next step, from the server's own reasons.
  const next = punch.verdict === 'ACCEPTED' ? null : nextStepsFor(punch.reasons);
  const color = punch.verdict === 'ACCEPTED' ? 'teal' : punch.verdict === 'FLAGGED' ? 'yellow' : 'red';
  const Icon =
    punch.verdict === 'ACCEPTED'
      ? IconCircleCheck
      : punch.verdict === 'FLAGGED'
        ? IconAlertTriangle
        : IconCircleX;
  return (
    <Alert
      color={color}
      variant="light"
      icon={<Icon size={20} />}
      data-testid="punch-result"
      data-attempt={attempt}
      data-verdict={punch.verdict}
      data-punch-id={punch.id}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Text fw={700}>
            {t(`presensi.result.${punch.verdict}`, {
              kind: t(`punch.kindText.${punch.kind}`),
              time: formatTime(punch.occurredAt, punch.timeZone),
            })}
          </Text>
          {punch.verdict === 'FLAGGED' && <Text size="sm">{t('presensi.result.flaggedHint')}</Text>}
          <ReasonList reasons={punch.reasons} />
          {next && next.nextSteps.length > 0 && (punch.kind === 'IN' || punch.kind === 'OUT') && (
            <NextSteps
              guidance={{
                verdict: punch.verdict,
                reasons: punch.reasons,
                nearest:
                  punch.place && punch.place.distanceM !== null
                    ? { label: punch.place.label, distanceM: punch.place.distanceM }
                    : null,
                ...next,
                waitMinutes: null,
              }}
              context={{
                kind: punch.kind,
                localDate: punch.localDate,
                at: Date.parse(punch.occurredAt),
                timeZone: punch.timeZone,
                fix: punch.location
                  ? {
                      lat: punch.location.lat,
                      lon: punch.location.lon,
                      accuracyM: punch.location.accuracyM ?? 0,
                    }
                  : null,
                maxAccuracyM,
              }}
            />
          )}
          {outcome.replayed && (
            <Text size="xs" c="dimmed">
              {t('presensi.result.replayed')}
            </Text>
          )}
        </Stack>
        {close}
      </Group>
    </Alert>
  );
}
