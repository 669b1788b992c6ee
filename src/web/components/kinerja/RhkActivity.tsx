import {
  Anchor,
  Button,
  Collapse,
  FileInput,
  Group,
  Stack,
  Text,
  TextInput,
  Textarea,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronRight, IconDownload, IconPaperclip } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  evidenceFileUrl,
  useAddFeedback,
  useUploadEvidence,
  type Evidence,
  type Feedback,
} from '../../api/kinerja-skp.ts';
import { validationIssues } from '../../api/http.ts';
import { formatDate } from '../../lib/format.ts';
import { DateField } from '../DateField.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { useOnline } from '../OfflineBanner.tsx';

/** A VALIDATION answer's messages by the first segment of their path (the form's field). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of validationIssues(error)) out[issue.path.split('.')[0]!] ??= issue.message;
  return out;
}

/** One feedback line: who wrote it (Plt/Plh), when, the text. */
export function FeedbackLine({ f }: { f: Pick<Feedback, 'authorName' | 'authorAs' | 'text' | 'createdAt'> }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} data-testid="feedback-item">
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {f.text}
      </Text>
      <Text size="xs" c="dimmed">
        {f.authorName}
        {f.authorAs ? ` ${t('kinerja.feedback.actingAs', { as: f.authorAs })}` : ''} ·{' '}
        {formatDate(f.createdAt.slice(0, 10))}
      </Text>
    </Stack>
  );
}

/** A feedback box (POST /kinerja/feedback) on an RHK, a daily report or the SKP. */
export function FeedbackForm({
  skpId,
  rhkId,
  reportId,
  placeholder,
  onSent,
}: {
  skpId: string;
  rhkId?: string;
  reportId?: string;
  placeholder?: string;
  onSent?: () => void;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const add = useAddFeedback();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim().length < 3) return setError(t('kinerja.feedback.short'));
    setError(null);
    add.mutate(
      { skpId, rhkId, reportId, text: text.trim() },
      {
        onSuccess: () => {
          setText('');
          notifications.show({ color: 'teal', message: t('kinerja.feedback.sent') });
          onSent?.();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="feedback-form">
      <Stack gap={6}>
        <Textarea
          aria-label={t('kinerja.feedback.write')}
          placeholder={placeholder ?? t('kinerja.feedback.placeholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error ?? fieldErrors(add.error).text}
          autosize
          minRows={2}
          maxLength={4000}
        />
        {add.isError && !fieldErrors(add.error).text && <ErrorState compact error={add.error} />}
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" loading={add.isPending} disabled={!online}>
            {t('kinerja.feedback.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Evidence lines with their file (download) or link. */
export function EvidenceLines({
  items,
}: {
  items: (Pick<Evidence, 'id' | 'description' | 'link' | 'periodStart' | 'periodEnd'> & {
    file?: Evidence['file'];
  })[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {items.map((e) => (
        <Group key={e.id} justify="space-between" wrap="nowrap" gap="xs" data-testid="evidence-item">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" lineClamp={2}>
              {e.description}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDate(e.periodStart)}–{formatDate(e.periodEnd)}
            </Text>
          </Stack>
          <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
            {e.link && (
              <Anchor href={e.link} target="_blank" rel="noopener noreferrer" size="xs">
                {t('kinerja.evidence.openLink')}
              </Anchor>
            )}
            {e.file && (
              <Button
                component="a"
                href={evidenceFileUrl(e.id)}
                target="_blank"
                rel="noopener"
                size="compact-xs"
                variant="subtle"
                leftSection={<IconDownload size={12} />}
              >
                {t('kinerja.evidence.download')}
              </Button>
            )}
          </Group>
        </Group>
      ))}
    </Stack>
  );
}

/** The employee attaches evidence to an RHK for a period (POST /kinerja/evidence, multipart). */
function EvidenceForm({
  skpId,
  rhkId,
  periodStart,
  periodEnd,
}: {
  skpId: string;
  rhkId: string;
  periodStart: string;
  periodEnd: string;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const upload = useUploadEvidence();
  const [from, setFrom] = useState(periodStart);
  const [to, setTo] = useState(periodEnd);
  const [description, setDescription] = useState('');
  const [link, setLink] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const server = fieldErrors(upload.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (description.trim().length < 3) local.description = t('kinerja.evidence.descriptionShort');
    if (!file && !link.trim()) local.file = t('kinerja.evidence.needFileOrLink');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    upload.mutate(
      {
        skpId,
        rhkId,
        periodStart: from,
        periodEnd: to,
        description: description.trim(),
        link: link.trim(),
        file,
      },
      {
        onSuccess: () => {
          setDescription('');
          setLink('');
          setFile(null);
          notifications.show({ color: 'teal', message: t('kinerja.evidence.uploaded') });
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate data-testid="evidence-form">
      <Stack gap={6}>
        <Group grow wrap="wrap" gap="xs">
          <DateField
            label={t('kinerja.evidence.periodStart')}
            value={from}
            onChange={(v) => setFrom(v ?? periodStart)}
            error={server.periodStart}
          />
          <DateField
            label={t('kinerja.evidence.periodEnd')}
            value={to}
            onChange={(v) => setTo(v ?? periodEnd)}
            error={server.periodEnd}
          />
        </Group>
        <Textarea
          label={t('kinerja.evidence.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description ?? server.description}
          autosize
          minRows={2}
          maxLength={2000}
          required
        />
        <TextInput
          label={t('kinerja.evidence.link')}
          value={link}
          onChange={(e) => setLink(e.currentTarget.value)}
          error={server.link}
          type="url"
          maxLength={1000}
        />
        <FileInput
          label={t('kinerja.evidence.file')}
          value={file}
          onChange={setFile}
          clearable
          accept="application/pdf,image/jpeg,image/png,image/webp"
          leftSection={<IconPaperclip size={16} />}
          error={errors.file}
          data-testid="evidence-file"
        />
        {upload.isError && Object.keys(server).length === 0 && <ErrorState compact error={upload.error} />}
        <Group justify="flex-end">
          <Button type="submit" size="compact-sm" loading={upload.isPending} disabled={!online}>
            {t('kinerja.evidence.upload')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Under an RHK of an approved SKP: the continuous feedback (the penilai writes, the employee reads) and the
 * evidence (the employee attaches for a period and downloads; the penilai reads). Closed until opened.
 */
export function RhkActivity({
  skpId,
  rhkId,
  periodStart,
  periodEnd,
  feedback,
  evidence,
  canGiveFeedback,
  canAddEvidence,
}: {
  skpId: string;
  rhkId: string;
  periodStart: string;
  periodEnd: string;
  feedback: Feedback[];
  evidence: Evidence[];
  canGiveFeedback: boolean;
  canAddEvidence: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState(false);
  return (
    <Stack gap={6} data-testid="rhk-activity" data-rhk-id={rhkId}>
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        data-testid="rhk-activity-toggle"
      >
        <Group gap={4}>
          {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text size="xs" fw={600} c="blue.8">
            {t('kinerja.feedback.title')} ({feedback.length}) · {t('kinerja.evidence.title')} (
            {evidence.length})
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap="sm" pl="sm" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
          <Stack gap={6}>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {t('kinerja.feedback.title')}
            </Text>
            {feedback.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('kinerja.feedback.empty')}
              </Text>
            )}
            {feedback.map((f) => (
              <FeedbackLine key={f.id} f={f} />
            ))}
            {canGiveFeedback && open && <FeedbackForm skpId={skpId} rhkId={rhkId} />}
          </Stack>
          <Stack gap={6}>
            <Group justify="space-between">
              <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                {t('kinerja.evidence.title')}
              </Text>
              {canAddEvidence && (
                <Button size="compact-xs" variant="light" onClick={() => setAdding((a) => !a)}>
                  {t('kinerja.evidence.add')}
                </Button>
              )}
            </Group>
            {evidence.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('kinerja.evidence.empty')}
              </Text>
            )}
            <EvidenceLines items={evidence} />
            {canAddEvidence && adding && (
              <EvidenceForm skpId={skpId} rhkId={rhkId} periodStart={periodStart} periodEnd={periodEnd} />
            )}
          </Stack>
        </Stack>
      </Collapse>
    </Stack>
  );
}
