import { Badge, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconChecklist, IconClipboardText, IconFileCertificate, IconTargetArrow } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { HomeKinerja } from '../../../shared/api/kinerja-figures.ts';
import { formatNumber } from '../../lib/format.ts';
import { CountLink, HomeCard, Section, percent, shareColor } from './home-ui.tsx';

/**
 * e-Kinerja on the home page (issue 15 point 8): the employee's report of today and the month, the superior's
 * waiting verifications and SKP, and for admin OPD / BKD / leaders the share of SKP approved and of reports
 * verified on time in their scope. From the home answer's `kinerja` part (src/shared/api/kinerja-figures.ts).
 */
export function KinerjaSection({ data }: { data: HomeKinerja }) {
  const { t } = useTranslation();
  const { pegawai, atasan, oversight } = data;
  if (!pegawai && !atasan && !oversight) return null;
  return (
    <Section
      title={t('home.kinerja.title')}
      subtitle={t('home.kinerja.subtitle')}
      icon={IconTargetArrow}
      testId="home-kinerja"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        {pegawai &&
          (pegawai.hasSkp ? (
            <>
              <HomeCard
                title={t('home.kinerja.today')}
                to={pegawai.link}
                linkLabel={t('home.kinerja.report')}
                testId="home-kinerja-today"
              >
                <Stack gap={6}>
                  <Text fw={700} size="lg">
                    {t('home.kinerja.todayLine', {
                      minutes: formatNumber(pegawai.minutesToday),
                      min: formatNumber(pegawai.minMinutesPerDay),
                    })}
                  </Text>
                  <Progress
                    value={
                      pegawai.minMinutesPerDay > 0
                        ? Math.min(100, (pegawai.minutesToday / pegawai.minMinutesPerDay) * 100)
                        : 100
                    }
                    color={pegawai.minutesToday >= pegawai.minMinutesPerDay ? 'teal' : 'yellow'}
                    aria-label={t('home.kinerja.today')}
                  />
                  <Text size="xs" c="dimmed">
                    {t('home.kinerja.todayAccepted', { minutes: formatNumber(pegawai.minutesTodayAccepted) })}
                  </Text>
                </Stack>
              </HomeCard>
              <CountLink
                to="/kinerja/bulan"
                label={t('home.kinerja.month')}
                count={pegawai.minutesMonthAccepted}
                icon={IconClipboardText}
                testId="home-kinerja-month"
              />
              <CountLink
                to="/kinerja/bulan"
                label={t('home.kinerja.returned')}
                count={pegawai.reportsReturned}
                icon={IconFileCertificate}
                urgent
                testId="home-kinerja-returned"
              />
            </>
          ) : (
            <HomeCard title={t('home.kinerja.today')} testId="home-kinerja-noskp">
              <Text size="sm" c="dimmed">
                {t('home.kinerja.noSkp')}
              </Text>
            </HomeCard>
          ))}
        {atasan && (
          <>
            <CountLink
              to="/kinerja/verifikasi"
              label={t('home.kinerja.reportsWaiting')}
              count={atasan.reportsWaiting}
              icon={IconChecklist}
              urgent
              testId="home-kinerja-waiting"
              hint={
                atasan.reportsOverdue > 0 ? (
                  <Badge color="red" variant="light" size="sm">
                    {t('home.kinerja.reportsOverdue', { count: atasan.reportsOverdue })}
                  </Badge>
                ) : undefined
              }
            />
            <CountLink
              to="/kinerja/verifikasi?tab=skp"
              label={t('home.kinerja.skpWaiting')}
              count={atasan.skpWaiting}
              icon={IconFileCertificate}
              urgent
              testId="home-kinerja-skp"
            />
          </>
        )}
        {oversight && (
          <>
            <HomeCard
              title={t('home.kinerja.skpApproved')}
              to={oversight.link}
              linkLabel={t('home.kinerja.progress')}
              testId="home-kinerja-skp-share"
            >
              <Text fw={750} fz={26} c={`${shareColor(oversight.skpApprovedShare)}.8`}>
                {percent(oversight.skpApprovedShare)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('home.kinerja.skpApprovedLine', {
                  approved: formatNumber(oversight.skpApproved),
                  total: formatNumber(oversight.employees),
                  unit: oversight.unit.name,
                })}
              </Text>
            </HomeCard>
            <HomeCard
              title={t('home.kinerja.onTime')}
              to={oversight.link}
              linkLabel={t('home.kinerja.progress')}
              testId="home-kinerja-ontime"
            >
              <Text fw={750} fz={26} c={`${shareColor(oversight.reportsOnTimeShare)}.8`}>
                {percent(oversight.reportsOnTimeShare)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('home.kinerja.onTimeLine', {
                  verified: formatNumber(oversight.reportsVerifiedOnTime),
                  submitted: formatNumber(oversight.reportsSubmitted),
                })}
              </Text>
            </HomeCard>
          </>
        )}
      </SimpleGrid>
    </Section>
  );
}
