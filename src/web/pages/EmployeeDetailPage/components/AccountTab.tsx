import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconCheck,
  IconCopy,
  IconKey,
  IconLock,
  IconLockOpen,
  IconPlus,
  IconTrash,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRANTABLE_ROLES, type GrantableRole } from '../../../../shared/api/access.ts';
import {
  useAddGrant,
  useCreateAccount,
  useEmployeeAccount,
  useResetPassword,
  useRevokeGrant,
  useUpdateAccount,
  type Account,
} from '../../../api/accounts.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';

/** The temporary password, shown once after creating an account or resetting its password. */
function TemporaryPasswordAlert({ password, onClose }: { password: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      icon={<IconKey size={18} />}
      title={t('account.tempTitle')}
      withCloseButton
      onClose={onClose}
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Text ff="monospace" fw={700} size="lg" data-testid="temporary-password">
            {password}
          </Text>
          <CopyButton value={password}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('account.copied') : t('account.copy')}>
                <ActionIcon variant="subtle" onClick={copy} aria-label={t('account.copy')}>
                  {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t('account.tempHint')}</Text>
      </Stack>
    </Alert>
  );
}

function StatusBadges({ account }: { account: Account }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge color={account.active ? 'teal' : 'gray'} variant="light" data-testid="account-status">
        {account.active ? t('account.active') : t('account.inactive')}
      </Badge>
      {account.lockedUntil && (
        <Badge color="red" variant="light" leftSection={<IconLock size={12} />}>
          {t('account.lockedUntil', { time: formatDateTime(account.lockedUntil) })}
        </Badge>
      )}
      {account.mustChangePassword && (
        <Badge color="yellow" variant="light">
          {t('account.mustChange')}
        </Badge>
      )}
    </Group>
  );
}

function GrantsCard({
  account,
  employeeId,
  canGrant,
}: {
  account: Account;
  employeeId: string;
  canGrant: boolean;
}) {
  const { t } = useTranslation();
  const add = useAddGrant(employeeId);
  const revoke = useRevokeGrant(employeeId);
  const [role, setRole] = useState<GrantableRole | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const submit = () => {
    if (!role) return;
    add.mutate(
      { accountId: account.id, role, unitId },
      {
        onSuccess: () => {
          setRole(null);
          setUnitId(null);
        },
      },
    );
  };
  return (
    <Card padding="lg">
      <Title order={4} mb="xs">
        {t('account.grants')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('account.grantsHint')}
      </Text>
      {account.grants.length === 0 ? (
        <Text size="sm" data-testid="no-grants">
          {t('account.noGrants')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420} type="native">
          <Table data-testid="grant-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('account.role')}</Table.Th>
                <Table.Th>{t('account.scope')}</Table.Th>
                <Table.Th>{t('account.grantedBy')}</Table.Th>
                {canGrant && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {account.grants.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>{t(`roles.${g.role}`)}</Table.Td>
                  <Table.Td>{g.unitName ?? t('account.wholeOrganisation')}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{g.grantedBy ?? '—'}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(g.createdAt)}
                    </Text>
                  </Table.Td>
                  {canGrant && (
                    <Table.Td>
                      <Tooltip label={t('account.revoke')}>
                        <ActionIcon
                          color="red"
                          variant="subtle"
                          aria-label={`${t('account.revoke')} ${t(`roles.${g.role}`)}`}
                          loading={revoke.isPending && revoke.variables?.grantId === g.id}
                          onClick={() => revoke.mutate({ accountId: account.id, grantId: g.id })}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {revoke.error && <ErrorState error={revoke.error} compact />}
      {canGrant && (
        <Stack gap="xs" mt="md">
          <Group align="flex-end" wrap="wrap" gap="sm">
            <Select
              label={t('account.role')}
              placeholder={t('account.pickRole')}
              data={GRANTABLE_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(v) => setRole(v as GrantableRole | null)}
              w={200}
            />
            <UnitSelect
              label={t('account.scope')}
              placeholder={t('account.wholeOrganisation')}
              value={unitId}
              onChange={setUnitId}
              clearable
              w={320}
            />
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={submit}
              disabled={!role}
              loading={add.isPending}
            >
              {t('account.addGrant')}
            </Button>
          </Group>
          {add.error && <ErrorState error={add.error} compact />}
        </Stack>
      )}
    </Card>
  );
}

/**
 * The "Akun" tab of an employee: their login account (create with a one-time password, reset, unlock,
 * deactivate) and the roles it holds. Shown to account managers (admin OPD, BKD, super admin); granting roles
 * only to BKD and super admin. The server decides every action; this page only offers them.
 */
export function AccountTab({ employeeId, canGrant }: { employeeId: string; canGrant: boolean }) {
  const { t } = useTranslation();
  const query = useEmployeeAccount(employeeId);
  const create = useCreateAccount(employeeId);
  const reset = useResetPassword(employeeId);
  const update = useUpdateAccount(employeeId);
  const [temp, setTemp] = useState<string | null>(null);
  const showTemp = { onSuccess: (r: { temporaryPassword: string }) => setTemp(r.temporaryPassword) };

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const account = query.data.account;
  const failure = create.error ?? reset.error ?? update.error;

  return (
    <Stack gap="md">
      {temp && <TemporaryPasswordAlert password={temp} onClose={() => setTemp(null)} />}
      {failure && <ErrorState error={failure} compact />}
      {!account ? (
        <Card padding="lg">
          <Stack gap="sm" align="flex-start">
            <Text data-testid="no-account">{t('account.none')}</Text>
            <Button
              leftSection={<IconUserPlus size={16} />}
              loading={create.isPending}
              onClick={() => create.mutate(undefined, showTemp)}
            >
              {t('account.create')}
            </Button>
          </Stack>
        </Card>
      ) : (
        <>
          <Card padding="lg">
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <Stack gap={4}>
                <Text size="sm" c="dimmed">
                  {t('account.username')}
                </Text>
                <Text ff="monospace" fw={600} data-testid="account-username">
                  {account.username}
                </Text>
                <StatusBadges account={account} />
                <Text size="xs" c="dimmed">
                  {account.passwordChangedAt
                    ? t('account.passwordChangedAt', { time: formatDateTime(account.passwordChangedAt) })
                    : t('account.passwordNeverChanged')}
                </Text>
              </Stack>
              <Group gap="xs" wrap="wrap">
                <Button
                  variant="default"
                  leftSection={<IconKey size={16} />}
                  loading={reset.isPending}
                  onClick={() => reset.mutate(account.id, showTemp)}
                >
                  {t('account.reset')}
                </Button>
                {account.lockedUntil && (
                  <Button
                    variant="default"
                    leftSection={<IconLockOpen size={16} />}
                    loading={update.isPending}
                    onClick={() => update.mutate({ accountId: account.id, unlock: true })}
                  >
                    {t('account.unlock')}
                  </Button>
                )}
                <Button
                  variant="default"
                  color={account.active ? 'red' : 'teal'}
                  leftSection={account.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
                  loading={update.isPending}
                  onClick={() => update.mutate({ accountId: account.id, active: !account.active })}
                >
                  {account.active ? t('account.deactivate') : t('account.activate')}
                </Button>
              </Group>
            </Group>
          </Card>
          <GrantsCard account={account} employeeId={employeeId} canGrant={canGrant} />
        </>
      )}
    </Stack>
  );
}
