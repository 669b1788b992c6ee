import { Badge, Button, Card, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeProject } from '../../../shared/api/competency-change-projects.ts';
import {
  useAssignedChangeProjects,
  useChangeProject,
  useMyChangeProjects,
} from '../../api/competency-change-projects.ts';
import { formatDate, formatNip } from '../../lib/format.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';
import { ChangeProjectForm } from './ChangeProjectForm.tsx';
import {
  ChangeProjectStatusBadge,
  ChangeProjectVerdictBadge,
  ChangeProjectView,
} from './ChangeProjectView.tsx';

/**
 * "Proyek perubahan" on /kompetensi (issue 19 points 5 and 7): my change projects (register, edit until rated,
 * status, evaluation date, results and the report) and, for an assessor, the projects to rate.
 */
export function ChangeProjectSection() {
  const { t } = useTranslation();
  const mine = useMyChangeProjects();
  const [form, setForm] = useState<{ project?: ChangeProject } | null>(null);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('changeProject.intro')}
      </Text>
      {mine.isPending ? (
        <LoadingState />
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <Stack gap="sm" data-testid="my-change-projects">
          {mine.data.trainings.length > 0 && (
            <Group>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({})}>
                {t('changeProject.register')}
              </Button>
            </Group>
          )}
          {mine.data.items.length === 0 ? (
            <EmptyState title={t('changeProject.empty')} description={t('changeProject.emptyHint')} />
          ) : (
            mine.data.items.map((p) => (
              <Card withBorder key={p.id}>
                <ChangeProjectView project={p} />
                {p.canEdit && (
                  <Group mt="sm">
                    <Button variant="light" onClick={() => setForm({ project: p })}>
                      {t('changeProject.edit')}
                    </Button>
                  </Group>
                )}
              </Card>
            ))
          )}
          {form && (
            <ChangeProjectForm
              opened
              onClose={() => setForm(null)}
              trainings={mine.data.trainings}
              {...(form.project ? { project: form.project } : {})}
            />
          )}
        </Stack>
      )}
      <AssessorList />
    </Stack>
  );
}

/** "Penilaian proyek perubahan": the projects assigned to the caller, each opened with its rating forms. */
function AssessorList() {
  const { t } = useTranslation();
  const q = useAssignedChangeProjects();
  const [open, setOpen] = useState<string | null>(null);
  const detail = useChangeProject(open);
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="assessor-change-projects">
      <Title order={4}>{t('changeProject.assessTitle')}</Title>
      {q.data.items.map((p) => (
        <Card withBorder key={p.id}>
          <Group justify="space-between" wrap="wrap">
            <Stack gap={2}>
              <Text fw={600} size="sm">
                {p.title}
              </Text>
              <Text size="xs" c="dimmed">
                {p.employeeName}
                {p.nip ? ` · ${formatNip(p.nip)}` : ''} · {p.unitName}
              </Text>
              <Group gap="xs">
                <ChangeProjectStatusBadge status={p.status} />
                <ChangeProjectVerdictBadge verdict={p.verdict} />
                <Text size="xs">
                  {t('changeProject.evaluationOn', { date: formatDate(p.evaluationDate) })}
                </Text>
                {p.awaiting && (
                  <Badge color="red" variant="light">
                    {t('changeProject.awaiting')}
                  </Badge>
                )}
              </Group>
            </Stack>
            <Button size="xs" variant="light" onClick={() => setOpen(p.id)}>
              {t('changeProject.open')}
            </Button>
          </Group>
        </Card>
      ))}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={t('changeProject.assessTitle')}
      >
        {detail.isPending ? (
          <LoadingState />
        ) : detail.isError ? (
          <ErrorState error={detail.error} />
        ) : (
          <ChangeProjectView project={detail.data} />
        )}
      </Drawer>
    </Stack>
  );
}
