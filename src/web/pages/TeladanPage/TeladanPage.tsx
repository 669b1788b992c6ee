import { Button, Card, Group, Select, Stack, Tabs } from '@mantine/core';
import { IconAward, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useTeladanPeriods } from '../../api/teladan.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TeladanAwardsCard } from '../../components/teladan/TeladanAwardsCard.tsx';
import { hasAnyRole } from '../../lib/roles.ts';
import { PeriodFormModal } from './PeriodFormModal.tsx';
import { PeriodPanel } from './PeriodPanel.tsx';

/** Roles that define periods (teladan.manage; the server checks the scope). */
const MANAGERS = ['BKD', 'SUPER_ADMIN'] as const;

/**
 * ASN teladan (/teladan, issue 18 point 4): the award periods — criteria, committee, nominations, the ranking with
 * every criterion's figure, the committee's decisions and publication — and the caller's own awards
 * (?tab=penghargaan, where the award notification leads).
 */
export function TeladanPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'penghargaan' ? 'penghargaan' : 'periode';
  const periods = useTeladanPeriods({ page: 1, pageSize: 50 });
  const [chosen, setChosen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const manager = hasAnyRole(me.data, [...MANAGERS]);
  const periodId = chosen ?? periods.data?.items[0]?.id ?? null;
  return (
    <>
      <PageHeader
        title={t('teladan.title')}
        subtitle={t('teladan.subtitle')}
        actions={
          manager ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('teladan.newPeriod')}
            </Button>
          ) : undefined
        }
      />
      <Tabs value={tab} onChange={(v) => setParams(v === 'penghargaan' ? { tab: 'penghargaan' } : {})}>
        <Tabs.List mb="md">
          <Tabs.Tab value="periode">{t('teladan.tabPeriods')}</Tabs.Tab>
          <Tabs.Tab value="penghargaan" leftSection={<IconAward size={16} />}>
            {t('teladan.tabMine')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="periode">
          <Stack gap="md">
            {periods.isPending ? (
              <LoadingState />
            ) : periods.isError ? (
              <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
            ) : periods.data.items.length === 0 ? (
              <Card withBorder>
                <EmptyState title={t('teladan.noPeriods')} description={t('teladan.noPeriodsHint')} />
              </Card>
            ) : (
              <>
                <Group>
                  <Select
                    label={t('teladan.period')}
                    data={periods.data.items.map((p) => ({
                      value: p.id,
                      label: `${p.name} · ${t(`teladan.status.${p.status}`)}`,
                    }))}
                    value={periodId}
                    onChange={setChosen}
                    allowDeselect={false}
                    w={{ base: '100%', sm: 420 }}
                  />
                </Group>
                {periodId && <PeriodPanel periodId={periodId} />}
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="penghargaan">
          <TeladanAwardsCard employeeId={null} />
        </Tabs.Panel>
      </Tabs>
      <PeriodFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setChosen(id);
        }}
      />
    </>
  );
}
