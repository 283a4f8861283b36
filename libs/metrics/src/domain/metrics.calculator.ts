/**
 * TLO / IP-office metrics (DOMAIN.md §4, S1) and KPI progress (S4), as pure functions over
 * figures the service reads with SQL. Rates are integers of basis points, truncated toward zero
 * (the project's one rounding rule, as applyRateBp), always shown with their numerator and
 * denominator; a zero denominator gives a null rate, never 0 or Infinity.
 */
import { BP_DENOMINATOR, Yen } from '@app/kernel';

export interface Ratio<T extends bigint | number = bigint | number> {
  /** numerator ÷ denominator in basis points (10000 = 1×, 100 %), truncated; null when the denominator is 0. */
  bp: number | null;
  numerator: T;
  denominator: T;
}

/** The ratio of two non-negative integers in basis points, truncated; null when dividing by zero. */
export function ratioBp<T extends bigint | number>(numerator: T, denominator: T): Ratio<T> {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (n < 0n || d < 0n) throw new RangeError('ratio terms must not be negative');
  return { bp: d === 0n ? null : Number((n * BP_DENOMINATOR) / d), numerator, denominator };
}

export const DEFAULT_HOME_RUN_THRESHOLD_YEN: Yen = 10_000_000n;

export interface MetricFacts {
  /** Filings with an application date in the fiscal year. */
  applications: number;
  /** Filings with a grant date in the fiscal year. */
  grants: number;
  /** Licence agreements effective in the fiscal year. */
  licences: number;
  /** Licence agreements effective up to the end of the fiscal year. */
  cumulativeLicences: number;
  /** Commercialisation events in the fiscal year. */
  commercialisations: number;
  /** Royalties and fees received in the fiscal year (AUTM: no patent-cost reimbursement, no research funding). */
  licenceIncomeYen: Yen;
  /** The IP office's personnel cost for the fiscal year; null when not recorded. */
  personnelCostYen: Yen | null;
  /** Patent costs approved in the fiscal year. */
  patentCostYen: Yen;
  /** Licence income per asset in the fiscal year (assets with income only). */
  incomeByAsset: readonly { assetId: string; incomeYen: Yen }[];
  homeRunThresholdYen: Yen;
  /** Projects starting in the fiscal year that derive from an earlier project. */
  derivedProjects: number;
}

export interface Metrics {
  applications: number;
  grants: number;
  licences: number;
  cumulativeLicences: number;
  commercialisations: number;
  licenceIncomeYen: Yen;
  personnelCostYen: Yen | null;
  patentCostYen: Yen;
  /** 打率: licences ÷ applications. */
  licenceRate: Ratio<number>;
  /** 打点: licence income ÷ (personnel + patent costs); null bp when personnel cost is not recorded. */
  profitability: { bp: number | null; numerator: Yen; denominator: Yen | null };
  /** ホームラン率: commercialisations ÷ cumulative licences. */
  commercialisationRate: Ratio<number>;
  homeRunThresholdYen: Yen;
  /** Assets whose licence income in the year is at least the threshold. */
  homeRunAssets: number;
  homeRunAssetIds: string[];
  derivedProjects: number;
}

export function computeMetrics(f: MetricFacts): Metrics {
  if (f.homeRunThresholdYen <= 0n) throw new RangeError('home-run threshold must be positive');
  const costs = f.personnelCostYen === null ? null : f.personnelCostYen + f.patentCostYen;
  const profitability =
    costs === null
      ? { bp: null, numerator: f.licenceIncomeYen, denominator: null }
      : ratioBp(f.licenceIncomeYen, costs);
  const homeRuns = f.incomeByAsset
    .filter((a) => a.incomeYen >= f.homeRunThresholdYen)
    .map((a) => a.assetId)
    .sort();
  return {
    applications: f.applications,
    grants: f.grants,
    licences: f.licences,
    cumulativeLicences: f.cumulativeLicences,
    commercialisations: f.commercialisations,
    licenceIncomeYen: f.licenceIncomeYen,
    personnelCostYen: f.personnelCostYen,
    patentCostYen: f.patentCostYen,
    licenceRate: ratioBp(f.licences, f.applications),
    profitability,
    commercialisationRate: ratioBp(f.commercialisations, f.cumulativeLicences),
    homeRunThresholdYen: f.homeRunThresholdYen,
    homeRunAssets: homeRuns.length,
    homeRunAssetIds: homeRuns,
    derivedProjects: f.derivedProjects,
  };
}

export const KPIS = [
  'company_investment_multiple',
  'large_joint_research_count',
  'large_joint_research_multiple',
] as const;
export type Kpi = (typeof KPIS)[number];

/** A ≥ ¥10M joint research project (S0/S4 "大型共同研究"). */
export const LARGE_JOINT_RESEARCH_YEN: Yen = 10_000_000n;

export interface KpiFacts {
  kpi: Kpi;
  /** Target in hundredths (×3 → 300, 12 projects → 1200): the API takes up to two decimals. */
  targetCenti: bigint;
  /** The KPI's figure in the base fiscal year (company money in yen, or a count of projects). */
  baseValue: bigint;
  /** The same figure in the fiscal year measured. */
  actualValue: bigint;
}

export interface KpiProgress {
  /** The actual: a multiple of the base year (bp, with terms) or a plain count. */
  actual: Ratio<bigint> | { count: bigint };
  /** actual ÷ target in bp (10000 = target reached), truncated; null when the base year is 0 for a multiple. */
  progressBp: number | null;
  achieved: boolean | null;
}

export function kpiProgress(f: KpiFacts): KpiProgress {
  if (f.targetCenti <= 0n) throw new RangeError('target must be positive');
  if (f.kpi === 'large_joint_research_count') {
    // count ÷ (targetCenti / 100), in bp
    const progressBp = Number((f.actualValue * 100n * BP_DENOMINATOR) / f.targetCenti);
    return {
      actual: { count: f.actualValue },
      progressBp,
      achieved: f.actualValue * 100n >= f.targetCenti,
    };
  }
  const actual = ratioBp(f.actualValue, f.baseValue);
  if (f.baseValue === 0n) return { actual, progressBp: null, achieved: null };
  // (actual ÷ base) ÷ (targetCenti / 100), in bp — one division, so no double truncation.
  const progressBp = Number(
    (f.actualValue * 100n * BP_DENOMINATOR) / (f.baseValue * f.targetCenti),
  );
  return { actual, progressBp, achieved: f.actualValue * 100n >= f.baseValue * f.targetCenti };
}

/** The IPC class of a stored symbol: section + two digits ("H01M 10/052" → "H01"). */
export function ipcClassOf(technologyField: string): string {
  return technologyField.slice(0, 3);
}

/** The n most frequent IPC classes; ties by class symbol, so the order is stable. */
export function topIpcClasses(
  fields: readonly string[],
  n = 5,
): { ipcClass: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const f of fields) counts.set(ipcClassOf(f), (counts.get(ipcClassOf(f)) ?? 0) + 1);
  return [...counts.entries()]
    .map(([ipcClass, count]) => ({ ipcClass, count }))
    .sort((a, b) => b.count - a.count || (a.ipcClass < b.ipcClass ? -1 : 1))
    .slice(0, n);
}
