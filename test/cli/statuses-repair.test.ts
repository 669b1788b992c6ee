import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createCliDatabase, runCli, runNpmScript, type CliDatabase } from '../helpers/cli.ts';
import { main } from '../../scripts/repair-statuses.ts';
import { seedDayStatuses } from '../helpers/day-statuses.ts';
import { eachDay } from '../../src/core/common/local-date.ts';

/*
 * `npm run statuses:repair` against a database of its own: a unit that went live on 20 January 2026 whose
 * employee has January 1–31 stored as TK (the false TK days the old read path stored). The first run is the npm
 * script's command line in a child process, the second calls the tool's `main` in this process.
 */
let store: CliDatabase | null = null;
afterAll(async () => {
  await store?.dispose();
});

// A spawned CLI boots Node and its database: on a loaded 2-core runner that alone can take most of the default 30 s.
describe('npm run statuses:repair', { timeout: 90_000 }, () => {
  it('removes the days stored before go-live, prints the counts, and finds nothing the second time', async () => {
    store = await createCliDatabase();
    const employeeId = await store.use(async (h) => {
      const unitId = randomUUID();
      await h.db
        .insertInto('units')
        .values({
          id: unitId,
          code: 'UJI',
          name: 'Unit Uji',
          kind: 'OPD',
          parentId: null,
          timeZone: 'Asia/Jakarta',
          address: null,
          path: `/${unitId}/`,
          attendanceStart: '2026-01-20',
        })
        .execute();
      const e = await h.db
        .insertInto('employees')
        .values({
          name: 'Pegawai Uji',
          internalId: 'UJI-1',
          gender: 'P',
          employeeType: 'PNS',
          unitId,
          activeFrom: '2020-01-01',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await seedDayStatuses(
        h.db,
        eachDay('2026-01-01', '2026-01-31').map((localDate) => ({
          employeeId: e.id,
          localDate,
          unitId,
          code: 'TK',
          lateBand: null,
          earlyBand: null,
          lateMinutes: 0,
          earlyMinutes: 0,
          missingCheckIn: false,
          missingCheckOut: false,
          workLocation: null,
          nonWorkingDay: false,
          reasons: ['Tidak ada presensi dan tidak ada izin'],
          rulebookId: 'national',
        })),
        new Date('2026-02-01T00:00:00Z'),
      );
      return e.id;
    });

    const first = runNpmScript('statuses:repair', [], store.env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('2026-01: 19 hari tersimpan tanpa data');
    expect(first.stdout).toContain(
      '19 hari-pegawai tanpa data ditemukan pada 1 pegawai di 1 bulan; 19 hari dihapus',
    );
    const left = await store.use(async (h) =>
      (
        await h.db
          .selectFrom('dayStatuses')
          .select('localDate')
          .where('employeeId', '=', employeeId)
          .orderBy('localDate')
          .execute()
      ).map((r) => r.localDate),
    );
    expect(left).toEqual(eachDay('2026-01-20', '2026-01-31'));

    const again = await runCli(main, [], store.env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Tidak ada yang perlu diperbaiki.');
  });
});
