import { Box, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { IconCameraOff, IconQrcode } from '@tabler/icons-react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraStatus } from '../../../lib/camera.ts';

interface CameraViewProps {
  videoRef: RefObject<HTMLVideoElement | null>;
  status: CameraStatus;
  mirrored: boolean;
  scanning?: boolean;
  onRetry: () => void;
}

/** The live camera preview (4:3), with what to do when the camera cannot start. */
export function CameraView({ videoRef, status, mirrored, scanning, onRetry }: CameraViewProps) {
  const { t } = useTranslation();
  const problem = status === 'denied' || status === 'unavailable' || status === 'error';
  return (
    <Box
      pos="relative"
      bg="dark.7"
      style={{ aspectRatio: '4 / 3', borderRadius: 'var(--mantine-radius-md)', overflow: 'hidden' }}
      data-testid="camera"
      data-status={status}
    >
      <video
        ref={videoRef}
        muted
        playsInline
        autoPlay
        aria-label={t('presensi.camera.preview')}
        style={{
          width: '100%',
          height: '100%',
          objectFit: 'cover',
          transform: mirrored ? 'scaleX(-1)' : undefined,
          display: status === 'ready' ? 'block' : 'none',
        }}
      />
      {scanning && status === 'ready' && (
        <Center pos="absolute" inset={0} style={{ pointerEvents: 'none' }}>
          <Box
            w="60%"
            style={{
              aspectRatio: '1 / 1',
              border: '3px solid rgba(255,255,255,0.85)',
              borderRadius: 12,
              boxShadow: '0 0 0 999px rgba(0,0,0,0.25)',
            }}
          />
        </Center>
      )}
      {status !== 'ready' && (
        <Center pos="absolute" inset={0} p="md">
          <Stack align="center" gap="xs">
            {problem ? (
              <IconCameraOff size={36} color="white" />
            ) : scanning ? (
              <IconQrcode size={36} color="white" />
            ) : (
              <Loader color="white" size="sm" />
            )}
            <Text c="white" size="sm" ta="center">
              {t(`presensi.camera.${status}`)}
            </Text>
            {problem && (
              <Button size="xs" variant="white" onClick={onRetry}>
                {t('common.retry')}
              </Button>
            )}
          </Stack>
        </Center>
      )}
    </Box>
  );
}
