/**
 * The kind of failure, which the HTTP edge maps to a status code. Domain code never
 * imports HTTP; it says *what* went wrong, the edge decides how to say it.
 */
export type DomainErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'unprocessable';

/** A failure with a stable, machine-readable code such as `LEDGER.UNBALANCED_ENTRY`. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly kind: DomainErrorKind,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** The same error, located at `field` (e.g. the item of a batch it came from). */
  at(field: string): DomainError {
    const inner = typeof this.details?.field === 'string' ? `${field}.${this.details.field}` : field;
    return new DomainError(this.code, `${field}: ${this.message}`, this.kind, { ...this.details, field: inner });
  }

  static validation(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError(code, message, 'validation', details);
  }

  static notFound(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError(code, message, 'not_found', details);
  }

  static conflict(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError(code, message, 'conflict', details);
  }

  static forbidden(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError(code, message, 'forbidden', details);
  }

  static unprocessable(code: string, message: string, details?: Record<string, unknown>) {
    return new DomainError(code, message, 'unprocessable', details);
  }
}

/** Maps items; a DomainError raised for item i is located at `field(i)` (e.g. `entries[3]`). */
export function mapLocated<T, R>(items: readonly T[], field: (index: number) => string, fn: (item: T, index: number) => R): R[] {
  return items.map((item, index) => {
    try {
      return fn(item, index);
    } catch (err) {
      throw err instanceof DomainError ? err.at(field(index)) : err;
    }
  });
}
