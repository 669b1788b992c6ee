import { Alert, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  useCaseOptions,
  useCompetentOfficial,
  type CaseOptions,
  type DisciplineLevel,
} from '../../api/discipline.ts';
import { ErrorState } from '../ErrorState.tsx';
import { sanctionGroups, violationsForSource, type SanctionOption } from './options.ts';
import { LegalBasis, LevelBadge } from './parts.tsx';

/** "R2 — teguran tertulis", "S1 — penundaan kenaikan gaji berkala … · 12 bulan · sementara: …". */
function useSanctionLabel() {
  const { t } = useTranslation();
  return (s: SanctionOption) =>
    [
      `${s.code} — ${s.name}`,
      s.durationMonths ? t('disiplin.pickers.months', { n: s.durationMonths }) : null,
      s.appliedAs ? t('disiplin.pickers.interim', { name: s.appliedAs.name }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
}

/**
 * The violation of a case opened by hand: the rulebook's catalogue for the employee (GET /options?employeeId),
 * only the articles a case from `source` may cite. Disabled until the employee is chosen; the catalogue's own
 * legal basis and fixed level are shown under the choice.
 */
export function ViolationSelect({
  options,
  loading,
  source,
  value,
  onChange,
  error,
  disabledHint,
}: {
  options: CaseOptions | undefined;
  loading: boolean;
  source: string;
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string | undefined;
  /** Shown instead of the choices while they cannot be loaded (no employee chosen yet). */
  disabledHint?: string | null;
}) {
  const { t } = useTranslation();
  const list = violationsForSource(options, source);
  const chosen = list.find((v) => v.code === value) ?? null;
  return (
    <Stack gap={4} data-testid="violation-picker">
      <Select
        label={t('disiplin.pickers.violationLabel')}
        description={disabledHint ?? t('disiplin.pickers.violationPick')}
        placeholder={t('disiplin.pickers.violationPlaceholder')}
        data={list.map((v) => ({ value: v.code, label: `${v.article} — ${v.name}` }))}
        value={chosen ? chosen.code : null}
        onChange={onChange}
        disabled={!!disabledHint || loading}
        rightSection={loading ? <Loader size="xs" /> : undefined}
        nothingFoundMessage={t('disiplin.pickers.noViolations')}
        searchable
        required
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      {chosen && (
        <>
          {chosen.level && (
            <Group gap={6} wrap="nowrap">
              <LevelBadge level={chosen.level} size="xs" />
              <Text size="xs">{t('disiplin.pickers.levelFixed')}</Text>
            </Group>
          )}
          {chosen.track === 'etika' && (
            <Text size="xs" c="dimmed">
              {t('disiplin.pickers.ethicsTrack')}
            </Text>
          )}
          <LegalBasis basis={chosen.legalBasis} />
        </>
      )}
      {!loading && !disabledHint && options && list.length === 0 && (
        <Text size="xs" c="orange.8">
          {t('disiplin.pickers.noViolations')}
        </Text>
      )}
    </Stack>
  );
}

/**
 * A sanction of the employee's track on this case (its rules snapshot: GET /options?caseId), grouped by level —
 * or only the sanctions of `level` — with the competent official (PyB) for the one chosen, asked from the server:
 * its name and level, who may decide and why (authority matrix, vacant posts moving up, PPK designation of a JF),
 * and whether the caller may decide it.
 */
export function SanctionPicker({
  caseId,
  label,
  value,
  onChange,
  error,
  showAuthority = true,
  level,
}: {
  caseId: string;
  label: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
  showAuthority?: boolean;
  /** Offer only the sanctions of this level (the report: the level found). */
  level?: DisciplineLevel | null;
}) {
  const { t } = useTranslation();
  const options = useCaseOptions({ caseId });
  const labelOf = useSanctionLabel();
  const groups = sanctionGroups(options.data, level);
  const offered = new Set(groups.flatMap((g) => g.items.map((s) => s.code)));
  const current = offered.has(value) ? value : null;
  const lookup = useCompetentOfficial(caseId, current);
  const o = lookup.data;
  return (
    <Stack gap={6} data-testid="sanction-picker">
      <Select
        label={label}
        description={t('disiplin.pickers.sanctionPick')}
        placeholder={t('disiplin.pickers.sanctionPlaceholder')}
        data={groups.map((g) => ({
          group: t(`disiplin.levels.${g.level}`),
          items: g.items.map((s) => ({ value: s.code, label: labelOf(s) })),
        }))}
        value={current}
        onChange={(v) => onChange(v ?? '')}
        disabled={options.isPending && !options.isError}
        rightSection={options.isPending && !options.isError ? <Loader size="xs" /> : undefined}
        nothingFoundMessage={t('disiplin.pickers.noSanctions')}
        searchable
        required
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
      {options.isError && <ErrorState error={options.error} compact />}
      {lookup.isFetching && <Loader size="xs" />}
      {lookup.isError && <ErrorState error={lookup.error} compact />}
      {o && current && (
        <Alert
          color={o.callerMayDecide ? 'teal' : 'orange'}
          variant="light"
          p="xs"
          icon={o.callerMayDecide ? <IconCheck size={16} /> : <IconLock size={16} />}
          data-testid="competent-official"
          data-may-decide={o.callerMayDecide ? 'true' : 'false'}
        >
          <Stack gap={4}>
            <Group gap={6} wrap="wrap">
              <LevelBadge level={o.sanction.level} size="xs" />
              <Text size="sm" fw={600}>
                {o.sanction.name}
              </Text>
            </Group>
            {showAuthority && (
              <>
                <Text size="sm">
                  {t('disiplin.pickers.competent', {
                    name: o.name ?? t(`disiplin.authorityKinds.${o.kind}`),
                    position: o.positionName ?? '',
                  })}
                </Text>
                {o.deciders.length > 0 && (
                  <Text size="xs" data-testid="competent-deciders">
                    {t('disiplin.pickers.deciders', { names: o.deciders.map((d) => d.name).join(', ') })}
                  </Text>
                )}
                {!o.exact && (
                  <Text size="xs" c="orange.8">
                    {t('disiplin.pickers.movedUp')}
                  </Text>
                )}
                <Text size="xs">{o.explanation}</Text>
                <LegalBasis basis={o.legalBasis} />
                <Text size="xs" fw={600}>
                  {o.callerMayDecide
                    ? t('disiplin.pickers.youMayDecide')
                    : t('disiplin.pickers.youMayNotDecide')}
                </Text>
              </>
            )}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
