import {
  Badge,
  Button,
  CloseButton,
  Group,
  Modal,
  MultiSelect,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useInspectors, usePlanInspection } from '../../api/inspections.ts';
import { useUnitTree } from '../../api/units.ts';
import type { UnitTreeNode } from '../../api/types.ts';
import type { InspectionKind } from '../../../shared/api/inspections.ts';
import { DateField } from '../DateField.tsx';
import { ErrorState } from '../ErrorState.tsx';
import { UnitSelect } from '../UnitSelect.tsx';

const unitName = (nodes: UnitTreeNode[], id: string): string | null => {
  for (const n of nodes) {
    if (n.id === id) return n.name;
    const inner = unitName(n.children, id);
    if (inner) return inner;
  }
  return null;
};

/**
 * The planning form of an inspection (BKD / Inspektorat): title, announced or not, date, one or several units, the
 * team, and the complaint it follows up when opened from one (`?baru=1&unitId=…&complaintId=…`).
 */
export function PlanInspectionModal(props: {
  opened: boolean;
  onClose: () => void;
  initialUnitId: string | null;
  complaintId: string | null;
  today: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<InspectionKind>('UNANNOUNCED');
  const [date, setDate] = useState(props.today);
  const [units, setUnits] = useState<string[]>(props.initialUnitId ? [props.initialUnitId] : []);
  const [team, setTeam] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const inspectors = useInspectors(props.opened);
  const tree = useUnitTree();
  const plan = usePlanInspection();
  const phone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false }) ?? false;

  const submit = () =>
    plan.mutate(
      {
        title,
        kind,
        date,
        unitIds: units,
        teamUserIds: team,
        complaintId: props.complaintId,
        ...(note.trim() ? { note } : {}),
      },
      {
        onSuccess: (r) => {
          notifications.show({ color: 'teal', message: t('inspections.form.saved') });
          props.onClose();
          void navigate(`/sidak/${r.id}`);
        },
      },
    );

  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={t('inspections.plan')}
      size="lg"
      fullScreen={phone}
    >
      <Stack>
        <TextInput
          label={t('inspections.form.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          required
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('inspections.form.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as InspectionKind)}
            data={(['UNANNOUNCED', 'ANNOUNCED'] as const).map((k) => ({
              value: k,
              label: t(`inspections.kind.${k}`),
            }))}
            fullWidth
          />
        </Stack>
        <DateField label={t('inspections.form.date')} value={date} onChange={setDate} required />
        <Stack gap={4}>
          <UnitSelect
            label={t('inspections.form.unit')}
            value={null}
            onChange={(id) => id && !units.includes(id) && setUnits([...units, id])}
            placeholder={t('inspections.form.addUnit')}
            data-testid="plan-unit"
          />
          <Group gap={6}>
            {units.map((id) => (
              <Badge
                key={id}
                variant="light"
                rightSection={
                  <CloseButton
                    size="xs"
                    aria-label="hapus"
                    onClick={() => setUnits(units.filter((u) => u !== id))}
                  />
                }
              >
                {unitName(tree.data ?? [], id) ?? id}
              </Badge>
            ))}
          </Group>
        </Stack>
        <MultiSelect
          label={t('inspections.form.team')}
          description={t('inspections.form.teamHint')}
          data={(inspectors.data?.items ?? []).map((i) => ({ value: i.userId, label: i.name }))}
          value={team}
          onChange={setTeam}
          searchable
          comboboxProps={{ withinPortal: true }}
        />
        {props.complaintId && (
          <TextInput label={t('inspections.form.complaint')} value={props.complaintId} readOnly />
        )}
        <Textarea
          label={t('inspections.form.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        {plan.isError && <ErrorState error={plan.error} compact />}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('inspections.form.cancel')}
          </Button>
          <Button onClick={submit} loading={plan.isPending}>
            {t('inspections.form.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
