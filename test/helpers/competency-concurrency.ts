/*
 * Competency and development (issue 19) in the concurrency test (test/security/concurrency.test.ts): its
 * state-changing routes are upserts, creations or rewrites under a row lock, none a one-time decision.
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
  'PUT /api/competency/training-budgets':
    "an upsert of the OPD's budget for the year keyed (unit, year) (`on conflict do update`): last writer wins",
};
