import { useCallback, useState } from 'react';
import { validationIssues } from '../api/http.ts';

/**
 * Field errors for a form: set locally (client checks) or from a VALIDATION response, whose
 * details[].path (e.g. 'nip', 'offices.0.lat') is matched on its first segment to a form field.
 */
export function useFieldErrors<F extends string>() {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});

  const fromError = useCallback((error: unknown, fields: readonly F[]) => {
    const next: Partial<Record<F, string>> = {};
    let unmatched = 0;
    for (const issue of validationIssues(error)) {
      const head = issue.path.split('.')[0] as F;
      if (fields.includes(head)) {
        next[head] ??= issue.message;
      } else {
        unmatched += 1;
      }
    }
    setErrors(next);
    return { matched: Object.keys(next).length, unmatched };
  }, []);

  const clear = useCallback((field?: F) => {
    setErrors((current) => {
      if (!field) return {};
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }, []);

  return { errors, setErrors, fromError, clear };
}
