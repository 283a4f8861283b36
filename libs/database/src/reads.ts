import type { EntityManager } from 'typeorm';

type Results<T extends readonly (() => Promise<unknown>)[]> = {
  -readonly [K in keyof T]: Awaited<ReturnType<T[K]>>;
};

/**
 * Runs independent reads through one EntityManager: together on a pooled manager (each query on
 * a connection of its own), one after another on a transaction's manager — its single connection
 * cannot run two queries at once (pg queues them with a deprecation warning today and refuses
 * them from pg 9).
 */
export async function readAll<T extends readonly (() => Promise<unknown>)[]>(
  em: EntityManager,
  reads: T,
): Promise<Results<T>> {
  if (!em.queryRunner) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}
