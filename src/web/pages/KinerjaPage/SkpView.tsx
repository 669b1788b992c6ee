import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth.ts';
import { useEvidenceList, useFeedbackList, type Skp } from '../../api/kinerja-skp.ts';
import { RhkActivity } from '../../components/kinerja/RhkActivity.tsx';
import { KINERJA_VERIFIERS } from '../../components/kinerja/roles.ts';
import { hasAnyRole } from '../../lib/roles.ts';
import { SkpStatusBadge } from '../../components/kinerja/badges.tsx';
import { formatDate } from '../../lib/format.ts';

const target = (min: number, max: number | null) =>
  max === null || max === min ? `${min}` : `${min}–${max}`;

/** An SKP as read: status, period, RHK with indicators and targets and the superior's RHK each intervenes. */
export function SkpView({ skp }: { skp: Skp }) {
  const { t } = useTranslation();
  const me = useMe();
  const owner = me.data?.user.employeeId === skp.employee.employeeId;
  // Continuous feedback and evidence belong to an approved SKP: the penilai writes feedback, the employee adds
  // evidence (the server checks who is the penilai, with Plt/Plh).
  const active = skp.status === 'APPROVED';
  const feedback = useFeedbackList(active ? skp.id : null);
  const evidence = useEvidenceList(active ? skp.id : null);
  const penilai = !owner && hasAnyRole(me.data, KINERJA_VERIFIERS);
  return (
    <Stack gap="sm" data-testid="skp-view" data-skp-id={skp.id}>
      <Group gap="xs" wrap="wrap">
        <SkpStatusBadge status={skp.status} />
        <Text size="sm">
          {t('kinerja.skp.period', { from: formatDate(skp.periodStart), to: formatDate(skp.periodEnd) })}
        </Text>
        <Badge variant="outline">{t(`kinerja.skp.approach.${skp.approach}`)}</Badge>
      </Group>
      {skp.penilai && (
        <Text size="sm" c="dimmed">
          {t('kinerja.skp.penilai', { name: skp.penilai.name })}
        </Text>
      )}
      {skp.returnNote && skp.status === 'RETURNED' && (
        <Text size="sm" c="red.8">
          {t('kinerja.skp.returnedBecause', { note: skp.returnNote })}
        </Text>
      )}
      {skp.rhk.length === 0 && <Text c="dimmed">{t('kinerja.skp.noRhk')}</Text>}
      {skp.rhk.map((r) => (
        <Card key={r.id} withBorder padding="sm" radius="md" data-testid="skp-rhk">
          <Stack gap={6}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge variant="light" color={r.kind === 'UTAMA' ? 'blue' : 'grape'} style={{ flexShrink: 0 }}>
                {t(`kinerja.rhkKind.${r.kind}`)} {r.seq}
              </Badge>
              <Text size="sm" fw={600}>
                {r.text}
              </Text>
            </Group>
            {r.intervenes && (
              <Text size="xs" c="dimmed">
                {t('kinerja.skp.intervenes', { text: r.intervenes.text, name: r.intervenes.employeeName })}
              </Text>
            )}
            {r.penugasanDari && (
              <Text size="xs" c="dimmed">
                {t('kinerja.skp.penugasanDari', { text: r.penugasanDari })}
              </Text>
            )}
            <Table.ScrollContainer minWidth={320}>
              <Table fz="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('kinerja.skp.indicator')}</Table.Th>
                    <Table.Th>{t('kinerja.skp.aspect')}</Table.Th>
                    <Table.Th>{t('kinerja.skp.target')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.indicators.map((i) => (
                    <Table.Tr key={i.id}>
                      <Table.Td>{i.text}</Table.Td>
                      <Table.Td>{t(`kinerja.aspect.${i.aspect}`)}</Table.Td>
                      <Table.Td>
                        {target(i.targetMin, i.targetMax)} {i.satuan}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {active && feedback.data && evidence.data && (
              <RhkActivity
                skpId={skp.id}
                rhkId={r.id}
                periodStart={skp.periodStart}
                periodEnd={skp.periodEnd}
                feedback={feedback.data.items.filter((f) => f.rhkId === r.id)}
                evidence={evidence.data.items.filter((e) => e.rhkId === r.id)}
                canGiveFeedback={penilai}
                canAddEvidence={owner}
              />
            )}
          </Stack>
        </Card>
      ))}
      <Card withBorder padding="sm" radius="md">
        <Title order={5} mb={4}>
          {t('kinerja.skp.perilaku')}
        </Title>
        <List size="sm" spacing={2}>
          {skp.perilaku.map((p) => (
            <List.Item key={p.value}>
              <Text span fw={600} size="sm">
                {p.label}
              </Text>
              {p.ekspektasiKhusus ? `: ${p.ekspektasiKhusus}` : ''}
            </List.Item>
          ))}
        </List>
      </Card>
      <Card withBorder padding="sm" radius="md">
        <Title order={5} mb={4}>
          {t('kinerja.skp.lampiran')}
        </Title>
        {(['dukunganSumberDaya', 'skemaPertanggungjawaban', 'konsekuensi'] as const).map((k) => (
          <Stack key={k} gap={0} mb={4}>
            <Text size="sm" fw={600}>
              {t(`kinerja.skp.lampiranParts.${k}`)}
            </Text>
            {skp.lampiran[k].length === 0 ? (
              <Text size="xs" c="dimmed">
                —
              </Text>
            ) : (
              <List size="xs">
                {skp.lampiran[k].map((line, i) => (
                  <List.Item key={i}>{line}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        ))}
      </Card>
    </Stack>
  );
}
