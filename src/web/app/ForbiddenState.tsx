import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState.tsx';

export function ForbiddenState() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconLock size={28} />}
      title={t('states.forbiddenTitle')}
      description={t('states.forbidden')}
      action={
        <Button component={Link} to="/" variant="light">
          {t('states.toHome')}
        </Button>
      }
    />
  );
}
