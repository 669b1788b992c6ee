import { Button, Card, Group, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RATING_VALUES,
  usePeerFeedback,
  type EvaluationDetail,
  type Rating,
} from '../../api/kinerja-evaluations.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EvidenceLines, FeedbackLine } from '../../components/kinerja/RhkActivity.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';

type Value = EvaluationDetail['peerFeedback']['perValue'][number]['value'];

/** Continuous feedback and evidence of the period, per RHK (as the evaluation answer lists them). */
export function EvaluationActivity({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  if (e.feedback.length === 0 && e.evidence.length === 0) return null;
  const groups = [
    ...e.rhk.map((r) => ({ id: r.id as string | null, title: `${r.seq}. ${r.text}` })),
    { id: null, title: t('kinerja.feedback.title') },
  ];
  return (
    <Card withBorder radius="md" padding="md" data-testid="evaluation-activity">
      <Stack gap="sm">
        <Title order={4} fz="md">
          {t('kinerja.feedback.title')} · {t('kinerja.evidence.title')}
        </Title>
        {groups.map((g) => {
          const feedback = e.feedback.filter((f) => f.rhkId === g.id);
          const evidence = g.id ? e.evidence.filter((x) => x.rhkId === g.id) : [];
          if (feedback.length === 0 && evidence.length === 0) return null;
          return (
            <Stack key={g.id ?? 'skp'} gap={4}>
              <Text size="sm" fw={600}>
                {g.title}
              </Text>
              {feedback.map((f) => (
                <FeedbackLine key={f.id} f={f} />
              ))}
              {evidence.length > 0 && <EvidenceLines items={evidence} />}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

/**
 * Umpan balik rekan (360°): the summary per BerAKHLAK value, and for a peer or direct subordinate who has not given
 * it yet, a rating of each of the seven values (POST /kinerja/evaluations/:id/peer-feedback).
 */
export function PeerFeedbackCard({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const online = useOnline();
  const give = usePeerFeedback();
  const p = e.peerFeedback;
  const [ratings, setRatings] = useState<Partial<Record<Value, Rating>>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!p.enabled) return null;
  const canGive = p.canGive && e.can.givePeerFeedback;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (p.perValue.some((v) => !ratings[v.value])) return setError(t('kinerja.peer.allRequired'));
    setError(null);
    give.mutate(
      {
        id: e.id,
        ratings: ratings as Record<Value, Rating>,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('kinerja.peer.sent') }) },
    );
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="peer-feedback">
      <Stack gap="sm">
        <Title order={4} fz="md">
          {t('kinerja.peer.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {p.count === 0
            ? t('kinerja.peer.none')
            : t('kinerja.peer.summary', {
                count: p.count,
                rekan: p.byRelation.REKAN,
                bawahan: p.byRelation.BAWAHAN,
              })}
        </Text>
        {p.count > 0 && (
          <Table.ScrollContainer minWidth={340}>
            <Table fz="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('kinerja.peer.value')}</Table.Th>
                  {RATING_VALUES.map((r) => (
                    <Table.Th key={r} ta="right">
                      {t(`kinerja.rating.${r}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {p.perValue.map((v) => (
                  <Table.Tr key={v.value}>
                    <Table.Td>{v.label}</Table.Td>
                    {RATING_VALUES.map((r) => (
                      <Table.Td key={r} ta="right">
                        {v.counts[r]}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {p.notes.map((n, i) => (
          <Text key={i} size="sm">
            “{n.note}” — {n.authorName ?? t(`kinerja.peer.relation.${n.relation}`)}
          </Text>
        ))}
        {p.givenByMe && (
          <Text size="sm" c="teal.8" data-testid="peer-feedback-given">
            {t('kinerja.peer.given')}
          </Text>
        )}
        {canGive && (
          <form onSubmit={submit} noValidate data-testid="peer-feedback-form">
            <Stack gap="xs">
              <Text size="sm">
                {t('kinerja.peer.hint', {
                  relation: p.myRelation ? t(`kinerja.peer.relation.${p.myRelation}`) : '',
                })}
              </Text>
              {p.perValue.map((v) => (
                <Radio.Group
                  key={v.value}
                  label={v.label}
                  value={ratings[v.value] ?? null}
                  onChange={(r) => setRatings((cur) => ({ ...cur, [v.value]: r as Rating }))}
                  data-testid="peer-value"
                >
                  <Group gap="sm" mt={4} wrap="wrap">
                    {RATING_VALUES.map((r) => (
                      <Radio key={r} value={r} label={t(`kinerja.rating.${r}`)} size="xs" />
                    ))}
                  </Group>
                </Radio.Group>
              ))}
              <Textarea
                label={t('kinerja.peer.note')}
                value={note}
                onChange={(x) => setNote(x.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={1000}
              />
              {error && (
                <Text size="sm" c="red">
                  {error}
                </Text>
              )}
              {give.isError && <ErrorState compact error={give.error} />}
              <Group justify="flex-end">
                <Button type="submit" loading={give.isPending} disabled={!online}>
                  {t('kinerja.peer.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
