/*
 * Competency and development (issue 19) in the concurrency test (test/security/concurrency.test.ts): its
 * state-changing routes are upserts, creations or rewrites under a row lock; its one-time decisions (a registration,
 * a rating, a closing, a certificate, an import commit) are raced N times in the module's own tests, named below.
 */

/** State-changing routes of the module that are not decisions, each with why N identical calls need no case. */
export const competencyNotDecisions: Record<string, string> = {
  'PUT /api/competency/technicals/{code}':
    'an upsert of one technical competency keyed by its code (`on conflict do update`): last writer wins, each audited',
  'PUT /api/competency/positions/{id}/standard':
    "replaces the position's levels under the position's row lock (`for update`): N identical calls leave the same standard",
  'POST /api/competency/standards/import':
    'upserts (position, code) levels (`on conflict do update`): last writer wins; a dry run writes nothing',
  'POST /api/competency/assessments':
    'a result keyed (employee, date, method) by a unique index with `on conflict do nothing`: one call stores it, the others 409 (competency.test.ts)',
  'POST /api/competency/assessments/import':
    'stores results keyed (employee, date, method) with `on conflict do nothing`: a result stored meanwhile refuses the whole import (409, rolled back)',
  'POST /api/competency/trainings':
    'a creation: each call adds a catalogue entry (its own row and audit entry) by design',
  'PUT /api/competency/trainings/{id}':
    'rewrites the entry under its row lock (`for update`): N identical calls leave the same entry, last writer wins',
  'POST /api/competency/training-records':
    'a creation: each call records a training taken (its own row, certificate and audit entry) by design',
  'POST /api/competency/training-records/import':
    'commits run one at a time (an advisory lock) and refuse a row already stored: one of N identical commits writes, the others 422 (competency.test.ts)',
  'PUT /api/competency/training-records/{id}/certificate':
    'attaches under the record’s row lock only while it has none: one of N identical uploads stores, the others 409 (competency.test.ts)',
  'POST /api/competency/change-projects':
    'one project per training record (checked under the record’s lock): one of N identical drafts is stored, the others 409 (competency-change-projects.test.ts)',
  'PUT /api/competency/change-projects/{id}':
    'rewrites the draft under its row lock (`for update`): N identical calls leave the same project; refused once rated (409)',
  'POST /api/competency/change-projects/{id}/register':
    'a one-time transition under the row lock: one of N identical calls registers, the others 409 NOT_DRAFT (competency-change-projects.test.ts)',
  'PUT /api/competency/change-projects/{id}/assessors':
    'replaces the assessor list under the project’s row lock: N identical calls leave the same list, each audited',
  'PUT /api/competency/change-projects/{id}/goals/{goalId}/rating':
    'one rating per assessor and goal (a unique key, under the project’s row lock): one of N identical calls stores, the others 409 (competency-change-projects.test.ts)',
  'POST /api/competency/change-projects/{id}/close':
    'a one-time verdict under the row lock: one of N identical closings judges, the others 409 ALREADY_EVALUATED (competency-change-projects.test.ts)',
  'PUT /api/competency/training-budgets':
    "an upsert of the OPD's budget for the year keyed (unit, year) (`on conflict do update`): last writer wins",
};
