import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconLogin } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useLogin, useMe } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { LanguageToggle, Logo } from '../../app/header-parts.tsx';
import { clearSessionExpired } from '../../app/session.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** Only same-site paths are accepted as a return address. */
function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return '/';
  return value;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const returnTo = safeReturnPath(params.get('dari'));
  const expired = params.get('sesi') === 'berakhir';

  if (me.isPending) return <LoadingState minHeight={400} />;
  if (me.data && !login.isPending) {
    return <Navigate to={me.data.user.mustChangePassword ? '/ganti-sandi' : returnTo} replace />;
  }

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!identifier.trim() || !password) return;
    login.mutate(
      { identifier: identifier.trim(), password },
      {
        onSuccess: (result) => {
          clearSessionExpired();
          void navigate(result.user.mustChangePassword ? '/ganti-sandi' : returnTo, { replace: true });
        },
        onError: () => {
          setPassword('');
          setTouched(false);
        },
      },
    );
  };

  const error = login.error;
  const lockedUntil =
    isApiError(error) &&
    error.code === 'ACCOUNT_LOCKED' &&
    typeof error.details === 'object' &&
    error.details !== null
      ? (error.details as { lockedUntil?: string }).lockedUntil
      : undefined;

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <OfflineBanner />
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={420} gap="lg">
          <Group justify="space-between">
            <Logo />
            <LanguageToggle />
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            <form onSubmit={handleSubmit} noValidate aria-label={t('login.title')}>
              <Stack gap="md">
                <div>
                  <Title order={2} fz="h3">
                    {t('login.title')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('login.subtitle')}
                  </Text>
                </div>
                {expired && !error && (
                  <Alert
                    color="yellow"
                    icon={<IconClockHour4 size={18} />}
                    data-testid="session-expired"
                    role="status"
                  >
                    {t('login.sessionExpired')}
                  </Alert>
                )}
                {error &&
                  (lockedUntil ? (
                    <Alert
                      color="red"
                      icon={<IconAlertTriangle size={18} />}
                      role="alert"
                      data-testid="error-state"
                      data-error-code="ACCOUNT_LOCKED"
                    >
                      {t('login.lockedUntil', { time: formatDateTime(lockedUntil) })}
                    </Alert>
                  ) : (
                    <ErrorState error={error} compact />
                  ))}
                <TextInput
                  label={t('login.identifier')}
                  placeholder={t('login.identifierPlaceholder')}
                  autoComplete="username"
                  autoCapitalize="none"
                  autoFocus
                  required
                  value={identifier}
                  onChange={(event) => setIdentifier(event.currentTarget.value)}
                  error={touched && !identifier.trim() ? t('common.required') : undefined}
                  data-testid="login-identifier"
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={touched && !password ? t('common.required') : undefined}
                  data-testid="login-password"
                />
                <Button
                  type="submit"
                  fullWidth
                  size="md"
                  loading={login.isPending}
                  leftSection={<IconLogin size={18} />}
                >
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
          {/* The public's way in (issue 18): a citizen files or follows a complaint without an account. */}
          <Text size="sm" ta="center">
            {t('login.publicComplaint')}{' '}
            <Anchor component={Link} to="/lapor" data-testid="login-public-complaint">
              {t('login.publicComplaintLink')}
            </Anchor>
          </Text>
          <Text size="xs" c="dimmed" ta="center">
            {t('login.footer')} ·{' '}
            <Anchor href="/docs" size="xs" c="dimmed">
              API
            </Anchor>
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
