import { EmbeddedDatabase, startEmbeddedPostgres } from '@app/database';
import { Env } from './env';

/**
 * With DATABASE_URL set, uses that database. Without it, starts the embedded PostgreSQL under
 * EMBEDDED_PG_DIR and exports its URL as DATABASE_URL, so every part of the process (TypeORM,
 * BullMQ's PostgreSQL backend) sees one database.
 */
export async function prepareDatabase(env: Env, log: (m: string) => void): Promise<EmbeddedDatabase | null> {
  if (env.DATABASE_URL) return null;
  const db = await startEmbeddedPostgres({
    dataDir: env.EMBEDDED_PG_DIR,
    port: env.EMBEDDED_PG_PORT,
    database: 'ip_pool_ledger',
    log,
  });
  env.DATABASE_URL = db.url;
  process.env.DATABASE_URL = db.url;
  return db;
}
