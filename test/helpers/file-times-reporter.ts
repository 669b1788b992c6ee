import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * The wall time of each test file, for the CI's report checker (scripts/check-e2e-ran.ts): importing the file,
 * its setup files, and all its hooks (beforeAll included) and tests — what Vitest's JSON report leaves out (it
 * spans the tests only). Written next to the JSON report: `--outputFile.json=run.json` gives `run.files.json`,
 * `{ "files": [{ "file", "project", "seconds" }] }`, slowest first.
 *
 * Used from the command line: `--reporter=./test/helpers/file-times-reporter.ts` (with the json reporter).
 */
export default class FileTimesReporter implements Reporter {
  private out: string | null = null;
  private root = process.cwd();

  onInit(vitest: Vitest) {
    this.root = vitest.config.root;
    const output = vitest.config.outputFile;
    const json = typeof output === 'string' ? null : output?.json;
    this.out = json ? path.resolve(this.root, json).replace(/\.json$/, '') + '.files.json' : null;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    if (!this.out) return;
    const files = modules
      .map((m) => {
        const d = m.diagnostic();
        const ms = d.collectDuration + d.setupDuration + d.duration;
        return {
          file: path.relative(this.root, m.moduleId),
          project: m.project.name,
          seconds: Math.round(ms / 100) / 10,
        };
      })
      .sort((a, b) => b.seconds - a.seconds);
    writeFileSync(this.out, `${JSON.stringify({ files }, null, 2)}\n`);
  }
}
