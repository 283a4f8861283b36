import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { EmbeddedDatabase, startEmbeddedPostgres } from '@app/database';

export interface BenchDatabase {
  url: string;
  adminUrl: string;
  close(): Promise<void>;
}

/** A fresh database for one benchmark run: on DATABASE_URL's server, or an embedded one. */
export async function benchDatabase(): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: mkdtempSync(join(tmpdir(), 'ipl-bench-pg-')),
      port: Number(process.env.BENCH_PG_PORT ?? 54349),
      database: 'ipl_bench',
    });
    adminUrl = embedded.url;
  }
  const name = `ipl_bench_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    adminUrl,
    close: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}

export interface RunningApi {
  url: string;
  adminToken: string;
  /** CPU time (user + system, ms) the API process has used so far; NaN where /proc is missing. */
  cpuMs(): number;
  stop(): Promise<void>;
}

function processCpuMs(pid: number | undefined): number {
  try {
    // /proc/<pid>/stat: fields 14 and 15 are utime and stime in clock ticks (100 per second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

let built = false;

/**
 * Starts the real API in a child process as `npm start` does — built with `nest build api`, run
 * by plain node — without the worker. (Not through ts-node: it loads Node's REPL, which loads the
 * `domain` module, which slows every EventEmitter in the process; production never runs that way.)
 */
export async function startApi(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<RunningApi> {
  const root = resolve(__dirname, '..');
  if (!built) {
    execFileSync(join(root, 'node_modules', '.bin', 'nest'), ['build', 'api'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    built = true;
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), 'dist/apps/api/apps/api/src/main.js'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        RUN_WORKER: 'false',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE ?? '10',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const adminToken = await new Promise<string>((resolvePromise, reject) => {
    let out = '';
    let token = '';
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      token ||= /(ipl_[A-Za-z0-9_-]{20,})/.exec(out)?.[1] ?? '';
      if (token && out.includes('API listening')) {
        clearTimeout(timer);
        // From here on the API's output (request logs at BENCH_LOG_LEVEL=info) is drained, not kept.
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolvePromise(token);
      }
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`API exited with ${code}:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    adminToken,
    cpuMs: () => processCpuMs(child.pid),
    stop: () =>
      new Promise((r) => {
        child.once('exit', () => r());
        child.kill('SIGTERM');
      }),
  };
}

export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the API process spent per request (ms), when measured. */
  apiCpuPerRequest?: number;
}

/** Runs `total` calls of `task` with `concurrency` in flight, timing each one. */
export async function load(total: number, concurrency: number, task: (i: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        const t0 = process.hrtime.bigint();
        const ok = await task(i).catch(() => false);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return { count: total, seconds, perSecond: total / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}

export function fmt(r: LoadResult): string {
  const cpu = r.apiCpuPerRequest === undefined || Number.isNaN(r.apiCpuPerRequest) ? '' : `   API CPU ${r.apiCpuPerRequest.toFixed(2)} ms/req`;
  return `${r.perSecond.toFixed(0).padStart(6)} /s   p50 ${r.p50.toFixed(2).padStart(6)} ms   p99 ${r.p99.toFixed(2).padStart(6)} ms   errors ${r.errors}${cpu}`;
}

export interface HttpLoad {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Body and extra headers of request number i (e.g. a fresh Idempotency-Key each). */
  request?: (i: number) => { body?: unknown; headers?: Record<string, string> };
  /** The API under load, to report its CPU time per request. */
  api?: RunningApi;
}

/** Drives the API with autocannon (a lean HTTP client, so the client steals little CPU from the server). */
export async function httpLoad(total: number, concurrency: number, spec: HttpLoad): Promise<LoadResult> {
  let next = 0;
  const cpu0 = spec.api?.cpuMs();
  // Wall time from the start to the last response: autocannon's own `duration` and its end of
  // run both fall on whole-second ticks, which made short runs look slower than they were.
  const started = process.hrtime.bigint();
  let last = started;
  // Each response's own latency in fractional ms, from autocannon's per-response event: its
  // histogram keeps whole milliseconds (a p99 of 4.9 ms would print as 4).
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    connections: concurrency,
    amount: total,
    requests: [
      {
        setupRequest: (req) => {
          const made = spec.request?.(next++) ?? {};
          return {
            ...req,
            body: made.body === undefined ? undefined : JSON.stringify(made.body),
            headers: { ...req.headers, ...made.headers },
          };
        },
        onResponse: () => {
          last = process.hrtime.bigint();
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolveRun, rejectRun) => {
    const instance = autocannon(options, (err: unknown, res) => (err ? rejectRun(err instanceof Error ? err : new Error('autocannon failed')) : resolveRun(res)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  });
  const seconds = Number(last - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    count: total,
    seconds,
    perSecond: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: result.non2xx + result.errors + result.timeouts,
    apiCpuPerRequest: spec.api && cpu0 !== undefined ? (spec.api.cpuMs() - cpu0) / total : undefined,
  };
}
