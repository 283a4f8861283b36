import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEST_STATE } from './test-database.config';

export default async function globalTeardown() {
  const adminUrl = process.env[TEST_STATE.adminUrlEnv];
  const template = process.env[TEST_STATE.templateEnv];
  if (adminUrl && template) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const run = process.env.IPL_TEST_RUN ?? '';
    const leftovers = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
      template,
      `ipl_test_${run}_%`,
    ]);
    for (const { datname } of leftovers.rows as { datname: string }[]) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
    await admin.end();
  }
  const embedded = (globalThis as Record<string, unknown>).__IPL_EMBEDDED__ as { stop(): Promise<void> } | undefined;
  await embedded?.stop();
  const dir = (globalThis as Record<string, unknown>).__IPL_EMBEDDED_DIR__ as string | undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
