import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';

// Bad input fails with a stable code instead of producing a wrong forecast.

const base: FeeForecastFiling = {
  filingId: 'JP-1',
  office: 'JPO',
  status: 'granted',
  filingDate: '2023-02-01',
  grantDate: '2026-05-15',
  claimsCount: 10,
  owners: [{ ownerId: 'company', shareBp: 10_000 }],
};

function forecast(filing: FeeForecastFiling) {
  return () => forecastFees({ filings: [filing], asOf: '2026-04-01', horizonFiscalYears: 3 });
}

describe('forecast input validation', () => {
  it('requires owner shares that add up to 10000 bp with unique owners', () => {
    const code = expect.objectContaining({ code: 'FEES.INVALID_OWNER_SHARES' });
    expect(forecast({ ...base, owners: [] })).toThrow(code);
    expect(
      forecast({
        ...base,
        owners: [
          { ownerId: 'a', shareBp: 5_000 },
          { ownerId: 'b', shareBp: 4_999 },
        ],
      }),
    ).toThrow(code);
    expect(
      forecast({
        ...base,
        owners: [
          { ownerId: 'a', shareBp: 5_000 },
          { ownerId: 'a', shareBp: 5_000 },
        ],
      }),
    ).toThrow(code);
    expect(forecast({ ...base, owners: [{ ownerId: 'a', shareBp: 10_000.5 }] })).toThrow(code);
  });

  it('requires what each office needs to price a granted patent', () => {
    const code = expect.objectContaining({ code: 'FEES.INVALID_FILING' });
    expect(forecast({ ...base, grantDate: undefined })).toThrow(code);
    expect(forecast({ ...base, claimsCount: 0 })).toThrow(code);
    expect(forecast({ ...base, grantDate: '2022-01-01' })).toThrow(code); // before filing
    expect(forecast({ ...base, filingDate: '2023-02-30' })).toThrow(code);
    expect(forecast({ ...base, office: 'USPTO' })).toThrow(code); // no usptoEntity
    expect(forecast({ ...base, paidThroughYear: -1 })).toThrow(code);
  });

  it('rejects an invalid as-of date', () => {
    expect(() =>
      forecastFees({ filings: [base], asOf: '2026-13-01', horizonFiscalYears: 1 }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION.INVALID_DATE' }));
  });
});
