import { Badge, Group, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconLanguage, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useLogout } from '../api/auth.ts';
import type { Me } from '../api/types.ts';
import { roleNames } from '../lib/roles.ts';
import { LanguageToggle, UserMenuButton } from './header-parts.tsx';

/**
 * The user menu (name, NIP, roles, language, profile, password, sign out): a lazy chunk, loaded once the first screen
 * is idle (AppLayout shows UserMenuButton alone until then; a click before it arrives opens it when it does).
 */
export function UserMenu({ me, defaultOpened = false }: { me: Me; defaultOpened?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const roles = roleNames(me);

  const handleLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        notifications.show({ color: 'teal', message: t('user.loggedOut') });
        void navigate('/login', { replace: true });
      },
    });
  };

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal defaultOpened={defaultOpened}>
      <Menu.Target>
        <UserMenuButton me={me} />
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            {me.user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {me.user.nip ?? me.user.username}
          </Text>
          <Group gap={4} mt={6}>
            {roles.map((role) => (
              <Badge key={role} size="xs" variant="light">
                {t(`roles.${role}`)}
              </Badge>
            ))}
          </Group>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Label>
          <Group justify="space-between" wrap="nowrap">
            <Group gap={6}>
              <IconLanguage size={14} />
              <span>{t('user.language')}</span>
            </Group>
            <LanguageToggle />
          </Group>
        </Menu.Label>
        <Menu.Divider />
        {me.user.employeeId && (
          <Menu.Item
            component={Link}
            to={`/pegawai/${me.user.employeeId}`}
            leftSection={<IconUserCircle size={16} />}
          >
            {t('nav.profile')}
          </Menu.Item>
        )}
        <Menu.Item component={Link} to="/ganti-sandi" leftSection={<IconKey size={16} />}>
          {t('user.changePassword')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} />}
          onClick={handleLogout}
          data-testid="logout"
        >
          {t('user.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
