import { Anchor, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBan,
  IconDeviceMobileShare,
  IconFlag,
  IconMapPinOff,
  IconTrendingDown,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AnomalyKind, HomeOversight } from '../../api/dashboard.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { anomalyLine, anomalyLink } from './anomaly-ui.tsx';
import { Section } from './home-ui.tsx';

export const ANOMALY_ICONS: Record<AnomalyKind, Icon> = {
  flagged: IconFlag,
  rejected: IconBan,
  outsideFence: IconMapPinOff,
  sharedDevices: IconDeviceMobileShare,
  unitChanges: IconTrendingDown,
};

/** The Inspektorat's part: each kind of anomaly with its count and first items, linking to its list. */
export function OversightSection({ data }: { data: HomeOversight }) {
  const { t } = useTranslation();
  return (
    <Section
      title={t('home.oversight.title')}
      subtitle={t('home.oversight.subtitle', {
        from: formatDate(data.from),
        to: formatDate(data.to),
        days: data.windowDays,
        points: Math.round(data.changeThreshold * 100),
      })}
      icon={IconAlertTriangle}
      testId="home-section-oversight"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {data.anomalies.map((list) => {
          const IconComponent = ANOMALY_ICONS[list.kind];
          const hot = list.total > 0;
          return (
            <Stack
              key={list.kind}
              gap="xs"
              p="md"
              data-testid={`home-anomaly-${list.kind}`}
              data-count={list.total}
              style={{
                border: `1px solid var(--mantine-color-${hot ? 'orange-3' : 'default-border'})`,
                borderRadius: 'var(--mantine-radius-md)',
                background: 'var(--mantine-color-body)',
              }}
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={0}>
                  <Text size="sm" fw={650}>
                    {t(`home.anomalies.kinds.${list.kind}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t(`home.anomalies.hints.${list.kind}`)}
                  </Text>
                </Stack>
                <ThemeIcon variant="light" color={hot ? 'orange' : 'gray'} size={32} radius="md">
                  <IconComponent size={18} stroke={1.7} />
                </ThemeIcon>
              </Group>
              <Text fz={28} fw={750} lh={1} c={hot ? 'orange.8' : 'dimmed'}>
                {formatNumber(list.total)}
              </Text>
              {list.items.length > 0 && (
                <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                  {list.items.map((_, i) => {
                    const line = anomalyLine(list, i, t);
                    return (
                      <Text key={line.key} component="li" size="xs" lineClamp={2}>
                        {line.text}
                      </Text>
                    );
                  })}
                </Stack>
              )}
              <Anchor component={Link} to={anomalyLink(list.kind)} size="sm" mt="auto">
                {t('home.oversight.openList')}
              </Anchor>
            </Stack>
          );
        })}
      </SimpleGrid>
    </Section>
  );
}
