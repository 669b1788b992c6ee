import { Avatar, Box, Button, Group, Stack, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconUserCircle } from '@tabler/icons-react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types.ts';
import { roleNames } from '../lib/roles.ts';
import { setLanguage, type Language } from '../text/i18n.ts';

/** Parts of the header shared by the app frame, its user menu (a lazy chunk) and the sign-in pages. */

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((part) => /^[A-Za-z]/.test(part))
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export function Logo() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={32} radius="md" variant="filled" aria-hidden>
        <Text fw={800} fz="lg" c="white" lh={1}>
          A
        </Text>
      </ThemeIcon>
      <Stack gap={0}>
        <Text fw={750} fz="lg" lh={1.1}>
          {t('app.name')}
        </Text>
        <Text fz={11} c="dimmed" lh={1.1} visibleFrom="xs">
          {t('app.tagline')}
        </Text>
      </Stack>
    </Group>
  );
}

/**
 * ID | EN: one choice of two (a radio group of two buttons, the current language filled), lighter in the first bundle
 * than a segmented control.
 */
export function LanguageToggle({ size = 'xs' }: { size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const current: Language = i18n.language === 'en' ? 'en' : 'id';
  return (
    <div role="radiogroup" aria-label={t('user.language')} data-testid="language-toggle">
      <Button.Group>
        {(['id', 'en'] as const).map((lang) => (
          <Button
            key={lang}
            size={size}
            px={8}
            role="radio"
            aria-checked={lang === current}
            variant={lang === current ? 'filled' : 'default'}
            onClick={() => lang !== current && setLanguage(lang)}
          >
            {lang.toUpperCase()}
          </Button>
        ))}
      </Button.Group>
    </div>
  );
}

/** The user menu's button (avatar, name, roles): alone until the menu's code has arrived, then its target. */
export const UserMenuButton = forwardRef<
  HTMLButtonElement,
  { me: Me } & Omit<ComponentPropsWithoutRef<'button'>, 'children' | 'color' | 'style'>
>(function UserMenuButton({ me, ...props }, ref) {
  const { t } = useTranslation();
  const roles = roleNames(me);
  return (
    <UnstyledButton ref={ref} aria-label={t('user.menu')} data-testid="user-menu" {...props}>
      <Group gap={8} wrap="nowrap">
        <Avatar radius="xl" size={32} color="teal">
          {initials(me.user.displayName) || <IconUserCircle size={18} />}
        </Avatar>
        <Box visibleFrom="sm" maw={200}>
          <Text size="sm" fw={600} truncate="end">
            {me.user.displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {roles.map((role) => t(`roles.${role}`)).join(', ')}
          </Text>
        </Box>
        <IconChevronDown size={14} />
      </Group>
    </UnstyledButton>
  );
});
