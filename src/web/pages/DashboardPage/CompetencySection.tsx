import { Badge, Group, Progress, SimpleGrid, Text } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useCompetencyAnalyticsSummary, useMyCompetency } from '../../api/competency.ts';
import { formatNumber } from '../../lib/format.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { HomeCard, Section } from './home-ui.tsx';

const pct = (n: number) => `${n.toLocaleString('id-ID', { maximumFractionDigits: 1 })}%`;

/**
 * Competency on the home page (issue 19 point 7): the employee's development hours this year against the target and
 * their latest JPM with the largest gap (linking to "Kompetensi saya"); for BKD, across its scope, how many were
 * assessed and how many reached the year's hours (linking to the analytics). Nothing for an account with neither.
 */
export function CompetencySection() {
  const { t } = useTranslation();
  const me = useMe();
  const employee = !!me.data?.user.employeeId;
  const bkd = hasAnyRole(me.data, ['BKD']);
  const year = new Date().getFullYear();
  const mine = useMyCompetency(null, employee);
  const all = useCompetencyAnalyticsSummary(year, bkd);
  const p = mine.data;
  const a = all.data;
  if (!p && !a) return null;
  const latest = p?.assessments[0];
  const gap = p?.gaps[0];
  return (
    <Section
      title={t('competency.home.title')}
      subtitle={t('competency.home.subtitle')}
      icon={IconSchool}
      testId="home-competency"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        {p && (
          <HomeCard
            title={t('competency.home.jp', { year: p.development.year })}
            to="/kompetensi"
            linkLabel={t('competency.home.open')}
            testId="home-competency-jp"
          >
            <Text fw={750} fz={26} data-value={p.development.jp}>
              {t('competency.jpOf', { jp: p.development.jp, target: p.development.target })}
            </Text>
            <Progress
              mt={4}
              value={Math.min(100, (p.development.jp / Math.max(1, p.development.target)) * 100)}
              color={p.development.met ? 'teal' : 'orange'}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {p.development.met
                ? t('competency.home.met')
                : t('competency.home.remaining', { jp: p.development.remaining })}
            </Text>
          </HomeCard>
        )}
        {p && (
          <HomeCard title={t('competency.home.jpm')} to="/kompetensi" testId="home-competency-jpm">
            {latest?.mapping ? (
              <Group gap="xs">
                <Badge size="lg" variant="light">
                  {t('competency.jpmValue', {
                    percent: latest.mapping.percent.toLocaleString('id-ID', { maximumFractionDigits: 2 }),
                    code: latest.mapping.code,
                    label: latest.mapping.label,
                  })}
                </Badge>
              </Group>
            ) : (
              <Text size="sm">{t('competency.noAssessments')}</Text>
            )}
            {gap && (
              <Text size="xs" c="dimmed" mt={4}>
                {t('competency.home.topGap', { name: gap.name, training: gap.training?.title ?? '—' })}
              </Text>
            )}
          </HomeCard>
        )}
        {a && (
          <HomeCard
            title={t('competency.home.scope', { year })}
            to="/kompetensi/bkd"
            linkLabel={t('competency.home.analytics')}
            testId="home-competency-scope"
          >
            <Text fw={750} fz={26} data-value={a.coveragePercent}>
              {pct(a.coveragePercent)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('competency.home.scopeCoverage', {
                met: formatNumber(a.jpMet),
                employees: formatNumber(a.employees),
                target: a.jpTarget,
              })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('competency.home.scopeAssessed', { assessed: formatNumber(a.assessed) })}
            </Text>
          </HomeCard>
        )}
      </SimpleGrid>
    </Section>
  );
}
