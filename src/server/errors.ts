import type { ErrorCode } from '../shared/api/errors.ts';

/** HTTP status per error code (one table, documenso style). */
export const statusByCode: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  CSRF: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SUPERIOR_LOOP: 409,
  FILE_TOO_LARGE: 413,
  UNSUPPORTED_FILE: 415,
  IMPORT_INVALID: 422,
  RULES_INVALID: 422,
  PERIOD_LOCKED: 409,
  MONTH_CLOSED: 409,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
};

/** The one error type services throw; the error-handler plugin turns it into the response body. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return statusByCode[this.code];
  }
}

/** A validation error for one field, in the same shape as request-schema errors. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION', message, [{ path, message }]);
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} tidak ditemukan`);
export const forbidden = (message = 'Anda tidak berwenang untuk tindakan ini') =>
  new AppError('FORBIDDEN', message);
