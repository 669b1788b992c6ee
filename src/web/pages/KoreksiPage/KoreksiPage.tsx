import {
  Box,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCancelCorrection, useMyCorrections, useRequestCorrection } from '../../api/corrections.ts';
import {
  correctionEvidenceUrl,
  type Correction,
  type CorrectionCategory,
  type RequestStatus,
  type UploadedFile,
} from '../../api/permits.ts';
import { useCorrectionPrefill } from '../../components/attendance/request-prefill.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { formatDate, zoneLabel } from '../../lib/format.ts';
import {
  CancelRequestButton,
  DecisionLine,
  FileLink,
  isCancellable,
  LateBadge,
  MyRequestList,
  RequestStatusBadge,
  UploadField,
} from '../IzinPage/request-parts.tsx';

const CATEGORIES: CorrectionCategory[] = [
  'LUPA_PRESENSI',
  'GANGGUAN_PERANGKAT',
  'GANGGUAN_JARINGAN',
  'LAINNYA',
];
const FIELDS = ['date', 'checkIn', 'checkOut', 'category', 'reason', 'evidenceHash'] as const;
type Field = (typeof FIELDS)[number];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function CorrectionForm() {
  const { t } = useTranslation();
  const send = useRequestCorrection();
  const { errors, setErrors, fromError, clear } = useFieldErrors<Field>();
  // Prefilled from the address when the Presensi page offers a correction as the next step.
  const prefill = useCorrectionPrefill();
  const [date, setDate] = useState(prefill.date);
  const [checkIn, setCheckIn] = useState(prefill.checkIn);
  const [checkOut, setCheckOut] = useState(prefill.checkOut);
  const [category, setCategory] = useState<CorrectionCategory>(prefill.category ?? 'LUPA_PRESENSI');
  const [reason, setReason] = useState(prefill.reason);
  const [evidence, setEvidence] = useState<UploadedFile | null>(null);
  const [formKey, setFormKey] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!date) local.date = t('common.required');
    if (!checkIn && !checkOut) local.checkIn = t('corrections.timeRequired');
    if (checkIn && !HHMM.test(checkIn)) local.checkIn = t('corrections.timeFormat');
    if (checkOut && !HHMM.test(checkOut)) local.checkOut = t('corrections.timeFormat');
    if (checkIn && checkOut && HHMM.test(checkIn) && HHMM.test(checkOut) && checkOut <= checkIn)
      local.checkOut = t('corrections.outAfterIn');
    if (reason.trim().length < 3) local.reason = t('permits.reasonRequired');
    if (!evidence) local.evidenceHash = t('corrections.evidenceRequired');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    send.mutate(
      {
        date,
        checkIn: checkIn || null,
        checkOut: checkOut || null,
        category,
        reason: reason.trim(),
        evidenceHash: evidence!.hash,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('corrections.sent') });
          setDate('');
          setCheckIn('');
          setCheckOut('');
          setReason('');
          setEvidence(null);
          setFormKey((k) => k + 1);
          clear();
        },
        onError: (e) => fromError(e, FIELDS),
      },
    );
  };

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="correction-form-title">
      <form onSubmit={submit} noValidate data-testid="correction-form" key={formKey}>
        <Stack gap="sm">
          <Title order={3} size="h4" id="correction-form-title">
            {t('corrections.formTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('corrections.help')}
          </Text>
          {send.error && <ErrorState error={send.error} compact hideIssues />}
          <DateField
            label={t('corrections.date')}
            value={date}
            onChange={(v) => {
              setDate(v);
              clear('date');
            }}
            error={errors.date}
            required
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              type="time"
              label={t('corrections.checkIn')}
              description={t('corrections.localTime')}
              value={checkIn}
              onChange={(e) => {
                setCheckIn(e.currentTarget.value);
                clear('checkIn');
              }}
              error={errors.checkIn}
              data-testid="correction-check-in"
            />
            <TextInput
              type="time"
              label={t('corrections.checkOut')}
              description={t('corrections.localTime')}
              value={checkOut}
              onChange={(e) => {
                setCheckOut(e.currentTarget.value);
                clear('checkOut');
              }}
              error={errors.checkOut}
              data-testid="correction-check-out"
            />
          </SimpleGrid>
          <Select
            label={t('corrections.category')}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`corrections.categories.${c}`) }))}
            value={category}
            onChange={(v) => v && setCategory(v as CorrectionCategory)}
            allowDeselect={false}
            error={errors.category}
            data-testid="correction-category"
          />
          <Textarea
            label={t('corrections.reason')}
            required
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              clear('reason');
            }}
            error={errors.reason}
            data-testid="correction-reason"
          />
          <UploadField
            label={t('corrections.evidence')}
            description={t('corrections.evidenceHelp')}
            required
            error={errors.evidenceHash}
            onUploaded={(f) => {
              setEvidence(f);
              clear('evidenceHash');
            }}
            testId="correction-evidence"
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={send.isPending}
              data-testid="correction-submit"
            >
              {t('corrections.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** One correction: date, the missing times in the unit's zone, state and the superior's note. */
export function CorrectionCard({ correction: c, actions }: { correction: Correction; actions?: ReactNode }) {
  const { t } = useTranslation();
  const zone = zoneLabel(c.timeZone);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="correction-item" data-correction-id={c.id}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text fw={600} size="sm">
            {formatDate(c.date)} · {t(`corrections.categories.${c.category}`)}
          </Text>
          <RequestStatusBadge status={c.status as RequestStatus} />
        </Group>
        <LateBadge late={c.late} />
        <Text size="sm">
          {[
            c.checkIn ? `${t('corrections.checkIn')} ${c.checkIn} ${zone}` : null,
            c.checkOut ? `${t('corrections.checkOut')} ${c.checkOut} ${zone}` : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Text size="sm" c="dimmed">
          {c.reason}
        </Text>
        <FileLink href={correctionEvidenceUrl(c.id)} label={t('corrections.openEvidence')} />
        {c.status === 'DIBATALKAN' ? (
          <DecisionLine name={null} note={c.cancelNote} label={t('permits.cancelledNote')} />
        ) : (
          <DecisionLine name={c.decidedByName} note={c.decisionNote} label={t('permits.decidedBy')} />
        )}
        {actions}
      </Stack>
    </Card>
  );
}

function MyCorrections() {
  const { t } = useTranslation();
  const mine = useMyCorrections();
  const cancel = useCancelCorrection();
  return (
    <MyRequestList
      query={mine}
      cancelError={cancel.error}
      emptyTitle={t('corrections.emptyMineTitle')}
      emptyDescription={t('corrections.emptyMine')}
      testId="my-corrections"
      renderItem={(c) => (
        <CorrectionCard
          key={c.id}
          correction={c}
          actions={
            isCancellable(c.status) && (
              <CancelRequestButton
                loading={cancel.isPending && cancel.variables?.id === c.id}
                ariaLabel={t('corrections.cancelAria', { date: formatDate(c.date) })}
                confirmText={t('corrections.confirmCancel')}
                onConfirm={() => cancel.mutate({ id: c.id })}
                testId="correction-cancel"
              />
            )
          }
        />
      )}
    />
  );
}

/** /koreksi: ask for a missing check-in / check-out with evidence; follow my corrections. */
export function KoreksiPage() {
  const { t } = useTranslation();
  return (
    <Box maw={900} mx="auto">
      <PageHeader title={t('corrections.title')} subtitle={t('corrections.subtitle')} />
      <Stack gap="lg">
        <CorrectionForm />
        <Stack gap="xs" component="section" aria-labelledby="my-corrections-title">
          <Title order={3} size="h4" id="my-corrections-title">
            {t('corrections.mineTitle')}
          </Title>
          <MyCorrections />
        </Stack>
      </Stack>
    </Box>
  );
}
