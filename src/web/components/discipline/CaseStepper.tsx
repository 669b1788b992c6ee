import { Group, Stepper, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../api/discipline.ts';

/** The procedure's stages as the stepper shows them (several states per stage; regulations.md §1.7). */
const STAGES = [
  { key: 'telaah', states: ['TELAAH'] },
  { key: 'tim', states: ['PEMBENTUKAN_TIM'] },
  { key: 'panggilan', states: ['PEMANGGILAN', 'PANGGILAN_I', 'PANGGILAN_II'] },
  { key: 'pemeriksaan', states: ['PEMERIKSAAN'] },
  { key: 'penjatuhan', states: ['PENJATUHAN'] },
  { key: 'penyampaian', states: ['PENYAMPAIAN'] },
  { key: 'berlaku', states: ['MENUNGGU_BERLAKU', 'UPAYA_ADMINISTRATIF', 'BERLAKU'] },
  { key: 'selesai', states: ['SELESAI'] },
] as const;
type StageKey = (typeof STAGES)[number]['key'];

const stageOf = (state: string) => STAGES.findIndex((s) => (s.states as readonly string[]).includes(state));

/**
 * The case's state as a stepper of the procedure: telaah, (team), summons, examination, decision, delivery, in
 * force, done. The team stage is left out when the superior examines alone; a case ended without sanction shows
 * the stage it stopped at in grey and "Dihentikan". On a phone the steps are icons only, the stage named below.
 */
export function CaseStepper({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;
  const c = view.case;
  const ended = c.state === 'DIHENTIKAN';
  // Where an ended case stopped: the state it left for DIHENTIKAN.
  const stoppedFrom = ended
    ? ([...view.timeline].reverse().find((e) => e.toState === 'DIHENTIKAN')?.fromState ?? 'TELAAH')
    : c.state;
  const withTeam = c.examinerKind === 'TIM' || !!view.team || stoppedFrom === 'PEMBENTUKAN_TIM';
  const stages = STAGES.filter((s) => s.key !== 'tim' || withTeam);
  const at = Math.max(
    0,
    stages.findIndex((s) => s.key === STAGES[Math.max(0, stageOf(stoppedFrom))]?.key),
  );
  const active = c.state === 'SELESAI' ? stages.length : at;
  const label = (k: StageKey) => t(`disiplin.stages.${k}`);
  return (
    <div data-testid="case-stepper" data-stage={stages[Math.min(at, stages.length - 1)]?.key}>
      <Stepper
        active={active}
        size="xs"
        iconSize={phone ? 22 : 28}
        color={ended ? 'gray' : 'teal'}
        allowNextStepsSelect={false}
        styles={{ steps: { flexWrap: phone ? 'nowrap' : 'wrap', rowGap: 8 } }}
        aria-label={t('disiplin.case.procedure')}
      >
        {stages.map((s, i) => (
          <Stepper.Step
            key={s.key}
            label={phone ? undefined : label(s.key)}
            aria-label={label(s.key)}
            aria-current={i === at ? 'step' : undefined}
            color={ended && i === at ? 'red' : undefined}
            icon={ended && i === at ? <IconX size={12} /> : undefined}
          />
        ))}
      </Stepper>
      {(phone || ended) && (
        <Group gap={6} mt={6}>
          <Text size="xs" c="dimmed">
            {t('disiplin.case.stageOf', { n: Math.min(at + 1, stages.length), total: stages.length })}
          </Text>
          <Text size="xs" fw={600}>
            {ended ? `${label(stages[at]!.key)} → ${c.stateLabel}` : c.stateLabel}
          </Text>
        </Group>
      )}
    </div>
  );
}
