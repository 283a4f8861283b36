import { JAPANESE_FISCAL_YEAR_START_MONTH, LocalDate } from '@app/kernel';

/**
 * Dates inside the fee engine are integers `yyyymmdd`: they compare like dates, and adding
 * months or years needs no `Date` object, which keeps a 50,000-filing forecast cheap.
 * Callers only ever see `LocalDate` strings; these helpers are internal to `fees/`.
 */
export type DateInt = number;

export function toDateInt(date: LocalDate): DateInt {
  return (
    Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10))
  );
}

export function fromDateInt(value: DateInt): LocalDate {
  const y = Math.floor(value / 10_000);
  const m = Math.floor(value / 100) % 100;
  const d = value % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The same day `months` later; when that month is shorter, its last day (a period counted
 * from 29 February or 31 August ends on 28 February or 28/29 February: 民法 §143(2), and
 * the USPTO and the EPO count the same way).
 */
export function addMonthsInt(date: DateInt, months: number): DateInt {
  const y = Math.floor(date / 10_000);
  const m = Math.floor(date / 100) % 100;
  const d = date % 100;
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const dim = daysInMonth(ny, nm);
  return ny * 10_000 + nm * 100 + (d > dim ? dim : d);
}

export function addYearsInt(date: DateInt, years: number): DateInt {
  return addMonthsInt(date, years * 12);
}

export function endOfMonthInt(date: DateInt): DateInt {
  const y = Math.floor(date / 10_000);
  const m = Math.floor(date / 100) % 100;
  return y * 10_000 + m * 100 + daysInMonth(y, m);
}

/** Japanese fiscal year (April–March) of a date; same answer as the kernel's `fiscalYearOf`. */
export function fiscalYearOfInt(date: DateInt): number {
  const y = Math.floor(date / 10_000);
  const m = Math.floor(date / 100) % 100;
  return m >= JAPANESE_FISCAL_YEAR_START_MONTH ? y : y - 1;
}

/** Last day of a Japanese fiscal year: FY2026 ends on 2027-03-31. */
export function fiscalYearEndInt(fiscalYear: number): DateInt {
  const start = fiscalYear * 10_000 + JAPANESE_FISCAL_YEAR_START_MONTH * 100 + 1;
  return endOfMonthInt(addMonthsInt(start, 11));
}
