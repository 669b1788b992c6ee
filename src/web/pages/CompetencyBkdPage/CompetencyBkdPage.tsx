import {
  Alert,
  Button,
  Drawer,
  FileInput,
  Group,
  ScrollArea,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  competencyKeys,
  uploadCompetencyImport,
  useAssessments,
  useEmployeeCompetency,
} from '../../api/competency.ts';
import { CompetencyDictionaryView } from '../../components/competency/CompetencyDictionaryView.tsx';
import { CompetencyProfileView, JpmBadge } from '../../components/competency/CompetencyProfileView.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import type { AssessmentItem, CompetencyImportReport } from '../../../shared/api/competency.ts';
import { TrainingCataloguePanel, TrainingNeedsPanel } from './TrainingPanels.tsx';
import { AnalyticsPanel } from './AnalyticsPanel.tsx';
import { TalentPanel } from './TalentPanels.tsx';
import { ChangeProjectPanel } from './ChangeProjectPanel.tsx';

/**
 * Kompetensi (BKD) (/kompetensi/bkd): results in scope with their JPM (each page's people logged as viewed by the
 * server), the row-by-row imports of results, position standards and training records, the dictionary. Issue 19:
 * the training needs per OPD and the catalogue (TrainingPanels.tsx), analytics across OPDs (AnalyticsPanel.tsx), the
 * 9-box, talent pool, candidates and succession (TalentPanels.tsx), change projects (ChangeProjectPanel.tsx).
 */
export function CompetencyBkdPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('results');
  return (
    <>
      <PageHeader title={t('competency.bkd.heading')} subtitle={t('competency.bkd.subtitle')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        {/* Ten tabs: one row that scrolls sideways on a phone rather than a block of wrapped rows. */}
        <ScrollArea type="never" mb="md">
          <Tabs.List style={{ flexWrap: 'nowrap' }}>
            <Tabs.Tab value="results">{t('competency.bkd.tabResults')}</Tabs.Tab>
            <Tabs.Tab value="import-results">{t('competency.bkd.tabImportResults')}</Tabs.Tab>
            <Tabs.Tab value="import-standards">{t('competency.bkd.tabImportStandards')}</Tabs.Tab>
            <Tabs.Tab value="import-records">{t('competency.bkd.tabImportRecords')}</Tabs.Tab>
            <Tabs.Tab value="analytics">{t('competency.analytics.tab')}</Tabs.Tab>
            <Tabs.Tab value="needs">{t('competency.bkd.tabNeeds')}</Tabs.Tab>
            <Tabs.Tab value="catalogue">{t('competency.bkd.tabCatalogue')}</Tabs.Tab>
            <Tabs.Tab value="talent">{t('competency.talent.tab')}</Tabs.Tab>
            <Tabs.Tab value="change-projects">{t('changeProject.bkdTab')}</Tabs.Tab>
            <Tabs.Tab value="dictionary">{t('competency.tabDictionary')}</Tabs.Tab>
          </Tabs.List>
        </ScrollArea>
        <Tabs.Panel value="results">
          <Results />
        </Tabs.Panel>
        <Tabs.Panel value="import-results">
          <ImportPanel kind="assessments" hint={t('competency.bkd.resultsColumns')} />
        </Tabs.Panel>
        <Tabs.Panel value="import-standards">
          <ImportPanel kind="standards" hint={t('competency.bkd.standardsColumns')} />
        </Tabs.Panel>
        <Tabs.Panel value="import-records">
          <ImportPanel kind="training-records" hint={t('competency.bkd.recordsColumns')} />
        </Tabs.Panel>
        <Tabs.Panel value="analytics">
          <AnalyticsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="needs">
          <TrainingNeedsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="catalogue">
          <TrainingCataloguePanel />
        </Tabs.Panel>
        <Tabs.Panel value="talent">
          <TalentPanel />
        </Tabs.Panel>
        <Tabs.Panel value="change-projects">
          <ChangeProjectPanel />
        </Tabs.Panel>
        <Tabs.Panel value="dictionary">
          <CompetencyDictionaryView />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Results() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [open, setOpen] = useState<string | null>(null);
  const list = useAssessments(
    { q: debounced || undefined, unitId: unitId ?? undefined, page, pageSize },
    true,
  );
  const profile = useEmployeeCompetency(open);
  const columns: Column<AssessmentItem>[] = [
    {
      key: 'employee',
      header: t('competency.bkd.employee'),
      card: 'title',
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.employeeName}
          </Text>
          <Text size="xs" c="dimmed">
            {[formatNip(r.nip), r.positionName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('competency.bkd.unit'), render: (r) => r.unitName, visibleFrom: 'md' },
    {
      key: 'date',
      header: t('competency.date'),
      render: (r) => `${formatDate(r.assessedOn)} · ${r.methodLabel}`,
    },
    {
      key: 'sel',
      header: t('competency.jpmSelection'),
      render: (r) => <JpmBadge jpm={r.selection} label="" />,
    },
    { key: 'map', header: t('competency.jpmMapping'), render: (r) => <JpmBadge jpm={r.mapping} label="" /> },
  ];
  return (
    <Stack gap="sm">
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('competency.bkd.search')}
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            setPage(1);
          }}
          maw={320}
        />
        <UnitSelect
          value={unitId}
          onChange={(v) => {
            setUnitId(v);
            setPage(1);
          }}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <DataTable
          columns={columns}
          rows={list.data.items}
          rowKey={(r) => r.id}
          onRowClick={(r) => setOpen(r.employeeId)}
          fetching={list.isFetching}
          emptyTitle={t('competency.bkd.resultsEmpty')}
          testId="competency-results"
          pagination={{
            page,
            pageSize,
            total: list.data.total,
            onPageChange: setPage,
            onPageSizeChange: setPageSize,
          }}
        />
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="lg">
        {profile.isPending ? (
          <LoadingState />
        ) : profile.isError ? (
          <ErrorState error={profile.error} />
        ) : (
          <CompetencyProfileView profile={profile.data} />
        )}
      </Drawer>
    </Stack>
  );
}

/** Upload, the dry-run report line by line, then save all or only the good rows. */
function ImportPanel({
  kind,
  hint,
}: {
  kind: 'standards' | 'assessments' | 'training-records';
  hint: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CompetencyImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (dryRun: boolean, validOnly = false) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await uploadCompetencyImport(kind, file, { dryRun, validOnly }));
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: competencyKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" maw={900}>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      <FileInput
        label={t('competency.bkd.file')}
        accept=".xlsx,.csv"
        value={file}
        onChange={(f) => {
          setFile(f);
          setReport(null);
        }}
        leftSection={<IconUpload size={16} />}
      />
      <Group>
        <Button disabled={!file} loading={busy} onClick={() => void run(true)} variant="light">
          {t('competency.bkd.dryRun')}
        </Button>
        <Button
          disabled={!file || !report || report.errors.length > 0 || report.committed}
          loading={busy}
          onClick={() => void run(false)}
        >
          {t('competency.bkd.commit')}
        </Button>
        {report && !report.committed && report.errors.length > 0 && report.written > 0 && (
          <Button color="orange" loading={busy} onClick={() => void run(false, true)}>
            {t('competency.bkd.commitValid')}
          </Button>
        )}
      </Group>
      {error !== null && <ErrorState error={error} />}
      {report && (
        <Stack gap="xs" data-testid="competency-import-report">
          <Alert color={report.errors.length > 0 && !report.committed ? 'red' : 'teal'} variant="light">
            {report.committed
              ? t('competency.bkd.committed', { written: report.written })
              : t('competency.bkd.summary', {
                  total: report.totalRows,
                  valid: report.validRows,
                  errors: report.errors.length,
                })}
          </Alert>
          {report.errors.length > 0 && (
            <Table withTableBorder fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('competency.bkd.line')}</Table.Th>
                  <Table.Th>{t('competency.bkd.column')}</Table.Th>
                  <Table.Th>{t('competency.bkd.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.column ?? '—'}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Stack>
  );
}
