import { SimpleGrid } from '@mantine/core';
import { IconClipboardCheck, IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Home } from '../../../shared/api/dashboard.ts';
import { CountLink, Section } from './home-ui.tsx';

/**
 * The assessor's inbox on the home page (issue 19 point 5): change projects waiting for their rating and those
 * assigned to them, each a link to "Proyek perubahan" on /kompetensi. From the home answer's `changeProjects` part.
 */
export function ChangeProjectsSection({ data }: { data: NonNullable<Home['changeProjects']> }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('changeProject.homeTitle')}
      subtitle={t('changeProject.homeSubtitle')}
      icon={IconSchool}
      testId="home-change-projects"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <CountLink
          to="/kompetensi"
          label={t('changeProject.homeAwaiting')}
          count={data.awaiting}
          icon={IconClipboardCheck}
          testId="home-change-projects-awaiting"
          urgent
        />
        <CountLink
          to="/kompetensi"
          label={t('changeProject.homeAssigned')}
          count={data.assigned}
          icon={IconSchool}
          testId="home-change-projects-assigned"
        />
      </SimpleGrid>
    </Section>
  );
}
