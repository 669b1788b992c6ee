import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { isAdjustable, type Clock } from './clock.ts';
import { testClockRoutes } from './test-clock-routes.ts';
import { frameworkErrors, registerErrorHandler, sendError } from './plugins/error-handler.ts';
import { healthRoutes } from './health-routes.ts';
import { createMetrics, registerMetrics } from './plugins/metrics.ts';
import { registerRequestIdHeader, requestIdOf } from './plugins/request-id.ts';
import { poolStatsOf } from './db/database.ts';
import type { PunchVerdict } from '../core/attendance/judge-punch.ts';
import { registerSession } from './plugins/session.ts';
import { registerUnitOfWork } from './plugins/unit-of-work.ts';
import { compressOptions, webStaticOptions } from './lib/web-assets.ts';
import { safeValidatorCompiler } from './plugins/validation.ts';
import { createAuditService } from './modules/audit/audit-service.ts';
import { auditRoutes } from './modules/audit/audit-routes.ts';
import { createAccessRepo } from './auth/access-repo.ts';
import { createAuthService } from './auth/auth-service.ts';
import { accessRoutes } from './auth/access-routes.ts';
import { apiDocsHooks } from './auth/api-docs.ts';
import { createOrgRepo } from './modules/org/org-repo.ts';
import { createOrgService } from './modules/org/org-service.ts';
import { orgRoutes } from './modules/org/org-routes.ts';
import { createImportService } from './modules/imports/import-service.ts';
import { importRoutes } from './modules/imports/import-routes.ts';
import { createDashboardService } from './modules/dashboard/dashboard-service.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard-routes.ts';
import { createDashboardRepo } from './modules/dashboard/dashboard-repo.ts';
import { createRulebookService } from './modules/rulebooks/rulebook-service.ts';
import { rulebookRoutes } from './modules/rulebooks/rulebook-routes.ts';
import { loadRulebookFiles } from './modules/rulebooks/rulebook-files.ts';
import { setIndonesianZodMessages } from '../shared/api/zod-locale.ts';
import { createAccountsRepo } from './modules/accounts/accounts-repo.ts';
import { createAccountsService } from './modules/accounts/accounts-service.ts';
import { accountsRoutes } from './modules/accounts/accounts-routes.ts';
import { createAttendanceRepo } from './modules/attendance/attendance-repo.ts';
import { createAttendanceService } from './modules/attendance/attendance-service.ts';
import { createKioskService } from './modules/attendance/kiosk-service.ts';
import { attendanceRoutes } from './modules/attendance/attendance-routes.ts';
import { localPhotoStore, type PhotoStore } from './modules/attendance/photo-store.ts';
import { s3PhotoStore } from './modules/attendance/s3-photo-store.ts';
import { createTerminalService } from './modules/attendance/terminal-service.ts';
import { terminalRoutes } from './modules/attendance/terminal-routes.ts';
import { createStatusRepo } from './modules/statuses/status-repo.ts';
import { createStatusService, type StatusDeps } from './modules/statuses/status-service.ts';
import { statusRoutes } from './modules/statuses/status-routes.ts';
import { createRecapRepo } from './modules/recap/recap-repo.ts';
import { createRecapService } from './modules/recap/recap-service.ts';
import { recapRoutes } from './modules/recap/recap-routes.ts';
import { createPermitsRepo } from './modules/permits/permits-repo.ts';
import { createRequestSupport } from './modules/permits/request-support.ts';
import { createPermitService } from './modules/permits/permit-service.ts';
import { createCorrectionService } from './modules/permits/correction-service.ts';
import { permitsRoutes } from './modules/permits/permits-routes.ts';
import { createLeaveRepo } from './modules/leave/leave-repo.ts';
import { createLeaveService } from './modules/leave/leave-service.ts';
import { leaveRoutes } from './modules/leave/leave-routes.ts';
import { createRosterRepo } from './modules/rosters/roster-repo.ts';
import { createRosterService } from './modules/rosters/roster-service.ts';
import { rosterRoutes } from './modules/rosters/roster-routes.ts';
import { createWorkerPool } from './lib/worker-pool.ts';
import { createJobRepo } from './modules/jobs/job-repo.ts';
import { createJobService } from './modules/jobs/job-service.ts';
import { jobRoutes } from './modules/jobs/job-routes.ts';
import { createTodayRepo } from './modules/today/today-repo.ts';
import { createTodayService } from './modules/today/today-service.ts';
import { todayRoutes } from './modules/today/today-routes.ts';
import { createAttachmentService, attachmentStoreOf } from './files/attachment-service.ts';
import { createNotificationRepo } from './modules/notifications/notification-repo.ts';
import { createNotificationService } from './modules/notifications/notification-service.ts';
import { notificationRoutes } from './modules/notifications/notification-routes.ts';
import { createPushSender } from './modules/notifications/push-sender.ts';
import { createDocumentRepo } from './documents/document-repo.ts';
import { createDocumentService } from './documents/document-service.ts';
import { documentRoutes } from './documents/document-routes.ts';
import { createRelationsService } from './relations/relations-service.ts';
import { createKinerjaService } from './modules/kinerja/kinerja-service.ts';
import { kinerjaRoutes } from './modules/kinerja/kinerja-routes.ts';
import { createDisciplineService } from './modules/discipline/discipline-service.ts';
import { disciplineRoutes } from './modules/discipline/discipline-routes.ts';
import { createTppService } from './modules/tpp/tpp-service.ts';
import { tppRoutes } from './modules/tpp/tpp-routes.ts';
import { createInspectionsService } from './modules/inspections/inspections-service.ts';
import { createInspectionsRepo } from './modules/inspections/inspections-repo.ts';
import { inspectionsRoutes } from './modules/inspections/inspections-routes.ts';
import { createComplaintsService } from './modules/complaints/complaints-service.ts';
import { createComplaintsRepo } from './modules/complaints/complaints-repo.ts';
import { complaintsRoutes } from './modules/complaints/complaints-routes.ts';
import { createElectionWatchService } from './modules/election-watch/election-watch-service.ts';
import { createElectionWatchRepo } from './modules/election-watch/election-watch-repo.ts';
import { electionWatchRoutes } from './modules/election-watch/election-watch-routes.ts';
import { createTeladanService } from './modules/teladan/teladan-service.ts';
import { createTeladanRepo } from './modules/teladan/teladan-repo.ts';
import { teladanRoutes } from './modules/teladan/teladan-routes.ts';
import { createCommandCentreService } from './modules/command-centre/command-centre-service.ts';
import { createCommandCentreRepo } from './modules/command-centre/command-centre-repo.ts';
import { commandCentreRoutes } from './modules/command-centre/command-centre-routes.ts';
import { createCompetencyService } from './modules/competency/competency-service.ts';
import { createCompetencyRepo } from './modules/competency/competency-repo.ts';
import { competencyRoutes } from './modules/competency/competency-routes.ts';
import { competencyTalentRoutes } from './modules/competency/competency-talent-routes.ts';
import { competencyChangeProjectRoutes } from './modules/competency/competency-change-project-routes.ts';
import { createPeriodicScheduler, type PeriodicJob, type PeriodicScheduler } from './lib/periodic.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  /** Where the JSON log lines go (standard output by default; tests read them). */
  logStream?: { write(line: string): void };
}

/** What the services tell the app as they work (the metrics listen); every hook optional. */
export interface ServiceHooks {
  /** A check-in was stored with this verdict (after its commit). */
  onCheckIn?: (verdict: PunchVerdict) => void;
}

/** Wire every service once (the composition root). No side effects at import; tests call it with a test db and clock. */
export function buildServices({ config, db, clock }: AppDeps, hooks: ServiceHooks = {}) {
  const audit = createAuditService({ db, clock });
  // Org relations on a date (superior, Plt/Plh, chain, PyBMC, subordinates, the employee's local date): one owner.
  const relations = createRelationsService({ db, clock });
  // One notification service for every module (decisions notify inside their transaction); Web Push when
  // WEB_PUSH_* is configured. Opening a notification re-checks the item with its owning module.
  const notifications = createNotificationService({
    db,
    repo: createNotificationRepo(db),
    clock,
    config,
    push: config.webPush ? createPushSender(config.webPush) : null,
    access: () => ({
      permit: (actor, id) => permits.get(actor, id),
      correction: (actor, id) => corrections.get(actor, id),
      leave_request: (actor, id) => leave.get(actor, id),
      kinerja: (actor, type, id) => kinerja.canOpen(actor, type, id),
      discipline: (actor, type, id) => discipline.canOpen(actor, type, id),
      tpp: (actor, type, id) => tpp.canOpen(actor, type, id),
      electionWatch: (actor, type, id) => electionWatch.canOpen(actor, type, id),
      inspections: (actor, type, id) => inspections.canOpen(actor, type, id),
      teladan: (actor, type, id) => teladan.canOpen(actor, type, id),
      competency: (actor, _type, id) => competency.changeProjects.canOpen(actor, id),
      complaint: (actor, id) => complaints.canOpen(actor, id),
      staffOf: (actor) => requestSupport.staffOf(actor),
    }),
    relations,
  });
  const accessRepo = createAccessRepo(db);
  const auth = createAuthService({ db, repo: accessRepo, audit, clock, config });
  const orgRepo = createOrgRepo(db);
  const org = createOrgService({
    db,
    repo: orgRepo,
    audit,
    clock,
    // A go-live date moved: closed months refuse it, the days between are re-queued (built below).
    goLive: {
      closedMonths: (path, from, to, exec) => recap.closedMonthsOf(path, from, to, exec),
      markChanged: (changes) => statuses.markGoLiveChanged(changes),
    },
    relations,
  });
  // Heavy work (exports, import parsing) runs in worker threads, at most JOB_WORKERS at once.
  const workers = createWorkerPool({ size: config.jobWorkers, memoryMb: config.jobWorkerMemoryMb });
  const jobs = createJobService({ repo: createJobRepo(db), clock, config, workers });
  const imports = createImportService({ db, audit, org, clock, config, workers });
  const rulebooks = createRulebookService({
    db,
    audit,
    clock,
    loadRepoRulebooks: () => loadRulebookFiles(config.rulebookDir),
  });
  const accounts = createAccountsService({ db, repo: createAccountsRepo(db), audit, clock });
  // The day's inputs come from modules built below: the sources look them up when a recompute runs.
  const statuses = createStatusService({
    db,
    repo: createStatusRepo(db),
    clock,
    config,
    rulebooks,
    relations,
    ...statusSources(() => ({ leave, permits, corrections, rosters, recap })),
  });
  rulebooks.onActivated((v) => statuses.onRulebookActivated(v));
  const rosters = createRosterService({
    db,
    repo: createRosterRepo(db),
    audit,
    clock,
    config,
    rulebooks,
    statuses,
    workers,
  });
  const photos: PhotoStore = config.s3 ? s3PhotoStore(config.s3) : localPhotoStore(config.photoDir);
  const kiosk = createKioskService({ db, audit, clock, config, rulebooks });
  const attendance = createAttendanceService({
    db,
    repo: createAttendanceRepo(db),
    audit,
    clock,
    config,
    rulebooks,
    photos,
    kiosk,
    statuses,
    rosters,
    notifications,
    relations,
    onVerdict: hooks.onCheckIn,
  });
  const terminal = createTerminalService({ db, audit, clock, config, rulebooks, statuses, workers });
  // Attachments of every module (src/server/files): checked from their content, stripped, stored by SHA-256 on
  // the photo store's backend (PHOTO_STORE) apart from punch photos; each owner registers its access rule.
  const files = createAttachmentService({ db, clock, audit, config, store: attachmentStoreOf(config) });
  const permitsRepo = createPermitsRepo(db);
  const requestSupport = createRequestSupport({ db, repo: permitsRepo, clock, files, relations });
  const permitDeps = {
    db,
    repo: permitsRepo,
    support: requestSupport,
    audit,
    clock,
    statuses,
    notifications,
  };
  const permits = createPermitService({ ...permitDeps, config, rulebooks });
  const corrections = createCorrectionService({ ...permitDeps, window: { config, rulebooks } });
  // The document layer's shared parts (src/server/documents): letterheads and letter numbers set by BKD.
  const documents = createDocumentService({ db, repo: createDocumentRepo(db), audit, clock });
  const leave = createLeaveService({
    documents,
    db,
    repo: createLeaveRepo(db),
    audit,
    clock,
    config,
    rulebooks,
    files,
    statuses,
    notifications,
    relations,
  });
  const recap = createRecapService({
    db,
    repo: createRecapRepo(db),
    clock,
    config,
    rulebooks,
    audit,
    statuses,
    notifications,
    relations,
  });
  // e-Kinerja (issue 15): SKP, daily reports, evaluations, the monthly figure for TPP; month closings freeze it.
  const kinerja = createKinerjaService({
    db,
    clock,
    config,
    audit,
    relations,
    rulebooks,
    files,
    documents,
    notifications,
    jobs,
    recap: () => recap,
  });
  // A closed attendance month freezes the unit's monthly kinerja figures (in the closing's transaction).
  recap.onMonthClosed((trx, e) => kinerja.figures.freezeClosedMonth(trx, e));
  // Discipline cases (issue 16): indications from the recap become cases run to a decision that takes effect.
  const discipline = createDisciplineService({
    db,
    clock,
    config,
    audit,
    relations,
    rulebooks,
    files,
    documents,
    notifications,
    jobs,
    recap: () => recap,
  });
  // A closed attendance month stores the month's discipline indications of the unit (in the closing's transaction).
  recap.onMonthClosed((trx, e) => discipline.indications.scanClosedMonth(trx, e));
  // TPP (issue 17): the monthly run of a closed month from the recap, the kinerja figure and the sanctions in force.
  const tpp = createTppService({
    db,
    clock,
    config,
    audit,
    relations,
    rulebooks,
    files,
    documents,
    notifications,
    jobs,
    recap: () => recap,
    statuses: () => statuses,
    kinerja: () => kinerja,
    discipline: () => discipline,
  });
  // Oversight and recognition (issue 18): one block per module, each owned by its module.
  // Inspections (sidak).
  const inspections = createInspectionsService({
    db,
    repo: createInspectionsRepo(db),
    audit,
    clock,
    files,
    documents,
    notifications,
    today: () => today,
    discipline: () => discipline,
  });
  // Public complaints.
  const complaints = createComplaintsService({
    db,
    repo: createComplaintsRepo(db),
    audit,
    clock,
    config,
    files,
    notifications,
    discipline: () => discipline,
  });
  // Election-period watch.
  const electionWatch = createElectionWatchService({
    db,
    repo: createElectionWatchRepo(db),
    audit,
    clock,
    config,
    relations,
    rulebooks,
    notifications,
    documents,
    statuses: () => statuses,
    recap: () => recap,
    discipline: () => discipline,
  });
  // ASN teladan.
  const teladan = createTeladanService({
    db,
    repo: createTeladanRepo(db),
    audit,
    clock,
    relations,
    documents,
    notifications,
    recap: () => recap,
    kinerja: () => kinerja,
    discipline: () => discipline,
  });
  // Ruang Kendali: the leaders' command centre (reads only).
  const commandCentre = createCommandCentreService({
    repo: createCommandCentreRepo(db),
    clock,
    config,
    rulebooks,
    relations,
    documents,
    today: () => today,
  });
  // Competency and development (issue 19): standards, assessment results and JPM.
  const competency = createCompetencyService({
    db,
    repo: createCompetencyRepo(db),
    audit,
    clock,
    config,
    relations,
    rulebooks,
    files,
    kinerja: () => kinerja,
    discipline: () => discipline,
    notifications,
    documents,
  });
  // The home page: a section per role, composed from the reads above (never their repositories).
  const dashboard = createDashboardService({
    org,
    audit,
    imports,
    attendance,
    leave,
    permits,
    corrections,
    recap,
    repo: createDashboardRepo(db),
    clock,
    relations,
    kinerja,
    changeProjects: competency.changeProjects,
  });
  // Kehadiran hari ini: computed per request from stored data, through the daily statuses' own sources.
  const todaySources = statusSources(() => ({ leave, permits, corrections, rosters, recap }));
  const today = createTodayService({
    repo: createTodayRepo(db),
    clock,
    config,
    rulebooks,
    absences: todaySources.absences!,
    corrections: todaySources.corrections!,
    schedules: todaySources.schedules!,
    relations,
  });
  return {
    relations,
    workers,
    jobs,
    audit,
    auth,
    org,
    imports,
    rulebooks,
    dashboard,
    accounts,
    kiosk,
    attendance,
    terminal,
    statuses,
    permits,
    corrections,
    requestSupport,
    files,
    leave,
    recap,
    rosters,
    notifications,
    today,
    documents,
    kinerja,
    discipline,
    tpp,
    inspections,
    complaints,
    electionWatch,
    teladan,
    commandCentre,
    competency,
  };
}
export type Services = ReturnType<typeof buildServices>;

/**
 * What the daily statuses read besides punches, from the modules that own it: approved leave and permits
 * (absences), approved corrections (extra punches), roster lines and WFH/WFA days (the schedule), and the recap
 * to refresh when stored days change. `get` is called when a recompute runs (the modules are built later).
 */
export function statusSources(
  get: () => Pick<Services, 'leave' | 'permits' | 'corrections' | 'rosters' | 'recap'>,
): Pick<StatusDeps, 'absences' | 'corrections' | 'schedules' | 'onRecomputed'> {
  return {
    absences: async (ids, from, to, exec) => [
      ...(await get().leave.approvedAbsences(ids, from, to, exec)),
      ...(await get().permits.approvedAbsences(ids, from, to, exec)),
    ],
    corrections: (ids, fromMs, toMs, exec) =>
      get().corrections.approvedCorrectionPunches(ids, fromMs, toMs, exec),
    schedules: async (ids, from, to, exec) => ({
      roster: await get().rosters.rosterLines(ids, from, to, exec),
      flexibleDays: await get().permits.approvedFlexibleDays(ids, from, to, exec),
    }),
    onRecomputed: async (keys, exec, stored) => {
      await get().recap.refreshEmployeeMonths(keys, exec, stored);
    },
  };
}

export async function buildApp(
  deps: AppDeps,
): Promise<{ app: FastifyInstance; services: Services; periodic: PeriodicScheduler }> {
  const { config, db } = deps;
  setIndonesianZodMessages();
  // Metrics only with METRICS_TOKEN (docs/operations.md): otherwise no hook, collector or timer is added.
  const metrics = config.metricsToken ? createMetrics({ pool: poolStatsOf(db) !== null }) : null;
  const services = buildServices(deps, metrics ? { onCheckIn: (v) => metrics.countCheckIn(v) } : {});
  const app = Fastify({
    // JSON lines (pino); each line of a request carries its id as `requestId`, the name error bodies use.
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: requestIdOf,
    frameworkErrors,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(safeValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerUnitOfWork(app);
  registerRequestIdHeader(app);
  // Before the routes, so that every route is counted and timed.
  registerMetrics(app, {
    metrics,
    token: config.metricsToken,
    probes: () => ({
      jobs: () => services.jobs.queueDepth(),
      workers: () => services.workers.stats(),
      statusQueue: () => services.statuses.queueLag(),
      dbPool: () => poolStatsOf(db),
    }),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  // Compressed answers (before every route and the static files; lib/web-assets.ts).
  await app.register(compress, compressOptions);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Abdi API',
        version: '0.1.0',
        description: 'API platform pemantauan presensi, kinerja, disiplin dan TPP ASN.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'abdi_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // API_DOCS: public, for a signed-in user (default), or off (app.swagger() still works in-process).
  if (config.apiDocs !== 'off')
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'list' },
      ...(config.apiDocs === 'login' ? { uiHooks: apiDocsHooks(services.auth) } : {}),
    });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
  });

  const sessions = registerSession(app, services.auth);

  // Liveness, readiness and the older combined check (src/server/health-routes.ts).
  await app.register(healthRoutes({ db }));
  await app.register(accessRoutes({ auth: services.auth, config }));
  await app.register(orgRoutes({ org: services.org, jobs: services.jobs }));
  await app.register(auditRoutes({ audit: services.audit }));
  await app.register(importRoutes({ imports: services.imports }));
  await app.register(rulebookRoutes({ rulebooks: services.rulebooks }));
  await app.register(dashboardRoutes({ dashboard: services.dashboard }));
  await app.register(accountsRoutes({ accounts: services.accounts }));
  await app.register(
    attendanceRoutes({
      attendance: services.attendance,
      kiosk: services.kiosk,
      sessions,
      jobs: services.jobs,
    }),
  );
  await app.register(terminalRoutes({ terminal: services.terminal }));
  await app.register(statusRoutes({ statuses: services.statuses }));
  await app.register(recapRoutes({ recap: services.recap, jobs: services.jobs }));
  await app.register(jobRoutes({ jobs: services.jobs }));
  // Periodic background jobs (src/server/lib/periodic.ts): one process of several runs each at a time, under an
  // advisory lock; main.ts adds its own. They start once the app is ready and stop when it closes.
  const periodic = createPeriodicScheduler({
    db,
    log: app.log,
    intervalOverrideMs: config.testJobIntervalMs,
  });
  const periodicJobs: PeriodicJob[] = [];
  app.addHook('onReady', async () => {
    for (const job of periodicJobs) periodic.add(job);
  });
  // Job files past JOB_FILE_TTL_HOURS are deleted hourly, and jobs of a process that stopped (lease expired) are
  // failed; running jobs stop when the server closes.
  periodicJobs.push({
    name: 'jobs.sweep',
    everyMs: services.jobs.sweepEveryMs,
    run: () => services.jobs.sweep(),
  });
  app.addHook('onClose', async () => {
    await periodic.stop();
    await services.jobs.close();
  });
  await app.register(
    permitsRoutes({
      permits: services.permits,
      corrections: services.corrections,
      support: services.requestSupport,
      files: services.files,
    }),
  );
  await app.register(documentRoutes({ documents: services.documents }));
  await app.register(leaveRoutes({ leave: services.leave, files: services.files }));
  // A refused view of an attachment is reported in the server log (a refusal writes nothing).
  services.files.setLogger(app.log);
  await app.register(rosterRoutes({ rosters: services.rosters }));
  await app.register(todayRoutes({ today: services.today, jobs: services.jobs }));
  await app.register(notificationRoutes({ notifications: services.notifications }));
  await app.register(kinerjaRoutes({ kinerja: services.kinerja }));
  await app.register(disciplineRoutes({ discipline: services.discipline }));
  await app.register(tppRoutes({ tpp: services.tpp }));
  await app.register(inspectionsRoutes({ inspections: services.inspections, files: services.files }));
  await app.register(complaintsRoutes({ complaints: services.complaints, jobs: services.jobs, config }));
  await app.register(electionWatchRoutes({ electionWatch: services.electionWatch }));
  await app.register(teladanRoutes({ teladan: services.teladan }));
  await app.register(commandCentreRoutes({ commandCentre: services.commandCentre, jobs: services.jobs }));
  await app.register(competencyRoutes({ competency: services.competency }));
  await app.register(competencyTalentRoutes({ competency: services.competency }));
  await app.register(competencyChangeProjectRoutes({ competency: services.competency }));
  // TEST_CLOCK=true (tests only, refused in production): POST /api/test/clock moves the clock forward.
  if (config.testClock) {
    if (!isAdjustable(deps.clock)) throw new Error('TEST_CLOCK=true needs a clock that can be moved forward');
    await app.register(testClockRoutes({ clock: deps.clock, audit: services.audit }));
  }
  // Discipline cases move to BERLAKU / SELESAI as their sanctions take effect and end (hourly, and at start).
  periodicJobs.push({
    name: 'discipline.settle',
    everyMs: 3600_000,
    run: () => services.discipline.sanctions.settle(),
  });
  // Election-period watch: escalations of unacknowledged lists and absent heads of OPD (hourly, and at start; idempotent).
  periodicJobs.push({
    name: 'election-watch.tick',
    everyMs: 3600_000,
    run: () => services.electionWatch.tick(),
  });
  // Change projects: reminders to participants and assessors before the evaluation date (hourly, and at start; idempotent).
  periodicJobs.push({
    name: 'competency.change-project-tick',
    everyMs: 3600_000,
    run: () => services.competency.changeProjects.tick(),
  });
  services.notifications.setLogger(app.log);
  // Pushes still on their way are answered before the server closes.
  app.addHook('onClose', () => services.notifications.flushPush());

  const dist = path.resolve(config.webDistDir);
  const hasWeb = existsSync(path.join(dist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, webStaticOptions(dist));
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes: a GET outside /api and /docs gets the single-page app.
    if (
      hasWeb &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      !request.url.startsWith('/docs') &&
      // A missing hashed file (a chunk of an older release) is a 404, never index.html served as JavaScript.
      !request.url.startsWith('/assets/')
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(
      reply,
      'NOT_FOUND',
      `Alamat ${request.method} ${request.url.split('?')[0]} tidak ditemukan`,
    );
  });
  return { app, services, periodic };
}
