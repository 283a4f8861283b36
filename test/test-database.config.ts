import { resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';

/** Shared by global setup/teardown (plain Node: relative imports only). */
export const TEST_STATE = {
  /** Admin connection to the server the tests use (embedded or DATABASE_URL's). */
  adminUrlEnv: 'IPL_TEST_ADMIN_URL',
  templateEnv: 'IPL_TEST_TEMPLATE',
  /** Each run gets its own embedded cluster, so parallel runs never stop each other's server. */
  embeddedDir: () => mkdtempSync(resolve(tmpdir(), 'ipl-test-pg-')),
};

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Tests create and drop databases: refuse any server database whose name does not say test. */
export function assertTestDatabase(url: string) {
  const name = databaseNameOf(url);
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
