import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudOff, IconFileTypePdf } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import {
  inspectionKeys,
  inspectionPdfUrl,
  sendSidakItem,
  useCancelInspection,
  useChecklist,
  useFinishInspection,
  useInspection,
  useStartInspection,
} from '../../api/inspections.ts';
import {
  discardSidakItem,
  enqueueSidakItem,
  onSidakItemSent,
  syncSidakQueue,
  useSidakQueue,
  useSidakSync,
} from '../../api/inspections-queue.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FindingCard } from '../../components/inspections/FindingCard.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';
import { DISCREPANCY_KINDS, DISCREPANCY_LABELS, discrepancyOf } from '../../../core/oversight/inspections.ts';
import type { ChecklistCategory, InspectionDetail, RosterRow } from '../../../shared/api/inspections.ts';

/**
 * One inspection, worked from a phone (390 px), also offline: the roster with each employee's status in Abdi when
 * the inspection started, the team's marks (queued on the phone and sent exactly once), the discrepancies the
 * system derives, findings against the checklist with a photo, follow-ups, finishing and the report PDF.
 */
export function SidakDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const online = useOnline();
  const qc = useQueryClient();
  const detail = useInspection(id);
  const queue = useSidakQueue();
  useSidakSync(sendSidakItem);
  useEffect(
    () => onSidakItemSent(() => void qc.invalidateQueries({ queryKey: inspectionKeys.detail(id) })),
    [qc, id],
  );
  const mine = queue.items.filter((i) => i.inspectionId === id);
  const pendingFound = useMemo(() => {
    const m = new Map<string, { found: boolean; state: string; message: string | null; clientId: string }>();
    for (const i of mine)
      if (i.kind === 'mark')
        m.set(i.body.employeeId, {
          found: i.body.found,
          state: i.state,
          message: i.message,
          clientId: i.clientId,
        });
    return m;
  }, [mine]);

  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const d = detail.data;
  const fromCache = !!(d as { fromCache?: boolean }).fromCache;

  const mark = async (r: RosterRow, found: boolean) => {
    await enqueueSidakItem({
      clientId: crypto.randomUUID(),
      inspectionId: id,
      createdAt: Date.now(),
      state: 'waiting',
      attempts: 0,
      message: null,
      kind: 'mark',
      body: { id: crypto.randomUUID(), employeeId: r.employeeId, found, markedAt: new Date().toISOString() },
    });
    if (navigator.onLine) void syncSidakQueue(sendSidakItem);
  };
  // The roster as the phone sees it: the server's marks, overlaid by what waits in the queue.
  const roster = d.roster.map((r) => {
    const p = pendingFound.get(r.employeeId);
    if (!p) return { r, pending: null };
    const dk = discrepancyOf(r.status, p.found);
    return {
      r: { ...r, found: p.found, discrepancy: dk, discrepancyLabel: dk ? DISCREPANCY_LABELS[dk] : null },
      pending: p,
    };
  });
  const counts = Object.fromEntries(
    DISCREPANCY_KINDS.map((k) => [k, roster.filter((x) => x.r.discrepancy === k).length]),
  );
  const marked = roster.filter((x) => x.r.found !== null).length;

  return (
    <Stack>
      <PageHeader
        above={
          <Anchor component={Link} to="/sidak" size="sm">
            {t('inspections.detail.back')}
          </Anchor>
        }
        title={d.title}
        subtitle={`${formatDate(d.date)} · ${d.units.map((u) => u.name).join(', ')}`}
        actions={
          <Group gap="xs">
            <Badge>{t(`inspections.statuses.${d.status}`)}</Badge>
            <Badge variant="outline" color="gray">
              {t(`inspections.kind.${d.kind}`)}
            </Badge>
            <Button
              component="a"
              href={inspectionPdfUrl(d.id)}
              variant="default"
              size="xs"
              leftSection={<IconFileTypePdf size={16} />}
            >
              {t('inspections.detail.pdf')}
            </Button>
          </Group>
        }
      />
      {(fromCache || !online) && (
        <Alert color="yellow" icon={<IconCloudOff size={18} />} data-testid="sidak-offline">
          {t('inspections.detail.offlineCopy')}
        </Alert>
      )}
      {mine.length > 0 && (
        <Alert color="blue" data-testid="sidak-queue">
          <Group justify="space-between">
            <Text size="sm">{t('inspections.detail.queued', { count: mine.length })}</Text>
            <Button
              size="xs"
              variant="light"
              disabled={!online}
              onClick={() => void syncSidakQueue(sendSidakItem)}
            >
              {t('inspections.detail.syncNow')}
            </Button>
          </Group>
          {mine
            .filter((i) => i.state === 'refused')
            .map((i) => (
              <Group key={i.clientId} gap="xs" mt={4}>
                <Text size="xs" c="red">
                  {t('inspections.detail.refused', { message: i.message ?? '' })}
                </Text>
                <Button size="compact-xs" variant="subtle" onClick={() => void discardSidakItem(i.clientId)}>
                  {t('inspections.detail.discard')}
                </Button>
              </Group>
            ))}
        </Alert>
      )}
      <RunControls d={d} online={online && !fromCache} />
      {d.status === 'PLANNED' ? (
        <EmptyState title={t('inspections.detail.notStarted')} />
      ) : (
        <>
          <Card withBorder padding="sm">
            <Title order={4}>{t('inspections.detail.discrepancies')}</Title>
            <Text size="xs" c="dimmed" mb={6}>
              {t('inspections.detail.marked', { marked, total: roster.length })}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4}>
              {DISCREPANCY_KINDS.map((k) => (
                <Group key={k} gap={6} wrap="nowrap" data-testid={`discrepancy-${k}`}>
                  <Badge color={counts[k] ? 'red' : 'gray'} variant={counts[k] ? 'filled' : 'light'}>
                    {counts[k]}
                  </Badge>
                  <Text size="xs">{DISCREPANCY_LABELS[k]}</Text>
                </Group>
              ))}
            </SimpleGrid>
          </Card>
          <Title order={4}>{t('inspections.detail.roster')}</Title>
          {d.rosterAt && (
            <Text size="xs" c="dimmed">
              {t('inspections.detail.rosterHint', { time: formatDateTime(d.rosterAt) })}
            </Text>
          )}
          {roster.length === 0 ? (
            <EmptyState title={t('inspections.detail.rosterEmpty')} />
          ) : (
            <Stack gap={6}>
              {roster.map(({ r, pending }) => (
                <Card key={r.employeeId} withBorder padding="xs" data-testid={`roster-${r.employeeId}`}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.nip ? formatNip(r.nip) : ''} {d.units.length > 1 ? `· ${r.unitName}` : ''}
                      </Text>
                      <Group gap={4} mt={2}>
                        <Badge size="xs" variant="light">
                          {r.statusLabel}
                        </Badge>
                        {pending && pending.state !== 'refused' && (
                          <Badge size="xs" color="blue" variant="outline">
                            {t('inspections.detail.pending')}
                          </Badge>
                        )}
                      </Group>
                      {r.discrepancyLabel && (
                        <Text size="xs" c="red">
                          {r.discrepancyLabel}
                        </Text>
                      )}
                    </Stack>
                    {d.canRecord && (
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant={r.found === true ? 'filled' : 'default'}
                          color="teal"
                          aria-label={`${t('inspections.detail.found')}: ${r.name}`}
                          aria-pressed={r.found === true}
                          onClick={() => void mark(r, true)}
                        >
                          {t('inspections.detail.found')}
                        </Button>
                        <Button
                          size="compact-sm"
                          variant={r.found === false ? 'filled' : 'default'}
                          color="red"
                          aria-label={`${t('inspections.detail.notFound')}: ${r.name}`}
                          aria-pressed={r.found === false}
                          onClick={() => void mark(r, false)}
                        >
                          {t('inspections.detail.notFound')}
                        </Button>
                      </Group>
                    )}
                  </Group>
                </Card>
              ))}
            </Stack>
          )}
          {d.canRecord && <FindingForm d={d} />}
          <Title order={4}>{t('inspections.detail.findings')}</Title>
          {mine
            .filter((i) => i.kind === 'finding' && i.state !== 'refused')
            .map((i) =>
              i.kind === 'finding' ? (
                <Card key={i.clientId} withBorder padding="sm" data-testid="finding-pending">
                  <Group justify="space-between">
                    <Text size="sm">{i.body.note}</Text>
                    <Badge size="xs" color="blue" variant="outline">
                      {t('inspections.detail.pending')}
                    </Badge>
                  </Group>
                </Card>
              ) : null,
            )}
          {d.findings.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('inspections.detail.noFindings')}
            </Text>
          ) : (
            d.findings.map((f) => <FindingCard key={f.id} f={f} />)
          )}
        </>
      )}
    </Stack>
  );
}

/** Start (and refresh the statuses), finish with a summary, or cancel a planned inspection: the team, online. */
function RunControls({ d, online }: { d: InspectionDetail; online: boolean }) {
  const { t } = useTranslation();
  const start = useStartInspection();
  const finish = useFinishInspection();
  const cancel = useCancelInspection();
  const [finishing, setFinishing] = useState(false);
  const [summary, setSummary] = useState('');
  const me = useMe();
  const team = d.team.some((m) => m.userId === me.data?.user.id);
  if (!team || d.status === 'DONE' || d.status === 'CANCELLED') return null;
  const error = start.error ?? finish.error ?? cancel.error;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button onClick={() => start.mutate(d.id)} loading={start.isPending} disabled={!online}>
          {d.status === 'PLANNED' ? t('inspections.detail.start') : t('inspections.detail.refresh')}
        </Button>
        {d.status === 'IN_PROGRESS' && d.canRecord && (
          <Button variant="light" onClick={() => setFinishing(true)} disabled={!online}>
            {t('inspections.detail.finish')}
          </Button>
        )}
        {d.status === 'PLANNED' && (
          <Button variant="subtle" color="gray" onClick={() => cancel.mutate(d.id)} disabled={!online}>
            {t('inspections.detail.cancelPlan')}
          </Button>
        )}
      </Group>
      {error && <ErrorState error={error} compact />}
      <Modal opened={finishing} onClose={() => setFinishing(false)} title={t('inspections.detail.finish')}>
        <Stack>
          <Textarea
            label={t('inspections.detail.summary')}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          {finish.isError && <ErrorState error={finish.error} compact />}
          <Button
            loading={finish.isPending}
            onClick={() => finish.mutate({ id: d.id, summary }, { onSuccess: () => setFinishing(false) })}
          >
            {t('inspections.detail.finish')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}

/** A finding against the checklist, queued on the phone with its id and optional photo, sent when online. */
function FindingForm({ d }: { d: InspectionDetail }) {
  const { t } = useTranslation();
  const checklist = useChecklist();
  const [unitId, setUnitId] = useState<string | null>(d.units.length === 1 ? d.units[0]!.id : null);
  const [itemId, setItemId] = useState<string | null>(null);
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const items = (checklist.data?.items ?? []).filter((i) => i.active);
  const save = async () => {
    if (!unitId || note.trim().length < 3) return;
    const item = items.find((i) => i.id === itemId);
    await enqueueSidakItem({
      clientId: crypto.randomUUID(),
      inspectionId: d.id,
      createdAt: Date.now(),
      state: 'waiting',
      attempts: 0,
      message: null,
      kind: 'finding',
      body: {
        id: crypto.randomUUID(),
        unitId,
        checklistItemId: itemId,
        ...(item ? { category: item.category as ChecklistCategory } : {}),
        employeeId,
        note,
        recordedAt: new Date().toISOString(),
      },
      file: photo,
      fileName: photo?.name ?? null,
      findingStored: false,
    });
    notifications.show({
      color: 'teal',
      message: navigator.onLine ? t('inspections.finding.saved') : t('inspections.finding.savedOffline'),
    });
    setNote('');
    setPhoto(null);
    setEmployeeId(null);
    if (navigator.onLine) void syncSidakQueue(sendSidakItem);
  };
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={4}>{t('inspections.finding.add')}</Title>
        {d.units.length > 1 && (
          <Select
            label={t('inspections.finding.unit')}
            data={d.units.map((u) => ({ value: u.id, label: u.name }))}
            value={unitId}
            onChange={setUnitId}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Select
          label={t('inspections.finding.checklist')}
          data={items.map((i) => ({
            value: i.id,
            label: `${t(`inspections.categories.${i.category}`)}: ${i.label}`,
          }))}
          value={itemId}
          onChange={setItemId}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t('inspections.finding.employee')}
          data={d.roster
            .filter((r) => !unitId || r.unitId === unitId)
            .map((r) => ({ value: r.employeeId, label: r.name }))}
          value={employeeId}
          onChange={setEmployeeId}
          clearable
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('inspections.finding.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        <FileInput
          label={t('inspections.finding.photo')}
          accept="image/jpeg,image/png,image/webp"
          value={photo}
          onChange={setPhoto}
          clearable
        />
        <Button onClick={() => void save()} disabled={!unitId || note.trim().length < 3}>
          {t('inspections.finding.save')}
        </Button>
      </Stack>
    </Card>
  );
}
