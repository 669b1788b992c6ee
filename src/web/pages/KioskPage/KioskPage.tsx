import {
  ActionIcon,
  Alert,
  Box,
  Center,
  Group,
  Loader,
  RingProgress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconMaximize, IconWifiOff } from '@tabler/icons-react';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { fetchKioskCode } from '../../api/attendance.ts';
import type { KioskCode } from '../../api/attendance.ts';
import { isApiError } from '../../api/http.ts';
import { useDescribeError } from '../../components/error-text.ts';
import { defaultTimeZone, formatDate, formatTime, localDateIn } from '../../lib/format.ts';

/** Milliseconds before a code expires at which the next one is fetched. */
const REFRESH_LEAD_MS = 2_000;

/**
 * /kiosk/:id?token=…: the full-screen rotating QR code of a kiosk (a tablet at the office door or the apel
 * field). No login: the kiosk token is the credential. Each code is fetched shortly before the previous one
 * expires; the countdown runs on the server's clock (from the Date header), so a wrong tablet clock does not
 * show a stale code. The code's text is also on the QR element as `data-code`.
 */
export function KioskPage() {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unitName = params.get('unit') ?? '';
  const label = params.get('label') ?? '';
  const timeZone = params.get('tz') ?? defaultTimeZone();

  const [code, setCode] = useState<KioskCode | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [fatal, setFatal] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const [size, setSize] = useState(() => Math.min(window.innerWidth, window.innerHeight) * 0.62);

  // Fetch a code, then the next one shortly before it expires; on failure retry every few seconds.
  useEffect(() => {
    if (!id || !token) return;
    let timer: number | undefined;
    const controller = new AbortController();
    const load = async () => {
      try {
        const result = await fetchKioskCode(id, token, controller.signal);
        const skew = result.offsetMs ?? 0;
        setCode(result.code);
        setOffset(skew);
        setError(null);
        const msLeft = result.code.expiresAt - (Date.now() + skew);
        timer = window.setTimeout(load, Math.max(1_000, msLeft - REFRESH_LEAD_MS));
      } catch (e) {
        if (controller.signal.aborted) return;
        setError(e);
        const status = isApiError(e) ? e.status : 0;
        if (status === 401 || status === 403 || status === 404 || status === 410) {
          setFatal(true);
          return;
        }
        timer = window.setTimeout(load, 3_000);
      }
    };
    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [id, token]);

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 250);
    const resize = () => setSize(Math.min(window.innerWidth, window.innerHeight) * 0.62);
    window.addEventListener('resize', resize);
    return () => {
      window.clearInterval(tick);
      window.removeEventListener('resize', resize);
    };
  }, []);

  // Keep the tablet's screen on while the kiosk shows codes.
  useEffect(() => {
    let lock: { release: () => Promise<void> } | null = null;
    const wake = (
      navigator as Navigator & { wakeLock?: { request: (type: 'screen') => Promise<typeof lock> } }
    ).wakeLock;
    const request = () => {
      if (wake && document.visibilityState === 'visible') {
        wake.request('screen').then(
          (l) => (lock = l),
          () => undefined,
        );
      }
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      document.removeEventListener('visibilitychange', request);
      void lock?.release().catch(() => undefined);
    };
  }, []);

  useEffect(() => {
    if (!code || !canvasRef.current) return;
    void QRCode.toCanvas(canvasRef.current, code.code, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: Math.max(200, Math.round(size)),
    }).catch(() => undefined);
  }, [code, size]);

  const serverTime = now + offset;
  const msLeft = code ? Math.max(0, code.expiresAt - serverTime) : 0;
  const secondsLeft = Math.ceil(msLeft / 1000);
  const expired = !!code && msLeft <= 0;
  const fraction = code ? Math.min(100, (msLeft / (code.rotateSeconds * 1000)) * 100) : 0;

  if (!token) {
    return (
      <Center mih="100vh" p="md">
        <Alert color="red" title={t('kiosk.noTokenTitle')}>
          {t('kiosk.noToken')}
        </Alert>
      </Center>
    );
  }

  return (
    <Box
      mih="100vh"
      bg="white"
      p={{ base: 'sm', sm: 'xl' }}
      data-testid="kiosk-page"
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Title order={1} fz={{ base: 'h3', sm: 'h1' }} data-testid="kiosk-unit">
            {unitName || t('kiosk.title')}
          </Title>
          {label && (
            <Text size="lg" c="dimmed">
              {label}
            </Text>
          )}
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text fz={{ base: 28, sm: 44 }} fw={700} ff="monospace" lh={1} data-testid="kiosk-clock">
            {formatTime(serverTime, timeZone, { seconds: true })}
          </Text>
          <Text c="dimmed">{formatDate(localDateIn(serverTime, timeZone))}</Text>
        </Stack>
      </Group>

      <Center style={{ flex: 1 }}>
        {fatal ? (
          <Alert color="red" title={t('kiosk.endedTitle')} data-testid="kiosk-ended" maw={480}>
            {t('kiosk.ended')} {describe(error).detail}
          </Alert>
        ) : !code ? (
          error ? (
            <Alert color="gray" icon={<IconWifiOff size={18} />} maw={480}>
              {describe(error).title}
            </Alert>
          ) : (
            <Loader size="xl" />
          )
        ) : (
          <Stack align="center" gap="md">
            <Box
              pos="relative"
              data-testid="kiosk-qr"
              data-code={expired ? '' : code.code}
              data-window={code.window}
              style={{ filter: expired ? 'blur(6px)' : undefined, transition: 'filter 0.2s' }}
            >
              <canvas ref={canvasRef} aria-label={t('kiosk.qrLabel')} role="img" />
            </Box>
            <Group gap="md" wrap="nowrap">
              <RingProgress
                size={72}
                thickness={7}
                roundCaps
                sections={[{ value: fraction, color: secondsLeft <= 5 ? 'orange' : 'teal' }]}
                label={
                  <Text ta="center" fw={700} data-testid="kiosk-countdown">
                    {secondsLeft}
                  </Text>
                }
              />
              <Text size="lg">{t('kiosk.instruction')}</Text>
            </Group>
            {error != null && (
              <Text c="orange.8" size="sm" data-testid="kiosk-connection">
                <IconWifiOff size={14} /> {t('kiosk.reconnecting')}
              </Text>
            )}
          </Stack>
        )}
      </Center>

      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {t('app.name')} · {t('kiosk.footer')}
        </Text>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('kiosk.fullscreen')}
          onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
        >
          <IconMaximize size={18} />
        </ActionIcon>
      </Group>
    </Box>
  );
}
