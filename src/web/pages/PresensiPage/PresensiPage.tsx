import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import {
  IconCamera,
  IconCloudOff,
  IconLockOpen,
  IconLogin2,
  IconLogout2,
  IconQrcode,
  IconWifi,
  IconWifiOff,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { attendanceKeys, sendPunch, useAttendanceToday } from '../../api/attendance.ts';
import type { PunchBody } from '../../api/attendance.ts';
import { useMe } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import type { CaptureRules } from '../../../core/attendance/capture-rules.ts';
import type { DeviceState } from '../../../core/attendance/judge-punch.ts';
import { guidanceForReason, punchGuidance } from '../../../core/attendance/punch-guidance.ts';
import { PunchGuidance, type GuidanceContext } from '../../components/attendance/PunchGuidance.tsx';
import { backgroundLazy } from '../../components/BackgroundChunk.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { useOnline } from '../../components/OfflineBanner.tsx';
import { markFirstScreenReady, useAfterFirstScreen } from '../../lib/after-first-screen.ts';
import { useCamera } from '../../lib/camera.ts';
import { sha256Hex, signPunch } from '../../lib/device-key.ts';
import { useGeolocation } from '../../lib/geolocation.ts';
import type { Fix } from '../../lib/geolocation.ts';
import { enqueuePunch, onQueueSent, syncQueue, useQueueSnapshot } from '../../lib/punch-queue.ts';
import { useQrScanner } from '../../lib/qr-scan.ts';
import { offlineClock, serverNow } from '../../lib/server-clock.ts';
import { CameraView } from './components/CameraView.tsx';
import { DeviceCard } from './components/DeviceCard.tsx';
import { RosterCard } from './components/RosterCard.tsx';
import { LiveClock } from './components/LiveClock.tsx';
import { LocationStatus } from './components/LocationStatus.tsx';
import { PunchResultCard } from './components/PunchResultCard.tsx';
import type { PunchOutcome } from './components/PunchResultCard.tsx';
import { QueueCard } from './components/QueueCard.tsx';
import { TodayCard } from './components/TodayCard.tsx';
import { KinerjaReportButton } from '../../components/kinerja/KinerjaReportButton.tsx';
import { useDeviceBinding, type BindingState } from './useDeviceBinding.ts';

type Mode = 'selfie' | 'qr';

// The punch history (with its pagination) is below the fold: its code arrives after the first screen.
const HistoryCard = backgroundLazy(() =>
  import('./components/HistoryCard.tsx').then((m) => ({ default: m.HistoryCard })),
);

/** The device state the server will see for this phone's key, as the judge names it (null: no device bound here). */
const DEVICE_STATE: Partial<Record<BindingState, DeviceState | null>> = {
  active: 'ACTIVE',
  // Offline, the key was active when last asked; the punch is judged when it arrives.
  offline: 'ACTIVE',
  pending: 'PENDING',
  rejected: 'REVOKED',
  none: null,
  other: null,
  unsupported: null,
};

/**
 * Over plain HTTP (other than localhost) the browser gives no camera, no location and no WebCrypto key store:
 * presensi cannot work, so say why in plain words instead of letting every part fail on its own.
 */
function HttpsNotice() {
  const { t } = useTranslation();
  if (typeof window === 'undefined' || window.isSecureContext) return null;
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconLockOpen size={20} />}
      title={t('presensi.https.title')}
      data-testid="https-notice"
    >
      {t('presensi.https.body')}
    </Alert>
  );
}
type Kind = 'IN' | 'OUT';

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function locationOf(fix: Fix | null): PunchBody['location'] {
  if (!fix) return null;
  return {
    lat: round(fix.lat, 7),
    lon: round(fix.lon, 7),
    accuracyM: round(fix.accuracyM, 1),
    provider: 'browser',
    mocked: false,
  };
}

function networkInfo(): PunchBody['network'] {
  const connection = (navigator as Navigator & { connection?: { type?: string; effectiveType?: string } })
    .connection;
  if (!connection) return undefined;
  return {
    type: connection.type?.slice(0, 30),
    effectiveType: connection.effectiveType?.slice(0, 30),
  };
}

/**
 * /presensi: check in and out from a phone. One big button (the next kind from today's punches), a live
 * front-camera preview (the photo is a frame of it), the location against today's places, device binding
 * (a signed punch from a registered key), an offline queue that syncs by itself, the kiosk QR scanner,
 * today's status and the employee's own history.
 */
export function PresensiPage() {
  const { t } = useTranslation();
  const me = useMe();
  const employeeId = me.data?.user.employeeId ?? null;
  if (!employeeId) {
    return <EmptyState title={t('presensi.noEmployeeTitle')} description={t('presensi.noEmployee')} />;
  }
  return <Presensi employeeId={employeeId} />;
}

function Presensi({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const debugQr = searchParams.get('debugQr') === '1';
  const online = useOnline();
  const today = useAttendanceToday(employeeId);
  const binding = useDeviceBinding(employeeId, today.data);
  const queue = useQueueSnapshot();
  const [mode, setMode] = useState<Mode>('selfie');
  const [kindOverride, setKindOverride] = useState<Kind | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PunchOutcome | null>(null);
  // Counts punch attempts, so the result on screen can be told from the previous one (data-attempt).
  const [attempts, setAttempts] = useState(0);
  const [debugCode, setDebugCode] = useState('');
  // After a code is read the scanner rests until the user asks for another scan (no accidental second punch).
  const [scanPaused, setScanPaused] = useState(false);
  const busyRef = useRef(false);
  const [belowTheFold] = useAfterFirstScreen();

  // The rulebook's capture section as the server judges by it (absent from a copy cached before it was sent).
  const capture: CaptureRules | undefined = today.data?.capture;
  // A phone whose change still waits for admin OPD may punch only where the rulebook merely reviews such punches.
  const canPunchDevice =
    binding.state === 'active' ||
    binding.state === 'offline' ||
    (binding.state === 'pending' && capture?.reasons.DEVICE_PENDING === 'FLAG');
  const camera = useCamera(canPunchDevice, mode === 'selfie' ? 'user' : 'environment');
  const geo = useGeolocation(true);
  const timeZone = today.data?.timeZone ?? 'Asia/Jakarta';
  const rules = today.data?.rules;
  const myQueue = useMemo(
    () => queue.items.filter((item) => item.employeeId === employeeId),
    [queue.items, employeeId],
  );
  const myOutcomes = useMemo(
    () => queue.outcomes.filter((o) => o.employeeId === employeeId),
    [queue.outcomes, employeeId],
  );

  // Refresh today's status and history whenever the queue delivers a punch.
  // The queued punch on screen, once delivered, shows the server's verdict instead.
  useEffect(
    () =>
      onQueueSent((result, idempotencyKey) => {
        void queryClient.invalidateQueries({ queryKey: attendanceKeys.all });
        setOutcome((current) =>
          current?.type === 'queued' && current.idempotencyKey === idempotencyKey
            ? { type: 'sent', punch: result.punch, replayed: result.replayed }
            : current,
        );
      }),
    [queryClient],
  );

  const nextKind: Kind = useMemo(() => {
    // The first counted punch of the day is a check-in; every later one a check-out (the last one counts).
    const counted = (today.data?.punches ?? []).filter((p) => p.effectiveVerdict !== 'REJECTED').length;
    return counted + myQueue.length > 0 ? 'OUT' : 'IN';
  }, [today.data, myQueue]);
  const kind = kindOverride ?? nextKind;

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: attendanceKeys.today(employeeId) });
    void queryClient.invalidateQueries({ queryKey: [...attendanceKeys.all, 'punches'] });
  }, [queryClient, employeeId]);

  /** Capture → sign → send; offline (or when the network fails) → sign as offline and queue. */
  const punch = useCallback(
    async (qrCode?: string) => {
      if (busyRef.current) return;
      const key = binding.local;
      if (!key?.deviceId) return;
      busyRef.current = true;
      setBusy(true);
      setOutcome(null);
      setAttempts((n) => n + 1);
      try {
        const clock = offlineClock();
        const photo = qrCode ? null : await camera.capture();
        const photoHash = photo ? await sha256Hex(photo) : undefined;
        const base: PunchBody = {
          idempotencyKey: crypto.randomUUID(),
          kind,
          deviceId: key.deviceId,
          location: locationOf(geo.fix),
          photoHash,
          network: networkInfo(),
          appVersion: `web-${__APP_VERSION__}`,
          qrCode,
        };
        const queueIt = async () => {
          const body: PunchBody = { ...base, offline: clock };
          body.signature = await signPunch(key.keyPair.privateKey, body);
          await enqueuePunch({
            idempotencyKey: body.idempotencyKey,
            employeeId,
            body,
            photo,
            capturedAt: clock.deviceTime,
            state: 'waiting',
            attempts: 0,
            lastError: null,
            lastAttemptAt: null,
          });
          setOutcome({
            type: 'queued',
            kind,
            capturedAt: clock.deviceTime,
            idempotencyKey: body.idempotencyKey,
          });
        };
        if (!navigator.onLine && !qrCode) {
          await queueIt();
        } else {
          const body: PunchBody = { ...base };
          body.signature = await signPunch(key.keyPair.privateKey, body);
          try {
            const result = await sendPunch(body, photo);
            setOutcome({ type: 'sent', punch: result.punch, replayed: result.replayed });
            refresh();
          } catch (error) {
            // The answer never came, or the server could not reach its database (502/503/504: a restart, a
            // standby being promoted): keep the punch as an offline one under the same key (never twice).
            const unavailable =
              isApiError(error) && (error.code === 'NETWORK' || [502, 503, 504].includes(error.status));
            if (unavailable && !qrCode) await queueIt();
            else setOutcome({ type: 'error', error });
          }
        }
        setKindOverride(null);
      } catch (error) {
        setOutcome({ type: 'error', error });
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [binding.local, camera, employeeId, geo.fix, kind, refresh],
  );

  const onQrCode = useCallback(
    (text: string) => {
      // A kiosk code is only valid for seconds: scanning needs a connection (the hint says so).
      if (!online || !text.trim()) return;
      setScanPaused(true);
      void punch(text.trim());
    },
    [online, punch],
  );
  useQrScanner(camera.videoRef, mode === 'qr' && camera.status === 'ready' && !busy && !scanPaused, onQrCode);

  // The first screen has settled once the button can be pressed, or the page knows why it cannot (no usable device,
  // no data): only then does the rest of the app (menus, history, other pages' strings) start loading.
  const firstScreenSettled =
    today.isError ||
    (!!today.data &&
      (!canPunchDevice ||
        (!(today.data.rules.photoRequired && (camera.status === 'idle' || camera.status === 'starting')) &&
          !(!geo.fix && (geo.status === 'idle' || geo.status === 'locating')))));
  useEffect(() => {
    if (firstScreenSettled) markFirstScreenReady();
  }, [firstScreenSettled]);

  if (today.isPending) return <LoadingState minHeight={320} />;
  if (today.isError) {
    return <ErrorState error={today.error} onRetry={() => void today.refetch()} />;
  }
  const data = today.data;

  // Why the big button cannot be pressed yet, while the camera or the location is still starting. When they have
  // failed for good, the button stays usable and the guidance says what the server will decide and what to do.
  const cameraWaiting = camera.status === 'idle' || camera.status === 'starting';
  const locationWaiting = !geo.fix && (geo.status === 'idle' || geo.status === 'locating');
  let blocked: string | null = null;
  if (!canPunchDevice) blocked = t('presensi.blocked.device');
  else if (mode === 'selfie' && data.rules.photoRequired && cameraWaiting)
    blocked = t('presensi.blocked.camera');
  else if (mode === 'selfie' && locationWaiting) blocked = t('presensi.blocked.location');

  // What the server will decide about a selfie punch taken now, from the same judge and rulebook (punch-guidance).
  const now = serverNow();
  const deviceState = DEVICE_STATE[binding.state];
  const previousPunchAt = data.punches
    .filter((p) => p.effectiveVerdict !== 'REJECTED')
    .reduce<number | null>((latest, p) => Math.max(latest ?? 0, Date.parse(p.occurredAt)), null);
  const guidanceContext: GuidanceContext = {
    kind,
    localDate: data.localDate,
    at: now,
    timeZone,
    fix: geo.fix,
    maxAccuracyM: rules?.maxAccuracyM ?? null,
  };
  const guidance =
    capture && canPunchDevice && mode === 'selfie' && !blocked && deviceState !== undefined
      ? punchGuidance(
          {
            now,
            places: data.places,
            location: geo.fix,
            device: deviceState,
            photo: camera.status === 'ready',
            previousPunchAt,
          },
          capture,
        )
      : null;
  // A phone that cannot punch yet because of its binding: what a punch would meet, and the next step meanwhile.
  const deviceGuidance =
    capture && !canPunchDevice && (binding.state === 'pending' || binding.state === 'rejected')
      ? guidanceForReason(binding.state === 'pending' ? 'DEVICE_PENDING' : 'UNREGISTERED_DEVICE', capture)
      : null;
  const predicted = guidance?.verdict ?? 'ACCEPTED';

  return (
    <Box maw={560} mx="auto" data-testid="presensi-page">
      <Stack gap="sm" data-attempts={attempts} data-testid="presensi-body">
        <HttpsNotice />
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <Stack gap={0}>
            <Title order={2} fz={{ base: 'h3', sm: 'h2' }}>
              {t('presensi.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('presensi.subtitle')}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end">
            <LiveClock timeZone={timeZone} size="lg" />
            <Badge
              color={online ? 'teal' : 'orange'}
              variant="light"
              leftSection={online ? <IconWifi size={12} /> : <IconWifiOff size={12} />}
              data-testid="connection-badge"
              data-online={online ? 'true' : 'false'}
            >
              {online ? t('presensi.online') : t('presensi.offline')}
            </Badge>
          </Stack>
        </Group>

        {!online && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconCloudOff size={18} />}
            data-testid="offline-notice"
          >
            {t('presensi.offlineNotice')}
          </Alert>
        )}

        <DeviceCard
          state={binding.state}
          online={online}
          deviceLabel={binding.server?.label ?? null}
          decisionNote={binding.ownRecord?.decisionNote ?? null}
          onRegister={binding.register}
        />

        {deviceGuidance && <PunchGuidance guidance={deviceGuidance} context={guidanceContext} />}

        {canPunchDevice && (
          <Card withBorder radius="md" padding="sm">
            <Stack gap="sm">
              <SegmentedControl
                fullWidth
                value={mode}
                onChange={(value) => {
                  setMode(value as Mode);
                  setOutcome(null);
                  setScanPaused(false);
                }}
                data={[
                  {
                    value: 'selfie',
                    label: (
                      <Group gap={6} justify="center" wrap="nowrap">
                        <IconCamera size={16} />
                        <span>{t('presensi.mode.selfie')}</span>
                      </Group>
                    ),
                  },
                  {
                    value: 'qr',
                    label: (
                      <Group gap={6} justify="center" wrap="nowrap">
                        <IconQrcode size={16} />
                        <span>{t('presensi.mode.qr')}</span>
                      </Group>
                    ),
                  },
                ]}
                aria-label={t('presensi.mode.label')}
                data-testid="mode-switch"
              />
              <CameraView
                videoRef={camera.videoRef}
                status={camera.status}
                mirrored={mode === 'selfie'}
                scanning={mode === 'qr'}
                onRetry={camera.retry}
              />
              <LocationStatus
                fix={geo.fix}
                status={geo.status}
                places={data.places}
                maxAccuracyM={rules?.maxAccuracyM ?? null}
              />
              {mode === 'selfie' ? (
                <Stack gap={4}>
                  <Button
                    size="xl"
                    h={72}
                    radius="md"
                    fullWidth
                    color={
                      predicted === 'REJECTED'
                        ? 'red'
                        : predicted === 'FLAGGED'
                          ? 'yellow'
                          : kind === 'IN'
                            ? 'teal'
                            : 'indigo'
                    }
                    leftSection={kind === 'IN' ? <IconLogin2 size={26} /> : <IconLogout2 size={26} />}
                    loading={busy}
                    disabled={!!blocked}
                    onClick={() => void punch()}
                    data-testid="punch-button"
                    data-kind={kind}
                    data-attempts={attempts}
                    data-verdict={guidance ? predicted : undefined}
                  >
                    <Stack gap={0} align="center">
                      <span>{t(kind === 'IN' ? 'presensi.checkIn' : 'presensi.checkOut')}</span>
                      {predicted !== 'ACCEPTED' && (
                        <Text span size="sm" fw={600} data-testid="punch-button-verdict">
                          {t(`presensi.guidance.button.${predicted}`)}
                        </Text>
                      )}
                    </Stack>
                  </Button>
                  {/* After a refusal the result below carries the same next steps: shown once. */}
                  {guidance && !(outcome?.type === 'sent' && outcome.punch.verdict !== 'ACCEPTED') && (
                    <PunchGuidance guidance={guidance} context={guidanceContext} />
                  )}
                  {blocked && (
                    <Text size="xs" c="dimmed" ta="center" data-testid="punch-blocked">
                      {blocked}
                    </Text>
                  )}
                  <UnstyledButton
                    onClick={() => setKindOverride(kind === 'IN' ? 'OUT' : 'IN')}
                    style={{ alignSelf: 'center' }}
                    data-testid="switch-kind"
                  >
                    <Text size="xs" c="blue" td="underline">
                      {t(kind === 'IN' ? 'presensi.switchToOut' : 'presensi.switchToIn')}
                    </Text>
                  </UnstyledButton>
                </Stack>
              ) : (
                <Stack gap={4}>
                  <Text
                    size="sm"
                    ta="center"
                    data-testid="qr-hint"
                    data-scanning={scanPaused ? 'false' : 'true'}
                  >
                    {!online
                      ? t('presensi.qr.needsOnline')
                      : scanPaused
                        ? t('presensi.qr.paused')
                        : t('presensi.qr.hint', { kind: t(`punch.kindText.${kind}`) })}
                  </Text>
                  {scanPaused && (
                    <Button
                      variant="light"
                      leftSection={<IconQrcode size={18} />}
                      onClick={() => {
                        setScanPaused(false);
                        setOutcome(null);
                      }}
                      disabled={busy}
                      data-testid="scan-again"
                    >
                      {t('presensi.qr.scanAgain')}
                    </Button>
                  )}
                  {debugQr && (
                    <form
                      onSubmit={(event) => {
                        event.preventDefault();
                        onQrCode(debugCode);
                      }}
                    >
                      <Group gap="xs" wrap="nowrap" align="flex-end">
                        <TextInput
                          label={t('presensi.qr.debugLabel')}
                          value={debugCode}
                          onChange={(e) => setDebugCode(e.currentTarget.value)}
                          style={{ flex: 1 }}
                          data-testid="debug-qr-input"
                        />
                        <Button type="submit" loading={busy} data-testid="debug-qr-submit">
                          {t('presensi.qr.debugSend')}
                        </Button>
                      </Group>
                    </form>
                  )}
                </Stack>
              )}
            </Stack>
          </Card>
        )}

        {outcome && (
          <PunchResultCard
            attempt={attempts}
            outcome={outcome}
            timeZone={timeZone}
            maxAccuracyM={rules?.maxAccuracyM ?? null}
            onClose={() => setOutcome(null)}
          />
        )}

        <QueueCard
          items={myQueue}
          outcomes={myOutcomes}
          syncing={queue.syncing}
          online={online}
          timeZone={timeZone}
          onSync={() => void syncQueue(employeeId, true)}
        />

        <TodayCard today={data} />
        <KinerjaReportButton />
        {belowTheFold && <RosterCard today={data.localDate} />}
        {belowTheFold && <HistoryCard employeeId={employeeId} fallback={<LoadingState minHeight={120} />} />}
      </Stack>
    </Box>
  );
}
