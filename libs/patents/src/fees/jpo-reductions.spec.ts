import { forecastFees } from './fee-forecast.calculator';
import { jpoAnnualFee } from './office-fee.rules';
import { JPO_ANNUAL_FEES_2022_04_01, JPO_REDUCTIONS_2019_04_01 } from './official-fee-schedules';
import { JpoReductionCategory } from './fee-schedule.types';

// JPO fee table 2022-04-01 with the reduction regime for examination requests from 2019-04-01
// (新減免制度): universities (アカデミック・ディスカウント) and SMEs pay 1/2, small companies and
// start-ups pay 1/3, for years 1-10. The reduced fee is rounded down to whole 10 yen, year by
// year, before years are added up (Patent Act Art. 107(4); JPO 新減免制度 Q&A 問13).

function soleOwnerFee(
  category: JpoReductionCategory | undefined,
  yearFrom: number,
  yearTo: number,
  claimsCount: number,
) {
  return jpoAnnualFee({
    annual: JPO_ANNUAL_FEES_2022_04_01,
    reductions: JPO_REDUCTIONS_2019_04_01,
    yearFrom,
    yearTo,
    claimsCount,
    owners: [{ ownerId: 'owner', shareBp: 10_000, jpoReduction: category }],
  });
}

describe('JPO reductions for a single owner', () => {
  it('halves a university patent fee for years 1-10', () => {
    // year 4, 10 claims: (10,300 + 800×10) × 1/2 = 18,300 / 2 = ¥9,150
    expect(soleOwnerFee('academic', 4, 4, 10)).toMatchObject({
      fee: 18_300n,
      amount: 9_150n,
      total: 9_150n,
    });
    // year 10, 3 claims, SME: (59,400 + 4,600×3) × 1/2 = 73,200 / 2 = ¥36,600
    expect(soleOwnerFee('sme', 10, 10, 3).amount).toBe(36_600n);
  });

  it('charges the full fee from year 11', () => {
    // year 11, 3 claims: 59,400 + 4,600×3 = ¥73,200, no reduction after year 10
    expect(soleOwnerFee('academic', 11, 11, 3)).toMatchObject({ fee: 73_200n, amount: 73_200n });
  });

  it('rounds a 1/3 reduction down to 10 yen per year, then multiplies by the years paid', () => {
    // years 1-3, 2 claims, small company: one year = (4,300 + 300×2) / 3 = 4,900 / 3 = 1,633.33…
    // → ¥1,630 (10円未満切捨て); three years = 1,630 × 3 = ¥4,890 (not 14,700 / 3 = 4,900)
    expect(soleOwnerFee('small_or_startup', 1, 3, 2)).toMatchObject({
      fee: 14_700n,
      amount: 4_890n,
      total: 4_890n,
    });
  });

  it('reports the reduced amount and the official fee on each forecast item', () => {
    const forecast = forecastFees({
      filings: [
        {
          filingId: 'JP-U',
          office: 'JPO',
          status: 'granted',
          filingDate: '2024-06-03',
          grantDate: '2026-09-01',
          claimsCount: 10,
          owners: [{ ownerId: 'tohoku-univ', shareBp: 10_000, jpoReduction: 'academic' }],
        },
      ],
      asOf: '2026-04-01',
      horizonFiscalYears: 1,
    });
    // registration, 10 claims: (4,300 + 3,000) × 1/2 = 3,650 per year × 3 = ¥10,950
    expect(forecast.items).toHaveLength(1);
    expect(forecast.items[0]).toMatchObject({ fee: 21_900n, amount: 10_950n, total: 10_950n });
    expect(forecast.items[0].ownerSplit).toEqual([{ ownerId: 'tohoku-univ', amount: 10_950n }]);
  });

  it('rejects a reduction category the schedule in force does not know', () => {
    expect(() => soleOwnerFee('pta' as JpoReductionCategory, 4, 4, 1)).toThrow(
      expect.objectContaining({ code: 'FEES.UNKNOWN_REDUCTION_CATEGORY' }),
    );
  });
});
