import { Button } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState } from '../../components/EmptyState.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      icon={<IconMapQuestion size={28} />}
      title={t('states.notFoundTitle')}
      description={t('states.notFound')}
      action={
        <Button component={Link} to="/" variant="light">
          {t('states.toHome')}
        </Button>
      }
    />
  );
}
