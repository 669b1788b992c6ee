import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { unsafeStringPath } from '../../shared/api/common.ts';
import { AppError } from '../errors.ts';

const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/**
 * The route schemas' validator (zod), behind one check every input passes first: no string anywhere in a
 * request's params, query or body may hold NUL, stray control characters or lone surrogates (the text
 * vocabulary of `shared/api/common.ts` refuses them field by field; this covers every field of every route,
 * also those that are not free text). The refusal has the same shape as any other validation error.
 */
export const safeValidatorCompiler: typeof validatorCompiler = (route) => {
  const validate = validatorCompiler(route);
  return (data) => {
    const path = unsafeStringPath(data);
    if (path) {
      const message = 'Berisi karakter yang tidak diperbolehkan (NUL, karakter kendali atau surrogate)';
      return {
        error: [
          {
            [ZOD_VALIDATION_ERROR]: true,
            keyword: 'custom',
            instancePath: `/${path.join('/')}`,
            schemaPath: `#/${path.join('/')}/custom`,
            message,
            params: {},
          },
        ] as never,
      };
    }
    return validate(data);
  };
};

/**
 * Validate a body a route reads itself (the JSON field of a multipart request) with the same rules as a schema
 * of the route: the unsafe-string check first, then the zod schema. @throws VALIDATION naming the first problem,
 * with every problem in `details`.
 */
export function parseInput<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.output<T> {
  const path = unsafeStringPath(raw);
  if (path) {
    const message = 'Berisi karakter yang tidak diperbolehkan (NUL, karakter kendali atau surrogate)';
    throw new AppError('VALIDATION', `${what}: ${message}`, [{ path: path.join('.'), message }]);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new AppError('VALIDATION', `${what}: ${details[0]?.message ?? 'tidak valid'}`, details);
}
