import { Accordion, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCompetencyDictionary } from '../../api/competency.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { LoadingState } from '../LoadingState.tsx';

/** The dictionary: every competency with its five levels. */
export function CompetencyDictionaryView() {
  const { t } = useTranslation();
  const q = useCompetencyDictionary();
  if (q.isPending) return <LoadingState />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.entries.length === 0) return <EmptyState title={t('competency.tabDictionary')} />;
  return (
    <Stack gap="sm">
      <Card withBorder>
        <Text size="sm">
          {t('competency.jpTarget', { jp: q.data.minJpPerYear, basis: q.data.developmentBasis })}
        </Text>
        <Text size="xs" c="dimmed">
          {q.data.legalBasis}
        </Text>
      </Card>
      <Accordion variant="separated">
        {q.data.entries.map((e) => (
          <Accordion.Item key={e.code} value={e.code}>
            <Accordion.Control>
              {e.code} {e.name}{' '}
              <Text span size="xs" c="dimmed">
                {t(`competency.group.${e.group}`)}
                {e.family ? ` · ${e.family}` : ''}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              {e.definition && (
                <Text size="sm" mb="xs">
                  {e.definition}
                </Text>
              )}
              <Stack gap={4}>
                {e.levels.map((l) => (
                  <Text key={l.level} size="sm">
                    <b>{l.level}</b> — {l.description}
                  </Text>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Stack>
  );
}
