/**
 * CI guard: reads Vitest JSON reports and
 * - fails unless, in each report given before `--totals-only`, the browser tests (e2e/) ran and passed with none
 *   skipped;
 * - prints the ten slowest test files of every report, with their seconds, and fails naming each file that took
 *   longer than its limit (below): a file over it is made cheaper (test/factories instead of the demo province,
 *   one database per file, a tool called in-process) or split, so the CI stays inside its time budget;
 * - with `--summary`, prints one plain closing line over all the reports, "Tests: N passed, N failed[, N skipped]",
 *   always the last line, so the CI log ends with the runner's totals.
 * A file's time is its wall time from `<report>.files.json` beside the report (test/helpers/file-times-reporter.ts:
 * import, setup, hooks and tests) when that exists, else the span of its tests in the JSON report (hooks left out).
 * Usage: node scripts/check-e2e-ran.ts [--summary] report.json [more.json …] [--totals-only server-run.json …]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Per-file limits in seconds, on the CI machine (2 cores, two files at a time). Core and server files: 120 s
 * (after issue 14 the slowest takes about half of it). Browser files: 300 s (each starts servers and Chromium,
 * and the first one run also builds the web bundle).
 */
const MAX_FILE_SECONDS = { default: 120, e2e: 300 } as const;
/**
 * Files allowed a longer limit (path → seconds): none. The access table of every route × role (once
 * test/security/scope.test.ts, 95–118 s and allowed 180 s) is split by area into test/security/scope-*.test.ts,
 * each under the default limit; a module's new routes go to its own table and file, not to an exception here.
 */
const FILE_LIMIT_EXCEPTIONS: Readonly<Record<string, number>> = {};

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: {
    name: string;
    startTime?: number;
    endTime?: number;
    assertionResults: { status: string; fullName: string }[];
  }[];
}

interface FileTime {
  file: string;
  seconds: number;
}

const isE2e = (file: string) => /(^|[\\/])e2e[\\/]/.test(file);

/** The files of a report with their seconds, slowest first. */
function fileTimes(reportFile: string, report: Report): FileTime[] {
  const sidecar = reportFile.replace(/\.json$/, '') + '.files.json';
  if (existsSync(sidecar)) {
    const { files } = JSON.parse(readFileSync(sidecar, 'utf8')) as { files: FileTime[] };
    return [...files].sort((a, b) => b.seconds - a.seconds);
  }
  return report.testResults
    .map((f) => ({
      file: path.relative(process.cwd(), f.name),
      seconds: Math.round(((f.endTime ?? 0) - (f.startTime ?? 0)) / 100) / 10,
    }))
    .sort((a, b) => b.seconds - a.seconds);
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
const slow: string[] = [];

function count(file: string): Report {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  const times = fileTimes(file, report);
  console.log(`Slowest test files (${path.basename(file)}):`);
  for (const t of times.slice(0, 10)) console.log(`  ${t.seconds.toFixed(1).padStart(6)} s  ${t.file}`);
  for (const t of times) {
    const limit =
      FILE_LIMIT_EXCEPTIONS[t.file] ?? (isE2e(t.file) ? MAX_FILE_SECONDS.e2e : MAX_FILE_SECONDS.default);
    if (t.seconds > limit)
      slow.push(
        `${path.basename(file)}: ${t.file} took ${t.seconds.toFixed(1)} s, over the per-file limit of ${limit} s ` +
          '(scripts/check-e2e-ran.ts): make it cheaper (test/factories, one database per file) or split it',
      );
  }
  return report;
}

for (const file of totalsOnly) count(file);
for (const file of files) {
  const report = count(file);
  const e2e = report.testResults.filter((f) => isE2e(f.name)).flatMap((f) => f.assertionResults);
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
if (slow.length > 0) {
  failed = true;
  for (const line of slow) console.error(line);
}
if (summary)
  console.log(
    `Tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
process.exit(failed ? 1 : 0);
