import { Alert, Progress, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TppImportRowError } from '../../api/tpp.ts';
import { groupImportErrors } from './tpp-view.ts';

/** An upload's bad rows, by line (the file as a whole first), each with its column and reason. */
export function ImportErrors({ errors }: { errors: readonly TppImportRowError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  const groups = groupImportErrors(errors);
  return (
    <Alert color="red" variant="light" p="xs" data-testid="tpp-import-errors" data-count={errors.length}>
      <ScrollArea.Autosize mah={320}>
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Tbody>
            {groups.map((g) => (
              <Table.Tr key={g.line ?? 'file'} data-line={g.line ?? ''}>
                <Table.Td fw={600} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                  {g.line === null ? t('tpp.tariffs.wholeFile') : t('tpp.tariffs.line', { line: g.line })}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {g.messages.map((m, i) => (
                      <Text key={i} size="sm">
                        {m.column ? <b>{m.column}: </b> : null}
                        {m.message}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Alert>
  );
}

/** The upload's progress bar while sending (0..1), nothing otherwise. */
export function UploadProgress({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return null;
  return <Progress value={Math.round(value * 100)} size="sm" animated aria-label={t('common.loading')} />;
}
