import { Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types.ts';
import { diffJson, showValue } from './json-diff.ts';

/** A field's label in the UI language (nested fields: each part), or the field itself. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string) =>
    field
      .split('.')
      .map((part) => t(`audit.fields.${part}`, { defaultValue: part }))
      .join(' · ');
}

/** A value with ids replaced by the names the server sent (employees, units, positions, accounts). */
export function showNamed(value: unknown, names: Record<string, string>): string {
  if (typeof value === 'string' && names[value]) return names[value];
  return showValue(value);
}

/** Before/after of one audit entry: the changed fields with their labels and names, then the raw JSON. */
export function AuditDiff({ entry, names }: { entry: AuditEntry; names: Record<string, string> }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const rows = diffJson(entry.before, entry.after);
  const changed = rows.filter((row) => row.changed);
  return (
    <Stack gap="sm" data-testid="audit-diff">
      {changed.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('audit.noChanges')}
        </Text>
      ) : (
        <Table
          withTableBorder
          withColumnBorders
          verticalSpacing={4}
          fz="sm"
          bg="var(--mantine-color-body)"
          layout="fixed"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="30%">{t('audit.field')}</Table.Th>
              <Table.Th>{t('audit.before')}</Table.Th>
              <Table.Th>{t('audit.after')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {changed.map((row) => (
              <Table.Tr key={row.field} data-field={row.field}>
                <Table.Td style={{ wordBreak: 'break-word' }}>{label(row.field)}</Table.Td>
                <Table.Td bg="var(--mantine-color-red-light)" style={{ wordBreak: 'break-word' }}>
                  {showNamed(row.before, names)}
                </Table.Td>
                <Table.Td bg="var(--mantine-color-teal-light)" style={{ wordBreak: 'break-word' }}>
                  {showNamed(row.after, names)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <details>
        <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-sm)' }}>
          {t('audit.rawJson')}
        </summary>
        <Group grow align="flex-start" mt="xs" wrap="wrap">
          <Stack gap={4} miw={0}>
            <Text size="xs" fw={600}>
              {t('audit.before')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(entry.before ?? null, null, 2)}
            </Code>
          </Stack>
          <Stack gap={4} miw={0}>
            <Text size="xs" fw={600}>
              {t('audit.after')}
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(entry.after ?? null, null, 2)}
            </Code>
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
