import { fiscalYearOf } from '@app/kernel';
import { fiscalYearEndInt, fiscalYearOfInt, toDateInt } from './fee-dates';
import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';

// Japanese fiscal year: April 1 – March 31 (FY2025 = 2025-04-01 .. 2026-03-31). A fee due on
// March 31 belongs to the fiscal year that ends that day; one due on April 1 to the next.
// JPO fee table 2022-04-01: year 4 or 5 with 10 claims = 10,300 + 800×10 = ¥18,300.

function registeredOn(filingId: string, grantDate: string): FeeForecastFiling {
  return {
    filingId,
    office: 'JPO',
    status: 'granted',
    filingDate: '2020-10-01',
    grantDate,
    claimsCount: 10,
    owners: [{ ownerId: 'company', shareBp: 10_000 }],
  };
}

describe('fiscal-year bucketing at the March/April boundary', () => {
  const forecast = forecastFees({
    filings: [registeredOn('JP-MAR', '2023-03-31'), registeredOn('JP-APR', '2023-04-01')],
    asOf: '2026-01-15',
    horizonFiscalYears: 2,
  });

  it('puts a fee due on March 31 in the fiscal year ending that day, one due on April 1 in the next', () => {
    expect(forecast.items.map((i) => [i.filingId, i.yearFrom, i.dueOn, i.fiscalYear])).toEqual([
      ['JP-MAR', 4, '2026-03-31', 2025],
      ['JP-APR', 4, '2026-04-01', 2026],
      ['JP-MAR', 5, '2027-03-31', 2026],
      // JP-APR year 5 is due 2027-04-01: FY2027, beyond the 2-year horizon
    ]);
  });

  it('totals each fiscal year over its own April–March range', () => {
    expect(
      forecast.fiscalYears.map((fy) => [
        fy.fiscalYear,
        fy.startsOn,
        fy.endsOn,
        fy.totals.JPY,
        fy.itemCount,
      ]),
    ).toEqual([
      [2025, '2025-04-01', '2026-03-31', 18_300n, 1],
      [2026, '2026-04-01', '2027-03-31', 36_600n, 2],
    ]);
  });

  it('includes a fee due on the as-of date and not one due the day before', () => {
    const onAsOf = forecastFees({
      filings: [registeredOn('JP', '2023-03-31')],
      asOf: '2026-03-31',
      horizonFiscalYears: 1,
    });
    expect(onAsOf.items.map((i) => i.dueOn)).toEqual(['2026-03-31']);
    const dayAfter = forecastFees({
      filings: [registeredOn('JP', '2023-03-31')],
      asOf: '2026-04-01',
      horizonFiscalYears: 1,
    });
    // year 4 (due the day before) is history; only year 5, due 2027-03-31, is left in FY2026
    expect(dayAfter.items.map((i) => [i.yearFrom, i.dueOn])).toEqual([[5, '2027-03-31']]);
  });

  it('buckets EPO fees due at the end of March into the ending fiscal year', () => {
    const ep = forecastFees({
      filings: [
        {
          filingId: 'EP',
          office: 'EPO',
          status: 'filed',
          filingDate: '2024-03-05',
          owners: [{ ownerId: 'u', shareBp: 10_000 }],
        },
      ],
      asOf: '2026-03-01',
      horizonFiscalYears: 2,
    });
    expect(ep.items.map((i) => [i.yearFrom, i.dueOn, i.fiscalYear])).toEqual([
      [3, '2026-03-31', 2025],
      [4, '2027-03-31', 2026],
    ]);
  });

  it('agrees with the kernel fiscal year and accepts horizons of 1 to 20 fiscal years', () => {
    for (const d of ['2026-03-31', '2026-04-01', '2027-01-01', '2024-02-29']) {
      expect(fiscalYearOfInt(toDateInt(d))).toBe(fiscalYearOf(d));
    }
    expect(fiscalYearEndInt(2026)).toBe(20270331);
    const input = { filings: [], asOf: '2026-04-01' };
    expect(forecastFees({ ...input, horizonFiscalYears: 20 }).fiscalYears).toHaveLength(20);
    for (const bad of [0, 21, 1.5]) {
      expect(() => forecastFees({ ...input, horizonFiscalYears: bad })).toThrow(
        expect.objectContaining({ code: 'FEES.INVALID_HORIZON' }),
      );
    }
  });
});
