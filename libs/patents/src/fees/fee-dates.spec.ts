import { fiscalYearOf, isLocalDate } from '@app/kernel';
import {
  addMonthsInt,
  addYearsInt,
  endOfMonthInt,
  fiscalYearEndInt,
  fiscalYearOfInt,
  fromDateInt,
  parseDateInt,
  toDateInt,
} from './fee-dates';

// The engine's integer dates against the calendar as `Date` counts it, over many dates.

function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1..12: day 0 of the next
}

/** Same day `months` later, clamped to the end of a shorter month, via `Date`. */
function addMonthsReference(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const day = Math.min(d, lastDayOf(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const DATES: string[] = [];
for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2041, 11, 31); t += 86_400_000 * 7)
  DATES.push(new Date(t).toISOString().slice(0, 10));
DATES.push('2000-02-29', '2024-02-29', '2100-02-28', '2023-08-31', '2025-01-31', '2026-03-31');

describe('engine dates', () => {
  it("read a date string as the kernel's isLocalDate and toDateInt do, and reject the same strings", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const candidates: string[] = [
      ...[0, 1, 99, 100, 101, 1582, 1899, 1900, 2000, 2023, 2024, 2100, 2400, 9999].flatMap((y) =>
        Array.from({ length: 14 }, (_, m) =>
          Array.from({ length: 33 }, (_, d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
        ).flat(),
      ),
      '',
      '2024-1-01',
      '2024-01-1',
      '2024/01/01',
      '2024-01-01 ',
      ' 2024-01-01',
      '2024-01-01\n',
      '20240101',
      '2024-0a-01',
      '+024-01-01',
      '-024-01-01',
      '2024-01-0 ',
      '２０２４-01-01',
      '٢٠٢٤-01-01',
      '2024-02-30',
      '2023-02-29',
      '2024-02-29',
    ];
    const parsed = candidates.map((c) => [c, parseDateInt(c)]);
    const kernel = candidates.map((c) => [c, isLocalDate(c) ? toDateInt(c) : null]);
    expect(parsed).toEqual(kernel);
    expect(kernel.filter(([, v]) => v !== null).length).toBeGreaterThan(3_000);
  });

  it('round-trip between LocalDate and yyyymmdd', () => {
    expect(DATES.map((date) => fromDateInt(toDateInt(date)))).toEqual(DATES);
  });

  it('add months and years as the calendar does, ending short months on their last day', () => {
    const engine: string[] = [];
    const calendar: string[] = [];
    for (const date of DATES) {
      const int = toDateInt(date);
      for (const months of [0, 1, 6, 11, 12, 42, 90, 138, 240]) {
        engine.push(`${date} +${months}: ${fromDateInt(addMonthsInt(int, months))}`);
        calendar.push(`${date} +${months}: ${addMonthsReference(date, months)}`);
      }
      engine.push(`${date} +19y: ${fromDateInt(addYearsInt(int, 19))}`);
      calendar.push(`${date} +19y: ${addMonthsReference(date, 228)}`);
    }
    expect(engine).toEqual(calendar);
    expect(fromDateInt(addYearsInt(toDateInt('2024-02-29'), 1))).toBe('2025-02-28');
    expect(fromDateInt(addMonthsInt(toDateInt('2023-08-31'), 6))).toBe('2024-02-29');
  });

  it("find a month's last day and a date's Japanese fiscal year", () => {
    const engine = DATES.map((date) => [
      endOfMonthInt(toDateInt(date)),
      fiscalYearOfInt(toDateInt(date)),
    ]);
    const calendar = DATES.map((date) => {
      const [y, m] = date.split('-').map(Number);
      return [y * 10_000 + m * 100 + lastDayOf(y, m), fiscalYearOf(date)];
    });
    expect(engine).toEqual(calendar);
    expect(fromDateInt(fiscalYearEndInt(2026))).toBe('2027-03-31');
  });
});
