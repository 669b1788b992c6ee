import { Alert, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPEAL_KINDS,
  APPEAL_OUTCOMES,
  DELIVERY_METHODS,
  useDecideAppeal,
  useSanctionStep,
  type AppealKind,
  type AppealOutcome,
  type CaseView,
  type DeliveryMethod,
  type SanctionView,
} from '../../api/discipline.ts';
import {
  DeadlineBlock,
  outsideDeadline,
  LateReasonFields,
  useLateReason,
  todayLocal,
} from '../../components/discipline/parts.tsx';
import { SanctionPicker } from '../../components/discipline/pickers.tsx';
import { DateField } from '../../components/DateField.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { StepForm } from './ProcedureForms.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';

/**
 * The forms of the sanctions section (discipline-sanctions.ts): the decision by the competent official (PyB), the
 * delivery of the SK (in person or by post), the employee's keberatan / banding and its outcome. The steps answer
 * with the sanction; the case page is fetched again.
 */

function useDone() {
  const { t } = useTranslation();
  return () => notifications.show({ color: 'teal', message: t('disiplin.form.saved') });
}

// ---------------------------------------------------------------------------------------------------- decision

/** The date fields whose refusal asks for a reason for lateness. */
const DELIVERY_DATES = ['receivedOn', 'postedOn'] as const;

export function DecisionForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const done = useDone();
  const decide = useSanctionStep(view.case.id, 'decision');
  const fields = useFieldErrors<'sanctionCode' | 'skNumber' | 'skDate' | 'considerations'>();
  const proposed = view.examination?.report?.proposedSanction ?? '';
  const [code, setCode] = useState(proposed);
  const [skNumber, setSkNumber] = useState('');
  const [skDate, setSkDate] = useState(todayLocal());
  const [considerations, setConsiderations] = useState('');
  const noExamination = !view.examination;
  return (
    <StepForm
      action="decide"
      error={decide.error}
      pending={decide.isPending}
      submitLabel={t('disiplin.forms.decision.submit')}
      onSubmit={() => {
        if (!code) return fields.setErrors({ sanctionCode: t('disiplin.form.required') });
        if (!skNumber.trim()) return fields.setErrors({ skNumber: t('disiplin.form.required') });
        if (considerations.trim().length < 10)
          return fields.setErrors({ considerations: t('disiplin.form.min10') });
        decide.mutate(
          { sanctionCode: code, skNumber: skNumber.trim(), skDate, considerations: considerations.trim() },
          {
            onSuccess: done,
            onError: (err) => fields.fromError(err, ['sanctionCode', 'skNumber', 'skDate', 'considerations']),
          },
        );
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.decision.hint')}
      </Text>
      {noExamination && (
        <Alert color="orange" variant="light" p="xs">
          {t('disiplin.forms.decision.onEvidence')}
        </Alert>
      )}
      <SanctionPicker
        caseId={view.case.id}
        label={t('disiplin.fields.sanction')}
        value={code}
        onChange={(v) => {
          setCode(v);
          fields.clear('sanctionCode');
        }}
        error={fields.errors.sanctionCode}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('disiplin.fields.skHukdisNumber')}
          value={skNumber}
          onChange={(e) => setSkNumber(e.currentTarget.value)}
          error={fields.errors.skNumber}
          required
        />
        <DateField
          label={t('disiplin.fields.skDate')}
          value={skDate}
          onChange={setSkDate}
          error={fields.errors.skDate}
          required
        />
      </SimpleGrid>
      <TextAreaField
        label={t('disiplin.fields.considerations')}
        value={considerations}
        onChange={setConsiderations}
        error={fields.errors.considerations}
        required
        minRows={4}
      />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- delivery

export function DeliveryForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const done = useDone();
  const deliver = useSanctionStep(view.case.id, 'delivery');
  const fields = useFieldErrors<'method' | 'summonedOn' | 'receivedOn' | 'postedOn' | 'lateReason'>();
  const [method, setMethod] = useState<DeliveryMethod>('langsung');
  const [summonedOn, setSummonedOn] = useState('');
  const [receivedOn, setReceivedOn] = useState(todayLocal());
  const [postedOn, setPostedOn] = useState('');
  const due = view.next?.due ?? null;
  // Delivered after the rulebook's period (the step's due date); a posting's 3-day limit and the like are named
  // by the server when it refuses a date, with the reason asked for.
  const deliveredOn = method === 'pos' ? postedOn : receivedOn;
  const lateDelivery = !!due && !!deliveredOn && outsideDeadline(deliveredOn, due);
  const late = useLateReason(deliver.error, lateDelivery, DELIVERY_DATES);
  return (
    <StepForm
      action="deliver"
      error={deliver.error}
      pending={deliver.isPending}
      submitLabel={t('disiplin.forms.delivery.submit')}
      onSubmit={() =>
        deliver.mutate(
          {
            method,
            summonedOn: summonedOn || null,
            receivedOn,
            postedOn: method === 'pos' ? postedOn || null : null,
            lateReason: late.lateReason.trim() || null,
          },
          {
            onSuccess: done,
            onError: (err) =>
              fields.fromError(err, ['method', 'summonedOn', 'receivedOn', 'postedOn', 'lateReason']),
          },
        )
      }
    >
      {due && <DeadlineBlock deadline={due} title={t('disiplin.forms.delivery.due')} />}
      <Radio.Group
        label={t('disiplin.fields.deliveryMethod')}
        value={method}
        onChange={(v) => setMethod(v as DeliveryMethod)}
        error={fields.errors.method}
      >
        <Group gap="md" mt={4}>
          {DELIVERY_METHODS.map((m) => (
            <Radio key={m} value={m} label={t(`disiplin.deliveryMethods.${m}`)} />
          ))}
        </Group>
      </Radio.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField
          label={t('disiplin.fields.summonedOn')}
          description={method === 'pos' ? t('disiplin.fields.summonedOnPosHint') : undefined}
          value={summonedOn}
          onChange={setSummonedOn}
          error={fields.errors.summonedOn}
          required={method === 'pos'}
        />
        {method === 'pos' && (
          <DateField
            label={t('disiplin.fields.postedOn')}
            description={t('disiplin.forms.delivery.postingHint')}
            value={postedOn}
            onChange={setPostedOn}
            error={fields.errors.postedOn}
            required
          />
        )}
        <DateField
          label={t('disiplin.fields.receivedOn')}
          value={receivedOn}
          onChange={setReceivedOn}
          error={fields.errors.receivedOn}
          required
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.delivery.effectiveHint')}
      </Text>
      <LateReasonFields state={late} error={fields.errors.lateReason} />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- appeal

export function AppealForm({ view, sanction }: { view: CaseView; sanction: SanctionView | null }) {
  const { t } = useTranslation();
  const done = useDone();
  const appeal = useSanctionStep(view.case.id, 'appeals');
  const fields = useFieldErrors<'kind' | 'reason'>();
  const appealWindow = sanction?.appealWindow ?? null;
  const [kind, setKind] = useState<AppealKind>(appealWindow?.kind ?? 'KEBERATAN');
  const [reason, setReason] = useState('');
  return (
    <StepForm
      action="appeal"
      error={appeal.error}
      pending={appeal.isPending}
      submitLabel={t('disiplin.forms.appeal.submit')}
      onSubmit={() => {
        if (reason.trim().length < 10) return fields.setErrors({ reason: t('disiplin.form.min10') });
        appeal.mutate(
          { kind, reason: reason.trim() },
          { onSuccess: done, onError: (err) => fields.fromError(err, ['kind', 'reason']) },
        );
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.appeal.hint')}
      </Text>
      {appealWindow && (
        <DeadlineBlock
          deadline={appealWindow.deadline}
          title={t('disiplin.appeal.window', { kind: t(`disiplin.appeal.kinds.${appealWindow.kind}`) })}
        />
      )}
      <Select
        label={t('disiplin.fields.appealKind')}
        data={APPEAL_KINDS.map((k) => ({ value: k, label: t(`disiplin.appeal.kinds.${k}`) }))}
        value={kind}
        onChange={(v) => v && setKind(v as AppealKind)}
        allowDeselect={false}
        error={fields.errors.kind}
        comboboxProps={{ withinPortal: true }}
      />
      <TextAreaField
        label={t('disiplin.fields.appealReason')}
        value={reason}
        onChange={setReason}
        error={fields.errors.reason}
        required
        minRows={4}
      />
    </StepForm>
  );
}

export function AppealDecisionForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const done = useDone();
  const decide = useDecideAppeal();
  const fields = useFieldErrors<'outcome' | 'newSanctionCode' | 'decidedOn' | 'decisionNumber' | 'note'>();
  const pending = view.appeals.filter((a) => a.status === 'DIAJUKAN');
  const [appealId, setAppealId] = useState<string | null>(pending[0]?.id ?? null);
  const [outcome, setOutcome] = useState<AppealOutcome>('DIKUATKAN');
  const [code, setCode] = useState('');
  const [decidedOn, setDecidedOn] = useState(todayLocal());
  const [decisionNumber, setDecisionNumber] = useState('');
  const [note, setNote] = useState('');
  if (pending.length === 0) return <Text size="sm">{t('disiplin.forms.appealDecision.none')}</Text>;
  return (
    <StepForm
      action="decideAppeal"
      error={decide.error}
      pending={decide.isPending}
      submitLabel={t('disiplin.forms.appealDecision.submit')}
      onSubmit={() => {
        if (!appealId) return;
        if (outcome === 'DIUBAH' && !code)
          return fields.setErrors({ newSanctionCode: t('disiplin.form.required') });
        if (!decisionNumber.trim()) return fields.setErrors({ decisionNumber: t('disiplin.form.required') });
        if (!note.trim()) return fields.setErrors({ note: t('disiplin.form.required') });
        decide.mutate(
          {
            id: appealId,
            outcome,
            newSanctionCode: outcome === 'DIUBAH' ? code : null,
            decidedOn,
            decisionNumber: decisionNumber.trim(),
            note: note.trim(),
          },
          {
            onSuccess: done,
            onError: (err) =>
              fields.fromError(err, ['outcome', 'newSanctionCode', 'decidedOn', 'decisionNumber', 'note']),
          },
        );
      }}
    >
      {pending.length > 1 && (
        <Select
          label={t('disiplin.fields.appeal')}
          data={pending.map((a) => ({
            value: a.id,
            label: `${t(`disiplin.appeal.kinds.${a.kind}`)} · ${formatDate(a.filedOn)}`,
          }))}
          value={appealId}
          onChange={setAppealId}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )}
      <Stack gap={2}>
        {pending
          .filter((a) => a.id === appealId)
          .map((a) => (
            <Text key={a.id} size="sm">
              {t('disiplin.forms.appealDecision.filed', {
                kind: t(`disiplin.appeal.kinds.${a.kind}`),
                filed: formatDate(a.filedOn),
                due: formatDate(a.responseDue),
              })}
            </Text>
          ))}
      </Stack>
      <Radio.Group
        label={t('disiplin.fields.appealOutcome')}
        value={outcome}
        onChange={(v) => setOutcome(v as AppealOutcome)}
      >
        <Stack gap={6} mt={4}>
          {APPEAL_OUTCOMES.map((o) => (
            <Radio key={o} value={o} label={t(`disiplin.appeal.outcomes.${o}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {outcome === 'DIUBAH' && (
        <SanctionPicker
          caseId={view.case.id}
          label={t('disiplin.fields.newSanction')}
          value={code}
          onChange={setCode}
          error={fields.errors.newSanctionCode}
          showAuthority={false}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField
          label={t('disiplin.fields.decidedOn')}
          value={decidedOn}
          onChange={setDecidedOn}
          error={fields.errors.decidedOn}
          required
        />
        <TextInput
          label={t('disiplin.fields.decisionNumber')}
          value={decisionNumber}
          onChange={(e) => setDecisionNumber(e.currentTarget.value)}
          error={fields.errors.decisionNumber}
          required
        />
      </SimpleGrid>
      <TextAreaField
        label={t('disiplin.fields.appealNote')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}
