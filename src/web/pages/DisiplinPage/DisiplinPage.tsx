import { Badge, Card, Chip, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useDisciplineInbox, useDisciplineRecord, type InboxItem } from '../../api/discipline.ts';
import { InboxRow, MineRow, RowList } from '../../components/discipline/InboxList.tsx';
import { DISCIPLINE_INBOX_VIEWERS } from '../../components/discipline/roles.ts';
import { RecordView } from '../../components/discipline/SanctionCards.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { hasAnyRole } from '../../lib/roles.ts';

type Filter = 'all' | 'overdue' | InboxItem['type'];
const FILTERS: Filter[] = ['all', 'overdue', 'case', 'indication', 'salary_stop', 'appeal'];

/** What waits for me: counts, filters by kind and overdue, the rows (overdue first, as the server sorts them). */
function InboxPanel() {
  const { t } = useTranslation();
  const inbox = useDisciplineInbox();
  const [filter, setFilter] = useState<Filter>('all');
  if (inbox.isPending) return <LoadingState />;
  if (inbox.isError) return <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const d = inbox.data;
  const items = d.items.filter((i) =>
    filter === 'all' ? true : filter === 'overdue' ? i.overdue : i.type === filter,
  );
  const present = new Set(d.items.map((i) => i.type));
  return (
    <Stack gap="sm" data-testid="discipline-inbox">
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" maw={560}>
        <Card withBorder padding="xs" radius="md" data-testid="inbox-count">
          <Text size="xs" c="dimmed">
            {t('disiplin.inbox.waiting')}
          </Text>
          <Text fw={750} fz="xl" data-testid="value">
            {d.count}
          </Text>
        </Card>
        <Card
          withBorder
          padding="xs"
          radius="md"
          data-testid="inbox-overdue"
          style={d.overdue > 0 ? { borderColor: 'var(--mantine-color-red-4)' } : undefined}
        >
          <Text size="xs" c="dimmed">
            {t('disiplin.inbox.overdue')}
          </Text>
          <Text fw={750} fz="xl" c={d.overdue > 0 ? 'red.7' : undefined} data-testid="value">
            {d.overdue}
          </Text>
        </Card>
      </SimpleGrid>
      {d.items.length > 0 && (
        <Chip.Group multiple={false} value={filter} onChange={(v) => setFilter(v as Filter)}>
          <Group gap={6} wrap="wrap" aria-label={t('disiplin.inbox.filter')}>
            {FILTERS.filter((f) => f === 'all' || f === 'overdue' || present.has(f)).map((f) => (
              <Chip key={f} value={f} size="xs" variant="light">
                {f === 'all'
                  ? t('disiplin.inbox.all')
                  : f === 'overdue'
                    ? t('disiplin.inbox.overdueOnly')
                    : t(`disiplin.inbox.types.${f}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {items.length === 0 ? (
        <Card withBorder radius="md">
          <EmptyState title={t('disiplin.inbox.empty')} description={t('disiplin.inbox.emptyHint')} />
        </Card>
      ) : (
        <RowList testId="inbox-list" label={t('disiplin.inbox.title')}>
          {items.map((i) => (
            <InboxRow key={`${i.type}-${i.id}`} item={i} />
          ))}
        </RowList>
      )}
    </Stack>
  );
}

/** My own cases and salary stops (their state, what I must do) and my riwayat hukuman disiplin. */
function MinePanel({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const inbox = useDisciplineInbox();
  const record = useDisciplineRecord(employeeId);
  return (
    <Stack gap="lg" data-testid="discipline-mine">
      <Stack gap="xs">
        <Title order={4}>{t('disiplin.mine.cases')}</Title>
        {inbox.isPending ? (
          <LoadingState minHeight={120} />
        ) : inbox.isError ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : inbox.data.mine.length === 0 ? (
          <Card withBorder radius="md">
            <EmptyState title={t('disiplin.mine.none')} description={t('disiplin.mine.noneHint')} />
          </Card>
        ) : (
          <RowList testId="mine-list" label={t('disiplin.mine.cases')}>
            {inbox.data.mine.map((m) => (
              <MineRow key={`${m.type}-${m.id}`} item={m} />
            ))}
          </RowList>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={4}>{t('disiplin.record.title')}</Title>
        {record.isPending ? (
          <LoadingState minHeight={120} />
        ) : record.isError ? (
          <ErrorState error={record.error} onRetry={() => void record.refetch()} />
        ) : (
          <RecordView record={record.data} />
        )}
      </Stack>
    </Stack>
  );
}

/**
 * Disiplin (/disiplin, /disiplin/kotak-masuk): for every user the inbox of what waits on them (cases whose next
 * step they hold, indications to open or dismiss, salary stops, appeals; due dates, overdue first), and for an
 * employee their own cases and riwayat hukuman disiplin. Tabs by role; the address keeps the tab.
 */
export function DisiplinPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const employeeId = me.data?.user.employeeId ?? null;
  const inboxViewer = hasAnyRole(me.data, DISCIPLINE_INBOX_VIEWERS);
  const inbox = useDisciplineInbox();
  const showInbox = inboxViewer || (inbox.data?.items.length ?? 0) > 0 || !employeeId;
  const wanted = location.pathname.startsWith('/disiplin/kotak-masuk') ? 'kotak-masuk' : 'saya';
  const tab = !employeeId ? 'kotak-masuk' : wanted === 'kotak-masuk' && !showInbox ? 'saya' : wanted;
  const count = inbox.data?.count ?? 0;
  return (
    <>
      <PageHeader title={t('disiplin.home.title')} subtitle={t('disiplin.home.subtitle')} />
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(v === 'saya' ? '/disiplin' : '/disiplin/kotak-masuk')}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {showInbox && (
            <Tabs.Tab
              value="kotak-masuk"
              data-testid="tab-inbox"
              rightSection={
                count > 0 ? (
                  <Badge size="xs" color="red" circle={count < 10}>
                    {count}
                  </Badge>
                ) : null
              }
            >
              {t('disiplin.inbox.title')}
            </Tabs.Tab>
          )}
          {employeeId && (
            <Tabs.Tab value="saya" data-testid="tab-mine">
              {t('disiplin.mine.title')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        {showInbox && (
          <Tabs.Panel value="kotak-masuk">
            <InboxPanel />
          </Tabs.Panel>
        )}
        {employeeId && (
          <Tabs.Panel value="saya">
            <MinePanel employeeId={employeeId} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
