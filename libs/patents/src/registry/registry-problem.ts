import { DomainError, DomainErrorKind } from '@app/kernel';

/**
 * A rule an input breaks, as data: a single request throws the first one as a DomainError, a
 * CSV import reports all of them per row.
 */
export interface RegistryProblem {
  field: string;
  code: string;
  message: string;
  kind: Extract<DomainErrorKind, 'validation' | 'not_found' | 'conflict' | 'unprocessable'>;
  details?: Record<string, unknown>;
}

export function problemError(p: RegistryProblem): DomainError {
  return new DomainError(p.code, p.message, p.kind, { field: p.field, ...p.details });
}

/** Throws the first problem, if any. */
export function throwFirst(problems: readonly RegistryProblem[]): void {
  if (problems.length > 0) throw problemError(problems[0]);
}
