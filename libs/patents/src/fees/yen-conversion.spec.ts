import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import {
  ExchangeRateRecord,
  ExchangeRateTable,
  convertForecastToYen,
  convertToYen,
} from './yen-conversion';

// Finance records yen per unit with up to 4 decimals. A payment is converted with the latest
// rate on or before its payment date (future dates: the latest known rate), as
// amount × rate truncated to whole yen (kernel applyRateBp: a 4-decimal rate is a whole number
// of basis points of a yen). The rate used is reported with every converted payment.

const rates: ExchangeRateRecord[] = [
  { currency: 'USD', rateDate: '2026-06-30', yenPerUnit: '151.2345' },
  { currency: 'USD', rateDate: '2026-03-31', yenPerUnit: '149.8765' },
  { currency: 'EUR', rateDate: '2026-06-30', yenPerUnit: '162.5' },
  { currency: 'EUR', rateDate: '2026-03-31', yenPerUnit: '160.1234' },
];

describe('conversion of USD and EUR fees to yen', () => {
  const table = ExchangeRateTable.from(rates);

  it('uses the latest rate on or before the date and truncates to whole yen', () => {
    // $860 × 151.2345 = 130,061.67 → ¥130,061
    expect(convertToYen(860n, 'USD', '2026-07-15', table)).toEqual({
      yen: 130_061n,
      rate: { currency: 'USD', rateDate: '2026-06-30', yenPerUnit: '151.2345' },
    });
    // $860 × 149.8765 = 128,893.79 → ¥128,893 (2026-04-10 is before the June rate)
    expect(convertToYen(860n, 'USD', '2026-04-10', table).yen).toBe(128_893n);
    // on the rate date itself that day's rate applies
    expect(convertToYen(860n, 'USD', '2026-06-30', table).rate?.rateDate).toBe('2026-06-30');
    // €690 × 162.5 = ¥112,125 exactly
    expect(convertToYen(690n, 'EUR', '2026-07-01', table).yen).toBe(112_125n);
  });

  it('uses the latest known rate for a future date', () => {
    expect(convertToYen(1_616n, 'USD', '2032-12-15', table)).toEqual({
      // 1,616 × 151.2345 = 244,394.952 → ¥244,394
      yen: 244_394n,
      rate: { currency: 'USD', rateDate: '2026-06-30', yenPerUnit: '151.2345' },
    });
  });

  it('passes yen through and refuses a date before the first recorded rate', () => {
    expect(convertToYen(18_300n, 'JPY', '2020-01-01', table)).toEqual({ yen: 18_300n, rate: null });
    expect(() => convertToYen(100n, 'USD', '2026-03-30', table)).toThrow(
      expect.objectContaining({ code: 'FEES.NO_EXCHANGE_RATE' }),
    );
    expect(() => convertToYen(100n, 'EUR', '2026-03-30', table)).toThrow(
      expect.objectContaining({ code: 'FEES.NO_EXCHANGE_RATE' }),
    );
  });

  it('refuses a currency with no recorded rate at all with the same domain error', () => {
    const usdOnly = ExchangeRateTable.from(rates.filter((r) => r.currency === 'USD'));
    expect(() => convertToYen(100n, 'EUR', '2026-07-01', usdOnly)).toThrow(
      expect.objectContaining({ code: 'FEES.NO_EXCHANGE_RATE' }),
    );
  });

  it('rejects malformed and conflicting rates', () => {
    for (const yenPerUnit of ['151.23456', 'abc', '-1', '1e2', '0', '']) {
      expect(() =>
        ExchangeRateTable.from([{ currency: 'USD', rateDate: '2026-01-01', yenPerUnit }]),
      ).toThrow(expect.objectContaining({ code: 'FEES.INVALID_EXCHANGE_RATE' }));
    }
    expect(() =>
      ExchangeRateTable.from([
        { currency: 'USD', rateDate: '2026-01-01', yenPerUnit: '150' },
        { currency: 'USD', rateDate: '2026-01-01', yenPerUnit: '150.1' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'FEES.DUPLICATE_EXCHANGE_RATE' }));
  });

  it('converts a forecast payment by payment and reports the rates it used', () => {
    const filings: FeeForecastFiling[] = [
      {
        filingId: 'US-1',
        office: 'USPTO',
        status: 'granted',
        filingDate: '2023-01-10',
        grantDate: '2023-06-15',
        owners: [{ ownerId: 'sme', shareBp: 10_000 }],
        usptoEntity: 'small',
      },
      {
        filingId: 'EP-1',
        office: 'EPO',
        status: 'filed',
        filingDate: '2024-05-10',
        owners: [{ ownerId: 'u', shareBp: 10_000 }],
      },
      {
        filingId: 'JP-1',
        office: 'JPO',
        status: 'granted',
        filingDate: '2023-02-01',
        grantDate: '2026-05-15',
        claimsCount: 10,
        owners: [{ ownerId: 'c', shareBp: 10_000 }],
      },
    ];
    const forecast = forecastFees({ filings, asOf: '2026-04-01', horizonFiscalYears: 2 });
    const inYen = convertForecastToYen(forecast, rates);

    expect(
      inYen.items.map((i) => [i.filingId, i.payOn, i.total, i.yen, i.rate?.rateDate ?? null]),
    ).toEqual([
      ['JP-1', '2026-05-15', 21_900n, 21_900n, null], // yen: no conversion
      ['EP-1', '2026-05-31', 690n, 110_485n, '2026-03-31'], // 690 × 160.1234 = 110,485.146
      ['US-1', '2026-12-15', 860n, 130_061n, '2026-06-30'], // 860 × 151.2345 = 130,061.67
      ['EP-1', '2027-05-31', 845n, 137_312n, '2026-06-30'], // 845 × 162.5 = 137,312.5 (latest known)
    ]);
    expect(inYen.ratesUsed).toEqual([
      { currency: 'EUR', rateDate: '2026-03-31', yenPerUnit: '160.1234', itemCount: 1 },
      { currency: 'EUR', rateDate: '2026-06-30', yenPerUnit: '162.5', itemCount: 1 },
      { currency: 'USD', rateDate: '2026-06-30', yenPerUnit: '151.2345', itemCount: 1 },
    ]);
    // FY2026 = 21,900 + 110,485 + 130,061 = ¥262,446; FY2027 = ¥137,312
    expect(inYen.fiscalYears.map((fy) => [fy.fiscalYear, fy.yen])).toEqual([
      [2026, 262_446n],
      [2027, 137_312n],
    ]);
    expect(inYen.totalYen).toBe(399_758n);
  });
});
