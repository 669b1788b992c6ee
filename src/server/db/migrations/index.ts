import type { Migration } from 'kysely/migration';
import * as m1500 from './202611231500_create-units.ts';
import * as m1501 from './202611231501_create-offices.ts';
import * as m1502 from './202611231502_create-positions.ts';
import * as m1503 from './202611231503_create-employees.ts';
import * as m1504 from './202611231504_create-placements.ts';
import * as m1505 from './202611231505_create-acting-assignments.ts';
import * as m1506 from './202611231506_create-users.ts';
import * as m1507 from './202611231507_create-role-grants.ts';
import * as m1508 from './202611231508_create-sessions.ts';
import * as m1509 from './202611231509_create-audit-log.ts';
import * as m1510 from './202611231510_protect-audit-log.ts';
import * as m1511 from './202611231511_create-import-jobs.ts';
import * as m1512 from './202611231512_create-rulebook-versions.ts';

/** The ordered registry of migrations (Kysely sorts by name; names start with a sortable timestamp). */
export const migrations: Record<string, Migration> = {
  '202611231500_create-units': m1500,
  '202611231501_create-offices': m1501,
  '202611231502_create-positions': m1502,
  '202611231503_create-employees': m1503,
  '202611231504_create-placements': m1504,
  '202611231505_create-acting-assignments': m1505,
  '202611231506_create-users': m1506,
  '202611231507_create-role-grants': m1507,
  '202611231508_create-sessions': m1508,
  '202611231509_create-audit-log': m1509,
  '202611231510_protect-audit-log': m1510,
  '202611231511_create-import-jobs': m1511,
  '202611231512_create-rulebook-versions': m1512,
};
