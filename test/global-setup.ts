/* eslint-disable @typescript-eslint/no-require-imports */
// Runs once before the e2e suites, in plain Node (moduleNameMapper does not apply here).
import { Client } from 'pg';
import { TEST_STATE, assertTestDatabase, freePort, withDatabase } from './test-database.config';

export default async function globalSetup() {
  require('tsconfig-paths').register({ baseUrl: `${__dirname}/..`, paths: require('../tsconfig.json').compilerOptions.paths });
  const { startEmbeddedPostgres } = require('../libs/database/src') as typeof import('../libs/database/src');
  const { dataSourceOptions } = require('../libs/schema/src') as typeof import('../libs/schema/src');
  const { DataSource } = require('typeorm') as typeof import('typeorm');

  let adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    assertTestDatabase(adminUrl);
  } else {
    const dataDir = TEST_STATE.embeddedDir();
    const db = await startEmbeddedPostgres({
      dataDir,
      port: Number(process.env.IPL_TEST_PG_PORT ?? (await freePort())),
      database: 'ipl_test',
      log: (m) => process.stdout.write(`\n[test db] ${m}`),
    });
    adminUrl = db.url;
    (globalThis as Record<string, unknown>).__IPL_EMBEDDED__ = db;
    (globalThis as Record<string, unknown>).__IPL_EMBEDDED_DIR__ = dataDir;
  }

  // One migrated template per run; every test file clones it into a database of its own.
  const template = `ipl_test_tpl_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const ds = await new DataSource(dataSourceOptions(withDatabase(adminUrl, template), { poolSize: 1 })).initialize();
  await ds.runMigrations({ transaction: 'all' });
  await ds.destroy();

  process.env[TEST_STATE.adminUrlEnv] = adminUrl;
  process.env[TEST_STATE.templateEnv] = template;
  // Databases of this run are named after it, so that teardown drops only its own.
  process.env.IPL_TEST_RUN = String(process.pid);
}
