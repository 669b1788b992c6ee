import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLeaveBalance, useSetLeaveOpening, type LeaveBalance } from '../../../api/leave.ts';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { useFieldErrors } from '../../../components/field-errors.ts';
import { LeaveBalanceCard } from '../../../components/LeaveBalanceCard.tsx';

const FIELDS = ['carriedFromPreviousYear', 'carriedFromTwoYearsBefore', 'takenBefore', 'note'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The employee's annual leave (admin OPD / BKD): the balance of a year with its explanation, and the opening
 * balance carried over from the old system before Abdi (regulations.md §4.1: carry-over 12 → up to 18 → up to
 * 24; annual leave already taken this year). Saving is audited by the server.
 */
export function LeaveTab({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const balance = useLeaveBalance(employeeId, year);
  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Select
          label={t('leave.openingYear')}
          w={140}
          allowDeselect={false}
          value={String(year)}
          onChange={(v) => v && setYear(Number(v))}
          data={[thisYear - 1, thisYear, thisYear + 1].map(String)}
        />
      </Group>
      <LeaveBalanceCard employeeId={employeeId} year={year} explain />
      {balance.data && (
        // Keyed by year and the stored opening: the form starts again from what is stored.
        <OpeningForm
          key={`${year}|${JSON.stringify(balance.data.opening)}`}
          employeeId={employeeId}
          year={year}
          opening={balance.data.opening}
        />
      )}
    </Stack>
  );
}

function OpeningForm({
  employeeId,
  year,
  opening,
}: {
  employeeId: string;
  year: number;
  opening: LeaveBalance['opening'];
}) {
  const { t } = useTranslation();
  const save = useSetLeaveOpening();
  const fieldErrors = useFieldErrors<Field>();
  const stored = opening && opening.year === year ? opening : null;
  const [previous, setPrevious] = useState<number | string>(stored?.carriedFromPreviousYear ?? 0);
  const [twoBefore, setTwoBefore] = useState<number | string>(stored?.carriedFromTwoYearsBefore ?? 0);
  const [taken, setTaken] = useState<number | string>(stored?.takenBefore ?? 0);
  const [note, setNote] = useState(stored?.note ?? '');

  // The three day counts, with their limits (the server's leaveOpeningInputSchema).
  const numbers = [
    {
      field: 'carriedFromPreviousYear',
      label: 'leave.openingPrevious',
      max: 24,
      value: previous,
      set: setPrevious,
    },
    {
      field: 'carriedFromTwoYearsBefore',
      label: 'leave.openingTwoBefore',
      max: 24,
      value: twoBefore,
      set: setTwoBefore,
    },
    { field: 'takenBefore', label: 'leave.openingTaken', max: 366, value: taken, set: setTaken },
  ] as const;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    for (const n of numbers)
      if (!(typeof n.value === 'number' && Number.isInteger(n.value) && n.value >= 0 && n.value <= n.max))
        errors[n.field] = t('leave.openingDays', { max: n.max });
    fieldErrors.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    save.mutate(
      {
        employeeId,
        year,
        carriedFromPreviousYear: Number(previous),
        carriedFromTwoYearsBefore: Number(twoBefore),
        takenBefore: Number(taken),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('leave.openingSaved') }),
        onError: (error) => fieldErrors.fromError(error, FIELDS),
      },
    );
  };

  return (
    <Card withBorder radius="md" padding="md" data-testid="leave-opening">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={3} fz="h5">
            {t('leave.openingTitle', { year })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('leave.openingHint')}
          </Text>
          {stored && (
            <Text size="xs" c="dimmed" data-testid="leave-opening-stored">
              {t('leave.openingStored')}
            </Text>
          )}
          {save.error && (
            <ErrorState error={save.error} compact hideIssues={Object.keys(fieldErrors.errors).length > 0} />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {numbers.map((n) => (
              <NumberInput
                key={n.field}
                label={t(n.label)}
                min={0}
                max={n.max}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                value={n.value}
                onChange={n.set}
                error={fieldErrors.errors[n.field]}
              />
            ))}
          </SimpleGrid>
          <Textarea
            label={t('leave.openingNote')}
            autosize
            minRows={2}
            maxLength={500}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fieldErrors.errors.note}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('leave.openingSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
