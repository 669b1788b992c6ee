import {
  Badge,
  Button,
  Card,
  Group,
  Menu,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankedCandidateView, TeladanPeriod } from '../../../shared/api/teladan.ts';
import { IconDownload } from '@tabler/icons-react';
import { teladanRankingExportUrl, useTeladanRanking } from '../../api/teladan.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDateTime, formatNip } from '../../lib/format.ts';
import { DecisionModal } from './TeladanModals.tsx';

const PAGE_SIZE = 25;
const num = (n: number | null) =>
  n === null ? null : n.toLocaleString('id-ID', { maximumFractionDigits: 2 });

/**
 * The ranking of a period in the caller's scope: ranked candidates first (region and OPD rank, score), then the
 * excluded with their reasons; every criterion's figure; the committee's decision, and "Putuskan" for members.
 */
export function RankingCard({ period }: { period: TeladanPeriod }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [show, setShow] = useState<'all' | 'ranked' | 'excluded'>('all');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  const [deciding, setDeciding] = useState<RankedCandidateView | null>(null);
  const ranking = useTeladanRanking(period.id, {
    page,
    pageSize: PAGE_SIZE,
    show,
    unitId: unitId ?? undefined,
    q: q || undefined,
  });
  const data = ranking.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <Card withBorder radius="md" padding="md" data-testid="teladan-ranking">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text fw={600}>{t('teladan.ranking')}</Text>
          {data && (
            <Text size="xs" c="dimmed">
              {data.source === 'LIVE'
                ? t('teladan.sourceLive')
                : t('teladan.sourceStored', { at: formatDateTime(data.takenAt) })}{' '}
              · {t('teladan.counts', data.counts)}
            </Text>
          )}
        </Group>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <SegmentedControl
            size="xs"
            value={show}
            onChange={(v) => {
              setShow(v as typeof show);
              setPage(1);
            }}
            data={(['all', 'ranked', 'excluded'] as const).map((v) => ({
              value: v,
              label: t(`teladan.show.${v}`),
            }))}
          />
          <UnitSelect
            label={t('teladan.unit')}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setPage(1);
            }}
            clearable
            w={{ base: '100%', sm: 260 } as never}
          />
          <TextInput
            label={t('teladan.search')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 220 } as never}
          />
          <Menu>
            <Menu.Target>
              <Button variant="default" size="sm" leftSection={<IconDownload size={16} />}>
                {t('common.export')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {(['xlsx', 'csv'] as const).map((f) => (
                <Menu.Item
                  key={f}
                  component="a"
                  href={teladanRankingExportUrl(period.id, f, {
                    show,
                    unitId: unitId ?? undefined,
                    q: q || undefined,
                  })}
                  download
                >
                  {f.toUpperCase()}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
        {ranking.isPending ? (
          <LoadingState />
        ) : ranking.isError ? (
          <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : data!.items.length === 0 ? (
          <EmptyState title={t('teladan.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('teladan.rank')}</Table.Th>
                  <Table.Th>{t('teladan.candidate')}</Table.Th>
                  <Table.Th>{t('teladan.score')}</Table.Th>
                  {data!.criteria.map((c) => (
                    <Table.Th key={c.key}>{c.label}</Table.Th>
                  ))}
                  <Table.Th>{t('teladan.decide')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data!.items.map((r) => (
                  <Table.Tr key={r.employeeId}>
                    <Table.Td>
                      {r.excluded ? (
                        <Badge color="red" variant="light">
                          {t('teladan.excluded')}
                        </Badge>
                      ) : (
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {t('teladan.rankRegion', { n: r.regionRank })}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t('teladan.rankOpd', { n: r.opdRank })}
                          </Text>
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {r.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.nip ? formatNip(r.nip) : '—'} · {r.opdName}
                      </Text>
                      {r.reasons.map((why) => (
                        <Text key={why} size="xs" c="red">
                          {why}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td>{num(r.score) ?? '—'}</Table.Td>
                    {r.results.map((x) => (
                      <Table.Td key={x.key}>
                        <Text size="sm" c={x.passed === false ? 'red' : undefined}>
                          {num(x.value) ?? t('teladan.notAvailable')}
                        </Text>
                        {x.score !== null && (
                          <Text size="xs" c="dimmed">
                            ×{num(x.score)}
                          </Text>
                        )}
                      </Table.Td>
                    ))}
                    <Table.Td>
                      {r.decision && (
                        <Badge variant="light" color={r.decision.decision === 'WINNER' ? 'teal' : 'gray'}>
                          {t(`teladan.decision.${r.decision.decision}`)}
                          {r.decision.category ? ` · ${t(`teladan.category.${r.decision.category}`)}` : ''}
                        </Badge>
                      )}
                      {r.decision?.note && (
                        <Text size="xs" c="dimmed">
                          {r.decision.note}
                        </Text>
                      )}
                      {period.can.decide && (
                        <Button size="compact-xs" variant="subtle" onClick={() => setDeciding(r)}>
                          {t('teladan.decide')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {pages > 1 && (
          <Group justify="flex-end">
            <Pagination total={pages} value={page} onChange={setPage} size="sm" />
          </Group>
        )}
      </Stack>
      <DecisionModal periodId={period.id} candidate={deciding} onClose={() => setDeciding(null)} />
    </Card>
  );
}
