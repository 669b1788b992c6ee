import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';
import { ErrorState } from '../components/ErrorState.tsx';
import { isApiError } from '../api/http.ts';

/** Last-resort error screen: a page chunk that failed to load (offline) or an unexpected render error. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isApiError(error)) {
    return (
      <Center mih="60vh" p="md">
        <ErrorState error={error} onRetry={() => window.location.reload()} />
      </Center>
    );
  }
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={420} ta="center">
        <Title order={3}>{t('states.errorTitle')}</Title>
        <Text c="dimmed">{t('states.chunkError')}</Text>
        <Button leftSection={<IconRefresh size={16} />} onClick={() => window.location.reload()}>
          {t('states.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
