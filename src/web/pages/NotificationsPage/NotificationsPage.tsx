import {
  Alert,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { IconBellRinging, IconCheck } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  currentSubscription,
  disablePush,
  enablePush,
  pushSupported,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  usePushConfig,
} from '../../api/notifications.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { NotificationLine, useOpenAndGo } from '../../components/NotificationPopover.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

const PAGE_SIZE = 20;

/** Web Push on this device: on/off, when the installation sends push and the browser can receive it. */
function PushSetting() {
  const { t } = useTranslation();
  const config = usePushConfig();
  const [on, setOn] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    void currentSubscription().then(
      (s) => setOn(s !== null),
      () => setOn(false),
    );
  }, []);
  if (!config.data?.enabled || !config.data.publicKey)
    return (
      <Text size="sm" c="dimmed">
        {config.isPending ? t('notifications.loading') : t('notifications.pushOff')}
      </Text>
    );
  if (!pushSupported())
    return (
      <Text size="sm" c="dimmed">
        {t('notifications.pushUnsupported')}
      </Text>
    );
  const toggle = async (next: boolean) => {
    setBusy(true);
    setProblem(null);
    try {
      if (next) await enablePush(config.data!.publicKey!);
      else await disablePush();
      setOn(next);
    } catch (err) {
      setProblem(
        (err as Error).message === 'denied' ? t('notifications.pushDenied') : t('notifications.pushFailed'),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4}>
      <Switch
        checked={on === true}
        disabled={on === null || busy}
        onChange={(e) => void toggle(e.currentTarget.checked)}
        label={t('notifications.pushLabel')}
        description={t('notifications.pushHint')}
        data-testid="push-toggle"
      />
      {problem && (
        <Text size="xs" c="red">
          {problem}
        </Text>
      )}
    </Stack>
  );
}

/**
 * /notifikasi: the notification centre — all or unread, newest first, each opening the item it is about (checked
 * again by the server), marked read one by one or all at once; Web Push for this device. `?buka=<id>` (a tap on
 * a push) opens that notification at once.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [unread, setUnread] = useState(false);
  const [page, setPage] = useState(1);
  const list = useNotifications({ unread, page, pageSize: PAGE_SIZE });
  const markAll = useMarkAllRead();
  const markRead = useMarkRead();
  const { go, pending } = useOpenAndGo();
  const opening = useRef<string | null>(null);

  const toOpen = params.get('buka');
  useEffect(() => {
    if (!toOpen || opening.current === toOpen) return;
    opening.current = toOpen;
    setParams({}, { replace: true });
    go({ id: toOpen });
  }, [toOpen]);

  const pages = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={t('notifications.subtitle')}
        actions={
          <Button
            variant="light"
            leftSection={<IconCheck size={16} />}
            disabled={!list.data || list.data.unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="mark-all-read"
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Stack gap="md" maw={760}>
        <Paper withBorder p="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <SegmentedControl
              value={unread ? 'unread' : 'all'}
              onChange={(v) => {
                setUnread(v === 'unread');
                setPage(1);
              }}
              data={[
                { value: 'all', label: t('notifications.all') },
                { value: 'unread', label: t('notifications.unreadOnly') },
              ]}
            />
            {list.data && list.data.unread > 0 && (
              <Badge color="red" variant="light">
                {t('notifications.unreadCount', { count: list.data.unread })}
              </Badge>
            )}
          </Group>
        </Paper>
        {pending && <Alert color="blue">{t('notifications.opening')}</Alert>}
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState
            icon={<IconBellRinging size={28} />}
            title={unread ? t('notifications.noneUnread') : t('notifications.empty')}
            description={t('notifications.emptyHint')}
          />
        ) : (
          <Paper withBorder p="xs" data-testid="notification-list">
            <Stack gap={2}>
              {list.data.items.map((n) => (
                <Group key={n.id} justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <NotificationLine n={n} onOpen={() => go(n)} />
                  </div>
                  {n.readAt === null && (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      mt={6}
                      onClick={() => markRead.mutate(n.id)}
                      aria-label={t('notifications.markRead')}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </Group>
              ))}
            </Stack>
          </Paper>
        )}
        {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Text fw={600}>{t('notifications.pushTitle')}</Text>
            <PushSetting />
            <Text size="xs" c="dimmed">
              {t('notifications.digestHint')}
            </Text>
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}
