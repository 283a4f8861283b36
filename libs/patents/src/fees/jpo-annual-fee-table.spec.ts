import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { jpoAnnualFee } from './office-fee.rules';
import { JPO_ANNUAL_FEES_2022_04_01 } from './official-fee-schedules';

// JPO fee table 2022-04-01 (特許庁「産業財産権関係料金一覧」, Patent Act Art. 107(1)), per year:
//   years 1-3: ¥4,300 + ¥300/claim; 4-6: ¥10,300 + ¥800/claim;
//   years 7-9: ¥24,800 + ¥1,900/claim; 10-25: ¥59,400 + ¥4,600/claim.

const soleOwner = [{ ownerId: 'company', shareBp: 10_000 }];

function jpoPatent(overrides: Partial<FeeForecastFiling> = {}): FeeForecastFiling {
  return {
    filingId: 'JP-1',
    office: 'JPO',
    status: 'granted',
    filingDate: '2023-02-01',
    grantDate: '2026-05-15',
    claimsCount: 10,
    owners: soleOwner,
    ...overrides,
  };
}

describe('JPO annual fees from the 2022-04-01 table', () => {
  const year = (y: number, claimsCount: number) =>
    jpoAnnualFee({
      annual: JPO_ANNUAL_FEES_2022_04_01,
      yearFrom: y,
      yearTo: y,
      claimsCount,
      owners: soleOwner,
    }).total;

  it('prices one year of each band', () => {
    // year 4 with 10 claims = 10,300 + 800×10 = ¥18,300
    expect(year(4, 10)).toBe(18_300n);
    // year 7 with 10 claims = 24,800 + 1,900×10 = ¥43,800
    expect(year(7, 10)).toBe(43_800n);
    // year 10 with 10 claims = 59,400 + 4,600×10 = ¥105,400
    expect(year(10, 10)).toBe(105_400n);
    // year 25 (last band) with 1 claim = 59,400 + 4,600 = ¥64,000
    expect(year(25, 1)).toBe(64_000n);
  });

  it('charges years 1-3 as one payment at registration', () => {
    // years 1-3 with 5 claims = (4,300 + 300×5) × 3 = 5,800 × 3 = ¥17,400
    const charge = jpoAnnualFee({
      annual: JPO_ANNUAL_FEES_2022_04_01,
      yearFrom: 1,
      yearTo: 3,
      claimsCount: 5,
      owners: soleOwner,
    });
    expect(charge).toMatchObject({ fee: 17_400n, amount: 17_400n, surcharge: 0n, total: 17_400n });
  });

  it('forecasts registration and years 4-10 on their due dates, ¥313,600 in all for 10 claims', () => {
    const forecast = forecastFees({
      filings: [jpoPatent()],
      asOf: '2026-04-01',
      horizonFiscalYears: 10,
    });

    expect(forecast.items.map((i) => [i.yearFrom, i.yearTo, i.dueOn, i.total])).toEqual([
      [1, 3, '2026-05-15', 21_900n], // (4,300 + 3,000) × 3
      [4, 4, '2029-05-15', 18_300n], // year n is due on the (n-1)th anniversary of registration
      [5, 5, '2030-05-15', 18_300n],
      [6, 6, '2031-05-15', 18_300n],
      [7, 7, '2032-05-15', 43_800n],
      [8, 8, '2033-05-15', 43_800n],
      [9, 9, '2034-05-15', 43_800n],
      [10, 10, '2035-05-15', 105_400n],
    ]);
    // 21,900 + 3×18,300 + 3×43,800 + 105,400 = ¥313,600 (the 10-year total JPO-table users quote)
    expect(forecast.grandTotals).toEqual({ JPY: 313_600n, USD: 0n, EUR: 0n });
    expect(forecast.items.every((i) => i.scheduleVersion === 'JPO-annual-2022-04-01')).toBe(true);
    expect(forecast.items[0].label).toBe('JPO annual fee, years 1-3 (paid at registration)');
  });

  it('stops at the end of the 20-year term counted from filing', () => {
    // Filed 2010-01-10, registered 2014-06-01: the term ends 2030-01-10, so year 16 (due
    // 2029-06-01) is the last fee; year 17 would start after expiry.
    const forecast = forecastFees({
      filings: [jpoPatent({ filingDate: '2010-01-10', grantDate: '2014-06-01', claimsCount: 3 })],
      asOf: '2029-04-01',
      horizonFiscalYears: 3,
    });
    // year 16 with 3 claims = 59,400 + 4,600×3 = ¥73,200
    expect(forecast.items.map((i) => [i.yearFrom, i.dueOn, i.total])).toEqual([
      [16, '2029-06-01', 73_200n],
    ]);
  });

  it('forecasts nothing for a JPO application that is not granted yet', () => {
    const forecast = forecastFees({
      filings: [jpoPatent({ status: 'examination_requested', grantDate: undefined })],
      asOf: '2026-04-01',
      horizonFiscalYears: 5,
    });
    expect(forecast.items).toEqual([]);
  });
});
