import { Textarea, type TextareaProps } from '@mantine/core';

interface TextAreaFieldProps extends Omit<TextareaProps, 'onChange' | 'value'> {
  value: string;
  /** The typed text. */
  onChange: (text: string) => void;
}

/** A text area that grows with its text (at least `minRows`, 2 by default), reporting the text itself. */
export function TextAreaField({ onChange, minRows = 2, ...props }: TextAreaFieldProps) {
  return <Textarea {...props} autosize minRows={minRows} onChange={(e) => onChange(e.currentTarget.value)} />;
}
