import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  List,
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
import { LanguageToggle, Logo } from '../../app/header-parts.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { OfflineBanner } from '../../components/OfflineBanner.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { localReasons, lockedUntilOf, serverReasons, usePasswordPolicy } from './password-policy.ts';

const FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;
type Field = (typeof FIELDS)[number];

/** The password policy's rules as shown under the new password (src/core/access/password-policy.ts). */
const RULES = ['length', 'common', 'pattern', 'personal', 'reused'] as const;
/** Errors shown on the fields themselves rather than above the form. */
const FIELD_ERROR_CODES = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'VALIDATION']);

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const change = useChangePassword();
  const fieldErrors = useFieldErrors<Field>();
  const { minLength } = usePasswordPolicy();
  /** Why the new password is refused (the policy's reasons: several at once). */
  const [reasons, setReasons] = useState<string[]>([]);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const mustChange = !!me.data?.user.mustChangePassword;

  const validate = (): { errors: Partial<Record<Field, string>>; reasons: string[] } => {
    const errors: Partial<Record<Field, string>> = {};
    if (!currentPassword) errors.currentPassword = t('common.required');
    const user = me.data?.user;
    const reasons = localReasons(t, newPassword, minLength, {
      username: user?.username,
      nip: user?.nip,
      names: [user?.displayName],
      current: currentPassword || undefined,
    });
    if (confirm !== newPassword) errors.confirm = t('changePassword.mismatch');
    return { errors, reasons };
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const { errors, reasons } = validate();
    fieldErrors.setErrors(errors);
    setReasons(reasons);
    if (Object.keys(errors).length > 0 || reasons.length > 0) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('changePassword.success') });
          void navigate('/', { replace: true });
        },
        onError: (error) => {
          const lockedUntil = lockedUntilOf(error);
          if (isApiError(error) && error.code === 'INVALID_CREDENTIALS') {
            fieldErrors.setErrors({ currentPassword: t('changePassword.wrongCurrent') });
          } else if (lockedUntil) {
            fieldErrors.setErrors({
              currentPassword: t('changePassword.locked', { time: formatDateTime(lockedUntil) }),
            });
          } else {
            fieldErrors.fromError(error, FIELDS);
            setReasons(serverReasons(t, error, minLength));
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
                {change.error && !(isApiError(change.error) && FIELD_ERROR_CODES.has(change.error.code)) && (
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
                    setReasons([]);
                  }}
                  error={
                    reasons.length > 0 ? (
                      <Stack gap={2} data-testid="password-reasons">
                        {reasons.map((r) => (
                          <span key={r}>{r}</span>
                        ))}
                      </Stack>
                    ) : (
                      fieldErrors.errors.newPassword
                    )
                  }
                />
                <div data-testid="password-rules">
                  <Text size="xs" c="dimmed">
                    {t('changePassword.rulesTitle')}
                  </Text>
                  <List size="xs" c="dimmed" spacing={2}>
                    {RULES.map((rule) => (
                      <List.Item key={rule}>{t(`changePassword.rules.${rule}`, { n: minLength })}</List.Item>
                    ))}
                  </List>
                </div>
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
