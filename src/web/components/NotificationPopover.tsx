import {
  Badge,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications as toasts } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import {
  useMarkAllRead,
  useNotifications,
  useOpenNotification,
  useUnreadCount,
  type Notification,
} from '../api/notifications.ts';
import { formatDateTime } from '../lib/format.ts';
import { useDescribeError } from './error-text.ts';
import { BellButton } from './NotificationBell.tsx';

/**
 * Opening a notification: the server checks the item is still visible to the reader, marks it read and answers
 * its link, which the app then shows; a refusal (the item is no longer the reader's to see) is shown as a toast
 * with its reason, and the notification stays as it was.
 */
export function useOpenAndGo() {
  const open = useOpenNotification();
  const navigate = useNavigate();
  const describe = useDescribeError();
  return {
    pending: open.isPending,
    go: (n: Pick<Notification, 'id'>, after?: () => void) =>
      open.mutate(n.id, {
        onSuccess: ({ link }) => {
          after?.();
          void navigate(link);
        },
        onError: (error) => {
          const text = describe(error);
          toasts.show({ color: 'red', title: text.title, message: text.detail ?? '' });
        },
      }),
  };
}

/** One notification in a list: unread dot, title, text, time. */
export function NotificationLine({ n, onOpen }: { n: Notification; onOpen: () => void }) {
  const unread = n.readAt === null;
  return (
    <UnstyledButton
      onClick={onOpen}
      data-testid="notification-item"
      data-unread={unread}
      style={{ display: 'block', width: '100%', borderRadius: 'var(--mantine-radius-sm)' }}
      px="xs"
      py={6}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Indicator color={unread ? 'red' : 'transparent'} size={8} position="middle-start" mt={8} ml={4} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 700 : 500} lineClamp={2}>
            {n.title}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {n.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(n.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/**
 * The bell's panel: the unread count, the latest notifications, a link to all of them (/notifikasi). A lazy chunk
 * (floating dropdown), loaded once the first screen is idle; NotificationBell shows BellButton alone until then.
 */
export function NotificationPopover({ defaultOpened = false }: { defaultOpened?: boolean }) {
  const { t } = useTranslation();
  const [opened, { close, toggle }] = useDisclosure(defaultOpened);
  const count = useUnreadCount();
  const latest = useNotifications({ unread: false, page: 1, pageSize: 6 }, opened);
  const markAll = useMarkAllRead();
  const { go } = useOpenAndGo();
  const n = count.data?.count ?? 0;

  return (
    <Popover
      opened={opened}
      onChange={(o) => !o && close()}
      position="bottom-end"
      width={340}
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <BellButton count={n} onClick={toggle} />
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="notification-popover">
        <Group justify="space-between" px="xs" mb={4}>
          <Text fw={700} size="sm">
            {t('notifications.title')}
          </Text>
          {n > 0 && (
            <Badge size="sm" color="red" variant="light">
              {t('notifications.unreadCount', { count: n })}
            </Badge>
          )}
        </Group>
        <Divider mb={4} />
        {latest.isPending ? (
          <Text size="sm" c="dimmed" p="xs">
            {t('notifications.loading')}
          </Text>
        ) : latest.isError ? (
          <Text size="sm" c="red" p="xs">
            {t('notifications.loadError')}
          </Text>
        ) : latest.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" p="xs">
            {t('notifications.empty')}
          </Text>
        ) : (
          <Stack gap={2} mah={380} style={{ overflowY: 'auto' }}>
            {latest.data.items.map((item) => (
              <NotificationLine key={item.id} n={item} onOpen={() => go(item, close)} />
            ))}
          </Stack>
        )}
        <Divider mt={4} />
        <Group justify="space-between" mt={6} px={4}>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={n === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
          <Button component={Link} to="/notifikasi" variant="light" size="compact-sm" onClick={close}>
            {t('notifications.seeAll')}
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
