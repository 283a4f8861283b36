import { DomainError } from './domain-error';
import { JAPANESE_FISCAL_YEAR_START_MONTH, fiscalYearOf, fiscalYearRange } from './fiscal-year';

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('fiscalYearOf (Japanese fiscal year, April–March)', () => {
  it('starts in April by default', () => {
    expect(JAPANESE_FISCAL_YEAR_START_MONTH).toBe(4);
  });

  it.each([
    ['2026-03-31', 2025], // the last day of FY2025
    ['2026-04-01', 2026], // the first day of FY2026
    ['2026-01-01', 2025],
    ['2026-12-31', 2026],
    ['2027-03-31', 2026], // FY2026 = 2026-04-01 .. 2027-03-31
    ['2027-04-01', 2027],
    ['2028-02-29', 2027], // leap day
  ])('%s is in FY%p', (date, fy) => {
    expect(fiscalYearOf(date)).toBe(fy);
  });

  it.each([
    // date, start month, fiscal year
    ['2026-12-31', 1, 2026], // calendar years
    ['2026-01-01', 1, 2026],
    ['2026-09-30', 10, 2025], // a US-federal-style year starting in October
    ['2026-10-01', 10, 2026],
    ['2026-11-30', 12, 2025],
    ['2026-12-01', 12, 2026],
  ])('%s with years starting in month %p is in FY%p', (date, startMonth, fy) => {
    expect(fiscalYearOf(date, startMonth)).toBe(fy);
  });

  it.each(['2027-02-30', '2026-13-01', '2026-4-1', '20260401', '', 'yesterday'])(
    'rejects the date %p',
    (date) => {
      expect(thrown(() => fiscalYearOf(date))).toMatchObject({
        code: 'VALIDATION.INVALID_DATE',
        details: { field: 'date' },
      });
    },
  );

  it.each([0, 13, 4.5, Number.NaN])('rejects the start month %p', (month) => {
    expect(thrown(() => fiscalYearOf('2026-04-01', month))).toMatchObject({
      code: 'FISCAL_YEAR.INVALID_START_MONTH',
    });
  });
});

describe('fiscalYearRange', () => {
  it('gives FY2026 as 2026-04-01 .. 2027-03-31', () => {
    expect(fiscalYearRange(2026)).toEqual({
      fiscalYear: 2026,
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
    });
  });

  it('ends on the last day before the next start, including leap days', () => {
    expect(fiscalYearRange(2026, 1)).toEqual({
      fiscalYear: 2026,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(fiscalYearRange(2027, 3)).toEqual({
      fiscalYear: 2027,
      startsOn: '2027-03-01',
      endsOn: '2028-02-29',
    });
    expect(fiscalYearRange(2026, 3)).toEqual({
      fiscalYear: 2026,
      startsOn: '2026-03-01',
      endsOn: '2027-02-28',
    });
    expect(fiscalYearRange(2026, 12)).toEqual({
      fiscalYear: 2026,
      startsOn: '2026-12-01',
      endsOn: '2027-11-30',
    });
  });

  it('agrees with fiscalYearOf on both ends, for every start month', () => {
    for (let month = 1; month <= 12; month++) {
      const range = fiscalYearRange(2026, month);
      expect(fiscalYearOf(range.startsOn, month)).toBe(2026);
      expect(fiscalYearOf(range.endsOn, month)).toBe(2026);
    }
  });

  it.each([1899, 9999, 2026.5, Number.NaN])('rejects the fiscal year %p', (fy) => {
    expect(thrown(() => fiscalYearRange(fy))).toMatchObject({
      code: 'FISCAL_YEAR.INVALID',
      kind: 'validation',
    });
  });

  it('rejects an invalid start month', () => {
    expect(thrown(() => fiscalYearRange(2026, 0))).toMatchObject({
      code: 'FISCAL_YEAR.INVALID_START_MONTH',
    });
  });
});
