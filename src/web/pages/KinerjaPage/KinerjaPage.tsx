import { Badge, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth.ts';
import { useMyReports, useReportOptions, useReportQueueSending } from '../../api/kinerja-reports.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { useReportQueue, type QueuedReport } from '../../lib/report-queue.ts';
import { MonthView, ReportLine } from './MonthView.tsx';
import { MyEvaluations } from './MyEvaluations.tsx';
import { MySkpPanel } from './MySkpPanel.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportQueueCard } from './ReportQueueCard.tsx';

const TABS = ['hari-ini', 'bulan', 'skp', 'penilaian'] as const;
type Tab = (typeof TABS)[number];

/** Today's reports already on the server (the day of the form). */
function TodayReports({ today }: { today: string }) {
  const { t } = useTranslation();
  const month = useMyReports(today.slice(0, 7));
  const reports = (month.data?.reports ?? []).filter((r) => r.reportDate === today);
  if (!month.data) return null;
  return (
    <Stack gap="xs" data-testid="today-reports">
      <Text fw={600}>{t('kinerja.today.title', { date: formatDate(today) })}</Text>
      {reports.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('kinerja.today.none')}
        </Text>
      ) : (
        reports.map((r) => <ReportLine key={r.id} report={r} />)
      )}
    </Stack>
  );
}

/**
 * Kinerja Saya (/kinerja, /kinerja/lapor): today's report (one tap from Presensi), my month, my SKP, my
 * evaluations. Reports written offline wait on the phone and are sent once when the connection returns.
 */
export function KinerjaPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab: tabParam } = useParams();
  const me = useMe();
  const employeeId = me.data?.user.employeeId ?? null;
  const options = useReportOptions(undefined, !!employeeId);
  const queue = useReportQueue();
  // The queue is sent from every page by the shell (components/kinerja/KinerjaShellWork.tsx); here too, with the
  // refresh after each report stored, even when the shell's chunk could not arrive before the connection dropped.
  useReportQueueSending(employeeId);
  const [editing, setEditing] = useState<QueuedReport | null>(null);
  const tab: Tab = TABS.includes(tabParam as Tab)
    ? (tabParam as Tab)
    : tabParam === 'lapor'
      ? 'hari-ini'
      : 'hari-ini';
  const waiting = queue.items.filter((i) => i.employeeId === employeeId).length;
  const today = options.data?.today ?? new Date().toISOString().slice(0, 10);

  if (!employeeId)
    return (
      <>
        <PageHeader title={t('kinerja.title')} />
        <EmptyState title={t('kinerja.noEmployee')} />
      </>
    );

  return (
    <>
      <PageHeader title={t('kinerja.title')} subtitle={t('kinerja.subtitle')} />
      <OfflineBanner />
      <Tabs
        value={tab}
        onChange={(v) => v && navigate(v === 'hari-ini' ? '/kinerja' : `/kinerja/${v}`)}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab
            value="hari-ini"
            rightSection={
              waiting > 0 ? (
                <Badge size="xs" color="orange">
                  {waiting}
                </Badge>
              ) : null
            }
          >
            {t('kinerja.tabs.today')}
          </Tabs.Tab>
          <Tabs.Tab value="bulan">{t('kinerja.tabs.month')}</Tabs.Tab>
          <Tabs.Tab value="skp">{t('kinerja.tabs.skp')}</Tabs.Tab>
          <Tabs.Tab value="penilaian">{t('kinerja.tabs.evaluations')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="hari-ini">
          <Stack gap="md" maw={720}>
            <ReportQueueCard
              employeeId={employeeId}
              onEdit={setEditing}
              editingId={editing?.clientId ?? null}
            />
            <ReportForm
              key={editing?.clientId ?? 'new'}
              employeeId={employeeId}
              editing={editing}
              onQueued={() => setEditing(null)}
              onCancelEdit={() => setEditing(null)}
            />
            <TodayReports today={today} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="bulan">
          <MonthView initialMonth={today.slice(0, 7)} />
        </Tabs.Panel>
        <Tabs.Panel value="skp">
          <MySkpPanel year={Number(today.slice(0, 4))} />
        </Tabs.Panel>
        <Tabs.Panel value="penilaian">
          <MyEvaluations skpId={options.data?.skp?.id ?? null} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
