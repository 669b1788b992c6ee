import { Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import type { DragEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../../../lib/format.ts';

interface FileDropProps {
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
  error?: string | null;
  /** The file input's accept list (default: CSV and Excel). */
  accept?: string;
  /** The hint under the prompt (default: the import page's). */
  hint?: string;
}

/** A drop zone that is also a real file input (keyboard and test friendly). */
export function FileDrop({ file, onFile, disabled, error, accept, hint }: FileDropProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const [over, setOver] = useState(false);

  const handleDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = event.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };

  return (
    <Stack gap={4}>
      <Paper
        component="label"
        htmlFor={inputId}
        withBorder
        p="xl"
        radius="md"
        onDragOver={(e: DragEvent) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={handleDrop}
        data-testid="import-dropzone"
        style={{
          borderStyle: 'dashed',
          borderWidth: 2,
          borderColor: error
            ? 'var(--mantine-color-red-6)'
            : over
              ? 'var(--mantine-color-teal-6)'
              : undefined,
          background: over ? 'var(--mantine-color-teal-0)' : undefined,
          cursor: disabled ? 'not-allowed' : 'pointer',
          opacity: disabled ? 0.6 : 1,
        }}
      >
        <Group justify="center" gap="md" wrap="nowrap">
          <ThemeIcon size={48} radius="xl" variant="light">
            {file ? <IconFileSpreadsheet size={26} /> : <IconUpload size={26} />}
          </ThemeIcon>
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={500}>
              {file
                ? t('import.chosen', { name: file.name, size: formatFileSize(file.size) })
                : t('import.drop')}
            </Text>
            <Text size="sm" c="dimmed">
              {hint ?? t('import.fileHint')}
            </Text>
          </Stack>
        </Group>
        <input
          id={inputId}
          type="file"
          accept={
            accept ?? '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          }
          aria-label={t('import.file')}
          data-testid="import-file-input"
          disabled={disabled}
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
          onChange={(e) => {
            onFile(e.currentTarget.files?.[0] ?? null);
            e.currentTarget.value = '';
          }}
        />
      </Paper>
      {error && (
        <Text size="sm" c="red" role="alert" data-testid="import-file-error">
          {error}
        </Text>
      )}
    </Stack>
  );
}
