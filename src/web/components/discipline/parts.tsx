import { Alert, Badge, Group, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconScale } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDeadline, CaseState, DisciplineLevel } from '../../api/discipline.ts';
import { isApiError, validationIssues } from '../../api/http.ts';
import { defaultTimeZone, formatDate, localDateIn } from '../../lib/format.ts';

/** A legal basis as one line: "PP 94/2021 Pasal 26 ayat (2) — note". */
export function legalBasisText(
  b: { regulation: string; article?: string; note?: string } | null | undefined,
) {
  if (!b) return '';
  return [b.regulation, b.article].filter(Boolean).join(' ') + (b.note ? ` — ${b.note}` : '');
}

/** The legal basis, small, with a scales icon. */
export function LegalBasis({
  basis,
  testId,
}: {
  basis: { regulation: string; article?: string; note?: string } | null | undefined;
  testId?: string;
}) {
  if (!basis) return null;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start" data-testid={testId}>
      <IconScale size={14} style={{ flexShrink: 0, marginTop: 2 }} color="var(--mantine-color-dimmed)" />
      <Text size="xs" c="dimmed">
        {legalBasisText(basis)}
      </Text>
    </Group>
  );
}

const LEVEL_COLORS: Record<DisciplineLevel, string> = { ringan: 'yellow', sedang: 'orange', berat: 'red' };

export function LevelBadge({ level, size = 'sm' }: { level: DisciplineLevel; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return (
    <Badge color={LEVEL_COLORS[level]} variant="light" size={size} data-level={level}>
      {t(`disiplin.levels.${level}`)}
    </Badge>
  );
}

/** The colour of a case state: grey before the decision, blue while the decision travels, teal/red at the end. */
export function stateColor(state: string): string {
  switch (state) {
    case 'PENJATUHAN':
    case 'PENYAMPAIAN':
    case 'MENUNGGU_BERLAKU':
      return 'blue';
    case 'UPAYA_ADMINISTRATIF':
      return 'violet';
    case 'BERLAKU':
      return 'red';
    case 'SELESAI':
      return 'teal';
    case 'DIHENTIKAN':
      return 'gray';
    default:
      return 'yellow';
  }
}

export function CaseStateBadge({ state, label }: { state: CaseState | string; label: string }) {
  return (
    <Badge
      color={stateColor(state)}
      variant="light"
      data-testid="case-state"
      data-state={state}
      style={{ flexShrink: 0 }}
    >
      {label}
    </Badge>
  );
}

/** A generic status badge (indication, salary stop, sanction) with a colour chosen by the caller. */
export function StatusBadge({ status, label, color }: { status: string; label: string; color: string }) {
  return (
    <Badge color={color} variant="light" data-status={status} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}

/** Overdue: a red badge. */
export function OverdueBadge({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size={size} data-testid="overdue-badge" style={{ flexShrink: 0 }}>
      {t('disiplin.overdue')}
    </Badge>
  );
}

/** "Paling lambat 12/03/2027" / "Tidak sebelum …" / "Pada …", red when overdue. */
export function DueText({
  date,
  bound = 'onOrBefore',
  overdue,
  size = 'sm',
}: {
  date: string | null;
  bound?: CaseDeadline['bound'];
  overdue: boolean;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  if (!date) return null;
  return (
    <Text size={size} c={overdue ? 'red.7' : undefined} fw={overdue ? 600 : undefined} data-testid="due-date">
      {t(`disiplin.bound.${bound}`, { date: formatDate(date) })}
    </Text>
  );
}

/** A deadline computed by the rules core: its date, what it means, its legal basis, overdue in red. */
export function DeadlineBlock({ deadline, title }: { deadline: CaseDeadline; title?: ReactNode }) {
  return (
    <Stack gap={2} data-testid="deadline" data-overdue={deadline.overdue ? 'true' : 'false'}>
      {title && (
        <Text size="xs" c="dimmed" fw={600}>
          {title}
        </Text>
      )}
      <Group gap="xs" wrap="wrap">
        <DueText date={deadline.date} bound={deadline.bound} overdue={deadline.overdue} />
        {deadline.overdue && <OverdueBadge size="xs" />}
      </Group>
      <Text size="xs">{deadline.explanation}</Text>
      <LegalBasis basis={deadline.legalBasis} />
    </Stack>
  );
}

/** A note that this is a proposal of the rules, never a decision (issue 16 point 1). */
export function IndicationNotice() {
  const { t } = useTranslation();
  return (
    <Alert color="blue" variant="light" icon={<IconAlertTriangle size={18} />} p="xs">
      <Text size="sm" fw={600}>
        {t('disiplin.indication.notDecision')}
      </Text>
      <Text size="xs">{t('disiplin.indication.notDecisionHint')}</Text>
    </Alert>
  );
}

/** A person with NIP under the name. */
export function PersonLine({ name, nip, extra }: { name: string; nip?: string | null; extra?: ReactNode }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="sm" fw={600} lineClamp={2}>
        {name}
      </Text>
      {(nip || extra) && (
        <Text size="xs" c="dimmed">
          {[nip, extra].filter(Boolean).map((x, i) => (
            <span key={i}>
              {i > 0 ? ' · ' : ''}
              {x}
            </span>
          ))}
        </Text>
      )}
    </Stack>
  );
}

/** A value with a label (definition-list style) for detail cards. */
export function Field({
  label,
  children,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Stack gap={0} miw={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** A small tooltip "?" for a legal explanation beside a label. */
export function Hint({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Tooltip label={label} multiline w={280} withArrow events={{ hover: true, focus: true, touch: true }}>
      <span tabIndex={0} style={{ cursor: 'help', borderBottom: '1px dotted currentColor' }}>
        {children}
      </span>
    </Tooltip>
  );
}

/**
 * Today as the default of date fields (YYYY-MM-DD): in the phone's zone when it is an Indonesian one, else in WIB
 * (a phone set to another zone would otherwise offer yesterday's date in the morning).
 */
export function todayLocal(): string {
  return localDateIn(Date.now(), defaultTimeZone());
}

/** Whether a date falls outside a deadline (before an `onOrAfter` bound, after an `onOrBefore` one, off an exact one). */
export function outsideDeadline(date: string, d: { date: string; bound: CaseDeadline['bound'] }): boolean {
  if (!date) return false;
  if (d.bound === 'onOrBefore') return date > d.date;
  if (d.bound === 'onOrAfter') return date < d.date;
  return date !== d.date;
}

/** A limit the server refused a date against: the field, its message, the limit date and bound, the legal basis. */
export interface RefusedLimit {
  path: string;
  message: string;
  date: string;
  bound: CaseDeadline['bound'];
  legalBasis: { regulation: string; article?: string; note?: string } | null;
}

/**
 * The limit of a VALIDATION refusal of a date (the server adds `limitDate` and `bound` to the field's detail when a
 * date is outside the rulebook's limit and asks for a reason), or null.
 */
export function refusedLimit(error: unknown): RefusedLimit | null {
  if (!isApiError(error) || !Array.isArray(error.details)) return null;
  for (const d of error.details as Record<string, unknown>[]) {
    if (d && typeof d.limitDate === 'string') {
      const bound = d.bound === 'onOrAfter' || d.bound === 'exact' ? d.bound : 'onOrBefore';
      return {
        path: Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? ''),
        message: String(d.message ?? ''),
        date: d.limitDate,
        bound,
        legalBasis: (d.legalBasis as RefusedLimit['legalBasis']) ?? null,
      };
    }
  }
  return null;
}

/** The limit the server named: its date (bound), the reason and the legal basis, in red. */
export function RefusedLimitNotice({ limit }: { limit: RefusedLimit }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" p="xs" data-testid="refused-limit" data-limit-date={limit.date}>
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('disiplin.forms.limitIs', {
            limit: t(`disiplin.bound.${limit.bound}`, { date: formatDate(limit.date) }),
          })}
        </Text>
        <Text size="xs">{t('disiplin.forms.pastLimit')}</Text>
        <LegalBasis basis={limit.legalBasis} />
      </Stack>
    </Alert>
  );
}

/**
 * The reason for lateness a step asks for when a date is past its limit: known past it here (`late`), refused by
 * the server with the limit it named, refused on one of `dateFields`, or already written.
 */
export function useLateReason(error: unknown, late: boolean, dateFields: readonly string[]) {
  const [lateReason, setLateReason] = useState('');
  const refused = refusedLimit(error);
  const aboutDates = validationIssues(error).some((i) =>
    ['lateReason', ...dateFields].some((f) => i.path.startsWith(f)),
  );
  return {
    lateReason,
    setLateReason,
    refused,
    late,
    needsReason: late || !!refused || aboutDates || !!lateReason,
  };
}

/**
 * The limit notice (the server's refusal, else "past the limit" when known here; `notice: false` when the form shows
 * its own) and the reason-for-lateness field when it is needed.
 */
export function LateReasonFields({
  state,
  error,
  notice = true,
}: {
  state: ReturnType<typeof useLateReason>;
  error: string | undefined;
  notice?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {notice &&
        (state.refused ? (
          <RefusedLimitNotice limit={state.refused} />
        ) : (
          state.late && (
            <Alert color="red" variant="light" p="xs" data-testid="past-limit">
              {t('disiplin.forms.pastLimit')}
            </Alert>
          )
        ))}
      {state.needsReason && (
        <Textarea
          label={t('disiplin.fields.lateReason')}
          description={t('disiplin.fields.lateReasonHint')}
          value={state.lateReason}
          onChange={(e) => state.setLateReason(e.currentTarget.value)}
          error={error}
          autosize
          minRows={2}
          data-testid="late-reason"
        />
      )}
    </>
  );
}
