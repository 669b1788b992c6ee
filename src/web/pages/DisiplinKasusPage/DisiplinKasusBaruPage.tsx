import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  LEVELS,
  MANUAL_SOURCES,
  useCaseOptions,
  useOpenCase,
  type DisciplineLevel,
  type ManualCaseSource,
} from '../../api/discipline.ts';
import { fixedLevel, violationsForSource } from '../../components/discipline/options.ts';
import { todayLocal } from '../../components/discipline/parts.tsx';
import { ViolationSelect } from '../../components/discipline/pickers.tsx';
import { DateField } from '../../components/DateField.tsx';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

const FIELDS = [
  'employeeId',
  'source',
  'sourceRef',
  'violationCode',
  'violationDate',
  'description',
  'expectedLevel',
] as const;
type FieldName = (typeof FIELDS)[number];

/**
 * Kasus baru (/disiplin/kasus/baru): a case opened by hand (issue 16 point 1): an inspection report, a public
 * complaint, a Bawaslu/BKN recommendation on neutrality or another violation of PP 94/2021 Pasal 3–5, with the
 * violation of the rulebook's catalogue (GET /options for the chosen employee, only the articles of the chosen
 * source), its date, a description and the expected level (fixed when the article sets it). The server checks that
 * the caller is the employee's superior today (or Plt/Plh) or a discipline reader in scope, never oneself.
 */
export function DisiplinKasusBaruPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenCase();
  const fields = useFieldErrors<FieldName>();
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [source, setSource] = useState<ManualCaseSource>('INSPEKSI');
  const [sourceRef, setSourceRef] = useState('');
  const [violationCode, setViolationCode] = useState<string | null>(null);
  const [violationDate, setViolationDate] = useState(todayLocal());
  const [description, setDescription] = useState('');
  const [chosenLevel, setLevel] = useState<DisciplineLevel>('ringan');
  const options = useCaseOptions({ employeeId });
  // A violation of another source (the source was changed) is no longer offered: it is not sent either.
  const violation = violationsForSource(options.data, source).some((v) => v.code === violationCode)
    ? violationCode
    : null;
  const fixed = fixedLevel(options.data, violation);
  const level = fixed ?? chosenLevel;

  const submit = () => {
    const missing: Partial<Record<FieldName, string>> = {};
    if (!employeeId) missing.employeeId = t('disiplin.form.required');
    if (!violation) missing.violationCode = t('disiplin.form.required');
    if (!violationDate) missing.violationDate = t('disiplin.form.required');
    if (description.trim().length < 10) missing.description = t('disiplin.form.min10');
    if (Object.keys(missing).length > 0) {
      fields.setErrors(missing);
      return;
    }
    open.mutate(
      {
        employeeId: employeeId!,
        source,
        sourceRef: sourceRef.trim() || null,
        violationCode: violation!,
        violationDate,
        description: description.trim(),
        expectedLevel: level,
      },
      {
        onSuccess: (view) => {
          notifications.show({
            color: 'teal',
            message: t('disiplin.cases.opened', { number: view.case.caseNumber }),
          });
          navigate(`/disiplin/kasus/${view.case.id}`);
        },
        onError: (err) => fields.fromError(err, FIELDS),
      },
    );
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor component={Link} to="/disiplin/kasus" size="sm">
            {t('disiplin.cases.back')}
          </Anchor>
        }
        title={t('disiplin.newCase.title')}
        subtitle={t('disiplin.newCase.subtitle')}
      />
      <Card withBorder radius="md" padding="md" maw={760}>
        <form
          data-testid="new-case-form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <EmployeeSelect
              label={t('disiplin.fields.employee')}
              placeholder={t('disiplin.fields.employeeSearch')}
              value={employeeId}
              onChange={(v) => {
                setEmployeeId(v);
                fields.clear('employeeId');
              }}
              error={fields.errors.employeeId}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <Select
                label={t('disiplin.fields.source')}
                data={MANUAL_SOURCES.map((s) => ({ value: s, label: t(`disiplin.sources.${s}`) }))}
                value={source}
                onChange={(v) => v && setSource(v as ManualCaseSource)}
                allowDeselect={false}
                error={fields.errors.source}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                label={t('disiplin.fields.sourceRef')}
                description={t('disiplin.fields.sourceRefHint')}
                value={sourceRef}
                onChange={(e) => setSourceRef(e.currentTarget.value)}
                error={fields.errors.sourceRef}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <ViolationSelect
                options={options.data}
                loading={!!employeeId && options.isPending}
                source={source}
                value={violation}
                onChange={(v) => {
                  setViolationCode(v);
                  fields.clear('violationCode');
                }}
                error={fields.errors.violationCode}
                disabledHint={employeeId ? null : t('disiplin.pickers.chooseEmployeeFirst')}
              />
              <DateField
                label={t('disiplin.fields.violationDate')}
                value={violationDate}
                onChange={(v) => {
                  setViolationDate(v);
                  fields.clear('violationDate');
                }}
                error={fields.errors.violationDate}
                required
              />
            </SimpleGrid>
            <Textarea
              label={t('disiplin.fields.description')}
              description={t('disiplin.fields.descriptionHint')}
              value={description}
              onChange={(e) => {
                setDescription(e.currentTarget.value);
                fields.clear('description');
              }}
              error={fields.errors.description}
              required
              autosize
              minRows={4}
            />
            {options.isError && <ErrorState error={options.error} compact />}
            {options.data?.trackNote && (
              <Alert color="gray" variant="light" p="xs" data-testid="track-note">
                {options.data.trackNote}
              </Alert>
            )}
            <Select
              label={t('disiplin.fields.expectedLevel')}
              description={
                fixed ? t('disiplin.pickers.levelFromViolation') : t('disiplin.fields.expectedLevelHint')
              }
              data={LEVELS.map((l) => ({ value: l, label: t(`disiplin.levels.${l}`) }))}
              value={level}
              onChange={(v) => v && setLevel(v as DisciplineLevel)}
              disabled={!!fixed}
              allowDeselect={false}
              error={fields.errors.expectedLevel}
              w={{ base: '100%', sm: 240 }}
              comboboxProps={{ withinPortal: true }}
            />
            {open.isError && <ErrorState error={open.error} compact hideIssues />}
            <Group justify="flex-end">
              <Button component={Link} to="/disiplin/kasus" variant="default">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={open.isPending} data-testid="submit-new-case">
                {t('disiplin.newCase.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
