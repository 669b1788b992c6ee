import { Anchor, Button, CloseButton, Group, Menu, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useJob, type Job } from '../api/jobs.ts';
import { describeError } from './error-text.ts';

export interface ExportChoice<F extends string> {
  format: F;
  label: string;
}

/** Save a finished job's file: a same-origin link with `download`, clicked once. */
function saveFile(job: Job) {
  if (!job.downloadUrl) return;
  const a = document.createElement('a');
  a.href = job.downloadUrl;
  a.download = job.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * An export menu for large exports: choosing a format starts a background job on the server, the progress is
 * shown under the button, the file is saved as soon as it is ready and a link stays to save it again. The
 * server renders the file off its event loop, so other users are not held up meanwhile.
 */
export function ExportJobMenu<F extends string>({
  label,
  testId,
  choices,
  start,
  variant = 'light',
}: {
  label: string;
  testId: string;
  choices: ExportChoice<F>[];
  start: (format: F) => Promise<Job>;
  variant?: 'light' | 'default';
}) {
  const { t, i18n } = useTranslation();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const query = useJob(jobId);
  const job = query.data;
  const saved = useRef<string | null>(null);

  useEffect(() => {
    if (job?.state === 'done' && saved.current !== job.id) {
      saved.current = job.id;
      saveFile(job);
    }
  }, [job]);

  async function begin(format: F) {
    setStartError(null);
    setStarting(true);
    try {
      const started = await start(format);
      setJobId(started.id);
    } catch (err) {
      setStartError(err);
      setJobId(null);
    } finally {
      setStarting(false);
    }
  }

  const busy = starting || job?.state === 'queued' || job?.state === 'running';
  const error = startError ?? query.error;
  return (
    <Stack gap={6} align="flex-end">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant={variant}
            leftSection={<IconDownload size={16} />}
            loading={busy}
            data-testid={testId}
          >
            {label}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {choices.map((c) => (
            <Menu.Item
              key={c.format}
              onClick={() => void begin(c.format)}
              data-testid={`${testId}-${c.format}`}
            >
              {c.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {(jobId || error) && (
        <Paper withBorder p="xs" w={300} data-testid={`${testId}-status`} role="status" aria-live="polite">
          <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
            <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
              {error ? (
                <Text size="sm" c="red">
                  {describeError(error, i18n.language).detail ?? describeError(error, i18n.language).title}
                </Text>
              ) : !job || job.state === 'queued' ? (
                <Text size="sm">{t('exports.queued')}</Text>
              ) : job.state === 'running' ? (
                <>
                  <Text size="sm">{t('exports.running', { progress: job.progress })}</Text>
                  <Progress value={job.progress} size="sm" animated aria-label={t('exports.progressLabel')} />
                </>
              ) : job.state === 'done' ? (
                <>
                  <Text size="sm">{t('exports.ready')}</Text>
                  <Anchor
                    href={job.downloadUrl ?? undefined}
                    download={job.fileName}
                    size="sm"
                    truncate="end"
                  >
                    {t('exports.downloadAgain', { name: job.fileName })}
                  </Anchor>
                </>
              ) : job.state === 'expired' ? (
                <Text size="sm">{t('exports.expired')}</Text>
              ) : (
                <Text size="sm" c="red">
                  {t('exports.failed', { message: job.error?.message ?? '' })}
                </Text>
              )}
            </Stack>
            {!busy && (
              <CloseButton
                size="sm"
                aria-label={t('common.close')}
                onClick={() => {
                  setJobId(null);
                  setStartError(null);
                }}
              />
            )}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
