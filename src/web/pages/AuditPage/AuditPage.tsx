import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronRight,
  IconCircleCheck,
  IconLinkOff,
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAuditLog, useVerifyAudit } from '../../api/audit.ts';
import { apiUrl } from '../../api/http.ts';
import { useMe } from '../../api/auth.ts';
import type { AuditEntry, AuditFilters } from '../../api/types.ts';
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

function readFilters(params: URLSearchParams): AuditFilters {
  return {
    q: params.get('q') || undefined,
    entityType: params.get('entityType') || undefined,
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
  const [entityType, setEntityType] = useState(filters.entityType ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 350);
  const [debouncedType] = useDebouncedValue(entityType.trim(), 350);
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
    if (debouncedSearch !== (filters.q ?? '') || debouncedType !== (filters.entityType ?? '')) {
      update({ q: debouncedSearch || null, entityType: debouncedType || null });
    }
  }, [debouncedSearch, debouncedType]);

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
          <Text size="xs" c="dimmed" hiddenFrom="sm">
            {e.actorName ?? t('audit.system')} · {e.action}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      visibleFrom: 'sm',
      render: (e) => <Text size="sm">{e.actorName ?? t('audit.system')}</Text>,
    },
    {
      key: 'action',
      header: t('audit.action'),
      visibleFrom: 'sm',
      render: (e) => (
        <Badge variant="light" color="indigo" style={{ textTransform: 'none' }}>
          {e.action}
        </Badge>
      ),
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      visibleFrom: 'md',
      render: (e) => (
        <Stack gap={0}>
          <Text size="sm">{e.entityType}</Text>
          {e.entityId && (
            <Text size="xs" c="dimmed" ff="monospace" title={e.entityId}>
              {e.entityId.length > 13 ? `${e.entityId.slice(0, 8)}…` : e.entityId}
            </Text>
          )}
        </Stack>
      ),
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
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
            <TextInput
              label={t('common.search')}
              placeholder={t('audit.searchPlaceholder')}
              leftSection={<IconSearch size={14} />}
              value={search}
              type="search"
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
            <TextInput
              label={t('audit.entityType')}
              placeholder="employee, unit, …"
              value={entityType}
              onChange={(e) => setEntityType(e.currentTarget.value)}
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
            renderExpanded={(e) => (expanded.has(e.id) ? <AuditDiff entry={e} /> : null)}
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
