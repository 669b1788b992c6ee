import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { validationIssues } from '../../api/http.ts';
import {
  END_REASONS,
  EXAM_MODES,
  LEVELS,
  TEAM_ROLES,
  useCaseStep,
  type CaseStep,
  type CaseStepBodies,
  type CaseView,
  type DisciplineLevel,
  type ExaminerKind,
  type TeamRole,
} from '../../api/discipline.ts';
import {
  DeadlineBlock,
  outsideDeadline,
  LateReasonFields,
  useLateReason,
  RefusedLimitNotice,
  todayLocal,
} from '../../components/discipline/parts.tsx';
import { SanctionPicker } from '../../components/discipline/pickers.tsx';
import { DateField } from '../../components/DateField.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { TextAreaField } from '../../components/TextAreaField.tsx';

/**
 * The forms of the procedure's steps up to the report (discipline-cases.ts): telaah, examination team, summons
 * I/II, absence, BAP, relief with a Plh, report to the competent official, and ending a case without sanction. The
 * server checks every date against the unit's calendar and the rulebook; a refusal keeps the form as typed with
 * the reasons beside the fields.
 */

/** A step's form: its fields, the server's refusal, the submit button. */
export function StepForm({
  action,
  children,
  error,
  pending,
  submitLabel,
  onSubmit,
  color,
}: {
  action: string;
  children: ReactNode;
  error: unknown;
  pending: boolean;
  submitLabel: string;
  onSubmit: () => void;
  color?: string;
}) {
  return (
    <form
      data-testid={`action-form-${action}`}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        {children}
        {!!error && <ErrorState error={error} compact />}
        <Group justify="flex-end">
          <Button type="submit" loading={pending} color={color}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The mutation of a step with the success toast, and field errors from a VALIDATION answer. */
function useStep<S extends CaseStep, F extends string>(view: CaseView, step: S, fieldNames: readonly F[]) {
  const { t } = useTranslation();
  const mutation = useCaseStep(view.case.id, step);
  const fields = useFieldErrors<F>();
  const run = (body: CaseStepBodies[S], onDone?: () => void) =>
    mutation.mutate(body, {
      onSuccess: () => {
        fields.clear();
        notifications.show({ color: 'teal', message: t('disiplin.form.saved') });
        onDone?.();
      },
      onError: (err) => fields.fromError(err, fieldNames),
    });
  return { mutation, fields, run };
}

/**
 * The messages of a VALIDATION answer about the items of a list field (`members[1].employeeId` or
 * `members.1.employeeId`), by the item's index in the list sent.
 */
export function itemIssues(error: unknown, field: string): Map<number, string> {
  const out = new Map<number, string>();
  const re = new RegExp(`^${field}(?:\\[(\\d+)\\]|\\.(\\d+))`);
  for (const issue of validationIssues(error)) {
    const m = re.exec(issue.path);
    const index = m ? Number(m[1] ?? m[2]) : NaN;
    if (!Number.isNaN(index) && !out.has(index)) out.set(index, issue.message);
  }
  return out;
}

const levelData = (t: (k: `disiplin.levels.${DisciplineLevel}`) => string) =>
  LEVELS.map((l) => ({ value: l, label: t(`disiplin.levels.${l}`) }));

// ---------------------------------------------------------------------------------------------------- telaah

export function TelaahForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'telaah', ['examiner', 'expectedLevel', 'note'] as const);
  const [level, setLevel] = useState<DisciplineLevel>(view.case.expectedLevel);
  const [examiner, setExaminer] = useState<ExaminerKind>(
    view.case.expectedLevel === 'ringan' ? 'ATASAN' : 'TIM',
  );
  const [note, setNote] = useState('');
  return (
    <StepForm
      action="telaah"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.telaah.submit')}
      onSubmit={() => {
        if (!note.trim()) return fields.setErrors({ note: t('disiplin.form.required') });
        run({ examiner, expectedLevel: level, note: note.trim() });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.telaah.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('disiplin.fields.expectedLevel')}
          data={levelData(t)}
          value={level}
          onChange={(v) => {
            if (!v) return;
            setLevel(v as DisciplineLevel);
            if (v === 'ringan') setExaminer('ATASAN');
            if (v === 'berat') setExaminer('TIM');
          }}
          allowDeselect={false}
          error={fields.errors.expectedLevel}
          comboboxProps={{ withinPortal: true }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="examiner-label">
            {t('disiplin.fields.examiner')}
          </Text>
          <SegmentedControl
            aria-labelledby="examiner-label"
            value={examiner}
            onChange={(v) => setExaminer(v as ExaminerKind)}
            data={[
              { value: 'ATASAN', label: t('disiplin.examiner.ATASAN'), disabled: level === 'berat' },
              { value: 'TIM', label: t('disiplin.examiner.TIM'), disabled: level === 'ringan' },
            ]}
            fullWidth
          />
          {fields.errors.examiner && (
            <Text size="xs" c="red">
              {fields.errors.examiner}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      <Textarea
        label={t('disiplin.fields.telaahNote')}
        value={note}
        onChange={(e) => {
          setNote(e.currentTarget.value);
          fields.clear('note');
        }}
        error={fields.errors.note}
        required
        autosize
        minRows={3}
      />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- team

interface MemberRow {
  key: number;
  employeeId: string | null;
  role: TeamRole;
  isChair: boolean;
}

export function TeamForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'team', [
    'skNumber',
    'skDate',
    'members',
    'superiorImplicated',
  ] as const);
  const [skNumber, setSkNumber] = useState('');
  const [skDate, setSkDate] = useState(todayLocal());
  const [rows, setRows] = useState<MemberRow[]>(
    (['ATASAN', 'INSPEKTORAT', 'BKD'] as const).map((role, i) => ({
      key: i,
      employeeId: null,
      role,
      isChair: i === 0,
    })),
  );
  const [implicated, setImplicated] = useState(false);
  const [implicatedReason, setImplicatedReason] = useState('');
  // The rows sent last, in order: the server names a member by its index in that list.
  const [sentKeys, setSentKeys] = useState<number[]>([]);
  const memberIssues = itemIssues(mutation.error, 'members');
  const issueOf = (key: number) => {
    const index = sentKeys.indexOf(key);
    return index >= 0 ? memberIssues.get(index) : undefined;
  };
  const update = (key: number, patch: Partial<MemberRow>) =>
    setRows((rs) =>
      rs.map((r) => (r.key === key ? { ...r, ...patch } : patch.isChair ? { ...r, isChair: false } : r)),
    );
  return (
    <StepForm
      action="formTeam"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.team.submit')}
      onSubmit={() => {
        const members = rows.filter((r) => r.employeeId);
        if (!skNumber.trim()) return fields.setErrors({ skNumber: t('disiplin.form.required') });
        if (members.length === 0) return fields.setErrors({ members: t('disiplin.forms.team.noMembers') });
        setSentKeys(members.map((r) => r.key));
        run({
          skNumber: skNumber.trim(),
          skDate,
          members: members.map((r) => ({ employeeId: r.employeeId!, role: r.role, isChair: r.isChair })),
          superiorImplicated: implicated ? { reason: implicatedReason.trim() } : null,
        });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.team.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('disiplin.fields.skNumber')}
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
      <Stack gap="xs" data-testid="team-members">
        <Text size="sm" fw={600}>
          {t('disiplin.forms.team.members')}
        </Text>
        {rows.map((r, i) => (
          <Card key={r.key} withBorder padding="xs" radius="md" data-testid="team-member-row">
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <EmployeeSelect
                label={t('disiplin.forms.team.member', { n: i + 1 })}
                value={r.employeeId}
                onChange={(v) => update(r.key, { employeeId: v })}
                excludeId={view.employee.id}
                error={issueOf(r.key)}
              />
              <Select
                label={t('disiplin.forms.team.role')}
                data={TEAM_ROLES.map((role) => ({ value: role, label: t(`disiplin.teamRoles.${role}`) }))}
                value={r.role}
                onChange={(v) => v && update(r.key, { role: v as TeamRole })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              <Group gap="xs" align="flex-end" justify="space-between" wrap="nowrap">
                <Checkbox
                  label={t('disiplin.forms.team.chair')}
                  checked={r.isChair}
                  onChange={(e) => update(r.key, { isChair: e.currentTarget.checked })}
                  mb={8}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('disiplin.forms.team.remove', { n: i + 1 })}
                  onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                  disabled={rows.length <= 1}
                  mb={6}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </SimpleGrid>
          </Card>
        ))}
        <RowsFooter
          error={fields.errors.members}
          label={t('disiplin.forms.team.add')}
          disabled={rows.length >= 10}
          onAdd={() =>
            setRows((rs) => [...rs, { key: nextKey(rs), employeeId: null, role: 'LAINNYA', isChair: false }])
          }
        />
      </Stack>
      <Checkbox
        label={t('disiplin.forms.team.implicated')}
        description={t('disiplin.forms.team.implicatedHint')}
        checked={implicated}
        onChange={(e) => setImplicated(e.currentTarget.checked)}
      />
      {implicated && (
        <TextAreaField
          label={t('disiplin.forms.team.implicatedReason')}
          value={implicatedReason}
          onChange={setImplicatedReason}
          error={fields.errors.superiorImplicated}
          required
        />
      )}
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- summons

/** The date fields whose refusal asks for a reason for lateness. */
const LIMITED_DATES = ['examDate', 'letterDate'] as const;

export function SummonsForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const seq = view.case.state === 'PANGGILAN_I' ? 2 : 1;
  const { mutation, fields, run } = useStep(view, 'summons', [
    'letterNumber',
    'letterDate',
    'examDate',
    'examTime',
    'examPlace',
    'lateReason',
  ] as const);
  const [letterNumber, setLetterNumber] = useState('');
  const [letterDate, setLetterDate] = useState(todayLocal());
  const [examDate, setExamDate] = useState('');
  const [examTime, setExamTime] = useState('09:00');
  const [examPlace, setExamPlace] = useState('');
  const due = view.next?.due ?? null;
  // Summons II: the letter's latest date is the step's due date. The examination date's limit depends on the
  // letter date and the unit's calendar: the server names it when it refuses a date, and asks for a reason.
  const letterLate = seq === 2 && !!due && !!letterDate && outsideDeadline(letterDate, due);
  const late = useLateReason(mutation.error, letterLate, LIMITED_DATES);
  return (
    <StepForm
      action="summon"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.summons.submit', { seq: seq === 1 ? 'I' : 'II' })}
      onSubmit={() => {
        const missing: Partial<Record<'examDate' | 'examPlace', string>> = {};
        if (!examDate) missing.examDate = t('disiplin.form.required');
        if (!examPlace.trim()) missing.examPlace = t('disiplin.form.required');
        if (Object.keys(missing).length) return fields.setErrors(missing);
        run({
          letterNumber: letterNumber.trim() || null,
          letterDate,
          examDate,
          examTime: examTime.trim() || null,
          examPlace: examPlace.trim(),
          lateReason: late.lateReason.trim() || null,
        });
      }}
    >
      <Text size="sm" fw={600}>
        {t('disiplin.forms.summons.title', { seq: seq === 1 ? 'I' : 'II' })}
      </Text>
      {seq === 2 && due && <DeadlineBlock deadline={due} title={t('disiplin.forms.summons.letterLimit')} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('disiplin.fields.letterNumber')}
          description={t('disiplin.fields.letterNumberHint')}
          value={letterNumber}
          onChange={(e) => setLetterNumber(e.currentTarget.value)}
          error={fields.errors.letterNumber}
        />
        <DateField
          label={t('disiplin.fields.letterDate')}
          value={letterDate}
          onChange={setLetterDate}
          error={fields.errors.letterDate}
          required
        />
        <DateField
          label={t('disiplin.fields.examDate')}
          value={examDate}
          onChange={(v) => {
            setExamDate(v);
            fields.clear('examDate');
          }}
          error={fields.errors.examDate}
          description={seq === 1 ? t('disiplin.forms.summons.examHint') : undefined}
          required
        />
        <TextInput
          label={t('disiplin.fields.examTime')}
          placeholder="09:00"
          inputMode="numeric"
          value={examTime}
          onChange={(e) => setExamTime(e.currentTarget.value)}
          error={fields.errors.examTime}
        />
      </SimpleGrid>
      <TextInput
        label={t('disiplin.fields.examPlace')}
        value={examPlace}
        onChange={(e) => {
          setExamPlace(e.currentTarget.value);
          fields.clear('examPlace');
        }}
        error={fields.errors.examPlace}
        required
      />
      <LateReasonFields state={late} error={fields.errors.lateReason} />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- absence

export function AbsenceForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'absence', ['note'] as const);
  const [note, setNote] = useState('');
  const last = view.summonses[view.summonses.length - 1];
  return (
    <StepForm
      action="recordAbsence"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.absence.submit')}
      color="orange"
      onSubmit={() => {
        if (!note.trim()) return fields.setErrors({ note: t('disiplin.form.required') });
        run({ note: note.trim() });
      }}
    >
      {last && (
        <Text size="sm">
          {t('disiplin.forms.absence.hint', {
            seq: last.seq === 1 ? 'I' : 'II',
            date: formatDate(last.examDate),
          })}
        </Text>
      )}
      <TextAreaField
        label={t('disiplin.fields.absenceNote')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- BAP

interface QaRow {
  key: number;
  question: string;
  answer: string;
}

export function ExaminationForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const names = [
    'examDate',
    'mode',
    'place',
    'qa',
    'examineeStatement',
    'signedByExaminee',
    'refusalNote',
    'copyGivenOn',
    'teamNotes',
    'lateReason',
  ] as const;
  const { mutation, fields, run } = useStep(view, 'examination', names);
  const last = view.summonses[view.summonses.length - 1];
  const [examDate, setExamDate] = useState(last?.examDate ?? todayLocal());
  const [mode, setMode] = useState<(typeof EXAM_MODES)[number]>('TATAP_MUKA');
  const [place, setPlace] = useState(last?.examPlace ?? '');
  const [qa, setQa] = useState<QaRow[]>([{ key: 0, question: '', answer: '' }]);
  const [statement, setStatement] = useState('');
  const [signed, setSigned] = useState(true);
  const [refusalNote, setRefusalNote] = useState('');
  const [copyGivenOn, setCopyGivenOn] = useState('');
  const [teamNotes, setTeamNotes] = useState('');
  const limit = last?.limit;
  const pastLimit = !!limit && outsideDeadline(examDate, limit);
  const late = useLateReason(mutation.error, pastLimit, LIMITED_DATES);
  const [sentQa, setSentQa] = useState<number[]>([]);
  const qaIssues = itemIssues(mutation.error, 'qa');
  const qaIssueOf = (key: number) => {
    const index = sentQa.indexOf(key);
    return index >= 0 ? qaIssues.get(index) : undefined;
  };
  const setRow = (key: number, patch: Partial<QaRow>) =>
    setQa((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <StepForm
      action="examine"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.bap.submit')}
      onSubmit={() => {
        const rows = qa.filter((r) => r.question.trim());
        if (rows.length === 0) return fields.setErrors({ qa: t('disiplin.forms.bap.noQa') });
        if (!place.trim()) return fields.setErrors({ place: t('disiplin.form.required') });
        setSentQa(rows.map((r) => r.key));
        if (!signed && !refusalNote.trim())
          return fields.setErrors({ refusalNote: t('disiplin.forms.bap.refusalRequired') });
        run({
          examDate,
          mode,
          place: place.trim(),
          qa: rows.map((r) => ({ question: r.question.trim(), answer: r.answer.trim() })),
          examineeStatement: statement.trim() || null,
          signedByExaminee: signed,
          refusalNote: signed ? null : refusalNote.trim(),
          copyGivenOn: copyGivenOn || null,
          teamNotes: teamNotes.trim() || null,
          lateReason: late.lateReason.trim() || null,
        });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.bap.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField
          label={t('disiplin.fields.examDate')}
          value={examDate}
          onChange={setExamDate}
          error={fields.errors.examDate}
          required
        />
        <Select
          label={t('disiplin.fields.examMode')}
          data={EXAM_MODES.map((m) => ({ value: m, label: t(`disiplin.examModes.${m}`) }))}
          value={mode}
          onChange={(v) => v && setMode(v as typeof mode)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput
          label={t('disiplin.fields.examPlace')}
          value={place}
          onChange={(e) => setPlace(e.currentTarget.value)}
          error={fields.errors.place}
          required
        />
      </SimpleGrid>
      {limit && (
        <Text size="xs" c={pastLimit ? 'red.7' : 'dimmed'}>
          {t('disiplin.forms.bap.limit', {
            limit: t(`disiplin.bound.${limit.bound}`, { date: formatDate(limit.date) }),
          })}
        </Text>
      )}
      {late.refused && <RefusedLimitNotice limit={late.refused} />}
      <Stack gap="xs" data-testid="bap-qa">
        <Text size="sm" fw={600}>
          {t('disiplin.forms.bap.qa')}
        </Text>
        {qa.map((r, i) => (
          <Card key={r.key} withBorder padding="xs" radius="md" data-testid="bap-qa-row">
            <Stack gap={6}>
              <Group justify="flex-end" wrap="nowrap" mb={-28}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('disiplin.forms.bap.removeRow', { n: i + 1 })}
                  onClick={() => setQa((rs) => rs.filter((x) => x.key !== r.key))}
                  disabled={qa.length <= 1}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <Textarea
                label={t('disiplin.fields.question', { n: i + 1 })}
                value={r.question}
                onChange={(e) => setRow(r.key, { question: e.currentTarget.value })}
                error={qaIssueOf(r.key)}
                autosize
                minRows={1}
              />
              <Textarea
                label={t('disiplin.fields.answer', { n: i + 1 })}
                value={r.answer}
                onChange={(e) => setRow(r.key, { answer: e.currentTarget.value })}
                autosize
                minRows={2}
              />
            </Stack>
          </Card>
        ))}
        <RowsFooter
          error={fields.errors.qa}
          label={t('disiplin.forms.bap.addRow')}
          onAdd={() => setQa((rs) => [...rs, { key: nextKey(rs), question: '', answer: '' }])}
        />
      </Stack>
      <TextAreaField
        label={t('disiplin.fields.examineeStatement')}
        value={statement}
        onChange={setStatement}
      />
      <Checkbox
        label={t('disiplin.fields.signedByExaminee')}
        checked={signed}
        onChange={(e) => setSigned(e.currentTarget.checked)}
      />
      {!signed && (
        <Textarea
          label={t('disiplin.fields.refusalNote')}
          description={t('disiplin.fields.refusalNoteHint')}
          value={refusalNote}
          onChange={(e) => setRefusalNote(e.currentTarget.value)}
          error={fields.errors.refusalNote}
          required
          autosize
          minRows={2}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField
          label={t('disiplin.fields.copyGivenOn')}
          value={copyGivenOn}
          onChange={setCopyGivenOn}
          error={fields.errors.copyGivenOn}
        />
      </SimpleGrid>
      <Textarea
        label={t('disiplin.fields.teamNotes')}
        description={t('disiplin.fields.teamNotesHint')}
        value={teamNotes}
        onChange={(e) => setTeamNotes(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <LateReasonFields state={late} error={fields.errors.lateReason} notice={false} />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- relief

export function ReliefForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'relief', ['from', 'plhEmployeeId', 'reason'] as const);
  const [from, setFrom] = useState(todayLocal());
  const [plh, setPlh] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  return (
    <StepForm
      action="relieve"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.relief.submit')}
      onSubmit={() => {
        if (!plh) return fields.setErrors({ plhEmployeeId: t('disiplin.form.required') });
        if (!reason.trim()) return fields.setErrors({ reason: t('disiplin.form.required') });
        run({ from, plhEmployeeId: plh, reason: reason.trim() });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.relief.hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <DateField
          label={t('disiplin.fields.reliefFrom')}
          value={from}
          onChange={setFrom}
          error={fields.errors.from}
          required
        />
        <EmployeeSelect
          label={t('disiplin.fields.plh')}
          value={plh}
          onChange={setPlh}
          error={fields.errors.plhEmployeeId}
          excludeId={view.employee.id}
        />
      </SimpleGrid>
      <TextAreaField
        label={t('disiplin.fields.reliefReason')}
        value={reason}
        onChange={setReason}
        error={fields.errors.reason}
        required
      />
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- report (LHP)

export function ReportForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'report', [
    'summary',
    'foundLevel',
    'proposedSanction',
  ] as const);
  const internal = view.case.procedure === 'INTERNAL';
  const [summary, setSummary] = useState('');
  const [level, setLevel] = useState<DisciplineLevel>(view.case.expectedLevel);
  const [code, setCode] = useState('');
  return (
    <StepForm
      action="report"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.report.submit')}
      onSubmit={() => {
        if (!summary.trim()) return fields.setErrors({ summary: t('disiplin.form.required') });
        if (!internal && !code) return fields.setErrors({ proposedSanction: t('disiplin.form.required') });
        run({ summary: summary.trim(), foundLevel: level, proposedSanction: internal ? null : code });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.report.hint')}
      </Text>
      <TextAreaField
        label={t('disiplin.fields.reportSummary')}
        value={summary}
        onChange={setSummary}
        error={fields.errors.summary}
        required
        minRows={4}
      />
      <Select
        label={t('disiplin.fields.foundLevel')}
        data={levelData(t)}
        value={level}
        onChange={(v) => {
          if (!v) return;
          setLevel(v as DisciplineLevel);
          setCode(''); // the sanction proposed is of the level found
        }}
        allowDeselect={false}
        error={fields.errors.foundLevel}
        w={{ base: '100%', sm: 240 }}
        comboboxProps={{ withinPortal: true }}
      />
      {internal ? (
        <Alert color="gray" variant="light" p="xs">
          {view.case.procedureNote}
        </Alert>
      ) : (
        <SanctionPicker
          caseId={view.case.id}
          label={t('disiplin.fields.proposedSanction')}
          value={code}
          onChange={setCode}
          level={level}
          error={fields.errors.proposedSanction}
        />
      )}
    </StepForm>
  );
}

// ---------------------------------------------------------------------------------------------------- end

export function EndForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { mutation, fields, run } = useStep(view, 'end', ['reason', 'note'] as const);
  const [reason, setReason] = useState<(typeof END_REASONS)[number] | null>(null);
  const [note, setNote] = useState('');
  return (
    <StepForm
      action="end"
      error={mutation.error}
      pending={mutation.isPending}
      submitLabel={t('disiplin.forms.end.submit')}
      color="red"
      onSubmit={() => {
        if (!reason) return fields.setErrors({ reason: t('disiplin.form.required') });
        if (!note.trim()) return fields.setErrors({ note: t('disiplin.form.required') });
        run({ reason, note: note.trim() });
      }}
    >
      <Text size="xs" c="dimmed">
        {t('disiplin.forms.end.hint')}
      </Text>
      <Select
        label={t('disiplin.fields.endReason')}
        data={END_REASONS.map((r) => ({ value: r, label: t(`disiplin.endReasons.${r}`) }))}
        value={reason}
        onChange={(v) => setReason(v as typeof reason)}
        error={fields.errors.reason}
        comboboxProps={{ withinPortal: true }}
      />
      <TextAreaField
        label={t('disiplin.fields.endNote')}
        value={note}
        onChange={setNote}
        error={fields.errors.note}
        required
      />
    </StepForm>
  );
}

/** The key of a row added to an editable list: one more than the largest. */
const nextKey = (rows: readonly { key: number }[]) => Math.max(0, ...rows.map((x) => x.key)) + 1;

/** Below a list of editable rows: the list's error and the button that adds a row. */
function RowsFooter({
  error,
  label,
  disabled,
  onAdd,
}: {
  error: string | undefined;
  label: string;
  disabled?: boolean;
  onAdd: () => void;
}) {
  return (
    <>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={disabled}
          onClick={onAdd}
        >
          {label}
        </Button>
      </Group>
    </>
  );
}
