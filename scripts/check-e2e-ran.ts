/**
 * CI guard: reads a Vitest JSON report and fails unless the browser tests (e2e/) ran and passed, none skipped.
 * Silent on success, so the test runner's summary stays the last line of the CI log.
 * Usage: node scripts/check-e2e-ran.ts report.json
 */
import { readFileSync } from 'node:fs';

interface Report {
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/check-e2e-ran.ts report.json');
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
const e2e = report.testResults.filter((f) => /[\\/]e2e[\\/]/.test(f.name)).flatMap((f) => f.assertionResults);
const passed = e2e.filter((t) => t.status === 'passed').length;
const notRun = e2e.filter((t) => t.status !== 'passed' && t.status !== 'failed');
if (passed === 0 || notRun.length > 0) {
  console.error(
    `Browser tests did not all run: ${passed} passed, ${notRun.length} skipped or pending` +
      (notRun.length ? `:\n  ${notRun.map((t) => t.fullName).join('\n  ')}` : ''),
  );
  process.exit(1);
}
