import { Button, Card, Group, Modal, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDecideSkp, useSkp, useSkpInbox, useSkpMatriks } from '../../api/kinerja-skp.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate } from '../../lib/format.ts';
import { SkpView } from '../KinerjaPage/SkpView.tsx';

function SkpDecisionModal({ skpId, onClose }: { skpId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const skp = useSkp(skpId);
  const decide = useDecideSkp();
  const [note, setNote] = useState('');
  const done = (message: string) => () => {
    notifications.show({ color: 'teal', message });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} size="xl" title={skp.data?.employee.name ?? ''}>
      {skp.isLoading && <LoadingState />}
      {skp.data && (
        <Stack gap="sm">
          <SkpView skp={skp.data} />
          <Textarea
            label={t('kinerja.inbox.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {decide.isError && <ErrorState error={decide.error} compact />}
          {skp.data.canDecide && (
            <Group justify="flex-end">
              <Button
                color="red"
                variant="light"
                disabled={note.trim().length < 3}
                loading={decide.isPending}
                onClick={() =>
                  decide.mutate(
                    { id: skpId, decision: 'RETURN', note: note.trim() },
                    { onSuccess: done(t('kinerja.skp.returned')) },
                  )
                }
              >
                {t('kinerja.inbox.return')}
              </Button>
              <Button
                color="teal"
                loading={decide.isPending}
                onClick={() =>
                  decide.mutate(
                    { id: skpId, decision: 'APPROVE', note: note.trim() },
                    { onSuccess: done(t('kinerja.skp.approved')) },
                  )
                }
              >
                {t('kinerja.skp.approve')}
              </Button>
            </Group>
          )}
        </Stack>
      )}
    </Modal>
  );
}

/** The matriks peran hasil of an SKP: each RHK of the head with the staff RHK that intervene it. */
export function MatriksView({ skpId }: { skpId: string }) {
  const { t } = useTranslation();
  const m = useSkpMatriks(skpId);
  if (m.isLoading) return <LoadingState />;
  if (m.isError) return <ErrorState error={m.error} />;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table fz="sm" withTableBorder data-testid="matriks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('kinerja.matriks.rhk')}</Table.Th>
            <Table.Th>{t('kinerja.matriks.staff')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {m.data!.rows.map((row) => (
            <Table.Tr key={row.rhk.id}>
              <Table.Td>
                {row.rhk.seq}. {row.rhk.text}
              </Table.Td>
              <Table.Td>
                {row.staff.length === 0
                  ? '—'
                  : row.staff.map((s) => (
                      <Text key={s.rhkId} size="xs">
                        <b>{s.employeeName}</b>: {s.rhkText}
                      </Text>
                    ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** SKP waiting for the caller's approval as pejabat penilai. */
export function SkpInboxPanel({ ownSkpId }: { ownSkpId: string | null }) {
  const { t } = useTranslation();
  const inbox = useSkpInbox();
  const [open, setOpen] = useState<string | null>(null);
  const [matriks, setMatriks] = useState(false);
  return (
    <Stack gap="sm" data-testid="skp-inbox">
      {inbox.isLoading && <LoadingState />}
      {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.data && inbox.data.items.length === 0 && <EmptyState title={t('kinerja.skp.inboxEmpty')} />}
      {inbox.data?.items.map((s) => (
        <Card key={s.id} withBorder padding="sm" radius="md" data-testid="skp-inbox-item">
          <Group justify="space-between" wrap="wrap">
            <Stack gap={0}>
              <Text fw={600} size="sm">
                {s.employeeName}
              </Text>
              <Text size="xs" c="dimmed">
                {s.positionName ?? ''} · {formatDate(s.periodStart)}–{formatDate(s.periodEnd)} ·{' '}
                {t('kinerja.skp.rhkCount', { n: s.rhkCount })}
              </Text>
            </Stack>
            <Button size="compact-sm" onClick={() => setOpen(s.id)}>
              {t('kinerja.skp.review')}
            </Button>
          </Group>
        </Card>
      ))}
      {ownSkpId && (
        <Group>
          <Button variant="subtle" onClick={() => setMatriks((v) => !v)}>
            {t('kinerja.matriks.title')}
          </Button>
        </Group>
      )}
      {matriks && ownSkpId && <MatriksView skpId={ownSkpId} />}
      {open && <SkpDecisionModal skpId={open} onClose={() => setOpen(null)} />}
    </Stack>
  );
}
