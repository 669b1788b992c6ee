import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useEmployees } from '../api/employees.ts';
import { formatNip } from '../lib/format.ts';

interface EmployeeSelectProps {
  label: string;
  placeholder?: string;
  value: string | null;
  /** Label for the current value before any search (e.g. the current superior's name). */
  initialLabel?: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  excludeId?: string;
}

/** Searches employees by name or NIP on the server and picks one. */
export function EmployeeSelect({
  label,
  placeholder,
  value,
  initialLabel,
  onChange,
  error,
  excludeId,
}: EmployeeSelectProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const query = useEmployees({ q: debounced || undefined, pageSize: 20, status: 'active' });
  const data = useMemo(() => {
    const items = (query.data?.items ?? [])
      .filter((e) => e.id !== excludeId)
      .map((e) => ({ value: e.id, label: e.nip ? `${e.fullName} — ${formatNip(e.nip)}` : e.fullName }));
    if (value && initialLabel && !items.some((item) => item.value === value)) {
      items.unshift({ value, label: initialLabel });
    }
    return items;
  }, [query.data, value, initialLabel, excludeId]);

  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={value}
      onChange={(next) => onChange(next)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={query.isFetching ? '…' : '—'}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
