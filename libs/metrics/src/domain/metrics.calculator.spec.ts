import { computeMetrics, kpiProgress, ratioBp, topIpcClasses } from './metrics.calculator';

/*
 * Worked example (FY2026 of a small platform), computed by hand:
 *
 *   applications          8 filings with an application date in FY2026
 *   grants                3
 *   licences              2 agreements effective in FY2026; 6 effective up to 2027-03-31
 *   commercialisations    2 products launched in FY2026
 *   licence income        ¥15,000,000 = asset A ¥12,000,000 + asset B ¥2,500,000 + asset C ¥500,000
 *   personnel cost        ¥6,000,000 (IP office, recorded for FY2026)
 *   patent costs          ¥4,000,000 approved in FY2026
 *   derived projects      1
 *
 *   licence rate (打率)          2 ÷ 8 = 0.25                       → 2,500 bp
 *   profitability (打点)         15,000,000 ÷ (6,000,000 + 4,000,000) = 1.5 → 15,000 bp
 *   commercialisation (ホームラン率) 2 ÷ 6 = 0.3333…                   → 3,333 bp (truncated)
 *   home-run assets at ¥10M      A only (¥12M ≥ ¥10M; B ¥2.5M, C ¥0.5M below) → 1
 *   home-run assets at ¥2.5M     A and B (the threshold itself counts)          → 2
 */
const fy2026 = {
  applications: 8,
  grants: 3,
  licences: 2,
  cumulativeLicences: 6,
  commercialisations: 2,
  licenceIncomeYen: 15_000_000n,
  personnelCostYen: 6_000_000n,
  patentCostYen: 4_000_000n,
  incomeByAsset: [
    { assetId: 'asset-b', incomeYen: 2_500_000n },
    { assetId: 'asset-a', incomeYen: 12_000_000n },
    { assetId: 'asset-c', incomeYen: 500_000n },
  ],
  homeRunThresholdYen: 10_000_000n,
  derivedProjects: 1,
};

describe('computeMetrics on the worked example', () => {
  const m = computeMetrics(fy2026);

  it('gives the licence rate 2 ÷ 8 = 2,500 bp with its terms', () => {
    expect(m.licenceRate).toEqual({ bp: 2500, numerator: 2, denominator: 8 });
  });

  it('gives profitability ¥15M ÷ (¥6M + ¥4M) = 15,000 bp', () => {
    expect(m.profitability).toEqual({
      bp: 15000,
      numerator: 15_000_000n,
      denominator: 10_000_000n,
    });
  });

  it('gives the commercialisation rate 2 ÷ 6 = 3,333 bp, truncated', () => {
    expect(m.commercialisationRate).toEqual({ bp: 3333, numerator: 2, denominator: 6 });
  });

  it('counts one home-run asset at ¥10M and two at ¥2.5M (threshold inclusive)', () => {
    expect([m.homeRunAssets, m.homeRunAssetIds]).toEqual([1, ['asset-a']]);
    const lower = computeMetrics({ ...fy2026, homeRunThresholdYen: 2_500_000n });
    expect([lower.homeRunAssets, lower.homeRunAssetIds]).toEqual([2, ['asset-a', 'asset-b']]);
  });

  it('passes the counts through', () => {
    expect([m.applications, m.grants, m.licences, m.commercialisations, m.derivedProjects]).toEqual(
      [8, 3, 2, 2, 1],
    );
  });
});

describe('division by zero gives null, never 0 or Infinity', () => {
  it('no applications, no licences, no costs', () => {
    const m = computeMetrics({
      ...fy2026,
      applications: 0,
      cumulativeLicences: 0,
      personnelCostYen: 0n,
      patentCostYen: 0n,
    });
    expect([m.licenceRate.bp, m.commercialisationRate.bp, m.profitability.bp]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('personnel cost not recorded: profitability has no denominator', () => {
    expect(computeMetrics({ ...fy2026, personnelCostYen: null }).profitability).toEqual({
      bp: null,
      numerator: 15_000_000n,
      denominator: null,
    });
  });

  it('ratioBp keeps the terms as given', () => {
    expect(ratioBp(0n, 5n)).toEqual({ bp: 0, numerator: 0n, denominator: 5n });
  });
});

/*
 * KPI worked example: company investment ×3 from FY2024 to FY2026.
 *   base FY2024 company contributions ¥20,000,000; FY2026 ¥50,000,000
 *   actual multiple 50M ÷ 20M = 2.5 → 25,000 bp; progress 2.5 ÷ 3 = 0.8333… → 8,333 bp; not achieved
 * Large joint research count target 4 (400 hundredths), actual 3 → 3 ÷ 4 = 7,500 bp.
 * Large joint research ×2: base 2, actual 5 → 25,000 bp, progress 2.5 ÷ 2 = 12,500 bp, achieved.
 */
describe('kpiProgress on the worked example', () => {
  it('company investment ×3: 2.5× of the base year is 8,333 bp of the target', () => {
    expect(
      kpiProgress({
        kpi: 'company_investment_multiple',
        targetCenti: 300n,
        baseValue: 20_000_000n,
        actualValue: 50_000_000n,
      }),
    ).toEqual({
      actual: { bp: 25000, numerator: 50_000_000n, denominator: 20_000_000n },
      progressBp: 8333,
      achieved: false,
    });
  });

  it('large joint research count: 3 of 4', () => {
    expect(
      kpiProgress({
        kpi: 'large_joint_research_count',
        targetCenti: 400n,
        baseValue: 1n,
        actualValue: 3n,
      }),
    ).toEqual({
      actual: { count: 3n },
      progressBp: 7500,
      achieved: false,
    });
  });

  it('large joint research ×2: 5 against 2 is achieved', () => {
    expect(
      kpiProgress({
        kpi: 'large_joint_research_multiple',
        targetCenti: 200n,
        baseValue: 2n,
        actualValue: 5n,
      }),
    ).toMatchObject({
      progressBp: 12500,
      achieved: true,
    });
  });

  it('a multiple of a zero base year is null', () => {
    expect(
      kpiProgress({
        kpi: 'company_investment_multiple',
        targetCenti: 300n,
        baseValue: 0n,
        actualValue: 5n,
      }),
    ).toEqual({
      actual: { bp: null, numerator: 5n, denominator: 0n },
      progressBp: null,
      achieved: null,
    });
  });
});

describe('topIpcClasses', () => {
  it('counts by class (first three characters), most frequent first, ties by symbol, at most n', () => {
    const fields = [
      'H01M 10/052',
      'H01M',
      'H01L 21/02',
      'G06N 3/08',
      'A61K',
      'C01B',
      'B01J',
      'G06F',
      'A61P',
    ];
    expect(topIpcClasses(fields, 3)).toEqual([
      { ipcClass: 'H01', count: 3 },
      { ipcClass: 'A61', count: 2 },
      { ipcClass: 'G06', count: 2 },
    ]);
  });
});
