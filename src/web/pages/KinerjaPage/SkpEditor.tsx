import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSuperiorRhk, useUpdateSkp, type Skp, type SkpRhkInput } from '../../api/kinerja-skp.ts';
import { ErrorState } from '../../components/ErrorState.tsx';

type Aspect = 'KUANTITAS' | 'KUALITAS' | 'WAKTU' | 'BIAYA';
type IndicatorDraft = {
  text: string;
  aspect: Aspect;
  targetMin: number | string;
  targetMax: number | string;
  satuan: string;
};
type RhkDraft = {
  id?: string;
  kind: 'UTAMA' | 'TAMBAHAN';
  text: string;
  intervenesRhkId: string | null;
  penugasanDari: string;
  indicators: IndicatorDraft[];
};

const emptyIndicator = (): IndicatorDraft => ({
  text: '',
  aspect: 'KUANTITAS',
  targetMin: '',
  targetMax: '',
  satuan: '',
});

function fromSkp(skp: Skp): RhkDraft[] {
  return skp.rhk.map((r) => ({
    id: r.id,
    kind: r.kind,
    text: r.text,
    intervenesRhkId: r.intervenesRhkId,
    penugasanDari: r.penugasanDari ?? '',
    indicators: r.indicators.map((i) => ({
      text: i.text,
      aspect: i.aspect,
      targetMin: i.targetMin,
      targetMax: i.targetMax ?? '',
      satuan: i.satuan,
    })),
  }));
}

/**
 * The draft editor: RHK utama and tambahan, each with indicators and targets, the superior's RHK it intervenes
 * (the cascade picker, from GET /skp/superior-rhk), and the lampiran; the perilaku kerja expectations are shown
 * (set by the leader). Saves the whole SKP at once (PUT /skp/:id).
 */
export function SkpEditor({ skp, onDone }: { skp: Skp; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateSkp();
  const superior = useSuperiorRhk(skp.needsCascade || true);
  const [rhk, setRhk] = useState<RhkDraft[]>(() => fromSkp(skp));
  const [lampiran, setLampiran] = useState(() => ({
    dukunganSumberDaya: skp.lampiran.dukunganSumberDaya.join('\n'),
    skemaPertanggungjawaban: skp.lampiran.skemaPertanggungjawaban.join('\n'),
    konsekuensi: skp.lampiran.konsekuensi.join('\n'),
  }));
  const cascade = (superior.data?.items ?? []).map((i) => ({
    value: i.id,
    label: `${t(`kinerja.rhkKind.${i.kind}`)} ${i.seq}. ${i.text}`,
  }));

  const setR = (idx: number, patch: Partial<RhkDraft>) =>
    setRhk((list) => list.map((r, i) => (i === idx ? { ...r, ...patch } : r)));
  const setI = (ri: number, ii: number, patch: Partial<IndicatorDraft>) =>
    setRhk((list) =>
      list.map((r, i) =>
        i === ri ? { ...r, indicators: r.indicators.map((x, j) => (j === ii ? { ...x, ...patch } : x)) } : r,
      ),
    );

  const save = () => {
    const body: SkpRhkInput[] = rhk.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      kind: r.kind,
      text: r.text.trim(),
      intervenesRhkId: r.intervenesRhkId,
      penugasanDari: r.penugasanDari.trim() || null,
      indicators: r.indicators.map((i) => ({
        text: i.text.trim(),
        aspect: i.aspect,
        targetMin: typeof i.targetMin === 'number' ? i.targetMin : Number.NaN,
        targetMax: typeof i.targetMax === 'number' ? i.targetMax : null,
        satuan: i.satuan.trim(),
      })),
    }));
    const lines = (s: string) =>
      s
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
    update.mutate(
      {
        id: skp.id,
        approach: skp.approach,
        rhk: body,
        perilaku: skp.perilaku.map((p) => ({ value: p.value, ekspektasiKhusus: p.ekspektasiKhusus })),
        lampiran: {
          dukunganSumberDaya: lines(lampiran.dukunganSumberDaya),
          skemaPertanggungjawaban: lines(lampiran.skemaPertanggungjawaban),
          konsekuensi: lines(lampiran.konsekuensi),
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('kinerja.skp.saved') });
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="skp-editor">
      {skp.needsCascade && superior.data?.emptyReason && (
        <Text size="sm" c="orange.8">
          {superior.data.emptyReason}
        </Text>
      )}
      {rhk.map((r, ri) => (
        <Card key={ri} withBorder padding="sm" radius="md" data-testid="skp-rhk-edit">
          <Stack gap="xs">
            <Group justify="space-between">
              <Select
                aria-label={t('kinerja.skp.rhkKind')}
                data={(['UTAMA', 'TAMBAHAN'] as const).map((k) => ({
                  value: k,
                  label: t(`kinerja.rhkKind.${k}`),
                }))}
                value={r.kind}
                onChange={(v) => v && setR(ri, { kind: v as RhkDraft['kind'] })}
                w={140}
                allowDeselect={false}
              />
              <ActionIcon
                color="red"
                variant="subtle"
                aria-label={t('kinerja.skp.removeRhk')}
                onClick={() => setRhk((l) => l.filter((_, i) => i !== ri))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
            <Textarea
              label={t('kinerja.skp.rhkText')}
              value={r.text}
              onChange={(e) => setR(ri, { text: e.currentTarget.value })}
              autosize
              minRows={2}
            />
            <Select
              label={t('kinerja.skp.intervenesPick')}
              data={cascade}
              value={r.intervenesRhkId}
              onChange={(v) => setR(ri, { intervenesRhkId: v })}
              clearable
              searchable
              nothingFoundMessage={superior.data?.emptyReason ?? t('kinerja.skp.noSuperiorRhk')}
            />
            {!skp.needsCascade && (
              <TextInput
                label={t('kinerja.skp.penugasanDariLabel')}
                value={r.penugasanDari}
                onChange={(e) => setR(ri, { penugasanDari: e.currentTarget.value })}
              />
            )}
            {r.indicators.map((ind, ii) => (
              <SimpleGrid key={ii} cols={{ base: 1, sm: 5 }} spacing="xs">
                <TextInput
                  label={t('kinerja.skp.indicator')}
                  value={ind.text}
                  onChange={(e) => setI(ri, ii, { text: e.currentTarget.value })}
                />
                <Select
                  label={t('kinerja.skp.aspect')}
                  data={(['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const).map((a) => ({
                    value: a,
                    label: t(`kinerja.aspect.${a}`),
                  }))}
                  value={ind.aspect}
                  onChange={(v) => v && setI(ri, ii, { aspect: v as Aspect })}
                  allowDeselect={false}
                />
                <NumberInput
                  label={t('kinerja.skp.targetMin')}
                  value={ind.targetMin}
                  onChange={(v) => setI(ri, ii, { targetMin: v })}
                  min={0}
                />
                <NumberInput
                  label={t('kinerja.skp.targetMax')}
                  value={ind.targetMax}
                  onChange={(v) => setI(ri, ii, { targetMax: v })}
                  min={0}
                />
                <TextInput
                  label={t('kinerja.skp.satuan')}
                  value={ind.satuan}
                  onChange={(e) => setI(ri, ii, { satuan: e.currentTarget.value })}
                />
              </SimpleGrid>
            ))}
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setR(ri, { indicators: [...r.indicators, emptyIndicator()] })}
            >
              {t('kinerja.skp.addIndicator')}
            </Button>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() =>
            setRhk((l) => [
              ...l,
              {
                kind: 'UTAMA',
                text: '',
                intervenesRhkId: null,
                penugasanDari: '',
                indicators: [emptyIndicator()],
              },
            ])
          }
        >
          {t('kinerja.skp.addRhk')}
        </Button>
      </Group>
      <Card withBorder padding="sm" radius="md">
        <Title order={5}>{t('kinerja.skp.perilaku')}</Title>
        <Text size="xs" c="dimmed" mb={4}>
          {t('kinerja.skp.perilakuHint')}
        </Text>
        {skp.perilaku.map((p) => (
          <Text key={p.value} size="sm">
            <b>{p.label}</b>
            {p.ekspektasiKhusus ? `: ${p.ekspektasiKhusus}` : ''}
          </Text>
        ))}
      </Card>
      {(['dukunganSumberDaya', 'skemaPertanggungjawaban', 'konsekuensi'] as const).map((k) => (
        <Textarea
          key={k}
          label={t(`kinerja.skp.lampiranParts.${k}`)}
          description={t('kinerja.skp.onePerLine')}
          value={lampiran[k]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setLampiran((l) => ({ ...l, [k]: v }));
          }}
          autosize
          minRows={2}
        />
      ))}
      {update.isError && <ErrorState error={update.error} compact />}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={save} loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
