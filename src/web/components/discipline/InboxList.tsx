import { Badge, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { InboxItem, MineItem } from '../../api/discipline.ts';
import { formatNip } from '../../lib/format.ts';
import { DueText, OverdueBadge } from './parts.tsx';

const TYPE_COLORS: Record<InboxItem['type'], string> = {
  case: 'teal',
  indication: 'blue',
  salary_stop: 'orange',
  appeal: 'violet',
};

/** One thing waiting: the step to do, for whom, by when (overdue in red), as a link to its page. */
export function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      component={Link}
      to={item.link}
      data-testid="inbox-item"
      data-type={item.type}
      data-id={item.id}
      data-overdue={item.overdue ? 'true' : 'false'}
      style={{
        display: 'block',
        padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
        borderLeft: `3px solid var(--mantine-color-${item.overdue ? 'red-6' : 'transparent'})`,
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="wrap">
            <Badge size="xs" variant="light" color={TYPE_COLORS[item.type]}>
              {t(`disiplin.inbox.types.${item.type}`)}
            </Badge>
            {item.caseNumber && (
              <Text size="xs" c="dimmed" ff="monospace">
                {item.caseNumber}
              </Text>
            )}
            {item.reason === 'OVERSIGHT' && (
              <Badge size="xs" variant="outline" color="gray">
                {t('disiplin.inbox.oversight')}
              </Badge>
            )}
          </Group>
          <Text size="sm" fw={650} data-testid="inbox-step">
            {item.step}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {item.employee.name}
            {item.employee.nip ? ` · ${formatNip(item.employee.nip)}` : ''} · {item.unitName}
          </Text>
          <Group gap={6} wrap="wrap">
            <Text size="xs">{item.stateLabel}</Text>
            <DueText date={item.due} overdue={item.overdue} size="xs" />
            {item.overdue && <OverdueBadge size="xs" />}
          </Group>
        </Stack>
        <IconChevronRight size={16} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
      </Group>
    </UnstyledButton>
  );
}

/** The employee's own case or salary stop: its state and what happens next for them. */
export function MineRow({ item }: { item: MineItem }) {
  const { t } = useTranslation();
  return (
    <UnstyledButton
      component={Link}
      to={item.link}
      data-testid="mine-item"
      data-id={item.id}
      style={{
        display: 'block',
        padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="xs" variant="light" color={item.type === 'case' ? 'teal' : 'orange'}>
              {t(`disiplin.inbox.types.${item.type}`)}
            </Badge>
            {item.caseNumber && (
              <Text size="xs" c="dimmed" ff="monospace">
                {item.caseNumber}
              </Text>
            )}
          </Group>
          <Text size="sm" fw={600}>
            {item.stateLabel}
          </Text>
          {item.step && <Text size="xs">{item.step}</Text>}
          <DueText date={item.due} overdue={false} size="xs" />
        </Stack>
        <IconChevronRight size={16} color="var(--mantine-color-dimmed)" style={{ flexShrink: 0 }} />
      </Group>
    </UnstyledButton>
  );
}

/** A bordered list of rows (inbox or own items). */
export function RowList({ children, testId, label }: { children: ReactNode; testId: string; label: string }) {
  return (
    <Card withBorder radius="md" p={0} data-testid={testId} component="section" aria-label={label}>
      {children}
    </Card>
  );
}
