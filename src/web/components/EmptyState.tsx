import { EmptyState as MantineEmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface EmptyStateProps {
  title?: string;
  description?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
}

/** Nothing to show yet, with an optional next step. */
export function EmptyState({ title, description, icon, action }: EmptyStateProps) {
  const { t } = useTranslation();
  return (
    <MantineEmptyState
      data-testid="empty-state"
      py="xl"
      variant="light"
      title={title ?? t('states.emptyTitle')}
      description={description}
      icon={icon ?? <IconInbox size={28} />}
    >
      {action}
    </MantineEmptyState>
  );
}
