import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  Image,
  Modal,
  Pagination,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDeviceMobile, IconPhoto, IconPhotoOff, IconX } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { punchPhotoUrl, useReviewDecision, useReviews } from '../../api/attendance.ts';
import type { Punch } from '../../api/attendance.ts';
import { KindLabel, PlaceLine, ReasonList, VerdictBadge } from '../../components/attendance/PunchCard.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatNip, formatTime } from '../../lib/format.ts';

const PAGE_SIZE = 20;

/** The photo, loaded only when the reviewer asks for it (every view is logged on the server). */
function PunchPhoto({ punch }: { punch: Punch }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!punch.hasPhoto) {
    return (
      <Group gap={4} c="dimmed">
        <IconPhotoOff size={14} />
        <Text size="xs">{t('review.noPhoto')}</Text>
      </Group>
    );
  }
  if (!shown) {
    return (
      <Button
        size="compact-sm"
        variant="light"
        leftSection={<IconPhoto size={14} />}
        onClick={() => setShown(true)}
        data-testid="show-photo"
      >
        {t('review.showPhoto')}
      </Button>
    );
  }
  if (failed)
    return (
      <Text size="xs" c="red">
        {t('review.photoFailed')}
      </Text>
    );
  return (
    <Box maw={280}>
      <Image
        src={punchPhotoUrl(punch.id)}
        alt={t('review.photoAlt', { name: punch.employeeName })}
        radius="md"
        onError={() => setFailed(true)}
        data-testid="punch-photo"
      />
      <Text size="xs" c="dimmed" mt={4}>
        {t('review.photoLogged')}
      </Text>
    </Box>
  );
}

function DecisionModal({
  punch,
  decision,
  onClose,
}: {
  punch: Punch;
  decision: 'ACCEPTED' | 'REJECTED';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const review = useReviewDecision();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim().length < 3) {
      setNoteError(t('review.noteRequired'));
      return;
    }
    setNoteError(null);
    review.mutate(
      { id: punch.id, decision, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t(decision === 'ACCEPTED' ? 'review.accepted' : 'review.rejected', {
              name: punch.employeeName,
            }),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(decision === 'ACCEPTED' ? 'review.acceptTitle' : 'review.rejectTitle')}
      size="md"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {t('review.decisionFor', {
              name: punch.employeeName,
              kind: t(`punch.kind.${punch.kind}`),
              time: `${formatDate(punch.localDate)} ${formatTime(punch.occurredAt, punch.timeZone)}`,
            })}
          </Text>
          {review.error && <ErrorState error={review.error} compact />}
          <Textarea
            label={t('review.note')}
            placeholder={t('review.notePlaceholder')}
            required
            autosize
            minRows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            data-autofocus
            data-testid="review-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={decision === 'ACCEPTED' ? 'teal' : 'red'}
              loading={review.isPending}
              data-testid="review-submit"
            >
              {t(decision === 'ACCEPTED' ? 'review.accept' : 'review.reject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReviewItem({ punch, onDecide }: { punch: Punch; onDecide: (d: 'ACCEPTED' | 'REJECTED') => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="md" data-testid="review-item" data-punch-id={punch.id}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} truncate="end" data-testid="review-employee">
              {punch.employeeName}
            </Text>
            <Text size="xs" c="dimmed">
              {formatNip(punch.nip)} · {punch.unitName}
            </Text>
          </Stack>
          <VerdictBadge verdict={punch.verdict} />
        </Group>
        <Group gap="md" wrap="wrap">
          <KindLabel kind={punch.kind} />
          <Text size="sm">
            {formatDate(punch.localDate)} {formatTime(punch.occurredAt, punch.timeZone)}
          </Text>
          <Badge variant="outline" color="gray" size="sm">
            {t(`punch.source.${punch.source}`)}
          </Badge>
        </Group>
        <ReasonList reasons={punch.reasons} />
        <PlaceLine punch={punch} />
        {punch.location && (
          <Text size="xs" c="dimmed" data-testid="review-coordinates">
            {t('review.coordinates', {
              lat: punch.location.lat.toFixed(6),
              lon: punch.location.lon.toFixed(6),
              accuracy: punch.location.accuracyM != null ? Math.round(punch.location.accuracyM) : '—',
            })}
            {punch.location.mocked && ` · ${t('review.mocked')}`}
          </Text>
        )}
        {(punch.deviceLabel || punch.terminalSerial) && (
          <Group gap={4} c="dimmed">
            <IconDeviceMobile size={14} />
            <Text size="xs">{punch.deviceLabel ?? punch.terminalSerial}</Text>
          </Group>
        )}
        <PunchPhoto punch={punch} />
        <SimpleGrid cols={2} spacing="xs" mt={4}>
          <Button
            color="teal"
            leftSection={<IconCheck size={16} />}
            onClick={() => onDecide('ACCEPTED')}
            data-testid="review-accept"
          >
            {t('review.accept')}
          </Button>
          <Button
            color="red"
            variant="light"
            leftSection={<IconX size={16} />}
            onClick={() => onDecide('REJECTED')}
            data-testid="review-reject"
          >
            {t('review.reject')}
          </Button>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/** /presensi/tinjau: flagged punches the signed-in superior or admin OPD may decide, each with a note. */
export function ReviewPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const reviews = useReviews(page);
  const [deciding, setDeciding] = useState<{ punch: Punch; decision: 'ACCEPTED' | 'REJECTED' } | null>(null);
  const total = reviews.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Box maw={900} mx="auto">
      <PageHeader title={t('review.title')} subtitle={t('review.subtitle')} />
      {reviews.isPending ? (
        <LoadingState />
      ) : reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : reviews.data.items.length === 0 ? (
        <EmptyState title={t('review.emptyTitle')} description={t('review.empty')} />
      ) : (
        <Stack gap="sm" data-testid="review-list" style={{ opacity: reviews.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed" data-testid="review-total">
            {t('review.total', { count: total })}
          </Text>
          {reviews.data.items.map((punch) => (
            <ReviewItem
              key={punch.id}
              punch={punch}
              onDecide={(decision) => setDeciding({ punch, decision })}
            />
          ))}
          {pages > 1 && (
            <Group justify="center">
              <Pagination
                total={pages}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': t(`common.${control}Page`) })}
              />
            </Group>
          )}
        </Stack>
      )}
      {deciding && (
        <DecisionModal
          punch={deciding.punch}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
        />
      )}
    </Box>
  );
}
