import { Card, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useInspectionsList } from '../../api/inspections.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';

/**
 * Inspections: the list of the caller's scope with search. Add its strings to text/id-pages.ts and en.ts, a `lazyPage`
 * line in app/routes.tsx and a line in app/nav.ts (docs/modules.md).
 */
export function InspectionsPage() {
  const [q, setQ] = useState('');
  const list = useInspectionsList({ q: q || undefined, page: 1, pageSize: 50 });
  return (
    <Stack>
      <PageHeader title="Inspections" />
      <TextInput label="Cari" value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={320} />
      <Card>
        {list.isPending ? (
          <LoadingState />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title="Belum ada data" />
        ) : (
          <Table>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{formatDate(item.date)}</Table.Td>
                  <Table.Td>{item.title}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {item.unitName}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}
