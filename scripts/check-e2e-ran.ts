/**
 * CI guard: reads Vitest JSON reports and fails unless, in each, the browser tests (e2e/) ran and passed with
 * none skipped. With `--summary` it then prints one plain closing line over all the reports,
 * "Tests: N passed, N failed[, N skipped]", so the CI log ends with the runner's totals.
 * Usage: node scripts/check-e2e-ran.ts [--summary] report.json [more.json …] [--totals-only server-run.json …]
 */
import { readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { status: string; fullName: string }[] }[];
}

const args = process.argv.slice(2);
const summary = args.includes('--summary');
/** Reports after `--totals-only` are counted in the summary but not checked for browser tests (a server-only run). */
const cut = args.indexOf('--totals-only');
const totalsOnly = cut >= 0 ? args.slice(cut + 1) : [];
const files = (cut >= 0 ? args.slice(0, cut) : args).filter((a) => a !== '--summary');
if (files.length === 0) {
  console.error('usage: node scripts/check-e2e-ran.ts [--summary] report.json [more.json …]');
  process.exit(2);
}
let failed = false;
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of totalsOnly) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  const e2e = report.testResults
    .filter((f) => /[\\/]e2e[\\/]/.test(f.name))
    .flatMap((f) => f.assertionResults);
  const passed = e2e.filter((t) => t.status === 'passed').length;
  const notRun = e2e.filter((t) => t.status !== 'passed' && t.status !== 'failed');
  if (passed === 0 || notRun.length > 0) {
    failed = true;
    console.error(
      `${file}: browser tests did not all run: ${passed} passed, ${notRun.length} skipped or pending` +
        (notRun.length ? `:\n  ${notRun.map((t) => t.fullName).join('\n  ')}` : ''),
    );
  }
}
if (summary)
  console.log(
    `Tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
process.exit(failed ? 1 : 0);
