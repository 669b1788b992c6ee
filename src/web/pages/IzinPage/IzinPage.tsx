import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconSend } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  permitFileUrl,
  useCancelPermit,
  useMyPermits,
  useRecordPermit,
  useRequestPermit,
  type Permit,
  type PermitInput,
  type PermitKind,
  type RequestStatus,
  type UploadedFile,
} from '../../api/permits.ts';
import { usePermitPrefill } from '../../components/attendance/request-prefill.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { formatDate } from '../../lib/format.ts';
import {
  CancelRequestButton,
  DecisionLine,
  FileLink,
  isCancellable,
  LateBadge,
  MyRequestList,
  RequestStatusBadge,
  UploadField,
} from './request-parts.tsx';

const KINDS: PermitKind[] = ['I', 'S', 'DL', 'TGL', 'TB', 'DIKLAT', 'WFH', 'WFA'];
/** Kinds whose letter of assignment the national rulebook requires (the server checks the rulebook in force). */
const LETTER_KINDS: PermitKind[] = ['DL', 'TGL', 'TB', 'DIKLAT'];
/** What admin OPD may record on a letter (rulebook adminMayRecord, national: DL, TB, DIKLAT). */
const RECORD_KINDS: PermitKind[] = ['DL', 'TB', 'DIKLAT'];
const FIELDS = [
  'employeeId',
  'kind',
  'part',
  'dateFrom',
  'dateTo',
  'reason',
  'letterNumber',
  'letterDate',
  'fileHash',
  'destination',
] as const;
type Field = (typeof FIELDS)[number];

/**
 * The request form; `onBehalf` = admin OPD recording an assignment for an employee on a signed letter
 * (approved at once, POST /permits/record).
 */
export function PermitForm({ onBehalf = false, onDone }: { onBehalf?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const requestPermit = useRequestPermit();
  const recordPermit = useRecordPermit();
  const mutation = onBehalf ? recordPermit : requestPermit;
  const { errors, fromError, clear, setErrors } = useFieldErrors<Field>();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  // Prefilled from the address when the Presensi page offers a dinas luar as the next step (own requests only).
  const address = usePermitPrefill();
  const prefill = onBehalf ? null : address;
  const [kind, setKind] = useState<PermitKind>(onBehalf ? 'DL' : (prefill?.kind ?? 'I'));
  const [part, setPart] = useState<'full' | 'late' | 'early'>('full');
  const [dateFrom, setDateFrom] = useState(prefill?.date ?? '');
  const [dateTo, setDateTo] = useState(prefill?.date ?? '');
  const [reason, setReason] = useState(prefill?.reason ?? '');
  const [letterNumber, setLetterNumber] = useState('');
  const [letterDate, setLetterDate] = useState('');
  const [file, setFile] = useState<UploadedFile | null>(null);
  const [destName, setDestName] = useState('');
  const [lat, setLat] = useState<number | string>(prefill?.lat ?? '');
  const [lon, setLon] = useState<number | string>(prefill?.lon ?? '');
  const [radius, setRadius] = useState<number | string>(200);
  const [formKey, setFormKey] = useState(0);

  const needsLetter = LETTER_KINDS.includes(kind);
  const partial = kind === 'I' && part !== 'full';
  const isDl = kind === 'DL';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (onBehalf && !employeeId) local.employeeId = t('common.required');
    if (!dateFrom) local.dateFrom = t('common.required');
    if (!partial && !dateTo) local.dateTo = t('common.required');
    if (reason.trim().length < 3) local.reason = t('permits.reasonRequired');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const input: PermitInput = {
      kind,
      part: kind === 'I' ? part : 'full',
      dateFrom,
      dateTo: partial ? dateFrom : dateTo,
      reason: reason.trim(),
      letterNumber: needsLetter ? letterNumber.trim() || null : null,
      letterDate: needsLetter ? letterDate || null : null,
      fileHash: file?.hash ?? null,
      destination: isDl
        ? {
            name: destName.trim(),
            lat: typeof lat === 'number' ? lat : Number.NaN,
            lon: typeof lon === 'number' ? lon : Number.NaN,
            radiusM: typeof radius === 'number' ? radius : 200,
          }
        : null,
    };
    const done = {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t(onBehalf ? 'permits.recorded' : 'permits.sent') });
        onDone?.();
        setReason('');
        setLetterNumber('');
        setLetterDate('');
        setFile(null);
        setDestName('');
        setLat('');
        setLon('');
        setDateFrom('');
        setDateTo('');
        setFormKey((k) => k + 1);
        clear();
      },
      onError: (e: unknown) => fromError(e, FIELDS),
    };
    if (onBehalf) recordPermit.mutate({ ...input, employeeId: employeeId! }, done);
    else requestPermit.mutate(input, done);
  };

  return (
    <Card
      withBorder={!onBehalf}
      radius="md"
      padding={onBehalf ? 0 : 'md'}
      component="section"
      aria-labelledby={onBehalf ? undefined : 'permit-form-title'}
    >
      <form
        onSubmit={submit}
        noValidate
        data-testid={onBehalf ? 'permit-record-form' : 'permit-form'}
        key={formKey}
      >
        <Stack gap="sm">
          {!onBehalf && (
            <Title order={3} size="h4" id="permit-form-title">
              {t('permits.formTitle')}
            </Title>
          )}
          {mutation.error && <ErrorState error={mutation.error} compact hideIssues />}
          {onBehalf && (
            <EmployeeSelect
              label={t('permits.employee')}
              value={employeeId}
              onChange={(v) => {
                setEmployeeId(v);
                clear('employeeId');
              }}
              error={errors.employeeId}
            />
          )}
          <Select
            label={t('permits.kind')}
            data={(onBehalf ? RECORD_KINDS : KINDS).map((k) => ({
              value: k,
              label: t(`permits.kinds.${k}`),
            }))}
            value={kind}
            onChange={(v) => {
              if (v) setKind(v as PermitKind);
              clear();
            }}
            allowDeselect={false}
            error={errors.kind}
            data-testid="permit-kind"
          />
          <Text size="xs" c="dimmed">
            {t(`permits.kindHelp.${kind}`)}
          </Text>
          {kind === 'I' && (
            <Radio.Group
              label={t('permits.part')}
              value={part}
              onChange={(v) => setPart(v as typeof part)}
              data-testid="permit-part"
            >
              <Group gap="md" mt={4}>
                <Radio value="full" label={t('permits.parts.full')} />
                <Radio value="late" label={t('permits.parts.late')} />
                <Radio value="early" label={t('permits.parts.early')} />
              </Group>
            </Radio.Group>
          )}
          <SimpleGrid cols={{ base: 1, xs: partial ? 1 : 2 }} spacing="sm">
            <DateField
              label={partial ? t('permits.date') : t('permits.dateFrom')}
              value={dateFrom}
              onChange={(v) => {
                setDateFrom(v);
                if (!dateTo || dateTo < v) setDateTo(v);
                clear('dateFrom');
              }}
              error={errors.dateFrom}
              required
            />
            {!partial && (
              <DateField
                label={t('permits.dateTo')}
                value={dateTo}
                onChange={(v) => {
                  setDateTo(v);
                  clear('dateTo');
                }}
                error={errors.dateTo}
                required
              />
            )}
          </SimpleGrid>
          <Textarea
            label={t('permits.reason')}
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
            data-testid="permit-reason"
          />
          {needsLetter && (
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label={t('permits.letterNumber')}
                required
                maxLength={100}
                value={letterNumber}
                onChange={(e) => {
                  setLetterNumber(e.currentTarget.value);
                  clear('letterNumber');
                }}
                error={errors.letterNumber}
                data-testid="permit-letter-number"
              />
              <DateField
                label={t('permits.letterDate')}
                value={letterDate}
                onChange={(v) => {
                  setLetterDate(v);
                  clear('letterDate');
                }}
                error={errors.letterDate}
                required
              />
            </SimpleGrid>
          )}
          <UploadField
            label={needsLetter ? t('permits.letterFile') : t('permits.attachment')}
            required={needsLetter}
            error={errors.fileHash}
            onUploaded={(f) => {
              setFile(f);
              clear('fileHash');
            }}
            testId="permit-file"
          />
          {isDl && (
            <Stack gap="xs">
              <TextInput
                label={t('permits.destination')}
                required
                maxLength={200}
                value={destName}
                onChange={(e) => {
                  setDestName(e.currentTarget.value);
                  clear('destination');
                }}
                error={errors.destination}
                data-testid="permit-destination"
              />
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <NumberInput
                  label={t('permits.lat')}
                  required
                  decimalScale={6}
                  min={-90}
                  max={90}
                  value={lat}
                  onChange={setLat}
                  data-testid="permit-lat"
                />
                <NumberInput
                  label={t('permits.lon')}
                  required
                  decimalScale={6}
                  min={-180}
                  max={180}
                  value={lon}
                  onChange={setLon}
                  data-testid="permit-lon"
                />
                <NumberInput
                  label={t('permits.radius')}
                  min={10}
                  max={10000}
                  step={50}
                  value={radius}
                  onChange={setRadius}
                  data-testid="permit-radius"
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('permits.destinationHelp')}
              </Text>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconSend size={16} />}
              loading={mutation.isPending}
              data-testid="permit-submit"
            >
              {t(onBehalf ? 'permits.record' : 'permits.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** One permit as the requester sees it: kind, dates, state, the superior's note; cancel while it holds. */
export function PermitCard({ permit, actions }: { permit: Permit; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const dates =
    permit.dateFrom === permit.dateTo
      ? formatDate(permit.dateFrom)
      : `${formatDate(permit.dateFrom)} – ${formatDate(permit.dateTo)}`;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="permit-item" data-permit-id={permit.id}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Group gap="xs" wrap="wrap">
            <Badge variant="outline">{permit.kind}</Badge>
            <Text fw={600} size="sm">
              {t(`permits.kinds.${permit.kind}`)}
              {permit.part !== 'full' ? ` · ${t(`permits.parts.${permit.part}`)}` : ''}
            </Text>
          </Group>
          <RequestStatusBadge status={permit.status as RequestStatus} />
        </Group>
        <Group gap="xs" wrap="wrap">
          <Text size="sm">{dates}</Text>
          <LateBadge late={permit.late} />
        </Group>
        <Text size="sm" c="dimmed">
          {permit.reason}
        </Text>
        {permit.letterNumber && (
          <Text size="xs" c="dimmed">
            {t('permits.letterLine', { number: permit.letterNumber, date: formatDate(permit.letterDate) })}
          </Text>
        )}
        {permit.destination && (
          <Text size="xs" c="dimmed">
            {t('permits.destinationLine', {
              name: permit.destination.name,
              lat: permit.destination.lat.toFixed(5),
              lon: permit.destination.lon.toFixed(5),
              radius: permit.destination.radiusM,
            })}
          </Text>
        )}
        {permit.hasFile && <FileLink href={permitFileUrl(permit.id)} label={t('permits.openFile')} />}
        {permit.status === 'DIBATALKAN' ? (
          <DecisionLine name={null} note={permit.cancelNote} label={t('permits.cancelledNote')} />
        ) : (
          <DecisionLine
            name={permit.decidedByName}
            note={permit.decisionNote}
            label={t('permits.decidedBy')}
          />
        )}
        {actions}
      </Stack>
    </Card>
  );
}

function MyPermits() {
  const { t } = useTranslation();
  const mine = useMyPermits();
  const cancel = useCancelPermit();
  return (
    <MyRequestList
      query={mine}
      cancelError={cancel.error}
      emptyTitle={t('permits.emptyMineTitle')}
      emptyDescription={t('permits.emptyMine')}
      testId="my-permits"
      renderItem={(p) => (
        <PermitCard
          key={p.id}
          permit={p}
          actions={
            isCancellable(p.status) && (
              <CancelRequestButton
                loading={cancel.isPending && cancel.variables?.id === p.id}
                ariaLabel={t('permits.cancelAria', { kind: t(`permits.kinds.${p.kind}`) })}
                confirmText={t('permits.confirmCancel')}
                onConfirm={() =>
                  cancel.mutate(
                    { id: p.id },
                    {
                      onSuccess: () =>
                        notifications.show({
                          color: 'teal',
                          icon: <IconCheck size={16} />,
                          message: t('permits.cancelled'),
                        }),
                    },
                  )
                }
                testId="permit-cancel"
              />
            )
          }
        />
      )}
    />
  );
}

/** /izin: request izin, sakit, dinas luar, tugas luar, tugas belajar, diklat or WFH/WFA; follow my requests. */
export function IzinPage() {
  const { t } = useTranslation();
  return (
    <Box maw={900} mx="auto">
      <PageHeader title={t('permits.title')} subtitle={t('permits.subtitle')} />
      <Stack gap="lg">
        <PermitForm />
        <Stack gap="xs" component="section" aria-labelledby="my-permits-title">
          <Title order={3} size="h4" id="my-permits-title">
            {t('permits.mineTitle')}
          </Title>
          <MyPermits />
        </Stack>
      </Stack>
    </Box>
  );
}
