import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileUpload, IconTrash, IconUserPlus } from '@tabler/icons-react';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  itemsOf,
  uploadTerminalLog,
  useCreateTerminalUser,
  useDeleteTerminalUser,
  useTerminalUsers,
} from '../../api/attendance.ts';
import type { TerminalImportResult } from '../../api/attendance.ts';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { useFieldErrors } from '../../components/field-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatNip, formatNumber } from '../../lib/format.ts';
import { FileDrop } from '../ImportPage/components/FileDrop.tsx';

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} c={color}>
        {formatNumber(value)}
      </Text>
    </Card>
  );
}

function ImportReport({ result, dryRun }: { result: TerminalImportResult; dryRun: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="terminal-report">
      {dryRun && (
        <Alert color="blue" variant="light">
          {t('terminal.dryRunDone')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat label={t('terminal.totalLines')} value={result.totalLines} testId="terminal-total" />
        <Stat
          label={t('terminal.imported')}
          value={result.imported}
          color="teal"
          testId="terminal-imported"
        />
        <Stat
          label={t('terminal.duplicates')}
          value={result.duplicates}
          color="gray"
          testId="terminal-duplicates"
        />
        <Stat
          label={t('terminal.problems')}
          value={result.errors.length + result.unknownIds.reduce((n, u) => n + u.lines.length, 0)}
          color="red"
          testId="terminal-problems"
        />
      </SimpleGrid>
      {result.unknownIds.length > 0 && (
        <Card withBorder radius="md" padding="sm">
          <Title order={5} mb={4}>
            {t('terminal.unknownIds')}
          </Title>
          <Text size="xs" c="dimmed" mb="xs">
            {t('terminal.unknownHint')}
          </Text>
          <List size="sm" spacing={2} data-testid="terminal-unknown">
            {result.unknownIds.map((u) => (
              <List.Item key={u.terminalUserId}>
                <Text span fw={600} size="sm">
                  {u.terminalUserId}
                </Text>{' '}
                — {t('terminal.lines', { lines: u.lines.join(', ') })}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {result.errors.length > 0 && (
        <Card withBorder radius="md" padding="sm">
          <Title order={5} mb="xs">
            {t('terminal.badLines')}
          </Title>
          <Table.ScrollContainer minWidth={360}>
            <Table data-testid="terminal-errors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>{t('import.line')}</Table.Th>
                  <Table.Th>{t('import.message')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((e) => (
                  <Table.Tr key={`${e.line}-${e.message}`}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}

function UploadCard() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [serial, setSerial] = useState('');
  const [dryRun, setDryRun] = useState(true);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ report: TerminalImportResult; dryRun: boolean } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setError(null);
    setResult(null);
    setProgress(0);
    try {
      const report = await uploadTerminalLog(
        file,
        { serial: serial.trim() || undefined, dryRun },
        setProgress,
      );
      setResult({ report, dryRun });
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <Card withBorder radius="md">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Title order={4}>{t('terminal.upload')}</Title>
          <Text size="sm" c="dimmed">
            {t('terminal.uploadHint')}
          </Text>
          <FileDrop
            file={file}
            onFile={setFile}
            disabled={progress !== null}
            accept=".dat,.txt,.csv,.log,text/plain,text/csv"
            hint={t('terminal.fileHint')}
          />
          <Group grow wrap="wrap" align="flex-end">
            <TextInput
              label={t('terminal.serial')}
              placeholder={t('terminal.serialPlaceholder')}
              value={serial}
              onChange={(e) => setSerial(e.currentTarget.value)}
            />
            <Checkbox
              label={t('terminal.dryRun')}
              checked={dryRun}
              onChange={(e) => setDryRun(e.currentTarget.checked)}
              mb={8}
            />
          </Group>
          {progress !== null && <Progress value={progress * 100} animated />}
          {error != null && <ErrorState error={error} compact />}
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconFileUpload size={16} />}
              disabled={!file}
              loading={progress !== null}
              data-testid="terminal-submit"
            >
              {dryRun ? t('terminal.check') : t('terminal.import')}
            </Button>
          </Group>
          {result && <ImportReport result={result.report} dryRun={result.dryRun} />}
        </Stack>
      </form>
    </Card>
  );
}

const USER_FIELDS = ['terminalSerial', 'terminalUserId', 'employeeId'] as const;
type UserField = (typeof USER_FIELDS)[number];

function UsersCard() {
  const { t } = useTranslation();
  const users = useTerminalUsers();
  const create = useCreateTerminalUser();
  const remove = useDeleteTerminalUser();
  const fieldErrors = useFieldErrors<UserField>();
  const [serial, setSerial] = useState('');
  const [terminalUserId, setTerminalUserId] = useState('');
  const [employeeId, setEmployeeId] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<UserField, string>> = {};
    if (!terminalUserId.trim()) errors.terminalUserId = t('common.required');
    if (!employeeId) errors.employeeId = t('common.required');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0 || !employeeId) return;
    create.mutate(
      { terminalSerial: serial.trim() || null, terminalUserId: terminalUserId.trim(), employeeId },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('terminal.userSaved') });
          setTerminalUserId('');
          setEmployeeId(null);
        },
        onError: (error) => fieldErrors.fromError(error, USER_FIELDS),
      },
    );
  };
  const rows = itemsOf(users.data);

  return (
    <Card withBorder radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('terminal.users')}</Title>
        <Text size="sm" c="dimmed">
          {t('terminal.usersHint')}
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            {create.error && (
              <ErrorState
                error={create.error}
                compact
                hideIssues={Object.keys(fieldErrors.errors).length > 0}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t('terminal.serial')}
                placeholder={t('terminal.anySerial')}
                value={serial}
                onChange={(e) => setSerial(e.currentTarget.value)}
                error={fieldErrors.errors.terminalSerial}
              />
              <TextInput
                label={t('terminal.terminalUserId')}
                required
                value={terminalUserId}
                onChange={(e) => setTerminalUserId(e.currentTarget.value)}
                error={fieldErrors.errors.terminalUserId}
              />
              <EmployeeSelect
                label={t('terminal.employee')}
                placeholder={t('places.employeeSearch')}
                value={employeeId}
                onChange={setEmployeeId}
                error={fieldErrors.errors.employeeId}
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={create.isPending}>
                {t('terminal.addUser')}
              </Button>
            </Group>
          </Stack>
        </form>
        {users.isPending ? (
          <LoadingState minHeight={100} />
        ) : users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} compact />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('terminal.noUsers')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table data-testid="terminal-users" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('terminal.serial')}</Table.Th>
                  <Table.Th>{t('terminal.terminalUserId')}</Table.Th>
                  <Table.Th>{t('terminal.employee')}</Table.Th>
                  <Table.Th w={48} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      {u.terminalSerial ?? (
                        <Badge variant="light" color="gray">
                          {t('terminal.anySerial')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{u.terminalUserId}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{u.employeeName ?? u.employeeId}</Text>
                      {u.nip && (
                        <Text size="xs" c="dimmed">
                          {formatNip(u.nip)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        loading={remove.isPending && remove.variables === u.id}
                        onClick={() => remove.mutate(u.id)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/** /presensi/log-mesin: import fingerprint/face terminal logs (check first, then import) and map terminal ids. */
export function TerminalPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('terminal.title')} subtitle={t('terminal.subtitle')} />
      <Stack gap="md">
        <UploadCard />
        <UsersCard />
      </Stack>
    </>
  );
}
