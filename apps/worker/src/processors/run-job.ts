import { UnrecoverableError } from 'bullmq';
import { DomainError } from '@app/kernel';

/**
 * A domain error will fail the same way on every retry (e.g. the platform is gone): stop
 * retrying. Anything else (database down, deadlock, lost connection) is retried with backoff.
 */
export async function runJob<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DomainError) throw new UnrecoverableError(`${err.code}: ${err.message}`);
    throw err;
  }
}
