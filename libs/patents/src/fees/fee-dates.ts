import { JAPANESE_FISCAL_YEAR_START_MONTH, LocalDate } from '@app/kernel';

/**
 * Dates inside the fee engine are integers `yyyymmdd`: they compare like dates, and adding
 * months or years needs no `Date` object, which keeps a 50,000-filing forecast cheap.
 * Callers only ever see `LocalDate` strings; these helpers are internal to `fees/`.
 */
export type DateInt = number;

/*
 * Splitting a yyyymmdd integer uses exact divisions only (the remainder is taken off first),
 * which the JIT can keep in integer arithmetic: these run a few million times per forecast.
 */

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

const DIGIT_0 = 48;
const HYPHEN = 45;

/** The number written by the decimal digits value[from..to), or -1 if one is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The engine date of a `YYYY-MM-DD` string, or null when it is not a date: the kernel's
 * `isLocalDate` answer (a real calendar day; years before 100 fail, as `Date` reads them as
 * 19xx) without its regular expression and `Date`, for the two dates of every filing.
 */
export function parseDateInt(value: string): DateInt | null {
  if (value.length !== 10 || value.charCodeAt(4) !== HYPHEN || value.charCodeAt(7) !== HYPHEN)
    return null;
  const y = digitsAt(value, 0, 4);
  const m = digitsAt(value, 5, 7);
  const d = digitsAt(value, 8, 10);
  if (y < 100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return y * 10_000 + m * 100 + d;
}

/**
 * The same day `months` later; when that month is shorter, its last day (a period counted
 * from 29 February or 31 August ends on 28 February or 28/29 February: 民法 §143(2), and
 * the USPTO and the EPO count the same way).
 */
export function addMonthsInt(date: DateInt, months: number): DateInt {
  const d = date % 100;
  const yearMonth = (date - d) / 100;
  const m = yearMonth % 100;
  const y = (yearMonth - m) / 100;
  const index = y * 12 + (m - 1) + months;
  const nm0 = ((index % 12) + 12) % 12;
  const ny = (index - nm0) / 12;
  const nm = nm0 + 1;
  const dim = daysInMonth(ny, nm);
  return ny * 10_000 + nm * 100 + (d > dim ? dim : d);
}

export function addYearsInt(date: DateInt, years: number): DateInt {
  return addMonthsInt(date, years * 12);
}

export function endOfMonthInt(date: DateInt): DateInt {
  const yearMonth = (date - (date % 100)) / 100;
  const m = yearMonth % 100;
  const y = (yearMonth - m) / 100;
  return y * 10_000 + m * 100 + daysInMonth(y, m);
}

/** Japanese fiscal year (April–March) of a date; same answer as the kernel's `fiscalYearOf`. */
export function fiscalYearOfInt(date: DateInt): number {
  const yearMonth = (date - (date % 100)) / 100;
  const m = yearMonth % 100;
  const y = (yearMonth - m) / 100;
  return m >= JAPANESE_FISCAL_YEAR_START_MONTH ? y : y - 1;
}

/** Last day of a Japanese fiscal year: FY2026 ends on 2027-03-31. */
export function fiscalYearEndInt(fiscalYear: number): DateInt {
  const start = fiscalYear * 10_000 + JAPANESE_FISCAL_YEAR_START_MONTH * 100 + 1;
  return endOfMonthInt(addMonthsInt(start, 11));
}
