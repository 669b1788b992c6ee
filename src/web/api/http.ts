import type { ClientErrorCode } from '../text/errors.ts';

/** A failed API call: the server's error code, message and details, plus the HTTP status (0 = no response). */
export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly details: unknown;
  readonly status: number;

  constructor(code: ClientErrorCode, message: string, details: unknown, status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A field error from a VALIDATION response. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The `details` of a VALIDATION error as a list of field issues (empty when absent or of another shape). */
export function validationIssues(error: unknown): FieldIssue[] {
  if (!isApiError(error) || !Array.isArray(error.details)) return [];
  return error.details
    .filter(
      (d): d is { path: unknown; message: unknown } => typeof d === 'object' && d !== null && 'message' in d,
    )
    .map((d) => ({
      path: Array.isArray(d.path) ? d.path.join('.') : String(d.path ?? ''),
      message: String(d.message),
    }));
}

// --- session plumbing --------------------------------------------------------------------------------------

let csrfToken: string | null = null;

/** Remembers the CSRF token from login or /api/auth/me (memory only, never persisted). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type AuthEvent = 'expired' | 'passwordChangeRequired';
let authListener: ((event: AuthEvent) => void) | null = null;

/** The app registers one listener that reacts to an expired session or a required password change. */
export function setAuthListener(listener: ((event: AuthEvent) => void) | null): void {
  authListener = listener;
}

// --- requests ----------------------------------------------------------------------------------------------

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** `a=1&b=x` from params, leaving out empty values. */
export function toQueryString(params: QueryParams | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  return search.toString();
}

export function apiUrl(path: string, params?: QueryParams): string {
  const qs = toQueryString(params);
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not raise the session-expired event on 401 (used by the session probe and login). */
  quietAuth?: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = new Set(['/auth/login']);

function statusCode(status: number): ClientErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'FILE_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_FILE';
  if (status === 423) return 'ACCOUNT_LOCKED';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 400 || status === 422) return 'VALIDATION';
  if (status >= 500) return 'INTERNAL';
  return 'UNKNOWN';
}

/** Turns an error response body (`{ error: { code, message, details }, requestId }`) into an ApiError. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (typeof error === 'object' && error !== null && 'code' in error) {
      const e = error as { code: unknown; message?: unknown; details?: unknown };
      return new ApiError(String(e.code) as ClientErrorCode, String(e.message ?? ''), e.details, status);
    }
  }
  return new ApiError(statusCode(status), '', undefined, status);
}

function notifyAuth(error: ApiError, quiet: boolean | undefined): void {
  if (!authListener) return;
  if (!quiet && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED'))
    authListener('expired');
  if (error.code === 'PASSWORD_CHANGE_REQUIRED') authListener('passwordChangeRequired');
}

async function ensureCsrfToken(): Promise<string | null> {
  if (csrfToken) return csrfToken;
  try {
    const response = await fetch('/api/auth/me', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (response.ok) {
      const me = (await response.json()) as { csrfToken?: string };
      csrfToken = me.csrfToken ?? null;
    }
  } catch {
    // offline: the request below fails with NETWORK
  }
  return csrfToken;
}

declare global {
  interface Window {
    /** Requests started by public/boot.js before the app loaded: path → its response (null on a network error). */
    __abdiEarly?: { started: number; responses: Record<string, Promise<Response | null> | undefined> };
  }
}

/** How long an answer fetched by public/boot.js may stand in for a fresh request. */
const EARLY_MAX_AGE_MS = 20_000;

/**
 * The answer to `GET /api{path}` that public/boot.js started before the app loaded, taken once (a second call, or
 * any call after 20 s, fetches afresh). Undefined when there is none; a network error there is retried here.
 */
export function takeEarlyResponse(path: string, now = Date.now()): Promise<Response | null> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.__abdiEarly;
  const response = early?.responses[path];
  if (!early || !response) return undefined;
  early.responses[path] = undefined;
  return now - early.started <= EARLY_MAX_AGE_MS ? response : undefined;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  if (method === 'GET' && !options.query) {
    const early = await takeEarlyResponse(path);
    if (early) return early;
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (MUTATING.has(method) && !CSRF_EXEMPT.has(path)) {
    const token = await ensureCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  try {
    return await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('NETWORK', '', undefined, 0);
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** One JSON API call. Throws ApiError on any non-2xx answer or network failure. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 403 && MUTATING.has(method)) {
    // A stale CSRF token: fetch a fresh one and retry once.
    const body = await readBody(response.clone());
    if (errorFromBody(403, body).code === 'CSRF') {
      csrfToken = null;
      response = await send(method, path, options);
    }
  }
  const body = await readBody(response);
  if (!response.ok) {
    const error = errorFromBody(response.status, body);
    if (error.code === 'CSRF') csrfToken = null;
    notifyAuth(error, options.quietAuth);
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/**
 * Multipart upload with progress (fetch cannot report upload progress, XMLHttpRequest can).
 * Resolves with the parsed JSON body; rejects with ApiError like `request`.
 */
export async function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const token = await ensureCsrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError('NETWORK', '', undefined, 0));
    xhr.onload = () => {
      let body: unknown = undefined;
      try {
        body = xhr.responseText ? (JSON.parse(xhr.responseText) as unknown) : undefined;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      const error = errorFromBody(xhr.status, body);
      if (error.code === 'CSRF') csrfToken = null;
      notifyAuth(error, false);
      reject(error);
    };
    xhr.send(form);
  });
}
