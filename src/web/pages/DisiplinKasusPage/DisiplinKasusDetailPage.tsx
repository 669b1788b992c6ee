import {
  Accordion,
  Alert,
  Anchor,
  Card,
  Grid,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { canTake } from '../../../core/discipline/case-machine.ts';
import {
  useCase,
  useDisciplineRecord,
  type CaseActionView,
  type CaseView,
  type SanctionView,
} from '../../api/discipline.ts';
import { CaseStepper } from '../../components/discipline/CaseStepper.tsx';
import {
  CaseStateBadge,
  DeadlineBlock,
  Field,
  LevelBadge,
  OverdueBadge,
  PersonLine,
} from '../../components/discipline/parts.tsx';
import { SanctionCard } from '../../components/discipline/SanctionCards.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';
import {
  AppealsCard,
  CaseTimeline,
  ExaminationCard,
  ReliefCard,
  SummonsesCard,
  TeamCard,
  ViolationsCard,
} from './CaseDetails.tsx';
import { CaseDocumentsCard } from './CaseDocumentsCard.tsx';
import {
  AbsenceForm,
  EndForm,
  ExaminationForm,
  ReliefForm,
  ReportForm,
  SummonsForm,
  TeamForm,
  TelaahForm,
} from './ProcedureForms.tsx';
import { AppealDecisionForm, AppealForm, DecisionForm, DeliveryForm } from './SanctionForms.tsx';

/** The header: number, employee, state, expected level, source, track, procedure note. */
function CaseHeader({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const c = view.case;
  const e = view.employee;
  // The indication is the superior's and the readers' (the examinee follows the case itself).
  const indicationId =
    c.source === 'INDIKASI' && !(view.myRole.examinee && !view.myRole.examiner)
      ? (view.violations.find((v) => v.indicationId)?.indicationId ?? null)
      : null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="case-header">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <PersonLine
            name={e.name}
            nip={e.nip ? formatNip(e.nip) : null}
            extra={[e.positionName, e.employeeType].filter(Boolean).join(' · ')}
          />
          <Group gap={6}>
            <LevelBadge level={c.expectedLevel} />
            <CaseStateBadge state={c.state} label={c.stateLabel} />
          </Group>
        </Group>
        <CaseStepper view={view} />
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Field label={t('disiplin.cols.source')}>
            {c.sourceLabel}
            {indicationId ? (
              <>
                {' · '}
                <Anchor component={Link} to={`/disiplin/indikasi/${indicationId}`} size="sm">
                  {t('disiplin.case.toIndication')}
                </Anchor>
              </>
            ) : c.sourceRef ? (
              ` · ${c.sourceRef}`
            ) : (
              ''
            )}
          </Field>
          <Field label={t('disiplin.cols.violationDate')}>{formatDate(c.violationDate)}</Field>
          <Field label={t('disiplin.case.track')}>{c.trackLabel}</Field>
          <Field label={t('disiplin.case.examiner')}>
            {c.examinerKind ? t(`disiplin.examiner.${c.examinerKind}`) : '—'}
          </Field>
          <Field label={t('disiplin.cols.unit')}>{view.unit.name}</Field>
          <Field label={t('disiplin.case.openedBy')}>
            {c.openedByName ?? '—'}
            {c.openedAs ? ` (${t(`disiplin.actingAs.${c.openedAs}`)})` : ''} · {formatDateTime(c.openedAt)}
          </Field>
          <Field label={t('disiplin.case.stateSince')}>{formatDateTime(c.stateSince)}</Field>
          <Field label={t('disiplin.case.rules')}>
            {view.rules.regulationSet}
            {view.rules.rulebookVersion ? ` (${view.rules.rulebookVersion})` : ''}
          </Field>
        </SimpleGrid>
        {c.summary && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {c.summary}
          </Text>
        )}
        {c.procedure === 'INTERNAL' && (
          <Alert color="gray" variant="light" p="xs">
            {c.procedureNote}
          </Alert>
        )}
        {c.endedReason && (
          <Alert color="gray" variant="light" p="xs" data-testid="ended-reason">
            {c.endedReason}
          </Alert>
        )}
        {c.underExamination && (
          <Text size="xs" c="orange.8">
            {t('disiplin.case.underExamination')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** The step that waits: who holds it, by when (red when overdue), on what legal basis. */
function NextStep({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const n = view.next;
  if (!n) return null;
  const holders = [...n.holder.employees.map((e) => e.name), ...n.holder.roles];
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      data-testid="next-step"
      data-overdue={n.due?.overdue ? 'true' : 'false'}
      style={n.due?.overdue ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="xs" c="dimmed" fw={700} tt="uppercase">
            {t('disiplin.case.next')}
          </Text>
          {n.due?.overdue && <OverdueBadge />}
        </Group>
        <Text fw={700} data-testid="next-step-name">
          {n.step}
        </Text>
        {holders.length > 0 && (
          <Text size="sm">{t('disiplin.case.holder', { names: holders.join(', ') })}</Text>
        )}
        {n.due && <DeadlineBlock deadline={n.due} />}
      </Stack>
    </Card>
  );
}

/** The form of each action the server says is open to me now. */
function ActionForm({
  action,
  view,
  sanction,
}: {
  action: CaseActionView['action'];
  view: CaseView;
  sanction: SanctionView | null;
}): ReactNode {
  switch (action) {
    case 'telaah':
      return <TelaahForm view={view} />;
    case 'formTeam':
      return <TeamForm view={view} />;
    case 'summon':
      return <SummonsForm view={view} />;
    case 'recordAbsence':
      return <AbsenceForm view={view} />;
    case 'examine':
      return <ExaminationForm view={view} />;
    case 'relieve':
      return <ReliefForm view={view} />;
    case 'report':
      return <ReportForm view={view} />;
    case 'decide':
      return <DecisionForm view={view} />;
    case 'deliver':
      return <DeliveryForm view={view} />;
    case 'appeal':
      return <AppealForm view={view} sanction={sanction} />;
    case 'decideAppeal':
      return <AppealDecisionForm view={view} />;
    case 'end':
      return <EndForm view={view} />;
  }
}

/** Side steps (relief, ending without sanction) come after the step of the procedure. */
const SIDE: readonly string[] = ['relieve', 'end'];

function Actions({ view, sanction }: { view: CaseView; sanction: SanctionView | null }) {
  const { t } = useTranslation();
  const actions = view.actions;
  const allowed = actions.filter((a) => a.allowed);
  const ordered = [
    ...allowed.filter((a) => !SIDE.includes(a.action)),
    ...allowed.filter((a) => SIDE.includes(a.action)),
  ];
  // Only what the procedure allows at this stage but not for me (who may take it, a level it needs): the steps of
  // other stages are the stepper's business.
  const r = view.myRole;
  const official = r.superior || r.teamMember || r.reader || r.manager || r.examiner;
  const refused = official
    ? actions.filter((a) => !a.allowed && a.reason && canTake(view.case.state, a.action))
    : [];
  if (ordered.length === 0 && refused.length === 0) return null;
  const first = ordered.find((a) => !SIDE.includes(a.action))?.action ?? null;
  return (
    <Stack gap="xs" data-testid="case-actions">
      {ordered.length > 0 && (
        <>
          <Title order={5}>{t('disiplin.case.actions')}</Title>
          <Accordion
            variant="separated"
            radius="md"
            defaultValue={first}
            // The case's state changes after a step; a new set of actions opens its first one.
            key={`${view.case.state}-${ordered.map((a) => a.action).join()}`}
          >
            {ordered.map((a) => (
              <Accordion.Item key={a.action} value={a.action} data-testid={`action-${a.action}`}>
                <Accordion.Control>
                  <Text fw={600} size="sm">
                    {t(`disiplin.actions.${a.action}`)}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <ActionForm action={a.action} view={view} sanction={sanction} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </>
      )}
      {refused.length > 0 && (
        <Card withBorder radius="md" padding="xs" data-testid="case-actions-refused">
          <Text size="xs" c="dimmed" fw={600} mb={4}>
            {t('disiplin.case.notForYou')}
          </Text>
          <List size="xs" spacing={2}>
            {refused.map((a) => (
              <List.Item key={a.action}>
                {t(`disiplin.actions.${a.action}`)}: {a.reason}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}

/**
 * Kasus (/disiplin/kasus/:id): the case page. Its number, the employee, the state as a stepper of the procedure,
 * the next step with its due date and legal basis (red when overdue), the forms of the steps the server says are
 * open to me (`actions`), the documents (PDFs and signed scans), the sanction with its effective date and serving
 * period, the appeals, and the timeline. Confidential (Peraturan BKN 6/2022 Pasal 57): the server shows it only to
 * the parties and the authorised roles in scope.
 */
export function DisiplinKasusDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useCase(id);
  const view = query.data;
  // The full sanction (appeal window, authority, dates) is on the employee's record.
  const record = useDisciplineRecord(view?.sanction ? view.employee.id : null);
  const sanction = record.data?.sanctions.find((s) => s.caseId === view?.case.id) ?? null;
  const back = (
    <Anchor component={Link} to={view?.myRole.examinee ? '/disiplin' : '/disiplin/kasus'} size="sm">
      {view?.myRole.examinee ? t('disiplin.home.back') : t('disiplin.cases.back')}
    </Anchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError)
    return (
      <>
        <PageHeader above={back} title={t('disiplin.case.title')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const v = query.data;
  const c = v.case;
  return (
    <Stack gap="md" data-testid="case-page" data-case-id={c.id} data-state={c.state}>
      <PageHeader
        above={back}
        title={
          <span>
            {t('disiplin.case.title')} <span data-testid="case-page-number">{c.caseNumber}</span>
          </span>
        }
        subtitle={`${v.employee.name} · ${v.unit.name}`}
      />
      <Alert color="gray" variant="light" p="xs" icon={<IconLock size={16} />}>
        <Text size="xs">{v.confidentiality}</Text>
      </Alert>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CaseHeader view={v} />
            <NextStep view={v} />
            <Actions view={v} sanction={sanction} />
            {v.sanction &&
              (sanction ? (
                <SanctionCard s={sanction} />
              ) : (
                <Card
                  withBorder
                  radius="md"
                  padding="sm"
                  data-testid="sanction"
                  data-status={v.sanction.status}
                >
                  <Stack gap={4}>
                    <Group gap={6}>
                      <LevelBadge level={v.sanction.level} />
                      <Text fw={650} size="sm">
                        {v.sanction.name}
                      </Text>
                    </Group>
                    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                      <Field label={t('disiplin.sanction.sk')}>
                        {v.sanction.skNumber} · {formatDate(v.sanction.skDate)}
                      </Field>
                      <Field label={t('disiplin.sanction.effective')} testId="sanction-effective">
                        {formatDate(v.sanction.effectiveOn)}
                      </Field>
                      <Field label={t('disiplin.sanction.period')} testId="sanction-period">
                        {v.sanction.startsOn
                          ? `${formatDate(v.sanction.startsOn)} – ${v.sanction.endsOn ? formatDate(v.sanction.endsOn) : t('disiplin.sanction.noEnd')}`
                          : '—'}
                      </Field>
                      <Field label={t('disiplin.cols.status')}>{v.sanction.status}</Field>
                    </SimpleGrid>
                  </Stack>
                </Card>
              ))}
            {v.appeals.length > 0 && <AppealsCard view={v} />}
            <ViolationsCard view={v} />
            {v.team && <TeamCard team={v.team} />}
            {v.summonses.length > 0 && <SummonsesCard view={v} />}
            {v.examination && <ExaminationCard view={v} />}
            {v.relief && <ReliefCard relief={v.relief} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <CaseDocumentsCard caseId={c.id} />
            <CaseTimeline view={v} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
