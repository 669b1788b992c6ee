import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, parseDateInput } from '../lib/format.ts';

interface DateFieldProps {
  label: string;
  /** 'yyyy-MM-dd' or '' */
  value: string;
  onChange: (isoDate: string) => void;
  /** Called with false while the typed text is not a valid date. */
  onValidityChange?: (valid: boolean) => void;
  error?: string;
  required?: boolean;
  description?: string;
  size?: 'xs' | 'sm' | 'md';
  w?: number | string;
}

/** A date typed as dd/MM/yyyy (the Indonesian order) and reported as yyyy-MM-dd. */
export function DateField({
  label,
  value,
  onChange,
  onValidityChange,
  error,
  required,
  description,
  size,
  w,
}: DateFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (value ? formatDate(value) : ''));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    // Follow outside changes (e.g. a form reset) without fighting the user's typing.
    const parsed = parseDateInput(text);
    if (parsed !== value) setText(value ? formatDate(value) : '');
  }, [value]);

  return (
    <TextInput
      label={label}
      value={text}
      placeholder={t('common.dateFormatHint')}
      inputMode="numeric"
      autoComplete="off"
      required={required}
      description={description}
      size={size}
      w={w}
      error={invalid ? t('common.invalidDate') : error}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const parsed = parseDateInput(next);
        const ok = parsed !== null;
        setInvalid(!ok && next.trim().length >= 8);
        onValidityChange?.(ok);
        if (ok) onChange(parsed);
      }}
      onBlur={() => {
        const parsed = parseDateInput(text);
        setInvalid(parsed === null);
        if (parsed) setText(formatDate(parsed));
      }}
    />
  );
}
