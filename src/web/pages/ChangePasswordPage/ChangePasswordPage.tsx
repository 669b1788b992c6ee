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
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconInfoCircle } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useChangePassword, useMe } from '../../api/auth.ts';
import { isApiError } from '../../api/http.ts';
import { LanguageToggle, Logo } from '../../app/AppLayout.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;
type Field = (typeof FIELDS)[number];

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const change = useChangePassword();
  const fieldErrors = useFieldErrors<Field>();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mustChange = !!me.data?.user.mustChangePassword;

  const validate = (): Partial<Record<Field, string>> => {
    const errors: Partial<Record<Field, string>> = {};
    if (!currentPassword) errors.currentPassword = t('common.required');
    if (newPassword.length < 10) errors.newPassword = t('changePassword.tooShort');
    else if (!/[A-Za-z]/.test(newPassword)) errors.newPassword = t('changePassword.needLetter');
    else if (!/\d/.test(newPassword)) errors.newPassword = t('changePassword.needDigit');
    else if (newPassword === currentPassword) errors.newPassword = t('changePassword.sameAsOld');
    if (confirm !== newPassword) errors.confirm = t('changePassword.mismatch');
    return errors;
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = validate();
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('changePassword.success') });
          void navigate('/', { replace: true });
        },
        onError: (error) => {
          if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
            fieldErrors.setErrors({ currentPassword: t('changePassword.wrongCurrent') });
          } else {
            fieldErrors.fromError(error, FIELDS);
          }
        },
      },
    );
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <OfflineBanner />
      <Center mih="100vh" p="md">
        <Stack w="100%" maw={440} gap="lg">
          <Group justify="space-between">
            <Logo />
            <LanguageToggle />
          </Group>
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 'xl' }} radius="lg">
            <form onSubmit={handleSubmit} noValidate aria-label={t('changePassword.title')}>
              <Stack gap="md">
                <Title order={2} fz="h3">
                  {t('changePassword.title')}
                </Title>
                {mustChange && (
                  <Alert
                    color="yellow"
                    icon={<IconInfoCircle size={18} />}
                    data-testid="must-change-password"
                  >
                    {t('changePassword.mustChange')}
                  </Alert>
                )}
                {change.error &&
                  !(isApiError(change.error) && change.error.code === 'INVALID_CREDENTIALS') && (
                    <ErrorState error={change.error} compact hideIssues />
                  )}
                <PasswordInput
                  label={t('changePassword.current')}
                  autoComplete="current-password"
                  required
                  value={currentPassword}
                  onChange={(e) => {
                    setCurrentPassword(e.currentTarget.value);
                    fieldErrors.clear('currentPassword');
                  }}
                  error={fieldErrors.errors.currentPassword}
                />
                <PasswordInput
                  label={t('changePassword.new')}
                  description={t('changePassword.hint')}
                  autoComplete="new-password"
                  required
                  value={newPassword}
                  onChange={(e) => {
                    setNewPassword(e.currentTarget.value);
                    fieldErrors.clear('newPassword');
                  }}
                  error={fieldErrors.errors.newPassword}
                />
                <PasswordInput
                  label={t('changePassword.confirm')}
                  autoComplete="new-password"
                  required
                  value={confirm}
                  onChange={(e) => {
                    setConfirm(e.currentTarget.value);
                    fieldErrors.clear('confirm');
                  }}
                  error={fieldErrors.errors.confirm}
                />
                <Button type="submit" loading={change.isPending} fullWidth size="md">
                  {t('changePassword.submit')}
                </Button>
                {!mustChange && (
                  <Anchor component={Link} to="/" size="sm">
                    <Group gap={4}>
                      <IconArrowLeft size={14} />
                      {t('common.back')}
                    </Group>
                  </Anchor>
                )}
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {me.data?.user.displayName}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
