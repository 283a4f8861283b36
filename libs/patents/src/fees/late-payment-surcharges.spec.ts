import { forecastFees } from './fee-forecast.calculator';
import { FeeForecastFiling } from './fee-forecast.types';
import { epoRenewalFee, usptoMaintenanceFee } from './office-fee.rules';
import {
  EPO_RENEWAL_FEES_2024_04_01,
  USPTO_MAINTENANCE_FEES_2025_01_19,
} from './official-fee-schedules';

// Late payment within the grace period:
// - JPO (Patent Act Art. 112): within 6 months after the deadline, plus a surcharge (割増特許料)
//   equal to the fee, i.e. double. Assumption (unverified): with a reduction, the surcharge
//   equals the reduced fee.
// - USPTO (37 CFR 1.20(h), fees from 2025-01-19): within 6 months, surcharge $540 / $216 / $108.
// - EPO (Rule 51(2) EPC, RFees Art. 2(1) item 5): within 6 months, additional fee of 50%.
// An overdue fee is forecast only when `paidThroughYear` says it is unpaid; it is then paid on
// `asOf` (the day the forecast is made) with the surcharge.

const jpo: FeeForecastFiling = {
  filingId: 'JP-L',
  office: 'JPO',
  status: 'granted',
  filingDate: '2019-08-01',
  grantDate: '2022-06-10',
  claimsCount: 10,
  owners: [{ ownerId: 'company', shareBp: 10_000 }],
  paidThroughYear: 3,
};

describe('late-payment surcharges', () => {
  it('doubles a JPO fee paid in the 6-month 追納 period', () => {
    // year 4 was due 2025-06-10; on 2025-09-01 it is overdue but within grace (until 2025-12-10)
    const forecast = forecastFees({ filings: [jpo], asOf: '2025-09-01', horizonFiscalYears: 2 });
    const [late, next] = forecast.items;
    // year 4, 10 claims: 10,300 + 800×10 = 18,300 + 割増特許料 18,300 = ¥36,600
    expect(late).toMatchObject({
      yearFrom: 4,
      dueOn: '2025-06-10',
      payOn: '2025-09-01',
      payableUntil: '2025-12-10',
      late: true,
      amount: 18_300n,
      surcharge: 18_300n,
      total: 36_600n,
      fiscalYear: 2025,
    });
    expect(next).toMatchObject({ yearFrom: 5, dueOn: '2026-06-10', late: false, total: 18_300n });
  });

  it('doubles the reduced JPO fee for a university (assumption)', () => {
    const forecast = forecastFees({
      filings: [
        { ...jpo, owners: [{ ownerId: 'university', shareBp: 10_000, jpoReduction: 'academic' }] },
      ],
      asOf: '2025-09-01',
      horizonFiscalYears: 1,
    });
    // 18,300 × 1/2 = 9,150 + surcharge 9,150 = ¥18,300
    expect(forecast.items[0]).toMatchObject({ amount: 9_150n, surcharge: 9_150n, total: 18_300n });
  });

  it('reports a JPO patent as lapsed once the grace period is over, and forecasts nothing for it', () => {
    const forecast = forecastFees({ filings: [jpo], asOf: '2025-12-11', horizonFiscalYears: 2 });
    expect(forecast.items).toEqual([]);
    expect(forecast.warnings).toEqual([
      expect.objectContaining({ filingId: 'JP-L', code: 'FEES.GRACE_PERIOD_EXPIRED', year: 4 }),
    ]);
  });

  it('assumes past fees were paid when paidThroughYear is not given', () => {
    const forecast = forecastFees({
      filings: [{ ...jpo, paidThroughYear: undefined }],
      asOf: '2025-09-01',
      horizonFiscalYears: 2,
    });
    expect(forecast.items.map((i) => [i.yearFrom, i.late])).toEqual([[5, false]]);
  });

  it('adds the USPTO grace-period surcharge, priced by the schedule in force on the payment date', () => {
    // 3.5-year fee was due 2024-09-01 (before the 2025-01-19 schedule); paid late on 2025-02-01:
    // small entity $860 + surcharge $216 = $1,076
    const forecast = forecastFees({
      filings: [
        {
          filingId: 'US-L',
          office: 'USPTO',
          status: 'granted',
          filingDate: '2019-05-01',
          grantDate: '2021-03-01',
          owners: [{ ownerId: 'sme', shareBp: 10_000 }],
          usptoEntity: 'small',
          paidThroughYear: 0,
        },
      ],
      asOf: '2025-02-01',
      horizonFiscalYears: 1,
    });
    expect(forecast.items[0]).toMatchObject({
      dueOn: '2024-09-01',
      payOn: '2025-02-01',
      payableUntil: '2025-03-01',
      amount: 860n,
      surcharge: 216n,
      total: 1_076n,
    });
    // standard entity at 11.5 years: $8,280 + $540 = $8,820
    expect(usptoMaintenanceFee(USPTO_MAINTENANCE_FEES_2025_01_19, 2, 'large', true).total).toBe(
      8_820n,
    );
    expect(usptoMaintenanceFee(USPTO_MAINTENANCE_FEES_2025_01_19, 0, 'micro', true).surcharge).toBe(
      108n,
    );
  });

  it('adds the EPO 50% additional fee, truncated to whole euros', () => {
    // year 4 renewal fee due 2026-03-31 (filed 2023-03-15), paid late on 2026-05-01:
    // €845 + 50% = 845 + 422.5 → 422 (the project's truncation rule) = €1,267
    const forecast = forecastFees({
      filings: [
        {
          filingId: 'EP-L',
          office: 'EPO',
          status: 'filed',
          filingDate: '2023-03-15',
          owners: [{ ownerId: 'university', shareBp: 10_000 }],
          paidThroughYear: 3,
        },
      ],
      asOf: '2026-05-01',
      horizonFiscalYears: 1,
    });
    expect(forecast.items[0]).toMatchObject({
      yearFrom: 4,
      dueOn: '2026-03-31',
      payableUntil: '2026-09-30',
      amount: 845n,
      surcharge: 422n,
      total: 1_267n,
    });
    // year 3: €690 + €345 = €1,035
    expect(epoRenewalFee(EPO_RENEWAL_FEES_2024_04_01, 3, true).total).toBe(1_035n);
  });
});
