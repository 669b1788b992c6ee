import { Alert, Anchor, Button, Card, Group, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconFileTypePdf, IconBuildingBank } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunDetail } from '../../../api/tpp.ts';
import {
  nominativeUrl,
  PAYABLE_STATUSES,
  useBankFile,
  useSetTreasurer,
  useTreasurer,
} from '../../../api/tpp-finance.ts';
import { useDescribeError } from '../../error-text.ts';
import { EmployeeSelect } from '../../EmployeeSelect.tsx';
import { formatNip } from '../../../lib/format.ts';

/**
 * The finance documents of a run (issue 17 point 5) on the run page: the nominative list as XLSX / PDF (KONSEP
 * before BKD's approval, FINAL once locked), the bank transfer CSV (disabled with the reason before approval; the
 * server's refusal, e.g. employees without an account, shown), and the OPD's treasurer who signs the list (not on
 * the treasurer's own read-only view: `treasurerView`).
 */
export function RunFinanceCard({ run, treasurerView = false }: { run: RunDetail; treasurerView?: boolean }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const payable = (PAYABLE_STATUSES as readonly string[]).includes(run.status);
  const bank = useBankFile(run.id, run.month);
  const bankError = bank.error ? describe(bank.error) : null;
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-finance">
      <Title order={3} size="h5" mb="xs">
        {t('tppFinance.title')}
      </Title>
      <Stack gap="xs">
        <Group gap="xs">
          <Button
            component="a"
            href={nominativeUrl(run.id, 'xlsx')}
            variant="light"
            size="xs"
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="tpp-nominative-xlsx"
          >
            {t('tppFinance.nominativeXlsx')}
          </Button>
          <Button
            component="a"
            href={nominativeUrl(run.id, 'pdf')}
            target="_blank"
            variant="light"
            size="xs"
            leftSection={<IconFileTypePdf size={16} />}
            data-testid="tpp-nominative-pdf"
          >
            {t('tppFinance.nominativePdf')}
          </Button>
          <Tooltip label={t('tppFinance.bankBlocked')} disabled={payable}>
            <Button
              variant="light"
              size="xs"
              leftSection={<IconBuildingBank size={16} />}
              disabled={!payable}
              loading={bank.isPending}
              onClick={() =>
                bank.mutate(undefined, {
                  onSuccess: () => notifications.show({ color: 'teal', message: t('tppFinance.bankDone') }),
                })
              }
              data-testid="tpp-bank-file"
            >
              {t('tppFinance.bankFile')}
            </Button>
          </Tooltip>
        </Group>
        <Text size="xs" c="dimmed">
          {payable
            ? t('tppFinance.draftNote')
            : `${t('tppFinance.draftNote')} ${t('tppFinance.bankBlocked')}`}
        </Text>
        {bankError && (
          <Alert color="red" title={bankError.title} data-testid="tpp-bank-error">
            {bankError.detail}
          </Alert>
        )}
        {!treasurerView && <TreasurerBox unitId={run.unitId} />}
      </Stack>
    </Card>
  );
}

/** The OPD's treasurer: shown to readers, set by admin OPD / BKD (`canSet`). */
function TreasurerBox({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const describe = useDescribeError();
  const q = useTreasurer(unitId);
  const set = useSetTreasurer(unitId);
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [decree, setDecree] = useState('');
  const tr = q.data?.treasurer ?? null;
  const err = set.error ? describe(set.error) : null;
  return (
    <Stack gap={4} data-testid="tpp-treasurer">
      <Text size="sm" fw={600}>
        {t('tppFinance.treasurer')}
      </Text>
      {tr ? (
        <Text size="sm">
          {tr.name}
          {tr.nip ? ` — NIP ${formatNip(tr.nip)}` : ''}
          {tr.decree ? ` (${tr.decree})` : ''}
          {tr.inherited ? ` · ${t('tppFinance.treasurerInherited')}` : ''}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('tppFinance.treasurerNone')}
        </Text>
      )}
      {q.data?.canSet && (
        <Group align="end" gap="xs">
          <EmployeeSelect
            label={t('tppFinance.treasurerEmployee')}
            value={employeeId}
            onChange={setEmployeeId}
            error={err?.issues.find((i) => i.path === 'employeeId')?.message}
          />
          <TextInput
            label={t('tppFinance.treasurerDecree')}
            value={decree}
            onChange={(e) => setDecree(e.currentTarget.value)}
            maxLength={200}
          />
          <Button
            size="xs"
            disabled={!employeeId}
            loading={set.isPending}
            onClick={() =>
              employeeId &&
              set.mutate(
                { employeeId, ...(decree.trim() ? { decree: decree.trim() } : {}) },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', message: t('tppFinance.treasurerSaved') }),
                },
              )
            }
            data-testid="tpp-treasurer-save"
          >
            {t('tppFinance.treasurerSave')}
          </Button>
        </Group>
      )}
      {err && !err.issues.length && (
        <Anchor component="span" c="red" size="xs">
          {err.detail ?? err.title}
        </Anchor>
      )}
    </Stack>
  );
}
