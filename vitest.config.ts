import { defineConfig } from 'vitest/config';

/*
 * Rules (core) and database tests (server) run in worker threads that each take several files in turn, sharing
 * the loaded modules (`isolate: false`): a file no longer pays for importing the server and compiling PGlite
 * again, about a third of the CPU of a small file. Every file builds its own app and database and closes them
 * (test/helpers), and no test changes module state (no module mocks, no fake timers, no env writes). The browser
 * tests keep the default (a process per file): they start servers and Chromium, two files at a time.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['src/core/**/*.test.ts', 'src/shared/**/*.test.ts'],
          environment: 'node',
          pool: 'threads',
          isolate: false,
        },
      },
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          pool: 'threads',
          isolate: false,
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // The bundle is built once before any file (e2e/global-build.ts); then two files run side by side, each
          // with its own server and browser (CI time: most of a browser test waits on the page).
          globalSetup: ['test/helpers/global-setup.ts', 'e2e/global-build.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // A step the page shows after a request or a poll: wait for it like a user would, not 1 s.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
    maxWorkers: 2,
  },
});
