import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Chip,
  Group,
  Indicator,
  Loader,
  Menu,
  Pagination,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconArrowUp, IconChevronRight, IconDownload, IconRefresh, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import {
  TODAY_STATUSES,
  todayExportUrl,
  useToday,
  useTodayUnits,
  type TodayItem,
  type TodayStatus,
  type TodaySummary,
  type TodayUnitRow,
} from '../../api/today.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatDate, formatNip, formatTime, zoneLabel } from '../../lib/format.ts';
import { hasAnyRole, RECAP_UNIT_READERS } from '../../lib/roles.ts';

const PAGE_SIZE = 25;

/** Badge colour per status: problems red/orange, at work green, away blue, nothing to judge grey. */
export const STATUS_COLOR: Record<TodayStatus, string> = {
  PRESENT: 'green',
  LATE: 'orange',
  LEAVE: 'blue',
  PERMIT: 'cyan',
  DINAS_LUAR: 'indigo',
  WFH_WFA: 'teal',
  NOT_YET_IN: 'yellow',
  ABSENT: 'red',
  NO_DATA: 'gray',
  OFF: 'gray',
};

function StatusBadge({ status }: { status: TodayStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant="light"
      style={{ flexShrink: 0 }}
      data-testid="today-status"
      data-status={status}
    >
      {t(`today.status.${status}`)}
    </Badge>
  );
}

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The check-in (and check-out) line of a person: times in their zone, place, lateness. */
function PunchLine({ item }: { item: TodayItem }) {
  const { t } = useTranslation();
  const zone = zoneLabel(item.timeZone);
  return (
    <Stack gap={0}>
      {item.checkIn ? (
        <Text size="sm" data-testid="today-check-in" data-at={item.checkIn.at}>
          {t('today.in', { time: `${formatTime(item.checkIn.at, item.timeZone)} ${zone}` })}
          {item.checkIn.place ? ` · ${item.checkIn.place.label}` : ''}
          {item.checkIn.verdict === 'FLAGGED' && (
            <Badge ml={6} size="xs" color="yellow" variant="outline">
              {t('today.flagged')}
            </Badge>
          )}
        </Text>
      ) : (
        item.schedule && (
          <Text size="sm" c="dimmed">
            {t('today.schedule', { start: item.schedule.start, end: item.schedule.end, zone })}
          </Text>
        )
      )}
      {item.checkOut && (
        <Text size="sm">
          {t('today.out', { time: `${formatTime(item.checkOut.at, item.timeZone)} ${zone}` })}
        </Text>
      )}
      {item.lastPunch &&
        item.lastPunch.at !== item.checkIn?.at &&
        item.lastPunch.at !== item.checkOut?.at && (
          <Text size="sm" c="dimmed" data-testid="today-last-punch" data-at={item.lastPunch.at}>
            {t('today.lastPunch', { time: `${formatTime(item.lastPunch.at, item.timeZone)} ${zone}` })}
          </Text>
        )}
      {item.lateMinutes > 0 && (
        <Text size="sm" c="orange.8">
          {t('today.late', { minutes: item.lateMinutes, band: item.lateBand ?? '' })}
        </Text>
      )}
      {item.earlyMinutes > 0 && (
        <Text size="sm" c="orange.8">
          {t('today.early', { minutes: item.earlyMinutes, band: item.earlyBand ?? '' })}
        </Text>
      )}
      {item.reason && (
        <Text size="xs" c="dimmed">
          {item.reason}
        </Text>
      )}
    </Stack>
  );
}

/** One person as a card (phones). */
function PersonCard({ item }: { item: TodayItem }) {
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid="today-row"
      data-employee-id={item.employeeId}
      data-status={item.status}
      data-last-punch={item.lastPunch?.at ?? ''}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} size="sm" truncate>
            {item.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {formatNip(item.nip)} · {item.unitName}
          </Text>
        </Stack>
        <StatusBadge status={item.status} />
      </Group>
      <PunchLine item={item} />
    </Paper>
  );
}

/** The people as a table (wider screens). */
function PeopleTable({ items }: { items: TodayItem[] }) {
  const { t } = useTranslation();
  return (
    <Table striped highlightOnHover data-testid="today-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('today.columns.name')}</Table.Th>
          <Table.Th>{t('today.columns.status')}</Table.Th>
          <Table.Th>{t('today.columns.attendance')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr
            key={i.employeeId}
            data-testid="today-table-row"
            data-employee-id={i.employeeId}
            data-status={i.status}
            data-last-punch={i.lastPunch?.at ?? ''}
          >
            <Table.Td>
              <Text size="sm" fw={500}>
                {i.name}
              </Text>
              <Text size="xs" c="dimmed">
                {formatNip(i.nip)} · {i.unitName}
              </Text>
            </Table.Td>
            <Table.Td>
              <StatusBadge status={i.status} />
            </Table.Td>
            <Table.Td>
              <PunchLine item={i} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Counts per status as filter chips ("all" first), and the compliance share. */
function StatusChips({
  summary,
  value,
  onChange,
}: {
  summary: TodaySummary;
  value: TodayStatus | null;
  onChange: (s: TodayStatus | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Chip.Group
      multiple={false}
      value={value ?? 'ALL'}
      onChange={(v) => onChange(v === 'ALL' ? null : (v as TodayStatus))}
    >
      <Group gap={6} wrap="wrap" data-testid="today-summary">
        <Chip value="ALL" size="sm">
          {t('today.all', { count: summary.total })}
        </Chip>
        {TODAY_STATUSES.filter((s) => summary.counts[s] > 0 || s === value).map((s) => (
          <Chip key={s} value={s} size="sm" color={STATUS_COLOR[s]} data-testid={`today-count-${s}`}>
            {t(`today.status.${s}`)} {summary.counts[s]}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}

/** Sub-units ranked worst compliance first; a row opens that unit. */
function UnitPanel({
  parentId,
  onOpen,
}: {
  parentId: string | null;
  onOpen: (unitId: string | null, own: boolean) => void;
}) {
  const { t } = useTranslation();
  const units = useTodayUnits(parentId, true);
  if (units.isLoading) return <LoadingState minHeight={80} />;
  if (units.isError) return <ErrorState error={units.error} onRetry={() => void units.refetch()} compact />;
  const data = units.data;
  if (!data || data.rows.length === 0) return null;
  return (
    <Card withBorder data-testid="today-units">
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Text fw={600}>{t('today.byUnit')}</Text>
        {parentId && data.parent && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconArrowUp size={14} />}
            onClick={() => onOpen(data.parent!.upId, false)}
            data-testid="today-up"
          >
            {t('today.up')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        {data.rows.map((r: TodayUnitRow) => (
          <UnstyledButton
            key={`${r.unitId}${r.direct ? ':own' : ''}`}
            onClick={() => onOpen(r.unitId, r.direct)}
            data-testid="today-unit-row"
            data-unit-id={r.unitId}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" truncate>
                  {r.direct ? t('today.ownStaff', { unit: r.unitName }) : r.unitName}
                </Text>
                <Progress
                  value={(r.summary.compliance ?? 0) * 100}
                  color={
                    r.summary.compliance === null ? 'gray' : r.summary.compliance < 0.8 ? 'red' : 'green'
                  }
                  size="sm"
                  aria-label={t('today.compliance')}
                />
                <Text size="xs" c="dimmed">
                  {t('today.unitLine', {
                    present: r.summary.counts.PRESENT + r.summary.counts.WFH_WFA,
                    late: r.summary.counts.LATE,
                    out: r.summary.counts.NOT_YET_IN + r.summary.counts.ABSENT,
                    total: r.summary.total,
                  })}
                </Text>
              </Stack>
              <Text size="sm" fw={600} w={44} ta="right">
                {percent(r.summary.compliance)}
              </Text>
              {(r.hasChildren || r.direct) && <IconChevronRight size={16} />}
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Card>
  );
}

/**
 * Kehadiran hari ini: who is in, late, away or absent today, for an atasan their staff, for admin OPD and the
 * head of an OPD their unit and sub-units, for BKD and the Sekda every OPD with drill-down. Updated by polling
 * (the server answers 304 while nothing changed); filter by status, search by name/NIP, export the list.
 */
export function TodayPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unit');
  const own = params.get('sendiri') === '1';
  // From the atasan's team card: only their own staff.
  const staffOnly = params.get('staf') === '1';
  const status = (params.get('status') as TodayStatus | null) ?? null;
  const page = Number(params.get('hal') ?? '1') || 1;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const unitReader = hasAnyRole(me, RECAP_UNIT_READERS);

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes))
          if (v === null || v === '') next.delete(k);
          else next.set(k, v);
        if (!('hal' in changes)) next.delete('hal');
        return next;
      },
      { replace: true },
    );
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) set({ q: q || null });
  }, [q]);

  const filters = {
    ...(unitId ? { unitId } : {}),
    ...(own ? { includeSubunits: 'false' as const } : {}),
    ...(staffOnly && !unitId ? { staff: 'true' as const } : {}),
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
  };
  const today = useToday({ ...filters, page, pageSize: PAGE_SIZE });
  const data = today.data;
  const zone = data?.unit?.timeZone ?? data?.items[0]?.timeZone ?? 'Asia/Jakarta';

  return (
    <Stack gap="md">
      <PageHeader
        title={t('today.title')}
        subtitle={
          data && (
            <Group gap={6} component="span" wrap="wrap">
              <span>{formatDate(data.date)}</span>
              <ZoneBadge timeZone={zone} />
              <Indicator
                color={today.isError ? 'gray' : 'green'}
                processing={!today.isError}
                size={8}
                position="middle-start"
                offset={-4}
              >
                <Text span size="xs" c="dimmed" ml="sm" data-testid="today-updated">
                  {t('today.updated', { time: formatTime(today.dataUpdatedAt || data.generatedAt, zone) })}
                </Text>
              </Indicator>
              {today.isFetching && <Loader size={12} />}
            </Group>
          )
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={() => void today.refetch()}
              data-testid="today-refresh"
            >
              {t('today.refresh')}
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="light" leftSection={<IconDownload size={16} />} data-testid="today-export">
                  {t('today.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={todayExportUrl('xlsx', filters)} download>
                  XLSX
                </Menu.Item>
                <Menu.Item component="a" href={todayExportUrl('csv', filters)} download>
                  CSV
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </>
        }
      />

      <Group gap="sm" wrap="wrap" align="flex-end">
        {unitReader && (
          <Box w={{ base: '100%', sm: 320 }}>
            <UnitSelect
              value={unitId}
              onChange={(v) => set({ unit: v, sendiri: null })}
              placeholder={t('today.wholeScope')}
              data-testid="today-unit"
            />
          </Box>
        )}
        <TextInput
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          placeholder={t('today.search')}
          aria-label={t('today.search')}
          leftSection={<IconSearch size={16} />}
          w={{ base: '100%', sm: 280 }}
          data-testid="today-search"
        />
      </Group>

      {today.isLoading ? (
        <LoadingState />
      ) : today.isError && !data ? (
        <ErrorState error={today.error} onRetry={() => void today.refetch()} />
      ) : data ? (
        <>
          {today.isError && <ErrorState error={today.error} compact />}
          <Group justify="space-between" wrap="wrap" gap="xs">
            <StatusChips summary={data.summary} value={status} onChange={(s) => set({ status: s })} />
            <Text size="sm" c="dimmed" data-testid="today-compliance">
              {t('today.complianceLine', {
                share: percent(data.summary.compliance),
                judged: data.summary.judged,
              })}
            </Text>
          </Group>
          {own && data.unit && (
            <Anchor size="sm" onClick={() => set({ sendiri: null })}>
              {t('today.withSubunits', { unit: data.unit.name })}
            </Anchor>
          )}
          {unitReader && !own && (
            <UnitPanel
              parentId={unitId}
              onOpen={(id, direct) => set({ unit: id, sendiri: direct ? '1' : null })}
            />
          )}
          {data.items.length === 0 ? (
            <EmptyState
              title={data.summary.total === 0 ? t('today.emptyScope') : t('today.emptyFilter')}
              description={data.summary.total === 0 ? t('today.emptyScopeHint') : undefined}
            />
          ) : (
            <>
              <Stack gap="xs" hiddenFrom="sm" data-testid="today-cards">
                {data.items.map((i) => (
                  <PersonCard key={i.employeeId} item={i} />
                ))}
              </Stack>
              <Card withBorder p={0} visibleFrom="sm">
                <PeopleTable items={data.items} />
              </Card>
              {data.total > data.pageSize && (
                <Group justify="center">
                  <Pagination
                    total={Math.ceil(data.total / data.pageSize)}
                    value={page}
                    onChange={(p) => set({ hal: String(p) })}
                    size="sm"
                    siblings={0}
                  />
                </Group>
              )}
            </>
          )}
        </>
      ) : null}
    </Stack>
  );
}
