import { useTranslation } from 'react-i18next';
import { isApiError, validationIssues } from '../api/http.ts';
import type { FieldIssue } from '../api/http.ts';
import { errorMessage } from '../text/errors.ts';

export interface ErrorText {
  code: string;
  title: string;
  /** The server's own explanation when it adds something to the title. */
  detail: string | null;
  issues: FieldIssue[];
}

/** Codes whose UI message says everything; the server's wording is not repeated under it. */
const GENERIC_CODES = new Set([
  'INVALID_CREDENTIALS',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF',
  'RATE_LIMITED',
  'INTERNAL',
  'NETWORK',
  'UNKNOWN',
  'PASSWORD_CHANGE_REQUIRED',
]);

const normalise = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Title (by error code, in the UI language), the server's detail, and field issues for any thrown value. */
export function describeError(error: unknown, lang: string): ErrorText {
  if (isApiError(error)) {
    const title = errorMessage(error.code, lang);
    const detail =
      error.message &&
      lang !== 'en' &&
      !GENERIC_CODES.has(error.code) &&
      normalise(error.message) !== normalise(title)
        ? error.message
        : null;
    return { code: error.code, title, detail, issues: validationIssues(error) };
  }
  return { code: 'UNKNOWN', title: errorMessage('UNKNOWN', lang), detail: null, issues: [] };
}

export function useDescribeError() {
  const { i18n } = useTranslation();
  return (error: unknown) => describeError(error, i18n.language);
}
