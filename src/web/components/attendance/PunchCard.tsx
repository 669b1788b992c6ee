import { Badge, Group, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconLogin2,
  IconLogout2,
  IconMapPin,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Punch, PunchVerdict } from '../../api/attendance.ts';
import { formatDate, formatDateTime, formatTime } from '../../lib/format.ts';
import { formatDistance } from '../../lib/geolocation.ts';

const VERDICT_COLORS: Record<PunchVerdict, string> = {
  ACCEPTED: 'teal',
  FLAGGED: 'yellow',
  REJECTED: 'red',
};

export function VerdictBadge({
  verdict,
  size = 'sm',
}: {
  verdict: PunchVerdict;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const Icon =
    verdict === 'ACCEPTED' ? IconCircleCheck : verdict === 'FLAGGED' ? IconAlertTriangle : IconCircleX;
  return (
    <Badge
      size={size}
      color={VERDICT_COLORS[verdict]}
      variant="light"
      leftSection={<Icon size={12} />}
      data-testid="verdict-badge"
      data-verdict={verdict}
    >
      {t(`punch.verdict.${verdict}`)}
    </Badge>
  );
}

export function KindLabel({ kind }: { kind: Punch['kind'] }) {
  const { t } = useTranslation();
  const Icon = kind === 'OUT' ? IconLogout2 : IconLogin2;
  return (
    <Group gap={6} wrap="nowrap">
      <ThemeIcon size="sm" variant="light" color={kind === 'OUT' ? 'indigo' : 'teal'} radius="xl">
        <Icon size={14} />
      </ThemeIcon>
      <Text size="sm" fw={600}>
        {t(`punch.kind.${kind}`)}
      </Text>
    </Group>
  );
}

/** The reasons a punch was doubted or refused, in the UI language (the server's own text in Indonesian). */
export function ReasonList({ reasons }: { reasons: Punch['reasons'] }) {
  const { t, i18n } = useTranslation();
  if (reasons.length === 0) return null;
  return (
    <List size="sm" spacing={2} data-testid="punch-reasons">
      {reasons.map((reason) => (
        <List.Item
          key={reason.code}
          data-reason={reason.code}
          icon={
            reason.action === 'REJECT' ? (
              <IconCircleX size={14} color="var(--mantine-color-red-6)" />
            ) : (
              <IconAlertTriangle size={14} color="var(--mantine-color-yellow-7)" />
            )
          }
        >
          {i18n.language === 'en' ? t(`punch.reasons.${reason.code}`) : reason.message}
        </List.Item>
      ))}
    </List>
  );
}

export function PlaceLine({ punch }: { punch: Punch }) {
  const { t } = useTranslation();
  if (!punch.place && !punch.location) return null;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <IconMapPin size={14} style={{ marginTop: 3, flexShrink: 0 }} />
      <Text size="xs" c="dimmed">
        {punch.place
          ? punch.place.distanceM && punch.place.distanceM > 0
            ? t('punch.outsidePlace', {
                distance: formatDistance(punch.place.distanceM),
                place: punch.place.label,
              })
            : t('punch.atPlace', { place: punch.place.label })
          : t('punch.noPlace')}
        {punch.location?.accuracyM != null && ` · ±${Math.round(punch.location.accuracyM)} m`}
      </Text>
    </Group>
  );
}

export function ReviewNote({ punch }: { punch: Punch }) {
  const { t } = useTranslation();
  if (!punch.review) return null;
  return (
    <Paper withBorder radius="sm" p="xs" bg="var(--mantine-color-gray-0)" data-testid="punch-review">
      <Text size="xs" fw={600}>
        {t(punch.review.decision === 'ACCEPTED' ? 'punch.reviewAccepted' : 'punch.reviewRejected', {
          by: punch.review.decidedBy,
          at: formatDateTime(punch.review.decidedAt, punch.timeZone),
        })}
      </Text>
      <Text size="xs">{punch.review.note}</Text>
    </Paper>
  );
}

/** One punch as a compact card: kind, time, verdict, place, reasons and the review decision. */
export function PunchCard({
  punch,
  showDate = true,
  extra,
}: {
  punch: Punch;
  showDate?: boolean;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid="punch-card"
      data-punch-id={punch.id}
      data-verdict={punch.effectiveVerdict}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <KindLabel kind={punch.kind} />
            <Text size="xs" c="dimmed">
              {showDate && `${formatDate(punch.localDate)} · `}
              {formatTime(punch.occurredAt, punch.timeZone)} · {t(`punch.source.${punch.source}`)}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <VerdictBadge verdict={punch.effectiveVerdict} />
            {punch.review && punch.verdict !== punch.effectiveVerdict && (
              <Text size="xs" c="dimmed">
                {t('punch.wasVerdict', { verdict: t(`punch.verdict.${punch.verdict}`) })}
              </Text>
            )}
          </Stack>
        </Group>
        <PlaceLine punch={punch} />
        <ReasonList reasons={punch.reasons} />
        {punch.verdict === 'FLAGGED' && !punch.review && (
          <Text size="xs" c="yellow.8">
            {t('punch.awaitingReview')}
          </Text>
        )}
        <ReviewNote punch={punch} />
        {extra}
      </Stack>
    </Paper>
  );
}
