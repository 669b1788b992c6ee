import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Container,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ComplaintStatus } from '../../../shared/api/complaints.ts';
import { useTrackComplaint } from '../../api/complaints.ts';
import { isApiError } from '../../api/http.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate } from '../../lib/format.ts';

export const STATUS_COLORS: Record<ComplaintStatus, string> = {
  DITERIMA: 'gray',
  DITERUSKAN: 'blue',
  DIJAWAB: 'green',
  DITOLAK: 'orange',
};

/**
 * /lapor/lacak?kode=…: the public tracking page (no account; issue 18 point 2): status, dates and the official
 * answer of the complaint with this code, nothing else (no officials' notes, no employee data).
 */
export function LacakPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const code = params.get('kode');
  const [typed, setTyped] = useState(code ?? '');
  const track = useTrackComplaint(code);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (typed.trim()) setParams({ kode: typed.trim() });
  };

  const row = (label: string, value: string | null) =>
    value && (
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text size="sm" ta="right">
          {value}
        </Text>
      </Group>
    );

  return (
    <Container size="sm" py="md">
      <Stack>
        <Title order={2} fz="h3">
          {t('complaints.tracking.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('complaints.tracking.intro')}
        </Text>
        <Group component="form" onSubmit={onSubmit} align="flex-end" wrap="nowrap">
          <TextInput
            label={t('complaints.tracking.code')}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            placeholder="XXXX-XXXX-XXXX"
            autoCapitalize="characters"
            autoComplete="off"
            style={{ flex: 1 }}
          />
          <Button type="submit">{t('complaints.tracking.search')}</Button>
        </Group>
        {code &&
          (track.isPending ? (
            <LoadingState />
          ) : track.isError ? (
            isApiError(track.error) && track.error.code === 'NOT_FOUND' ? (
              <Alert color="orange">{t('complaints.tracking.notFound')}</Alert>
            ) : (
              <ErrorState error={track.error} onRetry={() => void track.refetch()} />
            )
          ) : (
            <Card withBorder data-testid="tracking-result">
              <Stack gap="xs">
                <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {track.data.title}
                </Text>
                <Group gap="xs">
                  <Badge color={STATUS_COLORS[track.data.status]}>
                    {t(`complaints.statuses.${track.data.status}`)}
                  </Badge>
                  <Badge variant="light">{t(`complaints.categories.${track.data.category}`)}</Badge>
                </Group>
                {row(t('complaints.tracking.unit'), track.data.unitName)}
                {row(t('complaints.tracking.received'), formatDate(track.data.receivedAt))}
                {row(t('complaints.tracking.routed'), track.data.routedAt && formatDate(track.data.routedAt))}
                {row(t('complaints.tracking.due'), track.data.dueOn && formatDate(track.data.dueOn))}
                {row(
                  t('complaints.tracking.answered'),
                  track.data.answeredAt && formatDate(track.data.answeredAt),
                )}
                {track.data.photoCount > 0 &&
                  row(t('complaints.tracking.photos'), String(track.data.photoCount))}
                <Text size="sm" fw={500}>
                  {t('complaints.tracking.answer')}
                </Text>
                <Text
                  size="sm"
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
                  data-testid="tracking-answer"
                >
                  {track.data.answer ?? t('complaints.tracking.noAnswer')}
                </Text>
              </Stack>
            </Card>
          ))}
        <Anchor component={Link} to="/lapor" size="sm">
          {t('complaints.tracking.newComplaint')}
        </Anchor>
      </Stack>
    </Container>
  );
}
