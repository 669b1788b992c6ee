import { Button, Select, Stack, Tabs } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useHeadedPeriods, usePeriods } from '../../api/election-watch.ts';
import { todayLocal } from '../../components/discipline/parts.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { hasAnyRole, OVERSIGHT_READERS } from '../../lib/roles.ts';
import { DeclarePeriodModal } from './DeclarePeriodModal.tsx';
import { NeutralityPanel } from './NeutralityPanel.tsx';
import { PeriodPanel } from './PeriodPanel.tsx';

/**
 * Pengawasan masa pemilu (issue 18 point 3): BKD declares watch periods; a head of OPD opens the day's absence list of
 * their OPD and confirms they checked it; BKD, the Inspektorat and the leaders follow the lists, the escalations and
 * the report per OPD; BKD records neutrality reports and decides their track. `?periode=&unit=&tanggal=` opens a day
 * (the link of an escalation's notification).
 */
export function ElectionWatchPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const reader = hasAnyRole(me.data, OVERSIGHT_READERS);
  const declarer = hasAnyRole(me.data, ['BKD', 'SUPER_ADMIN']);
  const scoped = usePeriods('', reader);
  const headed = useHeadedPeriods();
  const [picked, setPicked] = useState<string | null>(params.get('periode'));
  const [declaring, setDeclaring] = useState(false);
  const periods = useMemo(() => {
    const all = [...(headed.data?.items ?? []), ...(reader ? (scoped.data?.items ?? []) : [])];
    return [...new Map(all.map((p) => [p.id, p])).values()];
  }, [headed.data, scoped.data, reader]);
  const current = picked ?? periods[0]?.id ?? null;
  const pending = headed.isPending || (reader && scoped.isPending);
  const error = headed.error ?? (reader ? scoped.error : null);

  const periodsTab = pending ? (
    <LoadingState />
  ) : error ? (
    <ErrorState error={error} onRetry={() => void (headed.refetch(), scoped.refetch())} />
  ) : periods.length === 0 ? (
    <EmptyState title={t('electionWatch.periods.none')} description={t('electionWatch.periods.noneHint')} />
  ) : (
    <Stack>
      <Select
        label={t('electionWatch.periods.pick')}
        data={periods.map((p) => ({
          value: p.id,
          label: `${p.name} (${formatDate(p.startsOn)} – ${formatDate(p.endsOn)})`,
        }))}
        value={current}
        onChange={setPicked}
        allowDeselect={false}
        w={{ base: '100%', sm: 480 }}
      />
      {current && (
        <PeriodPanel
          key={current}
          periodId={current}
          today={todayLocal()}
          initialUnitId={current === params.get('periode') ? params.get('unit') : null}
          initialDate={current === params.get('periode') ? params.get('tanggal') : null}
        />
      )}
    </Stack>
  );

  return (
    <Stack>
      <PageHeader
        title={t('electionWatch.title')}
        subtitle={t('electionWatch.subtitle')}
        actions={
          declarer ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDeclaring(true)}>
              {t('electionWatch.periods.declare')}
            </Button>
          ) : undefined
        }
      />
      {reader ? (
        <Tabs defaultValue="periods" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="periods">{t('electionWatch.tabs.periods')}</Tabs.Tab>
            <Tabs.Tab value="neutrality">{t('electionWatch.tabs.neutrality')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="periods">{periodsTab}</Tabs.Panel>
          <Tabs.Panel value="neutrality">
            <NeutralityPanel canWrite={declarer} periodId={current} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        periodsTab
      )}
      <DeclarePeriodModal opened={declaring} onClose={() => setDeclaring(false)} onDeclared={setPicked} />
    </Stack>
  );
}
