import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Collapse,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronRight,
  IconCircleCheck,
  IconDownload,
  IconFilter,
  IconLinkOff,
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { auditExportUrl, useAuditLog, useVerifyAudit, type AuditQuery } from '../../api/audit.ts';
import { apiUrl } from '../../api/http.ts';
import { useMe } from '../../api/auth.ts';
import type { AuditEntry } from '../../api/types.ts';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../shared/api/audit-labels.ts';
import type { Column } from '../../components/DataTable.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AUDIT_VERIFIERS, hasAnyRole } from '../../lib/roles.ts';
import { AuditDiff } from './components/AuditDiff.tsx';

function readFilters(params: URLSearchParams): AuditQuery {
  return {
    q: params.get('q') || undefined,
    entityType: params.get('entityType') || undefined,
    action: params.get('action') || undefined,
    personId: params.get('personId') || undefined,
    unitId: params.get('unitId') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: [10, 25, 50, 100].includes(Number(params.get('pageSize')))
      ? Number(params.get('pageSize'))
      : 50,
  };
}

function VerifyChain() {
  const { t } = useTranslation();
  const verify = useVerifyAudit();
  return (
    <Stack gap="sm">
      <Group>
        <Button
          leftSection={<IconShieldCheck size={16} />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          data-testid="verify-chain"
        >
          {t('audit.verify')}
        </Button>
      </Group>
      {verify.error && <ErrorState error={verify.error} compact />}
      {verify.data &&
        (verify.data.ok ? (
          <Alert
            color="green"
            icon={<IconCircleCheck size={18} />}
            data-testid="verify-result"
            data-ok="true"
          >
            {t('audit.verifyOk', { checked: verify.data.checked.toLocaleString('id-ID') })}
          </Alert>
        ) : (
          <Alert color="red" icon={<IconLinkOff size={18} />} data-testid="verify-result" data-ok="false">
            {t('audit.verifyBad', {
              id: verify.data.firstBadId ?? '?',
              checked: verify.data.checked.toLocaleString('id-ID'),
              reason: verify.data.reason ?? '',
            })}
          </Alert>
        ))}
    </Stack>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const [search, setSearch] = useState(filters.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const audit = useAuditLog(filters);
  const canVerify = hasAnyRole(me.data, AUDIT_VERIFIERS);

  const update = (changes: Record<string, string | null>, resetPage = true) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch || null });
  }, [debouncedSearch]);

  const names = audit.data?.names ?? {};
  // Phones: the filters other than the search fold away, so the entries come first.
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = [
    filters.action,
    filters.entityType,
    filters.personId,
    filters.unitId,
    filters.from,
    filters.to,
  ].filter(Boolean).length;
  const actionLabel = (action: string) => t(`audit.actions.${action}`, { defaultValue: action });
  const entityLabel = (type: string) => t(`audit.entities.${type}`, { defaultValue: type });
  const actionOptions = useMemo(
    () =>
      Object.entries(AUDIT_ACTION_LABELS)
        .flatMap(([prefix, verbs]) => Object.keys(verbs).map((verb) => `${prefix}.${verb}`))
        .map((value) => ({ value, label: actionLabel(value) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [t],
  );
  const entityOptions = useMemo(
    () =>
      Object.keys(AUDIT_ENTITY_LABELS)
        .map((value) => ({ value, label: entityLabel(value) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [t],
  );

  const toggle = (id: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const columns: Column<AuditEntry>[] = [
    {
      key: 'toggle',
      header: '',
      width: 40,
      card: 'hidden',
      render: (e) => (
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={expanded.has(e.id) ? t('audit.hideDiff') : t('audit.showDiff')}
          aria-expanded={expanded.has(e.id)}
          onClick={(ev) => {
            ev.stopPropagation();
            toggle(e.id);
          }}
        >
          {expanded.has(e.id) ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </ActionIcon>
      ),
    },
    {
      key: 'at',
      header: t('audit.time'),
      render: (e) => (
        <Stack gap={2}>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(e.at)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      card: 'title',
      render: (e) => (
        <Badge
          variant="light"
          color="indigo"
          style={{ textTransform: 'none', whiteSpace: 'normal', height: 'auto' }}
          data-action={e.action}
        >
          {actionLabel(e.action)}
        </Badge>
      ),
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      render: (e) => <Text size="sm">{e.actorName ?? t('audit.system')}</Text>,
    },
    {
      key: 'employee',
      header: t('audit.employee'),
      render: (e) => (
        <Stack gap={0}>
          <Text size="sm">{e.subjectEmployeeId ? (names[e.subjectEmployeeId] ?? '—') : '—'}</Text>
          <Text size="xs" c="dimmed">
            {entityLabel(e.entityType)}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'unit',
      header: t('audit.unit'),
      visibleFrom: 'md',
      render: (e) => <Text size="sm">{e.unitName ?? '—'}</Text>,
    },
    {
      key: 'id',
      header: '#',
      visibleFrom: 'lg',
      align: 'right',
      render: (e) => (
        <Text size="xs" c="dimmed">
          {e.id}
        </Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} subtitle={t('audit.subtitle')} />
      <Stack gap="md">
        {canVerify && <VerifyChain />}
        <Paper withBorder p="md">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('common.search')}
              placeholder={t('audit.searchPlaceholder')}
              leftSection={<IconSearch size={14} />}
              value={search}
              type="search"
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
          </SimpleGrid>
          {isPhone && (
            <Button
              variant="subtle"
              size="compact-sm"
              mt="xs"
              leftSection={<IconFilter size={14} />}
              onClick={() => setShowFilters((v) => !v)}
              aria-expanded={showFilters}
            >
              {showFilters ? t('audit.hideFilters') : t('audit.moreFilters', { count: activeFilters })}
            </Button>
          )}
          <Collapse expanded={!isPhone || showFilters}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mt="sm">
              <Select
                label={t('audit.action')}
                placeholder={t('audit.allActions')}
                data={actionOptions}
                value={filters.action ?? null}
                onChange={(action) => update({ action })}
                searchable
                clearable
                data-testid="audit-action"
              />
              <Select
                label={t('audit.entityType')}
                placeholder={t('audit.allEntities')}
                data={entityOptions}
                value={filters.entityType ?? null}
                onChange={(entityType) => update({ entityType })}
                searchable
                clearable
              />
              <EmployeeSelect
                label={t('audit.person')}
                placeholder={t('audit.anyPerson')}
                value={filters.personId ?? null}
                onChange={(personId) => update({ personId })}
              />
              <UnitSelect
                label={t('employees.unit')}
                placeholder={t('employees.allUnits')}
                value={filters.unitId ?? null}
                onChange={(unitId) => update({ unitId })}
              />
              <DateField
                label={t('audit.from')}
                value={filters.from ?? ''}
                onChange={(from) => update({ from: from || null })}
              />
              <DateField
                label={t('audit.to')}
                value={filters.to ?? ''}
                onChange={(to) => update({ to: to || null })}
              />
            </SimpleGrid>
          </Collapse>
          <Group justify="flex-end" mt="sm" gap="xs">
            <Text size="xs" c="dimmed">
              {t('audit.exportHint')}
            </Text>
            <Button
              component="a"
              href={auditExportUrl(filters)}
              download
              variant="light"
              leftSection={<IconDownload size={16} />}
              data-testid="audit-export"
            >
              {t('audit.exportCsv')}
            </Button>
          </Group>
        </Paper>
        {audit.isPending ? (
          <LoadingState />
        ) : audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <DataTable
            testId="audit-table"
            columns={columns}
            rows={audit.data.items}
            rowKey={(e) => String(e.id)}
            onRowClick={(e) => toggle(e.id)}
            renderExpanded={(e) => (expanded.has(e.id) ? <AuditDiff entry={e} names={names} /> : null)}
            phone="cards"
            fetching={audit.isFetching && audit.isPlaceholderData}
            dataFor={audit.isPlaceholderData ? undefined : apiUrl('/audit', { ...filters })}
            emptyDescription={t('audit.empty')}
            minWidth={360}
            pagination={{
              page: audit.data.page,
              pageSize: audit.data.pageSize,
              total: audit.data.total,
              onPageChange: (page) => update({ page: String(page) }, false),
              onPageSizeChange: (pageSize) => update({ pageSize: String(pageSize) }),
            }}
          />
        )}
      </Stack>
    </>
  );
}
