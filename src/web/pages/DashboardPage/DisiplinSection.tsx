import { Badge, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle, IconFolderOpen, IconGavel, IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useDisciplineInbox, useRegistry } from '../../api/discipline.ts';
import { DISCIPLINE_INBOX_VIEWERS, DISCIPLINE_READERS } from '../../components/discipline/roles.ts';
import { formatNumber } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { CountLink, HomeCard, Section } from './home-ui.tsx';

const percentText = (p: number | null) => (p === null ? '—' : `${p.toFixed(2).replace('.', ',')}%`);

/**
 * Discipline on the home page (issue 16): what waits for me and how much of it is overdue (superiors, BKD, the
 * Inspektorat), my own open cases (employee, shown only when there are some), and for leaders the open cases in
 * their scope and the share of employees with a sanction this year against the region's target ("indisipliner
 * < 1%"). From the discipline inbox (the same request as the navigation badge) and the registry (readers only).
 */
export function DisiplinSection() {
  const { t } = useTranslation();
  const me = useMe();
  const employee = !!me.data?.user.employeeId;
  const inboxViewer = hasAnyRole(me.data, DISCIPLINE_INBOX_VIEWERS);
  const reader = hasAnyRole(me.data, DISCIPLINE_READERS);
  const inbox = useDisciplineInbox(employee || inboxViewer);
  const registry = useRegistry({}, reader);
  const d = inbox.data;
  const mineOpen = d?.mine.filter((m) => m.type === 'case' || m.type === 'salary_stop').length ?? 0;
  const showWaiting = inboxViewer || (d?.count ?? 0) > 0;
  const showMine = employee && mineOpen > 0;
  if (!d || (!showWaiting && !showMine && !reader)) return null;
  const r = registry.data;
  const share = r?.total.sanctionedPercent ?? null;
  const target = r?.targetPercent ?? null;
  const shareHot = share !== null && target !== null && share >= target;
  return (
    <Section
      title={t('disiplin.homeSection.title')}
      subtitle={t('disiplin.homeSection.subtitle')}
      icon={IconGavel}
      testId="home-disiplin"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {showWaiting && (
          <CountLink
            to="/disiplin/kotak-masuk"
            label={t('disiplin.homeSection.waiting')}
            count={d.count}
            icon={IconInbox}
            urgent
            testId="home-disiplin-waiting"
            hint={
              d.overdue > 0 ? (
                <Badge color="red" variant="light" size="sm">
                  {t('disiplin.homeSection.overdue', { count: d.overdue })}
                </Badge>
              ) : undefined
            }
          />
        )}
        {showWaiting && (
          <CountLink
            to="/disiplin/kotak-masuk"
            label={t('disiplin.homeSection.overdueLabel')}
            count={d.overdue}
            icon={IconAlertTriangle}
            urgent
            testId="home-disiplin-overdue"
          />
        )}
        {showMine && (
          <CountLink
            to="/disiplin"
            label={t('disiplin.homeSection.mine')}
            count={mineOpen}
            icon={IconFolderOpen}
            testId="home-disiplin-mine"
          />
        )}
        {reader && r && (
          <>
            <CountLink
              to="/disiplin/kasus"
              label={t('disiplin.homeSection.openInScope')}
              count={r.total.casesOpen}
              icon={IconFolderOpen}
              testId="home-disiplin-open"
            />
            <HomeCard
              title={t('disiplin.homeSection.share')}
              to="/disiplin/dasbor"
              linkLabel={t('disiplin.homeSection.dashboard')}
              testId="home-disiplin-share"
            >
              <Text fw={750} fz={26} c={shareHot ? 'red.7' : share === null ? undefined : 'teal.8'}>
                {percentText(share)}
              </Text>
              <Text size="xs" c="dimmed">
                {target !== null
                  ? t('disiplin.dashboard.target', { target: percentText(target) })
                  : t('disiplin.dashboard.noTarget')}
                {' · '}
                {t('disiplin.dashboard.shareOf', {
                  n: formatNumber(r.total.sanctionedEmployees),
                  total: formatNumber(r.total.activeEmployees),
                })}
              </Text>
            </HomeCard>
          </>
        )}
      </SimpleGrid>
    </Section>
  );
}
