/**
 * Runs every benchmark in turn (`npm run bench`). Each prints its own figures next to a baseline measured in
 * the same run; this script only sequences them so the numbers are not disturbed by each other.
 */
import { spawnSync } from 'node:child_process';

const benches = ['bench/rules-classify.ts', 'bench/rules-discipline.ts', 'bench/checkin.ts'];
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b} ===`);
  const r = spawnSync(process.execPath, [b, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
