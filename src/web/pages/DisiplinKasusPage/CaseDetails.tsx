import { Badge, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/discipline.ts';
import { DeadlineBlock, Field, LevelBadge, OverdueBadge } from '../../components/discipline/parts.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';

/**
 * The parts of a case view as read-only cards: violations, the examination team, the summonses with their limits,
 * the BAP (Q&A, signature or refusal, copy, the team's confidential notes for examiners only) and the report,
 * relief with the Plh, the appeals, and the timeline.
 */

export function ViolationsCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-violations">
      <Stack gap="xs">
        <Title order={5}>{t('disiplin.case.violations')}</Title>
        {view.violations.map((v) => (
          <Stack key={v.id} gap={2}>
            <Group gap={6} wrap="wrap">
              <Badge variant="outline" size="sm" ff="monospace">
                {v.code}
              </Badge>
              {v.level && <LevelBadge level={v.level} size="xs" />}
              <Text size="sm" fw={600}>
                {v.name ?? v.article}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {v.article} · {formatDate(v.occurredOn)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {v.description}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

export function TeamCard({ team }: { team: NonNullable<CaseView['team']> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-team">
      <Stack gap="xs">
        <Title order={5}>{t('disiplin.case.team')}</Title>
        <Text size="xs" c="dimmed">
          {t('disiplin.case.teamSk', { number: team.skNumber ?? '—', date: formatDate(team.skDate) })}
        </Text>
        {team.superiorImplicatedReason && (
          <Text size="xs" c="orange.8">
            {t('disiplin.case.implicated', { reason: team.superiorImplicatedReason })}
          </Text>
        )}
        {team.members.map((m) => (
          <Group key={m.employeeId} justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {m.name}
                {m.isChair ? ` (${t('disiplin.forms.team.chair')})` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {[m.nip ? formatNip(m.nip) : null, m.positionName].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            <Badge variant="light" size="sm" style={{ flexShrink: 0 }}>
              {m.roleLabel}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}

export function SummonsesCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-summonses">
      <Stack gap="sm">
        <Title order={5}>{t('disiplin.case.summonses')}</Title>
        {view.summonses.map((s) => (
          <Stack key={s.seq} gap={4} data-testid="summons" data-seq={s.seq}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={650}>
                {t('disiplin.case.summonsSeq', { seq: s.seq === 1 ? 'I' : 'II' })}
              </Text>
              <Text size="xs" ff="monospace" c="dimmed">
                {s.letterNumber}
              </Text>
              {s.attended === true && (
                <Badge color="teal" variant="light" size="xs">
                  {t('disiplin.case.attended')}
                </Badge>
              )}
              {s.attended === false && (
                <Badge color="red" variant="light" size="xs">
                  {t('disiplin.case.absent')}
                </Badge>
              )}
              {!s.withinLimit && (
                <Badge color="orange" variant="light" size="xs">
                  {t('disiplin.case.outsideLimit')}
                </Badge>
              )}
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
              <Field label={t('disiplin.fields.letterDate')}>{formatDate(s.letterDate)}</Field>
              <Field label={t('disiplin.fields.examDate')}>
                {formatDate(s.examDate)}
                {s.examTime ? ` ${s.examTime}` : ''}
              </Field>
              <Field label={t('disiplin.fields.examPlace')}>{s.examPlace}</Field>
            </SimpleGrid>
            <DeadlineBlock deadline={s.limit} title={t('disiplin.case.limit')} />
            {s.lateReason && <Text size="xs">{t('disiplin.case.lateReason', { reason: s.lateReason })}</Text>}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

export function ExaminationCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const e = view.examination!;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-examination">
      <Stack gap="xs">
        <Title order={5}>{t('disiplin.case.bap')}</Title>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
          <Field label={t('disiplin.fields.examDate')}>{formatDate(e.examDate)}</Field>
          <Field label={t('disiplin.fields.examMode')}>{t(`disiplin.examModes.${e.mode}`)}</Field>
          <Field label={t('disiplin.fields.examPlace')}>{e.place}</Field>
        </SimpleGrid>
        <Stack gap={6}>
          {e.qa.map((row, i) => (
            <Stack key={i} gap={0} data-testid="bap-row">
              <Text size="sm" fw={600}>
                {i + 1}. {row.question}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {row.answer || '—'}
              </Text>
            </Stack>
          ))}
        </Stack>
        {e.examineeStatement && (
          <Field label={t('disiplin.fields.examineeStatement')}>{e.examineeStatement}</Field>
        )}
        <Text size="sm" c={e.signedByExaminee ? undefined : 'orange.8'}>
          {e.signedByExaminee
            ? t('disiplin.case.signed')
            : t('disiplin.case.refused', { note: e.refusalNote ?? '' })}
        </Text>
        <Text size="xs" c="dimmed">
          {e.copyGivenOn
            ? t('disiplin.case.copyGiven', { date: formatDate(e.copyGivenOn) })
            : t('disiplin.case.copyNotGiven')}
        </Text>
        {e.teamNotes && (
          <Card padding="xs" radius="sm" bg="yellow.0" data-testid="team-notes">
            <Group gap={4} mb={2}>
              <IconLock size={12} />
              <Text size="xs" fw={600}>
                {t('disiplin.fields.teamNotes')}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.teamNotes}
            </Text>
          </Card>
        )}
        {e.report && (
          <Stack gap={4} data-testid="case-report">
            <Text size="sm" fw={650}>
              {t('disiplin.case.report')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {e.report.summary}
            </Text>
            <Group gap={6} wrap="wrap">
              <LevelBadge level={e.report.foundLevel} size="xs" />
              {e.report.proposedSanction && (
                <Text size="sm">
                  {t('disiplin.case.proposed', {
                    code: e.report.proposedSanction,
                    name: e.report.proposedSanctionName ?? '',
                  })}
                </Text>
              )}
            </Group>
            {e.report.reportedTo && (
              <Text size="xs">
                {t('disiplin.case.reportedTo', {
                  name: e.report.reportedTo.name ?? t(`disiplin.authorityKinds.${e.report.reportedTo.kind}`),
                  position: e.report.reportedTo.positionName ?? '',
                })}
                {e.report.reportedTo.hierarchical ? ` · ${t('disiplin.case.hierarchical')}` : ''}
              </Text>
            )}
            {e.report.reportedTo && (
              <Text size="xs" c="dimmed">
                {e.report.reportedTo.explanation}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

export function ReliefCard({ relief }: { relief: NonNullable<CaseView['relief']> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-relief">
      <Stack gap={4}>
        <Title order={5}>{t('disiplin.case.relief')}</Title>
        <Text size="sm">
          {t('disiplin.case.reliefFrom', {
            from: formatDate(relief.from),
            to: relief.to ? formatDate(relief.to) : t('disiplin.case.untilDecision'),
          })}
        </Text>
        {relief.plh && <Text size="sm">{t('disiplin.case.plh', { name: relief.plh.name })}</Text>}
        <Text size="xs" c="dimmed">
          {relief.note}
        </Text>
      </Stack>
    </Card>
  );
}

export function AppealsCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-appeals">
      <Stack gap="xs">
        <Title order={5}>{t('disiplin.case.appeals')}</Title>
        {view.appeals.map((a) => {
          const waiting = a.status === 'DIAJUKAN';
          const overdue = waiting && !!view.next?.due?.overdue && view.case.state === 'UPAYA_ADMINISTRATIF';
          return (
            <Stack key={a.id} gap={2} data-testid="appeal" data-status={a.status}>
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>
                  {t(`disiplin.appeal.kinds.${a.kind}`)}
                </Text>
                <Badge size="xs" variant="light" color={waiting ? 'violet' : 'gray'}>
                  {waiting
                    ? t('disiplin.appeal.pending')
                    : a.outcome
                      ? t(`disiplin.appeal.outcomes.${a.outcome as 'DIKUATKAN'}`)
                      : a.status}
                </Badge>
                {overdue && <OverdueBadge size="xs" />}
              </Group>
              <Text size="xs" c="dimmed">
                {t('disiplin.appeal.filedDue', {
                  filed: formatDate(a.filedOn),
                  due: formatDate(a.responseDue),
                })}
              </Text>
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

/** The case's steps in order, who took them (Plt/Plh/PPK), the reason; confidential steps marked. */
export function CaseTimeline({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const events = [...view.timeline].reverse();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-timeline">
      <Stack gap="xs">
        <Title order={5}>{t('disiplin.case.timeline')}</Title>
        <Timeline active={events.length} bulletSize={14} lineWidth={2}>
          {events.map((e) => (
            <Timeline.Item
              key={e.id}
              data-testid="timeline-event"
              data-action={e.action}
              title={
                <Group gap={4} wrap="wrap">
                  <Text size="sm" fw={600}>
                    {e.label}
                  </Text>
                  {e.confidential && <IconLock size={12} aria-label={t('disiplin.case.confidentialStep')} />}
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {formatDateTime(e.at)}
                {e.actorName ? ` · ${e.actorName}` : ''}
                {e.actingAs ? ` (${t(`disiplin.actingAs.${e.actingAs}`)})` : ''}
              </Text>
              {e.reason && (
                <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {e.reason}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}
