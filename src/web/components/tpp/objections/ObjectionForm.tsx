import { Button, FileInput, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFileObjection, type ObjectionLine } from '../../../api/tpp-objections.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorState } from '../../ErrorState.tsx';
import { TextAreaField } from '../../TextAreaField.tsx';
import { EVIDENCE_ACCEPT, evidenceProblem } from './objection-view.ts';
import { LineRefText } from './ObjectionParts.tsx';

/** What the form files on: the run, the employee (the caller herself), the line, and the window's end. */
export interface ObjectionTarget {
  runId: string;
  employeeId: string;
  line: ObjectionLine;
  objectionUntil: string | null;
}

/**
 * Files an objection to one line of the employee's published TPP: the line (read-only), the reason (required) and
 * optional evidence (PDF/JPG/PNG) uploaded with progress. The server's refusals (the window ended, an objection to
 * the same line already pending, the run moved on) are shown as they come, in the form.
 */
export function ObjectionFormModal({
  target,
  onClose,
}: {
  target: ObjectionTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const filing = useFileObjection();
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [tried, setTried] = useState(false);
  const problem = evidenceProblem(file);
  const close = () => {
    if (filing.isPending) return;
    setReason('');
    setFile(null);
    setTried(false);
    filing.reset();
    onClose();
  };
  const submit = () => {
    setTried(true);
    if (!target || !reason.trim() || problem) return;
    setProgress(0);
    filing.mutate(
      {
        input: { runId: target.runId, employeeId: target.employeeId, line: target.line, reason, file },
        onProgress: setProgress,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('tppObjections.filed') });
          setProgress(null);
          filing.reset();
          setReason('');
          setFile(null);
          setTried(false);
          onClose();
        },
        onError: () => setProgress(null),
      },
    );
  };
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={t('tppObjections.formTitle')}
      centered
      data-testid="objection-form"
    >
      {target && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('tppObjections.formLine')}
              </Text>
              <Text size="sm" fw={600} data-testid="objection-form-line">
                <LineRefText line={target.line} />
              </Text>
              {target.objectionUntil && (
                <Text size="xs" c="dimmed">
                  {t('tppObjections.formWindow', { date: formatDate(target.objectionUntil) })}
                </Text>
              )}
            </Stack>
            <TextAreaField
              label={t('tppObjections.reason')}
              description={t('tppObjections.reasonHint')}
              value={reason}
              onChange={setReason}
              required
              minRows={3}
              maxLength={2000}
              error={tried && !reason.trim() ? t('tppObjections.reasonRequired') : undefined}
              data-testid="objection-reason"
              data-autofocus
            />
            <FileInput
              label={t('tppObjections.evidence')}
              description={t('tppObjections.evidenceHint')}
              accept={EVIDENCE_ACCEPT}
              value={file}
              onChange={setFile}
              leftSection={<IconPaperclip size={16} />}
              clearable
              error={
                problem
                  ? t(problem === 'type' ? 'tppObjections.evidenceType' : 'tppObjections.evidenceSize')
                  : undefined
              }
              data-testid="objection-file"
            />
            {progress !== null && file && (
              <Progress
                value={Math.round(progress * 100)}
                size="sm"
                animated
                aria-label={t('tppObjections.progress')}
              />
            )}
            {filing.isError && <ErrorState error={filing.error} compact />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={filing.isPending}>
                {t('tppObjections.cancel')}
              </Button>
              <Button
                type="submit"
                leftSection={<IconSend size={16} />}
                loading={filing.isPending}
                data-testid="objection-submit"
              >
                {t('tppObjections.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
