import { Badge, Card, Group, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../lib/format.ts';

/** A share 0..1 as "87%" (one decimal below 10%), "—" when unknown. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '—';
  const p = share * 100;
  return `${p < 10 && p > 0 ? p.toFixed(1).replace('.', ',') : Math.round(p)}%`;
}

/** A colour for a compliance share: green when high, orange in the middle, red when low, grey unknown. */
export function shareColor(share: number | null | undefined): string {
  if (share === null || share === undefined) return 'gray';
  if (share >= 0.9) return 'teal';
  if (share >= 0.75) return 'yellow';
  return 'red';
}

/** "On time 87% of 120 judged so far · 130 employees", or "nobody judged yet" early in the day. */
export function complianceLine(
  t: TFunction,
  s: { compliance: number | null; judged: number; total: number },
): string {
  return s.judged > 0
    ? t('home.today.compliance', {
        share: percent(s.compliance),
        judged: formatNumber(s.judged),
        total: formatNumber(s.total),
      })
    : t('home.today.notJudged', { total: formatNumber(s.total) });
}

/** One role's part of the home page: a heading and its cards. */
export function Section({
  title,
  subtitle,
  icon: IconComponent,
  testId,
  children,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  icon: Icon;
  testId: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack gap="sm" component="section" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <ThemeIcon variant="light" size={30} radius="md">
            <IconComponent size={18} stroke={1.7} />
          </ThemeIcon>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} fz={{ base: 'h4', sm: 'h3' }} id={`${testId}-title`}>
              {title}
            </Title>
            {subtitle && (
              <Text size="xs" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
        </Group>
        {actions}
      </Group>
      {children}
    </Stack>
  );
}

/** A card with a title (and optional link in its corner). */
export function HomeCard({
  title,
  to,
  linkLabel,
  testId,
  children,
}: {
  title: ReactNode;
  to?: string;
  linkLabel?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card padding="md" withBorder radius="md" data-testid={testId} h="100%">
      <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap">
        <Text fw={650} size="sm">
          {title}
        </Text>
        {to && linkLabel && (
          <Text component={Link} to={to} size="xs" c="teal.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {linkLabel}
          </Text>
        )}
      </Group>
      {children}
    </Card>
  );
}

/**
 * A count that leads somewhere ("3 izin menunggu" → the approvals page): the whole card is the link. A non-zero
 * count that waits for someone is shown in red.
 */
export function CountLink({
  to,
  label,
  count,
  icon: IconComponent,
  testId,
  urgent = false,
  hint,
}: {
  to: string;
  label: string;
  count: number;
  icon: Icon;
  testId: string;
  urgent?: boolean;
  hint?: ReactNode;
}) {
  const hot = urgent && count > 0;
  return (
    <UnstyledButton
      component={Link}
      to={to}
      data-testid={testId}
      data-count={count}
      aria-label={`${label}: ${formatNumber(count)}`}
      style={{
        display: 'block',
        border: `1px solid var(--mantine-color-${hot ? 'red-3' : 'default-border'})`,
        borderRadius: 'var(--mantine-radius-md)',
        background: 'var(--mantine-color-body)',
        padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
        height: '100%',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} lh={1.25}>
            {label}
          </Text>
          <Group gap={6} align="baseline" wrap="nowrap">
            <Text fz={26} fw={750} lh={1.1} c={hot ? 'red.7' : undefined}>
              {formatNumber(count)}
            </Text>
            {hint}
          </Group>
        </Stack>
        <Stack align="flex-end" gap={4}>
          <ThemeIcon variant="light" color={hot ? 'red' : 'gray'} size={30} radius="md">
            <IconComponent size={17} stroke={1.7} />
          </ThemeIcon>
          <IconChevronRight size={14} color="var(--mantine-color-dimmed)" />
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** A request or decision state as a coloured badge. */
export function StateBadge({ status, label }: { status: string; label: string }) {
  const color =
    status === 'DISETUJUI'
      ? 'teal'
      : status === 'DITOLAK'
        ? 'red'
        : status === 'DIBATALKAN'
          ? 'gray'
          : status === 'DISETUJUI_ATASAN'
            ? 'cyan'
            : 'yellow';
  return (
    <Badge size="sm" variant="light" color={color} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}
