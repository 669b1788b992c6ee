import {
  Alert,
  Box,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPaperclip, IconSend } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import {
  useCancelLeave,
  useLeaveOptions,
  useLeavePreview,
  useMyLeave,
  useSubmitLeave,
  type LeaveRequest,
  type LeaveTypeCode,
} from '../../api/leave.ts';
import { DateField } from '../../components/DateField.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LeaveBalanceCard } from '../../components/LeaveBalanceCard.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { LeaveCard } from './LeaveCard.tsx';

const MAX_BYTES = 5 * 1024 * 1024;

/** The request form: type, dates, reason, address, attachment; the counted days and problems before sending. */
function RequestForm() {
  const { t } = useTranslation();
  const options = useLeaveOptions();
  const submit = useSubmitLeave();
  const [type, setType] = useState<LeaveTypeCode | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [address, setAddress] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [attachmentKind, setAttachmentKind] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const preview = useLeavePreview({
    type,
    from,
    to,
    attachmentKind: file && attachmentKind ? attachmentKind : undefined,
  });

  if (options.isPending) return <LoadingState />;
  if (options.isError) return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  const typeRule = options.data.types.find((x) => x.code === type);

  const reset = () => {
    setType(null);
    setFrom('');
    setTo('');
    setReason('');
    setAddress('');
    setFile(null);
    setAttachmentKind(null);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!type || !from || !to) return;
    submit.mutate(
      {
        input: {
          type,
          from,
          to,
          reason: reason.trim(),
          ...(address.trim() ? { address: address.trim() } : {}),
          ...(file && attachmentKind ? { attachmentKind } : {}),
        },
        file,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('leave.submitted') });
          reset();
        },
      },
    );
  };

  const p = preview.data;
  return (
    <Card
      withBorder
      radius="md"
      padding="md"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('leave.formTitle')}
    >
      <Stack gap="sm">
        <Title order={3} fz="h5">
          {t('leave.formTitle')}
        </Title>
        <Select
          label={t('leave.type')}
          placeholder={t('leave.typePlaceholder')}
          data={options.data.types.map((x) => ({ value: x.code, label: `${x.name} (${x.max})` }))}
          value={type}
          onChange={(v) => setType(v as LeaveTypeCode | null)}
          required
          allowDeselect={false}
          data-testid="leave-type"
        />
        <Group grow wrap="wrap" align="flex-start">
          <DateField label={t('leave.from')} value={from} onChange={setFrom} required />
          <DateField label={t('leave.to')} value={to} onChange={setTo} required />
        </Group>
        {p && type && from && to && (
          <Alert
            color={p.problems.length ? 'orange' : 'teal'}
            variant="light"
            icon={p.problems.length ? <IconAlertTriangle size={18} /> : undefined}
            data-testid="leave-preview"
            aria-live="polite"
          >
            <Text size="sm" fw={600} data-testid="leave-preview-days">
              {t('leave.counted', { working: p.workingDays, calendar: p.calendarDays })}
            </Text>
            {p.cutiBersamaDays + p.holidayDays > 0 && (
              <Text size="xs">
                {t('leave.notCounted', { cutiBersama: p.cutiBersamaDays, holidays: p.holidayDays })}
              </Text>
            )}
            {p.balance && (
              <Text size="xs">
                {t('leave.balanceAfter', {
                  remaining: p.balance.remaining - p.balance.pending - p.workingDays,
                })}
              </Text>
            )}
            {p.problems.length > 0 && (
              <List size="sm" mt={4}>
                {p.problems.map((x) => (
                  <List.Item key={x.code + x.message}>{x.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Textarea
          label={t('leave.reason')}
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="leave-reason"
        />
        <TextInput
          label={t('leave.address')}
          maxLength={500}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          data-testid="leave-address"
        />
        {(typeRule?.attachments.length ?? 0) > 0 && (
          <Text size="xs" c="dimmed">
            {typeRule!.attachments
              .map((a) => t('leave.attachmentRule', { days: a.whenLongerThanDays, label: a.label }))
              .join(' ')}
          </Text>
        )}
        <Group grow wrap="wrap" align="flex-start">
          <FileInput
            label={t('leave.attachment')}
            description={t('leave.attachmentHint')}
            placeholder={t('leave.choose')}
            accept="application/pdf,image/jpeg,image/png"
            leftSection={<IconPaperclip size={16} />}
            clearable
            value={file}
            error={fileError}
            onChange={(f) => {
              if (f && f.size > MAX_BYTES) {
                setFileError(t('leave.fileTooLarge'));
                setFile(null);
                return;
              }
              setFileError(null);
              setFile(f);
              if (f && !attachmentKind) setAttachmentKind(options.data.documentKinds[0]?.code ?? null);
            }}
            data-testid="leave-attachment"
          />
          {file && (
            <Select
              label={t('leave.attachmentKind')}
              data={options.data.documentKinds.map((d) => ({ value: d.code, label: d.label }))}
              value={attachmentKind}
              onChange={setAttachmentKind}
              allowDeselect={false}
              data-testid="leave-attachment-kind"
            />
          )}
        </Group>
        {submit.error && <ErrorState error={submit.error} compact />}
        <Group justify="flex-end">
          <Button
            type="submit"
            leftSection={<IconSend size={16} />}
            loading={submit.isPending}
            disabled={!type || !from || !to || reason.trim().length < 3}
            data-testid="leave-submit"
          >
            {t('leave.submit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function CancelModal({ request, onClose }: { request: LeaveRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelLeave();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('leave.cancelTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          cancel.mutate(
            { id: request.id, reason: reason.trim() },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('leave.cancelled') });
                onClose();
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {request.typeName} · {formatDate(request.from)} – {formatDate(request.to)}
          </Text>
          <Textarea
            label={t('leave.cancelReason')}
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="leave-cancel-reason"
          />
          {cancel.error && <ErrorState error={cancel.error} compact />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending} data-testid="leave-cancel-submit">
              {t('leave.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** /cuti: every employee's leave page — balance, request form, own requests (cancel, letter). */
export function CutiPage() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useMyLeave();
  const [cancelling, setCancelling] = useState<LeaveRequest | null>(null);
  return (
    <Box maw={900} mx="auto">
      <PageHeader title={t('leave.title')} subtitle={t('leave.subtitle')} />
      <Stack gap="md">
        <LeaveBalanceCard employeeId={me.data?.user.employeeId ?? null} year={new Date().getFullYear()} />
        <RequestForm />
        <Title order={3} fz="h5">
          {t('leave.mine')}
        </Title>
        {mine.isPending ? (
          <LoadingState />
        ) : mine.isError ? (
          <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data.items.length === 0 ? (
          <EmptyState title={t('leave.mineEmpty')} />
        ) : (
          <Stack gap="sm" data-testid="leave-mine">
            {mine.data.items.map((r) => (
              <LeaveCard
                key={r.id}
                request={r}
                actions={
                  r.canCancel ? (
                    <Group justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant="light"
                        color="red"
                        onClick={() => setCancelling(r)}
                        aria-label={t('leave.cancelFor', { type: r.typeName, from: formatDate(r.from) })}
                        data-testid="leave-cancel"
                      >
                        {t('leave.cancel')}
                      </Button>
                    </Group>
                  ) : undefined
                }
              />
            ))}
          </Stack>
        )}
      </Stack>
      {cancelling && <CancelModal request={cancelling} onClose={() => setCancelling(null)} />}
    </Box>
  );
}
