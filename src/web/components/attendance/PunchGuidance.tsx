import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleX, IconClockEdit, IconMapPinShare } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PunchReason } from '../../../core/attendance/capture-rules.ts';
import type { PunchVerdict } from '../../../core/attendance/judge-punch.ts';
import type { NextStep } from '../../../core/attendance/punch-guidance.ts';
import type { CorrectionCategory } from '../../../core/permits/permit-request.ts';
import { formatTime } from '../../lib/format.ts';
import { formatDistance } from '../../lib/geolocation.ts';
import { correctionHref, dinasLuarHref } from './request-prefill.ts';

/** The guidance to show: a prediction (`punchGuidance`) or the next steps after the server's verdict (`nextStepsFor`). */
export interface GuidanceView {
  verdict: PunchVerdict;
  reasons: readonly { code: PunchReason; action: 'REJECT' | 'FLAG' }[];
  nearest: { label: string; distanceM: number } | null;
  nextSteps: readonly NextStep[];
  correctionCategory: CorrectionCategory | null;
  waitMinutes: number | null;
}

/** Where and when the punch is taken, for the explanations and the prefilled requests. */
export interface GuidanceContext {
  kind: 'IN' | 'OUT';
  localDate: string;
  /** The punch's time (epoch ms) and the unit's zone. */
  at: number;
  timeZone: string;
  fix: { lat: number; lon: number; accuracyM: number } | null;
  maxAccuracyM: number | null;
}

/** One plain sentence per reason, with the distance and the place where it matters. */
export function explainReason(
  t: TFunction,
  code: PunchReason,
  g: Pick<GuidanceView, 'nearest'>,
  c: Pick<GuidanceContext, 'fix' | 'maxAccuracyM'>,
): string {
  const place = g.nearest?.label ?? '';
  const distance = g.nearest ? formatDistance(g.nearest.distanceM) : '';
  switch (code) {
    case 'OUTSIDE_GEOFENCE':
      return g.nearest
        ? t('presensi.guidance.reason.outside', { distance, place })
        : t('presensi.guidance.reason.noPlaces');
    case 'LOCATION_UNCERTAIN':
      return t('presensi.guidance.reason.uncertain', { distance, place });
    case 'ACCURACY_TOO_POOR':
      return t('presensi.guidance.reason.accuracy', {
        accuracy: Math.round(c.fix?.accuracyM ?? 0),
        max: c.maxAccuracyM ?? '',
      });
    case 'NO_LOCATION':
      return t('presensi.guidance.reason.noLocation');
    case 'DEVICE_PENDING':
      return t('presensi.guidance.reason.devicePending');
    case 'NO_DEVICE':
    case 'UNREGISTERED_DEVICE':
      return t('presensi.guidance.reason.deviceInactive');
    case 'PHOTO_MISSING':
      return t('presensi.guidance.reason.noPhoto');
    case 'TOO_SOON':
      return t('presensi.guidance.reason.tooSoon');
    default:
      return t(`punch.reasons.${code}`);
  }
}

/** The next steps: the requests as buttons with their fields filled in, the other steps as short instructions. */
export function NextSteps({ guidance, context }: { guidance: GuidanceView; context: GuidanceContext }) {
  const { t } = useTranslation();
  if (guidance.nextSteps.length === 0) return null;
  const label = t(context.kind === 'IN' ? 'presensi.checkIn' : 'presensi.checkOut');
  const why = guidance.reasons
    .filter((r) => r.action === 'REJECT' || guidance.verdict !== 'REJECTED')
    .map((r) => explainReason(t, r.code, guidance, context))
    .join(' ');
  const prefillReason = t('presensi.guidance.prefill', {
    kind: label,
    time: formatTime(context.at, context.timeZone),
    why,
  });
  const hhmm = formatTime(context.at, context.timeZone, { zone: false });
  const requests = guidance.nextSteps.filter((s) => s === 'DINAS_LUAR' || s === 'CORRECTION');
  const instructions = guidance.nextSteps.filter((s) => s !== 'DINAS_LUAR' && s !== 'CORRECTION');
  return (
    <Stack gap={6} data-testid="next-steps">
      <Text size="sm" fw={600}>
        {t('presensi.guidance.nextTitle')}
      </Text>
      {instructions.length > 0 && (
        <List size="sm" spacing={2}>
          {instructions.map((step) => (
            <List.Item key={step} data-step={step}>
              {t(`presensi.guidance.step.${step}`, { minutes: guidance.waitMinutes ?? 1 })}
            </List.Item>
          ))}
        </List>
      )}
      {requests.map((step) => (
        <Stack gap={2} key={step}>
          <Button
            component={Link}
            to={
              step === 'DINAS_LUAR'
                ? dinasLuarHref({ date: context.localDate, at: context.fix })
                : correctionHref({
                    date: context.localDate,
                    kind: context.kind,
                    time: hhmm,
                    category: guidance.correctionCategory ?? 'LAINNYA',
                    reason: prefillReason,
                  })
            }
            variant={step === requests[0] ? 'filled' : 'light'}
            color={step === 'DINAS_LUAR' ? 'blue' : 'grape'}
            leftSection={step === 'DINAS_LUAR' ? <IconMapPinShare size={18} /> : <IconClockEdit size={18} />}
            fullWidth
            data-testid={`next-step-${step}`}
          >
            {t(`presensi.guidance.step.${step}`)}
          </Button>
          <Text size="xs" c="dimmed">
            {t(`presensi.guidance.stepHint.${step}`)}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * Before the punch: what the server will decide (rejected or sent to review), why in plain words (with the distance
 * to the nearest allowed place), and the next step. Nothing is shown when the punch will be accepted.
 */
export function PunchGuidance({ guidance, context }: { guidance: GuidanceView; context: GuidanceContext }) {
  const { t } = useTranslation();
  if (guidance.verdict === 'ACCEPTED') return null;
  const rejected = guidance.verdict === 'REJECTED';
  const label = t(context.kind === 'IN' ? 'punch.kindText.IN' : 'punch.kindText.OUT');
  return (
    <Alert
      color={rejected ? 'red' : 'yellow'}
      variant="light"
      icon={rejected ? <IconCircleX size={20} /> : <IconAlertTriangle size={20} />}
      title={t(`presensi.guidance.${guidance.verdict}`, { kind: label })}
      data-testid="punch-guidance"
      data-verdict={guidance.verdict}
      data-reasons={guidance.reasons.map((r) => r.code).join(',')}
    >
      <Stack gap="xs">
        <Group gap={4}>
          {guidance.reasons.map((r) => (
            <Text size="sm" key={r.code} data-reason={r.code}>
              {explainReason(t, r.code, guidance, context)}
            </Text>
          ))}
        </Group>
        <NextSteps guidance={guidance} context={context} />
      </Stack>
    </Alert>
  );
}
