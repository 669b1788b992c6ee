import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useHome } from '../../api/dashboard.ts';
import { backgroundLazy } from '../../components/BackgroundChunk.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDate } from '../../lib/format.ts';
import { MySection } from './MySection.tsx';
import { OversightSection } from './OversightSection.tsx';
import { TeamSection, UnitSection } from './TeamSection.tsx';
import { KinerjaSection } from './KinerjaSection.tsx';
import { ChangeProjectsSection } from './ChangeProjectsSection.tsx';
import { DisiplinSection } from './DisiplinSection.tsx';
import { TppSection } from './TppSection.tsx';
import { CompetencySection } from './CompetencySection.tsx';

// The leaders' charts (recharts) load only for BKD and the Sekda, never for a pegawai's phone.
const LeadersSection = backgroundLazy(() =>
  import('./LeadersSection.tsx').then((m) => ({ default: m.LeadersSection })),
);

function HomeSkeleton() {
  return (
    <Stack data-testid="home-loading">
      <SimpleGrid cols={{ base: 1, sm: 2, xl: 4 }}>
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} h={180} radius="md" />
        ))}
      </SimpleGrid>
      <Skeleton h={160} radius="md" />
    </Stack>
  );
}

/**
 * `/`: the home page of each role, one section per role the user holds (issue 13): the pegawai's day and punch
 * button, leave, requests and month; the atasan's team and decisions; admin OPD's unit, pending work and closing;
 * BKD's and the Sekda's ranking of OPDs; the Inspektorat's anomalies. One request (`/api/dashboard/home`) plus
 * the today view for the "who is in today" cards.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const home = useHome();
  const user = me.data?.user;
  const h = home.data;
  const none = h && !h.pegawai && !h.atasan && !h.admin && !h.leaders && !h.oversight && !h.changeProjects;

  return (
    <>
      <PageHeader
        title={t('home.title')}
        subtitle={`${t('dashboard.welcome', { name: user?.displayName ?? '' })} · ${formatDate(h?.date ?? new Date().toISOString())}`}
      />
      {home.isPending ? (
        <HomeSkeleton />
      ) : home.isError ? (
        <ErrorState error={home.error} onRetry={() => void home.refetch()} />
      ) : none ? (
        <EmptyState title={t('home.noneTitle')} description={t('home.none')} />
      ) : (
        <Stack gap="xl">
          {h!.pegawai && <MySection data={h!.pegawai} />}
          {h!.atasan && <TeamSection data={h!.atasan} />}
          {h!.kinerja && <KinerjaSection data={h!.kinerja} />}
          {h!.changeProjects && <ChangeProjectsSection data={h!.changeProjects} />}
          <DisiplinSection />
          <TppSection />
          <CompetencySection />
          {h!.admin && <UnitSection data={h!.admin} />}
          {h!.leaders && (
            <LeadersSection
              data={h!.leaders}
              fallback={<Skeleton h={320} radius="md" data-testid="home-leaders-loading" />}
            />
          )}
          {h!.oversight && <OversightSection data={h!.oversight} />}
        </Stack>
      )}
    </>
  );
}
