import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KinerjaImportReport } from '../../../shared/api/kinerja-interchange.ts';
import { apiUrl, request } from '../../api/http.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

function upload(file: File, dryRun: boolean): Promise<KinerjaImportReport> {
  const form = new FormData();
  form.append('dryRun', dryRun ? 'true' : 'false');
  form.append('file', file);
  return request<KinerjaImportReport>('POST', '/kinerja/import/skp', { body: form });
}

/** Impor SKP (/kinerja/impor): upload XLSX/CSV, the dry-run report line by line, then commit. */
export function KinerjaImporPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<KinerjaImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await upload(file, dryRun));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('kinerja.import.title')}
        subtitle={t('kinerja.import.subtitle')}
        actions={
          <Button
            component="a"
            href={apiUrl('/kinerja/import/skp/template', { format: 'xlsx' })}
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            {t('kinerja.import.template')}
          </Button>
        }
      />
      <Stack gap="sm" maw={900}>
        <FileInput
          label={t('kinerja.import.file')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            setReport(null);
          }}
          leftSection={<IconUpload size={16} />}
        />
        <Group>
          <Button disabled={!file} loading={busy} onClick={() => void run(true)} variant="light">
            {t('kinerja.import.dryRun')}
          </Button>
          <Button
            disabled={!file || !report || report.errors.length > 0 || report.committed}
            loading={busy}
            onClick={() => void run(false)}
          >
            {t('kinerja.import.commit')}
          </Button>
        </Group>
        {error !== null && <ErrorState error={error} />}
        {report && (
          <Stack gap="xs" data-testid="kinerja-import-report">
            <Alert color={report.errors.length > 0 ? 'red' : 'teal'} variant="light">
              {report.committed
                ? t('kinerja.import.committed', { skp: report.counts.skp, rhk: report.counts.rhk })
                : t('kinerja.import.summary', {
                    total: report.totalRows,
                    valid: report.validRows,
                    errors: report.errors.length,
                  })}
            </Alert>
            {report.errors.length > 0 && (
              <Table withTableBorder fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('kinerja.import.line')}</Table.Th>
                    <Table.Th>{t('kinerja.import.column')}</Table.Th>
                    <Table.Th>{t('kinerja.import.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.errors.map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.line}</Table.Td>
                      <Table.Td>{e.column ?? '—'}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {report.skp.map((s) => (
              <Text key={`${s.nip}-${s.periodStart}`} size="sm">
                {s.nip} {s.name ?? ''} · {s.periodStart}–{s.periodEnd} · RHK {s.rhkCount} · {s.status}
              </Text>
            ))}
          </Stack>
        )}
      </Stack>
    </>
  );
}
