import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Modal,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconDownload, IconFilePlus, IconX } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useCorrectionDecision, useCorrectionInbox } from '../../api/corrections.ts';
import {
  correctionExportUrl,
  permitExportUrl,
  usePermitDecision,
  usePermitInbox,
  usePermitList,
  type RequestFilters,
  type RequestStatus,
} from '../../api/permits.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatNip } from '../../lib/format.ts';
import { hasAnyRole, PERMIT_READERS, PERMIT_RECORDERS } from '../../lib/roles.ts';
import { CorrectionCard } from '../KoreksiPage/KoreksiPage.tsx';
import { PermitCard, PermitForm } from './IzinPage.tsx';

type Target = { type: 'permit' | 'correction'; id: string; who: string; decision: 'APPROVE' | 'REJECT' };

function DecisionModal({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t } = useTranslation();
  const permit = usePermitDecision();
  const correction = useCorrectionDecision();
  const mutation = target.type === 'permit' ? permit : correction;
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const reject = target.decision === 'REJECT';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reject && note.trim().length < 3) {
      setNoteError(t('approvals.noteRequired'));
      return;
    }
    mutation.mutate(
      { id: target.id, decision: target.decision, note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t(reject ? 'approvals.rejected' : 'approvals.approved', { name: target.who }),
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={t(reject ? 'approvals.rejectTitle' : 'approvals.approveTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{t('approvals.decisionFor', { name: target.who })}</Text>
          {mutation.error && <ErrorState error={mutation.error} compact />}
          <Textarea
            label={reject ? t('approvals.rejectNote') : t('approvals.note')}
            required={reject}
            autosize
            minRows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={noteError}
            data-autofocus
            data-testid="decision-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              color={reject ? 'red' : 'teal'}
              loading={mutation.isPending}
              data-testid="decision-submit"
            >
              {t(reject ? 'approvals.reject' : 'approvals.approve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DecideButtons({ who, onDecide }: { who: string; onDecide: (d: 'APPROVE' | 'REJECT') => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={2} spacing="xs" mt={4}>
      <Button
        color="teal"
        leftSection={<IconCheck size={16} />}
        onClick={() => onDecide('APPROVE')}
        aria-label={t('approvals.approveAria', { name: who })}
        data-testid="decision-approve"
      >
        {t('approvals.approve')}
      </Button>
      <Button
        color="red"
        variant="light"
        leftSection={<IconX size={16} />}
        onClick={() => onDecide('REJECT')}
        aria-label={t('approvals.rejectAria', { name: who })}
        data-testid="decision-reject"
      >
        {t('approvals.reject')}
      </Button>
    </SimpleGrid>
  );
}

function Who({ name, nip, unit }: { name: string; nip: string | null; unit: string }) {
  return (
    <Box>
      <Text fw={700} size="sm" data-testid="request-employee">
        {name}
      </Text>
      <Text size="xs" c="dimmed">
        {formatNip(nip)} · {unit}
      </Text>
    </Box>
  );
}

function PermitInbox({ onDecide }: { onDecide: (t: Target) => void }) {
  const { t } = useTranslation();
  const inbox = usePermitInbox();
  if (inbox.isPending) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (inbox.data.items.length === 0)
    return <EmptyState title={t('approvals.emptyTitle')} description={t('approvals.emptyPermits')} />;
  return (
    <Stack gap="xs" data-testid="permit-inbox">
      {inbox.data.items.map((p) => (
        <Stack key={p.id} gap={4}>
          <Who name={p.employeeName} nip={p.nip} unit={p.unitName} />
          <PermitCard
            permit={p}
            actions={
              <DecideButtons
                who={p.employeeName}
                onDecide={(decision) => onDecide({ type: 'permit', id: p.id, who: p.employeeName, decision })}
              />
            }
          />
        </Stack>
      ))}
    </Stack>
  );
}

function CorrectionInbox({ onDecide }: { onDecide: (t: Target) => void }) {
  const { t } = useTranslation();
  const inbox = useCorrectionInbox();
  if (inbox.isPending) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  if (inbox.data.items.length === 0)
    return <EmptyState title={t('approvals.emptyTitle')} description={t('approvals.emptyCorrections')} />;
  return (
    <Stack gap="xs" data-testid="correction-inbox">
      {inbox.data.items.map((c) => (
        <Stack key={c.id} gap={4}>
          <Who name={c.employeeName} nip={c.nip} unit={c.unitName} />
          <CorrectionCard
            correction={c}
            actions={
              <DecideButtons
                who={c.employeeName}
                onDecide={(decision) =>
                  onDecide({ type: 'correction', id: c.id, who: c.employeeName, decision })
                }
              />
            }
          />
        </Stack>
      ))}
    </Stack>
  );
}

const PAGE_SIZE = 25;
const STATUSES: RequestStatus[] = ['DIAJUKAN', 'DISETUJUI', 'DITOLAK', 'DIBATALKAN'];

/** The scoped list for admin OPD / BKD / Inspektorat: search, filters and a CSV export. */
function ScopedList() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<RequestFilters>({ page: 1, pageSize: PAGE_SIZE });
  const [q, setQ] = useState('');
  const list = usePermitList(filters);
  const set = (next: Partial<RequestFilters>) => setFilters((f) => ({ ...f, ...next, page: next.page ?? 1 }));
  const total = list.data?.total ?? 0;
  return (
    <Stack gap="sm" data-testid="permit-scoped-list">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('approvals.search')}
          placeholder={t('approvals.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          onBlur={() => set({ q: q.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ q: q.trim() || undefined });
          }}
          data-testid="permit-search"
        />
        <UnitSelect
          label={t('approvals.unit')}
          value={filters.unitId ?? null}
          onChange={(v: string | null) => set({ unitId: v ?? undefined })}
        />
        <Select
          label={t('approvals.status')}
          clearable
          data={STATUSES.map((s) => ({ value: s, label: t(`permits.status.${s}`) }))}
          value={filters.status ?? null}
          onChange={(v) => set({ status: (v as RequestStatus | null) ?? undefined })}
          data-testid="permit-status-filter"
        />
        <DateField
          label={t('approvals.from')}
          value={filters.from ?? ''}
          onChange={(v) => set({ from: v })}
        />
        <DateField label={t('approvals.to')} value={filters.to ?? ''} onChange={(v) => set({ to: v })} />
        <Group align="flex-end">
          <Button
            component="a"
            href={permitExportUrl(filters)}
            variant="light"
            leftSection={<IconDownload size={16} />}
            data-testid="permit-export"
          >
            {t('approvals.exportCsv')}
          </Button>
        </Group>
      </SimpleGrid>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('approvals.emptyListTitle')} description={t('approvals.emptyList')} />
      ) : (
        <Stack gap="xs" style={{ opacity: list.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed">
            {t('approvals.total', { count: total })}
          </Text>
          {list.data.items.map((p) => (
            <Stack key={p.id} gap={4}>
              <Who name={p.employeeName} nip={p.nip} unit={p.unitName} />
              <PermitCard permit={p} />
            </Stack>
          ))}
          {total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(total / PAGE_SIZE)}
              value={filters.page ?? 1}
              onChange={(page) => set({ page })}
              getControlProps={(control) => ({
                'aria-label':
                  control === 'next'
                    ? t('common.nextPage')
                    : control === 'previous'
                      ? t('common.previousPage')
                      : undefined,
              })}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * /izin/persetujuan: permits and corrections waiting for my decision; the scoped list for admins.
 * /koreksi/persetujuan opens the same page on the corrections (`initialTab`).
 */
export function PersetujuanPage({ initialTab }: { initialTab?: 'permits' | 'corrections' } = {}) {
  const { t } = useTranslation();
  const me = useMe();
  const permits = usePermitInbox();
  const corrections = useCorrectionInbox();
  const [target, setTarget] = useState<Target | null>(null);
  const reader = hasAnyRole(me.data, PERMIT_READERS);
  const recorder = hasAnyRole(me.data, PERMIT_RECORDERS);
  const [recording, setRecording] = useState(false);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const isAtasan = hasAnyRole(me.data, ['ATASAN']);
  const count = (n: number | undefined) =>
    n ? (
      <Badge size="sm" color="red" variant="filled" circle={n < 10}>
        {n}
      </Badge>
    ) : null;
  return (
    <Box maw={900} mx="auto">
      <PageHeader
        title={t('approvals.title')}
        subtitle={t('approvals.subtitle')}
        actions={
          recorder && (
            <Button
              variant="light"
              leftSection={<IconFilePlus size={16} />}
              onClick={() => setRecording(true)}
              data-testid="permit-record-open"
            >
              {t('permits.recordTitle')}
            </Button>
          )
        }
      />
      {recording && (
        <Modal
          opened
          onClose={() => setRecording(false)}
          title={t('permits.recordTitle')}
          size="lg"
          fullScreen={isPhone}
        >
          <Text size="sm" c="dimmed" mb="sm">
            {t('permits.recordHelp')}
          </Text>
          <PermitForm onBehalf onDone={() => setRecording(false)} />
        </Modal>
      )}
      <Tabs defaultValue={initialTab ?? (isAtasan || !reader ? 'permits' : 'list')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="permits" rightSection={count(permits.data?.total)} data-testid="tab-permits">
            {t('approvals.tabPermits')}
          </Tabs.Tab>
          <Tabs.Tab
            value="corrections"
            rightSection={count(corrections.data?.total)}
            data-testid="tab-corrections"
          >
            {t('approvals.tabCorrections')}
          </Tabs.Tab>
          {reader && (
            <Tabs.Tab value="list" data-testid="tab-list">
              {t('approvals.tabList')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="permits">
          <PermitInbox onDecide={setTarget} />
        </Tabs.Panel>
        <Tabs.Panel value="corrections">
          <CorrectionInbox onDecide={setTarget} />
        </Tabs.Panel>
        {reader && (
          <Tabs.Panel value="list">
            <ScopedList />
            <Text size="xs" c="dimmed" mt="sm">
              <Anchor href={correctionExportUrl()}>{t('approvals.exportCorrections')}</Anchor>
            </Text>
          </Tabs.Panel>
        )}
      </Tabs>
      {target && <DecisionModal target={target} onClose={() => setTarget(null)} />}
    </Box>
  );
}
