import {
  Alert,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardPlus, IconPaperclip } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendQueuedReport, useReportOptions } from '../../api/kinerja-reports.ts';
import { DateField } from '../../components/DateField.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { formatDate } from '../../lib/format.ts';
import { enqueueReport, syncReportQueue, type QueuedReport } from '../../lib/report-queue.ts';

type Field = 'rhkId' | 'reportDate' | 'activity' | 'minutes';

/** A fresh client id for a report (offline-safe: the server stores one report per client id). */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function currentFix(): Promise<{ lat: number; lon: number; accuracyM: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

/**
 * Today's report (laporan kinerja harian), one card: RHK, activity, minutes, output and quantity, optional evidence
 * and location. Every report goes through the phone's queue (report-queue.ts): stored first with its client id and
 * date, then sent at once when online, or when the connection returns.
 */
export function ReportForm({
  employeeId,
  onQueued,
  editing = null,
  onCancelEdit,
}: {
  employeeId: string;
  onQueued?: () => void;
  /** A report the server refused, opened for correction: sent again under its own client id. */
  editing?: QueuedReport | null;
  onCancelEdit?: () => void;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  const options = useReportOptions();
  const b = editing?.body;
  const [rhkId, setRhkId] = useState<string | null>(b?.rhkId ?? null);
  const [reportDate, setReportDate] = useState(b?.reportDate ?? '');
  const [activity, setActivity] = useState(b?.activity ?? '');
  const [minutes, setMinutes] = useState<number | string>(b?.minutes ?? '');
  const [output, setOutput] = useState(b?.output ?? '');
  const [quantity, setQuantity] = useState<number | string>(b?.quantity ?? '');
  const [satuan, setSatuan] = useState(b?.satuan ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [withLocation, setWithLocation] = useState(
    b ? b.latitude !== null && b.latitude !== undefined : false,
  );
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [saving, setSaving] = useState(false);

  if (options.isLoading) return <LoadingState minHeight={160} />;
  if (options.isError && !options.data)
    return <ErrorState error={options.error} onRetry={() => void options.refetch()} />;
  const o = options.data!;
  const date = reportDate || o.today;
  const rhkChoices = o.rhk.map((r) => ({
    value: r.id,
    label: `${t(`kinerja.rhkKind.${r.kind === 'TAMBAHAN' ? 'TAMBAHAN' : 'UTAMA'}`)} ${r.seq}. ${r.text}`,
  }));
  const chosen = o.rhk.find((r) => r.id === rhkId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!rhkId) local.rhkId = t('common.required');
    if (activity.trim().length < 3) local.activity = t('kinerja.form.activityShort');
    if (typeof minutes !== 'number' || minutes < 1) local.minutes = t('kinerja.form.minutesRequired');
    else if (minutes > o.rules.maxMinutesPerDay)
      local.minutes = t('kinerja.form.minutesMax', { max: o.rules.maxMinutesPerDay });
    if (date > o.today || date < o.earliestDate)
      local.reportDate = t('kinerja.form.dateWindow', {
        from: formatDate(o.earliestDate),
        to: formatDate(o.today),
      });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setSaving(true);
    try {
      const fix = withLocation ? await currentFix() : null;
      const clientId = editing?.clientId ?? newClientId();
      // A correction keeps its evidence unless another file is chosen (uploaded once: its id is kept).
      const keptFile = !file && editing ? editing.file : null;
      await enqueueReport({
        clientId,
        employeeId,
        body: {
          clientId,
          rhkId: rhkId!,
          reportDate: date,
          activity: activity.trim(),
          minutes: minutes as number,
          output: output.trim() || null,
          quantity: typeof quantity === 'number' ? quantity : null,
          satuan: satuan.trim() || null,
          latitude: fix?.lat ?? null,
          longitude: fix?.lon ?? null,
          accuracyM: fix ? Math.round(fix.accuracyM) : null,
          recordedAt: new Date().toISOString(),
        },
        file: file ?? keptFile,
        fileName: file?.name ?? (keptFile ? editing!.fileName : null),
        attachmentId: !file && editing ? editing.attachmentId : null,
        rhkLabel: chosen ? `${chosen.seq}. ${chosen.text}` : '',
        createdAt: Date.now(),
        state: 'waiting',
        attempts: 0,
        lastAttemptAt: null,
        lastError: null,
        message: null,
      });
      notifications.show({
        color: online ? 'teal' : 'yellow',
        message: online ? t('kinerja.form.sending') : t('kinerja.form.savedOffline'),
      });
      setActivity('');
      setMinutes('');
      setOutput('');
      setQuantity('');
      setFile(null);
      onQueued?.();
      if (navigator.onLine) void syncReportQueue(employeeId, sendQueuedReport, true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="report-form">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Group gap={6}>
            <IconClipboardPlus size={20} />
            <Title order={3} fz="lg">
              {t('kinerja.form.title')}
            </Title>
          </Group>
          {editing && (
            <Alert color="red" variant="light" data-testid="report-editing">
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {t('kinerja.queueEdit.title')}
                </Text>
                {editing.message && <Text size="sm">{editing.message}</Text>}
              </Stack>
            </Alert>
          )}
          {o.fromCache && (
            <Alert color="yellow" variant="light" data-testid="report-options-cached">
              {t('kinerja.queueEdit.fromCache')}
            </Alert>
          )}
          {o.blockedReason && (
            <Alert color="orange" variant="light" data-testid="report-blocked">
              {o.blockedReason}
            </Alert>
          )}
          <Text size="sm" c="dimmed" data-testid="report-minutes-used">
            {t('kinerja.form.minutesUsed', {
              used: o.minutesUsed,
              min: o.rules.minMinutesPerDay,
              date: formatDate(o.date),
            })}
          </Text>
          <Select
            label={t('kinerja.form.rhk')}
            data={rhkChoices}
            value={rhkId}
            onChange={setRhkId}
            error={errors.rhkId}
            required
            searchable
            nothingFoundMessage={t('kinerja.form.noRhk')}
            comboboxProps={{ withinPortal: true }}
          />
          {chosen && chosen.indicators.length > 0 && (
            <Text size="xs" c="dimmed">
              {chosen.indicators.map((i) => `${i.text}: ${i.target} ${i.satuan}`).join(' · ')}
            </Text>
          )}
          <DateField
            label={t('kinerja.form.date')}
            value={date}
            onChange={(v) => setReportDate(v ?? '')}
            error={errors.reportDate}
            required
          />
          <Textarea
            label={t('kinerja.form.activity')}
            value={activity}
            onChange={(e) => setActivity(e.currentTarget.value)}
            error={errors.activity}
            required
            autosize
            minRows={2}
            maxLength={2000}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput
              label={t('kinerja.form.minutes')}
              value={minutes}
              onChange={setMinutes}
              error={errors.minutes}
              min={1}
              max={1440}
              allowDecimal={false}
              required
            />
            <TextInput
              label={t('kinerja.form.output')}
              value={output}
              onChange={(e) => setOutput(e.currentTarget.value)}
              maxLength={500}
            />
            <NumberInput label={t('kinerja.form.quantity')} value={quantity} onChange={setQuantity} min={0} />
            <TextInput
              label={t('kinerja.form.satuan')}
              value={satuan}
              onChange={(e) => setSatuan(e.currentTarget.value)}
              maxLength={50}
            />
          </SimpleGrid>
          <FileInput
            label={t('kinerja.form.evidence')}
            placeholder={
              editing?.fileName && !file ? editing.fileName : t('kinerja.form.evidencePlaceholder')
            }
            value={file}
            onChange={setFile}
            clearable
            accept="image/jpeg,image/png,image/webp,application/pdf"
            leftSection={<IconPaperclip size={16} />}
          />
          <Checkbox
            label={t('kinerja.form.location')}
            checked={withLocation}
            onChange={(e) => setWithLocation(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            {editing && onCancelEdit && (
              <Button variant="default" onClick={onCancelEdit}>
                {t('common.cancel')}
              </Button>
            )}
            <Button
              type="submit"
              loading={saving}
              disabled={!!o.blockedReason && o.rhk.length === 0}
              data-testid="report-submit"
            >
              {editing ? t('kinerja.queueEdit.resend') : t('kinerja.form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
