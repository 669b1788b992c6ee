import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Modal,
  Pagination,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDeviceFloppy,
  IconDownload,
  IconEraser,
  IconFileUpload,
  IconLock,
  IconSearch,
  IconX,
} from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import {
  importIssues,
  importRosterCsv,
  ROSTER_DAY_OFF,
  rosterExportUrl,
  useClearRoster,
  useRosterMonth,
  useSaveRoster,
  type RosterFilters,
  type RosterMonth,
} from '../../api/rosters.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip, zoneLabel } from '../../lib/format.ts';
import { FileDrop } from '../ImportPage/components/FileDrop.tsx';
import { useMonthLabel } from '../RekapPage/recap-ui.tsx';

/** The select value of a cell: '' = regular schedule (no line), LIBUR = day off, else a shift code. */
type CellValue = string;
const REGULAR = '';
const PAGE_SIZE = 25;

const cellKey = (employeeId: string, date: string) => `${employeeId}|${date}`;
const toCell = (v: string | null | undefined): CellValue =>
  v === undefined ? REGULAR : v === null ? ROSTER_DAY_OFF : v;

function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
function shiftMonth(month: string, by: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + by;
  const date = new Date(Date.UTC(y, m, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}
/** Rosters are planned ahead: three months ahead down to a year back. */
const monthChoices = (now: string) => Array.from({ length: 16 }, (_, i) => shiftMonth(now, 3 - i));

/** Background of a cell by its value (shift colours cycle; a day off is grey). */
const PALETTE = ['blue', 'orange', 'indigo', 'grape', 'cyan', 'lime'];
function cellBackground(value: CellValue, codes: string[]): string | undefined {
  if (value === REGULAR) return undefined;
  if (value === ROSTER_DAY_OFF) return 'var(--mantine-color-gray-2)';
  const i = codes.indexOf(value);
  return `var(--mantine-color-${PALETTE[(i < 0 ? 0 : i) % PALETTE.length]}-1)`;
}

const stickyCol: CSSProperties = {
  position: 'sticky',
  left: 0,
  zIndex: 2,
  background: 'var(--mantine-color-body)',
  // Narrow on phones so the days stay in view while the grid scrolls sideways.
  minWidth: 'min(180px, 36vw)',
  maxWidth: 'min(240px, 40vw)',
  boxShadow: '1px 0 0 var(--mantine-color-default-border)',
};
const stickyHead: CSSProperties = {
  position: 'sticky',
  top: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
};

function RosterGrid({
  data,
  edits,
  onEdit,
  disabled,
}: {
  data: RosterMonth;
  edits: Map<string, CellValue>;
  onEdit: (employeeId: string, date: string, value: CellValue) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const codes = data.shifts.map((s) => s.code);
  const weekdays = t('rosters.weekdaysShort').split(',');
  return (
    <Box
      style={{ overflow: 'auto', maxHeight: '70vh', WebkitOverflowScrolling: 'touch' }}
      data-testid="roster-grid"
    >
      <Table
        withTableBorder
        withColumnBorders
        horizontalSpacing={4}
        verticalSpacing={2}
        style={{ borderCollapse: 'separate', borderSpacing: 0, width: 'max-content' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ ...stickyCol, ...stickyHead, zIndex: 3 }}>{t('rosters.employee')}</Table.Th>
            {data.days.map((d) => {
              const off = d.dayType !== null && d.dayType !== 'working';
              return (
                <Table.Th
                  key={d.date}
                  style={{ ...stickyHead, textAlign: 'center', minWidth: 62 }}
                  title={d.holiday ?? formatDate(d.date)}
                  data-day-type={d.dayType ?? undefined}
                >
                  <Text size="xs" fw={700} c={off ? 'red.7' : undefined}>
                    {Number(d.date.slice(8, 10))}
                  </Text>
                  <Text size="10px" c={off ? 'red.7' : 'dimmed'}>
                    {weekdays[d.weekday - 1]}
                  </Text>
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((e) => {
            const extra = Object.values(e.lines).filter(
              (v): v is string => typeof v === 'string' && !codes.includes(v),
            );
            return (
              <Table.Tr key={e.employeeId} data-testid="roster-row">
                <Table.Td style={stickyCol}>
                  <Text size="sm" fw={500} lineClamp={1} title={e.name}>
                    {e.name}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {e.nip ? formatNip(e.nip) : '—'} · {e.unitName}
                  </Text>
                </Table.Td>
                {data.days.map((d) => {
                  const key = cellKey(e.employeeId, d.date);
                  const stored = toCell(e.lines[d.date]);
                  const value = edits.get(key) ?? stored;
                  const changed = edits.has(key) && value !== stored;
                  return (
                    <Table.Td key={d.date} style={{ padding: 2 }}>
                      <select
                        aria-label={t('rosters.cellLabel', { name: e.name, date: formatDate(d.date) })}
                        value={value}
                        disabled={disabled}
                        data-testid={`roster-cell-${e.employeeId}-${d.date}`}
                        data-changed={changed || undefined}
                        onChange={(ev) => onEdit(e.employeeId, d.date, ev.currentTarget.value)}
                        style={{
                          width: 58,
                          fontSize: 12,
                          padding: '3px 2px',
                          appearance: 'none',
                          textAlign: 'center',
                          textAlignLast: 'center',
                          cursor: disabled ? 'not-allowed' : 'pointer',
                          borderRadius: 4,
                          border: changed
                            ? '2px solid var(--mantine-color-yellow-6)'
                            : '1px solid var(--mantine-color-default-border)',
                          background: cellBackground(value, codes) ?? 'var(--mantine-color-body)',
                          color: 'var(--mantine-color-text)',
                        }}
                      >
                        <option value={REGULAR}>{t('rosters.regularShort')}</option>
                        {[...codes, ...new Set(extra)].map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                        <option value={ROSTER_DAY_OFF}>{t('rosters.dayOffShort')}</option>
                      </select>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Box>
  );
}

function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const issues = importIssues(error);

  const close = () => {
    setFile(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const r = await importRosterCsv(file, setProgress);
      notifications.show({
        color: 'teal',
        message: t('rosters.imported', { rows: r.rows, changed: r.changed }),
      });
      close();
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={t('rosters.importTitle')} size="lg">
      <Stack gap="sm">
        <Text size="sm">{t('rosters.importHint')}</Text>
        <Box
          component="pre"
          p="xs"
          style={{ background: 'var(--mantine-color-gray-1)', borderRadius: 4, fontSize: 12, margin: 0 }}
        >
          {'nip,tanggal,shift\n199001012020121001,01/02/2026,PAGI\n199001012020121001,2026-02-02,LIBUR'}
        </Box>
        <FileDrop
          file={file}
          onFile={(f) => {
            setFile(f);
            setError(null);
          }}
          disabled={progress !== null}
          accept=".csv,.txt,text/csv"
          hint={t('rosters.fileHint')}
        />
        {progress !== null && <Progress value={progress * 100} animated />}
        {issues && issues.length > 0 ? (
          <Alert
            color="red"
            variant="light"
            title={t('rosters.importRefused')}
            data-testid="roster-import-errors"
          >
            <Table.ScrollContainer minWidth={360}>
              <Table verticalSpacing={2}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>{t('rosters.line')}</Table.Th>
                    <Table.Th w={90}>{t('rosters.column')}</Table.Th>
                    <Table.Th>{t('rosters.problem')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {issues.map((i, n) => (
                    <Table.Tr key={`${i.line}-${n}`}>
                      <Table.Td>{i.line}</Table.Td>
                      <Table.Td>{i.field ?? '—'}</Table.Td>
                      <Table.Td>{i.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Alert>
        ) : (
          error != null && <ErrorState error={error} compact />
        )}
        {!online && (
          <Text size="sm" c="dimmed">
            {t('rosters.offlineHint')}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconFileUpload size={16} />}
            onClick={() => void submit()}
            disabled={!file || !online}
            loading={progress !== null}
            data-testid="roster-import-submit"
          >
            {t('rosters.importSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * /presensi/jadwal-shift: admin OPD / BKD plan the shift roster of a unit for a month — a grid of employees ×
 * days where each cell is a shift, a day off or the regular schedule; changed cells are saved in one request;
 * CSV import (all rows or none, with a per-row error report) and export.
 */
export function JadwalShiftPage() {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const online = useOnline();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const defaultUnit = me.data?.user.roles.find((r) => r.role === 'ADMIN_OPD' && r.unitId)?.unitId ?? null;
  const unitId = params.get('unit') ?? defaultUnit;
  const month = /^\d{4}-\d{2}$/.test(params.get('bulan') ?? '') ? params.get('bulan')! : thisMonth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [edits, setEdits] = useState<Map<string, CellValue>>(new Map());
  const [importOpen, setImportOpen] = useState(false);
  const [clearOpen, setClearOpen] = useState(false);

  const filters: RosterFilters | null = unitId
    ? { unitId, month, q: q || undefined, page, pageSize: PAGE_SIZE }
    : null;
  const roster = useRosterMonth(filters);
  const save = useSaveRoster();
  const clear = useClearRoster();
  const data = roster.data;

  // The stored value of each cell seen so far (edits are compared with it; pages keep their edits).
  const [stored, setStored] = useState<Map<string, CellValue>>(new Map());
  useEffect(() => {
    if (!data) return;
    setStored((prev) => {
      const next = new Map(prev);
      for (const e of data.items)
        for (const d of data.days) next.set(cellKey(e.employeeId, d.date), toCell(e.lines[d.date]));
      return next;
    });
  }, [data]);
  const changes = useMemo(
    () => [...edits].filter(([k, v]) => stored.has(k) && stored.get(k) !== v),
    [edits, stored],
  );
  const dirty = changes.length > 0;

  // Leaving the page with unsaved cells asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const setFilter = (key: 'unit' | 'bulan', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setPage(1);
    setEdits(new Map());
    setStored(new Map());
  };

  const onEdit = (employeeId: string, date: string, value: CellValue) =>
    setEdits((prev) => new Map(prev).set(cellKey(employeeId, date), value));

  const submit = () => {
    const lines: { employeeId: string; date: string; shiftCode: string | null }[] = [];
    const cleared: { employeeId: string; date: string }[] = [];
    for (const [key, value] of changes) {
      const [employeeId, date] = key.split('|') as [string, string];
      if (value === REGULAR) cleared.push({ employeeId, date });
      else lines.push({ employeeId, date, shiftCode: value === ROSTER_DAY_OFF ? null : value });
    }
    save.mutate(
      { lines, clear: cleared },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('rosters.saved', { count: r.changed }) });
          setEdits(new Map());
        },
      },
    );
  };

  const clearPage = () => {
    if (!data) return;
    clear.mutate(
      {
        employeeIds: data.items.map((e) => e.employeeId),
        from: data.days[0]!.date,
        to: data.days.at(-1)!.date,
      },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('rosters.cleared', { count: r.changed }) });
          setEdits(new Map());
          setClearOpen(false);
        },
      },
    );
  };

  const locked = !data || data.closed || save.isPending;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <>
      <PageHeader
        title={t('rosters.title')}
        subtitle={t('rosters.subtitle')}
        actions={
          <>
            <Button
              variant="light"
              leftSection={<IconFileUpload size={16} />}
              onClick={() => setImportOpen(true)}
              disabled={!online}
              data-testid="roster-import"
            >
              {t('rosters.import')}
            </Button>
            <Button
              variant="light"
              component="a"
              href={filters ? rosterExportUrl(filters) : undefined}
              download
              leftSection={<IconDownload size={16} />}
              disabled={!filters}
              data-testid="roster-export"
            >
              {t('rosters.export')}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <Card withBorder radius="md" padding="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <UnitSelect
              label={t('rosters.unit')}
              placeholder={t('rosters.unitPlaceholder')}
              value={unitId}
              onChange={(v) => setFilter('unit', v)}
              clearable={false}
              disabled={dirty}
              data-testid="roster-unit"
            />
            <Select
              label={t('rosters.month')}
              data={monthChoices(thisMonth()).map((m) => ({ value: m, label: monthLabel(m) }))}
              value={month}
              onChange={(v) => v && setFilter('bulan', v)}
              allowDeselect={false}
              disabled={dirty}
              data-testid="roster-month"
            />
            <TextInput
              label={t('rosters.search')}
              placeholder={t('rosters.searchPlaceholder')}
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              data-testid="roster-search"
            />
          </SimpleGrid>
          {dirty && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('rosters.saveFirst')}
            </Text>
          )}
        </Card>

        {!filters ? (
          <EmptyState title={t('rosters.pickUnitTitle')} description={t('rosters.pickUnit')} />
        ) : roster.isPending ? (
          <LoadingState />
        ) : roster.isError && !data ? (
          <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />
        ) : data ? (
          <Card withBorder radius="md" padding="sm">
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Group gap={6} wrap="wrap" data-testid="roster-legend">
                  <Text size="sm" fw={600}>
                    {data.unitName} · {monthLabel(data.month)} · {zoneLabel(data.timeZone)}
                  </Text>
                  {data.shifts.map((s) => (
                    <Badge key={s.code} variant="light" color="gray" radius="sm" tt="none">
                      {s.code} {s.start}–{s.end}
                      {s.overnight ? ` ${t('rosters.nextDay')}` : ''}
                    </Badge>
                  ))}
                  <Badge variant="light" color="gray" radius="sm" tt="none">
                    {t('rosters.dayOffShort')} = {t('rosters.dayOff')}
                  </Badge>
                  <Badge variant="light" color="gray" radius="sm" tt="none">
                    {t('rosters.regularShort')} = {t('rosters.regular')}
                  </Badge>
                </Group>
                <Group gap="xs">
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<IconEraser size={14} />}
                    onClick={() => setClearOpen(true)}
                    disabled={locked || dirty || data.items.length === 0 || !online}
                    data-testid="roster-clear"
                  >
                    {t('rosters.clearPage')}
                  </Button>
                  <Button
                    variant="default"
                    size="xs"
                    leftSection={<IconX size={14} />}
                    onClick={() => setEdits(new Map())}
                    disabled={!dirty || save.isPending}
                  >
                    {t('rosters.discard')}
                  </Button>
                  <Button
                    size="xs"
                    leftSection={<IconDeviceFloppy size={14} />}
                    onClick={submit}
                    disabled={!dirty || !online || locked}
                    loading={save.isPending}
                    data-testid="roster-save"
                  >
                    {t('rosters.save', { count: changes.length })}
                  </Button>
                </Group>
              </Group>
              {data.closed && (
                <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="roster-closed">
                  {t('rosters.closed', { month: monthLabel(data.month) })}
                </Alert>
              )}
              {dirty && !online && (
                <Alert color="yellow" variant="light">
                  {t('rosters.offlineHint')}
                </Alert>
              )}
              {save.error != null && <ErrorState error={save.error} compact />}
              {roster.isError && (
                <ErrorState error={roster.error} onRetry={() => void roster.refetch()} compact />
              )}
              {data.items.length === 0 ? (
                <EmptyState
                  title={t('rosters.emptyTitle')}
                  description={q ? t('rosters.emptySearch') : t('rosters.empty')}
                />
              ) : (
                <RosterGrid data={data} edits={edits} onEdit={onEdit} disabled={locked} />
              )}
              <Group justify="space-between" wrap="wrap">
                <Text size="xs" c="dimmed">
                  {t('rosters.total', { count: data.total })}
                  {roster.isFetching ? ` · ${t('common.loading')}` : ''}
                </Text>
                {pages > 1 && <Pagination value={page} onChange={setPage} total={pages} size="sm" />}
              </Group>
            </Stack>
          </Card>
        ) : null}
      </Stack>

      <ImportModal opened={importOpen} onClose={() => setImportOpen(false)} />
      <Modal opened={clearOpen} onClose={() => setClearOpen(false)} title={t('rosters.clearTitle')}>
        <Stack gap="sm">
          <Text size="sm">
            {t('rosters.clearBody', { count: data?.items.length ?? 0, month: monthLabel(month) })}
          </Text>
          {clear.error != null && <ErrorState error={clear.error} compact />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setClearOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={clearPage}
              loading={clear.isPending}
              data-testid="roster-clear-confirm"
            >
              {t('rosters.clearConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
