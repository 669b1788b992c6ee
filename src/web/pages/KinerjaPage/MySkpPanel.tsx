import { Alert, Button, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconFileTypePdf, IconPencil, IconPlus, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  skpPdfUrl,
  useCreateSkp,
  useMySkps,
  useSkp,
  useSkpEligibility,
  useSubmitSkp,
} from '../../api/kinerja-skp.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate } from '../../lib/format.ts';
import { SkpEditor } from './SkpEditor.tsx';
import { SkpView } from './SkpView.tsx';

/** My SKP: every period I have, the chosen one read or edited; create, copy last year's, submit, PDF. */
export function MySkpPanel({ year }: { year: number }) {
  const { t } = useTranslation();
  const eligibility = useSkpEligibility();
  const mine = useMySkps(eligibility.data?.eligible ?? false);
  const [chosen, setChosen] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const items = mine.data?.items ?? [];
  useEffect(() => {
    if (!chosen && items.length > 0) setChosen(items[0]!.id);
  }, [chosen, items]);
  const skp = useSkp(chosen);
  const create = useCreateSkp();
  const submit = useSubmitSkp();

  if (eligibility.isLoading) return <LoadingState />;
  if (eligibility.isError)
    return <ErrorState error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  if (!eligibility.data!.eligible)
    return (
      <Alert color="gray" variant="light" data-testid="skp-not-eligible">
        {eligibility.data!.reason ?? t('kinerja.skp.notEligible')}
      </Alert>
    );
  const lastYear = items.find((s) => s.year === year - 1);
  const hasThisYear = items.some((s) => s.year === year);
  const createSkp = (copyFrom?: string) =>
    create.mutate(
      { year, ...(copyFrom ? { copyFrom } : {}) },
      {
        onSuccess: (res) => {
          setChosen(res.skp.id);
          for (const n of res.notices) notifications.show({ color: 'blue', message: n });
          if (!copyFrom) setEditing(true);
        },
      },
    );

  return (
    <Stack gap="sm" data-testid="my-skp">
      <Group justify="space-between" wrap="wrap">
        {items.length > 0 && (
          <Select
            aria-label={t('kinerja.skp.choose')}
            data={items.map((s) => ({
              value: s.id,
              label: `${s.year} · ${formatDate(s.periodStart)}–${formatDate(s.periodEnd)} · ${t(`kinerja.skpStatus.${s.status}`)}`,
            }))}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setEditing(false);
            }}
            allowDeselect={false}
            w={{ base: '100%', sm: 360 }}
          />
        )}
        {!hasThisYear && (
          <Group gap="xs">
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => createSkp()}
              loading={create.isPending}
            >
              {t('kinerja.skp.create', { year })}
            </Button>
            {lastYear && (
              <Button
                variant="light"
                leftSection={<IconCopy size={16} />}
                onClick={() => createSkp(lastYear.id)}
                loading={create.isPending}
              >
                {t('kinerja.skp.copy', { year: year - 1 })}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {create.isError && <ErrorState error={create.error} compact />}
      {mine.isLoading && <LoadingState />}
      {mine.data && items.length === 0 && <EmptyState title={t('kinerja.skp.none')} />}
      {skp.isError && <ErrorState error={skp.error} onRetry={() => void skp.refetch()} />}
      {skp.data && (
        <>
          <Group gap="xs" wrap="wrap">
            {skp.data.canEdit && !editing && (
              <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                {t('kinerja.skp.edit')}
              </Button>
            )}
            {skp.data.canSubmit && !editing && (
              <Button
                leftSection={<IconSend size={16} />}
                loading={submit.isPending}
                onClick={() =>
                  submit.mutate(skp.data.id, {
                    onSuccess: () =>
                      notifications.show({ color: 'teal', message: t('kinerja.skp.submitted') }),
                  })
                }
              >
                {t('kinerja.skp.submit')}
              </Button>
            )}
            <Button
              component="a"
              href={skpPdfUrl(skp.data.id)}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconFileTypePdf size={16} />}
            >
              {t('kinerja.pdf')}
            </Button>
          </Group>
          {submit.isError && <ErrorState error={submit.error} compact />}
          {editing ? (
            <SkpEditor skp={skp.data} onDone={() => setEditing(false)} />
          ) : (
            <SkpView skp={skp.data} />
          )}
        </>
      )}
      <Text size="xs" c="dimmed">
        {eligibility.data!.penilai
          ? t('kinerja.skp.penilai', { name: eligibility.data!.penilai.name })
          : t('kinerja.skp.noPenilai')}
      </Text>
    </Stack>
  );
}
