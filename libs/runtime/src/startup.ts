import { EmbeddedDatabase } from '@app/database';
import { InvalidConfigError } from './env';

/**
 * Runs the rest of a process's start once its database is ready. If that fails (migrations, a
 * port in use, a bad module), the embedded PostgreSQL this process started is stopped before
 * the error goes on: a failed start leaves nothing running behind it.
 */
export async function startWith<T>(embedded: EmbeddedDatabase | null, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}

/** What a failed start prints: the configuration errors, a port in use said plainly, else the stack. */
export function startupFailure(err: unknown): string {
  if (err instanceof InvalidConfigError) return err.message;
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') return `Port ${e.port ?? '?'} is already in use: stop what listens there, or set PORT to another port.`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
