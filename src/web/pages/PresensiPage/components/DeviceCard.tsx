import { Alert, Button, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconDeviceMobile, IconDeviceMobileOff, IconHourglass } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { defaultDeviceLabel } from '../../../lib/device-key.ts';
import type { BindingState } from '../useDeviceBinding.ts';

interface DeviceCardProps {
  state: BindingState;
  online: boolean;
  deviceLabel: string | null;
  decisionNote: string | null;
  onRegister: (input: { label: string; reason?: string }) => Promise<unknown>;
}

/** Registers this phone (first device), asks for a change of phone, or says why punching is not possible yet. */
export function DeviceCard({ state, online, deviceLabel, decisionNote, onRegister }: DeviceCardProps) {
  const { t } = useTranslation();
  const [label, setLabel] = useState(() => defaultDeviceLabel());
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (state === 'unsupported') {
    return (
      <Alert
        color="red"
        icon={<IconDeviceMobileOff size={18} />}
        data-testid="device-card"
        data-state={state}
      >
        {t('presensi.device.unsupported')}
      </Alert>
    );
  }
  if (state === 'pending') {
    return (
      <Alert
        color="yellow"
        icon={<IconHourglass size={18} />}
        title={t('presensi.device.pendingTitle')}
        data-testid="device-card"
        data-state={state}
      >
        {t('presensi.device.pending', { label: deviceLabel ?? '' })}
      </Alert>
    );
  }
  if (state !== 'none' && state !== 'other' && state !== 'rejected') return null;

  const needsReason = state !== 'none';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (needsReason && reason.trim().length < 3) {
      setReasonError(t('presensi.device.reasonRequired'));
      return;
    }
    setReasonError(null);
    setBusy(true);
    setError(null);
    try {
      await onRegister({ label, reason: needsReason ? reason : undefined });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Alert
      color={state === 'rejected' ? 'red' : 'blue'}
      variant="light"
      icon={<IconDeviceMobile size={18} />}
      title={t(`presensi.device.${state}Title`)}
      data-testid="device-card"
      data-state={state}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="xs">
          <Text size="sm">{t(`presensi.device.${state}`)}</Text>
          {state === 'rejected' && decisionNote && (
            <Text size="sm" fs="italic">
              {t('presensi.device.note', { note: decisionNote })}
            </Text>
          )}
          <TextInput
            label={t('presensi.device.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            maxLength={100}
          />
          {needsReason && (
            <Textarea
              label={t('presensi.device.reason')}
              placeholder={t('presensi.device.reasonPlaceholder')}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={reasonError}
            />
          )}
          {error != null && <ErrorState error={error} compact />}
          <Button type="submit" loading={busy} disabled={!online} data-testid="register-device">
            {t(needsReason ? 'presensi.device.requestChange' : 'presensi.device.register')}
          </Button>
          {!online && (
            <Text size="xs" c="dimmed">
              {t('presensi.device.needsOnline')}
            </Text>
          )}
        </Stack>
      </form>
    </Alert>
  );
}
