import {
  Accordion,
  Alert,
  Anchor,
  Card,
  FileInput,
  Group,
  MultiSelect,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPaperclip } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  salaryStopFileUrl,
  SETTLEMENT_KINDS,
  uploadSalaryStopFile,
  useSalaryStop,
  useSalaryStopStep,
  type SalaryStop,
  type SettlementKind,
} from '../../api/discipline.ts';
import { Field, LegalBasis, PersonLine, StatusBadge } from '../../components/discipline/parts.tsx';
import { salaryStopColor } from '../../components/discipline/status-colors.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate, formatDateTime, formatNip } from '../../lib/format.ts';
import { StepForm } from '../DisiplinKasusPage/ProcedureForms.tsx';
import { monthChoices, monthText } from './months.ts';
import { TextAreaField } from '../../components/TextAreaField.tsx';

function useDone() {
  const { t } = useTranslation();
  return () => notifications.show({ color: 'teal', message: t('disiplin.form.saved') });
}

/** BKD verifies the attendance data: how many consecutive TK days it confirms. */
function VerifyForm({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const done = useDone();
  const step = useSalaryStopStep(s.id, 'verify');
  const fields = useFieldErrors<'confirmedDays' | 'note'>();
  const [days, setDays] = useState<number | string>(s.streak.days);
  const [note, setNote] = useState('');
  return (
    <StepForm
      action="verify"
      error={step.error}
      pending={step.isPending}
      submitLabel={t('disiplin.salary.forms.verify')}
      onSubmit={() => {
        if (note.trim().length < 5) return fields.setErrors({ note: t('disiplin.form.min5') });
        step.mutate(
          { confirmedDays: Number(days), note: note.trim() },
          { onSuccess: done, onError: (err) => fields.fromError(err, ['confirmedDays', 'note']) },
        );
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.salary.forms.verifyHint', { days: s.requiredDays })}
      </Text>
      <NumberInput
        label={t('disiplin.salary.confirmedDays')}
        value={days}
        onChange={setDays}
        min={0}
        max={366}
        allowDecimal={false}
        error={fields.errors.confirmedDays}
        w={{ base: '100%', sm: 200 }}
      />
      <TextAreaField
        label={t('disiplin.salary.note')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}

/** The KPA's decision stopping payment from the stop's first month. */
function StopForm({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const done = useDone();
  const step = useSalaryStopStep(s.id, 'stop');
  const fields = useFieldErrors<'decisionNumber'>();
  const [number, setNumber] = useState('');
  return (
    <StepForm
      action="stop"
      error={step.error}
      pending={step.isPending}
      submitLabel={t('disiplin.salary.forms.stop')}
      color="red"
      onSubmit={() =>
        step.mutate(
          { decisionNumber: number.trim() },
          { onSuccess: done, onError: (err) => fields.fromError(err, ['decisionNumber']) },
        )
      }
    >
      <Text size="sm">{t('disiplin.salary.forms.stopHint', { month: monthText(s.fromMonth) })}</Text>
      <TextInput
        label={t('disiplin.fields.decisionNumber')}
        value={number}
        onChange={(e) => setNumber(e.currentTarget.value)}
        error={fields.errors.decisionNumber}
        required
      />
    </StepForm>
  );
}

/** A statement picked and uploaded at once, with progress; answers the staged attachment's id. */
function StatementUpload({
  label,
  value,
  onUploaded,
  error,
}: {
  label: string;
  value: string | null;
  onUploaded: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  return (
    <Stack gap={4}>
      <FileInput
        label={label}
        description={t('disiplin.documents.fileHint')}
        accept="application/pdf,image/jpeg,image/png,image/webp"
        leftSection={<IconPaperclip size={16} />}
        value={file}
        clearable
        required
        error={error}
        onChange={(f) => {
          setFile(f);
          setFailed(null);
          onUploaded(null);
          if (!f) return;
          setProgress(0);
          uploadSalaryStopFile(f, setProgress)
            .then((u) => onUploaded(u.attachmentId))
            .catch((err: unknown) => setFailed(err))
            .finally(() => setProgress(null));
        }}
      />
      {progress !== null && (
        <Progress
          value={Math.round(progress * 100)}
          size="sm"
          animated
          aria-label={t('disiplin.documents.progress')}
        />
      )}
      {value && (
        <Text size="xs" c="teal.8">
          {t('disiplin.salary.uploaded')}
        </Text>
      )}
      {!!failed && <ErrorState error={failed} compact />}
    </Stack>
  );
}

/** The superior asks for re-activation: both statements, the recap months and a note. */
function ReactivationForm({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const done = useDone();
  const step = useSalaryStopStep(s.id, 'reactivation');
  const fields = useFieldErrors<'employeeStatementId' | 'superiorStatementId' | 'recapMonths' | 'note'>();
  const [employeeStatement, setEmployeeStatement] = useState<string | null>(null);
  const [superiorStatement, setSuperiorStatement] = useState<string | null>(null);
  const [months, setMonths] = useState<string[]>([]);
  const [note, setNote] = useState('');
  return (
    <StepForm
      action="reactivation"
      error={step.error}
      pending={step.isPending}
      submitLabel={t('disiplin.salary.forms.requestReactivation')}
      onSubmit={() => {
        const missing: Partial<
          Record<'employeeStatementId' | 'superiorStatementId' | 'recapMonths' | 'note', string>
        > = {};
        if (!employeeStatement) missing.employeeStatementId = t('disiplin.form.required');
        if (!superiorStatement) missing.superiorStatementId = t('disiplin.form.required');
        if (months.length === 0) missing.recapMonths = t('disiplin.form.required');
        if (note.trim().length < 5) missing.note = t('disiplin.form.min5');
        if (Object.keys(missing).length) return fields.setErrors(missing);
        step.mutate(
          {
            employeeStatementId: employeeStatement!,
            superiorStatementId: superiorStatement!,
            recapMonths: [...months].sort(),
            note: note.trim(),
          },
          {
            onSuccess: done,
            onError: (err) =>
              fields.fromError(err, ['employeeStatementId', 'superiorStatementId', 'recapMonths', 'note']),
          },
        );
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.salary.forms.reactivationHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <StatementUpload
          label={t('disiplin.salary.employeeStatement')}
          value={employeeStatement}
          onUploaded={setEmployeeStatement}
          error={fields.errors.employeeStatementId}
        />
        <StatementUpload
          label={t('disiplin.salary.superiorStatement')}
          value={superiorStatement}
          onUploaded={setSuperiorStatement}
          error={fields.errors.superiorStatementId}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('disiplin.salary.recapMonths')}
        data={monthChoices(12, 0)}
        value={months}
        onChange={setMonths}
        error={fields.errors.recapMonths}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <TextAreaField
        label={t('disiplin.salary.note')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}

/** The KPA re-activates payment from a month. */
function ReactivateForm({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const done = useDone();
  const step = useSalaryStopStep(s.id, 'reactivate');
  const fields = useFieldErrors<'fromMonth' | 'decisionNumber'>();
  const [fromMonth, setFromMonth] = useState<string | null>(null);
  const [number, setNumber] = useState('');
  return (
    <StepForm
      action="reactivate"
      error={step.error}
      pending={step.isPending}
      submitLabel={t('disiplin.salary.forms.reactivate')}
      color="teal"
      onSubmit={() => {
        if (!fromMonth) return fields.setErrors({ fromMonth: t('disiplin.form.required') });
        step.mutate(
          { fromMonth, decisionNumber: number.trim() },
          { onSuccess: done, onError: (err) => fields.fromError(err, ['fromMonth', 'decisionNumber']) },
        );
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('disiplin.salary.reactivateFrom')}
          data={monthChoices(3, 3)}
          value={fromMonth}
          onChange={setFromMonth}
          error={fields.errors.fromMonth}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('disiplin.fields.decisionNumber')}
          value={number}
          onChange={(e) => setNumber(e.currentTarget.value)}
          error={fields.errors.decisionNumber}
          required
        />
      </SimpleGrid>
    </StepForm>
  );
}

/** Finance records the annex's repayment (salary stopped wrongly) or refund (salary paid although stopped). */
function SettlementForm({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const done = useDone();
  const step = useSalaryStopStep(s.id, 'settlements');
  const fields = useFieldErrors<'kind' | 'months' | 'note'>();
  const [kind, setKind] = useState<SettlementKind>(s.settlementSuggested ?? 'BAYAR_KEMBALI');
  const [months, setMonths] = useState<string[]>([]);
  const [note, setNote] = useState('');
  return (
    <StepForm
      action="settle"
      error={step.error}
      pending={step.isPending}
      submitLabel={t('disiplin.salary.forms.settle')}
      onSubmit={() => {
        if (months.length === 0) return fields.setErrors({ months: t('disiplin.form.required') });
        if (note.trim().length < 5) return fields.setErrors({ note: t('disiplin.form.min5') });
        step.mutate(
          { kind, months: [...months].sort(), note: note.trim() },
          { onSuccess: done, onError: (err) => fields.fromError(err, ['kind', 'months', 'note']) },
        );
      }}
    >
      <Select
        label={t('disiplin.salary.settlementKind')}
        data={SETTLEMENT_KINDS.map((k) => ({ value: k, label: t(`disiplin.settlementKinds.${k}`) }))}
        value={kind}
        onChange={(v) => v && setKind(v as SettlementKind)}
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <MultiSelect
        label={t('disiplin.salary.months')}
        data={monthChoices(24, 1)}
        value={months}
        onChange={setMonths}
        error={fields.errors.months}
        searchable
        comboboxProps={{ withinPortal: true }}
      />
      <TextAreaField
        label={t('disiplin.salary.note')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}

/** The steps taken so far, in order. */
function Steps({ s }: { s: SalaryStop }) {
  const { t } = useTranslation();
  const r = s.reactivation;
  const items = [
    {
      key: 'reported',
      title: t('disiplin.salary.steps.reported'),
      body: `${s.notified.byName ?? '—'} · ${formatDateTime(s.notified.at)}`,
    },
    s.verification && {
      key: 'verified',
      title: t('disiplin.salary.steps.verified', { days: s.verification.confirmedDays }),
      body: `${s.verification.byName ?? '—'} · ${formatDateTime(s.verification.at)} — ${s.verification.note}`,
    },
    s.stop && {
      key: 'stopped',
      title: t('disiplin.salary.steps.stopped', { number: s.stop.decisionNumber }),
      body: `${s.stop.byName ?? '—'} · ${formatDateTime(s.stop.at)}`,
    },
    r && {
      key: 'requested',
      title: t('disiplin.salary.steps.requested'),
      body: `${r.requestedByName ?? '—'} · ${formatDateTime(r.requestedAt)} — ${t(
        'disiplin.salary.recapMonthsValue',
        {
          months: r.recapMonths.map(monthText).join(', '),
        },
      )} — ${r.note}`,
      files: [r.employeeStatement, r.superiorStatement].filter((f): f is NonNullable<typeof f> => !!f),
    },
    r?.decidedAt && {
      key: 'reactivated',
      title: t('disiplin.salary.steps.reactivated', {
        month: monthText(r.fromMonth),
        number: r.decisionNumber ?? '—',
      }),
      body: `${r.decidedByName ?? '—'} · ${formatDateTime(r.decidedAt)}`,
    },
    ...s.settlements.map((x, i) => ({
      key: `settlement-${i}`,
      title: x.kindLabel,
      body: `${x.months.map(monthText).join(', ')} · ${x.byName ?? '—'} · ${formatDateTime(x.at)} — ${x.note}`,
    })),
  ].filter((x): x is Exclude<typeof x, false | null | undefined | ''> => !!x);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="salary-stop-steps">
      <Title order={5} mb="xs">
        {t('disiplin.salary.stepsTitle')}
      </Title>
      <Timeline active={items.length} bulletSize={14} lineWidth={2}>
        {items.map((item) => (
          <Timeline.Item
            key={item.key}
            title={
              <Text size="sm" fw={600}>
                {item.title}
              </Text>
            }
          >
            <Text size="xs" c="dimmed">
              {item.body}
            </Text>
            {'files' in item &&
              item.files?.map((f) => (
                <Anchor
                  key={f.id}
                  href={salaryStopFileUrl(s.id, f.id)}
                  target="_blank"
                  rel="noopener"
                  size="xs"
                  display="block"
                >
                  {f.fileName ?? f.id}
                </Anchor>
              ))}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

/**
 * Penghentian gaji (/disiplin/gaji/:id): the ten-day TK run and the stop's legal basis, the steps (reported,
 * verified by BKD, stopped by the KPA, re-activation requested with the statements and recap months, re-activated,
 * the annex's repayment / refund) and the forms of the steps the server says are open to me.
 */
export function DisiplinGajiDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useSalaryStop(id);
  const back = (
    <Anchor component={Link} to="/disiplin/gaji" size="sm">
      {t('disiplin.salary.back')}
    </Anchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError)
    return (
      <>
        <PageHeader above={back} title={t('disiplin.salary.detailTitle')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  const s = query.data;
  const a = s.actions;
  const forms = [
    a.verify && { key: 'verify', title: t('disiplin.salary.forms.verifyTitle'), node: <VerifyForm s={s} /> },
    a.stop && { key: 'stop', title: t('disiplin.salary.forms.stopTitle'), node: <StopForm s={s} /> },
    a.requestReactivation && {
      key: 'reactivation',
      title: t('disiplin.salary.forms.reactivationTitle'),
      node: <ReactivationForm s={s} />,
    },
    a.reactivate && {
      key: 'reactivate',
      title: t('disiplin.salary.forms.reactivateTitle'),
      node: <ReactivateForm s={s} />,
    },
    a.settle && {
      key: 'settle',
      title: t('disiplin.salary.forms.settleTitle'),
      node: <SettlementForm s={s} />,
    },
  ].filter((f): f is Exclude<typeof f, false> => !!f);
  return (
    <Stack gap="md" data-testid="salary-stop-page" data-status={s.status}>
      <PageHeader
        above={back}
        title={t('disiplin.salary.detailTitle')}
        subtitle={`${s.employeeName} · ${s.unitName ?? '—'}`}
      />
      <Card withBorder radius="md" padding="sm">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <PersonLine name={s.employeeName} nip={s.nip ? formatNip(s.nip) : null} extra={s.unitName} />
            <StatusBadge status={s.status} label={s.statusLabel} color={salaryStopColor(s.status)} />
          </Group>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <Field label={t('disiplin.salary.streak')}>
              {t('disiplin.salary.streakValue', {
                days: s.streak.days,
                from: formatDate(s.streak.from),
                to: formatDate(s.streak.to),
              })}
            </Field>
            <Field label={t('disiplin.salary.required')}>
              {t('disiplin.salary.requiredValue', { days: s.requiredDays })}
            </Field>
            <Field label={t('disiplin.salary.fromMonth')}>{monthText(s.fromMonth)}</Field>
            <Field label={t('disiplin.salary.links')}>
              <Group gap={6}>
                {s.indicationId && (
                  <Anchor component={Link} to={`/disiplin/indikasi/${s.indicationId}`} size="sm">
                    {t('disiplin.salary.indication')}
                  </Anchor>
                )}
                {s.caseId && (
                  <Anchor component={Link} to={`/disiplin/kasus/${s.caseId}`} size="sm">
                    {t('disiplin.salary.case')}
                  </Anchor>
                )}
                {!s.indicationId && !s.caseId && '—'}
              </Group>
            </Field>
          </SimpleGrid>
          <LegalBasis basis={s.legalBasis} />
          {s.settlementSuggested && (
            <Alert color="orange" variant="light" p="xs" data-testid="settlement-suggested">
              {t('disiplin.salary.suggested', {
                kind: t(`disiplin.settlementKinds.${s.settlementSuggested}`),
              })}
            </Alert>
          )}
        </Stack>
      </Card>
      {forms.length > 0 && (
        <Stack gap="xs" data-testid="salary-stop-actions">
          <Title order={5}>{t('disiplin.case.actions')}</Title>
          <Accordion
            variant="separated"
            radius="md"
            defaultValue={forms[0]!.key}
            key={`${s.status}-${forms.length}`}
          >
            {forms.map((f) => (
              <Accordion.Item key={f.key} value={f.key}>
                <Accordion.Control>
                  <Text fw={600} size="sm">
                    {f.title}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>{f.node}</Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Stack>
      )}
      <Steps s={s} />
    </Stack>
  );
}
