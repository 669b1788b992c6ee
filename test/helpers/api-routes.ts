import type { FastifyInstance } from 'fastify';

/** One operation of the OpenAPI document (generated from the registered routes and their zod schemas). */
export interface ApiRoute {
  method: string;
  /** OpenAPI path, e.g. `/api/employees/{id}`. */
  path: string;
  key: string;
  params: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
}

/** Every operation of the app's API document, without needing the /docs route to be public. */
export function apiRoutes(app: FastifyInstance): ApiRoute[] {
  const spec = (
    app as unknown as { swagger(): { paths: Record<string, Record<string, Operation>> } }
  ).swagger();
  const out: ApiRoute[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      out.push({
        method,
        path,
        key: `${method} ${path}`,
        params: (op.parameters ?? [])
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({
            name: p.name,
            in: p.in as 'path' | 'query',
            required: !!p.required,
            schema: p.schema ?? {},
          })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return out;
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Fill the `{name}` placeholders of an OpenAPI path. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodePathSegment(params[name] ?? ''));
}

/**
 * Percent-encode a path segment; a lone surrogate (which `encodeURIComponent` refuses) becomes the bytes a broken
 * client would send (an invalid UTF-8 sequence), so the router sees it.
 */
export function encodePathSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s
      .split('')
      .map((ch) => {
        const c = ch.charCodeAt(0);
        if (c >= 0xd800 && c <= 0xdfff) return '%ED%A0%80';
        try {
          return encodeURIComponent(ch);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}
