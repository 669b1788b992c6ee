import type {} from '@fastify/swagger';
import Fastify, { type FastifySchema } from 'fastify';
import { serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { MonthlyRecapFigures } from '../../src/core/recap/monthly-recap.ts';
import { RECAP_FIGURES, type RecapFigure } from '../../src/core/recap/recap-figures.ts';
import { accountsRoutes } from '../../src/server/modules/accounts/accounts-routes.ts';
import { attendanceRoutes } from '../../src/server/modules/attendance/attendance-routes.ts';
import { terminalRoutes } from '../../src/server/modules/attendance/terminal-routes.ts';
import { auditRoutes } from '../../src/server/modules/audit/audit-routes.ts';
import { dashboardRoutes } from '../../src/server/modules/dashboard/dashboard-routes.ts';
import { importRoutes } from '../../src/server/modules/imports/import-routes.ts';
import { jobRoutes } from '../../src/server/modules/jobs/job-routes.ts';
import { leaveRoutes } from '../../src/server/modules/leave/leave-routes.ts';
import { notificationRoutes } from '../../src/server/modules/notifications/notification-routes.ts';
import { orgRoutes } from '../../src/server/modules/org/org-routes.ts';
import { permitsRoutes } from '../../src/server/modules/permits/permits-routes.ts';
import { recapRoutes } from '../../src/server/modules/recap/recap-routes.ts';
import { rosterRoutes } from '../../src/server/modules/rosters/roster-routes.ts';
import { rulebookRoutes } from '../../src/server/modules/rulebooks/rulebook-routes.ts';
import { statusRoutes } from '../../src/server/modules/statuses/status-routes.ts';
import { todayRoutes } from '../../src/server/modules/today/today-routes.ts';
import * as accountsApi from '../../src/shared/api/accounts.ts';
import * as attendanceApi from '../../src/shared/api/attendance.ts';
import * as auditApi from '../../src/shared/api/audit.ts';
import * as commonApi from '../../src/shared/api/common.ts';
import * as dashboardApi from '../../src/shared/api/dashboard.ts';
import * as importsApi from '../../src/shared/api/imports.ts';
import * as jobsApi from '../../src/shared/api/jobs.ts';
import * as leaveApi from '../../src/shared/api/leave.ts';
import * as notificationsApi from '../../src/shared/api/notifications.ts';
import * as orgApi from '../../src/shared/api/org.ts';
import * as permitsApi from '../../src/shared/api/permits.ts';
import * as recapApi from '../../src/shared/api/recap.ts';
import * as rosterApi from '../../src/shared/api/rosters.ts';
import * as rulebooksApi from '../../src/shared/api/rulebooks.ts';
import * as statusesApi from '../../src/shared/api/statuses.ts';
import * as todayApi from '../../src/shared/api/today.ts';
import type { DashboardSummary } from '../../src/web/api/types.ts';
import type {
  LeaveCancelVars,
  LeaveDecisionVars,
  LeaveInboxCount,
  LeaveList,
  LeavePage,
} from '../../src/web/api/leave.ts';
import type {
  CorrectionPage,
  InboxCount,
  PermitPage,
  PermitRecordInput,
  RequestCancelVars,
  RequestDecisionVars,
  UploadedFile,
} from '../../src/web/api/permits.ts';
import type {
  ClosingStatus,
  EmployeeMonth,
  RecapRow,
  UnitRecap,
  ClosingWaiver,
} from '../../src/web/api/recap.ts';
import type { MessageKey } from '../../src/web/text/keys.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/**
 * The contract is the one the routes use (issue 14 point 5): every schema a route validates or serialises with is
 * the very object src/shared/api exports (so no route keeps a copy of its own), the API document the app serves is
 * those schemas converted to JSON Schema, and the web's types are the schemas' types.
 */

type Module = {
  name: string;
  plugin: FastifyPluginAsyncZod;
  contract: object[];
  /** Why its document is not compared with z.toJSONSchema (which writes a recursive schema differently). */
  notComparedWithDocument?: string;
};

// The route plugins need their services only when a request arrives; registering them needs none.
const unused = new Proxy({}, { get: () => unused }) as never;
/** Every module whose routes take their schemas from src/shared/api. */
const MODULES: Module[] = [
  { name: 'recap', plugin: recapRoutes(unused), contract: [recapApi, jobsApi] },
  { name: 'statuses', plugin: statusRoutes(unused), contract: [statusesApi] },
  { name: 'rulebooks', plugin: rulebookRoutes(unused), contract: [rulebooksApi] },
  { name: 'dashboard', plugin: dashboardRoutes(unused), contract: [dashboardApi] },
  {
    name: 'org',
    plugin: orgRoutes(unused),
    contract: [orgApi, commonApi, jobsApi],
    notComparedWithDocument:
      'the unit tree is recursive: the document refers to it, z.toJSONSchema inlines $defs',
  },
  { name: 'attendance', plugin: attendanceRoutes(unused), contract: [attendanceApi, commonApi, jobsApi] },
  { name: 'terminal', plugin: terminalRoutes(unused), contract: [attendanceApi, commonApi] },
  { name: 'imports', plugin: importRoutes(unused), contract: [importsApi, commonApi] },
  { name: 'accounts', plugin: accountsRoutes(unused), contract: [accountsApi, commonApi] },
  { name: 'audit', plugin: auditRoutes(unused), contract: [auditApi, commonApi] },
  { name: 'jobs', plugin: jobRoutes(unused), contract: [jobsApi, commonApi] },
  { name: 'rosters', plugin: rosterRoutes(unused), contract: [rosterApi, commonApi] },
  { name: 'today', plugin: todayRoutes(unused), contract: [todayApi, commonApi] },
  { name: 'notifications', plugin: notificationRoutes(unused), contract: [notificationsApi, commonApi] },
  { name: 'leave', plugin: leaveRoutes(unused), contract: [leaveApi, commonApi] },
  { name: 'permits', plugin: permitsRoutes(unused), contract: [permitsApi, commonApi] },
];

type Route = { module: string; method: string; url: string; schema: FastifySchema };
const PARTS = ['querystring', 'params', 'body', 'headers'] as const;

/** The routes a module's plugin registers, with the schema objects it registers them with. */
async function routesOf(m: Module): Promise<Route[]> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: Route[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat())
      if (method !== 'HEAD') routes.push({ module: m.name, method, url: r.url, schema: r.schema ?? {} });
  });
  await app.register(m.plugin);
  await app.ready();
  await app.close();
  return routes;
}

/** Every schema of a route: [where, schema]. */
function schemasOf(r: Route): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const part of PARTS) if (r.schema[part] !== undefined) out.push([part, r.schema[part]]);
  const response = (r.schema.response ?? {}) as Record<string, unknown>;
  for (const [status, s] of Object.entries(response)) out.push([`response ${status}`, s]);
  return out;
}

const routes: Route[] = [];
beforeAll(async () => {
  for (const m of MODULES) routes.push(...(await routesOf(m)));
});

describe('the routes use the schemas of src/shared/api', () => {
  it('registers the routes of every module (the checks below are not vacuous)', () => {
    const per = Object.fromEntries(
      MODULES.map((m) => [m.name, routes.filter((r) => r.module === m.name).length]),
    );
    expect(per).toMatchObject({ recap: 14, statuses: 1, rulebooks: 6, dashboard: 3, leave: 16, permits: 21 });
    expect(Object.entries(per).filter(([, n]) => n === 0)).toEqual([]);
  });

  it.each(MODULES.map((m) => [m.name, m] as const))(
    '%s: every request and response schema is an object exported by its contract module',
    (_name, m) => {
      const exported = new Set(m.contract.flatMap((mod) => Object.values(mod)));
      const foreign = routes
        .filter((r) => r.module === m.name)
        .flatMap((r) => schemasOf(r).map(([where, s]) => [`${r.method} ${r.url} ${where}`, s] as const))
        .filter(([, s]) => !exported.has(s))
        .map(([where]) => where);
      expect(foreign).toEqual([]);
    },
  );

  it('names the shared schema of the main answers', () => {
    const schema = (method: string, url: string) =>
      routes.find((r) => r.method === method && r.url === url)!.schema;
    const response = (method: string, url: string) => schema(method, url).response as Record<string, unknown>;
    expect(response('GET', '/api/recap/units')[200]).toBe(recapApi.unitRecapSchema);
    expect(response('GET', '/api/recap/employee')[200]).toBe(recapApi.employeeMonthSchema);
    expect(response('GET', '/api/recap/closing')[200]).toBe(recapApi.closingStatusSchema);
    expect(schema('POST', '/api/recap/closing/close').body).toBe(recapApi.closeMonthBodySchema);
    expect(response('GET', '/api/statuses')[200]).toBe(statusesApi.statusListSchema);
    expect(schema('GET', '/api/statuses').querystring).toBe(statusesApi.statusQuerySchema);
    expect(response('GET', '/api/rulebooks/:id')[200]).toBe(rulebooksApi.rulebookDetailSchema);
    expect(response('POST', '/api/rulebooks')[201]).toBe(rulebooksApi.rulebookSummarySchema);
    expect(response('GET', '/api/dashboard')[200]).toBe(dashboardApi.dashboardSummarySchema);
    expect(response('GET', '/api/dashboard/home')[200]).toBe(dashboardApi.homeSchema);
    expect(response('GET', '/api/leave/mine')[200]).toBe(leaveApi.leaveListSchema);
    expect(response('GET', '/api/leave/inbox/count')[200]).toBe(leaveApi.leaveInboxCountSchema);
    expect(response('GET', '/api/leave/requests')[200]).toBe(leaveApi.leavePageSchema);
    expect(schema('POST', '/api/leave/requests/:id/decision').body).toBe(leaveApi.leaveDecideSchema);
    expect(response('GET', '/api/permits')[200]).toBe(permitsApi.permitPageSchema);
    expect(response('GET', '/api/corrections/inbox')[200]).toBe(permitsApi.correctionPageSchema);
    expect(schema('GET', '/api/permits/export.:format').params).toBe(permitsApi.requestExportParamsSchema);
    expect(schema('GET', '/api/corrections/export.:format').params).toBe(
      permitsApi.requestExportParamsSchema,
    );
    expect(response('POST', '/api/permits/files')[201]).toBe(permitsApi.uploadedFileSchema);
  });
});

describe('the API document is the shared schemas', () => {
  let t: TestApp;
  let paths: Record<string, Record<string, Record<string, unknown>>>;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    paths = (t.app.swagger() as unknown as { paths: typeof paths }).paths;
  });
  afterAll(() => t.close());

  /** As @fastify/swagger and fastify-type-provider-zod publish a zod schema (OpenAPI 3.0). */
  const json = (s: unknown, io: 'input' | 'output') => {
    const { $schema: _, ...rest } = z.toJSONSchema(s as z.ZodType, {
      target: 'openapi-3.0',
      io,
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return rest;
  };
  const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

  const documented = () =>
    routes.filter((r) => !MODULES.find((m) => m.name === r.module)!.notComparedWithDocument);

  it('documents every route', () => {
    const missing = documented().filter((r) => !paths[openApiPath(r.url)]?.[r.method.toLowerCase()]);
    expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('publishes each response and request body as the shared schema converted with z.toJSONSchema', () => {
    let compared = 0;
    for (const r of documented()) {
      const op = paths[openApiPath(r.url)]![r.method.toLowerCase()]!;
      const responses = op.responses as Record<string, { content: Record<string, { schema: unknown }> }>;
      for (const [status, s] of Object.entries((r.schema.response ?? {}) as Record<string, unknown>)) {
        expect(
          responses[status]!.content['application/json']!.schema,
          `${r.method} ${r.url} ${status}`,
        ).toEqual(json(s, 'output'));
        compared++;
      }
      if (r.schema.body) {
        const body = op.requestBody as { content: Record<string, { schema: unknown }> };
        expect(body.content['application/json']!.schema, `${r.method} ${r.url} body`).toEqual(
          json(r.schema.body, 'input'),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(80);
  });

  it('publishes each query and path parameter as a property of the shared schema', () => {
    for (const r of documented()) {
      const op = paths[openApiPath(r.url)]![r.method.toLowerCase()]!;
      const expected = (['querystring', 'params'] as const).flatMap((part) => {
        const s = r.schema[part];
        if (!s) return [];
        const j = json(s, 'input') as { properties: Record<string, unknown>; required?: string[] };
        return Object.entries(j.properties).map(([name, schema]) => ({
          schema,
          in: part === 'params' ? 'path' : 'query',
          name,
          required: (j.required ?? []).includes(name),
        }));
      });
      expect(op.parameters ?? [], `${r.method} ${r.url}`).toEqual(expected);
    }
  });
});

describe('the recap figures are listed once', () => {
  it('the shared row schema has every figure of src/core/recap/recap-figures.ts, in order, between the employee and apel', () => {
    const keys = Object.keys(recapApi.recapRowSchema.shape);
    const start = keys.indexOf(RECAP_FIGURES[0]);
    expect(start).toBeGreaterThan(0);
    expect(keys.slice(start, start + RECAP_FIGURES.length)).toEqual([...RECAP_FIGURES]);
    expect(keys[start + RECAP_FIGURES.length]).toBe('apelTarget');
  });

  it('each figure is a number in a recap row, and codeCounts days per code', () => {
    const row = Object.fromEntries([
      ...Object.keys(recapApi.recapRowSchema.shape).map((k) => [k, 0]),
      ...['employeeId', 'month', 'unitId', 'unitName', 'nip', 'name', 'positionName', 'computedAt'].map(
        (k) => [k, 'x'],
      ),
      ['apelPercent', null],
      ['codeCounts', { H: 20 }],
      ['adjustmentDelta', {}],
    ]);
    expect(recapApi.recapRowSchema.safeParse(row).success).toBe(true);
    expect(recapApi.recapRowSchema.safeParse({ ...row, tl1: '3' }).success).toBe(false);
    expect(recapApi.recapRowSchema.safeParse({ ...row, codeCounts: 3 }).success).toBe(false);
  });

  it('types: the web takes its recap and dashboard types from the shared schemas', () => {
    expectTypeOf<RecapRow>().toEqualTypeOf<z.output<typeof recapApi.recapRowSchema>>();
    expectTypeOf<RecapRow['tl1']>().toEqualTypeOf<number>();
    expectTypeOf<RecapRow['codeCounts']>().toEqualTypeOf<Record<string, number>>();
    // The figures of a row are those the pure recap computes, both ways.
    expectTypeOf<Pick<RecapRow, RecapFigure>>().toExtend<MonthlyRecapFigures>();
    expectTypeOf<MonthlyRecapFigures>().toExtend<Pick<RecapRow, RecapFigure>>();
    expectTypeOf<UnitRecap>().toEqualTypeOf<z.output<typeof recapApi.unitRecapSchema>>();
    expectTypeOf<EmployeeMonth>().toEqualTypeOf<z.output<typeof recapApi.employeeMonthSchema>>();
    expectTypeOf<ClosingStatus>().toEqualTypeOf<z.output<typeof recapApi.closingStatusSchema>>();
    expectTypeOf<ClosingWaiver>().toEqualTypeOf<z.input<typeof recapApi.closingWaiverSchema>>();
    expectTypeOf<DashboardSummary>().toEqualTypeOf<z.output<typeof dashboardApi.dashboardSummarySchema>>();
  });

  it('types: the web takes its leave, permit and correction types from the shared schemas', () => {
    expectTypeOf<LeaveList>().toEqualTypeOf<z.output<typeof leaveApi.leaveListSchema>>();
    expectTypeOf<LeaveInboxCount>().toEqualTypeOf<z.output<typeof leaveApi.leaveInboxCountSchema>>();
    expectTypeOf<LeavePage>().toEqualTypeOf<z.output<typeof leaveApi.leavePageSchema>>();
    expectTypeOf<LeavePage['items'][number]>().toEqualTypeOf<z.output<typeof leaveApi.leaveRequestSchema>>();
    expectTypeOf<Omit<LeaveDecisionVars, 'id'>>().toEqualTypeOf<z.input<typeof leaveApi.leaveDecideSchema>>();
    expectTypeOf<Omit<LeaveCancelVars, 'id'>>().toEqualTypeOf<z.input<typeof leaveApi.leaveCancelSchema>>();
    expectTypeOf<PermitPage>().toEqualTypeOf<z.output<typeof permitsApi.permitPageSchema>>();
    expectTypeOf<CorrectionPage>().toEqualTypeOf<z.output<typeof permitsApi.correctionPageSchema>>();
    expectTypeOf<UploadedFile>().toEqualTypeOf<z.output<typeof permitsApi.uploadedFileSchema>>();
    expectTypeOf<InboxCount>().toEqualTypeOf<z.output<typeof permitsApi.inboxCountSchema>>();
    expectTypeOf<PermitRecordInput>().toEqualTypeOf<z.input<typeof permitsApi.permitRecordSchema>>();
    expectTypeOf<Omit<RequestDecisionVars, 'id'>>().toEqualTypeOf<
      z.input<typeof permitsApi.decisionSchema>
    >();
    expectTypeOf<Omit<RequestCancelVars, 'id'>>().toEqualTypeOf<z.input<typeof permitsApi.cancelSchema>>();
  });
});

describe('translation keys are type-checked', () => {
  it('types: a key of the Indonesian strings is a MessageKey, a misspelt one is not', () => {
    expectTypeOf<'nav.home'>().toExtend<MessageKey>();
    expectTypeOf<'recap.columns.tl'>().toExtend<MessageKey>();
    expectTypeOf<'no.such.key'>().not.toExtend<MessageKey>();
    expectTypeOf<'states.loading'>().not.toExtend<MessageKey>();
  });
});
