/**
 * Error codes shared by server and web. The server maps each to an HTTP status (src/server/errors.ts);
 * the web maps each to a message in the user's language (src/web/text/errors.ts).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'RATE_LIMITED',
  'CSRF',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'NOT_FOUND',
  'CONFLICT',
  'SUPERIOR_LOOP',
  'FILE_TOO_LARGE',
  'UNSUPPORTED_FILE',
  'IMPORT_INVALID',
  /** Rules a user wrote (e.g. ASN teladan criteria) that cannot be applied: 422 with one detail per problem. */
  'RULES_INVALID',
  'PERIOD_LOCKED',
  'MONTH_CLOSED',
  'INTERNAL',
  'DATABASE_UNAVAILABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
  requestId: string;
}
