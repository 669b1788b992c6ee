import { Button, Checkbox, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TIME_ZONES, UNIT_KINDS } from '../../../../shared/api/org.ts';
import { useCreateUnit, useUpdateUnit } from '../../../api/units.ts';
import type { TimeZone, Unit, UnitKind } from '../../../api/types.ts';
import { DateField } from '../../../components/DateField.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';

const FIELDS = ['code', 'name', 'kind', 'parentId', 'timeZone', 'address', 'attendanceStart'] as const;
type Field = (typeof FIELDS)[number];

interface UnitFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Editing an existing unit; otherwise a new one under `parentId`. */
  unit?: Unit | null;
  parentId?: string | null;
  parentTimeZone?: TimeZone;
  onSaved?: (unit: Unit) => void;
}

export function UnitFormModal(props: UnitFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.unit ? t('org.editUnit') : t('org.addUnit')}
      size="lg"
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 576}
    >
      {props.opened && <UnitForm {...props} />}
    </Modal>
  );
}

function UnitForm({ onClose, unit, parentId = null, parentTimeZone, onSaved }: UnitFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateUnit();
  const update = useUpdateUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  const fieldErrors = useFieldErrors<Field>();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? (parentId ? 'BIDANG' : 'OPD'));
  const [parent, setParent] = useState<string | null>(unit ? unit.parentId : parentId);
  const [timeZone, setTimeZone] = useState<TimeZone>(unit?.timeZone ?? parentTimeZone ?? 'Asia/Jakarta');
  const [address, setAddress] = useState(unit?.address ?? '');
  // Go-live: empty for a new unit = today (the server's default); an edit sends it only when changed.
  const [attendanceStart, setAttendanceStart] = useState(unit?.attendanceStart ?? '');
  const [applyBelow, setApplyBelow] = useState(true);
  const goLiveChanged = !!attendanceStart && attendanceStart !== (unit?.attendanceStart ?? '');

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!code.trim()) errors.code = t('common.required');
    if (name.trim().length < 2) errors.name = t('common.required');
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const input = {
      code: code.trim(),
      name: name.trim(),
      kind,
      parentId: parent,
      timeZone,
      address: address.trim() || null,
      ...(goLiveChanged ? { attendanceStart, ...(unit ? { attendanceStartSubunits: applyBelow } : {}) } : {}),
    };
    mutation.mutate(input, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', message: unit ? t('common.saved') : t('org.unitCreated') });
        onSaved?.(saved);
        onClose();
      },
      onError: (error) => fieldErrors.fromError(error, FIELDS),
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {mutation.error && (
          <ErrorState
            error={mutation.error}
            compact
            hideIssues={Object.keys(fieldErrors.errors).length > 0}
          />
        )}
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('org.code')}
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={fieldErrors.errors.code}
            miw={160}
          />
          <Select
            label={t('org.kind')}
            required
            data={UNIT_KINDS.map((value) => ({ value, label: t(`unitKinds.${value}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(value) => value && setKind(value as UnitKind)}
            error={fieldErrors.errors.kind}
            miw={160}
          />
        </Group>
        <TextInput
          label={t('org.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.errors.name}
        />
        <UnitSelect
          label={t('org.parent')}
          placeholder={t('org.noParent')}
          value={parent}
          onChange={setParent}
          error={fieldErrors.errors.parentId}
        />
        <Select
          label={t('org.timeZone')}
          required
          data={TIME_ZONES.map((value) => ({ value, label: t(`timeZones.${value}`) }))}
          value={timeZone}
          allowDeselect={false}
          onChange={(value) => value && setTimeZone(value as TimeZone)}
          error={fieldErrors.errors.timeZone}
        />
        <Textarea
          label={t('org.address')}
          autosize
          minRows={2}
          value={address}
          onChange={(e) => setAddress(e.currentTarget.value)}
          error={fieldErrors.errors.address}
        />
        <DateField
          label={t('org.attendanceStart')}
          description={t(unit ? 'org.attendanceStartHint' : 'org.attendanceStartNewHint')}
          value={attendanceStart}
          onChange={setAttendanceStart}
          error={fieldErrors.errors.attendanceStart}
        />
        {unit && goLiveChanged && (
          <Checkbox
            label={t('org.attendanceStartSubunits')}
            checked={applyBelow}
            onChange={(e) => setApplyBelow(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
