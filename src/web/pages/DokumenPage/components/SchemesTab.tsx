import { Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLetterNumberSchemes, type LetterNumberScheme } from '../../../api/documents.ts';
import { DataTable, type Column } from '../../../components/DataTable.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { formatDateTime, localDateIn } from '../../../lib/format.ts';
import { SchemeFormModal } from './SchemeFormModal.tsx';

/**
 * "Penomoran surat": the schemes per unit and letter type, each with the number its next letter of this year would
 * get (the year's counter restarts at 1 each year), added and changed in a dialog.
 */
export function SchemesTab() {
  const { t } = useTranslation();
  const schemes = useLetterNumberSchemes();
  const [editing, setEditing] = useState<LetterNumberScheme | 'new' | null>(null);
  const items = schemes.data?.items ?? [];
  const year = localDateIn(Date.now()).slice(0, 4);

  const columns: Column<LetterNumberScheme>[] = [
    {
      key: 'unit',
      header: t('documents.numbering.columns.unit'),
      card: 'title',
      render: (s) => (
        <Text size="sm" fw={600}>
          {s.unitName}
        </Text>
      ),
    },
    {
      key: 'type',
      header: t('documents.numbering.columns.letterType'),
      render: (s) => t(`documents.letterTypes.${s.letterType}`),
    },
    {
      key: 'year',
      header: t('documents.numbering.year'),
      width: 70,
      render: () => year,
    },
    {
      key: 'pattern',
      header: t('documents.numbering.columns.pattern'),
      card: 'wide',
      render: (s) => <Code style={{ overflowWrap: 'anywhere' }}>{s.pattern}</Code>,
    },
    {
      key: 'next',
      header: t('documents.numbering.columns.next'),
      card: 'wide',
      render: (s) => (
        <Text
          size="sm"
          fw={700}
          ff="monospace"
          style={{ overflowWrap: 'anywhere' }}
          data-testid="scheme-next"
        >
          {s.nextNumber}
        </Text>
      ),
    },
    {
      key: 'updated',
      header: t('documents.numbering.columns.updated'),
      visibleFrom: 'md',
      render: (s) => (
        <Text size="xs" c="dimmed">
          {formatDateTime(s.updatedAt)}
        </Text>
      ),
    },
    {
      key: 'actions',
      header: '',
      cardLabel: t('common.actions'),
      align: 'right',
      render: (s) => (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPencil size={14} />}
          onClick={() => setEditing(s)}
          aria-label={t('documents.numbering.editAria', {
            type: t(`documents.letterTypes.${s.letterType}`),
            unit: s.unitName,
          })}
          data-testid="scheme-edit"
        >
          {t('documents.numbering.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => setEditing('new')}
          disabled={!schemes.data}
          data-testid="scheme-add"
        >
          {t('documents.numbering.add')}
        </Button>
      </Group>
      {schemes.isPending ? (
        <LoadingState />
      ) : schemes.isError && !schemes.data ? (
        <ErrorState error={schemes.error} onRetry={() => void schemes.refetch()} />
      ) : (
        <DataTable
          columns={columns}
          rows={items}
          rowKey={(s) => s.id}
          fetching={schemes.isFetching && !schemes.isPending}
          phone="cards"
          minWidth={720}
          testId="scheme-table"
          caption={t('documents.tabs.numbering')}
          emptyTitle={t('documents.numbering.emptyTitle')}
          emptyDescription={t('documents.numbering.empty')}
          rowProps={(s) => ({
            'data-testid': 'scheme-row',
            'data-unit-id': s.unitId,
            'data-letter-type': s.letterType,
          })}
        />
      )}
      <SchemeFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        scheme={editing === 'new' ? null : editing}
        schemes={items}
      />
    </Stack>
  );
}
