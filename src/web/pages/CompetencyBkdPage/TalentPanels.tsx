import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  candidatesExportUrl,
  nineBoxExportUrl,
  useCandidates,
  useNineBox,
  useSuccession,
  useTalentPool,
  useTalentPositions,
} from '../../api/competency-talent.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';
import type { Candidate, NineBox, TalentPerson } from '../../../shared/api/competency-talent.ts';

const PERFORMANCE_ROWS = ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', 'Di Bawah Ekspektasi'];
const POTENTIAL_COLUMNS = ['Rendah', 'Menengah', 'Tinggi'];
const pct = (n: number) => `${String(n).replace('.', ',')}%`;

/** The 3 × 3 grid: performance rows (Di Atas on top) × potential columns (Tinggi on the right); a box is a button. */
export function NineBoxGrid({
  data,
  selected,
  onSelect,
}: {
  data: NineBox;
  selected: number | null;
  onSelect: (box: number | null) => void;
}) {
  const { t } = useTranslation();
  const cell = (perf: string, pot: string) =>
    data.boxes.find((b) => b.performanceLevel === perf && b.potentialLevel === pot);
  return (
    <Stack gap={4} data-testid="talent-nine-box">
      <Text size="xs" c="dimmed">
        {t('competency.talent.performance')} ↑ · {t('competency.talent.potential')} →
      </Text>
      <SimpleGrid cols={3} spacing={4} verticalSpacing={4}>
        {PERFORMANCE_ROWS.flatMap((perf) =>
          POTENTIAL_COLUMNS.map((pot) => {
            const b = cell(perf, pot);
            if (!b) return <div key={`${perf}-${pot}`} />;
            const active = selected === b.box;
            return (
              <Tooltip key={b.box} label={b.label} withinPortal>
                <UnstyledButton
                  onClick={() => onSelect(active ? null : b.box)}
                  aria-pressed={active}
                  aria-label={`${t('competency.talent.box', { box: b.box })}: ${t('competency.talent.people', { count: b.count })}`}
                  data-testid={`talent-box-${b.box}`}
                >
                  <Card
                    withBorder
                    padding="xs"
                    bg={active ? 'blue.1' : b.isTalentPool ? 'teal.0' : undefined}
                    style={{ minHeight: 64 }}
                  >
                    <Text size="xs" c="dimmed">
                      {t('competency.talent.box', { box: b.box })}
                    </Text>
                    <Text fw={700} size="lg">
                      {b.count}
                    </Text>
                  </Card>
                </UnstyledButton>
              </Tooltip>
            );
          }),
        )}
      </SimpleGrid>
    </Stack>
  );
}

function PeopleList({ people, testId }: { people: TalentPerson[]; testId: string }) {
  const { t } = useTranslation();
  const columns: Column<TalentPerson>[] = [
    {
      key: 'name',
      header: t('competency.talent.name'),
      card: 'title',
      render: (p) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {p.name}
          </Text>
          <Text size="xs" c="dimmed">
            {[formatNip(p.nip), p.positionName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    { key: 'unit', header: t('competency.bkd.unit'), render: (p) => p.unitName, visibleFrom: 'md' },
    {
      key: 'box',
      header: t('competency.talent.staffBox'),
      render: (p) =>
        p.placed ? (
          <Badge variant="light" color={p.isTalentPool ? 'teal' : 'gray'}>
            {t('competency.talent.box', { box: p.box })}
          </Badge>
        ) : (
          <Text size="xs" c="dimmed">
            {t('competency.talent.notPlacedShort')}: {p.reasons.join('; ')}
          </Text>
        ),
    },
    {
      key: 'axes',
      header: `${t('competency.talent.performance')} / ${t('competency.talent.potential')}`,
      render: (p) =>
        [p.predikatLabel, p.potentialScore === null ? null : `JPM ${pct(p.potentialScore)}`]
          .filter(Boolean)
          .join(' · ') || '—',
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={people}
      rowKey={(p) => p.employeeId}
      emptyTitle={t('competency.talent.boxEmpty')}
      testId={testId}
    />
  );
}

/** Kompetensi (BKD) → Talenta: the 9-box of an OPD, the talent pool, candidates for a position, succession. */
export function TalentPanel() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [family, setFamily] = useState<string | null>(null);
  const [box, setBox] = useState<number | null>(null);
  const grid = useNineBox(unitId, family, !!unitId);
  const pool = useTalentPool(unitId, !!unitId);
  const families = (pool.data?.families ?? []).map((f) => ({ value: f.code, label: f.label }));
  return (
    <Stack gap="lg">
      <Group align="end" wrap="wrap">
        <UnitSelect
          value={unitId}
          onChange={(v) => {
            setUnitId(v);
            setBox(null);
          }}
        />
        <Select
          label={t('competency.talent.family')}
          placeholder={t('competency.talent.allFamilies')}
          data={families}
          value={family}
          onChange={(v) => {
            setFamily(v);
            setBox(null);
          }}
          clearable
          w={240}
        />
        {unitId && <ExportMenu href={(f) => nineBoxExportUrl(unitId, family, f)} />}
      </Group>
      <Stack gap="xs">
        <Title order={4}>{t('competency.talent.nineBox')}</Title>
        {!unitId ? (
          <EmptyState title={t('competency.talent.pickUnit')} />
        ) : grid.isPending ? (
          <LoadingState />
        ) : grid.isError ? (
          <ErrorState error={grid.error} onRetry={() => void grid.refetch()} />
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('competency.talent.nineBoxHint', {
                high: grid.data.thresholds.highFrom,
                middle: grid.data.thresholds.middleFrom,
                pool: grid.data.talentPoolBoxes.join(', '),
              })}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <NineBoxGrid data={grid.data} selected={box} onSelect={setBox} />
              <Stack gap="xs">
                {grid.data.notPlaced > 0 && (
                  <Button variant="subtle" size="xs" onClick={() => setBox(0)}>
                    {t('competency.talent.notPlaced', { count: grid.data.notPlaced })}
                  </Button>
                )}
                {box === null ? (
                  <Text size="sm" c="dimmed">
                    {t('competency.talent.pickBox')}
                  </Text>
                ) : (
                  <PeopleList
                    testId="talent-box-people"
                    people={grid.data.people.filter((p) => (box === 0 ? !p.placed : p.box === box))}
                  />
                )}
              </Stack>
            </SimpleGrid>
          </>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={4}>{t('competency.talent.pool')}</Title>
        {!unitId ? null : pool.isPending ? (
          <LoadingState />
        ) : pool.isError ? (
          <ErrorState error={pool.error} onRetry={() => void pool.refetch()} />
        ) : pool.data.families.every((f) => f.members.length === 0) ? (
          <EmptyState title={t('competency.talent.poolEmpty')} />
        ) : (
          <Stack gap="xs" data-testid="talent-pool">
            {pool.data.families
              .filter((f) => f.members.length > 0 && (!family || f.code === family))
              .map((f) => (
                <Card withBorder key={f.code} padding="sm">
                  <Text fw={600} size="sm">
                    {f.label} · {t('competency.talent.people', { count: f.members.length })}
                  </Text>
                  <Group gap={6} mt={4}>
                    {f.members.map((m) => (
                      <Badge key={m.employeeId} variant="light" color="teal" tt="none">
                        {m.name} · {t('competency.talent.box', { box: m.box })}
                      </Badge>
                    ))}
                  </Group>
                </Card>
              ))}
          </Stack>
        )}
      </Stack>
      <CandidatesPanel unitId={unitId} />
      <SuccessionPanel unitId={unitId} />
    </Stack>
  );
}

/** Kandidat jabatan: choose a position (vacant by default) → the ranked list with JPM, band, box, discipline, JP. */
function CandidatesPanel({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const [onlyVacant, setOnlyVacant] = useState(true);
  const [positionId, setPositionId] = useState<string | null>(null);
  const positions = useTalentPositions({
    ...(unitId ? { unitId } : {}),
    ...(onlyVacant ? { vacant: true } : {}),
  });
  const list = useCandidates(positionId);
  const year = list.data?.items[0]?.development.year ?? new Date().getFullYear();
  const columns: Column<Candidate>[] = [
    { key: 'rank', header: t('competency.talent.rank'), render: (c) => c.rank, width: 48, card: 'hidden' },
    {
      key: 'name',
      header: t('competency.talent.name'),
      card: 'title',
      render: (c) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {c.rank}. {c.name}
          </Text>
          <Text size="xs" c="dimmed">
            {[c.positionName, c.unitName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'jpm',
      header: t('competency.talent.jpm'),
      render: (c) => (
        <Badge
          variant="light"
          color={c.jpm.code === 'MS' ? 'teal' : c.jpm.code === 'MMS' ? 'yellow' : 'red'}
          tt="none"
        >
          {pct(c.jpm.percent)} · {c.jpm.code}
        </Badge>
      ),
    },
    {
      key: 'readiness',
      header: t('competency.talent.readiness'),
      render: (c) => c.readinessLabel,
      visibleFrom: 'sm',
    },
    {
      key: 'box',
      header: t('competency.talent.staffBox'),
      render: (c) => (c.box === null ? t('competency.talent.notPlacedShort') : c.box),
    },
    {
      key: 'discipline',
      header: t('competency.talent.discipline'),
      render: (c) =>
        c.discipline.flagged ? (
          <Tooltip label={c.discipline.reasons.join('; ')} multiline w={300} withinPortal>
            <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />}>
              {t('competency.talent.disciplineFlag')}
            </Badge>
          </Tooltip>
        ) : (
          <Text size="sm">{t('competency.talent.disciplineClean')}</Text>
        ),
    },
    {
      key: 'jp',
      header: t('competency.talent.jp', { year }),
      render: (c) => `${c.development.jp}/${c.development.target}`,
    },
    {
      key: 'gaps',
      header: t('competency.talent.gaps'),
      visibleFrom: 'md',
      render: (c) => c.gaps.map((g) => `${g.code} ${g.assessed ?? 0}/${g.required}`).join(', ') || '—',
    },
  ];
  return (
    <Stack gap="xs">
      <Title order={4}>{t('competency.talent.candidates')}</Title>
      <Group align="end" wrap="wrap">
        <Select
          label={t('competency.talent.position')}
          placeholder={t('competency.talent.pickPosition')}
          searchable
          data={(positions.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name} — ${p.unitName}${p.vacant ? ` (${t('competency.talent.vacant')})` : ''}`,
          }))}
          value={positionId}
          onChange={setPositionId}
          nothingFoundMessage="—"
          w={{ base: '100%', sm: 420 }}
          data-testid="talent-position"
        />
        <Checkbox
          label={t('competency.talent.onlyVacant')}
          checked={onlyVacant}
          onChange={(e) => setOnlyVacant(e.currentTarget.checked)}
        />
        {positionId && <ExportMenu href={(f) => candidatesExportUrl(positionId, f)} />}
      </Group>
      {!positionId ? (
        <Text size="sm" c="dimmed">
          {t('competency.talent.pickPosition')}
        </Text>
      ) : list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap={4} data-testid="talent-candidates">
          <Text size="xs" c="dimmed">
            {list.data.vacant
              ? t('competency.talent.vacant')
              : t('competency.talent.holder', { name: list.data.holder?.name ?? '' })}{' '}
            ·{' '}
            {t('competency.talent.considered', {
              count: list.data.considered,
              total: list.data.requiredTotal,
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {list.data.tieBreak}
          </Text>
          <DataTable
            columns={columns}
            rows={list.data.items}
            rowKey={(c) => c.employeeId}
            emptyTitle={t('competency.talent.candidatesEmpty')}
            testId="talent-candidate-list"
          />
        </Stack>
      )}
    </Stack>
  );
}

/** Rencana suksesi: per key position of the unit, the holder's retirement and the pool's ready candidates. */
function SuccessionPanel({ unitId }: { unitId: string | null }) {
  const { t } = useTranslation();
  const q = useSuccession(unitId);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('competency.talent.succession')}</Title>
      {!unitId ? null : q.isPending ? (
        <LoadingState />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t('competency.talent.successionEmpty')} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="talent-succession">
          {q.data.items.map((s) => (
            <Card withBorder key={s.position.id} padding="sm">
              <Text fw={600} size="sm">
                {s.position.name}
              </Text>
              <Text size="xs" c="dimmed">
                {s.position.unitName}
              </Text>
              <Text size="sm" mt={4}>
                {s.holder === null
                  ? t('competency.talent.vacant')
                  : s.holder.age === null
                    ? t('competency.talent.holder', { name: s.holder.name })
                    : t('competency.talent.holderAge', {
                        name: s.holder.name,
                        age: s.holder.age,
                        date: formatDate(s.holder.retiresOn),
                        bup: s.holder.retirementAge,
                      })}
              </Text>
              {s.candidates.length === 0 ? (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('competency.talent.noCandidates')}
                </Text>
              ) : (
                <Stack gap={2} mt={4}>
                  {s.candidates.map((c) => (
                    <Group key={c.employeeId} gap={6} wrap="nowrap">
                      <Text size="sm">
                        {c.rank}. {c.name}
                      </Text>
                      <Badge
                        size="sm"
                        variant="light"
                        color={c.readiness === 'READY_NOW' ? 'teal' : 'yellow'}
                        tt="none"
                      >
                        {pct(c.jpm.percent)} · {c.readinessLabel}
                      </Badge>
                      {c.discipline.flagged && <IconAlertTriangle size={14} color="red" />}
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
