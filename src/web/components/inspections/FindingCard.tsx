import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Image,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  findingPhotoUrl,
  useAssignFollowUp,
  useAssignable,
  useCloseFollowUp,
  useOpenFindingCase,
  useReportFollowUp,
} from '../../api/inspections.ts';
import type { Finding } from '../../../shared/api/inspections.ts';
import { formatDate } from '../../lib/format.ts';
import { DateField } from '../DateField.tsx';
import { ErrorState } from '../ErrorState.tsx';

const FOLLOW_UP_COLOR = { NONE: 'gray', OPEN: 'orange', REPORTED: 'blue', CLOSED: 'teal' } as const;

/**
 * One finding of an inspection with its follow-up: who must act and by when (the team assigns), what was done
 * (the assignee reports), closure (the team accepts or sends back), and the discipline case it may open.
 */
export function FindingCard({ f, showInspection = false }: { f: Finding; showInspection?: boolean }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'assign' | 'report' | 'close' | 'case' | null>(null);
  const [assignee, setAssignee] = useState<string | null>(f.followUp.assigneeUserId);
  const [due, setDue] = useState(f.followUp.dueDate ?? '');
  const [text, setText] = useState('');
  const [violation, setViolation] = useState('PASAL_4_F');
  const [level, setLevel] = useState<'ringan' | 'sedang' | 'berat'>('ringan');
  const assignable = useAssignable(mode === 'assign' ? f.unitId : null);
  const assign = useAssignFollowUp();
  const report = useReportFollowUp();
  const close = useCloseFollowUp();
  const openCase = useOpenFindingCase();
  const done = () => {
    setMode(null);
    setText('');
  };
  const error = assign.error ?? report.error ?? close.error ?? openCase.error;

  return (
    <Card withBorder padding="sm" data-testid={`finding-${f.id}`}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            {showInspection && (
              <Anchor component={Link} to={`/sidak/${f.inspectionId}`} size="sm">
                {f.inspectionTitle} · {formatDate(f.inspectionDate)}
              </Anchor>
            )}
            <Text fw={600} size="sm">
              {t(`inspections.categories.${f.category}`)}
              {f.checklistLabel ? `: ${f.checklistLabel}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {f.unitName}
              {f.employeeName ? ` · ${f.employeeName}` : ''}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end">
            <Badge color={FOLLOW_UP_COLOR[f.followUp.status]} size="sm">
              {t(`inspections.followUp.statuses.${f.followUp.status}`)}
            </Badge>
            {f.followUp.overdue && (
              <Badge color="red" size="sm">
                {t('inspections.followUp.overdue')}
              </Badge>
            )}
          </Stack>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {f.note}
        </Text>
        {f.photos.length > 0 && (
          <Group gap={6}>
            {f.photos.map((p) => (
              <Anchor key={p.id} href={findingPhotoUrl(f.inspectionId, f.id, p.id)} target="_blank">
                <Image src={findingPhotoUrl(f.inspectionId, f.id, p.id)} w={72} h={72} radius="sm" alt="" />
              </Anchor>
            ))}
          </Group>
        )}
        {f.followUp.status !== 'NONE' && (
          <Text size="xs">
            {f.followUp.assigneeName ? t('inspections.followUp.by', { name: f.followUp.assigneeName }) : ''}
            {f.followUp.dueDate
              ? ` · ${t('inspections.followUp.dueOn', { date: formatDate(f.followUp.dueDate) })}`
              : ''}
          </Text>
        )}
        {f.followUp.actionTaken && (
          <Text size="sm" c="blue.8">
            {f.followUp.actionTaken}
          </Text>
        )}
        {f.followUp.closeNote && (
          <Text size="xs" c="dimmed">
            {f.followUp.closeNote}
          </Text>
        )}
        {f.disciplineCaseId && (
          <Anchor component={Link} to={`/disiplin/kasus/${f.disciplineCaseId}`} size="sm">
            {t('inspections.finding.case')}
          </Anchor>
        )}
        <Group gap="xs">
          {f.can.assign && f.followUp.status !== 'CLOSED' && f.followUp.status !== 'REPORTED' && (
            <Button size="xs" variant="light" onClick={() => setMode('assign')}>
              {t('inspections.followUp.assign')}
            </Button>
          )}
          {f.can.report && (
            <Button size="xs" onClick={() => setMode('report')}>
              {t('inspections.followUp.report')}
            </Button>
          )}
          {f.can.close && (
            <Button size="xs" variant="light" onClick={() => setMode('close')}>
              {t('inspections.followUp.accept')} / {t('inspections.followUp.reject')}
            </Button>
          )}
          {f.can.openCase && (
            <Button size="xs" variant="subtle" color="red" onClick={() => setMode('case')}>
              {t('inspections.openCase.button')}
            </Button>
          )}
        </Group>
        {mode === 'assign' && (
          <Stack gap="xs">
            <Select
              label={t('inspections.followUp.assignee')}
              data={(assignable.data?.items ?? []).map((a) => ({
                value: a.userId,
                label: `${a.name} (${a.role})`,
              }))}
              value={assignee}
              onChange={setAssignee}
              searchable
              comboboxProps={{ withinPortal: true }}
            />
            <DateField label={t('inspections.followUp.due')} value={due} onChange={setDue} required />
            <Button
              size="xs"
              loading={assign.isPending}
              disabled={!assignee || !due}
              onClick={() =>
                assign.mutate(
                  { findingId: f.id, body: { assigneeUserId: assignee!, dueDate: due } },
                  { onSuccess: done },
                )
              }
            >
              {t('inspections.followUp.save')}
            </Button>
          </Stack>
        )}
        {mode === 'report' && (
          <Stack gap="xs">
            <Textarea
              label={t('inspections.followUp.action')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Button
              size="xs"
              loading={report.isPending}
              onClick={() =>
                report.mutate({ findingId: f.id, body: { actionTaken: text } }, { onSuccess: done })
              }
            >
              {t('inspections.followUp.send')}
            </Button>
          </Stack>
        )}
        {mode === 'close' && (
          <Stack gap="xs">
            <Textarea
              label={t('inspections.followUp.closeNote')}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
            />
            <Group gap="xs">
              {([true, false] as const).map((accept) => (
                <Button
                  key={String(accept)}
                  size="xs"
                  variant={accept ? 'filled' : 'default'}
                  loading={close.isPending}
                  onClick={() =>
                    close.mutate({ findingId: f.id, body: { accept, note: text } }, { onSuccess: done })
                  }
                >
                  {accept ? t('inspections.followUp.accept') : t('inspections.followUp.reject')}
                </Button>
              ))}
            </Group>
          </Stack>
        )}
        {mode === 'case' && (
          <Stack gap="xs">
            <TextInput
              label={t('inspections.openCase.violation')}
              value={violation}
              onChange={(e) => setViolation(e.currentTarget.value.toUpperCase())}
            />
            <Select
              label={t('inspections.openCase.level')}
              data={(['ringan', 'sedang', 'berat'] as const).map((l) => ({
                value: l,
                label: t(`inspections.openCase.levels.${l}`),
              }))}
              value={level}
              onChange={(v) => v && setLevel(v as typeof level)}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              size="xs"
              color="red"
              loading={openCase.isPending}
              onClick={() =>
                openCase.mutate(
                  { findingId: f.id, body: { violationCode: violation, expectedLevel: level } },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'teal', message: t('inspections.openCase.opened') });
                      done();
                    },
                  },
                )
              }
            >
              {t('inspections.openCase.submit')}
            </Button>
          </Stack>
        )}
        {error && mode && <ErrorState error={error} compact />}
      </Stack>
    </Card>
  );
}
