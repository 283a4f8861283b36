import { DomainError } from './domain-error';
import { LocalDate, assertLocalDate } from './local-date';

/** Japanese fiscal years start on April 1: FY2026 = 2026-04-01 .. 2027-03-31. */
export const JAPANESE_FISCAL_YEAR_START_MONTH = 4;

export interface FiscalYearRange {
  fiscalYear: number;
  startsOn: LocalDate;
  endsOn: LocalDate;
}

function assertStartMonth(startMonth: number) {
  if (!Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw DomainError.validation('FISCAL_YEAR.INVALID_START_MONTH', 'fiscal year start month must be 1..12');
  }
}

/** The fiscal year a date falls in; a year is named after the calendar year it starts in. */
export function fiscalYearOf(date: LocalDate, startMonth = JAPANESE_FISCAL_YEAR_START_MONTH): number {
  assertLocalDate(date, 'date');
  assertStartMonth(startMonth);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= startMonth ? year : year - 1;
}

export function fiscalYearRange(
  fiscalYear: number,
  startMonth = JAPANESE_FISCAL_YEAR_START_MONTH,
): FiscalYearRange {
  assertStartMonth(startMonth);
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1900 || fiscalYear > 9998) {
    throw DomainError.validation('FISCAL_YEAR.INVALID', 'fiscal year must be a year between 1900 and 9998');
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const startsOn = `${fiscalYear}-${pad(startMonth)}-01`;
  const end = new Date(Date.UTC(fiscalYear + 1, startMonth - 1, 1));
  end.setUTCDate(end.getUTCDate() - 1);
  return { fiscalYear, startsOn, endsOn: end.toISOString().slice(0, 10) };
}
