import { Button, Divider, Group, Modal, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPLOYEE_TYPES } from '../../../../shared/api/org.ts';
import { useCreateEmployee, useUpdateEmployee } from '../../../api/employees.ts';
import type { EmployeeDetail, EmployeeInput, EmployeeType } from '../../../api/types.ts';
import { DateField } from '../../../components/DateField.tsx';
import { EmployeeSelect } from '../../../components/EmployeeSelect.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { UnitSelect } from '../../../components/UnitSelect.tsx';
import { birthDateFromNip, checkNip } from '../../../lib/nip.ts';
import { PositionSelect } from './PositionSelect.tsx';

const FIELDS = [
  'nip',
  'internalId',
  'frontTitle',
  'name',
  'backTitle',
  'gender',
  'birthDate',
  'employeeType',
  'golongan',
  'education',
  'unitId',
  'positionId',
  'superiorId',
  'activeFrom',
  'activeTo',
  'email',
  'phone',
] as const;
type Field = (typeof FIELDS)[number];

interface EmployeeFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** Editing an existing employee (personal data only; placements change through Mutasi). */
  employee?: EmployeeDetail | null;
  defaultUnitId?: string | null;
  onSaved?: (employee: EmployeeDetail) => void;
}

export function EmployeeFormModal(props: EmployeeFormModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 576px)');
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.employee ? t('employee.edit') : t('employees.add')}
      size="xl"
      fullScreen={phone}
    >
      {props.opened && <EmployeeForm {...props} />}
    </Modal>
  );
}

const blank = (value: string) => (value.trim() === '' ? null : value.trim());

function EmployeeForm({ onClose, employee, defaultUnitId, onSaved }: EmployeeFormModalProps) {
  const { t } = useTranslation();
  const create = useCreateEmployee();
  const update = useUpdateEmployee(employee?.id ?? '');
  const mutation = employee ? update : create;
  const fieldErrors = useFieldErrors<Field>();
  const [nip, setNip] = useState(employee?.nip ?? '');
  const [internalId, setInternalId] = useState(employee?.internalId ?? '');
  const [frontTitle, setFrontTitle] = useState(employee?.frontTitle ?? '');
  const [name, setName] = useState(employee?.name ?? '');
  const [backTitle, setBackTitle] = useState(employee?.backTitle ?? '');
  const [gender, setGender] = useState<'L' | 'P' | ''>(employee?.gender ?? '');
  const [birthDate, setBirthDate] = useState(employee?.birthDate ?? '');
  const [employeeType, setEmployeeType] = useState<EmployeeType>(employee?.employeeType ?? 'PNS');
  const [golongan, setGolongan] = useState(employee?.golongan ?? '');
  const [education, setEducation] = useState(employee?.education ?? '');
  const [unitId, setUnitId] = useState<string | null>(employee?.unitId ?? defaultUnitId ?? null);
  const [positionId, setPositionId] = useState<string | null>(employee?.positionId ?? null);
  const [superiorId, setSuperiorId] = useState<string | null>(employee?.superiorId ?? null);
  const [activeFrom, setActiveFrom] = useState(employee?.activeFrom ?? '');
  const [email, setEmail] = useState(employee?.email ?? '');
  const [phone, setPhone] = useState(employee?.phone ?? '');
  const [dateValid, setDateValid] = useState({ birthDate: true, activeFrom: true });
  const errors = fieldErrors.errors;

  const handleNipChange = (value: string) => {
    setNip(value);
    fieldErrors.clear('nip');
    const compact = value.replace(/\s+/g, '');
    const fromNip = birthDateFromNip(compact);
    if (fromNip) {
      if (!birthDate) setBirthDate(fromNip);
      if (!gender) setGender(compact[14] === '2' ? 'P' : 'L');
    }
  };

  const validate = (): Partial<Record<Field, string>> => {
    const out: Partial<Record<Field, string>> = {};
    const compact = nip.replace(/\s+/g, '');
    if (compact) {
      const problem = checkNip(compact);
      if (problem === 'length') out.nip = t('employee.nipLength');
      else if (problem === 'birthDate') out.nip = t('employee.nipBirthDate');
      else if (problem === 'tmt') out.nip = t('employee.nipTmt');
      else if (problem === 'gender') out.nip = t('employee.nipGender');
    }
    if (name.trim().length < 2) out.name = t('common.required');
    if (!gender) out.gender = t('common.required');
    if (!dateValid.birthDate) out.birthDate = t('common.invalidDate');
    if (!employee) {
      if (!unitId) out.unitId = t('common.required');
      if (!activeFrom || !dateValid.activeFrom)
        out.activeFrom = activeFrom ? t('common.invalidDate') : t('common.required');
    }
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      out.email = t('employee.invalidEmail');
    return out;
  };

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    const local = validate();
    fieldErrors.setErrors(local);
    if (Object.keys(local).length > 0) return;
    const personal = {
      nip: blank(nip.replace(/\s+/g, '')),
      internalId: blank(internalId),
      frontTitle: blank(frontTitle),
      name: name.trim(),
      backTitle: blank(backTitle),
      gender: gender as 'L' | 'P',
      birthDate: birthDate || null,
      employeeType,
      golongan: blank(golongan),
      education: blank(education),
      email: blank(email),
      phone: blank(phone),
    };
    const onError = (error: unknown) => fieldErrors.fromError(error, FIELDS);
    const onSuccess = (saved: EmployeeDetail) => {
      notifications.show({
        color: 'teal',
        message: employee ? t('employee.updated') : t('employees.created'),
      });
      onSaved?.(saved);
      onClose();
    };
    if (employee) {
      update.mutate(personal, { onSuccess, onError });
    } else {
      const input: EmployeeInput = { ...personal, unitId: unitId ?? '', positionId, superiorId, activeFrom };
      create.mutate(input, { onSuccess, onError });
    }
  };

  return (
    <form onSubmit={handleSubmit} noValidate data-testid="employee-form">
      <Stack gap="sm">
        {mutation.error && (
          <ErrorState error={mutation.error} compact hideIssues={Object.keys(errors).length > 0} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('employee.type')}
            required
            allowDeselect={false}
            data={EMPLOYEE_TYPES.map((value) => ({ value, label: t(`employeeTypes.${value}`) }))}
            value={employeeType}
            onChange={(value) => value && setEmployeeType(value as EmployeeType)}
            error={errors.employeeType}
          />
          <TextInput
            label={t('employee.nip')}
            description={t('employee.nipHint')}
            inputMode="numeric"
            value={nip}
            onChange={(e) => handleNipChange(e.currentTarget.value)}
            error={errors.nip}
            data-testid="employee-nip"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t('employee.frontTitle')}
            value={frontTitle}
            onChange={(e) => setFrontTitle(e.currentTarget.value)}
            error={errors.frontTitle}
          />
          <TextInput
            label={t('employee.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="employee-name"
          />
          <TextInput
            label={t('employee.backTitle')}
            value={backTitle}
            onChange={(e) => setBackTitle(e.currentTarget.value)}
            error={errors.backTitle}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Radio.Group
            label={t('employee.gender')}
            required
            value={gender}
            onChange={(v) => setGender(v as 'L' | 'P')}
            error={errors.gender}
          >
            <Group gap="md" mt={8}>
              <Radio value="L" label={t('employee.male')} />
              <Radio value="P" label={t('employee.female')} />
            </Group>
          </Radio.Group>
          <DateField
            label={t('employee.birthDate')}
            value={birthDate}
            onChange={setBirthDate}
            onValidityChange={(ok) => setDateValid((v) => ({ ...v, birthDate: ok }))}
            error={errors.birthDate}
          />
          <TextInput
            label={t('employee.internalId')}
            value={internalId}
            onChange={(e) => setInternalId(e.currentTarget.value)}
            error={errors.internalId}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <TextInput
            label={t('employee.golongan')}
            placeholder="III/a"
            value={golongan}
            onChange={(e) => setGolongan(e.currentTarget.value)}
            error={errors.golongan}
          />
          <TextInput
            label={t('employee.education')}
            placeholder="S1"
            value={education}
            onChange={(e) => setEducation(e.currentTarget.value)}
            error={errors.education}
          />
          <TextInput
            label={t('employee.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <TextInput
            label={t('employee.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={errors.phone}
          />
        </SimpleGrid>
        {!employee && (
          <>
            <Divider my={4} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <UnitSelect
                label={t('employee.unit')}
                required
                value={unitId}
                onChange={(value) => {
                  setUnitId(value);
                  setPositionId(null);
                  fieldErrors.clear('unitId');
                }}
                error={errors.unitId}
                data-testid="employee-unit"
              />
              <PositionSelect
                unitId={unitId}
                value={positionId}
                onChange={setPositionId}
                error={errors.positionId}
              />
              <EmployeeSelect
                label={t('employee.superior')}
                placeholder={t('employee.superiorSearch')}
                value={superiorId}
                onChange={setSuperiorId}
                error={errors.superiorId}
              />
              <DateField
                label={t('employee.activeFrom')}
                required
                value={activeFrom}
                onChange={setActiveFrom}
                onValidityChange={(ok) => setDateValid((v) => ({ ...v, activeFrom: ok }))}
                error={errors.activeFrom}
              />
            </SimpleGrid>
          </>
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
