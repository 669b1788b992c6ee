import { ActionIcon, Alert, Button, Drawer, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AssessorsPut,
  ChangeProject,
  ChangeProjectSummary,
} from '../../../shared/api/competency-change-projects.ts';
import {
  changeProjectExportUrl,
  useChangeProject,
  useChangeProjectList,
  useCloseChangeProject,
  useSetAssessors,
} from '../../api/competency-change-projects.ts';
import {
  ChangeProjectStatusBadge,
  ChangeProjectVerdictBadge,
  ChangeProjectView,
} from '../../components/competency/ChangeProjectView.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { useDescribeError } from '../../components/error-text.ts';
import { formatDate, formatNip } from '../../lib/format.ts';

/**
 * BKD's change projects (issue 19 point 5): an OPD's projects evaluated in a year and which delivered (exportable),
 * each opened to assign its assessors, see the ratings and close the evaluation.
 */
export function ChangeProjectPanel() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [open, setOpen] = useState<string | null>(null);
  const q = useChangeProjectList(unitId, year);
  const columns: Column<ChangeProjectSummary>[] = [
    {
      key: 'employee',
      header: t('changeProject.participant'),
      card: 'title',
      render: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.employeeName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatNip(r.nip)} · {r.unitName}
          </Text>
        </Stack>
      ),
    },
    { key: 'title', header: t('changeProject.title'), render: (r) => `${r.title} (${r.program})` },
    { key: 'date', header: t('changeProject.evaluationDate'), render: (r) => formatDate(r.evaluationDate) },
    {
      key: 'status',
      header: t('changeProject.statusHeader'),
      render: (r) => <ChangeProjectStatusBadge status={r.status} />,
    },
    {
      key: 'verdict',
      header: t('changeProject.result'),
      render: (r) =>
        r.verdict ? (
          <Group gap={4}>
            <ChangeProjectVerdictBadge verdict={r.verdict} />
            <Text size="xs">{r.score?.toLocaleString('id-ID')}</Text>
          </Group>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Stack gap="sm">
      <Group align="end" wrap="wrap">
        <UnitSelect value={unitId} onChange={setUnitId} />
        <NumberInput
          label={t('changeProject.year')}
          value={year}
          onChange={(v) => setYear(Number(v) || year)}
          min={2000}
          max={2100}
          w={130}
        />
        {unitId && <ExportMenu href={(f) => changeProjectExportUrl(unitId, year, f)} />}
      </Group>
      {!unitId ? (
        <EmptyState title={t('changeProject.bkdPickUnit')} />
      ) : q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Stack gap="xs" data-testid="bkd-change-projects">
          <Text size="sm" data-testid="change-project-totals">
            {t('changeProject.totals', q.data.totals)}
          </Text>
          <DataTable
            columns={columns}
            rows={q.data.items}
            rowKey={(r) => r.id}
            onRowClick={(r) => setOpen(r.id)}
            emptyTitle={t('changeProject.bkdEmpty')}
            testId="change-project-list"
          />
        </Stack>
      )}
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl">
        {open && <ProjectDrawer id={open} />}
      </Drawer>
    </Stack>
  );
}

function ProjectDrawer({ id }: { id: string }) {
  const q = useChangeProject(id);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} />;
  return (
    <Stack gap="md">
      <ChangeProjectView project={q.data} />
      {q.data.canManage && q.data.status !== 'EVALUATED' && <AssessorsEditor project={q.data} />}
      {q.data.canManage && q.data.status === 'UNDER_EVALUATION' && <CloseButton id={id} />}
    </Stack>
  );
}

type Row =
  | { kind: 'INTERNAL'; employeeId: string | null; name: string }
  | { kind: 'EXTERNAL'; name: string; institution: string };

/** The assessors of a project: internal (an employee other than the participant) and external (name, institution). */
function AssessorsEditor({ project: p }: { project: ChangeProject }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const save = useSetAssessors(p.id);
  const [rows, setRows] = useState<Row[]>(
    p.assessorList.map((a) =>
      a.kind === 'INTERNAL'
        ? { kind: 'INTERNAL', employeeId: a.employeeId, name: a.name }
        : { kind: 'EXTERNAL', name: a.name, institution: a.institution },
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, r: Row) => setRows((rs) => rs.map((x, j) => (j === i ? r : x)));
  async function submit() {
    setError(null);
    try {
      await save.mutateAsync({
        assessors: rows.flatMap((r): AssessorsPut['assessors'] =>
          r.kind === 'INTERNAL'
            ? r.employeeId
              ? [{ kind: 'INTERNAL' as const, employeeId: r.employeeId }]
              : []
            : [{ kind: 'EXTERNAL' as const, name: r.name.trim(), institution: r.institution.trim() }],
        ),
      });
    } catch (err) {
      setError(describe(err).title);
    }
  }
  return (
    <Stack gap="xs" data-testid="assessors-editor">
      <Text fw={600}>{t('changeProject.setAssessors')}</Text>
      <Text size="xs" c="dimmed">
        {t('changeProject.assessorsRule')}
      </Text>
      {rows.map((r, i) => (
        <Group key={i} align="end" wrap="wrap" gap="xs" data-testid={`assessor-row-${i}`}>
          {r.kind === 'INTERNAL' ? (
            <div style={{ flex: '1 1 260px' }}>
              <EmployeeSelect
                label={t('changeProject.internalAssessor')}
                value={r.employeeId}
                initialLabel={r.name || null}
                onChange={(v) => set(i, { ...r, employeeId: v })}
                excludeId={p.employeeId}
              />
            </div>
          ) : (
            <>
              <TextInput
                label={t('changeProject.externalName')}
                value={r.name}
                onChange={(e) => set(i, { ...r, name: e.currentTarget.value })}
                style={{ flex: '1 1 200px' }}
              />
              <TextInput
                label={t('changeProject.externalInstitution')}
                value={r.institution}
                onChange={(e) => set(i, { ...r, institution: e.currentTarget.value })}
                style={{ flex: '1 1 200px' }}
              />
            </>
          )}
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('changeProject.remove')}
            onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
            mb={4}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => setRows((rs) => [...rs, { kind: 'INTERNAL', employeeId: null, name: '' }])}
        >
          {t('changeProject.addInternal')}
        </Button>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => setRows((rs) => [...rs, { kind: 'EXTERNAL', name: '', institution: '' }])}
        >
          {t('changeProject.addExternal')}
        </Button>
      </Group>
      {error && (
        <Alert color="red" variant="light">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={() => void submit()} loading={save.isPending}>
          {t('changeProject.saveAssessors')}
        </Button>
      </Group>
    </Stack>
  );
}

function CloseButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const close = useCloseChangeProject(id);
  return (
    <Stack gap="xs">
      {close.isError && (
        <Alert color="red" variant="light">
          {describe(close.error).title}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button color="orange" variant="light" onClick={() => close.mutate()} loading={close.isPending}>
          {t('changeProject.close')}
        </Button>
      </Group>
    </Stack>
  );
}
