import {
  Alert,
  Box,
  Button,
  Code,
  Group,
  List,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useSetLetterNumberScheme,
  type LetterNumberScheme,
  type LetterType,
} from '../../../api/documents.ts';
import { useUnitTree } from '../../../api/units.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { useOnline } from '../../../components/OfflineBanner.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { localDateIn } from '../../../lib/format.ts';
import {
  findUnitNode,
  LETTER_TYPE_CODES,
  nextSequenceOf,
  PATTERN_FIELDS,
  previewLetterNumber,
  shownAtFields,
} from './letter-number-preview.ts';

const FIELDS = [
  'unitId',
  'letterType',
  'pattern',
  'classificationCode',
  'unitCode',
  'counterDigits',
] as const;
type Field = (typeof FIELDS)[number];

const DEFAULT_PATTERN = '{kode}/{nomor}/{unit}/{tahun}';

interface SchemeFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The scheme being changed; null = a new one. */
  scheme: LetterNumberScheme | null;
  /** Every scheme in scope (a new one for a unit and type that has one changes that one). */
  schemes: LetterNumberScheme[];
}

/** Add or change a unit's letter-number scheme for a letter type, with the number the next letter would get. */
export function SchemeFormModal(props: SchemeFormModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 576px)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.scheme ? t('documents.numbering.editTitle') : t('documents.numbering.addTitle')}
      size="lg"
      fullScreen={phone}
    >
      {props.opened && <SchemeForm {...props} />}
    </Modal>
  );
}

function SchemeForm({ onClose, scheme, schemes }: SchemeFormModalProps) {
  const { t } = useTranslation();
  const online = useOnline();
  const tree = useUnitTree();
  const save = useSetLetterNumberScheme();
  const fieldErrors = useFieldErrors<Field>();
  const [unitId, setUnitId] = useState<string | null>(scheme?.unitId ?? null);
  const [letterType, setLetterType] = useState<LetterType>(scheme?.letterType ?? LETTER_TYPE_CODES[0]!);
  const [pattern, setPattern] = useState(scheme?.pattern ?? DEFAULT_PATTERN);
  const [classificationCode, setClassificationCode] = useState(scheme?.classificationCode ?? '');
  const [unitCode, setUnitCode] = useState(scheme?.unitCode ?? '');
  const [digits, setDigits] = useState<number | string>(scheme?.counterDigits ?? 0);

  const unit = findUnitNode(tree.data ?? [], unitId);
  const existing = schemes.find((s) => s.unitId === unitId && s.letterType === letterType) ?? null;
  const digitsN = typeof digits === 'number' && Number.isInteger(digits) ? digits : 0;
  const today = unit ? localDateIn(Date.now(), unit.timeZone) : null;
  // The counter of the year goes on where it is when a scheme changes; a new scheme starts at 1.
  const sequence = existing ? (nextSequenceOf(existing) ?? 1) : 1;
  const preview =
    unit && today
      ? previewLetterNumber(pattern, {
          code: classificationCode.trim(),
          unitCode: unitCode.trim() || unit.code,
          sequence,
          date: today,
          digits: Math.min(6, Math.max(0, digitsN)),
        })
      : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!unitId) {
      fieldErrors.setErrors({ unitId: t('common.required') });
      return;
    }
    fieldErrors.setErrors({});
    // The pattern is not refused here: the server says why a pattern cannot number letters, next to the field.
    save.mutate(
      {
        unitId,
        letterType,
        pattern,
        classificationCode,
        unitCode: unitCode.trim() || null,
        counterDigits: digitsN,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('documents.numbering.saved') });
          onClose();
        },
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="scheme-form">
      <Stack gap="sm">
        {save.error != null && !shownAtFields(save.error, FIELDS) && (
          <ErrorState error={save.error} compact />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Stack gap={4}>
            <UnitSelect
              label={t('documents.numbering.unit')}
              placeholder={t('documents.numbering.unitPlaceholder')}
              value={unitId}
              onChange={(v) => {
                setUnitId(v);
                fieldErrors.clear('unitId');
              }}
              required
              clearable={false}
              disabled={scheme !== null}
              error={fieldErrors.errors.unitId}
              data-testid="scheme-unit"
            />
            <Text size="xs" c="dimmed">
              {t('documents.numbering.unitHint')}
            </Text>
          </Stack>
          <Select
            label={t('documents.numbering.letterType')}
            data={LETTER_TYPE_CODES.map((code) => ({
              value: code,
              label: t(`documents.letterTypes.${code}`),
            }))}
            value={letterType}
            onChange={(v) => v && setLetterType(v as LetterType)}
            allowDeselect={false}
            required
            disabled={scheme !== null}
            error={fieldErrors.errors.letterType}
            data-testid="scheme-letter-type"
          />
        </SimpleGrid>
        {scheme === null && existing && (
          <Alert color="yellow" variant="light" p="xs" data-testid="scheme-exists">
            {t('documents.numbering.exists', { pattern: existing.pattern })}
          </Alert>
        )}
        <TextInput
          label={t('documents.numbering.pattern')}
          required
          value={pattern}
          onChange={(e) => {
            setPattern(e.currentTarget.value);
            fieldErrors.clear('pattern');
          }}
          error={fieldErrors.errors.pattern}
          errorProps={{ 'data-testid': 'scheme-pattern-error' }}
          maxLength={120}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="scheme-pattern"
        />
        <Box>
          <Text size="xs" c="dimmed">
            {t('documents.numbering.patternHelp')}
          </Text>
          <List size="xs" c="dimmed" spacing={0} data-testid="scheme-pattern-fields">
            {PATTERN_FIELDS.map((f) => (
              <List.Item key={f}>
                <Code>{`{${f}}`}</Code> {t(`documents.fields.${f}`)}
              </List.Item>
            ))}
          </List>
        </Box>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('documents.numbering.classificationCode')}
            description={t('documents.numbering.classificationHint')}
            value={classificationCode}
            onChange={(e) => setClassificationCode(e.currentTarget.value)}
            error={fieldErrors.errors.classificationCode}
            maxLength={40}
            data-testid="scheme-classification"
          />
          <TextInput
            label={t('documents.numbering.unitCode')}
            description={t('documents.numbering.unitCodeHint')}
            placeholder={unit ? t('documents.numbering.unitCodeDefault', { code: unit.code }) : undefined}
            value={unitCode}
            onChange={(e) => setUnitCode(e.currentTarget.value)}
            error={fieldErrors.errors.unitCode}
            maxLength={40}
            data-testid="scheme-unit-code"
          />
          <NumberInput
            label={t('documents.numbering.counterDigits')}
            description={t('documents.numbering.counterDigitsHint')}
            value={digits}
            onChange={setDigits}
            min={0}
            max={6}
            clampBehavior="strict"
            allowDecimal={false}
            allowNegative={false}
            error={fieldErrors.errors.counterDigits}
            data-testid="scheme-digits"
          />
        </SimpleGrid>
        <Paper withBorder radius="sm" p="sm" bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed">
            {t('documents.numbering.preview')}
          </Text>
          {!preview ? (
            <Text size="sm" c="dimmed">
              {t('documents.numbering.pickUnit')}
            </Text>
          ) : preview.ok ? (
            <>
              <Text fw={700} ff="monospace" size="lg" data-testid="scheme-preview">
                {preview.number}
              </Text>
              <Text size="xs" c="dimmed">
                {t('documents.numbering.previewHint', { year: today!.slice(0, 4) })}
              </Text>
            </>
          ) : (
            <Text size="sm" c="orange.8" data-testid="scheme-preview-problem">
              {fieldErrors.errors.pattern ? '—' : preview.message}
            </Text>
          )}
        </Paper>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!online} data-testid="scheme-save">
            {t('documents.numbering.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
