import { DomainError } from './domain-error';

/** A calendar date without time zone, as `YYYY-MM-DD`. Business dates in Japan are local dates. */
export type LocalDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function assertLocalDate(value: unknown, field: string): LocalDate {
  if (!isLocalDate(value)) {
    throw DomainError.validation('VALIDATION.INVALID_DATE', `${field} must be a date as YYYY-MM-DD`, { field });
  }
  return value;
}

/** Today's date in Japan (JST, UTC+9), where the consortium keeps its books. */
export function todayInJapan(now: Date = new Date()): LocalDate {
  return new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
