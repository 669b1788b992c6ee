import { Button, Group, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { tppImportErrors, type TppImportRowError } from '../../api/tpp.ts';
import { ErrorState } from '../ErrorState.tsx';
import { ImportErrors, UploadProgress } from './ImportErrors.tsx';

/** What every checked import answers: how many rows are right, each bad row, whether it was stored. */
interface ImportReport {
  validRows: number;
  totalRows: number;
  errors: TppImportRowError[];
  committed: boolean;
}

/**
 * The state of an import that is checked first (dry run: every bad row with its line) and stored only when every
 * row is right: `send(true)` checks, `send(false)` stores; `onCommitted` runs after a stored import.
 */
export function useCheckedImport<R extends ImportReport>(
  upload: (dryRun: boolean, onProgress: (p: number) => void) => Promise<R>,
  onCommitted: (report: R) => Promise<void> | void,
) {
  const [report, setReport] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const reset = () => {
    setReport(null);
    setError(null);
  };
  const send = async (dryRun: boolean) => {
    setError(null);
    setProgress(0);
    try {
      const r = await upload(dryRun, setProgress);
      setReport(r);
      if (r.committed) await onCommitted(r);
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return {
    report,
    error,
    progress,
    send,
    reset,
    canCommit: !!report && report.errors.length === 0 && !report.committed,
  };
}

export type CheckedImportState<R extends ImportReport> = ReturnType<typeof useCheckedImport<R>>;

/**
 * The import's progress, refusal (a whole-file error, or every bad row by line) and check report: the headline
 * (`title`), what the caller adds (`children`), the bad rows; then the check and store buttons.
 */
export function CheckedImportStatus<R extends ImportReport>({
  state,
  testId,
  title,
  canCheck,
  checkLabel,
  commitLabel,
  checkTestId,
  commitTestId,
  children,
}: {
  state: CheckedImportState<R>;
  testId: string;
  title: (report: R) => string;
  canCheck: boolean;
  checkLabel: string;
  commitLabel: string;
  checkTestId?: string;
  commitTestId?: string;
  children?: (report: R) => ReactNode;
}) {
  const { report, error, progress } = state;
  const rowErrors = tppImportErrors(error);
  return (
    <>
      <UploadProgress value={progress} />
      {rowErrors ? (
        <>
          <ErrorState error={error} compact hideIssues />
          <ImportErrors errors={rowErrors} />
        </>
      ) : (
        !!error && <ErrorState error={error} compact />
      )}
      {report && (
        <Stack gap="xs" data-testid={testId} data-valid={report.validRows} data-total={report.totalRows}>
          <Text size="sm" fw={600} c={report.errors.length ? 'red.8' : 'teal.8'}>
            {title(report)}
          </Text>
          {children?.(report)}
          <ImportErrors errors={report.errors} />
        </Stack>
      )}
      <Group justify="flex-end" gap="xs">
        <Button
          variant="default"
          onClick={() => void state.send(true)}
          disabled={!canCheck}
          loading={progress !== null}
          data-testid={checkTestId}
        >
          {checkLabel}
        </Button>
        <Button
          onClick={() => void state.send(false)}
          disabled={!state.canCommit}
          loading={progress !== null}
          data-testid={commitTestId}
        >
          {commitLabel}
        </Button>
      </Group>
    </>
  );
}
