import { sumYen } from '@app/kernel';
import { addCurrencyTotals, forecastFees, zeroTotals } from './fee-forecast.calculator';
import { forecastFeeTotals } from './fee-forecast-totals.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { ExchangeRateRecord, convertForecastToYen } from './yen-conversion';

// A portfolio forecast must equal the sum of its filings' forecasts, in every currency and in
// yen, fiscal year by fiscal year; the one-pass totals must equal the detailed forecast.

const owner = (ownerId: string, shareBp = 10_000) => ({ ownerId, shareBp });

const portfolio: FeeForecastFiling[] = [
  {
    filingId: 'JP-co-3',
    office: 'JPO',
    status: 'granted',
    filingDate: '2021-04-12',
    grantDate: '2024-02-29',
    claimsCount: 7,
    owners: [
      { ownerId: 'univ-a', shareBp: 3_334, jpoReduction: 'academic' },
      { ownerId: 'startup', shareBp: 3_333, jpoReduction: 'small_or_startup' },
      { ownerId: 'large', shareBp: 3_333 },
    ],
  },
  {
    filingId: 'JP-new',
    office: 'JPO',
    status: 'granted',
    filingDate: '2024-01-15',
    grantDate: '2026-11-30',
    claimsCount: 13,
    owners: [{ ownerId: 'sme', shareBp: 10_000, jpoReduction: 'sme' }],
  },
  {
    filingId: 'JP-late',
    office: 'JPO',
    status: 'granted',
    filingDate: '2018-09-01',
    grantDate: '2021-12-20',
    claimsCount: 4,
    owners: [owner('univ-b', 6_000), owner('large', 4_000)],
    paidThroughYear: 4,
  },
  {
    filingId: 'JP-lapsed',
    office: 'JPO',
    status: 'granted',
    filingDate: '2015-05-01',
    grantDate: '2019-01-10',
    claimsCount: 2,
    owners: [owner('large')],
    paidThroughYear: 6,
  },
  {
    filingId: 'US-micro',
    office: 'USPTO',
    status: 'granted',
    filingDate: '2020-03-03',
    grantDate: '2022-08-31',
    owners: [owner('univ-a')],
    usptoEntity: 'micro',
  },
  {
    filingId: 'US-large-late',
    office: 'USPTO',
    status: 'granted',
    filingDate: '2017-06-01',
    grantDate: '2018-09-16', // 7.5-year fee due 2026-03-16: overdue on asOf
    owners: [owner('large')],
    usptoEntity: 'large',
    paidThroughYear: 4,
  },
  {
    filingId: 'EP-pending',
    office: 'EPO',
    status: 'examination_requested',
    filingDate: '2023-08-31',
    owners: [owner('univ-a')],
  },
  {
    filingId: 'EP-granted',
    office: 'EPO',
    status: 'granted',
    filingDate: '2021-02-28',
    grantDate: '2027-07-01',
    owners: [owner('large')],
  },
  {
    filingId: 'JP-draft',
    office: 'JPO',
    status: 'drafted',
    filingDate: '2026-03-01',
    owners: [owner('univ-a')],
  },
  {
    filingId: 'US-pending',
    office: 'USPTO',
    status: 'filed',
    filingDate: '2025-09-09',
    owners: [owner('large')],
  },
];

const rates: ExchangeRateRecord[] = [
  { currency: 'USD', rateDate: '2025-12-30', yenPerUnit: '156.7891' },
  { currency: 'USD', rateDate: '2026-03-31', yenPerUnit: '149.9999' },
  { currency: 'EUR', rateDate: '2025-12-30', yenPerUnit: '183.0417' },
  { currency: 'EUR', rateDate: '2026-03-31', yenPerUnit: '171.3' },
];

describe('portfolio forecast reconciliation', () => {
  const asOf = '2026-04-01';
  const horizonFiscalYears = 20;
  const whole = forecastFees({ filings: portfolio, asOf, horizonFiscalYears });
  const perFiling = portfolio.map((f) => forecastFees({ filings: [f], asOf, horizonFiscalYears }));

  it('finds fees in every office, late ones and a lapsed patent', () => {
    expect(new Set(whole.items.map((i) => i.office))).toEqual(new Set(['JPO', 'USPTO', 'EPO']));
    expect(whole.items.some((i) => i.late && i.filingId === 'JP-late')).toBe(true);
    expect(whole.items.some((i) => i.late && i.filingId === 'US-large-late')).toBe(true);
    expect(whole.warnings.map((w) => w.filingId)).toEqual(['JP-lapsed']);
    expect(
      whole.items.some((i) => ['JP-draft', 'US-pending', 'JP-lapsed'].includes(i.filingId)),
    ).toBe(false);
  });

  it('equals the sum of per-filing forecasts in each currency and fiscal year', () => {
    for (let y = 0; y < horizonFiscalYears; y++) {
      const summed = perFiling.reduce(
        (acc, f) => addCurrencyTotals(acc, f.fiscalYears[y].totals),
        zeroTotals(),
      );
      expect(whole.fiscalYears[y].totals).toEqual(summed);
    }
    const grand = perFiling.reduce((acc, f) => addCurrencyTotals(acc, f.grandTotals), zeroTotals());
    expect(whole.grandTotals).toEqual(grand);
    expect(whole.items).toHaveLength(perFiling.reduce((n, f) => n + f.items.length, 0));
  });

  it('equals the sum of per-filing forecasts in yen', () => {
    const wholeYen = convertForecastToYen(whole, rates);
    const perFilingYen = perFiling.map((f) => convertForecastToYen(f, rates));
    for (let y = 0; y < horizonFiscalYears; y++) {
      expect(wholeYen.fiscalYears[y].yen).toBe(
        sumYen(perFilingYen.map((f) => f.fiscalYears[y].yen)),
      );
    }
    expect(wholeYen.totalYen).toBe(sumYen(perFilingYen.map((f) => f.totalYen)));
    expect(wholeYen.totalYen).toBe(sumYen(wholeYen.items.map((i) => i.yen)));
  });

  it('gives the same totals from the one-pass function, in each currency and in yen', () => {
    const totals = forecastFeeTotals({ filings: portfolio, asOf, horizonFiscalYears, rates });
    const wholeYen = convertForecastToYen(whole, rates);
    expect(totals.fiscalYears).toEqual(whole.fiscalYears.map((fy) => fy.fiscalYear));
    expect(totals.JPY).toEqual(whole.fiscalYears.map((fy) => fy.totals.JPY));
    expect(totals.USD).toEqual(whole.fiscalYears.map((fy) => fy.totals.USD));
    expect(totals.EUR).toEqual(whole.fiscalYears.map((fy) => fy.totals.EUR));
    expect(totals.yen).toEqual(wholeYen.fiscalYears.map((fy) => fy.yen));
    expect(totals.paymentCount).toBe(whole.items.length);
    expect(totals.lapsedFilingCount).toBe(1);
    expect(forecastFeeTotals({ filings: portfolio, asOf, horizonFiscalYears }).yen).toBeNull();
  });

  it('splits every JPO payment between its owners without losing a yen', () => {
    for (const item of whole.items.filter((i) => i.office === 'JPO')) {
      expect(sumYen(item.ownerSplit!.map((s) => s.amount))).toBe(item.total);
    }
  });
});
