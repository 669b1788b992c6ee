import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompetencyProfile, JpmItem } from '../../../shared/api/competency.ts';
import { attachTrainingCertificate, competencyKeys, trainingCertificateUrl } from '../../api/competency.ts';
import { EmptyState } from '../EmptyState.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { TrainingRecordModal } from './TrainingRecordModal.tsx';
import { formatDate, formatNip } from '../../lib/format.ts';

const bandColor = (code: string) =>
  ['MS', 'O'].includes(code) ? 'teal' : ['MMS', 'CO'].includes(code) ? 'yellow' : 'red';

/** One JPM figure with its band, or why there is none. */
export function JpmBadge({ jpm, label }: { jpm: JpmItem | null; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {jpm ? (
        <Badge color={bandColor(jpm.code)} variant="light" size="lg" title={jpm.reasons.join('\n')}>
          {t('competency.jpmValue', {
            percent: jpm.percent.toLocaleString('id-ID', { maximumFractionDigits: 2 }),
            code: jpm.code,
            label: jpm.label,
          })}
        </Badge>
      ) : (
        <Text size="sm">{t('competency.jpmNone')}</Text>
      )}
    </Stack>
  );
}

/** The certificate of an imported record, uploaded afterwards (PDF or image; the server judges the content). */
function CertificateUpload({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await attachTrainingCertificate(recordId, file);
      await queryClient.invalidateQueries({ queryKey: competencyKeys.all });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <FileButton onChange={(f) => void upload(f)} accept="application/pdf,image/jpeg,image/png,image/webp">
        {(props) => (
          <Button
            {...props}
            size="compact-xs"
            variant="light"
            loading={busy}
            leftSection={<IconUpload size={12} />}
            title={t('competency.record.noCertificate')}
          >
            {t('competency.record.uploadCertificate')}
          </Button>
        )}
      </FileButton>
      {error !== null && <ErrorState error={error} />}
    </>
  );
}

/**
 * An employee's competencies (issue 19): the latest result's JPM for selection and mapping, the gaps against the
 * position standard, the standard itself and the history of results. Works at 390 px (cards and small tables).
 */
export function CompetencyProfileView({ profile }: { profile: CompetencyProfile }) {
  const { t } = useTranslation();
  const latest = profile.assessments[0];
  const [recording, setRecording] = useState(false);
  // The employee records their own trainings; BKD records anyone's in scope (the server checks it again).
  const mayRecord = profile.viewer === 'SELF' || profile.viewer === 'BKD';
  return (
    <Stack gap="md" data-testid="competency-profile">
      <Card withBorder>
        <Text fw={600}>{profile.employee.name}</Text>
        <Text size="sm" c="dimmed">
          {[
            formatNip(profile.employee.nip),
            profile.employee.positionName ?? t('competency.noPosition'),
            profile.employee.unitName,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Card>
      <Alert variant="light" color="blue">
        {t('competency.privacy')}
      </Alert>
      <Card withBorder data-testid="competency-development">
        <Group justify="space-between" wrap="wrap">
          <Title order={4}>{t('competency.jpYear', { year: profile.development.year })}</Title>
          <Group gap="xs">
            <Badge color={profile.development.met ? 'teal' : 'orange'} variant="light" size="lg">
              {t('competency.jpOf', { jp: profile.development.jp, target: profile.development.target })}
            </Badge>
            {mayRecord && (
              <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setRecording(true)}>
                {t('competency.record.open')}
              </Button>
            )}
          </Group>
        </Group>
        <Progress
          mt="xs"
          value={Math.min(100, (profile.development.jp / Math.max(1, profile.development.target)) * 100)}
          color={profile.development.met ? 'teal' : 'orange'}
        />
        <Text size="xs" c="dimmed" mt={4}>
          {profile.development.basis}
        </Text>
        <Stack gap={4} mt="xs">
          {profile.development.records.map((r) => (
            <Text key={r.id} size="sm">
              {formatDate(r.endDate)} · {r.title} · {r.provider} · {r.jp} JP
              {r.hasCertificate ? (
                <>
                  {' · '}
                  <Anchor href={trainingCertificateUrl(r.id)} target="_blank" size="sm">
                    {t('competency.record.viewCertificate')}
                  </Anchor>
                </>
              ) : (
                <>
                  {' · '}
                  {mayRecord ? (
                    <CertificateUpload recordId={r.id} />
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t('competency.record.noCertificate')}
                    </Text>
                  )}
                </>
              )}
            </Text>
          ))}
        </Stack>
        <TrainingRecordModal
          opened={recording}
          onClose={() => setRecording(false)}
          {...(profile.viewer === 'BKD' ? { employeeId: profile.employee.id } : {})}
        />
      </Card>
      {!latest ? (
        <EmptyState title={t('competency.noAssessments')} description={t('competency.noAssessmentsHint')} />
      ) : (
        <Card withBorder>
          <Title order={4}>{t('competency.latest')}</Title>
          <Text size="sm" c="dimmed" mb="xs">
            {formatDate(latest.assessedOn)} · {latest.methodLabel} · {latest.assessor}
          </Text>
          {latest.noStandard ? (
            <Text size="sm">{latest.noStandard}</Text>
          ) : (
            <Group gap="lg" data-testid="competency-jpm">
              <JpmBadge jpm={latest.selection} label={t('competency.jpmSelection')} />
              <JpmBadge jpm={latest.mapping} label={t('competency.jpmMapping')} />
            </Group>
          )}
          {latest.recommendation && (
            <Text size="sm" mt="xs">
              <b>{t('competency.recommendation')}:</b> {latest.recommendation}
            </Text>
          )}
        </Card>
      )}
      {latest && (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('competency.gaps')}
          </Title>
          {profile.gaps.length === 0 ? (
            <Text size="sm">{t('competency.noGaps')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={480}>
              <Table fz="sm" data-testid="competency-gaps">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('competency.standard')}</Table.Th>
                    <Table.Th>{t('competency.required')}</Table.Th>
                    <Table.Th>{t('competency.assessed')}</Table.Th>
                    <Table.Th>{t('competency.gap')}</Table.Th>
                    <Table.Th>{t('competency.training')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {profile.gaps.map((g) => (
                    <Table.Tr key={g.code}>
                      <Table.Td>
                        {g.code} {g.name}
                      </Table.Td>
                      <Table.Td>{g.required}</Table.Td>
                      <Table.Td>{g.assessed ?? t('competency.notAssessed')}</Table.Td>
                      <Table.Td>{g.gap}</Table.Td>
                      <Table.Td>
                        {g.training
                          ? `${g.training.title} (${g.training.jp} JP)`
                          : t('competency.noTraining')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
      <Card withBorder>
        <Title order={4} mb="xs">
          {t('competency.standard')}
        </Title>
        {!profile.standard || !profile.standard.hasStandard ? (
          <Text size="sm">{t('competency.noStandard')}</Text>
        ) : (
          <Table fz="sm">
            <Table.Tbody>
              {profile.standard.levels.map((l) => (
                <Table.Tr key={l.code}>
                  <Table.Td>
                    {l.code} {l.name}
                  </Table.Td>
                  <Table.Td>{l.required}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {t(`competency.source.${l.source}`)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {profile.assessments.length > 1 && (
        <Card withBorder>
          <Title order={4} mb="xs">
            {t('competency.history')}
          </Title>
          <Stack gap="xs">
            {profile.assessments.map((a) => (
              <Group key={a.id} justify="space-between" wrap="wrap">
                <Text size="sm">
                  {formatDate(a.assessedOn)} · {a.methodLabel}
                </Text>
                <Text size="sm">{a.mapping ? `${a.mapping.percent}% ${a.mapping.code}` : '—'}</Text>
              </Group>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
