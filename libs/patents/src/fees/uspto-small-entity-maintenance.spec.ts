import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { usptoMaintenanceFee } from './office-fee.rules';
import { USPTO_MAINTENANCE_FEES_2025_01_19 } from './official-fee-schedules';

// USPTO fee schedule effective 2025-01-19 (37 CFR 1.20(e)-(g), 89 FR 91898), maintenance fees
// due 3.5 / 7.5 / 11.5 years after grant (35 U.S.C. 41(b)):
//   3.5 years: $2,150 standard / $860 small / $430 micro
//   7.5 years: $4,040 / $1,616 / $808;  11.5 years: $8,280 / $3,312 / $1,656

const usPatent: FeeForecastFiling = {
  filingId: 'US-1',
  office: 'USPTO',
  status: 'granted',
  filingDate: '2023-01-10',
  grantDate: '2025-06-15',
  owners: [{ ownerId: 'sme', shareBp: 10_000 }],
  usptoEntity: 'small',
};

describe('USPTO maintenance fee for a small entity at 3.5 years', () => {
  it('is $860, due 3.5 years after grant, with the standard fee reported beside it', () => {
    const forecast = forecastFees({
      filings: [usPatent],
      asOf: '2028-04-01',
      horizonFiscalYears: 3,
    });
    expect(forecast.items).toHaveLength(1);
    expect(forecast.items[0]).toMatchObject({
      office: 'USPTO',
      currency: 'USD',
      kind: 'uspto_maintenance',
      yearFrom: 4,
      label: 'USPTO maintenance fee due at 3.5 years',
      dueOn: '2028-12-15', // 2025-06-15 + 42 months
      payableUntil: '2029-06-15', // + 6 months' grace
      fee: 2_150n,
      amount: 860n,
      surcharge: 0n,
      total: 860n,
      fiscalYear: 2028,
      ownerSplit: null,
      scheduleVersion: 'USPTO-maintenance-2025-01-19',
    });
    expect(forecast.grandTotals).toEqual({ JPY: 0n, USD: 860n, EUR: 0n });
  });

  it('lists all three stages over a long horizon', () => {
    const forecast = forecastFees({
      filings: [usPatent],
      asOf: '2026-04-01',
      horizonFiscalYears: 12,
    });
    expect(forecast.items.map((i) => [i.dueOn, i.total])).toEqual([
      ['2028-12-15', 860n],
      ['2032-12-15', 1_616n],
      ['2036-12-15', 3_312n],
    ]);
  });

  it('prices each entity size from the table', () => {
    const s = USPTO_MAINTENANCE_FEES_2025_01_19;
    expect(usptoMaintenanceFee(s, 0, 'large').total).toBe(2_150n);
    expect(usptoMaintenanceFee(s, 0, 'micro').total).toBe(430n);
    expect(usptoMaintenanceFee(s, 1, 'small').total).toBe(1_616n);
    expect(usptoMaintenanceFee(s, 2, 'micro').total).toBe(1_656n);
  });

  it('owes no fee that would fall due after the patent expires', () => {
    // Filed 2010-01-01 (term ends 2030-01-01), granted 2019-01-01: the 11.5-year fee would be
    // due 2030-07-01, after expiry.
    const forecast = forecastFees({
      filings: [{ ...usPatent, filingDate: '2010-01-01', grantDate: '2019-01-01' }],
      asOf: '2026-04-01',
      horizonFiscalYears: 10,
    });
    expect(forecast.items.map((i) => i.dueOn)).toEqual(['2026-07-01']); // the 7.5-year fee only
  });
});
