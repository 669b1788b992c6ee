import type { AccessTable } from '../scope-harness.ts';
import { ORG_ACCOUNTS_ACCESS } from './org-accounts.ts';
import { ATTENDANCE_ACCESS } from './attendance.ts';
import { REQUESTS_ACCESS } from './requests.ts';
import { RECAP_REPORTS_ACCESS } from './recap-reports.ts';
import { KINERJA_ACCESS } from './kinerja.ts';
import { DISCIPLINE_ACCESS } from './discipline.ts';
import { TPP_ACCESS } from './tpp.ts';
import { ELECTION_WATCH_ACCESS } from './election-watch.ts';
import { TELADAN_ACCESS } from './teladan.ts';
import { COMPLAINTS_ACCESS } from './complaints.ts';
import { INSPECTIONS_ACCESS } from './inspections.ts';
import { COMMAND_CENTRE_ACCESS } from './command-centre.ts';
import { COMPETENCY_ACCESS } from './competency.ts';

/**
 * Every access table, by area. Each area `a` is checked by `test/security/scope-<a>.test.ts` (its own world, run
 * in parallel with the others); scope-coverage.test.ts checks that together they name every route of the API
 * document exactly once, and that each area has its test file.
 */
export const ACCESS_TABLES: Readonly<Record<string, AccessTable>> = {
  'org-accounts': ORG_ACCOUNTS_ACCESS,
  attendance: ATTENDANCE_ACCESS,
  requests: REQUESTS_ACCESS,
  'recap-reports': RECAP_REPORTS_ACCESS,
  kinerja: KINERJA_ACCESS,
  discipline: DISCIPLINE_ACCESS,
  tpp: TPP_ACCESS,
  'election-watch': ELECTION_WATCH_ACCESS,
  teladan: TELADAN_ACCESS,
  complaints: COMPLAINTS_ACCESS,
  inspections: INSPECTIONS_ACCESS,
  'command-centre': COMMAND_CENTRE_ACCESS,
  competency: COMPETENCY_ACCESS,
};

/** Paths owned by one area: a route under one of them belongs in that area's table, and that table holds nothing else. */
export const AREA_PATHS: Readonly<Record<string, readonly string[]>> = {
  kinerja: ['/api/kinerja'],
  discipline: ['/api/discipline'],
  tpp: ['/api/tpp'],
  'election-watch': ['/api/election-watch'],
  teladan: ['/api/teladan'],
  complaints: ['/api/complaints', '/api/public/complaints'],
  inspections: ['/api/inspections'],
  'command-centre': ['/api/command-centre'],
  competency: ['/api/competency'],
};
