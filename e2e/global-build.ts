import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { adminQuery } from '../bench/pg-admin.ts';
import { untilNoSessions, withDatabase } from '../test/helpers/global-setup.ts';
import { spawnServer } from './server-process.ts';
import { ensureWebBuild } from './web-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * PostgreSQL: templates holding the demo province as a server loads it at this run's start, `bare` and
     * `history` (lived-in), and the file written once `history` is ready (`{ ok }`). Empty on PGlite or when the
     * load failed: each server then loads its own.
     */
    e2eDemoTemplates: { bare: string; history: string; historyReady: string };
  }
}

/**
 * The browser tests' global setup: builds the web bundle once before any file starts, so files running side by
 * side never race to build it (each server start only checks that it is fresh). On PostgreSQL it also has a server
 * load the demo province once into a template (about 5 s of a server start each file would pay), and the
 * lived-in province (about 40 s) into another while the first files run; the files' servers start on clones.
 * The province depends on the day (the go-live, the history up to today), and the run is one day's.
 */
export default async function setup(project: TestProject) {
  ensureWebBuild();
  const { pgServerUrl, pgTemplateDb } = project.getProvidedContext();
  if (!pgServerUrl) {
    project.provide('e2eDemoTemplates', { bare: '', history: '', historyReady: '' });
    return;
  }
  const suffix = randomBytes(4).toString('hex');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'abdi-e2e-templates-'));
  const historyReady = path.join(dir, 'history.json');
  const seed = async (name: string, history: boolean) => {
    await adminQuery(pgServerUrl, `create database ${name} template ${pgTemplateDb}`);
    const server = await spawnServer(
      { databaseUrl: withDatabase(pgServerUrl, name) },
      { DEMO_HISTORY: String(history) },
    );
    await server.stop();
    if (!(await untilNoSessions((text, params) => adminQuery(pgServerUrl, text, params), name, 200)))
      throw new Error(`${name}: sessions still connected after the server stopped`);
    return name;
  };
  const failed = (what: string, err: unknown) =>
    console.warn(
      `e2e: the ${what} demo template failed, each server loads its own: ${(err as Error).message}`,
    );
  const bareName = `abdi_e2e_tpl_bare_${suffix}`;
  const history = `abdi_e2e_tpl_history_${suffix}`;
  const bare = await seed(bareName, false).catch((err: unknown) => (failed('bare', err), ''));
  const historyDone = seed(history, true).then(
    () => writeFile(historyReady, JSON.stringify({ ok: true })),
    (err: unknown) => {
      failed('lived-in', err);
      return writeFile(historyReady, JSON.stringify({ ok: false }));
    },
  );
  project.provide('e2eDemoTemplates', { bare, history, historyReady });
  return async () => {
    await historyDone;
    for (const name of [bareName, history])
      await adminQuery(pgServerUrl, `drop database if exists ${name} with (force)`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
}
