/**
 * Runs every benchmark in turn (`npm run bench`). Each prints its own figures next to a baseline measured in
 * the same run; this script only sequences them so the numbers are not disturbed by each other.
 */
import { spawnSync } from 'node:child_process';

/** Each bench with the Node flags of what it measures (the recap runs in the server: see package.json `start`). */
const benches: [string, string[]][] = [
  ['bench/rules-classify.ts', []],
  ['bench/rules-discipline.ts', []],
  ['bench/checkin.ts', []],
  ['bench/recap.ts', ['--max-semi-space-size=128']],
  // The leaders' reads (home pages, today view, recap, punch list) at 10,000 and 50,000 employees.
  ['bench/reads.ts', ['--max-semi-space-size=128']],
  // The monthly TPP run of the whole province (issue 17).
  ['bench/tpp.ts', ['--max-semi-space-size=128']],
  // The employee's first screen on a cheap phone (Chromium, throttled network and CPU).
  ['bench/web.ts', []],
];
let failed = 0;
for (const [b, flags] of benches) {
  console.log(`\n=== ${b} ===`);
  const r = spawnSync(process.execPath, [...flags, b, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
