import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MORAL_SANCTION_LABELS,
  MORAL_SANCTIONS,
  NEUTRALITY_SOURCE_LABELS,
  NEUTRALITY_SOURCES,
  type Neutrality,
} from '../../../shared/api/election-watch.ts';
import {
  useConducts,
  useDecideNeutrality,
  useNeutralityList,
  useRecordNeutrality,
} from '../../api/election-watch.ts';
import { DateField } from '../../components/DateField.tsx';
import { todayLocal } from '../../components/discipline/parts.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';

const RECORD_FIELDS = [
  'employeeId',
  'source',
  'referenceNo',
  'referenceDate',
  'conductCode',
  'conductDate',
  'description',
] as const;

/** BKD records a neutrality report (Bawaslu recommendation, complaint, other) against an employee. */
function RecordModal({
  opened,
  onClose,
  periodId,
}: {
  opened: boolean;
  onClose: () => void;
  periodId: string | null;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const record = useRecordNeutrality();
  const errors = useFieldErrors<(typeof RECORD_FIELDS)[number]>();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [source, setSource] = useState<(typeof NEUTRALITY_SOURCES)[number]>('BAWASLU');
  const [referenceNo, setReferenceNo] = useState('');
  const [referenceDate, setReferenceDate] = useState('');
  const [conductDate, setConductDate] = useState('');
  const [conductCode, setConductCode] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const conducts = useConducts(conductDate || todayLocal());
  const e = errors.errors;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('electionWatch.neutrality.record')}
      size="lg"
      fullScreen={phone}
    >
      <Stack gap="sm">
        <EmployeeSelect
          label={t('electionWatch.neutrality.employee')}
          value={employeeId}
          onChange={setEmployeeId}
          error={e.employeeId}
        />
        <Select
          label={t('electionWatch.neutrality.source')}
          data={NEUTRALITY_SOURCES.map((s) => ({ value: s, label: NEUTRALITY_SOURCE_LABELS[s] }))}
          value={source}
          onChange={(v) => v && setSource(v as typeof source)}
          allowDeselect={false}
        />
        <TextInput
          label={t('electionWatch.neutrality.referenceNo')}
          value={referenceNo}
          onChange={(x) => setReferenceNo(x.currentTarget.value)}
          error={e.referenceNo}
          required
        />
        <Group grow wrap="wrap">
          <DateField
            label={t('electionWatch.neutrality.conductDate')}
            value={conductDate}
            onChange={setConductDate}
            error={e.conductDate}
            required
          />
          <DateField
            label={t('electionWatch.neutrality.referenceDate')}
            value={referenceDate}
            onChange={setReferenceDate}
            error={e.referenceDate}
            required
          />
        </Group>
        <Select
          label={t('electionWatch.neutrality.conduct')}
          data={(conducts.data ?? []).map((c) => ({
            value: c.code,
            label: `${c.name} — ${c.track === 'ETIKA' ? 'etik' : `disiplin ${c.level ?? ''}`}`,
          }))}
          value={conductCode}
          onChange={setConductCode}
          error={e.conductCode}
          required
        />
        <Textarea
          label={t('electionWatch.neutrality.description')}
          value={description}
          onChange={(x) => setDescription(x.currentTarget.value)}
          error={e.description}
          autosize
          minRows={3}
          required
        />
        {record.isError && <ErrorState error={record.error} compact />}
        <Button
          loading={record.isPending}
          onClick={() =>
            record.mutate(
              {
                periodId: periodId ?? undefined,
                employeeId: employeeId ?? '',
                source,
                referenceNo,
                referenceDate,
                conductCode: conductCode ?? '',
                conductDate,
                description,
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('electionWatch.neutrality.saved') });
                  onClose();
                },
                onError: (err) => errors.fromError(err, RECORD_FIELDS),
              },
            )
          }
        >
          {t('electionWatch.neutrality.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** BKD decides the track of a report: ethics (moral sanction) or discipline (opens a discipline case). */
function DecideModal({ report, onClose }: { report: Neutrality | null; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideNeutrality();
  const [track, setTrack] = useState<'ETIKA' | 'DISIPLIN'>('ETIKA');
  const [moralSanction, setMoralSanction] = useState<string | null>(null);
  const [level, setLevel] = useState<string | null>(null);
  const [note, setNote] = useState('');
  return (
    <Modal opened={report !== null} onClose={onClose} title={t('electionWatch.neutrality.decide')}>
      <Stack gap="sm">
        <Text size="sm">{report?.conductName}</Text>
        <Select
          label={t('electionWatch.neutrality.track')}
          data={[
            { value: 'ETIKA', label: 'Kode etik (PP 42/2004)' },
            { value: 'DISIPLIN', label: 'Disiplin (PP 94/2021)' },
          ]}
          value={track}
          onChange={(v) => v && setTrack(v as typeof track)}
          allowDeselect={false}
        />
        {track === 'ETIKA' ? (
          <Select
            label={t('electionWatch.neutrality.moralSanction')}
            data={MORAL_SANCTIONS.map((s) => ({ value: s, label: MORAL_SANCTION_LABELS[s] }))}
            value={moralSanction}
            onChange={setMoralSanction}
          />
        ) : (
          <Select
            label={t('electionWatch.neutrality.level')}
            data={['ringan', 'sedang', 'berat']}
            value={level}
            onChange={setLevel}
            clearable
          />
        )}
        <Textarea
          label={t('electionWatch.neutrality.note')}
          value={note}
          onChange={(x) => setNote(x.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        {decide.isError && <ErrorState error={decide.error} compact />}
        <Button
          loading={decide.isPending}
          onClick={() =>
            report &&
            decide.mutate(
              {
                id: report.id,
                body: {
                  track,
                  note,
                  ...(track === 'ETIKA' && moralSanction
                    ? { moralSanction: moralSanction as (typeof MORAL_SANCTIONS)[number] }
                    : {}),
                  ...(track === 'DISIPLIN' && level ? { level: level as 'ringan' | 'sedang' | 'berat' } : {}),
                },
              },
              {
                onSuccess: (n) => {
                  notifications.show({
                    color: 'teal',
                    message: n.disciplineCaseId
                      ? t('electionWatch.neutrality.caseOpened')
                      : t('electionWatch.neutrality.saved'),
                  });
                  onClose();
                },
              },
            )
          }
        >
          {t('electionWatch.neutrality.save')}
        </Button>
      </Stack>
    </Modal>
  );
}

/** The neutrality reports in scope: searchable, paginated; BKD records and decides. */
export function NeutralityPanel({ canWrite, periodId }: { canWrite: boolean; periodId: string | null }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [deciding, setDeciding] = useState<Neutrality | null>(null);
  const list = useNeutralityList({ q: debounced || undefined, page, pageSize: 20 });
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <TextInput
          placeholder={t('electionWatch.neutrality.search')}
          value={q}
          onChange={(e) => (setQ(e.currentTarget.value), setPage(1))}
          w={{ base: '100%', sm: 320 }}
        />
        {canWrite && (
          <Button onClick={() => setRecording(true)}>{t('electionWatch.neutrality.record')}</Button>
        )}
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('electionWatch.neutrality.empty')} />
      ) : (
        <Stack gap="xs">
          {list.data.items.map((n) => (
            <Card key={n.id} withBorder padding="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={500}>{n.employeeName}</Text>
                <Badge color={n.track ? (n.track === 'ETIKA' ? 'grape' : 'red') : 'gray'}>
                  {n.trackLabel ?? t('electionWatch.neutrality.undecided')}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {formatNip(n.nip)} · {n.unitName}
              </Text>
              <Text size="sm">
                {n.sourceLabel} {n.referenceNo} ({formatDate(n.referenceDate)}) — {n.conductName} (
                {formatDate(n.conductDate)})
              </Text>
              {n.moralSanctionLabel && <Text size="sm">{n.moralSanctionLabel}</Text>}
              {n.decisionNote && (
                <Text size="sm" c="dimmed">
                  {n.decisionNote}
                </Text>
              )}
              {canWrite && !n.track && (
                <Button size="xs" variant="light" mt="xs" onClick={() => setDeciding(n)}>
                  {t('electionWatch.neutrality.decide')}
                </Button>
              )}
            </Card>
          ))}
          {list.data.total > 20 && (
            <Pagination total={Math.ceil(list.data.total / 20)} value={page} onChange={setPage} />
          )}
        </Stack>
      )}
      {recording && <RecordModal opened onClose={() => setRecording(false)} periodId={periodId} />}
      {deciding && <DecideModal key={deciding.id} report={deciding} onClose={() => setDeciding(null)} />}
    </Stack>
  );
}
