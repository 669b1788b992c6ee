import { Badge, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useEvaluationInbox } from '../../api/kinerja-evaluations.ts';
import { useReportInboxCount, useReportOptions } from '../../api/kinerja-reports.ts';
import { useSkpInboxCount } from '../../api/kinerja-skp.ts';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMe } from '../../api/auth.ts';
import { EvaluationInboxPanel } from './EvaluationInboxPanel.tsx';
import { ReportInboxPanel } from './ReportInboxPanel.tsx';
import { SkpInboxPanel } from './SkpInboxPanel.tsx';

const count = (n: number | undefined, color = 'red') =>
  n ? (
    <Badge size="xs" color={color} circle={n < 10}>
      {n}
    </Badge>
  ) : null;

/** Verifikasi (/kinerja/verifikasi): daily reports, SKP approvals and evaluations waiting for the superior. */
export function KinerjaVerifikasiPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'laporan';
  const me = useMe();
  const reports = useReportInboxCount(true);
  const skp = useSkpInboxCount(true);
  const evaluations = useEvaluationInbox();
  const own = useReportOptions(undefined, !!me.data?.user.employeeId);
  const evalCount = evaluations.data
    ? evaluations.data.counts.toFinalise +
      evaluations.data.counts.toApprove +
      evaluations.data.counts.objections
    : 0;
  return (
    <>
      <PageHeader title={t('kinerja.inbox.title')} subtitle={t('kinerja.inbox.subtitle')} />
      <OfflineBanner />
      <Tabs value={tab} onChange={(v) => v && setParams({ tab: v })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="laporan" rightSection={count(reports.data?.total)} data-testid="tab-reports">
            {t('kinerja.inbox.tabReports')}
          </Tabs.Tab>
          <Tabs.Tab value="skp" rightSection={count(skp.data?.count)}>
            {t('kinerja.inbox.tabSkp')}
          </Tabs.Tab>
          <Tabs.Tab value="penilaian" rightSection={count(evalCount)}>
            {t('kinerja.inbox.tabEvaluations')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="laporan">
          <ReportInboxPanel />
        </Tabs.Panel>
        <Tabs.Panel value="skp">
          <SkpInboxPanel ownSkpId={own.data?.skp?.id ?? null} />
        </Tabs.Panel>
        <Tabs.Panel value="penilaian">
          <EvaluationInboxPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
