import { Accordion, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  useCreateEvaluation,
  useEvaluationPeriods,
  type EvaluationPeriods,
} from '../../api/kinerja-evaluations.ts';
import { useSkpList, type SkpSummary } from '../../api/kinerja-skp.ts';
import { useDescribeError } from '../error-text.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';
import { useOnline } from '../OfflineBanner.tsx';
import { formatDate } from '../../lib/format.ts';
import { EvaluationStatusBadge, PredikatBadge } from './badges.tsx';

type Period = EvaluationPeriods['items'][number];

/** The periods of one staff member's SKP: each with its evaluation (open) or "Mulai penilaian" (the penilai). */
function SkpPeriods({ skp }: { skp: SkpSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const online = useOnline();
  const describe = useDescribeError();
  const periods = useEvaluationPeriods(skp.id);
  const create = useCreateEvaluation();
  const [starting, setStarting] = useState<string | null>(null);
  if (periods.isLoading) return <LoadingState minHeight={80} />;
  if (periods.isError)
    return <ErrorState compact error={periods.error} onRetry={() => void periods.refetch()} />;
  const items = periods.data!.items;
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('kinerja.start.noPeriods')}
      </Text>
    );
  const start = (p: Period) => {
    const key = `${p.kind}:${p.periodStart}`;
    setStarting(key);
    create.mutate(
      { skpId: skp.id, kind: p.kind, periodStart: p.periodStart },
      {
        onSuccess: (evaluation) => {
          notifications.show({ color: 'teal', message: t('kinerja.start.started') });
          void navigate(`/kinerja/penilaian/${(evaluation as { id: string }).id}`);
        },
        onError: (error) => {
          const e = describe(error);
          notifications.show({ color: 'red', title: e.title, message: e.detail ?? e.title });
        },
        onSettled: () => setStarting(null),
      },
    );
  };
  return (
    <Stack gap={6} data-testid="staff-evaluation-periods">
      {items.map((p) => (
        <Group
          key={`${p.kind}:${p.periodStart}`}
          justify="space-between"
          wrap="wrap"
          gap="xs"
          data-testid="staff-evaluation-period"
          data-period-start={p.periodStart}
          data-kind={p.kind}
        >
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {p.label}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDate(p.periodStart)}–{formatDate(p.periodEnd)}
            </Text>
          </Stack>
          {p.evaluation ? (
            <Group gap={6}>
              <EvaluationStatusBadge status={p.evaluation.status} />
              <PredikatBadge predikat={p.evaluation.predikat} />
              <Button
                component={Link}
                to={`/kinerja/penilaian/${p.evaluation.id}`}
                size="compact-sm"
                variant="light"
              >
                {t('kinerja.evaluation.open')}
              </Button>
            </Group>
          ) : p.canCreate ? (
            <Button
              size="compact-sm"
              leftSection={<IconPlayerPlay size={14} />}
              loading={starting === `${p.kind}:${p.periodStart}`}
              disabled={!online || (create.isPending && starting !== `${p.kind}:${p.periodStart}`)}
              onClick={() => start(p)}
              data-testid="start-evaluation"
            >
              {t('kinerja.start.button')}
            </Button>
          ) : (
            <Badge color="gray" variant="light">
              {t('kinerja.start.notYet')}
            </Badge>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/**
 * Penilaian staf: the approved SKP of the superior's staff for a year, each opening its periods (GET
 * /kinerja/evaluations/periods) with "Mulai penilaian" (POST /kinerja/evaluations) where the caller is the pejabat
 * penilai, then the evaluation page. Periods load only when a staff member is opened.
 */
export function StaffEvaluations({
  year = new Date().getFullYear(),
  renderSkp,
}: {
  year?: number;
  /** The SKP itself under its periods (with the RHK feedback and evidence), when the page offers it. */
  renderSkp?: (skpId: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useSkpList({ year, status: 'APPROVED', q: debounced || undefined, pageSize: 50 });
  return (
    <Stack gap="xs" data-testid="staff-evaluations">
      <Group justify="space-between" wrap="wrap">
        <Title order={4} fz="md">
          {t('kinerja.start.title', { year })}
        </Title>
        <TextInput
          size="xs"
          leftSection={<IconSearch size={14} />}
          placeholder={t('kinerja.staff.search')}
          aria-label={t('kinerja.staff.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('kinerja.start.hint')}
      </Text>
      {list.isLoading && <LoadingState minHeight={120} />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyState title={t('kinerja.start.empty')} />}
      {list.data && list.data.items.length > 0 && (
        <Accordion variant="separated" value={opened} onChange={setOpened}>
          {list.data.items.map((s) => (
            <Accordion.Item key={s.id} value={s.id} data-testid="staff-evaluation-skp" data-skp-id={s.id}>
              <Accordion.Control>
                <Stack gap={0}>
                  <Text size="sm" fw={600}>
                    {s.employeeName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {[s.nip, s.positionName].filter(Boolean).join(' · ')}
                  </Text>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                {opened === s.id && (
                  <Stack gap="sm">
                    <SkpPeriods skp={s} />
                    {renderSkp?.(s.id)}
                  </Stack>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
