import { Anchor, Badge, Button, FileInput, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadRequestFile, type RequestStatus, type UploadedFile } from '../../api/permits.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useDescribeError } from '../../components/error-text.ts';
import { formatFileSize } from '../../lib/format.ts';

const STATUS_COLOR: Record<RequestStatus, string> = {
  DIAJUKAN: 'yellow',
  DISETUJUI: 'teal',
  DITOLAK: 'red',
  DIBATALKAN: 'gray',
};

/** The state of a permit or correction (DIAJUKAN → DISETUJUI / DITOLAK / DIBATALKAN). */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="request-status" data-status={status}>
      {t(`permits.status.${status}`)}
    </Badge>
  );
}

/**
 * "Terlambat N hari kerja": a request filed past the rulebook's window for its kind (attendance.requestWindows),
 * shown to the approver and the employee. Nothing when on time. Source: issue 13 point 11.
 */
export function LateBadge({ late }: { late: { days: number; windowDays: number } | null }) {
  const { t } = useTranslation();
  if (!late) return null;
  return (
    <Badge
      color="orange"
      variant="light"
      title={t('permits.lateHint', { window: late.windowDays })}
      data-testid="request-late"
      data-late-days={late.days}
    >
      {t('permits.late', { count: late.days })}
    </Badge>
  );
}

/** Choose a file and upload it at once (stored by content hash); reports the hash when done. */
export function UploadField({
  label,
  description,
  required,
  error,
  onUploaded,
  testId,
}: {
  label: string;
  description?: string;
  required?: boolean;
  error?: string;
  onUploaded: (file: UploadedFile | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<'idle' | 'uploading' | 'done' | 'failed'>('idle');
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <FileInput
      label={label}
      description={
        state === 'uploading'
          ? t('permits.uploading')
          : state === 'done' && file
            ? t('permits.uploaded', { size: formatFileSize(file.size) })
            : (description ?? t('permits.fileHint'))
      }
      required={required}
      accept="application/pdf,image/jpeg,image/png,image/webp"
      clearable
      value={file}
      leftSection={<IconPaperclip size={16} />}
      error={failure ?? error}
      data-testid={testId}
      onChange={(next) => {
        setFile(next);
        setFailure(null);
        onUploaded(null);
        if (!next) {
          setState('idle');
          return;
        }
        setState('uploading');
        uploadRequestFile(next)
          .then((uploaded) => {
            setState('done');
            onUploaded(uploaded);
          })
          .catch((e: unknown) => {
            setState('failed');
            setFailure(describe(e).detail ?? describe(e).title);
          });
      }}
    />
  );
}

/** A link opening a request's letter / evidence in a new tab (the server logs the view). */
export function FileLink({ href, label }: { href: string; label: string }) {
  return (
    <Group gap={4}>
      <IconPaperclip size={14} />
      <Anchor href={href} target="_blank" rel="noopener" size="sm">
        {label}
      </Anchor>
    </Group>
  );
}

/** The superior's decision as the requester sees it. */
export function DecisionLine({
  name,
  note,
  label,
}: {
  name: string | null;
  note: string | null;
  label: string;
}) {
  if (!name && !note) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="request-decision">
      {label}
      {name ? ` ${name}` : ''}
      {note ? `: “${note}”` : ''}
    </Text>
  );
}

/** Whether the employee may still cancel their request (pending or approved). */
export const isCancellable = (status: string) => status === 'DIAJUKAN' || status === 'DISETUJUI';

/** The employee's own requests: loading, error with retry, empty, or a stack of cards (a failed cancel on top). */
export function MyRequestList<T extends { id: string }>({
  query,
  cancelError,
  emptyTitle,
  emptyDescription,
  testId,
  renderItem,
}: {
  query: UseQueryResult<{ items: T[] }>;
  cancelError: unknown;
  emptyTitle: string;
  emptyDescription: string;
  testId: string;
  renderItem: (item: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />;
  return (
    <Stack gap="xs" data-testid={testId}>
      {cancelError ? <ErrorState error={cancelError} compact /> : null}
      {query.data.items.map(renderItem)}
    </Stack>
  );
}

/** Cancel one of my requests once the employee confirms `confirmText`. */
export function CancelRequestButton({
  loading,
  ariaLabel,
  confirmText,
  onConfirm,
  testId,
}: {
  loading: boolean;
  ariaLabel: string;
  confirmText: string;
  onConfirm: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        leftSection={<IconX size={14} />}
        loading={loading}
        onClick={() => {
          if (window.confirm(confirmText)) onConfirm();
        }}
        aria-label={ariaLabel}
        data-testid={testId}
      >
        {t('permits.cancel')}
      </Button>
    </Group>
  );
}
