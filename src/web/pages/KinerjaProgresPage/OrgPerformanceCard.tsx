import { Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetUnitPerformance, useUnitPerformance } from '../../api/kinerja-evaluations.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { fieldErrors } from '../../components/kinerja/RhkActivity.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate } from '../../lib/format.ts';

const RATINGS = ['ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'] as const;
type OrgRating = (typeof RATINGS)[number];

/**
 * Kinerja organisasi (admin OPD / BKD): the unit's organisational performance for a period (PUT
 * /kinerja/unit-performance), which picks the curve of the predikat distribution; and what is set for the unit.
 */
export function OrgPerformanceCard({ year, initialUnitId }: { year: number; initialUnitId: string | null }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [unitId, setUnitId] = useState<string | null>(initialUnitId);
  const [periodStart, setPeriodStart] = useState(`${year}-01-01`);
  const [periodEnd, setPeriodEnd] = useState(`${year}-12-31`);
  const [rating, setRating] = useState<OrgRating | null>(null);
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const list = useUnitPerformance({ unitId: unitId ?? undefined, year }, !!unitId);
  const save = useSetUnitPerformance();
  const server = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!unitId) errs.unitId = t('common.required');
    if (!rating) errs.rating = t('common.required');
    setLocal(errs);
    if (Object.keys(errs).length > 0) return;
    save.mutate(
      { unitId: unitId!, periodStart, periodEnd, rating: rating!, note: note.trim() || undefined },
      {
        onSuccess: () => {
          setNote('');
          notifications.show({ color: 'teal', message: t('kinerja.orgPerf.saved') });
        },
      },
    );
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="org-performance">
      <Stack gap="sm">
        <Title order={4} fz="md">
          {t('kinerja.orgPerf.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('kinerja.orgPerf.hint')}
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            <UnitSelect
              label={t('kinerja.orgPerf.unit')}
              value={unitId}
              onChange={setUnitId}
              error={local.unitId ?? server.unitId}
              required
            />
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
              <DateField
                label={t('kinerja.orgPerf.periodStart')}
                value={periodStart}
                onChange={(v) => setPeriodStart(v ?? periodStart)}
                error={server.periodStart}
                required
              />
              <DateField
                label={t('kinerja.orgPerf.periodEnd')}
                value={periodEnd}
                onChange={(v) => setPeriodEnd(v ?? periodEnd)}
                error={server.periodEnd}
                required
              />
              <Select
                label={t('kinerja.orgPerf.rating')}
                data={RATINGS.map((r) => ({ value: r, label: t(`kinerja.orgPerf.ratings.${r}`) }))}
                value={rating}
                onChange={(v) => setRating(v as OrgRating | null)}
                error={local.rating ?? server.rating}
                required
                comboboxProps={{ withinPortal: true }}
                data-testid="org-performance-rating"
              />
            </SimpleGrid>
            <Textarea
              label={t('kinerja.orgPerf.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={server.note}
              autosize
              minRows={1}
              maxLength={1000}
            />
            {save.isError && Object.keys(server).length === 0 && <ErrorState compact error={save.error} />}
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!online}>
                {t('kinerja.orgPerf.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Text size="sm" fw={600}>
          {t('kinerja.orgPerf.list')}
        </Text>
        {!unitId && (
          <Text size="sm" c="dimmed">
            {t('kinerja.orgPerf.pickUnit')}
          </Text>
        )}
        {unitId && list.isLoading && <LoadingState minHeight={80} />}
        {unitId && list.isError && (
          <ErrorState compact error={list.error} onRetry={() => void list.refetch()} />
        )}
        {unitId && list.data && list.data.items.length === 0 && (
          <EmptyState title={t('kinerja.orgPerf.empty')} />
        )}
        {unitId && list.data && list.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={320}>
            <Table fz="sm" striped data-testid="org-performance-list">
              <Table.Tbody>
                {list.data.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      {formatDate(u.periodStart)}–{formatDate(u.periodEnd)}
                    </Table.Td>
                    <Table.Td fw={600}>{u.ratingLabel}</Table.Td>
                    <Table.Td c="dimmed">{u.note ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
