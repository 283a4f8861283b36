import { hash } from 'node:crypto';
import { DomainError } from './domain-error';

/** Keys clients choose for a posting: printable, bounded, no whitespace. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,200}$/;

export function assertIdempotencyKey(key: unknown): string {
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw DomainError.validation(
      'IDEMPOTENCY.KEY_INVALID',
      'an Idempotency-Key header of 8–200 characters (letters, digits, . _ : -) is required for postings',
      { field: 'Idempotency-Key' },
    );
  }
  return key;
}

function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Hash of a command's content, key order irrelevant: the same key must come with the same body. */
export function requestHash(command: unknown): string {
  return hash('sha256', JSON.stringify(canonical(command)), 'hex');
}

/**
 * A stored posting was found under the request's key: it is a replay only if it came from the
 * same request (same hash); otherwise 409 IDEMPOTENCY.KEY_REUSED naming what the key posted.
 */
export function assertSameRequest(storedHash: string | null, hash: string, postedAs: Record<string, string>): void {
  if (storedHash !== hash) {
    throw DomainError.conflict('IDEMPOTENCY.KEY_REUSED', 'this Idempotency-Key was already used for a different request', postedAs);
  }
}
