import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { TokenService } from '@app/access';
import { EmbeddedDatabase, runMigrationsLocked } from '@app/database';
import { dataSourceOptions } from '@app/schema';
import { Env, prepareDatabase, startWith, startupFailure, validateEnv } from '@app/runtime';
import { createApiApp } from './create-api-app';

const say = (message: string) => process.stdout.write(`[ip-pool-ledger] ${message}\n`);

async function main() {
  const env = validateEnv(process.env);
  const embedded = await prepareDatabase(env, say);
  await startWith(embedded, () => serve(env, embedded));
}

async function serve(env: Env, embedded: EmbeddedDatabase | null) {
  const url = env.DATABASE_URL as string;

  if (env.RUN_MIGRATIONS) {
    const ds = await new DataSource(dataSourceOptions(url, { poolSize: 2 })).initialize();
    try {
      const ran = await runMigrationsLocked(ds);
      if (ran.length > 0) say(`applied migrations: ${ran.join(', ')}`);
    } finally {
      await ds.destroy();
    }
  }

  const app = await createApiApp(env, { withWorker: env.RUN_WORKER });
  try {
    // Every interface, as a container needs (Fastify alone would listen on localhost only).
    await app.listen(env.PORT, '0.0.0.0');
  } catch (err) {
    // Its connections and workers go before the database does.
    await app.close().catch(() => undefined);
    throw err;
  }
  // Only once the API listens: a start that fails must not create a token nobody was shown.
  const firstAdmin = await app.get(TokenService).issueFirstAdminIfNone();
  const address = `http://localhost:${env.PORT}`;
  say(`API listening on ${address} (docs: ${address}/docs)${env.RUN_WORKER ? ', worker running in this process' : ''}`);
  say(`database: ${embedded ? `embedded PostgreSQL in ${env.EMBEDDED_PG_DIR}` : 'DATABASE_URL'}; jobs: ${env.REDIS_URL ? 'Redis' : 'PostgreSQL'}`);
  if (firstAdmin) {
    say('');
    say('First start: created an admin token. It is shown only this once; store it now:');
    say(`    ${firstAdmin}`);
    say(`Create more tokens with POST ${address}/tokens (as admin) or: npm run token:create -- --role admin --label "name"`);
    say('');
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: shutting down`);
    await app.close().catch((err: unknown) => say(`error while closing: ${String(err)}`));
    await embedded?.stop().catch((err: unknown) => say(`error stopping PostgreSQL: ${String(err)}`));
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((err: unknown) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});
