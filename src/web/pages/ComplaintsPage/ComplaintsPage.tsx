import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Drawer,
  FileInput,
  Group,
  List,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDownload, IconExternalLink, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintImportResult,
  type ComplaintsItem,
  type ComplaintsListQuery,
} from '../../../shared/api/complaints.ts';
import {
  complaintsExportUrl,
  importComplaints,
  useComplaintInboxCount,
  useComplaintsList,
} from '../../api/complaints.ts';
import { isApiError } from '../../api/http.ts';
import { useQueryClient } from '@tanstack/react-query';
import { ComplaintDetail } from '../../components/complaints/ComplaintDetail.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate } from '../../lib/format.ts';

const STATUS_COLORS = { DITERIMA: 'gray', DITERUSKAN: 'blue', DIJAWAB: 'green', DITOLAK: 'orange' } as const;

/**
 * /pengaduan: the complaints in the caller's scope (issue 18 point 2): counts of what waits, filters (search,
 * unit, status, category, period, overdue), export, the SP4N-LAPOR! import (BKD), and one complaint in a drawer
 * (`?id=`, the notification's link) with the steps the caller may take.
 */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const openId = params.get('id');
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [importing, setImporting] = useState(false);
  const filters: ComplaintsListQuery = {
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(unitId ? { unitId } : {}),
    ...(status ? { status: status as ComplaintsItem['status'] } : {}),
    ...(category ? { category: category as ComplaintsItem['category'] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(overdue ? { overdue: 'true' as const } : {}),
  };
  const list = useComplaintsList({ ...filters, page, pageSize });
  const inbox = useComplaintInboxCount();
  const open = (id: string | null) => setParams(id ? { id } : {});
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const columns: Column<ComplaintsItem>[] = [
    {
      key: 'number',
      header: t('complaints.list.number'),
      render: (r) => r.number,
      card: 'hidden',
      width: 110,
    },
    { key: 'title', header: t('complaints.list.titleCol'), render: (r) => r.title, card: 'title' },
    { key: 'received', header: t('complaints.list.received'), render: (r) => formatDate(r.receivedAt) },
    {
      key: 'category',
      header: t('complaints.list.category'),
      render: (r) => t(`complaints.categories.${r.category}`),
      visibleFrom: 'md',
    },
    { key: 'unit', header: t('complaints.list.unit'), render: (r) => r.handlingUnitName ?? r.unitName },
    {
      key: 'status',
      header: t('complaints.list.status'),
      render: (r) => (
        <Group gap={4}>
          <Badge color={STATUS_COLORS[r.status]} size="sm">
            {t(`complaints.statuses.${r.status}`)}
          </Badge>
          {r.overdue && (
            <Badge color="red" size="sm">
              {t('complaints.list.overdue')}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: 'due', header: t('complaints.list.due'), render: (r) => formatDate(r.dueOn), visibleFrom: 'sm' },
  ];

  return (
    <Stack>
      <PageHeader
        title={t('complaints.title')}
        subtitle={t('complaints.officialsSubtitle')}
        actions={
          <Group gap="xs">
            <Button
              component={Link}
              to="/lapor"
              target="_blank"
              variant="default"
              leftSection={<IconExternalLink size={16} />}
            >
              {t('complaints.list.publicLink')}
            </Button>
            <Menu>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />}>
                  {t('common.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(['xlsx', 'csv'] as const).map((f) => (
                  <Menu.Item key={f} component="a" href={complaintsExportUrl(f, filters)} download>
                    {f.toUpperCase()}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
            <Button
              variant="default"
              leftSection={<IconUpload size={16} />}
              onClick={() => setImporting(true)}
            >
              {t('complaints.list.import')}
            </Button>
          </Group>
        }
      />
      {inbox.data && (inbox.data.toRoute > 0 || inbox.data.toAnswer > 0) && (
        <Group gap="xs">
          {inbox.data.toRoute > 0 && (
            <Badge color="blue">{t('complaints.list.toRoute', { count: inbox.data.toRoute })}</Badge>
          )}
          {inbox.data.toAnswer > 0 && (
            <Badge color="blue">{t('complaints.list.toAnswer', { count: inbox.data.toAnswer })}</Badge>
          )}
          {inbox.data.overdue > 0 && (
            <Badge color="red">{t('complaints.list.overdueCount', { count: inbox.data.overdue })}</Badge>
          )}
        </Group>
      )}
      <Card>
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t('complaints.list.search')}
            value={q}
            onChange={(e) => reset(setQ)(e.currentTarget.value)}
            w={{ base: '100%', sm: 260 }}
          />
          <UnitSelect value={unitId} onChange={reset(setUnitId)} clearable w={240} />
          <Select
            label={t('complaints.list.status')}
            placeholder={t('complaints.list.allStatuses')}
            clearable
            data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.statuses.${s}`) }))}
            value={status}
            onChange={reset(setStatus)}
          />
          <Select
            label={t('complaints.list.category')}
            placeholder={t('complaints.list.allCategories')}
            clearable
            data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
            value={category}
            onChange={reset(setCategory)}
          />
          <DateField label={t('complaints.list.from')} value={from} onChange={reset(setFrom)} w={140} />
          <DateField label={t('complaints.list.to')} value={to} onChange={reset(setTo)} w={140} />
          <Checkbox
            label={t('complaints.list.onlyOverdue')}
            checked={overdue}
            onChange={(e) => reset(setOverdue)(e.currentTarget.checked)}
          />
        </Group>
      </Card>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          columns={columns}
          rows={list.data.items}
          rowKey={(r) => r.id}
          onRowClick={(r) => open(r.id)}
          fetching={list.isFetching}
          phone="cards"
          testId="complaints-table"
          emptyTitle={t('complaints.list.empty')}
          emptyDescription={t('complaints.list.emptyHint')}
          pagination={{
            page,
            pageSize,
            total: list.data.total,
            onPageChange: setPage,
            onPageSizeChange: (s) => {
              setPageSize(s);
              setPage(1);
            },
          }}
        />
      )}
      <Drawer
        opened={!!openId}
        onClose={() => open(null)}
        position="right"
        size="lg"
        title={t('complaints.title')}
      >
        {openId && <ComplaintDetail id={openId} />}
      </Drawer>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </Stack>
  );
}

function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ComplaintImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (mode: 'all' | 'valid') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importComplaints(file, mode));
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors =
    isApiError(error) && Array.isArray(error.details)
      ? (error.details as { line: number; column: string | null; message: string }[])
      : [];
  return (
    <Modal opened={opened} onClose={onClose} title={t('complaints.importDialog.title')} size="lg">
      <Stack>
        <Text size="sm">{t('complaints.importDialog.hint')}</Text>
        <FileInput
          label={t('complaints.importDialog.file')}
          accept=".csv,.xlsx"
          value={file}
          onChange={setFile}
          clearable
        />
        <Group>
          <Button loading={busy} disabled={!file} onClick={() => void run('all')}>
            {t('complaints.importDialog.all')}
          </Button>
          <Button loading={busy} disabled={!file} variant="default" onClick={() => void run('valid')}>
            {t('complaints.importDialog.valid')}
          </Button>
        </Group>
        {result && <Alert color="green">{t('complaints.importDialog.done', result)}</Alert>}
        {error !== null && <ErrorState error={error} compact hideIssues />}
        {rowErrors.length > 0 && (
          <List size="sm">
            {rowErrors.slice(0, 200).map((e, i) => (
              <List.Item key={i}>
                {t('complaints.importDialog.line', { line: e.line })}
                {e.column ? ` (${e.column})` : ''}: {e.message}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Modal>
  );
}
