import { Card, Group, Pagination, Stack } from '@mantine/core';
import { IconMessageCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useObjectionInbox } from '../../api/tpp-objections.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ObjectionDecideList } from '../../components/tpp/objections/RunObjectionsCard.tsx';
import { TPP_DATA_VIEWERS } from '../../components/tpp/roles.ts';
import { hasAnyRole } from '../../lib/roles.ts';

const PAGE_SIZE = 20;

/**
 * "Keberatan TPP" (/tpp/keberatan): the objections waiting for the caller's decision (issue 17 point 4) — of their
 * direct staff (superiors, Plt/Plh) and of the units under their tpp.manage (BKD) — oldest first, each with the
 * line, reason and evidence, and "Terima" / "Tolak" with a required note. Readers of the runs also get a link to
 * the employee's line on the run's page.
 */
export function TppKeberatanPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const inbox = useObjectionInbox({ page, pageSize: PAGE_SIZE });
  const runReader = hasAnyRole(me.data, TPP_DATA_VIEWERS);
  const pages = inbox.data ? Math.max(1, Math.ceil(inbox.data.total / inbox.data.pageSize)) : 1;
  return (
    <>
      <PageHeader title={t('tppObjections.title')} subtitle={t('tppObjections.inboxSubtitle')} />
      <Stack gap="md" maw={980} data-testid="tpp-objection-inbox">
        {inbox.isPending && <LoadingState />}
        {inbox.isError && <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />}
        {inbox.data &&
          (inbox.data.items.length === 0 ? (
            <EmptyState
              icon={<IconMessageCheck size={28} />}
              title={t('tppObjections.inboxEmpty')}
              description={t('tppObjections.inboxEmptyHint')}
            />
          ) : (
            <Card withBorder radius="md" padding="sm">
              <ObjectionDecideList
                items={inbox.data.items}
                showEmployee
                linkOf={
                  runReader
                    ? (o) => `/tpp/proses/${o.runId}?pegawai=${encodeURIComponent(o.employee.id)}`
                    : undefined
                }
              />
              {pages > 1 && (
                <Group justify="flex-end" mt="sm">
                  <Pagination total={pages} value={page} onChange={setPage} size="sm" />
                </Group>
              )}
            </Card>
          ))}
      </Stack>
    </>
  );
}
