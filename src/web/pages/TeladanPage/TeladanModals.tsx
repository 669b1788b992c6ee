import { ActionIcon, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RankedCandidateView, TeladanPeriod } from '../../../shared/api/teladan.ts';
import { useDecide, useNominate, usePublicNomination, useSetCommittee } from '../../api/teladan.ts';
import { EmployeeSelect } from '../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';

/** A question before a step that cannot be undone (start the review, publish). */
export function ConfirmModal({
  ask,
  onClose,
}: {
  ask: { title: string; body: string; run: () => void } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={ask !== null} onClose={onClose} title={ask?.title} centered>
      <Text size="sm">{ask?.body}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('teladan.cancel')}
        </Button>
        <Button
          onClick={() => {
            ask?.run();
            onClose();
          }}
        >
          {ask?.title}
        </Button>
      </Group>
    </Modal>
  );
}

type Member = { employeeId: string | null; role: 'KETUA' | 'ANGGOTA'; label: string | null };

/** BKD designates the committee: one chair and members. */
export function CommitteeModal({
  period,
  opened,
  onClose,
}: {
  period: TeladanPeriod;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSetCommittee(period.id);
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (opened)
      setMembers(
        period.committee.length
          ? period.committee.map((m) => ({
              employeeId: m.employeeId,
              role: m.role as Member['role'],
              label: m.name,
            }))
          : [{ employeeId: null, role: 'KETUA', label: null }],
      );
  }, [opened, period.committee]);
  const set = (i: number, patch: Partial<Member>) =>
    setMembers((list) => list.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  return (
    <Modal opened={opened} onClose={onClose} title={t('teladan.setCommittee')} size="lg">
      <Stack gap="sm">
        {members.map((m, i) => (
          <Group key={i} align="flex-end" wrap="nowrap" gap="xs">
            <div style={{ flex: 1 }}>
              <EmployeeSelect
                label={t('teladan.member', { n: i + 1 })}
                value={m.employeeId}
                initialLabel={m.label}
                onChange={(id) => set(i, { employeeId: id })}
              />
            </div>
            <Select
              w={120}
              data={(['KETUA', 'ANGGOTA'] as const).map((r) => ({ value: r, label: t(`teladan.role.${r}`) }))}
              value={m.role}
              onChange={(v) => set(i, { role: (v ?? 'ANGGOTA') as Member['role'] })}
              allowDeselect={false}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label="Hapus"
              onClick={() => setMembers((list) => list.filter((_, k) => k !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          variant="subtle"
          onClick={() => setMembers((l) => [...l, { employeeId: null, role: 'ANGGOTA', label: null }])}
        >
          {t('teladan.addMember')}
        </Button>
        {save.isError && <ErrorState error={save.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('teladan.cancel')}
          </Button>
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  members: members
                    .filter((m) => m.employeeId)
                    .map((m) => ({ employeeId: m.employeeId!, role: m.role })),
                },
                { onSuccess: onClose },
              )
            }
          >
            {t('teladan.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A superior nominates a subordinate, or BKD records a public nomination from another channel. */
export function NominateModal({
  periodId,
  kind,
  opened,
  onClose,
}: {
  periodId: string;
  kind: 'SUPERIOR' | 'PUBLIC';
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const superior = useNominate(periodId);
  const pub = usePublicNomination(periodId);
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('');
  const [reference, setReference] = useState('');
  const m = kind === 'PUBLIC' ? pub : superior;
  const done = () => {
    setEmployeeId(null);
    setReason('');
    setReference('');
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={kind === 'PUBLIC' ? t('teladan.publicNomination') : t('teladan.nominate')}
    >
      <Stack gap="sm">
        <EmployeeSelect label={t('teladan.nominateEmployee')} value={employeeId} onChange={setEmployeeId} />
        <TextAreaField label={t('teladan.reason')} value={reason} onChange={setReason} maxLength={1000} />
        {kind === 'PUBLIC' && (
          <>
            <TextInput
              label={t('teladan.source')}
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
            />
            <TextInput
              label={t('teladan.reference')}
              value={reference}
              onChange={(e) => setReference(e.currentTarget.value)}
            />
          </>
        )}
        {m.isError && <ErrorState error={m.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('teladan.cancel')}
          </Button>
          <Button
            loading={m.isPending}
            disabled={!employeeId}
            onClick={() =>
              kind === 'PUBLIC'
                ? pub.mutate(
                    { employeeId: employeeId!, reason, source, reference: reference || undefined },
                    { onSuccess: done },
                  )
                : superior.mutate({ employeeId: employeeId!, reason }, { onSuccess: done })
            }
          >
            {t('teladan.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A committee member's decision on one candidate, with the note. */
export function DecisionModal({
  periodId,
  candidate,
  onClose,
}: {
  periodId: string;
  candidate: RankedCandidateView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const decide = useDecide(periodId);
  const [decision, setDecision] = useState<'WINNER' | 'NOT_SELECTED'>('WINNER');
  const [category, setCategory] = useState<'OPD' | 'REGION'>('OPD');
  const [note, setNote] = useState('');
  useEffect(() => {
    setDecision(candidate?.decision?.decision ?? (candidate?.excluded ? 'NOT_SELECTED' : 'WINNER'));
    setCategory(candidate?.decision?.category ?? 'OPD');
    setNote(candidate?.decision?.note ?? '');
    decide.reset();
  }, [candidate]);
  return (
    <Modal
      opened={candidate !== null}
      onClose={onClose}
      title={`${t('teladan.decide')}: ${candidate?.name ?? ''}`}
    >
      <Stack gap="sm">
        <Select
          label={t('teladan.decide')}
          data={(['WINNER', 'NOT_SELECTED'] as const).map((d) => ({
            value: d,
            label: t(`teladan.decision.${d}`),
          }))}
          value={decision}
          onChange={(v) => setDecision((v ?? 'WINNER') as typeof decision)}
          allowDeselect={false}
        />
        {decision === 'WINNER' && (
          <Select
            label={t('teladan.categoryLabel')}
            data={(['OPD', 'REGION'] as const).map((c) => ({ value: c, label: t(`teladan.category.${c}`) }))}
            value={category}
            onChange={(v) => setCategory((v ?? 'OPD') as typeof category)}
            allowDeselect={false}
          />
        )}
        <TextAreaField label={t('teladan.note')} value={note} onChange={setNote} maxLength={1000} />
        {decide.isError && <ErrorState error={decide.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('teladan.cancel')}
          </Button>
          <Button
            loading={decide.isPending}
            onClick={() =>
              decide.mutate(
                {
                  employeeId: candidate!.employeeId,
                  decision,
                  category: decision === 'WINNER' ? category : null,
                  note: note || undefined,
                },
                { onSuccess: onClose },
              )
            }
          >
            {t('teladan.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
