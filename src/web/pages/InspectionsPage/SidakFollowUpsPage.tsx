import { Anchor, Checkbox, Group, Pagination, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFollowUps } from '../../api/inspections.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FindingCard } from '../../components/inspections/FindingCard.tsx';

/**
 * The follow-up inbox of inspection findings: what the user must act on (the nav badge counts it), or every
 * follow-up in their scope, overdue ones marked; the assignee reports what was done here. Issue 18 point 1.
 */
export function SidakFollowUpsPage() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<'1' | '0'>('1');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const list = useFollowUps({ mine, page, pageSize: 20, ...(overdue ? { overdue: '1' } : {}) });
  return (
    <Stack>
      <PageHeader
        above={
          <Anchor component={Link} to="/sidak" size="sm">
            {t('inspections.detail.back')}
          </Anchor>
        }
        title={t('inspections.followUps')}
        subtitle={t('inspections.followUpsSubtitle')}
      />
      <Group gap="sm">
        <SegmentedControl
          value={mine}
          onChange={(v) => {
            setMine(v as '1' | '0');
            setPage(1);
          }}
          data={[
            { value: '1', label: t('inspections.followUp.mine') },
            { value: '0', label: t('inspections.followUp.all') },
          ]}
        />
        <Checkbox
          label={t('inspections.followUp.onlyOverdue')}
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('inspections.followUp.empty')} />
      ) : (
        <Stack gap="sm">
          {list.data.items.map((f) => (
            <FindingCard key={f.id} f={f} showInspection />
          ))}
          {list.data.total > list.data.pageSize && (
            <Pagination
              total={Math.ceil(list.data.total / list.data.pageSize)}
              value={page}
              onChange={setPage}
            />
          )}
        </Stack>
      )}
    </Stack>
  );
}
