import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Progress,
  Stack,
  TextInput,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { competencyKeys, uploadTrainingRecord } from '../../api/competency.ts';
import { DateField } from '../DateField.tsx';
import { useDescribeError } from '../error-text.ts';
import { useFieldErrors } from '../field-errors.ts';

const FIELDS = ['title', 'provider', 'startDate', 'endDate', 'jp', 'cost', 'certificate'] as const;
type Field = (typeof FIELDS)[number];

/**
 * "Catat pelatihan": a training taken (name, provider, dates, JP, cost) with its certificate (PDF or a photo of it),
 * for the employee themself or, from BKD, for `employeeId`. The year's JP on the profile follows once it is stored.
 */
export function TrainingRecordModal({
  opened,
  onClose,
  employeeId,
}: {
  opened: boolean;
  onClose: () => void;
  employeeId?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const describe = useDescribeError();
  const { errors, setErrors, fromError, clear } = useFieldErrors<Field>();
  const [title, setTitle] = useState('');
  const [provider, setProvider] = useState('');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [jp, setJp] = useState<number | string>('');
  const [cost, setCost] = useState<number | string>(0);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    setTitle('');
    setProvider('');
    setStartDate('');
    setEndDate('');
    setJp('');
    setCost(0);
    setFile(null);
    setProgress(null);
    setFailure(null);
    clear();
  };

  async function submit() {
    const local: Partial<Record<Field, string>> = {};
    if (title.trim().length < 3) local.title = t('competency.record.required');
    if (provider.trim().length < 2) local.provider = t('competency.record.required');
    if (!startDate) local.startDate = t('competency.record.required');
    if (!endDate) local.endDate = t('competency.record.required');
    if (startDate && endDate && endDate < startDate) local.endDate = t('competency.record.endBeforeStart');
    if (!Number.isInteger(Number(jp)) || Number(jp) < 1) local.jp = t('competency.record.jpPositive');
    // The server judges the certificate (type from its content, the configured size limit): 413/415 land here.
    if (!file) local.certificate = t('competency.record.certificateRequired');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    setFailure(null);
    setProgress(0);
    try {
      await uploadTrainingRecord(
        {
          ...(employeeId ? { employeeId } : {}),
          title: title.trim(),
          provider: provider.trim(),
          startDate,
          endDate,
          jp: Number(jp),
          cost: Number(cost) || 0,
          certificate: file!,
        },
        setProgress,
      );
      await queryClient.invalidateQueries({ queryKey: competencyKeys.all });
      reset();
      onClose();
    } catch (err) {
      setProgress(null);
      const status = (err as { status?: number }).status;
      if (status === 413 || status === 415) {
        setErrors({ certificate: describe(err).title });
        return;
      }
      const { unmatched } = fromError(err, FIELDS);
      if (unmatched > 0 || status !== 400) setFailure(describe(err).title);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('competency.record.title')} size="lg">
      <Stack gap="sm">
        <TextInput
          label={t('competency.record.name')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          required
        />
        <TextInput
          label={t('competency.record.provider')}
          value={provider}
          onChange={(e) => setProvider(e.currentTarget.value)}
          error={errors.provider}
          required
        />
        <Group grow wrap="wrap">
          <DateField
            label={t('competency.record.startDate')}
            value={startDate}
            onChange={setStartDate}
            error={errors.startDate}
            required
          />
          <DateField
            label={t('competency.record.endDate')}
            value={endDate}
            onChange={setEndDate}
            error={errors.endDate}
            required
          />
        </Group>
        <Group grow wrap="wrap">
          <NumberInput
            label={t('competency.record.jp')}
            value={jp}
            onChange={setJp}
            min={1}
            max={2000}
            allowDecimal={false}
            error={errors.jp}
            required
          />
          <NumberInput
            label={t('competency.record.cost')}
            value={cost}
            onChange={setCost}
            min={0}
            allowDecimal={false}
            thousandSeparator="."
            decimalSeparator=","
            prefix="Rp "
            error={errors.cost}
          />
        </Group>
        <FileInput
          label={t('competency.record.certificate')}
          description={t('competency.record.certificateHint')}
          accept="application/pdf,image/jpeg,image/png,image/webp"
          value={file}
          onChange={setFile}
          leftSection={<IconUpload size={16} />}
          error={errors.certificate}
          clearable
          required
        />
        {progress !== null && <Progress value={progress * 100} animated aria-label="unggah" />}
        {failure && (
          <Alert color="red" variant="light">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={progress !== null}>
            {t('competency.record.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
