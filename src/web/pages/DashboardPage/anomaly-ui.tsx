import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import type {
  AnomalyDevice,
  AnomalyKind,
  AnomalyList,
  AnomalyPunch,
  AnomalyUnit,
} from '../../api/dashboard.ts';
import type { Column } from '../../components/DataTable.tsx';
import { formatDateTime, formatNip, formatNumber } from '../../lib/format.ts';
import { percent } from './home-ui.tsx';

/** The anomaly list of a kind (`/pengawasan?jenis=…`). */
export const anomalyLink = (kind: AnomalyKind) => `/pengawasan?jenis=${kind}`;

const VERDICT_COLOR: Record<string, string> = { ACCEPTED: 'teal', FLAGGED: 'yellow', REJECTED: 'red' };

function VerdictBadge({ p, t }: { p: AnomalyPunch; t: TFunction }) {
  return (
    <Group gap={4} wrap="wrap">
      <Badge size="sm" variant="light" color={VERDICT_COLOR[p.effectiveVerdict] ?? 'gray'}>
        {t(`home.anomalies.verdict.${p.effectiveVerdict}`, { defaultValue: p.effectiveVerdict })}
      </Badge>
      {p.reviewed && (
        <Text size="xs" c="dimmed">
          {t('home.anomalies.reviewed')}
        </Text>
      )}
    </Group>
  );
}

function Person({ id, name, nip, unit }: { id: string; name: string; nip: string | null; unit: string }) {
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/pegawai/${id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
        {name}
      </Anchor>
      <Text size="xs" c="dimmed">
        {[nip ? formatNip(nip) : null, unit].filter(Boolean).join(' · ')}
      </Text>
    </Stack>
  );
}

/** Where a punch was made, as far as it is known. */
function placeText(p: AnomalyPunch, t: TFunction): string {
  if (p.distanceM !== null && p.distanceM >= 1 && p.placeLabel)
    return t('home.anomalies.distance', { m: formatNumber(Math.round(p.distanceM)), place: p.placeLabel });
  return p.placeLabel ?? '—';
}

/** The table columns of each kind (phone: cards, the person as the title). */
export function punchColumns(t: TFunction): Column<AnomalyPunch>[] {
  return [
    {
      key: 'who',
      header: t('home.anomalies.columns.employee'),
      card: 'title',
      render: (p) => <Person id={p.employeeId} name={p.employeeName} nip={p.nip} unit={p.unitName} />,
    },
    {
      key: 'when',
      header: t('home.anomalies.columns.when'),
      render: (p) => <Text size="sm">{formatDateTime(p.occurredAt, p.timeZone)}</Text>,
    },
    {
      key: 'verdict',
      header: t('home.anomalies.columns.verdict'),
      render: (p) => <VerdictBadge p={p} t={t} />,
    },
    {
      key: 'where',
      header: t('home.anomalies.columns.where'),
      render: (p) => <Text size="sm">{placeText(p, t)}</Text>,
    },
    {
      key: 'reasons',
      header: t('home.anomalies.columns.reasons'),
      card: 'wide',
      render: (p) => <Text size="sm">{p.reasons.map((r) => r.message).join('; ') || '—'}</Text>,
    },
  ];
}

export function deviceColumns(t: TFunction): Column<AnomalyDevice>[] {
  return [
    {
      key: 'device',
      header: t('home.anomalies.columns.device'),
      card: 'title',
      render: (d) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {d.label}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {d.thumbprint.slice(0, 12)}…
          </Text>
        </Stack>
      ),
    },
    {
      key: 'employees',
      header: t('home.anomalies.columns.employees'),
      card: 'wide',
      render: (d) => (
        <Stack gap={4}>
          {d.employees.map((e) => (
            <Person key={e.id} id={e.id} name={e.name} nip={e.nip} unit={e.unitName} />
          ))}
        </Stack>
      ),
    },
    {
      key: 'used',
      header: t('home.anomalies.columns.lastUsed'),
      render: (d) => <Text size="sm">{formatDateTime(d.lastUsedAt)}</Text>,
    },
  ];
}

export function unitColumns(t: TFunction): Column<AnomalyUnit>[] {
  return [
    {
      key: 'unit',
      header: t('home.anomalies.columns.unit'),
      card: 'title',
      render: (u) => (
        <Anchor component={Link} to="/rekap/unit" size="sm" fw={500}>
          {u.unitName}
        </Anchor>
      ),
    },
    {
      key: 'before',
      header: t('home.anomalies.columns.before'),
      render: (u) => <Text size="sm">{percent(u.before)}</Text>,
    },
    {
      key: 'after',
      header: t('home.anomalies.columns.after'),
      render: (u) => <Text size="sm">{percent(u.after)}</Text>,
    },
    {
      key: 'change',
      header: t('home.anomalies.columns.change'),
      render: (u) => (
        <Badge size="sm" variant="light" color={u.change < 0 ? 'red' : 'teal'}>
          {t('home.anomalies.points', {
            sign: u.change < 0 ? '−' : '+',
            points: Math.round(Math.abs(u.change) * 100),
          })}
        </Badge>
      ),
    },
  ];
}

/** One line of an anomaly for a home card. */
export function anomalyLine(list: AnomalyList, index: number, t: TFunction): { key: string; text: string } {
  switch (list.kind) {
    case 'flagged':
    case 'rejected':
    case 'outsideFence': {
      const p = list.items[index]!;
      const where = list.kind === 'outsideFence' ? placeText(p, t) : (p.reasons[0]?.message ?? '');
      return {
        key: p.id,
        text: `${p.employeeName} · ${formatDateTime(p.occurredAt, p.timeZone)}${where ? ` · ${where}` : ''}`,
      };
    }
    case 'sharedDevices': {
      const d = list.items[index]!;
      return {
        key: d.thumbprint,
        text: `${d.label}: ${d.employees.map((e) => e.name).join(', ')}`,
      };
    }
    case 'unitChanges': {
      const u = list.items[index]!;
      return { key: u.unitId, text: `${u.unitName}: ${percent(u.before)} → ${percent(u.after)}` };
    }
  }
}
