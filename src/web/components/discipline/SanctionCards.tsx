import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DisciplineRecord, SanctionView } from '../../api/discipline.ts';
import { formatDate } from '../../lib/format.ts';
import { EmptyState } from '../EmptyState.tsx';
import { DeadlineBlock, Field, LegalBasis, LevelBadge, StatusBadge } from './parts.tsx';

/** The colour of a sanction's status today. */
export function sanctionColor(status: string): string {
  switch (status) {
    case 'BERLAKU':
      return 'red';
    case 'MENUNGGU':
    case 'DITETAPKAN':
    case 'DISAMPAIKAN':
      return 'blue';
    case 'DITUNDA_UPAYA':
      return 'violet';
    case 'SELESAI':
      return 'teal';
    default:
      return 'gray';
  }
}

/** A sanction with its SK, who decided and under what authority, its dates and the appeal window. */
export function SanctionCard({ s, showCase = false }: { s: SanctionView; showCase?: boolean }) {
  const { t } = useTranslation();
  return (
    <Card
      withBorder
      radius="md"
      padding="sm"
      data-testid="sanction"
      data-sanction-id={s.id}
      data-status={s.status}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap={6} wrap="wrap">
            <LevelBadge level={s.level} />
            <Text fw={650} size="sm">
              {s.appliedName}
            </Text>
          </Group>
          <StatusBadge status={s.status} label={s.statusLabel} color={sanctionColor(s.status)} />
        </Group>
        {s.appliedCode !== s.sanctionCode && (
          <Text size="xs" c="dimmed">
            {t('disiplin.sanction.appliedInstead', { name: s.name })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Field label={t('disiplin.sanction.sk')}>
            {s.skNumber} · {formatDate(s.skDate)}
          </Field>
          <Field label={t('disiplin.sanction.effective')} testId="sanction-effective">
            {formatDate(s.effectiveOn)}
          </Field>
          <Field label={t('disiplin.sanction.period')} testId="sanction-period">
            {s.startsOn
              ? `${formatDate(s.startsOn)} – ${s.endsOn ? formatDate(s.endsOn) : t('disiplin.sanction.noEnd')}`
              : '—'}
          </Field>
          <Field label={t('disiplin.sanction.decidedBy')}>
            {s.decidedBy?.name ?? s.authority.name ?? '—'}
            {s.decidedAs ? ` (${t(`disiplin.actingAs.${s.decidedAs}`)})` : ''}
          </Field>
        </SimpleGrid>
        {showCase && (
          <Anchor component={Link} to={`/disiplin/kasus/${s.caseId}`} size="xs">
            {t('disiplin.sanction.case', { number: s.caseNumber })}
          </Anchor>
        )}
        {(s.blocksKgb || s.blocksPromotion) && (
          <Text size="xs" c="orange.8">
            {[
              s.blocksKgb && t('disiplin.record.blocksKgb'),
              s.blocksPromotion && t('disiplin.record.blocksPromotion'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {s.authority.explanation}
        </Text>
        <LegalBasis basis={s.authority.legalBasis} />
        {s.effective && !s.effectiveOn && (
          <DeadlineBlock deadline={s.effective} title={t('disiplin.sanction.effective')} />
        )}
        {s.appealWindow?.open && (
          <DeadlineBlock
            deadline={s.appealWindow.deadline}
            title={t('disiplin.appeal.window', { kind: t(`disiplin.appeal.kinds.${s.appealWindow.kind}`) })}
          />
        )}
        {s.annulledOn && (
          <Text size="xs" c="dimmed">
            {t('disiplin.sanction.annulled', { date: formatDate(s.annulledOn) })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Riwayat hukuman disiplin: the flags other processes read (KGB, promotion, transfer) and every sanction. */
export function RecordView({ record }: { record: DisciplineRecord }) {
  const { t } = useTranslation();
  const f = record.flags;
  return (
    <Stack gap="sm" data-testid="discipline-record">
      {(f.blocksKgb || f.blocksPromotion || f.transferBlocked) && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          data-testid="record-flags"
        >
          <Stack gap={2}>
            {f.blocksKgb && (
              <Text size="sm">
                {t('disiplin.record.kgbUntil', {
                  date: f.blocksKgbUntil ? formatDate(f.blocksKgbUntil) : t('disiplin.sanction.noEnd'),
                })}
              </Text>
            )}
            {f.blocksPromotion && (
              <Text size="sm">
                {t('disiplin.record.promotionUntil', {
                  date: f.blocksPromotionUntil
                    ? formatDate(f.blocksPromotionUntil)
                    : t('disiplin.sanction.noEnd'),
                })}
              </Text>
            )}
            {f.transferBlocked && <Text size="sm">{t('disiplin.record.transferBlocked')}</Text>}
            {f.reasons.map((r, i) => (
              <Text key={i} size="xs" c="dimmed">
                {r}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {record.sanctions.length === 0 ? (
        <EmptyState title={t('disiplin.record.empty')} description={t('disiplin.record.emptyHint')} />
      ) : (
        record.sanctions.map((s) => <SanctionCard key={s.id} s={s} showCase />)
      )}
    </Stack>
  );
}
