import type { Db } from '../../src/server/db/database.ts';
import { createStatusRepo, type DayStatusRow } from '../../src/server/modules/statuses/status-repo.ts';

/** Store day statuses as the status service would (month rows), for tests that start from given statuses. */
export async function seedDayStatuses(db: Db, rows: DayStatusRow[], now: Date) {
  await createStatusRepo(db).writeDays(db, rows, now);
}
