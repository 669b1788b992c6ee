import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcknowledge, useDayList } from '../../api/election-watch.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDateTime, formatNip } from '../../lib/format.ts';

const ACK_COLORS: Record<string, string> = {
  TEPAT_WAKTU: 'teal',
  TERLAMBAT: 'orange',
  BELUM_JATUH_TEMPO: 'blue',
  TIDAK_ADA: 'red',
};

/**
 * An OPD's absence list of one day (computed on the server on each read) with the head's acknowledgement: the head
 * (or Plt/Plh) confirms they checked it, with an optional note; others see its state.
 */
export function DayListCard({ periodId, unitId, date }: { periodId: string; unitId: string; date: string }) {
  const { t } = useTranslation();
  const day = useDayList(periodId, unitId, date);
  const ack = useAcknowledge(periodId);
  const [note, setNote] = useState('');
  if (day.isPending) return <LoadingState />;
  if (day.isError) return <ErrorState error={day.error} onRetry={() => void day.refetch()} />;
  const d = day.data;
  const zone = d.timeZone;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{d.unitName}</Title>
          {d.stages.map((s) => (
            <Badge key={s} variant="light">
              {s}
            </Badge>
          ))}
        </Group>
        {d.keyDate && (
          <Alert color="red" variant="light" title={t('electionWatch.day.keyDate')}>
            {null}
          </Alert>
        )}
        {!d.workingDay ? (
          <Text c="dimmed">{t('electionWatch.day.notWorking')}</Text>
        ) : (
          <>
            <Text size="sm">
              {t('electionWatch.day.counts', {
                staff: d.counts.staff,
                tk: d.counts.tk,
                late: d.counts.late,
                leave: d.counts.leaveOrPermit,
                apel: `${d.counts.apelExpected - d.counts.apelMissed}/${d.counts.apelExpected}`,
              })}
            </Text>
            {d.entries.length === 0 ? (
              <EmptyState title={t('electionWatch.day.empty')} />
            ) : (
              <Table.ScrollContainer minWidth={360}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('electionWatch.day.name')}</Table.Th>
                      <Table.Th>{t('electionWatch.day.status')}</Table.Th>
                      <Table.Th>{t('electionWatch.day.apel')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.entries.map((x) => (
                      <Table.Tr key={x.employeeId} bg={d.keyDate && x.kind === 'TK' ? 'red.0' : undefined}>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {x.name} {x.isHead && <Badge size="xs">{t('electionWatch.day.head')}</Badge>}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatNip(x.nip)} · {x.unitName}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {x.noData ? (
                            <Text size="sm" c="dimmed">
                              {t('electionWatch.day.noData')}
                            </Text>
                          ) : (
                            <Text size="sm" c={x.kind === 'TK' ? 'red' : undefined}>
                              {x.kindLabel ?? x.code}
                              {x.kind === 'TERLAMBAT' && x.lateMinutes > 0
                                ? ` (${t('electionWatch.day.lateMinutes', { n: x.lateMinutes })})`
                                : ''}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {x.missedApel.length > 0 && (
                            <Text size="sm" c="orange">
                              {t('electionWatch.day.missedApel', {
                                kinds: x.missedApel
                                  .map((k) => k.replace('APEL_', 'apel ').toLowerCase())
                                  .join(', '),
                              })}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </>
        )}
        <Stack gap={4}>
          <Group gap="xs">
            <Text fw={500}>{t('electionWatch.day.ack')}</Text>
            <Badge color={ACK_COLORS[d.ack.state]}>{d.ack.stateLabel}</Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('electionWatch.day.due', { at: formatDateTime(d.ack.dueAt, zone) })}
          </Text>
          {d.ack.acknowledgedAt && (
            <Text size="sm">
              {t('electionWatch.day.by', {
                name: `${d.ack.acting ? `${d.ack.acting === 'PLT' ? 'Plt.' : 'Plh.'} ` : ''}${d.ack.acknowledgedByName}`,
                at: formatDateTime(d.ack.acknowledgedAt, zone),
              })}
            </Text>
          )}
          {d.ack.note && <Text size="sm">“{d.ack.note}”</Text>}
        </Stack>
        {d.canAcknowledge && (
          <Stack gap="xs">
            <Textarea
              label={t('electionWatch.day.note')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={1000}
              autosize
              minRows={2}
            />
            {ack.isError && <ErrorState error={ack.error} compact />}
            <Button
              loading={ack.isPending}
              onClick={() =>
                ack.mutate(
                  { unitId, date, note: note.trim() || undefined },
                  {
                    onSuccess: () => {
                      setNote('');
                      notifications.show({ color: 'teal', message: t('electionWatch.day.confirmed') });
                    },
                  },
                )
              }
            >
              {t('electionWatch.day.confirm')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
