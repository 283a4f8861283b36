import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { prepareDatabase, startWith, startupFailure, validateEnv } from '@app/runtime';
import { WorkerModule } from './worker.module';

const say = (message: string) => process.stdout.write(`[ip-pool-ledger worker] ${message}\n`);

/** The worker process: job processors only, no HTTP. The API runs migrations; the worker does not. */
async function main() {
  const env = validateEnv(process.env);
  const embedded = await prepareDatabase(env, say);
  const app = await startWith(embedded, async () => {
    const context = await NestFactory.createApplicationContext(WorkerModule.register(env), { bufferLogs: true });
    context.useLogger(context.get(Logger));
    return context;
  });
  say(`processing jobs on ${env.REDIS_URL ? 'Redis' : 'PostgreSQL'}`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    say(`${signal}: finishing the current jobs and shutting down`);
    await app.close().catch((err: unknown) => say(`error while closing: ${String(err)}`));
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(signal));
}

main().catch((err: unknown) => {
  process.stderr.write(`${startupFailure(err)}\n`);
  process.exit(1);
});
