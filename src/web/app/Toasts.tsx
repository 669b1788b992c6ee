/**
 * The toast container, in its own chunk (main.tsx loads it lazily): importing it through this module lets the
 * bundler keep @mantine/notifications' container (and its transition and scroll-lock code) out of the first
 * bundle, while `notifications.show` (the small store) stays where it is used.
 */
export { Notifications as default } from '@mantine/notifications';
