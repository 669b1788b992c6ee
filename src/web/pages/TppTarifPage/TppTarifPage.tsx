import {
  Badge,
  Button,
  Drawer,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importTariffTable,
  tariffExportUrl,
  tppKeys,
  useTariffTable,
  useTariffTables,
  type TariffImportReport,
  type TariffRow,
  type TariffTableList,
} from '../../api/tpp.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { CheckedImportStatus, useCheckedImport } from '../../components/tpp/CheckedImport.tsx';
import { formatDate, formatDateTime, formatRupiah } from '../../lib/format.ts';

type TableRow = TariffTableList['items'][number];
const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(thisYear + 1 - i));

/** The rows of a table: kelas, criterion, position group or unit, amount. */
function TariffRows({ rows }: { rows: TariffRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480} type="native">
      <Table verticalSpacing={4} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tpp.tariffs.kelas')}</Table.Th>
            <Table.Th>{t('tpp.tariffs.criterion')}</Table.Th>
            <Table.Th>{t('tpp.tariffs.scope')}</Table.Th>
            <Table.Th ta="right">{t('tpp.tariffs.amount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td>{r.kelas}</Table.Td>
              <Table.Td>{r.criterionLabel}</Table.Td>
              <Table.Td>
                {[r.positionGroup, r.unitName].filter(Boolean).join(' · ') || t('tpp.tariffs.general')}
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatRupiah(r.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Upload a table: check it first (every bad row by line), then store it when every row is right. */
function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | string>(thisYear);
  const [perkadaRef, setPerkadaRef] = useState('');
  const [perkadaDate, setPerkadaDate] = useState('');
  const [note, setNote] = useState('');
  const close = () => {
    setFile(null);
    imp.reset();
    onClose();
  };
  const imp = useCheckedImport<TariffImportReport>(
    (dryRun, onProgress) =>
      importTariffTable(
        {
          file: file!,
          year: Number(year),
          perkadaRef: perkadaRef.trim(),
          perkadaDate,
          note: note.trim(),
          dryRun,
        },
        onProgress,
      ),
    async () => {
      notifications.show({ color: 'teal', message: t('tpp.tariffs.committed') });
      await queryClient.invalidateQueries({ queryKey: tppKeys.all });
      close();
    },
  );
  const changed = imp.reset;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('tpp.tariffs.importTitle')}
      size="lg"
      data-testid="tpp-tariff-import"
    >
      <Stack gap="sm">
        <Text size="xs" c="dimmed">
          {t('tpp.tariffs.importHint')}
        </Text>
        <FileInput
          label={t('tpp.tariffs.file')}
          accept=".xlsx,.csv"
          value={file}
          onChange={(f) => {
            setFile(f);
            changed();
          }}
          leftSection={<IconUpload size={16} />}
          required
          clearable
        />
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('tpp.year')}
            value={year}
            onChange={(v) => {
              setYear(v);
              changed();
            }}
            min={2000}
            max={2100}
            allowDecimal={false}
            required
          />
          <DateField
            label={t('tpp.tariffs.perkadaDate')}
            value={perkadaDate}
            onChange={(v) => {
              setPerkadaDate(v);
              changed();
            }}
          />
        </Group>
        <TextInput
          label={t('tpp.tariffs.perkadaRef')}
          value={perkadaRef}
          onChange={(e) => {
            setPerkadaRef(e.currentTarget.value);
            changed();
          }}
          required
        />
        <TextAreaField label={t('tpp.tariffs.note')} value={note} onChange={setNote} />
        <CheckedImportStatus
          state={imp}
          testId="tpp-tariff-report"
          title={(r) => t('tpp.tariffs.report', { valid: r.validRows, total: r.totalRows })}
          canCheck={!!file && !!perkadaRef.trim()}
          checkLabel={t('tpp.tariffs.check')}
          commitLabel={t('tpp.tariffs.commit')}
          checkTestId="tpp-tariff-check"
          commitTestId="tpp-tariff-commit"
        >
          {(r) => (
            <>
              {r.replaces && (
                <Text size="sm">{t('tpp.tariffs.replaces', { ref: r.replaces.perkadaRef })}</Text>
              )}
              {r.rows.length > 0 && (
                <>
                  <Text size="xs" c="dimmed">
                    {t('tpp.tariffs.preview')}
                  </Text>
                  <TariffRows rows={r.rows.slice(0, 50)} />
                </>
              )}
            </>
          )}
        </CheckedImportStatus>
      </Stack>
    </Modal>
  );
}

/** One table in a drawer: its Perkada, rows and the XLSX download. */
function TableDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const q = useTariffTable(id);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={q.data ? t('tpp.tariffs.detail', { year: q.data.year }) : ''}
    >
      {q.isLoading && <LoadingState />}
      {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && (
        <Stack gap="sm" data-testid="tpp-tariff-detail">
          <Text size="sm" fw={600}>
            {q.data.perkadaRef}
            {q.data.perkadaDate ? ` · ${formatDate(q.data.perkadaDate)}` : ''}
          </Text>
          {q.data.note && <Text size="sm">{q.data.note}</Text>}
          <Group>
            <Button
              component="a"
              href={tariffExportUrl(q.data.id)}
              download
              variant="light"
              leftSection={<IconDownload size={16} />}
            >
              {t('tpp.tariffs.export')}
            </Button>
          </Group>
          <TariffRows rows={q.data.rows} />
        </Stack>
      )}
    </Drawer>
  );
}

/**
 * Tarif TPP (/tpp/tarif, BKD): the tariff tables per year with their Perkada (the year's active one and those it
 * replaced), one table's rows and its XLSX, and an upload checked row by row before anything is stored.
 */
export function TppTarifPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [opened, setOpened] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const q = useTariffTables({ year: year ? Number(year) : undefined, page, pageSize: 25 });
  const columns: Column<TableRow>[] = [
    { key: 'year', header: t('tpp.tariffs.cols.year'), card: 'title', render: (r) => <b>{r.year}</b> },
    { key: 'perkada', header: t('tpp.tariffs.cols.perkada'), card: 'wide', render: (r) => r.perkadaRef },
    {
      key: 'status',
      header: t('tpp.tariffs.cols.status'),
      render: (r) => (
        <Badge variant="light" color={r.status === 'AKTIF' ? 'teal' : 'gray'}>
          {r.statusLabel}
        </Badge>
      ),
    },
    {
      key: 'rows',
      header: t('tpp.tariffs.cols.rows'),
      align: 'right',
      render: (r) => t('tpp.tariffs.rowsCount', { n: r.rows.length }),
    },
    {
      key: 'created',
      header: t('tpp.tariffs.cols.created'),
      visibleFrom: 'md',
      render: (r) => `${formatDateTime(r.createdAt)}${r.createdByName ? ` · ${r.createdByName}` : ''}`,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('tpp.tariffs.title')}
        subtitle={t('tpp.tariffs.subtitle')}
        actions={
          <Button
            leftSection={<IconUpload size={16} />}
            onClick={() => setImporting(true)}
            data-testid="tpp-tariff-upload"
          >
            {t('tpp.tariffs.import')}
          </Button>
        }
      />
      <Stack gap="sm">
        <Select
          aria-label={t('tpp.year')}
          placeholder={t('tpp.year')}
          data={YEARS}
          value={year}
          onChange={(v) => {
            setYear(v);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 160 }}
        />
        {q.isLoading && <LoadingState />}
        {q.isError && <ErrorState error={q.error} onRetry={() => void q.refetch()} />}
        {q.data && (
          <DataTable
            testId="tpp-tariff-tables"
            columns={columns}
            rows={q.data.items}
            rowKey={(r) => r.id}
            rowProps={(r) => ({ 'data-table-id': r.id, 'data-status': r.status })}
            onRowClick={(r) => setOpened(r.id)}
            fetching={q.isFetching}
            phone="cards"
            emptyTitle={t('tpp.tariffs.empty')}
            emptyDescription={t('tpp.tariffs.emptyHint')}
            pagination={{
              page: q.data.page,
              pageSize: q.data.pageSize,
              total: q.data.total,
              onPageChange: setPage,
            }}
          />
        )}
      </Stack>
      <TableDrawer id={opened} onClose={() => setOpened(null)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
