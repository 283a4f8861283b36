import { DataSource } from 'typeorm';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several API replicas
 * starting together migrate once: the others wait, then find nothing left to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('ipl.migrations'))`);
    const done = await dataSource.runMigrations({ transaction: 'all' });
    return done.map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('ipl.migrations'))`).catch(() => undefined);
    await runner.release();
  }
}
