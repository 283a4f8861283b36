import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Server, createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { freePort } from './test-database.config';

/** Whether something accepts TCP connections on the port. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

/**
 * `npm start` without DATABASE_URL, as a user runs it, when the start fails after the embedded
 * PostgreSQL is up: the user is told why, and no database is left running.
 */
describe('starting the API (e2e)', () => {
  let held: Server;
  let dataDir: string;

  beforeAll(async () => {
    held = createServer();
    await new Promise<void>((r) => held.listen(0, '0.0.0.0', r));
    dataDir = mkdtempSync(resolve(tmpdir(), 'ipl-start-'));
  });
  afterAll(async () => {
    await new Promise((r) => held.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (port: number, pgPort: number) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), RUN_WORKER: 'false', LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    delete env.REDIS_URL;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts'], { env });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    return { child, out, exited };
  };

  it('on a port already in use, says so and stops the embedded PostgreSQL it started; the next start shows the first admin token and stops cleanly', async () => {
    const port = (held.address() as { port: number }).port;
    const pgPort = await freePort();
    const failed = start(port, pgPort);
    const code = await failed.exited;
    expect(failed.out.stdout).toContain(`embedded PostgreSQL started on port ${pgPort}`);
    expect(code).toBe(1);
    expect(failed.out.stderr).toContain(`Port ${port} is already in use: stop what listens there, or set PORT to another port.`);
    // Said plainly: no stack trace, neither of the failure nor of connections cut off by the shutdown.
    expect(failed.out.stderr).not.toMatch(/^\s+at /m);
    expect(await answers(pgPort)).toBe(false);
    expect(existsSync(resolve(dataDir, 'postmaster.pid'))).toBe(false);

    // The failed start created no admin token: the next one creates it and shows it.
    const freeApiPort = await freePort();
    const ok = start(freeApiPort, pgPort);
    const until = Date.now() + 120_000;
    while (!/First start: created an admin token/.test(ok.out.stdout) && Date.now() < until && ok.child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const token = /^\[ip-pool-ledger\]\s+(ipl_\S+)$/m.exec(ok.out.stdout)?.[1];
    expect(token).toBeDefined();
    const res = await fetch(`http://127.0.0.1:${freeApiPort}/platforms`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    ok.child.kill('SIGTERM');
    expect(await ok.exited).toBe(0);
    expect(await answers(pgPort)).toBe(false);
    expect(existsSync(resolve(dataDir, 'postmaster.pid'))).toBe(false);
  }, 240_000);
});
