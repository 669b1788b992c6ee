import {
  Accordion,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { slipUrl, type RunLineDetail } from '../../api/tpp.ts';
import type { ObjectionLine } from '../../api/tpp-objections.ts';
import { formatDate, formatNip, formatRupiah } from '../../lib/format.ts';
import { useMonthLabel } from '../../pages/RekapPage/recap-ui.tsx';
import { DataTable, type Column } from '../DataTable.tsx';
import { LegalBasis } from '../discipline/parts.tsx';
import { amountSteps, deductionRows, percentText, runStatusColor, type DeductionRow } from './tpp-view.ts';

/** What a line of the breakdown offers beside it (the employee's objection while the window is open), or nothing. */
export type LineAction = (line: ObjectionLine) => ReactNode;

/** A run status as a coloured badge. */
export function RunStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={runStatusColor(status)} variant="light" data-status={status} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}

/** The line's amounts from the base to the net, each with its sign; subtotals bold. */
function AmountsCard({ line, lineAction }: { line: RunLineDetail; lineAction?: LineAction | undefined }) {
  const { t } = useTranslation();
  const steps = amountSteps(line.amounts);
  return (
    <Card withBorder radius="md" padding="sm" data-testid="tpp-amounts">
      <Title order={3} size="h5" mb="xs">
        {t('tpp.line.components')}
      </Title>
      <Table verticalSpacing={6} horizontalSpacing="xs">
        <Table.Tbody>
          {steps.map((s) => (
            <Table.Tr key={s.key} data-amount={s.key} data-value={s.amount}>
              <Table.Td c={s.key === 'base' ? 'dimmed' : undefined} fw={s.sign === '=' ? 700 : undefined}>
                {s.key === 'kinerja' && lineAction && !line.excluded ? (
                  <Group gap="xs" wrap="wrap">
                    {t(`tpp.amounts.${s.key}`)}
                    {lineAction({ kind: 'KINERJA' })}
                  </Group>
                ) : (
                  t(`tpp.amounts.${s.key}`)
                )}
              </Table.Td>
              <Table.Td
                ta="right"
                fw={s.sign === '=' ? 700 : undefined}
                c={s.sign === '-' && s.amount > 0 ? 'red.8' : s.key === 'base' ? 'dimmed' : undefined}
                style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
              >
                {s.sign === '-' && s.amount > 0 ? '− ' : ''}
                {formatRupiah(s.amount)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-amount="bpjsEmployer" data-value={line.amounts.bpjsEmployer}>
            <Table.Td c="dimmed">{t('tpp.amounts.bpjsEmployer')}</Table.Td>
            <Table.Td ta="right" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {formatRupiah(line.amounts.bpjsEmployer)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** Every day's deduction: date (to that day in the recap calendar), code, percent, rupiah, rule and basis. */
function DeductionsCard({ line, lineAction }: { line: RunLineDetail; lineAction?: LineAction | undefined }) {
  const { t } = useTranslation();
  const rows = deductionRows(line);
  const columns: Column<DeductionRow>[] = [
    {
      key: 'date',
      header: t('tpp.line.date'),
      card: 'title',
      render: (r) => (
        <Group gap="xs" wrap="nowrap">
          <Anchor
            component={Link}
            to={r.link}
            fw={600}
            size="sm"
            aria-label={t('tpp.line.openDay', { date: r.dateText })}
            data-testid="deduction-date"
          >
            {r.dateText}
          </Anchor>
          <Badge variant="light" color="orange" size="sm">
            {r.code}
          </Badge>
        </Group>
      ),
    },
    {
      key: 'code',
      header: t('tpp.line.code'),
      card: 'hidden',
      visibleFrom: 'sm',
      render: (r) => r.detail ?? r.code,
    },
    { key: 'percent', header: t('tpp.line.percent'), align: 'right', render: (r) => r.percent },
    {
      key: 'amount',
      header: t('tpp.line.rupiah'),
      align: 'right',
      render: (r) => (
        <Stack gap={0} align="flex-end">
          <Text size="sm" fw={600} c="red.8" style={{ whiteSpace: 'nowrap' }} data-testid="deduction-amount">
            {formatRupiah(r.amount)}
          </Text>
          {r.beforeCap !== null && (
            <Text size="xs" c="dimmed">
              {t('tpp.line.beforeCap', { amount: formatRupiah(r.beforeCap) })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: 'rule',
      header: t('tpp.line.rule'),
      card: 'wide',
      render: (r) => (
        <Stack gap={2}>
          <Text size="sm">{r.rule}</Text>
          {r.basis && (
            <Text size="xs" c="dimmed">
              {r.basis}
            </Text>
          )}
        </Stack>
      ),
    },
  ];
  if (lineAction)
    columns.push({
      key: 'objection',
      header: '',
      card: 'wide',
      render: (r) => lineAction({ kind: 'DEDUCTION', date: r.date, code: r.code }),
    });
  return (
    <Stack gap="xs" data-testid="tpp-deductions">
      <Title order={3} size="h5">
        {t('tpp.line.deductions')}
      </Title>
      {line.isCapped && (
        <Alert color="yellow" variant="light" p="xs" icon={<IconInfoCircle size={16} />}>
          {t('tpp.line.capped')}
        </Alert>
      )}
      <DataTable
        testId="tpp-deduction-table"
        columns={columns}
        rows={rows}
        rowKey={(r) => r.key}
        rowProps={(r) => ({ 'data-date': r.date, 'data-code': r.code })}
        phone="cards"
        cardColumns={2}
        minWidth={560}
        emptyTitle={t('tpp.line.noDeductions')}
      />
    </Stack>
  );
}

/** Sanction cuts, BPJS, tax, corrections: each with its basis. */
function OtherCuts({ line, lineAction }: { line: RunLineDetail; lineAction?: LineAction | undefined }) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {line.sanctions.length > 0 && (
        <Card withBorder radius="md" padding="sm" data-testid="tpp-sanctions">
          <Title order={3} size="h5" mb="xs">
            {t('tpp.line.sanctions')}
          </Title>
          <Stack gap="xs">
            {line.sanctions.map((s, i) => (
              <Stack key={i} gap={2}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm">
                    {t('tpp.line.sanctionLine', {
                      type: s.imposedType || s.sanctionType,
                      percent: percentText(s.percent),
                      base: t(`tpp.amounts.${s.base === 'total' ? 'gross' : s.base}`),
                      from: monthLabel(s.cutFromMonth),
                      to: monthLabel(s.cutToMonth),
                    })}
                  </Text>
                  <Text
                    size="sm"
                    fw={600}
                    c={s.applied ? 'red.8' : 'dimmed'}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatRupiah(s.appliedAmount)}
                  </Text>
                </Group>
                {!s.applied && (
                  <Text size="xs" c="dimmed">
                    {t('tpp.line.sanctionNotApplied')}
                  </Text>
                )}
                <LegalBasis basis={s.legalBasis} />
                {lineAction?.({ kind: 'SANCTION', sanctionType: s.sanctionType })}
              </Stack>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder radius="md" padding="sm" data-testid="tpp-bpjs">
        <Title order={3} size="h5" mb="xs">
          {t('tpp.line.bpjs')}
        </Title>
        <Text size="sm">
          {t('tpp.line.bpjsLine', {
            base: formatRupiah(line.bpjs.base),
            gaji: formatRupiah(line.bpjs.gaji),
            ceiling: formatRupiah(line.bpjs.ceiling),
          })}
        </Text>
        <Text size="sm">
          {percentText(line.bpjs.employeePercent)} · {formatRupiah(line.amounts.bpjsEmployee)} —{' '}
          {percentText(line.bpjs.employerPercent)} · {formatRupiah(line.amounts.bpjsEmployer)}
        </Text>
      </Card>
      {line.tax && (
        <Card withBorder radius="md" padding="sm" data-testid="tpp-tax">
          <Title order={3} size="h5" mb="xs">
            {t('tpp.line.tax')}
            {line.tax.golongan ? ` · ${line.tax.golongan}` : ''}
          </Title>
          <Text size="sm">
            {t('tpp.line.taxLine', {
              percent: percentText(line.tax.percent),
              base: formatRupiah(line.tax.baseAmount),
              amount: formatRupiah(line.tax.amount),
            })}
          </Text>
          {line.tax.borneByGovernment && (
            <Text size="xs" c="dimmed">
              {t('tpp.line.taxBorne')}
            </Text>
          )}
          <Text size="xs">{line.tax.rule}</Text>
          <LegalBasis basis={line.tax.legalBasis} />
          {line.tax.isExample && (
            <Text size="xs" c="orange.8">
              {t('tpp.line.taxExample')}
            </Text>
          )}
        </Card>
      )}
      {line.corrections.length > 0 && (
        <Card withBorder radius="md" padding="sm" data-testid="tpp-corrections">
          <Title order={3} size="h5" mb="xs">
            {t('tpp.line.corrections')}
          </Title>
          <Stack gap={4}>
            {line.corrections.map((c, i) => (
              <Group key={i} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">
                  {t('tpp.line.correctionLine', { month: monthLabel(c.originMonth), reason: c.reason })}
                </Text>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(c.applied)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
    </SimpleGrid>
  );
}

/** Placements (kelas, tariff, proration, weights), the kinerja score, the bank account and the notes. */
function Background({ line }: { line: RunLineDetail }) {
  const { t } = useTranslation();
  return (
    <Accordion variant="contained" radius="md" data-testid="tpp-background">
      <Accordion.Item value="placements">
        <Accordion.Control>{t('tpp.line.placements')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="xs">
            <Text size="sm">
              {t('tpp.line.kinerja')}:{' '}
              {t('tpp.line.kinerjaLine', {
                score: String(line.kinerja.score).replace('.', ','),
                predikat: line.kinerja.predikat ?? '—',
              })}{' '}
              ({t(`tpp.line.kinerjaStatus.${line.kinerja.status}`)})
            </Text>
            {line.segments.map((s, i) => (
              <Stack key={i} gap={0}>
                <Text size="sm" fw={600}>
                  {s.positionName ?? '—'}
                  {s.positionGroup ? ` · ${s.positionGroup}` : ''}
                </Text>
                <Text size="xs">
                  {t('tpp.line.segmentLine', {
                    kelas: s.kelas,
                    from: formatDate(s.from),
                    to: formatDate(s.to),
                    tariff: formatRupiah(s.tariff),
                    days: s.daysPlaced,
                    period: s.daysInPeriod,
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('tpp.line.weights', {
                    kinerja: percentText(s.weights.kinerja),
                    disiplin: percentText(s.weights.disiplin),
                  })}
                </Text>
              </Stack>
            ))}
            {line.bank && (
              <Text size="sm" data-testid="tpp-bank">
                {t('tpp.line.bank')}: {line.bank.bankName} {line.bank.accountNumber} a.n.{' '}
                {line.bank.accountHolder}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('tpp.line.rulebook', { name: line.run.rulebook.name, version: line.run.rulebook.version })}
            </Text>
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

/**
 * One employee's TPP of a month explained to the rupiah (issue 17 point 3): the net, each component, every
 * deduction line with its date (to the recap calendar), code, percent, rupiah, rule and legal basis, the sanction
 * cuts, BPJS 4 %/1 %, tax, corrections, and the slip PDF. Used by "TPP saya" and by a run's line drawer.
 */
export function TppLineView({
  line,
  today,
  lineAction,
}: {
  line: RunLineDetail;
  today: string;
  /** Beside each deduction, sanction cut, the kinerja component and the exclusion ("TPP saya": the objection). */
  lineAction?: LineAction | undefined;
}) {
  const { t } = useTranslation();
  const monthLabel = useMonthLabel();
  const until = line.run.objectionUntil;
  return (
    <Stack gap="md" data-testid="tpp-line" data-employee-id={line.employee.id} data-run-id={line.run.id}>
      <Card withBorder radius="md" padding="md">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" c="dimmed">
              {t('tpp.mine.net', { month: monthLabel(line.run.month) })}
            </Text>
            <Text fz={32} fw={800} lh={1.1} data-testid="tpp-net" data-value={line.amounts.net}>
              {formatRupiah(line.amounts.net)}
            </Text>
            <Text size="sm" fw={600}>
              {line.employee.name}
            </Text>
            <Text size="xs" c="dimmed">
              {[formatNip(line.employee.nip), line.employee.golongan, line.employee.positionName]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Group gap="xs" mt={4}>
              <Text size="xs" c="dimmed">
                {line.run.unitName}
              </Text>
              <RunStatusBadge status={line.run.status} label={line.run.statusLabel} />
            </Group>
          </Stack>
          <Button
            component="a"
            href={slipUrl(line.run.id, line.employee.id)}
            target="_blank"
            rel="noopener"
            variant="light"
            leftSection={<IconFileTypePdf size={16} />}
            data-testid="tpp-slip"
          >
            {t('tpp.slip')}
          </Button>
        </Group>
        {until && (
          <Alert
            mt="sm"
            p="xs"
            variant="light"
            color={today <= until ? 'blue' : 'gray'}
            data-testid="tpp-objection"
            data-until={until}
          >
            <Text size="sm" fw={600}>
              {today <= until
                ? t('tpp.mine.objectionUntil', { date: formatDate(until) })
                : t('tpp.mine.objectionClosed', { date: formatDate(until) })}
            </Text>
            {today <= until && <Text size="xs">{t('tpp.mine.objectionHint')}</Text>}
          </Alert>
        )}
        {line.run.rulebook.isExample && (
          <Text size="xs" c="orange.8" mt="xs">
            {t('tpp.mine.exampleRulebook')}
          </Text>
        )}
      </Card>
      {line.excluded && (
        <Alert color="gray" icon={<IconAlertTriangle size={18} />} data-testid="tpp-excluded">
          <Text size="sm" fw={600}>
            {t('tpp.line.excluded')} ({line.excluded.code})
          </Text>
          <Text size="sm">{line.excluded.reason}</Text>
          <LegalBasis basis={line.excluded.legalBasis} />
          {lineAction?.({ kind: 'EXCLUSION' })}
        </Alert>
      )}
      <AmountsCard line={line} lineAction={lineAction} />
      <DeductionsCard line={line} lineAction={lineAction} />
      <OtherCuts line={line} lineAction={lineAction} />
      {line.notes.length > 0 && (
        <Card withBorder radius="md" padding="sm">
          <Title order={3} size="h5" mb="xs">
            {t('tpp.line.notes')}
          </Title>
          <List size="sm">
            {line.notes.map((n, i) => (
              <List.Item key={i}>{n}</List.Item>
            ))}
          </List>
        </Card>
      )}
      <Background line={line} />
    </Stack>
  );
}
