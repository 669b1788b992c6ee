import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconFileTypePdf } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  evaluationPdfUrl,
  RATING_VALUES,
  useApproveEvaluation,
  useDecideObjection,
  useEvaluation,
  useFileObjection,
  useFinaliseEvaluation,
  useReturnEvaluation,
  useUpdateEvaluation,
  type CurveCheck,
  type EvaluationDetail,
  type Rating,
} from '../../api/kinerja-evaluations.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { EvaluationStatusBadge, PredikatBadge } from '../../components/kinerja/badges.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { EvaluationActivity, PeerFeedbackCard } from './EvaluationExtras.tsx';

/** The unit's predikat against the distribution curve (a soft check shown before finalising). */
export function CurveTable({ curve }: { curve: CurveCheck }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="curve-check">
      <Text size="sm">
        {t('kinerja.curve.org', {
          unit: curve.unitName,
          org: curve.orgPerformanceLabel ?? t('kinerja.curve.orgUnset'),
          tolerance: curve.tolerancePercent,
        })}
      </Text>
      <Table.ScrollContainer minWidth={360}>
        <Table fz="sm" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('kinerja.curve.predikat')}</Table.Th>
              <Table.Th ta="right">{t('kinerja.curve.count')}</Table.Th>
              <Table.Th ta="right">{t('kinerja.curve.actual')}</Table.Th>
              <Table.Th ta="right">{t('kinerja.curve.expected')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {curve.rows.map((r) => (
              <Table.Tr key={r.predikat} c={r.warning ? 'red.8' : undefined}>
                <Table.Td>{r.label}</Table.Td>
                <Table.Td ta="right">{r.count}</Table.Td>
                <Table.Td ta="right">{r.actualPercent}%</Table.Td>
                <Table.Td ta="right">{r.expectedPercent === null ? '—' : `${r.expectedPercent}%`}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {curve.warnings.map((w, i) => (
        <Alert key={i} color="orange" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
          {w}
        </Alert>
      ))}
      {curve.notes.map((n, i) => (
        <Text key={i} size="xs" c="dimmed">
          {n}
        </Text>
      ))}
    </Stack>
  );
}

function RatingSelect({
  label,
  value,
  onChange,
  disabled,
}: {
  label: string;
  value: Rating | null;
  onChange: (v: Rating | null) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={label}
      data={RATING_VALUES.map((r) => ({ value: r, label: t(`kinerja.rating.${r}`) }))}
      value={value}
      onChange={(v) => onChange(v as Rating | null)}
      disabled={disabled}
      clearable
    />
  );
}

function Editor({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const update = useUpdateEvaluation();
  const finalise = useFinaliseEvaluation();
  const [values, setValues] = useState<Record<string, number | string>>({});
  const [hasil, setHasil] = useState<Rating | null>(e.hasilKerjaRating);
  const [perilaku, setPerilaku] = useState<Rating | null>(e.perilakuRating);
  const [note, setNote] = useState(e.note ?? '');
  useEffect(() => {
    const v: Record<string, number | string> = {};
    for (const r of e.rhk) for (const i of r.indicators) v[i.id] = i.realisation ?? '';
    setValues(v);
  }, [e.rhk]);
  const editable = e.can.edit;

  const body = () => ({
    id: e.id,
    realisation: Object.entries(values)
      .filter(([, v]) => typeof v === 'number')
      .map(([indicatorId, value]) => ({ indicatorId, value: value as number })),
    hasilKerjaRating: hasil,
    perilakuRating: perilaku,
    ...(note.trim() ? { note: note.trim() } : {}),
  });

  return (
    <Stack gap="md">
      {e.rhk.map((r) => (
        <Card key={r.id} withBorder padding="sm" radius="md" data-testid="evaluation-rhk">
          <Text fw={600} size="sm">
            {t(`kinerja.rhkKind.${r.kind}`)} {r.seq}. {r.text}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('kinerja.evaluation.reportsAccepted', { n: r.reportsAccepted, minutes: r.minutesAccepted })}
          </Text>
          <Stack gap="xs">
            {r.indicators.map((i) => (
              <SimpleGrid
                key={i.id}
                cols={{ base: 1, sm: 3 }}
                spacing="xs"
                data-testid="evaluation-indicator"
              >
                <Stack gap={0}>
                  <Text size="sm">{i.text}</Text>
                  <Text size="xs" c="dimmed">
                    {t('kinerja.evaluation.target', {
                      target: i.targetMax === null ? i.targetMin : `${i.targetMin}–${i.targetMax}`,
                      satuan: i.satuan,
                    })}
                  </Text>
                </Stack>
                <NumberInput
                  label={t('kinerja.evaluation.realisation')}
                  value={values[i.id] ?? ''}
                  onChange={(v) => setValues((s) => ({ ...s, [i.id]: v }))}
                  min={0}
                  disabled={!editable}
                  description={
                    i.suggested !== null ? t('kinerja.evaluation.suggested', { n: i.suggested }) : undefined
                  }
                />
                <Stack gap={0} justify="center">
                  {i.suggested !== null && editable && (
                    <Anchor
                      size="xs"
                      component="button"
                      type="button"
                      onClick={() => setValues((s) => ({ ...s, [i.id]: i.suggested! }))}
                    >
                      {t('kinerja.evaluation.useSuggested')}
                    </Anchor>
                  )}
                  <Text size="xs" c="dimmed">
                    {i.capaianPercent === null ? '' : `${i.capaianPercent}%`} {i.capaianNote ?? ''}
                  </Text>
                </Stack>
              </SimpleGrid>
            ))}
          </Stack>
        </Card>
      ))}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <RatingSelect
          label={t('kinerja.evaluation.hasilKerja')}
          value={hasil}
          onChange={setHasil}
          disabled={!editable}
        />
        <RatingSelect
          label={t('kinerja.evaluation.perilakuKerja')}
          value={perilaku}
          onChange={setPerilaku}
          disabled={!editable}
        />
      </SimpleGrid>
      <Textarea
        label={t('kinerja.evaluation.note')}
        value={note}
        onChange={(ev) => setNote(ev.currentTarget.value)}
        disabled={!editable}
        autosize
        minRows={2}
      />
      {e.predikatPreview && (
        <Group gap="xs">
          <Text size="sm">{t('kinerja.evaluation.preview')}</Text>
          <PredikatBadge predikat={e.predikatPreview} />
        </Group>
      )}
      <Card withBorder padding="sm" radius="md">
        <Title order={5} mb={4}>
          {t('kinerja.curve.title')}
        </Title>
        <CurveTable curve={e.curveCheck} />
      </Card>
      {update.isError && <ErrorState error={update.error} compact />}
      {finalise.isError && <ErrorState error={finalise.error} compact />}
      {editable && (
        <Group justify="flex-end">
          <Button
            variant="light"
            loading={update.isPending}
            onClick={() =>
              update.mutate(body(), {
                onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
              })
            }
          >
            {t('common.save')}
          </Button>
          {e.can.finalise && (
            <Button
              loading={finalise.isPending || update.isPending}
              onClick={() =>
                update.mutate(body(), {
                  onSuccess: () =>
                    finalise.mutate(e.id, {
                      onSuccess: () =>
                        notifications.show({ color: 'teal', message: t('kinerja.evaluation.finalised') }),
                    }),
                })
              }
            >
              {t('kinerja.evaluation.finalise')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

function Decisions({ e }: { e: EvaluationDetail }) {
  const { t } = useTranslation();
  const approve = useApproveEvaluation();
  const ret = useReturnEvaluation();
  const file = useFileObjection();
  const decide = useDecideObjection();
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const err = approve.error ?? ret.error ?? file.error ?? decide.error;
  return (
    <Stack gap="sm">
      {(e.can.approve || e.can.return) && (
        <Card withBorder padding="sm" radius="md" data-testid="evaluation-approval">
          <Stack gap="xs">
            <Text fw={600}>{t('kinerja.evaluation.approvalTitle')}</Text>
            <Textarea
              label={t('kinerja.inbox.note')}
              value={note}
              onChange={(ev) => setNote(ev.currentTarget.value)}
              autosize
            />
            <Group justify="flex-end">
              {e.can.return && (
                <Button
                  color="red"
                  variant="light"
                  disabled={note.trim().length < 3}
                  loading={ret.isPending}
                  onClick={() => ret.mutate({ id: e.id, note: note.trim() })}
                >
                  {t('kinerja.inbox.return')}
                </Button>
              )}
              {e.can.approve && (
                <Button
                  color="teal"
                  loading={approve.isPending}
                  onClick={() =>
                    approve.mutate(e.id, {
                      onSuccess: () =>
                        notifications.show({ color: 'teal', message: t('kinerja.evaluation.approved') }),
                    })
                  }
                >
                  {t('kinerja.skp.approve')}
                </Button>
              )}
            </Group>
          </Stack>
        </Card>
      )}
      {e.objection && (
        <Alert color="blue" variant="light" data-testid="objection">
          <Text size="sm" fw={600}>
            {t('kinerja.objection.status', { status: t(`kinerja.objectionStatus.${e.objection.status}`) })}
          </Text>
          <Text size="sm">{e.objection.reason}</Text>
          {e.objection.decisionNote && <Text size="sm">{e.objection.decisionNote}</Text>}
        </Alert>
      )}
      {e.can.fileObjection && (
        <Card withBorder padding="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600}>{t('kinerja.objection.file')}</Text>
            {e.objectionWindow && (
              <Text size="xs" c="dimmed">
                {t('kinerja.objection.window', { date: formatDate(e.objectionWindow.deadline) })}
              </Text>
            )}
            <Textarea
              label={t('kinerja.objection.reason')}
              value={reason}
              onChange={(ev) => setReason(ev.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Group justify="flex-end">
              <Button
                disabled={reason.trim().length < 10}
                loading={file.isPending}
                onClick={() => file.mutate({ id: e.id, reason: reason.trim() })}
              >
                {t('kinerja.objection.submit')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {e.can.decideObjection && e.objection && (
        <Card withBorder padding="sm" radius="md">
          <Stack gap="xs">
            <Text fw={600}>{t('kinerja.objection.decide')}</Text>
            <Textarea
              label={t('kinerja.inbox.note')}
              value={note}
              onChange={(ev) => setNote(ev.currentTarget.value)}
              autosize
            />
            <Group justify="flex-end">
              {(['DITOLAK', 'DITERIMA'] as const).map((d) => (
                <Button
                  key={d}
                  color={d === 'DITERIMA' ? 'teal' : 'red'}
                  variant={d === 'DITERIMA' ? 'filled' : 'light'}
                  disabled={note.trim().length < 3}
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ id: e.objection!.id, decision: d, note: note.trim() })}
                >
                  {t(`kinerja.objectionStatus.${d}`)}
                </Button>
              ))}
            </Group>
          </Stack>
        </Card>
      )}
      {err && <ErrorState error={err} compact />}
    </Stack>
  );
}

/** Penilaian (/kinerja/penilaian/:id): realisation, ratings, curve check, finalise, approve, objection, PDF. */
export function KinerjaPenilaianPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useEvaluation(id);
  if (query.isLoading) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const e = query.data!;
  return (
    <Stack gap="md" data-testid="evaluation-page" data-status={e.status}>
      <PageHeader
        above={
          <Anchor component={Link} to="/kinerja/verifikasi?tab=penilaian" size="sm">
            {t('common.back')}
          </Anchor>
        }
        title={t('kinerja.evaluation.title', { name: e.employeeName })}
        subtitle={`${e.label} · ${formatDate(e.periodStart)}–${formatDate(e.periodEnd)} · ${e.unitName}`}
        actions={
          e.can.pdf ? (
            <Button
              component="a"
              href={evaluationPdfUrl(e.id)}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
              data-testid="evaluation-pdf"
            >
              {t('kinerja.pdf')}
            </Button>
          ) : undefined
        }
      />
      <Group gap="xs">
        <EvaluationStatusBadge status={e.status} />
        <PredikatBadge predikat={e.predikat} />
        {e.penilai && (
          <Text size="sm" c="dimmed">
            {t('kinerja.evaluation.penilai', { name: e.penilai.name })}
          </Text>
        )}
      </Group>
      {e.returnNote && e.status === 'DRAFT' && (
        <Alert color="red" variant="light">
          {t('kinerja.skp.returnedBecause', { note: e.returnNote })}
        </Alert>
      )}
      <Editor e={e} />
      <EvaluationActivity e={e} />
      <PeerFeedbackCard e={e} />
      <Decisions e={e} />
    </Stack>
  );
}
