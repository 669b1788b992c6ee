import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('applies defaults: PGlite in ./data with demo data, port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      demoData: true,
      cookieSecure: false,
    });
  });

  it('turns demo data off by default on PostgreSQL and secure cookies on in production', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', NODE_ENV: 'production' });
    expect(c.demoData).toBe(false);
    expect(c.cookieSecure).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
  ])('rejects %o naming %s', (env, name) => {
    try {
      loadConfig(env);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.some((p) => p.startsWith(name))).toBe(true);
    }
  });

  it('keeps punch photos under DATA_DIR by default and needs every S3 setting for PHOTO_STORE=s3', () => {
    expect(loadConfig({ DATA_DIR: '/srv/abdi/' })).toMatchObject({
      photoStore: 'local',
      photoDir: '/srv/abdi/photos',
      photoRetentionDays: 400,
      rulebookRegion: 'nasional',
      s3: null,
    });
    try {
      loadConfig({ PHOTO_STORE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual([
        'S3_BUCKET',
        'S3_ACCESS_KEY_ID',
        'S3_SECRET_ACCESS_KEY',
      ]);
    }
    const c = loadConfig({
      PHOTO_STORE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'presensi',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(c.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'presensi',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
    expect(() => loadConfig({ PHOTO_RETENTION_DAYS: '0' })).toThrow(/PHOTO_RETENTION_DAYS/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', SESSION_TTL_HOURS: '-1' })).toThrow(
      /PORT[\s\S]*SESSION_TTL_HOURS|SESSION_TTL_HOURS[\s\S]*PORT/,
    );
  });

  it('makes the server exit with code 2 and a readable message on bad values', () => {
    const r = spawnSync(process.execPath, ['scripts/start.ts'], {
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Konfigurasi tidak valid[\s\S]*PORT/);
  });

  it('SERVER_PROCESSES: 1 by default, 1–64 on PostgreSQL; 0, a non-number, a fraction or over 64 named with the range', () => {
    expect(loadConfig({}).serverProcesses).toBe(1);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SERVER_PROCESSES: '4' }).serverProcesses).toBe(4);
    for (const bad of ['0', '-2', 'abc', '2.5', '65', ''])
      expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db', SERVER_PROCESSES: bad })).toThrow(
        `SERVER_PROCESSES: jumlah proses server harus bilangan bulat 1–64 (diberikan "${bad}")`,
      );
  });

  it('SERVER_PROCESSES above 1 without DATABASE_URL is refused: PGlite is one in-process database', () => {
    expect(loadConfig({ SERVER_PROCESSES: '1' }).serverProcesses).toBe(1);
    expect(() => loadConfig({ SERVER_PROCESSES: '2' })).toThrow(
      /SERVER_PROCESSES: 2 proses memerlukan PostgreSQL/,
    );
  });

  it('TEST_JOB_INTERVAL_SECONDS: tests only (refused in production), in ms; unset = each job its own interval', () => {
    expect(loadConfig({}).testJobIntervalMs).toBeNull();
    expect(loadConfig({ TEST_JOB_INTERVAL_SECONDS: '2' }).testJobIntervalMs).toBe(2000);
    expect(() => loadConfig({ TEST_JOB_INTERVAL_SECONDS: '0' })).toThrow(/TEST_JOB_INTERVAL_SECONDS/);
    expect(() =>
      loadConfig({
        TEST_JOB_INTERVAL_SECONDS: '2',
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://u@h/db',
      }),
    ).toThrow(/TEST_JOB_INTERVAL_SECONDS: interval uji pekerjaan berkala tidak boleh dipakai/);
  });
});
