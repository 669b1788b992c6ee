import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconWifiOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useDescribeError } from './error-text.ts';

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  /** Compact inline variant for forms. */
  compact?: boolean;
  /** Hide field issues that are already shown next to their fields. */
  hideIssues?: boolean;
}

/** A failed load or action: the message for its error code, the server detail, field issues, and a retry. */
export function ErrorState({ error, onRetry, compact, hideIssues }: ErrorStateProps) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const text = describe(error);
  const icon =
    text.code === 'NETWORK' ? (
      <IconWifiOff size={20} />
    ) : text.code === 'FORBIDDEN' ? (
      <IconLock size={20} />
    ) : (
      <IconAlertTriangle size={20} />
    );
  return (
    <Alert
      color={text.code === 'NETWORK' ? 'gray' : 'red'}
      variant="light"
      icon={icon}
      role="alert"
      data-testid="error-state"
      data-error-code={text.code}
      my={compact ? 0 : 'md'}
    >
      <Stack gap="xs">
        {/* The title is body text, not the Alert title: aria-labelledby would make the alert match
            getByLabel('Kata sandi') in browser tests whenever the message mentions a field. */}
        <Text size="sm" fw={600} c={text.code === 'NETWORK' ? undefined : 'red.8'} data-testid="error-title">
          {text.title}
        </Text>
        {text.detail && <Text size="sm">{text.detail}</Text>}
        {!hideIssues && text.issues.length > 0 && (
          <List size="sm" spacing={2}>
            {text.issues.map((issue, i) => (
              <List.Item key={`${issue.path}-${i}`}>{issue.message}</List.Item>
            ))}
          </List>
        )}
        {onRetry && (
          <div>
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}
