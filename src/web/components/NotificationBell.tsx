import { ActionIcon, Indicator } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnreadCount } from '../api/notifications.ts';
import { useAfterFirstScreen } from '../lib/after-first-screen.ts';
import { backgroundLazy } from './BackgroundChunk.tsx';

const NotificationPopover = backgroundLazy(() =>
  import('./NotificationPopover.tsx').then((m) => ({ default: m.NotificationPopover })),
);

/** The bell with the unread count: alone until the panel's code has arrived, then the panel's target. */
export const BellButton = forwardRef<
  HTMLDivElement,
  { count: number; onClick: () => void } & Omit<
    ComponentPropsWithoutRef<'div'>,
    'onClick' | 'color' | 'style'
  >
>(function BellButton({ count: n, onClick, ...props }, ref) {
  const { t } = useTranslation();
  const label = n > 0 ? t('notifications.bellUnread', { count: n }) : t('notifications.bell');
  return (
    <Indicator
      ref={ref}
      {...props}
      disabled={n === 0}
      label={
        <span data-testid="notification-count" data-count={n}>
          {n > 99 ? '99+' : n}
        </span>
      }
      size={18}
      color="red"
      offset={5}
    >
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        title={label}
        onClick={onClick}
        data-testid="notification-bell"
      >
        <IconBell size={20} />
      </ActionIcon>
    </Indicator>
  );
});

/** The bell in the header: the unread count at once, the panel with the latest notifications when idle or clicked. */
export function NotificationBell() {
  const count = useUnreadCount();
  const [ready, now] = useAfterFirstScreen();
  const [openOnLoad, setOpenOnLoad] = useState(false);
  const button = (
    <BellButton
      count={count.data?.count ?? 0}
      onClick={() => {
        setOpenOnLoad(true);
        now();
      }}
    />
  );
  if (!ready) return button;
  return <NotificationPopover defaultOpened={openOnLoad} fallback={button} />;
}
