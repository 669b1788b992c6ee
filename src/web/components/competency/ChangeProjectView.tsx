import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeProject } from '../../../shared/api/competency-change-projects.ts';
import {
  changeProjectEvidenceUrl,
  changeProjectKeys,
  changeProjectReportUrl,
  uploadGoalRating,
} from '../../api/competency-change-projects.ts';
import { formatDate, formatNip } from '../../lib/format.ts';
import { TextAreaField } from '../TextAreaField.tsx';
import { useDescribeError } from '../error-text.ts';

const STATUS_COLOR: Record<ChangeProject['status'], string> = {
  DRAFT: 'gray',
  REGISTERED: 'blue',
  UNDER_EVALUATION: 'orange',
  EVALUATED: 'teal',
};
const VERDICT_COLOR = { DELIVERED: 'teal', PARTLY: 'yellow', NOT_DELIVERED: 'red' } as const;
const number = (n: number | null) => (n === null ? '—' : n.toLocaleString('id-ID'));

/** The status of a change project as a badge. */
export function ChangeProjectStatusBadge({ status }: { status: ChangeProject['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="change-project-status">
      {t(`changeProject.status.${status}`)}
    </Badge>
  );
}

/** The verdict of a judged project as a badge (or nothing). */
export function ChangeProjectVerdictBadge({ verdict }: { verdict: ChangeProject['verdict'] }) {
  const { t } = useTranslation();
  if (!verdict) return null;
  return (
    <Badge color={VERDICT_COLOR[verdict]} variant="filled" data-testid="change-project-verdict">
      {t(`changeProject.verdict.${verdict}`)}
    </Badge>
  );
}

/**
 * One change project (issue 19 point 5): its goals with their averages, milestones, impact, assessors, the ratings
 * the caller may see with their evidence, the result and the PDF report; for an assessor, the rating form of every
 * goal they have not rated yet (or why rating is not open yet).
 */
export function ChangeProjectView({ project: p }: { project: ChangeProject }) {
  const { t } = useTranslation();
  const mine = p.ratings.filter((r) => r.assessorId === p.myAssessorId);
  return (
    <Stack gap="sm" data-testid="change-project">
      <Stack gap={2}>
        <Title order={4}>{p.title}</Title>
        <Text size="sm" c="dimmed">
          {p.employeeName}
          {p.nip ? ` · ${formatNip(p.nip)}` : ''} · {p.unitName}
        </Text>
        <Group gap="xs">
          <ChangeProjectStatusBadge status={p.status} />
          <Badge variant="outline">{p.program}</Badge>
          <Text size="sm">{t('changeProject.evaluationOn', { date: formatDate(p.evaluationDate) })}</Text>
        </Group>
      </Stack>
      {p.verdict && (
        <Alert color={VERDICT_COLOR[p.verdict]} variant="light" title={t('changeProject.result')}>
          <Group gap="xs">
            <ChangeProjectVerdictBadge verdict={p.verdict} />
            <Text size="sm" data-testid="change-project-score">
              {t('changeProject.resultLine', {
                verdict: t(`changeProject.verdict.${p.verdict}`),
                score: number(p.score),
                max: p.scale.max,
              })}
            </Text>
          </Group>
        </Alert>
      )}
      <Text size="sm" fw={600}>
        {t('changeProject.problem')}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {p.problem}
      </Text>
      <Table.ScrollContainer minWidth={480}>
        <Table withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('changeProject.goal')}</Table.Th>
              <Table.Th>{t('changeProject.indicator')}</Table.Th>
              <Table.Th>{t('changeProject.target')}</Table.Th>
              <Table.Th ta="right">{t('changeProject.average')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.goals.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>{g.goal}</Table.Td>
                <Table.Td>{g.indicator}</Table.Td>
                <Table.Td>{g.target}</Table.Td>
                <Table.Td ta="right">{number(g.average)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600}>
        {t('changeProject.milestones')}
      </Text>
      <Stack gap={2}>
        {p.milestones.map((m, i) => (
          <Text size="sm" key={i}>
            {formatDate(m.dueDate)} — {m.title}
          </Text>
        ))}
      </Stack>
      <Text size="sm">
        <b>{t('changeProject.impactInstitution')}:</b> {p.impactInstitution}
      </Text>
      <Text size="sm">
        <b>{t('changeProject.impactPublic')}:</b> {p.impactPublic}
      </Text>
      <Text size="sm" fw={600}>
        {t('changeProject.assessors')}
      </Text>
      {p.assessorList.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('changeProject.noAssessors')}
        </Text>
      ) : (
        <Stack gap={2}>
          {p.assessorList.map((a) => (
            <Text size="sm" key={a.id}>
              {a.name} ({a.kind === 'INTERNAL' ? t('changeProject.internal') : t('changeProject.external')},{' '}
              {a.institution}) — {t('changeProject.ratedGoals', { rated: a.rated, goals: p.goals.length })}
            </Text>
          ))}
        </Stack>
      )}
      {p.ratings.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table withTableBorder fz="sm" data-testid="change-project-ratings">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('changeProject.assessors')}</Table.Th>
                <Table.Th>{t('changeProject.goal')}</Table.Th>
                <Table.Th ta="right">{t('changeProject.score')}</Table.Th>
                <Table.Th>{t('changeProject.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.ratings.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.assessorName}</Table.Td>
                  <Table.Td>{p.goals.find((g) => g.id === r.goalId)?.goal ?? r.goalId}</Table.Td>
                  <Table.Td ta="right">{r.score}</Table.Td>
                  <Table.Td>
                    {r.note}{' '}
                    {r.hasEvidence && (
                      <Anchor href={changeProjectEvidenceUrl(r.id)} target="_blank" size="sm">
                        {t('changeProject.evidence')}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {p.viewer !== 'ASSESSOR' && (
        <Group>
          <Button
            component="a"
            href={changeProjectReportUrl(p.id)}
            variant="default"
            leftSection={<IconDownload size={16} />}
            data-testid="change-project-report"
          >
            {t('changeProject.report')}
          </Button>
        </Group>
      )}
      {p.myAssessorId &&
        p.status !== 'EVALUATED' &&
        (p.ratingBlocked ? (
          <Alert color="yellow" variant="light" data-testid="change-project-blocked">
            {p.ratingBlocked}
          </Alert>
        ) : (
          <Stack gap="sm">
            {p.goals.map((g) => {
              const done = mine.find((r) => r.goalId === g.id);
              return done ? (
                <Text size="sm" key={g.id} c="dimmed">
                  {g.goal}: {t('changeProject.rated', { score: done.score })}
                </Text>
              ) : (
                <GoalRatingForm key={g.id} project={p} goal={g} />
              );
            })}
          </Stack>
        ))}
    </Stack>
  );
}

/** One goal's rating: a score on the rulebook's scale, the evidence note and an optional PDF or photo. */
function GoalRatingForm({
  project: p,
  goal,
}: {
  project: ChangeProject;
  goal: ChangeProject['goals'][number];
}) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const queryClient = useQueryClient();
  const [score, setScore] = useState<string>('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scores = Array.from({ length: p.scale.max - p.scale.min + 1 }, (_, i) => String(p.scale.min + i));
  async function submit() {
    if (!score) return setError(t('changeProject.scoreRequired'));
    if (note.trim().length < 3) return setError(t('changeProject.noteRequired'));
    setBusy(true);
    setError(null);
    try {
      await uploadGoalRating(p.id, goal.id, { score: Number(score), note: note.trim(), evidence: file });
      await queryClient.invalidateQueries({ queryKey: changeProjectKeys.all });
    } catch (err) {
      setError(describe(err).title);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card withBorder data-testid={`rate-${goal.id}`}>
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {goal.goal}
        </Text>
        <Text size="xs" c="dimmed">
          {goal.indicator} · {t('changeProject.target')}: {goal.target}
        </Text>
        <SegmentedControl
          data={scores.map((s) => ({
            value: s,
            label: s,
          }))}
          value={score}
          onChange={setScore}
          aria-label={t('changeProject.score')}
          fullWidth
        />
        {score && (
          <Text size="xs" c="dimmed">
            {p.scale.labels.find((l) => String(l.score) === score)?.label}
          </Text>
        )}
        <TextAreaField label={t('changeProject.note')} value={note} onChange={setNote} required />
        <FileInput
          label={t('changeProject.evidenceFile')}
          description={t('changeProject.evidenceHint')}
          accept="application/pdf,image/jpeg,image/png,image/webp"
          value={file}
          onChange={setFile}
          leftSection={<IconUpload size={16} />}
          clearable
        />
        {error && (
          <Alert color="red" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={busy}>
            {t('changeProject.rate')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
