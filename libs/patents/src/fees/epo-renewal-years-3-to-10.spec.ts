import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { epoRenewalFee } from './office-fee.rules';
import { EPO_RENEWAL_FEES_2024_04_01 } from './official-fee-schedules';

// EPO renewal fees from 2024-04-01 (RFees Art. 2(1) item 5, CA/D 16/23): year 3 €690, 4 €845,
// 5 €1,000, 6 €1,155, 7 €1,310, 8 €1,465, 9 €1,620, 10 and later €1,775. Due on the last day
// of the month of the filing-date anniversary that starts the year (Rule 51(1) EPC).

const pending: FeeForecastFiling = {
  filingId: 'EP-1',
  office: 'EPO',
  status: 'examination_requested',
  filingDate: '2024-05-10',
  owners: [{ ownerId: 'university', shareBp: 10_000 }],
};

describe('EPO renewal fees for a pending application, years 3 to 10', () => {
  it('follows the table from the 3rd year, due at the end of the anniversary month', () => {
    // FY2026..FY2033 ends 2034-03-31: years 3 (2026) to 10 (2033)
    const forecast = forecastFees({
      filings: [pending],
      asOf: '2026-04-01',
      horizonFiscalYears: 8,
    });
    expect(forecast.items.map((i) => [i.yearFrom, i.dueOn, i.total])).toEqual([
      [3, '2026-05-31', 690n],
      [4, '2027-05-31', 845n],
      [5, '2028-05-31', 1_000n],
      [6, '2029-05-31', 1_155n],
      [7, '2030-05-31', 1_310n],
      [8, '2031-05-31', 1_465n],
      [9, '2032-05-31', 1_620n],
      [10, '2033-05-31', 1_775n],
    ]);
    // 690 + 845 + 1,000 + 1,155 + 1,310 + 1,465 + 1,620 + 1,775 = €9,860
    expect(forecast.grandTotals).toEqual({ JPY: 0n, USD: 0n, EUR: 9_860n });
    expect(forecast.items.every((i) => i.currency === 'EUR' && i.ownerSplit === null)).toBe(true);
  });

  it('charges €1,775 for every year from 10 to 20', () => {
    for (const year of [10, 15, 20])
      expect(epoRenewalFee(EPO_RENEWAL_FEES_2024_04_01, year).total).toBe(1_775n);
    expect(() => epoRenewalFee(EPO_RENEWAL_FEES_2024_04_01, 2)).toThrow(
      expect.objectContaining({ code: 'FEES.INVALID_FILING' }),
    );
  });

  it('stops after the year in which the mention of grant is published (Art. 86(2) EPC)', () => {
    // Mention published 2028-05-20: year 5 began on 2028-05-10, so its fee (due 2028-05-31)
    // is still the EPO's; year 6 is paid to the national offices.
    const forecast = forecastFees({
      filings: [{ ...pending, status: 'granted', grantDate: '2028-05-20' }],
      asOf: '2026-04-01',
      horizonFiscalYears: 8,
    });
    expect(forecast.items.map((i) => i.yearFrom)).toEqual([3, 4, 5]);
  });

  it('charges nothing for a withdrawn application', () => {
    const forecast = forecastFees({
      filings: [{ ...pending, status: 'abandoned' }],
      asOf: '2026-04-01',
      horizonFiscalYears: 8,
    });
    expect(forecast.items).toEqual([]);
  });
});
