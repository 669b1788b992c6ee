import { Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types.ts';
import { diffJson, showValue } from './json-diff.ts';

/** Before/after of one audit entry: changed fields highlighted, then the raw JSON. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffJson(entry.before, entry.after);
  const changed = rows.filter((row) => row.changed);
  return (
    <Stack gap="sm" data-testid="audit-diff">
      {changed.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480} type="native">
          <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" bg="var(--mantine-color-body)">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="25%">{t('audit.field')}</Table.Th>
                <Table.Th>{t('audit.before')}</Table.Th>
                <Table.Th>{t('audit.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changed.map((row) => (
                <Table.Tr key={row.field}>
                  <Table.Td ff="monospace">{row.field}</Table.Td>
                  <Table.Td bg="var(--mantine-color-red-light)" style={{ wordBreak: 'break-word' }}>
                    {showValue(row.before)}
                  </Table.Td>
                  <Table.Td bg="var(--mantine-color-teal-light)" style={{ wordBreak: 'break-word' }}>
                    {showValue(row.after)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <details>
        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>
          {t('audit.rawJson')}
        </summary>
        <Group grow align="flex-start" mt="xs" wrap="wrap">
          <Stack gap={4} miw={240}>
            <Text size="xs" fw={600}>
              {t('audit.before')}
            </Text>
            <Code block>{JSON.stringify(entry.before ?? null, null, 2)}</Code>
          </Stack>
          <Stack gap={4} miw={240}>
            <Text size="xs" fw={600}>
              {t('audit.after')}
            </Text>
            <Code block>{JSON.stringify(entry.after ?? null, null, 2)}</Code>
          </Stack>
        </Group>
        <Text size="xs" c="dimmed" mt="xs" style={{ wordBreak: 'break-all' }}>
          {t('audit.ip')}: {entry.ip ?? '—'} · {t('audit.hash')}:{' '}
          <span style={{ fontFamily: 'monospace' }}>{entry.hash}</span>
        </Text>
      </details>
    </Stack>
  );
}
