import { Badge, Button, Drawer, Stack, Tabs, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useCompetencyStaff, useEmployeeCompetency, useMyCompetency } from '../../api/competency.ts';
import { useNineBox } from '../../api/competency-talent.ts';
import { ChangeProjectSection } from '../../components/competency/ChangeProjectSection.tsx';
import { CompetencyDictionaryView } from '../../components/competency/CompetencyDictionaryView.tsx';
import { CompetencyProfileView, JpmBadge } from '../../components/competency/CompetencyProfileView.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import type { StaffList } from '../../../shared/api/competency.ts';

type StaffRow = StaffList['items'][number];

/**
 * Kompetensi saya (/kompetensi): my competencies, my change projects (and those I assess), my staff's (for a
 * superior) and the dictionary. Issue 19.
 */
export function CompetencyPage() {
  const { t } = useTranslation();
  const me = useMe();
  const isAtasan = hasAnyRole(me.data, ['ATASAN']);
  const [tab, setTab] = useState<string | null>('mine');
  return (
    <>
      <PageHeader title={t('competency.title')} subtitle={t('competency.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="mine">{t('competency.tabMine')}</Tabs.Tab>
          <Tabs.Tab value="change-projects">{t('changeProject.heading')}</Tabs.Tab>
          {isAtasan && <Tabs.Tab value="staff">{t('competency.tabStaff')}</Tabs.Tab>}
          <Tabs.Tab value="dictionary">{t('competency.tabDictionary')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="mine">
          <Mine />
        </Tabs.Panel>
        <Tabs.Panel value="change-projects">
          <ChangeProjectSection />
        </Tabs.Panel>
        {isAtasan && (
          <Tabs.Panel value="staff">
            <Staff />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="dictionary">
          <CompetencyDictionaryView />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Mine() {
  const q = useMyCompetency(null);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return <CompetencyProfileView profile={q.data} />;
}

function Staff() {
  const { t } = useTranslation();
  const q = useCompetencyStaff(true);
  // The staff's place on the 9-box (issue 19 point 6): the talent endpoint without a unit = the caller's staff.
  const boxes = useNineBox(null, null);
  const boxOf = new Map((boxes.data?.people ?? []).map((p) => [p.employeeId, p]));
  const [open, setOpen] = useState<string | null>(null);
  const profile = useEmployeeCompetency(open);
  const columns: Column<StaffRow>[] = [
    {
      key: 'name',
      header: t('competency.staffName'),
      card: 'title',
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.name}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNip(r.nip)}
          </Text>
        </Stack>
      ),
    },
    { key: 'date', header: t('competency.date'), render: (r) => formatDate(r.latestOn) },
    {
      key: 'jpm',
      header: t('competency.jpmMapping'),
      render: (r) => (r.latestOn ? <JpmBadge jpm={r.mapping} label="" /> : '—'),
    },
    { key: 'gaps', header: t('competency.staffGaps'), render: (r) => (r.latestOn ? r.gaps : '—') },
    {
      key: 'box',
      header: t('competency.talent.staffBox'),
      render: (r) => {
        const p = boxOf.get(r.employeeId);
        if (!p) return '—';
        return p.placed ? (
          <Tooltip label={p.reasons.join(' · ')} multiline w={280} withinPortal>
            <Badge variant="light" color={p.isTalentPool ? 'teal' : 'gray'}>
              {t('competency.talent.box', { box: p.box })}
            </Badge>
          </Tooltip>
        ) : (
          <Tooltip label={p.reasons.join(' · ')} multiline w={280} withinPortal>
            <Text size="xs" c="dimmed">
              {t('competency.talent.notPlacedShort')}
            </Text>
          </Tooltip>
        );
      },
    },
    {
      key: 'open',
      header: '',
      render: (r) => (
        <Button size="xs" variant="light" onClick={() => setOpen(r.employeeId)}>
          {t('competency.open')}
        </Button>
      ),
    },
  ];
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <DataTable
        columns={columns}
        rows={q.data.items}
        rowKey={(r) => r.employeeId}
        emptyTitle={t('competency.staffEmpty')}
        testId="competency-staff"
      />
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={t('competency.tabStaff')}
      >
        {profile.isPending ? (
          <LoadingState />
        ) : profile.isError ? (
          <ErrorState error={profile.error} />
        ) : (
          <CompetencyProfileView profile={profile.data} />
        )}
      </Drawer>
    </>
  );
}
