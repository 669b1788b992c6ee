import { ActionIcon, Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeProject, MyChangeProjects } from '../../../shared/api/competency-change-projects.ts';
import { useSaveChangeProject } from '../../api/competency-change-projects.ts';
import { formatDate } from '../../lib/format.ts';
import { DateField } from '../DateField.tsx';
import { TextAreaField } from '../TextAreaField.tsx';
import { useDescribeError } from '../error-text.ts';
import { useFieldErrors } from '../field-errors.ts';

interface GoalRow {
  id?: string;
  goal: string;
  indicator: string;
  target: string;
}
interface MilestoneRow {
  title: string;
  dueDate: string;
}
const FIELDS = [
  'trainingRecordId',
  'title',
  'problem',
  'goals',
  'milestones',
  'impactInstitution',
  'impactPublic',
] as const;
type Field = (typeof FIELDS)[number];

/**
 * Register or edit a change project: the leadership training it belongs to, title, problem, goals (each with its
 * indicator and target) and milestones as rows added and removed, the expected impact; saved as a draft or
 * registered. The server's reasons (a training that is not a leadership one, an empty goal list…) show on the fields.
 */
export function ChangeProjectForm({
  opened,
  onClose,
  trainings,
  project,
}: {
  opened: boolean;
  onClose: () => void;
  trainings: MyChangeProjects['trainings'];
  project?: ChangeProject;
}) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const save = useSaveChangeProject();
  const { errors, setErrors, fromError, clear } = useFieldErrors<Field>();
  const [trainingId, setTrainingId] = useState<string | null>(
    project?.trainingRecord.id ?? trainings[0]?.id ?? null,
  );
  const [title, setTitle] = useState(project?.title ?? '');
  const [problem, setProblem] = useState(project?.problem ?? '');
  const [goals, setGoals] = useState<GoalRow[]>(
    project?.goals.map(({ id, goal, indicator, target }) => ({ id, goal, indicator, target })) ?? [
      { goal: '', indicator: '', target: '' },
    ],
  );
  const [milestones, setMilestones] = useState<MilestoneRow[]>(
    project?.milestones ?? [{ title: '', dueDate: '' }],
  );
  const [impactInstitution, setImpactInstitution] = useState(project?.impactInstitution ?? '');
  const [impactPublic, setImpactPublic] = useState(project?.impactPublic ?? '');
  const [failure, setFailure] = useState<string | null>(null);
  const chosen = trainings.find((x) => x.id === trainingId);

  const setGoal = (i: number, patch: Partial<GoalRow>) =>
    setGoals((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const setMilestone = (i: number, patch: Partial<MilestoneRow>) =>
    setMilestones((ms) => ms.map((m, j) => (j === i ? { ...m, ...patch } : m)));

  async function submit(register: boolean) {
    clear();
    setFailure(null);
    const local: Partial<Record<Field, string>> = {};
    if (!project && !trainingId) local.trainingRecordId = t('changeProject.required');
    if (title.trim().length < 5) local.title = t('changeProject.required');
    if (problem.trim().length < 10) local.problem = t('changeProject.required');
    if (goals.length === 0 || goals.some((g) => !g.goal.trim() || !g.indicator.trim() || !g.target.trim()))
      local.goals = t('changeProject.goalRequired');
    if (milestones.length === 0 || milestones.some((m) => !m.title.trim() || !m.dueDate))
      local.milestones = t('changeProject.milestoneRequired');
    if (impactInstitution.trim().length < 10) local.impactInstitution = t('changeProject.required');
    if (impactPublic.trim().length < 10) local.impactPublic = t('changeProject.required');
    if (Object.keys(local).length > 0) return setErrors(local);
    const body = {
      title: title.trim(),
      problem: problem.trim(),
      goals: goals.map((g) => ({
        ...g,
        goal: g.goal.trim(),
        indicator: g.indicator.trim(),
        target: g.target.trim(),
      })),
      milestones: milestones.map((m) => ({ title: m.title.trim(), dueDate: m.dueDate })),
      impactInstitution: impactInstitution.trim(),
      impactPublic: impactPublic.trim(),
      register,
    };
    try {
      await save.mutateAsync(
        project ? { id: project.id, body } : { body: { ...body, trainingRecordId: trainingId! } },
      );
      onClose();
    } catch (err) {
      const { unmatched } = fromError(err, FIELDS);
      if (unmatched > 0 || (err as { status?: number }).status !== 400) setFailure(describe(err).title);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('changeProject.register')} size="xl" fullScreen={false}>
      <Stack gap="sm" data-testid="change-project-form">
        {project ? (
          <Text size="sm">
            {t('changeProject.training')}: {project.trainingRecord.title} ·{' '}
            {t('changeProject.evaluationOn', { date: formatDate(project.evaluationDate) })}
          </Text>
        ) : (
          <Select
            label={t('changeProject.training')}
            placeholder={t('changeProject.pickTraining')}
            data={trainings.map((x) => ({
              value: x.id,
              label: `${x.title} (${x.program}, ${formatDate(x.endDate)})`,
            }))}
            value={trainingId}
            onChange={setTrainingId}
            error={errors.trainingRecordId}
            description={
              chosen
                ? t('changeProject.evaluationOn', { date: formatDate(chosen.evaluationDate) })
                : undefined
            }
            required
          />
        )}
        <TextInput
          label={t('changeProject.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          required
        />
        <TextAreaField
          label={t('changeProject.problem')}
          value={problem}
          onChange={setProblem}
          error={errors.problem}
          required
        />
        <Text size="sm" fw={600}>
          {t('changeProject.goals')}
        </Text>
        {goals.map((g, i) => (
          <Group key={i} align="end" wrap="wrap" gap="xs" data-testid={`goal-row-${i}`}>
            <TextInput
              label={t('changeProject.goal')}
              value={g.goal}
              onChange={(e) => setGoal(i, { goal: e.currentTarget.value })}
              style={{ flex: '2 1 220px' }}
            />
            <TextInput
              label={t('changeProject.indicator')}
              value={g.indicator}
              onChange={(e) => setGoal(i, { indicator: e.currentTarget.value })}
              style={{ flex: '1 1 160px' }}
            />
            <TextInput
              label={t('changeProject.target')}
              value={g.target}
              onChange={(e) => setGoal(i, { target: e.currentTarget.value })}
              style={{ flex: '1 1 120px' }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('changeProject.remove')}
              onClick={() => setGoals((gs) => gs.filter((_, j) => j !== i))}
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.goals && (
          <Text size="xs" c="red">
            {errors.goals}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setGoals((gs) => [...gs, { goal: '', indicator: '', target: '' }])}
          >
            {t('changeProject.addGoal')}
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          {t('changeProject.milestones')}
        </Text>
        {milestones.map((m, i) => (
          <Group key={i} align="end" wrap="wrap" gap="xs" data-testid={`milestone-row-${i}`}>
            <TextInput
              label={t('changeProject.milestone')}
              value={m.title}
              onChange={(e) => setMilestone(i, { title: e.currentTarget.value })}
              style={{ flex: '2 1 220px' }}
            />
            <DateField
              label={t('changeProject.dueDate')}
              value={m.dueDate}
              onChange={(d) => setMilestone(i, { dueDate: d })}
              w={150}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('changeProject.remove')}
              onClick={() => setMilestones((ms) => ms.filter((_, j) => j !== i))}
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.milestones && (
          <Text size="xs" c="red">
            {errors.milestones}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setMilestones((ms) => [...ms, { title: '', dueDate: '' }])}
          >
            {t('changeProject.addMilestone')}
          </Button>
        </Group>
        <TextAreaField
          label={t('changeProject.impactInstitution')}
          value={impactInstitution}
          onChange={setImpactInstitution}
          error={errors.impactInstitution}
          required
        />
        <TextAreaField
          label={t('changeProject.impactPublic')}
          value={impactPublic}
          onChange={setImpactPublic}
          error={errors.impactPublic}
          required
        />
        {failure && (
          <Alert color="red" variant="light">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {(!project || project.status === 'DRAFT') && (
            <Button variant="light" onClick={() => void submit(false)} loading={save.isPending}>
              {t('changeProject.saveDraft')}
            </Button>
          )}
          <Button onClick={() => void submit(true)} loading={save.isPending}>
            {t('changeProject.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
