/**
 * What the check-in benches share (bench/checkin.ts, bench/failover.ts): the bench server as a child process
 * (bench/checkin-server.ts), demo employees logged in with a device key, and signed punches as the phones send them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { canonicalPunchPayload, type PunchBody } from '../src/shared/api/attendance.ts';
import { generateDemoData } from '../src/server/db/seeds/demo-data.ts';
import { DEMO_PASSWORD } from '../src/server/db/seeds/load-demo.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/** GET a JSON answer, throwing on a non-2xx status. */
export const getJson = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
};

export interface BenchServerProcess {
  port: number;
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/**
 * Start bench/checkin-server.ts with `env` (the real app on DATABASE_URL or DATA_DIR, the demo province loaded) and
 * wait for its `READY <port>` line; rejects with the tail of its stderr if it exits first.
 */
export async function spawnBenchServer(env: Record<string, string | undefined>): Promise<BenchServerProcess> {
  // The server's Node flags (package.json `start`).
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--max-semi-space-size=128',
      // BENCH_SERVER_CPU_PROF=<dir>: each server writes a V8 CPU profile there when it stops (where its time goes).
      ...(process.env.BENCH_SERVER_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_CPU_PROF}`]
        : []),
      path.join(ROOT, 'bench/checkin-server.ts'),
    ],
    {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stderr!.on('data', (c: Buffer) => {
    output = (output + c.toString()).slice(-10_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /READY (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
      if (buf.length > 100_000) buf = buf.slice(-1000);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code}):\n${output}\n${buf}`)));
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await new Promise<void>((r) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          r();
        }, 15_000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    },
  };
}

// ------------------------------------------------------------------ employees with sessions and devices
/** A demo employee signed in on the bench server, with a registered device key and an office fence. */
export interface Emp {
  nip: string;
  employeeId: string;
  unitId: string;
  cookie: string;
  csrf: string;
  key: KeyObject;
  deviceId: string;
  office: { lat: number; lon: number; radiusM: number };
  n: number;
}

/**
 * `count` demo employees ready to punch on the bench server at `url`: each logged in (/api/auth/login with the demo
 * password), with an ECDSA P-256 device key registered and its office fence read from /api/attendance/today.
 */
export async function prepareEmployees(url: string, count: number): Promise<Emp[]> {
  const demo = generateDemoData();
  const units = new Map(
    (await getJson<{ id: string; unitId: string }[]>(`${url}/bench/employees`)).map((r) => [r.id, r.unitId]),
  );
  // Spread over the units: every k-th employee with a NIP.
  const withNip = demo.employees.filter((e) => e.nip);
  const step = Math.max(1, Math.floor(withNip.length / count));
  const candidates = withNip
    .filter((_, i) => i % step === 0)
    .concat(withNip.filter((_, i) => i % step !== 0));
  const out: Emp[] = [];
  let next = 0;
  const worker = async () => {
    while (out.length < count && next < candidates.length) {
      const e = candidates[next++]!;
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: e.nip, password: DEMO_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login ${e.nip}: ${login.status} ${await login.text()}`);
      const me = (await login.json()) as { csrfToken: string; user: { employeeId: string | null } };
      const sc = login.headers.getSetCookie().find((c) => c.startsWith('abdi_session='))!;
      const cookie = sc.split(';')[0]!;
      const headers = { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
      const dev = await fetch(`${url}/api/attendance/devices`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          publicKey: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
          label: 'Bench phone',
        }),
      });
      if (dev.status !== 201) throw new Error(`device ${e.nip}: ${dev.status} ${await dev.text()}`);
      const device = (await dev.json()) as { id: string; status: string };
      const today = (await (await fetch(`${url}/api/attendance/today`, { headers: { cookie } })).json()) as {
        places: {
          kind: string;
          fence: {
            kind: string;
            center?: { lat: number; lon: number };
            radiusM?: number;
            points?: { lat: number; lon: number }[];
          };
        }[];
      };
      const office = today.places.find((p) => p.kind === 'OFFICE');
      if (!office || device.status !== 'ACTIVE' || out.length >= count) continue;
      const f = office.fence;
      const center =
        f.kind === 'circle'
          ? f.center!
          : {
              lat: f.points!.reduce((s, p) => s + p.lat, 0) / f.points!.length,
              lon: f.points!.reduce((s, p) => s + p.lon, 0) / f.points!.length,
            };
      out.push({
        nip: e.nip!,
        employeeId: me.user.employeeId!,
        unitId: units.get(me.user.employeeId!)!,
        cookie,
        csrf: me.csrfToken,
        key: privateKey,
        deviceId: device.id,
        office: { ...center, radiusM: f.radiusM ?? 30 },
        n: 0,
      });
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  if (out.length < count)
    console.log(`  (only ${out.length} employees with an office fence and an active device)`);
  return out;
}

const M_PER_DEG = 111_195;

/**
 * The `i`-th punch of employee `e` as the phone sends it: alternately IN and OUT, from inside the office fence (a
 * point on a spiral around its centre), signed with the device key over the canonical payload.
 */
export function signedPunch(e: Emp, i: number, idempotencyKey: string, photoHash?: string): PunchBody {
  e.n++;
  const r = Math.min(15, e.office.radiusM * 0.25) / M_PER_DEG;
  const a = (i * 2.399963) % (2 * Math.PI);
  const body: PunchBody = {
    idempotencyKey,
    kind: e.n % 2 ? 'IN' : 'OUT',
    deviceId: e.deviceId,
    location: {
      lat: e.office.lat + r * Math.sin(a),
      lon: e.office.lon + r * Math.cos(a),
      accuracyM: 8 + (i % 12),
      provider: 'gps',
      mocked: false,
    },
    ...(photoHash ? { photoHash } : {}),
    network: { type: 'cellular', effectiveType: '4g' },
    appVersion: 'bench-1',
  };
  body.signature = sign('sha256', Buffer.from(canonicalPunchPayload(body)), {
    key: e.key,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
  return body;
}

// ------------------------------------------------------------------ the photo
/**
 * A structurally valid 150 KB JPEG as a phone makes it: JFIF, EXIF (with the GPS/serial text the server strips),
 * quantisation and frame headers, a scan. `unique(i)` writes the request number into the scan data so every
 * photo (and its stored, stripped hash) is different, as real selfies are.
 */
export function makeJpeg(size = 150 * 1024) {
  const seg = (marker: number, payload: Buffer) =>
    Buffer.concat([
      Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
      payload,
    ]);
  const head = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    seg(
      0xe1,
      Buffer.concat([
        Buffer.from('Exif\0\0GPS -6.1489,106.1616 SERIAL-BENCH ', 'latin1'),
        Buffer.alloc(1800, 0x41),
      ]),
    ),
    seg(0xdb, Buffer.alloc(65, 1)),
    seg(0xc0, Buffer.from([8, 0x02, 0x80, 0x01, 0xe0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1])),
    seg(0xda, Buffer.from([3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0])),
  ]);
  const data = randomBytes(size - head.length - 2);
  for (let i = 0; i < data.length; i++) if (data[i] === 0xff) data[i] = 0xfe;
  const jpeg = Buffer.concat([head, data, Buffer.from([0xff, 0xd9])]);
  const at = head.length + 16;
  return {
    unique(i: number): Buffer {
      const b = Buffer.from(jpeg);
      b.write(String(i).padStart(16, '0'), at, 'latin1');
      return b;
    },
  };
}
