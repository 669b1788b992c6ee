import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconFileImport,
  IconRefresh,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importTemplateUrl,
  useImportMaxBytes,
  useCommitImport,
  useImports,
  useUploadImport,
} from '../../api/imports.ts';
import type { ImportJob, ImportKind } from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime, formatFileSize } from '../../lib/format.ts';
import { FileDrop } from './components/FileDrop.tsx';
import { IMPORT_COLUMNS } from './components/import-columns.ts';

type RowError = ImportJob['errors'][number];
const REPORT_PAGE_SIZE = 25;

function RowReport({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const invalid = Math.max(0, job.totalRows - job.validRows);
  const columns: Column<RowError & { key: string }>[] = [
    {
      key: 'line',
      header: t('import.line'),
      width: 80,
      render: (e) => (
        <Text size="sm" ff="monospace">
          {e.line}
        </Text>
      ),
    },
    {
      key: 'column',
      header: t('import.column'),
      width: 160,
      render: (e) =>
        e.column ? (
          <Badge variant="light" color="gray" tt="none">
            {e.column}
          </Badge>
        ) : (
          '—'
        ),
    },
    { key: 'message', header: t('import.message'), render: (e) => <Text size="sm">{e.message}</Text> },
  ];
  const rows = job.errors.map((e, i) => ({ ...e, key: `${e.line}-${e.column ?? ''}-${i}` }));
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Title order={4}>{t('import.rowReport')}</Title>
        <Text c={invalid > 0 ? 'orange.8' : 'teal.8'} fw={600} data-testid="import-summary">
          {t('import.summary', {
            valid: job.validRows.toLocaleString('id-ID'),
            invalid: invalid.toLocaleString('id-ID'),
          })}
        </Text>
      </Group>
      {rows.length === 0 ? (
        <Alert color="teal" icon={<IconCircleCheck size={18} />}>
          {t('import.noErrors')}
        </Alert>
      ) : (
        <DataTable
          testId="import-report"
          columns={columns}
          rows={rows.slice((page - 1) * REPORT_PAGE_SIZE, page * REPORT_PAGE_SIZE)}
          rowKey={(r) => r.key}
          minWidth={480}
          pagination={
            rows.length > REPORT_PAGE_SIZE
              ? { page, pageSize: REPORT_PAGE_SIZE, total: rows.length, onPageChange: setPage }
              : undefined
          }
        />
      )}
    </Stack>
  );
}

function ImportHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const imports = useImports(page);
  const statusColor = { validated: 'blue', committed: 'teal', rejected: 'red' } as const;
  const columns: Column<ImportJob>[] = [
    {
      key: 'createdAt',
      header: t('import.createdAt'),
      render: (j) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(j.createdAt)}
        </Text>
      ),
    },
    { key: 'fileName', header: t('import.fileName'), render: (j) => <Text size="sm">{j.fileName}</Text> },
    {
      key: 'kind',
      header: t('import.kind'),
      visibleFrom: 'sm',
      render: (j) => (j.kind === 'units' ? t('import.kindUnits') : t('import.kindEmployees')),
    },
    {
      key: 'rows',
      header: t('import.rows'),
      visibleFrom: 'sm',
      align: 'right',
      render: (j) => `${j.validRows.toLocaleString('id-ID')} / ${j.totalRows.toLocaleString('id-ID')}`,
    },
    {
      key: 'status',
      header: t('import.statusLabel'),
      render: (j) => (
        <Badge variant="light" color={statusColor[j.status]}>
          {t(`import.status.${j.status}`)}
        </Badge>
      ),
    },
    {
      key: 'result',
      header: '',
      visibleFrom: 'md',
      render: (j) =>
        j.result ? (
          <Text size="xs" c="dimmed">
            +{j.result.inserted} / ~{j.result.updated} / −{j.result.skipped}
          </Text>
        ) : null,
    },
  ];
  return (
    <Stack gap="sm">
      <Title order={4}>{t('import.history')}</Title>
      {imports.isPending ? (
        <LoadingState minHeight={120} />
      ) : imports.isError ? (
        <ErrorState error={imports.error} onRetry={() => void imports.refetch()} />
      ) : (
        <DataTable
          testId="import-history"
          columns={columns}
          rows={imports.data.items}
          rowKey={(j) => j.id}
          fetching={imports.isFetching && imports.isPlaceholderData}
          emptyDescription={t('import.emptyHistory')}
          minWidth={420}
          pagination={{
            page: imports.data.page,
            pageSize: imports.data.pageSize,
            total: imports.data.total,
            onPageChange: setPage,
          }}
        />
      )}
    </Stack>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('employees');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState(0);
  const [job, setJob] = useState<ImportJob | null>(null);
  const upload = useUploadImport(setProgress);
  const commit = useCommitImport();

  const reset = () => {
    setFile(null);
    setFileError(null);
    setJob(null);
    setProgress(0);
    upload.reset();
    commit.reset();
  };

  const maxBytes = useImportMaxBytes();
  const chooseFile = (next: File | null) => {
    setJob(null);
    upload.reset();
    commit.reset();
    setProgress(0);
    setFile(next);
    if (!next) return setFileError(null);
    if (!/\.(csv|xlsx)$/i.test(next.name)) return setFileError(t('import.unsupported'));
    if (next.size > maxBytes)
      return setFileError(
        t('import.fileTooLarge', { size: formatFileSize(next.size), max: formatFileSize(maxBytes) }),
      );
    setFileError(null);
  };

  const handleUpload = () => {
    if (!file) return setFileError(t('import.noFile'));
    if (fileError) return;
    setProgress(0);
    upload.mutate({ kind, file }, { onSuccess: setJob });
  };

  const handleCommit = (mode: 'all' | 'validOnly') => {
    if (!job) return;
    commit.mutate({ id: job.id, mode }, { onSuccess: setJob });
  };

  const uploading = upload.isPending;
  const committed = job?.status === 'committed' && job.result;
  const hasErrors = !!job && job.errors.length > 0;

  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Stack gap="md">
        <Card padding="lg">
          <Stack gap="md">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('import.kind')}
                </Text>
                <SegmentedControl
                  value={kind}
                  onChange={(value) => {
                    setKind(value as ImportKind);
                    setJob(null);
                    upload.reset();
                    commit.reset();
                  }}
                  disabled={uploading || commit.isPending}
                  data={[
                    { value: 'employees', label: t('import.kindEmployees') },
                    { value: 'units', label: t('import.kindUnits') },
                  ]}
                  data-testid="import-kind"
                />
              </Stack>
              <Group gap="xs">
                <Button
                  component="a"
                  href={importTemplateUrl(kind, 'xlsx')}
                  download
                  variant="light"
                  leftSection={<IconDownload size={16} />}
                >
                  {t('import.template')} (.xlsx)
                </Button>
                <Anchor href={importTemplateUrl(kind, 'csv')} download size="sm">
                  {t('import.templateCsv')}
                </Anchor>
              </Group>
            </Group>

            <Accordion variant="contained" radius="md">
              <Accordion.Item value="columns">
                <Accordion.Control>
                  {t('import.columns')} ({IMPORT_COLUMNS[kind].length})
                </Accordion.Control>
                <Accordion.Panel>
                  <Table.ScrollContainer minWidth={420} type="native">
                    <Table verticalSpacing={6} data-testid="import-columns">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th w={40}>#</Table.Th>
                          <Table.Th>{t('import.columnName')}</Table.Th>
                          <Table.Th>{t('import.columnDesc')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {IMPORT_COLUMNS[kind].map((column, i) => (
                          <Table.Tr key={column.name}>
                            <Table.Td c="dimmed">{i + 1}</Table.Td>
                            <Table.Td>
                              <Text ff="monospace" size="sm" fw={column.required ? 600 : 400}>
                                {column.name}
                                {column.required ? ' *' : ''}
                              </Text>
                            </Table.Td>
                            <Table.Td>
                              <Text size="sm">{t(`import.col.${column.name}`)}</Text>
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>

            <FileDrop
              file={file}
              onFile={chooseFile}
              disabled={uploading || commit.isPending}
              error={fileError}
              hint={t('import.fileHint', { max: formatFileSize(maxBytes) })}
            />

            {(uploading || (progress > 0 && !job && !upload.isError)) && (
              <Stack gap={4} data-testid="import-progress">
                <Progress
                  value={Math.round(progress * 100)}
                  animated={progress >= 1}
                  striped={progress >= 1}
                />
                <Text size="sm" c="dimmed">
                  {progress >= 1
                    ? t('import.processing')
                    : t('import.uploading', { pct: Math.round(progress * 100) })}
                </Text>
              </Stack>
            )}
            {upload.error && <ErrorState error={upload.error} compact />}

            <Group justify="flex-end">
              {(job || file) && (
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconRefresh size={16} />}
                  onClick={reset}
                  disabled={uploading}
                >
                  {t('common.reset')}
                </Button>
              )}
              <Button
                leftSection={<IconFileImport size={16} />}
                onClick={handleUpload}
                loading={uploading}
                disabled={!file || !!fileError || !!job}
              >
                {t('import.upload')}
              </Button>
            </Group>
          </Stack>
        </Card>

        {job && (
          <Card padding="lg" data-testid="import-job">
            <Stack gap="md">
              <RowReport job={job} />
              {commit.error && <ErrorState error={commit.error} compact />}
              {committed ? (
                <Alert
                  color="teal"
                  icon={<IconCircleCheck size={18} />}
                  data-testid="import-result"
                  title={t('import.status.committed')}
                >
                  <Stack gap="xs">
                    <Text size="sm">
                      {t('import.result', {
                        inserted: job.result?.inserted ?? 0,
                        updated: job.result?.updated ?? 0,
                        skipped: job.result?.skipped ?? 0,
                        invalid: job.totalRows - job.validRows,
                      })}
                    </Text>
                    <div>
                      <Button size="xs" variant="white" onClick={reset}>
                        {t('import.again')}
                      </Button>
                    </div>
                  </Stack>
                </Alert>
              ) : job.status === 'rejected' ? (
                <Alert color="red" icon={<IconAlertTriangle size={18} />}>
                  {t('import.status.rejected')}
                </Alert>
              ) : (
                <Stack gap={6}>
                  <Group justify="flex-end" gap="sm" wrap="wrap">
                    <Button
                      variant="light"
                      onClick={() => handleCommit('validOnly')}
                      loading={commit.isPending && commit.variables.mode === 'validOnly'}
                      disabled={job.validRows === 0 || commit.isPending}
                    >
                      {t('import.commitValid')}
                    </Button>
                    <Button
                      onClick={() => handleCommit('all')}
                      loading={commit.isPending && commit.variables.mode === 'all'}
                      disabled={hasErrors || commit.isPending}
                    >
                      {t('import.commitAll')}
                    </Button>
                  </Group>
                  {hasErrors && (
                    <Text size="xs" c="dimmed" ta="right">
                      {t('import.commitAllDisabled')}
                    </Text>
                  )}
                </Stack>
              )}
            </Stack>
          </Card>
        )}

        <ImportHistory />
      </Stack>
    </>
  );
}
