import { resolve } from 'node:path';
import { tmpdir } from 'node:os';

/** Shared by global setup/teardown (plain Node: relative imports only). */
export const TEST_STATE = {
  /** Admin connection to the server the tests use (embedded or DATABASE_URL's). */
  adminUrlEnv: 'IPL_TEST_ADMIN_URL',
  templateEnv: 'IPL_TEST_TEMPLATE',
  embeddedDir: resolve(tmpdir(), `ipl-test-pg-${process.getuid ? process.getuid() : 0}`),
  embeddedPort: Number(process.env.IPL_TEST_PG_PORT ?? 54339),
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
